"""Legacy Word .doc and .rtf → .docx through LibreOffice headless, then read as a .docx.

    OfficeReader("doc").read(doc_bytes, "cv123.doc")
      runs `soffice --headless --convert-to docx` in a private temporary folder and profile
      → the Draft of the converted .docx (its paragraphs, headings, tables and merges)

Without LibreOffice the error names the Debian package (libreoffice-writer-nogui). A
conversion that runs longer than ASSISTANT_CONVERT_TIMEOUT_S (default 180 s) is killed and
reported. Each conversion has its own LibreOffice profile, so two at once do not collide.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ground.errors import IngestError, UnsupportedFormatError

from .draft import Draft
from .magic import LEGACY_OFFICE, check_magic
from .read_docx import DocxReader

INSTALL = "`apt-get install libreoffice-writer-nogui` (Debian/Ubuntu)"
_WANT = {"doc": LEGACY_OFFICE, "rtf": "an RTF document"}


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


class OfficeReader:
    def __init__(self, ext: str):
        self.ext = ext

    def read(self, data: bytes, name: str) -> Draft:
        if self.ext == "doc" and data.startswith(b"PK\x03\x04"):
            raise UnsupportedFormatError("is a .docx (Word 2007+) file named .doc; rename it to .docx", name)
        check_magic(data, name, _WANT[self.ext], self.ext)
        exe = soffice()
        if exe is None:
            raise UnsupportedFormatError(
                f"is a legacy .{self.ext} file, read through LibreOffice, which is not installed; install it: "
                f"{INSTALL}, or open the file and save it as .docx", name)
        docx = convert_to_docx(exe, data, self.ext, name)
        return DocxReader().read(docx, name)


def convert_to_docx(exe: str, data: bytes, ext: str, name: str) -> bytes:
    timeout = float(os.environ.get("ASSISTANT_CONVERT_TIMEOUT_S") or 180)
    with tempfile.TemporaryDirectory(prefix="soffice-") as tmp:
        src = Path(tmp) / f"in.{ext}"
        src.write_bytes(data)
        cmd = [exe, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", "docx", "--outdir", tmp, str(src)]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # soffice starts helpers: end its whole session
            proc.communicate()
            raise IngestError(f"LibreOffice took over {timeout:g} s to convert the .{ext} file and was stopped; "
                              f"convert it by hand (`soffice --headless --convert-to docx FILE`) or raise "
                              f"ASSISTANT_CONVERT_TIMEOUT_S", name) from None
        out = Path(tmp) / "in.docx"
        if proc.returncode or not out.is_file():
            why = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit code {proc.returncode}"]
            raise IngestError(f"LibreOffice could not convert the .{ext} file ({why[0]}); open it in Word or "
                              "LibreOffice and save it as .docx", name)
        return out.read_bytes()
