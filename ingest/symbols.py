"""Spell out the abbreviations inside Vietnamese document symbols, for search.

A question says "Chương trình hành động ... của Tỉnh ủy"; the plan writes
"30-CTr/TU". Appending the spelled-out parts to a chunk's search text lets the
two meet without touching the quoted text.

    expand_symbols("Chương trình hành động số 30-CTr/TU")
      → "chương trình tỉnh ủy"
    expand_symbols("Quyết định số 435/QĐ-UBND")
      → "quyết định ủy ban nhân dân"
"""
from __future__ import annotations

import re

PARTS = {
    "NQ": "nghị quyết", "CTr": "chương trình", "CT": "chỉ thị", "KH": "kế hoạch", "QĐ": "quyết định",
    "NĐ": "nghị định", "TT": "thông tư", "TB": "thông báo", "BC": "báo cáo", "HD": "hướng dẫn",
    "TW": "trung ương", "TU": "tỉnh ủy", "UBND": "ủy ban nhân dân", "HĐND": "hội đồng nhân dân",
    "CP": "chính phủ", "TTg": "thủ tướng", "QH": "quốc hội", "BYT": "bộ y tế",
    "BLĐTBXH": "bộ lao động thương binh và xã hội", "BGDĐT": "bộ giáo dục và đào tạo",
}
_SYMBOL = re.compile(r"\d+(?:/\d{4})?[-/]\s*([A-ZĐa-z]{2,}(?:[-/]\s*[A-ZĐ][A-ZĐa-z0-9]*)*)")


def expand_symbols(text: str) -> str:
    words: list[str] = []
    for m in _SYMBOL.finditer(text):
        for part in re.split(r"[-/]\s*", m.group(1)):
            full = PARTS.get(part) or PARTS.get(re.sub(r"\d+$", "", part))
            if full and full not in words:
                words.append(full)
    return " ".join(words)


# Abbreviations the plans use inside table cells and agency names.
ABBREVIATIONS = {
    "DTTS": "dân tộc thiểu số", "NCC": "người có công", "BHXH": "bảo hiểm xã hội", "BHYT": "bảo hiểm y tế",
    "BHTN": "bảo hiểm thất nghiệp", "GD&ĐT": "giáo dục và đào tạo", "NN&MT": "nông nghiệp và môi trường",
    "KH&CN": "khoa học và công nghệ", "NTM": "nông thôn mới", "THCS": "trung học cơ sở",
    "THPT": "trung học phổ thông", "UBND": "ủy ban nhân dân", "HĐND": "hội đồng nhân dân",
    "NNPTNT": "nông nghiệp và phát triển nông thôn", "LĐTBXH": "lao động thương binh và xã hội",
    "TN&MT": "tài nguyên và môi trường", "MTTQ": "mặt trận tổ quốc", "HDI": "chỉ số phát triển con người",
    "CNTT": "công nghệ thông tin", "KCN": "khu công nghiệp", "TX": "thị xã", "TP": "thành phố",
}
_ABBR = re.compile(r"(?<![\w&])(" + "|".join(re.escape(k) for k in sorted(ABBREVIATIONS, key=len, reverse=True))
                   + r")(?![\w&])")


def expand_abbreviations(text: str) -> str:
    """`"Mức giảm Tỷ lệ hộ nghèo DTTS"` → `"dân tộc thiểu số"` (to append to search text)."""
    seen: list[str] = []
    for m in _ABBR.finditer(text):
        full = ABBREVIATIONS[m.group(1)]
        if full not in seen:
            seen.append(full)
    return " ".join(seen)
