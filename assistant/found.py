"""Found or not found: one fitted decision for every question, in both languages.

A candidate source (the best rows, clauses and table rows the router weighs) answers when its fitted log-odds
of being the answering source, ``decision``, reach ``FOUND_LOGIT``. The log-odds are a weighted sum of named,
general ``FEATURES``: the question's coverage by the source, its rank among the vectors' nearest sources and in
the hybrid search (and whether both put its document first), its best evidence unit's similarity and rank
within its document (``unit_similarity``), whether it states a value of the type asked, whether the question
names a year its document never mentions, whether it names the source's document by number, ``evidence``, the
hand-weighed sum the sources are ordered by, and how far that stands out from the other candidates' (``margin``).

The weights are fitted by ``bench/found_fit.py`` (logistic regression, plain numpy) on the development
questions of every labelled set, one weight set per index state: ``WITH_VECTORS``, and ``AT_ONCE`` for a home answering before its vectors
are made, whose vector features are all 0 (the same threshold, the lexical features alone). The fit reports
how it carries to documents it did not see (cross-validated by document); the figures are beside the weights.

    "Thông tư 56/2025/TT-BCT … Đoàn kiểm tra phải hoàn thành báo cáo … trong bao lâu …?"
      clause "Điều 10 › Khoản 3": coverage 0.66, first among the vectors, states "10 ngày làm việc" → found.
    "Thông tư 56/2025/TT-BCT quy định mức phạt tiền bao nhiêu …?" (the circular sets no fine) → not found.

``evidence`` (coverage + the vectors' rank + type + unit) still orders the sources (``by_evidence``).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ground.normalize import fold

from .context import Context
from .evidence import Scored, token_set
from .question import lexicon
from .question.asked import asks_sum, holds, states_sum, typed_strongly
from .question.question import Question
from .question.question_words import words_share
from .question.read import names_document
from .row_evidence import row_text

# Fitted on the development sets (correct / unanswerables refused; 47 unanswerables in all):
#   FOUND   qa2-tune vec   qa2-tune lex   qa.jsonl lex   plans.jsonl   dev.jsonl
#   0.50    66 (8/15)      53 (11/15)     43 (5/5)       86 (8/10)     30 (2/2)
#   0.55    68 (10/15)     52 (13/15)     44 (5/5)       86 (8/10)     30 (2/2)
#   0.60    65 (11/15)     51 (15/15)     43 (5/5)       86 (8/10)     30 (2/2)
# 0.55 refuses as many unanswerables as the old per-way coverage gates (0.5 each) did, and answers more.
# Bonus sizes were tried too (DENSE_BONUS × 4/3, TYPE_FIT 0.15): within one question on qa2-tune.
FOUND = 0.55
# The decision's weights over ``FEATURES`` (log-odds that a candidate is the answering source), fitted by
# ``python -m bench.found_fit`` (its docstring has the command) on every labelled set, 466 questions over 40
# documents and 47 unanswerables: qa2-tune with every vector and at once, qa.jsonl in a home of its 10 documents
# with every vector and at once, the shipped plans' plans.jsonl and dev.jsonl with every vector and at once; the
# first row, clause and table row of each (the ones the router judges, ``bench.found_fit.FIT_RANKS``: 542
# candidates with vectors, 278 answering; 597 at once, 268), L2 1 on standardised features, every weight but
# ``SIGNED`` kept non-negative. FOUND_LOGIT swept on the same, by document (5 folds: each fold's questions
# answered with weights fitted without its documents' questions), reference scorer's rule:
#   FOUND_LOGIT  qa2-tune vec (unans.)  qa2-tune at once  qa.jsonl vec / at once  plans vec / at once  dev
#   -1.50        120 (9/15)             106 (12/15)       49 / 46                 88 / 87              30 / 30
#   -1.00        120 (9/15)             107 (13/15)       49 / 46                 88 / 87              30 / 30
#   -0.50        117 (10/15)            104 (13/15)       49 / 46                 88 / 86              30 / 30
# The 13 features before (``names_doc`` and ``margin`` added since) refitted on the same sets, by document:
# 118 (10/15), 102 (13/15), – / 47, 88 / 87, 30 / 30; the weights before, fitted on qa2-tune alone: 116, 104.
# Tried and not kept: the question's language and coverage × language (fitted weights -0.1 and 0, no gain),
# fitting on the first three of each kind (qa2-tune by document 118 / 105).
# No feature of the question's language or of words the glossary does not know: the same rule for both.
# Tenth sitting: ``words`` added and every weight refitted on the same sets in homes built anew (INGEST_VERSION
# 18; 542 candidates with vectors, 282 answering; 596 at once, 274), FOUND_LOGIT -1.0, by document:
#   features                        qa2-tune vec (unans.)  at once     qa.jsonl vec / at once  plans  dev
#   the 15 above, refitted          121 (9/15)             110 (13/15)  49 / 46                 89 / 87  30 / 30
#   + words (the weights below)     120 (10/15)            109 (13/15)  49 / 46                 89 / 87  30 / 30
#   dense_doc, search_doc as +1 / -1 / 0 (0: the filter lets one document through), refitted: 118, 108 — not kept
# With the weights below, end to end (reference scorer): qa2-tune 121 / 109 (was 122 / 110), qa2-check 76 / 68
# (was 75 / 67). What ``words`` does that coverage cannot: a question about a topic the documents lack is
# refused by the words it asks, not by which of two alike clauses happens to be ordered first (the shipped
# Kon Tum plan for "Sở nào … thủ tục hành chính lĩnh vực đấu thầu …?": its best clause covers 0.44 of the
# syllables and holds 0.12 of the words; -0.69 before, -1.25 now; ``tests/test_provinces.py``).
WITH_VECTORS = ((2.362, 0.659, 0.000, 2.900, 0.077, 2.954, 12.651, 0.000, 0.275, -5.870, 0.462, -0.411, 0.847,
                 0.406, 2.410, 1.507), -9.442)
AT_ONCE = ((1.491, 0.605, 0.000, 0.000, 0.282, 4.629, 0.000, 0.000, 0.384, -4.724, 0.452, -0.355, 1.476,
            0.582, 2.861, 1.755), -7.647)
FOUND_FLOOR = 0.35  # the hand rule's evidence below which no source answers, whatever its ranks say: ranks are
# relative (in a small index the search's first hit is first however little it holds: a law set's unanswerable at
# 0.31). Where the source states no value of the strongly typed kind asked, the hand rule's own ``FOUND`` (the
# shipped plans' "An Giang có bao nhiêu sân bay quốc tế": its best clause 0.40, no count). Swept on qa2-tune
# (every vector / at once): no floor 115 / 104, floor 0.35 116 / 105, 0.45 116 / 99; 0.35 with the typed rule
# 116 / 104.
# The evidence a source stating no value of the strongly typed kind asked needs ("thời hạn sử dụng bao nhiêu năm" of a
# card the decision gives no term: its clause on what the card is for covers the topic's words, 0.65). Swept end to end
# (every vector; fourteenth sitting, dates in words no longer read as durations): FOUND (0.55) → 0.65 / 0.7 / 0.75:
# qa2-tune 130 → 131 / 131 / 131, qa3 103 → 103 / 103 / 102, qa4 103 → 104 / 105 / 106, qa.jsonl 49 → 48 / 48 (a
# "bao nhiêu mét" row writing "17 m": kept once "mét" reads "m" too).
MISFIT_FOUND = 0.7
FOUND_LOGIT = -1.0  # about 27 %: the best of its kind, weighed against the best of two other kinds
# By rank among the vectors' nearest sources (the first five): agreement of the two sides.
DENSE_BONUS = (0.15, 0.12, 0.09, 0.06, 0.03)
DENSE_K = 10  # the vectors' ranking a question's sources are placed in (English: also its coverage)
TYPE_FIT = 0.1  # a source stating (or not) a value of the strongly typed kind asked
# Ordering only (never what makes a source found): ALQAC 2023's 210 law questions, clause first cited
# = gold article (the ordering alone, before the ways of answering), 0 / 0.05 / 0.1 / 0.15: with vectors
# 0.829 / 0.838 / 0.871 / 0.862, BM25 alone 0.776 / 0.795 / 0.810 / 0.819; at 0.1 qa2-tune holds (vectors
# 103, at once 86: two questions won, two lost), qa.jsonl 45 -> 46.
SEARCH_CREDIT = 0.1
# × the IDF-weighted share of the question's words (underthesea's) the clause holds, ordering only: syllables met
# by chance cover ("giải" of "giải pháp" for "giải quyết"), words do not. Replayed on the recorded first three
# clauses of each question (the right clause first): qa2-tune 60 → 57, qa3 66 → 69, qa4 68 → 73 of the questions
# a clause answers; end to end see the closing note of the fourteenth sitting.
WORDS_ORDER = 0.3
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
    """``TYPE_FIT`` for a source stating a value of the strongly typed kind asked, or the sum a bare "how much"
    asks of a price, a fee, a rate of pay or support (``asks_sum``); minus that for one stating none; 0 otherwise."""
    what = ctx.q.asks
    if asks_sum(ctx.q.effective, what):
        return TYPE_FIT if states_sum(s.chunk.text, s.row is not None) else -TYPE_FIT
    if not typed_strongly(what):
        return 0.0
    return TYPE_FIT if holds(what, typed_text(s)) else -TYPE_FIT


def typed_text(s: Scored) -> str:
    """What a source states its values in: a clause as printed; a table row with each cell's figure followed by the
    unit its column's name gives in brackets, which the cell itself does not repeat ("Đơn giá (đồng)" over "217.912":
    "217.912 đồng", a sum in đồng for "bao nhiêu đồng/m3?"; before, the row stated no value of the type asked and
    needed ``MISFIT_FOUND``)."""
    if s.row is None:
        return s.chunk.text
    units = [f"{c.text} {unit}" for c in s.row.cells for unit in _BRACKET.findall(c.header) if re.search(r"\d", c.text)]
    return " ".join([s.chunk.text, *units])


_BRACKET = re.compile(r"\(([^()]{1,30})\)")


def evidence(ctx: Context, s: Scored | None) -> float:
    """The source's evidence of answering the question, as it orders sources (``-1`` for no source)."""
    if s is None:
        return -1.0
    return s.coverage + dense_bonus(ctx, s) + type_fit(ctx, s) + unit_fit(s)


def unit_fit(s: Scored) -> float:
    """How far the source's best unit stands out from its document (``Scored.unit_sim``) beyond the typical
    ``UNIT_BASE``: for where it does, against where it does not; 0 where unit vectors are not made yet."""
    return 0.0 if s.unit_sim is None else UNIT_FIT * (s.unit_sim - UNIT_BASE)


def answers(ctx: Context, s: Scored | None) -> bool:
    """Whether the source answers: its fitted log-odds of being the answering source (``decision``)
    reach ``FOUND_LOGIT``, and its hand evidence reaches ``FOUND_FLOOR`` (``FOUND`` where it states no value
    of the strongly typed kind asked)."""
    if s is None or decision(ctx, s) < FOUND_LOGIT or department_absent(asked_text(ctx.q), s.doc.text):
        return False
    support = evidence(ctx, s)
    # a source stating no value of the strongly typed kind asked (a count, a duration, a year, a sum of money) answers
    # only on the hand rule's evidence: the vectors' and the search's ranks say where the topic is, not that it holds
    # one ("What import duty rate applies to …" of a customs notice classifying the goods: its clauses state a
    # tariff heading, no rate — refused)
    # (a date asked is often one part of several — "bãi bỏ toàn bộ hay một phần, và từ ngày nào?" — and the part
    # answering it a half of its own: it orders the sources, it does not refuse them)
    misfit = type_fit(ctx, s) < 0 and ctx.q.asks.kind != "date"
    return support >= (MISFIT_FOUND if misfit else FOUND_FLOOR)


def asked_text(q: Question) -> str:
    """The question's words and the glossary's renderings of its English ("the Department of Health" → "sở y tế")."""
    return " ".join((q.effective, *q.renderings))


def department_absent(asked: str, text: str) -> bool:
    """The question (``asked_text``) names a province's department that the source's document ``text`` never names:
    it is about another one ("Tỉnh Cao Bằng đã phân cấp cho Sở Y tế những nhiệm vụ nào?" of the decision
    decentralising to Sở Giáo dục và Đào tạo). Of the 23 answerable questions of the development and check sets naming
    a department and their document, none names one its document lacks.

    >>> department_absent("Sở Y tế được phân cấp những nhiệm vụ nào?", "… phân cấp cho Sở Giáo dục và Đào tạo …")
    True
    >>> department_absent("Which tasks does the Department of Health take on? | sở y tế", "… Sở Y tế chủ trì …")
    False
    """
    named = set(lexicon.DEPARTMENTS.findall(fold(asked)))
    if not named:
        return False
    folded = _folded(text)
    return any(f"so {name}" not in folded for name in named)


# a document's text folded once, not at every candidate the router weighs (the string's hash is cached by Python)
_folded = lru_cache(maxsize=32)(fold)


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
    words = ctx.words()
    return sorted(scored, key=lambda s: -(evidence(ctx, s) + search_credit(rank.get(s.chunk.chunk_id))
                                          + s.score - s.coverage
                                          + WORDS_ORDER * words_share(words, token_set(s.chunk.text))))


# ---- the decision: a logistic score over named features, fitted by ``bench/found_fit.py`` -------------------
# Each feature of a candidate source ``s`` for the question (0 where its signal is not there, e.g. no vectors):
FEATURES = (
    "coverage",     # s.coverage: IDF-weighted share of the question's terms it holds (English: with the vectors'
                    #   credit for the words the glossary does not read, ``scoring.cross_lingual``)
    "precision",    # s.precision: share of its own words the question asks about (a row that is all asked)
    "dense",        # 1 / (1 + its rank among the vectors' nearest sources), 0 beyond ``DENSE_K`` or without vectors
    "dense_doc",    # its document holds the vectors' nearest source: the two sides agree on the document
    "search",       # 1 / (1 + its rank in the hybrid search's hits), 0 when not among them
    "search_doc",   # its document holds the search's first hit
    "unit",         # its best unit's centred similarity to the question (``unit_similarity``), 0 without units
    "unit_first",   # 1 / (1 + that unit's rank among its document's units), 0 without units
    "type_fit",     # +1 it states a value of the strongly typed kind asked (a duration, a year…), -1 none, 0 not typed
    "year_absent",  # the question names a year its document never mentions ("… in 2040" of a plan to 2030)
    "is_row",       # a target row (indicator × years); a clause is neither this nor the next
    "is_table",     # a row of any other table
    "support",      # ``evidence``: the hand-weighed sum the sources are ordered by (coverage, vectors' rank, type)
    "names_doc",    # the question names its document by number ("Under Dak Lak's Decision 02124/QĐ-UBND, …"
                    #   of 2124/QĐ-UBND): a document the index holds, named, is rarely the wrong place to look
    "margin",       # ``evidence`` over the best other candidate's (the first three of each kind): a source that
                    #   stands out answers more often than one of several alike (0.78 vs 0.15 → +0.63)
    "words",        # IDF-weighted share of the question's words (underthesea's segmentation) it holds
                    #   (``question_words``): syllables shared by chance ("giải" of "giải pháp" for "giải quyết")
                    #   cover, words do not; a table row read with its caption, groups and column names, as its
                    #   coverage is (its cells alone, "Miền núi | 105 | 80", hold none of "học phí … trung học")
)
# Features whose fitted weight may be negative (``bench.found_fit``): a kind of source, a year its document
# lacks; every other one is evidence *for* answering by what it measures.
SIGNED = ("year_absent", "is_row", "is_table")
CANDIDATES = 3  # of each kind (rows, clauses, table rows): the ones the router weighs and ``margin`` compares


def candidates(ctx: Context) -> list[Scored]:
    """The sources the decision weighs for a question: the first ``CANDIDATES`` of each kind."""
    return ctx.targets[:CANDIDATES] + ctx.clauses[:CANDIDATES] + ctx.table[:CANDIDATES]


def features(ctx: Context, s: Scored) -> list[float]:
    """``FEATURES`` of one candidate source, in that order."""
    q, cid = ctx.q, s.chunk.chunk_id
    rank = ctx.dense_rank.get(cid)
    first_dense = min(ctx.dense_rank, key=ctx.dense_rank.get) if ctx.dense_rank else None
    hit_rank = next((i for i, h in enumerate(ctx.hits) if h.chunk.chunk_id == cid), None)
    unit_rank = ctx.unit_sim.rank(s.doc, s.chunk.start, s.chunk.end) if s.unit_sim is not None else None
    support = evidence(ctx, s)
    others = [evidence(ctx, o) for o in candidates(ctx) if o is not s]
    return [
        s.coverage,
        s.precision,
        1 / (1 + rank) if rank is not None else 0.0,
        float(first_dense is not None and first_dense.split(":")[0] == s.doc.doc_id),
        1 / (1 + hit_rank) if hit_rank is not None else 0.0,
        float(bool(ctx.hits) and ctx.hits[0].doc.doc_id == s.doc.doc_id),
        s.unit_sim or 0.0,
        1 / (1 + unit_rank) if unit_rank is not None else 0.0,
        (1.0 if holds(q.asks, typed_text(s)) else -1.0) if typed_strongly(q.asks) else 0.0,
        float(bool(q.years) and not any(str(y) in s.doc.text for y in q.years)),
        float(s.row is not None and s.row.by_year),
        float(s.row is not None and not s.row.by_year),
        support,
        float(names_document(q.text, s.doc.meta.number)),
        support - max(others, default=support),
        words_share(ctx.words(), token_set(_read_text(s))),
    ]


def _read_text(s: Scored) -> str:
    """What a source is read as: a table row with its caption, groups and column names (``row_text``, as its
    coverage is), a clause as printed."""
    if s.row is not None:
        return row_text(s.row)
    return s.chunk.text


def decision(ctx: Context, s: Scored) -> float:
    """The fitted log-odds that ``s`` is the source answering the question: ``bias + Σ weights · features``,
    with the weights of the index's state (``WITH_VECTORS`` where the vectors reach the question's sources,
    ``AT_ONCE`` where the home answers before its vectors are made: the lexical features alone)."""
    weights, bias = WITH_VECTORS if ctx.dense_rank else AT_ONCE
    return bias + sum(w * f for w, f in zip(weights, features(ctx, s), strict=True))
