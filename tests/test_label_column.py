"""Which column names a table's rows: a real fee table whose header "Khu vực nông thôn (xã)" names a value column.

``tests/data/tables_real/c53841af6c236aed.md`` is Nghị quyết 20/2025/NQ-HĐND of Vĩnh Long, copied unchanged from
``../shared/real/docs/``: "STT | Cấp học | Khu vực nông thôn (xã) | Khu vực thành thị (phường)" over "Tiểu học | 80
| 120". "khu vực" is a word that names rows in many tables ("Khu vực | Dân số"), so the header alone chose that
column, and each row was named "80" with the rural fee lost from its cells.
"""
from pathlib import Path

from ingest.pipeline import load_document
from ingest.readers.blocks import Cell
from ingest.tables.table_rows import _label_column

DOC = Path(__file__).parent / "data" / "tables_real" / "c53841af6c236aed.md"


def test_a_column_of_figures_under_a_naming_header_does_not_name_the_rows():
    rows = {r.label: {c.header: c.text for c in r.cells} for r in load_document(DOC).rows}
    assert rows["Tiểu học"] == {"Khu vực nông thôn (xã)": "80", "Khu vực thành thị (phường)": "120"}
    assert rows["Trung học phổ thông"]["Khu vực nông thôn (xã)"] == "130"
    assert "80" not in rows


def _cells(*texts: str) -> list[Cell]:
    return [Cell(t, 0, len(t)) for t in texts]


def test_a_naming_header_over_words_still_names_the_rows():
    names = ["STT", "Khu vực", "Dân số"]
    rows = [_cells("1", "Phường An Hòa", "12.000"), _cells("2", "Xã Tân Lập", "8.500")]
    assert _label_column(names, rows, num_col=0) == 1
    # figures under the naming header, but no column of words before it: still that column (coordinates' rows)
    names = ["Tên mỏ, điểm mỏ", "X(m)", "Y(m)"]
    rows = [_cells("Núi Pháo", "", ""), _cells("1", "2394627", "567497"), _cells("2", "2394701", "567512")]
    assert _label_column(names, rows, num_col=None) == 0
