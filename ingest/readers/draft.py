"""What a format reader hands back before the text is fixed: lines and tables, in order.

A reader never computes offsets. It lists what it found — paragraphs (one or more lines),
headings, tables of raw cells — and ``Draft.finish`` renders the one text every citation
slices and the blocks with their exact spans, *after* each piece has been normalised (NFC,
``\\n`` line ends) and, for legacy-font documents, converted to Unicode. Doing the
conversion piece by piece is what keeps the spans exact: NFC and VNI → Unicode both change
lengths, so offsets computed before them would be wrong.

Rendering: items are joined with "\\n"; a paragraph's lines with "\\n"; a table row is one
line, its cells joined by TWO spaces (so ``line.split("  ")`` gives the slots back). A cell
continuing a vertical merge is written as an empty slot but is absent from the Table's row.

    d = Draft()
    d.heading("KẾ HOẠCH", level=1)
    d.table([[RawCell("STT"), RawCell("Chỉ tiêu", colspan=2)],
             [RawCell("1"), RawCell("Tỷ lệ hộ nghèo"), RawCell("%")]])
    src = d.finish("docx", str)     # str: no transformation
    src.text == "KẾ HOẠCH\\nSTT  Chỉ tiêu\\n1  Tỷ lệ hộ nghèo  %"
    cell = src.blocks[1].table.rows[0][1]
    src.text[cell.start:cell.end] == "Chỉ tiêu" and cell.colspan == 2
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import OcrUnsure
from .blocks import Block, Cell, Source, Table

CELL_SEP = "  "


@dataclass
class RawCell:
    """A cell as the format has it. ``covered``: the slot of a vertical-merge continuation
    (written empty in the text, absent from the Table)."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    covered: bool = False


@dataclass
class _Lines:
    kind: str  # "heading" | "paragraph" | "blank"
    lines: list[str]
    level: int | None = None
    ocr: bool = False  # read by OCR from a page image
    unsure: list[tuple] = field(default_factory=list)  # OCR words in doubt: (line, start, end, confidence)


@dataclass
class _Rows:
    rows: list[list[RawCell]]
    warnings: list[str]
    ocr: bool = False
    unsure: list[tuple] = field(default_factory=list)  # OCR words in doubt: ((row, cell), start, end, confidence)


@dataclass
class Draft:
    items: list[_Lines | _Rows] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    structured: bool = True  # False: the text has no structure of its own (txt, OCR): blocks=None

    def paragraph(self, text: str | list[str]) -> None:
        """A paragraph; a list is its lines (a PDF paragraph wrapped over several lines).
        An empty or blank paragraph keeps its (empty) line in the text but makes no block."""
        lines = [text] if isinstance(text, str) else text
        blank = not any(ln.strip() for ln in lines)
        self.items.append(_Lines("blank" if blank else "paragraph", lines))

    def heading(self, text: str | list[str], level: int | None = None) -> None:
        lines = [text] if isinstance(text, str) else text
        self.items.append(_Lines("heading" if any(ln.strip() for ln in lines) else "blank", lines, level))

    def table(self, rows: list[list[RawCell]], warnings: list[str] | None = None) -> None:
        if rows:
            self.items.append(_Rows(rows, list(warnings or [])))

    def layout(self, rows: list[list[list[str]]]) -> None:
        """A table that only places the letterhead or the signature (``ingest.tables.layout_tables``): each
        row one paragraph of its columns' lines side by side, no table block (no data rows)."""
        from ..tables.layout_tables import side_by_side

        for row in rows:
            lines = side_by_side(row)
            if lines:
                self.paragraph(lines)

    def ocr_paragraph(self, lines: list[str], unsure: list[tuple]) -> None:
        """A paragraph read by OCR; ``unsure``: its doubtful words as (line, start, end, confidence)."""
        self.items.append(_Lines("paragraph" if any(ln.strip() for ln in lines) else "blank", lines,
                                 ocr=True, unsure=unsure))

    def ocr_table(self, rows: list[list[RawCell]], unsure: list[tuple]) -> None:
        """A table read by OCR; ``unsure``: its doubtful words as ((row, cell), start, end, confidence)."""
        if rows:
            self.items.append(_Rows(rows, [], ocr=True, unsure=unsure))

    def raw_text(self) -> str:
        """The text as it will be rendered, before normalisation (for encoding detection)."""
        return self.finish("txt", str, with_blocks=False).text

    def finish(self, fmt: str, fix: Callable[[str], str], *, with_blocks: bool = True) -> Source:
        """Render with ``fix`` applied to every piece; spans are offsets into the fixed text."""
        out: list[str] = []
        pos = 0
        blocks: list[Block] = []

        def put(s: str) -> tuple[int, int]:
            nonlocal pos
            start = pos
            out.append(s)
            pos += len(s)
            return start, pos

        for n, item in enumerate(self.items):
            if n:
                put("\n")
            if isinstance(item, _Lines):
                start, first = pos, len(out)
                fixed, starts = [], []
                for i, ln in enumerate(item.lines):
                    if i:
                        put("\n")
                    fixed.append(fix(ln))
                    starts.append(put(fixed[-1])[0])
                if item.kind != "blank" and any(f.strip() for f in fixed):
                    lo, hi = _trim("".join(out[first:]), start)
                    blocks.append(Block(item.kind, lo, hi, text=" ".join(" ".join(fixed).split()),
                                        level=item.level, ocr=item.ocr,
                                        unsure=[_unsure(item.lines[i], starts[i], s, e, c, fix)
                                                for i, s, e, c in item.unsure]))
                continue
            table_start = pos
            rows: list[list[Cell]] = []
            cell_starts: dict[tuple[int, int], int] = {}
            for r, raw_row in enumerate(item.rows):
                if r:
                    put("\n")
                row: list[Cell] = []
                for c, raw in enumerate(raw_row):
                    if c:
                        put(CELL_SEP)
                    s = fix(raw.text)
                    start, end = put(s)
                    cell_starts[(r, c)] = start
                    if not raw.covered:
                        row.append(Cell(" ".join(s.split()), start, end, raw.colspan, raw.rowspan))
                rows.append(row)
            t = Table(rows, table_start, pos, item.warnings)
            blocks.append(Block("table", table_start, pos, table=t, ocr=item.ocr,
                                unsure=[_unsure(item.rows[r][c].text, cell_starts[(r, c)], s, e, conf, fix)
                                        for (r, c), s, e, conf in item.unsure]))
        text = "".join(out)
        return Source(text, fmt, list(self.warnings), blocks if with_blocks else None)


def _unsure(raw: str, at: int, start: int, end: int, confidence: float, fix) -> OcrUnsure:
    """A doubtful OCR word at raw[start:end], the raw string written (fixed) at ``at``: its span in the text.
    Words end at spaces, so fixing the prefix alone gives the same length as in the whole string."""
    a = at + len(fix(raw[:start]))
    word = fix(raw[start:end])
    return OcrUnsure(a, a + len(word), word, confidence)


def _trim(seg: str, start: int) -> tuple[int, int]:
    """The span of ``seg`` (written at ``start``) without its leading and trailing whitespace:
    a paragraph's indent is not part of what a citation quotes."""
    lead = len(seg) - len(seg.lstrip())
    return start + lead, start + len(seg.rstrip())
