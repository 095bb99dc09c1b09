"""A citation quotes ``doc.text[start:end]`` exactly, with the document's identity to show beside it."""
from __future__ import annotations

from ingest.model import Document

from .model import Citation


def span_citation(doc: Document, locator: str, start: int, end: int, kind: str) -> Citation:
    """A citation quoting ``doc.text[start:end]``, with the document's identity to show beside it."""
    return Citation(document=doc.name, doc_id=doc.doc_id, province=doc.meta.province, locator=locator,
                    text=doc.text[start:end], start=start, end=end, kind=kind,
                    doc_kind=doc.meta.kind, number=doc.meta.number, date=doc.meta.date)
