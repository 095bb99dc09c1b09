"""A row of any table × the column asked: "cơ quan nào chủ trì … và thời gian" → the lead agency and
the deadline of that task, with the row's group and unit; the table header is cited beside the row.
A year the document never reaches is answered not found. A row none of whose cells states a part
asked (a procedure list's name-only row for "còn bao nhiêu ngày?") gives way to a clause found nearly
as well that states every part: the cited evidence must hold the fact the answer states. A question
about one step of a procedure ("bước liên thông Sở Nội vụ … bao nhiêu ngày") is answered by the step's
row of the workflow table, not by the procedure's own row and its total time.
"""
from __future__ import annotations

from ground.admin_units import label as place_label
from ground.normalize import join_wraps

from .. import cell_choice, writing
from .. import table_answers as tables
from ..context import Context
from ..evidence import Scored
from ..found import answers
from ..model import Answer
from ..question import lexicon
from ..question.asked import asks_twice, direction_text
from ..question.wanted import held, wants
from ..scoring import years_missing
from . import clause
from .thresholds import NEAR_TABLE_ROW

STATING_CLAUSES = 3  # the best clauses that may answer in place of a row stating nothing asked
STEP_ROWS = 5  # the best table rows among which a step asked is looked for


def answer(ctx: Context, best: Scored) -> Answer:
    q = ctx.q
    if years_missing(q, best.doc):
        return writing.not_found(q, ctx.docs, "year", runners=[best])
    best = _step_asked(ctx, best)
    row = best.chunk.table_row
    stating = _clause_stating(ctx, best)
    if stating is not None:
        return clause.answer(ctx, stating)
    qtoks = ctx.terms(keep_years=True)
    text = tables.table_row_text(row, q, qtoks, ctx.coverage, place_label(best.doc.meta.province, q.lang))
    if asks_twice(q.effective, q.lang):  # two columns of the row asked side by side: which is the larger
        cells = [c for c in tables.asked_cells(q, row, qtoks, ctx.coverage)[0] if c.text.strip()]
        if len(cells) == 2:
            text += direction_text(join_wraps(cells[0].text), join_wraps(cells[1].text), q.lang)
    # the column names (and a unit printed there) the answer repeats
    cites = [writing.cite(best.doc, best.chunk), *writing.header_citation(best.doc, best.chunk.locator, row.header_span)]
    runners = ([s for s in ctx.table[1:] if s.coverage >= NEAR_TABLE_ROW][:2]
               + [s for s in ctx.clauses if s.coverage >= NEAR_TABLE_ROW][:2])
    return writing.finish(q, text, True, cites, runners, intent="row")


def _clause_stating(ctx: Context, best: Scored) -> Scored | None:
    """A found clause of the row's document stating every part asked, where no cell of the row states one
    ("Thủ tục Cấp bản sao … Trung tâm Lưu trữ lịch sử" listed by name only, asked "còn bao nhiêu thời gian?")."""
    want = wants(ctx.q)
    row = best.chunk.table_row
    if not want or not row.headers_sure:
        return None
    _, choices = tables.asked_cells(ctx.q, row, ctx.terms(keep_years=True), ctx.coverage)
    empty = not any(c.text.strip() for c in row.cells)  # a list of names: nothing but the row's name
    if not empty and (not choices or any(c.cells or c.in_label for c in choices)):
        return None
    return next((c for c in ctx.clauses[:STATING_CLAUSES] if c.doc is best.doc and answers(ctx, c)
                 and all(held(w, c.chunk.text) for w in want)), None)


def _step_asked(ctx: Context, best: Scored) -> Scored:
    """For a question about one step, the best found step row of the row's document in place of the
    procedure's own row: its time is the step's, the procedure's row states the whole procedure's."""
    if cell_choice.is_step(best.chunk.table_row) or not lexicon.ASK_ONE_STEP.search(ctx.q.glossed):
        return best
    return next((s for s in ctx.table[:STEP_ROWS] if s.doc is best.doc and cell_choice.is_step(s.chunk.table_row)
                 and answers(ctx, s)), best)
