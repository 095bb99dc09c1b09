"""Who issued a document: the body in its letterhead, in its own words or by its number's symbol.

    header_issuer([(0, "ỦY BAN NHÂN DÂN        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                   (60, "TỈNH AN GIANG        Độc lập - Tự do - Hạnh phúc")])  → "Ủy ban nhân dân tỉnh An Giang"
    symbol_issuer("08/2025/TT-BYT")  → "Bộ Y tế"
"""
from __future__ import annotations

import re

from ground.provinces import find_provinces

from .signature import SEGMENT

# The motto wraps in a narrow column at any word ("CỘNG HÒA XÃ" / "HỘI CHỦ NGHĨA" / "VIỆT NAM"), and a PDF
# may give each piece as a line of its own between the letterhead's: every piece is the motto, no body.
MOTTO = re.compile(r"CỘNG\s+H[OÒ]A\b|^\s*NGHĨA VIỆT NAM\b|CỘNG H[OÒ]A XÃ HỘI|^\s*CỘNG\s*$|CHỦ NGHĨA VIỆT NAM|Độc lập|ĐỘC LẬP"
                   r"|ĐẢNG CỘNG SẢN|^\s*H[OÒ]A XÃ HỘI|^\s*(?-i:(?:XÃ\s+)?HỘI\s+CHỦ\s+NGHĨA)\b", re.I)

_SYMBOL_ISSUER = {"QH": "Quốc hội", "CP": "Chính phủ", "TTg": "Thủ tướng Chính phủ", "BYT": "Bộ Y tế",
                  "BTC": "Bộ Tài chính", "BGDĐT": "Bộ Giáo dục và Đào tạo", "BCA": "Bộ Công an",
                  "BLĐTBXH": "Bộ Lao động - Thương binh và Xã hội", "BNV": "Bộ Nội vụ", "BTP": "Bộ Tư pháp",
                  "BXD": "Bộ Xây dựng", "BKHĐT": "Bộ Kế hoạch và Đầu tư", "NHNN": "Ngân hàng Nhà nước Việt Nam"}

# "422/KH-UBND", "08/2025/TT-BYT", "30/2020/NĐ-CP", "09/2017/QH14", party style "42-NQ/TW".
# "Số: 08/2025/TT-BYT" opens its column (line start or after a column gap), unlike "… số 68/NQ-CP" in prose.
# A Word header table may glue it to the issuer with one space, so "Số:" with its colon counts anywhere.
_FIXED = {"QUỐC HỘI": "Quốc hội", "CHÍNH PHỦ": "Chính phủ", "THỦ TƯỚNG CHÍNH PHỦ": "Thủ tướng Chính phủ",
          "ỦY BAN THƯỜNG VỤ QUỐC HỘI": "Ủy ban Thường vụ Quốc hội", "CHỦ TỊCH NƯỚC": "Chủ tịch nước",
          "BAN CHẤP HÀNH TRUNG ƯƠNG": "Ban Chấp hành Trung ương", "BỘ CHÍNH TRỊ": "Bộ Chính trị",
          "BAN BÍ THƯ": "Ban Bí thư", "NGÂN HÀNG NHÀ NƯỚC VIỆT NAM": "Ngân hàng Nhà nước Việt Nam",
          "KIỂM TOÁN NHÀ NƯỚC": "Kiểm toán nhà nước", "VĂN PHÒNG CHÍNH PHỦ": "Văn phòng Chính phủ",
          "BỘ CÔNG AN": "Bộ Công an", "BỘ QUỐC PHÒNG": "Bộ Quốc phòng",
          "ỦY BAN NHÂN DÂN": "Ủy ban nhân dân", "HỘI ĐỒNG NHÂN DÂN": "Hội đồng nhân dân"}
_AGENCY = re.compile(r"(BỘ|SỞ|TỔNG CỤC|CỤC|CHI CỤC|VỤ|BAN|VĂN PHÒNG|THANH TRA|TRUNG TÂM|VIỆN|PHÒNG)\s+(.+)")
_LOCAL = re.compile(r"\s(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ)\s+(.+)$")
_BODY_START_WORDS = re.compile(r"(?:BỘ|SỞ|CỤC|TỔNG CỤC|CHI CỤC|VỤ|BAN|VĂN PHÒNG|ỦY BAN|HỘI ĐỒNG|TRUNG TÂM|TRƯỜNG|THUẾ)\s")



def header_issuer(header) -> str | None:
    """The left column above "Số:": "ỦY BAN NHÂN DÂN / TỈNH AN GIANG" → "Ủy ban nhân dân tỉnh An Giang"."""
    parts = []
    for _, line in header:
        for seg in SEGMENT.findall(line):
            head, *rest = re.split(r"\s*(?:(?:Luật|Bộ luật|Pháp lệnh)\s+)?[Ss]ố\s*:|\s*[-_]{3,}", seg)
            head = head.strip()
            if head and head == head.upper() and re.search(r"[^\W\d_]", head) and not MOTTO.search(head) \
                    and ", NGÀY" not in head:
                parts.append(head)
            if rest and re.search(r"[Ss]ố\s*:", seg):
                return _issuer_from(parts)  # the number line ends the issuer block
            break  # the left column only: the right one holds the motto and the date
    return _issuer_from(parts)


def _issuer_from(parts: list[str]) -> str | None:
    if not parts:
        return None
    parts = _rejoined(parts)
    # "UBND TỈNH AN GIANG" over "SỞ Y TẾ": the lower body issues; its name may wrap over more lines
    # ("BỘ CÔNG THƯƠNG" / "TRƯỜNG ĐẠI HỌC CÔNG THƯƠNG" / "THÀNH PHỐ HỒ CHÍ MINH")
    lower = next((i for i in range(len(parts) - 1, 0, -1) if _BODY_START_WORDS.match(parts[i] + " ")), None)
    if lower is not None:
        parent, own = " ".join(parts[:lower]), " ".join(parts[lower:])
        name = body_name(own)
        local = _LOCAL.search(" " + parent.upper())
        return f"{name} {local.group(1).lower()} {_place(local.group(2))}" if local and not _LOCAL.search(
            " " + own.upper()) else name
    return body_name(" ".join(parts))


def _rejoined(parts: list[str]) -> list[str]:
    """A narrow letterhead column wraps a body's name mid-word-group: "ỦY" / "BAN NHÂN DÂN" /
    "TỈNH CAO BẰNG" is one body, not a "BAN" under an "ỦY". Lines are joined while the joined words
    still begin a known body's name; the motto's "VIỆT NAM" wrapped into the left column is dropped."""
    out: list[str] = []
    for part in parts:
        if re.fullmatch(r"VIỆT NAM", part.strip(" *")):
            continue
        if out:
            joined = f"{out[-1]} {part}"
            words = out[-1].upper().replace("UỶ", "ỦY").split()
            nxt = " ".join(part.upper().replace("UỶ", "ỦY").split())
            # the line's last words begin a body's name the next line goes on with ("CHỦ TỊCH ỦY" / "BAN …")
            tails = [" ".join(words[i:]) for i in range(len(words))]
            if any(key.startswith(tail + " ") and _starts_name(f"{tail} {nxt}", key)
                   for tail in tails for key in _FIXED):
                out[-1] = joined
                continue
        out.append(part)
    return out


def _starts_name(words: str, key: str) -> bool:
    """``words`` begin the name ``key``, or are it and go on ("ỦY BAN NHÂN DÂN TỈNH CAO BẰNG")."""
    return key == words or key.startswith(words + " ") or words.startswith(key + " ")


def _place(upper: str) -> str:
    found = find_provinces(upper)
    if found:
        return found[0].removeprefix("Thành phố ")
    return " ".join(w.capitalize() for w in upper.split())


def body_name(raw: str) -> str:
    """Capitals → how the body writes its own name: "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"
    → "Bộ Lao động - Thương binh và Xã hội"; "UBND TỈNH AN GIANG" → "Ủy ban nhân dân tỉnh An Giang"."""
    up = " ".join(raw.split()).strip(" .,;:-").upper().replace("UỶ", "ỦY")
    up = re.sub(r"(?<!\w)UBND(?!\w)", "ỦY BAN NHÂN DÂN", re.sub(r"(?<!\w)HĐND(?!\w)", "HỘI ĐỒNG NHÂN DÂN", up))
    local = ""
    m = _LOCAL.search(up)
    if m:
        local = f" {m.group(1).lower()} {_place(m.group(2))}"
        up = up[:m.start()]
    if up in _FIXED:
        return _FIXED[up] + local
    m = _AGENCY.fullmatch(up)
    if not m:
        return up.capitalize() + local
    words = m.group(2).lower().split()
    # A ministry's name capitalises each of its fields: "Văn hóa, Thể thao và Du lịch".
    words = [w.capitalize() if i == 0 or words[i - 1] in ("và", "-") or words[i - 1].endswith(",") else w
             for i, w in enumerate(words)]
    # "Công Thương" (industry and trade) is one field written as two capitalised words, in every
    # body named after it (Bộ, Sở, Cục … Công Thương), as those bodies print their own names
    name = re.sub(r"(?<!\w)công thương(?!\w)", "Công Thương", " ".join(words), flags=re.I)
    return f"{m.group(1).capitalize()} {name}{local}"


def symbol_issuer(number: str | None) -> str | None:
    if not number:
        return None
    tail = re.split(r"[-/]", number)[-1]
    return _SYMBOL_ISSUER.get(tail) or _SYMBOL_ISSUER.get(re.sub(r"\d+$", "", tail))


def body_case(s: str) -> str:
    """A name already in mixed case keeps it; only abbreviations and old spellings change."""
    s = s.strip(" .;,")
    if s == s.upper():
        return body_name(s)
    s = re.sub(r"(?<!\w)UBND(?!\w)", "Ủy ban nhân dân", s)
    return re.sub(r"(?<!\w)HĐND(?!\w)", "Hội đồng nhân dân", s).replace("Uỷ ban", "Ủy ban")
