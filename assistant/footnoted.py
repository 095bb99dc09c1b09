"""A quoted passage's footnotes, quoted with it: the note is part of what the passage says.

A saved page of Công điện 224/CĐ-TTg says "hiện nay còn 03 bộ, cơ quan[2] và 09 địa phương[3] chưa gửi báo
cáo" and names the three bodies only in its note [2], below the signature; Bắc Ninh's procedure list gives the
body issuing a certificate as "Đơn vị sự nghiệp công lập … thuộc phạm vi quản lý của UBND tỉnh[1]" and its note
[1] names the two centres that are those units. An answer quoting the marked words quotes the note after them,
cited by the note's own span:

    “… còn 03 bộ, cơ quan và 09 địa phương chưa gửi báo cáo …”
    Chú thích [2] của văn bản: “Bộ Giáo dục và Đào tạo, Bộ Ngoại giao, Ngân hàng Nhà nước Việt Nam.”

A note is added where the words just before its marker stand in the answer's text (the marked phrase was
quoted) inside a span the answer cites, and the phrase it explains — its sentence or cell up to the marker —
covers the question (``PHRASE_COVERS``: a note on a column heading, "Chế độ cấp có thẩm quyền quy định[1]", lists
the Party's rules that heading refers to, not the amount asked); at most ``MAX_NOTES``, each cut to
``NOTE_QUOTE`` characters, a note printed twice quoted once. The other way round, a note found for the question
as a source of its own is quoted with the sentence its marker stands in ("Bộ Giáo dục và Đào tạo, Bộ Ngoại giao, …"
with "… còn 03 bộ, cơ quan và 09 địa phương chưa gửi báo cáo."), cited next to it.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ground.normalize import fold
from ingest.model import Document, Footnote
from ingest.text.footnotes import detach_markers
from ingest.text.page_view import reading_view

from .citing import span_citation
from .evidence import Coverage, content_tokens
from .model import Answer, Citation
from .passages import trim
from .question.question import Question
from .sentence_types import states, typed_wants

MAX_NOTES = 3
NOTE_QUOTE = 400
WORDS_BEFORE = 3  # words before a marker that must be quoted for its note to be
PHRASE_CHARS = 300
PHRASE_COVERS = 0.3
_PHRASE_START = re.compile(r"[.;:]\s|\|\s*|\n\s*(?=[-+•]|[a-zđ]\)|\d+\.)")
_WORD = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(r"[.;](?=\s|$)|\n\s*\n|\|")


def with_notes(ans: Answer, q: Question, docs: dict[str, Document], coverage: Coverage) -> Answer:
    """``ans`` with the notes of the marked phrases it quotes that say what ``q`` asks (see the module)."""
    noted = [(c, docs[c.doc_id]) for c in ans.citations if c.doc_id in docs and docs[c.doc_id].footnotes]
    if not ans.found or not noted:
        return ans  # (most answers: nothing more is read)
    ans = _with_referring(ans, noted)
    said = _words(ans.text)
    want = [w for w in typed_wants(q) if w.kind != "count" or w.units]  # a bare figure: in nearly every note
    terms = content_tokens(q, known=coverage.df)
    picked: list[tuple[Document, Footnote]] = []
    for c, doc in noted:
        for n in doc.footnotes:
            if len(picked) >= MAX_NOTES or any(n.text == m.text for _, m in picked) or n.text in ans.text:
                continue
            marks = [at for at in n.refs if c.start <= at < c.end and _quoted(doc.text, at, said)]
            if marks and (any(states(w, n.text) for w in want)
                          or max(coverage(terms, _phrase(doc.text, at)) for at in marks) >= PHRASE_COVERS):
                picked.append((doc, n))
    if not picked:
        return ans
    lines, cites = [ans.text], list(ans.citations)
    for doc, n in picked:
        lines.append(_line(n, ans.lang))
        cites.append(_citation(doc, n))
    return replace(ans, text="\n\n".join(lines), citations=cites)


def _with_referring(ans: Answer, noted: list[tuple[Citation, Document]]) -> Answer:
    """``ans`` with, after each note it quotes as a source of its own (a note's chunk found for the question), the
    sentence whose marker refers to that note, cited next to it: "Bộ Giáo dục và Đào tạo, Bộ Ngoại giao, …" says whose list it is only
    beside "… còn 03 bộ, cơ quan[2] và 09 địa phương[3] chưa gửi báo cáo"."""
    said = _words(ans.text)
    lines, cites = [], list(ans.citations)
    for c, doc in noted:
        note = next((n for n in doc.footnotes if n.refs and n.start == c.start and n.end == c.end), None)
        if c.kind != "footnote" or note is None or _words(note.text) not in said:
            continue
        start, end = _sentence(doc.text, note.refs[0])
        quote = detach_markers(" ".join(reading_view(doc.text[start:end]).split()), [n.marker for n in doc.footnotes])
        if _words(quote) in said or any(quote in line for line in lines):
            continue
        home = next((k for k in doc.chunks if k.start <= start < k.end and k.kind not in ("row", "footnote")), None)
        where = f"{home.locator} (câu dẫn {note.marker} / sentence marked {note.marker})" if home else note.marker
        lines.append(_referring_line(quote, note, ans.lang))
        cites.insert(next(i for i, k in enumerate(cites) if k is c) + 1,
                     span_citation(doc, where, start, end, home.kind if home else "paragraph"))
    if not lines:
        return ans
    return replace(ans, text="\n\n".join([ans.text, *lines]), citations=cites)


def _sentence(text: str, at: int) -> tuple[int, int]:
    """The sentence (or list item, or cell) holding the marker at ``at``: from the last full stop, semicolon, cell
    border or item's line before it to the next full stop or semicolon after it (``PHRASE_CHARS`` each way)."""
    before = text[max(0, at - PHRASE_CHARS):at]
    start = at - len(before) + max((m.end() for m in _PHRASE_START.finditer(before)), default=0)
    after = _SENTENCE_END.search(text, at, at + PHRASE_CHARS)
    end = after.end() if after else min(len(text), at + PHRASE_CHARS)
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _referring_line(quote: str, n: Footnote, lang: str) -> str:
    if lang == "vi":
        return f"Câu văn dẫn chú thích {n.marker}: “{trim(quote, NOTE_QUOTE)}”"
    return f"The sentence marked {n.marker} (quoted in Vietnamese): “{trim(quote, NOTE_QUOTE)}”"


def _words(text: str) -> str:
    """The text's words, folded, one space apart, with a space at each end."""
    return " " + " ".join(_WORD.findall(fold(text))) + " "


def _quoted(text: str, at: int, said: str) -> bool:
    """Whether the ``WORDS_BEFORE`` words before the marker at ``at`` stand in ``said`` (``_words``)."""
    before = _WORD.findall(fold(reading_view(text[max(0, at - PHRASE_CHARS):at])))[-WORDS_BEFORE:]
    return len(before) == WORDS_BEFORE and f" {' '.join(before)} " in said


def _phrase(text: str, at: int) -> str:
    """The sentence, list item or table cell a marker ends: back from ``at`` to the last full stop, semicolon,
    cell border or line opening an item (at most ``PHRASE_CHARS``)."""
    raw = text[max(0, at - PHRASE_CHARS):at]
    cut = max((m.end() for m in _PHRASE_START.finditer(raw)), default=0)  # read where the cells' borders show
    return " ".join(reading_view(raw[cut:]).split())


def _line(n: Footnote, lang: str) -> str:
    quote = trim(n.text, NOTE_QUOTE)
    if lang == "vi":
        return f"Chú thích {n.marker} của văn bản: “{quote}”"
    return f"The document's footnote {n.marker} (quoted in Vietnamese): “{quote}”"


def _citation(doc: Document, n: Footnote) -> Citation:
    return span_citation(doc, f"Chú thích {n.marker}", n.start, n.end, "footnote")
