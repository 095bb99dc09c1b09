"""An item of a plain list (a numbered name, no value column) answers by its name in its table, not by an empty
value (tests/data/facts/d8df85cac631ac19.md: TP.HCM's list of the Department of Home Affairs' procedures to
simplify, "STT | Tên thủ tục hành chính", 53 rows without a value cell)."""
from __future__ import annotations

from pathlib import Path

from assistant.evidence import Coverage, content_tokens
from assistant.question.question import analyse
from assistant.row_writing import row_answer_text
from index.lexical import BM25
from ingest.pipeline import load_document

PLAN = Path(__file__).parent / "data" / "facts" / "d8df85cac631ac19.md"


def test_a_list_item_is_answered_by_its_name_not_an_empty_value():
    doc = load_document(PLAN)
    row = next(r for r in doc.rows if r.label.startswith("Cấp giấy phép hoạt động dịch vụ việc làm"))
    assert not row.cells  # a list of names: no column states a value
    bm25 = BM25()
    bm25.add([c.chunk_id for c in doc.chunks], [c.search_text for c in doc.chunks])
    coverage = Coverage(bm25)
    q = analyse("Phương án đơn giản hóa có thủ tục cấp giấy phép hoạt động dịch vụ việc làm của doanh nghiệp không?")
    text = row_answer_text(row, q, content_tokens(q, True, known=coverage.df), coverage, "Thành phố Hồ Chí Minh")
    assert f"“{row.number}. {row.label}”" in text
    assert " — ." not in text and text.rstrip().endswith(".")
