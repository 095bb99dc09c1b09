"""One file → a Source (text, format, warnings, blocks), or an IngestError that says what to do.

    read_source("corpus/000_b12ca13682d2ba48.txt") → Source(" KẾ HOẠCH\\nTriển khai …", "txt", [], None)
    read_source("plan.docx")   → Source("KẾ HOẠCH\\n…\\nSTT  Chỉ tiêu  Đơn vị\\n1  Tỷ lệ hộ nghèo  %\\n…",
                                        "docx", [], [Block("heading", …), …, Block("table", …)])
    read_source("scan.pdf")    → OCR'd text and tables (ASSISTANT_OCR engine, trueocr by default); NeedsOCRError
                                 naming what to install where the engine is not
    read_source("old.doc")     → converted by LibreOffice headless, then read as .docx
    read_file(path)            → (text, format, warnings): read_source without the blocks

The text is always NFC with "\\n" line ends; form feeds become "\\n" and other control
characters are dropped, so that every later character offset is an offset into exactly this
string, and every block's and cell's span is an offset into it too. Each format has one
reader (``READERS``: extension → an object with ``read(data, name) -> Draft``); this module
does what is common to all: the extension, the file's size, emptiness, the character limit,
and legacy TCVN3/VNI text (converted piece by piece so the spans stay exact).
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ground.errors import EmptyFileError, EncodingError, IngestError, UnsupportedFormatError

from .blocks import Source
from .draft import Draft
from .legacy import convert_legacy, detect_legacy, looks_vietnamese
from .limits import check_chars, limit, size
from .read_docx import DocxReader
from .read_html import HtmlReader
from .read_office import OfficeReader
from .read_pdf import MIN_PAGE_CHARS, PdfReader
from .read_text import TextReader
from .read_xlsx import XlsxReader

READERS = {
    "txt": TextReader(),
    "md": TextReader(),
    "pdf": PdfReader(),
    "docx": DocxReader(),
    "html": HtmlReader(),
    "htm": HtmlReader(),
    "xlsx": XlsxReader(),
    "doc": OfficeReader("doc"),
    "rtf": OfficeReader("rtf"),
}
SUPPORTED = tuple(READERS)
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
__all__ = ["read_source", "read_file", "SUPPORTED", "READERS", "DEFAULT_MAX_BYTES", "MIN_PAGE_CHARS"]

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufeff]")
_LEGACY_HELP = (
    "convert it with UniKey's converter (UniKey → Công cụ chuyển mã: source {src}, destination Unicode) "
    "or open it in Word/LibreOffice with the legacy font and save as Unicode (UTF-8 .txt or .docx)"
)
_LEGACY_NAME = {"TCVN3": "TCVN3 (ABC)", "VNI": "VNI Windows"}


def read_source(path: str | Path, *, max_bytes: int | None = None) -> Source:
    """Read ``path`` into a Source; raise an IngestError subclass otherwise."""
    p = Path(path)
    name = str(path)
    fmt = p.suffix.lower().lstrip(".")
    if fmt not in READERS:
        found = f"'.{fmt}'" if fmt else "no extension"
        raise UnsupportedFormatError(
            f"unsupported file type ({found}); supported: {', '.join('.' + s for s in SUPPORTED)}. "
            "Save or export the document as one of these.", name)
    if not p.is_file():
        raise IngestError("file not found (or not a regular file); check the path", name)
    nbytes = p.stat().st_size
    if max_bytes is None:  # deployers raise it without code: ASSISTANT_MAX_FILE_MB
        max_bytes = int(limit("ASSISTANT_MAX_FILE_MB") * 2**20)
    if nbytes > max_bytes:
        raise IngestError(
            f"file is {size(nbytes)}, over the {size(max_bytes)} limit; split it, "
            f"or raise the limit: ASSISTANT_MAX_FILE_MB={nbytes // 2**20 + 1}", name)
    data = p.read_bytes()
    if not data:
        raise EmptyFileError("file is empty (0 bytes); check the export or copy that produced it", name)
    draft = READERS[fmt].read(data, name)
    return finish(draft, "html" if fmt == "htm" else fmt, name, len(data))


def read_file(path: str | Path, *, max_bytes: int | None = None) -> tuple[str, str, list[str]]:
    """(text, format, warnings) of ``path``: ``read_source`` without the blocks."""
    src = read_source(path, max_bytes=max_bytes)
    return src.text, src.format, src.warnings


def finish(draft: Draft, fmt: str, name: str, nbytes: int) -> Source:
    """Normalise, check and (for legacy fonts) convert a reader's Draft into the Source."""
    raw = normalise(draft.raw_text())
    if not raw.strip():
        raise EmptyFileError(f"file holds no text ({nbytes} bytes, all whitespace or empty)", name)
    check_chars(len(raw), name)
    fix = normalise
    legacy = detect_legacy(raw)
    warnings = []
    if legacy:
        _check_legacy(raw, legacy, name)
        fix = lambda s: convert_legacy(normalise(s), legacy)[0]  # noqa: E731
        warnings.append(f"converted from the legacy {_LEGACY_NAME[legacy]} encoding to Unicode; check a few "
                        "accented words, and save the source as Unicode to skip this step")
    src = draft.finish(fmt, fix, with_blocks=draft.structured)
    src.warnings.extend(warnings)
    return src


def normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x0b", "\n")  # \v: Word's line break
    return unicodedata.normalize("NFC", _CONTROLS.sub("", text))


def _check_legacy(text: str, legacy: str, name: str) -> None:
    """Refuse TCVN3/VNI text that cannot be converted faithfully."""
    label = _LEGACY_NAME[legacy]
    converted, unmapped = convert_legacy(text, legacy)
    if unmapped or not looks_vietnamese(converted):
        why = f"characters {' '.join(unmapped[:10])} have no {label} mapping" if unmapped else \
            "the converted text does not read as Vietnamese"
        raise EncodingError(f"looks like {label} legacy encoding but cannot be converted faithfully ({why}); "
                            + _LEGACY_HELP.format(src=label), name)
