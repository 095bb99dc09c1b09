"""A price annex run on after the signature, its code columns printing "** **": read as the table it is.

Real document: Đồng Nai's 2026 resource-tax price table, Quyết định 62/2025/QĐ-UBND (``tests/data/pipe_bounds/
f1526a5ac4023b74.md``, copied unchanged), checked by hand. Three things read it wrong before:
- its annex title is wrapped after its first word ("**PHỤ" / "LỤC**") and follows the signature's last cell with no
  blank line, so the signature table went on into the price table (``pipe_tables._BREAK_LINE``);
- its six code columns ("Cấp 1" … "Cấp 6") print empty cells as "** **", which were read as the gaps between rows:
  every row fell apart into rows of four cells (``pipe_tables._best``);
- its header puts the six levels under "Mã, nhóm loại tài nguyên", but the header's words alone put them under the
  last cell, "Đơn giá (đồng)": the names fell under "Cấp 2", the prices under "Cấp 6" (``table_headers._wordy_name``).
"""
from ingest.pipeline import load_document
from ingest.tables.pipe_tables import find_pipe_tables
from ingest.tables.table_headers import column_names
from ingest.text.page_view import chrome_spans, without_chrome

from .conftest import ROOT, at_once_fixture

DOC = ROOT / "tests/data/pipe_bounds/f1526a5ac4023b74.md"
bot = at_once_fixture("price-annex", DOC)


def _tables():
    text = DOC.read_text(encoding="utf-8")
    return find_pipe_tables(without_chrome(text, chrome_spans(text)))


def test_the_wrapped_annex_title_ends_the_signature_table():
    signature = next(t for t in _tables() if t.rows[0][0].text.startswith("Nơi nhận"))
    assert len(signature.rows) == 1 and signature.rows[0][1].text.endswith("Võ Tấn Đức"), signature.rows
    prices = next(t for t in _tables() if t.rows[0][0].text == "Mã, nhóm loại tài nguyên")
    assert [c.text for c in prices.rows[1]] == [f"Cấp {n}" for n in range(1, 7)]


def test_bold_blank_cells_are_cells_not_gaps_between_rows():
    prices = next(t for t in _tables() if t.rows[0][0].text == "Mã, nhóm loại tài nguyên")
    crushed = next(r for r in prices.rows if any(c.text == "Đá dăm các loại" for c in r))
    assert [c.text for c in crushed] == ["", "", "", "", "II2020304", "", "Đá dăm các loại", "m3", "217.912"]


def test_the_rows_are_named_by_the_name_column_and_priced_under_the_price():
    row = next(r for r in load_document(DOC).rows if r.label == "Cát san lấp (bao gồm cả cát nhiễm mặn)")
    cells = {c.header: c.text for c in row.cells}
    assert cells["Đơn giá (đồng)"] == "80.000" and cells["Đơn vị tính"] == "m3", cells
    assert cells["Mã, nhóm loại tài nguyên › Cấp 3"] == "II501", cells


def test_a_header_without_a_name_column_keeps_its_spans():
    head = [["STT", "Chỉ tiêu", "Kế hoạch"], ["2025", "2026"]]
    assert column_names(head, 4, [["1", "Tỷ lệ", "10", "12"]]) == \
        ["STT", "Chỉ tiêu", "Kế hoạch › 2025", "Kế hoạch › 2026"]


def test_the_price_asked_is_answered_from_its_row(bot):
    ans = bot.ask("Theo Quyết định 62/2025/QĐ-UBND của Đồng Nai, giá tính thuế tài nguyên năm 2026 của đá dăm các loại"
                  " là bao nhiêu đồng/m3?")
    assert ans.found and "217.912" in ans.text, ans.text
    assert any("Đá dăm các loại" in c.text and "217.912" in c.text for c in ans.citations), ans.citations
