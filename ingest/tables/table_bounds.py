"""Where one table ends and the next begins when a format runs them together.

A budget plan prints its forms one after another ("Mẫu biểu số 03", "Mẫu biểu số 04 DỰ TOÁN CHI
…", "Biểu 05"); a saved web page, or a Word file that keeps every form in one table, gives them
as one run of cells, and the header of one form then carries the previous form's total row
("… 4.820.000 4.800.000 99,6 … Mẫu biểu số 04 DỰ TOÁN CHI …"). A form title, or an annex heading
("PHỤ LỤC II"), standing in a cell or a row of its own, is where the next table starts: the
title is the next table's caption, not a cell of either.
"""
from __future__ import annotations

import re

from ..readers.blocks import Table

# "Mẫu biểu số 04", "Biểu mẫu số 3", "Biểu số 05/CK-NSNN", "Biểu 03"; an annex heading in capitals ("PHỤ LỤC",
# "PHỤ LỤC II"). Not "Mẫu số 01": lists of forms name them in a column of their own.
FORM_TITLE = re.compile(r"(?:(?i:mẫu\s+biểu|biểu\s+mẫu|biểu)(?:\s+(?i:số))?\s*:?\s*\d{1,3}[a-z]?\b"
                        r"|PHỤ\s+LỤC(?:\s+(?:SỐ\s+)?[IVXLC\d]+)?(?=\s|$|[.:]))")


def is_form_title(cell: str) -> bool:
    """A cell that opens with a form title and holds no figures after it (the title, not a data row)."""
    s = " ".join(cell.split())
    m = FORM_TITLE.match(s)
    return m is not None and not re.search(r"\d[\d.,]*\s*$", s[m.end():]) if m else False


def split_at_titles(table: Table) -> list[Table]:
    """``table`` cut at each row whose filled cells are one form title: the rows before it and the
    rows after it are two tables; the title row belongs to neither."""
    out: list[Table] = []
    rows: list = []
    for row in table.rows:
        filled = [c for c in row if c.text]
        if len(filled) == 1 and is_form_title(filled[0].text) and rows:
            out.append(rows)
            rows = []
            continue
        rows.append(row)
    if not out:
        return [table]
    out.append(rows)
    tables = []
    for part in out:
        cells = [c for r in part for c in r]
        if part and cells:
            tables.append(Table(part, min(c.start for c in cells), max(c.end for c in cells), list(table.warnings)))
    return tables
