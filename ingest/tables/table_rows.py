"""Any ``Table`` → data rows, each with its header path, group path, label and kind.

One stage for every format (web-page residue, Word, HTML, PDF, Excel). Named rules, in order:

``is_layout``     the Quốc hiệu box, the signature and Nơi nhận, a site's metadata box: no data
``header_rows``   leading rows with no numbering and no figures ("STT | Nội dung | 2025 | 2030")
``column_names``  a header cell over several sub-header cells names all of them
                  ("Mục tiêu thăm dò" over "2021 - 2030", "2031 - 2050" →
                   "Mục tiêu thăm dò › 2021 - 2030", …)
``place_cells``   a short row lost cells to a merge from above: numbered rows keep their
                  left cells, unnumbered ones their right cells (the covered ones come first)
``group_of``      a row with a number or letter and no values opens a group ("I | NHÓM XÃ,
                  PHƯỜNG", "3.2 | Các dự án cấp mới"); "5.1" sits under row "5"
``table_kind``    from the headers: task (chủ trì, phối hợp, thời gian), procedure (thủ tục,
                  thời hạn, phí), rate (mức chi, đơn giá, đồng), target (year columns), list

Worked example (Cần Thơ 157/KH-UBND, Phụ lục):
    STT | TIÊU CHÍ THI ĐUA | ĐIỂM CHUẨN | HƯỚNG DẪN CHẤM ĐIỂM
    I   | NHÓM XÃ, PHƯỜNG  | 115        |
    2   | Tỷ lệ % … mở mới tài khoản … | 40 | Cách thức ghi nhận …
  → TableRow(group=["I NHÓM XÃ, PHƯỜNG"], number="2", label="Tỷ lệ % … mở mới tài khoản …",
             cells=[("ĐIỂM CHUẨN", "40"), ("HƯỚNG DẪN CHẤM ĐIỂM", "Cách thức ghi nhận …")], kind="list")
"""
from __future__ import annotations

import re

from ..model import RowCell, TableRow
from ..readers.blocks import Cell, Table
from .table_headers import NO_LABEL_HEAD, column_names, grid_names

_LEAD_NUMBER = re.compile(r"^([IVXLC]{1,6}|[A-ZĐ]|\d{1,3}(?:\.\d{1,3})*)[.)]\s+(\S.{2,})$")
_GROUP_WORD = re.compile(r"(?i)^(loại|nhóm|phần|mục|chương|khu vực|giai đoạn|đợt)\s+[\dIVXLC]+[a-z]?\b")
TOTAL = re.compile(r"(?i)^(tổng cộng|tổng số|tổng|cộng)\b")  # a total row's name (assistant reads it too)
# The marks of a letterhead, a signature and a site's metadata box. The national motto marks a layout wherever it
# stands; the others only where they open a cell ("Nơi nhận:", "KT. CHỦ TỊCH", "Địa chỉ:" as a box's field): a
# procedure list's cell "Nộp hồ sơ trực tuyến … tại địa chỉ: dichvucong.gov.vn" is data, and its table was read
# as a layout and lost its rows.
_LAYOUT = re.compile(r"(?i)cộng hòa xã hội|cộng hoà xã hội|độc lập - tự do")
_LAYOUT_OPENS = re.compile(r"(?i)^[\W_]*(?:nơi nhận|số hiệu:|loại văn bản:|người ký:|tm\.\s|kt\.\s|ngày ban hành:|"
                           r"địa chỉ:|mã số thuế)")
# A workflow step's numbering ("Bước 1", "B3") opens a data row as a number does, never a header row.
_STEP = re.compile(r"(?i)^(?:bước\s*\d{1,2}|B\d{1,2})\b")
_NUMBER = re.compile(r"(?i)^(?:\d{1,3}(?:\.\d{1,3}){0,3}\.?|[ivxlc]{1,6}\.?|[a-zđ][.)]?|\(\d{1,3}\))$")
_ROMAN = re.compile(r"^[IVXLC]{1,6}\.?$")
_UPPER_LETTER = re.compile(r"^[A-ZĐ]\.?$")
_VALUE = re.compile(r"^[<>≤≥~]?\s*\d[\d.,]*\s*(%|ha|m2|km|đồng|người|ngày)?$")  # a data cell, not a header
# … and a range, a size or an approximation in any unit ("1.8-2.0 gram", "63mm x 88mm", "~0.3mm"): a plain "4 cm"
# may head a column (a norm table's thicknesses "4 cm | 5 cm | 6 cm")
_MEASURE = r"\d[\d.,]*\s*[^\W\d_]{0,5}"
_SPEC_VALUE = re.compile(rf"^(?:~\s*{_MEASURE}|{_MEASURE}\s*[-–x×]\s*{_MEASURE})$")
_YEAR_HEAD = re.compile(r"(?:^|\D)(?:19|20)\d{2}(?:\D|$)")
_LABEL_HEAD = re.compile(r"(?i)nội dung|tên|chỉ tiêu|tiêu chí|nhiệm vụ|danh mục|đối tượng|địa điểm|hạng mục|"
                         r"công việc|chức danh|thủ tục|loại|lĩnh vực|dự án|ngành|mặt hàng|nhóm|khu vực|trình tự|đơn vị")
_UNIT_HEAD = re.compile(r"(?i)^(đvt|đơn vị tính|đơn vị)$")
_DOER_HEAD = re.compile(r"(?i)(đơn vị|người|bộ phận|cơ quan)\s*(/\s*(người|cá nhân)\s*)?(thực hiện|giải quyết|chủ trì)")
_NUMBER_HEAD = re.compile(r"(?i)(số )?tt|stt|số thứ tự")
# A workflow's column of steps ("Các bước" | "Bước 1", "B2"), where its cells are the steps' numbers, not what they do
_STEP_HEAD = re.compile(r"(?i)(các )?bước( thực hiện)?|thứ tự( công việc)?")
STEP_SHARE = 0.6  # of the column's filled cells
_KINDS = [
    ("task", re.compile(r"(?i)chủ trì|phối hợp|thời gian (hoàn thành|thực hiện)|thời hạn hoàn thành|tiến độ|sản phẩm")),
    ("procedure", re.compile(r"(?i)thủ tục|tthc|thời hạn giải quyết|lệ phí|\bphí\b|cơ quan thực hiện|căn cứ pháp lý")),
    ("rate", re.compile(r"(?i)mức chi|mức hỗ trợ|định mức|đơn giá|thành tiền|mức thu|đồng")),
]


def is_layout(table: Table) -> bool:
    """The Quốc hiệu / number box, the signature and Nơi nhận, a site's metadata box."""
    text = " ".join(c.text for r in table.rows for c in r)
    marked = _LAYOUT.search(text) or any(_LAYOUT_OPENS.match(c.text) for r in table.rows for c in r)
    return bool(marked) and (len(table.rows) <= 8 or table.width <= 3) or \
        (len(table.rows) < 2 and table.width <= 2)


# A form's field printed with its own name: "Tên thương mại: Samsung Smart Tag 2", "Nhà sản xuất: Công ty …".
_FIELD = re.compile(r"^[^\W\d_][^:\n]{1,60}:\s*\S")
FIELD_SHARE = 0.6  # of the filled cells; the field boxes of customs notices and forms are all fields


def is_field_box(table: Table) -> bool:
    """A box of a form's fields, each cell naming its own value ("Ký, mã hiệu, chủng loại: CD16FSB01W/ESS" |
    "Nhà sản xuất: …"): no header row says what a column holds, so it reads as the text it prints, not as
    rows under made-up headers ("Cột 2")."""
    cells = [c.text for r in table.rows for c in r if c.text]
    return len(cells) >= 2 and sum(1 for t in cells if _FIELD.match(t)) >= FIELD_SHARE * len(cells)


def table_rows(table: Table, ordinal: int, doc_id: str, caption: str = "") -> list[TableRow]:
    """The data rows of one table (none for a layout table or a box of fields)."""
    if is_layout(table) or len(table.rows) < 2 or is_field_box(table):
        return []
    spans = any(c.colspan > 1 or c.rowspan > 1 for r in table.rows for c in r)
    if spans:  # the reader knows its merges (Word, HTML, Excel): lay the table on its true grid
        table = Table(rows=to_grid(table.rows), start=table.start, end=table.end, warnings=table.warnings)
    else:
        table = Table(rows=_group_apart(table.rows), start=table.start, end=table.end, warnings=table.warnings)
    heads = header_rows(table.rows)
    if not heads:
        return []
    width = max(len(r) for r in table.rows)
    head_texts = [[c.text for c in r] for r in table.rows[:heads]]
    names = grid_names(head_texts) if spans else \
        column_names(head_texts, width, [[c.text for c in r] for r in table.rows[heads:]])
    sure = spans or heads == 1 and len(table.rows[0]) == width or \
        not any(n.startswith("Cột ") for n in names) and heads > 1
    kind = table_kind(names)
    head_cells = [c for r in table.rows[:heads] for c in r if c.text]
    header_span = (min(c.start for c in head_cells), max(c.end for c in head_cells)) if head_cells else None
    num_col = _number_column(names, table.rows[heads:])
    label_col = _label_column(names, table.rows[heads:], num_col)
    unit_col = next((i for i, n in enumerate(names) if _UNIT_HEAD.match(n.strip())), None)
    unit_all = _header_unit(caption + " " + " ".join(names))
    out: list[TableRow] = []
    groups: list[tuple[int, str]] = []  # (level, "I NHÓM XÃ, PHƯỜNG")
    numbered: dict[str, str] = {}  # STT → label, for "5.1" under "5"
    # a plain list (STT | Danh mục) has no value columns: its numbered rows are items, not groups; nor has a list
    # whose other columns stay empty in every row ("Stt | Tên xã, phường | Ghi chú" of 95 communes, no note given)
    has_values = width - (num_col is not None) - (label_col is not None) > 0 and \
        _states_values(table.rows[heads:], width, num_col, label_col)
    prev: list[Cell | None] | None = None
    pending: Cell | None = None  # "Tổng cộng" on one rendered row, its figures on the next
    for raw in table.rows[heads:]:
        cells = place_cells(raw, width, num_col, prev)
        texts = [c.text if c else "" for c in cells]
        if not any(texts) or _is_column_numbers(texts):
            continue
        number = texts[num_col].strip() if num_col is not None and texts[num_col] else None
        label_cell = cells[label_col] if label_col is not None else None
        label = label_cell.text if label_cell else ""
        lead = _LEAD_NUMBER.match(number or "")
        if lead and not label and re.search(r"[^\W\d_]{2}", lead.group(2)):  # "I. NÂNG CAO NHẬN THỨC …", "B. Động vật"
            number, label, label_cell = lead.group(1), lead.group(2), cells[num_col]
        filled = [c for c in cells if c and c.text]
        named = _group_lead(filled[0].text) if not number and len(filled) == 1 else None
        if named:
            # "| II. Địa phương" alone on its rendered row, wherever it was placed: a group's heading
            number, label, label_cell = named.group(1), named.group(2), filled[0]
            cells = [None] * len(cells)  # the heading is its label, no value
        values = [(i, c) for i, c in enumerate(cells) if c and c.text and i not in (num_col, label_col)
                  and not any(c is cells[j] for j in range(i))]  # a cell spanning columns counts once
        level = group_of(number, label, values, has_values)
        if level:
            groups = [g for g in groups if g[0] < level] + [(level, f"{number} {label}".strip())]
            if number:
                numbered[number.rstrip(".")] = label
            if not values:
                continue
        lone = [c for c in cells if c and c.text]
        if len(lone) == 1 and TOTAL.match(lone[0].text) and not number:
            pending, prev = lone[0], cells  # "Tổng cộng" alone: its figure is on the next rendered row
            continue
        if not values and label and not number and not level:
            pending = label_cell
            prev = cells
            continue
        if not label and not number and pending is not None:
            label_cell, label, pending = pending, pending.text, None  # the label's values, one row down
        elif not label and not number and prev is not None and out:
            label = out[-1].label  # a value row under the row it continues
            label_cell = next((c for c in table.rows[0:0]), None) or _cell_of(out[-1])
        pending = None
        group = [g for _, g in groups]
        if number and "." in number.rstrip("."):
            parent = numbered.get(number.rstrip(".").rsplit(".", 1)[0])
            if parent and (not group or parent not in group[-1]):
                group = group + [parent]
        if number:
            numbered[number.rstrip(".")] = label
        filled = [c for c in cells if c and c.text] + ([label_cell] if label_cell else [])
        if not filled:
            continue
        unit = cells[unit_col].text if unit_col is not None and cells[unit_col] else unit_all
        out.append(TableRow(
            doc_id=doc_id, table=ordinal, caption=caption, group=group, number=number, label=label,
            cells=[RowCell(names[i] if i < len(names) else f"Cột {i + 1}", c.text, c.start, c.end) for i, c in values],
            kind=kind, unit=unit, start=min(c.start for c in filled), end=max(c.end for c in filled),
            label_span=(label_cell.start, label_cell.end) if label_cell else None, headers_sure=sure,
            header_span=header_span))
        prev = cells
    return out


def _states_values(rows: list[list[Cell]], width: int, num_col: int | None, label_col: int | None) -> bool:
    """Whether some row prints a value outside its number and label columns (read as ``table_rows`` places it)."""
    prev = None
    for raw in rows:
        cells = place_cells(raw, width, num_col, prev)
        if any(c and c.text for i, c in enumerate(cells) if i not in (num_col, label_col)):
            return True
        prev = cells
    return False


def to_grid(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Rows with merges → full-width rows: a cell spanning k columns fills k slots, a cell spanning
    rows fills its slot in the rows below (the agency merged over four tasks leads each of them).

        [[A(colspan=2), B], [C(rowspan=2), D, E], [F, G]] → [[A, A, B], [C, D, E], [C, F, G]]
    """
    width = max(sum(c.colspan for c in r) for r in rows)
    carry: dict[int, tuple[Cell, int]] = {}  # column → (cell, rows still covered)
    out = []
    for r in rows:
        line: list[Cell] = []
        cells = iter(r)
        col = 0
        while col < width:
            if col in carry:
                cell, left = carry[col]
                line.append(cell)
                carry[col] = (cell, left - 1) if left > 1 else None
                if carry[col] is None:
                    del carry[col]
                col += 1
                continue
            cell = next(cells, None)
            if cell is None:
                line.append(Cell("", 0, 0))
                col += 1
                continue
            for k in range(cell.colspan):
                line.append(cell)
                if cell.rowspan > 1:
                    carry[col + k] = (cell, cell.rowspan - 1)
            col += cell.colspan
        out.append(line)
    return out


def _cell_of(row: TableRow) -> Cell | None:
    """The label cell of a row already read (a continuation row quotes it with its own cells)."""
    return Cell(row.label, *row.label_span) if row.label_span else None


def _group_lead(text: str) -> re.Match | None:
    """A group's heading by its mark: a roman number or a capital letter before its title ("II. Địa phương",
    "B. Thủ tục cấp xã"); not "7. Number of employees:", an item of a form."""
    m = _LEAD_NUMBER.match(text.strip())
    return m if m and (_ROMAN.match(m.group(1)) or _UPPER_LETTER.match(m.group(1))) else None


def _group_apart(rows: list[list[Cell]]) -> list[list[Cell]]:
    """A saved page's sub-header row read together with the group heading under it ("Tổng số | … | Chưa tích hợp |
    | I. Bộ, ngành"): the heading after the empty cell is a row of its own, the first group of the data, not a
    third level of headers."""
    out = []
    for k, row in enumerate(rows):
        texts = [c.text.strip() for c in row]
        if 0 < k < 4 and len(texts) >= 4 and texts[-1] and not texts[-2] and any(texts[:-2]) \
                and (_group_lead(texts[-1]) or _GROUP_WORD.match(texts[-1])) and not _NUMBER.match(texts[0] or "-"):
            out += [row[:-2], row[-1:]]
            out += rows[k + 1:]
            return out
        out.append(row)
    return out


def header_rows(rows: list[list[Cell]]) -> int:
    """How many leading rows are headers: no numbering in the first cell, no figures but years.

        [STT, TIÊU CHÍ, ĐIỂM CHUẨN] [I, NHÓM XÃ, 115] → 1
        [TT, Tên, Mục tiêu] [2021 - 2030, 2031 - 2050] [3, Thái Nguyên, …] → 2
    """
    n = 0
    for r in rows[:4]:
        texts = [c.text for c in r if c.text]
        if not texts:
            break
        first = r[0].text.strip()
        if n and (_NUMBER.match(first) or _GROUP_WORD.match(first) or _STEP.match(first)
                  or any((_VALUE.match(t) or _SPEC_VALUE.match(t)) and not _YEAR_HEAD.search(t) for t in texts)):
            break
        if n and (any(len(t) > 120 for t in texts) or len(texts) < 2):
            break  # a long cell is data; one cell alone under the header is a group ("I. NÂNG CAO …")
        n += 1
        if n == 1 and len(r) >= max(len(x) for x in rows) and not any(_YEAR_HEAD.search(t) for t in texts) \
                and len(rows) > 1 and len(rows[1]) >= len(r) \
                and (_NUMBER.match(rows[1][0].text.strip() or "x") or _STEP.match(rows[1][0].text.strip())):
            break
    return n


def place_cells(row: list[Cell], width: int, num_col: int | None, prev) -> list[Cell | None]:
    """A row with fewer cells than the table lost some to a merge from above.

    Numbered rows keep their left cells (a trailing merged column is missing); unnumbered rows
    their right cells (the merged cells on the left belong to the row above):
        width 7, ["- Thuốc BVTV", "02 lần/năm", "02 tháng", "15", "30"] → [None, None, "- Thuốc BVTV", …]
    """
    cells: list[Cell | None] = list(row)
    if len(cells) >= 3 and not cells[0].text and _NUMBER.match(cells[1].text.strip() or "-") \
            and not cells[-1].text and num_col == 0:
        cells = cells[1:]  # ["", "3.2", "Các dự án cấp mới", …, ""]: the number slid one cell right
    if num_col == 0 and len(cells) >= width >= 3 and not cells[-1].text and _is_name(cells[0].text) \
            and (len(cells) == width or not cells[width].text):
        # ["Nhà máy alumin Bình Phước", "1÷2.5", "1÷2.5", "", ""] under "TT | Tên | … | Ghi chú": the
        # row's empty TT cell was lost, so its name sits in the number column; one cell right again
        cells = [None] + cells[:width - 1]
    if len(cells) >= width:
        return cells[:width]
    missing = width - len(cells)
    first = row[0].text.strip() if row else ""
    if num_col == 0 and len(cells) >= 2 and TOTAL.match(first):
        # a total under numbered rows names itself in their name column, its figure right-aligned:
        # ["Tổng thời gian giải quyết TTHC", "08 ngày làm việc"] under "Các bước | Nội dung | Trách nhiệm | Thời gian"
        return [None, cells[0]] + [None] * (missing - 1) + cells[1:]
    if len(cells) == 1 and _LEAD_NUMBER.match(first):
        return cells + [None] * missing  # one cell across the row: a group heading ("II. HOÀN THIỆN …")
    if num_col == 0 and len(cells) >= 3 and not first:
        # its own (empty) number cell and its name, then a merged span: figures keep the right edge
        # ["", "Tổng cộng", "", "", "", "732"] in 7 columns → ["", "Tổng cộng", None, "", "", "", "732"]
        return cells[:2] + [None] * missing + cells[2:]
    if prev is not None and not _NUMBER.match(first or "-") and not _STEP.match(first) and num_col == 0:
        return [None] * missing + cells
    return cells + [None] * missing


def group_of(number: str | None, label: str, values, has_values: bool = True) -> int:
    """Group level of a row, 0 for a data row.

        ("I", "NHÓM XÃ, PHƯỜNG", [("115")]) → 1   (a roman number always opens a group)
        ("3", "Thái Nguyên", [])            → 2   (a number with nothing but its name)
        ("3.2", "Các dự án cấp mới", [])    → 3
        ("2", "Tỷ lệ % …", [("40")])        → 0
    """
    if not number:
        return 0
    n = number.rstrip(".")
    if _ROMAN.match(n) or _UPPER_LETTER.match(n) or _GROUP_WORD.match(n):
        return 1
    if values or not label or not has_values:
        return 0
    if re.fullmatch(r"\d+", n):
        return 2
    if re.fullmatch(r"\d+(\.\d+)+", n):
        return 2 + n.count(".")
    return 0


def table_kind(names: list[str]) -> str:
    joined = " | ".join(names)
    for kind, rx in _KINDS:
        if rx.search(joined):
            return kind
    if sum(1 for n in names if _YEAR_HEAD.search(n)) >= 1:
        return "target"
    return "list"


def _number_column(names: list[str], rows: list[list[Cell]]) -> int | None:
    """The column numbering the rows: "STT", "TT"; else a workflow's steps ("Các bước" over "Bước 1", "B2"), read as
    the rows' numbers so that a step is a step and its row is named by what it does, not by the unit doing it."""
    found = next((i for i, n in enumerate(names) if _NUMBER_HEAD.fullmatch(n.strip())), None)
    if found is not None:
        return found
    for i, n in enumerate(names):
        col = [r[i].text.strip() for r in rows if i < len(r) and r[i].text.strip()]
        if _STEP_HEAD.fullmatch(n.strip()) and col and \
                sum(1 for t in col if _STEP.match(t) and len(t) <= 12) >= STEP_SHARE * len(col):
            return i
    return None


def _label_column(names: list[str], rows: list[list[Cell]], num_col: int | None) -> int | None:
    """The column naming each row: the first whose header says so ("Nội dung", "Tên thủ tục"), else the first
    after the number whose cells are mostly words. Where the column a header names holds figures and a column
    of words stands before it, that one names the rows: "Cấp học | Khu vực nông thôn (xã) | …" over "Tiểu học
    | 80 | 120" ("khu vực" names a value column there)."""
    def share(i: int, pattern: str) -> float:
        col = [r[i].text for r in rows if i < len(r) and r[i].text]
        return sum(1 for t in col if re.search(pattern, t)) / len(col) if col else 0.0

    wordy = [i for i in range(len(names)) if i != num_col and share(i, r"[^\W\d_]{3}") >= 0.6]
    heads = [i for i, n in enumerate(names)
             if i != num_col and _LABEL_HEAD.search(n) and not NO_LABEL_HEAD.match(n.strip())]
    # who does a step ("Đơn vị/người thực hiện") names a row only where no header names what is done
    heads = [i for i in heads if not _DOER_HEAD.search(names[i])] or heads
    if heads:
        before = [j for j in wordy if j < heads[0]]
        return before[0] if before and share(heads[0], r"^[\d.,\s%/-]+$") >= 0.8 else heads[0]
    return wordy[0] if wordy else None


def _header_unit(text: str) -> str | None:
    """ "Đơn vị: 1.000 đồng", "(Đơn vị tính: triệu đồng)" → the unit. """
    m = re.search(r"(?i)đơn vị(?: tính)?\s*:\s*([^;)\n|]{1,30})", text)
    return m.group(1).strip(" .*") if m else None


def _is_column_numbers(texts: list[str]) -> bool:
    """ "(1) (2) (3) …" or "1 2 3 4 5": the column-number row under a header. """
    filled = [t for t in texts if t]
    return len(filled) >= 3 and all(re.fullmatch(r"\(?\d{1,2}\)?|[A-Z]", t) for t in filled) and \
        [int(re.sub(r"\D", "", t) or 0) for t in filled if re.sub(r"\D", "", t)] == \
        list(range(1, len([t for t in filled if re.sub(r"\D", "", t)]) + 1))


def _is_name(text: str) -> bool:
    """A name, never a row number: two words or more with letters ("Nhà máy alumin Bình Phước"),
    not "3.2", "II", "a)" nor a heading that starts with its own number ("II. HOÀN THIỆN …")."""
    t = text.strip()
    return (not _NUMBER.match(t or "-") and not _LEAD_NUMBER.match(t) and not re.match(r"\d", t)
            and len(re.findall(r"[^\W\d_]{2,}", t)) >= 2 and not TOTAL.match(t))
