"""A clause's sentences as quoted, and what the answer must add around them.

Which sentences answer is ``sentence_choice``'s to say; this module reads the clause (its body, its
own heading line) and fetches two things a sentence may lack from the document around it:

* the list heading that gives it its value: "a) Đến năm 2026" above "- … áp dụng BIM bắt buộc …"
  answers "by what year …?" (``list_lead``), quoted with its own citation span;
* the other year asked: "end of 2025 compared with end-2030" is answered by the clause for 2025 and
  the clause for 2030 (``missing_years``).

    list_lead(doc, chunk, "- … áp dụng BIM bắt buộc …") → (start, end, "a) Đến năm 2026")
"""
from __future__ import annotations

import re

from ground.normalize import join_wraps
from ingest.model import Chunk, Document
from ingest.text.footnotes import detach_markers
from ingest.text.page_view import reading_view

from .question.question import Question

# sentences, the ";"-separated targets of a list item ("…; trên 95% dân số tham gia …;"), and items
_SPLIT = re.compile(r"\n|(?<=[.])\s+(?=[-+*]?\s*[A-ZĐÀ-Ỹ\d])|(?<=;)\s+|\s(?=- [A-ZĐ])|(?<=[.:])\s+(?=[a-zđ]\)\s)")  # noqa: RUF001
_LEAD_LINE = re.compile(r"^\s*(?:[a-zđ]\)|\d+(?:\.\d+)*\.|[IVX]+\.)\s+\S.{0,200}$|^.{3,300}:\s*$")  # noqa: RUF001
_ITEM_LINE = re.compile(r"^\s*(?:[-+•*]|\*\*)")
LOOK_BACK = 3000  # characters above a sentence searched for the heading of its list


def clause_body(doc: Document, chunk: Chunk) -> str:
    """The clause as quoted: reading view (no ** or | marks), lines joined, footnote marks apart; its
    own heading line, when it opens the clause, kept apart by a line break (a heading has no full
    stop: joined, "Tầm nhìn đến năm 2045" would run into "Hệ thống chính sách …" as one sentence)."""
    view = reading_view(doc.text[chunk.start:chunk.end])
    cut = heading_end(view, chunk)
    body = "\n".join(x for x in (join_wraps(view[:cut]), join_wraps(view[cut:])) if x)
    return detach_markers(body, [n.marker for n in doc.footnotes])


def heading_end(view: str, chunk: Chunk) -> int:
    """Where the chunk's own heading line(s) end in ``view`` (its reading view), or 0 where the clause
    does not open with a whole heading line: a continued chunk, a heading cut short ("…"), a list
    item whose first line goes on below ("a) Bảo đảm chỗ ở cho người\nthu nhập thấp")."""
    heading = chunk.heading_path[-1] if chunk.heading_path else ""
    words = re.findall(r"[^\W_]+", heading)
    if not words or heading.rstrip().endswith("…"):
        return 0
    m = re.compile(r"[\W_]*" + r"[\W_]+".join(map(re.escape, words))).match(view)
    if not m:
        return 0
    line_end = view.find("\n", m.end())
    if line_end < 0 or view[m.end():line_end].strip(" *.:"):
        return 0  # the heading's line goes on: the heading is the start of a sentence
    rest = view[line_end:].lstrip()
    return 0 if not rest or rest[0].islower() else line_end


def split_sentences(body: str) -> list[str]:
    return [p.strip() for p in _SPLIT.split(body) if len(p.strip()) > 15]


def list_lead(doc: Document, chunk: Chunk, sentence: str) -> tuple[int, int, str] | None:
    """The heading line of the list ``sentence`` is an item of: (start, end, text) in ``doc.text``.

    Looked for upwards from the sentence, over the list's other items, possibly above the chunk
    (a long list is cut into several chunks): "a) Đến năm 2026", "Các chỉ tiêu cụ thể:"."""
    at = _locate(doc.text, chunk, sentence)
    if at is None or not _ITEM_LINE.match(doc.text[at:at + 4]):
        return None  # a sentence of running text has no list heading
    lines = doc.text[max(0, at - LOOK_BACK):at].split("\n")
    pos = at - sum(len(x) + 1 for x in lines) + 1
    spans = []
    for line in lines:
        spans.append((pos, pos + len(line), line))
        pos += len(line) + 1
    own_item = True  # the lines of the sentence's own item come first (reading upwards)
    for s, e, line in reversed(spans):
        plain = line.replace("**", "").strip()
        if not plain:
            own_item = False
            continue
        if _ITEM_LINE.match(line):
            own_item = False
            continue  # another item of the same list
        if _LEAD_LINE.match(plain) and not own_item:
            lead = s + (len(line) - len(line.lstrip()))
            return lead, e, join_wraps(reading_view(doc.text[lead:e])).strip()
    return None


def _locate(text: str, chunk: Chunk, sentence: str) -> int | None:
    """Where ``sentence`` (quoted with wraps joined and marks removed) starts inside the chunk."""
    words = re.findall(r"[^\W_]+", sentence)[:6]
    if len(words) < 2:
        return None
    m = re.compile(r"[\W_]+".join(map(re.escape, words))).search(text, chunk.start, chunk.end)
    if not m:
        return None
    return text.rfind("\n", chunk.start, m.start()) + 1 or m.start()


def missing_years(q: Question, sentences: list[str]) -> list[int]:
    """The years asked together that the quoted sentences leave out (none when only one is asked)."""
    if len(q.years) < 2:
        return []
    missing = [y for y in q.years if not any(str(y) in s for s in sentences)]
    return missing if len(missing) < len(q.years) else []
