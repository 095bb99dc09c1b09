"""Evidence units: the pieces of a document an answer is made of, each with its exact span.

A chunk (a clause, ~1,500 characters) is what retrieval finds; an answer states one fact of it.
Units are those facts' carriers, each small enough for a question's words (or its English
phrases, through the multilingual vectors) to be compared with it at its own granularity:

* ``cell`` — one filled cell of a table row: the row's label, the column's header path, the
  value, with the table's caption and groups as context;
* ``sentence`` — one sentence, ";"-separated target or list item of a clause, with the clause's
  heading path and the lead-in line that heads its list ("Giao Sở Công Thương:") as context.

Worked example (a rate table and a clause of the same resolution)::

    units(doc)[0]  → Unit(kind="cell", label="Trưởng ban", header="Mức chi", text="300",
                          context="Mức chi (1.000 đồng) › Thi tốt nghiệp THPT", start=…, end=…)
    units(doc)[7]  → Unit(kind="sentence", text="- Cung cấp thông tin về thị trường …",
                          context="III › 2 › Giao Sở Công Thương:", …)

``doc.text[u.start:u.end]`` is the unit's source, so a citation quotes it exactly; ``u.text`` is
its reading form (markup and line wraps gone).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ground.normalize import join_wraps
from ingest.model import Chunk, Document
from ingest.text.page_view import JOINER, marked_words, reading_view

# Where a clause breaks into sentences, in the reading view (markup already spaces):
# a full stop before a capital, a digit or a list mark; a ";" ending a target; a line that
# opens a list item ("- ", "+ ", "a) ", "1. "); a blank line.
_BREAK = re.compile(
    r"(?<=[.!?])\s+(?=[-+•*]?\s*[A-ZĐÀ-Ỹ\d])"
    r"|(?<=;)\s+"
    r"|\n\s*\n"
    r"|\n(?=\s*(?:[-+•]\s|[a-zđ]\)\s|\d+(?:\.\d+)*\.\s))",  # noqa: RUF001 — "đ" is a list letter
)
_LEAD_IN = re.compile(r"[^\n]{8,300}:\s*$")  # "… thực hiện các nội dung sau:" / "Giao Sở Công Thương:"
_WORD = re.compile(r"\w\w+")
MIN_SENTENCE = 12  # characters: shorter pieces are list marks and stray numbers, not statements
MAX_SENTENCE = 900  # a run-on piece is cut at a word so that its vector sees all of it


@dataclass(frozen=True)
class Unit:
    doc_id: str
    chunk_id: str
    kind: str  # "cell" | "sentence"
    text: str  # the value (cell) or the sentence, in reading form
    start: int
    end: int
    context: str = ""  # caption › groups (cell); heading path › lead-in (sentence)
    label: str = ""  # cell: the row's name
    header: str = ""  # cell: the column's header path
    row_start: int = 0  # cell: the whole row's span, cited with the cell
    row_end: int = 0

    @property
    def passage(self) -> str:
        """What a vector is made of: the unit with the words that say what it is about."""
        if self.kind == "cell":
            return f"{self.label} | {self.header}: {self.text}"
        return self.text


def units(doc: Document) -> list[Unit]:
    """Every cell and every sentence of ``doc``, in document order of their chunks."""
    view = marked_words(doc.text, reading_view(doc.text))  # "ng**ày" read "ngày" (``_sentences`` drops the joiners)
    out: list[Unit] = []
    for chunk in doc.chunks:
        if chunk.row is not None:
            out += _cells(chunk)
        elif chunk.kind in ("clause", "article", "preamble"):
            out += _sentences(doc, view, chunk)
    return out


def _cells(chunk: Chunk) -> list[Unit]:
    """A row's filled cells; a target row's years and lead agency (``_target_cells``)."""
    row = chunk.row
    if row.by_year:
        return _target_cells(chunk)
    context = " › ".join(p for p in [row.caption.split(" › ")[0] if row.caption else "", *row.group] if p)
    return [Unit(chunk.doc_id, chunk.chunk_id, "cell", c.text, c.start, c.end, context=context,
                 label=row.label, header=c.header + (f" ({row.unit})" if row.unit and c.header else ""),
                 row_start=row.start, row_end=row.end)
            for c in row.cells if c.text.strip()]


def _target_cells(chunk: Chunk) -> list[Unit]:
    """A target row's years and its lead agency: the row's span stands for each (cells have none)."""
    row = chunk.row
    label = f"{row.parent} – {row.sub_label}" if row.parent and row.sub_label else row.label
    unit = f" ({row.unit})" if row.unit else ""
    cells = [(str(v.year) + unit, v.raw) for v in row.values if not v.empty]
    if row.agency:
        cells.append(("Cơ quan chủ trì", row.agency))
    return [Unit(chunk.doc_id, chunk.chunk_id, "cell", text, row.start, row.end, context=row.group[-1] if row.group else "",
                 label=label, header=header, row_start=row.start, row_end=row.end)
            for header, text in cells]


def _sentences(doc: Document, view: str, chunk: Chunk) -> list[Unit]:
    heading = " › ".join(chunk.heading_path)
    out, lead = [], ""
    for start, end, text in sentence_spans(view, chunk.start, chunk.end):
        text = text.replace(JOINER, "")
        out.append(Unit(doc.doc_id, chunk.chunk_id, "sentence", _cut(text), start, end,
                        context=f"{heading} › {lead}" if lead else heading))
        if _LEAD_IN.fullmatch(text.split("\n")[-1]):  # the next items are this line's list
            lead = text[-200:]
    return out


def sentence_spans(view: str, start: int, end: int, min_chars: int = MIN_SENTENCE) -> list[tuple[int, int, str]]:
    """The sentences of ``view[start:end]`` (a reading view: same offsets as the source) as
    (start, end, reading text): "a) Được trợ cấp 03 tháng tiền lương hiện hưởng;" with its exact span.
    ``min_chars``: shorter pieces are dropped (a reader of list structure keeps "2. Sở Nội vụ" as well)."""
    body = view[start:end]
    out, pos = [], 0
    for piece_end in [m.start() for m in _BREAK.finditer(body)] + [len(body)]:
        piece = body[pos:piece_end]
        left = len(piece) - len(piece.lstrip())
        a, b = start + pos + left, start + pos + len(piece.rstrip())
        pos = piece_end
        text = join_wraps(view[a:b]).strip()
        if len(text) < min_chars or len(_WORD.findall(text)) < 2:  # "---------------", "1."
            continue
        out.append((a, b, text))
    return out


def _cut(text: str) -> str:
    return text if len(text) <= MAX_SENTENCE else text[:MAX_SENTENCE].rsplit(" ", 1)[0] + " …"
