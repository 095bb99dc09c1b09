"""Answers that set two sources side by side: one indicator across places, or two rows of one table.

    "Tỷ lệ hộ nghèo của An Giang và Kon Tum năm 2025?"  → one row per province, in a small table
    "mục tiêu thăm dò của đề án mở rộng mỏ Núi Pháo so với đề án khu vực Núi Chiếm?"
      → rows "a Mở rộng mỏ Núi Pháo … 94.830" and "b Khu vực Núi Chiếm … 13.500" of one table
    "khâu chuyên viên thụ lý bố trí bao lâu ở thủ tục cấp mới CFS và bao lâu ở thủ tục sửa đổi, bổ sung/cấp lại CFS?"
      → the step row "Chuyên viên thụ lý, xử lý hồ sơ" of each procedure's workflow table: 01 ngày; 1,5 ngày
"""
from __future__ import annotations

import re

from ground.admin_units import label as place_label
from ground.normalize import fold, join_wraps
from index.retriever import Filters
from ingest.model import TableRow

from .. import compose, writing
from ..context import Context
from ..evidence import FOUND_ROW, flat_terms, token_set
from ..found import answers
from ..model import Answer
from ..question.asked import asks_twice, direction_text
from ..row_evidence import row_text
from ..row_writing import asked_cells, row_answer_text
from ..table_scoring import score_targets
from .thresholds import COMPARE_BOTH, COMPARE_FIRST, COMPARE_MATE, COMPARE_MATE_EN, SEARCH_K


def across_places(ctx: Context) -> Answer | None:
    """The indicator's row in each place asked (or, none named, in every place with indicator rows)."""
    q, rows = ctx.q, ctx.targets
    # every place is asked only where no place is named: those with indicator rows at all (a walk of
    # 34 provinces' laws and dispatches finds no row to compare, and costs 34 searches)
    provinces = q.provinces or sorted({d.meta.province for d in ctx.docs if d.meta.province and d.has_targets})
    entries, cites = [], []
    for p in provinces:
        best = next((s for s in rows if s.doc.meta.province == p), None)
        if best is None:
            pf = Filters(provinces=[p], doc_ids=ctx.filters.doc_ids)
            hits = ctx.search.search(q, pf, k=SEARCH_K)
            ranked = score_targets(ctx.narrowed(pf), hits, pf)
            best = ranked[0] if ranked else None
        if best is None or best.coverage < FOUND_ROW or any(r is best.row for _, r in entries):
            continue  # (Quảng Ngãi and Kon Tum asked together both find Kon Tum's row: once)
        entries.append((best.doc.meta.province or p, best.row))  # the table names the row's own unit
        cites.extend(writing.row_citations(best))
    if len(entries) < 2:
        return None
    text, table = compose.compare_text(entries, q.years, q.lang)
    ans = writing.finish(q, text, True, cites, [], intent="compare")
    ans.table = table
    return ans


def two_table_rows(ctx: Context) -> Answer | None:
    """Two rows of one table the question names both of ("điện ảnh so với âm nhạc")."""
    q, table = ctx.q, ctx.table
    first = table[0]
    if first.coverage < COMPARE_FIRST:
        return None
    qtoks = ctx.terms(keep_years=True)
    # each row covers its own half of the question: the second is the one that, with the first,
    # covers most of it ("mở rộng mỏ Núi Pháo" … "khu vực Núi Chiếm"); an English question whose
    # names the glossary cannot read keeps to the rows the vectors rank well
    row0 = first.row
    both = {id(s): ctx.coverage(qtoks, f"{row_text(row0)} {s.row.label}") for s in table[1:]}
    mates = [s for s in table[1:] if s.doc is first.doc and s.row.table == row0.table
             and s.row.label != row0.label and s.coverage >= COMPARE_MATE
             and (both[id(s)] >= COMPARE_BOTH or q.lang == "en" and s.coverage >= COMPARE_MATE_EN)]
    if not mates:
        return None
    other = max(mates, key=lambda s: (round(both[id(s)], 2), s.score))
    texts = [row_answer_text(s.row, q, qtoks, ctx.coverage, place_label(s.doc.meta.province, q.lang))
             for s in (first, other)]
    # each row with what it is read with (its table's header, whose unit the answer repeats: "1.000 đồng/…/tháng")
    cites = list({(c.start, c.end): c for s in (first, other) for c in writing.row_citations(s)}.values())
    asked = [asked_cells(q, s.row, qtoks, ctx.coverage)[0] for s in (first, other)]
    if all(len(cells) == 1 for cells in asked):  # one value of each row: which is the larger
        texts[-1] += direction_text(join_wraps(asked[0][0].text), join_wraps(asked[1][0].text), q.lang)
    return writing.finish(q, " ".join(texts), True, cites, ctx.clauses[:2], intent="compare")


MAX_CAPTION = 140  # characters of a table's caption naming it in the answer (its header is cited whole)


def same_row_two_tables(ctx: Context) -> Answer | None:
    """One row asked of two tables the question names both of: the same step in two procedures' workflows,
    the same item in two years' lists. The found row's twin (same name, same wording in its text cells) in
    another table of its document, where that table's caption holds words of the question the found row's
    caption lacks; each row's asked cells, each row and its header cited, and which value is the larger
    where both are figures in one unit."""
    q = ctx.q
    if not ctx.table or not asks_twice(q.effective, q.lang) or not answers(ctx, ctx.table[0]):
        return None
    first = ctx.table[0]
    row0 = first.row
    key = _row_key(row0)
    twins = [r for r in first.doc.rows if not r.by_year and r.table != row0.table and _same_key(_row_key(r), key)]
    if not key or not twins:
        return None
    asked = set(flat_terms(ctx.terms(keep_years=True)))
    own = token_set(row0.caption) & asked
    named = [(len((token_set(r.caption) & asked) - own), r) for r in twins]
    gain, other = max(named, key=lambda x: x[0])
    if gain == 0:
        return None  # the question does not tell the two tables apart by their captions
    qtoks = ctx.terms(keep_years=True)
    parts, values, cites = [], [], []
    by_row = {id(c.row): c for c in first.doc.chunks if c.row is not None}
    for r in sorted((row0, other), key=lambda r: r.table):  # in the document's order
        cells, _ = asked_cells(q, r, qtoks, ctx.coverage)
        shown = "; ".join(f"{c.header.split(' › ')[-1]}: {join_wraps(c.text)}" for c in cells if c.text.strip())
        name = _table_name(r)
        parts.append(f"“{name}” — {shown}")
        values.append(join_wraps(cells[0].text) if cells else "")
        chunk = by_row.get(id(r))
        if chunk is not None:
            cites.append(writing.cite(first.doc, chunk))
            cites += writing.header_citation(first.doc, chunk.locator, r.header_span)
    if len(cites) < 2:
        return None
    label = " › ".join(f"{join_wraps(w)}" for w in [row0.label] + _text_cells(row0)[:1])
    lead = (f"Theo {compose.doc_label(first.doc)}, “{label}” ở từng bảng: " if q.lang == "vi" else
            f"According to {compose.doc_label(first.doc)}, “{label}” in each table (quoted in Vietnamese): ")
    text = lead + "; ".join(parts) + "." + direction_text(values[0], values[1], q.lang)
    return writing.finish(q, text, True, cites, [], intent="compare")


def _row_key(row: TableRow) -> str:
    """A row's name and the wording of its cells that hold no figure: the same step in another table."""
    words = [row.label] + _text_cells(row)[:1]
    return " | ".join(fold(join_wraps(w)) for w in words if w)


def _same_key(a: str, b: str) -> bool:
    """Two rows' keys name the same step: equal, or but for one word (a misprint: "Tip nhận" / "Tiếp nhận")."""
    if a == b:
        return True
    x, y = a.split(), b.split()
    return len(x) == len(y) >= 4 and sum(u != v for u, v in zip(x, y, strict=True)) == 1


def _text_cells(row: TableRow) -> list[str]:
    return [c.text for c in row.cells if c.text.strip() and not re.search(r"\d", c.text)]


def _table_name(row: TableRow) -> str:
    """A table named by its caption's last part, its list number and trailing details ("- Thời gian …") off.

    A caption read from several lines above the table joins them with " ; " ("… (Mã TTHC: 1.014464) ; 1.2.
    Thủ tục …"): the last is the table's own title (the earlier one belongs to the table before it, and its
    figures are in no citation of this answer); a sub-point's number "1.2." goes like "1.".
    """
    name = join_wraps(row.caption.split(" › ")[-1].split(" ; ")[-1]).strip(" *")
    heads = list(re.finditer(r"(?:^|\s)(?:[IVX]+|\d+(?:\.\d+)*|[A-Z])[.)]\s+(?=[^\W\d_])", name))
    name = name[heads[-1].end():] if heads else name  # the last numbered heading: "… 1. Cấp giấy …" → "Cấp giấy …"
    name = re.split(r"\s[-–]\s", name)[0].strip(" …")  # "… (CFS) … – (Mã số TTHC: …)", "- Thời gian …": details
    return name if len(name) <= MAX_CAPTION else name[:MAX_CAPTION - 1].rsplit(" ", 1)[0] + "…"
