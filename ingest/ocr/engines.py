"""OCR of scanned PDF pages: one engine chosen by ASSISTANT_OCR, its words laid out as a text PDF's.

An engine is a module ``ingest.ocr_<name>`` with a class of one method, ``read(gray) → [OcrLine]``
(a page image as a 2-D uint8 numpy array → its text lines, each a list of words with their boxes in
image pixels and, where the engine gives one, a confidence in 0..1). What the page *says* is then
built here, the same for every engine: the words' misread tone marks put back where a dictionary word
confirms them (``ingest.ocr.ocr_spelling``), then the layout (``ingest.ocr.ocr_layout``): ruled tables found from
the image's own lines become rows of cells, the other lines paragraphs.

    ASSISTANT_OCR=trueocr (default) | asterocr | tesseract
    pages = ocr_pages(pdf_bytes, [0, 1, 2, 3], "kh753_scan.pdf")
      → {0: OcrPage(items=[("para", ["TRƯỜNG ĐẠI HỌC …"], [unsure…]), ("table", rows, [unsure…])…]), …}
    missing()   → None when the chosen engine can run, else what to install

Measured in docs/ocr.md (bench/ocr.py): trueocr reads scans with a quarter of tesseract's character error,
2.7x its table cells, in a third of its time; asterocr reads a little better than trueocr but ~9x slower.
Both PyPI engines carry their ONNX weights in the wheel and download nothing.
Environment: ASSISTANT_OCR, ASSISTANT_OCR_DPI (default 200: what offices scan at; more only interpolates,
and read worse with every engine in bench/ocr.py), ASSISTANT_OCR_MIN_CONFIDENCE (default 0.8:
a word read with less is listed as unsure, with its span), ASSISTANT_OCR_TIMEOUT_S per page (tesseract).
"""
from __future__ import annotations

import functools
import importlib
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field

from ground.errors import ConfigError, NeedsOCRError

DEFAULT_ENGINE = "trueocr"
DPI = 200  # pages are rendered at this resolution for OCR (ASSISTANT_OCR_DPI)
ENGINES = {  # name → (module, what to install when it is missing)
    "trueocr": ("ingest.ocr.ocr_trueocr", "`.venv/bin/pip install trueocr` (PyPI, ONNX weights inside, ~8 MB)"),
    "asterocr": ("ingest.ocr.ocr_asterocr", "`.venv/bin/pip install asterocr trueocr` (PyPI; asterocr reads the "
                 "lines trueocr's detector finds)"),
    "tesseract": ("ingest.ocr.ocr_tesseract", "`apt-get install tesseract-ocr tesseract-ocr-vie` (Debian/Ubuntu)"),
}


@dataclass
class OcrPage:
    """One page as the reader takes it: [("para", lines, unsure) | ("table", rows, unsure)] in reading
    order, where unsure lists (line or (row, cell), start, end, confidence) in the raw strings."""

    items: list[tuple] = field(default_factory=list)
    seconds: float = 0.0
    moved: int = 0  # characters read here and written on the page before (a signing block cut by the break)

    @property
    def chars(self) -> int:
        n = self.moved
        for kind, item, _ in self.items:
            n += sum(len("".join(c.text.split())) for row in item for c in row) if kind == "table" \
                else sum(len("".join(ln.split())) for ln in item)
        return n


def engine_name() -> str:
    name = (os.environ.get("ASSISTANT_OCR") or DEFAULT_ENGINE).strip().lower()
    if name not in ENGINES:
        raise ConfigError(f"ASSISTANT_OCR={name!r} is not an OCR engine; use one of {', '.join(ENGINES)}")
    return name


@functools.cache
def _engine_or_why(name: str):
    module, install = ENGINES[name]
    try:
        return importlib.import_module(module).Engine(), None
    except ImportError as err:
        return None, f"the OCR engine {name} (ASSISTANT_OCR) is not installed ({err.name or err}); install it: {install}"
    except NeedsOCRError as err:
        return None, f"{err}; install it: {install}"


def missing() -> str | None:
    """What is missing for OCR with the chosen engine, or None when it can run."""
    return _engine_or_why(engine_name())[1]


missing.cache_clear = _engine_or_why.cache_clear  # tests that change PATH or the engine start afresh


def get_engine(name: str | None = None):
    """The engine object; NeedsOCRError naming what to install when it cannot run."""
    engine, why = _engine_or_why(name or engine_name())
    if engine is None:
        raise NeedsOCRError(why)
    return engine


def min_confidence() -> float:
    raw = os.environ.get("ASSISTANT_OCR_MIN_CONFIDENCE") or "0.8"
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 1:
        raise ConfigError(f"ASSISTANT_OCR_MIN_CONFIDENCE={raw!r} must be a number from 0 to 1 (default 0.8)")
    return value


def render(pdf, index: int, dpi: float):
    """Page ``index`` of a pypdfium2 document as a greyscale numpy array."""
    import numpy as np

    return np.asarray(pdf[index].render(scale=dpi / 72, grayscale=True).to_pil().convert("L"))


def ocr_pages(data: bytes, pages: list[int], name: str) -> dict[int, OcrPage]:
    """Each 0-based page in ``pages`` read and laid out; NeedsOCRError when OCR cannot run.
    One line per page on stderr (a tqdm bar): a scan takes seconds a page."""
    why = missing()
    if why:
        raise NeedsOCRError(f"{len(pages)} page(s) have no text layer and need OCR, but {why}; or run "
                            "`ocrmypdf -l vie in.pdf out.pdf` elsewhere and ingest out.pdf", name)
    import pypdfium2  # imported here: only scans pay for it
    from tqdm import tqdm

    from .ocr_layout import Carry, lay_out
    from .ocr_spelling import correct_words, count_sure

    engine = get_engine()
    dpi = float(os.environ.get("ASSISTANT_OCR_DPI") or DPI)
    threshold = min_confidence()
    out: dict[int, OcrPage] = {}
    used: Counter = Counter()  # the syllables this document reads with confidence, pages so far
    pdf = pypdfium2.PdfDocument(data)
    try:
        bar = tqdm(pages, desc=f"OCR ({engine_name()}) {os.path.basename(name)}", unit="trang", file=sys.stderr)
        carry = Carry()  # a signing block the page break cut is written whole on the page it began on
        for i in bar:
            if i - 1 not in out:
                carry.band = None
            started = time.perf_counter()
            gray = render(pdf, i, dpi)
            read = engine.read(gray, name=name, page=i)
            for line in read.lines:
                count_sure(line.words, used)
            for line in read.lines:  # misread tone marks put back where the dictionary confirms them
                correct_words(line.words, used)
            carry.moved = 0
            out[i] = OcrPage(lay_out(read.image, read.lines, threshold, dpi, carry), time.perf_counter() - started,
                             carry.moved)
            del gray, read
    finally:
        pdf.close()
    return out


def mark_ocr(doc, blocks) -> None:
    """Flag what was read by OCR: every chunk and table row overlapping an OCR block gets ``ocr=True`` and
    the unsure words inside its span; a row's cell holding one gets ``unsure=True``."""
    spans = [(b.start, b.end) for b in blocks or [] if b.ocr]
    if not spans:
        return
    doubts = sorted((u for b in blocks if b.ocr for u in b.unsure), key=lambda u: u.start)

    def mark(obj) -> None:
        if any(a < obj.end and obj.start < b for a, b in spans):
            obj.ocr = True
            obj.unsure = [u for u in doubts if obj.start <= u.start < obj.end]

    for row in doc.rows:
        mark(row)
        for cell in row.cells:
            cell.unsure = row.ocr and any(cell.start <= u.start < cell.end for u in row.unsure)
    for chunk in doc.chunks:
        mark(chunk)
