"""The document model every reader returns: headings, paragraphs and tables with exact spans.

A reader turns a file into one ``Source``: the document's text (NFC, ``\\n`` line ends — the
string every citation slices) and, where the format has structure of its own, the blocks it
found in that text. Every span is an offset into ``Source.text``:

    src = read_source("plan.docx")
    src.text[b.start:b.end]                    # the block as the document prints it
    t = next(b.table for b in src.blocks if b.kind == "table")
    src.text[t.rows[3][1].start:t.rows[3][1].end]  # one cell, exactly

Formats with no structure of their own (.txt, most .md) come with ``blocks=None``; the
pipeline reconstructs headings from the text and tables from what the text shows of them
(the one-cell-per-line residue of saved web pages, pipe tables, PDF-extracted columns).

A table is kept as rendered rows of cells, as the source lays them out, *not* yet as data:
``Cell.colspan`` / ``Cell.rowspan`` say how far a merged cell reaches, and a cell covered by
a merge from the row above is simply absent from its row (HTML's model). Which rows are
headers, groups or data is decided later, by one rows stage shared by every format
(``ingest.tables.table_rows``). Worked example — a Word table

    | STT | Nội dung          | Đơn vị | 2025 | 2030 |
    | 1   | Tỷ lệ hộ nghèo    | %      | 1,5  | 0,5  |   (the "Đơn vị" cell merged over two rows)
    | 2   | Số bác sĩ/vạn dân |        | 11   | 14   |

reads as ``rows[0]`` = five cells, ``rows[1]`` = five cells, the ``%`` cell with
``rowspan=2``, and ``rows[2]`` = four cells (the covered unit cell absent).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import OcrUnsure


@dataclass
class Cell:
    """One table cell: its cleaned text and the span of its raw text in ``Source.text``.

    ``text`` has markup removed and line wraps joined ("**Tr****ữ lượng**" → "Trữ lượng");
    ``start:end`` covers the cell's raw text, so a citation quotes what the document shows.
    An empty cell has ``text == ""`` and a zero-width span where it sits.
    """

    text: str
    start: int
    end: int
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Table:
    rows: list[list[Cell]]
    start: int
    end: int
    # What the reader could not keep ("nested table flattened into its cell", …): shown on the document.
    warnings: list[str] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max((sum(c.colspan for c in r) for r in self.rows), default=0)


@dataclass
class Block:
    """A heading, a paragraph or a table, in document order."""

    kind: str  # "heading" | "paragraph" | "table"
    start: int
    end: int
    text: str = ""  # cleaned text (a table's is empty: read its cells)
    level: int | None = None  # heading level where the format says it (Word "Heading 2", <h2>)
    table: Table | None = None
    ocr: bool = False  # read by OCR from a scanned page: its figures are to be checked against the scan
    unsure: list[OcrUnsure] = field(default_factory=list)  # its words the OCR engine was unsure of


@dataclass
class Source:
    """What a reader gives the pipeline."""

    text: str
    format: str  # "txt" | "md" | "html" | "docx" | "pdf" | "xlsx" | "doc" | "rtf"
    warnings: list[str] = field(default_factory=list)
    blocks: list[Block] | None = None  # None: the pipeline reconstructs structure from the text

    def tables(self) -> list[Table]:
        return [b.table for b in self.blocks or [] if b.table is not None]
