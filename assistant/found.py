"""Found or not found: one rule for every question, in both languages.

A source answers when its *evidence* reaches ``FOUND``. Evidence is the source's coverage of the
question (``evidence.Coverage``; for an English question the share of its words the glossary
reads, the rest judged by the multilingual vectors — ``scoring.cross_lingual``), plus:

* ``DENSE_BONUS`` by the source's rank among the vectors' nearest sources to the question, in
  either language: lexical coverage and the vectors agreeing on one source is the surest sign;
* ``UNIT_FIT`` × the source's best evidence unit's similarity to the question (``Scored.unit_sim``: the
  unit vectors' cosine of a cell or sentence, centred on its document's mean; 0 without them): a source
  holding the one row or sentence the question means ("fresh tea bud output" → "Sản lượng chè búp tươi")
  gains, one whose units are all as near as the rest of its document does not;
* ``TYPE_FIT`` when the question asks a value of a type that picks passages by itself (a
  duration, a period, a year, a count in a named unit) and the source states one, ``-TYPE_FIT``
  when it states none.

    "Thông tư 56/2025/TT-BCT … Đoàn kiểm tra phải hoàn thành báo cáo … trong bao lâu …?"
      clause "Điều 7 › Khoản 2": coverage 0.50 (the question restates the title, its words weigh a
      third), first among the vectors (+0.15), states "10 ngày làm việc" (+0.10) → 0.75, found.
    "Thông tư 56/2025/TT-BCT quy định mức phạt tiền bao nhiêu …?" (the circular sets no fine)
      best clause: coverage 0.30, 41st among the vectors → 0.30, not found.

With no vectors yet (a home answering at once, its vectors still being made) the evidence is the
lexical side alone: the same threshold, fewer ways to reach it.

``FOUND`` and the bonuses were fitted on the unanswerable and answerable questions of every
development set (``eval/sets/*.jsonl``, ``qa.jsonl``, ``qa2-tune.jsonl``; both index states):
the numbers are in the docstrings of the constants.
"""
from __future__ import annotations

from .asked import holds, typed_strongly
from .context import Context
from .evidence import Scored

# Fitted on the development sets (correct / unanswerables refused; 47 unanswerables in all):
#   FOUND   qa2-tune vec   qa2-tune lex   qa.jsonl lex   plans.jsonl   dev.jsonl
#   0.50    66 (8/15)      53 (11/15)     43 (5/5)       86 (8/10)     30 (2/2)
#   0.55    68 (10/15)     52 (13/15)     44 (5/5)       86 (8/10)     30 (2/2)
#   0.60    65 (11/15)     51 (15/15)     43 (5/5)       86 (8/10)     30 (2/2)
# 0.55 refuses as many unanswerables as the old per-way coverage gates (0.5 each) did, and answers more.
# Bonus sizes were tried too (DENSE_BONUS × 4/3, TYPE_FIT 0.15): within one question on qa2-tune.
FOUND = 0.55
# By rank among the vectors' nearest sources (the first five): agreement of the two sides.
DENSE_BONUS = (0.15, 0.12, 0.09, 0.06, 0.03)
DENSE_K = 10  # the vectors' ranking a question's sources are placed in (English: also its coverage)
TYPE_FIT = 0.1  # a source stating (or not) a value of the strongly typed kind asked
# Ordering only (never what makes a source found): ALQAC 2023's 210 law questions, clause first cited
# = gold article (the ordering alone, before the ways of answering), 0 / 0.05 / 0.1 / 0.15: with vectors
# 0.829 / 0.838 / 0.871 / 0.862, BM25 alone 0.776 / 0.795 / 0.810 / 0.819; at 0.1 qa2-tune holds (vectors
# 103, at once 86: two questions won, two lost), qa.jsonl 45 -> 46.
SEARCH_CREDIT = 0.1
# × the source's best unit's centred similarity over UNIT_BASE. Fitted on qa2-tune (every vector): the best
# source's unit similarity does not tell unanswerables from answerables refused today (unanswerable 0.017–0.077,
# median 0.046; answerable refused 0.024–0.055, median 0.040; answered right: median 0.062), nor does the raw
# cosine within one language (English 0.77–0.84 / 0.81–0.87 / 0.77–0.86). Swept with UNIT_WEIGHT 2: (FIT, BASE)
# (0, –) 104/154, unanswerables 10/15; (1, 0) 103, 9/15; (2, 0) 102, 8/15; (4, 0) 104, 6/15; (2, 0.05) 103,
# 10/15; (4, 0.06) 102, 12/15. No setting gains: 0 until a signal that separates them is found.
UNIT_FIT = 0.0
UNIT_BASE = 0.05  # what the best unit of a source stands out by typically (the answered-right lower quartile)


def dense_bonus(ctx: Context, s: Scored) -> float:
    rank = ctx.dense_rank.get(s.chunk.chunk_id)
    return DENSE_BONUS[rank] if rank is not None and rank < len(DENSE_BONUS) else 0.0


def type_fit(ctx: Context, s: Scored) -> float:
    what = ctx.q.asks
    if not typed_strongly(what):
        return 0.0
    return TYPE_FIT if holds(what, s.chunk.text) else -TYPE_FIT


def evidence(ctx: Context, s: Scored | None) -> float:
    """The source's evidence of answering the question (``-1`` for no source)."""
    if s is None:
        return -1.0
    return s.coverage + dense_bonus(ctx, s) + type_fit(ctx, s) + unit_fit(s)


def unit_fit(s: Scored) -> float:
    """How far the source's best unit stands out from its document (``Scored.unit_sim``) beyond the typical
    ``UNIT_BASE``: for where it does, against where it does not; 0 where unit vectors are not made yet."""
    return 0.0 if s.unit_sim is None else UNIT_FIT * (s.unit_sim - UNIT_BASE)


def answers(ctx: Context, s: Scored | None) -> bool:
    """Whether the source's evidence reaches the one threshold of found."""
    return evidence(ctx, s) >= FOUND


def search_credit(rank: int | None) -> float:
    """``SEARCH_CREDIT / (1 + rank)`` by the source's rank in the question's own search (BM25 with its
    term frequencies and length norm, fused with the vectors): the first hit +0.1, the fifth +0.02."""
    return SEARCH_CREDIT / (1 + rank) if rank is not None else 0.0


def by_evidence(ctx: Context, scored: list[Scored]) -> list[Scored]:
    """Sources best first by their evidence of answering (the quantity ``answers`` judges) and the
    search's rank of them; the old order (precision, fused score) breaks ties. Coverage alone is a
    set of terms: a 1,200-character clause holding the question's words scattered ties a 100-character
    one that states them together ("Thời gian cai nghiện tự nguyện ở cơ sở cai nghiện ma túy là bao nhiêu
    tháng?": Điều 55 Khoản 1 over Điều 31 Khoản 1 of Luật Phòng, chống ma túy); the search's rank (BM25's
    length norm) and the vectors' agreement tell them apart."""
    rank = {h.chunk.chunk_id: i for i, h in enumerate(ctx.hits)}
    return sorted(scored, key=lambda s: -(evidence(ctx, s) + search_credit(rank.get(s.chunk.chunk_id))
                                          + s.score - s.coverage))
