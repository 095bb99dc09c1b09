"""Text normalisation shared by documents and questions.

The original text is never rewritten: these functions produce *search* text
(what BM25 and the embedder see) and *display* text (line wraps joined).
Both index and query go through ``search_form`` so that tone-mark style,
case and PDF wraps cannot make the same words differ.

Worked examples:
    search_form("Hoà bình, thuỷ lợi")          → "hòa bình, thủy lợi"
    search_form("Nghị quyết số 42-\\nNQ/TW")    → "nghị quyết số 42-nq/tw"
    fold("Kon Tum")                             → "kon tum"
    fold("Đắk Lắk")                             → "dak lak"
    join_wraps("phát triển \\n\\nbền vững")     → "phát triển bền vững"
"""
from __future__ import annotations

import re
import unicodedata

# Tone marks as combining characters (NFD). The vowel-shape marks (circumflex,
# breve, horn) are not tones and stay on their letter.
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}

# "oa", "oe", "uy" at the end of a syllable: the "new" style puts the tone on
# the second vowel (hoà, thuỷ), the "old" style on the first (hòa, thủy).
# We choose the old style because the shipped plans and most government
# documents use it, and apply it to documents and questions alike. The tone must be the vowel's last
# mark: in NFD the dot below comes before a circumflex or breve ("luật" = l u a ̣ ̂ t), and "ậ", "ặ"
# are other vowels than "a", whose tone never moves ("luật" stays "luật", "hoặc" stays "hoặc").
_NEW_STYLE = re.compile(r"(?<![qQ])([oOuU])([aAeEyY])([\u0300\u0301\u0303\u0309\u0323])(?![^\W\d_]|[\u0300-\u036f])")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# A toned a/e/y after o/u, precomposed or not: most text has none, and is left as it is, unrewritten.
_MAYBE_NEW_STYLE = re.compile("[oOuU](?:[àáãảạèéẽẻẹỳýỹỷỵÀÁÃẢẠÈÉẼẺẸỲÝỸỶỴ]|[aAeEyY][\u0300\u0301\u0303\u0309\u0323])")


def tone_style(text: str) -> str:
    """Move the tone of a final "oa/oe/uy" to the first vowel: `hoà`→`hòa`, `thuỷ`→`thủy`."""
    if not _MAYBE_NEW_STYLE.search(text):
        return unicodedata.normalize("NFC", text)
    decomposed = unicodedata.normalize("NFD", text)
    moved = _NEW_STYLE.sub(lambda m: m.group(1) + m.group(3) + m.group(2), decomposed)
    return unicodedata.normalize("NFC", moved)


def fold(text: str) -> str:
    """Lower-case, strip every diacritic, đ→d, collapse spaces (for loose matching)."""
    s = unicodedata.normalize("NFD", text or "").replace("đ", "d").replace("Đ", "D")
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return re.sub(r"\s+", " ", s).strip().lower()


# A hyphen glued to the end of a line followed by a letter/digit is part of a
# symbol broken by the PDF ("42-\nNQ/TW", "68/NQ-\nCP"): join without a space.
GLUED_HYPHEN = re.compile(r"(?<=\w)-\s*\n\s*(?=\w)")
_WS = re.compile(r"\s+")


def join_wraps(text: str) -> str:
    """Re-join PDF line wraps into running text (display and search form)."""
    if "\n" in text:
        text = GLUED_HYPHEN.sub("-", text)
    return _WS.sub(" ", text).strip()


# Spelling variants of one word (i/y and the like) folded to the form the
# shipped plans use most: "tỉ lệ" and "tỷ lệ" are the same indicator.
_VARIANTS = {"tỉ": "tỷ", "kĩ": "kỹ", "lí": "lý", "mĩ": "mỹ", "sỹ": "sĩ", "qui": "quy"}
_VARIANT_RX = re.compile(r"(?<![^\W\d_])(" + "|".join(_VARIANTS) + r")(?![^\W\d_])")


def search_form(text: str) -> str:
    """The one normal form used for retrieval, for documents and questions alike."""
    return search_letters(join_wraps(nfc(text)))


def search_letters(text: str) -> str:
    """``search_form``'s letters with the text's own spacing and line breaks: a phrase split of
    this splits where one of the text does, and each phrase's syllables are its search form's
    (every change here is inside a word, and a word's neighbours are no letters at a split)."""
    s = tone_style(text).lower()
    return _VARIANT_RX.sub(lambda m: _VARIANTS[m.group(1)], s)


def letters_syllables(text: str) -> list[str]:
    """The syllables of a piece of ``search_letters`` text (no second normalisation)."""
    return _TOKEN.findall(text)


# Syllables: letters with their marks, or numbers with inner separators.
_TOKEN = re.compile(r"\d+(?:[.,/]\d+)*|[^\W\d_]+(?:[-/][^\W\d_]+)*|\d+")


def syllables(text: str) -> list[str]:
    """Search-form syllables: `"Nhà ở xã hội 2030"` → `["nhà", "ở", "xã", "hội", "2030"]`."""
    return _TOKEN.findall(search_form(text))


def lines_with_offsets(text: str) -> list[tuple[int, str]]:
    """`"a\nbc"` → `[(0, "a"), (2, "bc")]`: each line with the offset where it starts."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out
