"""Footnotes in PDF-extracted text: find the blocks, detach glued markers.

A PDF footnote block comes out as a separator line of blanks, then lines that
start with the marker; the next page resumes on a line that starts with one
space. Markers in the running text are glued to the word before them:

    "Ban Thường vụ Tỉnh ủy1 và các chủ trương"  → marker "1" after "Tỉnh ủy"
    "ngày 04 tháng 5 năm 20202. Thực hiện"      → year 2020, marker "2"
    "vắc xin5)"                                  → marker "5"

``find_footnotes`` returns each footnote with its span; ``detach_markers``
removes the markers of known footnotes from search text.
"""
from __future__ import annotations

import re

from ground.normalize import lines_with_offsets

from ..model import Footnote

_SEPARATOR = re.compile(r"^[ \t]{20,}$")
_NOTE_START = re.compile(r"^(\d{1,2}) ?(?=\S)")


def find_footnotes(text: str) -> list[Footnote]:
    notes: list[Footnote] = []
    lines = lines_with_offsets(text)
    i = 0
    while i < len(lines):
        start, line = lines[i]
        if not _SEPARATOR.match(line):
            i += 1
            continue
        i += 1
        current: list[int] | None = None  # [marker, start, end]
        marker = ""
        while i < len(lines):
            s, ln = lines[i]
            if ln.startswith(" ") and ln.strip():  # the next page resumes here
                break
            m = _NOTE_START.match(ln)
            if m and (current is None or int(m.group(1)) == int(marker) + 1):
                if current:
                    notes.append(_note(text, marker, current))
                marker = m.group(1)
                current = [s + m.end(), s + len(ln.rstrip())]
            elif current and ln.strip():
                current[1] = s + len(ln.rstrip())
            elif not ln.strip() and current is None:
                pass
            i += 1
        if current:
            notes.append(_note(text, marker, current))
    return notes


def footnote_regions(text: str, notes: list[Footnote]) -> list[tuple[int, int]]:
    """Spans to leave out of search text: separator line through the last note of a block."""
    regions = []
    for m in re.finditer(r"(?m)^[ \t]{20,}$", text):
        block = [n for n in notes if m.end() <= n.start <= m.end() + 2000]
        if block:
            end = max(n.end for n in block if n.start - m.end() < 2000)
            regions.append((m.start(), end))
    return regions


def detach_markers(text: str, markers: list[str]) -> str:
    """Remove footnote markers glued to words or years (search text only)."""
    for mk in sorted(set(markers), key=len, reverse=True):
        # two letters before the marker, so units such as "m2", "km2" stay whole
        # ... or after one accented letter ("nhà ở3,"); a bare ASCII letter ("m2") is a unit
        text = re.sub(rf"(?:(?<=[^\W\d_]{{2}})|(?<=[^\W\d_A-Za-z]))(?<!km){mk}(?=[\s,.;:)]|$)", "", text)
        text = re.sub(rf"(?<=năm \d{{4}}){mk}(?=[\s,.;:)]|$)", "", text)
    return text


def _note(text: str, marker: str, span: list[int]) -> Footnote:
    start, end = span
    return Footnote(marker=marker, text=re.sub(r"\s+", " ", text[start:end]).strip(), start=start, end=end)
