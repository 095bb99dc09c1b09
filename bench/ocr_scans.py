"""Scans of real documents whose text is known, made the way an office makes them, for bench/ocr.py.

A real document (a Word file, or a saved page of ../shared/real/docs turned into Word with python-docx:
its last prose lines before a table, then the table) is printed to PDF by LibreOffice; the PDF's own
text layer, page by page, is the reference text, and its ruled tables (pdfplumber) the reference cells.
The pages asked for are rasterised at 200 dpi, given mild noise, blur and a 0.6° skew, and put back into a
PDF of images only — a scan.

    scan = make_scan(Path("nd30_phuluc1.docx"), work, [15, 16])
    scan.pdf      # the image-only PDF
    scan.text[0]  # page 1's reference text;  scan.cells[0]: its reference table cells
"""
from __future__ import annotations

import io
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DPI = 200
SKEW_DEGREES = 0.6
NOISE_SIGMA = 10.0


@dataclass
class Scan:
    name: str
    pdf: Path
    text: list[str]  # reference text per page
    cells: list[list[str]]  # reference table cells per page (non-empty, whitespace-collapsed)


def docx_from_saved_page(md: Path, out: Path, prose_lines: int = 25) -> Path:
    """A saved web page → a Word file: the last ``prose_lines`` lines of prose before its first table, then that
    table (header row, then its data rows: number, name, cells), as the ingest reads it."""
    import docx

    from ingest.pipeline import load_document

    doc = load_document(md)
    rows = [r for r in doc.rows if r.table == doc.rows[0].table]
    head = rows[0].header_span[0] if rows[0].header_span else rows[0].start
    prose = [ln.strip() for ln in doc.text[:head].splitlines() if len(ln.strip()) > 1 and ln.strip() != "|"]
    word = docx.Document()
    for line in prose[-prose_lines:]:
        word.add_paragraph(line.replace("**", ""))
    headers = ["STT", "Tên"] + [c.header for c in rows[0].cells]
    table = word.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
    for r in rows:
        by_header = {c.header: c.text for c in r.cells}
        values = [r.number or "", r.label] + [by_header.get(h, "") for h in headers[2:]]
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    word.save(out)
    return out


def to_pdf(source: Path, work: Path) -> Path:
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(work), str(source)],
                   check=True, capture_output=True, timeout=300)
    return work / (source.stem + ".pdf")


def make_scan(source: Path, work: Path, pages: list[int], name: str | None = None) -> Scan:
    import pdfplumber
    import pypdfium2
    from PIL import Image, ImageFilter

    work.mkdir(parents=True, exist_ok=True)
    text_pdf = to_pdf(source, work)
    texts, cells, images = [], [], []
    rng = np.random.default_rng(21)
    pdf = pypdfium2.PdfDocument(str(text_pdf))
    with pdfplumber.open(text_pdf) as plumb:
        for i in pages:
            texts.append(pdf[i].get_textpage().get_text_range())
            # a table as read_pdf counts one: at least 2 rows and 2 columns (Word's one-column frames are not)
            cells.append([" ".join(c.split()) for t in plumb.pages[i].extract_tables()
                          if len(t) >= 2 and max(map(len, t)) >= 2 for row in t for c in row if c and c.strip()])
            img = pdf[i].render(scale=DPI / 72, grayscale=True).to_pil().convert("L")
            img = img.rotate(SKEW_DEGREES, resample=Image.BICUBIC, fillcolor=255, expand=False)
            img = img.filter(ImageFilter.GaussianBlur(0.6))
            noisy = np.asarray(img, np.float32) + rng.normal(0, NOISE_SIGMA, (img.height, img.width))
            images.append(Image.fromarray(noisy.clip(0, 255).astype(np.uint8)))
    pdf.close()
    out = work / f"{source.stem}_{'-'.join(map(str, pages))}_scan.pdf"
    buf = io.BytesIO()
    images[0].save(buf, "PDF", resolution=DPI, save_all=True, append_images=images[1:])
    out.write_bytes(buf.getvalue())
    return Scan(name or source.stem, out, texts, cells)
