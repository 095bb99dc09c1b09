"""A row of any table × the column asked: "cơ quan nào chủ trì … và thời gian" → the lead agency and
the deadline of that task, with the row's group and unit; the table header is cited beside the row.
A year the document never reaches is answered not found.
"""
from __future__ import annotations

from ground.admin_units import label as place_label

from .. import table_answers as tables
from .. import writing
from ..context import Context
from ..evidence import Scored
from ..model import Answer
from ..scoring import years_missing
from .thresholds import NEAR_TABLE_ROW


def answer(ctx: Context, best: Scored) -> Answer:
    q = ctx.q
    if years_missing(q, best.doc):
        return writing.not_found(q, ctx.docs, "year", runners=[best])
    row = best.chunk.table_row
    text = tables.table_row_text(row, q, ctx.terms(keep_years=True), ctx.coverage,
                                 place_label(best.doc.meta.province, q.lang))
    # the column names (and a unit printed there) the answer repeats
    cites = [writing.cite(best.doc, best.chunk), *writing.header_citation(best.doc, best.chunk.locator, row.header_span)]
    runners = ([s for s in ctx.table[1:] if s.coverage >= NEAR_TABLE_ROW][:2]
               + [s for s in ctx.clauses if s.coverage >= NEAR_TABLE_ROW][:2])
    return writing.finish(q, text, True, cites, runners, intent="row")
