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
