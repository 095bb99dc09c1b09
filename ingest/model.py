"""Typed records passed between ingest, index and assistant.

All spans are character offsets into ``Document.text`` (the decoded source,
NFC, ``\\n`` line ends): ``doc.text[span.start:span.end]`` is the exact quote.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, fields, is_dataclass
from functools import cache

from ground.admin_units import with_level  # "tỉnh Kon Tum", "thành phố Cần Thơ"


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
    effective: str | None = None  # "2025-12-10", or "ngày ký" when it takes effect on signing
    replaces: list[str] = field(default_factory=list)  # ["Quyết định số 10/2024/QĐ-UBND"]
    repeals: list[str] = field(default_factory=list)

    def display_name(self) -> str:
        """`Kế hoạch 422/KH-UBND ngày 15/4/2025 của UBND tỉnh An Giang`, or what is known."""
        if self.kind in ("Luật", "Bộ luật", "Pháp lệnh") and self.title:  # known by name: "Luật Du lịch"
            return f"{self.kind} {self.title[0].upper()}{self.title[1:]}"
        if self.kind == "Hiến pháp" and not self.number:  # one at a time, told apart by year: "Hiến pháp năm 2013"
            return f"Hiến pháp năm {self.date[:4]}" if self.date else "Hiến pháp"
        if self.title and not self.number and not self.date and self.kind:
            # no number, no date: the title line is all that tells it apart ("Nghị định về công tác văn thư")
            return f"{self.kind} {self.title[0].lower()}{self.title[1:]}"
        parts = [self.kind or "Văn bản"]
        if self.number:
            parts.append(self.number)
        if self.date and len(self.date) == 10:
            y, m, d = self.date.split("-")
            parts.append(f"ngày {int(d)}/{int(m)}/{y}")
        elif self.date:
            parts.append(f"năm {self.date}")
        if self.issuer and not re.match(r"(?:Ủy|Uỷ) ban nhân dân\b|UBND\b", self.issuer):
            # the People's Council's resolution, a department's or a ministry's text is theirs, not the
            # People's Committee's: "Nghị quyết 60/2025/NQ-HĐND … của HĐND thành phố Hà Nội"
            parts.append(f"của {_short_body(self.issuer)}")
        elif self.province:
            parts.append(f"của UBND {with_level(self.province)}")
        elif self.issuer:
            parts.append(f"của {self.issuer}")
        elif self.title and not self.number:
            parts.append(self.title)
        return " ".join(parts)


def _short_body(issuer: str) -> str:
    """How a name says the councils: "Hội đồng nhân dân thành phố Hà Nội" → "HĐND thành phố Hà Nội"."""
    return re.sub(r"(?i)(?:ủy|uỷ) ban nhân dân\b", "UBND", re.sub(r"(?i)hội đồng nhân dân\b", "HĐND", issuer))


@dataclass
class OcrUnsure:
    """A word read by OCR with less confidence than ASSISTANT_OCR_MIN_CONFIDENCE: shown, never silently trusted.

        OcrUnsure(1204, 1209, "4.820", 0.41)   # text[1204:1209] == "4.820"
    """

    start: int
    end: int
    text: str
    confidence: float  # the engine's, 0..1


@dataclass
class Footnote:
    marker: str  # "5"; a saved page's "[2]"
    text: str  # "Trong trường hợp Bộ Y tế triển khai đủ 12 loại vắc xin"
    start: int
    end: int
    # where the text refers to it: the markers' offsets, where they are told apart from figures (a saved page's
    # "… còn 03 bộ, cơ quan[2] và …"); empty for a PDF's glued digits, found by ``detach_markers``' rule instead
    refs: list[int] = field(default_factory=list)


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
class RowCell:
    """One filled cell of a table row, named by its column's header path."""

    header: str  # "Mức chi › Thi tốt nghiệp THPT", "Cơ quan chủ trì", "2030"
    text: str  # cleaned cell text
    start: int
    end: int
    unsure: bool = False  # read by OCR, and a word of it below the confidence threshold


@dataclass
class TableRow:
    """One data row of any table, a plan's appendix of targets included: its name, its filled cells by
    column, its groups, and for a target row its figures by year.

        table "Mức chi (1.000 đồng)", group ["Thi tốt nghiệp THPT"], label "Trưởng ban",
        cells [RowCell("Mức chi", "300", …)], kind "rate", unit "1.000 đồng"
        appendix row: caption "Phụ lục", group ["IX Nhà ở"], index 1, label "Phấn đấu xây dựng sàn nhà ở xã hội",
        values [TargetValue(2025, "104.046", …), TargetValue(2030, "221.009", …)], agency "Sở Xây dựng",
        kind "target", unit "m2 sàn"

    What a row holds says how it is read, never where it came from: a row with ``values`` (``by_year``) is an
    indicator with a target for each year, its own figures parsed; any other row is read cell by cell.
    """

    doc_id: str
    table: int  # ordinal of the table in the document (an appendix's target tables come after the others)
    caption: str  # what the document calls the table ("Phụ lục I › Danh mục thủ tục …", "Phụ lục")
    group: list[str]  # group rows above it, outermost first: ["I Nhóm xã, phường", "5 Điểm cộng"]
    number: str | None  # the STT printed in the row
    label: str  # the row's name cell (indicator, task, procedure, position …), multi-line cells re-joined
    cells: list[RowCell]
    kind: str  # "target" | "rate" | "procedure" | "task" | "list"
    unit: str | None = None
    start: int = 0
    end: int = 0
    label_span: tuple[int, int] | None = None
    # False when the header rows did not line up with the data (spans guessed, columns unnamed):
    # an answer then shows the whole row rather than trust one column's name.
    headers_sure: bool = True
    header_span: tuple[int, int] | None = None  # the table's header rows: cited with the row for its columns
    ocr: bool = False  # read by OCR from a scanned page: a citation says so ("đọc bằng OCR")
    unsure: list[OcrUnsure] = field(default_factory=list)  # its OCR words in doubt, with their spans
    # A target row of an appendix (``ingest.tables.appendix``): its figures by year, parsed, and what the table says
    # beside them. Its cells stay empty: the figures have no spans of their own, the row's span is cited.
    values: list[TargetValue] = field(default_factory=list)
    agency: str | None = None  # the lead agency (monitoring)
    note: str | None = None  # the Ghi chú cell
    index: int = 0  # 1-based position inside its group, printed STT or not (0: not counted, another table's row)
    parent: str | None = None  # the parent row's indicator, for a sub-row
    sub_label: str | None = None  # a sub-row's own name ("Thành thị"), None for top rows
    parent_span: tuple[int, int] | None = None
    parent_ref: str | None = None  # the parent's STT (or position): sub-rows are located under it

    @property
    def by_year(self) -> bool:
        """A target row: its figures are targets by year (``values``), not cells under column names."""
        return bool(self.values)

    @property
    def locator(self) -> str:
        """`Phụ lục I › Nhóm xã, phường › 2`; a target row as the appendix numbers it: `Phụ lục › IX Nhà ở › 1`,
        a sub-row under its parent: `Phụ lục › IX Nhà ở › 3 › Thành thị`."""
        if self.by_year:
            group = self.group[-1] if self.group else ""
            if self.parent and self.sub_label and self.parent_ref:
                return f"{self.caption} › {group} › {self.parent_ref} › {self.sub_label.lstrip('-+ ').strip()}"
            return f"{self.caption} › {group} › {self.number or self.index}"
        parts = [self.caption.split(" › ")[0] if self.caption else f"Bảng {self.table + 1}"]
        parts += [g for g in self.group[-2:]]
        parts.append(self.number or self.label[:40])
        return " › ".join(p for p in parts if p)

    def cell(self, header_word: str) -> RowCell | None:
        w = header_word.lower()
        return next((c for c in self.cells if w in c.header.lower()), None)

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
    row: TableRow | None = None  # the table row a "row" chunk is made of (a target row or any other)
    ocr: bool = False  # some of its text was read by OCR from a scanned page: a citation says so
    unsure: list[OcrUnsure] = field(default_factory=list)  # its OCR words in doubt, with their spans


@dataclass
class Document:
    doc_id: str  # first 16 hex of the content hash
    path: str
    sha256: str
    format: str  # "txt" | "pdf" | "docx" | "md"
    text: str
    meta: DocMeta
    chunks: list[Chunk] = field(default_factory=list)
    rows: list[TableRow] = field(default_factory=list)  # every table's rows: an appendix's target rows, then the rest
    footnotes: list[Footnote] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.meta.display_name()

    def quote(self, start: int, end: int) -> str:
        return self.text[start:end]

    def to_dict(self) -> dict:
        """Plain dicts and lists, as ``dataclasses.asdict`` gives, without its deep copy of every
        leaf value (a document holds ~1,000 objects; the copy was most of its commit time)."""
        return _plain(self)

    def to_json(self) -> str:
        """``json.dumps(self.to_dict())``, with the C encoder walking the dataclasses itself."""
        return json.dumps(self, ensure_ascii=False, default=_shallow)

    @property
    def has_targets(self) -> bool:
        """Whether any of its rows is a target row (an index answers this from its head, unread)."""
        return any(r.by_year for r in self.rows)

    @classmethod
    def from_dict(cls, d: dict) -> Document:
        """Inverse of ``to_dict`` (dataclasses nest, so rebuild each level). A document stored by
        INGEST_VERSION 18 or before (target rows and other rows in two lists) is read as well: a re-parse
        reads its text from it."""
        if "table_rows" in d:
            d = _one_row_list(d)
        meta = DocMeta(**{**d["meta"], "signer_span": tuple(d["meta"]["signer_span"]) if d["meta"].get("signer_span") else None})
        rows = [_row(r) for r in d["rows"]]
        by_span = {(r.table, r.start, r.end, r.index): r for r in rows}
        chunks = []
        for c in d["chunks"]:
            c = dict(c)
            row = c.pop("row", None)
            c["unsure"] = [OcrUnsure(**u) for u in c.get("unsure", [])]
            chunk = Chunk(**c)
            if row:  # the chunk's row is the document's own (one object), as when it was parsed
                key = (row["table"], row["start"], row["end"], row.get("index", 0))
                chunk.row = by_span.get(key) or _row(row)
            chunks.append(chunk)
        return cls(doc_id=d["doc_id"], path=d["path"], sha256=d["sha256"], format=d["format"],
                   text=d["text"], meta=meta, chunks=chunks, rows=rows,
                   footnotes=[Footnote(**f) for f in d.get("footnotes", [])], warnings=d.get("warnings", []))


def _plain(obj):
    if is_dataclass(obj):
        return {name: _plain(getattr(obj, name)) for name in _field_names(type(obj))}
    if isinstance(obj, (list, tuple)):
        return type(obj)(_plain(v) for v in obj)
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    return obj  # str, int, float, bool, None: immutable, shared safely


def _shallow(obj) -> dict:
    if is_dataclass(obj):
        return {name: getattr(obj, name) for name in _field_names(type(obj))}
    raise TypeError(f"{type(obj).__name__} is not JSON serialisable")


@cache
def _field_names(cls) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _row(r: dict) -> TableRow:
    r = dict(r)
    r["cells"] = [RowCell(**c) for c in r["cells"]]
    r["unsure"] = [OcrUnsure(**u) for u in r.get("unsure", [])]
    r["values"] = [TargetValue(**v) for v in r.get("values", [])]
    for key in ("label_span", "header_span", "parent_span"):
        if r.get(key):
            r[key] = tuple(r[key])
    return TableRow(**r)


def _one_row_list(d: dict) -> dict:
    """A version-18 document's two row lists as one: each target row (``TargetRow``: its indicator, its
    group as one string, its sub-row label) as a row of a table after the others, the chunks' two row
    fields as one."""
    after = 1 + max((r["table"] for r in d["table_rows"]), default=-1)

    def target(r: dict) -> dict:
        r = dict(r)
        group, indicator, sub = r.pop("group"), r.pop("indicator"), r.pop("label")
        return {**r, "table": after, "caption": "Phụ lục", "group": [group] if group else [], "label": indicator,
                "sub_label": sub, "cells": [], "kind": "target"}

    chunks = []
    for c in d["chunks"]:
        c = dict(c)
        row, trow = c.pop("row", None), c.pop("table_row", None)
        chunks.append({**c, "row": target(row) if row else trow})
    return {**d, "rows": [target(r) for r in d["rows"]] + d["table_rows"], "chunks": chunks}
