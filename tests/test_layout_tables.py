"""Letterhead and signature tables are layout; every format names the same document the same way.

Real files: the Nghị định 30/2020/NĐ-CP Word files (tests/data, from ../shared/real/wild/), six real
2025 documents written as an office would send them (tests/data/office: the crawled page, its Word
file with borderless letterhead and signature tables, LibreOffice's PDF and web page of it; made by
bench/render_office.py, expected values checked by hand against the crawled pages) and openings of
the ALQAC 2023 law texts (tests/data/alqac).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.pipeline import load_document, parse_text
from ingest.readers.blocks import Cell, Table
from ingest.readers.registry import read_source
from ingest.tables.layout_tables import is_layout_table, side_by_side
from ingest.tables.table_bounds import split_at_titles

DATA = Path(__file__).parent / "data"
OFFICE = DATA / "office"
EXPECTED = json.loads((OFFICE / "expected.json").read_text(encoding="utf-8"))


# --- the four real Word files of Nghị định 30/2020/NĐ-CP, checked by hand against word/document.xml ---

def test_decree_signer_issuer_number_date_from_its_layout_tables():
    doc = load_document(DATA / "nd30-2020-ND-CP.docx")
    m = doc.meta
    assert (m.kind, m.number, m.date, m.issuer, m.province) == ("Nghị định", "30/2020/NĐ-CP", "2020-03-05",
                                                                "Chính phủ", None)
    assert (m.signer, m.signer_title) == ("Nguyễn Xuân Phúc", "THỦ TƯỚNG")  # "TM. CHÍNH PHỦ / THỦ TƯỚNG"
    s, e = m.signer_span
    assert doc.text[e - len("Nguyễn Xuân Phúc"):e] == "Nguyễn Xuân Phúc"
    assert any(c.kind == "signature" for c in doc.chunks)
    assert doc.rows == []  # the letterhead and the signature are no data


@pytest.mark.parametrize("name, title", [
    ("nd30-2020-ND-CP_phuluc1", "Phụ lục I: THỂ THỨC, KỸ THUẬT TRÌNH BÀY VĂN BẢN HÀNH CHÍNH VÀ BẢN SAO VĂN BẢN"),
    ("nd30-2020-ND-CP_phuluc3", "Phụ lục III: BẢNG CHỮ VIẾT TẮT TÊN LOẠI, MẪU TRÌNH BÀY VĂN BẢN HÀNH CHÍNH VÀ "
                                "BẢN SAO VĂN BẢN"),
    ("nd30-2020-ND-CP_phuluc6", "Phụ lục VI: HỆ THỐNG QUẢN LÝ TÀI LIỆU ĐIỆN TỬ"),
])
def test_annex_file_takes_the_number_and_date_its_heading_names(name, title):
    """"Phụ lục I … (Kèm theo Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ)": the
    annex file is of that decree; the model letterheads inside Phụ lục III ("TÊN CƠ QUAN, TỔ CHỨC",
    "NGHỊ QUYẾT") are its content, not its own header."""
    m = load_document(DATA / f"{name}.docx").meta
    assert (m.kind, m.number, m.date, m.issuer, m.province, m.signer) == (
        "Nghị định", "30/2020/NĐ-CP", "2020-03-05", "Chính phủ", None, None)
    assert m.title == title


def test_model_layouts_are_not_data_rows():
    """Phụ lục III: 48 Word tables, 28 of them the letterheads and signatures of the model layouts."""
    doc = load_document(DATA / "nd30-2020-ND-CP_phuluc3.docx")
    assert not any("CỘNG HÒA" in c.text or "Nơi nhận" in c.text for r in doc.rows for c in r.cells)
    abbreviations = {r.label: r.cells[-1].text for r in doc.rows if r.cells}
    assert abbreviations.get("Quyết định (cá biệt)") == "QĐ"


# --- six real documents in every format -----------------------------------------------------------

@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_every_format_reads_the_same_metadata_and_rows(stem):
    text = load_document(OFFICE / f"{stem}.md")
    for ext in ("md", "docx", "html", "pdf"):
        doc = text if ext == "md" else load_document(OFFICE / f"{stem}.{ext}")
        m = doc.meta
        want = EXPECTED[stem]
        got = {"number": m.number, "date": m.date, "province": m.province, "issuer": m.issuer, "signer": m.signer}
        assert got == {k: want[k] for k in got}, ext
        assert " ".join(m.title.lower().split()).startswith(want["title"].lower()), ext
        assert len(doc.rows) == len(text.rows), ext  # every row in every format


def test_pdf_row_cut_by_a_page_break_is_one_row():
    """Đồng Tháp plan, task 1: LibreOffice breaks its row over pages 4 and 5; the PDF reads it whole."""
    rows = load_document(OFFICE / "8718801c503045f9.pdf").rows
    assert [r.locator.rsplit(" › ", 1)[-1] for r in rows][-3:] == ["9", "10", "11"]
    first = rows[0].label
    assert first.startswith("Triển khai nền tảng đào tạo trực tuyến mở đại trà") and \
        first.endswith("kỹ năng số, công nghệ số cơ bản cho người dân, doanh nghiệp.")


def test_pdf_letterhead_columns_side_by_side():
    """The HĐND resolution's PDF: "HỘI ĐỒNG NHÂN DÂN" and "CỘNG HÒA XÃ HỘI CHỦ" share a line, the
    motto's wrapped "NGHĨA VIỆT NAM" stands alone at the right (it was read as the issuer, "Nghĩa Việt
    Nam"): the columns come apart and the right one's wrapped capitals join again."""
    src = read_source(OFFICE / "0eb3b8713cadea8f.pdf")
    assert src.text.startswith("HỘI ĐỒNG NHÂN DÂN    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                               "THÀNH PHỐ HUẾ    Độc lập - Tự do - Hạnh phúc\n")
    assert "\nSố: 33/2025/NQ-HĐND    " in src.text


def test_pdf_signature_with_a_wrapped_title_beside_wrapped_recipients():
    """Thông báo 641/TB-VPCP: "KT. BỘ TRƯỞNG, CHỦ / NHIỆM" wraps in its narrow cell, the signature goes on
    over the page break beside recipients wrapped without their "-"."""
    m = load_document(OFFICE / "abca9704d4c889cd.pdf").meta
    assert (m.signer, m.signer_title) == ("Trịnh Mạnh Linh", "KT. BỘ TRƯỞNG, CHỦ NHIỆM PHÓ CHỦ NHIỆM")


def test_layout_table_rule_on_real_cells():
    """A data table of the same files is no layout; a two-column borderless signature is."""
    src = read_source(DATA / "nd30-2020-ND-CP_phuluc6.docx")
    data = [[[c.text] for c in row] for row in src.tables()[0].rows]
    assert not is_layout_table(data, ruled=True)
    signature = [[["Nơi nhận:", "- Như Điều 4;", "- Lưu: VT."], ["CHỦ TỊCH", "Lê Trường Lưu"]]]
    assert is_layout_table(signature) and is_layout_table([[["", "Lưu: VT."], ["CHỦ TỊCH", "Lê Trường Lưu"]]],
                                                          ruled=False)
    assert not is_layout_table([[["Lưu: VT."], ["CHỦ TỊCH", "Lê Trường Lưu"]]], ruled=True)
    # a whole signing block beside the recipients is written column after column, so that "CHỦ TỊCH Lê
    # Trường Lưu" is quoted whole; a title cut from its name (a page break) stays beside the recipients
    assert side_by_side(signature[0]) == ["Nơi nhận:", "- Như Điều 4;", "- Lưu: VT.", "CHỦ TỊCH", "Lê Trường Lưu"]
    assert side_by_side([["Nơi nhận:", "- Như Điều 4;"], ["KT. CHỦ TỊCH"]]) == ["Nơi nhận:    KT. CHỦ TỊCH",
                                                                              "- Như Điều 4;"]


# --- a document without a number is named by its title line ----------------------------------------

@pytest.mark.parametrize("name, expected", [
    ("bo-luat-dan-su_opening", "Bộ luật Dân sự"),  # its Điều 2 names "nước Cộng hòa xã hội chủ nghĩa"
    ("luat-giao-duc_opening", "Luật Giáo dục"),
    ("hien-phap_opening", "Hiến pháp"),  # its issuer is no part of its name
])
def test_law_text_named_by_its_title_line(name, expected):
    doc = load_document(DATA / "alqac" / f"{name}.txt")
    assert doc.name == expected
    assert doc.meta.title != doc.text.split("\n")[2]  # "Điều 1. …" is no title


def test_decree_and_ordinance_without_number_named_by_title():
    decree = parse_text("NGHỊ ĐỊNH VỀ CÔNG TÁC VĂN THƯ\n\nĐiều 1. Phạm vi điều chỉnh\nNghị định này quy định về "
                        "công tác văn thư và quản lý nhà nước về công tác văn thư.\n")
    assert (decree.meta.kind, decree.name) == ("Nghị định", "Nghị định về công tác văn thư")
    ordinance = parse_text("PHÁP LỆNH CHI PHÍ TỐ TỤNG\n\nĐiều 1. Phạm vi điều chỉnh\n")
    assert ordinance.name == "Pháp lệnh Chi phí tố tụng"
    plan = parse_text("KẾ HOẠCH\nTriển khai Luật Việc làm\n\nI. MỤC ĐÍCH\n")
    assert plan.meta.kind == "Kế hoạch" and plan.meta.title == "Triển khai Luật Việc làm"


# --- a table ends where the next form begins ------------------------------------------------------

def _pipes(rows: list[list[str]]) -> str:
    out = []
    for r in rows:
        for c in r:
            out += ["|", c]
        out.append("|")
    return "\n".join(out)


BUDGET = [["STT", "Nội dung", "Ước thực hiện 2025", "Dự toán 2026", "So sánh (%)"],
          ["1", "Thu nội địa", "3.900.000", "3.880.000", "99,5"],
          ["2", "Thu xuất nhập khẩu", "920.000", "920.000", "100"],
          ["", "Tổng cộng", "4.820.000", "4.800.000", "99,6"],
          ["Mẫu biểu số 04"],
          ["DỰ TOÁN CHI NGÂN SÁCH ĐỊA PHƯƠNG NĂM 2026"],
          ["STT", "Nội dung", "Dự toán 2025", "Dự toán 2026", "So sánh (%)"],
          ["1", "Chi đầu tư phát triển", "1.200.000", "1.300.000", "108,3"],
          ["2", "Chi thường xuyên", "3.100.000", "3.150.000", "101,6"]]


def test_form_title_starts_the_next_table_in_a_saved_page():
    """Constructed in the shape of the issue's budget plan (that file is not in ../shared/real/docs):
    forms 03 and 04 as one run of pipe cells. Form 04's header no longer carries form 03's total."""
    doc = parse_text("KẾ HOẠCH\nDự toán ngân sách năm 2026\n\n" + _pipes(BUDGET) + "\n\nNơi nhận: …\n", "x.md", "md")
    tables = {}
    for r in doc.rows:
        tables.setdefault(r.table, []).append(r)
    assert [[r.label for r in rows] for rows in tables.values()] == [
        ["Thu nội địa", "Thu xuất nhập khẩu", "Tổng cộng"], ["Chi đầu tư phát triển", "Chi thường xuyên"]]
    second = list(tables.values())[1]
    assert "4.820.000" not in second[0].caption and "DỰ TOÁN CHI NGÂN SÁCH" in second[0].caption
    assert [c.text for c in second[0].cells] == ["1.200.000", "1.300.000", "108,3"]


def test_form_title_row_splits_a_reader_table():
    """The same forms kept in one Word/HTML/PDF table: the title row ends the first table."""
    pos, rows = 0, []
    for r in BUDGET:
        rows.append([Cell(t, pos + i, pos + i + len(t)) for i, t in enumerate(r)])
        pos += 100
    parts = split_at_titles(Table(rows, 0, pos))
    assert [len(t.rows) for t in parts] == [4, 4]
    assert parts[1].rows[0][0].text == "DỰ TOÁN CHI NGÂN SÁCH ĐỊA PHƯƠNG NĂM 2026"


def test_signer_name_wrapped_by_the_saved_page():
    """The signature block of a real saved page (../shared/real/docs/e452177a27361c26.md, lines 129-136;
    its recipients list shortened): the site
    wrapped the signer's name after the surname; 9 of the 421 pages sign this way."""
    tail = ("thi hành Quyết định này./.\n|\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n|\n**TM. ỦY BAN NHÂN\nDÂN**\n"
            "**KT. CHỦ TỊCH**\nPHÓ CHỦ TỊCH\n**Mai\nSơn**\n|\n")
    m = parse_text("QUYẾT ĐỊNH\nVề việc công bố\n\nĐiều 1. Công bố.\n" + tail, "x.md", "md").meta
    assert (m.signer, m.signer_title) == ("Mai Sơn", "KT. CHỦ TỊCH PHÓ CHỦ TỊCH")


# --- a place-date wrapped over a narrow column: Thông báo 37690/TB-CHQ (tests/data/pipe_bounds, rendered by
# bench/render_office.py from the crawled page, which prints "Hà Nội, ngày **21** tháng 11 năm 2025") ---

@pytest.mark.parametrize("ext", ["docx", "pdf"])
def test_a_date_wrapped_over_the_letterhead_column_is_read(ext):
    # the right column prints "Hà Nội, ngày" / "21" / "tháng 11 năm" / "2025", one line each
    meta = load_document(DATA / "pipe_bounds" / f"a1527cbfa00743d3.{ext}").meta
    assert (meta.number, meta.date) == ("37690/TB-CHQ", "2025-11-21")


def test_a_letter_s_subject_beside_the_place_date_is_its_left_column():
    # Công văn 11554/VPCP-V.I as LibreOffice prints its Word rendering: "V/v nâng cao hiệu quả công    Hà Nội,
    # ngày 25 tháng 11 năm" / "tác chống buôn lậu, gian lận    2025" / "thương mại và hàng giả"
    meta = load_document(DATA / "pipe_bounds" / "8018a6f353d60a9e.pdf").meta
    assert meta.title == "V/v nâng cao hiệu quả công tác chống buôn lậu, gian lận thương mại và hàng giả"
    assert meta.date == "2025-11-25"
