"""How well each source covers one question: clauses, and the cross-lingual blend.

Every function reads the question's ``Context`` (its terms, its dense ranks) and returns scored
sources, best first; which one answers is the router's decision (``answering.py``), how the reply
reads is the strategies' (``assistant/answers/``). Rows of every table, targets included, are scored in
``table_scoring``.
"""
from __future__ import annotations

import re

from ingest.model import Chunk, Document

from .context import Context
from .evidence import FOUND_CLAUSE, UNKNOWN_WORD_FACTOR, Scored, flat_terms
from .passages import shares_anchor, title_terms
from .question.asked import holds, typed_strongly
from .question.lexicon import AGENCY_HEAD
from .question.question import Question
from .question.wanted import figure_value

CLAUSE_TYPE_BONUS = 0.1  # a found clause that states a value of the asked type (a duration, a period…)
# The vectors' credit for the unread part of an English question (``cross_lingual``), by rank among the
# nearest sources: the first is taken as the vectors' answer, the fifth as a weak one.
DENSE_CREDIT = (1.0, 0.85, 0.7, 0.55, 0.4)
UNIT_CREDIT = 0.7  # × DENSE_CREDIT by the rank of the source's best unit among its document's (unit vectors)
BASES_PENALTY = 0.3  # a preamble citing legal bases ("Căn cứ …") shares words but answers no task or figure
PREAMBLE_PENALTY = 0.1  # any other preamble, or legal bases asked about by a fact question
_OPENING = re.compile(r"CỘNG HÒA XÃ HỘI|Số:\s*\d|Kính gửi")  # a document's opening: its letterhead, number, addressees
AGENCY_HEAD_BONUS = 0.1  # a clause headed by an agency ("1. Sở Tài chính"), for a "which department" question


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
                          + role_bonus(q, h.chunk), h.score,
                          unit_sim=ctx.unit_sim.best(h.doc, h.chunk.start, h.chunk.end)))
    for sc in out:  # of two clauses on the topic, the one stating a value of the asked type answers
        if sc.coverage >= FOUND_CLAUSE and typed_strongly(q.asks) and holds(q.asks, sc.chunk.text):
            sc.coverage += CLAUSE_TYPE_BONUS  # a reordering among found clauses, never what makes one found
    out.sort(key=lambda s: -s.score)
    return out


def cross_lingual(ctx: Context, qtoks, text: str, cid: str, cov: float) -> float:
    """An English question's coverage: the words the glossary reads are matched in the text, the words
    it does not read are judged by the multilingual vectors.

    A question is read in two parts: its terms in Vietnamese (the glossary's renderings, quoted
    Vietnamese, figures) and its English words the glossary does not know ("en:smartphone"), which can
    never be found in Vietnamese text. Coverage = read share × the read terms' coverage + unread share
    × the vectors' credit for this source (``DENSE_CREDIT`` by rank among the nearest sources); the
    plain coverage stays when it is higher. So no English question is refused because the glossary
    does not know some of its words: where the vectors rank a source first, its unread part counts as
    found. The same credit is given by the unit vectors (``UNIT_CREDIT`` × ``DENSE_CREDIT`` by the rank of the
    source's best cell or sentence among all its document's units, ``unit_similarity``): the chunk vectors find
    the table, the units its row ("certifying retired army officers with a serious illness" → the procedure
    "5. Thủ tục xác nhận cán bộ Quân đội nghỉ hưu mắc bệnh hiểm nghèo", whose cell is its document's nearest
    unit). Measured on qa2-tune (every vector, with ``UNIT_WEIGHT`` 2): 0 → 104/154, 0.5 → 104, 0.7 → 105
    (English 22 → 23), 1.0 → 103 (three English questions gained, four others lost). Where nothing of it is read (no term, no figure or acronym the source shares), the rank alone
    says nothing: every question has a nearest source;
    a Vietnamese question is all read (its coverage is unchanged). With no vectors yet (a home answering
    at once) the read part is all the evidence there is: its coverage alone decides, against the same
    threshold (qa.jsonl in that state: 44 -> 45/50, qa2-tune 53 -> 54/154, unanswerables refused alike)."""
    q = ctx.q
    if q.lang != "en":
        return cov
    rank = ctx.dense_rank.get(cid)
    dense = DENSE_CREDIT[rank] if rank is not None and rank < len(DENSE_CREDIT) else 0.0
    if UNIT_CREDIT and cid in ctx.search.chunks:  # the same credit by its best unit's rank within its document
        chunk, doc = ctx.search.chunks[cid]
        at = ctx.unit_sim.rank(doc, chunk.start, chunk.end)
        if at is not None and at < len(DENSE_CREDIT):
            dense = max(dense, UNIT_CREDIT * DENSE_CREDIT[at])
    # words the glossary turned into Vietnamese (years say when, not what: they do not count)
    known = [t for t in qtoks if not (isinstance(t, str) and (t.startswith("en:") or re.fullmatch(r"(19|20)\d\d", t)))]
    unread = [t[3:] for t in qtoks if isinstance(t, str) and t.startswith("en:")]
    # an unread word the vectors matched to a Vietnamese word (``alignment.py``) is read where this source's
    # own text holds that word, and found there; elsewhere it stays unread
    matched = sum(1 for w in unread if w in ctx.aligned_in(text))
    read_share = (len(known) + matched) / (len(known) + len(unread)) if known or unread else 0.0
    terms = ctx.coverage(known, text) if known else 0.0
    if matched:
        terms = (terms * len(known) + matched) / (len(known) + matched)
    if not known and not shares_anchor(q.anchors, text):
        # nothing of the question was read, and the source shares none of its figures or acronyms:
        # a vector's rank alone cannot tell "absent" from "phrased otherwise" ("How many airports…")
        return cov
    if not ctx.dense_rank:  # no vectors reach these documents: the read part is all the evidence
        read_share = 1.0
    # an acronym written in capitals that no document uses ("GDP", "FDI") names what is not here
    absent = sum(1 for a in q.acronyms if a.lower() not in ctx.coverage.df)
    return max(cov, (read_share * terms + (1 - read_share) * dense) * UNKNOWN_WORD_FACTOR ** absent)


def role_bonus(q: Question, chunk: Chunk) -> float:
    """What kind of passage answers what kind of question. The "Căn cứ …" opening cites legal bases;
    it answers no task or figure question (what a document implements is a fact question). A clause
    headed by an agency ("1. Sở Tài chính") is where a "which department" question is answered."""
    bonus = 0.0
    if chunk.kind == "preamble":
        # legal bases ("Căn cứ Luật …; Căn cứ Quyết định …") share a question's words but answer nothing
        bases = len(re.findall(r"(?m)^\W*Căn cứ\b", chunk.text.replace("*", "")))
        # a question naming its document by number has found it: the preamble's restated title says which
        # document, not which passage ("… what customs procedure applies according to letter 37951/CHQ-GSQL …?"
        # meets the company and the machinery in the letter's opening, the procedure in its "2.")
        # (measured with every vector over each set's documents: qa3 124 → 125, qa4 131 → 132, qa2-tune and -check
        # alike; over the whole folder qa3 116 → 120 with the sitting's other changes; at 0.5 qa2-tune lost two)
        # (its opening only: a letter or a telegram printed without articles goes on as "preamble" chunks after it,
        # and its body answers: "… vào ngày 19 tháng 12 năm 2025" of Công điện 224/CĐ-TTg)
        named = bool(q.documents) and _OPENING.search(chunk.text) is not None
        bonus -= BASES_PENALTY if (bases >= 1 or named) and q.intent != "metadata" else PREAMBLE_PENALTY
    if q.intent == "agency" and chunk.heading_path and AGENCY_HEAD.match(chunk.heading_path[-1].split("› ")[-1]):
        bonus += AGENCY_HEAD_BONUS
    return bonus


def years_missing(q: Question, doc: Document) -> bool:
    """A year the document never mentions ("… for the year 2040" of a plan to 2030)."""
    return bool(q.years) and not any(str(y) in doc.text for y in q.years)


# a figure naming a row by the words after it: "Huy hiệu 95 năm tuổi Đảng" (two words, so that a unit alone, "30 ngày",
# names nothing)
_FIGURE_NAMED = re.compile(r"(?<![\d.,/])(\d+(?:[.,]\d+)*)\s+([^\W\d_]+\s+[^\W\d_]+)")
SIBLINGS = 2  # rows of the table named so with other figures, at least: a series ("70 … 90 năm tuổi Đảng")


def figure_missing(question: str, labels: list[str]) -> str | None:
    """A row the question names by a figure that the table's row ``labels`` name with other figures only: "tiền thưởng
    kèm Huy hiệu 95 năm tuổi Đảng" of a table whose badges are of 70, 75, 80, 85 and 90 years ("Huy hiệu 85 năm tuổi
    Đảng" is a sibling, not the row asked). The phrase as the question writes it, or None. Figures compared by value
    ("3.000 m" is "3000 m").

    >>> figure_missing("tiền thưởng kèm Huy hiệu 95 năm tuổi Đảng là bao nhiêu?",
    ...                ["Huy hiệu 70 năm tuổi Đảng", "Huy hiệu 85 năm tuổi Đảng", "Huy hiệu 90 năm tuổi Đảng"])
    '95 năm tuổi'
    """
    text = " ".join(" ".join(labels).replace("*", " ").split()).lower()
    for raw, words in _FIGURE_NAMED.findall(question):
        phrase = re.escape(words.lower())
        printed = {figure_value(n) for n in re.findall(rf"(?<![\d.,/])(\d+(?:[.,]\d+)*)\s+{phrase}(?!\w)", text)}
        if len(printed) >= SIBLINGS and figure_value(raw) not in printed:
            return f"{raw} {words}"
    return None

