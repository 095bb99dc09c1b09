"""Target-value cells of a *Phụ lục* table: find the unit, split the value cells, parse one cell.

Everything here reads the *shape* of words (number, comparator, bracket, capital
letter), never the wording of an indicator, so it works on any province's table.

``match_unit(words)`` — the unit of measure that ends ``words`` (longest match wins):
    ["thị", "%"]                  → (1, "%")
    ["nghiệp", "Căn", "hộ"]       → (2, "Căn hộ")          not "hộ"
    ["m2", "sàn/", "người"]       → (3, "m2 sàn/người")    a unit wrapped over two lines

``split_cells(words, n)`` — the n value cells at the start of ``words``, and where the rest
(the agency / note cells) begins; None when the words cannot be n cells:
    "<3,5 <3 Sở Nội vụ"                            → [0:1] "<3,5", [1:2] "<3"; rest at "Sở"
    "- Bảo đảm Sở Y tế"                            → "-", "Bảo đảm"; rest at "Sở"
    "Duy trì phổ cập trẻ 5 tuổi 100"               → "Duy trì phổ cập trẻ 5 tuổi", "100"
    "giảm xuống còn 12,8% giảm xuống còn 11,1%"    → split right after "12,8%"
    "97% (với 8 loại vắc xin) hoặc 95% (…) 97% …"  → brackets and "hoặc" keep a cell open

``locate_values(words, n)`` — a whole row's words: where the indicator ends, the unit, the cells:
    "Tuổi thọ trung bình Tuổi 74,5 75 Sở Y tế" → indicator words[:3], unit "Tuổi", "74,5" / "75"

``parse_value(raw, year, unit, neighbours)`` — one cell → TargetValue (raw kept, whitespace collapsed):
    "<3,5"                         → "<", 3.5, 3.5
    "> 95 (14 loại vắc xin)"       → ">", 95, 95, note "(14 loại vắc xin)"
    "0,5-1,2"                      → None, 0.5, 1.2
    "104.046"                      → 104046                    (Vietnamese thousands dot)
    "2,500" unit "Căn hộ"          → 2500, ambiguous           (a count of flats cannot be 2.5)
    "26.1" unit "m2 sàn/người", neighbours ["23"] → 26.1, ambiguous (English decimal point)
    "giảm xuống còn 12,8%"         → 12.8, text "giảm xuống còn"
    "12 loại vắc xin5)" marker     → footnotes ["5"], marker left out of text/note
    "Duy trì phổ cập trẻ 5 tuổi"   → text only, no number
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import TargetValue

_CMP = {"<": "<", ">": ">", "<=": "<=", ">=": ">=", "=<": "<=", "=>": ">=", "≤": "<=", "≥": ">="}
_NUM = r"\d+(?:[.,]\d+)*"
_NUM_WORD = re.compile(rf"(?:<=|>=|=<|=>|≤|≥|<|>)?{_NUM}(?:[-–]{_NUM})?%?")
_VALUE = re.compile(rf"(?P<cmp><=|>=|=<|=>|≤|≥|<|>)?\s*(?P<lo>{_NUM})\s*%?(?:\s*[-–]\s*(?P<hi>{_NUM})\s*%?)?")
# Words after which a figure still belongs to the same phrase ("giảm xuống còn 12,8%", "… hoặc 95%").
_CONNECTORS = {"hoặc", "còn", "đến", "từ", "khoảng", "trên", "dưới", "đạt", "là"}
_PHRASE = re.compile(rf"(?P<words>.*\b(?:còn|đến|đạt|khoảng|trên|dưới|tối thiểu|tối đa|ít nhất))\s+(?P<num>{_NUM})\s*%?")
# A footnote marker is printed glued to a lowercase word: "vắc xin5)". Two letters before it,
# so that units such as "m2" never lose their digit.
_MARKER = re.compile(r"([^\W\d_]{2,})(\d{1,2})(?=[)\].,;:]*(?:\s|$))")

# Units seen in Vietnamese target tables, normalised (lowercase, no space around "/").
# A closed class, unlike indicator wording; extend it when a new table brings a new unit.
UNITS = {
    "%", "‰", "%/năm", "%/huyện", "%/xã", "%/tháng", "người", "lượt", "lượt người", "giường",
    "giường bệnh", "tuổi", "năm", "lần", "ca", "căn", "căn hộ", "hộ", "m2", "m²", "m2 sàn",
    "m2 sàn/người", "m2/người", "m²/người", "mức độ", "con", "con/phụ nữ", "bậc học", "xã",
    "trường", "trạm", "cơ sở", "điểm", "km", "ha", "tỷ đồng", "triệu đồng", "nghìn đồng", "đồng",
    "usd", "kwh", "tấn", "kg", "ngày", "tháng", "giờ", "cái", "chiếc", "bác sĩ", "học sinh",
    "doanh nghiệp", "lớp", "phòng",
}
# Units that count whole things: "2,500 căn hộ" can only mean 2500, never 2.5.
COUNT_UNITS = {
    "căn", "căn hộ", "hộ", "người", "lượt", "lượt người", "ca", "giường", "giường bệnh", "xã",
    "trường", "trạm", "cơ sở", "cái", "chiếc", "bác sĩ", "học sinh", "doanh nghiệp", "lớp", "phòng",
}
STRONG = ("num", "cmp", "dash")  # word kinds that can only start a value cell


def _norm_unit(s: str) -> str:
    return re.sub(r"\s*/\s*", "/", " ".join(s.split()))


def match_unit(words: Sequence[str]) -> tuple[int, str] | None:
    """Longest unit (up to 4 words) that ends ``words``: (number of words, unit as printed)."""
    for k in range(min(4, len(words)), 0, -1):
        unit = _norm_unit(" ".join(words[-k:]))
        if unit.lower() in UNITS:
            return k, unit
    return None


def word_kind(word: str, nxt: str | None = None) -> str:
    """cmp | dash | pct | paren | num | textnum | conn | upper | lower.

    A bare number followed by a lowercase word is part of a phrase ("trẻ 5 tuổi" → textnum),
    not a target figure; with "%" or a comparator it is always a figure ("12,8% giảm …").
    """
    if word in _CMP:
        return "cmp"
    if word in ("-", "–", "—"):
        return "dash"
    if word == "%":
        return "pct"
    if word.startswith("("):
        return "paren"
    core = word.rstrip(".,;")
    if core and _NUM_WORD.fullmatch(core):
        bare = core[0].isdigit() and not core.endswith("%")
        if bare and nxt and nxt[0].islower() and nxt not in _CONNECTORS:
            return "textnum"
        return "num"
    if word in _CONNECTORS:
        return "conn"
    return "upper" if word[0].isupper() else "lower"


_START = {"num": "num", "cmp": "cmp", "dash": "dash", "textnum": "text", "upper": "text", "lower": "text",
          "conn": "conn"}


def _continues(state: str, kind: str) -> bool:
    """Does a word of ``kind`` stay in a cell whose last word left it in ``state``?"""
    if kind == "paren":
        return state != "cmp"  # "(14 loại vắc xin)" qualifies the figure before it
    if kind == "pct":
        return state == "num"  # "95 %"
    if state == "cmp":
        return kind == "num"  # "> 95"
    if state == "conn":
        return kind != "dash"  # "còn 12,8%", "hoặc 95%"
    if kind == "conn":
        return state in ("num", "text")
    return state == "text" and kind in ("lower", "textnum")  # "Duy trì phổ cập trẻ 5 tuổi"


def _after(kind: str) -> str:
    return {"conn": "conn", "num": "num", "pct": "num", "cmp": "cmp"}.get(kind, "text")


def split_cells(words: Sequence[str], n: int) -> tuple[list[tuple[int, int]], int] | None:
    """Exactly n value cells from the start of ``words`` (see module doc), or None."""
    cells: list[list[int]] = []
    ends: list[str] = []  # the state each cell was left in
    state, depth, rest = "", 0, len(words)
    for i, w in enumerate(words):
        kind = word_kind(w, words[i + 1] if i + 1 < len(words) else None)
        if cells and (depth > 0 or _continues(state, kind)):
            cells[-1][1] = i + 1
            if depth == 0 and kind != "paren":
                state = ends[-1] = _after(kind)
            depth += w.count("(") - w.count(")")
            if depth < 0:
                return None  # a bracket closed that this cell never opened: we started inside a note
            continue
        if cells and state in ("cmp", "conn"):
            return None  # "> " or "hoặc" with nothing after it
        if len(cells) == n:
            rest = i
            break
        if kind in ("paren", "pct"):
            return None
        cells.append([i, i + 1])
        state, depth = _START[kind], w.count("(") - w.count(")")
        ends.append(state)
        if depth < 0:
            return None
    if len(cells) != n or depth != 0 or state in ("cmp", "conn"):
        return None
    if rest < len(words) and word_kind(words[rest]) != "upper":
        return None  # what follows the values is an agency name, which starts with a capital
    for (a, _), end in zip(cells, ends, strict=True):
        if words[a][0].islower() and end != "num":
            return None  # a lowercase cell is a phrase leading to a figure ("giảm xuống còn 12,8%")
    return [(a, b) for a, b in cells], rest


def locate_values(words: Sequence[str], n: int) -> tuple[int, int, str | None, list[tuple[int, int]], int] | None:
    """Where a row's figures are in its words: (u, v, unit, cells, rest) so that the indicator is
    words[:u], the unit words[u:v], the n cells follow, and words[rest:] is the agency.

    The unit is searched right to left, so "Tuổi thọ trung bình Tuổi 74,5 75" takes the second
    "Tuổi"; without a known unit every cell must be a figure ("Chỉ số HDI  >0,7 >0,7").
        "Tỷ lệ thất nghiệp chung % <3,5 <3 Sở Nội vụ" → (5, 6, "%", [(6, 7), (7, 8)], 8)
    """
    def strong(k: int) -> bool:
        return word_kind(words[k], words[k + 1] if k + 1 < len(words) else None) in STRONG

    for v in range(len(words) - 1, 0, -1):
        hit = match_unit(words[max(0, v - 4):v])
        if hit and v - hit[0] >= 1 and (got := split_cells(words[v:], n)):
            return v - hit[0], v, hit[1], [(a + v, b + v) for a, b in got[0]], got[1] + v
    for v in range(1, len(words)):
        if strong(v) and (got := split_cells(words[v:], n)) and all(strong(a + v) for a, _ in got[0]):
            return v, v, None, [(a + v, b + v) for a, b in got[0]], got[1] + v
    return None


def opens_value(words: Sequence[str]) -> bool:
    """Does a line start with a figure or a unit ("2 ", "% 30 40", "m2 sàn/ ")?"""
    if not words:
        return False
    if word_kind(words[0], words[1] if len(words) > 1 else None) in STRONG:
        return True
    return any((hit := match_unit(words[:k])) and hit[0] == k for k in range(1, min(4, len(words)) + 1))


def detach_markers(raw: str) -> tuple[str, list[str]]:
    """("12 loại vắc xin5)", …) → ("12 loại vắc xin)", ["5"]): markers glued to lowercase words."""
    found: list[str] = []

    def cut(m: re.Match) -> str:
        if not m.group(1)[-2:].islower():
            return m.group(0)
        found.append(m.group(2))
        return m.group(1)

    return _MARKER.sub(cut, raw), found


def _strict(s: str) -> float | None:
    """Only the readings no Vietnamese table can mean otherwise: 23, 24,7, 6.300."""
    if re.fullmatch(r"\d+", s):
        return float(int(s))
    if re.fullmatch(r"\d+,(?:\d{1,2}|\d{4,})|0,\d+", s):
        return float(s.replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", s):
        return float(s.replace(".", ""))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+,\d+", s):  # "1.234,5"
        return float(s.replace(".", "").replace(",", "."))
    return None


def _comparable(x: float, neighbours: Sequence[str]) -> bool:
    for raw in neighbours:
        m = re.search(_NUM, raw or "")
        y = _strict(m.group(0)) if m else None
        if y and 0.1 <= x / y <= 10:
            return True
    return False


def to_number(s: str, unit: str | None = None, neighbours: Sequence[str] = ()) -> tuple[float | None, bool]:
    """A printed figure → (value, ambiguous). None when the format could mean two things and
    neither the unit nor the neighbouring cells settle it."""
    s = s.rstrip("%")
    value = _strict(s)
    if value is not None:
        return value, False
    u = _norm_unit(unit or "").lower()
    if re.fullmatch(r"\d{1,3},\d{3}", s):  # "2,500": Vietnamese 2.5 or English 2500
        if u in COUNT_UNITS:
            return float(s.replace(",", "")), True
        if u.startswith(("%", "‰")):
            return float(s.replace(",", ".")), True
        return None, True
    if re.fullmatch(r"\d{1,3}(?:,\d{3}){2,}", s):  # "1,234,567": only English thousands
        return float(s.replace(",", "")), True
    if re.fullmatch(r"\d+\.(?:\d{1,2}|\d{4,})", s):  # "26.1": a dot that cannot be thousands
        x = float(s)
        return (x, True) if _comparable(x, neighbours) else (None, True)
    return None, False


def parse_value(raw: str, year: int, unit: str | None = None, neighbours: Sequence[str] = ()) -> TargetValue:
    """One target cell → TargetValue; see the module doc for worked examples."""
    raw = " ".join(raw.split())
    tv = TargetValue(year=year, raw=raw)
    if tv.empty:
        return tv
    clean, tv.footnotes = detach_markers(raw)
    # "97% (…) hoặc 95% (…)": parse the first alternative, keep the others as unparsed text
    main, *alts = re.split(r"\s+(?=hoặc\s)", clean, maxsplit=1)
    other = alts[0] if alts else None
    notes = re.findall(r"\([^()]*\)", main)
    tv.note = " ".join(notes) or None
    body = " ".join(re.sub(r"\([^()]*\)", " ", main).split())
    m = _VALUE.fullmatch(body)
    if m:
        low, amb_lo = to_number(m["lo"], unit, neighbours)
        high, amb_hi = to_number(m["hi"], unit, neighbours) if m["hi"] else (low, amb_lo)
        tv.ambiguous = amb_lo or amb_hi
        if low is not None and high is not None:
            tv.comparator = _CMP[m["cmp"]] if m["cmp"] else None
            tv.low, tv.high, tv.text = low, high, other
            return tv
    else:
        m = _PHRASE.fullmatch(body)
        if m:
            num, tv.ambiguous = to_number(m["num"], unit, neighbours)
            if num is not None:
                tv.low = tv.high = num
                tv.text = " ".join(x for x in (m["words"], other) if x)
                return tv
    tv.text = " ".join(x for x in (body, other) if x) or None
    return tv
