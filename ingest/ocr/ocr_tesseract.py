"""The tesseract engine (Debian ``tesseract-ocr`` + ``tesseract-ocr-vie``): words with boxes and confidences
from its TSV output.

    Engine().read(gray) → OcrRead(gray, [OcrLine([OcrWord("KẾ", (412, 300, 470, 338), 0.96), …]), …])

Environment: ASSISTANT_OCR_TIMEOUT_S per page (default 300).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

import numpy as np

from ground.errors import IngestError, NeedsOCRError

from .ocr_words import OcrLine, OcrRead, OcrWord


class Engine:
    name = "tesseract"

    def __init__(self):
        exe = shutil.which("tesseract")
        if exe is None:
            raise NeedsOCRError("tesseract is not installed")
        try:
            langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30).stdout.split()
        except (OSError, subprocess.SubprocessError) as err:
            raise NeedsOCRError(f"tesseract does not run ({err})") from None
        if "vie" not in langs:
            raise NeedsOCRError("tesseract has no Vietnamese data (tesseract-ocr-vie)")
        self.exe = exe

    def read(self, gray: np.ndarray, name: str = "", page: int = 0) -> OcrRead:
        from PIL import Image

        gray = _straightened(gray)
        timeout = float(os.environ.get("ASSISTANT_OCR_TIMEOUT_S") or 300)
        env = dict(os.environ)
        env.setdefault("OMP_THREAD_LIMIT", "1")  # one core per page: the machine is shared with the server
        with tempfile.TemporaryDirectory(prefix="ocr-") as tmp:
            png = os.path.join(tmp, "page.png")
            Image.fromarray(gray).save(png)
            try:
                done = subprocess.run([self.exe, png, "stdout", "-l", "vie", "--psm", "3", "tsv"],
                                      capture_output=True, env=env, timeout=timeout)
            except subprocess.TimeoutExpired:
                raise IngestError(f"OCR of page {page + 1} took over {timeout:g} s; raise ASSISTANT_OCR_TIMEOUT_S, "
                                  "or OCR the file beforehand (`ocrmypdf -l vie in.pdf out.pdf`)", name) from None
        if done.returncode:
            err = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
            raise IngestError(f"OCR of page {page + 1} failed (tesseract: {err[0]})", name)
        return OcrRead(gray, parse_tsv(done.stdout.decode("utf-8", "replace")))


def parse_tsv(tsv: str) -> list[OcrLine]:
    """tesseract's TSV (level, page, block, par, line, word, left, top, width, height, conf, text) → lines."""
    lines: dict[tuple, list[OcrWord]] = {}
    for row in tsv.splitlines()[1:]:
        f = row.split("\t")
        if len(f) < 12 or f[0] != "5" or not f[11].strip():
            continue
        left, top, width, height = (int(v) for v in f[6:10])
        conf = float(f[10])
        lines.setdefault((f[2], f[3], f[4]), []).append(
            OcrWord(f[11].strip(), (left, top, left + width, top + height), conf / 100 if conf >= 0 else None))
    return [OcrLine(words) for words in lines.values()]


def _straightened(gray: np.ndarray) -> np.ndarray:
    """The page deskewed with trueocr's estimate where it is installed (tesseract reads a tilted page, but
    the table rules are found only on a level one); else as it is."""
    try:
        from trueocr.page import DESKEW_MIN, estimate_skew, rotate_page
    except ImportError:
        return gray
    angle = estimate_skew(gray)
    return rotate_page(gray, angle) if abs(angle) >= DESKEW_MIN else gray
