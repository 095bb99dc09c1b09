"""A saved page's tables end where the prose between them begins, though the crawl kept no blank line.

Real documents copied unchanged from ``../shared/real/docs`` (``tests/data/pipe_bounds``, ``facts``). In
each, a layout table (letterhead, recipients, signature) is followed by prose and then by another table
with no blank line between them, so the pipe residue read as one table: the prose became a cell of a row
too long for either table (checked by hand against the files).
"""
from __future__ import annotations

from pathlib import Path

from ingest.pipeline import load_document
from ingest.tables.pipe_tables import find_pipe_tables
from ingest.tables.table_rows import is_layout
from ingest.text.page_view import chrome_spans, without_chrome

DATA = Path(__file__).parent / "data"
NGHE_AN = DATA / "pipe_bounds" / "a9e3b1619c1d3512.md"  # QĐ 3857/QĐ-UBND: signature, title, a procedure table
HCM = DATA / "pipe_bounds" / "717159673033f644.md"  # Công văn 4085/UBND-ĐT: letterhead, Kính gửi, body, signature
CD228 = DATA / "facts" / "44aeb2fd86d07d4a.md"  # Công điện 228/CĐ-TTg: letterhead, recipients, body, signature


def _tables(path: Path):
    """The tables as the ingest finds them: in the page with the site's own box blanked."""
    text = path.read_text(encoding="utf-8")
    return find_pipe_tables(without_chrome(text, chrome_spans(text)))


def _cells(path: Path) -> list[list[list[str]]]:
    return [[[c.text for c in row] for row in t.rows] for t in _tables(path)]


def test_a_procedure_table_after_the_signature_is_a_table_of_its_own():
    tables = _tables(NGHE_AN)
    steps = next(t for t in tables if t.rows[0][0].text == "Thứ tự công việc")
    assert [len(r) for r in steps.rows][:2] == [5, 5]  # header and "Bước 1": five columns, not ten
    assert [r[0].text for r in steps.rows[1:8]] == [f"Bước {n}" for n in range(1, 8)]
    signature = next(t for t in tables if t.rows[0][0].text.startswith("Nơi nhận"))
    assert is_layout(signature) and len(signature.rows) == 1
    # the annex title between them is prose, in no table
    assert not any("QUY TRÌNH NỘI BỘ" in c for t in _cells(NGHE_AN) for row in t for c in row)


def test_the_procedure_steps_are_read_as_rows_with_their_hours():
    """The "Thứ tự công việc" column numbers the steps: "Bước 1" is the row's number (a step, for the answering), and
    the row is named by the work it does, not by the unit doing it."""
    doc = load_document(NGHE_AN)
    step1 = next(r for r in doc.rows if r.number == "Bước 1")
    assert "04 giờ" in {c.text for c in step1.cells}
    assert step1.label and not step1.label.startswith("Bước")
    assert len(doc.rows) >= 7


def test_the_body_between_kinh_gui_and_the_signature_is_no_cell():
    tables = _cells(HCM)
    assert not any(c.startswith("Xét báo cáo") for t in tables for row in t for c in row)
    letterhead = next(t for t in tables if any(c.startswith("ỦY BAN NHÂN DÂN") for c in t[0]))
    assert all(len(row) == 2 for row in letterhead)  # two columns, as printed
    assert any(row[0].startswith("Nơi nhận") and row[1].startswith("KT. CHỦ TỊCH") for t in tables for row in t)


def test_the_body_of_a_cong_dien_is_no_cell():
    cells = [c for t in _cells(CD228) for row in t for c in row]
    assert not any(c.startswith("Trong mấy ngày qua") for c in cells)


HA_TINH = DATA / "pipe_bounds" / "d6cbe14c6f6cf724.md"  # QĐ of Hà Tĩnh: PHẦN I's procedure list, then PHẦN II


def test_a_part_heading_ends_the_table_before_it():
    tables = _tables(HA_TINH)
    listing = next(t for t in tables if [c.text for c in t.rows[0][:2]] == ["TT", "Mã số TTHC"])
    assert [r[0].text for r in listing.rows[1:]] == ["1", "2"]  # the two procedures, then PHẦN II begins
    assert all(len(r) == 7 for r in listing.rows)
    assert not any(c.text.startswith("PHẦN II") for t in tables for row in t.rows for c in row)


DONG_NAI = DATA / "pipe_bounds" / "5884aa6f293e9bc0.md"  # QĐ 2811/QĐ-UBND: two procedures' step tables


def test_each_procedure_s_steps_are_a_table_and_step_1_is_a_row():
    # the second procedure's caption ("2. Thủ tục sửa đổi … b. Lưu đồ giải quyết:") runs in between the
    # first table's last row and the second's header "CÁC BƯỚC": a cell of neither
    cells = [c for t in _cells(DONG_NAI) for row in t for c in row]
    assert not any(c.startswith("2. Thủ tục sửa đổi") for c in cells)
    doc = load_document(DONG_NAI)
    by_table: dict[int, list[str]] = {}  # the "CÁC BƯỚC" column numbers each table's steps
    for r in doc.rows:
        if r.number and r.number.startswith("Bước"):
            by_table.setdefault(r.table, []).append(r.number)
    assert list(by_table.values()) == [["Bước 1", "Bước 2", "Bước 3", "Bước 4"]] * 2
    first = next(r for r in doc.rows if r.number == "Bước 1")
    assert "02 giờ làm việc" in [c.text for c in first.cells]  # a step's numbering opens a row, not the header
    # named by what is done ("TRÌNH TỰ THỰC HIỆN"), not by who does it ("ĐƠN VỊ GIẢI QUYẾT TTHC")
    assert first.label.startswith("Tiếp nhận hồ sơ") or first.label.startswith("Tip nhận hồ sơ")
    assert "Bộ phận nhận hồ sơ của Sở VHTTDL" in [c.text for c in first.cells]


def test_a_procedure_list_naming_an_address_in_a_cell_keeps_its_rows():
    # its cell "… Cổng Dịch vụ công Quốc gia (địa chỉ: https://dichvucong.gov.vn) …" once read as a site's metadata box
    # ("Địa chỉ: …"), and the two procedures of Phụ lục I were text: their deadlines and fees no rows
    doc = load_document(DONG_NAI)
    listed = [r for r in doc.rows if any(c.header == "Mã thủ tục" for c in r.cells)]
    assert [next(c.text for c in r.cells if c.header == "Mã thủ tục") for r in listed] == ["1.014464", "1.014465"]
    deadline = next(c.text for c in listed[0].cells if c.header == "Thời hạn giải quyết")
    assert deadline.startswith("03 ngày làm việc")
    assert doc.text[listed[0].start:listed[0].end].count("1.014464") == 1  # the row's span slices its own text


CUSTOMS = DATA / "pipe_bounds" / "a1527cbfa00743d3.md"  # Thông báo 37690/TB-CHQ: boxes of the goods' fields


def test_a_box_of_named_fields_is_read_as_text_not_as_rows():
    doc = load_document(CUSTOMS)
    assert doc.rows == []  # no header says what a column holds: each cell names its own value
    prose = [c for c in doc.chunks if c.kind != "row"]
    assert any("Ký, mã hiệu, chủng loại: CD16FSB01W/ESS" in " ".join(c.text.split()) for c in prose)
    assert not any("không đọc được thành dòng" in w for w in doc.warnings)


CAO_BANG = DATA / "pipe_bounds" / "a0079a10826a1d45.md"  # QĐ 1948/QĐ-UBND: internal workflows, "Các bước" tables


def test_a_workflows_steps_are_numbered_by_their_column_and_its_total_names_itself():
    """ "Các bước | Nội dung công việc | Trách nhiệm thực hiện | Thời gian thực hiện (ngày làm việc)": "Bước 3" is the
    row's number and "Thẩm định, xử lý hồ sơ" its name (once "Bước 3" named it, a step's work a cell beside it); the
    total under the steps, two cells of four, names itself and gives its days under the time column (once it took the
    last step's name)."""
    doc = load_document(CAO_BANG)
    table = min(r.table for r in doc.rows if (r.number or "").startswith("Bước"))
    rows = [r for r in doc.rows if r.table == table]
    assert [r.number for r in rows[:8]] == [f"Bước {n}" for n in range(1, 9)]
    step3 = rows[2]
    assert step3.label == "Thẩm định, xử lý hồ sơ"
    assert {c.header: c.text for c in step3.cells}["Thời gian thực hiện (ngày làm việc)"] == "5,5 ngày"
    total = rows[-1]
    assert total.label == "Tổng thời gian giải quyết TTHC" and not total.number
    assert [(c.header, c.text) for c in total.cells] == [("Thời gian thực hiện (ngày làm việc)", "12 ngày")]


CUSTOMS_MTG = DATA / "pipe_bounds" / "81eea34d32eed810.md"  # TB 39693/TB-CHQ: the whole body is a layout table's cell
CUSTOMS_SUGAR = DATA / "pipe_bounds" / "aee1c84b75a839ed.md"  # TB 38544/TB-CHQ: a composition table in the body


def test_a_table_printed_inside_a_cell_is_read_as_its_own_names_and_values():
    """The notice's "Thông số kỹ thuật:" table ("Hạng mục" | "Thông số") sits in the cell of the page's layout table;
    read on as the outer table's cells, each value named the row ("63mm x 88mm") and each name was its cell."""
    specs = [t for t in _tables(CUSTOMS_MTG) if [c.text for c in t.rows[0]] == ["Hạng mục", "Thông số"]]
    assert len(specs) == 2  # the summary of the application, then the result, print the table twice
    pairs = [[c.text for c in r] for r in specs[0].rows[1:5]]
    assert pairs == [["Kích thước thẻ trò chơi", "63mm x 88mm"], ["Trọng lượng/lá", "1.8-2.0 gram"],
                     ["Độ dày", "~0.3mm"], ["Định lượng giấy", "300-330gsm"]]
    rows = load_document(str(CUSTOMS_MTG)).rows
    size = next(r for r in rows if r.label == "Kích thước thẻ trò chơi")
    assert [(c.header, c.text) for c in size.cells] == [("Thông số", "63mm x 88mm")]


def test_a_composition_table_inside_a_cell_names_each_component():
    rows = load_document(str(CUSTOMS_SUGAR)).rows
    sodium = next(r for r in rows if r.label == "Natri")
    assert [(c.header, c.text) for c in sodium.cells] == [("Hàm lượng (%)", "22,0")]


def test_a_field_label_over_its_own_table_opens_no_nested_table():
    """ "Thành phần hồ sơ, bao gồm:" over "Bản chính | Bản sao" is a procedure's field, read by the procedure reader
    (a short label, not a caption paragraph): the procedures' fields stay units of their own."""
    from ingest.readers.blocks import Cell
    from ingest.tables.pipe_tables import _captioned_header
    text = "| w | x | Thành phần hồ sơ, bao gồm: | **Bản chính** | **Bản sao** | | a | 1 |"
    segs = [Cell(t, text.index(t), text.index(t) + len(t)) for t in
            ("w", "x", "Thành phần hồ sơ, bao gồm:", "**Bản chính**", "**Bản sao**", "a", "1")]
    assert not _captioned_header(text, segs, 3)
    caption = "2. Tóm tắt mô tả hàng hóa: " + "thành phần, cấu tạo, công dụng của hàng hóa; " * 5 + "Thông số kỹ thuật:"
    text2 = text.replace("Thành phần hồ sơ, bao gồm:", caption)
    segs2 = [Cell(t, text2.index(t), text2.index(t) + len(t)) for t in
             ("w", "x", caption, "**Bản chính**", "**Bản sao**", "a", "1")]
    assert _captioned_header(text2, segs2, 3)
