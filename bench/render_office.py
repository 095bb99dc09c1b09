"""A crawled document (saved web page, .md) → the Word file and PDF an office would send of it.

Offices lay a document out with tables that are not data: the letterhead (issuer beside the
Quốc hiệu, number beside place and date) and the signature (Nơi nhận beside "TM. … / KT. CHỦ TỊCH
/ name") are borderless two-column tables; real data tables are ruled tables. This script writes
a crawled page that way with python-docx, and the PDF of it with LibreOffice, so the readers of
every format can be measured on the same real document (``bench/formats.py``).

    python -m bench.render_office ../shared/real/docs/0eb3b8713cadea8f.md … --out tests/data/office
      → tests/data/office/0eb3b8713cadea8f.md (copy), .docx, .pdf, .html (LibreOffice's web page of it)

What the crawled page says is kept word for word; only the page's site chrome is left out, the
``**``/``*`` markup becomes bold/italic, and each cell's lines become the paragraphs Word would hold.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ingest.tables.pipe_tables import find_pipe_tables
from ingest.tables.table_rows import is_layout
from ingest.text.page_view import chrome_spans, without_chrome

_BOLD = re.compile(r"\*\*(.+?)\*\*", re.S)
_RULE = re.compile(r"^[-_=.…]{3,}$")


def _runs(raw: str) -> list[tuple[str, bool, bool]]:
    """ "**ỦY BAN** tỉnh *ngày*" → [(text, bold, italic)], markup removed, lines joined."""
    out = []
    pos = 0
    text = " ".join(raw.split())
    for m in re.finditer(r"\*\*(.+?)\*\*|(?<![*\w])\*(\S.*?\S|\S)\*(?![*\w])", text):
        if m.start() > pos:
            out.append((text[pos:m.start()], False, False))
        out.append((m.group(1) or m.group(2), bool(m.group(1)), not m.group(1)))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], False, False))
    return [(t.replace("*", ""), b, i) for t, b, i in out if t.replace("*", "").strip()]


def cell_paragraphs(raw: str) -> list[str]:
    """A layout cell's lines as Word paragraphs: a bold or italic run is one paragraph, a rule line
    ("-------") is one, a plain line is one unless it ends in ":" ("Số:" + "2820/QĐ-UBND")."""
    paras: list[str] = []
    buf = ""
    depth_text = raw.replace("\r", "")
    # join lines inside one ** … ** or * … * run: the page wrapped them, the office did not
    pieces = re.split(r"(\*\*.+?\*\*|(?<![*\w])\*[^*\n][^*]*?\*(?![*\w]))", depth_text, flags=re.S)
    lines: list[str] = []
    for k, piece in enumerate(pieces):
        if k % 2:
            lines.append(" ".join(piece.split()))
        else:
            lines.extend(ln.strip() for ln in piece.split("\n"))
    for ln in lines:
        if not ln.strip(" *"):
            continue
        if buf.endswith(":") and not _RULE.match(ln):
            buf += " " + ln
            continue
        if buf:
            paras.append(buf)
        buf = ln
    if buf:
        paras.append(buf)
    return paras


def _add_runs(par, raw: str, bold: bool = False) -> None:
    for text, b, i in _runs(raw):
        run = par.add_run(text)
        run.bold = b or bold or None
        run.italic = i or None


def _borderless(table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    pr.append(borders)


def _layout_table(doc, text: str, table) -> None:
    """A letterhead or signature pipe table → a borderless table of its own width (2 columns as a rule)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    width = max(len(r) for r in table.rows)
    out = doc.add_table(rows=0, cols=width)
    _borderless(out)
    for row in table.rows:
        cells = out.add_row().cells
        for k, cell in enumerate(row):
            paras = cell_paragraphs(text[cell.start:cell.end])
            target = cells[k]
            for n, para in enumerate(paras):
                p = target.paragraphs[0] if n == 0 else target.add_paragraph()
                if not para.startswith("-") or k:
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _add_runs(p, para)


def _data_table(doc, table) -> None:
    width = max(len(r) for r in table.rows)
    out = doc.add_table(rows=0, cols=width)
    out.style = "Table Grid"
    for r, row in enumerate(table.rows):
        cells = out.add_row().cells
        for k, cell in enumerate(row):
            cells[k].paragraphs[0].add_run(cell.text).bold = r == 0 or None


_ITEM = re.compile(r"^(?:\*|[-+•]\s|\d+(?:\.\d+)*[.)]\s|[a-zđ][.)]\s|[IVXLC]+\.\s|Điều\s+\d|Chương\s|Mục\s|Phần\s)")


def paragraphs(raw: str) -> list[str]:
    """Text between tables → paragraphs: the page wrapped lines at ~80 characters; a blank line, a
    line ending a sentence or a bold/italic run, or a line opening an item ("1.", "a)", "*Căn cứ",
    "**Điều 2.") starts a new one."""
    out: list[str] = []
    for line in raw.split("\n"):
        s = line.strip()
        if not s:
            if out and out[-1]:
                out.append("")
            continue
        prev = out[-1] if out else ""
        if prev and not _ITEM.match(s) and not re.search(r"[.;:!?*]$", prev) and prev.count("**") % 2 == 0:
            out[-1] = prev + " " + s
        elif prev and prev.count("**") % 2 == 1:  # inside a bold run the page wrapped
            out[-1] = prev + " " + s
        else:
            out.append(s)
    return [p for p in out if p.strip(" *")]


def _prose(doc, raw: str) -> None:
    """Text between tables → Word paragraphs; an all-capitals bold one is centred (a heading line)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for s in paragraphs(raw):
        p = doc.add_paragraph()
        if _BOLD.fullmatch(s.strip()) and s.upper() == s:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _add_runs(p, s)


def to_docx(md_path: Path, docx_path: Path) -> None:
    from docx import Document
    from docx.shared import Pt

    text = md_path.read_text(encoding="utf-8")
    chrome = chrome_spans(text)
    start = chrome[0][1] if chrome and chrome[0][0] == 0 else 0
    end = next((a for a, b in chrome if b == len(text) and a > 0), len(text))
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(13)
    pos = start
    body = without_chrome(text, chrome)  # the site's box is no part of a table
    for table in find_pipe_tables(body):
        if table.start < start or table.end > end:
            continue
        _prose(doc, text[pos:table.start])
        letterhead = pos == start and not text[pos:table.start].strip(" \n|*")
        if letterhead or is_layout(table):
            _layout_table(doc, text, table)
        else:
            _data_table(doc, table)
        pos = table.end
    _prose(doc, text[pos:end])
    doc.save(docx_path)


def convert(docx_path: Path, fmt: str) -> Path:
    """LibreOffice's ``fmt`` ("pdf", "html") of ``docx_path``, written beside it."""
    with tempfile.TemporaryDirectory() as profile:  # a private profile: another soffice may be running
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                        fmt, "--outdir", str(docx_path.parent), str(docx_path)],
                       check=True, capture_output=True, timeout=300)
    return docx_path.with_suffix(f".{fmt}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.render_office", description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="+", type=Path, help="crawled .md documents")
    ap.add_argument("--out", type=Path, required=True, help="folder for the .md copy, .docx, .pdf and .html")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for md in args.files:
        copy = args.out / md.name
        if md.resolve() != copy.resolve():
            shutil.copyfile(md, copy)
        docx = copy.with_suffix(".docx")
        to_docx(md, docx)
        made = [convert(docx, fmt).name for fmt in ("pdf", "html")]
        print(f"{md.name}: {docx.name}, {', '.join(made)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
