"""Excel .xlsx → Draft: each sheet its name as a heading, then its cells as one table (openpyxl).

Values are the cached results Excel saved (``data_only``): a formula's figure, not its text.
Whole numbers print without ".0", other numbers as Python prints them with a decimal point
("1.5"), dates as dd/mm/yyyy. A merged range is its top-left cell with ``colspan``/``rowspan``;
the rows below it show the range as an empty slot (absent from the Table's row), as in Word.
Rows with nothing in them (and not crossed by a merge) are left out; so are empty columns at
the right. Hidden sheets are read too, with a warning naming them.

    Sheet "Phụ lục I": A1:C1 merged "CHỈ TIÊU", A2 "STT", B2 "Nội dung", C2 2025
      → "Phụ lục I\\nCHỈ TIÊU\\nSTT  Nội dung  2025", rows[0] = [CHỈ TIÊU colspan=3]
"""
from __future__ import annotations

import datetime as dt
import io

from ground.errors import BinaryFileError, IngestError

from .draft import Draft, RawCell
from .limits import check_zip
from .magic import check_magic, zip_has


class XlsxReader:
    def read(self, data: bytes, name: str) -> Draft:
        import openpyxl  # imported here: only .xlsx ingestion pays for it

        check_magic(data, name, "a ZIP archive", "xlsx")
        if not zip_has(data, "xl/workbook.xml"):
            inside = "a Word document" if zip_has(data, "word/document.xml") else "no xl/workbook.xml"
            raise BinaryFileError(f"is a ZIP archive but not an Excel workbook ({inside}); "
                                  "give the .xlsx itself", name)
        check_zip(data, name)
        try:
            wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        except Exception as err:  # a damaged package fails deep inside openpyxl
            raise IngestError(f".xlsx cannot be read ({type(err).__name__}: {err}); open it in Excel or "
                              "LibreOffice and save it again", name) from None
        draft = Draft()
        hidden = []
        for ws in wb.worksheets:
            rows = sheet_rows(ws)
            if not rows:
                continue
            if ws.sheet_state != "visible":
                hidden.append(ws.title)
            draft.heading(ws.title, level=1)
            draft.table(rows)
        if hidden:
            draft.warnings.append(f"hidden sheet(s) read too: {', '.join(hidden)}")
        wb.close()
        return draft


def value_text(v) -> str:
    """A cell value as the sheet shows it, roughly: 5.0 → "5", 0.25 → "0.25", a date → "05/03/2020"."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    if isinstance(v, dt.datetime):
        return v.strftime("%d/%m/%Y") + ("" if v.time() == dt.time() else v.strftime(" %H:%M"))
    if isinstance(v, dt.date):
        return v.strftime("%d/%m/%Y")
    return str(v)


def sheet_rows(ws) -> list[list[RawCell]]:
    """The sheet's used range as rows of RawCells, merges as spans."""
    merged: dict[tuple[int, int], tuple[int, int]] = {}  # top-left (row, col) → (rowspan, colspan)
    covered: dict[tuple[int, int], int] = {}  # (row, col) → 0 if covered from the left, colspan if from above
    for rng in ws.merged_cells.ranges:
        r0, c0, r1, c1 = rng.min_row, rng.min_col, rng.max_row, rng.max_col
        merged[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    covered[(r, c)] = (c1 - c0 + 1) if c == c0 else 0
    grid = {}
    for row in ws.iter_rows():
        for cell in row:
            text = value_text(cell.value).strip()
            if text:
                grid[(cell.row, cell.column)] = text
    if not grid:
        return []
    width = max(max(c for _, c in grid), max((c + span[1] - 1 for (_, c), span in merged.items()), default=0))
    used = {r for r, _ in grid} | {r for r, _ in covered}
    rows: list[list[RawCell]] = []
    for r in sorted(used):
        out: list[RawCell] = []
        for c in range(1, width + 1):
            if (r, c) in covered:
                if covered[(r, c)]:
                    out.append(RawCell("", colspan=covered[(r, c)], covered=True))
                continue
            rowspan, colspan = merged.get((r, c), (1, 1))
            out.append(RawCell(grid.get((r, c), ""), colspan=colspan, rowspan=rowspan))
        rows.append(out)
    return rows
