"""What the bytes of a file really are, whatever its name says.

    sniff(b"%PDF-1.7 …")                      → "a PDF document"
    sniff(b"\\x89PNG\\r\\n\\x1a\\n…")             → "a PNG image"
    check_magic(png_bytes, "a.pdf", "a PDF document", "pdf")
        → BinaryFileError("a.pdf: is named .pdf but holds a PNG image. If it is a scanned page, run OCR …")
"""
from __future__ import annotations

import io
import zipfile

from ground.errors import BinaryFileError, UnsupportedFormatError

# Magic numbers of formats people drop into a folder of documents by mistake.
MAGIC = [
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
IMAGE_HINT = " If it is a scanned page, run OCR (e.g. `tesseract page.png out -l vie`) and ingest the text."
LEGACY_OFFICE = "a legacy Office file (.doc/.xls)"


def sniff(data: bytes) -> str | None:
    """What a known magic number says the bytes are, or None."""
    for magic, what in MAGIC:
        if data.startswith(magic):
            return what
    if data.startswith(b"MZ") and b"\x00" in data[:64]:
        return "a Windows executable"
    return None


def zip_has(data: bytes, member: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return member in z.namelist()
    except zipfile.BadZipFile:
        return False


def check_magic(data: bytes, name: str, want: str, ext: str) -> None:
    """The bytes of a .pdf/.docx/.xlsx/.doc/.rtf file must be that format; say what they are instead."""
    what = sniff(data)
    if what == want:
        return
    if what == LEGACY_OFFICE and ext in ("xlsx", "xls"):
        raise UnsupportedFormatError("is a legacy Excel 97-2003 .xls (or .doc) file; open it and save as .xlsx",
                                     name)
    if what == LEGACY_OFFICE:
        raise UnsupportedFormatError("is a legacy Word 97-2003 .doc (or .xls) file named ." + ext
                                     + "; rename it to .doc (read through LibreOffice), or open it and save "
                                     "as .docx", name)
    if what == "an RTF document":
        raise UnsupportedFormatError(f"is an RTF document named .{ext}; rename it to .rtf", name)
    if what:
        raise BinaryFileError(f"is named .{ext} but holds {what}." + (IMAGE_HINT if "image" in what else ""),
                              name)
    if b"\x00" in data[:4096]:
        raise BinaryFileError(f"is named .{ext} but is not {want}, nor text; check that it is the document", name)
    raise UnsupportedFormatError(f"is named .{ext} but holds plain text; rename it to .txt", name)
