"""The letterhead and signature of a PDF page: two columns printed side by side, with no rules.

A Word document's borderless layout tables (``ingest.tables.layout_tables``) reach a PDF as loose lines:
pdfplumber has no ruled table to find, and its text lines run the two columns together with one
space ("HỘI ĐỒNG NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ") or give a wrapped column line alone ("NGHĨA VIỆT
NAM" under the motto, at the right). ``layout_bands`` finds those runs of lines — opened by a line
whose words are set apart by a column gap, or by "Nơi nhận:" — splits each line at its gap, puts
each piece in the left or the right column by where it sits, and gives the band's lines back
side by side, as the Word reader writes the same table:

    "HỘI ĐỒNG NHÂN DÂN ⟷ CỘNG HÒA XÃ HỘI CHỦ" / "NGHĨA VIỆT NAM" (right) / "THÀNH PHỐ HUẾ" (left) …
      → ["HỘI ĐỒNG NHÂN DÂN    CỘNG HÒA XÃ HỘI CHỦ", "THÀNH PHỐ HUẾ    NGHĨA VIỆT NAM", …]

A band ends at a line that crosses the middle of the text (body text) or is centred on it (the
kind heading "NGHỊ QUYẾT" under the letterhead).
"""
from __future__ import annotations

import re
from typing import NamedTuple

from ..tables.layout_tables import is_layout_table, side_by_side

_OPENS = re.compile(r"(?i)\s*nơi\s+nhận\s*:")
MIDDLE_ZONE = 40.0  # pt either side of the text's middle: a piece centred there is a body line
COLUMN_SPACE = 1.5  # a gap over the middle this many times the line's word space sets two columns apart


def _pieces(line: dict, middle: float | None = None) -> list[dict]:
    """A text line cut where two characters are a column gap apart (over twice the font size, 18 pt at
    least) — or, inside a band (``middle`` known), where a word gap spans the middle between the columns
    ("- Các bộ: Công an, Nội vụ, | PHÓ CHỦ NHIỆM"): [{"text", "x0", "x1"}]."""
    out: list[dict] = []
    chars = [c for c in line.get("chars", [])]
    if not chars:
        return [{"text": line["text"], "x0": line["x0"], "x1": line["x1"]}]
    # the line's own word spaces: a gap over the middle no wider than they are is a body line's space
    # ("Xét báo cáo, đề xuất của Sở Xây | dựng tại Công văn số", printed across the page), not a column gap
    spaces = sorted(c["x0"] - p["x1"] for p, c in zip(chars, chars[1:], strict=False)
                    if c["x0"] - p["x1"] > 0.15 * c.get("size", 10))
    word_space = spaces[len(spaces) // 2] if spaces else 0.0
    cur = [chars[0]]
    for prev, c in zip(chars, chars[1:], strict=False):
        gap = c["x0"] - prev["x1"]
        spans_middle = middle is not None and prev["x1"] <= middle <= c["x0"] \
            and gap > max(0.15 * c.get("size", 10), COLUMN_SPACE * word_space)
        if (gap > max(2 * c.get("size", 10), 18) or spans_middle) and cur and "".join(x["text"] for x in cur).strip():
            out.append(cur)
            cur = []
        cur.append(c)
    out.append(cur)
    return [{"text": _text(p), "x0": p[0]["x0"], "x1": p[-1]["x1"]} for p in out if _text(p)]


def _text(chars: list[dict]) -> str:
    """Characters → words: a PDF often keeps no space character, only the space a word gap leaves."""
    out = ""
    for prev, c in zip([None, *chars], chars, strict=False):
        if prev is not None and c["x0"] - prev["x1"] > 0.15 * c.get("size", 10):
            out += " "
        out += c["text"]
    return " ".join(out.split())


class Band(NamedTuple):
    """A layout band: its first line and end line among the page's, its lines as written, its two columns."""
    first: int
    end: int
    lines: list[str]
    columns: tuple[list[str], list[str]]


def band_lines(left: list[str], right: list[str]) -> list[str]:
    """A band's two columns as written lines (``side_by_side``), the right one's wrapped capitals rejoined."""
    return side_by_side([left, _rejoined(right)])


def layout_bands(lines: list[dict], left: float, right: float, continues: bool = False) -> list[Band]:
    """(first line, end line, side-by-side lines) of each layout band among a page's ``lines``
    (pdfplumber text lines with chars, top to bottom); ``left``/``right``: the page's text edges.
    ``continues``: the page before ended inside a band (a signature block cut by the page break: the
    recipients and "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" there, the rest of the recipients beside the signer's
    name here), so this page's first column lines are that band's, though they hold no mark of their own."""
    middle = (left + right) / 2
    bands = []
    i = 0
    while i < len(lines):
        first = _pieces(lines[i])
        goes_on = continues and i == 0 and _column_line(first, middle)
        if len(first) < 2 and not _OPENS.match(lines[i]["text"]) and not goes_on:
            i += 1
            continue
        columns: list[list[str]] = [[], []]
        j = i
        while j < len(lines):
            pieces = _pieces(lines[j])
            if j > i and not _column_line(pieces, middle):
                # a left-column line run into the right one with a word gap ("- Các bộ: Công an, Nội vụ,
                # PHÓ CHỦ NHIỆM") starts at the left edge; a centred heading ("CHỈ THỊ") does not
                split = _pieces(lines[j], middle)
                if len(split) < 2 or pieces[0]["x0"] > left + 5:
                    break
                pieces = split
            for p in pieces:
                columns[0 if (p["x0"] + p["x1"]) / 2 < middle else 1].append(p["text"])
            j += 1
        # no ruled table was found here: a signing title or a place-date beside text is layout too
        if goes_on or is_layout_table([[columns[0], columns[1]]], ruled=False):
            bands.append(Band(i, j, band_lines(*columns), (columns[0], columns[1])))
            i = j
        else:
            i += 1
    return bands


_TITLE_START = re.compile(r"(?:TM|KT|TL|TUQ|Q)\.|PHÓ |(?:CHỦ TỊCH|THỦ TƯỚNG|BỘ TRƯỞNG|THỨ TRƯỞNG|GIÁM ĐỐC|"
                          r"CHÁNH VĂN PHÒNG|CHỦ NHIỆM|TRƯỞNG BAN|BÍ THƯ|CHÁNH ÁN|VIỆN TRƯỞNG)\b")


def _rejoined(column: list[str]) -> list[str]:
    """The right column's capitals a narrow cell wrapped, joined again: "CỘNG HÒA XÃ HỘI CHỦ" + "NGHĨA
    VIỆT NAM", "KT. BỘ TRƯỞNG, CHỦ" + "NHIỆM". A line opening a new title ("PHÓ CHỦ TỊCH", "KT. …")
    or a name stays a line of its own."""
    out: list[str] = []
    for line in column:
        caps = line == line.upper() and re.search(r"[^\W\d_]{2}", line)
        prev = out[-1] if out else ""
        if caps and prev and prev == prev.upper() and re.search(r"[^\W\d_]{2}", prev) \
                and not _TITLE_START.match(line) and not _OPENS.match(line):
            out[-1] = f"{prev} {line}"
        else:
            out.append(line)
    return out


def _column_line(pieces: list[dict], middle: float) -> bool:
    """A line of a two-column band: several pieces, or one piece that keeps to one side of the middle."""
    if len(pieces) >= 2:
        return True
    p = pieces[0]
    centre = (p["x0"] + p["x1"]) / 2
    return abs(centre - middle) > MIDDLE_ZONE and not (p["x0"] < middle - 20 and p["x1"] > middle + 20)


LIST_START = re.compile(r"^(?:[-–•+*]|\d+[.)]|[a-zđ][.)]|[IVXLC]+\.|Điều\s+\d|Chương\s|Mục\s|Phần\s)", re.I)


def join_wrapped(lines: list[dict], edges: tuple[float, float] | None = None
                ) -> list[tuple[float, float, float, list[str]]]:
    """Join wrapped lines: a line that reaches the right edge of the text continues, unless the next
    line is spaced apart or starts a list item ("1.", "a)", "-", "Điều 3")."""
    lines = [ln for ln in lines if ln["text"].strip()]
    if not lines:
        return []
    left, right = edges or (min(ln["x0"] for ln in lines), max(ln["x1"] for ln in lines))
    out: list[tuple[float, float, float, list[str]]] = []  # (top, bottom, font size of first line, lines)
    prev = None
    for ln in lines:
        height = max(ln["bottom"] - ln["top"], 1.0)
        joins = (prev is not None and ln["top"] - prev["bottom"] < 0.8 * height
                 and prev["x1"] >= right - 0.08 * (right - left) and not LIST_START.match(ln["text"]))
        if joins:
            out[-1] = (out[-1][0], ln["bottom"], out[-1][2], out[-1][3] + [ln["text"]])
        else:
            sizes = [c["size"] for c in ln.get("chars", []) if c["text"].strip()]
            out.append((ln["top"], ln["bottom"], sum(sizes) / len(sizes) if sizes else 0.0, [ln["text"]]))
        prev = ln
    return out
