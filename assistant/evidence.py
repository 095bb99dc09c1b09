"""Which source answers the question: score rows and clauses by term coverage.

Retrieval ranks; it cannot say "nothing here answers". Coverage can: the
IDF-weighted share of the question's content terms that the source contains.
A question about metro lines in a social-policy plan covers almost nothing,
so it is answered "not found" instead of with the nearest figure.

    q = "Tỷ lệ thất nghiệp chung của An Giang năm 2025"
    content terms: thất, nghiệp, chung, thất_nghiệp, nghiệp_chung   (province, year, "tỷ lệ" set aside)
    row "Tỷ lệ thất nghiệp chung"          → coverage 1.00
    row "Tỷ lệ thất nghiệp khu vực thành thị" → coverage 0.55
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from ground.normalize import fold, search_form
from ground.provinces import PROVINCES
from index.lexical import tokens
from ingest.model import Chunk, Document, TableRow

from .question.lexicon import DOC_REF, GENERIC_RX, equivalents
from .question.question import Question

PRECISION_WEIGHT = 0.2  # of two sources that cover the question, the one with fewer unasked words
RETRIEVAL_WEIGHT = 2.0  # the fused retrieval score (about 0.03 at best) breaks remaining ties
# × a source's best evidence unit's similarity to the question (``Scored.unit_sim``, centred on its document's
# mean; 0 without unit vectors): among sources found alike, the one holding the unit the question means.
# Measured on qa2-tune (54 documents, every vector, reference scorer): 0 → 103/154, 2 → 104 (vi 82, en 22),
# 4 → 104 (en 21), 8 → 102, 12 → 100. bench/unit_features' fit within one document weighs the centred cosine
# ×14 against the words' coverage; across candidate sources more than ×4 lets a near sibling beat the words.
UNIT_WEIGHT = 2.0


@dataclass
class Scored:
    chunk: Chunk
    doc: Document
    coverage: float
    retrieval: float = 0.0  # fused retrieval score, tie-breaker
    precision: float = 0.0  # share of the source's words the question asks about
    unit_sim: float | None = None  # its best unit's similarity to the question by the unit vectors (None: not made)

    @property
    def row(self) -> TableRow | None:
        """The table row the source is (a target row or any other), None for a clause."""
        return self.chunk.row

    @property
    def score(self) -> float:
        return (self.coverage + PRECISION_WEIGHT * self.precision + RETRIEVAL_WEIGHT * self.retrieval
                + UNIT_WEIGHT * (self.unit_sim or 0.0))


@lru_cache(maxsize=50_000)
def token_set(text: str) -> frozenset[str]:
    """Tokens of a source text, cached: rows and chunks are scored against every question."""
    return frozenset(tokens(text))


Term = str | tuple  # a token, or alternatives: a tuple of token tuples ("thành thị" | "đô thị")

FOUND_ROW = 0.5  # coverage a row needs to answer
FOUND_CLAUSE = 0.5  # and a clause
UNKNOWN_WORD_FACTOR = 0.6
TITLE_WEIGHT = 1 / 3  # each content word no document uses: the question is about something else


class Coverage:
    """IDF-weighted term coverage against the index's own document frequencies."""

    def __init__(self, bm25):
        self.n = max(1, len(bm25.ids))
        self.df = bm25.document_frequencies()  # a mapping over the postings' arrays
        self._idf: dict[str, float] = {}  # asked of every term of every source on every question
        self._prep: dict[tuple, tuple] = {}

    def idf(self, tok: str) -> float:
        got = self._idf.get(tok)
        if got is None:
            df = self.df.get(tok, 0)
            got = self._idf[tok] = math.log(1 + (self.n - df + 0.5) / (df + 0.5))
        return got

    def precision(self, qtoks: list[Term], text: str) -> float:
        """Share of the source's own words (IDF-weighted) that the question asks about.

        Breaks ties between rows that both cover the question: "xã đạt chuẩn nông
        thôn mới" prefers the row without the unasked "nâng cao"."""
        asked = set(flat_terms(qtoks))
        own = [t for t in sorted(token_set(text)) if "_" not in t and not t[0].isdigit()]
        if not own:
            return 0.0
        total = sum(self.idf(t) for t in own)
        return sum(self.idf(t) for t in own if t in asked) / total if total else 0.0

    def _useful(self, t: str) -> bool:
        # A bigram no document contains is an artefact of joining two words of
        # the question ("nghiệp_ở"), not a missing concept: leave it out. An
        # unknown number ("10000" for "10.000") is left to the figures, not the topic.
        return t in self.df or not ("_" in t or t[0].isdigit())

    def __call__(self, qtoks: list[Term], text: str, discount: frozenset[str] = frozenset()) -> float:
        """``discount``: terms of the source document's own title. A question that restates the
        title says which document it means, not which passage: those terms weigh a third."""
        plain, alts, total, factor = self._prepared(tuple(qtoks), discount)
        if not total:
            return 0.0
        have = token_set(text)
        got = sum(w for t, w in plain if t in have)
        for weight, options in alts:  # alternatives: the best-covered one counts
            got += weight * max(sum(i for t, i in alt if t in have) / alt_total for alt, alt_total in options)
        return (got / total) * factor

    def _prepared(self, qtoks: tuple, discount: frozenset[str]):
        """The question's side of the coverage, once per question and title (every source is scored
        against the same terms): weighted plain terms, alternatives, their total, the unknown-word factor."""
        key = (qtoks, discount)
        got = self._prep.get(key)
        if got is not None:
            return got
        plain, alts, total, unknown = [], [], 0.0, 0
        for term in qtoks:
            if isinstance(term, tuple):
                options = [[(t, self.idf(t)) for t in alt if self._useful(t)] for alt in term]
                options = [(o, sum(i for _, i in o)) for o in options if o]
                if not options:
                    continue
                weight = min(t for _, t in options)
                alts.append((weight, options))
                total += weight
            elif self._useful(term):
                w = self.idf(term) * (TITLE_WEIGHT if _in_title(term, discount) else 1.0)
                plain.append((term, w))
                total += w
                # a foreign term no document uses ("GDP", "metro" in a Vietnamese question);
                # an unknown Vietnamese filler syllable ("mỗi", "đặt") is no such signal
                unknown += (term not in self.df and "_" not in term and not term.startswith("en:")
                            and not is_vietnamese_syllable(term))
        if len(self._prep) > 512:
            self._prep.clear()
        got = self._prep[key] = (plain, alts, total, UNKNOWN_WORD_FACTOR ** unknown)
        return got


def _in_title(term: str, title: frozenset[str]) -> bool:
    """A title term, or two title words joined where the question drops the words between them
    ("thi đua chi trả" of "thi đua vận động thực hiện chi trả": "đua_chi")."""
    return term in title or "_" in term and all(p in title for p in term.split("_"))


_SYLLABLE = re.compile(
    r"^(ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnpqrstvx])?"
    r"(uye|uya|uyu|ieu|yeu|oai|oay|uay|uoi|uou|ươi|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uy|ye|[aeiouy])"
    r"(ch|ng|nh|[cmnpt])?$")


def is_vietnamese_syllable(word: str) -> bool:
    """Could this be one Vietnamese syllable? `"mỗi"`, `"dat"` yes; `"gdp"`, `"metro"` no."""
    return bool(_SYLLABLE.match(fold(word).replace("đ", "d")))


def flat_terms(qtoks: list[Term]) -> list[str]:
    """Every token of the question's terms, alternatives flattened."""
    out: list[str] = []
    for t in qtoks:
        if isinstance(t, tuple):
            for alt in t:
                out.extend(alt)
        else:
            out.append(t)
    return out


# The place is a filter, not a topic: every province, also written without its space ("KonTum").
# With the word that places it ("ở Cần Thơ", "tại tỉnh Lào Cai"): left behind, "tiền mặt ở" would ask for a
# bigram "mặt_ở" that only some other text holds. Whole words only: "thuế" holds "huế".
_PLACES = re.compile(r"(?:\b(?:ở|tại|thuộc|của|trên địa bàn)\s+)?(?:\b(?:tỉnh|thành phố|tp\.?)\s+)?(?<!\w)(?:"
                     + "|".join(f"{re.escape(p)}|{re.escape(p.replace(' ', ''))}" for p in PROVINCES) + r")(?!\w)",
                     re.I)


def _strip_generic(text: str, keep_years: bool) -> str:
    text = DOC_REF.sub(" ; ", text)
    text = _PLACES.sub(" ; ", text)
    if not keep_years:
        text = re.sub(r"(?<!\d)(19|20)\d\d(?!\d)", " ; ", text)
    return GENERIC_RX.sub(" ; ", search_form(text))


def _segment_tokens(text: str) -> list[str]:
    toks: list[str] = []
    for segment in re.split(r"[;?!:()\[\]|]+|[.,](?!\d)", text):  # keep "10.000", "20,83" whole
        toks.extend(tokens(segment))
    return list(dict.fromkeys(toks))


def content_tokens(q: Question, keep_years: bool = False, known: set | dict | None = None) -> list[Term]:
    """The terms that pick out *which* indicator or clause is meant.

    "Cơ quan nào chủ trì theo dõi tỷ lệ thất nghiệp ở An Giang?"
      → ["thất", "nghiệp", "thất_nghiệp"]
    "unemployment rate for urban areas" → ["thất", "nghiệp", "thất_nghiệp", (("thành", "thị", …), ("đô", "thị", …))]

    Asked of every row and clause: a question's answering computes them once (``Context.terms``).
    """
    known = known or {}
    if q.lang != "en":
        # a bound is met however it is written ("tối đa" by "không quá"): its ways as alternatives
        text, bounds = equivalents(q.effective)
        toks = _segment_tokens(_strip_generic(text, keep_years))
        return toks + [tuple(tuple(_segment_tokens(a)) for a in b.split("|")) for b in bounds]
    toks: list[Term] = []
    for term in q.renderings:
        alts = [tuple(_segment_tokens(_strip_generic(a, keep_years))) for a in term.split("|")]
        if not all(alts):
            continue  # one rendering is a generic word ("agency" → "cơ quan|chủ trì"): not a topic
        if len(alts) > 1:
            toks.append(tuple(alts))
        elif alts:
            toks.extend(t for t in alts[0] if t not in toks)
    for phrase in q.vi_phrases:  # "…target for “Tỷ lệ thất nghiệp chung”"
        toks.extend(t for t in _segment_tokens(_strip_generic(phrase, keep_years)) if t not in toks)
    if keep_years:
        toks.extend(y for y in re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", q.effective) if y not in toks)
    # words the documents also use as they are ("HDI", "HIV") count as found; one the vectors matched to a
    # Vietnamese word (``alignment.py``) is found as either ("department" in a customs notice's English, or
    # "sở" …); an unknown one is judged by the vectors (``scoring.cross_lingual``)
    aligned = dict(q.aligned)
    for w in q.untranslated:
        vi = tuple(tuple(_segment_tokens(v)) for v in aligned[w].split("|")) if w in aligned else ()
        toks.append(((w,), *vi) if w in known and vi else w if w in known else f"en:{w}")
    return toks


