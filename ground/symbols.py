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
    "DNNVV": "doanh nghiệp nhỏ và vừa", "HTX": "hợp tác xã", "HKD": "hộ kinh doanh", "DN": "doanh nghiệp",
    "TTHC": "thủ tục hành chính", "CSDL": "cơ sở dữ liệu", "VBQPPL": "văn bản quy phạm pháp luật",
    "ĐTM": "đánh giá tác động môi trường", "PCCC": "phòng cháy chữa cháy", "ATTP": "an toàn thực phẩm",
    # the reports on administrative reform ("Chưa tích hợp, cung cấp DVCTT", "cắt giảm ĐKKD")
    "DVCTT": "dịch vụ công trực tuyến", "DVCQG": "dịch vụ công quốc gia", "ĐKKD": "điều kiện kinh doanh",
    "QPPL": "quy phạm pháp luật", "CCHC": "cải cách hành chính", "ĐVHC": "đơn vị hành chính",
}

# "doanh nghiệp nhỏ và vừa (sau đây gọi tắt là DNNVV)": a document's own abbreviations. The patterns
# match the parenthesis only; the phrase is read back from the text before it (a pattern that also
# matched the phrase, lazily, from every letter of the document took half the parse time).
_DEFINED = re.compile(r"\(\s*(?:sau đây\s+)?(?:gọi|viết)\s+tắt\s+(?:là\s+)?[“\"]?([A-ZĐ][A-Za-zĐđ&\-]{1,12})[”\"]?\s*\)")
_BARE = re.compile(r"\(\s*([A-ZĐ]{2,8})\s*\)")
_PHRASE = 91  # characters before the parenthesis the phrase may take


def defined_abbreviations(text: str) -> dict[str, str]:
    """Abbreviations a document defines for itself, to spell out in its search text.

        "… các doanh nghiệp nhỏ và vừa (sau đây gọi tắt là DNNVV) …" → {"DNNVV": "doanh nghiệp nhỏ và vừa"}
    The phrase is taken as the words before the parenthesis, as many as the initials ask for."""
    out: dict[str, str] = {}
    flat = " ".join(text.split())
    for m in _DEFINED.finditer(flat):
        abbr, words = m.group(1), _phrase_before(flat, m.start())
        if not words:
            continue
        n = max(2, min(len(words), sum(1 for ch in abbr if ch.isupper()) + 2))
        out.setdefault(abbr, " ".join(words[-n:]).strip(" ,;:"))
    # "doanh nghiệp nhỏ và vừa (DNNVV)": a bare parenthesis counts when the initials spell it
    for m in _BARE.finditer(flat):
        abbr, words = m.group(1), _phrase_before(flat, m.start())
        letters = _fold_upper(abbr)
        tail = words[-len(letters):]
        if len(tail) == len(letters) and "".join(_fold_upper(w[0]) for w in tail) == letters:
            out.setdefault(abbr, " ".join(tail))
    return out


def _phrase_before(flat: str, at: int) -> list[str]:
    """The words just before a parenthesis: no other parenthesis among them, starting at a letter."""
    before = flat[max(0, at - _PHRASE):at].rstrip()
    before = re.split(r"[()]", before)[-1]
    m = re.search(r"[^\W\d_]", before)
    if not m or len(before) - m.start() < 3:
        return []
    return before[m.start():].split()


def _fold_upper(s: str) -> str:
    return s.upper().replace("Đ", "D")
_ABBR = re.compile(r"(?<![\w&])(" + "|".join(re.escape(k) for k in sorted(ABBREVIATIONS, key=len, reverse=True))
                   + r")(?![\w&])")


def expand_abbreviations(text: str, own: dict[str, str] | None = None) -> str:
    """`"Mức giảm Tỷ lệ hộ nghèo DTTS"` → `"dân tộc thiểu số"` (to append to search text).
    ``own``: the document's own abbreviations (``defined_abbreviations``), checked first."""
    seen: list[str] = []
    for abbr, full in (own or {}).items():
        if re.search(rf"(?<![\w&]){re.escape(abbr)}(?![\w&])", text) and full not in seen:
            seen.append(full)
    for m in _ABBR.finditer(text):
        full = ABBREVIATIONS[m.group(1)]
        if full not in seen:
            seen.append(full)
    return " ".join(seen)
