"""A clause's sentences placed in their lists: each sentence (a ``Piece``) with its exact span, its list rank and the
item above it that it belongs to (its *parent*), read once per clause and shared by every question that finds it.

    "1. Bộ Tài chính chủ trì, phối hợp …:" (rank 1)  ← parent of  "b) Chỉ đạo Bảo hiểm xã hội …" (rank 3)
    "Giao Sở Công Thương:" (a lead-in)               ← parent of  "- Cung cấp …" (rank 4)

``sentence_choice`` scores these pieces; ``pieces_around`` reads them around a clause (``LOOK_BACK`` above it for the
item its first items belong to, ``LOOK_AHEAD`` below for the rest of a list its last lead-in opens).
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from index.units import MIN_SENTENCE, sentence_spans
from ingest.model import Chunk, Document
from ingest.text.footnotes import detach_markers
from ingest.text.page_view import reading_view

LOOK_BACK = 1500  # characters above the clause searched for the item its first items belong to
LOOK_AHEAD = 800  # characters below it searched for the rest of a list its last lead-in opens
WRAP_WIDTH = 60  # a line this long that stops without punctuation was wrapped: its sentence goes on below
TITLE_MAX = 300  # an unmarked line this short without closing punctuation is a title over what follows
SHORT_HEAD = 5  # a marked heading this short is still read ("2. Sở Nội vụ" heads the duties below it; shorter
# than a sentence worth a vector, it is nobody's answer but the parent of its items)

_RANKS = ((re.compile(r"^(?:Chương|Mục|Điều|Phần)\s+[\dIVX]+\w?\b|^(?:Mục\s+)?[IVX]+\.\s"), 0), (re.compile(r"^\d+\.\s"), 1),
          (re.compile(r"^\d+(?:\.\d+)+\.?\s"), 2), (re.compile(r"^[a-zđ]\)\s"), 3),  # noqa: RUF001
          (re.compile(r"^[-–•*]\s?"), 4), (re.compile(r"^\+\s?"), 5))  # noqa: RUF001
RUNNING = 6  # the rank of running text (no list mark)
_MARK_ONLY = re.compile(r"(?:Chương|Mục|Điều|Phần)\s+[\dIVX]+\w?\.?|(?:Mục\s+)?[IVX]+\.|\d+(?:\.\d+)*\.?|[a-zđ]\)")  # noqa: RUF001


@dataclass
class Piece:
    """One sentence of the source around the clause: its exact span, reading text and place in its list
    (never changed once its list is read: ``pieces_around`` shares it between questions)."""
    start: int
    end: int
    text: str
    rank: int  # 0 "I.", 1 "1.", 2 "1.1.", 3 "a)", 4 "-", 5 "+", RUNNING: running text
    line_start: bool  # opens a line of the source
    inside: bool  # within the clause (not context fetched above or below it)
    parent: int | None = None

    @property
    def lead(self) -> bool:
        """Opens a list: "… thực hiện các nội dung sau:", "Giao Sở Công Thương:"."""
        return self.text.rstrip(" *").endswith(":")

    @property
    def title(self) -> bool:
        """Heads what follows: a lead-in, or a short line without closing punctuation
        ("Giao Ủy ban nhân dân các phường, xã, đặc khu", "b) Nghị định quy định về …")."""
        return self.lead or (len(self.text) < TITLE_MAX and not re.search(r"[.;,]\s*\W*$", self.text))


_PIECES: dict[tuple, list[Piece]] = {}  # a clause's pieces, by document version and span: read once
_PIECES_LOCK = threading.Lock()
PIECES_CACHED = 2048  # clauses kept (a few MB); the oldest go first


def pieces_around(doc: Document, chunk: Chunk, head_end: int = 0) -> list[Piece]:
    """``_pieces_around``, kept per clause: every question that finds the clause reads the same
    sentences (they are never changed after they are made)."""
    key = (doc.doc_id, doc.sha256, chunk.start, chunk.end, head_end)
    got = _PIECES.get(key)
    if got is None:
        got = _pieces_around(doc, chunk, head_end)
        with _PIECES_LOCK:  # answers are written on several threads at once (the web app)
            _PIECES[key] = got
            while len(_PIECES) > PIECES_CACHED:
                _PIECES.pop(next(iter(_PIECES)))
    return got


def _pieces_around(doc: Document, chunk: Chunk, head_end: int = 0) -> list[Piece]:
    """The clause's sentences and those around it (``LOOK_BACK`` above, ``LOOK_AHEAD`` below), each with its
    parent. No sentence runs over the clause's edges or over ``head_end``, where its own heading line ends
    ("Tầm nhìn đến năm 2045" is not the start of the sentence below it)."""
    a = doc.text.rfind("\n", 0, max(0, chunk.start - LOOK_BACK)) + 1 if chunk.start > LOOK_BACK else 0
    b = doc.text.find("\n", min(len(doc.text), chunk.end + LOOK_AHEAD))
    b = len(doc.text) if b < 0 else b
    view = " " * a + reading_view(doc.text[a:b])  # offsets as in the source
    markers = [n.marker for n in doc.footnotes]
    out: list[Piece] = []
    cuts = sorted({a, chunk.start, max(chunk.start, head_end), chunk.end, b})
    spans = [x for lo, hi in zip(cuts, cuts[1:], strict=False) if lo < hi for x in _unwrapped(view, lo, hi)]
    for s, e, text in spans:
        text = detach_markers(text, markers) if markers else text
        prefix = view[view.rfind("\n", 0, s) + 1:s].strip()
        rank = _rank(view, s, text)
        line_start = not prefix or bool(_MARK_ONLY.fullmatch(prefix))
        out.append(Piece(s, e, text, rank, line_start, chunk.start <= s and e <= chunk.end))
    for i, p in enumerate(out):
        p.parent = _parent(out, i)
    return out


def _rank(view: str, start: int, text: str) -> int:
    """The list rank of the sentence at ``start``, its mark read with what precedes it on its line
    ("1." is split off its sentence by a full stop), or on the line above where the mark stands alone there
    (a bold article title wrapped after its number: "**Điều 5.\nTrách nhiệm của Ủy ban nhân dân cấp xã**")."""
    line = view.rfind("\n", 0, start) + 1
    prefix = view[line:start].strip()
    if not prefix and line:  # a mark alone on the line above: a title wrapped after it ("Điều 5." / "Trách nhiệm …")
        prefix = view[view.rfind("\n", 0, line - 1) + 1:line - 1].strip(" *")
    marked = f"{prefix} {text}" if _MARK_ONLY.fullmatch(prefix) else text
    return next((r for rx, r in _RANKS if rx.match(marked)), RUNNING)


def _unwrapped(view: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """``sentence_spans`` with a sentence a PDF wrapped over a blank line made whole again: a piece
    without closing punctuation whose last line fills the page's width goes on in the next unmarked piece
    ("- Tiếp tục xây dựng quan hệ lao động … tiến bộ theo" / "Chương trình hành động … số 435/QĐ-" / "UBND …")."""
    out: list[tuple[int, int, str]] = []
    for s, e, text in sentence_spans(view, lo, hi, min_chars=SHORT_HEAD):
        if len(text) < MIN_SENTENCE and _rank(view, s, text) == RUNNING:
            continue  # a short unmarked line: a stray fragment, not a heading
        if out:
            ps, pe, ptext = out[-1]
            last_line = view[view.rfind("\n", ps, pe) + 1:pe]
            if (not re.search(r"[.;:!?…]\W*$", ptext) and _rank(view, s, text) == RUNNING
                    and _rank(view, ps, ptext) > 0
                    and (len(last_line.strip()) >= WRAP_WIDTH or text[:1].islower())):
                out[-1] = (ps, e, ptext + ("" if ptext.endswith("-") else " ") + text)
                continue
        out.append((s, e, text))
    return out


def _parent(ps: list[Piece], i: int) -> int | None:
    """The item ``ps[i]`` belongs to. A marked item: the nearest item above of a higher rank, or a title
    line ("Phối hợp kiểm tra việc thi hành Luật …" over "- Cơ quan chủ trì: …"). Running text: the
    sentence it continues after a ";" on the same line, else the nearest lead-in or marked title above
    (an unmarked short line over running text is as often a letterhead's line as a heading)."""
    p = ps[i]
    if p.rank == RUNNING and i and not p.line_start and ps[i - 1].text.rstrip().endswith((";", ",")):
        return i - 1
    for j in range(i - 1, -1, -1):
        q = ps[j]
        if p.rank < RUNNING and (q.rank < p.rank or (q.rank == RUNNING and (q.lead or (q.line_start and q.title)))):
            return j
        if p.rank == RUNNING and (q.lead or (q.line_start and q.title and q.rank < RUNNING)):
            return j if p.line_start else None
        if p.rank == RUNNING and q.rank < RUNNING and not q.title:
            continue  # running text after an item that closes: keep looking for the title over both
    return None


def ancestors(ps: list[Piece], i: int, depth: int = 3) -> list[int]:
    out, j = [], ps[i].parent
    while j is not None and len(out) < depth:
        out.append(j)
        j = ps[j].parent
    return out


def context_of(ps: list[Piece], i: int) -> list[int]:
    """The sentences that say what ``ps[i]`` is about: the items above it and, for running text, the
    sentence before it ("Giao Sở … chia sẻ …" before "Thời gian thực hiện hoàn thành xong trước ngày …")."""
    out = ancestors(ps, i)
    if ps[i].rank == RUNNING and i and i - 1 not in out and not ps[i - 1].lead:
        out.insert(0, i - 1)
    return out


def children(ps: list[Piece], i: int) -> list[int]:
    return [j for j in range(i + 1, len(ps)) if ps[j].parent == i]
