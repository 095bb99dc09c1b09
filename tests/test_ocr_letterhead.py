"""A scan's letterhead read as a text PDF's: the issuer's column and the Quốc hiệu's kept apart, so the
issuer, its province and the number come out of a scan as out of the PDF.

The files are page 1 of image-only scans (``bench/ocr_scans.py``: 200 dpi, blur, noise, 0.6° skew) of
the Word renderings of two real 2025 letters of ``../shared/real/docs`` (see ``tests/data/README.md``);
the expected values were checked by hand against the crawled pages. OCR by the default engine
(ASSISTANT_OCR, trueocr); each test skips, saying what to install, where it is missing.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.meta.metadata import extract_metadata
from ingest.ocr.engines import missing
from ingest.readers.registry import read_source

DATA = Path(__file__).parent / "data" / "scans"
needs_ocr = pytest.mark.skipif(missing() is not None,
                               reason="the OCR engine ASSISTANT_OCR names is not installed (pip install trueocr)")


@needs_ocr
def test_letterhead_columns_are_apart_and_give_the_issuer():
    """Thuế tỉnh Tây Ninh, Công văn 3257/TNI-QLDN1: the engine reads "CỤC THUẾ" and "CỘNG HÒA XÃ HỘI CHỦ"
    as one line; joined, the issuer was "Cục Thuế công hòa xã hội chủ thuế tỉnh Tây Ninh"."""
    src = read_source(DATA / "tay-ninh-cong-van-scan_p1.pdf")
    first = src.text.split("\n")[0]
    left, right = first.split("    ", 1)
    assert left.startswith("CỤC THU") and "HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right
    meta = extract_metadata(src.text)
    assert meta.number == "3257/TNI-QLDN1" and meta.province == "Tây Ninh"
    assert meta.date == "2025-12-01"  # "Tây Ninh, ngày 01 tháng 12" / (right column) "năm 2025"
    assert meta.issuer == "Thuế tỉnh Tây Ninh"  # the lower body of "CỤC THUẾ / THUẾ TỈNH TÂY NINH" issues


@needs_ocr
def test_number_line_misread_by_ocr_still_gives_the_number():
    """Cục Thuế, Công văn 5317/CT-CS: "BỘ TÀI CHÍNH / CỤC THUẾ" beside the Quốc hiệu, and "Số:" read
    "Sõ:" by the engine: the number is still the letter's, the issuer the lower body."""
    meta = extract_metadata(read_source(DATA / "cuc-thue-cong-van-scan_p1.pdf").text)
    assert meta.number == "5317/CT-CS" and meta.date == "2025-11-19"
    assert meta.issuer == "Cục Thuế"


def test_ocr_misread_so_is_a_number_only_with_its_colon():
    """The tolerance for a misread "Số:" needs the colon at a column's start: "Sô 12" in prose is no number."""
    assert extract_metadata("BỘ TÀI CHÍNH    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSõ: 12/CT-CS    Hà Nội\n").number \
        == "12/CT-CS"
    assert extract_metadata("Văn bản Sô 12/CT-CS nói về thuế.\n").number is None


@needs_ocr
def test_a_lower_body_whose_name_wraps_is_the_issuer():
    """Kế hoạch 753/KH-DCT (a real scan): "BỘ CÔNG THƯƠNG" over "TRƯỜNG ĐẠI HỌC CÔNG THƯƠNG" over "THÀNH PHỐ
    HỒ CHÍ MINH" in the left column: the school issues, not the ministry and the school together."""
    meta = extract_metadata(read_source(Path(__file__).parent / "data" / "kh753-KH-DCT-2026_scan_p1.pdf").text)
    assert meta.issuer == "Trường đại học công thương thành phố Hồ Chí Minh"


def test_a_place_date_wrapped_in_the_right_column_gives_the_date():
    """The letterhead as the PDF of Công văn 3257/TNI-QLDN1 gives it (``pdf_layout.layout_bands``): the
    date's year is the next line's right column, beside the subject line of the left one."""
    text = ("CỤC THUẾ    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTHUẾ TỈNH TÂY NINH    Độc lập - Tự do - Hạnh phúc\n"
            "Số: 3257/TNI-QLDN1    Tây Ninh, ngày 01 tháng 12\nV/v thuế suất thuế GTGT    năm 2025\n")
    assert extract_metadata(text).date == "2025-12-01"


@needs_ocr
def test_a_wrong_tone_on_the_issuer_s_place_still_gives_the_province():
    """Ủy ban nhân dân Thành phố Hồ Chí Minh, Công văn 4085/UBND-ĐT (``hcm-cong-van-scan_p1.pdf``): the engine
    reads "THÀNH PHỐ HỐ CHÍ MINH"; the province was None, and every question naming the city was answered
    "no document of that place"."""
    meta = extract_metadata(read_source(DATA / "hcm-cong-van-scan_p1.pdf").text)
    assert meta.province == "Thành phố Hồ Chí Minh"
    assert meta.number == "4085/UBND-ĐT"


@needs_ocr
def test_the_body_under_the_recipients_is_no_column_of_the_letterhead():
    """The same scan: the body's first lines, printed across the page under the "Kính gửi" list, were split
    at the word space over the page's middle and kept in the letterhead's two columns ("Xét báo cáo, đế xuất
    của Sở Xây    Thành phố;" / "15972/SXD-QLN& TTBĐS ngày 14"), so no question on that paragraph was
    answered from the scan."""
    lines = read_source(DATA / "hcm-cong-van-scan_p1.pdf").text.split("\n")
    body = next(ln for ln in lines if ln.startswith("Xét báo cáo"))
    assert "    " not in body and body.rstrip().endswith("Công văn số")
    assert any(ln.startswith("Kính gửi:    - ") for ln in lines)  # the recipients stay beside their label


@needs_ocr
def test_a_scanned_signing_block_cut_by_a_page_break_is_one_block():
    """Công văn 11554/VPCP-V.I, scan of pages 4–5: "KT. BỘ TRƯỞNG, CHỦ" at the foot of page 4 beside "Nơi
    nhận: - Như trên;", "NHIỆM / PHÓ CHỦ NHIỆM / Trịnh Mạnh Linh" atop page 5 beside the rest of the
    recipients. Written as one block after the recipients, who signed is quoted whole; page 5, all of
    whose text went up to page 4, is no blank page."""
    from ingest.pipeline import parse_text

    src = read_source(DATA / "vpcp-cv11554-scan_p4-5.pdf")
    doc = parse_text(src.text, "scan.pdf", src.format, src.warnings, blocks=src.blocks)
    start, end = doc.meta.signer_span
    assert doc.text[start:end] == "KT. BỘ TRƯỞNG, CHỦ NHIỆM\nPHÓ CHỦ NHIỆM\nTrịnh Mạnh Linh"
    assert not any("no text layer and OCR found no text" in w for w in src.warnings)
