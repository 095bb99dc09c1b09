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


@dataclass
class _Rows:
    rows: list[list[RawCell]]
    warnings: list[str]


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
        """A table that only places the letterhead or the signature (``ingest.layout_tables``): each
        row one paragraph of its columns' lines side by side, no table block (no data rows)."""
        from .layout_tables import side_by_side

        for row in rows:
            lines = side_by_side(row)
            if lines:
                self.paragraph(lines)

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
                fixed = []
                for i, ln in enumerate(item.lines):
                    if i:
                        put("\n")
                    fixed.append(fix(ln))
                    put(fixed[-1])
                if item.kind != "blank" and any(f.strip() for f in fixed):
                    lo, hi = _trim("".join(out[first:]), start)
                    blocks.append(Block(item.kind, lo, hi, text=" ".join(" ".join(fixed).split()),
                                        level=item.level))
                continue
            table_start = pos
            rows: list[list[Cell]] = []
            for r, raw_row in enumerate(item.rows):
                if r:
                    put("\n")
                row: list[Cell] = []
                for c, raw in enumerate(raw_row):
                    if c:
                        put(CELL_SEP)
                    s = fix(raw.text)
                    start, end = put(s)
                    if not raw.covered:
                        row.append(Cell(" ".join(s.split()), start, end, raw.colspan, raw.rowspan))
                rows.append(row)
            t = Table(rows, table_start, pos, item.warnings)
            blocks.append(Block("table", table_start, pos, table=t))
        text = "".join(out)
        return Source(text, fmt, list(self.warnings), blocks if with_blocks else None)


def _trim(seg: str, start: int) -> tuple[int, int]:
    """The span of ``seg`` (written at ``start``) without its leading and trailing whitespace:
    a paragraph's indent is not part of what a citation quotes."""
    lead = len(seg) - len(seg.lstrip())
    return start + lead, start + len(seg.rstrip())
