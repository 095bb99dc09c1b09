"""Typed records passed between ingest, index and assistant.

All spans are character offsets into ``Document.text`` (the decoded source,
NFC, ``\\n`` line ends): ``doc.text[span.start:span.end]`` is the exact quote.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .admin_units import with_level  # "tỉnh Kon Tum", "thành phố Cần Thơ"


@dataclass
class DocMeta:
    """What the text says about itself (never the file name)."""

    kind: str | None = None  # "Kế hoạch", "Quyết định", "Luật", ...
    number: str | None = None  # "422/KH-UBND", "08/2025/TT-BYT"
    date: str | None = None  # ISO "2025-04-15", or "2024" when only the year is printed
    issuer: str | None = None  # "Ủy ban nhân dân tỉnh An Giang"
    province: str | None = None  # "An Giang"
    title: str | None = None  # trích yếu
    signer: str | None = None
    signer_title: str | None = None  # "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    implements: list[str] = field(default_factory=list)  # ["Nghị quyết số 42-NQ/TW", ...]
    signer_span: tuple[int, int] | None = None  # the signature block, for citing "who signed"

    def display_name(self) -> str:
        """`Kế hoạch 422/KH-UBND ngày 15/4/2025 của UBND tỉnh An Giang`, or what is known."""
        if self.kind in ("Luật", "Bộ luật") and self.title:  # laws are known by name: "Luật Du lịch"
            return f"{self.kind} {self.title[0].upper()}{self.title[1:]}"
        parts = [self.kind or "Văn bản"]
        if self.number:
            parts.append(self.number)
        if self.date and len(self.date) == 10:
            y, m, d = self.date.split("-")
            parts.append(f"ngày {int(d)}/{int(m)}/{y}")
        elif self.date:
            parts.append(f"năm {self.date}")
        if self.province:
            parts.append(f"của UBND {with_level(self.province)}")
        elif self.issuer:
            parts.append(f"của {self.issuer}")
        elif self.title and not self.number:
            parts.append(self.title)
        return " ".join(parts)


@dataclass
class Footnote:
    marker: str  # "5"
    text: str  # "Trong trường hợp Bộ Y tế triển khai đủ 12 loại vắc xin"
    start: int
    end: int


@dataclass
class TargetValue:
    """One cell of a target column, kept raw and parsed only where unambiguous.

    Worked examples (raw → comparator, low, high, text):
        "<3,5"        → "<",  3.5,  3.5,  None
        "> 95"        → ">",  95,   95,   None
        "0,5-1,2"     → None, 0.5,  1.2,  None
        ">= 1"        → ">=", 1,    1,    None
        "6.300"       → None, 6300, 6300, None      (thousands dot)
        "2,500" (Căn hộ) → None, 2500, 2500, None, ambiguous=True (unit counts items)
        "Bảo đảm"     → None, None, None, "Bảo đảm"
        "-"           → None, None, None, None      (no target that year)
    """

    year: int
    raw: str
    comparator: str | None = None
    low: float | None = None
    high: float | None = None
    text: str | None = None  # qualitative target or the part not parsed
    note: str | None = None  # parenthesised qualifier: "(14 loại vắc xin)"
    ambiguous: bool = False  # the number format could be read two ways
    footnotes: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.raw.strip() in ("", "-", "–")


@dataclass
class TargetRow:
    """One indicator row of a *Phụ lục* target table."""

    doc_id: str
    group: str  # "IX Nhà ở"
    index: int  # 1-based position inside the group, printed STT or not
    number: str | None  # the STT printed in the table, if any
    indicator: str  # full indicator text, multi-line cells re-joined
    unit: str | None
    values: list[TargetValue]
    agency: str | None = None
    note: str | None = None
    parent: str | None = None  # indicator of the parent row, for sub-rows
    label: str | None = None  # sub-row label ("Thành thị"), None for top rows
    start: int = 0
    end: int = 0
    parent_span: tuple[int, int] | None = None
    parent_ref: str | None = None  # the parent's STT (or position): sub-rows are located under it

    @property
    def locator(self) -> str:
        """`Phụ lục › IX Nhà ở › 1`; a sub-row under its parent: `Phụ lục › IX Nhà ở › 3 › Thành thị`."""
        if self.parent and self.label and self.parent_ref:
            return f"Phụ lục › {self.group} › {self.parent_ref} › {self.label.lstrip('-+ ').strip()}"
        return f"Phụ lục › {self.group} › {self.number or self.index}"

    def value_for(self, year: int) -> TargetValue | None:
        return next((v for v in self.values if v.year == year), None)

    @property
    def years(self) -> list[int]:
        return [v.year for v in self.values]


@dataclass
class Chunk:
    """A retrievable unit: a clause, a group of short items, a table row, a signature."""

    doc_id: str
    chunk_id: str  # stable: f"{doc_id}:{ordinal}"
    kind: str  # "clause" | "row" | "signature" | "preamble" | "article"
    locator: str  # "Mục III › 3 › c)", "Điều 31 › Khoản 2", "Phụ lục › IX Nhà ở › 1"
    heading_path: list[str]
    start: int
    end: int
    text: str  # == Document.text[start:end]
    search_text: str = ""  # normalised text used for retrieval (headings prepended)
    row: TargetRow | None = None


@dataclass
class Document:
    doc_id: str  # first 16 hex of the content hash
    path: str
    sha256: str
    format: str  # "txt" | "pdf" | "docx" | "md"
    text: str
    meta: DocMeta
    chunks: list[Chunk] = field(default_factory=list)
    rows: list[TargetRow] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.meta.display_name()

    def quote(self, start: int, end: int) -> str:
        return self.text[start:end]

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> Document:
        """Inverse of ``to_dict`` (dataclasses nest, so rebuild each level)."""
        meta = DocMeta(**{**d["meta"], "signer_span": tuple(d["meta"]["signer_span"]) if d["meta"].get("signer_span") else None})
        rows = [_row(r) for r in d["rows"]]
        by_span = {(r.start, r.end, r.group, r.index): r for r in rows}
        chunks = []
        for c in d["chunks"]:
            row = c.pop("row", None)
            chunk = Chunk(**c)
            if row:
                chunk.row = by_span.get((row["start"], row["end"], row["group"], row["index"])) or _row(row)
            chunks.append(chunk)
        return cls(doc_id=d["doc_id"], path=d["path"], sha256=d["sha256"], format=d["format"],
                   text=d["text"], meta=meta, chunks=chunks, rows=rows,
                   footnotes=[Footnote(**f) for f in d.get("footnotes", [])], warnings=d.get("warnings", []))


def _row(r: dict) -> TargetRow:
    r = dict(r)
    r["values"] = [TargetValue(**v) for v in r["values"]]
    if r.get("parent_span"):
        r["parent_span"] = tuple(r["parent_span"])
    return TargetRow(**r)
