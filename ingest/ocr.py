"""OCR of scanned PDF pages with tesseract's Vietnamese model (Debian tesseract-ocr-vie).

A page is rendered to a 300 dpi greyscale image (pypdfium2, which pdfplumber already brings)
and read by the ``tesseract`` command with ``-l vie``; pages come back as text, in order, with
a progress bar on stderr when there are several.

    ocr_pages(pdf_bytes, [0, 1, 2, 3], "kh753_scan.pdf")
      → {0: "TRƯỜNG ĐẠI HỌC CÔNG THƯƠNG …\\n\\nKẾ HOẠCH\\n…", 1: "…", …}
    missing()   → None when tesseract and its Vietnamese data are installed, else what to install

Environment: ASSISTANT_OCR_DPI (default 300), ASSISTANT_OCR_TIMEOUT_S per page (default 300).
"""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile

from .errors import IngestError, NeedsOCRError

INSTALL = "install it: `apt-get install tesseract-ocr tesseract-ocr-vie` (Debian/Ubuntu)"


@functools.cache
def missing() -> str | None:
    """What is missing for Vietnamese OCR, or None when it can run."""
    exe = shutil.which("tesseract")
    if exe is None:
        return "tesseract is not installed; " + INSTALL
    try:
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30).stdout.split()
    except (OSError, subprocess.SubprocessError) as err:
        return f"tesseract does not run ({err}); reinstall it: `apt-get install --reinstall tesseract-ocr`"
    if "vie" not in langs:
        return "tesseract has no Vietnamese data; install it: `apt-get install tesseract-ocr-vie`"
    return None


def ocr_pages(data: bytes, pages: list[int], name: str) -> dict[int, str]:
    """The OCR text of each 0-based page in ``pages``; NeedsOCRError when OCR cannot run."""
    why = missing()
    if why:
        raise NeedsOCRError(f"{len(pages)} page(s) have no text layer and need OCR, but {why}; or run "
                            "`ocrmypdf -l vie in.pdf out.pdf` elsewhere and ingest out.pdf", name)
    import pypdfium2  # imported here: only scans pay for it
    from tqdm import tqdm

    dpi = float(os.environ.get("ASSISTANT_OCR_DPI") or 300)
    timeout = float(os.environ.get("ASSISTANT_OCR_TIMEOUT_S") or 300)
    env = dict(os.environ)
    env.setdefault("OMP_THREAD_LIMIT", "1")  # one core per page: the machine is shared with the server
    out: dict[int, str] = {}
    pdf = pypdfium2.PdfDocument(data)
    try:
        with tempfile.TemporaryDirectory(prefix="ocr-") as tmp:
            bar = tqdm(pages, desc=f"OCR {os.path.basename(name)}", unit="page", disable=len(pages) < 2)
            for i in bar:
                image = pdf[i].render(scale=dpi / 72, grayscale=True).to_pil()
                png = os.path.join(tmp, f"p{i}.png")
                image.save(png)
                del image
                out[i] = _tesseract(png, env, timeout, name, i)
    finally:
        pdf.close()
    return out


def _tesseract(png: str, env: dict, timeout: float, name: str, page: int) -> str:
    try:
        done = subprocess.run(["tesseract", png, "stdout", "-l", "vie", "--psm", "3"], capture_output=True,
                              env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise IngestError(f"OCR of page {page + 1} took over {timeout:g} s; raise ASSISTANT_OCR_TIMEOUT_S, "
                          "or OCR the file beforehand (`ocrmypdf -l vie in.pdf out.pdf`)", name) from None
    if done.returncode:
        err = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        raise IngestError(f"OCR of page {page + 1} failed (tesseract: {err[0]})", name)
    return done.stdout.decode("utf-8", "replace")
