"""Build the binary and wrongly-encoded test inputs at test time, offline.

Nothing here is shipped in the repo: each builder writes into a pytest tmp dir.

    build_text_pdf(p, [["KẾ HOẠCH", "Triển khai …"], ["Trang 2"]])  → PDF with a real text layer
    build_image_pdf(p, pages=2)                                     → PDF of pictures only (a "scan")
    build_docx(p, ["KẾ HOẠCH", "…"], [["STT", "Chỉ tiêu"], ["1", "Tỷ lệ"]])

The text PDF embeds DejaVu Sans (Debian's fonts-dejavu-core, already on the
machine) as a CID font with Identity-H encoding and a ToUnicode map: that is
how Word and LibreOffice write Vietnamese, so pypdf reads it back the same
way it reads a real plan. A hand-written writer keeps the tests free of a PDF
generation dependency.
"""
from __future__ import annotations

import struct
import zlib
from pathlib import Path

FONT_CANDIDATES = [
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/TTF/DejaVuSans.ttf"),
]


def find_font() -> Path | None:
    return next((p for p in FONT_CANDIDATES if p.is_file()), None)


class _TrueType:
    """Just enough of a TrueType file: char → glyph id, advance widths, metrics."""

    def __init__(self, data: bytes):
        self.data = data
        n = struct.unpack(">H", data[4:6])[0]
        self.tables = {}
        for i in range(n):
            tag, _, off, length = struct.unpack(">4sIII", data[12 + 16 * i: 28 + 16 * i])
            self.tables[tag.decode("latin-1")] = (off, length)
        head = self.tables["head"][0]
        self.upem = struct.unpack(">H", data[head + 18: head + 20])[0]
        self.bbox = struct.unpack(">hhhh", data[head + 36: head + 44])
        hhea = self.tables["hhea"][0]
        self.ascent, self.descent = struct.unpack(">hh", data[hhea + 4: hhea + 8])
        self.n_metrics = struct.unpack(">H", data[hhea + 34: hhea + 36])[0]
        self._cmap = self._read_cmap4()

    def _read_cmap4(self) -> tuple[int, int]:
        base = self.tables["cmap"][0]
        count = struct.unpack(">H", self.data[base + 2: base + 4])[0]
        for i in range(count):
            pid, eid, off = struct.unpack(">HHI", self.data[base + 4 + 8 * i: base + 12 + 8 * i])
            sub = base + off
            if (pid, eid) == (3, 1) and struct.unpack(">H", self.data[sub: sub + 2])[0] == 4:
                return sub, struct.unpack(">H", self.data[sub + 6: sub + 8])[0] // 2
        raise ValueError("font has no Unicode BMP (3,1) format-4 cmap")

    def glyph(self, char: str) -> int:
        c = ord(char)
        sub, segs = self._cmap
        u16 = lambda at: struct.unpack(">H", self.data[at: at + 2])[0]  # noqa: E731
        ends, starts = sub + 14, sub + 16 + 2 * segs
        deltas, ranges = starts + 2 * segs, starts + 4 * segs
        for i in range(segs):
            if u16(ends + 2 * i) < c:
                continue
            start = u16(starts + 2 * i)
            if start > c:
                return 0
            delta, rng = u16(deltas + 2 * i), u16(ranges + 2 * i)
            if rng == 0:
                return (c + delta) & 0xFFFF
            gid = u16(ranges + 2 * i + rng + 2 * (c - start))
            return (gid + delta) & 0xFFFF if gid else 0
        return 0

    def width(self, gid: int) -> int:
        hmtx = self.tables["hmtx"][0]
        i = min(gid, self.n_metrics - 1)
        return struct.unpack(">H", self.data[hmtx + 4 * i: hmtx + 4 * i + 2])[0] * 1000 // self.upem


def _stream(body: bytes, extra: str = "", compress: bool = True) -> bytes:
    if compress:
        body = zlib.compress(body)
        extra += " /Filter /FlateDecode"
    return f"<< /Length {len(body)}{extra} >>\nstream\n".encode() + body + b"\nendstream"


def _write_pdf(path: Path, objects: list[bytes]) -> None:
    """Objects are numbered from 1 in list order; object 1 must be the catalog."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))


def build_text_pdf(path: Path, pages: list[list[str]], font: Path | None = None) -> Path:
    """A PDF whose pages show ``pages`` (lists of lines) in DejaVu Sans, with a text layer."""
    font = font or find_font()
    if font is None:
        raise FileNotFoundError("DejaVuSans.ttf not found: apt-get install fonts-dejavu-core")
    tt = _TrueType(font.read_bytes())
    used: dict[int, str] = {}
    contents = []
    for lines in pages:
        ops = ["BT", "/F1 11 Tf", "14 TL", "50 790 Td"]
        for line in lines:
            gids = [tt.glyph(c) for c in line]
            used.update({g: c for g, c in zip(gids, line, strict=True) if g})
            ops.append(f"<{''.join(f'{g:04X}' for g in gids)}> Tj T*")
        ops.append("ET")
        contents.append("\n".join(ops).encode())
    n_pages = len(pages)
    # Object layout: 1 catalog, 2 pages, 3 Type0 font, 4 CID font, 5 descriptor,
    # 6 font file, 7 ToUnicode, then (page, content) pairs.
    first = 8
    kids = " ".join(f"{first + 2 * i} 0 R" for i in range(n_pages))
    widths = " ".join(f"{g} [{tt.width(g)}]" for g in sorted(used))
    bfchars = "\n".join(f"<{g:04X}> <{ord(c):04X}>" for g, c in sorted(used.items()))
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            f"{len(used)} beginbfchar\n{bfchars}\nendbfchar\n"
            "endcmap CMapName currentdict /CMap defineresource pop end end")
    x0, y0, x1, y1 = (v * 1000 // tt.upem for v in tt.bbox)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode(),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /DejaVuSans /Encoding /Identity-H "
        b"/DescendantFonts [4 0 R] /ToUnicode 7 0 R >>",
        f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /DejaVuSans /CIDSystemInfo "
        f"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 5 0 R "
        f"/CIDToGIDMap /Identity /DW 600 /W [{widths}] >>".encode(),
        f"<< /Type /FontDescriptor /FontName /DejaVuSans /Flags 32 /FontBBox [{x0} {y0} {x1} {y1}] "
        f"/ItalicAngle 0 /Ascent {tt.ascent * 1000 // tt.upem} /Descent {tt.descent * 1000 // tt.upem} "
        f"/CapHeight 729 /StemV 80 /FontFile2 6 0 R >>".encode(),
        _stream(tt.data, f" /Length1 {len(tt.data)}"),
        _stream(cmap.encode()),
    ]
    for i, content in enumerate(contents):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {first + 2 * i + 1} 0 R "
                       f"/Resources << /Font << /F1 3 0 R >> >> >>".encode())
        objects.append(_stream(content))
    _write_pdf(path, objects)
    return path


def build_image_pdf(path: Path, pages: int = 2) -> Path:
    """A PDF whose pages are only pictures (grey stripes standing for a scanned page)."""
    w, h = 64, 90
    pixels = bytes((255 if (y // 6) % 2 else 40) for y in range(h) for _ in range(w))
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b"",
                            _stream(pixels, f" /Type /XObject /Subtype /Image /Width {w} /Height {h} "
                                            "/ColorSpace /DeviceGray /BitsPerComponent 8")]
    kids = []
    for _ in range(pages):
        kids.append(f"{len(objects) + 1} 0 R")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {len(objects) + 2} 0 R "
                       "/Resources << /XObject << /Im1 3 0 R >> >> >>".encode())
        objects.append(_stream(b"q 495 0 0 742 50 50 cm /Im1 Do Q"))
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {pages} >>".encode()
    _write_pdf(path, objects)
    return path


def build_docx(path: Path, paragraphs: list[str], table: list[list[str]] | None = None,
               after: list[str] | None = None, merge_first_column: bool = False) -> Path:
    """A .docx: ``paragraphs``, then ``table`` (rows of cells, "\\n" = a second paragraph
    in the cell), then ``after``. ``merge_first_column`` merges rows 1-2 of column 0."""
    from docx import Document

    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    if table:
        t = doc.add_table(rows=len(table), cols=max(map(len, table)))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                first, *more = value.split("\n")
                cell = t.cell(r, c)
                cell.text = first
                for extra in more:
                    cell.add_paragraph(extra)
        if merge_first_column and len(table) > 2:
            t.cell(1, 0).merge(t.cell(2, 0))
    for text in after or []:
        doc.add_paragraph(text)
    doc.save(str(path))
    return path


def encode_cp1258(text: str) -> bytes:
    """Vietnamese → Windows-1258 bytes. cp1258 has â ê ô ơ ư ă đ precomposed but the five
    tones only as combining marks, so each letter is written as its shaped base + its tone."""
    import unicodedata

    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in unicodedata.normalize("NFC", text):
        nfd = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in tones))
        out.append(base + "".join(c for c in nfd if c in tones))
    return "".join(out).encode("cp1258")
