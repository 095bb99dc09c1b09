"""One file → (text, format, warnings), or an IngestError that says what to do.

    read_file("corpus/000_b12ca13682d2ba48.txt") → (" KẾ HOẠCH\\nTriển khai …", "txt", [])
    read_file("plan.docx")      → ("KẾ HOẠCH\\n…\\nSTT  Chỉ tiêu  Đơn vị\\n1  Tỷ lệ hộ nghèo  %\\n…", "docx", [])
    read_file("scan.pdf")       → NeedsOCRError: "… has no text layer … run OCR, e.g. `ocrmypdf -l vie …`"
    read_file("old_tcvn3.txt")  → ("Cộng hoà xã hội …", "txt", ["converted from the legacy TCVN3 (ABC) encoding …"])

The text is always NFC with "\\n" line ends; form feeds (page breaks from
pdftotext) become "\\n" and other control characters are dropped, so that
every later character offset is an offset into exactly this string.

Word tables: one table row is one line, its cells joined by TWO spaces, each
cell's own paragraphs and runs of whitespace collapsed to one space. So
``line.split("  ")`` gives the cells back, an empty cell included (its two
neighbours' separators meet: "a    c" → ["a", "", "c"]). A cell spanning
columns is written once; a cell continuing a vertical merge is written empty,
so each figure appears once, where the document has it. Page headers,
footers and text boxes of a .docx are not read: plans keep no content there.
"""
from __future__ import annotations

import codecs
import io
import os
import re
import unicodedata
import zipfile
from pathlib import Path

from ingest.errors import (
    BinaryFileError,
    EmptyFileError,
    EncodingError,
    IngestError,
    NeedsOCRError,
    UnsupportedFormatError,
)

from .blocks import Source
from .legacy import convert_legacy, detect_legacy, looks_vietnamese

SUPPORTED = ("txt", "md", "pdf", "docx")
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
MIN_PAGE_CHARS = 20  # below this a PDF page counts as having no text layer

# Magic numbers of formats people drop into a folder of documents by mistake.
_MAGIC = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Office file (.doc/.xls)"),
    (b"\x7fELF", "an ELF executable"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"{\\rtf", "an RTF document"),
]
_IMAGE_HINT = " If it is a scanned page, run OCR (e.g. `tesseract page.png out -l vie`) and ingest the text."
_TEXT_CONTROL = set(b"\t\n\r\x0b\x0c\x1a\x1b")  # \x1a: DOS end-of-file; \x1b: ANSI colours in logs
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufeff]")
_LEGACY_HELP = (
    "convert it with UniKey's converter (UniKey → Công cụ chuyển mã: source {src}, destination Unicode) "
    "or open it in Word/LibreOffice with the legacy font and save as Unicode (UTF-8 .txt or .docx)"
)
# Latin-1 → Windows-1252 for 0x80-0x9F; the five bytes cp1252 leaves undefined stay as they are.
_CP1252 = {b: bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0xA0)}
_LEGACY_NAME = {"TCVN3": "TCVN3 (ABC)", "VNI": "VNI Windows"}


def read_file(path: str | Path, *, max_bytes: int | None = None) -> tuple[str, str, list[str]]:
    """Read ``path`` into (text, format, warnings); raise an IngestError subclass otherwise."""
    p = Path(path)
    name = str(path)
    fmt = p.suffix.lower().lstrip(".")
    if fmt not in SUPPORTED:
        found = f"'.{fmt}'" if fmt else "no extension"
        raise UnsupportedFormatError(
            f"unsupported file type ({found}); supported: {', '.join('.' + s for s in SUPPORTED)}. "
            "Save or export the document as one of these.", name)
    if not p.is_file():
        raise IngestError("file not found (or not a regular file); check the path", name)
    size = p.stat().st_size
    if max_bytes is None:  # deployers raise it without code: ASSISTANT_MAX_FILE_MB
        max_bytes = int(float(os.environ.get("ASSISTANT_MAX_FILE_MB", DEFAULT_MAX_BYTES / 2**20)) * 2**20)
    if size > max_bytes:
        raise IngestError(
            f"file is {_size(size)}, over the {_size(max_bytes)} limit; split it, "
            f"or raise the limit: ASSISTANT_MAX_FILE_MB={size // 2**20 + 1}", name)
    data = p.read_bytes()
    if not data:
        raise EmptyFileError("file is empty (0 bytes); check the export or copy that produced it", name)
    warnings: list[str] = []
    if fmt == "pdf":
        text = _read_pdf(data, name, warnings)
    elif fmt == "docx":
        text = _read_docx(data, name)
    else:
        text = _decode(data, name, warnings)
    text = _normalise(text)
    if not text.strip():
        raise EmptyFileError(f"file holds no text ({len(data)} bytes, all whitespace or empty)", name)
    return _fix_legacy(text, name, warnings), fmt, warnings


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n:,} bytes"


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x0b", "\n")  # \v: Word's line break
    return unicodedata.normalize("NFC", _CONTROLS.sub("", text))


def _sniff(data: bytes) -> str | None:
    """What a known magic number says the bytes are, or None."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    if data.startswith(b"MZ") and b"\x00" in data[:64]:
        return "a Windows executable"
    return None


def _check_text_bytes(data: bytes, name: str) -> None:
    """Refuse bytes that are not text: a known format, NUL bytes or many control bytes."""
    what = _sniff(data)
    if what == "a PDF document":
        raise BinaryFileError("is a PDF document saved with a text extension; rename it to .pdf", name)
    if what == "an RTF document":
        raise UnsupportedFormatError("is an RTF document; save it as .docx or UTF-8 .txt", name)
    if what == "a ZIP archive" and _zip_has(data, "word/document.xml"):
        raise BinaryFileError("is a Word .docx saved with a text extension; rename it to .docx", name)
    if what:
        raise BinaryFileError(f"is not text: it looks like {what}." + (_IMAGE_HINT if "image" in what else ""),
                              name)
    sample = data[:65536]
    nul = sample.find(b"\x00")
    if nul >= 0:
        raise BinaryFileError(f"is not text: it has NUL bytes (first at byte offset {nul}); "
                              "if it is UTF-16 text, save it again with a BOM or as UTF-8", name)
    controls = sum(1 for b in sample if b < 32 and b not in _TEXT_CONTROL or b == 127)
    if controls / len(sample) > 0.05:
        raise BinaryFileError(f"is not text: {controls / len(sample):.0%} of its first bytes are control "
                              "characters; check that it is the document and not a program or archive", name)


def _bomless_utf16(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NULs sit on one side of every pair, as in UTF-16 text."""
    sample = data[:4096]
    if len(sample) < 8 or len(sample) % 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even == 0:
        return "utf-16-le"
    if even > 0.3 * half and odd == 0:
        return "utf-16-be"
    return None


def _plausible_text(text: str) -> bool:
    """Latin script, Vietnamese letters, punctuation: what a BOM-less UTF-16 guess must give.
    Pairs of ASCII bytes with NULs between ("abc\\0def\\0") would decode to CJK instead."""
    ok = sum(c in "\t\n\r" or " " <= c <= "\u024f" or "\u0300" <= c <= "\u036f" or "\u1e00" <= c <= "\u1eff"
             or "\u2000" <= c <= "\u206f" for c in text)
    return bool(text) and ok / len(text) >= 0.95


def _decode(data: bytes, name: str, warnings: list[str]) -> str:
    """Bytes of a .txt/.md file → str: BOMs, UTF-8, UTF-16, then a Vietnamese fallback."""
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                       (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):  # UTF-32 first: its LE BOM starts with the UTF-16 LE one
            return _strict(data, len(bom), codec, name)
    guess = _bomless_utf16(data)
    if guess and _sniff(data) is None:
        text = _strict(data, 0, guess, name)
        if _plausible_text(text):
            warnings.append(f"decoded as {guess.upper()} without a byte-order mark; save it as UTF-8")
            return text
    _check_text_bytes(data, name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        bad_at, bad = err.start, data[err.start]
    loose = data[:1 << 20].decode("utf-8", errors="replace")
    if sum(ord(c) > 0x7F for c in loose) > 3 * loose.count("\ufffd"):
        _raise_bad_utf8(name, bad, bad_at)  # UTF-8 with a few damaged bytes: no other encoding fits
    latin = data.decode("latin-1").translate(_CP1252)  # what a legacy-font file shows as
    legacy = detect_legacy(latin)
    if legacy and not convert_legacy(latin[:200_000], legacy)[1]:
        return latin  # _fix_legacy converts it, with a warning
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        text = ""
    if text and looks_vietnamese(text):
        warnings.append("decoded as Windows-1258 (not UTF-8); save the file as UTF-8 to silence this")
        return text
    if legacy:
        return latin  # _fix_legacy refuses it with the legacy-encoding advice
    _raise_bad_utf8(name, bad, bad_at)


def _raise_bad_utf8(name: str, bad: int, bad_at: int):
    raise EncodingError(
        f"is not valid UTF-8: byte 0x{bad:02X} at byte offset {bad_at} cannot be decoded, and the file is "
        "not Windows-1258, TCVN3 or VNI Vietnamese either; save it as UTF-8 "
        "(e.g. `iconv -f <its encoding> -t UTF-8 in.txt > out.txt`)", name)


def _strict(data: bytes, skip: int, codec: str, name: str) -> str:
    try:
        return data[skip:].decode(codec)
    except UnicodeDecodeError as err:
        raise EncodingError(f"is not valid {codec.upper()}: bad bytes at byte offset {skip + err.start}; "
                            "save it again as UTF-8", name) from None


def _fix_legacy(text: str, name: str, warnings: list[str]) -> str:
    """Convert TCVN3/VNI text read as Latin-1, or refuse when it cannot be done faithfully."""
    legacy = detect_legacy(text)
    if not legacy:
        return text
    label = _LEGACY_NAME[legacy]
    converted, unmapped = convert_legacy(text, legacy)
    if unmapped or not looks_vietnamese(converted):
        why = f"characters {' '.join(unmapped[:10])} have no {label} mapping" if unmapped else \
            "the converted text does not read as Vietnamese"
        raise EncodingError(f"looks like {label} legacy encoding but cannot be converted faithfully ({why}); "
                            + _LEGACY_HELP.format(src=label), name)
    warnings.append(f"converted from the legacy {label} encoding to Unicode; check a few accented words, "
                    "and save the source as Unicode to skip this step")
    return converted


def _zip_has(data: bytes, member: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return member in z.namelist()
    except zipfile.BadZipFile:
        return False


def _check_magic(data: bytes, name: str, want: str, ext: str) -> None:
    """The bytes of a .pdf/.docx file must be that format; say what they are instead."""
    what = _sniff(data)
    if what == want:
        return
    if what == "a legacy Office file (.doc/.xls)":
        raise UnsupportedFormatError("is a legacy Word 97-2003 .doc (or .xls) file; open it and save as .docx, "
                                     "or run `soffice --headless --convert-to docx FILE`", name)
    if what:
        raise BinaryFileError(f"is named .{ext} but holds {what}." + (_IMAGE_HINT if "image" in what else ""),
                              name)
    if b"\x00" in data[:4096]:
        raise BinaryFileError(f"is named .{ext} but is not {want}, nor text; check that it is the document", name)
    raise UnsupportedFormatError(f"is named .{ext} but holds plain text; rename it to .txt", name)


def _read_pdf(data: bytes, name: str, warnings: list[str]) -> str:
    from pypdf import PdfReader  # imported here: only PDF ingestion pays for it
    from pypdf.errors import PdfReadError

    if b"%PDF-" not in data[:1024]:
        _check_magic(data, name, "a PDF document", "pdf")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError("PDF is password-protected; remove the password "
                              "(`qpdf --decrypt --password=… in.pdf out.pdf`) and ingest the copy", name)
        pages = [page.extract_text() or "" for page in reader.pages]
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
    counts = [len("".join(t.split())) for t in pages]
    blank = [i + 1 for i, c in enumerate(counts) if c < MIN_PAGE_CHARS]
    if not pages or len(blank) == len(pages):
        raise NeedsOCRError(
            f"PDF has {len(pages)} page(s) but no text layer ({sum(counts)} characters in all): it is a scan "
            "and needs OCR; run e.g. `ocrmypdf -l vie in.pdf out.pdf` and ingest out.pdf", name)
    if blank:
        listed = ", ".join(map(str, blank[:20])) + (" …" if len(blank) > 20 else "")
        warnings.append(f"PDF page(s) {listed} have (almost) no text layer; if they are scans, "
                        "run `ocrmypdf -l vie` on the file so their text is searchable")
    return "\n".join(pages)


def _cell_text(cell) -> str:
    return " ".join(" ".join(p.text.split()) for p in cell.paragraphs if p.text.strip())


def _row_line(row) -> str:
    cells, seen = [], set()
    for cell in row.cells:
        tc = cell._tc  # python-docx repeats a spanning cell per grid column: write it once
        if id(tc) in seen:
            continue
        seen.add(id(tc))
        # A vertical-merge continuation yields the cell above (another row's <w:tc>): leave it empty.
        cells.append(_cell_text(cell) if tc.getparent() is row._tr else "")
    return "  ".join(cells)


def _read_docx(data: bytes, name: str) -> str:
    from docx import Document  # imported here: only .docx ingestion pays for it
    from docx.table import Table

    _check_magic(data, name, "a ZIP archive", "docx")
    if not _zip_has(data, "word/document.xml"):
        inside = "an Excel workbook" if _zip_has(data, "xl/workbook.xml") else "no word/document.xml"
        raise BinaryFileError(f"is a ZIP archive but not a Word document ({inside}); "
                              "give the .docx itself, or unpack the archive first", name)
    try:
        doc = Document(io.BytesIO(data))
        lines = []
        for block in doc.iter_inner_content():  # paragraphs and tables in document order
            if isinstance(block, Table):
                lines.extend(_row_line(r) for r in block.rows)
            else:
                lines.append(block.text)
    except Exception as err:  # a damaged package fails deep inside python-docx/lxml
        raise IngestError(f".docx cannot be read ({type(err).__name__}: {err}); open it in Word or "
                          "LibreOffice and save it again", name) from None
    return "\n".join(lines)


def read_source(path: str | Path, *, max_bytes: int | None = None) -> Source:
    """``path`` → Source (text, format, warnings, blocks); plain-text formats carry no blocks."""
    text, fmt, warnings = read_file(path, max_bytes=max_bytes)
    return Source(text, fmt, warnings, None)
