"""PDF → Draft: words with positions and ruled tables (pdfplumber), OCR for scanned pages.

Per page, in reading order (top to bottom): text lines outside tables, grouped into
paragraphs (a line that reaches the right margin continues into the next one), and each
ruled table (pdfplumber's line strategy, at least 2×2) as one line per row, cells joined by
TWO spaces. Spans are pdfplumber's grid: a cell's ``colspan``/``rowspan`` counts the grid
lines it crosses; a slot covered from above is written empty and absent from its row.

    page: "KẾ HOẠCH" / "Triển khai …" / ┌STT┬Chỉ tiêu┬2025┐ …
      → "KẾ HOẠCH\\nTriển khai …\\nSTT  Chỉ tiêu  2025\\n1  Tỷ lệ hộ nghèo  1,5"

Pages with (almost) no text layer (< MIN_PAGE_CHARS characters) are read by OCR (``ingest.ocr.engines``, the
engine ASSISTANT_OCR names) when it is installed, as paragraphs and ruled tables like a text page, their
blocks flagged ``ocr`` with the words the engine was unsure of. Without tesseract an all-scan PDF
is a NeedsOCRError naming the package, and a partly scanned one a warning. Where pdfplumber
fails on a file, pypdf's plain text is used instead (also with no blocks).
"""
from __future__ import annotations

import io
import re

from ground.errors import IngestError, NeedsOCRError

from ..ocr.engines import engine_name, missing, ocr_pages
from .draft import Draft, RawCell
from .limits import check_pages
from .magic import check_magic
from .pdf_cells import cell_text, joined_over_break
from .pdf_layout import Band, band_lines, join_wrapped, layout_bands

MIN_PAGE_CHARS = 20  # below this a PDF page counts as having no text layer


class PdfReader:
    def read(self, data: bytes, name: str) -> Draft:
        if b"%PDF-" not in data[:1024]:
            check_magic(data, name, "a PDF document", "pdf")
        npages = _open_check(data, name)
        check_pages(npages, name)
        draft = Draft()
        try:
            pages, counts = _plumb(data, draft)
        except Exception as err:  # pdfminer fails on some files pypdf reads: keep their text
            draft = Draft(structured=False)
            draft.warnings.append(f"PDF layout could not be read ({type(err).__name__}); tables are read "
                                  "from the plain text")
            pages = [[("text", t)] for t in _pypdf_pages(data, name)]
            counts = [_chars(p) for p in pages]
        _ocr_blank(data, name, pages, counts, draft)
        for page in pages:
            for kind, item, *unsure in page:
                if unsure:  # read by OCR: the block carries the flag and the doubtful words
                    (draft.ocr_table if kind == "table" else draft.ocr_paragraph)(item, unsure[0])
                elif kind == "table":
                    draft.table(item)
                elif kind == "para":
                    draft.paragraph(item)
                else:  # plain text of a page (pypdf, OCR)
                    for para in re.split(r"\n\s*\n", item.strip("\n")):
                        draft.paragraph(para.split("\n"))
        return draft


def _open_check(data: bytes, name: str) -> int:
    """Open with pypdf for its clear errors (broken, encrypted) and the page count."""
    from pypdf import PdfReader as PyPdf
    from pypdf.errors import PdfReadError

    try:
        reader = PyPdf(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError("PDF is password-protected; remove the password "
                              "(`qpdf --decrypt --password=… in.pdf out.pdf`) and ingest the copy", name)
        return len(reader.pages)
    except IngestError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as err:
        raise IngestError(f"PDF cannot be parsed ({type(err).__name__}: {err}); export it again, or repair "
                          "it with `qpdf in.pdf fixed.pdf`", name) from None
    except Exception as err:  # pypdf raises assorted errors on broken files; still one bad file, not a crash
        if "crypt" in str(err).lower():
            raise IngestError("PDF is encrypted and cannot be opened; remove the encryption "
                              "(`qpdf --decrypt in.pdf out.pdf`) and ingest the copy", name) from None
        raise IngestError(f"PDF cannot be parsed ({type(err).__name__}: {err}); export it again", name) from None


def _pypdf_pages(data: bytes, name: str) -> list[str]:
    from pypdf import PdfReader as PyPdf

    try:
        return [page.extract_text() or "" for page in PyPdf(io.BytesIO(data)).pages]
    except Exception as err:
        raise IngestError(f"PDF cannot be parsed ({type(err).__name__}: {err}); export it again", name) from None


def _plumb(data: bytes, draft: Draft) -> tuple[list[list[tuple[str, object]]], list[int]]:
    """Each page as [(kind, item)] in reading order: ("para", [lines]) or ("table", rows); and the
    characters of each page's text layer. A table that goes on over a page break is one table."""
    import pdfplumber

    pages: list[list[tuple[str, object]]] = []
    counts: list[int] = []  # characters of text layer per page
    open_rows, last_columns = None, None  # the table that ends the text so far (its rows, column edges)
    header = None  # (page, item) of a one-row ruled box ending a page: the header of a table over the break?
    band_open = None  # (items, columns) of the layout band ending the page before (a signature block cut?)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            found = sorted((t for t in page.find_tables() if len(t.rows[0].cells) >= 2), key=lambda t: t.bbox[1])
            # A ruled box of one row is no table of its own — unless it is the last row of a table from
            # the page before, alone at the top of this page, or the header of a table the next page goes
            # on with. Either way its cells are read each in its own box, never line by line across them.
            tables = [t for i, t in enumerate(found) if len(t.rows) >= 2 or i == 0 and last_columns is not None
                      and _same_columns(last_columns, _columns(t)) and _nothing_above(page, t)]
            boxes = [t.bbox for t in found]
            outside = page.filter(lambda o, boxes=boxes: not _inside(o, boxes)) if boxes else page
            lines = outside.extract_text_lines(strip=True, return_chars=True)
            items: list[tuple[float, bool, str, object, list]] = []  # (top, in the margin, kind, item, columns)
            sizes = sorted(c["size"] for c in page.chars if c["text"].strip())
            body_size = sizes[len(sizes) // 2] if sizes else 0.0
            lines = [ln for ln in lines if ln["text"].strip()]
            # the text's edges; a page of short lines (the end of a list) reaches the right margin only
            # in principle: take it as far from the page's right edge as the text is from its left one
            x0 = min((ln["x0"] for ln in lines), default=0.0)
            edges = (x0, max(max((ln["x1"] for ln in lines), default=0.0), float(page.width) - x0))
            taken: set[int] = set()
            bands = layout_bands(lines, *edges, continues=band_open is not None)
            moved = 0  # characters of this page's text written on the page before (its band's end)
            for k, band in enumerate(bands):  # letterhead, signature: columns side by side
                taken.update(range(band.first, band.end))
                if band.first == 0 and band_open is not None:  # the block the page break cut, made whole
                    bands[k] = _join_bands(*band_open, band)
                    moved = sum(len("".join(x.split())) for column in band.columns for x in column)
                else:
                    items.append((lines[band.first]["top"], False, "para", band.lines, []))
            # a band reaching the page's foot (page number aside) may go on at the next page's top
            ends_in_band = bool(bands) and all(_in_margin(page, ln["top"], ln["bottom"]) for ln in lines[bands[-1].end:])
            band_open = (bands[-1].lines, bands[-1].columns) if ends_in_band else None
            for top, bottom, size, para in join_wrapped([ln for k, ln in enumerate(lines) if k not in taken], edges):
                # page numbers, running heads and footnotes (small print low on the page) are not body:
                # a table may go on over them into the next page
                margin = (_in_margin(page, top, bottom) and sum(map(len, para)) < 80
                          or size < 0.9 * body_size and top > page.bbox[1] + 0.65 * page.height)
                items.append((top, margin, "para", para, []))
            for t in found:
                items.append((t.bbox[1], False, "table" if t in tables else "row", _table_rows(t), _columns(t)))
            items.sort(key=lambda it: it[0])
            page_items = [(kind, item) for _, _, kind, item, _ in items]
            counts.append(_chars(page_items) + moved)  # before a continued table moves to the page before
            body = [i for i, it in enumerate(items) if not it[1]]  # page numbers and running heads aside
            if body and items[body[0]][2] == "table" and open_rows is not None \
                    and _same_columns(last_columns, items[body[0]][4]):
                _continue_table(open_rows, page_items.pop(body[0])[1])
                del items[body[0]]
                body = [i - (i > body[0]) for i in body[1:]]
                header = None  # the header row ending the page before is that table's: it stays a table
            if header is not None:  # the page before ended on a one-row box no table went on from
                _row_as_paragraph(pages[header[0]], header[1])
                header = None
            for i, (kind, _item) in enumerate(page_items):
                if kind == "row":
                    if body and i == body[-1]:
                        page_items[i] = ("table", page_items[i][1])
                        header = (len(pages), i)
                    else:
                        _row_as_paragraph(page_items, i)
            if body:  # else the open table may go on over the next page too
                open_rows = page_items[body[-1]][1] if page_items[body[-1]][0] == "table" else None
                last_columns = items[body[-1]][4] if open_rows is not None else None
            pages.append(page_items)
            page.close()  # drop pdfplumber's per-page object cache: memory stays flat over long files
    if header is not None:
        _row_as_paragraph(pages[header[0]], header[1])
    return pages, counts


def _join_bands(written: list[str], columns: tuple, more) -> Band:
    """The band a page break cut, as one: ``written`` (the lines the page before holds, rewritten in place)
    from its ``columns`` and the next page's band ``more``, so that a whole signing block reads as one."""
    joined = (columns[0] + more.columns[0], columns[1] + more.columns[1])
    written[:] = band_lines(*joined)
    return Band(more.first, more.end, written, joined)


def _row_as_paragraph(page_items: list, i: int) -> None:
    """A one-row ruled box that is no table: its cells' texts, each read inside its box, as one paragraph
    ("STT" | "Tên thủ tục hành chính" | "Lĩnh vực" → "STT Tên thủ tục hành chính Lĩnh vực")."""
    cells = [c.text for c in page_items[i][1][0] if c.text and not c.covered]
    page_items[i] = ("para", [" ".join(cells)]) if cells else ("para", [])


def _continue_table(rows: list[list[RawCell]], more: list[list[RawCell]]) -> None:
    """Append a table's rows from the next page. A merged cell cut by the page break shows there as an
    empty box under it: that box is the same cell (its rowspan grows), not a cell of its own.

    page 1: [.., "Chi thường xuyên …" rowspan=1]   page 2: ["2", …, "" rowspan=3]
      → "Chi thường xuyên …" rowspan=4, the page-2 box a covered slot
    """
    if more and rows and _split_row(rows[-1], more[0]):
        last = _by_column(rows[-1])
        for col, cell in _by_column(more[0]).items():
            if cell.text and col in last:
                last[col].text = joined_over_break(last[col].text, cell.text)
        rows.extend(more[1:])  # the row under it starts afresh: no merged cell reaches into it
        return
    ends = {}  # grid column → the cell of ``rows`` whose span reaches the last row
    for r, row in enumerate(rows):
        col = 0
        for cell in row:
            if not cell.covered and r + cell.rowspan == len(rows) and cell.text:
                ends[col] = cell
            col += cell.colspan
    col = 0
    for cell in more[0] if more else []:
        above = ends.get(col)
        if not cell.covered and not cell.text and above is not None and above.colspan == cell.colspan:
            above.rowspan += cell.rowspan
            cell.covered = True
        col += cell.colspan
    rows.extend(more)


def _by_column(row: list[RawCell]) -> dict[int, RawCell]:
    out, col = {}, 0
    for cell in row:
        if not cell.covered:
            out[col] = cell
        col += cell.colspan
    return out


def _split_row(last: list[RawCell], first: list[RawCell]) -> bool:
    """Whether ``first`` (atop a page) is the rest of ``last`` (the row ending the page before), cut by
    the page break: the numbering cell is empty there but not in ``last``, and the text goes on — a
    lower-case word, or a cell of ``last`` that stopped mid-sentence.
        last: ["1", "Triển khai nền tảng …, cung cấp", …]  first: ["", "số cơ bản cho người dân", …]"""
    a, b = _by_column(last), _by_column(first)
    if set(a) != set(b) or not a.get(0) or not a[0].text or b.get(0) is None or b[0].text:
        return False
    filled = [col for col in sorted(b) if b[col].text]
    if not filled:
        return False
    col = filled[0]
    return b[col].text[:1].islower() or not re.search(r"[.;:!?)]$", a[col].text)


def _in_margin(page, top: float, bottom: float) -> bool:
    """In the top or bottom 8% of the page, where page numbers and running heads sit."""
    h = page.height
    return bottom <= page.bbox[1] + 0.08 * h or top >= page.bbox[1] + 0.92 * h


def _nothing_above(page, table) -> bool:
    top = table.bbox[1]
    return not any(c["bottom"] <= top and not _in_margin(page, c["top"], c["bottom"])
                   for c in page.chars if c["text"].strip())


def _columns(table) -> list[float]:
    return sorted({round(x, 0) for c in table.cells for x in (c[0], c[2])})


def _same_columns(a: list[float], b: list[float]) -> bool:
    """Two tables on consecutive pages with the same column edges (±2 pt) are one table broken by the page."""
    return len(a) == len(b) and all(abs(x - y) <= 2 for x, y in zip(a, b, strict=True))


def _inside(obj, boxes) -> bool:
    if "x0" not in obj or "top" not in obj:
        return False
    cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _table_rows(table) -> list[list[RawCell]]:
    """pdfplumber's grid → RawCells with spans; None slots are merges (written empty if from above)."""
    chars = [c for c in table.page.chars if c["text"].strip() or c["text"] == " "]
    cells = [c for row in table.rows for c in row.cells if c is not None]
    xs = sorted({round(c[0], 1) for c in cells})
    tops = sorted({round(c[1], 1) for c in cells})

    def count(points, lo, hi):
        return max(1, sum(1 for p in points if lo - 0.5 <= p < hi - 0.5))

    rows: list[list[RawCell]] = []
    owners: dict[tuple[int, int], tuple] = {}  # (row, col) start slot → the cell box covering it from above
    for r, row in enumerate(table.rows):
        out: list[RawCell] = []
        for c, box in enumerate(row.cells):
            if box is None:
                above = owners.get((r, c))
                if above is not None:
                    out.append(RawCell("", colspan=count(xs, above[0], above[2]), covered=True))
                continue
            colspan, rowspan = count(xs, box[0], box[2]), count(tops, box[1], box[3])
            for k in range(1, rowspan):
                owners[(r + k, c)] = box
            out.append(RawCell(cell_text(table.page, chars, box), colspan=colspan, rowspan=rowspan))
        rows.append(out)
    return rows


def _chars(page: list[tuple[str, object]]) -> int:
    n = 0
    for kind, item in page:
        if kind in ("table", "row"):
            n += sum(len("".join(c.text.split())) for row in item for c in row)
        elif kind == "para":
            n += sum(len("".join(ln.split())) for ln in item)
        else:
            n += len("".join(item.split()))
    return n


def _ocr_blank(data: bytes, name: str, pages: list, counts: list[int], draft: Draft) -> None:
    """OCR the pages with no text layer in place, or warn / refuse when OCR is not installed."""
    blank = [i for i, n in enumerate(counts) if n < MIN_PAGE_CHARS]
    if not blank:
        return
    if missing():
        listed = ", ".join(str(i + 1) for i in blank[:20]) + (" …" if len(blank) > 20 else "")
        if len(blank) == len(pages):
            raise NeedsOCRError(
                f"PDF has {len(pages)} page(s) but no text layer ({sum(counts)} characters in all): it is a "
                f"scan and needs OCR, but {missing()}; or run `ocrmypdf -l vie in.pdf out.pdf` and ingest "
                "out.pdf", name)
        draft.warnings.append(f"PDF page(s) {listed} have (almost) no text layer; to read them, {missing()}, "
                              "or run `ocrmypdf -l vie` "
                              "on the file")
        return
    check_pages(len(blank), name, setting="ASSISTANT_MAX_OCR_PAGES", what="scanned pages to OCR")
    read_pages = ocr_pages(data, blank, name)
    empty = [i for i in blank if read_pages[i].chars < MIN_PAGE_CHARS]
    if len(empty) == len(pages):
        # still a NeedsOCRError: the file needs a (better) OCR, which ran here and read nothing
        raise NeedsOCRError(f"PDF has {len(pages)} page(s) with no text layer, and OCR ({engine_name()}) "
                            "found no text on them; check that the scan shows the document, or OCR it with "
                            "other settings (`ocrmypdf -l vie --rotate-pages --deskew in.pdf out.pdf`)", name)
    ending = None  # the page read so far whose last table a next scanned page may go on with
    for i in blank:  # paragraphs and ruled tables, as a text PDF's page gives them (ingest.ocr.ocr_layout)
        pages[i] = read_pages[i].items
        ending = _continue_scanned_table(ending, pages[i]) if i - 1 in read_pages else pages[i]
    read = [i + 1 for i in blank if i not in empty]
    if read:
        draft.warnings.append(f"PDF page(s) {', '.join(map(str, read))} read by OCR ({engine_name()}): "
                              "check figures against the scan; words it was unsure of are listed with them")
    if empty:
        draft.warnings.append(f"PDF page(s) {', '.join(str(i + 1) for i in empty)} have no text layer and OCR "
                              "found no text on them (blank or picture-only pages)")


_PAGE_NUMBER = re.compile(r"[\s\d.\-–]*")


def _continue_scanned_table(before: list | None, page: list) -> list:
    """A scanned table going on over a page break stays one table, as ``_plumb`` keeps a text PDF's: a page
    read by OCR that opens with a table as wide as the one ending the page before (page numbers aside)
    goes on with it — its header row alone at the foot of a page included. The unsure words of the moved
    rows move with them ((row, cell) and, in a cell joined over the break, the characters before them).
    Returns the page whose last table the next page may go on with: ``before`` when this one held nothing
    else (a row running over a whole page), else ``page``."""
    def body(items, order):
        return next((k for k in order if not (items[k][0] == "para" and _PAGE_NUMBER.fullmatch(" ".join(items[k][1])))),
                    None)

    if before is None:
        return page
    a, b = body(before, range(len(before) - 1, -1, -1)), body(page, range(len(page)))
    if a is None or b is None or before[a][0] != "table" or page[b][0] != "table":
        return page
    (_, rows, doubts), (_, more, more_doubts) = before[a], page[b]
    if not rows or not more or _width(rows[-1]) != _width(more[0]):
        return page
    n, last = len(rows), rows[-1]
    split = _split_row(last, more[0])
    cols = _by_column(more[0])
    kept = {id(cell): k for k, cell in enumerate(last)}
    above = _by_column(last)
    moved = []
    for (r, c), start, end, conf in more_doubts:
        if r == 0 and split:  # a cell joined to the one above it: after its text and the join
            col = next(col for col, cell in cols.items() if cell is more[0][c])
            if col not in above:
                continue
            shift = len(joined_over_break(above[col].text, more[0][c].text)) - len(more[0][c].text)
            moved.append(((n - 1, kept[id(above[col])]), start + shift, end + shift, conf))
        else:
            moved.append(((n + r - split, c), start, end, conf))
    _continue_table(rows, more)
    before[a] = ("table", rows, doubts + moved)
    del page[b]
    return page if body(page, range(len(page))) is not None else before


def _width(row: list[RawCell]) -> int:
    return sum(cell.colspan for cell in row)
