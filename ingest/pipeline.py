"""File → Document: read, find metadata, footnotes, structure and appendix rows.

    doc = load_document("corpus/000_b12ca13682d2ba48.txt")
    doc.meta.number          → "422/KH-UBND"
    doc.chunks[5].locator    → "Mục II › 1 › b)"
    doc.rows[0].locator      → "Phụ lục › I Ưu đãi NCC với cách mạng › 1"   (a target row: doc.rows[0].values)

``ingest_paths`` walks files and folders, keeps going when one file fails and
reports what went in and what did not.
"""
from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from ground.admin_units import with_level
from ground.errors import IngestError
from ground.normalize import join_wraps
from ground.symbols import defined_abbreviations, expand_abbreviations, expand_symbols

from .meta.metadata import extract_metadata
from .model import Chunk, Document, TableRow
from .ocr.engines import mark_ocr
from .readers.blocks import Block, Table
from .readers.registry import SUPPORTED as READABLE
from .readers.registry import read_source
from .tables.appendix import parse_appendix, row_sentence
from .tables.pipe_tables import find_pipe_tables
from .tables.table_bounds import split_at_titles
from .tables.table_rows import is_field_box, is_layout, table_rows
from .text.footnotes import bracket_regions, detach_markers, find_bracket_footnotes, find_footnotes, footnote_regions
from .text.page_view import JOINER, chrome_spans, marked_words, reading_view, without_chrome, words_joined
from .text.parts import Part, split_parts
from .text.procedures import procedure_fields
from .text.structure import split_structure

SUPPORTED = tuple(f".{ext}" for ext in READABLE)  # every format a reader is registered for
_OWN_FILES = ("docx", "pdf", "xlsx", "doc", "rtf")  # formats an office writes itself (no site chrome)
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
            "target_rows": sum(sum(r.by_year for r in d.rows) for d in self.documents),
            "warnings": sum(len(d.warnings) for d in self.documents),
            "errors": len(self.errors),
            "seconds": round(self.seconds, 3),
            "chars_per_second": round(self.chars / self.seconds) if self.seconds else None,
        }


def load_document(path: str | Path) -> Document:
    src = read_source(path)
    return parse_text(src.text, str(path), src.format, src.warnings, blocks=src.blocks)


def _metadata(marked: str):
    """The document's metadata read with its words whole (``words_joined`` of the ``marked_words`` view: "V/v
    ch**ính sách thu**ế", "Hà Nội, ng**ày" of a saved page), the signature's span mapped back to the text's offsets."""
    joined, at = words_joined(marked)
    meta = extract_metadata(joined)
    if meta.signer_span:
        s, e = meta.signer_span
        meta.signer_span = (at[s], at[e - 1] + 1 if e > s else at[s])
    return meta


def parse_text(text: str, path: str = "<text>", fmt: str = "txt", warnings: list[str] | None = None,
               blocks: list[Block] | None = None) -> Document:
    """Text (and a reader's blocks, where the format has them) → a located, chunked Document.

    Every stage after the reader reads ``view`` — the text with markup, table pipes and site
    chrome blanked to spaces (``page_view``) — so offsets found there slice ``text`` exactly.
    """
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    doc_id = sha[:16]
    # A legal-document site's banner and boxes exist only in saved pages: a Word file or a PDF is the
    # document itself, and its annex that quotes "CỘNG HÒA XÃ HỘI …" in an example is not chrome above it.
    chrome = chrome_spans(text) if fmt not in _OWN_FILES else []
    view = reading_view(text, chrome)
    words = marked_words(text, view)  # the view for strings (metadata, search texts): a word markup splits read whole
    meta = _metadata(words)
    notes = find_footnotes(view) + find_bracket_footnotes(view)
    targets, table_notes = parse_appendix(view, doc_id)
    known = {(n.marker, n.start) for n in notes}
    notes += [n for n in table_notes if (n.marker, n.start) not in known]
    doc = Document(doc_id=doc_id, path=path, sha256=sha, format=fmt, text=text, meta=meta,
                   rows=list(targets), footnotes=notes, warnings=list(warnings or []))
    body_start = chrome[0][1] if chrome and chrome[0][0] == 0 else 0
    body_end = next((a for a, b in chrome if b == len(text) and a > 0), len(text))
    tables = [b.table for b in blocks if b.table is not None] if blocks is not None \
        else find_pipe_tables(without_chrome(text, chrome))
    tables = [t for t in tables if t.start >= body_start and t.end <= body_end]
    parts = split_parts(view, body_start, body_end)
    table_skip = _read_tables(doc, view, tables, parts)
    after = 1 + max((r.table for r in doc.rows if not r.by_year), default=-1)
    for row in targets:  # the appendix's target tables are numbered after the document's other tables
        row.table += after
    prose_end = _appendix_start(view, targets) if targets else body_end
    skip = footnote_regions(view, notes) + bracket_regions(view, notes) + table_skip + chrome
    markers = [n.marker for n in notes]
    context = _context(meta)
    own_abbr = defined_abbreviations(view)
    for part in parts:
        if part.start >= prose_end:
            break
        pieces = split_structure(view, min(part.end, prose_end), max_chars=MAX_CHUNK_CHARS, skip=skip,
                                 start=part.start)
        for p in _capped(view, pieces):
            if len(parts) > 1 and part.start > body_start:
                p.heading_path = [part.title, *p.heading_path]
                p.locator = f"{part.title} › {p.locator}"
            _add_clause(doc, words, p, skip, markers, context, own_abbr)
    for f in procedure_fields(view, body_start, body_end):
        _add_procedure_field(doc, words, f, parts, markers, context)
    for n in notes:  # footnotes are text too ("Kế hoạch số 119-KH/TU …"), linked by their marker
        doc.chunks.append(Chunk(doc_id, f"{doc_id}:{len(doc.chunks)}", "footnote", f"Chú thích {n.marker}",
                                ["Chú thích"], n.start, n.end, text[n.start:n.end],
                                f"{context} | chú thích {n.marker} | {n.text} | {expand_symbols(n.text)}"))
    if meta.signer_span:
        s, e = meta.signer_span
        doc.chunks.append(Chunk(doc_id, f"{doc_id}:{len(doc.chunks)}", "signature", "Chữ ký",
                                ["Chữ ký"], s, e, text[s:e],
                                f"{context} | người ký, ký tên, signed by | {join_wraps(view[s:e])}"))
    for row in doc.rows:
        doc.chunks.append(_row_chunk(doc, row, markers, context, own_abbr))
    if not doc.rows and re.search(r"(?im)^\s*phụ lục\s*$", view):
        doc.warnings.append("Có Phụ lục nhưng không đọc được dòng chỉ tiêu nào (appendix found, no rows parsed)")
    mark_ocr(doc, blocks)  # figures read from a scan say so in their citation
    doc.warnings = list(dict.fromkeys(doc.warnings))  # re-parsing stored text must not repeat them
    return doc


def _read_tables(doc: Document, view: str, tables: list[Table], parts: list[Part]) -> list[tuple[int, int]]:
    """Data tables → ``doc.rows``; returns the spans their rows cover (not chunked as prose).
    A table whose rows cannot be read stays prose, with a warning on the document."""
    spans = []
    tables = [part for t in tables for part in split_at_titles(t)]  # one form per table
    for k, table in enumerate(tables):
        if is_layout(table) or is_field_box(table):  # its cells name their values: read as text
            continue
        after = tables[k - 1].end if k else 0  # a caption never reaches back into the table before
        caption = _caption(view, table, parts, after)
        found = table_rows(table, k, doc.doc_id, caption)
        title_at = _title_start(view, table, caption, after)
        for row in found:  # the table's title is cited with its header: it says what the figures count
            if row.header_span and title_at is not None:
                row.header_span = (title_at, row.header_span[1])
        if found:
            doc.rows.extend(found)
            spans.append((table.start, table.end))
        elif len(table.rows) >= 3:
            doc.warnings.append(f"Bảng {k + 1} ({caption or 'không tên'}) không đọc được thành dòng; "
                                "giữ dạng văn bản (table kept as text: no header row found)")
        doc.warnings.extend(table.warnings)
    return spans


def _title_start(view: str, table: Table, caption: str, after: int = 0) -> int | None:
    """Where the title of ``caption`` ("THÔNG SỐ, TẦN SUẤT, … NĂM 2026") starts, within 600
    characters above the table; None when it is not found there."""
    title = caption.split(" › ")[-1].lstrip("…")
    words = re.findall(r"[^\W_]+", title)[:4]
    if len(words) < 2:
        return None
    above = max(0, after, table.start - 600)
    found = list(re.finditer(r"[\W_]+".join(map(re.escape, words)), view[above:table.start]))
    return above + found[-1].start() if found else None


def _caption(view: str, table: Table, parts: list[Part], after: int = 0) -> str:
    """ "Phụ lục I › Thang điểm thi đua …": the annex the table sits in and the title above it.

    The title is the text between the annex heading (or, outside an annex, the last 300
    characters) and the table, without the "(Kèm theo … )" line."""
    part = next((p for p in parts if p.start <= table.start < p.end), None)
    start = part.start if part and part.annex and table.start - part.start < 1500 else table.start - 300
    lead = " ".join(view[max(0, start, after):table.start].split())
    lead = re.sub(r"\(\s*(?:ban hành\s+)?kèm theo[^)]*\)?", " ", lead, flags=re.I)
    # the annex's title line alone goes ("PHỤ LỤC I"); a title going on in its line stays whole ("DANH MỤC VÀ …")
    title_line = view[part.start:view.find("\n", part.start) % (len(view) + 1)].split() if part else []
    if part and part.annex and len(title_line) <= len(part.title.split()):
        lead = re.sub(rf"^\s*{re.escape(part.title)}\b", "", lead, flags=re.I)
    lead = " ".join(lead.split()).strip(" .:;-")
    title = lead if len(lead) <= 200 else "…" + lead[-197:].split(" ", 1)[-1]
    head = part.title if part and part.annex else ""
    return " › ".join(x for x in (head, title) if x)


def _capped(view: str, pieces: list) -> list:
    """No piece longer than the embedder reads: long ones are cut at line ends, same locator."""
    out = []
    for p in pieces:
        if p.end - p.start <= MAX_CHUNK_CHARS * 1.4:
            out.append(p)
            continue
        pos = p.start
        while pos < p.end:
            cut = min(p.end, pos + MAX_CHUNK_CHARS)
            if cut < p.end:
                nl = view.rfind("\n", pos + MAX_CHUNK_CHARS // 2, cut)
                cut = nl if nl > pos else cut
            if view[pos:cut].strip():
                out.append(replace(p, start=pos, end=cut))
            pos = cut
    return out


def _row_chunk(doc: Document, row: TableRow, markers: list[str], context: str, own_abbr: dict[str, str]) -> Chunk:
    """A row's chunk: its sentence (``row_sentence``) and the abbreviations in it spelled out. A target row's
    sentence names its province and appendix itself, and its cells may hold footnote markers glued to the
    figures; any other row's is led by the document's kind, number and province, and the abbreviations the
    document defines itself are spelled out in it."""
    sentence = row_sentence(row, doc.meta.province)
    if row.by_year:
        sentence = detach_markers(sentence, markers)
        spelled = expand_abbreviations(sentence)
        search = f"{sentence} | {spelled}" if spelled else sentence
    else:
        spelled = expand_abbreviations(sentence, own_abbr)
        search = f"{context} | {sentence} | {spelled}" if spelled else f"{context} | {sentence}"
    return Chunk(doc.doc_id, f"{doc.doc_id}:{len(doc.chunks)}", "row", row.locator, [row.caption, *row.group],
                 row.start, row.end, doc.text[row.start:row.end], search, row=row)


def _add_procedure_field(doc: Document, view: str, f, parts: list[Part], markers, context: str) -> None:
    """A procedure's field as a unit of its own, headed by the procedure's title (``text/procedures.py``):
    its text may also sit in a clause or a layout table's row, where nothing names the procedure."""
    part = next((p for p in parts if p.start <= f.start < p.end), None)
    short = f.title if len(f.title) <= 90 else f.title[:90].rsplit(" ", 1)[0] + "…"
    heads = [f.title, f.label]
    locator = f"{short} › {f.label}"
    if part is not None and len(parts) > 1 and part.start > 0:
        heads, locator = [part.title, *heads], f"{part.title} › {locator}"
    clean = detach_markers(join_wraps(view[f.start:f.end].replace(JOINER, "")), markers)
    search = f"{context} | {f.title} › {f.label} | {clean}"
    doc.chunks.append(Chunk(doc.doc_id, f"{doc.doc_id}:{len(doc.chunks)}", "clause", locator, heads,
                            f.start, f.end, doc.text[f.start:f.end], search))


def _add_clause(doc: Document, view: str, p, skip, markers, context, own_abbr: dict[str, str]) -> None:
    quote_start, quote_end = p.start, p.end
    clean = detach_markers(join_wraps(_cut(view, quote_start, quote_end, skip).replace(JOINER, "")), markers)
    if not clean.strip():
        return
    heads = " › ".join(p.heading_path)
    search = f"{context} | {heads} | {clean}"
    spelled = " ".join(x for x in (expand_symbols(clean), expand_abbreviations(clean, own_abbr)) if x)
    if spelled:
        search += f" | {spelled}"
    if p.assignment and p.assignment not in clean:
        search += f" | {p.assignment}"
    doc.chunks.append(Chunk(doc.doc_id, f"{doc.doc_id}:{len(doc.chunks)}", p.kind, p.locator,
                            p.heading_path, quote_start, quote_end, doc.text[quote_start:quote_end], search))


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
    """Where the shipped plans' target appendix begins (its rows are read by ``parse_appendix``)."""
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
