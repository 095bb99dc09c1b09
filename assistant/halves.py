"""A question asking two values, each half answered where the whole question's answer leaves one out.

"Nghị quyết 389/NQ-CP bổ sung bao nhiêu cửa khẩu biên giới đất liền và bao nhiêu cửa khẩu đường hàng không?" asks
two counts of two lists; the whole question finds one of them (the land gates, 11) and states it. Each half is
asked again as a question of its own, read as the chat reads a follow-up (the first half is its history: the
document, the place and the year asked carry over), and a half whose answer quotes a source the whole answer does
not is added to it, with its citations (a half quoting the preamble around the whole's one line of it — the
proposer's — adds the appraiser that paragraph also names). A half quoting a source the whole already cites is
added where it states what the whole's text does not (``adds``: the whole quotes khoản 3 of an article, "Sở Khoa học
và Công nghệ … khôi phục thiết bị", the half "mẫu số mấy?" khoản 8's "… theo Mẫu số 06 …"):

    whole  → “DANH SÁCH CỬA KHẨU BIÊN GIỚI ĐẤT LIỀN”: 11 mục …            (cites the land list)
    half 2 → "bao nhiêu cửa khẩu đường hàng không vào danh sách …?" (after half 1)
           → “DANH SÁCH CỬA KHẨU ĐƯỜNG HÀNG KHÔNG”: 4 mục …             (cites the air list: added)

Only where the whole question was answered: a half found alone never answers what the whole could not (an
unanswerable question's half may well be answerable). The halves are ``wanted.second_half``'s: two question words,
one on each side of a conjunction; or a question about the document's facts and a last part that is none of them
("Công văn 11414/VPCP-CN do ai ký, ngày nào, và truyền đạt ý kiến của Phó Thủ tướng nào?").
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from .model import Answer, Citation
from .question.question import Question, fact_kinds
from .question.wanted import further_parts, held, second_half, wants

# "… do ai ký, ngày nào, và truyền đạt ý kiến của Phó Thủ tướng nào?": a last part after the document's facts
_LAST_PART = re.compile(r",\s*(?:và|and)\s+(?=[^,]*\b(?:nào|gì|ai|bao nhiêu|which|what|who|whose|how)\b)([^,]+)$", re.I)


def _after_facts(q: Question) -> tuple[str, str] | None:
    """A question about a document's facts (signer, date …) ending in a part that is none of them: the facts
    and that part, as two halves (the document's facts answer the first, the part is asked on its own)."""
    if not q.facts:
        return None
    m = _LAST_PART.search(q.effective)
    if not m or set(fact_kinds(m.group(1))) - {"which"}:
        return None  # no last part, or one more fact of the document, which the facts' answer states already
    return q.effective[:m.start()], m.group(1)


# words of a half's answer its whole's answer lacks, at least, for the half to add what the same source says (the
# whole quoting one sentence of a clause, the half another: "… 15 ngày làm việc …" beside "… 10 ngày làm việc …").
# Measured with every vector, qa2-tune / qa2-check / qa3 / qa4: 136 / 88 / 111 / 122 never added → 136 / 88 / 115 /
# 127 at 4 (with the value check of ``adds``; without it, 115 on qa3 as well but more repeated quotes); 2 alike, 8
# loses one of qa3 and one of qa4
NEW_WORDS = 4
_WORD = re.compile(r"\w+")
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
_PIECE = re.compile(r"\s…\s|\n+|(?<=[.;:”])\s+")  # an answer's quoted pieces: "… " between them, a sentence's end


def _new_words(half: str, whole: str) -> int:
    """How many distinct words (figures among them) of ``half`` the text ``whole`` never uses.

    >>> _new_words("Theo Nghị định: “… trong 15 ngày làm việc …”", "Theo Nghị định: “… trong 10 ngày làm việc …”")
    1
    """
    have = {w.lower() for w in _WORD.findall(whole)}
    return len({w.lower() for w in _WORD.findall(half)} - have)


def adds(half: Answer, asked: Question, whole: str) -> bool:
    """Whether the half's answer says what the ``whole`` text does not: ``NEW_WORDS`` words it lacks, and where the
    half asks a value (a date, a sum, a count, a time …), a piece of the half's text the whole lacks states one
    (another sentence of the same cell that names no value asked adds words, not an answer). An agency is not
    checked so: a person's role ("phó hiệu trưởng, tổ trưởng") answers "ai" as well as a body's name does."""
    want = [w for w in wants(asked) if w.kind != "agency"]
    fresh = [p for p in _PIECE.split(half.text) if p.strip() and p.strip() not in whole]
    stated = any(held(w, p) for w in want for p in fresh)
    if _new_words(half.text, whole) < NEW_WORDS and not (stated and _new_figures(half.text, whole)):
        return False  # (a figure asked that the whole lacks adds, in however few words: "… từ 10 m3/ngày …")
    return not want or stated


def _new_figures(half: str, whole: str) -> set[str]:
    """The figures of ``half`` the text ``whole`` never prints.

    >>> sorted(_new_figures("“- … nước thải công nghiệp … từ 10 m3/ngày trở lên;”", "“- … sinh hoạt … từ 50 m3/ngày …”"))
    ['10']
    """
    return set(_FIGURE.findall(half)) - set(_FIGURE.findall(whole))


def _within(a: Citation, b: Citation) -> bool:
    """``a`` quotes nothing ``b`` does not: a half citing a paragraph that holds the whole's line adds to it."""
    return a.doc_id == b.doc_id and b.start <= a.start and a.end <= b.end


def complete(whole: Answer, q: Question, read: Callable[[str, list[str]], Question],
             answer: Callable[[Question], Answer]) -> Answer:
    """``whole`` with each half's answer added where it quotes a source ``whole`` does not (see the module).
    ``read(text, history)`` reads a half as a follow-up of ``history``; ``answer`` answers a read question."""
    halves = (second_half(q) or _after_facts(q)) if whole.found else None
    if not halves:
        return whole
    # each half split once more where it asks two things itself ("…, trong đó bao nhiêu … và bao nhiêu …?")
    parts = [p.strip(" ,;") for h in halves for p in further_parts(h.strip(" ,;"))]
    first = parts[0]
    texts, citations = [whole.text], list(whole.citations)
    docs = {c.doc_id for c in whole.citations}
    asked_parts = [(asked, answer(asked)) for asked in
                   (read(text, history) for text, history in [(first, [])] + [(p, [first]) for p in parts[1:]])]
    elsewhere = {got.citations[0].doc_id for _, got in asked_parts if got.found and got.citations}
    if len(elsewhere) == 1 and not elsewhere & docs and all(got.found for _, got in asked_parts):
        # every part, asked alone, answered from one document the whole answer never cites: the whole question
        # was read in the wrong document ("… from what date must the new communes operate, and by what date must
        # the Government publish their areas?" quoted a city's decision; each part the resolution that says both)
        texts, citations, docs = [], [], elsewhere
    for asked, got in asked_parts:
        if not (got.found and got.citations):
            continue  # nothing found for the half
        if any(_within(got.citations[0], c) for c in citations) and not adds(got, asked, "\n".join(texts)):
            continue  # the answer quotes that source already, and what the half says of it
        if got.citations[0].doc_id not in docs:
            continue  # the half read alone ("quyết định đó có hiệu lực từ khi nào?") found another document
        texts.append(got.text)
        citations += [c for c in got.citations if not any(_within(c, k) for k in citations)]
    if texts == [whole.text]:
        return whole
    return replace(whole, text="\n\n".join(texts), citations=citations)
