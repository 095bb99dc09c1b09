"""Evidence units (index/units.py) cut from real documents: exact spans, cells named by row and
column, duties carrying the agency that heads them."""
from __future__ import annotations

import re

import pytest

from index.units import units
from ingest.pipeline import load_document

from .conftest import ROOT

REAL = ROOT / "tests" / "data" / "real"


@pytest.fixture(scope="module")
def circular():  # 69/2025/TT-BNNMT: duties by agency, annex tables of species
    return load_document(REAL / "637e9efcc63ab844.md")


@pytest.fixture(scope="module")
def procedures():  # 1521/QĐ-UBND Bắc Ninh: procedure tables with time limits and fees
    return load_document(REAL / "ea34a356cafcb1aa.md")


def test_every_unit_quotes_its_own_span(circular, procedures):
    for doc in (circular, procedures):
        cut = units(doc)
        assert len(cut) > 50
        for u in cut:
            source = _letters(doc.text[u.start:u.end])  # markup and wraps aside, the same words
            assert source, u
            if u.kind == "sentence":
                assert source.startswith(_letters(u.text.removesuffix(" …"))), u
            else:
                assert u.row_start <= u.start < u.end <= u.row_end


def _letters(text: str) -> str:
    return re.sub(r"\W+", "", text)


def test_cells_are_named_by_their_row_and_column(procedures):
    cells = [u for u in units(procedures) if u.kind == "cell"]
    assert len(cells) >= 2 * len(procedures.rows)  # a procedure row has a name and several filled columns
    row = procedures.rows[0]
    mine = [u for u in cells if (u.row_start, u.row_end) == (row.start, row.end)]
    assert {u.header.split(" (")[0] for u in mine} <= {c.header for c in row.cells}
    assert all(u.label == row.label and f"{u.label} | " in u.passage for u in mine)


def test_a_duty_keeps_the_agency_heading_its_list(circular):
    duty = next(u for u in units(circular) if u.kind == "sentence" and u.text.startswith("a) Tổ chức thực hiện Thông tư"))
    assert "Ủy ban nhân dân cấp tỉnh" in duty.context
    assert duty.text.endswith("trên địa bàn tỉnh;")
