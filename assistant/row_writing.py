"""How a table row's answer reads: one sentence writer for every row, a plan's target rows included.

A target row (``TableRow.by_year``) states the figure of the year asked, its other years for context
and its lead agency (``compose.target_text``), or, asked which agency leads, the agency first
(``compose.agency_text``). Any other row: the row the question names × the column it asks for.

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
question best, never cut in the middle of a figure. How well a row answers is ``row_evidence``'s.
"""
from __future__ import annotations

import re

from ground.normalize import fold
from ingest.model import TableRow

from . import cell_choice, compose
from .evidence import Coverage, Term
from .question.asked import holds, holds_figure, type_bonus
from .question.question import Question

GROUPS_NAMED = 2  # the group rows a row's answer names, innermost last (cited by ``writing.group_citations``)

LONG_CELL = 320
COLUMN_NAMED = 0.5  # a column's name covers this much of the question: that column is asked


def row_answer_text(row: TableRow, q: Question, qtoks: list[Term], coverage: Coverage, place: str | None) -> str:
    """The answer sentence of a row, ``place`` named first ("Kon Tum (nay thuộc tỉnh Quảng Ngãi)")."""
    if row.by_year:
        if q.intent == "agency":
            return compose.agency_text(row, q.lang, place)
        return compose.target_text(row, q.years, q.lang, place)
    return _cells_text(row, q, qtoks, coverage, place)


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


FIGURES_HELD = 0.3  # a cell's sentence holding every figure the question quotes, over one holding none
FIGURE_PAIRS = 0.05  # each figure the sentence prints beside the same word as the question ("trên 20 tỷ")


def cell_quote(text: str, qtoks: list[Term], coverage: Coverage, q: Question, keep: int = 2) -> str:
    """A short cell whole; a long one by its (at most ``keep``) sentences that cover the question best,
    a sentence stating a value of the asked type first ("… không quá 24 tháng kể từ …"), and of the
    sentences alike the one holding the figures the question quotes, beside the words it quotes them with:

        q "… mức thu phí khi tổng chi phí thăm dò trên 20 tỷ đồng?"
        cell "… - Trên 10 đến 20 tỷ đồng: 55 triệu đồng … - Trên 20 tỷ đồng: 85 triệu đồng …"
          → "- Trên 20 tỷ đồng: 85 triệu đồng …" (both hold "20"; this one prints "trên 20" as asked)
        q "… when the actual exploration cost is over 10 and up to 20 billion dong?"
          → "- Trên 10 đến 20 tỷ đồng …" (the one sentence holding both "10" and "20")
    """
    if len(text) <= LONG_CELL:
        return text
    parts = [p.strip() for p in re.split(r"(?<=[.;])\s+|\s(?=- )", text) if len(p.strip()) > 3]
    if len(parts) < 2:
        return text[:LONG_CELL].rsplit(" ", 1)[0] + " …"
    bonus = type_bonus(q.asks)
    figures = q.figures
    pairs = _figure_pairs(q.effective) if figures else set()

    def score(part: str) -> float:
        got = coverage(qtoks, part) + (bonus if holds(q.asks, part) else 0)
        if figures:
            got += FIGURES_HELD * sum(holds_figure(part, f) for f in figures) / len(figures)
            got += FIGURE_PAIRS * len(pairs & _figure_pairs(part))
        return got

    ranked = sorted(range(len(parts)), key=lambda i: -score(parts[i]))
    return " … ".join(parts[i] for i in sorted(ranked[:keep]))


def _figure_pairs(text: str) -> set[str]:
    """Each figure of ``text`` with the word before it and the word after it, folded ("tren 20", "20 ty")."""
    words = [re.sub(r"^0+(?=\d)", "", w) for w in re.findall(r"\w+(?:[.,]\d+)*", fold(text).lower())]
    return {f"{a} {b}" for a, b in zip(words, words[1:], strict=False) if a[0].isdigit() != b[0].isdigit()}


def _cells_text(row: TableRow, q: Question, qtoks: list[Term], coverage: Coverage, place: str | None) -> str:
    """A row of any other table: where the row sits, its name, the asked cells with their columns, and the
    asked parts the row does not state."""
    cells, choices = asked_cells(q, row, qtoks, coverage)
    many = cell_choice.asked_quantities(q.effective)  # "how many courses … and how many enrolments": a sentence for each, and one
    keep = many + 1 if many > 1 else 2  # for what joins them
    shown = "; ".join(f"{_header_name(c.header)}: {cell_quote(c.text, qtoks, coverage, q, keep)}" for c in cells)
    lang = q.lang
    unit = row.unit and not any(row.unit in c.text for c in cells)
    unit_text = (f" (đơn vị: {row.unit})" if lang == "vi" else f" (unit: {row.unit})") if unit else ""
    where = " › ".join(_group_name(g) for g in row.group[-GROUPS_NAMED:] if _group_name(g))
    name = f"{row.number}. {row.label}" if row.number and row.label else (row.label or row.number or "")
    head = f"{place} – " if place else ""
    head += f"{where} – " if where else ""
    lead = "Theo bảng" if lang == "vi" else "In the table"
    # the caption sits outside the cited row: shown only where it states no figure of its own
    title = next((c for c in (row.caption, row.caption.split(" › ")[0]) if c and not _figures(c)), "")
    caption = f" “{title}”" if title else ""
    # an item of a plain list ("STT | Tên thủ tục") has no cell: its name in its table is the answer
    body = f" — {shown}{unit_text}" if shown else ""
    return f"{lead}{caption}: {head}“{name}”{body}.{cell_choice.missing_text(choices, lang)}"


def _group_name(group: str) -> str:
    """ "3.2 Các dự án cấp mới" → "Các dự án cấp mới" (the group row is cited apart: ``writing.group_citations``);
    a bracket counting the group's members is left out, its name kept: "II Nông thôn (10 xã đồng bằng thuộc thành
    phố Huế)" → "Nông thôn", the category a commune listed under it belongs to."""
    name = re.sub(r"^\s*[\dIVXLCA-Z]{1,6}(\.\d+)*\.?\s+", "", group).strip()
    name = re.sub(r"\s*\([^()]*\d[^()]*\)", "", name).strip()
    return "" if _figures(name) else name


def _figures(text: str) -> bool:
    """Digits other than years ("Phụ lục 3", "(10³ tấn)"): figures no citation of the row holds."""
    return bool(re.search(r"\d", re.sub(r"\b(19|20)\d\d\b", "", text)))


def _header_name(header: str) -> str:
    return header if not header.startswith("Cột ") else "giá trị"


def _header_words(header: str) -> bool:
    return bool(re.search(r"[^\W\d_]{2}", fold(header))) and not header.startswith("Cột ")
