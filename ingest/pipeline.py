"""File → Document: read, find metadata, footnotes, structure and appendix rows.

    doc = load_document("corpus/000_b12ca13682d2ba48.txt")
    doc.meta.number          → "422/KH-UBND"
    doc.chunks[5].locator    → "Mục II › 1 › b)"
    doc.rows[0].locator      → "Phụ lục › I Ưu đãi NCC với cách mạng › 1"

``ingest_paths`` walks files and folders, keeps going when one file fails and
reports what went in and what did not.
"""
from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from ingest.errors import IngestError

from .admin_units import with_level
from .appendix import parse_appendix, row_sentence
from .footnotes import detach_markers, find_footnotes, footnote_regions
from .metadata import extract_metadata
from .model import Chunk, Document
from .normalize import join_wraps
from .readers import read_file
from .structure import split_structure
from .symbols import expand_abbreviations, expand_symbols

SUPPORTED = (".txt", ".md", ".pdf", ".docx")
MAX_CHUNK_CHARS = 1200  # ~400 syllable tokens: inside multilingual-e5-small's 512


@dataclass
class IngestReport:
    documents: list[Document] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)  # {"path", "error", "message"}
    seconds: float = 0.0

    @property
    def chars(self) -> int:
        return sum(len(d.text) for d in self.documents)

    def summary(self) -> dict:
        return {
            "documents": len(self.documents),
            "chunks": sum(len(d.chunks) for d in self.documents),
            "rows": sum(len(d.rows) for d in self.documents),
            "warnings": sum(len(d.warnings) for d in self.documents),
            "errors": len(self.errors),
            "seconds": round(self.seconds, 3),
            "chars_per_second": round(self.chars / self.seconds) if self.seconds else None,
        }


def load_document(path: str | Path) -> Document:
    text, fmt, warnings = read_file(path)
    return parse_text(text, str(path), fmt, warnings)


def parse_text(text: str, path: str = "<text>", fmt: str = "txt", warnings: list[str] | None = None) -> Document:
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    doc_id = sha[:16]
    meta = extract_metadata(text)
    notes = find_footnotes(text)
    rows, table_notes = parse_appendix(text, doc_id)
    known = {(n.marker, n.start) for n in notes}
    notes += [n for n in table_notes if (n.marker, n.start) not in known]
    doc = Document(doc_id=doc_id, path=path, sha256=sha, format=fmt, text=text, meta=meta,
                   rows=rows, footnotes=notes, warnings=list(warnings or []))
    body_end = _appendix_start(text, rows)
    skip = footnote_regions(text, notes)
    pieces = split_structure(text, body_end, max_chars=MAX_CHUNK_CHARS, skip=skip)
    markers = [n.marker for n in notes]
    context = _context(meta)
    for p in pieces:
        quote = text[p.start:p.end]
        clean = detach_markers(join_wraps(_cut(text, p.start, p.end, skip)), markers)
        heads = " › ".join(p.heading_path)
        search = f"{context} | {heads} | {clean}"
        spelled = " ".join(x for x in (expand_symbols(clean), expand_abbreviations(clean)) if x)
        if spelled:
            search += f" | {spelled}"
        if p.assignment and p.assignment not in clean:
            search += f" | {p.assignment}"
        doc.chunks.append(Chunk(doc_id, f"{doc_id}:{len(doc.chunks)}", p.kind, p.locator,
                                p.heading_path, p.start, p.end, quote, search))
    for n in notes:  # footnotes are text too ("Kế hoạch số 119-KH/TU …"), linked by their marker
        doc.chunks.append(Chunk(doc_id, f"{doc_id}:{len(doc.chunks)}", "footnote", f"Chú thích {n.marker}",
                                ["Chú thích"], n.start, n.end, text[n.start:n.end],
                                f"{context} | chú thích {n.marker} | {n.text} | {expand_symbols(n.text)}"))
    if meta.signer_span:
        s, e = meta.signer_span
        doc.chunks.append(Chunk(doc_id, f"{doc_id}:{len(doc.chunks)}", "signature", "Chữ ký",
                                ["Chữ ký"], s, e, text[s:e],
                                f"{context} | người ký, ký tên, signed by | {join_wraps(text[s:e])}"))
    for row in rows:
        sentence = detach_markers(row_sentence(row, meta.province), markers)
        spelled = expand_abbreviations(sentence)
        doc.chunks.append(Chunk(doc_id, f"{doc_id}:{len(doc.chunks)}", "row", row.locator,
                                ["Phụ lục", row.group], row.start, row.end, text[row.start:row.end],
                                f"{sentence} | {spelled}" if spelled else sentence, row=row))
    if not rows and re.search(r"(?im)^\s*phụ lục\s*$", text):
        doc.warnings.append("Có Phụ lục nhưng không đọc được dòng chỉ tiêu nào (appendix found, no rows parsed)")
    doc.warnings = list(dict.fromkeys(doc.warnings))  # re-parsing stored text must not repeat them
    return doc


def ingest_paths(paths: list[str | Path], progress=None) -> IngestReport:
    """Load every supported file under ``paths``; one bad file never stops the batch."""
    report = IngestReport()
    files = list(iter_files(paths, report))
    t0 = time.perf_counter()
    for f in files:
        try:
            report.documents.append(load_document(f))
        except IngestError as err:
            report.errors.append({"path": str(f), "error": type(err).__name__, "message": str(err)})
        if progress:
            progress(f)
    report.seconds = time.perf_counter() - t0
    return report


def iter_files(paths: list[str | Path], report: IngestReport):
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED)
        elif p.is_file():
            yield p
        else:
            report.errors.append({"path": str(p), "error": "FileNotFoundError",
                                  "message": f"{p}: không tìm thấy tệp (file not found); kiểm tra đường dẫn"})


def _context(meta) -> str:
    bits = [meta.kind or "", meta.number or "", with_level(meta.province) if meta.province else ""]
    return " ".join(b for b in bits if b)


def _appendix_start(text: str, rows) -> int:
    m = re.search(r"(?m)^\s*(PHỤ LỤC|Phụ lục)\s*$", text)
    if m:
        return m.start()
    return min((r.start for r in rows), default=len(text))


def _cut(text: str, start: int, end: int, skip: list[tuple[int, int]]) -> str:
    """text[start:end] without the footnote blocks that fall inside it."""
    parts, pos = [], start
    for a, b in sorted(skip):
        if a >= end or b <= start:
            continue
        parts.append(text[pos:max(a, pos)])
        pos = max(pos, b)
    parts.append(text[pos:end])
    return " ".join(parts)
