"""A row of any table × what is asked of it, a plan's target rows included.

A target row (``TableRow.by_year``) × the year asked: the figure, the other years for context, the lead
agency. "Mục tiêu nhà ở xã hội của Kon Tum đến năm 2030?" → row "Phấn đấu xây dựng sàn nhà ở xã hội"
→ "Kon Tum – “Phấn đấu …”: đến năm 2030 là 221.009 m2 sàn (năm 2025: 104.046 m2 sàn). …". A year the row
has no target for is answered not found, naming the years it has.

Any other row × the column asked: "cơ quan nào chủ trì … và thời gian" → the lead agency and the deadline
of that task, with the row's group and unit; the table header is cited beside the row. A year the document
never reaches is answered not found. A row none of whose cells states a part asked (a procedure list's
name-only row for "còn bao nhiêu ngày?") gives way to a clause found nearly as well that states every part:
the cited evidence must hold the fact the answer states. A question about one step of a procedure ("bước
liên thông Sở Nội vụ … bao nhiêu ngày") is answered by the step's row of the workflow table, not by the
procedure's own row and its total time.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ground.admin_units import label as place_label
from ground.normalize import fold, join_wraps

from .. import cell_choice, compose, writing
from ..context import Context
from ..evidence import Scored
from ..found import FOUND_FLOOR, answers, evidence
from ..model import Answer
from ..question import lexicon
from ..question.asked import asks_twice, direction_text
from ..question.wanted import held, wants
from ..row_writing import asked_cells, row_answer_text
from ..scoring import figure_missing, years_missing
from . import clause
from .thresholds import NEAR_ROW, NEAR_TABLE_ROW

STATING_CLAUSES = 3  # the best clauses that may answer in place of a row stating nothing asked
STEP_ROWS = 5  # the best table rows among which a step asked is looked for


def answer(ctx: Context, best: Scored) -> Answer:
    q = ctx.q
    if best.row.by_year:
        return _target(ctx, best)
    if years_missing(q, best.doc):
        return writing.not_found(q, ctx.docs, "year", runners=[best])
    siblings = [r.label for r in best.doc.rows if r.table == best.row.table]
    named = figure_missing(q.effective, siblings)  # "Huy hiệu 95 năm tuổi Đảng" of badges of 70 … 90 years
    if named:
        return writing.not_found(q, ctx.docs, "figure", extra=f"“{named}”.", runners=[best])
    best = _step_asked(ctx, best)
    row = best.row
    stating = _clause_stating(ctx, best)
    if stating is not None:
        return clause.answer(ctx, stating)
    qtoks = ctx.terms(keep_years=True)
    text = row_answer_text(row, q, qtoks, ctx.coverage, place_label(best.doc.meta.province, q.lang))
    if asks_twice(q.effective, q.lang):  # two columns of the row asked side by side: which is the larger
        cells = [c for c in asked_cells(q, row, qtoks, ctx.coverage)[0] if c.text.strip()]
        if len(cells) == 2:
            text += direction_text(join_wraps(cells[0].text), join_wraps(cells[1].text), q.lang)
    runners = ([s for s in ctx.table[1:] if s.coverage >= NEAR_TABLE_ROW][:2]
               + [s for s in ctx.clauses if s.coverage >= NEAR_TABLE_ROW][:2])
    return writing.finish(q, text, True, writing.row_citations(best), runners, intent="row")


def _target(ctx: Context, best: Scored) -> Answer:
    """A target row: the year asked, or not found naming the years the row has."""
    q, row = ctx.q, best.row
    if q.years and not any(v.year in q.years for v in row.values):
        years = sorted({v.year for v in row.values})
        extra = (f"Chỉ tiêu “{compose.indicator_name(row)}” chỉ có các năm {', '.join(map(str, years))}."
                 if q.lang == "vi" else
                 f"The indicator “{compose.indicator_name(row)}” has targets for {', '.join(map(str, years))} only.")
        return writing.not_found(q, ctx.docs, "year", extra=extra, runners=[best])
    province = place_label(best.doc.meta.province, q.lang)  # "Kon Tum (nay thuộc tỉnh Quảng Ngãi)"
    text = row_answer_text(row, q, ctx.terms(keep_years=True), ctx.coverage, province)
    # runners-up: the nearest other target rows and the clauses that discuss the same topic
    rows, clauses = ctx.targets, ctx.clauses
    near_rows = [s for s in rows[1:] if s.coverage >= NEAR_ROW][:2]
    near_clauses = [s for s in clauses if s.coverage >= NEAR_ROW][:2]
    runners = near_rows + near_clauses + [s for s in rows[3:] if s.coverage >= NEAR_ROW]
    return writing.finish(q, text, True, writing.row_citations(best), runners, intent=q.intent)


def _clause_stating(ctx: Context, best: Scored) -> Scored | None:
    """A found clause of the row's document stating every part asked, where no cell of the row states one
    ("Thủ tục Cấp bản sao … Trung tâm Lưu trữ lịch sử" listed by name only, asked "còn bao nhiêu thời gian?")."""
    want = wants(ctx.q)
    row = best.row
    if not want or not row.headers_sure:
        return None
    _, choices = asked_cells(ctx.q, row, ctx.terms(keep_years=True), ctx.coverage)
    empty = not any(c.text.strip() for c in row.cells)  # a list of names: nothing but the row's name
    if not empty and (not choices or any(c.cells or c.in_label for c in choices)):
        return None
    return next((c for c in ctx.clauses[:STATING_CLAUSES] if c.doc is best.doc and answers(ctx, c)
                 and all(held(w, c.chunk.text) for w in want)), None)


def _step_asked(ctx: Context, best: Scored) -> Scored:
    """For a question about one step, the best step row of the row's document in place of the procedure's own
    row: its time is the step's, the procedure's row states the whole procedure's. The question is found already
    (``best`` answers); which row of that document states the step is the scorer's order, with the hand rule's
    evidence of answering (``FOUND_FLOOR``): the fitted decision weighs a source against the other documents', and
    a step row, holding few of the words that name its procedure, falls below it ("bước liên thông Sở Nội vụ …":
    "B4 | Liên thông Sở Nội vụ | … | 2 ngày" at -1.44 beside its procedure's row at -0.72)."""
    if cell_choice.is_step(best.row) or not lexicon.ASK_ONE_STEP.search(ctx.q.glossed):
        return best
    return next((s for s in ctx.table[:STEP_ROWS] if s.doc is best.doc and cell_choice.is_step(s.row)
                 and evidence(ctx, s) >= FOUND_FLOOR), best)


# the coverage a row named by its group needs besides, the hand rule's floor ("Nhóm 1" heads a row of every table of a
# rates resolution: the topic's words say which table's; at once the funeral rows cover 0.49 of the question)
GROUP_COVERAGE = FOUND_FLOOR


def _keyed(row, kind: str, value: str) -> bool:
    """The row's cell under a column headed by ``kind`` ("Cấp cháy" for "cấp") prints ``value`` alone ("IV")."""
    word = fold(kind)
    return any(fold(c.header).split()[:1] == [word] and c.text.strip().rstrip(".") == value for c in row.cells)


def coded(ctx: Context) -> Answer | None:
    """A question quoting a code a table prints ("Which procedure carries code 1.014444.H13 …?", "… two
    procedures with codes 2.000913 and 2.000927 …: what fee does each one charge?") names the rows printing it:
    each code's row among the sources found answers (the code is the row's own name, however few of the
    question's other words it holds), in the order quoted. None where the question quotes no code or no row found
    prints one. A row's group quoted by its kind and number ("… cho cán bộ Nhóm 3 và cho cán bộ Nhóm 5 …",
    ``lexicon.NAMED_GROUP``) names the first row found whose label opens with it and covers ``GROUP_COVERAGE``
    of the question; a workflow's step quoted by its number ("(step B4) when dismissing one", ``lexicon.NAMED_STEP``)
    the first row found numbered so that covers as much (each procedure's workflow has its own "B4")."""
    codes = list(dict.fromkeys(lexicon.STATED_CODE.findall(ctx.q.text)))
    rows: list[Scored] = []
    for code in codes:
        printed = re.compile(rf"(?<![\w.]){re.escape(code)}(?![\d])")
        s = next((s for s in ctx.table + ctx.targets
                  if printed.search(s.doc.text[s.chunk.start:s.chunk.end])), None)
        if s is not None and s not in rows:
            rows.append(s)
    for group in dict.fromkeys(lexicon.NAMED_GROUP.findall(ctx.q.text)):
        opens = re.compile(rf"\W*{re.escape(group)}(?![\w.])", re.I)
        s = next((s for s in ctx.table + ctx.targets if s.row is not None and opens.match(s.row.label)
                  and s.coverage >= GROUP_COVERAGE), None)
        if s is not None and s not in rows:
            rows.append(s)
    for step in dict.fromkeys(lexicon.NAMED_STEP.findall(ctx.q.effective)):  # "(step B4)": the row numbered "B4"
        s = next((s for s in ctx.table if s.row is not None and (s.row.number or "").upper() == step.upper()
                  and s.coverage >= GROUP_COVERAGE), None)
        if s is not None and s not in rows:
            rows.append(s)
    for kind, value in dict.fromkeys(lexicon.NAMED_KEY.findall(ctx.q.text)):
        s = next((s for s in ctx.table + ctx.targets if s.row is not None and _keyed(s.row, kind, value)
                  and s.coverage >= GROUP_COVERAGE), None)
        if s is not None and s not in rows:
            rows.append(s)
    if not rows:
        return None
    got = [answer(ctx, s) for s in rows]
    if len(got) == 1:
        return got[0]
    return replace(got[0], text="\n\n".join(a.text for a in got), citations=[c for a in got for c in a.citations])
