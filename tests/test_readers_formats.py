"""read_source: blocks, tables, merged cells and exact spans from every structured format.

Real files: the Nghị định 30/2020/NĐ-CP Word files and one page of a real scan (tests/data,
see its README). Real tables from ../shared/real/docs written as .docx / .xlsx / .html, and as
.pdf / .doc / .rtf by LibreOffice where it is installed (skipped, with the reason, where not).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ground.errors import NeedsOCRError, UnsupportedFormatError
from ingest.readers.blocks import Source
from ingest.readers.legacy import encode_vni
from ingest.readers.registry import SUPPORTED, read_file, read_source

try:
    import table_fixtures as tf
    from fixtures_build import build_image_pdf, build_text_pdf, find_font
except ImportError:  # tests/ collected as a package
    from tests import table_fixtures as tf
    from tests.fixtures_build import build_image_pdf, build_text_pdf, find_font

DATA = Path(__file__).resolve().parent / "data"
ND30 = DATA / "nd30-2020-ND-CP.docx"
SCAN = DATA / "kh753-KH-DCT-2026_scan_p1.pdf"
needs_soffice = pytest.mark.skipif(tf.soffice() is None,
                                   reason="LibreOffice not installed (apt-get install libreoffice-writer-nogui)")
needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="tesseract not installed (apt-get install tesseract-ocr tesseract-ocr-vie)")

needs_ocr = pytest.mark.skipif(__import__("ingest.ocr.engines").ocr.engines.missing() is not None,
                               reason="the OCR engine ASSISTANT_OCR names is not installed (pip install trueocr)")


def assert_spans(src: Source) -> None:
    """Every block and cell slices to its own text; blocks are in order and do not overlap."""
    end = 0
    for b in src.blocks:
        assert end <= b.start <= b.end <= len(src.text)
        end = b.end
        if b.kind == "table":
            for row in b.table.rows:
                for c in row:
                    assert b.start <= c.start <= c.end <= b.end
                    assert " ".join(src.text[c.start:c.end].split()) == c.text
        else:
            assert " ".join(src.text[b.start:b.end].split()) == b.text and b.text


def shape(table) -> list[list[tuple[str, int, int]]]:
    return [[(c.text, c.colspan, c.rowspan) for c in row] for row in table.rows]


def only_table(src: Source):
    tables = src.tables()
    assert len(tables) == 1, [len(t.rows) for t in tables]
    return tables[0]


# --- real Word files ------------------------------------------------------------------

def test_decree_headings_paragraphs_and_layout_tables():
    src = read_source(ND30)
    assert src.format == "docx" and src.warnings == []
    assert_spans(src)
    headings = [b.text for b in src.blocks if b.kind == "heading"]
    for h in ("Chương I", "QUY ĐỊNH CHUNG", "Chương VII", "ĐIỀU KHOẢN THI HÀNH", "QUẢN LÝ VĂN BẢN ĐI"):
        assert h in headings
    assert sum(b.kind == "paragraph" for b in src.blocks) > 250
    # the two borderless layout tables (letterhead, signature) are layout: the letterhead's columns side by
    # side as the page prints them, the signing block after the recipients (quoted whole: "THỦ TƯỚNG …
    # Nguyễn Xuân Phúc"), no table block and so no data rows
    assert src.tables() == []
    assert src.text.startswith("CHÍNH PHỦ    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n")
    assert "\nSố: 30/2020/NĐ-CP    " in src.text and "\n    Hà Nội, ngày 05 tháng 3 năm 2020\n" in src.text
    assert "\nNơi nhận:\n- Ban Bí thư Trung ương Đảng;\n" in src.text
    assert src.text.endswith("\n- Lưu: VT, HC (2).\nTM. CHÍNH PHỦ\nTHỦ TƯỚNG\n[ (Đã ký)\nNguyễn Xuân Phúc\n\n\n")
    assert read_file(ND30) == (src.text, "docx", [])


def test_annex_table_with_two_header_levels():
    """Phụ lục I, table 3: five header cells merged down two rows, "Ví dụ minh hoạ" over four columns."""
    src = read_source(DATA / "nd30-2020-ND-CP_phuluc1.docx")
    assert_spans(src)
    assert [len(t.rows) for t in src.tables()] == [17, 1, 61, 8]  # as SOURCES.md counts them
    t = src.tables()[2]
    assert t.width == 9
    head, sub = shape(t)[:2]
    assert head[:5] == [("STT", 1, 2), ("Thành phần thể thức và chi tiết trình bày", 1, 2), ("Loại chữ", 1, 2),
                        ("Cỡ chữ", 1, 2), ("Kiểu chữ", 1, 2)]
    assert head[5] == ("Ví dụ minh hoạ", 4, 1)
    assert sub == [("Phông chữ Times New Roman", 3, 1), ("Cỡ chữ", 1, 1)]  # the five covered slots are absent
    quoc_hieu = next(r for r in shape(t) if r[1][0] == "- Quốc hiệu")
    assert quoc_hieu[2:5] == [("In hoa", 1, 1), ("12 - 13", 1, 1), ("Đứng, đậm", 1, 1)]
    # the text keeps one row per line, an empty slot for each covered cell
    at = t.rows[1][0].start
    line = src.text[src.text.rfind("\n", 0, at) + 1:].split("\n")[0]
    assert line.split("  ")[:6] == ["", "", "", "", "", "Phông chữ Times New Roman"]


def test_abbreviation_and_data_field_tables():
    src3 = read_source(DATA / "nd30-2020-ND-CP_phuluc3.docx")
    assert_spans(src3)
    abbreviations = {r[1][0]: r[2][0] for r in shape(src3.tables()[0]) if len(r) == 3}
    assert abbreviations["Quyết định (cá biệt)"] == "QĐ" and abbreviations["Chỉ thị"] == "CT"
    # 48 Word tables: the 28 letterheads and signatures of the model layouts are layout, not tables
    assert len(src3.tables()) == 20
    assert src3.text.count("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") + src3.text.count("CỘNG HOÀ XÃ HỘI") == 14
    src6 = read_source(DATA / "nd30-2020-ND-CP_phuluc6.docx")
    assert_spans(src6)
    assert [len(t.rows) for t in src6.tables()] == [24, 24, 15]
    rows = shape(src6.tables()[0])
    assert [c[0] for c in rows[0]] == ["STT", "Trường thông tin", "Tên (viết tắt tiếng Anh)", "Kiểu dữ liệu",
                                       "Độ dài"]
    assert [c[0] for c in rows[3]] == ["1.2", "Năm hình thành hồ sơ", "FileCatalog", "Number", "4"]


# --- real tables in every format ----------------------------------------------------------

BEFORE = ["PHỤ LỤC I", "ĐỊA ĐIỂM, ĐỐI TƯỢNG QUAN TRẮC MÔI TRƯỜNG NUÔI TRỒNG THỦY SẢN NĂM 2026"]
AFTER = ["Tổng số điểm quan trắc được cập nhật theo kết quả rà soát."]


@pytest.mark.parametrize("spec", [tf.MONITORING, tf.TASKS], ids=["monitoring", "tasks"])
def test_docx_table_cells_and_merges(tmp_path, spec):
    src = read_source(tf.write_docx(tmp_path / "t.docx", spec, BEFORE, AFTER))
    assert_spans(src)
    assert shape(only_table(src)) == spec
    assert src.blocks[0].kind == "heading" and src.blocks[0].level == 1 and src.blocks[0].text == BEFORE[0]
    assert src.blocks[-1].text == AFTER[0]


@pytest.mark.parametrize("spec", [tf.MONITORING, tf.TASKS], ids=["monitoring", "tasks"])
def test_xlsx_table_cells_and_merges(tmp_path, spec):
    src = read_source(tf.write_xlsx(tmp_path / "t.xlsx", spec, "Phụ lục I"))
    assert src.format == "xlsx"
    assert_spans(src)
    assert (src.blocks[0].kind, src.blocks[0].text) == ("heading", "Phụ lục I")
    assert shape(only_table(src)) == spec  # 15 written as a number reads "15"


@pytest.mark.parametrize("spec", [tf.MONITORING, tf.TASKS], ids=["monitoring", "tasks"])
def test_html_table_headings_and_chrome(tmp_path, spec):
    src = read_source(tf.write_html(tmp_path / "t.html", spec, BEFORE, AFTER))
    assert src.format == "html"
    assert_spans(src)
    assert shape(only_table(src)) == spec
    assert (src.blocks[0].kind, src.blocks[0].level, src.blocks[0].text) == ("heading", 1, BEFORE[0])
    for chrome in ("Trang chủ", "banner", "color: red"):  # nav, script, style
        assert chrome not in src.text


def test_html_without_charset_is_utf8_and_br_splits_lines(tmp_path):
    p = tmp_path / "a.htm"
    p.write_bytes("<p>Điều 1. Phê duyệt<br>Kế hoạch số 235/KH-UBND</p><div>Nơi nhận:</div>".encode())
    src = read_source(p)
    assert src.text == "Điều 1. Phê duyệt\nKế hoạch số 235/KH-UBND\nNơi nhận:"
    assert [b.text for b in src.blocks] == ["Điều 1. Phê duyệt Kế hoạch số 235/KH-UBND", "Nơi nhận:"]


@needs_soffice
@pytest.mark.parametrize("spec", [tf.MONITORING, tf.TASKS], ids=["monitoring", "tasks"])
def test_pdf_table_from_libreoffice(tmp_path, spec):
    pdf = tf.convert(tf.write_docx(tmp_path / "t.docx", spec, BEFORE, AFTER), "pdf")
    src = read_source(pdf)
    assert src.format == "pdf" and src.warnings == []
    assert_spans(src)
    assert shape(only_table(src)) == spec
    assert src.blocks[0].text == BEFORE[0] and src.blocks[-1].text == AFTER[0]


@needs_soffice
def test_pdf_of_a_real_annex_gives_its_word_tables(tmp_path):
    """Phụ lục VI exported to PDF: its three tables go over page breaks (and past footnotes) and
    come back whole. Where LibreOffice breaks a line or a page depends on the fonts the machine
    has, so what is compared is what no font changes: every table's text, in order, whatever
    the wraps (a "13.1" cut into "1" / "3.1" by a page break is still "13.1"); every row of the
    Word file found, at most one more per table (a row cut by a page break whose pieces cannot be
    told from two rows); and nearly all rows cell for cell."""
    docx = tmp_path / "phuluc6.docx"
    docx.write_bytes((DATA / "nd30-2020-ND-CP_phuluc6.docx").read_bytes())
    src, word = read_source(tf.convert(docx, "pdf")), read_source(docx)
    assert_spans(src)
    tables = src.tables()
    assert len(tables) == len(word.tables()) == 3
    squeeze = lambda cells: "".join("".join(c.text for c in cells).split())  # noqa: E731
    for ta, tb in zip(word.tables(), tables, strict=True):
        assert len(ta.rows) <= len(tb.rows) <= len(ta.rows) + 1, [len(t.rows) for t in tables]
        # each Word row's number and name, in order, in the PDF table's text
        text, at, found = squeeze(c for row in tb.rows for c in row), 0, 0
        for row in ta.rows:
            hit = text.find(squeeze(row[:2]), at)
            if hit >= 0:
                found, at = found + 1, hit
        assert found >= len(ta.rows) - 1, (found, len(ta.rows), text)
    rows_a = [tuple(c.text for c in r) for t in word.tables() for r in t.rows]
    rows_b = {tuple(c.text for c in r) for t in tables for r in t.rows}
    same = sum(r in rows_b for r in rows_a)
    assert same / len(rows_a) > 0.85, [r for r in rows_a if r not in rows_b]
    assert [c.text for c in tables[0].rows[0]][:2] == ["STT", "Trường thông tin"]  # "ST"/"T" rejoined


@needs_soffice
@pytest.mark.parametrize("ext", ["doc", "rtf"])
def test_legacy_word_through_libreoffice(tmp_path, ext):
    legacy = tf.convert(tf.write_docx(tmp_path / "t.docx", tf.MONITORING, BEFORE, AFTER), ext)
    src = read_source(legacy)
    assert src.format == ext
    assert_spans(src)
    assert shape(only_table(src)) == tf.MONITORING


def test_legacy_word_without_libreoffice_names_the_package(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice on it
    p = tmp_path / "cv.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024))
    with pytest.raises(UnsupportedFormatError, match="libreoffice-writer-nogui"):
        read_source(p)
    (tmp_path / "a.rtf").write_bytes(b"Ke hoach")
    with pytest.raises(UnsupportedFormatError, match="plain text"):
        read_source(tmp_path / "a.rtf")


def test_nested_table_kept_in_its_cell_with_a_warning(tmp_path):
    from docx import Document

    doc = Document()
    t = doc.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "Nội dung", "Mức chi"
    t.cell(1, 0).text = "Chi bồi dưỡng"
    inner = t.cell(1, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "Trưởng ban", "500.000 đồng/người/ngày"
    doc.save(str(tmp_path / "n.docx"))
    src = read_source(tmp_path / "n.docx")
    assert_spans(src)
    table = only_table(src)
    assert table.rows[1][1].text == "Trưởng ban 500.000 đồng/người/ngày"
    assert "nested" in table.warnings[0]


def test_content_controls_are_read(tmp_path):
    """Text inside a Word content control (w:sdt), as templates leave it, is part of the document."""
    from docx import Document
    from docx.oxml import OxmlElement

    doc = Document()
    doc.add_paragraph("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch")
    inner = doc.add_paragraph("Điều 2. Quyết định này có hiệu lực kể từ ngày ký.")
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    inner._p.addprevious(sdt)
    sdt.append(content)
    content.append(inner._p)
    doc.save(str(tmp_path / "sdt.docx"))
    src = read_source(tmp_path / "sdt.docx")
    assert [b.text for b in src.blocks] == ["Điều 1. Ban hành kèm theo Quyết định này Kế hoạch",
                                            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký."]


def test_legacy_vni_docx_keeps_exact_spans(tmp_path):
    """VNI → Unicode shortens the text ("Vieät" → "Việt"): spans are computed after the conversion."""
    vni = [[(encode_vni(text), cs, rs) for text, cs, rs in row] for row in tf.MONITORING]
    before = [encode_vni(p) for p in BEFORE] + [encode_vni("Cộng hòa xã hội chủ nghĩa Việt Nam, độc lập tự do")]
    src = read_source(tf.write_docx(tmp_path / "vni.docx", vni, before, []))
    assert "VNI" in src.warnings[0]
    assert_spans(src)
    assert shape(only_table(src)) == tf.MONITORING


def test_supported_lists_every_reader():
    assert set(SUPPORTED) == {"txt", "md", "pdf", "docx", "html", "htm", "xlsx", "doc", "rtf"}


# --- PDF text layer and OCR -----------------------------------------------------------

@pytest.mark.skipif(find_font() is None, reason="DejaVuSans.ttf (fonts-dejavu-core) not installed")
def test_pdf_lines_become_paragraph_blocks(tmp_path):
    pdf = build_text_pdf(tmp_path / "p.pdf", [["KẾ HOẠCH", "Triển khai thực hiện Nghị quyết số 68/NQ-CP"]])
    src = read_source(pdf)
    assert_spans(src)
    assert [b.text for b in src.blocks] == ["KẾ HOẠCH", "Triển khai thực hiện Nghị quyết số 68/NQ-CP"]


@needs_ocr
def test_real_scan_is_read_by_ocr():
    src = read_source(SCAN)
    assert src.format == "pdf" and src.blocks and all(b.ocr for b in src.blocks)  # laid out like a text page
    assert "read by OCR" in src.warnings[0]
    words = " ".join(src.text.split())
    phrases = ("KẾ HOẠCH", "chỉ số hài lòng của người dân", "dịch vụ giáo dục công năm 2026",
               "Bộ Giáo dục và Đào tạo", "1. Mục đích", "2. Yêu cầu thực hiện")
    # OCR misreads a tone mark now and then ("cẩu" for "cầu"; docs/ocr.md): five of the six, word for word
    assert sum(p in words for p in phrases) >= 5, [p for p in phrases if p not in words]


@needs_ocr
def test_blank_scans_with_ocr(tmp_path):
    with pytest.raises(NeedsOCRError, match="OCR .*found no text on them"):
        read_source(build_image_pdf(tmp_path / "blank.pdf", pages=2))


def test_real_scan_without_tesseract_names_the_package(tmp_path, monkeypatch):
    from ingest.ocr import engines as ocr

    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("ASSISTANT_OCR", "tesseract")
    ocr.missing.cache_clear()
    try:
        with pytest.raises(NeedsOCRError, match="tesseract-ocr-vie"):
            read_source(SCAN)
    finally:
        ocr.missing.cache_clear()
