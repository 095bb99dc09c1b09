"""Which of a question's candidate clauses answers: its best sentence, scored with the clause, by fitted weights.

The clauses come best first by their evidence of answering (``found.by_evidence``: coverage, the search's
and the vectors' ranks). Several clauses of one document often cover the question alike — for "which
provincial department guides the compensation, support and resettlement policy when land is recovered for
power grid projects?" a duty of the investors ("Điều 5 Khoản 2: Chủ trì … lập và thực hiện kế hoạch giải
phóng mặt bằng …") came before "Điều 4 Khoản 4: Sở Nông nghiệp và Môi trường … b) Hướng dẫn thực hiện chính
sách bồi thường, hỗ trợ, tái định cư …" — and what tells them apart is the sentence that would be quoted:
does it state the asked part (here an agency heading the duty), does its vector meet the question's. So each
of the best ``TOP`` clauses is read to its best sentence (``sentence_choice.choose``, as the answer reads
it) and reordered by a softmax ranker over the features below, fitted by ``bench/row_fit.py --ranker
clauses`` on the labelled sets (cross-validated by document). One set of weights per index state
(``WITH_VECTORS`` where unit vectors are read, ``AT_ONCE`` where not); ``None`` keeps the evidence order.

The features of one candidate clause (question q), each with an example:

* ``pos``        1 / (1 + its place in the evidence order): the order it corrects (first → 1, third → 0.33)
* ``coverage``   IDF-weighted coverage of q by the clause (``Scored.coverage``; English: with the vectors'
                 credit for words the glossary cannot read)
* ``unit``       its best sentence's cosine with q by the unit vectors, centred on its document's mean
* ``unit_first`` 1 / (1 + that sentence's rank among its document's units): its document's nearest → 1
* ``sent``       the score of its best sentence (``sentence_choice``: own words, context, type fit …):
                 "- Thời gian thực hiện: 18 ngày" for "còn bao nhiêu ngày" scores above "b. Lý do: …"
* ``met``        how many of the asked parts (a time, an agency …) the quoted sentences state
* ``other_body`` the part asked is stated in the duties of a body the question does not ask about
* ``type_fit``   +1 the clause states a value of the strongly typed kind asked (a duration, a year …),
                 -1 it states none, 0 the question asks no such type
"""
from __future__ import annotations

import numpy as np

from ingest.text.page_view import reading_view

from .context import Context
from .evidence import Scored
from .found import answers
from .question.asked import holds, typed_strongly
from .sentence_choice import choose
from .sentences import heading_end

FEATURES = ("pos", "coverage", "unit", "unit_first", "sent", "met", "other_body", "type_fit")
HAND = "pos"  # the order the ranker corrects: the fit leaves its weight free (``bench.row_fit``)
TOP = 6  # the evidence order's best clauses read to their sentences and reordered
ALWAYS_READ = False  # read the features even where no weights are set (``bench.row_fit`` records them)

# Fitted by ``python -m bench.row_fit --ranker clauses --pooled`` (weights on the raw features, FEATURES order),
# one set for both states, on the rankings of qa2-tune (every vector and at once), qa.jsonl (at once), the
# shipped plans' dev and plans sets: 207 rankings with a movable right and wrong clause. By document (5 folds,
# weights fitted without the held-out documents): the right clause first in 37 / 43 (every vector; evidence order
# 34) and 71 / 77 (at once; 68); answers correct qa2-tune 116 / 104 (evidence order 116 / 104), qa.jsonl 45 / 50,
# dev 30 / 30, plans 88 / 91 — none lost. In-sample: qa2-tune 117 / 104 (t1005 gained).
WITH_VECTORS: tuple[float, ...] | None = (1.390, 3.991, 1.783, 0.110, 3.125, 1.217, -2.643, 0.383)
AT_ONCE: tuple[float, ...] | None = WITH_VECTORS


def vector(feats: dict[str, float]) -> np.ndarray:
    """The features in ``FEATURES`` order (a missing one is 0)."""
    return np.array([feats.get(n, 0.0) for n in FEATURES], dtype=float)


def state(scored: list[Scored]) -> str:
    """``WITH_VECTORS`` where some candidate's unit similarity was read, else ``AT_ONCE``."""
    return "WITH_VECTORS" if any(s.unit_sim is not None for s in scored[:TOP]) else "AT_ONCE"


def features(ctx: Context, s: Scored, place: int) -> dict[str, float]:
    """The named features of clause ``s``, ``place`` in the evidence order."""
    q = ctx.q
    view = reading_view(s.doc.text[s.chunk.start:s.chunk.end])
    choice = choose(q, ctx.terms(keep_years=True), s.doc, s.chunk, ctx.coverage,
                    skip_before=s.chunk.start + heading_end(view, s.chunk),
                    sim=lambda a, b: ctx.unit_sim.best(s.doc, a, b), words=ctx.words())
    rank = ctx.unit_sim.rank(s.doc, s.chunk.start, s.chunk.end) if s.unit_sim is not None else None
    return {"pos": 1 / (1 + place), "coverage": s.coverage, "unit": s.unit_sim or 0.0,
            "unit_first": 0.0 if rank is None else 1 / (1 + rank),
            "sent": choice.score if choice else 0.0, "met": float(choice.met) if choice else 0.0,
            "other_body": float(bool(choice and choice.other_body)),
            "type_fit": (1.0 if holds(q.asks, s.chunk.text) else -1.0) if typed_strongly(q.asks) else 0.0}


def reorder(ctx: Context, clauses: list[Scored]) -> list[Scored]:
    """``clauses`` (best first by evidence) with the best ``TOP`` reordered by the fitted weights of the
    index's state; unchanged (and unread) where that state has none. Only the clauses the found decision
    accepts (``found.answers``) trade places, among themselves: which clause states the fact is this
    ranker's to say, whether any does is the decision's (a refused first clause stays first)."""
    if (globals()[state(clauses)] is None and not ALWAYS_READ) or len(clauses) < 2:
        return clauses
    top = clauses[:TOP]
    refused = {id(s) for s in top if not answers(ctx, s)}
    return rerank(clauses, {id(s): features(ctx, s, i) for i, s in enumerate(top)}, refused)


def rerank(scored: list[Scored], feats: dict[int, dict[str, float]], fixed: set[int] = frozenset()) -> list[Scored]:
    """The best ``TOP`` of ``scored`` by ``Σ weights · features`` (ties keep their order), the rest after;
    those in ``fixed`` (by ``id``) keep their places."""
    weights = globals()[state(scored)]
    if weights is None or len(scored) < 2:
        return scored
    w = np.asarray(weights, dtype=float)
    top = list(scored[:TOP])
    slots = [i for i, s in enumerate(top) if id(s) not in fixed]
    z = {i: float(vector(feats.get(id(top[i]), {})) @ w) for i in slots}
    out = list(top)
    for slot, i in zip(slots, sorted(slots, key=lambda i: (-z[i], i)), strict=True):
        out[slot] = top[i]
    return out + scored[TOP:]
