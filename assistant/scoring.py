"""How well each source covers one question: target rows, clauses, and the cross-lingual blend.

Every function reads the question's ``Context`` (its terms, its dense ranks) and returns scored
sources, best first; which one answers is the router's decision (``answering.py``), how the reply
reads is the strategies' (``assistant/answers/``). Rows of any table are scored in ``table_scoring``.
"""
from __future__ import annotations

import re

from index.retriever import Filters
from ingest.model import Chunk, Document

from .asked import holds, typed_strongly
from .context import Context
from .evidence import FOUND_CLAUSE, UNKNOWN_WORD_FACTOR, Scored, flat_terms, label_bonus, row_text
from .lexicon import AGENCY_HEAD
from .passages import shares_anchor, title_terms
from .question import Question

CLAUSE_TYPE_BONUS = 0.1  # a found clause that states a value of the asked type (a duration, a period…)
MIN_TERMS_EN = 0.3  # share of an English question's translated terms a source must hold to use its dense rank
EMPTY_ROW_PENALTY = 0.2  # a parent heading row with no figures of its own answers no figure question
# An English question's blend of glossary terms and the vectors' rank (``cross_lingual``): the rank is the
# surer signal where the glossary reads only part of the question, so it weighs a little more.
DENSE_CREDIT = (1.0, 0.85, 0.7, 0.55, 0.4)  # by rank among the vectors' top five
TERMS_WEIGHT, RANK_WEIGHT = 0.45, 0.55
BASES_PENALTY = 0.3  # a preamble citing legal bases ("Căn cứ …") shares words but answers no task or figure
PREAMBLE_PENALTY = 0.1  # any other preamble, or legal bases asked about by a fact question
AGENCY_HEAD_BONUS = 0.1  # a clause headed by an agency ("1. Sở Tài chính"), for a "which department" question


def score_rows(ctx: Context, hits, filters: Filters) -> list[Scored]:
    """Target rows (indicator × years) within ``filters``, every one of them scored, best first."""
    q = ctx.q
    qtoks = ctx.terms()
    fused = {h.chunk.chunk_id: h.score for h in hits}
    allowed = ctx.search.allowed(Filters(filters.provinces, filters.doc_ids))  # None: every row
    out = []
    for cid in ctx.search.target_rows:  # document order: ties break as before
        if allowed is not None and cid not in allowed:
            continue
        chunk, doc = ctx.search.chunks[cid]
        text = row_text(chunk.row)
        cov = cross_lingual(ctx, qtoks, text, cid, ctx.coverage(qtoks, text)) + label_bonus(q, chunk.row)
        if not any(not v.empty for v in chunk.row.values):
            cov -= EMPTY_ROW_PENALTY
        scored = Scored(chunk, doc, cov, fused.get(cid, 0.0))
        scored.precision = ctx.coverage.precision(qtoks, text)
        out.append(scored)
    out.sort(key=lambda s: -s.score)
    return out


def score_clauses(ctx: Context, hits) -> list[Scored]:
    """The clauses among ``hits`` (every kind of chunk but rows), best first."""
    q = ctx.q
    qtoks = ctx.terms(keep_years=True)
    out = []
    for h in hits:
        if h.chunk.kind == "row":
            continue
        text = h.chunk.search_text
        cov = ctx.coverage(qtoks, text, title_terms(h.doc, frozenset(flat_terms(qtoks))))
        out.append(Scored(h.chunk, h.doc, cross_lingual(ctx, qtoks, text, h.chunk.chunk_id, cov)
                          + role_bonus(q, h.chunk), h.score))
    for sc in out:  # of two clauses on the topic, the one stating a value of the asked type answers
        if sc.coverage >= FOUND_CLAUSE and typed_strongly(q.asks) and holds(q.asks, sc.chunk.text):
            sc.coverage += CLAUSE_TYPE_BONUS  # a reordering among found clauses, never what makes one found
    out.sort(key=lambda s: -s.score)
    return out


def cross_lingual(ctx: Context, qtoks, text: str, cid: str, cov: float) -> float:
    """An English question's coverage leans on the dense ranking as well as on the glossary.

    Its untranslated words ("en:bonus") can never be found in Vietnamese text, so they are left
    out of the term coverage; a source the multilingual vectors rank in their top five gets
    credit by rank (``DENSE_CREDIT``). Blend: 0.45 × terms + 0.55 × rank; the plain coverage
    stays when it is higher."""
    q = ctx.q
    if q.lang != "en":
        return cov
    rank = ctx.dense_rank.get(cid)
    dense = DENSE_CREDIT[rank] if rank is not None and rank < len(DENSE_CREDIT) else 0.0
    # words the glossary turned into Vietnamese (years say when, not what: they do not count)
    known = [t for t in qtoks if not (isinstance(t, str) and (t.startswith("en:") or re.fullmatch(r"(19|20)\d\d", t)))]
    terms = ctx.coverage(known, text) if known else 0.0
    if not known and not shares_anchor(q.anchors, text):
        # nothing of the question was read, and the source shares none of its figures or acronyms:
        # a vector's rank alone cannot tell "absent" from "phrased otherwise" ("How many airports…")
        return cov
    if known and terms < MIN_TERMS_EN and len(known) >= len(qtoks) - len(known):
        # the glossary read most of the question and this source lacks those words: the vectors'
        # rank alone does not make it an answer ("How many airports…" → a general goal clause)
        return cov
    # an acronym written in capitals that no document uses ("GDP", "FDI") names what is not here
    absent = sum(1 for a in q.acronyms if a.lower() not in ctx.coverage.df)
    return max(cov, (TERMS_WEIGHT * terms + RANK_WEIGHT * dense) * UNKNOWN_WORD_FACTOR ** absent)


def role_bonus(q: Question, chunk: Chunk) -> float:
    """What kind of passage answers what kind of question. The "Căn cứ …" opening cites legal bases;
    it answers no task or figure question (what a document implements is a fact question). A clause
    headed by an agency ("1. Sở Tài chính") is where a "which department" question is answered."""
    bonus = 0.0
    if chunk.kind == "preamble":
        # legal bases ("Căn cứ Luật …; Căn cứ Quyết định …") share a question's words but answer nothing
        bases = len(re.findall(r"(?m)^\W*Căn cứ\b", chunk.text.replace("*", "")))
        bonus -= BASES_PENALTY if bases >= 1 and q.intent != "metadata" else PREAMBLE_PENALTY
    if q.intent == "agency" and chunk.heading_path and AGENCY_HEAD.match(chunk.heading_path[-1].split("› ")[-1]):
        bonus += AGENCY_HEAD_BONUS
    return bonus


def years_missing(q: Question, doc: Document) -> bool:
    """A year the document never mentions ("… for the year 2040" of a plan to 2030)."""
    return bool(q.years) and not any(str(y) in doc.text for y in q.years)
