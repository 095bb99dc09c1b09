"""Answers from any table row: the row the question names × the column it asks for.

    q   "Mức chi cho Trưởng ban Ban Chỉ đạo thi tốt nghiệp THPT?"
    row group ["Thi tốt nghiệp THPT"], label "Trưởng ban", cells [("Mức chi", "300")], unit "1.000 đồng"
      → 'Thi tốt nghiệp THPT – “Trưởng ban”: Mức chi: 300 (đơn vị: 1.000 đồng).'

    q   "Cơ quan nào chủ trì nhiệm vụ xây dựng phần mềm, thời gian hoàn thành?"
    row label "Phối hợp xây dựng phần mềm …", cells [("Cơ quan chủ trì", "Trung tâm Chuyển đổi số"),
        ("Cơ quan phối hợp", "Sở Tài chính"), ("Thời gian dự kiến hoàn thành", "Quý IV/2026"), …]
      → both asked columns, in table order: chủ trì and thời gian (the other cells are left out)

Which columns are asked (``asked_cells``): the headers whose words the question uses, and for
each part the question asks (a time, an amount, the lead agency, the partners, a result, a code, a
place) the cell that answers it, chosen by ``cell_choice`` from the header's meaning, the value's
shape, the question's words and years in the header; a part no cell states is said to be missing.
A question that asks nothing the row states gets the whole row. A long cell is quoted by its sentences that cover the
question best, never cut in the middle of a figure.
"""
from __future__ import annotations

import re

from ground.normalize import fold
from ingest.model import TableRow
from ingest.table_rows import TOTAL

from . import cell_choice
from .evidence import Coverage, Term
from .question.asked import NOTHING, Asked, figures_of, holds, type_bonus, typed_strongly
from .question.question import Question

LONG_CELL = 320
UNIT_BONUS = 0.15  # a column counting in the asked unit
UNIT_CONFLICT = 0.5  # every unit the row prints is another one
TOTAL_BONUS = 0.25  # the total row, for a question asking for the total
FIGURE_BONUS = 0.2  # the source holds the figures the question quotes (and those that do not, lose as much)
TYPE_BONUS = 0.1  # the row states a value of the asked type
HEADER_WEIGHT = 0.2  # a column the question names: a little credit, by how well it is named
ROW_NAMED = 0.2  # a row's label and groups cover this much of a total question: that row is named
COLUMN_NAMED = 0.5  # a column's name covers this much of the question: that column is asked
_PAREN_UNIT = re.compile(r"\(([^()\d]{1,20}|[\d.,^]+\s*[^()\d]{1,15})\)")  # "(vị trí)", "(ha)", "(1.000 đồng)"


def row_text(row: TableRow) -> str:
    """Everything a row is about, for coverage: caption, groups, label, column names and cells."""
    cells = " ".join(f"{c.header} {c.text}" for c in row.cells)
    return " ".join([row.caption, " ".join(row.group), row.label, cells, row.unit or ""])


def own_text(row: TableRow) -> str:
    """The row itself, without its table's caption: groups, label, column names and cells."""
    cells = " ".join(f"{c.header} {c.text}" for c in row.cells)
    return " ".join([" ".join(row.group), row.label, cells, row.unit or ""])


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
    holding = {id(s) for s in scored if figures <= figures_of(row_text(s.chunk.table_row), single=True)}
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


def asked_cells(q: Question, row: TableRow, qtoks: list[Term], coverage: Coverage) -> tuple[list, list]:
    """The cells the question asks for, in table order, and each asked part's choice
    (``cell_choice.choose``), else the columns it names; the whole row when nothing asked is found and
    no column is named, or when
    the table's header rows did not line up with its data (a column's name is then a guess)."""
    if not row.headers_sure:
        return list(row.cells), []
    named = {i for i, c in enumerate(row.cells)
             if _header_words(c.header) and coverage(qtoks, c.header) >= COLUMN_NAMED}
    choices = cell_choice.choose(cell_choice.parts_asked(q), row, qtoks, coverage, q.years)
    chosen = {id(c) for ch in choices for c in ch.cells}
    # the columns the question names by their words answer where no asked part found its cell
    # (in a matrix every column of the named measure shares those words: the parts choose among them)
    picked = sorted({i for i, c in enumerate(row.cells) if id(c) in chosen} or named)
    found = picked or any(ch.in_label for ch in choices)
    return ([row.cells[i] for i in picked] if found else list(row.cells)), choices


def cell_quote(text: str, qtoks: list[Term], coverage: Coverage, asks: Asked = NOTHING, keep: int = 2) -> str:
    """A short cell whole; a long one by its (at most ``keep``) sentences that cover the question best,
    a sentence stating a value of the asked type first ("… không quá 24 tháng kể từ …")."""
    if len(text) <= LONG_CELL:
        return text
    parts = [p.strip() for p in re.split(r"(?<=[.;])\s+|\s(?=- )", text) if len(p.strip()) > 3]
    if len(parts) < 2:
        return text[:LONG_CELL].rsplit(" ", 1)[0] + " …"
    bonus = type_bonus(asks)
    ranked = sorted(range(len(parts)), key=lambda i: -(coverage(qtoks, parts[i]) + (bonus if holds(asks, parts[i]) else 0)))
    return " … ".join(parts[i] for i in sorted(ranked[:keep]))


def table_row_text(row: TableRow, q: Question, qtoks: list[Term], coverage: Coverage, place: str | None) -> str:
    """The answer sentence: where the row sits, its name, the asked cells with their columns, and the
    asked parts the row does not state."""
    cells, choices = asked_cells(q, row, qtoks, coverage)
    many = cell_choice.asked_quantities(q.effective)  # "how many courses … and how many enrolments": a sentence for each, and one
    keep = many + 1 if many > 1 else 2  # for what joins them
    shown = "; ".join(f"{_header_name(c.header)}: {cell_quote(c.text, qtoks, coverage, q.asks, keep)}" for c in cells)
    lang = q.lang
    unit = row.unit and not any(row.unit in c.text for c in cells)
    unit_text = (f" (đơn vị: {row.unit})" if lang == "vi" else f" (unit: {row.unit})") if unit else ""
    where = " › ".join(_group_name(g) for g in row.group[-2:] if _group_name(g))
    name = f"{row.number}. {row.label}" if row.number and row.label else (row.label or row.number or "")
    head = f"{place} – " if place else ""
    head += f"{where} – " if where else ""
    lead = "Theo bảng" if lang == "vi" else "In the table"
    # the caption sits outside the cited row: shown only where it states no figure of its own
    title = next((c for c in (row.caption, row.caption.split(" › ")[0]) if c and not _figures(c)), "")
    caption = f" “{title}”" if title else ""
    return f"{lead}{caption}: {head}“{name}” — {shown}{unit_text}.{cell_choice.missing_text(choices, lang)}"


def _group_name(group: str) -> str:
    """ "3.2 Các dự án cấp mới" → "Các dự án cấp mới" (the group row is not in the cited span). """
    name = re.sub(r"^\s*[\dIVXLCA-Z]{1,6}(\.\d+)*\.?\s+", "", group).strip()
    return "" if _figures(name) else name


def _figures(text: str) -> bool:
    """Digits other than years ("Phụ lục 3", "(10³ tấn)"): figures no citation of the row holds."""
    return bool(re.search(r"\d", re.sub(r"\b(19|20)\d\d\b", "", text)))


def _header_name(header: str) -> str:
    return header if not header.startswith("Cột ") else "giá trị"


def _header_words(header: str) -> bool:
    return bool(re.search(r"[^\W\d_]{2}", fold(header))) and not header.startswith("Cột ")
