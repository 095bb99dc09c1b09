"""OCR engines compared on real scans: character error, table cells recovered, seconds a page.

    nice -n 10 .venv/bin/python -m bench.ocr [--engines trueocr,asterocr,tesseract] [--work /tmp/ocr-bench]

Documents: scans made of real documents whose text is known (bench/ocr_scans.py: the real Word body and two
annexes of Nghị định 30/2020/NĐ-CP and a real saved decision turned into Word, printed by LibreOffice, 200 dpi, noise,
0.6° skew), and the real scan ../shared/real/wild/kh753-KH-DCT-2026_scan.pdf (no reference text: its
column is the share of words found in the vocabulary of the 421 real documents, a proxy for errors).

Per engine × document: CER (edit distance / reference characters, whitespace collapsed), cells (reference
table cells found as a cell of a table the page layout read, exact text), s/page (render + OCR + layout,
one thread), unsure (share of words flagged below ASSISTANT_OCR_MIN_CONFIDENCE). Pages are read the way
ingest reads them (ingest.ocr.engines: render at ASSISTANT_OCR_DPI, the engine, ingest.ocr.ocr_spelling,
ingest.ocr.ocr_layout).
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import time
import unicodedata
from collections import Counter
from pathlib import Path

import numpy as np

from bench.ocr_scans import Scan, docx_from_saved_page, make_scan

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "real"


def levenshtein(a: str, b: str) -> int:
    """Edit distance, one numpy row at a time (insertions by a running minimum)."""
    if not a or not b:
        return len(a) + len(b)
    bb = np.frombuffer(b.encode("utf-32-le"), np.uint32)
    idx = np.arange(len(b) + 1)
    prev = idx.copy()
    for i, ch in enumerate(a, 1):
        cand = np.empty_like(prev)
        cand[0] = i
        cand[1:] = np.minimum(prev[1:] + 1, prev[:-1] + (bb != ord(ch)))
        prev = np.minimum.accumulate(cand - idx) + idx
    return int(prev[-1])


def norm(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).split())


def page_text(items) -> str:
    return "\n".join("\n".join(item) if kind == "para" else "\n".join(" ".join(c.text for c in row) for row in item)
                     for kind, item, _ in items)


def page_cells(items) -> list[str]:
    return [norm(c.text) for kind, item, _ in items if kind == "table" for row in item for c in row if c.text.strip()]


def vocabulary() -> set[str]:
    words: set[str] = set()
    for f in (SHARED / "docs").glob("*.md"):
        words.update(re.findall(r"\w+", f.read_text(encoding="utf-8").lower()))
    return words


def run_engine(engine_name: str, scan_pdf: Path, pages: int | None = None):
    """[(items, seconds, words, unsure words)] per page, read as ingest reads a scan."""
    import pypdfium2

    from ingest.ocr.engines import DPI, get_engine, min_confidence, render
    from ingest.ocr.ocr_layout import lay_out
    from ingest.ocr.ocr_spelling import correct_words, count_sure

    engine = get_engine(engine_name)
    pdf = pypdfium2.PdfDocument(str(scan_pdf))
    out = []
    used: Counter = Counter()  # as ingest.ocr.engines.ocr_pages: the document's confident syllables, pages so far
    for i in range(min(pages or len(pdf), len(pdf))):
        started = time.perf_counter()
        gray = render(pdf, i, float(os.environ.get("ASSISTANT_OCR_DPI") or DPI))
        read = engine.read(gray, name=scan_pdf.name, page=i)
        for line in read.lines:
            count_sure(line.words, used)
        for line in read.lines:
            correct_words(line.words, used)
        items = lay_out(read.image, read.lines, min_confidence())
        seconds = time.perf_counter() - started
        words = [w for ln in read.lines for w in ln.words]
        out.append((items, seconds, len(words), sum(len(u) for *_, u in items)))
    pdf.close()
    return out


def scans(work: Path) -> list[Scan]:
    """The pages of each document where its tables are (and the body's first page: letterhead and prose)."""
    data = ROOT / "tests" / "data"
    made = [make_scan(data / "nd30-2020-ND-CP.docx", work, [0], "NĐ 30/2020 p.1"),
            make_scan(data / "nd30-2020-ND-CP_phuluc1.docx", work, [15, 16], "NĐ 30 Phụ lục I p.16-17"),
            make_scan(data / "nd30-2020-ND-CP_phuluc6.docx", work, [6, 7], "NĐ 30 Phụ lục VI p.7-8")]
    saved = SHARED / "docs" / "2e037ff2daea1c76.md"  # QĐ 1520/QĐ-UBND Bắc Ninh, with a list of procedures
    if saved.is_file():
        made.append(make_scan(docx_from_saved_page(saved, work / "qd1520.docx"), work, [0, 1], "QĐ 1520 Bắc Ninh p.1-2"))
    return made


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.ocr", description=__doc__.splitlines()[0])
    ap.add_argument("--engines", default="trueocr,asterocr,tesseract")
    ap.add_argument("--work", type=Path, default=Path("/tmp/ocr-bench"))
    args = ap.parse_args(argv)
    made = scans(args.work)
    real = SHARED / "wild" / "kh753-KH-DCT-2026_scan.pdf"
    vocab = vocabulary() if real.is_file() else set()
    print(f"# OCR engines, {time.strftime('%Y-%m-%d')}, {platform.node()} ({platform.processor() or platform.machine()},"
          f" {len(os.sched_getaffinity(0))} cores), one thread an engine, pages rendered at "
          f"{os.environ.get('ASSISTANT_OCR_DPI') or 200} dpi\n")
    print("| engine | document | pages | CER | cells recovered | s/page | words unsure |")
    print("|---|---|---|---|---|---|---|")
    for name in args.engines.split(","):
        totals = Counter()
        for scan in made:
            pages = run_engine(name, scan.pdf)
            ref = norm("\n".join(scan.text))
            hyp = norm("\n".join(page_text(p[0]) for p in pages))
            errors = levenshtein(ref, hyp)
            want = Counter(c for page in scan.cells for c in page)
            got = Counter(c for p in pages for c in page_cells(p[0]))
            found = sum((want & got).values())
            secs, words, unsure = sum(p[1] for p in pages), sum(p[2] for p in pages), sum(p[3] for p in pages)
            totals.update(errors=errors, chars=len(ref), want=sum(want.values()), found=found, secs=secs,
                          pages=len(pages), words=words, unsure=unsure)
            print(f"| {name} | {scan.name} | {len(pages)} | {errors / len(ref):.1%} | {found}/{sum(want.values())} | "
                  f"{secs / len(pages):.1f} | {unsure / max(words, 1):.0%} |")
        if real.is_file():
            pages = run_engine(name, real)
            tokens = re.findall(r"\w+", " ".join(page_text(p[0]) for p in pages).lower())
            known = sum(t in vocab for t in tokens)
            secs, words, unsure = sum(p[1] for p in pages), sum(p[2] for p in pages), sum(p[3] for p in pages)
            totals.update(secs=secs, pages=len(pages))
            print(f"| {name} | kh753 real scan (no reference) | {len(pages)} | words in vocabulary "
                  f"{known / max(len(tokens), 1):.1%} | – | {secs / len(pages):.1f} | {unsure / max(words, 1):.0%} |")
        t = totals
        print(f"| **{name}** | **all (CER, cells: made scans)** | {t['pages']} | **{t['errors'] / max(t['chars'], 1):.1%}** | "
              f"**{t['found']}/{t['want']}** | **{t['secs'] / max(t['pages'], 1):.1f}** | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
