"""Every figure an answer states is held by one of its citations.

An answer quotes more than the spans it cites: the heading of the section a clause sits in ("phần “Tạm dừng
đóng … theo quy định tại khoản 1 và khoản 3 Điều 37 …”"), the second piece of a duty joined by "…". A reader
checking the figure "37" against the citations finds nothing. ``ground`` finds each quoted piece of the answer
that states a figure no citation holds, looks the piece up in the cited documents' text and cites it where it
is (its own span: a citation still slices the source exactly). A figure the answer computed (a count of cited
items, said so beside it) is in no source and stays as it is.

    answer: 'Theo Nghị định …, phần “… khoản 1 và khoản 3 Điều 37 …”: “a) Thời gian tạm dừng … 12 tháng”'
    citations: ['a) Thời gian tạm dừng … 12 tháng']   → '37' held by none
    → the heading's span is cited too: ['a) Thời gian …', '… khoản 1 và khoản 3 Điều 37 của Luật Bảo hiểm xã hội']
"""
from __future__ import annotations

import re
from dataclasses import replace

from ground.normalize import fold
from ingest.model import Document

from .citing import span_citation
from .model import Answer, Citation

FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
# a quoted piece of an answer: “…” (a piece cut short ends in "…", which is not the source's)
QUOTED = re.compile(r"“([^”]{4,}?)”")
YEAR = re.compile(r"(19|20)\d\d")
MIN_WORDS = 2  # a piece of fewer words could be found anywhere: not looked up


def _holds(text: str, figure: str) -> bool:
    """``figure`` stands in ``text`` as a whole number ("20" is not in "2030", nor "1.5" in "11.5")."""
    return re.search(rf"(?<![\d.,]){re.escape(figure)}(?![\d]|[.,]\d)", text) is not None


def unheld(answer: Answer) -> list[str]:
    """The figures the answer states that neither the question nor any citation holds (years aside)."""
    cited = fold(" ".join(c.text for c in answer.citations))
    asked = fold(answer.question)
    return [n for n in FIGURE.findall(fold(answer.text))
            if not YEAR.fullmatch(n) and not _holds(asked, n) and not _holds(cited, n)]


def _pattern(piece: str) -> re.Pattern | None:
    """The piece as a pattern over the source: its words in order, any run of spaces, lines or ``**`` between."""
    words = piece.replace("…", " ").split()
    if len(words) < MIN_WORDS:
        return None
    return re.compile(r"(?:\s|\*)+".join(re.escape(w) for w in words))


def _locator(doc: Document, start: int) -> str:
    """The smallest chunk holding ``start``; a heading (in no chunk's span) is the next chunk's, the part it heads."""
    inside = [c for c in doc.chunks if c.start <= start < c.end]
    if inside:
        return min(inside, key=lambda c: c.end - c.start).locator
    after = [c for c in doc.chunks if c.start >= start]
    return min(after, key=lambda c: c.start).locator if after else ""


def ground(answer: Answer, docs: dict[str, Document]) -> Answer:
    """``answer`` with a citation for each quoted piece stating a figure no citation held (see the module)."""
    if not answer.found or not answer.citations:
        return answer
    missing = unheld(answer)
    if not missing:
        return answer
    cited_docs = [docs[i] for i in dict.fromkeys(c.doc_id for c in answer.citations) if i in docs]
    spans = [(c.doc_id, c.start, c.end) for c in answer.citations]
    added: list[Citation] = []
    for m in QUOTED.finditer(answer.text):
        piece = m.group(1)
        if not set(missing) & set(FIGURE.findall(fold(piece))):
            continue
        pattern = _pattern(piece)
        if pattern is None:
            continue
        for doc in cited_docs:  # the answer's own documents, the first cited first
            hit = pattern.search(doc.text)
            if hit is None:
                continue
            if not any(i == doc.doc_id and a <= hit.start() and hit.end() <= b for i, a, b in spans):
                spans.append((doc.doc_id, hit.start(), hit.end()))
                added.append(span_citation(doc, _locator(doc, hit.start()), hit.start(), hit.end(), "quote"))
            break  # inside a citation already: its figure is one the scorer's rule misreads ("ĐT.770B")
    return replace(answer, citations=answer.citations + added) if added else answer
