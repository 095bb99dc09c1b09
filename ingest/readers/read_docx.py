"""Word .docx → Draft: paragraphs, headings and real tables with their merges.

Rendering (kept from the first reader, so spans stay stable): one paragraph per line; one
table row per line, its cells joined by TWO spaces, each cell's paragraphs and runs of
whitespace collapsed to one space. A cell spanning columns (``w:gridSpan``) is written once
and has ``colspan``; a cell starting a vertical merge (``w:vMerge="restart"``) has ``rowspan``
and each continuation is written as an empty slot and is absent from its Table row. A table
nested in a cell is flattened into that cell's text (the table gets a warning). Page headers,
footers and text boxes are not read: plans keep no content there.

    STT  Chỉ tiêu  Đơn vị  Năm 2025            rows[0]: 4 cells
    1  Tỷ lệ hộ nghèo đa chiều  %  <1,5        rows[1]: "1" has rowspan=2
      Tỷ lệ lao động qua đào tạo  %            rows[2]: 3 cells (the covered "1" slot is empty)

Headings: a "Heading N" / "Title" style (level N), an outline level, or — lightly — a short
paragraph that is all bold and either centred or in capitals (level None; the structure
stage decides what it is).
"""
from __future__ import annotations

import io
import re

from ground.errors import BinaryFileError, IngestError

from ..tables.layout_tables import is_layout_table
from .draft import Draft, RawCell
from .limits import check_zip
from .magic import check_magic, zip_has

_HEADING_STYLE = re.compile(r"^(?:heading|title|tiêu đề)\s*(\d)?", re.I)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class DocxReader:
    def read(self, data: bytes, name: str) -> Draft:
        from docx import Document  # imported here: only .docx ingestion pays for it
        from docx.text.paragraph import Paragraph

        check_magic(data, name, "a ZIP archive", "docx")
        if not zip_has(data, "word/document.xml"):
            inside = "an Excel workbook" if zip_has(data, "xl/workbook.xml") else "no word/document.xml"
            raise BinaryFileError(f"is a ZIP archive but not a Word document ({inside}); "
                                  "give the .docx itself, or unpack the archive first", name)
        check_zip(data, name)
        draft = Draft()
        try:
            doc = Document(io.BytesIO(data))
            headings = Headings(doc)
            for el in _blocks(doc.element.body):  # paragraphs and tables in document order
                if el.tag == f"{_W}tbl":
                    cells = _cell_paragraphs(el)
                    if is_layout_table(cells, _ruled(el)):
                        draft.layout(cells)  # letterhead, signature: lines side by side, no data rows
                        continue
                    rows, warnings = table_rows(el)
                    draft.table(rows, warnings)
                else:
                    block = Paragraph(el, doc._body)
                    text = block.text
                    level = headings.level(block, text)
                    if level is False:
                        draft.paragraph(text)
                    else:
                        draft.heading(text, level)
        except IngestError:
            raise
        except Exception as err:  # a damaged package fails deep inside python-docx/lxml
            raise IngestError(f".docx cannot be read ({type(err).__name__}: {err}); open it in Word or "
                              "LibreOffice and save it again", name) from None
        return draft


def _blocks(parent):
    """The w:p and w:tbl elements of ``parent`` in order, also those inside content controls (w:sdt),
    which python-docx's own iteration skips."""
    for el in parent.iterchildren():
        if el.tag in (f"{_W}p", f"{_W}tbl"):
            yield el
        elif el.tag == f"{_W}sdt":
            content = el.find(f"{_W}sdtContent")
            if content is not None:
                yield from _blocks(content)


class Headings:
    """Which paragraphs of one document are headings, from its styles (looked up once, not per paragraph)."""

    def __init__(self, doc):
        self.styles: dict[str, tuple[int | None, bool]] = {}  # style id → (heading level, bold)
        self.default = ""
        for style in doc.styles:
            if style.type != 1:  # WD_STYLE_TYPE.PARAGRAPH
                continue
            level, bold, s = None, None, style
            while s is not None:  # a custom style based on "Heading 1" is a heading too
                m = _HEADING_STYLE.match(s.name or "")
                if level is None and m:
                    level = int(m.group(1)) if m.group(1) else 1
                if bold is None and s.font is not None and s.font.bold is not None:
                    bold = bool(s.font.bold)
                s = s.base_style
            self.styles[style.style_id] = (level, bool(bold))
            if style.element.get(f"{_W}default") in ("1", "true"):
                self.default = style.style_id

    def level(self, p, text: str) -> int | None | bool:
        """The heading level of paragraph ``p`` (a python-docx Paragraph), None for a heading with no
        level, False for body text.

        "Heading 2" style → 2; outline level 0 → 1; "CHƯƠNG I" bold → None; "Điều 1. …" plain → False.
        """
        ppr = p._p.pPr
        sid = ppr.find(f"{_W}pStyle") if ppr is not None else None
        style_level, style_bold = self.styles.get(sid.get(f"{_W}val") if sid is not None else self.default,
                                                  (None, False))
        if style_level:
            return style_level
        outline = ppr.find(f"{_W}outlineLvl") if ppr is not None else None
        if outline is not None and (val := outline.get(f"{_W}val", "")).isdigit() and int(val) < 9:
            return int(val) + 1
        text = text.strip()
        if not text or len(text) > 150 or text.endswith((".", ";", ",", ":")) and len(text) > 60:
            return False
        runs = [r for r in p._p.iter(f"{_W}r") if "".join(t.text or "" for t in r.iter(f"{_W}t")).strip()]
        bold = bool(runs) and all(_bold(r, style_bold) for r in runs)
        jc = ppr.find(f"{_W}jc") if ppr is not None else None  # raw: python-docx refuses LibreOffice's "start"
        centred = jc is not None and jc.get(f"{_W}val") == "center"
        caps = text.upper() == text and any(c.isalpha() for c in text)
        return None if bold and (centred or caps) else False


def _bold(run, default: bool) -> bool:
    b = run.find(f"{_W}rPr/{_W}b")
    if b is None:
        return default
    return b.get(f"{_W}val", "true") not in ("0", "false", "off")


def table_rows(tbl) -> tuple[list[list[RawCell]], list[str]]:
    """A ``w:tbl`` → rows of RawCells with colspan/rowspan, and warnings (nested tables)."""
    warnings: list[str] = []
    grid: list[dict[int, tuple[object, str | None]]] = []  # per row: grid column → (tc, vMerge)
    for tr in tbl.tr_lst:
        col = tr.grid_before
        cols = {}
        for tc in tr.tc_lst:
            cols[col] = (tc, _vmerge(tc))
            col += max(tc.grid_span, 1)
        grid.append(cols)
    rows: list[list[RawCell]] = []
    nested = 0
    for r, cols in enumerate(grid):
        row = []
        for col, (tc, vm) in cols.items():
            if vm == "continue":
                row.append(RawCell("", colspan=max(tc.grid_span, 1), covered=True))
                continue
            span = 1
            if vm == "restart":
                while r + span < len(grid) and grid[r + span].get(col, (None, None))[1] == "continue":
                    span += 1
            text, inner = _cell_text(tc)
            nested += inner
            row.append(RawCell(text, colspan=max(tc.grid_span, 1), rowspan=span))
        rows.append(row)
    if nested:
        warnings.append(f"{nested} table(s) nested in cells were flattened into their cells' text")
    return rows, warnings


def _cell_paragraphs(tbl) -> list[list[list[str]]]:
    """Each row's cells as their paragraphs' texts (a nested table's cells count as paragraphs)."""
    rows = []
    for tr in tbl.iterchildren(f"{_W}tr"):
        row = []
        for tc in tr.iterchildren(f"{_W}tc"):
            row.append([_p_text(p) for p in tc.iter(f"{_W}p")])
        rows.append(row)
    return rows


def _ruled(tbl) -> bool | None:
    """Whether the table draws its borders: its own ``w:tblBorders``, else its style ("Table Grid" does,
    Word's plain "Normal Table" and no style do not); None where a named style decides and is unknown."""
    pr = tbl.find(f"{_W}tblPr")
    borders = pr.find(f"{_W}tblBorders") if pr is not None else None
    if borders is not None:
        return any(b.get(f"{_W}val") not in (None, "nil", "none") for b in borders)
    style = pr.find(f"{_W}tblStyle") if pr is not None else None
    name = style.get(f"{_W}val", "") if style is not None else ""
    if not name or name.lower() in ("tablenormal", "normaltable"):
        return False
    return True if "grid" in name.lower() else None


def _vmerge(tc) -> str | None:
    tcPr = tc.tcPr
    if tcPr is None:
        return None
    vm = tcPr.find(f"{_W}vMerge")
    if vm is None:
        return None
    return vm.get(f"{_W}val") or "continue"  # a bare <w:vMerge/> continues the merge above


def _cell_text(tc) -> tuple[str, int]:
    """A cell's paragraphs (and nested tables, flattened) as one line; and how many tables were nested."""
    parts: list[str] = []
    nested = 0
    for child in _blocks(tc):
        if child.tag == f"{_W}p":
            parts.append(_p_text(child))
        elif child.tag == f"{_W}tbl":
            nested += 1
            for tr in child.iterchildren(f"{_W}tr"):
                for inner_tc in tr.iterchildren(f"{_W}tc"):
                    text, deeper = _cell_text(inner_tc)
                    nested += deeper
                    parts.append(text)
    return " ".join(" ".join(p.split()) for p in parts if p.strip()), nested


def _p_text(p) -> str:
    from docx.text.paragraph import Paragraph

    return Paragraph(p, None).text
