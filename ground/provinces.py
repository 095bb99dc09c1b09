"""Provinces and centrally-run cities of both eras, found in text with or without accents.

    find_provinces("Mục tiêu của KonTum và kon tum")      → ["Kon Tum"]
    find_provinces("tinh gia lai, TP HCM")                → ["Gia Lai", "Thành phố Hồ Chí Minh"]
    find_provinces("Huế và Thừa Thiên Huế")               → ["Huế", "Thừa Thiên Huế"]   (2025 city, former province)
    find_provinces("người Việt Nam định cư ở nước ngoài") → []                          (no Nam Định here)
    find_provinces("Giữ vững hòa bình. Tham gia lại")     → []                          (no Hòa Bình, no Gia Lai)
    province_of_issuer("ỦY BAN NHÂN DÂN TỈNH GIA LAI")    → "Gia Lai";  province_of_issuer("BỘ Y TẾ") → None

A name is matched on folded text (no accents, any case), then checked against what is
written: accents, where written, must be the name's ("gia lại" is not Gia Lai); a name that
is also an everyday phrase (hòa bình "peace", hải dương "ocean", bình định "to pacify") counts
only when capitalised, after "tỉnh"/"thành phố", or in text typed all in lower case
("ty le ho ngheo hoa binh"); and "Việt Nam", "Thái Bình Dương" and the person Hồ Chí Minh ("tư tưởng Hồ Chí Minh") are no places.
Which era a name belongs to, and what it became, is ``ground.admin_units``.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from .admin_units import FORMER, HCM
from .normalize import fold, nfc, tone_style

# Every name of either era: the 63 former units plus "Huế" (the only current name that is new).
# The order is the historical one: bench corpora number their plans by it.
PROVINCES = [
    "An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre",
    "Bình Dương", "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ",
    "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang",
    "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên",
    "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lạng Sơn", "Lào Cai", "Lâm Đồng", "Long An",
    "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam",
    "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình",
    "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", HCM, "Tiền Giang", "Trà Vinh",
    "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái", "Huế",
]
assert set(PROVINCES) == set(FORMER) | {"Huế"}, "PROVINCES and admin_units.FORMER disagree"

# Other ways of writing a name (each checked against its own accents).
_ALIASES = {
    "Hồ Chí Minh": HCM, "TP Hồ Chí Minh": HCM, "TP. Hồ Chí Minh": HCM, "TP.Hồ Chí Minh": HCM,
    "TP HCM": HCM, "TP. HCM": HCM, "TP.HCM": HCM, "TPHCM": HCM, "HCMC": HCM, "Ho Chi Minh City": HCM,
    "Sài Gòn": HCM, "Saigon": HCM, "Hanoi": "Hà Nội", "Danang": "Đà Nẵng", "Vũng Tàu": "Bà Rịa - Vũng Tàu",
    "Đăk Nông": "Đắk Nông", "Đăk Lăk": "Đắk Lắk", "Đắc Lắc": "Đắk Lắk", "Đắk Lăk": "Đắk Lắk",
}
# Phrases that contain a name but are no place: matched first, so they claim their words.
_NOT_PLACES = ["Việt Nam", "Thái Bình Dương"]
# Names that are also everyday phrases when written in lower case.
_ORDINARY = {"Hòa Bình", "Hải Dương", "Bình Định", "Thái Bình", "Ninh Bình", "Cao Bằng", "Bình Dương", "Nghệ An"}
# "Hồ Chí Minh" after these words is the person (or a thing named after him), not the city.
_PERSON_BEFORE = re.compile(r"(?<![a-z])(?:tu tuong|chu tich|bac|dao duc|phong cach|tam guong|lang|huy hieu|mang ten|"
                            r"cong san|tncs|tien phong|chinh tri quoc gia|giai thuong|huan chuong|duong|"
                            r"nguyen ai quoc)\s+$")
_LEVEL_BEFORE = re.compile(r"(?:tinh|thanh pho|tp\.?)\s*$")
_LEVEL_PREFIX = re.compile(r"(?i)^(?:thành phố|tp)\b")
_LOCAL_BODY = re.compile(r"(?i)(?<!\w)(?:ubnd|hđnd|[ủu][yỷ] ban nhân dân|hội đồng nhân dân|tỉnh [ủu][yỷ]|"
                         r"thành [ủu][yỷ]|sở)(?!\w)")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str  # canonical: "Kon Tum", "Thành phố Hồ Chí Minh"
    with_level: bool  # "tỉnh Kon Tum", "TP. HCM": written as a provincial unit
    spelling: str = ""  # how the name list writes what matched: "Bình Dương", "KonTum", "TP HCM"


@cache
def _fold_char(ch: str) -> str:
    if ch.isspace() or ch in "-–—":
        return " "
    f = fold(ch)
    return f[:1] if f else " "


def _fold_chars(text: str) -> str:
    """``fold`` letter by letter, so that offsets line up with ``text``; dashes become spaces."""
    return "".join(map(_fold_char, text))


def _key(folded: str) -> str:
    return " ".join(folded.split())


@cache
def _matcher() -> tuple[re.Pattern, dict[str, list[tuple[str, str | None]]]]:
    """One pattern over folded text for every way of writing every name (longest first, so that at
    any position the longest name wins: "thua thien hue" before "hue"), and folded form → the
    (surface, canonical name) pairs it may be; a name of None is a phrase that is no place."""
    surfaces: dict[str, str | None] = {p: None for p in _NOT_PLACES}
    for name in PROVINCES:
        surfaces[name] = name
        if " " in name and name != HCM:
            surfaces[name.replace(" - ", "").replace(" ", "")] = name  # "KonTum", "AnGiang"
    surfaces.update(_ALIASES)
    by_key: dict[str, list[tuple[str, str | None]]] = {}
    for surface, name in surfaces.items():
        by_key.setdefault(_key(_fold_chars(surface)), []).append((surface, name))
    bodies = [r" +".join(re.escape(w) for w in k.split()).replace(r"\. +", r"\. *")
              for k in sorted(by_key, key=len, reverse=True)]
    return re.compile(rf"(?<![a-z0-9])(?:{'|'.join(bodies)})(?![a-z0-9])"), by_key


def _syllables(s: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", s)


def _accents_agree(written: str, surface: str) -> bool:
    """Each written syllable is bare ("Quang") or carries the name's own marks ("Quảng"; "Hoà" = "Hòa")."""
    a, b = _syllables(written), _syllables(surface.replace(" - ", " "))
    if len(a) != len(b):  # "KonTum" against "KonTum" is one syllable; anything else compare whole
        a, b = ["".join(a)], ["".join(b)]
    for w, s in zip(a, b, strict=True):
        bare = unicodedata.normalize("NFD", w.lower()).encode("ascii", "ignore").decode() == w.lower()
        if not bare and tone_style(w).lower() != tone_style(s).lower():
            return False
    return True


def _plausible(text: str, folded: str, start: int, end: int, surface: str, name: str) -> bool:
    written = text[start:end]
    if not _accents_agree(written, surface):
        return False
    before = folded[max(0, start - 24):start]
    if name in _ORDINARY and not _LEVEL_BEFORE.search(before):
        casual = not any(c.isupper() for c in text)  # "ty le ho ngheo hoa binh": typed, not written
        if not casual and not all(w[0].isupper() for w in _syllables(written)):
            return False
    if surface == "Hồ Chí Minh" and _PERSON_BEFORE.search(before):
        return False
    return True


def mentions(text: str) -> list[Mention]:
    """Every place named in ``text``, in text order, with character offsets into ``nfc(text)``."""
    text = nfc(text or "")
    folded = _fold_chars(text)
    pattern, by_key = _matcher()
    found: list[Mention] = []
    pos = 0
    while m := pattern.search(folded, pos):
        a, b = m.span()
        kinds = by_key[_key(m.group(0))]
        if any(name is None for _, name in kinds):  # "Việt Nam", "Thái Bình Dương": claims its words
            pos = b
            continue
        surface, name = next(((sf, n) for sf, n in kinds if _plausible(text, folded, a, b, sf, n)), ("", None))
        if name is None:  # a shorter name at the same place: "Hồ Chí Minh City" is no "Ho Chi Minh City", but "Hồ Chí Minh"
            b, surface, name = _shorter(text, folded, a, m.group(0), by_key)
        if name is None:  # "gia lại", "Nam định": no place here, but one may start inside
            pos = a + 1
            continue
        level = bool(_LEVEL_BEFORE.search(folded[max(0, a - 24):a]) or _LEVEL_PREFIX.match(text[a:b]))
        found.append(Mention(a, b, name, level, surface))
        pos = b
    return found


def _shorter(text: str, folded: str, a: int, matched: str, by_key) -> tuple[int, str, str | None]:
    """The longest name shorter than ``matched`` (folded, at ``a``) that its first words spell and that is written
    plausibly there: (its end, its surface, its name), or (a, "", None)."""
    words = matched.split()
    for k in range(len(words) - 1, 0, -1):
        key = " ".join(words[:k])
        if key not in by_key:
            continue
        hit = re.compile(r" +".join(map(re.escape, words[:k])) + r"(?![a-z0-9])").match(folded, a)
        if not hit:
            continue
        for sf, n in by_key[key]:
            if n is not None and _plausible(text, folded, a, hit.end(), sf, n):
                return hit.end(), sf, n
    return a, "", None


def find_provinces(text: str) -> list[str]:
    """Provinces named in ``text``, in order of first mention, each once, as written (either era)."""
    return list(dict.fromkeys(m.name for m in mentions(text)))


@cache
def title_place(title: str | None) -> str | None:
    """The one province a title names as a unit ("… của tỉnh Đồng Nai", "… với Thường trực Tỉnh ủy Thanh Hóa"),
    else None: a national document so titled is about that place (a Standing Committee resolution arranging its
    communes, a conclusion of a working visit to it). A name without its level ("Đại học Công nghiệp Hà Nội") or
    two places ("tại Khánh Hòa, Đắk Lắk và Gia Lai") say no one place.

    >>> title_place("Về việc sắp xếp các đơn vị hành chính cấp xã của thành phố Cần Thơ năm 2025")
    'Cần Thơ'
    >>> title_place("Về việc chuyển Trường Đại học Công nghiệp Hà Nội thành Đại học Công nghiệp Hà Nội") is None
    True
    """
    found = mentions(title or "")
    named = {m.name for m in found}
    placed = {m.name for m in found if m.with_level}
    return next(iter(placed)) if len(named) == 1 and placed else None


def without_provinces(text: str, names: list[str] | None = None) -> str:
    """``text`` with province names blanked out (only those of ``names`` where given):
    "Bình Định's target" → "           's target".

    A place name is no evidence of the language a question is written in."""
    if nfc(text) != text:  # offsets are into the NFC text: keep other text as it is
        return text
    out = list(text)
    for m in mentions(text):
        if names is None or m.name in names:
            out[m.start:m.end] = " " * (m.end - m.start)
    return "".join(out)


def restore_place_names(typed: str, restored: str) -> str:
    """Put the names' own accents back where a question was typed without any, after a general
    accent restorer has guessed: its guesses come from the documents' words, and a place the
    documents never name is guessed wrong ("binh duong" → "binh dưỡng").

        restore_place_names("ty le ho ngheo tinh binh duong", "tỷ lệ hộ nghèo tỉnh binh dưỡng")
          → "tỷ lệ hộ nghèo tỉnh Bình Dương"

    Restoring keeps each letter in place (NFC), so the spans found in ``typed`` are ``restored``'s;
    when the lengths differ ``restored`` is returned as it is."""
    typed, restored = nfc(typed), nfc(restored)
    if len(typed) != len(restored):
        return restored
    out = restored
    for m in mentions(typed):
        if len(m.spelling) == m.end - m.start:
            out = out[:m.start] + m.spelling + out[m.end:]
    return out


def province_of_issuer(issuer_text: str | None) -> str | None:
    """The provincial unit an issuing body belongs to, as written (either era); None for a national body.

        "ỦY BAN NHÂN DÂN TỈNH GIA LAI"   → "Gia Lai"
        "HĐND THÀNH PHỐ CẦN THƠ"         → "Cần Thơ"
        "UBND TỈNH ĐỒNG NAI"             → "Đồng Nai"
        "SỞ Y TẾ TỈNH KON TUM"           → "Kon Tum"
        "UBND TP. HỒ CHÍ MINH"           → "Thành phố Hồ Chí Minh"
        "CHÍNH PHỦ", "BỘ Y TẾ", "THỦ TƯỚNG CHÍNH PHỦ" → None

    A name after "tỉnh" / "thành phố" wins; a bare name counts only under a local body (UBND, HĐND,
    Sở, Tỉnh ủy): "Bộ Y tế, Hà Nội" is a ministry that sits in Hà Nội, not Hà Nội's."""
    if not issuer_text:
        return None
    found = mentions(issuer_text)
    levelled = [m for m in found if m.with_level]
    if levelled:
        return levelled[-1].name  # "UBND HUYỆN X TỈNH Y": the province is named last
    if found and _LOCAL_BODY.search(nfc(issuer_text)):
        return found[0].name
    return None
