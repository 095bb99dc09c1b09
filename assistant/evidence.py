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

from index.glossary import GLOSSARY, translate_terms
from index.lexical import tokens
from ingest.model import Chunk, Document, TargetRow
from ingest.normalize import fold

from .provinces import PROVINCES
from .question import Question

# Words every target question uses; they say nothing about which indicator.
GENERIC = set("""
tỷ lệ mục tiêu chỉ tiêu kế hoạch đạt phấn đấu là gì bao nhiêu tỉnh đến năm cơ quan nào sở chủ trì theo dõi
mức đơn vị thực hiện của ở thì sao còn cho biết hãy về theo kế_hoạch mục_tiêu chỉ_tiêu tỷ_lệ
cơ_quan chủ_trì theo_dõi bao_nhiêu là_gì đến_năm quan_nào sở_nào nào_chủ trì_theo
mấy ai nào gì những số_mấy là_bao nói_gì thế_nào như_thế hãy_cho cho_biết
""".split())

EN_STOP = set("""
what whats is are was the a an of for to in on at by with and or which who whom how much many does do did
target targets goal goals plan plans province provinces year years by s its it this that there their about
say says said tell me please give show set sets level value rate share percentage proportion should will be
what's kon tum an giang vietnam vietnamese according document documents agency responsible tracking track
""".split())

_EN_WORD = re.compile(r"[a-z][a-z\-']+")


@dataclass
class Scored:
    chunk: Chunk
    doc: Document
    coverage: float
    retrieval: float = 0.0  # fused retrieval score, tie-breaker

    @property
    def row(self) -> TargetRow | None:
        return self.chunk.row

    @property
    def score(self) -> float:
        return self.coverage + 2.0 * self.retrieval


class Coverage:
    """IDF-weighted term coverage against the index's own document frequencies."""

    def __init__(self, bm25):
        self.n = max(1, len(bm25.ids))
        self.df = {t: len(p) for t, p in bm25.postings.items()}

    def idf(self, tok: str) -> float:
        df = self.df.get(tok, 0)
        return math.log(1 + (self.n - df + 0.5) / (df + 0.5))

    def __call__(self, qtoks: list[str], text: str) -> float:
        if not qtoks:
            return 0.0
        have = set(tokens(text))
        total = sum(self.idf(t) for t in qtoks)
        got = sum(self.idf(t) for t in qtoks if t in have)
        return got / total if total else 0.0


def content_tokens(q: Question, keep_years: bool = False) -> list[str]:
    """The terms that pick out *which* indicator or clause is meant."""
    if q.lang == "en":
        text = " ; ".join(translate_terms(q.effective))
    else:
        text = q.effective
    for p in PROVINCES:  # the place is a filter, not a topic
        text = re.sub(re.escape(p) + "|" + re.escape(p.replace(" ", "")), " ", text, flags=re.I)
        text = re.sub(rf"\b{re.escape(fold(p))}\b", " ", text, flags=re.I)
    if not keep_years:
        text = re.sub(r"(?<!\d)(19|20)\d\d(?!\d)", " ", text)
    toks = [t for t in dict.fromkeys(tokens(text)) if t not in GENERIC]
    if q.lang == "en":
        toks += [f"en:{w}" for w in untranslated_words(q.effective)]
    return toks


def untranslated_words(question: str) -> list[str]:
    """English content words the glossary did not cover (they will not be found in Vietnamese text)."""
    rest = fold(question)
    for term in sorted(GLOSSARY, key=len, reverse=True):
        rest = re.sub(rf"\b{re.escape(term)}\b", " ", rest)
    for p in PROVINCES:
        rest = rest.replace(fold(p), " ")
    words = [w.strip("'-").removesuffix("'s") for w in _EN_WORD.findall(rest)]
    return [w for w in dict.fromkeys(words) if len(w) > 2 and w not in EN_STOP and not w.isdigit()]


def row_text(row: TargetRow) -> str:
    """What a row is about: parent indicator, label, indicator, unit (no agency)."""
    parts = [row.parent or "", row.label or "", row.indicator, row.unit or ""]
    return " ".join(p for p in parts if p)


def label_bonus(q: Question, row: TargetRow) -> float:
    """Prefer the sub-row whose label the question names ("thành thị", "rural" → Nông thôn)."""
    if not row.label:
        return 0.0
    asked = fold(q.effective + " " + " ".join(translate_terms(q.effective)))
    label = fold(re.sub(r"^[-+]\s*", "", row.label))
    return 0.15 if label and label in asked else 0.0
