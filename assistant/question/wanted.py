"""The parts a question asks for, by answer type, and whether a sentence states one.

``asked.asked`` reads the one typed value a question wants (a duration, a period, a year, a count in a
unit); a sentence answer needs every part and two more types that decide which sentence of a
clause answers: a date ("trước ngày nào?", "by what date?"), an agency ("cơ quan nào", "which
ministry") and a code ("mã số nào", "which HS code": "8531.80.19", "1.014445.H13", "QT.TBYT.06"). A
two-part question names two: "how many questions and how much time …" → a count in "câu" and a duration.

    wants(analyse("… phải hoàn thành … trước ngày nào?"))          → [Want("date")]
    wants(analyse("… bao nhiêu câu hỏi và thời gian thi bao nhiêu phút?")) → [Want("count", ("câu",)), Want("count", ("phút",))]
    held(Want("date"), "báo cáo Thủ tướng Chính phủ kết quả trước ngày 30 tháng 11 năm 2025.")  → True
    held(Want("agency"), "1. Bộ Tài chính chủ trì, phối hợp với các bộ, địa phương liên quan:")  → True
    wants(analyse("what share of the regular tuition fee are they charged?"))  → [Want("share")]
    label_kind("- Thời gian thực hiện: Năm 2026 và các năm tiếp theo.")  → "date"
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ground.normalize import fold

from . import lexicon
from .asked import EN_UNITS, Asked, holds
from .question import Question


@dataclass(frozen=True)
class Want:
    kind: str  # "date", "agency", "money", "share", "code", "form", "colour", "contact", "model", "distance", or an ``Asked``
    #            kind: "duration", "period", "year", "count"
    units: tuple[str, ...] = ()


_DATE_KINDS = {"date", "year", "duration", "period"}  # what a "Thời gian …:" label answers


def wants(q: Question) -> list[Want]:
    """Every part the question asks for, in the order asked (none when it asks for no typed value)."""
    out: list[Want] = []
    if q.asks:
        parts = _counts(q) if q.asks.kind in ("count", "duration") else []
        out += parts if len(parts) > 1 or q.asks.kind == "count" else [Want(q.asks.kind, q.asks.units)]
    f = fold(q.effective)
    if lexicon.ASK_DATE.search(f) and not any(w.kind in ("date", "year", "duration", "period") for w in out):
        out.append(Want("date"))
    if lexicon.ASK_SHARE.search(f) and any(w.kind == "count" and not w.units for w in out):
        # "what share of the fee …", "tỷ lệ … đạt bao nhiêu?": a percentage, before any sum the question names
        out = [w for w in out if w.kind != "count" or w.units] + [Want("share")]
    elif lexicon.ASK_MONEY.search(f) and any(w.kind == "count" and not w.units for w in out):
        out = [w for w in out if w.kind != "count" or w.units] + [Want("money")]  # "phí … bao nhiêu?": a sum
    if q.intent == "agency" or lexicon.AGENCY.search(f) or lexicon.ASK_AGENCY.search(f):
        out.append(Want("agency"))
    # a part named by what it is: "mã số nào" / "what (HS) code", "lập theo mẫu nào" / "which form", "màu gì" / "what
    # colour" (read as typed: "mẫu nào" folds to its letters), "số điện thoại" / "email", "ký, mã hiệu" / "what model"
    out += [Want(kind) for kind, asked_rx, typed in _NAMED_PARTS if asked_rx.search(q.effective if typed else f)]
    return list(dict.fromkeys(out))


# where a question asks a second thing: "…, còn …", "… và …", "…, and …", "…; …"
# (", hoặc" / ", or" only after a comma: "… sinh hoạt từ bao nhiêu m3/ngày, hoặc nước thải công nghiệp từ bao nhiêu
# m3/ngày …?" asks two figures; "bao nhiêu ngày hoặc tháng" one)
_SECOND = re.compile(r",? (?:con|va|and|while|whereas|but)\b|, (?:hoac|or)\b|; ")
# a last part with no question word, led by a conjunction and a preposition (folded): ", and for each ward?"
_ELLIPTIC = re.compile(r", (?:and|va|con) (?:for|in|at|under|with|cho|doi voi|o|tai|voi|trong) [^,;?]{1,60}\??$")
# (a quantity asked again: "…, and which when a clerk is replaced?" names a condition the first half's passage does
# not weigh, asked alone it finds the clerk's own line; asked with the first half put in, that half's passage again)
_ASKED_AGAIN = re.compile(r"\s*(how many|how much|bao nhieu)\s+(?:is it\s+|it\s+)?"
                          r"((?:for|in|at|under|with|when|cho|doi voi|o|tai|voi|trong|khi) [^,;?]{1,60})\??$")
# a bare comma: a cut only where no conjunction is, and each side asks ("… gửi về cơ quan nào, qua phòng nào?",
# "how long …, counted from when?", "… là bao nhiêu, trong đó … được bao nhiêu?")
_COMMA = re.compile(r", ")
_WH = (lexicon.ASK_DURATION_VI, lexicon.ASK_DURATION_EN, lexicon.ASK_COUNT_VI, lexicon.ASK_COUNT_EN,
       lexicon.ASK_DATE, lexicon.ASK_AGENCY)
# any question word (folded): a half asking an untyped value ("bằng hình thức nào", "how is that level described")
_ANY_WH = re.compile(r"\b(nao|gi|ai|bao nhieu|bao lau|o dau|the nao|which|what|who|whom|whose|how|when|where)\b")
# question words folding would confuse, read as typed: "gửi đâu" (not "đầu"), "toàn bộ hay một phần" (a choice)
_ANY_WH_ACCENTED = re.compile(r"\b(?:đâu|hay)\b", re.I)


def _asks(folded: str, text: str) -> bool:
    """Whether a stretch of a question asks something: a question word (``_ANY_WH``, or one of
    ``_ANY_WH_ACCENTED`` in the text as typed)."""
    return bool(_ANY_WH.search(folded) or _ANY_WH_ACCENTED.search(text))


def second_half(q: Question) -> tuple[str, str] | None:
    """The question's two halves where it asks two values, before and after a conjunction, each with its own
    question word ("… có bao lâu để trả lời, còn cơ quan bảo hiểm xã hội có bao lâu để giải quyết?", "trước ngày
    nào, còn ngành Giáo dục … trước ngày nào?"), or a comma where no conjunction is ("… gửi về cơ quan nào, qua
    phòng nào?"); None for a question asking one."""
    t = q.effective
    f = fold(t)
    if len(f) != len(t):  # the halves are cut where the folded text says (same length: same offsets)
        return None
    cuts = [m for m in _SECOND.finditer(f)
            if any(rx.search(f[:m.start()]) for rx in _WH) and any(rx.search(f[m.end():]) for rx in _WH)]
    # untyped halves only where a comma marks the second clause ("… bằng hình thức nào, và … từ khi nào?"): without
    # one, "and"/"và" joins two nouns of one question more often than two questions
    cuts = cuts or [m for m in _SECOND.finditer(f) if f[m.start()] in ",;"
                    and _asks(f[:m.start()], t[:m.start()]) and _asks(f[m.end():], t[m.end():])]
    cuts = cuts or [m for m in _COMMA.finditer(f)
                    if _asks(f[:m.start()], t[:m.start()]) and _asks(f[m.end():], t[m.end():])]
    if not cuts:
        # "…, and for rural areas?": a last part naming something else in the place of one phrase, asked as the
        # chat asks a follow-up (``question._rewrite``: the first half with that phrase put in)
        m = _ELLIPTIC.search(f)
        if m and _ANY_WH.search(f[:m.start()]) and not _ANY_WH.search(f[m.start():]):
            return t[:m.start()], t[m.start() + 1:].strip()
        return None
    # a comma before the conjunction marks the clause's own ("by what date must ministries and provinces …, and on
    # what date …"; "…, còn ngành Giáo dục và Đào tạo thì …"); without one, the first
    cut = next((m for m in cuts if f[m.start()] == ","), cuts[0])
    first, second = t[:cut.start()], t[cut.end():]
    # "…, and how many when dismissing one?", "…, còn bao nhiêu ở cấp xã?": the first half's question word again and
    # only a phrase in the place of one of its own: asked as the elliptic half is, that phrase put in the first half
    again = _ASKED_AGAIN.match(f[cut.end():])
    if again and re.search(rf"\b{re.escape(again.group(1))}\b", f[:cut.start()]):
        return first, "and " + second[again.start(2):].strip()
    return first, second


# where a half asks a further thing: "…, trong đó …" (the total, then its parts), ", how much …", ", what …"
_FURTHER = re.compile(r", trong do\b|, (?=(?:how|what|which|who|whom|whose|when|where)\b)")


def further_parts(half: str) -> list[str]:
    """A half of ``second_half`` split once more where it asks two things itself, each with a question word:
    "… bao nhiêu thủ tục …, trong đó bao nhiêu thủ tục cấp tỉnh" → the total and the provincial part; "what is the
    amount under the central rules, how much extra does the city add" → both. ``[half]`` where it asks one."""
    f = fold(half)
    if len(f) != len(half):
        return [half]
    cut = next((m for m in _FURTHER.finditer(f) if _ANY_WH.search(f[:m.start()]) and _ANY_WH.search(f[m.end():])),
               None)
    return [half[:cut.start()].strip(), half[cut.end():].strip()] if cut else [half]


# a question asking for several bodies or people by a plural ("những cơ quan nào", "which bodies", "who are")
_PLURAL_ASK = re.compile(r"\b(nhung|cac) (co quan|don vi|bo|so|ai|chu the)\b( \w+){0,3} nao\b|\bnhung ai\b|"
                         r"\bwhich ([a-z-]+ )?(bodies|agencies|ministries|departments|units|authorities|offices|"
                         r"organisations|organizations|people|persons|officials)\b|\bwho are\b")


def asks_plural(q: Question) -> bool:
    """Several bodies or people asked by a plural: "which bodies replace the district People's Committees and the
    former Department …?" takes two sentences naming one each, where one body's sentence would do for "which body"."""
    return bool(_PLURAL_ASK.search(fold(q.effective)))


def asks_twice(q: Question) -> bool:
    """Two values asked, each in its own half (``second_half``): two sentences of one kind may answer."""
    return second_half(q) is not None


def _counts(q: Question) -> list[Want]:
    """Each "bao nhiêu X" of the question its own part: "bao nhiêu câu … bao nhiêu phút"."""
    if q.lang == "vi":
        units = [m.group(2).lower() for m in lexicon.COUNTED_VI.finditer(q.effective)]
        units = [u for u in units if u not in lexicon.NOT_UNITS]
        found = [Want("count", (u,)) for u in units]
    else:
        found = []
        for m in lexicon.COUNTED_EN.finditer(q.effective.lower()):
            u = EN_UNITS.get(m.group(1)) or lexicon.EN_TIME_UNITS.get(m.group(1)) or lexicon.EN_COUNTED_IN.get(m.group(1))
            if u:
                found.append(Want("duration" if m.group(1) == "time" else "count", u))
    return found or ([Want("count", q.asks.units)] if q.asks.kind == "count" else [])


# parts asked by name: (kind, the question's words asking it (folded unless marked as typed), typed)
_NAMED_PARTS = (("code", lexicon.ASK_PARTS["code"], False), ("form", lexicon.ASK_FORM, False),
                ("colour", lexicon.ASK_COLOUR, True), ("contact", lexicon.ASK_CONTACT, False),
                ("model", lexicon.ASK_MODEL, False), ("distance", lexicon.ASK_DISTANCE, False))
# parts whose value a sentence states by one pattern
_STATED = {"agency": lexicon.STATED_AGENCY, "money": lexicon.MONEY, "share": lexicon.STATED_SHARE,
           "code": lexicon.STATED_CODE, "form": lexicon.STATED_FORM, "colour": lexicon.STATED_COLOUR,
           "contact": lexicon.STATED_CONTACT, "model": lexicon.STATED_MODEL, "distance": lexicon.STATED_DISTANCE}


def held(w: Want, text: str) -> bool:
    """Whether ``text`` states a value of the wanted kind. A date that dates a document cited
    ("Chỉ thị số 13/CT-TTg ngày 17 tháng 5 năm 2025") or the letter itself ("Thành phố Hồ Chí Minh, ngày
    25 tháng 11 năm 2025") is no deadline."""
    if w.kind == "date":
        return bool(lexicon.STATED_DATE.search(lexicon.CITED_DATE.sub(" ", lexicon.LETTER_DATE.sub(" ", text))))
    stated = _STATED.get(w.kind)
    if stated is not None:
        return bool(stated.search(text))
    if w.kind == "year":  # a year that dates a cited document or the letter is no year asked for
        text = lexicon.CITED_DATE.sub(" ", lexicon.LETTER_DATE.sub(" ", text))
    if w.kind == "count" and not w.units:  # any figure, but not a cited document's number ("148/2024/NĐ-CP")
        text = re.sub(r"\b\d+/\S*[A-ZĐ]\S*", " ", text)
    return holds(Asked(w.kind, w.units), text)


def value_end(w: Want, text: str) -> int | None:
    """Where the first value of the wanted kind ``text`` states ends (the shortest opening that ``held`` reads one
    in), or None: "Thủ tướng … tổ chức lễ khánh thành … vào ngày 19 tháng 12 năm 2025 nhân kỷ niệm …" → just past "2025".
    """
    if not held(w, text):
        return None
    lo, hi = 1, len(text)
    while lo < hi:  # held on every longer opening once on one: the first opening that holds it
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if held(w, text[:mid]) else (mid + 1, hi)
    return lo


def asks_after_change(q: Question) -> bool:
    """The question asks the value a change leaves: "còn bao nhiêu ngày", "after the cut"."""
    return bool(lexicon.ASK_AFTER_CHANGE.search(fold(q.effective)))


def states_before_change(text: str) -> bool:
    """The sentence gives the value before a change, or the amount cut, not what remains:
    "- Thời gian giải quyết theo quy định: 07 ngày …", "Nội dung cắt giảm: Giảm 02 ngày so với quy định."."""
    m = lexicon.LABEL.match(text)
    if m and lexicon.BEFORE_CHANGE_LABEL.search(m.group(1)):
        return True
    return bool(lexicon.CHANGE_AMOUNT.search(text)) and not lexicon.REMAINS.search(text)


def figure_value(raw: str) -> str:
    """A figure's value as written by either notation: "07" → "7", "1,5" → "1.5", "2.000" → "2000"."""
    raw = raw.replace(",", ".") if re.fullmatch(r"\d+,\d{1,2}", raw) else raw.replace(".", "").replace(",", "")
    return raw.lstrip("0") or "0"


def stated_values(w: Want, text: str) -> set[str]:
    """The figures ``text`` states as a value of the wanted kind (in its unit): "45 ngày" → {"45"}.
    Empty for kinds that are no figure (a date, an agency)."""
    units = w.units or (lexicon.TIME_UNITS if w.kind == "duration" else ())
    if w.kind == "money":
        units = lexicon.MONEY_UNITS
    if w.kind == "share":
        units = ("%",)
    if not units or w.kind not in ("duration", "count", "money", "share"):
        return set()
    alt = "|".join(re.escape(u) for u in units)
    return {figure_value(m.group(1)) for m in re.finditer(rf"(?i){lexicon.FIGURE_SCALE}(?:{alt})(?![^\W\d_])", text)}


def question_figures(q: Question) -> set[str]:
    """The figures the question itself states (years aside): "từ 45 ngày xuống còn bao nhiêu" → {"45"}."""
    return {figure_value(n) for n in re.findall(r"\d+(?:[.,]\d+)*", q.effective) if not re.fullmatch(r"(19|20)\d\d", n)}


# where a question's figures name a document, a legal place, a date or a form's code, not a condition on the value asked
_NOT_CONDITION = re.compile(r"(?i)\b(?:điều|khoản|điểm|chương|mục|article|clause|point)\s+\d+\w*"
                            r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\bngày\s+\d{1,2}\s+tháng\s+\d{1,2}"
                            r"|\b\d+[-/][\w\-/]*")  # a code: "Mẫu 03-HS", "1.000603/…"


# a figure that is part of a name ("Samsung Smart Tag 2", "Huawei Watch Fit 4"): its capitalised word before it
_NAMED_FIGURE = re.compile(r"\b([^\W\d_][\w-]*)\s+\d+(?:[.,]\d+)*")


def condition_figures(question: str) -> frozenset[str]:
    """The figures a question gives as a condition on what it asks, with their unit where one follows
    (``CONDITION_UNITS``) — not a year, a document's number, a legal place, a date, a form's code or a figure in a
    name: "trạm trung chuyển … bán kính phục vụ tối đa 15 km … (Quyết định 74/2025/QĐ-UBND)" → {"15 km"}.

    >>> sorted(condition_figures("Theo Quyết định 74/2025/QĐ-UBND, khoản 2 Điều 8: bán kính 15 km, công suất 100 tấn …"))
    ['100 tấn', '15 km']
    >>> sorted(condition_figures("How much does one Samsung Smart Tag 2 weigh, by form 03-HS?"))
    []
    """
    text = _NOT_CONDITION.sub(" ", lexicon.DOC_REF.sub(" ", question))
    text = _NAMED_FIGURE.sub(lambda m: " " if m.group(1)[0].isupper() else m.group(0), text)
    return frozenset(f"{v} {u}" if u else v for v, u in _figures(text) if not re.fullmatch(r"(19|20)\d\d", v))


# the units a condition's figure is compared in: "10 km" is not the "10 tấn" of a sibling line
CONDITION_UNITS = frozenset({"km", "m", "ha", "tấn", "kg", "lít", "ngày", "tháng", "năm", "giờ", "phút", "tuần", "người",
                             "lần", "%", "đồng", "triệu", "tỷ", "nghìn"})
_FIGURE_UNIT = re.compile(r"(?<![^\W\d_])(?<![\d.,])(\d+(?:[.,]\d+)*)\s*(%|[^\W\d_]+)?")


def _figures(text: str) -> list[tuple[str, str]]:
    """(value, unit) of every figure ``text`` prints; the unit "" where none of ``CONDITION_UNITS`` follows."""
    out = []
    for m in _FIGURE_UNIT.finditer(text):
        unit = (m.group(2) or "").lower()
        out.append((figure_value(m.group(1)), unit if unit in CONDITION_UNITS else ""))
    return out


def figures_in(text: str) -> set[str]:
    """Every figure ``text`` prints, by value and with its unit ("01km" → "1", "1 km"; "3.000 m2" → "3000", "3000 m":
    not the power of "m2"), to meet ``condition_figures``."""
    return {f for v, u in _figures(text) for f in ((v, f"{v} {u}") if u else (v,))}


def restates_question(want: list[Want], text: str, given: set[str]) -> bool:
    """Every value of an asked kind that ``text`` states is one the question gives already: it is the
    question's premise ("rút từ 20 ngày làm việc xuống còn bao nhiêu" → "theo quy định: 20 ngày làm việc"),
    not its answer."""
    values = set().union(*(stated_values(w, text) for w in want)) if want else set()
    return bool(values) and values <= given


def _body_key(phrase: str) -> str:
    """A body's name as compared: folded, "UBND" read out, its first eight words ("so nong nghiep va moi truong")."""
    return " ".join(fold(re.sub(r"\bUBND\b", "Ủy ban nhân dân", phrase)).replace(",", " ").split()[:8])


def duty_subject(text: str) -> str:
    """The body a list of duties is given to, where ``text`` heads one: "Giao Sở Nông nghiệp và Môi trường"
    → "so nong nghiep"; "" for other sentences."""
    m = lexicon.DUTY_SUBJECT.match(text) if heads_duties(text) or re.match(r"\W*Giao\s", text) else None  # "Giao …": however long
    return _body_key(m.group(1)) if m else ""


def bodies_named(q: Question) -> list[str]:
    """The bodies a question names ("UBND các phường, xã, đặc khu … phải hoàn thành …" → "uy ban nhan"),
    where it asks something of their duties rather than who acts."""
    text = re.sub(r"\bUBND\b", "Ủy ban nhân dân", re.sub(r"\b\d+/\S+", " ", q.effective))  # not "4085/UBND-ĐT"
    return [_body_key(m.group(0)) for m in lexicon.NAMED_BODY.finditer(text)]


def same_body(a: str, b: str) -> bool:
    """Two bodies' keys may name the same one: either's first three words stand in the other ("bo y te" in
    "bo truong bo y te", "uy ban nhan" in "chu tich uy ban nhan dan tinh"); kept loose on purpose, a
    duty is only counted another body's when its head names a body the question plainly does not."""
    x, y = a.split(), b.split()
    for short, long in ((x, y), (y, x)):
        head = short[:3]
        if len(head) >= 2 and any(long[i:i + len(head)] == head for i in range(len(long) - len(head) + 1)):
            return True
    return False


def heads_duties(text: str) -> bool:
    """An agency opens the line: it heads the duties listed under it ("1. Bộ Tài chính chủ trì, phối hợp …:",
    "Giao Sở Công Thương:")."""
    return bool(lexicon.DUTY_HEAD.match(text)) and len(text) < 400


def label_kind(text: str) -> str:
    """The kind of value a "Label: value" line gives, from its label; "" for other sentences."""
    m = lexicon.LABEL.match(text)
    if not m:
        return ""
    return next((kind for kind, rx in lexicon.LABEL_KINDS if rx.search(m.group(1))), "")


def kinds_of(want: list[Want]) -> set[str]:
    """The label kinds that answer the wanted parts ("Thời gian thực hiện:" answers a year or a date)."""
    out = set()
    for w in want:
        out.add("date" if w.kind in _DATE_KINDS else w.kind)
        if w.kind == "count" and set(w.units) & set(lexicon.TIME_UNITS):  # "bao nhiêu phút" under "Thời gian thi:"
            out.add("date")
        if w.kind == "money":  # "Mức thu:", "Lệ phí:"
            out.add("count")
    return out
