"""read_file: every input format, every bad input with its error and message, legacy encodings."""
from __future__ import annotations

import codecs
import unicodedata
import zipfile
from pathlib import Path

import pytest

from ground.errors import (
    BinaryFileError,
    EmptyFileError,
    EncodingError,
    IngestError,
    NeedsOCRError,
    UnsupportedFormatError,
)
from ingest.readers.legacy import (
    VNI_TO_UNICODE,
    convert_legacy,
    detect_legacy,
    encode_tcvn3,
    encode_vni,
    looks_vietnamese,
)
from ingest.readers.registry import read_file

try:
    from fixtures_build import build_docx, build_image_pdf, build_text_pdf, encode_cp1258, find_font
except ImportError:  # tests/ collected as a package
    from tests.fixtures_build import build_docx, build_image_pdf, build_text_pdf, encode_cp1258, find_font

ROOT = Path(__file__).resolve().parent.parent
AN_GIANG = ROOT / "corpus" / "000_b12ca13682d2ba48.txt"
SAMPLE = ("Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\n"
          "Kế hoạch triển khai thực hiện Nghị quyết số 68/NQ-CP về chính sách xã hội, "
          "nâng cao chất lượng cuộc sống của người dân trên địa bàn tỉnh.")
# TCVN3 cannot tell "Ủy" from "ủy" (the capitals font drew the same byte), so a
# faithful round trip needs capitals only at the start of plain letters or in all-caps lines.
TCVN3_SAMPLE = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                "Kế hoạch triển khai thực hiện Nghị quyết số 68/NQ-CP về chính sách xã hội, "
                "nâng cao chất lượng cuộc sống của người dân trên địa bàn tỉnh Kon Tum.")


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


# --- plain text ---------------------------------------------------------------

def test_shipped_plan_reads_unchanged():
    text, fmt, warnings = read_file(AN_GIANG)
    assert fmt == "txt" and warnings == []
    assert text == unicodedata.normalize("NFC", AN_GIANG.read_text("utf-8"))
    assert text.startswith(" KẾ HOẠCH\nTriển khai thực hiện Nghị quyết số 68/NQ-CP")


def test_markdown_and_line_ends_and_nfc(tmp_path):
    nfd = unicodedata.normalize("NFD", "# Kế hoạch\r\nMục tiêu\rđến 2030\fTrang 2")
    text, fmt, _ = read_file(write(tmp_path, "plan.MD", nfd))
    assert fmt == "md"
    assert text == "# Kế hoạch\nMục tiêu\nđến 2030\nTrang 2"


@pytest.mark.parametrize("bom, codec", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                                        (codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF32_LE, "utf-32-le")])
def test_byte_order_marks(tmp_path, bom, codec):
    text, _, warnings = read_file(write(tmp_path, "a.txt", bom + SAMPLE.encode(codec)))
    assert text == SAMPLE and warnings == []


def test_utf16_without_bom_is_decoded_with_a_warning(tmp_path):
    text, _, warnings = read_file(write(tmp_path, "a.txt", SAMPLE.encode("utf-16-le")))
    assert text == SAMPLE
    assert "UTF-16-LE" in warnings[0]


def test_windows_1258_fallback(tmp_path):
    text, _, warnings = read_file(write(tmp_path, "a.txt", encode_cp1258(SAMPLE)))
    assert text == SAMPLE
    assert "Windows-1258" in warnings[0]


def test_latin1_that_is_not_vietnamese_is_refused_with_offset(tmp_path):
    p = write(tmp_path, "a.txt", "Café crème et thé au lait, s'il vous plaît.".encode("latin-1"))
    with pytest.raises(EncodingError) as err:
        read_file(p)
    msg = str(err.value)
    assert "byte offset 3" in msg and "0xE9" in msg and "UTF-8" in msg and str(p) in msg


def test_invalid_utf8_names_the_offset(tmp_path):
    data = SAMPLE.encode("utf-8")
    bad = data[:40] + b"\x81\x8d\xff" + data[40:]
    with pytest.raises(EncodingError, match="byte offset 40"):
        read_file(write(tmp_path, "a.txt", bad))


def test_bad_bytes_after_a_bom(tmp_path):
    with pytest.raises(EncodingError, match="byte offset 10"):
        read_file(write(tmp_path, "a.txt", codecs.BOM_UTF8 + b"Ke hoac\xff"))


# --- bad inputs ----------------------------------------------------------------

def test_empty_and_blank_files(tmp_path):
    with pytest.raises(EmptyFileError, match="empty"):
        read_file(write(tmp_path, "a.txt", b""))
    with pytest.raises(EmptyFileError, match="no text"):
        read_file(write(tmp_path, "b.md", "  \n\t\n"))


@pytest.mark.parametrize("data, found", [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG image"),
    (b"\x7fELF\x02\x01\x01" + bytes(100), "ELF executable"),
    (b"\xff\xd8\xff\xe0" + bytes(50), "JPEG image"),
    (b"\x1f\x8b\x08\x00" + bytes(50), "gzip"),
    (b"abc\x00def\x00" * 20, "NUL bytes"),
    (bytes([1, 2, 3, 4, 5, 6, 65, 66]) * 50, "control characters"),
])
def test_binary_renamed_txt(tmp_path, data, found):
    with pytest.raises(BinaryFileError, match=found):
        read_file(write(tmp_path, "photo.txt", data))


def test_scan_image_renamed_txt_suggests_ocr(tmp_path):
    with pytest.raises(BinaryFileError, match="tesseract"):
        read_file(write(tmp_path, "scan.txt", b"\x89PNG\r\n\x1a\n" + bytes(64)))


def test_zip_docx_and_pdf_renamed_txt(tmp_path):
    z = tmp_path / "x.zip"
    with zipfile.ZipFile(z, "w") as f:
        f.writestr("data.csv", "a,b\n")
    with pytest.raises(BinaryFileError, match="ZIP archive"):
        read_file(write(tmp_path, "a.txt", z.read_bytes()))
    docx = build_docx(tmp_path / "d.docx", ["Kế hoạch"])
    with pytest.raises(BinaryFileError, match="rename it to .docx"):
        read_file(write(tmp_path, "b.txt", docx.read_bytes()))
    with pytest.raises(BinaryFileError, match="rename it to .pdf"):
        read_file(write(tmp_path, "c.txt", b"%PDF-1.7\n%..."))
    with pytest.raises(UnsupportedFormatError, match="RTF"):
        read_file(write(tmp_path, "d.txt", b"{\\rtf1\\ansi Ke hoach}"))


@pytest.mark.parametrize("name", ["plan.odt", "plan.xls", "README", "plan.txt.bak"])
def test_unknown_extension_lists_supported(tmp_path, name):
    with pytest.raises(UnsupportedFormatError) as err:
        read_file(write(tmp_path, name, "Kế hoạch"))
    assert ".txt, .md, .pdf, .docx, .html, .htm, .xlsx, .doc, .rtf" in str(err.value)


def test_size_limit(tmp_path):
    p = write(tmp_path, "big.txt", "Kế hoạch " * 200)
    with pytest.raises(IngestError) as err:
        read_file(p, max_bytes=1000)
    assert "1,000 bytes limit" in str(err.value) and "ASSISTANT_MAX_FILE_MB=" in str(err.value)
    assert read_file(p, max_bytes=10_000)[0].startswith("Kế hoạch")


def test_missing_file(tmp_path):
    with pytest.raises(IngestError, match="not found"):
        read_file(tmp_path / "nope.txt")


# --- PDF -------------------------------------------------------------------------

needs_font = pytest.mark.skipif(find_font() is None, reason="DejaVuSans.ttf (fonts-dejavu-core) not installed")


@needs_font
def test_pdf_text_layer(tmp_path):
    page1 = ["KẾ HOẠCH", "Triển khai thực hiện Nghị quyết số 68/NQ-CP ngày 09 tháng 5 năm 2024",
             "Tỷ lệ hộ nghèo đa chiều giảm bình quân 1-1,5%/năm"]
    page2 = ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Phước"]
    text, fmt, warnings = read_file(build_text_pdf(tmp_path / "plan.pdf", [page1, page2]))
    assert fmt == "pdf" and warnings == []
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    assert lines == page1 + page2  # pages in order, joined with "\n"
    assert text == unicodedata.normalize("NFC", text)


@pytest.fixture
def no_tesseract(monkeypatch, tmp_path):
    """The tesseract engine chosen, on a PATH where it cannot be found: the reader must say what to install."""
    from ingest.ocr import engines as ocr

    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setenv("ASSISTANT_OCR", "tesseract")
    ocr.missing.cache_clear()
    yield
    ocr.missing.cache_clear()


def test_pdf_without_text_layer_needs_ocr(tmp_path, no_tesseract):
    with pytest.raises(NeedsOCRError) as err:
        read_file(build_image_pdf(tmp_path / "scan.pdf", pages=3))
    msg = str(err.value)
    assert "OCR" in msg and "ocrmypdf" in msg and "3 page" in msg and "tesseract-ocr-vie" in msg


@needs_font
def test_pdf_with_some_scanned_pages_warns(tmp_path, no_tesseract):
    pdf = build_text_pdf(tmp_path / "mixed.pdf", [["Kế hoạch triển khai thực hiện chính sách xã hội"], [""]])
    text, _, warnings = read_file(pdf)
    assert "Kế hoạch triển khai" in text
    assert "page(s) 2" in warnings[0] and "ocrmypdf" in warnings[0] and "tesseract-ocr-vie" in warnings[0]


def test_pdf_bad_content(tmp_path):
    with pytest.raises(BinaryFileError, match="PNG image"):
        read_file(write(tmp_path, "a.pdf", b"\x89PNG\r\n\x1a\n" + bytes(64)))
    with pytest.raises(UnsupportedFormatError, match="rename it to .txt"):
        read_file(write(tmp_path, "b.pdf", "Kế hoạch số 422/KH-UBND"))
    with pytest.raises(IngestError, match="cannot be parsed"):
        read_file(write(tmp_path, "c.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage"))


# --- DOCX ------------------------------------------------------------------------

def test_docx_paragraphs_and_table_rows(tmp_path):
    table = [["STT", "Chỉ tiêu", "Đơn vị", "Năm 2025"],
             ["1", "Tỷ lệ hộ nghèo\nđa chiều", "%", "<1,5"],
             ["", "Tỷ lệ  lao động qua đào tạo", "%", ""]]
    path = build_docx(tmp_path / "plan.docx", ["KẾ HOẠCH", "Triển khai thực hiện"], table, ["Nơi nhận:"],
                      merge_first_column=True)
    text, fmt, warnings = read_file(path)
    assert fmt == "docx" and warnings == []
    lines = text.split("\n")
    assert lines[:2] == ["KẾ HOẠCH", "Triển khai thực hiện"]
    assert lines[2] == "STT  Chỉ tiêu  Đơn vị  Năm 2025"
    # a two-paragraph cell stays on its row's line; the merged cell is written once
    assert lines[3] == "1  Tỷ lệ hộ nghèo đa chiều  %  <1,5"
    assert lines[4].split("  ") == ["", "Tỷ lệ lao động qua đào tạo", "%", ""]
    assert lines[5] == "Nơi nhận:"


def test_docx_bad_content(tmp_path):
    z = tmp_path / "x.zip"
    with zipfile.ZipFile(z, "w") as f:
        f.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(BinaryFileError, match="Excel workbook"):
        read_file(write(tmp_path, "a.docx", z.read_bytes()))
    with pytest.raises(UnsupportedFormatError, match="Word 97-2003"):
        read_file(write(tmp_path, "b.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)))
    with pytest.raises(UnsupportedFormatError, match="rename it to .txt"):
        read_file(write(tmp_path, "c.docx", "Kế hoạch"))
    with zipfile.ZipFile(z, "w") as f:
        f.writestr("word/document.xml", "<not-really-xml")
    with pytest.raises(IngestError, match="save it again"):
        read_file(write(tmp_path, "d.docx", z.read_bytes()))


def test_docx_without_text_is_empty(tmp_path):
    with pytest.raises(EmptyFileError):
        read_file(build_docx(tmp_path / "e.docx", ["", "   "]))


# --- legacy encodings --------------------------------------------------------------

def test_brief_examples_convert():
    assert detect_legacy("Céng hoµ x· héi chñ nghÜa ViÖt Nam") == "TCVN3"
    assert convert_legacy("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "TCVN3") == (
        "Cộng hoà xã hội chủ nghĩa Việt Nam", [])
    assert detect_legacy("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam") == "VNI"
    assert convert_legacy("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "VNI") == (
        "Cộng hòa xã hội chủ nghĩa Việt Nam", [])
    # well-known strings, written independently of the tables
    assert convert_legacy("§éc lËp - Tù do - H¹nh phóc", "TCVN3")[0] == "Độc lập - Tự do - Hạnh phúc"
    assert convert_legacy("Ñoäc laäp - Töï do - Haïnh phuùc", "VNI")[0] == "Độc lập - Tự do - Hạnh phúc"
    assert convert_legacy("Uû ban nh©n d©n tØnh", "TCVN3")[0] == "Uỷ ban nhân dân tỉnh"


def test_round_trips_over_a_shipped_plan():
    plan = AN_GIANG.read_text("utf-8")[:6000]
    assert convert_legacy(encode_vni(plan), "VNI") == (plan, [])
    assert detect_legacy(encode_vni(plan)) == "VNI"
    assert detect_legacy(encode_tcvn3(plan)) == "TCVN3"
    # TCVN3 loses only the capital of a toned letter inside a mixed-case word
    back, left = convert_legacy(encode_tcvn3(plan), "TCVN3")
    assert left == [] and back.lower() == plan.lower()
    assert convert_legacy(encode_tcvn3(TCVN3_SAMPLE), "TCVN3") == (TCVN3_SAMPLE, [])


def test_every_vietnamese_letter_round_trips():
    letters = sorted(set(VNI_TO_UNICODE.values()))
    assert len(letters) == 134  # 67 small + 67 capital letters with marks
    word = " ".join(letters)
    assert convert_legacy(encode_vni(word), "VNI")[0] == word
    small = " ".join(c for c in letters if c.islower())
    assert convert_legacy(encode_tcvn3(small), "TCVN3")[0] == small


def test_detection_is_a_ratio_not_one_word():
    assert detect_legacy("This English report mentions ViÖt once among many plain words here.") is None
    assert detect_legacy("Die Größe der Flüsse ändert sich über das Jahr hinweg, sagt der Bericht.") is None
    assert detect_legacy("« Bonjour » dit-il, très ému, à la gare de Lyon près du café.") is None
    assert detect_legacy(AN_GIANG.read_text("utf-8")) is None  # Unicode Vietnamese


@pytest.mark.parametrize("encoder, name", [(encode_tcvn3, "TCVN3"), (encode_vni, "VNI")])
@pytest.mark.parametrize("as_bytes", [True, False])
def test_legacy_files_are_converted_with_a_warning(tmp_path, encoder, name, as_bytes):
    legacy = encoder(TCVN3_SAMPLE)
    data = legacy.encode("cp1252") if as_bytes else legacy.encode("utf-8")
    text, _, warnings = read_file(write(tmp_path, "old.txt", data))
    assert text == TCVN3_SAMPLE
    assert name in warnings[0] and "Unicode" in warnings[0]


def test_legacy_docx_is_converted(tmp_path):
    path = build_docx(tmp_path / "old.docx", encode_vni(SAMPLE).split("\n"))
    text, _, warnings = read_file(path)
    assert text == SAMPLE and "VNI" in warnings[0]


def test_legacy_that_cannot_be_converted_is_refused(tmp_path):
    broken = encode_tcvn3(TCVN3_SAMPLE) + " Ã À ð"  # letters TCVN3 never produces
    with pytest.raises(EncodingError) as err:
        read_file(write(tmp_path, "old.txt", broken))
    msg = str(err.value)
    assert "looks like TCVN3" in msg and "legacy encoding" in msg and "Unicode" in msg and "UniKey" in msg
    assert "Ã" in msg


def test_looks_vietnamese():
    assert looks_vietnamese(SAMPLE)
    assert not looks_vietnamese("The quick brown fox jumps over the lazy dog")
    assert not looks_vietnamese(convert_legacy(encode_cp1258(SAMPLE).decode("cp1252"), "TCVN3")[0])
