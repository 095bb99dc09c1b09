"""Questions about a document itself: who signed it, its number, its date.

The answer quotes where the text says it — the signature block, or the line
that prints the number and date (for the shipped plans, the appendix caption
"(kèm theo Kế hoạch số 422 /KH-UBND ngày 15/ 4 /2025 …)").

Which facts a question asks for is read with the question (``question.fact_kinds``).
"""
from __future__ import annotations

import re

from ground.normalize import join_wraps
from ingest.model import Document

from .compose import doc_label


def which_text(doc: Document, lang: str) -> str:
    """ "Quyết định 2597/QĐ-TTg ngày 27/11/2025 …: Phê duyệt Đề án …" — the number and the title. """
    title = _sentence_case(doc.meta.title) if doc.meta.title else ""
    if lang == "vi":
        return f"Văn bản quy định nội dung này: {doc_label(doc, with_number=True)}" + (f" — {title}." if title else ".")
    return f"The document that sets this out: {doc_label(doc, with_number=True)}" + (f" — “{title}”." if title else ".")


def _sentence_case(s: str) -> str:
    s = " ".join(s.split())
    return s[0] + s[1:].lower() if s.isupper() else s


def number_span(doc: Document) -> tuple[int, int] | None:
    """The line that prints the document's number (spaces inside it tolerated)."""
    if not doc.meta.number:
        return _caption_line(doc)
    digits, _, symbol = doc.meta.number.partition("/")
    rx = re.compile(rf"{re.escape(digits)}\s*/\s*{re.escape(symbol)}")
    # the document's own "Số: …" line, not a site's metadata box printed above it
    m = re.search(rf"Số\s*:\s*{rx.pattern}", doc.text) or rx.search(doc.text)
    return _line_around(doc.text, m.start(), m.end()) if m else None


_PRINTED_DATE = re.compile(r"ngày\s*\d{1,2}\s*(?:tháng\s*\d{1,2}\s*năm|[/.-]\s*\d{1,2}\s*[/.-])\s*\d{4}")


def printed_date(doc: Document) -> str | None:
    """The issue date as the document prints it near its number ("ngày 01 tháng 12 năm 2025")."""
    span = date_span(doc)
    m = _PRINTED_DATE.search(" ".join(doc.text[span[0]:span[1]].replace("*", " ").split())) if span else None
    return m.group(0) if m else None


def date_span(doc: Document) -> tuple[int, int] | None:
    """From the number line to the place-date line beside or below it ("Cần Thơ, ngày 18\ntháng 11 …")."""
    num = number_span(doc)
    if num:
        m = re.search(r"ngày[\s*]*\d{1,2}[\s\S]{0,40}?\d{4}", doc.text[num[0]:num[1] + 200])
        if m:
            return num[0], num[0] + m.end()
        return num
    return _caption_line(doc)


def _caption_line(doc: Document) -> tuple[int, int] | None:
    m = re.search(r"(?i)kèm theo [^\n]*(số|ngày)[^\n]*", doc.text)
    return _line_around(doc.text, m.start(), m.end()) if m else None


def _line_around(text: str, start: int, end: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    b = len(text) if b < 0 else b
    while b > a and text[b - 1].isspace():
        b -= 1
    while a < b and text[a].isspace():
        a += 1
    return a, b


def fact_text(kind: str, doc: Document, lang: str, cited: str | None = None) -> tuple[str, bool]:
    """(answer text, found) for one fact about one document. ``cited``: the quoted span; a list
    (what the document implements) names only what that span shows."""
    m = doc.meta
    # the number only where the cited line prints it (the number and date line)
    what = what_en = doc_label(doc, with_number=kind in ("number", "date"))
    if kind == "signer":
        if not m.signer:
            return ((f"{what} không ghi người ký." if lang == "vi" else f"{what_en} does not name its signer."),
                    False)
        role = f" ({join_wraps(m.signer_title)})" if m.signer_title else ""
        return (f"{what} do {m.signer}{role} ký." if lang == "vi" else f"{what_en} was signed by {m.signer}{role}.",
                True)
    if kind == "number":
        if not m.number:
            return ((f"{what} không ghi số hiệu (ô số để trống trong văn bản)." if lang == "vi" else
                     f"{what_en} prints no document number (the number is left blank)."), False)
        return (f"{what} có số hiệu {m.number}." if lang == "vi" else f"{what_en} is numbered {m.number}.", True)
    if kind == "date":
        if not m.date:
            return ((f"{what} không ghi ngày ban hành." if lang == "vi" else f"{what_en} prints no date."), False)
        if len(m.date) == 4:
            return ((f"{what} chỉ ghi năm {m.date}, không ghi ngày, tháng." if lang == "vi" else
                     f"{what_en} prints only the year {m.date}, no day or month."), True)
        printed = printed_date(doc)
        y, mo, d = m.date.split("-")
        when = printed or f"ngày {d}/{mo}/{y}"
        return ((f"{what} ban hành {when}." if lang == "vi" else
                 f"{what_en} was issued on {d}/{mo}/{y} (day/month/year; printed “{when}”)."), True)
    if kind == "effective":
        if not m.effective:
            return ((f"{what} không ghi ngày có hiệu lực." if lang == "vi" else
                     f"{what_en} does not state when it takes effect."), False)
        if m.effective == "ngày ký":
            return ((f"{what} có hiệu lực kể từ ngày ký." if lang == "vi" else
                     f"{what_en} takes effect on the day it is signed."), True)
        span = effect_span(doc)
        printed = _PRINTED_DATE.search(" ".join(doc.text[span[0]:span[1] + 80].replace("*", " ").split())) \
            if span else None
        y, mo, d = (m.effective.split("-") + ["", ""])[:3]
        when = printed.group(0).removeprefix("ngày ") if printed else (f"{d}/{mo}/{y}" if d else m.effective)
        return ((f"{what} có hiệu lực từ ngày {when}." if lang == "vi" else
                 f"{what_en} takes effect on {when} (day/month/year)."), True)
    if kind == "replaces":
        if not (m.replaces or m.repeals):
            return ((f"{what} không nêu văn bản nào bị thay thế hay bãi bỏ." if lang == "vi" else
                     f"{what_en} names no document it replaces or repeals."), False)
        parts = []
        if m.replaces:
            parts.append(("thay thế " if lang == "vi" else "replaces ") + "; ".join(m.replaces))
        if m.repeals:
            parts.append(("bãi bỏ " if lang == "vi" else "repeals ") + "; ".join(m.repeals))
        return f"{what} {' và '.join(parts) if lang == 'vi' else ' and '.join(parts)}.", True
    if kind == "implements":
        refs = [r for r in m.implements if cited is None or r.split(" số ")[-1] in cited]
        if not refs:
            return ((f"{what} không nêu văn bản nào mà nó triển khai." if lang == "vi" else
                     f"{what_en} names no document it implements."), False)
        listed = "; ".join(refs)
        return ((f"{what} triển khai thực hiện: {listed}." if lang == "vi" else
                 f"{what_en} implements (titles quoted in Vietnamese): {listed}."), True)
    raise ValueError(kind)


def effect_span(doc: Document) -> tuple[int, int] | None:
    """The sentence that says when the document takes effect, or what it replaces."""
    m = re.search(r"(?i)có\s+hiệu\s+lực(?:\s+thi\s+hành)?\s+(?:kể\s+)?từ[\s\S]{0,80}?(?:năm\s*\d{4}|\d{4}|ngày\s+ký)",
                  doc.text)
    if not m:
        return None
    a, b = _line_around(doc.text, m.start(), m.end())
    # what it replaces or ends follows in the same article ("2. Quyết định số … hết hiệu lực …")
    tail = re.search(r"(?i)hết\s+hiệu\s+lực|thay\s+thế|bãi\s+bỏ", doc.text[b:b + 900])
    if tail:
        b = _line_around(doc.text, b + tail.start(), b + tail.end())[1]
    return a, b


def implements_span(doc: Document) -> tuple[int, int] | None:
    """The opening of the document (title and "Căn cứ / Thực hiện" paragraphs) names what it
    implements: its first preamble pieces, as one span of at most ~4,000 characters."""
    pre = [c for c in doc.chunks if c.kind == "preamble"]
    if not pre:
        return None
    end = pre[0].end
    for c in pre[1:]:
        if c.end - pre[0].start > 4000:
            break
        end = max(end, c.end)
    return pre[0].start, end
