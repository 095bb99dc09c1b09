"""What a table row holds for a question: its words, and how its columns, unit, total and figures fit.

One row model for every table (``ingest.model.TableRow``), a plan's target rows included; what a row
holds decides how it is read. A target row (``by_year``: figures by year) is about its indicator: the
parent's and its own name and unit (``row_text``), and a sub-row gains where the question names its label
("thành thị") and loses a little where it does not (the parent's own figure was asked: ``label_bonus``).
Any other row is about everything it prints: caption, groups, name, column names and cells; its columns
fit the question by name (``header_bonus``), unit (``unit_fit``), a total asked (``total_fit``), the
figures quoted (``figure_fit``) and the type of value asked (``type_fit``). ``table_scoring`` scores rows
with these; how a row's answer reads is ``row_writing``'s.

    row "Tỷ lệ thất nghiệp chung" (%, 2025 "<3,5", 2030 "<3")     → row_text "Tỷ lệ thất nghiệp chung % …"
    row "Trưởng ban" under "Thi tốt nghiệp THPT", cell "Mức chi: 300" → row_text "… Thi tốt nghiệp THPT
        Trưởng ban Mức chi 300 1.000 đồng"; "mức chi …?" names its column: header_bonus 0.2
"""
from __future__ import annotations

import re
from functools import lru_cache

from ground.normalize import fold
from ground.provinces import find_provinces
from ground.symbols import expand_abbreviations
from ingest.model import TableRow
from ingest.tables.table_rows import TOTAL

from .evidence import Coverage, Term
from .question.asked import Asked, figures_of, holds, typed_strongly
from .question.question import Question

LABEL_NAMED = 0.15  # a target sub-row whose label ("thành thị") the question names
LABEL_UNNAMED = 0.1  # a target sub-row the question does not name: the parent's own figure was asked
UNIT_BONUS = 0.15  # a column counting in the asked unit
UNIT_CONFLICT = 0.5  # every unit the row prints is another one
TOTAL_BONUS = 0.25  # the total row, for a question asking for the total
FIGURE_BONUS = 0.2  # the source holds the figures the question quotes (and those that do not, lose as much)
TYPE_BONUS = 0.1  # the row states a value of the asked type
PHRASE_BONUS = 0.15  # the row's own name or cells hold, word for word, Vietnamese the question quotes
HEADER_WEIGHT = 0.2  # a column the question names: a little credit, by how well it is named
ROW_NAMED = 0.2  # a row's label and groups cover this much of a total question: that row is named
# a row named by a province (a national table by place: "23. Tp Hải Phòng") for a question naming one: the place's
# words are no term of the question (they choose documents: ``evidence._PLACES``), so the places' rows tie without it
PLACE_FIT = 0.3
_PAREN_UNIT = re.compile(r"\(([^()\d]{1,20}|[\d.,^]+\s*[^()\d]{1,15})\)")  # "(vị trí)", "(ha)", "(1.000 đồng)"


def row_text(row: TableRow) -> str:
    """Everything a row is about, for coverage. A target row: its parent indicator, sub-row label,
    indicator and unit, abbreviations spelled out (not its agency, not its figures); any other row: its
    caption, groups, label, column names and cells."""
    if row.by_year:
        text = " ".join(p for p in [row.parent or "", row.sub_label or "", row.label, row.unit or ""] if p)
        return f"{text} {expand_abbreviations(text)}"
    return f"{row.caption} {own_text(row)}"


def own_text(row: TableRow) -> str:
    """The row itself, without its table's caption: groups, label, column names and cells."""
    cells = " ".join(f"{c.header} {c.text}" for c in row.cells)
    return " ".join([" ".join(row.group), row.label, cells, row.unit or ""])


def phrase_fit(q: Question, row: TableRow) -> float:
    """``PHRASE_BONUS`` where the row itself (its label and cells, not the groups above it) holds a Vietnamese
    phrase of two words or more that an English question quotes: "(Tiểu ban bầu cử, Tổ bầu cử)" names the row
    "Các thành viên Tiểu ban bầu cử, Tổ bầu cử", not a row under a group that mentions them."""
    phrases = [fold(p) for p in q.vi_phrases if len(p.split()) >= 2]
    if not phrases:
        return 0.0
    own = fold(" ".join([row.label, *(c.text for c in row.cells)]))
    return PHRASE_BONUS if any(p in own for p in phrases) else 0.0


def label_bonus(q: Question, row: TableRow) -> float:
    """Prefer the target sub-row whose label the question names ("thành thị", "rural" → Nông thôn)."""
    if not row.sub_label:
        return 0.0
    label = fold(re.sub(r"^[-+]\s*", "", row.sub_label))
    # named: clearly this sub-row; not named: the parent's own figure is what was asked
    return LABEL_NAMED if label and label in q.glossed else -LABEL_UNNAMED


def place_fit(places: tuple[str, ...], row: TableRow) -> float:
    """``PLACE_FIT`` for a row named by a province the question names, minus that for one named by another; 0
    where either names none.

    >>> row = lambda label: TableRow("d", 1, "Phụ lục III", [], "23.", label, [], "list")
    >>> place_fit(("Hải Phòng",), row("Tp Hải Phòng")), place_fit(("Hải Phòng",), row("Nghệ An"))
    (0.3, -0.3)
    >>> place_fit(("Hải Phòng",), row("Bộ Tư pháp")), place_fit((), row("Nghệ An"))
    (0.0, 0.0)
    >>> place_fit(("Hà Nội",), row("Chi tiếp công dân của Ủy ban Mặt trận Tổ quốc thành phố Hà Nội"))
    0.0
    """
    if not places:
        return 0.0
    named = _place_named(row.label)
    if not named:
        return 0.0
    return PLACE_FIT if named in places else -PLACE_FIT


_PLACE_WORDS = re.compile(r"(?i)^\W*(?:tỉnh|thành phố|tp\.?)\s+|\s*\(.*\)\W*$|\W+$")


@lru_cache(maxsize=4096)
def _place_named(label: str) -> str | None:
    """The province a row is named by, where its name is that province and nothing else ("Tp Hải Phòng",
    "Khánh Hòa", "TP. Hồ Chí Minh"): a row of a table by place. Not a task that names its province in passing
    ("Chi tiếp công dân … của thành phố Hà Nội")."""
    found = find_provinces(label)
    if len(found) != 1:
        return None
    bare = fold(_PLACE_WORDS.sub("", label.strip()))
    return found[0] if bare in (fold(found[0]), fold(found[0]).removeprefix("thanh pho ")) else None


def header_bonus(qtoks: list[Term], row: TableRow, coverage: Coverage) -> float:
    """A little credit when the question names one of the row's columns ("điểm chuẩn")."""
    best = max((coverage(qtoks, c.header) for c in row.cells), default=0.0)
    return HEADER_WEIGHT * best


def unit_fit(asks: Asked, row: TableRow) -> float:
    """How the row's columns fit the unit asked ("bao nhiêu mẫu"): credit where a column counts in it
    ("Tổng số (mẫu)"); a large penalty where every unit the row prints is another ("(vị trí)"):
    a count of sites cannot answer a question about samples."""
    if not asks.units or not row.headers_sure:
        return 0.0  # with guessed column names, a unit printed over a column says nothing of its cells
    words = re.compile(r"(?i)(?<![^\W\d_])(" + "|".join(re.escape(u) for u in asks.units) + r")(?![^\W\d_])")
    headers = [c.header for c in row.cells if c.text]
    if any(words.search(h) for h in headers) or (row.unit and words.search(row.unit)):
        return UNIT_BONUS
    # every figure of the row is in some other unit: "(vị trí)" over each column, or an ĐVT cell
    other = bool(row.unit) or bool(headers) and all(_PAREN_UNIT.search(h) for h in headers)
    return -UNIT_CONFLICT if other else 0.0


def figure_fit(figures: frozenset[str], scored: list) -> None:
    """The rows holding every figure the question quotes (not its years) gain, the others lose, where
    any holds them: "90–95%" names the row "từ 90-95% cộng 03 điểm" as surely as its words do, and
    more surely than a vector's rank of an English question."""
    if not figures:  # the question's own (``Question.figures``)
        return
    holding = {id(s) for s in scored if figures <= figures_of(row_text(s.row), single=True)}
    if not holding:
        return
    for s in scored:  # by identity: a Scored compared by value would compare whole documents
        s.coverage += FIGURE_BONUS if id(s) in holding else -FIGURE_BONUS


def type_fit(asks: Asked, text: str) -> float:
    """Credit when the row states a value of the asked type (a duration, a period, a count in the unit)."""
    return TYPE_BONUS if typed_strongly(asks) and holds(asks, text) else 0.0


def total_fit(asks_total: bool, row: TableRow, label_cover: float) -> float:
    """A question asking for the total ("tổng cộng", "total number") is answered by the table's total
    row, unless it names one of the rows (then that row's own total column answers)."""
    if not asks_total:
        return 0.0
    if TOTAL.match((row.label or row.number or "").strip("* ")):
        return TOTAL_BONUS
    if label_cover < ROW_NAMED:
        return -TOTAL_BONUS
    # the row is named: its own total column ("Tổng số (mẫu)") is what is asked
    return TOTAL_BONUS / 2 if any(TOTAL.match(c.header.split(" › ")[-1]) for c in row.cells if c.text) else 0.0
