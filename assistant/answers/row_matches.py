"""The rows of one table that match what the question names, counted and listed, each row cited.

    "how many of the procedures deal with licences for labour sub-leasing (cho thuê lại lao động)?"
      → the procedure rows whose name holds what the question names as well as the best row does
        ("Cấp / Cấp lại / Gia hạn / Thu hồi giấy phép hoạt động cho thuê lại lao động"): 4
    "thủ tục nào có thời hạn giải quyết dưới 5 ngày?"
      → the rows whose cell under the column printed in days holds a figure below 5
    "những nhiệm vụ nào Sở Tài chính chủ trì?"
      → the rows whose lead-agency cell names that department

A condition on a column (a figure compared with "dưới / trên / không quá …", an agency in the lead
column) picks the rows by their cells; otherwise the rows are those whose own words cover the question
within ``ROW_TIE`` of the best row's.
"""
from __future__ import annotations

import re

from ground.normalize import fold, join_wraps
from ingest.model import TableRow
from ingest.values import parse_value

from .. import compose, writing
from ..context import Context
from ..evidence import FOUND_ROW
from ..found import FOUND_FLOOR, answers
from ..lexicon import ASK_PARTNER, HEADER_MEANINGS
from ..model import Answer
from .listed import counted_note, counted_noun, names_noun, stated_citation, stated_total, stated_words

LEAD, PARTNER = HEADER_MEANINGS["lead"], HEADER_MEANINGS["partner"]  # the columns an agency is read from
ROW_TIE = 0.9  # a row matches when its coverage is within 10 % of the best row's
MAX_ROWS_LISTED = 12
MAX_NAME = 120  # characters of a row's name in the answer (the citation quotes it whole)
CONDITION_BONUS = 0.5  # rows picked by their cells meeting the question's condition, over rows picked by words
# "dưới 5 ngày", "không quá 10 ngày", "more than 20 days" → (comparison, figure, unit)
_COMPARED = re.compile(r"(?i)\b(dưới|ít hơn|nhỏ hơn|không quá|tối đa|trên|hơn|nhiều hơn|lớn hơn|từ|ít nhất|"
                       r"under|below|less than|fewer than|at most|no more than|more than|over|above|at least)\s+"
                       r"(\d+(?:[.,]\d+)?)\s*([^\W\d_]+)?")
_TEST = {"dưới": float.__lt__, "ít hơn": float.__lt__, "nhỏ hơn": float.__lt__, "under": float.__lt__,
         "below": float.__lt__, "less than": float.__lt__, "fewer than": float.__lt__,
         "không quá": float.__le__, "tối đa": float.__le__, "at most": float.__le__, "no more than": float.__le__,
         "trên": float.__gt__, "hơn": float.__gt__, "nhiều hơn": float.__gt__, "lớn hơn": float.__gt__,
         "more than": float.__gt__, "over": float.__gt__, "above": float.__gt__,
         "từ": float.__ge__, "ít nhất": float.__ge__, "at least": float.__ge__}
_EN_UNIT = {"days": "ngày", "day": "ngày", "months": "tháng", "hours": "giờ", "years": "năm"}
# an agency named in the question: its head word and the capitalised words of its name ("Sở Tài chính"
# → "Sở Tài", enough to find it in a cell; "Trung tâm Chuyển đổi số" → "Trung tâm Chuyển đổi")
_AGENCY_NAMED = re.compile(r"(?:Sở|Bộ|Ủy ban nhân dân|UBND|Cục|Chi cục|Ban|Văn phòng|Trung tâm|Công an|Kho bạc|"
                           r"Ngân hàng|Thanh tra|Hội đồng|Đài|Báo|Liên đoàn|Hội)(?:\s+[A-ZĐ][^\s,.;:?]*)+")


def answer(ctx: Context) -> tuple[float, Answer] | None:
    """The matching rows of the best-found row's table, where they are a part of it (two or more, not
    all), with how well the best of them and its table's caption cover the question."""
    if not ctx.table or not counted_noun(ctx.q.effective):
        return None  # no table, or an amount asked ("bao nhiêu tiền") rather than how many rows
    best = ctx.table[0]
    if best.coverage < FOUND_ROW and not (best.coverage >= FOUND_FLOOR and answered_document(ctx, best.doc)):
        return None
    row = best.chunk.table_row
    rows = [r for r in best.doc.table_rows if r.table == row.table]
    picked = _by_figure(ctx, rows) or _by_agency(ctx, rows)
    by_cells = bool(picked)  # a condition on a column, met by the cells themselves (or on the name: below)
    if not picked and not names_noun(_table_words(best.doc, row), counted_noun(ctx.q.effective)):
        return None  # the table lists other things than those counted ("how many courses" of a task table)
    quoted = [] if picked else _by_quoted(ctx, rows)
    by_cells = by_cells or bool(quoted)  # the name holding the very words quoted: a condition too
    picked = picked or quoted or _by_words(ctx, rows)
    seen: set[str] = set()  # a row continued under a merged cell is one row
    picked = [r for r in picked if not (fold(r.label) in seen or seen.add(fold(r.label)))]
    if not picked or not 2 <= len(picked) < len(rows):
        return None
    covered = max(ctx.coverage(ctx.terms(keep_years=True), f"{r.caption} {' '.join(r.group)} {r.label}") for r in picked)
    covered += CONDITION_BONUS if by_cells else 0.0
    by_row = {id(c.table_row): c for c in best.doc.chunks if c.table_row is not None}
    cites = [writing.cite(best.doc, by_row[id(r)]) for r in picked[:MAX_ROWS_LISTED] if id(r) in by_row]
    # the table's own statement of the count (its caption or a group row: "A. LĨNH VỰC … (4 TTHC)")
    lo = row.header_span[0] if row.header_span else min(r.start for r in rows)
    stated = stated_total(best.doc, len(picked), counted_noun(ctx.q.effective), lo, max(r.end for r in rows))
    if stated:
        cites.insert(0, stated_citation(best.doc, stated))
    if row.header_span and cites:
        cites += writing.header_citation(best.doc, cites[0].locator, row.header_span)
    text = _text(picked, row, best.doc, ctx.q.lang, stated_words(best.doc, stated) if stated else "")
    return covered, writing.finish(ctx.q, text, True, cites, [], intent="row")


def _table_words(doc, row: TableRow) -> str:
    """What a table says it lists: its caption, its header rows, its groups."""
    head = doc.text[row.header_span[0]:row.header_span[1]] if row.header_span else ""
    return join_wraps(f"{row.caption} {head} {' '.join(row.group)}".replace("*", " "))


def answered_document(ctx: Context, doc) -> bool:
    """Whether ``doc`` is the one the question is about: named by it ("Decision 2843/QĐ-UBND"), or holding
    the first source found to answer (``found.answers``) — the vectors and the search agree on it where the
    question's words (an English one's) cover its rows only in part."""
    if doc.doc_id in ctx.filters.doc_ids:
        return True
    return any(s.doc.doc_id == doc.doc_id and answers(ctx, s) for s in (ctx.clauses[:1] + ctx.table[:1] + ctx.rows[:1]))


# a phrase the question quotes, in brackets or quotation marks: "(cho thuê lại lao động)", "“Bình dân học vụ số”"
_QUOTED = re.compile(r"\(([^()]{4,80})\)|[“\"'‘]([^“”\"'‘’]{4,80})[”\"'’]")


def quoted_phrases(question: str) -> list[str]:
    """The document's own words a question quotes (two words or more, accented: Vietnamese, not an English
    aside), folded: an English question glossing its term "licences for labour sub-leasing (cho thuê lại
    lao động)" names the rows by it."""
    out = []
    for m in _QUOTED.finditer(question):
        phrase = (m.group(1) or m.group(2)).strip()
        if len(phrase.split()) >= 2 and not phrase.isascii() and not re.search(r"\d", phrase):
            out.append(fold(phrase))
    return out


def _by_quoted(ctx: Context, rows: list[TableRow]) -> list[TableRow]:
    """Rows whose name holds a phrase the question quotes in the document's words."""
    phrases = quoted_phrases(ctx.q.effective)
    if not phrases:
        return []
    return [r for r in rows if any(p in fold(join_wraps(r.label)) for p in phrases)]


def _by_words(ctx: Context, rows: list[TableRow]) -> list[TableRow]:
    qtoks = ctx.terms(keep_years=True)
    scored = [(ctx.coverage(qtoks, f"{' '.join(r.group)} {r.label}"), r) for r in rows]
    top = max((s for s, _ in scored), default=0.0)
    if top <= 0:
        return []
    return [r for s, r in scored if s >= ROW_TIE * top]


def _by_figure(ctx: Context, rows: list[TableRow]) -> list[TableRow]:
    """Rows whose cell in the column printed in the unit named ("04 ngày làm việc") compares as asked."""
    m = _COMPARED.search(ctx.q.effective)
    if not m:
        return []
    test = _TEST[m.group(1).lower()]
    limit = float(m.group(2).replace(",", "."))
    unit = (m.group(3) or "").lower()
    unit = _EN_UNIT.get(unit, unit)
    out = []
    for r in rows:
        for c in r.cells:
            got = re.search(rf"(\d+(?:[.,]\d+)?)\s*{re.escape(unit)}\b", c.text, re.I) if unit else None
            if got:
                value = parse_value(got.group(1), 0)
                if value.low is not None and test(float(value.low), limit):
                    out.append(r)
                break
    return out


def _by_agency(ctx: Context, rows: list[TableRow]) -> list[TableRow]:
    """Rows whose lead-agency cell names the department the question names ("Sở Tài chính chủ trì")."""
    m = _AGENCY_NAMED.search(ctx.q.effective)
    if not m:
        return []
    named = fold(m.group(0))
    partner = bool(ASK_PARTNER.search(ctx.q.effective))  # "phối hợp": the partner column, else the lead one

    def column(header: str) -> bool:
        return bool(PARTNER.search(header)) if partner else bool(LEAD.search(header)) and not PARTNER.search(header)
    return [r for r in rows if any(column(c.header) and named in fold(c.text) for c in r.cells)]


def _text(picked: list[TableRow], row: TableRow, doc, lang: str, stated: str = "") -> str:
    names = [join_wraps(f"{r.number + '. ' if r.number else ''}{r.label}").rstrip(" .") for r in picked]
    names = [n if len(n) <= MAX_NAME else n[:MAX_NAME - 1].rsplit(" ", 1)[0] + "…" for n in names]
    if len(names) > MAX_ROWS_LISTED:
        names = names[:MAX_ROWS_LISTED - 1] + ["…", names[-1]]
    caption = row.caption.split(" › ")[-1].strip(" *") if row.caption else ""
    where = f"bảng “{caption}”" if caption else "bảng"
    if lang == "vi":
        how = f"(văn bản ghi: “{stated}”)" if stated else counted_note(lang, "các dòng")
        return f"Theo {compose.doc_label(doc)}, {where} có {len(picked)} dòng khớp {how}: {'; '.join(names)}."
    where = f"the table “{caption}”" if caption else "the table"
    how = f"(the document states: “{stated}”)" if stated else counted_note(lang, "rows")
    return (f"According to {compose.doc_label(doc)}, {where} (quoted in Vietnamese) has {len(picked)} matching "
            f"rows {how}: {'; '.join(names)}.")
