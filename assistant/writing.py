"""The reply's frame: citations of the answering sources and their runners-up, and the not-found reply.

The strategies (``assistant/answers/``) write what an answer says; this module cites it and puts it
in an ``Answer``: the answering source(s) first, then up to ``MAX_RUNNERS_UP`` others to check.
"""
from __future__ import annotations

import re

from ingest.model import Chunk, Document

from . import compose
from .citing import span_citation
from .evidence import Scored
from .model import Answer, Citation
from .question.question import Question
from .row_writing import GROUPS_NAMED

MAX_RUNNERS_UP = 4  # sources to check beside the answering one(s): enough to compare, few enough to read
NEAR_DOCUMENT = 0.3  # a runner-up covering this much of a question not found names a near document
GROUP_LOOK_BACK = 20000  # characters above a row searched for the group rows it belongs to
_WORD = re.compile(r"[^\W_]+")


_COVERED: list[tuple[list[Document], list[str]]] = []  # the last documents asked about, and their answer


def covered(docs: list[Document]) -> list[str]:
    """The places (or, for a national document, its name) a not-found reply says are covered. Kept for the
    same documents (one answering view's): at ×10 naming 4,719 documents took 40-120 ms of every not-found
    reply, and comparing them one by one takes 0.1 ms."""
    last = _COVERED[0] if _COVERED else None
    if last is not None and len(last[0]) == len(docs) and all(a is b for a, b in zip(last[0], docs, strict=True)):
        return list(last[1])
    # a national document is named without its number and date: a not-found reply states no figure
    got = sorted({d.meta.province or compose.doc_label(d) for d in docs})
    _COVERED[:] = [(list(docs), got)]
    return list(got)


def cite(doc: Document, chunk: Chunk) -> Citation:
    return span_citation(doc, chunk.locator, chunk.start, chunk.end, chunk.kind)


def row_citations(s: Scored) -> list[Citation]:
    """A row and what it is read with: a target row with its figures highlighted, and its parent row where
    it is a sub-row; any other row with its table's header, whose column names (and a unit printed there)
    the answer repeats."""
    c = cite(s.doc, s.chunk)
    if not s.row.by_year:
        return [c, *header_citation(s.doc, s.chunk.locator, s.row.header_span),
                *group_citations(s.doc, s.chunk.locator, s.row.group[-GROUPS_NAMED:], s.chunk.start)]
    c.highlight = [v.raw for v in s.row.values if not v.empty]
    out = [c]
    if s.row.parent_span:  # the parent row names the indicator a sub-row belongs to
        a, b = s.row.parent_span
        out.append(span_citation(s.doc, f"{s.chunk.locator} (dòng mẹ / parent row)", a, b, "row"))
    return out


def group_citations(doc: Document, locator: str, groups: list[str], start: int) -> list[Citation]:
    """The group rows above a table row whose names its answer prints ("… › Chế độ hỗ trợ Lễ tang (ngoài mức kinh
    phí …) – “c. Nhóm 3: …”"), each cited by its own span: the nearest text above the row spelling the group's
    words (``GROUP_LOOK_BACK`` characters at most), the table's cell borders between them."""
    out = []
    for group in groups:
        words = _WORD.findall(group)
        if len(words) < 2:
            continue
        pattern = re.compile(r"[\W_]+".join(map(re.escape, words)))
        hits = list(pattern.finditer(doc.text, max(0, start - GROUP_LOOK_BACK), start))
        if hits:
            a, b = hits[-1].span()
            # a bracket the group's words open is closed in the quote: "Nông thôn (10 xã … thành phố Huế)"
            b += doc.text[a:b].count("(") > doc.text[a:b].count(")") and doc.text[b:b + 1] == ")"
            out.append(span_citation(doc, f"{locator} (dòng nhóm / group row)", a, b, "row"))
    return out


def header_citation(doc: Document, locator: str, span: tuple[int, int] | None) -> list[Citation]:
    """The table header a table row's answer repeats (the column names, a unit printed there)."""
    if not span:
        return []
    return [span_citation(doc, f"{locator} (tiêu đề bảng / table header)", span[0], span[1], "row")]


def finish(q: Question, text: str, found: bool, cites: list[Citation], runners: list[Scored],
           intent: str) -> Answer:
    """The answer with its citations, then up to ``MAX_RUNNERS_UP`` runners-up not cited yet."""
    seen = {(c.doc_id, c.start, c.end) for c in cites}
    limit = len(cites) + MAX_RUNNERS_UP  # the answering source(s), then up to four to check
    for s in runners:
        if len(cites) >= limit:
            break
        key = (s.doc.doc_id, s.chunk.start, s.chunk.end)
        if key not in seen:
            seen.add(key)
            cites.append(cite(s.doc, s.chunk))
    text = _RUN_OF_SPACES.sub(" ", text)  # the page's bold marks read as spaces ("thành phố **Cần Thơ**")
    mark_ocr_figures(text, cites)
    return Answer(question=q.text, text=text, found=found, citations=cites, lang=q.lang, intent=intent)


_RUN_OF_SPACES = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")


FIGURE = re.compile(r"(?<![\w.,])\d+(?:[.,/]\d+)*(?![\w]|[.,]\d)")  # "221.009", "<3,5" → "3,5", "214/QĐ" → "214"


def mark_ocr_figures(text: str, cites: list[Citation]) -> None:
    """In a quote read by OCR, highlight every figure the answer states (a clause's too, not only a
    row's), so one the engine was unsure of shows as uncertain (``Citation.unsure_figures``)."""
    figures = [m.group(0) for m in FIGURE.finditer(text)]
    for c in cites:
        if c.ocr:
            c.highlight = list(dict.fromkeys(c.highlight + [f for f in figures if f in c.text]))


def not_found(q: Question, docs: list[Document], reason: str, extra: str = "", runners=None,
              near_docs: list[Document] | None = None) -> Answer:
    """``found: false``, no figure: why (``reason``), what is covered, the near documents for a topic (or
    those given as ``near_docs``)."""
    near = [compose.doc_label(s.doc) for s in (runners or []) if s.coverage >= NEAR_DOCUMENT] if reason == "topic" else []
    near += [compose.doc_label(d) for d in near_docs or []]
    text = compose.not_found_text(q.lang, reason, covered(docs), extra, nearest=near, total=len(docs))
    cites = [cite(s.doc, s.chunk) for s in (runners or [])[:MAX_RUNNERS_UP]]
    return Answer(question=q.text, text=text, found=False, citations=cites, lang=q.lang, intent="unanswerable")
