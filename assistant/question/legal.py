"""Questions that name a place in a legal text, or ask which article says something.

    named_place("Khoản 3 Điều 2 Luật An ninh mạng quy định gì?") → Place(article="2", clause="3", point=None)
    named_place("điểm a khoản 1 Điều 5")                          → Place("5", "1", "a")
    asks_which_article("Điều nào quy định về thời hạn báo cáo?")  → True

A named place is answered from exactly that place: the chunks whose locator is that article
(and clause) — in the documents the question names, else in those whose title its words
cover best. "Which article" questions let an article's clauses compete as one article: the
article whose best clause covers the question best is named, and that clause quoted.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ground.normalize import fold
from ingest.model import Chunk, Document

_PLACE = re.compile(r"\b(?:diem\s+([a-z])\s*,?\s+)?(?:khoan\s+(\d{1,3})\s*,?\s+)?dieu\s+(\d{1,3}[a-z]?)\b")
_PLACE_EN = re.compile(r"\b(?:point\s+([a-z])\s*(?:of\s+)?)?(?:clause\s+(\d{1,3})\s*(?:of\s+)?)?article\s+(\d{1,3}[a-z]?)\b")
_WHICH = re.compile(r"\b(dieu nao|dieu so may|dieu khoan nao|khoan nao|which article|what article|which clause)\b")


@dataclass
class Place:
    article: str
    clause: str | None = None
    point: str | None = None

    def matches(self, chunk: Chunk) -> bool:
        loc = chunk.locator.split(" › ")
        if f"Điều {self.article}" not in loc:
            return False
        return self.clause is None or f"Khoản {self.clause}" in loc or (
            # a short article is one chunk: its clauses sit inside it
            not any(p.startswith("Khoản") for p in loc) and re.search(rf"(?m)^\W*{self.clause}\.\s", chunk.text))


def named_place(question: str) -> Place | None:
    f = fold(question).replace("đ", "d")
    m = _PLACE.search(f) or _PLACE_EN.search(f)
    if not m:
        return None
    point, clause, article = m.groups()
    return Place(article=article, clause=clause, point=point)


def asks_which_article(question: str) -> bool:
    return bool(_WHICH.search(fold(question).replace("đ", "d")))


def place_chunks(place: Place, docs: list[Document]) -> list[tuple[Chunk, Document]]:
    """The chunks at ``place`` in ``docs``, in document order."""
    return [(c, d) for d in docs for c in d.chunks if c.kind in ("article", "clause") and place.matches(c)]


def article_of(chunk: Chunk) -> str | None:
    """ "Điều 5 › Khoản 2" → "Điều 5" """
    return next((p for p in chunk.locator.split(" › ") if p.startswith("Điều ")), None)
