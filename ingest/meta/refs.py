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
