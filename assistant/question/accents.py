"""Put the accents back on a Vietnamese question typed without them.

Officials often type "ty le ho ngheo kon tum 2030". The index knows how its
own words are written, so each unaccented syllable pair is mapped to the
accented pair the documents use most, and single syllables likewise:

    restore("so duoc si tren 10000 dan an giang nam 2030")
      → "số dược sĩ trên 10000 dân an giang năm 2030"

Only questions with no Vietnamese diacritics at all are touched, and only
when most of their words are Vietnamese syllables the documents contain.

The statistics are the index's own (its BM25 document frequencies, ``index/lexical.py``), handed over
with each load of the index (``read.Knowledge.of``); this question-side module only applies them.
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping

from ground.normalize import fold

from .lexicon import ACCENTLESS_ENGLISH, QUESTION_PAIRS

_VI_MARKS = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I)
_WORD = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)*", re.UNICODE)
# How questions are asked (``lexicon.QUESTION_PAIRS``), which the documents themselves seldom say: counted as
# if that many documents used each pair.
QUESTION_WORDS = {w: 30 for w in QUESTION_PAIRS}


class AccentRestorer:
    """Viterbi over the documents' own syllables: each unaccented syllable may be any
    accented syllable that folds to it; a path is scored by how often the documents
    use each chosen pair (bigrams) and, more weakly, each syllable."""

    def __init__(self, document_frequency: Mapping[str, int]):
        self.uni_df: dict[str, int] = {}
        self.bi_df: dict[str, int] = {}
        for tok, df in {**QUESTION_WORDS, **dict(document_frequency.items())}.items():
            if tok.startswith("en:"):
                continue
            if "_" in tok:
                self.bi_df[tok] = df
                for syl in tok.split("_"):  # stopwords live only inside bigrams: "nhà_ở"
                    self.uni_df[syl] = self.uni_df.get(syl, 0) + df
            else:
                self.uni_df[tok] = self.uni_df.get(tok, 0) + df
        self.candidates: dict[str, list[str]] = {}
        for syl in sorted(self.uni_df, key=lambda t: -self.uni_df[t]):
            self.candidates.setdefault(fold(syl), []).append(syl)

    def needs(self, question: str) -> bool:
        """No diacritics, and mostly syllables the documents use: an unaccented Vietnamese question."""
        if _VI_MARKS.search(question):
            return False
        words = [w.lower() for w in _WORD.findall(question) if not w[0].isdigit()]
        if len(words) < 2:
            return False
        if sum(w in ACCENTLESS_ENGLISH for w in words) >= 2:
            return False
        known = sum(w in self.candidates for w in words)
        return known / len(words) >= 0.7

    def restore(self, question: str) -> str:
        parts = _WORD.findall(question)
        if not parts:
            return question
        options = [self.candidates.get(p.lower(), [p])[:8] if not p[0].isdigit() else [p] for p in parts]
        # best[i][c] = (score, previous choice)
        best = [{c: (0.2 * math.log1p(self.uni_df.get(c, 0)), None) for c in options[0]}]
        for i in range(1, len(parts)):
            layer = {}
            for c in options[i]:
                emit = 0.2 * math.log1p(self.uni_df.get(c, 0))
                layer[c] = max(((score + self._pair(prev, c) + emit, prev)
                                for prev, (score, _) in best[-1].items()), key=lambda t: t[0])
            best.append(layer)
        choice = max(best[-1], key=lambda c: best[-1][c][0])
        out = [choice]
        for i in range(len(parts) - 1, 0, -1):
            choice = best[i][choice][1]
            out.append(choice)
        return " ".join(reversed(out))

    def _pair(self, a: str, b: str) -> float:
        """A pair the documents use is strong evidence; an unseen pair is mild evidence against."""
        df = self.bi_df.get(f"{a}_{b}", 0)
        return 3.0 * math.log1p(df) if df else -1.0
