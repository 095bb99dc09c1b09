"""Vietnam's provinces and centrally-run cities, found in text with or without accents.

    find_provinces("Mục tiêu của KonTum và kon tum")  → ["Kon Tum"]
    find_provinces("tinh gia lai")                     → ["Gia Lai"]

The list holds the 63 units before the 2025 merger (the shipped plans predate
it); the merged units keep names from this list, so both eras are found.
"""
from __future__ import annotations

import re

from .normalize import fold

PROVINCES = [
    "An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre",
    "Bình Dương", "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ",
    "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang",
    "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên",
    "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lạng Sơn", "Lào Cai", "Lâm Đồng", "Long An",
    "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam",
    "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình",
    "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Thành phố Hồ Chí Minh", "Tiền Giang", "Trà Vinh",
    "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái", "Huế",
]

_ALIASES = {
    "tp hcm": "Thành phố Hồ Chí Minh", "tp. hcm": "Thành phố Hồ Chí Minh", "ho chi minh": "Thành phố Hồ Chí Minh",
    "hcmc": "Thành phố Hồ Chí Minh", "sai gon": "Thành phố Hồ Chí Minh", "saigon": "Thành phố Hồ Chí Minh",
    "hanoi": "Hà Nội", "ba ria vung tau": "Bà Rịa - Vũng Tàu", "vung tau": "Bà Rịa - Vũng Tàu",
    "da nang": "Đà Nẵng", "danang": "Đà Nẵng", "thua thien hue": "Thừa Thiên Huế",
}


def _variants() -> list[tuple[re.Pattern, str]]:
    pairs: dict[str, str] = {}
    for name in PROVINCES:
        f = fold(name).replace(" - ", " ")
        pairs[f] = name
        pairs[f.replace(" ", "")] = name  # "kontum", "angiang"
    for alias, name in _ALIASES.items():
        pairs[alias] = name
    ordered = sorted(pairs, key=len, reverse=True)
    return [(re.compile(rf"(?<![a-z]){re.escape(v)}(?![a-z])"), pairs[v]) for v in ordered]


_PATTERNS = _variants()


def find_provinces(text: str) -> list[str]:
    """Provinces named in ``text``, in order of first mention, each once."""
    folded = fold(text).replace(" - ", " ").replace("-", " ")
    hits: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern, name in _PATTERNS:
        for m in pattern.finditer(folded):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue  # "Thừa Thiên Huế" already covers "Huế"
            taken.append((m.start(), m.end()))
            hits.append((m.start(), name))
    seen: list[str] = []
    for _, name in sorted(hits):
        if name == "Huế":
            name = "Thừa Thiên Huế"
        if name not in seen:
            seen.append(name)
    return seen


def without_provinces(text: str) -> str:
    """``text`` with province names blanked out: "Bình Định's target" → "           's target".

    A place name is no evidence of the language a question is written in."""
    folded = "".join(fold(c) or " " for c in text).replace("-", " ")  # char by char: spans line up
    if len(folded) != len(text):  # a letter folded to two: keep the text as it is
        return text
    out = list(text)
    for pattern, _ in _PATTERNS:
        for m in pattern.finditer(folded):
            out[m.start():m.end()] = " " * (m.end() - m.start())
    return "".join(out)
