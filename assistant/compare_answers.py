"""Answers that set two sources side by side: one indicator across places, or two rows of one table.

    "Tỷ lệ hộ nghèo của An Giang và Kon Tum năm 2025?"  → one row per province, in a small table
    "mục tiêu thăm dò của đề án mở rộng mỏ Núi Pháo so với đề án khu vực Núi Chiếm?"
      → rows "a Mở rộng mỏ Núi Pháo … 94.830" and "b Khu vực Núi Chiếm … 13.500" of one table
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from index.retriever import Filters
from ingest.admin_units import label as place_label

from . import compose
from . import table_answers as tables
from .evidence import FOUND_ROW, Scored, content_tokens
from .model import Answer
from .question import Question

if TYPE_CHECKING:
    from .answering import Answerer


def across_places(self: Answerer, q: Question, filters: Filters, rows: list[Scored]) -> Answer | None:
    # every place is asked only where no place is named: those with indicator rows at all (a walk of
    # 34 provinces' laws and dispatches finds no row to compare, and costs 34 searches)
    provinces = q.provinces or sorted({d.meta.province for d in self.docs if d.meta.province and d.rows})
    entries, cites = [], []
    for p in provinces:
        best = next((s for s in rows if s.doc.meta.province == p), None)
        if best is None:
            pf = Filters(provinces=[p], doc_ids=filters.doc_ids)
            hits = self.search.search(q.effective, pf, k=30)
            ranked = self._score_rows(q, hits, pf)
            best = ranked[0] if ranked else None
        if best is None or best.coverage < FOUND_ROW or any(r is best.row for _, r in entries):
            continue  # (Quảng Ngãi and Kon Tum asked together both find Kon Tum's row: once)
        entries.append((best.doc.meta.province or p, best.row))  # the table names the row's own unit
        cites.extend(self._row_citations(best))
    if len(entries) < 2:
        return None
    text, table = compose.compare_text(entries, q.years, q.lang)
    ans = self._finish(q, text, True, cites, [], intent="compare")
    ans.table = table
    return ans


def two_table_rows(self: Answerer, q: Question, table: list[Scored], clauses: list[Scored]) -> Answer | None:
    """Two rows of one table the question names both of ("điện ảnh so với âm nhạc")."""
    first = table[0]
    if first.coverage < 0.3:
        return None
    qtoks = content_tokens(q, keep_years=True, known=self.coverage.df)
    # each row covers its own half of the question: the second is the one that, with the first,
    # covers most of it ("mở rộng mỏ Núi Pháo" … "khu vực Núi Chiếm"); an English question whose
    # names the glossary cannot read keeps to the rows the vectors rank well
    row0 = first.chunk.table_row
    both = {id(s): self.coverage(qtoks, f"{tables.row_text(row0)} {s.chunk.table_row.label}") for s in table[1:]}
    mates = [s for s in table[1:] if s.doc is first.doc and s.chunk.table_row.table == row0.table
             and s.chunk.table_row.label != row0.label and s.coverage >= 0.25
             and (both[id(s)] >= 0.6 or q.lang == "en" and s.coverage >= 0.4)]
    if not mates:
        return None
    other = max(mates, key=lambda s: (round(both[id(s)], 2), s.score))
    texts = [tables.table_row_text(s.chunk.table_row, q.effective, q.lang, qtoks, self.coverage,
                                   place_label(s.doc.meta.province, q.lang), q.asks) for s in (first, other)]
    cites = [self._cite(s.doc, s.chunk) for s in (first, other)]
    return self._finish(q, " ".join(texts), True, cites, clauses[:2], intent="compare")
