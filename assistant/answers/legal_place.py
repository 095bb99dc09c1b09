"""A place named in a legal text — "khoản 3 Điều 2 Luật An ninh mạng" — answered from exactly that place:
the chunks at that article (and clause) in the documents the filters allow, the one whose words (with
its document's title and name) cover the question best quoted, the next ones cited beside it.
"""
from __future__ import annotations

from ..context import Context
from ..evidence import Scored
from ..model import Answer
from ..question import legal
from . import clause
from .thresholds import PLACE_RUNNERS, PLACE_SOURCES


def answer(ctx: Context) -> Answer | None:
    q, filters = ctx.q, ctx.filters
    if q.place is None:
        return None
    article = f"Điều {q.place.article}"  # only documents with that article are read (index/shelf.py)
    docs = [d for d in ctx.docs if (not filters.doc_ids or d.doc_id in filters.doc_ids)
            and (not filters.provinces or d.meta.province in filters.provinces)
            and ctx.search.has_article(d.doc_id, article)]
    found = legal.place_chunks(q.place, docs)
    if not found:
        return None
    qtoks = ctx.terms(keep_years=True)
    scored = [Scored(c, d, ctx.coverage(qtoks, f"{d.meta.title or ''} {d.name} {c.search_text}"))
              for c, d in found]
    scored.sort(key=lambda s: -s.coverage)
    return clause.write(ctx, scored[0], [], scored[1:1 + PLACE_RUNNERS], n=PLACE_SOURCES)
