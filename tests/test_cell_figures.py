"""A long cell is quoted by the sentences holding the figures the question quotes, beside the words it quotes them
with; a procedure list naming an address in a cell keeps its rows (tests/data/fees: two real decisions listing the
same procedure with a fee of five tiers)."""
from __future__ import annotations

from pathlib import Path

import pytest

from assistant.evidence import Coverage, content_tokens
from assistant.question.question import analyse
from assistant.row_writing import cell_quote
from index.lexical import BM25
from ingest.pipeline import load_document

FEES = Path(__file__).parent / "data" / "fees"
BAC_NINH, HCMC = FEES / "cc392cdbbc87983e.md", FEES / "d5015b24faef2597.md"


def _fee(path: Path):
    """The procedure's fee cell and a coverage over its document's chunks."""
    doc = load_document(path)
    row = next(r for r in doc.rows if "thăm dò khoáng sản" in r.label)
    cell = next(c for c in row.cells if c.header.startswith("Phí"))
    bm25 = BM25()
    bm25.add([c.chunk_id for c in doc.chunks], [c.search_text for c in doc.chunks])
    return doc, row, cell, Coverage(bm25)


def _quote(path: Path, question: str) -> str:
    _doc, _row, cell, coverage = _fee(path)
    q = analyse(question)
    return cell_quote(cell.text, content_tokens(q, True, known=coverage.df), coverage, q, keep=1)


def test_the_bac_ninh_list_keeps_its_rows_though_a_cell_names_an_address():
    doc, row, cell, _ = _fee(BAC_NINH)
    assert any("địa chỉ:" in c.text for c in row.cells)  # the cell that once made the table a metadata box
    assert any(c.text.replace(" ", "") == "1.014466.H05" for c in row.cells)
    assert " ".join(doc.text[cell.start:cell.end].split()).startswith("Tổng chi phí thăm dò khoáng sản thực tế")


@pytest.mark.parametrize("path", [BAC_NINH, HCMC])
def test_the_tier_printed_as_asked_is_quoted(path):
    # "trên 20 tỷ đồng" is in two tiers' sentences ("Trên 10 đến 20 tỷ đồng", "Trên 20 tỷ đồng"): the one that
    # prints "trên 20" as the question does
    got = _quote(path, "Mức thu phí thẩm định công nhận kết quả thăm dò khoáng sản khi tổng chi phí thăm dò thực tế "
                       "trên 20 tỷ đồng là bao nhiêu?")
    assert "85 triệu đồng" in got and "55 triệu" not in got


@pytest.mark.parametrize("path", [BAC_NINH, HCMC])
def test_the_tier_holding_every_figure_asked_is_quoted_in_english(path):
    got = _quote(path, "What appraisal fee is charged for recognising mineral exploration results when the actual "
                       "exploration cost is over 10 and up to 20 billion dong?")
    assert "55 triệu đồng" in got and "0,3%" in got
