"""Matching answers against expectations: figures as figures, text accent-blind.

The rules, with worked examples (``has(text, alternative)``):

    has("Mục tiêu năm 2030 là 20%", "20")          → True
    has("Mục tiêu năm 2030 là 20,83%", "20")       → False  (20,83 is another figure)
    has("đến năm 2030", "20")                      → False  (2030 is another figure)
    has("tỷ lệ > 95%", ">95")                      → True   (spaces around comparators are free)
    has("tỷ lệ trên 95%", ">95")                   → True   ("trên"/"over" spell ">")
    has("giảm 1,5 – 2%/năm", "1,5-2")              → True   (any dash, or "đến"/"to", joins a range)
    has("6,300 apartments", "6.300")               → True   (thousands dot or comma, or none)
    has("tỷ lệ 3.5%", "3,5")                       → True   (decimal comma or point)
    has("Sở Lao động – Thương binh và Xã hội hoà", "lao dong - thuong binh va xa hoi hòa") → True

How a figure is read (``figure_value``): digits with ``.`` or ``,`` between them.
A separator followed by exactly three digits groups thousands (``6.300`` and
``6,300`` are 6300, ``104.046`` is 104046), because the plans print counts that
way in both conventions and never print three decimals; any other separator is
a decimal mark (``3,5`` and ``3.5`` are 3.5, ``20,83`` is 20.83). Two figures
match when their values are equal, so ``21`` matches ``21,0`` but not ``21,5``.

The same reading decides which figures of an answer are *ungrounded*
(``ungrounded_figures``): stated in the answer, yet in no citation and not in
the question; four-digit years are never counted.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

# A figure: digits, optionally grouped or decimal-marked by "." or ",".
# The look-arounds keep "2030" from yielding "20" and "20,83" from yielding "20".
NUM = r"(?<![\d.,])\d+(?:[.,]\d+)*(?![\d]|[.,]\d)"
NUM_RE = re.compile(NUM)
YEAR_RE = re.compile(r"(?:19|20)\d\d")

# Words that spell a comparator; folded (no accents), longest first so that
# "lon hon hoac bang" wins over "lon hon".
COMPARATOR_WORDS = {
    ">=": [">=", "≥", "toi thieu", "it nhat", "khong duoi", "at least", "no less than"],
    "<=": ["<=", "≤", "toi da", "khong qua", "khong vuot qua", "at most", "no more than"],
    ">": [">", "tren", "hon", "lon hon", "over", "above", "more than", "greater than"],
    "<": ["<", "duoi", "nho hon", "under", "below", "less than"],
}
RANGE_JOINERS = ["-", "den", "toi", "to"]


def fold(text: str | None) -> str:
    """Accent-, case- and dash-blind form used for every comparison.

    >>> fold("Sở Y tế  chủ trì – Hoà / Khỏe ≥ 95")
    'so y te chu tri - hoa / khoe >= 95'

    Tone-mark styles (``hoà``/``hòa``, ``khoẻ``/``khỏe``) fold to the same text
    because every combining mark is dropped after NFD decomposition.
    """
    s = unicodedata.normalize("NFD", text or "").replace("đ", "d").replace("Đ", "D")
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    s = s.replace("–", "-").replace("—", "-").replace("‒", "-").replace("−", "-")
    s = s.replace("≥", ">=").replace("≤", "<=").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", s).strip().lower()


def figure_value(token: str) -> Decimal | None:
    """The number a printed figure stands for, or None if it is not a figure.

    >>> [str(figure_value(t)) for t in ("6.300", "6,300", "3,5", "3.5", "104.046", "1.234.567", "05")]
    ['6300', '6300', '3.5', '3.5', '104046', '1234567', '5']
    >>> str(figure_value("1.234,5")), str(figure_value("1,234.5"))
    ('1234.5', '1234.5')
    """
    token = token.strip()
    if not re.fullmatch(r"\d+(?:[.,]\d+)*", token):
        return None
    parts = re.split(r"([.,])", token)
    digits, seps = parts[0::2], parts[1::2]
    try:
        if not seps:
            return Decimal(token)
        groups_of_three = all(len(d) == 3 for d in digits[1:])
        if groups_of_three and len(set(seps)) == 1:
            return Decimal("".join(digits))  # 6.300, 6,300, 1.234.567
        if len(set(seps)) == 2 and all(len(d) == 3 for d in digits[1:-1]):
            # mixed: the last separator is the decimal mark (1.234,5 or 1,234.5)
            last = seps[-1]
            if all(s != last for s in seps[:-1]) and len(digits[-1]) != 3:
                return Decimal("".join(digits[:-1]) + "." + digits[-1])
            return None
        if len(seps) == 1:
            return Decimal(digits[0] + "." + digits[1])  # 3,5 or 3.5
    except InvalidOperation:
        return None
    return None


def figures(text: str) -> list[tuple[str, Decimal | None, int]]:
    """Every figure in ``text`` as (spelling, value, position).

    >>> [(s, str(v)) for s, v, _ in figures("năm 2030: 20,83% và 6.300 căn")]
    [('2030', '2030'), ('20,83', '20.83'), ('6.300', '6300')]
    """
    return [(m.group(), figure_value(m.group()), m.start()) for m in NUM_RE.finditer(text)]


def _word_alternation(words: list[str]) -> str:
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)) + ")"


@lru_cache(maxsize=4096)
def _compile(alternative: str) -> tuple[re.Pattern, tuple[Decimal | None, ...]] | None:
    """A regex for one accepted spelling, with one group per figure to check by value."""
    alt = fold(alternative)
    if not alt:
        return None
    pieces: list[str] = []
    values: list[Decimal | None] = []
    # Tokens: figures, comparators, dashes, whitespace, anything else.
    token_re = re.compile(rf"({NUM})|(>=|<=|>|<)|(-)|(\s+)|([^\d\s<>=-]+|.)")
    tokens = [(m.lastindex, m.group()) for m in token_re.finditer(alt)]
    for i, (kind, tok) in enumerate(tokens):
        if kind == 1:
            pieces.append(rf"({NUM})")
            values.append(figure_value(tok))
        elif kind == 2:
            pieces.append(_word_alternation(COMPARATOR_WORDS[tok]) + r"\s*")
        elif kind == 3:
            prev = next((k for k, t in reversed(tokens[:i]) if k != 4), None)
            nxt = next((k for k, t in tokens[i + 1:] if k != 4), None)
            if prev == 1 and nxt == 1:  # a range between two figures: "1,5-2", "1,5 đến 2"
                pieces.append(r"\s*" + _word_alternation(RANGE_JOINERS) + r"\s*")
            else:
                pieces.append(r"\s*-\s*")
        elif kind == 4:
            pieces.append(r"\s*")
        else:
            pieces.append(re.escape(tok))
    pattern = "".join(pieces)
    # Words must not start or end inside another word ("an" is not in "toan"); a digit
    # next to a word is allowed, as the reference scorer allows it ("vụ9" holds "vụ").
    if alt[0].isalpha():
        pattern = r"(?<![^\W\d_])" + pattern
    if alt[-1].isalpha():
        pattern += r"(?![^\W\d_])"
    return re.compile(pattern), tuple(values)


def has(text: str | None, alternative: str) -> bool:
    """True when ``alternative`` occurs in ``text`` under the module's rules.

    >>> has("Tỷ lệ thất nghiệp dưới 3,5% (năm 2025)", "3.5")
    True
    >>> has("Tỷ lệ 20,83%", "20")
    False
    """
    compiled = _compile(alternative)
    if compiled is None:
        return False
    pattern, values = compiled
    folded = fold(text)
    # Try every start, not only non-overlapping ones: "1-1,5-2" still holds "1,5-2".
    pos = 0
    while True:
        m = pattern.search(folded, pos)
        if m is None:
            return False
        got = [figure_value(g) for g in m.groups()]
        if all(v is not None and v == g for v, g in zip(values, got, strict=True)):
            return True
        pos = m.start() + 1


def has_any(text: str | None, alternatives: list[str]) -> bool:
    """True when one of the alternatives occurs: ``has_any("35%", ["3,5", "35"])`` → True."""
    return any(has(text, a) for a in alternatives)


def missing_groups(text: str | None, expect: list[list[str]]) -> list[list[str]]:
    """The expectation groups with no alternative in ``text`` (empty list: all found).

    >>> missing_groups("An Giang 75 tuổi, Kon Tum 69,5 tuổi", [["75"], ["69,5", "69.5"], ["70"]])
    [['70']]
    """
    return [group for group in expect if not has_any(text, group)]


def _value_in(text: str, value: Decimal) -> bool:
    return any(v == value for _, v, _ in figures(text))


def ungrounded_figures(answer: str, question: str, cited_texts: list[str]) -> list[str]:
    """Figures the answer states that neither the citations nor the question hold.

    Years (four digits from 1900 to 2099) are exempt, as in the reference scorer;
    a figure counts as held when a citation or the question prints the same value
    in any spelling (``2.500`` is held by a citation that prints ``2,500``).

    >>> ungrounded_figures("An Giang: 3,5% năm 2025, 7% năm 2030", "thất nghiệp An Giang", ["Tỷ lệ thất nghiệp chung % <3,5 <3"])
    ['7']
    """
    cited = fold(" ".join(cited_texts))
    asked = fold(question)
    bad = []
    for spelling, value, _ in figures(fold(answer)):
        if YEAR_RE.fullmatch(spelling) or value is None:
            continue
        if _value_in(asked, value) or _value_in(cited, value):
            continue
        bad.append(spelling)
    return bad


def value_for_year(answer: str, year: int) -> str | None:
    """What the answer says right after naming ``year``, or None if it never names it.

    Quoted names (“…”) are skipped, since an indicator's name may hold a year or
    a figure; the value runs to the next "(", ";", ". " or line end.

    >>> value_for_year("Kon Tum – “Tỷ lệ … năm 2021”: đến năm 2030 là 7 (năm 2025: 80).", 2030)
    ' la 7 '
    >>> value_for_year("by 2030 the target is >= 1; 2025: < 1", 2025)
    ': < 1'
    """
    text = re.sub(r"“[^”]*”|\"[^\"]*\"", " ", fold(answer))
    m = re.search(rf"(?<![\d.,]){year}(?![\d]|[.,]\d)", text)
    if m is None:
        return None
    rest = text[m.end():]
    end = re.search(r"\(|;|\.\s|\n|\|", rest)
    return rest[:end.start()] if end else rest


# ---- sources ---------------------------------------------------------------
LOCATOR_SPLIT = re.compile(r"\s*[›>»]\s*")


def _squash(text: str | None) -> str:
    return re.sub(r"\s+", "", fold(text))


def document_matches(gold_document: str | None, document: str | None, province: str | None) -> bool:
    """A gold document ("422/KH-UBND", "Kon Tum", a law's name) names the cited one.

    >>> document_matches("422/KH-UBND", "Kế hoạch 422 /KH-UBND ngày 15/4/2025 của UBND tỉnh An Giang", "An Giang")
    True
    >>> document_matches("Kon Tum", "Kế hoạch năm 2024 của UBND tỉnh Kon Tum", "Kon Tum")
    True
    >>> document_matches("Kon Tum", "Kế hoạch 422/KH-UBND", "An Giang")
    False
    """
    if not gold_document:
        return True
    want = _squash(gold_document)
    return want in _squash(document) or want in _squash(province)


def locator_matches(gold_locator: str | None, locator: str | None) -> bool:
    """A gold locator is a prefix, level by level, of the cited locator.

    Each gold level must open the cited level at a word edge, accent-blind, so
    ``"Phụ lục › IX › 1"`` matches ``"Phụ lục › IX Nhà ở › 1"`` (and its parent
    row ``"… › 1 (dòng mẹ / parent row)"``) but not ``"… › 10"`` nor ``"… › IX … › 2"``;
    ``"Mục III"`` matches ``"Mục III › 3 › c)"``. ``>`` may stand for ``›``.

    >>> locator_matches("Phu luc > ix > 1", "Phụ lục › IX Nhà ở › 1")
    True
    >>> locator_matches("Phụ lục › 2 › 1", "Phụ lục › 2 Lao động › 10")
    False
    """
    if not gold_locator:
        return True
    want = [fold(p) for p in LOCATOR_SPLIT.split(gold_locator.strip()) if p.strip()]
    got = [fold(p) for p in LOCATOR_SPLIT.split(locator or "") if p.strip()]
    if len(want) > len(got):
        return False
    return all(g == w or g.startswith(w + " ") or g.startswith(w + "(") for w, g in zip(want, got, strict=False))


def source_matches(gold: list[dict], source: dict) -> bool:
    """True when ``source`` ({document, province, locator}) is one of the gold sources."""
    return any(document_matches(g.get("document"), source.get("document"), source.get("province"))
               and locator_matches(g.get("locator"), source.get("locator")) for g in gold)


def first_rank(gold: list[dict], sources: list[dict]) -> int | None:
    """1-based rank of the first source that is a gold one, or None.

    >>> first_rank([{"document": "An Giang", "locator": "Phụ lục › IX › 1"}],
    ...            [{"province": "Kon Tum", "locator": "Phụ lục › 9 Nhà ở › 1"},
    ...             {"province": "An Giang", "locator": "Phụ lục › IX Nhà ở › 1"}])
    2
    """
    for i, s in enumerate(sources, 1):
        if source_matches(gold, s):
            return i
    return None
