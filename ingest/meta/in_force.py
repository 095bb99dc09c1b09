"""When a document takes effect, and what it replaces or ends, from its closing articles.

    "Quyết định này có hiệu lực kể từ ngày 28 tháng 11 năm 2025. … Quyết định số 27/2024/QĐ-UBND …
     hết hiệu lực thi hành" → ("2025-11-28", [], ["Quyết định số 27/2024/QĐ-UBND"])
"""
from __future__ import annotations

import re

from .refs import NUMBER, REF_KINDS, parse_date

_EFFECT = re.compile(r"có hiệu lực(?: thi hành)?(?: kể)?\s+từ\s+(ngày ký(?: ban hành)?|ngày\s*\d{1,2}\s*(?:[/.-]|tháng)"
                     r"\s*\d{1,2}\s*(?:[/.-]|năm)\s*\d{4})", re.I)
_REPLACE = re.compile(rf"(thay thế|bãi bỏ)\s+(?:toàn bộ\s+)?((?:{'|'.join(REF_KINDS)})\s+số\s*:?\s*{NUMBER})", re.I)


_EXPIRES = re.compile(rf"((?:{'|'.join(REF_KINDS)})\s+số\s*:?\s*{NUMBER})[^.]{{0,500}}?hết hiệu lực", re.I)


def in_force(text: str, own: str | None) -> tuple[str | None, list[str], list[str]]:
    """(effective date, documents replaced, documents repealed) from the closing articles.

        "Quyết định này có hiệu lực kể từ ngày 10 tháng 12 năm 2025 và thay thế Quyết định số
         10/2024/QĐ-UBND" → ("2025-12-10", ["Quyết định số 10/2024/QĐ-UBND"], [])
    """
    flat = " ".join(text.split())
    m = _EFFECT.search(flat)
    effective = None
    if m:
        effective = "ngày ký" if m.group(1).lower().startswith("ngày ký") else parse_date(m.group(1))
    replaces, repeals = [], []
    for r in _EXPIRES.finditer(flat):  # "Quyết định số 27/2024/QĐ-UBND ngày … hết hiệu lực thi hành"
        if not own or own not in r.group(1):
            repeals.append(" ".join(r.group(1).split()))
    for r in _REPLACE.finditer(flat):
        ref = " ".join(r.group(2).split())
        if own and own in ref:
            continue
        (replaces if r.group(1).lower() == "thay thế" else repeals).append(ref)
    return effective, list(dict.fromkeys(replaces)), list(dict.fromkeys(repeals))
