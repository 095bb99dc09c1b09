"""What the assistant hands to its shells: an Answer with its Citations."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Citation:
    """One quoted source. ``text`` is exactly ``document_text[start:end]``."""

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

    def to_json(self) -> dict:
        return {
            "document": self.document,
            "doc_id": self.doc_id,
            "province": self.province,
            "locator": self.locator,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "highlight": self.highlight,
            "doc_kind": self.doc_kind,
            "number": self.number,
            "date": self.date,
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
