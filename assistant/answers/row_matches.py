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
from ingest.tables.values import parse_value

from .. import compose, writing
from ..context import Context
from ..evidence import FOUND_ROW, token_set
from ..found import FOUND_FLOOR, answers
from ..model import Answer
from ..question.lexicon import ASK_PARTNER, HEADER_MEANINGS
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


def answer(ctx: Context) -> tuple[float, Answer, str] | None:
    """The matching rows of the best-found row's table (two or more), or every row of it where the question
    singles none out ("bao nhiêu nhiệm vụ trong phụ lục …"), with how well the best of them and its table's
    caption cover the question, and how they were picked: "condition" (a figure below/above, an agency leading:
    the list asked, which no list of the text can state), "numbered" (a whole table numbered 1 … n: its count
    is printed), "words"."""
    noun = counted_noun(ctx.q.effective)
    if not ctx.table or not noun:
        return None  # no table, or an amount asked ("bao nhiêu tiền") rather than how many rows
    best = ctx.table[0]
    row = best.row
    rows = [r for r in best.doc.rows if r.table == row.table]
    alike = _alike_tables(best.doc, rows)  # a condition on a column holds in every table with those columns
    picked = _by_figure(ctx, alike) or _by_agency(ctx, alike)
    by_cells = bool(picked)  # a condition on a column, met by the cells themselves (or on the name: below)
    found = best.coverage >= FOUND_ROW
    if not found and not ((by_cells or best.coverage >= FOUND_FLOOR) and answered_document(ctx, best.doc)):
        return None
    terms = _about_passages(ctx, best.doc)
    row_cover = ctx.coverage(terms, f"{row.caption} {' '.join(row.group)} {row.label}")
    # no row singled out: a table of the document whose caption covers the question as well as the best row
    # with its own caption does (within ROW_TIE; the words naming the document aside), which names what is
    # counted and numbers its rows — that table itself is counted ("bao nhiêu thủ tục" of "DANH MỤC THỦ TỤC …")
    whole_table = None if by_cells else _counted_table(ctx, best.doc, terms, noun, max(FOUND_ROW, ROW_TIE * row_cover))
    if whole_table:
        rows = whole_table
        row = rows[0]
        last, printed = _numbered_count(rows)
        picked = [r for r in rows if _number(r) is not None]
    else:
        last, printed = 0, True
        if not picked and not names_noun(_table_words(best.doc, row), noun):
            return None  # the table lists other things than those counted ("how many courses" of a task table)
        quoted = [] if picked else _by_quoted(ctx, rows)
        by_cells = by_cells or bool(quoted)  # the name holding the very words quoted: a condition too
        # rows picked by the question's words alone: only where the best row is found on its own
        picked = picked or quoted or (_by_words(ctx, rows) if found else [])
        seen: set[str] = set()  # a row continued under a merged cell is one row
        picked = [r for r in picked if not (fold(r.label) in seen or seen.add(fold(r.label)))]
        if len(picked) < 2 or len(picked) >= len(rows):
            return None
    whole = whole_table is not None
    covered = max(ctx.coverage(ctx.terms(keep_years=True), f"{r.caption} {' '.join(r.group)} {r.label}") for r in picked)
    covered += CONDITION_BONUS if by_cells else 0.0
    by_row = {id(c.row): c for c in best.doc.chunks if c.row is not None}
    # the rows cited: the first ones, and for a whole table its last row first (its number is the count)
    shown = ([picked[-1]] + picked[:MAX_ROWS_LISTED - 1]) if whole else picked[:MAX_ROWS_LISTED]
    cites = [writing.cite(best.doc, by_row[id(r)]) for r in shown if id(r) in by_row]
    # the table's own statement of the count (its caption or a group row: "A. LĨNH VỰC … (4 TTHC)")
    lo = row.header_span[0] if row.header_span else min(r.start for r in rows)
    stated = stated_total(best.doc, last if whole else len(picked), noun, lo, max(r.end for r in rows))
    said = stated_words(best.doc, stated) if stated else ""
    if stated:
        cites.insert(0, stated_citation(best.doc, stated))
    else:  # the group the rows are listed under may state their number: "I Đô thị (21 phường thuộc thành phố Huế)"
        said, cites = group_stating(best.doc, picked, last if whole else len(picked), cites)
    if row.header_span and cites:
        cites += writing.header_citation(best.doc, cites[0].locator, row.header_span)
    text = _text(picked, row, best.doc, ctx.q.lang, said, numbered=last if whole and not said else 0, printed=printed)
    how = "condition" if by_cells else "numbered" if whole and printed else "words"
    return covered, writing.finish(ctx.q, text, True, cites, [], intent="row"), how


def _counted_table(ctx: Context, doc, terms: list, noun: str, floor: float) -> list[TableRow] | None:
    """The rows of the table of ``doc`` whose caption covers the question best, where that reaches ``floor``,
    names what is counted and the table numbers its rows."""
    tables: dict[int, list[TableRow]] = {}
    for r in doc.rows:
        if not r.by_year:  # a target row's figures are read by year, not counted as a list's entries
            tables.setdefault(r.table, []).append(r)
    scored = sorted(((ctx.coverage(terms, rows[0].caption), t) for t, rows in tables.items() if rows[0].caption),
                    reverse=True)
    for cover, t in scored[:1]:
        rows = tables[t]
        if cover >= floor and names_noun(_table_words(doc, rows[0]), noun) and _numbered_count(rows)[0] > 1:
            return rows
    return None


def _about_passages(ctx: Context, doc) -> list:
    """The question's terms without those naming the document it names ("Thông báo 624/TB-VPCP"): they say
    which document, not which of its tables or rows; an English question's, those the glossary read."""
    terms = ctx.terms(keep_years=True)
    if ctx.q.lang == "en":  # the English words no glossary reads ("en:handled") are in no caption: the read ones judge
        terms = [t for t in terms if not (isinstance(t, str) and t.startswith("en:"))] or terms
    if doc.doc_id not in ctx.filters.doc_ids:
        return terms
    own = token_set(f"{doc.meta.kind or ''} {re.sub(r'[/-]', ' ', doc.meta.number or '')}")
    return [t for t in terms if not (isinstance(t, str) and t in own)] or terms


def _number(row: TableRow) -> int | None:
    raw = (row.number or "").rstrip(".")
    return int(raw) if raw.isdigit() else None


def _numbered_count(rows: list[TableRow]) -> tuple[int, bool]:
    """How many rows a table numbers, and whether one printed number says it: the rows run 1 … n once (the
    last row's number is the count), or restart at 1 under each group (the runs' last numbers added up). A
    number printed twice or skipped once in a run, as a misprint, is let pass. (0, False) where the rows
    are not numbered so."""
    numbers = [n for n in map(_number, rows) if n is not None]
    runs: list[list[int]] = []
    for n in numbers:
        if n == 1 or not runs:
            runs.append([])
        runs[-1].append(n)
    if len(numbers) < 2 or any(r[0] != 1 or r[-1] != max(r) or len(set(r)) < r[-1] - 1 for r in runs):
        return 0, False
    return sum(r[-1] for r in runs), len(runs) == 1


def _alike_tables(doc, rows: list[TableRow]) -> list[TableRow]:
    """The rows of every table of ``doc`` with the same columns as ``rows``' (a list cut into parts by
    headings: "1. Các nhiệm vụ … quá hạn", "2. …"), in document order."""
    heads = {c.header for r in rows for c in r.cells}
    tables = {r.table for r in doc.rows if {c.header for c in r.cells} <= heads and r.cells}
    return [r for r in doc.rows if r.table in tables] if heads else rows


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
    return any(s.doc.doc_id == doc.doc_id and answers(ctx, s) for s in (ctx.clauses[:1] + ctx.table[:1] + ctx.targets[:1]))


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


def group_total(rows: list[TableRow], n: int) -> str | None:
    """The group every one of ``rows`` is listed under whose name states their number in a bracket, or None: the
    21 wards of Huế's area annex under "I Đô thị (21 phường thuộc thành phố Huế)", the two procedures under "B. LĨNH
    VỰC TRẺ EM (02 TTHC)"."""
    shared = [g for g in rows[0].group if all(g in r.group for r in rows[1:])] if rows else []
    return next((g for g in reversed(shared) if re.search(rf"\(\s*0*{n}\s+[^\W\d_]", g)), None)


def group_stating(doc, rows: list[TableRow], n: int, cites: list) -> tuple[str, list]:
    """The group row stating the count of ``rows`` (``group_total``), as printed, and ``cites`` with its citation
    first; ("", ``cites``) where no group states it or its line is not found above the rows."""
    group = group_total(rows, n)
    if not group or not cites:
        return "", cites
    got = writing.group_citations(doc, cites[0].locator, [group], min(r.start for r in rows))
    return (" ".join(join_wraps(group).split()), got + cites) if got else ("", cites)


def _text(picked: list[TableRow], row: TableRow, doc, lang: str, stated: str = "", numbered: int = 0,
          printed: bool = True) -> str:
    names = [join_wraps(f"{r.number.rstrip('.') + '. ' if r.number else ''}{r.label}").rstrip(" .") for r in picked]
    names = [n if len(n) <= MAX_NAME else n[:MAX_NAME - 1].rsplit(" ", 1)[0] + "…" for n in names]
    if len(names) > MAX_ROWS_LISTED:
        names = names[:MAX_ROWS_LISTED - 1] + ["…", names[-1]]
    caption = row.caption.split(" › ")[-1].strip(" *") if row.caption else ""
    several = len({r.table for r in picked}) > 1  # rows of the same columns in tables cut by headings
    caption = "" if several else caption
    where = f"bảng “{caption}”" if caption else "các bảng" if several else "bảng"
    n = numbered or len(picked)
    if lang == "vi":
        how = f"(văn bản ghi: “{stated}”)" if stated else \
            (f"(STT 1–{n}, số của dòng cuối)" if printed else counted_note(lang, "số thứ tự của từng nhóm")) \
            if numbered else counted_note(lang, "các dòng")
        what = "dòng" if numbered else "dòng khớp"
        return f"Theo {compose.doc_label(doc)}, {where} có {n} {what} {how}: {'; '.join(names)}."
    where = f"the table “{caption}”" if caption else "its tables" if several else "the table"
    how = f"(the document states: “{stated}”)" if stated else \
        (f"(numbered 1–{n}: the last row's number)" if printed else counted_note(lang, "row numbers of each group")) \
        if numbered else counted_note(lang, "rows")
    what = "rows" if numbered else "matching rows"
    return (f"According to {compose.doc_label(doc)}, {where} (quoted in Vietnamese) has {n} {what} {how}: "
            f"{'; '.join(names)}.")
