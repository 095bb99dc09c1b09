"""Answers that set two sources side by side: one indicator across places, or two rows of one table.

    "Tỷ lệ hộ nghèo của An Giang và Kon Tum năm 2025?"  → one row per province, in a small table
    "mục tiêu thăm dò của đề án mở rộng mỏ Núi Pháo so với đề án khu vực Núi Chiếm?"
      → rows "a Mở rộng mỏ Núi Pháo … 94.830" and "b Khu vực Núi Chiếm … 13.500" of one table
"""
from __future__ import annotations

from ground.admin_units import label as place_label
from index.retriever import Filters

from .. import compose, writing
from .. import table_answers as tables
from ..context import Context
from ..evidence import FOUND_ROW
from ..model import Answer
from ..scoring import score_rows
from .thresholds import COMPARE_BOTH, COMPARE_FIRST, COMPARE_MATE, COMPARE_MATE_EN, SEARCH_K


def across_places(ctx: Context) -> Answer | None:
    """The indicator's row in each place asked (or, none named, in every place with indicator rows)."""
    q, rows = ctx.q, ctx.rows
    # every place is asked only where no place is named: those with indicator rows at all (a walk of
    # 34 provinces' laws and dispatches finds no row to compare, and costs 34 searches)
    provinces = q.provinces or sorted({d.meta.province for d in ctx.docs if d.meta.province and d.rows})
    entries, cites = [], []
    for p in provinces:
        best = next((s for s in rows if s.doc.meta.province == p), None)
        if best is None:
            pf = Filters(provinces=[p], doc_ids=ctx.filters.doc_ids)
            hits = ctx.search.search(q.effective, pf, k=SEARCH_K)
            ranked = score_rows(ctx.narrowed(pf), hits, pf)
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
    row0 = first.chunk.table_row
    both = {id(s): ctx.coverage(qtoks, f"{tables.row_text(row0)} {s.chunk.table_row.label}") for s in table[1:]}
    mates = [s for s in table[1:] if s.doc is first.doc and s.chunk.table_row.table == row0.table
             and s.chunk.table_row.label != row0.label and s.coverage >= COMPARE_MATE
             and (both[id(s)] >= COMPARE_BOTH or q.lang == "en" and s.coverage >= COMPARE_MATE_EN)]
    if not mates:
        return None
    other = max(mates, key=lambda s: (round(both[id(s)], 2), s.score))
    texts = [tables.table_row_text(s.chunk.table_row, q, qtoks, ctx.coverage, place_label(s.doc.meta.province, q.lang))
             for s in (first, other)]
    cites = [writing.cite(s.doc, s.chunk) for s in (first, other)]
    return writing.finish(q, " ".join(texts), True, cites, ctx.clauses[:2], intent="compare")
