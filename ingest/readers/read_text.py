"""Plain text and Markdown → str: byte-order marks, UTF-8, UTF-16, Windows-1258, legacy fonts.

    TextReader().read(b"\xef\xbb\xbfK\xe1\xba\xbf ho\xe1\xba\xa1ch", "a.txt")  → Draft of "Kế hoạch"
    TextReader().read(b"\x89PNG\r\n\x1a\n…", "scan.txt")  → BinaryFileError "… looks like a PNG image …"

Bytes that are no text (an image, an archive, a PDF or .docx with the wrong name) are refused
with what they are. Text in the legacy TCVN3/VNI fonts is returned as read (Latin-1): the
dispatcher (``ingest.readers.registry``) detects and converts it for every format alike. Structure is
not guessed here: a text file's Source has ``blocks=None``.
"""
from __future__ import annotations

import codecs
import unicodedata

from ground.errors import BinaryFileError, EncodingError, UnsupportedFormatError

from .draft import Draft
from .legacy import convert_legacy, detect_legacy, looks_vietnamese
from .magic import IMAGE_HINT, sniff, zip_has

_TEXT_CONTROL = set(b"\t\n\r\x0b\x0c\x1a\x1b")  # \x1a: DOS end-of-file; \x1b: ANSI colours in logs
# Latin-1 → Windows-1252 for 0x80-0x9F; the five bytes cp1252 leaves undefined stay as they are.
_CP1252 = {b: bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0xA0)}


class TextReader:
    def read(self, data: bytes, name: str) -> Draft:
        draft = Draft(structured=False)
        draft.paragraph(_decode(data, name, draft.warnings))
        return draft


def _check_text_bytes(data: bytes, name: str) -> None:
    """Refuse bytes that are not text: a known format, NUL bytes or many control bytes."""
    what = sniff(data)
    if what == "a PDF document":
        raise BinaryFileError("is a PDF document saved with a text extension; rename it to .pdf", name)
    if what == "an RTF document":
        raise UnsupportedFormatError("is an RTF document saved with a text extension; rename it to .rtf", name)
    if what == "a ZIP archive" and zip_has(data, "word/document.xml"):
        raise BinaryFileError("is a Word .docx saved with a text extension; rename it to .docx", name)
    if what:
        raise BinaryFileError(f"is not text: it looks like {what}." + (IMAGE_HINT if "image" in what else ""),
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
    if guess and sniff(data) is None:
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
