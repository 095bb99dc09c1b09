"""Questions about a document itself: who signed it, its number, its date.

The answer quotes where the text says it — the signature block, or the line
that prints the number and date (for the shipped plans, the appendix caption
"(kèm theo Kế hoạch số 422 /KH-UBND ngày 15/ 4 /2025 …)").

Which facts a question asks for is read with the question (``question.fact_kinds``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ground.normalize import join_wraps
from ingest.meta.metadata import PASSED
from ingest.meta.refs import REF_KINDS
from ingest.model import Document
from ingest.text.page_view import IN_WORD_MARK

from . import fact_spans
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
    m = _PRINTED_DATE.search(" ".join(_unmarked(doc.text[span[0]:span[1]]).split())) if span else None
    return m.group(0) if m else None


def _unmarked(text: str) -> str:
    """A saved page's bold and italic marks out: deleted inside a word ("ng**ày", "202**5"), a space elsewhere."""
    return IN_WORD_MARK.sub("", text).replace("*", " ")


# "ngày 01 tháng 12 năm 2025" as a saved page may print it, its marks inside the words ("ng**ày", "202**5")
_DATE_NEAR_NUMBER = re.compile(r"n\**g\**à\**y[\s*]*\d{1,2}[\s\S]{0,40}?\d\**\d\**\d\**\d")


def date_span(doc: Document) -> tuple[int, int] | None:
    """From the number line to the place-date line beside or below it ("Cần Thơ, ngày 18\ntháng 11 …")."""
    num = number_span(doc)
    if num:
        m = _DATE_NEAR_NUMBER.search(doc.text[num[0]:num[1] + 200])
        if m:
            return num[0], num[0] + m.end()
        passed = list(PASSED.finditer(doc.text))  # no date beside the number: the closing line that says when
        return (passed[-1].start(), passed[-1].end()) if passed else num  # it was passed, where the text has one
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


@dataclass
class Part:
    """One asked part of a document-facts question: its sentence, whether the document states it,
    and the spans that hold it (locator, start, end) — each part is quoted from where it is said."""
    text: str
    found: bool
    spans: list[tuple[str, int, int]] = field(default_factory=list)


_NUMBER_LINE = "Số, ngày văn bản"


def part(kind: str, doc: Document, lang: str, about: str | None = None) -> Part:
    """The answer to one asked part about one document. ``about``: a document number the question
    names that is not this document's own (an amending act inside a consolidated text)."""
    m = doc.meta
    vi = lang == "vi"
    what = doc_label(doc, with_number=kind in ("number", "date"))
    if kind == "signer":
        if not (m.signer and m.signer_span):
            return Part(f"{what} không ghi người ký." if vi else f"{what} does not name its signer.", False)
        role = f" ({join_wraps(m.signer_title)})" if m.signer_title else ""
        return Part(f"{what} do {m.signer}{role} ký." if vi else f"{what} was signed by {m.signer}{role}.", True,
                    [("Chữ ký", *m.signer_span)])
    if kind == "number":
        span = number_span(doc)
        if not (m.number and span):
            return Part(f"{what} không ghi số hiệu (ô số để trống trong văn bản)." if vi else
                        f"{what} prints no document number (the number is left blank).", False)
        return Part(f"{what} có số hiệu {m.number}." if vi else f"{what} is numbered {m.number}.", True,
                    [(_NUMBER_LINE, *span)])
    if kind == "date":
        return _date(doc, what, vi)
    if kind == "issuer":
        span = fact_spans.issuer_span(doc, number_span(doc))
        if not (m.issuer and span):
            return Part(f"{what} không ghi cơ quan ban hành." if vi else f"{what} does not name its issuer.", False)
        return Part(f"Cơ quan ban hành: {m.issuer}." if vi else f"Issued by: {m.issuer}.", True,
                    [("Cơ quan ban hành", *span)])
    if kind == "effective":
        return _effective(doc, what, vi, about)
    if kind == "replaces":
        return _replaces(doc, what, vi)
    if kind == "amends":
        return _amends(doc, what, vi)
    if kind == "addressee":
        span = fact_spans.addressee_span(doc)
        if not span:
            return Part(f"{what} không ghi nơi gửi (Kính gửi)." if vi else f"{what} names no addressee.", False)
        who = " ".join(doc.text[span[0]:span[1]].replace("*", " ").replace("|", " ").split())
        who = re.sub(r"(?i)^kính\s*gửi\s*:\s*", "", who).rstrip(" ;,.")
        return Part(f"{what} gửi: {who}." if vi else f"{what} is addressed to (quoted in Vietnamese): {who}.", True,
                    [("Kính gửi", *span)])
    if kind in _QUOTED:  # a part said in one place of the text: quoted from there
        find, where, (missing_vi, missing_en), (said_vi, said_en) = _QUOTED[kind]
        got = find(doc)
        if not got:
            return Part((missing_vi if vi else missing_en).format(what=what), False)
        span, said = got
        return Part((said_vi if vi else said_en).format(what=what, said=said), True, [(where, *span)])
    if kind == "implements":
        span = implements_span(doc)
        cited = doc.text[span[0]:span[1]] if span else ""
        refs = [r for r in m.implements if r.split(" số ")[-1] in cited]
        flat = " ".join(cited.replace("*", " ").split())
        refs = [r + dated(r.split(" số ")[-1], flat) for r in refs]
        if not (refs and span):
            return Part(f"{what} không nêu văn bản nào mà nó triển khai." if vi else
                        f"{what} names no document it implements.", False)
        listed = "; ".join(refs)
        return Part(f"{what} căn cứ / triển khai thực hiện: {listed}." if vi else
                    f"{what} is based on / implements (titles quoted in Vietnamese): {listed}.", True,
                    [("Phần mở đầu", *span)])
    raise ValueError(kind)


def cited(doc: Document, kind: str, lang: str) -> Part:
    """The number of another document the text names, asked by its kind ("trên cơ sở Đề án số mấy?"), quoted
    from the first line that names one of that kind."""
    what = doc_label(doc)
    got = fact_spans.cited_span(doc, kind)
    if not got:
        return Part(f"{what} không nêu {kind} nào." if lang == "vi" else f"{what} names no {kind}.", False)
    (a, b), number = got
    line = " ".join(doc.text[a:b].replace("*", " ").split())
    return Part(f"{what} nêu {kind} số {number}: “{line}”." if lang == "vi" else
                f"{what} names {kind} số {number} (quoted in Vietnamese): “{line}”.", True, [("Văn bản được nêu", a, b)])


def _date(doc: Document, what: str, vi: bool) -> Part:
    m = doc.meta
    span = date_span(doc)
    if not (m.date and span):
        return Part(f"{what} không ghi ngày ban hành." if vi else f"{what} prints no date.", False)
    if len(m.date) == 4:
        return Part(f"{what} chỉ ghi năm {m.date}, không ghi ngày, tháng." if vi else
                    f"{what} prints only the year {m.date}, no day or month.", True, [(_NUMBER_LINE, *span)])
    printed = printed_date(doc)
    y, mo, d = m.date.split("-")
    when = printed or f"ngày {d}/{mo}/{y}"
    return Part(f"{what} ban hành {when}." if vi else
                f"{what} was issued on {d}/{mo}/{y} (day/month/year; printed “{when}”).", True, [(_NUMBER_LINE, *span)])


_EFFECT_DATE = re.compile(r"(?i)hiệu\s+lực[^.]*?từ\s+ngày\s*(\d{1,2}\s*(?:tháng\s*\d{1,2}\s*năm|[/.-]\s*\d{1,2}\s*[/.-])"
                          r"\s*\d{4})")


# in force from the day another act is ("… có hiệu lực thi hành kể từ ngày Nghị định số 262/2025/NĐ-CP … có hiệu lực")
_EFFECT_TIED = re.compile(rf"(?i)từ\s+ngày\s+(?:{'|'.join(REF_KINDS)})\s+số")
EFFECT_QUOTE = 400  # characters of an effect clause quoted whole


def _effective(doc: Document, what: str, vi: bool, about: str | None) -> Part:
    """When it takes effect, read from the clause that says it (and only from there)."""
    span = fact_spans.effect_span(doc, about)
    said = " ".join(doc.text[span[0]:span[1]].replace("*", " ").split()) if span else ""
    missing = Part(f"{what} không ghi ngày có hiệu lực." if vi else f"{what} does not state when it takes effect.",
                   False)
    if not span:
        return missing
    own = not about or about.replace(" ", "") in (doc.meta.number or "")
    subject = what if own else (f"Văn bản số {about}" if vi else f"Document {about}")
    on_issue = re.search(r"(?i)từ\s+ngày\s+(ký|ban\s+hành)", said)
    if on_issue:
        # the day it is signed or issued is the document's own date, where the header prints it whole (cited there)
        dated_at = date_span(doc) if own else None
        day = dated_at and re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", doc.meta.date or "")
        dated = f" ({int(day.group(3)):02d}/{int(day.group(2)):02d}/{day.group(1)})" if day else ""
        spans = [("Hiệu lực", *span)] + ([(_NUMBER_LINE, *dated_at)] if day else [])
        if on_issue.group(1).lower() == "ký":
            text = (f"{subject} có hiệu lực kể từ ngày ký{dated}." if vi else
                    f"{subject} takes effect from the date of signing{dated}.")
        else:
            text = (f"{subject} có hiệu lực kể từ ngày ban hành{dated}." if vi else
                    f"{subject} takes effect from the date of issue{dated}.")
        return Part(text, True, spans)
    printed = _EFFECT_DATE.search(said)
    if not printed:
        if not _EFFECT_TIED.search(said):
            return missing
        # in force when another act is: no date of its own to state, the clause is quoted as printed
        quoted = said if len(said) <= EFFECT_QUOTE else said[:EFFECT_QUOTE - 1].rsplit(" ", 1)[0] + "…"
        return Part(f"Về hiệu lực, {subject} ghi: “{quoted}”" if vi else
                    f"On when it takes effect, {subject} states (quoted in Vietnamese): “{quoted}”", True,
                    [("Hiệu lực", *span)])
    when = printed.group(1)
    return Part(f"{subject} có hiệu lực từ ngày {when}." if vi else f"{subject} takes effect on {when} (day/month/year).",
                True, [("Hiệu lực", *span)])


_PROPOSED = (("{what} không ghi được ban hành theo đề nghị của cơ quan nào.",
              "{what} does not say on whose proposal it is issued."),
             ("{what} được ban hành theo đề nghị của {said}.",
              "{what} is issued on the proposal of (quoted in Vietnamese): {said}."))
# parts said in one place, quoted from it: (finder → (span, what it says), locator, (missing vi, en), (said vi, en))
_QUOTED = {
    "proposer": (fact_spans.proposer_span, "Phần mở đầu", *_PROPOSED),
    # the proposer asked with its submission's number ("theo đề nghị của cơ quan nào, tại tờ trình số mấy?")
    "submission": (lambda doc: fact_spans.proposer_span(doc, submission=True), "Phần mở đầu", *_PROPOSED),
    "verifier": (fact_spans.verifier_span, "Phần mở đầu",
                 ("{what} không nêu báo cáo thẩm tra dự thảo.", "{what} names no verification report on its draft."),
                 ("Dự thảo {what} được thẩm tra bởi {said}.",
                  "The draft of {what} was verified (Báo cáo thẩm tra) by (quoted in Vietnamese): {said}.")),
    "session": (fact_spans.session_span, "Kỳ họp",
                ("{what} không ghi kỳ họp thông qua.", "{what} does not name the session that passed it."),
                ("{what} được thông qua tại: {said}.", "{what} was passed at (quoted in Vietnamese): {said}.")),
    "reply": (fact_spans.reply_span, "Phần mở đầu",
              ("{what} không nêu văn bản nào mà nó trả lời.", "{what} does not name a letter it answers."),
              ("{what} trả lời {said}.", "{what} answers {said} (quoted in Vietnamese).")),
}

_SAID = {"thay thế": ("thay thế", "replaces"), "thay thế một phần": ("thay thế một phần", "replaces part of"),
         "bãi bỏ": ("bãi bỏ", "repeals"), "bãi bỏ một phần": ("bãi bỏ một phần", "repeals part of"),
         "hết hiệu lực": ("làm hết hiệu lực", "ends"), "sửa đổi, bổ sung": ("sửa đổi, bổ sung", "amends")}
_AMENDS = "sửa đổi, bổ sung"


def _amends(doc: Document, what: str, vi: bool) -> Part:
    """Every document it amends, each from the sentence (or the title) that says so."""
    clauses = [c for c in fact_spans.repeal_clauses(doc) if c[0] == _AMENDS]
    if not clauses:
        return Part(f"{what} không nêu văn bản nào được sửa đổi, bổ sung." if vi else
                    f"{what} names no document it amends.", False)
    return _changed(clauses, what, vi)


def _replaces(doc: Document, what: str, vi: bool) -> Part:
    """Every document it replaces, repeals or ends, each from the clause that says so."""
    clauses = [c for c in fact_spans.repeal_clauses(doc) if c[0] != _AMENDS]
    if not clauses:
        return Part(f"{what} không nêu văn bản nào bị thay thế hay bãi bỏ." if vi else
                    f"{what} names no document it replaces or repeals.", False)
    return _changed(clauses, what, vi)


_NUMBER_KEY = re.compile(r"\d+/(?:\d{4}\b)?")  # "52/2024/" of "Quyết định số 52/2024/QĐ-UBND": which document


def _number_length(ref: str) -> int:
    m = re.search(r"\d+/\S+", ref)
    return len(m.group(0)) if m else 0


def _changed(clauses: list, what: str, vi: bool) -> Part:
    """"<what> <verb> <documents>" for each verb of ``clauses``, each clause cited."""
    parts = []
    for verb in _SAID:
        named: dict[str, str] = {}  # one document named in a title's capitals and in a clause: once, as the clause
        # writes it, unless its number is cut short there ("Quyết định số 52/2024/QĐ- UBND" beside the title's whole one)
        for r in (r for v, _, rs in clauses if v == verb for r in rs):
            key = m.group(0) if (m := _NUMBER_KEY.search(r)) else r.lower()
            if key not in named or (_number_length(r), not r.isupper()) > (_number_length(named[key]),
                                                                            not named[key].isupper()):
                named[key] = r
        refs = list(named.values())
        if refs:
            parts.append(f"{_SAID[verb][0 if vi else 1]} {'; '.join(refs)}")
    joined = " và ".join(parts) if vi else " and ".join(parts)
    return Part(f"{what} {joined}.", True, [("Hiệu lực", *span) for _, span, _ in clauses])


_DATED = re.compile(r"\s*,?\s*(ngày\s*\d{1,2}\s*(?:tháng\s*\d{1,2}\s*năm|[/.-]\s*\d{1,2}\s*[/.-])\s*\d{4})")


def dated(number: str, text: str) -> str:
    """" ngày …" as the text prints it right after the document ``number`` it names, or "" (a basis is named by its
    number and its date: "Quyết định số 89/2025/QĐ-UBND ngày 15 tháng 7 năm 2025").

    >>> dated("89/2025/QĐ-UBND", "Căn cứ Quyết định số 89/2025/QĐ-UBND ngày 15 tháng 7 năm 2025 của Ủy ban …")
    ' ngày 15 tháng 7 năm 2025'
    >>> dated("89/2025/QĐ-UBND", "Căn cứ Quyết định số 89/2025/QĐ-UBND của Ủy ban …")
    ''
    """
    at = text.find(number)
    m = _DATED.match(text, at + len(number)) if at >= 0 else None
    return f" {m.group(1)}" if m else ""


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
