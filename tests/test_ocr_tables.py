"""A scanned table read as the text PDF's is: its header row alone at a page's foot, a row going on over two
page breaks, words and codes cut by narrow columns joined, the unsure words' spans kept.

The file is pages 3–5 of an image-only scan (``bench/ocr_scans.py``: 200 dpi, blur, noise, 0.6° skew) of the
Word rendering of a real 2025 decision (UBND tỉnh Bắc Ninh, Quyết định 1486/QĐ-UBND, ``43ce594e2a648040`` of
``../shared/real/docs``; see ``tests/data/README.md``). The expected cells were checked against the crawled
page. OCR by the default engine (ASSISTANT_OCR, trueocr); the test skips, saying what to install, where it is
missing.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.ocr.engines import missing
from ingest.pipeline import load_document

SCAN = Path(__file__).parent / "data" / "scans" / "bac-ninh-qd-scan_p3-5.pdf"
needs_ocr = pytest.mark.skipif(missing() is not None,
                               reason="the OCR engine ASSISTANT_OCR names is not installed (pip install trueocr)")


@pytest.fixture(scope="module")
def doc():
    return load_document(SCAN)


@needs_ocr
def test_a_header_at_a_page_foot_heads_the_rows_of_the_next_page(doc):
    """Page 3 ends on the header row ("TT | Mã TTHC | … | Phí, lệ phí | …"); the rows are on pages 4–5. Each
    page's table was read apart: the rows had no headers ("Cột 2") and the header row was a paragraph."""
    first = next(r for r in doc.rows if r.label and r.label.startswith("Cấp chứng chỉ"))
    headers = [c.header for c in first.cells]
    assert headers[:5] == ["Mã TTHC", "Cách thức thực hiện", "Địa điểm thực hiện", "Thời hạn giải quyết",
                           "Phí, lệ phí"]
    assert first.number == "1."


@needs_ocr
def test_a_row_goes_on_over_two_page_breaks(doc):
    """The fee cell starts on page 4 ("0 đồng đối với cá nhân đạt kỳ thi …; 100.000 đồng đối với các trường hợp:
    … nhưng do") and goes on at the top of page 5 ("thay đổi thông tin trên chứng chỉ"), a page of ruled columns
    with no rule across it, which was not read as a table at all."""
    first = next(r for r in doc.rows if r.label and r.label.startswith("Cấp chứng chỉ"))
    fee = next(c.text for c in first.cells if c.header == "Phí, lệ phí")
    assert "100.000" in fee and "thông tin trên chứng chỉ" in fee
    assert fee.index("100.000") < fee.index("thông tin trên chứng chỉ")


@needs_ocr
def test_codes_and_words_cut_by_a_narrow_column_are_joined(doc):
    """"1.012" / "507. H05" on two lines of one cell is the code "1.012507. H05" (it was "1.012 507. H05"), and
    "nghiệ" / "p" the word "nghiệp" ("sự nghiệ p công lập"); "hồ" / "sơ" keep their space."""
    first = next(r for r in doc.rows if r.label and r.label.startswith("Cấp chứng chỉ"))
    cells = {c.header: c.text for c in first.cells}
    assert cells["Mã TTHC"] == "1.012507. H05"
    assert "Đơn vị sự nghiệp công lập" in cells["Địa điểm thực hiện"]


@needs_ocr
def test_unsure_words_keep_their_spans_in_continued_rows(doc):
    doubts = [u for r in doc.rows for u in r.unsure] + [u for c in doc.chunks for u in c.unsure]
    assert doubts
    assert all(doc.text[u.start:u.end] == u.text for u in doubts)
