"""Limits checked before a file is parsed, each raised by one environment setting.

A hostile or broken file must be refused from what it declares, before a parser expands it:
a 1 MB .docx whose ``word/document.xml`` unpacks to 300 MB once took a server to 16.5 GB.

    setting                       default   what it bounds
    ASSISTANT_MAX_FILE_MB         50        the file on disk
    ASSISTANT_MAX_UNZIPPED_MB     100       all members of a .docx/.xlsx, unpacked
    ASSISTANT_MAX_XML_MB          20        its XML members (what the parsers build trees of), unpacked
    ASSISTANT_MAX_ZIP_RATIO       100       unpacked / packed size of any member over 1 MB
    ASSISTANT_MAX_PDF_PAGES       1000      pages of a PDF
    ASSISTANT_MAX_OCR_PAGES       60        pages of a PDF that need OCR (each takes seconds)
    ASSISTANT_MAX_CHARS           5000000   characters of one document's text

    check_zip(bomb_bytes, "bomb.docx")
      → IngestError("bomb.docx: word/document.xml unpacks to 300.0 MB from 0.3 MB (1,000× compression),
         over the 100× limit for a document part; … raise it: ASSISTANT_MAX_ZIP_RATIO=1001")

The sizes come from the zip's central directory, and the headers could lie: a member that
claims 4 KB may hold 300 MB, and Python's zipfile, asked for a whole member (as python-docx and
openpyxl ask), inflates all of it before it cuts it to the claimed size and fails its CRC. So
every member is also inflated here once, 1 MB at a time, and must check out (size and CRC):
after that the parsers read exactly the sizes the limits were checked against.
"""
from __future__ import annotations

import io
import os
import zipfile

from ground.errors import ConfigError, IngestError

_DEFAULTS = {
    "ASSISTANT_MAX_FILE_MB": 50.0,
    "ASSISTANT_MAX_UNZIPPED_MB": 100.0,
    "ASSISTANT_MAX_XML_MB": 20.0,
    "ASSISTANT_MAX_ZIP_RATIO": 100.0,
    "ASSISTANT_MAX_PDF_PAGES": 1000.0,
    "ASSISTANT_MAX_OCR_PAGES": 60.0,
    "ASSISTANT_MAX_CHARS": 5_000_000.0,
}
# Parsing costs about 15 MB of memory per MB of Word XML (measured: a 20 MB document.xml peaks 313 MB
# over the baseline), so the parsed parts have a tighter limit than pictures, which stay bytes.
RATIO_FLOOR = 2**20  # members under 1 MB may compress as well as they like: they cannot hurt


def limit(setting: str) -> float:
    """The value in force for ``setting``; a bad value is an error naming it."""
    raw = os.environ.get(setting)
    if raw is None or not raw.strip():
        return _DEFAULTS[setting]
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if value <= 0:
        raise ConfigError(f"{setting}={raw!r} is not a positive number; unset it or give e.g. "
                          f"{setting}={_DEFAULTS[setting]:g}")
    return value


def size(n: float) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{int(n):,} bytes"


def check_zip(data: bytes, name: str) -> None:
    """Refuse a .docx/.xlsx whose members would unpack too large or too fast."""
    max_total = limit("ASSISTANT_MAX_UNZIPPED_MB") * 2**20
    max_ratio = limit("ASSISTANT_MAX_ZIP_RATIO")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except zipfile.BadZipFile as err:
        raise IngestError(f"is not a readable ZIP package ({err}); open it in Word/Excel or LibreOffice "
                          "and save it again", name) from None
    total = xml = 0
    for info in infos:
        total += info.file_size
        if info.filename.lower().endswith((".xml", ".rels")):
            xml += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and ratio > max_ratio:
            raise IngestError(
                f"{info.filename} unpacks to {size(info.file_size)} from {size(info.compress_size)} "
                f"({ratio:,.0f}× compression), over the {max_ratio:,.0f}× limit for a document part; it is "
                f"probably a zip bomb. If the file is genuine, raise the limit: "
                f"ASSISTANT_MAX_ZIP_RATIO={int(ratio) + 1}", name)
    if total > max_total:
        raise IngestError(
            f"unpacks to {size(total)} in {len(infos)} parts, over the {size(max_total)} limit; split the "
            f"document, or raise the limit: ASSISTANT_MAX_UNZIPPED_MB={int(total / 2**20) + 1}", name)
    max_xml = limit("ASSISTANT_MAX_XML_MB") * 2**20
    if xml > max_xml:
        raise IngestError(
            f"has {size(xml)} of XML text to parse, over the {size(max_xml)} limit (about 15 MB of memory per "
            f"MB); split the document, or raise the limit: ASSISTANT_MAX_XML_MB={int(xml / 2**20) + 1}", name)
    _verify(data, infos, name)


def _verify(data: bytes, infos: list[zipfile.ZipInfo], name: str) -> None:
    """Inflate every member in 1 MB steps: a member whose real size or CRC differs from its header
    fails here, in bounded memory, instead of inside a parser that reads it whole."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for info in infos:
            try:
                with z.open(info) as f:
                    while f.read(2**20):
                        pass
            except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as err:
                raise IngestError(f".{info.filename.rsplit('.', 1)[-1]} part {info.filename} is damaged or does "
                                  f"not hold what its header says ({err}); open the file in Word/Excel or "
                                  "LibreOffice and save it again", name) from None


def check_pages(pages: int, name: str, *, setting: str = "ASSISTANT_MAX_PDF_PAGES", what: str = "pages") -> None:
    most = int(limit(setting))
    if pages > most:
        raise IngestError(f"has {pages:,} {what}, over the {most:,} limit; split the PDF "
                          f"(`qpdf in.pdf --pages . 1-{most} -- part1.pdf`), or raise the limit: "
                          f"{setting}={pages}", name)


def check_chars(n: int, name: str) -> None:
    most = int(limit("ASSISTANT_MAX_CHARS"))
    if n > most:
        raise IngestError(f"holds {n:,} characters of text, over the {most:,} limit for one document; "
                          f"split it, or raise the limit: ASSISTANT_MAX_CHARS={n}", name)
