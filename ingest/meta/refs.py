"""What official texts print when they name a document or a date, shared by the metadata readers.

    NUMBER matches "422/KH-UBND", "08/2025/TT-BYT", "30/2020/NĐ-CP", "42-NQ/TW"
    parse_date("ngày 18 tháng 11 năm 2025") → "2025-11-18";  parse_date("ngày   tháng   năm 2024") → "2024"
"""
from __future__ import annotations

import re
from datetime import date

# "422/KH-UBND", "08/2025/TT-BYT", "30/2020/NĐ-CP", "09/2017/QH14", party style "42-NQ/TW".
NUMBER = r"\d+[a-z]?(?:/\d{4})?(?:[/-][A-ZĐ][A-Za-zĐđ0-9]*)+"
DATE_NUM = re.compile(r"ngày\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
DATE_WORDS = re.compile(r"ngày\s*(\d{1,2})?[\s.…_]*tháng\s*(\d{1,2})?[\s.…_]*năm\s*(\d{4})")
REF_KINDS = ["Chương trình hành động", "Chương trình", "Nghị quyết liên tịch", "Nghị quyết", "Nghị định",
              "Thông tư liên tịch", "Thông tư", "Quyết định", "Chỉ thị", "Kết luận", "Kế hoạch", "Công văn",
              "Thông báo", "Hướng dẫn", "Quy định", "Đề án", "Tờ trình"]


def iso(day, month, year) -> str | None:
    if not year:
        return None
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except (TypeError, ValueError):
        return str(int(year))  # only the year printed (blank day/month), or an impossible date


def parse_date(s: str) -> str | None:
    m = DATE_NUM.search(s) or DATE_WORDS.search(s)
    return iso(*m.groups()) if m else None


BODY_START = re.compile(r"\s*(?:[IVXLC]+\.\s|Chương\s+[IVXLC\d]+\b|CHƯƠNG\s+[IVXLC\d]+\b|Phần\s+thứ\b|PHẦN\s"
                         r"|Điều\s+1\.|QUYẾT ĐỊNH\s*:|QUYẾT NGHỊ\s*:|Mục\s+1\b)")
_REF = re.compile(rf"(?<!\w)({'|'.join(REF_KINDS)})\s+số\s*:?\s*({NUMBER})", re.I)
_LAW_REF = re.compile(rf"(?<!\w)(Bộ luật|Luật|Pháp lệnh)((?:\s+[^\s;:.()]+){{0,12}}?)\s+số\s*:?\s*({NUMBER})")


def implements(text, lines, head_at, own) -> list[str]:
    """Documents cited in the title and the opening "Căn cứ / Thực hiện" paragraphs, first mention first."""
    start = lines[head_at][0] if head_at is not None else 0
    end = min(len(text), start + 8000)
    for pos, line in lines[(head_at or 0) + 2:]:
        if pos >= end:
            break
        if BODY_START.match(line):
            end = pos
            break
    zone = re.sub(r"(?<=\w)([-/])\s*\n\s*", r"\1", text[start:end])  # "42-\nNQ/TW" → "42-NQ/TW"
    zone = " ".join(zone.split())
    found: dict[str, tuple[int, str]] = {}
    for m in _REF.finditer(zone):
        kind = next(k for k in REF_KINDS if k.lower() == m.group(1).lower())
        found.setdefault(m.group(2), (m.start(), f"{kind} số {m.group(2)}"))
    for m in _LAW_REF.finditer(zone):
        found.setdefault(m.group(3), (m.start(), f"{m.group(1)}{m.group(2).rstrip(',')} số {m.group(3)}"))
    found.pop(own or "", None)
    return [ref for _, ref in sorted(found.values())]
