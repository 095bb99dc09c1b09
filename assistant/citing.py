"""A citation quotes ``doc.text[start:end]`` exactly, with the document's identity to show beside it,
and says whether OCR read that text (and which of its words the engine was unsure of)."""
from __future__ import annotations

from ingest.model import Document

from .model import Citation, OcrDoubt


def span_citation(doc: Document, locator: str, start: int, end: int, kind: str) -> Citation:
    """A citation quoting ``doc.text[start:end]``, with the document's identity to show beside it."""
    ocr, doubts = ocr_marks(doc, start, end)
    return Citation(document=doc.name, doc_id=doc.doc_id, province=doc.meta.province, locator=locator,
                    text=doc.text[start:end], start=start, end=end, kind=kind,
                    doc_kind=doc.meta.kind, number=doc.meta.number, date=doc.meta.date,
                    ocr=ocr, unsure=doubts)


def ocr_marks(doc: Document, start: int, end: int) -> tuple[bool, list[OcrDoubt]]:
    """Whether any of ``doc.text[start:end]`` was read by OCR, and the words inside it the engine was
    unsure of (from the chunks and table rows ingest flagged), in text order."""
    parts = [c for c in doc.chunks if c.ocr and c.start < end and start < c.end]
    parts += [r for r in doc.rows if r.ocr and r.start < end and start < r.end]
    seen: dict[tuple[int, int], OcrDoubt] = {}
    for part in parts:
        for u in part.unsure:
            if start <= u.start and u.end <= end:
                seen.setdefault((u.start, u.end), OcrDoubt(u.start, u.end, u.text, round(u.confidence, 2)))
    return bool(parts), sorted(seen.values(), key=lambda u: u.start)
