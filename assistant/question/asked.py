"""What kind of value a question asks for, and whether a sentence or a cell holds one.

A question names its answer's type as much as its topic: "trong thời hạn tối đa bao lâu?" wants a
duration ("không quá 24 tháng"), "theo định kỳ nào?" a period ("hằng quý"), "by what year?" a year,
"how many copies?" a count in copies ("5.000 cuốn"). Two passages that share the topic's words are
told apart by that: the one holding a value of the asked type answers, the other only talks about it.

    asked("Các kho chứa phải di chuyển trong thời hạn tối đa bao lâu?")   → Asked("duration", ())
    asked("How many copies of the booklet will Thanh Hoa print?")       → Asked("count", ("cuốn", "bản"))
    asked("Tổng cộng bao nhiêu mẫu để quan trắc?")                       → Asked("count", ("mẫu",))
    holds(Asked("duration", ()), "thời gian thực hiện không quá 24 tháng kể từ ngày …")  → True
    holds(Asked("count", ("cuốn", "bản")), "- Số lượng: 5.000 cuốn.")                    → True
    holds(Asked("count", ("cuốn", "bản")), "- Hình thức: In tài liệu cấp phát …")        → False

Units are general measure words (months, copies, samples, tonnes, minutes), never a topic's words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ground.normalize import fold

from . import lexicon


@dataclass(frozen=True)
class Asked:
    kind: str  # "duration", "period", "year", "count", or "" (nothing typed: a clause, a name)
    units: tuple[str, ...] = ()  # Vietnamese measure words the value is written with

    def __bool__(self) -> bool:
        return bool(self.kind)


NOTHING = Asked("")
STRONG_TYPE_BONUS = 0.5  # a value of a type that picks passages by itself: half a question's coverage
WEAK_TYPE_BONUS = 0.2  # a bare "how many": nearly every passage holds some figure, a little credit

# English measure words → how Vietnamese documents write them after a figure.
EN_UNITS = {
    "copies": ("cuốn", "bản"), "copy": ("cuốn", "bản"), "booklets": ("cuốn",), "samples": ("mẫu",),
    "sample": ("mẫu",), "months": ("tháng",), "month": ("tháng",), "days": ("ngày",), "day": ("ngày",),
    "years": ("năm",), "minutes": ("phút",), "hours": ("giờ",), "weeks": ("tuần",), "points": ("điểm",),
    "tonnes": ("tấn",), "tons": ("tấn",), "tonne": ("tấn",), "hectares": ("ha",), "hectare": ("ha",),
    "people": ("người",), "persons": ("người",), "households": ("hộ",), "species": ("loài",),
    "communes": ("xã",), "schools": ("trường",), "classes": ("lớp",), "beds": ("giường",),
    "sessions": ("lần", "buổi", "đợt"), "times": ("lần",), "percent": ("%",), "vnd": ("đồng",),
    "dong": ("đồng",), "kilometres": ("km",), "kilometers": ("km",), "km": ("km",), "units": ("đơn vị",),
    "periods": ("tiết",), "lessons": ("tiết",), "metres": ("m", "mét"), "meters": ("m", "mét"), "kilograms": ("kg",),
    "kg": ("kg",), "litres": ("lít",), "liters": ("lít",), "rooms": ("phòng",), "trees": ("cây",),
    "square kilometres": ("km2", "km²"), "square kilometers": ("km2", "km²"), "km2": ("km2", "km²"),
}
_DURATION_UNITS = ("ngày", "tháng", "năm", "giờ", "tuần", "phút")
# a measure word asked in full that documents write as its symbol too ("bao nhiêu mét" of "17 m")
_VI_SPELLINGS = {"mét": ("mét", "m"), "ki-lô-mét": ("ki-lô-mét", "km"), "kilômét": ("kilômét", "km"),
                 "héc-ta": ("héc-ta", "ha"), "hécta": ("hécta", "ha"), "ki-lô-gam": ("ki-lô-gam", "kg"),
                 "tiền": ("đồng",)}  # "bao nhiêu tiền": money, printed "700.000 đồng/người/tháng"
# words that follow "bao nhiêu" without being a measure ("bao nhiêu là đủ", "bao nhiêu trong đó")
_NOT_UNITS = {"một", "là", "và", "của", "được", "trong", "để", "so", "với", "theo", "tại", "thì", "phần", "đối", "cho", "mỗi"}

# ("how much per month" asks an amount by the month, not a number of months: a rate's "per", "a", "each" is no measure)
_EN_MEASURE = re.compile(r"(?<![^\W\d_])(?:(?:how (?:many|much|long)|number of)\s+(?:(?!(?:per|a|an|each|every)\s)[a-z-]+\s+)?"
                         r"|(?:in|within)\s+)("
                         + "|".join(sorted(EN_UNITS, key=len, reverse=True)) + r")(?![^\W\d_])")
# "ở mức nào", "theo mức nào": a level asked, a figure as "bao nhiêu" asks for one (English "what level" is a
# count already: ``lexicon.ASK_COUNT_EN``)
_ASK_LEVEL_VI = re.compile(r"\bmuc nao\b")
_NUMBER = r"\d+(?:[.,]\d+)*"
# a count written in words, as laws often do ("Ba năm liên tiếp hoạt động không hiệu quả", "trong thời hạn mười lăm
# ngày"): one to ten, "mười …" and "… mươi …" ("năm" alone is left out: it is a year as often as five, "tư" the "Tư" of
# "Bộ Tư pháp")
_NUMBER_WORDS = (r"(?<![^\W\d_])(?:(?:hai|ba|bốn|năm|sáu|bảy|tám|chín)\s+mươi(?:\s+(?:mốt|hai|ba|bốn|tư|lăm|sáu|bảy|tám|chín))?"
                 r"|mười(?:\s+(?:một|hai|ba|bốn|lăm|sáu|bảy|tám|chín))?|một|hai|ba|bốn|sáu|bảy|tám|chín)")
# a figure spelled out again in brackets before its unit, as legal texts write them: "10 (mười) ngày làm việc",
# "một (01) lần", "15 (mười lăm) ngày", "05 (năm) ngày" (inside the brackets "năm" is five, never a year)
_DIGIT_WORD = r"(?:một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|tám|chín|mười|mươi|trăm|nghìn|ngàn|linh|lẻ)"
_SPELLED = rf"(?:\s*\((?:{_NUMBER}|{_DIGIT_WORD}(?:\s+{_DIGIT_WORD})*)\))?"
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_PERIOD_TEXT = re.compile(r"(?i)\b(hằng|hàng|mỗi|mọi) (ngày|tuần|tháng|quý|năm|kỳ)\b|\b\d+\s*lần\s*/\s*(năm|tháng|quý)|"
                          r"\b(\d+|sáu|ba) tháng (một|1) lần\b|\bđịnh kỳ (\d+|sáu|ba) tháng\b")


# A measure asked by what is measured, not by its unit (folded): a weight, a size, an hour of the day — the units a
# value of it is printed in ("Trọng lượng: 13.75g", "rộng 54mm, dài 86 mm", "trước 09 giờ 00 phút"); not "how large",
# which asks an amount as often as a size ("how large must a loan be, relative to the capital")
_MEASURED = ((re.compile(r"\bweigh(?:s|t)?\b|\bnang (?:bao nhieu|khoang|may)\b|\btrong luong\b|\bkhoi luong\b"),
              ("g", "gam", "gram", "kg")),
             (re.compile(r"\b(?:what|which) (?:size|dimensions?)\b|\bkich thuoc\b"),
              ("mm", "cm", "m")),
             # a distance ("how far … from", "cách … bao xa": "cách công trình nhà ở ≥ 20m"; also a Want of its own)
             (lexicon.ASK_DISTANCE, ("m", "mét", "km")),
             (re.compile(r"\bkhung gio\b|\bmay gio\b|\bgio nao\b|\b(?:at )?what time of (?:the )?day\b|\bwhich hours\b"),
              ("giờ",)))


def asked(question: str, lang: str = "vi") -> Asked:
    """The type of value ``question`` asks for; ``NOTHING`` when it asks for none in particular."""
    f = fold(question)
    if (lexicon.ASK_PERIOD_VI if lang == "vi" else lexicon.ASK_PERIOD_EN).search(f):
        return Asked("period")
    if (lexicon.ASK_DURATION_VI if lang == "vi" else lexicon.ASK_DURATION_EN).search(f):
        return Asked("duration", _units(question, f, lang, _DURATION_UNITS))
    if (lexicon.ASK_YEAR_VI if lang == "vi" else lexicon.ASK_YEAR_EN).search(f):
        return Asked("year")
    if lexicon.ASK_DATE.search(f):  # "phải xong trước ngày nào", "by what date": a day of a month
        return Asked("date")
    measured = next((units for rx, units in _MEASURED if rx.search(f)), ())
    if (lexicon.ASK_COUNT_VI if lang == "vi" else lexicon.ASK_COUNT_EN).search(f) \
            or lang == "vi" and _ASK_LEVEL_VI.search(f):
        return Asked("count", _units(question, f, lang) or measured)
    return Asked("count", measured) if measured else NOTHING


def _units(question: str, folded: str, lang: str, only: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The measure word the question names: "bao nhiêu mẫu" → ("mẫu",); "in minutes" → ("phút",)."""
    if lang == "vi":
        m = lexicon.COUNTED_VI.search(question)
        word = m.group(2).lower() if m else ""
        found = _VI_SPELLINGS.get(word, (word,)) if word and word not in _NOT_UNITS else ()
    else:
        # the measure the value is asked in: "how many days", "how many working days", "in minutes", "number of
        # samples" — not any measure word of the question ("the monthly fee in rural communes" asks no count of
        # communes); the question's own English words: a Vietnamese term it quotes ("cho thuê lại lao động") is no
        # unit, though folded "động" reads "dong"
        m = _EN_MEASURE.search(question.lower())
        found = EN_UNITS[m.group(1)] if m else ()
        if "%" in question:
            found = found or ("%",)
    return tuple(u for u in found if not only or u in only)


def holds(what: Asked, text: str) -> bool:
    """Whether ``text`` states a value of the asked type (with the asked unit, when one is named)."""
    if not what:
        return False
    if what.kind == "period":
        return bool(_PERIOD_TEXT.search(text))
    if what.kind == "year":
        return bool(_YEAR.search(text))
    if what.kind == "date":  # a date stated, not a cited document's or the letter's own
        return bool(lexicon.STATED_DATE.search(lexicon.CITED_DATE.sub(" ", lexicon.LETTER_DATE.sub(" ", text))))
    units = what.units or (_DURATION_UNITS if what.kind == "duration" else ())
    if units:
        if set(units) & set(_DURATION_UNITS):  # "ngày 24 tháng 11 năm 2025" is a date, not 24 months or 11 years
            text = _DATE_IN_WORDS.sub(" ", text)
        alt = "|".join(re.escape(u) for u in units)
        return bool(re.search(rf"(?i)(?:{_NUMBER}|{_NUMBER_WORDS}){_SPELLED}\s*(?:triệu\s+|nghìn\s+|tỷ\s+)?(?:{alt})(?![^\W_])",
                              text))
    # a count with no unit named: any figure other than a year or a date's parts
    bare = re.sub(r"\b\d{1,2}/\d{1,2}/\d{4}\b|\b(19|20)\d\d\b", " ", text)
    return bool(re.search(r"\d", bare))


# a date written in words, whose figures sit before "tháng" and "năm" as a duration's do
_DATE_IN_WORDS = re.compile(r"(?i)(?:ngày\s*\d{1,2}\s*)?tháng\s*\d{1,2}(?:\s*năm\s*\d{4})?|ngày\s*\d{1,2}\s*tháng")


def typed_strongly(what: Asked) -> bool:
    """A type that picks passages by itself: a duration, a period, a year, a date, or a count in a named unit.
    A bare "how many" is not: nearly every passage of a plan holds some figure."""
    return what.kind in ("duration", "period", "year", "date") or bool(what.units)


# Measures a figure is stated in, never things a list enumerates: "bao nhiêu tiết mỗi tuần", "how many periods a
# week", "bao nhiêu km" ask a value a sentence states ("Hiệu trưởng là 02 tiết"), not the items of a list counted.
MEASURES = frozenset({*_DURATION_UNITS, "tiết", "km", "km2", "km²", "ha", "tấn", "m", "mét", "m2", "m²", "m3", "m³", "cm",
                      "mm", "g", "kg", "lít", "%", "đồng", "lần", "buổi", "điểm", "giường"})


def asks_sum(question: str, what: Asked) -> bool:
    """A sum of money asked by a bare "how many / how much": its answer states one (``states_sum``).

    >>> asks_sum("Đơn giá bồi thường cho một cây bưởi là bao nhiêu?", asked("Đơn giá bồi thường … là bao nhiêu?"))
    True
    >>> q = "What import duty rate applies to the deck?"
    >>> asks_sum(q, asked(q, "en")), asks_sum("Có bao nhiêu xã tham gia?", asked("Có bao nhiêu xã tham gia?"))
    (True, False)
    """
    low = question.lower()
    if what.kind == "count" and not what.units:
        return bool(lexicon.ASK_SUM.search(low) or lexicon.ASK_SUM_WHAT.search(low))
    return not what and bool(lexicon.ASK_SUM_WHAT.search(low))  # nothing typed: "What monthly allowance …?"


def states_sum(text: str, row: bool = False) -> bool:
    """Whether a source states a sum: a figure in money, a share or a multiple of the base salary; any figure
    in a table's row, whose unit its header states ("Đơn vị tính: triệu đồng" over "Lãnh đạo Ban chỉ đạo | 10").

    >>> states_sum("Hỗ trợ thêm 75.000 đồng/người/ngày"), states_sum("thuộc nhóm 95.04 …"), states_sum("3.1 | 10", True)
    (True, False, True)
    """
    return bool(lexicon.STATES_SUM.search(text) or row and re.search(r"\d", text))


def asks_measure(what: Asked) -> bool:
    """A count asked in a measure (``MEASURES``) only: its value is read, no list is counted.

    >>> asks_measure(asked("how many periods a week must a principal teach?", "en"))
    True
    >>> asks_measure(asked("Quyết định công bố bao nhiêu thủ tục?", "vi"))
    False
    """
    return what.kind == "count" and bool(what.units) and set(what.units) <= MEASURES


def type_bonus(what: Asked) -> float:
    """Credit for a sentence holding the asked type, on the scale of term coverage (0..1)."""
    return STRONG_TYPE_BONUS if typed_strongly(what) else WEAK_TYPE_BONUS if what else 0.0


_DOC_NUMBER = re.compile(r"\b\d+/(?:\d{4}/)?[A-ZĐ][\w.\-&]*")  # "624/TB-VPCP", "82/2025/NQ-HĐND"


def figures_of(text: str, single: bool = False) -> set[str]:
    """The figures of a text, years aside: "90–95%" (a range is one figure, not "90" and "95%" apart);
    a leading zero is no part of the value ("04 CSDL" and "four databases" both hold "4"). A lone digit
    is a figure only with ``single`` (a source's text: a question's "khoản 3", "Phụ lục 2" quote none)."""
    text = _DOC_NUMBER.sub(" ", text)  # "Thông báo 624/TB-VPCP": a document's number, not a figure it quotes
    flat = re.sub(r"\s*[-–÷]\s*(?=\d)", "-", text)
    nums = re.findall(r"\d+(?:[.,]\d+)*(?:-\d+(?:[.,]\d+)*)?%?", flat)
    out = {re.sub(r"^0+(?=\d)", "", n) for n in nums
           if not re.fullmatch(r"(19|20)\d\d(-(19|20)\d\d)?", n) and (single or len(n.rstrip("%")) >= 2)}
    return out | {str(lexicon.NUMBER_WORDS_EN[m.group(1).lower()]) for m in lexicon.NUMBER_WORD_EN.finditer(text)}


def holds_figure(text: str, figure: str) -> bool:
    """``figure`` (one of ``figures_of``: "20", "0,5%") printed in ``text`` as a whole number, a leading zero aside
    ("Trên 01 đến 10 tỷ" holds "1" and "10", not "0")."""
    return re.search(rf"(?<![\d.,])0*{re.escape(figure)}(?![\d]|[.,]\d)", text) is not None


def anchors_of(question: str) -> frozenset[str]:
    """A question's figures (not its years) and acronyms, which a source may share: "90–95%", "WO3", "BIM"."""
    nums = {n for n in re.findall(r"\d+(?:[.,]\d+)?", question) if not re.fullmatch(r"(19|20)\d\d", n)}
    return frozenset(nums | set(re.findall(r"\b[A-Z][A-Z0-9]{1,7}\b", question)))


# the same question word twice ("bao lâu ở A và bao lâu ở B", "how much … and how much …") or a comparison
# asked in words ("khác nhau", "so với", "differ between … and …"): two values of one kind are asked
_ASK_WORDS = {"vi": ("bao nhieu", "bao lau", "may", "nhu the nao", "muc nao", "nao"),
              "en": ("how much", "how many", "how long", "what", "which")}
_COMPARED_EN = re.compile(r"\b(differ|differs|difference|compare|compared|versus|vs)\b|\bbetween\b.{2,80}\band\b")


def asks_twice(question: str, lang: str = "vi") -> bool:
    """Whether the question asks one kind of value twice, of two things it names: "khâu thụ lý bố trí bao lâu
    ở thủ tục cấp mới và bao lâu ở thủ tục cấp lại?", "how does the fee differ between filing in person and
    online?"."""
    f = fold(question)
    if any(len(re.findall(rf"\b{w}\b", f)) >= 2 for w in _ASK_WORDS["vi" if lang == "vi" else "en"]):
        return True
    return bool(lexicon.COMPARE.search(f) or lang != "vi" and _COMPARED_EN.search(f))


def amount(text: str) -> tuple[float, str] | None:
    """The first figure of a cell with the word after it: "1,5 ngày" → (1.5, "ngày"), "1.400.000" → (1400000.0, "");
    None where the text holds no single plain figure ("1/4 ngày" is a fraction, not 1 or 4)."""
    m = re.search(r"(?<![\d/.,])(\d+(?:[.,]\d+)*)(?![\d/])\s*([^\W\d_]*)", text)
    if not m:
        return None
    raw = m.group(1)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw):
        value = float(raw.replace(".", ""))
    elif re.fullmatch(r"\d+,\d+", raw):
        value = float(raw.replace(",", "."))
    elif re.fullmatch(r"\d{1,3}(?:,\d{3})+", raw):
        value = float(raw.replace(",", ""))
    else:
        try:
            value = float(raw)
        except ValueError:
            return None
    return value, m.group(2).lower()


def direction_text(a: str, b: str, lang: str) -> str:
    """Which of two values is the larger, said in words over the values as printed (no figure computed: a
    difference would be a figure no citation holds), where both are figures in the same unit; "" otherwise."""
    x, y = amount(a), amount(b)
    if not x or not y or x[1] != y[1] or ("%" in a) != ("%" in b):  # "289" and "13.0%": a count and a share
        return ""
    if lang == "vi":
        how = "bằng" if x[0] == y[0] else "lớn hơn" if x[0] > y[0] else "nhỏ hơn"
        return f" So sánh: {a} {how} {b}."
    how = "the same as" if x[0] == y[0] else "more than" if x[0] > y[0] else "less than"
    return f" Compared: {a} is {how} {b}."
