"""OCR'd tone marks put back by the dictionary (``ingest.ocr.ocr_spelling``): on the engine's real misreads and on
real scanned pages.

The lines are what trueocr read on the made scans of ``bench.format_questions`` (200 dpi, blur, noise,
0.6° skew; real 2025 letters of ``../shared/real/docs``); the pages are ``tests/data/scans`` (see
``tests/data/README.md``). The page tests skip, saying what to install, where the engine is missing.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from ingest.meta.metadata import extract_metadata
from ingest.ocr import ocr_spelling
from ingest.ocr.engines import missing
from ingest.ocr.ocr_spelling import correct_line
from ingest.readers.registry import read_source

DATA = Path(__file__).parent / "data" / "scans"
needs_ocr = pytest.mark.skipif(missing() is not None,
                               reason="the OCR engine ASSISTANT_OCR names is not installed (pip install trueocr)")
needs_dictionary = pytest.mark.skipif(ocr_spelling.lexicon() is None,
                                      reason="underthesea's word list is missing (pip install underthesea)")


@needs_dictionary
@pytest.mark.parametrize(("read", "unsure", "printed"), [  # unsure: the engine's confidence below 0.9
    ("liễn với dữ liệu đắt đai, tọa độ", "10001000", "liền với dữ liệu đất đai, tọa độ"),  # ă for â
    ("THÀNH PHỐ HỐ CHÍ MINH", "11100", "THÀNH PHỐ HỒ CHÍ MINH"),  # the province's name, upper case kept
    ("Chủ tịch Úy ban nhân dân Thành phố", "00100000", "Chủ tịch Ủy ban nhân dân Thành phố"),
    ("V/v thuế suắt thuế GTGT", "01010", "V/v thuế suất thuế GTGT"),  # "V/v" is no syllable: left as it is
    ("khẫu trừ được áp dụng mức thuế suất", "10000011", "khấu trừ được áp dụng mức thuế suất"),
    ("nhân dân các phường, xã, đặc khu tố chức rà soát", "00000001000", "nhân dân các phường, xã, đặc khu tổ chức rà soát"),
    ("nghiêm túc triển khai thực hiện đẩy đủ các nội", "0000001000", "nghiêm túc triển khai thực hiện đầy đủ các nội"),
    ("THỦ TUỨNG", "00", "THỦ TƯỚNG"),  # read with confidence, but no word: a letter misread
])
def test_misread_marks_are_put_back(read, unsure, printed):
    assert correct_line(read, doubtful=[flag == "1" for flag in unsure]) == printed


@needs_dictionary
def test_what_the_engine_read_with_confidence_stays():
    # "đắt" (dear) is a word: read with confidence, it is not taken for "đất" beside "đai"
    assert correct_line("giá đắt đai", doubtful=[False, False, False]) == "giá đắt đai"
    # unsure, it is
    assert correct_line("giá đắt đai", doubtful=[False, True, False]) == "giá đất đai"


@needs_dictionary
def test_a_word_the_document_reads_often_is_not_a_rarer_one():
    """"đẳng áp" (isobaric) is a dictionary word; "đang áp dụng", with "đang" read elsewhere in the document
    as often as "đẳng", stays."""
    assert correct_line("đang áp dụng", Counter({"đang": 4}), [True, False, False]) == "đang áp dụng"


@needs_dictionary
def test_ambiguous_and_unknown_readings_are_left_as_read():
    # "bản đổ địa": "bản đồ" on the left, "độ địa" on the right: the two words disagree, nothing changes
    assert correct_line("bản đổ địa chính", doubtful=[False, True, False, False]) == "bản đổ địa chính"
    # "tiển": tiền, tiến, tiễn, … are all one mark away and the document says nothing: left
    assert correct_line("khoản tiển người", doubtful=[False, True, False]) == "khoản tiển người"
    # the document reads "tiền" with confidence: that is its reading
    assert correct_line("khoản tiển người", Counter({"tiền": 5, "tiến": 1}), [False, True, False]) \
        == "khoản tiền người"
    assert correct_line("Công Ty TNHH Khuôn Mẫu Yong Hong") == "Công Ty TNHH Khuôn Mẫu Yong Hong"  # a name


@needs_dictionary
def test_a_signer_name_is_not_a_commoner_word():
    """KH 7360/KH-UBND Lai Châu: "Tống Thanh Hải" signs, "Tống" read unsure; the document reads "tổng" often
    and "tống" never, yet a capitalised syllable may be a name (it became "Tổng Thanh Hải")."""
    assert correct_line("Tống Thanh Hải", Counter({"tổng": 6}), [True, False, False]) == "Tống Thanh Hải"
    assert correct_line("tống hợp", Counter({"tổng": 6}), [True, False]) == "tổng hợp"  # in running text it is


def test_without_the_dictionary_the_text_is_as_read(monkeypatch):
    monkeypatch.setattr(ocr_spelling, "_dictionary_file", lambda: None)
    ocr_spelling.lexicon.cache_clear()
    try:
        assert correct_line("THÀNH PHỐ HỐ CHÍ MINH") == "THÀNH PHỐ HỐ CHÍ MINH"
    finally:
        ocr_spelling.lexicon.cache_clear()


@needs_ocr
@needs_dictionary
def test_a_scanned_letterhead_names_its_city_right():
    """UBND TP Hồ Chí Minh, Công văn 4085/UBND-ĐT: the engine reads "HỐ CHÍ MINH", "Hổ Chí Minh", "chuẫn hóa",
    "đắt đai"; the issuer was "Ủy ban nhân dân thành phố Hố Chí Minh"."""
    src = read_source(DATA / "hcm-cong-van-scan_p1.pdf")
    assert "THÀNH PHỐ HỒ CHÍ MINH" in src.text and "Thành phố Hồ Chí Minh, ngày" in src.text
    for u in (u for b in src.blocks for u in b.unsure):  # the unsure words' spans did not move
        assert src.text[u.start:u.end] == u.text
    meta = extract_metadata(src.text)
    assert meta.issuer == "Ủy ban nhân dân thành phố Hồ Chí Minh"
    assert meta.title.startswith("V/v rà soát và chuẩn hóa dữ liệu số nhà")
    assert "dữ liệu đất đai" in meta.title


@needs_ocr
@needs_dictionary
def test_a_scanned_subject_reads_thue_suat():
    """Thuế tỉnh Tây Ninh, Công văn 3257/TNI-QLDN1: the subject line was read "thuế suắt"."""
    meta = extract_metadata(read_source(DATA / "tay-ninh-cong-van-scan_p1.pdf").text)
    assert meta.title == "V/v thuế suất thuế GTGT"


@needs_dictionary
@pytest.mark.parametrize(("read", "confidence", "printed"), [
    # Tây Ninh tax letter as scanned (bench.format_questions; the engine's own confidences): "vế" read at
    # 0.94 makes no word with "định" nor "giểm", "về" does with "định" and is far the commoner
    ("+ Tại Điểu 1 quy định vế giểm thuế giá trị gia tăng:",
     [1.0, 1.0, 0.579, 1.0, 0.997, 1.0, 0.939, 0.655, 0.913, 1.0, 0.996, 1.0, 0.826],
     "+ Tại Điểu 1 quy định về giểm thuế giá trị gia tăng:"),  # (the rest is left to the other rules)
    # read at 1.0 "than" and "bán" stay, though "hàng than" and "bán ra" are no dictionary word
    ("với mặt hàng than khai thác bán ra (bao gốm cả trường hợp than",
     [1.0, 0.999, 0.999, 1.0, 1.0, 0.999, 1.0, 1.0, 1.0, 0.905, 0.98, 1.0, 1.0, 1.0],
     "với mặt hàng than khai thác bán ra (bao gồm cả trường hợp than"),
])
def test_a_confident_misreading_that_makes_no_word_is_put_back(read, confidence, printed):
    doubtful = [c < ocr_spelling.SURE for c in confidence]
    hedged = [c < ocr_spelling.CERTAIN for c in confidence]
    assert correct_line(read, doubtful=doubtful, hedged=hedged) == printed
