"""Small readings of a source used when composing answers: its heading, its anchors, a quote's length.

    heading_title(chunk at "Điều 5 › Khoản 2")     → "Phạm vi điều chỉnh"
    shares_anchor(anchors_of("… 90–95% of beneficiaries …"), "… từ 90-95% cộng 03 điểm …") → True
"""
from __future__ import annotations

import re

from ingest.model import Chunk, Document

from .evidence import token_set

TITLE_RESTATED = 0.4  # share of a title's terms a question holds when it restates the title


def heading_title(chunk: Chunk, quoted: list[str] = ()) -> str:
    """The nearest heading with a title: "Điều 5. Phạm vi" for a chunk at "Điều 5 › Khoản 2". A heading a
    ``quoted`` sentence opens with and goes on from is passed over for the one above it: a list item's path
    entry is its own opening words ("b) Chỉ đạo Bảo hiểm xã hội …" under "1. Bộ Tài chính chủ trì …"), and a
    section named by the sentence it quotes would put the duty before the agency heading its list. (A quoted
    line that only restates the heading is left out of the quote instead: ``compose.prose_text``.)"""
    said = [_words(s) for s in quoted]
    for item in reversed(chunk.heading_path):
        title = re.sub(r"^(Mục [IVX]+|\d+(?:\.\d+)*|[a-zđ]\)|Điều \d+\w?|Khoản \d+|Điểm [a-zđ]\))\.?\s*", "", item).strip(" .")
        words = _words(title)
        if words and any(s.startswith(words + " ") for s in said):
            continue  # the quote opens with it and goes on: the item's own opening words, not a title over it
        if title:  # a title wrapped over lines may run long: up to its colon, 120 characters
            title = title.split(":", 1)[0].strip() or title
            return title if len(title) <= 120 else title[:117].rsplit(" ", 1)[0] + "…"
    return ""


def _words(text: str) -> str:
    """``text``'s words in order, list marks and punctuation aside ("b) Chỉ đạo …" → "chỉ đạo …")."""
    text = re.sub(r"^\W*(?:[a-zđ]\)|\d+(?:\.\d+)*\.?|[IVX]+\.)\s*", "", text.replace("…", ""))  # noqa: RUF001
    return " ".join(re.findall(r"[^\W\d_]+", text.lower()))


def shares_anchor(anchors: frozenset[str], text: str) -> bool:
    """A figure (not a year) or an acronym of the question (``Question.anchors``) that the source also has."""
    if not anchors:
        return False
    have = set(re.findall(r"\d+(?:[.,]\d+)?", text)) | set(re.findall(r"\b[A-Z][A-Z0-9]{1,7}\b", text))
    return bool(anchors & have)


def title_terms(doc: Document, question_tokens: frozenset[str] = frozenset()) -> frozenset[str]:
    """The document title's terms, when the question restates the title (holds 40% of its terms or
    more): they then say which document, not which passage. Otherwise none — a question that merely
    shares a topic word with the title ("đấu thầu") is asking about that topic."""
    title = token_set(doc.meta.title or "")
    if not title or len(title & question_tokens) < TITLE_RESTATED * len(title):
        return frozenset()
    return title


QUOTE_LIMIT = 700  # characters of a sentence quoted whole


def trim(s: str, limit: int = QUOTE_LIMIT, keep: int | None = None) -> str:
    """``s`` cut to about ``limit`` characters at a word. ``keep``: where a value asked ends in ``s``; past the cut,
    the sentence's opening is kept with the stretch leading to it ("Thủ tướng … đã ban hành … chỉ đạo … chuẩn bị tổ chức
    lễ khánh thành … vào ngày 19 tháng 12 năm 2025", 900 characters on: its date, not its first 700 characters).

    >>> s = "Mở đầu " + "x " * 1000 + "vào ngày 19 tháng 12 năm 2025."
    >>> t = trim(s, keep=len(s) - 1); t.startswith("Mở đầu x"), t.endswith(" x vào ngày 19 tháng 12 năm 2025."), len(t)
    (True, True, 621)
    """
    if len(s) <= limit:
        return s
    if keep is None or keep <= limit - KEEP_AFTER:
        return s[:limit].rsplit(" ", 1)[0] + " …"
    head = s[:KEEP_HEAD].rsplit(" ", 1)[0]
    lo = s.find(" ", max(len(head), keep - (limit - KEEP_HEAD - KEEP_AFTER))) + 1
    hi = len(s) if keep + KEEP_AFTER >= len(s) else s.rfind(" ", keep, keep + KEEP_AFTER)
    return f"{head} … {s[lo:hi if hi > keep else len(s)]}" + (" …" if keep < hi < len(s) else "")


KEEP_HEAD = 200  # characters of a long sentence's opening kept before the stretch holding a value asked
KEEP_AFTER = 80  # characters kept after that value
