"""An OCR'd page laid out as a text PDF's: ruled tables read from the image's own lines, the rest paragraphs.

Tables: a horizontal rule is a row of ink at least RULE_FRACTION of the page wide; rules that line up
(each overlapping the one before over most of its length) and follow each other make a table, its rows the bands between them. A
column separator is an x where ink covers ≥ 85 % of a band's height (no letter does). Every separator of
every band makes the table's grid; a band without a separator at a grid line has a cell spanning it
(colspan), and a cell with no rule under it goes on into the next band (rowspan), as ``read_pdf`` gives
for a text PDF. Each word goes to the cell that holds its centre.

    lay_out(gray, lines, 0.8) → [("para", ["KẾ HOẠCH"], []),
                                ("table", [[RawCell("STT"), RawCell("Nội dung")], …], [(1, 1, 0, 4, 0.42)]), …]

The third element lists the words read with less than ``threshold`` confidence: (line, start, end,
confidence) for a paragraph, ((row, cell), start, end, confidence) for a table — offsets in the raw string.
"""
from __future__ import annotations

import re

import numpy as np

from ..readers.draft import RawCell
from ..readers.pdf_cells import _CODE, _syllable
from ..readers.pdf_layout import band_lines, join_wrapped, layout_bands
from .ocr_spelling import lexicon
from .ocr_words import OcrLine, OcrWord

INK = 210  # grey level below which a pixel is ink: a thin rule of a 200-dpi scan, blurred, is light grey
RULE_FRACTION = 0.12  # a horizontal rule is at least this share of the page wide
SEPARATOR_COVER = 0.85  # a column separator covers this share of its band's height
CELL_PADDING = 5.5  # pt: a cell's inner margin (Word's and LibreOffice's default), as pdf_cells takes it


class Carry:
    """The layout band ending the page read before, if the page break may have cut it (a signing title at
    the foot, its name atop the next page): (that page's items, the band's lines, its columns, its
    recognised lines and their unsure words). ``ocr_pages`` passes one along consecutive pages."""

    def __init__(self) -> None:
        self.band: tuple | None = None
        self.moved = 0  # characters of the page just read written on the page before


def lay_out(gray: np.ndarray, lines: list[OcrLine], threshold: float, dpi: float = 200,
            carry: Carry | None = None) -> list[tuple]:
    """``carry``: a band the page before ended in goes on with this page's first band (one block)."""
    ink = gray < INK
    # one band is a table too: a header row at a page's foot, a row running over a whole page
    tables = [t for t in _tables(ink) if len(t.ys) >= 2 and len(t.xs) >= 3]
    items: list[tuple[float, tuple]] = []
    outside: list[OcrLine] = []
    inside: list[list[tuple[float, OcrWord]]] = [[] for _ in tables]  # (middle of its line, word)
    for line in lines:
        rest, mid = [], (line.box[1] + line.box[3]) / 2
        for w in line.words:
            k = next((k for k, t in enumerate(tables) if t.holds(w)), None)
            if k is None:
                rest.append(w)
            else:
                inside[k].append((mid, w))
        if rest:
            outside.append(OcrLine(rest))
    for t, words in zip(tables, inside, strict=True):
        items.append((t.ys[0], ("table", *t.rows(ink, words, threshold, CELL_PADDING * dpi / 72))))
    ending = None  # the band the page ends in: (top, the items holding it or None for this page's, lines, …)
    for top, para, unsure, band in _paragraphs(_visual_lines(outside), threshold, 72 / dpi, carry):
        if para is not None:
            items.append((top, ("para", para, unsure)))
        ending = band or ending
    items.sort(key=lambda it: it[0])
    out = [item for _, item in items]
    if carry is not None:  # no table below it: the band ends the page
        ends = ending is not None and not any(it[0] == "table" and top > ending[0] for top, it in items)
        carry.band = (ending[1] or out, *ending[2:]) if ends else None
    return out


class _Table:
    def __init__(self, ys: list[int], x0: int, x1: int, xs: list[int]):
        self.ys, self.x0, self.x1, self.xs = ys, x0, x1, xs

    def holds(self, w: OcrWord) -> bool:
        cx, cy = (w.box[0] + w.box[2]) / 2, (w.box[1] + w.box[3]) / 2
        return self.x0 <= cx <= self.x1 and self.ys[0] <= cy <= self.ys[-1]

    def rows(self, ink: np.ndarray, words: list[tuple[float, OcrWord]], threshold: float, pad: float = 15.0):
        """RawCell rows (spans as read_pdf gives them) and the unsure words ((row, cell), start, end, conf).
        ``pad``: a cell's inner margin in pixels."""
        nb, nc = len(self.ys) - 1, len(self.xs) - 1
        right = [[_separator(ink, self.ys[r], self.ys[r + 1], x) for x in self.xs[1:-1]] + [True] for r in range(nb)]
        owner: dict[tuple[int, int], tuple[int, int]] = {}  # slot → top-left slot of the cell covering it
        spans: dict[tuple[int, int], list[int]] = {}  # top-left slot → [colspan, rowspan]
        for r in range(nb):
            c = 0
            while c < nc:
                if (r, c) in owner:
                    c += spans[owner[(r, c)]][0]
                    continue
                c1 = c  # no separator to the right: the cell spans on (up to a cell coming down from above)
                while not right[r][c1] and (r, c1 + 1) not in owner:
                    c1 += 1
                spans[(r, c)] = [c1 - c + 1, 1]
                for k in range(c, c1 + 1):
                    owner[(r, k)] = (r, c)
                rr = r
                while rr + 1 < nb and not _rule_under(ink, self.ys[rr + 1], self.xs[c], self.xs[c1 + 1]) \
                        and not any((rr + 1, k) in owner for k in range(c, c1 + 1)):
                    rr += 1
                    for k in range(c, c1 + 1):
                        owner[(rr, k)] = (r, c)
                    spans[(r, c)][1] += 1
                c = c1 + 1
        texts: dict[tuple[int, int], list[tuple[float, OcrWord]]] = {}
        for mid, w in words:
            cx, cy = (w.box[0] + w.box[2]) / 2, (w.box[1] + w.box[3]) / 2
            r = min(max(int(np.searchsorted(self.ys, cy)) - 1, 0), nb - 1)
            c = min(max(int(np.searchsorted(self.xs, cx)) - 1, 0), nc - 1)
            texts.setdefault(owner[(r, c)], []).append((mid, w))
        rows, unsure = [], []
        for r in range(nb):
            row, c = [], 0
            while c < nc:
                top = owner[(r, c)]
                span = spans[top]
                if top[0] != r:
                    row.append(RawCell("", colspan=span[0], covered=True))
                else:
                    right = self.xs[min(c + span[0], nc)] - pad  # where the cell's text must wrap
                    text, doubts = _cell_text(_reading_order(texts.get(top, [])), right, threshold)
                    unsure += [((r, len(row)), *d) for d in doubts]
                    row.append(RawCell(text, colspan=span[0], rowspan=span[1]))
                c += span[0]
            rows.append(row)
        return rows, unsure


def _runs(mask: np.ndarray, axis: int, length: int) -> np.ndarray:
    """Pixels on a run of ink at least ``length`` long along ``axis`` (a morphological opening by a line)."""
    m = np.moveaxis(mask, axis, -1).astype(np.int32)
    c = np.concatenate([np.zeros(m.shape[:-1] + (1,), np.int32), np.cumsum(m, -1)], -1)
    full = (c[..., length:] - c[..., :-length]) == length  # window starting at i is all ink
    f = np.concatenate([np.zeros(full.shape[:-1] + (1,), np.int32), np.cumsum(full, -1)], -1)
    n = m.shape[-1]
    lo = np.clip(np.arange(n) - length + 1, 0, full.shape[-1])
    hi = np.clip(np.arange(n) + 1, 0, full.shape[-1])
    return np.moveaxis((f[..., hi] - f[..., lo]) > 0, -1, axis)


def _tables(ink: np.ndarray) -> list[_Table]:
    h, w = ink.shape
    hmask = _runs(ink, 1, max(20, int(w * 0.04)))
    counts = hmask.sum(1)
    rules: list[tuple[int, int, int]] = []  # (y, x0, x1)
    y = 0
    while y < h:
        if counts[y] >= RULE_FRACTION * w:
            y1 = y
            while y1 + 1 < h and counts[y1 + 1] >= RULE_FRACTION * w / 2:
                y1 += 1
            cols = np.flatnonzero(hmask[y:y1 + 1].any(0))
            rules.append(((y + y1) // 2, int(cols[0]), int(cols[-1])))
            y = y1 + 1
        else:
            y += 1
    tables: list[_Table] = []
    group: list[tuple[int, int, int]] = []
    for rule in rules + [(h * 2, 0, 0)]:
        # a rule under a merged cell stops short of the table's edge: rules go together while each overlaps
        # the one before over most of the shorter one's length (a band with no separator splits them later)
        if group and min(rule[2], group[-1][2]) - max(rule[1], group[-1][1]) \
                < 0.8 * min(rule[2] - rule[1], group[-1][2] - group[-1][1]):
            if len(group) >= 2:
                tables += _split(ink, group)
            group = []
        group.append(rule)
    return tables


def _split(ink: np.ndarray, rules: list[tuple[int, int, int]]) -> list[_Table]:
    """Rules of one width → tables: consecutive bands with a column separator; a band with none (a gap
    between two tables, a framed paragraph) ends the table."""
    x0, x1 = min(r[1] for r in rules), max(r[2] for r in rules)
    out, ys, xs = [], [rules[0][0]], set()
    for a, b in zip(rules, rules[1:], strict=False):
        seps = _separators(ink, a[0], b[0], x0, x1)
        if len(seps) >= 3:
            ys.append(b[0])
            xs |= set(seps)
            continue
        if len(ys) >= 2:
            out.append(_Table(ys, x0, x1, _cluster(sorted(xs))))
        ys, xs = [b[0]], set()
    if len(ys) >= 2:
        out.append(_Table(ys, x0, x1, _cluster(sorted(xs))))
    return out


def _separators(ink: np.ndarray, y0: int, y1: int, x0: int, x1: int) -> list[int]:
    pad = max(2, (y1 - y0) // 10)
    band = ink[y0 + pad:y1 - pad, max(0, x0 - 4):x1 + 5]
    if band.shape[0] < 4:
        return []
    cover = band.mean(0)
    cover = np.maximum.reduce([cover, np.roll(cover, 1), np.roll(cover, -1)])  # a rule 1 px off still counts
    return [int(x) + max(0, x0 - 4) for x in np.flatnonzero(cover >= SEPARATOR_COVER)]


def _cluster(xs: list[int], gap: int = 8) -> list[int]:
    out: list[list[int]] = []
    for x in xs:
        if out and x - out[-1][-1] <= gap:
            out[-1].append(x)
        else:
            out.append([x])
    return [sum(g) // len(g) for g in out]


def _separator(ink: np.ndarray, y0: int, y1: int, x: int) -> bool:
    pad = max(2, (y1 - y0) // 10)
    strip = ink[y0 + pad:y1 - pad, max(0, x - 4):x + 5]
    return strip.shape[0] >= 4 and bool(strip.any(1).mean() >= SEPARATOR_COVER)


def _rule_under(ink: np.ndarray, y: int, x0: int, x1: int) -> bool:
    strip = ink[max(0, y - 4):y + 5, x0 + 6:max(x0 + 7, x1 - 6)]
    return strip.size > 0 and bool(strip.any(0).mean() >= 0.6)


def _reading_order(words: list[tuple[float, OcrWord]]) -> list[list[OcrWord]]:
    """A cell's words by visual line (lines whose middles are within half a line height are one: a detector
    may cut a line in two, with tops apart by an accent), each left to right."""
    rows: list[list[tuple[float, OcrWord]]] = []
    for mid, w in sorted(words, key=lambda mw: mw[0]):
        if rows and mid - rows[-1][0][0] < 0.5 * (w.box[3] - w.box[1]):
            rows[-1].append((mid, w))
        else:
            rows.append([(mid, w)])
    return [[w for _, w in sorted(row, key=lambda mw: mw[1].box[0])] for row in rows]


def _cell_text(lines: list[list[OcrWord]], right: float, threshold: float) -> tuple[str, list[tuple[int, int, float]]]:
    """A cell's lines joined as printed: by nothing where a word or number was cut because the column
    could not hold it ("nghiệ" / "p", "1.01250" / "8.H05"), else by a space (``_cut``)."""
    words, gaps = [], []
    for k, line in enumerate(lines):
        for j, w in enumerate(line):
            if words:
                gaps.append("" if j == 0 and _cut(lines[k - 1][-1], w, right) else " ")
            words.append(w)
    return _join(words, threshold, gaps)


def _cut(last: OcrWord, first: OcrWord, right: float) -> bool:
    """Whether ``first`` (opening a cell's line) goes on with ``last`` (ending the line above), as
    ``pdf_cells._cut_at_wrap`` tells it for a text PDF: the line above is full (less room is left than two
    of its characters), and the pieces spell one number or code, or one Vietnamese syllable that is not
    two ("trườn" / "g", "chuyê" / "n"; "hồ" / "sơ" and "15" / "1" keep their space)."""
    if right - last.box[2] > 2 * (last.box[2] - last.box[0]) / max(len(last.text), 1):
        return False  # room was left: the line ended at a space or by choice
    if _CODE.search(last.text) and first.text[:1].isdigit():
        return not last.text.endswith(".")
    tail, head = re.search(r"\w*$", last.text).group(), re.match(r"\w*", first.text).group()
    if not (tail.isalpha() and head.isalpha() and tail == last.text):
        return False
    return _syllable(tail + head) and not (_syllable(tail) and _syllable(head) and _known(tail) and _known(head))


def _known(word: str) -> bool:
    lex = lexicon()
    return lex is None or word.lower() in lex.syllables


def _join(words: list[OcrWord], threshold: float, gaps: list[str] | None = None
          ) -> tuple[str, list[tuple[int, int, float]]]:
    """Words (in reading order) as one string, ``gaps`` between them (a space each by default), and the
    unsure ones' spans."""
    text, doubts = "", []
    for i, w in enumerate(words):
        if i:
            text += gaps[i - 1] if gaps else " "
        if w.confidence is not None and w.confidence < threshold:
            doubts.append((len(text), len(text) + len(w.text), round(w.confidence, 3)))
        text += w.text
    return text, doubts


def _visual_lines(lines: list[OcrLine]) -> list[OcrLine]:
    """Lines at the same height (a letterhead's two columns) joined left to right, as a text PDF has them."""
    out: list[OcrLine] = []
    for line in sorted(lines, key=lambda ln: ln.box[1]):
        if out:
            a, b = out[-1].box, line.box
            overlap = min(a[3], b[3]) - max(a[1], b[1])
            if overlap > 0.5 * min(a[3] - a[1], b[3] - b[1]):
                out[-1] = OcrLine(sorted(out[-1].words + line.words, key=lambda w: w.box[0]))
                continue
        out.append(line)
    return out


def _paragraphs(lines: list[OcrLine], threshold: float, pt: float = 72 / 200, carry: Carry | None = None
                ) -> list[tuple[float, list[str] | None, list[tuple], tuple | None]]:
    """Wrapped lines joined into paragraphs by the text PDF's rule (``pdf_layout.join_wrapped``); the
    letterhead and signature (two columns side by side, ``pdf_layout.layout_bands``) as a text PDF's are,
    each column's lines kept apart ("CỤC THUẾ ⟷ CỘNG HÒA XÃ HỘI CHỦ" → "CỤC THUẾ    CỘNG HÒA …"), so the
    issuer and the place are read from a scan as from the PDF. ``pt``: points per pixel."""

    dicts, doubts = [], []
    for ln in lines:
        text, d = _join(ln.words, threshold)
        x0, top, x1, bottom = (v * pt for v in ln.box)
        dicts.append({"text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "chars": _chars(ln, pt)})
        doubts.append(d)
    out = []
    taken: set[int] = set()
    ending = None
    if dicts:
        left = min(d["x0"] for d in dicts)
        opened = carry is not None and carry.band is not None
        for band in layout_bands(dicts, left, max(d["x1"] for d in dicts), continues=opened):
            a, b = band.first, band.end
            sources = [(dicts[k]["text"], doubts[k]) for k in range(a, b)]
            taken.update(range(a, b))
            if a == 0 and opened:  # the block the page break cut goes on here: written on the page before
                before, lines_before, columns, sources_before = carry.band
                joined = (columns[0] + band.columns[0], columns[1] + band.columns[1])
                sources = sources_before + sources
                lines_before[:] = band_lines(*joined)
                at = next(k for k, it in enumerate(before) if it[0] == "para" and it[1] is lines_before)
                before[at] = ("para", lines_before, _band_doubts(lines_before, sources))
                carry.moved += sum(len("".join(x.split())) for column in band.columns for x in column)
                band, holder = band._replace(lines=lines_before, columns=joined), before
                out.append((dicts[a]["top"] / pt, None, [], None))
            else:
                holder = None
                out.append((dicts[a]["top"] / pt, band.lines, _band_doubts(band.lines, sources), None))
            # a band reaching the page's foot (a page number aside) may go on atop the next page
            if all(_PAGE_NUMBER.fullmatch(dicts[k]["text"]) for k in range(b, len(dicts))):
                ending = (dicts[a]["top"] / pt, holder, band.lines, band.columns, sources)
    rest = [k for k in range(len(dicts)) if k not in taken]
    k = 0
    for top, _bottom, _size, para in join_wrapped([dicts[i] for i in rest]):
        unsure = [(i, *d) for i in range(len(para)) for d in doubts[rest[k + i]]]
        out.append((top / pt, para, unsure, None))
        k += len(para)
    out.sort(key=lambda it: it[0])
    if ending and out:
        out[-1] = (*out[-1][:3], ending)
    return out


_PAGE_NUMBER = re.compile(r"[\s\d.\-–]*")


def _band_doubts(band: list[str], lines: list[tuple[str, list[tuple]]]) -> list[tuple]:
    """The unsure words of a band's recognised lines, found again in the band's side-by-side lines."""
    out = []
    for text, doubts in lines:
        for start, end, conf in doubts:
            word = text[start:end]
            at = next(((i, ln.find(word)) for i, ln in enumerate(band) if word in ln), None)
            if at is not None:
                out.append((at[0], at[1], at[1] + len(word), conf))
    return out


def _chars(line: OcrLine, pt: float) -> list[dict]:
    """A recognised line's characters as a text PDF gives them (each word's box shared out evenly, in
    points; the font size the line's height), for ``layout_bands`` to find the column gap."""
    out = []
    for w in line.words:
        x0, top, x1, bottom = (v * pt for v in w.box)
        step = (x1 - x0) / max(len(w.text), 1)
        out += [{"text": ch, "x0": x0 + i * step, "x1": x0 + (i + 1) * step, "top": top, "bottom": bottom,
                 "size": 0.8 * (bottom - top)} for i, ch in enumerate(w.text)]
    return out
