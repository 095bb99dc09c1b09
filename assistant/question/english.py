"""What an English question's words give the search and the scoring: the glossary's renderings of its terms,
the Vietnamese it quotes or writes, and the English words the glossary does not read.

    vietnamese_phrases("What is An Giang's 2025 target for “Tỷ lệ thất nghiệp chung”?") → ["Tỷ lệ thất nghiệp chung"]
    untranslated_words("An Giang's dairy cows") → ["dairy", "cows"]   (the vectors read them; BM25 cannot)
"""
from __future__ import annotations

import re

from ground.normalize import fold
from ground.provinces import PROVINCES, without_provinces

from .glossary import GLOSSARY
from .lexicon import DOC_REF, EN_STOP

_EN_WORD = re.compile(r"[a-z][a-z\-']+")
_QUOTED = re.compile(r"[“\"«]([^”\"»]{2,})[”\"»]")  # not apostrophes: "An Giang's"
_VI_RUN = re.compile(r"(?:\b[^\W\d_]*[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]"
                     r"[^\W\d_]*\b\s*)+", re.IGNORECASE)


def vietnamese_phrases(question: str) -> list[str]:
    """Vietnamese quoted or written inside an English question: it is matched as Vietnamese."""
    found = [m.group(1) for m in _QUOTED.finditer(question) if _VI_RUN.search(m.group(1))]
    # a province ("Bến Tre's") is a filter, not a topic word: rows never repeat their province
    found += [m.group(0).strip() for m in _VI_RUN.finditer(without_provinces(question))]
    return [f for f in found if f]


# Every glossary term (longest first) and every province, folded as the question is: one pattern, compiled once.
_GLOSSED = re.compile(r"\b(?:" + "|".join(re.escape(fold(t)) for t in sorted(GLOSSARY, key=len, reverse=True)) + r")\b")
_FOLDED_PLACES = [fold(p) for p in PROVINCES]


def untranslated_words(question: str) -> list[str]:
    """English content words the glossary did not cover (they will not be found in Vietnamese text)."""
    # "Circular 69/2025/TT-BNNMT" names the document, not the topic; "Hanoi", "Ho Chi Minh City" name a place
    rest = without_provinces(DOC_REF.sub(" ", question))
    for phrase in vietnamese_phrases(question):
        rest = rest.replace(phrase, " ")
    rest = _GLOSSED.sub(" ", fold(rest))
    for p in _FOLDED_PLACES:
        rest = rest.replace(p, " ")
    words = [w.strip("'-").removesuffix("'s") for w in _EN_WORD.findall(rest)]
    return [w for w in dict.fromkeys(words) if len(w) > 2 and w not in EN_STOP and not w.isdigit()]
