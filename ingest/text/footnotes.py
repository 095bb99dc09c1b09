"""Footnotes in PDF-extracted text: find the blocks, detach glued markers.

A PDF footnote block comes out as a separator line of blanks, then lines that
start with the marker; the next page resumes on a line that starts with one
space. Markers in the running text are glued to the word before them:

    "Ban Thường vụ Tỉnh ủy1 và các chủ trương"  → marker "1" after "Tỉnh ủy"
    "ngày 04 tháng 5 năm 20202. Thực hiện"      → year 2020, marker "2"
    "vắc xin5)"                                  → marker "5"

``find_footnotes`` returns each footnote with its span; ``detach_markers``
removes the markers of known footnotes from search text.

A saved web page prints its notes below the signature, each opened by its marker in brackets on a line of
its own, and the markers in brackets after the words they explain (``find_bracket_footnotes``):

    "… hiện nay còn 03 bộ, cơ quan[2] và 09 địa phương[3] chưa gửi báo cáo."
    …
    "[2] Bộ\nGiáo dục và Đào tạo, Bộ Ngoại giao, Ngân hàng Nhà nước Việt Nam."
      → Footnote("[2]", "Bộ Giáo dục và Đào tạo, Bộ Ngoại giao, Ngân hàng Nhà nước Việt Nam.", refs=[offset of "[2]"])

A page numbering its notes anew for each table (three "[1]"s) is paired by order: the markers from one "[1]"
to the next with the notes from one "[1]" to the next.
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


# a saved page's note: its bracketed marker opening a line, its text to a blank line, a heading or the next note
_BRACKET_NOTE = re.compile(r"(?m)^[ \t]*\[(\d{1,2})\][ \t]*\n?((?:(?![ \t]*\[\d{1,2}\])(?![ \t]*#)[ \t]*\S.*(?:\n|$)){1,12})")
# … and its marker in the text: after the word, figure or bracket it explains (or the bold marks the view blanks),
# never opening a line, never a link's "[1](…)"
_BRACKET_REF = re.compile(r"(?m)(?<!^)(?<![ \t\[])[ \t]*\[(\d{1,2})\](?!\()")
NOTE_CHARS = 1500  # a note longer than this is the page's text running on, not a note


def find_bracket_footnotes(text: str) -> list[Footnote]:
    """A saved page's notes ("[1] …" lines after the body) with the offsets of the markers referring to them
    (see the module). Notes only where every one of them has a marker above the first note."""
    notes = [m for m in _BRACKET_NOTE.finditer(text) if len(m.group(2)) <= NOTE_CHARS]
    if not notes:
        return []
    refs = [m for m in _BRACKET_REF.finditer(text, 0, notes[0].start())]
    note_blocks, ref_blocks = _numbered_runs(notes), _numbered_runs(refs)
    out = []
    for block, marks in zip(note_blocks, ref_blocks, strict=False):
        for m in block:
            at = [r.start(1) - 1 for r in marks if r.group(1) == m.group(1)]
            if not at:
                return []  # a note nothing refers to: these are not a page's notes
            body = m.group(2).rstrip()
            out.append(Footnote(marker=f"[{m.group(1)}]", text=" ".join(body.split()), start=m.start(2),
                                end=m.start(2) + len(body), refs=at))
    return out if len(note_blocks) == len(ref_blocks) else []


def _numbered_runs(matches: list[re.Match]) -> list[list[re.Match]]:
    """Markers or notes in runs numbered from 1: every "[1]" opens a run."""
    runs: list[list[re.Match]] = []
    for m in matches:
        if not runs or m.group(1) == "1":
            runs.append([m])
        else:
            runs[-1].append(m)
    return runs


def bracket_regions(text: str, notes: list[Footnote]) -> list[tuple[int, int]]:
    """Spans of a saved page's notes, each from its marker's line to its end (left out of the text's chunks)."""
    return [(text.rfind("\n", 0, n.start - len(n.marker)) + 1, n.end) for n in notes if n.refs]


def detach_markers(text: str, markers: list[str]) -> str:
    """Remove footnote markers glued to words or years (search text only); a saved page's "[2]" wherever."""
    for mk in {m for m in markers if m.startswith("[")}:
        text = text.replace(mk, "")
    markers = [m for m in markers if not m.startswith("[")]
    for mk in sorted(set(markers), key=len, reverse=True):
        # two letters before the marker, so units such as "m2", "km2" stay whole
        # ... or after one accented letter ("nhà ở3,"); a bare ASCII letter ("m2") is a unit
        text = re.sub(rf"(?:(?<=[^\W\d_]{{2}})|(?<=[^\W\d_A-Za-z]))(?<!km){mk}(?=[\s,.;:)]|$)", "", text)
        text = re.sub(rf"(?<=năm \d{{4}}){mk}(?=[\s,.;:)]|$)", "", text)
    return text


def _note(text: str, marker: str, span: list[int]) -> Footnote:
    start, end = span
    return Footnote(marker=marker, text=re.sub(r"\s+", " ", text[start:end]).strip(), start=start, end=end)
