"""Limits that hold before parsing: zip bombs, unpacked size, PDF pages, OCR pages, characters.

The zip bomb is real: a .docx written by python-docx whose word/document.xml is then
replaced by 300 MB of paragraphs (packed to about 0.3 MB). Reading it in a fresh process
must be refused and must not grow that process's peak memory.
"""
from __future__ import annotations

import json
import re
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ground.errors import ConfigError, IngestError
from ingest.readers.registry import read_source

try:
    from fixtures_build import build_image_pdf
except ImportError:  # tests/ collected as a package
    from tests.fixtures_build import build_image_pdf

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
ND30 = DATA / "nd30-2020-ND-CP.docx"
AN_GIANG = ROOT / "corpus" / "000_b12ca13682d2ba48.txt"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def inflate(src: Path, dst: Path, member: str, mb: int) -> Path:
    """Copy the package ``src`` with ``member`` replaced by ``mb`` MB of Word paragraphs, streamed."""
    para = ("<w:p><w:r><w:t>" + "Kế hoạch triển khai " * 50 + "</w:t></w:r></w:p>").encode()
    chunk = para * (2**20 // len(para) + 1)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != member:
                zout.writestr(info, zin.read(info))
        with zout.open(member, "w", force_zip64=False) as f:
            f.write(f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>'.encode())
            for _ in range(mb):
                f.write(chunk)
            f.write(b"</w:body></w:document>")
    return dst


def lie_about_size(path: Path, member: str, claimed: int) -> None:
    """Make the zip's headers claim ``member`` unpacks to ``claimed`` bytes (it does not)."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:  # central directory entries
        n = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + n] == name:
            struct.pack_into("<I", data, at + 24, claimed)
            local = struct.unpack_from("<I", data, at + 42)[0]
            struct.pack_into("<I", data, local + 22, claimed)
        at += 4
    path.write_bytes(bytes(data))


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    from docx import Document

    d = tmp_path_factory.mktemp("bomb")
    Document().save(str(d / "seed.docx"))
    return inflate(d / "seed.docx", d / "bomb.docx", "word/document.xml", 300)


PEAK = """
import json, resource, sys
from ingest.readers.registry import read_source
from ground.errors import IngestError
import docx, lxml.etree  # loaded before the baseline: a parser's own code is not the file's cost
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    read_source(sys.argv[1])
    error = None
except IngestError as err:
    error = str(err)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"base_mb": base / 1024, "peak_mb": peak / 1024, "error": error}))
"""


def peak_reading(path: Path, env: dict | None = None) -> dict:
    """Read ``path`` in a fresh process; its peak memory before and after, and the error."""
    import os

    out = subprocess.run([sys.executable, "-c", PEAK, str(path)], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, **(env or {})}, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_zip_bomb_is_refused_before_parsing_in_bounded_memory(bomb):
    assert bomb.stat().st_size < 2 * 2**20  # about 1,000× compression
    with zipfile.ZipFile(bomb) as z:
        assert z.getinfo("word/document.xml").file_size > 300 * 2**20
    r = peak_reading(bomb)
    print(f"zip bomb {bomb.stat().st_size / 2**20:.2f} MB → 300 MB: peak RSS {r['base_mb']:.0f} → "
          f"{r['peak_mb']:.0f} MB")
    assert re.search(r"word/document\.xml unpacks to 300\.\d MB .* ASSISTANT_MAX_ZIP_RATIO=\d+", r["error"])
    assert r["peak_mb"] - r["base_mb"] < 50


def test_total_unpacked_size_is_its_own_limit(bomb, monkeypatch):
    monkeypatch.setenv("ASSISTANT_MAX_ZIP_RATIO", "100000")  # the ratio let through: the total still holds
    with pytest.raises(IngestError, match=r"over the 100\.0 MB limit.*ASSISTANT_MAX_UNZIPPED_MB=301"):
        read_source(bomb)
    monkeypatch.setenv("ASSISTANT_MAX_UNZIPPED_MB", "0.05")
    with pytest.raises(IngestError, match="ASSISTANT_MAX_UNZIPPED_MB=1"):
        read_source(ND30)  # a genuine decree unpacks to about 0.3 MB
    monkeypatch.delenv("ASSISTANT_MAX_UNZIPPED_MB")
    assert "Số: 30/2020/NĐ-CP" in read_source(ND30).text  # read whole again under the default limit


def test_xml_to_parse_has_a_tighter_limit(bomb, monkeypatch):
    monkeypatch.setenv("ASSISTANT_MAX_ZIP_RATIO", "100000")
    monkeypatch.setenv("ASSISTANT_MAX_UNZIPPED_MB", "1000")  # both let through: the XML limit still holds
    with pytest.raises(IngestError, match=r"300\.\d MB of XML text to parse, over the 20\.0 MB limit.*"
                                          r"ASSISTANT_MAX_XML_MB=301"):
        read_source(bomb)


def test_a_member_that_lies_about_its_size_is_not_expanded(bomb, tmp_path):
    liar = tmp_path / "liar.docx"
    liar.write_bytes(bomb.read_bytes())
    lie_about_size(liar, "word/document.xml", 4000)
    r = peak_reading(liar)
    print(f"lying zip bomb (claims 4,000 bytes, holds 300 MB): peak RSS {r['base_mb']:.0f} → {r['peak_mb']:.0f} MB")
    assert "part word/document.xml is damaged or does not hold what its header says" in r["error"]
    assert "CRC" in r["error"]
    assert r["peak_mb"] - r["base_mb"] < 50


def test_xlsx_bomb_is_refused(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "Chỉ tiêu"
    wb.save(str(tmp_path / "seed.xlsx"))
    bomb = inflate(tmp_path / "seed.xlsx", tmp_path / "bomb.xlsx", "xl/worksheets/sheet1.xml", 120)
    with pytest.raises(IngestError, match=r"xl/worksheets/sheet1\.xml unpacks to 120\.\d MB.*ASSISTANT_MAX_ZIP_RATIO"):
        read_source(bomb)


def test_pdf_page_limits(tmp_path, monkeypatch):
    pdf = build_image_pdf(tmp_path / "scan.pdf", pages=3)
    monkeypatch.setenv("ASSISTANT_MAX_PDF_PAGES", "2")
    with pytest.raises(IngestError, match="has 3 pages, over the 2 limit.*ASSISTANT_MAX_PDF_PAGES=3"):
        read_source(pdf)
    monkeypatch.delenv("ASSISTANT_MAX_PDF_PAGES")
    from ingest.ocr import engines as ocr

    if ocr.missing():
        pytest.skip(f"OCR page limit needs tesseract: {ocr.missing()}")
    monkeypatch.setenv("ASSISTANT_MAX_OCR_PAGES", "1")
    with pytest.raises(IngestError, match="3 scanned pages to OCR, over the 1 limit.*ASSISTANT_MAX_OCR_PAGES=3"):
        read_source(pdf)


def test_character_limit(monkeypatch):
    n = len(read_source(AN_GIANG).text)
    monkeypatch.setenv("ASSISTANT_MAX_CHARS", "10000")
    with pytest.raises(IngestError, match=f"holds {n:,} characters.*ASSISTANT_MAX_CHARS={n}"):
        read_source(AN_GIANG)


def test_a_bad_limit_setting_is_named(monkeypatch):
    monkeypatch.setenv("ASSISTANT_MAX_ZIP_RATIO", "lots")
    with pytest.raises(ConfigError, match="ASSISTANT_MAX_ZIP_RATIO='lots' is not a positive number"):
        read_source(ND30)
