"""Questions about a document itself: who signed it, its number, its date.

The answer quotes where the text says it — the signature block, or the line
that prints the number and date (for the shipped plans, the appendix caption
"(kèm theo Kế hoạch số 422 /KH-UBND ngày 15/ 4 /2025 …)").

    fact_kind("Ai ký kế hoạch của An Giang?")                → "signer"
    fact_kind("What is the document number of An Giang's plan?") → "number"
    fact_kind("Kế hoạch của An Giang ban hành ngày nào?")      → "date"
"""
from __future__ import annotations

import re

from ingest.admin_units import with_level
from ingest.model import Document
from ingest.normalize import fold, join_wraps

_SIGNER = re.compile(r"\b(ai ky|nguoi ky|ky ban hanh|ky ten|ky thay|who signed|who signs|signed by|signs on behalf|"
                     r"signed on behalf|signatory|signer)\b")
_NUMBER = re.compile(r"\b(so hieu|so ky hieu|document number|what number|reference number|so van ban)\b")
# about the document's own date only: "by what date must units report" is a clause question
_DATE = re.compile(r"\b(ngay ban hanh|ban hanh ngay|ban hanh khi nao|ban hanh vao|ban hanh nam nao|ban hanh thang nao|"
                   r"ky ngay|ky khi nao|when was .*(issued|signed)|"
                   r"issue date|date of issue|dated)\b")


# "thực hiện nghị quyết nào", "which resolution does … implement"
# "Kế hoạch … thực hiện nghị quyết nào", "which resolution does … plan implement": the plan itself must
# be what implements; "quan hệ lao động được thực hiện theo chương trình nào" is a clause question.
_DOCS_EN = r"(document|documents|resolution|resolutions|programme|programmes|program|programs|decision|directive)"
_IMPLEMENTS = re.compile(r"\b(ke hoach|van ban)\b.*\b(thuc hien|trien khai|cu the hoa)\b.*"
                         r"\b(nghi quyet|chuong trinh|van ban|chi thi|ke hoach|quyet dinh)\b.*\b(nao|gi|so may|so bao nhieu)\b"
                         rf"|\b(which|what)\b.*\b{_DOCS_EN}\b.*\b(implement|implements|implementing)\b"
                         rf"|\b(implement|implements|implementing)\b.*\b(which|what)\b.*\b{_DOCS_EN}\b")


def fact_kind(question: str) -> str | None:
    f = fold(question)
    if _IMPLEMENTS.search(f):
        return "implements"
    if _SIGNER.search(f):
        return "signer"
    if _NUMBER.search(f):
        return "number"
    if _DATE.search(f):
        return "date"
    return None


def number_span(doc: Document) -> tuple[int, int] | None:
    """The line that prints the document's number (spaces inside it tolerated)."""
    if not doc.meta.number:
        return _caption_line(doc)
    digits, _, symbol = doc.meta.number.partition("/")
    rx = re.compile(rf"{re.escape(digits)}\s*/\s*{re.escape(symbol)}")
    m = rx.search(doc.text)
    return _line_around(doc.text, m.start(), m.end()) if m else None


def date_span(doc: Document) -> tuple[int, int] | None:
    return number_span(doc) or _caption_line(doc)


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


def fact_text(kind: str, doc: Document, lang: str) -> tuple[str, bool]:
    """(answer text, found) for one fact about one document."""
    m = doc.meta
    what = f"{m.kind or 'Văn bản'} của UBND {with_level(m.province)}" if m.province else doc.name
    what_en = f"{m.province}'s {'plan' if (m.kind or '').lower() == 'kế hoạch' else 'document'}" \
        if m.province else doc.name
    if kind == "signer":
        role = f" ({join_wraps(m.signer_title)})" if m.signer_title else ""
        return (f"{what} do {m.signer}{role} ký." if lang == "vi" else f"{what_en} was signed by {m.signer}{role}.",
                bool(m.signer))
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
        y, mo, d = m.date.split("-")
        return ((f"{what} ban hành ngày {int(d)}/{int(mo)}/{y}." if lang == "vi" else
                 f"{what_en} was issued on {int(d)}/{int(mo)}/{y} (day/month/year)."), True)
    if kind == "implements":
        if not m.implements:
            return ((f"{what} không nêu văn bản nào mà nó triển khai." if lang == "vi" else
                     f"{what_en} names no document it implements."), False)
        listed = "; ".join(m.implements)
        return ((f"{what} triển khai thực hiện: {listed}." if lang == "vi" else
                 f"{what_en} implements (titles quoted in Vietnamese): {listed}."), True)
    raise ValueError(kind)


def implements_span(doc: Document) -> tuple[int, int] | None:
    """The opening of the document (title and "Căn cứ / Thực hiện" paragraphs) names what it implements."""
    first = next((c for c in doc.chunks if c.kind == "preamble"), None)
    return (first.start, first.end) if first else None
