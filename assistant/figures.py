"""A target cell's figures written in the answer's language, from the values ingest parsed.

A plan prints "221.009" (Vietnamese: thousands dot) beside "2,500 Căn hộ" (English: thousands comma);
the cell text is kept as printed in the quote and its highlights, but an answer that copied it would
write numbers two ways, and a Vietnamese reader takes "2,500" for two and a half. So each figure of
the cell that the parse read (``TargetValue.low`` / ``high``) is rewritten in one notation:

    raw "2,500" (low 2500)      → vi "2.500",     en "2,500"
    raw "221.009" (low 221009)  → vi "221.009",   en "221,009"
    raw "<3,5" (low 3.5)        → vi "<3,5",      en "<3.5"
    raw "0,5-1,2"               → vi "0,5-1,2",   en "0.5-1.2"
    raw "26,0"                  → vi "26,0",      en "26.0"    (the printed decimals are kept)
A cell the parse could not read ("Bảo đảm", "26.1" with nothing to settle it) is written as printed.
"""
from __future__ import annotations

import re

from ingest.model import TargetValue

# a figure as printed, not glued to a letter (a footnote mark "xin5", a unit "m2" are no figures)
_NUMBER = re.compile(r"(?<![^\W\d_])\d+(?:[.,]\d+)*(?![^\W\d_])")
_NOTE = re.compile(r"\([^()]*\)")


def _readings(token: str) -> list[tuple[float, int, bool]]:
    """The values a printed figure can mean: (value, decimals printed, read in Vietnamese notation)."""
    out = []
    vi = re.fullmatch(r"\d{1,3}(?:\.\d{3})*(?:,(\d+))?|\d+(?:,(\d+))?", token)
    if vi:
        decimals = vi.group(1) or vi.group(2) or ""
        out.append((float(token.replace(".", "").replace(",", ".")), len(decimals), True))
    en = re.fullmatch(r"\d{1,3}(?:,\d{3})*(?:\.(\d+))?|\d+(?:\.(\d+))?", token)
    if en:
        decimals = en.group(1) or en.group(2) or ""
        out.append((float(token.replace(",", "")), len(decimals), False))
    return out


def number_text(value: float, decimals: int, lang: str) -> str:
    """``value`` with ``decimals`` places, grouped: vi "221.009" / "3,5", en "221,009" / "3.5"."""
    text = f"{value:,.{decimals}f}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "vi" else text


def figures_text(v: TargetValue, raw: str, lang: str) -> tuple[str, bool]:
    """``raw`` (the cell as printed) with its parsed figures in ``lang``'s notation, and whether a
    figure printed in Vietnamese notation with a separator was rewritten (an English answer says so)."""
    wanted = [x for x in (v.low, v.high) if x is not None]
    if not wanted:
        return raw, False
    notes = [m.span() for m in _NOTE.finditer(raw)]  # "(14 loại vắc xin)" is a qualifier, not the figure
    out, pos, from_vi = [], 0, False
    for m in _NUMBER.finditer(raw):
        if not wanted or any(a <= m.start() < b for a, b in notes):
            continue
        reading = next((r for r in _readings(m.group(0)) if r[0] == wanted[0]), None)
        if reading is None:
            continue
        wanted.pop(0)
        if len(wanted) == 1 and wanted[0] == reading[0] and v.low == v.high:
            wanted.clear()  # a single figure: low and high are the same one
        value, decimals, vi = reading
        out.append(raw[pos:m.start()] + number_text(value, decimals, lang))
        pos = m.end()
        from_vi = from_vi or (vi and bool(re.search(r"[.,]", m.group(0))) and lang != "vi")
    out.append(raw[pos:])
    return "".join(out), from_vi
