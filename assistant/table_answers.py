"""Answers from any table row: the row the question names × the column it asks for.

    q   "Mức chi cho Trưởng ban Ban Chỉ đạo thi tốt nghiệp THPT?"
    row group ["Thi tốt nghiệp THPT"], label "Trưởng ban", cells [("Mức chi", "300")], unit "1.000 đồng"
      → 'Thi tốt nghiệp THPT – “Trưởng ban”: Mức chi: 300 (đơn vị: 1.000 đồng).'

    q   "Cơ quan nào chủ trì nhiệm vụ xây dựng phần mềm, thời gian hoàn thành?"
    row label "Phối hợp xây dựng phần mềm …", cells [("Cơ quan chủ trì", "Trung tâm Chuyển đổi số"),
        ("Cơ quan phối hợp", "Sở Tài chính"), ("Thời gian dự kiến hoàn thành", "Quý IV/2026"), …]
      → both asked columns, in table order: chủ trì and thời gian (the other cells are left out)

Which columns are asked (``asked_cells``): the headers whose words the question uses, and
the columns an answer type needs — who leads (chủ trì, cơ quan, đơn vị thực hiện), by when
(thời gian, thời hạn, tiến độ), how much (mức, phí, số lượng, điểm, giá trị). A question that
names no column gets the whole row. A long cell is quoted by its sentences that cover the
question best, never cut in the middle of a figure.
"""
from __future__ import annotations

import re

from ingest.model import TableRow
from ingest.normalize import fold

from .evidence import Coverage, Term

_WHO = re.compile(r"(?i)chủ trì|cơ quan|đơn vị thực hiện|thực hiện|trách nhiệm|phụ trách")
_PARTNER = re.compile(r"(?i)phối hợp")
_WHEN = re.compile(r"(?i)thời gian|thời hạn|tiến độ|hoàn thành|năm thực hiện|lộ trình")
_HOW_MUCH = re.compile(r"(?i)mức|phí|số lượng|điểm|giá trị|kinh phí|thành tiền|đơn giá|diện tích|trữ lượng|"
                       r"tổng|công suất|tỷ lệ|chỉ tiêu|số mẫu|số năm|thời gian sử dụng|tỷ lệ hao mòn")
_ASK_WHO = re.compile(r"(?i)cơ quan nào|đơn vị nào|sở nào|ai |ai\?|chủ trì|who|which (agency|body|department|unit|office|"
                      r"ministry)|lead|responsib|in charge")
_ASK_PARTNER = re.compile(r"(?i)phối hợp|coordinat|partner|support")
_ASK_WHEN = re.compile(r"(?i)khi nào|bao giờ|thời gian|thời hạn|hạn |hoàn thành|by when|when|deadline|time ?limit|"
                       r"how long|within|thời điểm|tiến độ")
_ASK_HOW_MUCH = re.compile(r"(?i)bao nhiêu|mức|how much|how many|what (is the )?(amount|rate|fee|score)|số lượng|"
                           r"điểm|phí|fee|rate|amount|points?|score|area|diện tích|trữ lượng|reserve|lifetime|"
                           r"useful life|thời gian sử dụng|số năm|years")
LONG_CELL = 320


def row_text(row: TableRow) -> str:
    """Everything a row is about, for coverage: caption, groups, label, column names and cells."""
    cells = " ".join(f"{c.header} {c.text}" for c in row.cells)
    return " ".join([row.caption, " ".join(row.group), row.label, cells, row.unit or ""])


def header_bonus(qtoks: list[Term], row: TableRow, coverage: Coverage) -> float:
    """A little credit when the question names one of the row's columns ("điểm chuẩn")."""
    best = max((coverage(qtoks, c.header) for c in row.cells), default=0.0)
    return 0.1 * best


def asked_cells(question: str, row: TableRow, qtoks: list[Term], coverage: Coverage) -> list:
    """The cells the question asks for, in table order; the whole row when none is named, or when
    the table's header rows did not line up with its data (a column's name is then a guess)."""
    if not row.headers_sure:
        return list(row.cells)
    named = {i for i, c in enumerate(row.cells)
             if _header_words(c.header) and coverage(qtoks, c.header) >= 0.5}
    wants = []
    if _ASK_WHO.search(question):
        wants.append(_WHO)
    if _ASK_PARTNER.search(question):
        wants.append(_PARTNER)
    if _ASK_WHEN.search(question):
        wants.append(_WHEN)
    if _ASK_HOW_MUCH.search(question):
        wants.append(_HOW_MUCH)
    typed = {i for i, c in enumerate(row.cells) for rx in wants if rx.search(c.header)}
    if _WHO in wants and not _ASK_PARTNER.search(question):
        typed -= {i for i, c in enumerate(row.cells) if _PARTNER.search(c.header) and not re.search(
            r"(?i)chủ trì", c.header)}
    chosen = sorted(named | typed)
    return [row.cells[i] for i in chosen] if chosen else list(row.cells)


def cell_quote(text: str, qtoks: list[Term], coverage: Coverage) -> str:
    """A short cell whole; a long one by its (at most two) sentences that cover the question best."""
    if len(text) <= LONG_CELL:
        return text
    parts = [p.strip() for p in re.split(r"(?<=[.;])\s+|\s(?=- )", text) if len(p.strip()) > 3]
    if len(parts) < 2:
        return text[:LONG_CELL].rsplit(" ", 1)[0] + " …"
    ranked = sorted(range(len(parts)), key=lambda i: -coverage(qtoks, parts[i]))[:2]
    return " … ".join(parts[i] for i in sorted(ranked))


def table_row_text(row: TableRow, question: str, lang: str, qtoks: list[Term], coverage: Coverage,
                   place: str | None) -> str:
    """The answer sentence: where the row sits, its name, and the asked cells with their columns."""
    cells = asked_cells(question, row, qtoks, coverage)
    shown = "; ".join(f"{_header_name(c.header)}: {cell_quote(c.text, qtoks, coverage)}" for c in cells)
    unit = row.unit and not any(row.unit in c.text for c in cells)
    unit_text = (f" (đơn vị: {row.unit})" if lang == "vi" else f" (unit: {row.unit})") if unit else ""
    where = " › ".join(g for g in row.group[-2:] if g)
    name = f"{row.number}. {row.label}" if row.number and row.label else (row.label or row.number or "")
    head = f"{place} – " if place else ""
    head += f"{where} – " if where else ""
    lead = "Theo bảng" if lang == "vi" else "In the table"
    caption = f" “{row.caption}”" if row.caption else ""
    return f"{lead}{caption}: {head}“{name}” — {shown}{unit_text}."


def _header_name(header: str) -> str:
    return header if not header.startswith("Cột ") else "giá trị"


def _header_words(header: str) -> bool:
    return bool(re.search(r"[^\W\d_]{2}", fold(header))) and not header.startswith("Cột ")
