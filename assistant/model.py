"""What the assistant hands to its shells: an Answer with its Citations."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from ingest.text.page_view import reading_view


@dataclass
class OcrDoubt:
    """A word of a citation that OCR read with low confidence: ``document_text[start:end] == text``."""

    start: int
    end: int
    text: str
    confidence: float  # the engine's, 0..1

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "confidence": self.confidence}


@dataclass
class Citation:
    """One quoted source. ``text`` is exactly ``document_text[start:end]``; ``reading`` is the same
    span as a reader sees it (what the JSON's ``text`` carries)."""

    document: str  # readable name: "Kế hoạch 422/KH-UBND ngày 15/4/2025 của UBND tỉnh An Giang"
    doc_id: str
    province: str | None
    locator: str  # "Phụ lục › IX Nhà ở › 1", "Mục IV › 1"
    text: str
    start: int
    end: int
    kind: str = "clause"  # "row" | "clause" | "signature" | ...
    score: float = 0.0
    highlight: list[str] = field(default_factory=list)  # figures to highlight inside text
    doc_kind: str | None = None  # "Kế hoạch", "Quyết định", "Luật" … read from the text
    number: str | None = None  # "422/KH-UBND"
    date: str | None = None  # ISO "2025-04-15", or only the year ("2024") when the text gives no more
    ocr: bool = False  # the quote was read by OCR from a scanned page: to be checked against the scan
    unsure: list[OcrDoubt] = field(default_factory=list)  # its words the OCR engine was unsure of

    @property
    def unsure_figures(self) -> list[str]:
        """The highlighted figures (the answer's) that overlap a word OCR was unsure of."""
        spans = [(u.start - self.start, u.end - self.start) for u in self.unsure]
        out = []
        for fig in self.highlight:
            # where the sources panel marks it: as a whole number ("<3" is not the start of "<3,5")
            at = [m.span() for m in re.finditer(r"(?<![\w.,])" + re.escape(fig) + r"(?![\w]|[.,]\d)", self.text)]
            at = at or [m.span() for m in re.finditer(re.escape(fig), self.text)]
            if any(a < e and s < b for s, e in at for a, b in spans):
                out.append(fig)
        return out

    @property
    def reading(self) -> str:
        r"""The quote with the saved page's markup blanked — ``**``, italics' ``*``, lone ``|`` cell lines,
        ``#`` heading marks — and nothing else changed: same length, every other character the source's,
        so ``start``/``end`` and any offset into it still index the document. An API user reads the
        signature block as "THỦ TƯỚNG  \nPhạm Minh Chính", not "THỦ TƯỚNG**\nPhạm Minh Chính".

        >>> Citation("d", "d", None, "Chữ ký", "THỦ TƯỚNG**\nPhạm Minh Chính", 0, 27).reading
        'THỦ TƯỚNG  \nPhạm Minh Chính'
        """
        return reading_view(self.text)

    def to_json(self) -> dict:
        return {
            "document": self.document,
            "doc_id": self.doc_id,
            "province": self.province,
            "locator": self.locator,
            "text": self.reading,
            "source": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "highlight": self.highlight,
            "doc_kind": self.doc_kind,
            "number": self.number,
            "date": self.date,
            "ocr": self.ocr,
            "unsure": [u.to_json() for u in self.unsure],
            "unsure_figures": self.unsure_figures,
        }


@dataclass
class Answer:
    question: str
    text: str
    found: bool
    citations: list[Citation] = field(default_factory=list)
    lang: str = "vi"
    intent: str = "target"  # target | agency | compare | prose | metadata | unanswerable
    ms: float = 0.0  # wall time of ask(), milliseconds
    table: list[list[str]] | None = None  # comparison table: header row first

    def to_json(self) -> dict:
        """The shape the CLI's --json/--jsonl and POST /api/ask return."""
        return {
            "question": self.question,
            "answer": self.text,
            "found": self.found,
            "lang": self.lang,
            "intent": self.intent,
            "citations": [c.to_json() for c in self.citations],
            "table": self.table,
            "ms": round(self.ms, 1),
        }

    def as_dict(self) -> dict:
        return asdict(self)
