"""Legacy Vietnamese font encodings (TCVN3/ABC and VNI) read as if they were Latin-1.

Before Unicode, Vietnamese offices typed in 8-bit fonts (.VnTime for TCVN3,
VNI-Times for VNI). When such a file is opened, copied or extracted as if it
were Windows-1252, every Vietnamese letter turns into a Latin-1 symbol:

    TCVN3: "Céng hoµ x· héi chñ nghÜa ViÖt Nam"      (one byte per letter)
    VNI:   "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam" (base letter + a mark byte)

Worked examples:
    detect_legacy("Céng hoµ x· héi chñ nghÜa ViÖt Nam")          → "TCVN3"
    convert_legacy("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "TCVN3") → ("Cộng hoà xã hội chủ nghĩa Việt Nam", [])
    convert_legacy("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "VNI")
                                                    → ("Cộng hòa xã hội chủ nghĩa Việt Nam", [])
    encode_tcvn3("Việt Nam") → "ViÖt Nam"   (the reverse, used to build test samples)

Detection is a ratio over words, never one word, so a French "«" or a German
"ü" does not turn a whole file into TCVN3 or VNI.
"""
from __future__ import annotations

import re
import unicodedata

# --- TCVN3 (TCVN 5712:1993, VN3) ---------------------------------------------
# Byte → Unicode, written out per vowel family (plain, huyền, hỏi, ngã, sắc, nặng).
# VN3 has no capital toned letters: documents used a second font (.VnTimeH)
# that draws the same bytes as capitals, see _restore_caps.
_TCVN3_BYTES = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}
# The characters the bytes show as when read as Windows-1252 (what a user sees).
TCVN3_TO_UNICODE = {bytes([b]).decode("latin-1"): u for b, u in _TCVN3_BYTES.items()}
# PDF text layers of .VnTime documents often give "−" (U+2212) for ư ("®−îc").
TCVN3_TO_UNICODE["\u2212"] = "ư"
_UNICODE_TO_TCVN3 = {u: bytes([b]).decode("latin-1") for b, u in _TCVN3_BYTES.items()}

# Characters that are symbols in Windows-1252 but letters in TCVN3: a Unicode
# text almost never has them inside a word, a TCVN3 one has them everywhere.
_TCVN3_SYMBOLS = set("¡¢£¤¥¦§¨©ª«¬\xad®µ¶·¸¹»¼½¾×÷\u2212")

# --- VNI (VNI-Windows) ---------------------------------------------------------
# A toned vowel is the ASCII vowel followed by a mark byte; i, ỵ, ơ, ư and đ are
# single bytes. Capitals use the capital form of the same marks ("AÙ" = "Á").
_VNI_MARKS = {  # mark byte → (shape, tone) it adds to a plain vowel
    "â": ("\u0302", ""), "ê": ("\u0306", ""),
    "ù": ("", "\u0301"), "ø": ("", "\u0300"), "û": ("", "\u0309"), "õ": ("", "\u0303"), "ï": ("", "\u0323"),
    "á": ("\u0302", "\u0301"), "à": ("\u0302", "\u0300"), "å": ("\u0302", "\u0309"),
    "ã": ("\u0302", "\u0303"), "ä": ("\u0302", "\u0323"),
    "é": ("\u0306", "\u0301"), "è": ("\u0306", "\u0300"), "ú": ("\u0306", "\u0309"),
    "ü": ("\u0306", "\u0303"), "ë": ("\u0306", "\u0323"),
}
_VNI_SINGLE = {"í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ", "ô": "ơ", "ö": "ư", "ñ": "đ"}


def _vni_tables() -> dict[str, str]:
    table: dict[str, str] = {}
    for single, uni in _VNI_SINGLE.items():
        table[single], table[single.upper()] = uni, uni.upper()
    bases = {"a": "", "e": "", "o": "", "u": "", "y": "", "ô": "\u031b", "ö": "\u031b"}  # ơ/ư carry a horn
    for base, horn in bases.items():
        plain = "o" if base == "ô" else "u" if base == "ö" else base
        for mark, (shape, tone) in _VNI_MARKS.items():
            if horn and shape:
                continue  # ơ and ư take tones only
            if shape == "\u0306" and plain != "a" or shape == "\u0302" and plain not in "aeo":
                continue  # only ă has a breve; only â ê ô have a circumflex
            if plain == "y" and shape:
                continue
            uni = unicodedata.normalize("NFC", plain + horn + shape + tone)
            table[base + mark] = uni
            table[base.upper() + mark.upper()] = uni.upper()
    return table


VNI_TO_UNICODE = _vni_tables()
# Longest first so that the one-byte forms win where two spellings exist ("î", not "yï", for ỵ).
_UNICODE_TO_VNI = {u: v for v, u in sorted(VNI_TO_UNICODE.items(), key=lambda kv: -len(kv[0]))}
_VNI_SINGLE_ALL = set(_VNI_SINGLE) | {c.upper() for c in _VNI_SINGLE}
_VNI_PAIR = re.compile("|".join(sorted(map(re.escape, VNI_TO_UNICODE), key=len, reverse=True)))
# Bytes that are not Vietnamese letters on their own: in a VNI file they are marks.
_VNI_ONLY = set("äåëïøûüæñöîÄÅËÏØÛÜÆÑÖÎ")

# --- Vietnamese-ness -----------------------------------------------------------
# Letters only Vietnamese uses (not Latin-1): present in any real Unicode text.
_VIET_ONLY = re.compile("[ăĂđĐơƠưƯĩĨũŨ\u1ea0-\u1ef9]")
# One scan of the text each instead of a search per word (a 200,000-character sample is 30,000 words).
# Each tries a word from its first character only ((?<!\S)), so a long run of dots stays linear.
_LATIN_WORD = re.compile(r"(?<!\S)(?=\S*[A-Za-z])\S+")
_VIET_WORD = re.compile(r"(?<!\S)(?=\S*[ăĂđĐơƠưƯĩĨũŨ\u1ea0-\u1ef9])\S+")
_WORD = re.compile(r"[^\W\d_]+")
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"[aăâeêioôơuưy]{1,3}(?:ng|nh|ch|[cmnpt])?"
)


def _plausible(word: str) -> bool:
    """A Vietnamese syllable: consonant + 1-3 vowels + final, at most one tone."""
    nfd = unicodedata.normalize("NFD", word.lower())
    if sum(nfd.count(t) for t in _TONES) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONES))
    return _SYLLABLE.fullmatch(base) is not None


def looks_vietnamese(text: str) -> bool:
    """True when most words are Vietnamese syllables and enough carry Vietnamese-only letters.

        looks_vietnamese("Cộng hòa xã hội chủ nghĩa Việt Nam") → True
        looks_vietnamese("Viờũt Nam ðồng")                     → False
    """
    words = _WORD.findall(text[:200_000])  # a sample decides, as in detect_legacy
    lower = [w for w in words if not w.isupper() or len(w) == 1]  # abbreviations (UBND) say nothing
    if len(lower) < 3:
        return False
    plausible = sum(_plausible(w) for w in lower) / len(lower)
    specific = sum(bool(_VIET_ONLY.search(w)) for w in lower) / len(lower)
    return plausible >= 0.7 and specific >= 0.1


def _vni_word(w: str) -> int:
    """1: the word carries VNI marks, each after a vowel as VNI writes them; -1: a Latin-1
    letter where VNI cannot have one (German "Flüsse": ü after l); 0: nothing to say."""
    marked = False
    for i, c in enumerate(w):
        if c.lower() in _VNI_MARKS:
            if i == 0 or w[i - 1] not in "aeouyôöAEOUYÔÖ":
                return -1
            marked = True
        elif c in _VNI_SINGLE_ALL:
            marked = marked or c in _VNI_ONLY
        elif "\u00c0" <= c <= "\u00ff" and c not in "×÷":
            return -1
    return 1 if marked else 0


def _scores(text: str) -> tuple[float, float]:
    """(TCVN3 share, VNI share) of letter-bearing words that carry that encoding's traces."""
    words = [w for w in text.split() if re.search("[A-Za-z]", w)]
    if not words:
        return 0.0, 0.0
    tcvn = vni = vni_bad = 0
    for w in words:
        # ViÖt, nghÜa: a capital Latin-1 letter right after a small letter
        caps_inside = re.search(r"[a-z][\u00c0-\u00de]", w) is not None
        tcvn += caps_inside or any(c in _TCVN3_SYMBOLS for c in w)
        v = _vni_word(w)
        vni += v == 1
        vni_bad += v == -1
    if vni_bad * 4 > vni:  # umlauts and accents in the wrong places: a Western language, not VNI
        vni = 0
    return tcvn / len(words), vni / len(words)


def detect_legacy(text: str) -> str | None:
    """Say "TCVN3", "VNI" or None. Needs ≥3 marked words and a high share of them.

    Unicode Vietnamese is ruled out first: it is full of ư, đ, ạ..., which
    neither legacy encoding can produce when read as Latin-1. A file is typed
    in one font family, so its first 200,000 characters decide (and keep a
    50 MB file quick).
    """
    text = text[:200_000]
    words = _LATIN_WORD.findall(text)  # the whitespace-split words holding a Latin letter
    if len(words) < 3:
        return None
    if len(_VIET_WORD.findall(" ".join(words))) / len(words) > 0.02:  # the share holding ư, đ, ạ …
        return None
    tcvn, vni = _scores(text)
    best = max(("TCVN3", tcvn), ("VNI", vni), key=lambda kv: kv[1])
    threshold = 0.08 if best[0] == "TCVN3" else 0.15  # VNI's marks (ä ö ü ñ …) also occur in Western text
    if best[1] >= threshold and best[1] * len(words) >= 3:
        return best[0]
    return None


_CAPS_WORD = re.compile(r"\S*[A-Z]\S*")  # only words with an ASCII capital can be in the capitals font


def _ascii_caps(src: str) -> bool:
    letters = [c for c in src if c.isascii() and c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _restore_caps(converted: str, original: str) -> str:
    """Capitalise toned letters typed in the capitals font (.VnTimeH).

    A line whose ASCII letters are all capitals ("CéNG HOµ X· HéI") is upper
    case throughout; elsewhere a word with two or more ASCII letters, all
    capitals ("N§-CP", "TØNH"), is. "Së" (Sở) keeps its small letter: one
    capital is just the start of a word.
    """
    out_lines, pos = [], 0
    for line in converted.split("\n"):
        src = original[pos:pos + len(line)]  # TCVN3 maps one char to one char
        pos += len(line) + 1
        if line.isascii() or not re.search("[A-Z]", src):
            out_lines.append(line)  # the common case: nothing to capitalise
        elif _ascii_caps(src):
            out_lines.append(line.upper())
        else:
            out_lines.append(_CAPS_WORD.sub(
                lambda m, src=src: m.group(0).upper() if _ascii_caps(src[m.start():m.end()]) else m.group(0), line))
    return "\n".join(out_lines)


def _latin1_letter(c: str) -> bool:
    return "\u00c0" <= c <= "\u00ff" and c not in "×÷"


def convert_legacy(text: str, encoding: str) -> tuple[str, list[str]]:
    """Convert to Unicode (NFC); also return the characters that had no mapping.

    Unmapped means a Latin-1 letter the encoding never produces: for TCVN3 e.g.
    "Ã" or "ð"; for VNI a mark byte with no vowel before it ("ù" after "t").
    Symbols such as "°" or "²" pass through unchanged.
    """
    if encoding == "TCVN3":
        out = _restore_caps("".join(TCVN3_TO_UNICODE.get(c, c) for c in text), text)
        left = {c for c in text if c not in TCVN3_TO_UNICODE and _latin1_letter(c)}
    elif encoding == "VNI":
        parts, left, pos = [], set(), 0
        for m in _VNI_PAIR.finditer(text):
            gap = text[pos:m.start()]
            left.update(c for c in gap if _latin1_letter(c))
            parts += [gap, VNI_TO_UNICODE[m.group(0)]]
            pos = m.end()
        left.update(c for c in text[pos:] if _latin1_letter(c))
        out = "".join(parts) + text[pos:]
    else:
        raise ValueError(f"unknown legacy encoding {encoding!r}")
    return unicodedata.normalize("NFC", out), sorted(left)


def encode_tcvn3(text: str) -> str:
    """Unicode → TCVN3 as read through Windows-1252 (lossy for capital toned letters,
    which the font family wrote with the capitals font: they map to the small byte)."""
    out = []
    for c in unicodedata.normalize("NFC", text):
        out.append(_UNICODE_TO_TCVN3.get(c) or _UNICODE_TO_TCVN3.get(c.lower()) or c)
    return "".join(out)


def encode_vni(text: str) -> str:
    """Unicode → VNI as read through Windows-1252: `"Việt"` → `"Vieät"`."""
    return "".join(_UNICODE_TO_VNI.get(c, c) for c in unicodedata.normalize("NFC", text))
