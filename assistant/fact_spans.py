"""Where a document states each fact about itself: one span per asked part, read at answer time from
the text (so every part is quoted from the clause that says it, not from a metadata field alone).

    effect_span(doc)             "Quyết định này có hiệu lực thi hành kể từ ngày 01 tháng 5 năm 2026."
    effect_span(doc, "38/2025/QĐ-TTg")   a consolidated text: the effect clause of the amending
                                 decision the question names ("2. Quyết định số 38/2025/QĐ-TTg … có hiệu
                                 lực thi hành từ ngày 01 tháng 12 năm 2025.")
    repeal_clauses(doc)          [("thay thế", span, ["Nghị định số 62/2022/NĐ-CP", "Nghị định số 63/2022/NĐ-CP"])]
    issuer_span(doc)             "BỘ CÔNG THƯƠNG … Số: 56/2025/TT-BCT"
    addressee_span(doc)          "Kính gửi: Công Ty TNHH Khuôn Mẫu Yong Hong;"
    reply_span(doc)              "Cục Thuế nhận được công văn số 1383/NBI-CNTK ngày 15/8/2025 của Thuế tỉnh Ninh Bình"
"""
from __future__ import annotations

import re

from ingest.meta.refs import NUMBER, REF_KINDS
from ingest.model import Document

_KINDS = "|".join(REF_KINDS)
REF = re.compile(rf"(?:{_KINDS})\s+số\s*:?\s*{NUMBER}", re.I)
# (or from the day another act does: "… có hiệu lực thi hành kể từ ngày Nghị định số 262/2025/NĐ-CP … có hiệu lực")
_EFFECT = re.compile(r"(?i)có\s+hiệu\s+lực(?:\s+thi\s+hành)?\s+(?:kể\s+)?từ\s+(?:ngày\s+ký|ngày\s+ban\s+hành|ngày[\s*]*\d{1,2}"
                     rf"[\s\S]{{0,30}}?\d{{4}}|ngày\s+(?:{_KINDS})\s+số)")
# a repeal names its documents right after its verb ("bãi bỏ toàn bộ Thông tư số …"); an expiry before it
# (or the parts it replaces first: "thay thế Danh mục TTHC có số thứ tự 03, mục A … tại Quyết định số 1620/QĐ-UBND")
_NAMED_NEXT = rf"(?:toàn\s+bộ\s+|các\s+|một\s+số\s+\S+\s+của\s+)?(?:{_KINDS})\s+số"  # the document right after the verb
_REPEAL_VERB = re.compile(rf"(?i)(thay\s+thế|bãi\s+bỏ)\s+(?={_NAMED_NEXT}|[^.]{{0,200}}?\s(?:tại|của)\s+(?:{_KINDS})\s+số)")
_EXPIRY = re.compile(r"(?i)hết\s+hiệu\s+lực")
# an amendment names what it amends after its verb, or after the parts it amends ("Sửa đổi, bổ sung danh mục TTHC
# tương ứng được công bố tại Quyết định số 1306/QĐ-UBND …", a title's "… BAN HÀNH KÈM THEO QUYẾT ĐỊNH SỐ 52/2024/…")
_AMEND_VERB = re.compile(rf"(?i)sửa\s+đổi(?:\s*,\s*bổ\s+sung)?\s+(?=(?:một\s+số\s+điều\s+của\s+)?(?:{_KINDS})\s+số"
                         rf"|[^.]{{0,200}}?\s(?:tại|của|theo)\s+(?:{_KINDS})\s+số)")
_GROUND = re.compile(r"(?i)\b(?:căn\s+cứ|xét\s+đề\s+nghị|theo\s+đề\s+nghị)\b")
_GROUND_END = re.compile(r"[;.]\s*\*?[ \t]*\n|\n\s*\n|\bĐiều\s+\d")


def in_grounds(text: str, at: int, back: int = 600) -> bool:
    """Whether ``at`` stands in one of the document's grounds ("Căn cứ … Nghị định số 92/2017/NĐ-CP … sửa đổi, bổ
    sung một số điều …;"): after a "Căn cứ" / "Theo đề nghị" whose ground has not ended (";" or "." at a line's end)."""
    head = text[max(0, at - back):at]
    grounds = list(_GROUND.finditer(head))
    return bool(grounds) and not _GROUND_END.search(head, grounds[-1].end())
# a lead-in whose documents follow as a list: "… các Nghị định … sau đây hết hiệu lực thi hành:", "bãi bỏ các văn
# bản sau:" (its items "a) Nghị định số 115/2015/NĐ-CP …;" up to the next numbered clause or article)
_LEAD_IN = re.compile(r"(?i)(thay\s+thế|bãi\s+bỏ|hết\s+hiệu\s+lực)[^.:\n]{0,80}:")
_LIST_END = re.compile(r"\n\s*(?:\*\*)?(?:\d+\.\s|Điều\s+\d|Chương\s|Nơi\s+nhận)")
_SENTENCE_END = re.compile(r"\.(?=\s|$|\*)|\n\s*\n|\n\|")
_OPENING = 6000  # characters of a document's head in which its addressee and the letter it answers stand


def sentence_around(text: str, start: int, end: int, back: int = 600) -> tuple[int, int]:
    """The sentence (or list item) holding ``text[start:end]``: from the previous sentence end or item
    start to the next sentence end, never more than ``back`` characters before."""
    lo = max(0, start - back)
    before = text[lo:start]
    cut = max((m.end() for m in _SENTENCE_END.finditer(before)), default=0)
    item = list(re.finditer(r"\n\s*(?:\d+\.|[a-zđ]\)|[-+])\s", before))
    if item:
        cut = max(cut, item[-1].start() + 1)
    a = lo + cut
    m = _SENTENCE_END.search(text, end)
    b = m.start() + (1 if text[m.start()] == "." else 0) if m else len(text)
    while a < b and text[a] in " \n\t|*":
        a += 1
    while b > a and text[b - 1] in " \n\t|*":
        b -= 1
    return a, b


# "… Hội đồng nhân dân tỉnh Vĩnh Long Khóa X, kỳ họp chuyên đề lần thứ Ba thông qua ngày 18 tháng 11 năm 2025"
_SESSION = re.compile(r"(?i)(?:khóa|khoá)\s+[IVXLC\d]+\s*,?\s*kỳ\s+họp[^.;]{0,80}?thông\s+qua(?:\s+ngày[^.;]{0,30}?\d{4})?")


def session_span(doc: Document) -> tuple[tuple[int, int], str] | None:
    """Where a resolution says the council's term and session that passed it (its closing line), and what it says."""
    found = list(_SESSION.finditer(doc.text))  # the last: the closing line, not a cited resolution's
    if not found:
        return None
    return found[-1].span(), " ".join(found[-1].group(0).replace("*", " ").split())


# "Theo đề nghị của Giám đốc Sở Tài chính tại Tờ trình số 123/TTr-STC ngày 10/11/2025." (a decision's last ground;
# the Government's resolutions: "Xét đề nghị của Bộ trưởng Bộ Công an tại các văn bản số 554/TTr-BCA …")
_PROPOSER = re.compile(r"(?i)(?:theo|xét)\s+đề\s+nghị\s+của\s+([^;.]{3,300}?)"
                       r"(?:\s+tại\s+((?:các\s+)?(?:tờ\s+trình|văn\s+bản|công\s+văn)[^;.]*))?"
                       r"(?=[;.]|\n\s*\n)")


def proposer_span(doc: Document, submission: bool = False) -> tuple[tuple[int, int], str] | None:
    """Where the document says on whose proposal it is issued, and who that is (the body, without its report's
    number): the first "Theo đề nghị của …" of its opening. ``submission``: with the submission it was proposed in
    ("Sở Khoa học và Công nghệ (Tờ trình số 104/TTr-SKHCN ngày 16/10/2025)", asked "tại tờ trình số mấy?")."""
    m = _PROPOSER.search(doc.text, 0, _OPENING)
    if not m:
        return None
    who = " ".join(m.group(1).replace("*", " ").split())
    if submission and m.group(2):
        filed = " ".join(m.group(2).replace("*", " ").split())
        who = f"{who} ({filed[0].upper()}{filed[1:]})"
    return (m.start(), m.end()), who


# "Xét Tờ trình số 421/TTr-UBND …; Báo cáo thẩm tra số 114/BC-BPC ngày 22 tháng 11 năm 2025 của Ban Pháp chế; …"
# (a council's resolution: the committee that verified its draft; the National Assembly's: "… của Ủy ban Pháp luật")
_VERIFIER = re.compile(r"(?i)báo\s+cáo\s+thẩm\s+tra\s+(?:số[^;]{1,120}?\s+)?của\s+\**\s*"
                       r"((?:Ban|Ủy\s+ban|Uỷ\s+ban|Hội\s+đồng)\s[^;.,]{2,160}?)(?=\s*\**\s*[;.,]|\s+(?:về|ý\s+kiến|tiếp\s+thu)\s"
                       r"|\n\s*\n)")


def verifier_span(doc: Document) -> tuple[tuple[int, int], str] | None:
    """Where the document's opening names the report that verified its draft, and the committee that made it
    ("Báo cáo thẩm tra số 114/BC-BPC … của Ban Pháp chế" → "Ban Pháp chế")."""
    m = _VERIFIER.search(doc.text, 0, _OPENING)
    if not m:
        return None
    return m.span(), re.sub(r"\s+và$", "", " ".join(m.group(1).replace("*", " ").split()))


def _digits(number: str) -> str:
    return re.sub(r"\s+", "", number)


def effect_span(doc: Document, about: str | None = None) -> tuple[int, int] | None:
    """The sentence saying when the document takes effect. ``about``: a number the question names that
    is not the document's own (an amending act inside a consolidated text): the effect clause after
    where that act is named."""
    text = doc.text
    start = 0
    if about and not (doc.meta.number and _digits(about) == _digits(doc.meta.number)):
        digits, _, symbol = about.partition("/")
        m = re.search(rf"{re.escape(digits)}\s*/\s*{re.escape(symbol)}", text)
        if m:
            start = m.start()
    m = _EFFECT.search(text, start)
    return sentence_around(text, m.start(), m.end()) if m else None


def repeal_clauses(doc: Document) -> list[tuple[str, tuple[int, int], list[str]]]:
    """(verb, sentence span, documents) for each sentence that replaces, repeals, amends or ends earlier
    documents, in text order; the document's own number aside."""
    text, own = doc.text, _digits(doc.meta.number or "")
    out: list[tuple[str, tuple[int, int], list[str]]] = []
    seen: set[tuple[int, int]] = set()

    def add(verb: str, span: tuple[int, int], refs: list[str]) -> None:
        refs = [r for r in dict.fromkeys(" ".join(r.split()) for r in refs) if not own or own not in _digits(r)]
        if refs and span not in seen:
            seen.add(span)
            out.append((verb, span, refs))

    for m in _REPEAL_VERB.finditer(text):
        span = sentence_around(text, m.start(), m.end())
        verb = "thay thế" if "thay" in m.group(1).lower() else "bãi bỏ"
        if not re.match(rf"(?i){_NAMED_NEXT}", text[m.end():]):
            verb += " một phần"  # the parts named first, the document after them: part of it is replaced
        # a title's "BÃI BỎ QUYẾT ĐỊNH SỐ …" has no full stop: its sentence would run on through the grounds below
        brk = _PARAGRAPH.search(text, m.end(), span[1])
        add(verb, (span[0], brk.start()) if brk else span,
            [_dated(text, r) for r in REF.finditer(text, m.end(), brk.start() if brk else span[1])])
    for m in _AMEND_VERB.finditer(text):
        if in_grounds(text, m.start()):
            continue  # "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật …": a ground, not what this one amends
        span = sentence_around(text, m.start(), m.end())
        brk = _PARAGRAPH.search(text, m.end(), span[1])
        add("sửa đổi, bổ sung", (span[0], brk.start()) if brk else span,
            [_dated(text, r) for r in REF.finditer(text, m.end(), brk.start() if brk else span[1])])
    for m in _EXPIRY.finditer(text):
        span = sentence_around(text, m.start(), m.end())
        add("hết hiệu lực", span, [_dated(text, r) for r in REF.finditer(text, span[0], m.start())])
    for m in _LEAD_IN.finditer(text):
        verb = "thay thế" if "thay" in m.group(1).lower() else "bãi bỏ" if "bỏ" in m.group(1).lower() else "hết hiệu lực"
        stop = _LIST_END.search(text, m.end(), m.end() + 3000)
        end = stop.start() if stop else min(len(text), m.end() + 3000)
        start = sentence_around(text, m.start(), m.end())[0]
        add(verb, (start, end), [_dated(text, r) for r in REF.finditer(text, m.end(), end)])
    return sorted(out, key=lambda c: c[1])


# the date printed right after a document's reference: "Quyết định số 445/2013/QĐ-UBND ngày 03/9/2013 của …"
_PARAGRAPH = re.compile(r"\n[ \t*]*\n|\n[ \t*|]*Căn cứ\b")  # a paragraph's end, or the grounds a title runs into
_REF_DATE = re.compile(r"(?i)[\s*]*ngày[\s*]*\d{1,2}\s*(?:[/.-]\s*\d{1,2}\s*[/.-]|tháng\s*\d{1,2}\s*năm)\s*\d{4}")


def _dated(text: str, ref: re.Match) -> str:
    """A replaced document's reference with the date printed after it, where one is (which of two documents of one
    number, and the answer to "bãi bỏ văn bản nào, ban hành ngày nào")."""
    date = _REF_DATE.match(text, ref.end())
    return ref.group(0) + (" " + " ".join(date.group(0).replace("*", " ").split()) if date else "")


def issuer_span(doc: Document, number_line: tuple[int, int] | None) -> tuple[int, int] | None:
    """The issuer's name as the header prints it, from its first line to the number line below it
    ("BỘ CÔNG THƯƠNG\\n-------\\n|\\n**CỘNG HÒA …**\\n…\\nSố: 56/2025/TT-BCT")."""
    if not number_line:
        return None
    text = doc.text
    nation = text.rfind("CỘNG", max(0, number_line[0] - 700), number_line[0])
    if nation < 0:
        return None
    lo = max(0, nation - 400)
    first = None
    for m in reversed(list(re.finditer(r"[^\n]*\n", text[lo:nation]))):
        bare = m.group(0).strip(" *|-\t\n")
        if not bare:
            if first is not None:
                break
            continue
        if bare != bare.upper():
            break
        first = lo + m.start()
    if first is None:
        return None
    start = first
    while start < number_line[1] and text[start] in " \n*|-":
        start += 1
    return start, number_line[1]


def addressee_span(doc: Document) -> tuple[int, int] | None:
    """The "Kính gửi:" lines of a letter (wrapped or in their own cell), up to the paragraph after them."""
    text = doc.text
    m = re.search(r"Kính\s*\**\s*gửi\s*\**\s*:\s*\**", text[:_OPENING])
    if not m:
        return None
    body = re.search(r"\S", text[m.end():])
    if not body:
        return None
    a = m.end() + body.start()
    while a < len(text) and text[a] in "|\n *":
        a += 1
    # the addressee ends where the letter's first paragraph begins (a new cell, or a blank line)
    end = re.search(r"\n\s*\|\s*\n|\n\s*\n", text[a:a + 600])
    b = a + (end.start() if end else min(600, len(text) - a))
    return m.start(), b


_REPLY = re.compile(rf"(?i)(?:nhận\s+được|trả\s+lời|phúc\s+đáp)\s+(?:công\s+văn|văn\s+bản|tờ\s+trình|đơn|thư)"
                    rf"(?:\s+số)?\s*:?\s*{NUMBER}")


def reply_span(doc: Document) -> tuple[tuple[int, int], str] | None:
    """The sentence naming the letter this one answers, and that letter's reference as printed
    ("công văn số 1383/NBI-CNTK ngày 15/8/2025 của Thuế tỉnh Ninh Bình")."""
    m = _REPLY.search(doc.text[:_OPENING])
    if not m:
        return None
    span = sentence_around(doc.text, m.start(), m.end())
    words = re.match(r"(?i)(?:nhận\s+được|trả\s+lời|phúc\s+đáp)\s+", m.group(0))
    rest = doc.text[m.start() + words.end():span[1]]
    ref = re.split(r"\s+về\s+|\s*\(|\.\s|\s*[;:]", " ".join(rest.split()), maxsplit=1)[0].rstrip(" .,")
    return span, ref


def cited_span(doc: Document, kind: str) -> tuple[tuple[int, int], str] | None:
    """The first line of the document naming a document of ``kind`` by its number, and that number: "Trên cơ sở Đề
    án số 379/ĐA-CP ngày 09 tháng 05 năm 2025 của Chính phủ …" for kind "Đề án" (asked "trên cơ sở Đề án số
    mấy?")."""
    m = re.search(rf"(?i)\b{re.escape(kind)}\s+số\s+(\d+[\w/.\-]*\w)", doc.text)
    if not m:
        return None
    start = doc.text.rfind("\n", 0, m.start()) + 1
    end = doc.text.find("\n", m.end())
    return (start, len(doc.text) if end < 0 else end), m.group(1)
