"""Answers about a document itself — who signed, its number and date, when it takes effect, what it
replaces or implements, which document sets something out — quoted where the text says it.

    "Kế hoạch 617/KH-UBND … được ban hành ngày nào?"
      → "Kế hoạch 617/KH-UBND của Ủy ban nhân dân tỉnh Đồng Tháp ban hành ngày 01 tháng 12 năm 2025."
        citing "Số: 617/KH-UBND … Đồng Tháp, ngày 01 tháng 12 năm 2025"
"""
from __future__ import annotations

from index.retriever import Filters

from .. import compose, facts, writing
from ..citing import span_citation
from ..context import Context
from ..model import Answer

FACT_SEARCH_K = 10  # hits searched for the document a fact question's topic finds
# where each fact is quoted from, as the citation names it
_LOCATORS = {"signer": "Chữ ký", "implements": "Phần mở đầu", "effective": "Hiệu lực", "replaces": "Hiệu lực"}


def answer(ctx: Context) -> Answer | None:
    """Who signed / which number / which date / which document: quote where the text says it.

    The document is the one the question names (its number, its province when that holds one
    document) or else the one whose text the question's topic finds first."""
    q, filters, search = ctx.q, ctx.filters, ctx.search
    kinds = list(q.facts)
    if not kinds:
        return None
    docs = [d for d in ctx.docs if (not q.provinces or search.places_of(d.doc_id) & set(q.provinces))
            and (not filters.doc_ids or d.doc_id in filters.doc_ids)]
    best_chunk = None
    if len(docs) != 1 or kinds == ["which"]:
        f = Filters(provinces=q.provinces, doc_ids=filters.doc_ids)
        hits = [h for h in search.search(q.effective, f, k=FACT_SEARCH_K, lang=q.lang) if h.chunk.kind != "signature"]
        if not hits:
            return None
        docs, best_chunk = [hits[0].doc], hits[0].chunk
    d = docs[0]
    texts, cites, found_all = [], [], True
    for kind in kinds:
        if kind == "which":
            texts.append(facts.which_text(d, q.lang))
            if best_chunk is not None:
                cites.append(writing.cite(d, best_chunk))
            span = facts.number_span(d)
            if span:
                cites.append(span_citation(d, "Số, ngày văn bản", *span, "metadata"))
            continue
        span = {"signer": lambda: d.meta.signer_span, "number": lambda: facts.number_span(d),
                "date": lambda: facts.date_span(d), "implements": lambda: facts.implements_span(d),
                "effective": lambda: facts.effect_span(d), "replaces": lambda: facts.effect_span(d)}[kind]()
        text, found = facts.fact_text(kind, d, q.lang, cited=d.text[span[0]:span[1]] if span else None)
        label = compose.doc_label(d, with_number=kind in ("number", "date"))
        if texts and text.startswith(label):  # "số hiệu và ngày ban hành": the document is named once
            text = ("Văn bản" if q.lang == "vi" else "It") + text[len(label):]
        texts.append(text)
        found_all = found_all and found
        if span and found:
            cite = span_citation(d, _LOCATORS.get(kind, "Số, ngày văn bản"), *span, "metadata")
            if (cite.start, cite.end) not in {(c.start, c.end) for c in cites}:
                cites.append(cite)
        elif found:
            return None  # never state a fact we cannot quote
    return writing.finish(q, " ".join(texts), found_all or bool(cites), cites, [], intent="metadata")
