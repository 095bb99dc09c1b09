"""Tables of saved web pages: the one-cell-per-line residue between lone ``|`` lines → ``Table``.

A crawled page flattens each HTML table row to ``|`` cell ``|`` cell … ``|``, one piece per
line, and rows follow each other, so two ``|`` lines in a row close one row and open the
next. An empty cell gives the same two ``|`` lines, so where rows end is decided per table
by the width that explains most rows (``_rows``):

    |                        segments between the | lines:
    **STT**                  "**STT**", "**Nội dung**", "**ĐVT**", ""   ← "" = row boundary
    |                        "1", "Tỷ lệ hộ nghèo", "%", ""
    **Nội dung**             "2", "Số bác sĩ", "", ""                   ← one "" is the empty
    |                                                                     ĐVT cell, one the boundary
    **ĐVT**
    |
    |
    1
    …

A table ends where text that is no cell follows a ``|`` line: a blank line, a heading-like
line (``PHỤ LỤC``, also wrapped after ``PHỤ``; ``Điều 3.``, ``Chương II``, ``PHẦN II.``) or a long run of prose (``_ends_table``); and where
the prose between a layout table and the next one reads as a cell of neither (``_prose_between``); and where a
section's mark and title in capitals follow a row's cell with no empty segment between ("**B. QUY TRÌNH NỘI BỘ …**",
``_section_heading``).
Cells keep the span of their raw text; ``Cell.text`` drops ``**`` / ``*`` and joins lines.
"""
from __future__ import annotations

import re

from ..readers.blocks import Cell, Table
from .layout_tables import is_layout_table, prints_layout_mark
from .table_bounds import is_form_title

_PIPE_LINE = re.compile(r"(?m)^[ \t]*\|[ \t]*$")
# "phụ lục" also wrapped after its first word ("**PHỤ" / "LỤC**" run on after a signature's last cell, no blank line:
# the annex's price table read as rows of the signature table, its codes as their names)
_BREAK_LINE = re.compile(r"(?im)^\W*(phụ\s+lục\b|điều\s+\d+\s*\.|chương\s+[ivxlc\d]+\b|mục\s+\d+\.|phần\s+(?:thứ\b|[ivxlc]+\b)|#)")
_HEADER_START = re.compile(r"(?i)s[ốo] ?tt|stt|tt|số thứ tự")
MAX_CELL = 4000  # longer text between two | lines is prose after a table, not a cell


def clean_cell(raw: str) -> str:
    """ "**Tr****ữ lượng**\\n(10³ tấn)" → "Trữ lượng (10³ tấn)" """
    # a superscript saved as the end of a bold run: "(10**6 tấn/năm)" is ten to the sixth, not "106"
    s = re.sub(r"\b10\*\*(\d{1,2})(?=[\s)]|[^\W\d_])", r"10^\1", raw).replace("*", "")  # "(10**3t**ấn)"
    return re.sub(r"\s+", " ", s).strip()


def find_pipe_tables(text: str) -> list[Table]:
    """Every pipe-residue table in ``text``, in order, with exact cell spans."""
    pipes = [m for m in _PIPE_LINE.finditer(text)]
    tables: list[Table] = []
    group: list[re.Match] = []
    for m in pipes:
        if group and _ends_table(text[group[-1].end():m.start()]):
            tables.extend(_table(text, group))
            group = []
        group.append(m)
    if group:
        tables.extend(_table(text, group))
    return tables


def _ends_table(gap: str) -> bool:
    body = gap.strip("\n")
    if not body.strip():
        return "\n\n" in gap.strip(" \t") and gap.count("\n") > 2  # a blank line between two | lines
    return (re.search(r"\n[ \t]*\n", body) is not None or len(body) > MAX_CELL
            or _BREAK_LINE.search(body) is not None)


def _table(text: str, pipes: list[re.Match]) -> list[Table]:
    if len(pipes) < 3:
        return []
    segs: list[Cell] = []
    for a, b in zip(pipes, pipes[1:], strict=False):
        raw = text[a.end():b.start()]
        lead = len(raw) - len(raw.lstrip())
        s, e = a.end() + lead, a.end() + len(raw.rstrip())
        segs.append(Cell(clean_cell(raw), s, max(s, e)))
    # A header cell ("STT", "TT") after the first rows opens a new table: the text before it
    # ("2. Điều chỉnh … như sau:") is the next table's lead-in, not a cell of the last one.
    for k in range(2, len(segs)):
        # "Mẫu biểu số 04 …" in a row of its own (an empty segment closes the row before; its own row
        # ends at once, or after the title's second line): the next form begins
        if is_form_title(segs[k].text) and len(segs) - k > 3 and not segs[k - 1].text \
                and (not segs[k + 1].text or not segs[k + 2].text):
            j = k + 1 if not segs[k + 1].text else k + 2  # the empty segment that ends the title's row
            return _table(text, pipes[:k + 1]) + _table(text, pipes[j + 1:])
        if (_HEADER_START.fullmatch(segs[k].text) or _repeats_header(segs, k) or _captioned_header(text, segs, k)) \
                and len(segs) - k > 3:
            return _table(text, pipes[:k]) + _table(text, pipes[k:])
    for k in range(2, len(segs) - 3):
        # the heading is the text between two tables, not a cell
        if segs[k - 1].text and _section_heading(text[segs[k].start:segs[k].end]):
            return _table(text, pipes[:k + 1]) + _table(text, pipes[k + 1:])
    cut = _prose_between(segs)
    if cut is not None:  # the text between two tables, read as one cell of a row too long for either
        return _table(text, pipes[:cut + 1]) + _table(text, pipes[cut + 1:])
    rows = _rows(segs)
    if not rows:
        return []
    return [Table(rows=rows, start=pipes[0].start(), end=pipes[-1].end())]


# a section's mark and title in capitals: "B. QUY TRÌNH NỘI BỘ THỦ TỤC HÀNH CHÍNH", "II. DANH MỤC THỦ TỤC BỊ BÃI BỎ"
_SECTION_MARK = re.compile(r"([A-ZĐ]|[IVX]{1,4})\.\s+(\S.*)")
MIN_HEADING_WORDS = 3


def _section_heading(raw: str) -> bool:
    """Whether a segment is a section's heading printed after a table, not a cell: its mark and a title in
    capitals, straight after a cell of the last row (no empty segment between, as a group row of the same
    table has: "|" "|" "**B. THỦ TỤC HÀNH CHÍNH CẤP XÃ**"). A procedure decision's list ("A. DANH MỤC …")
    runs on into its forms ("**B. QUY TRÌNH NỘI BỘ …**" "**1. Bổ nhiệm …**" | "**1**" | "**KÝ HIỆU QUY
    TRÌNH**"): read as one table, the list's last row took the heading and the form's first cells as its own."""
    m = _SECTION_MARK.match(clean_cell(raw.split("\n**")[0]))  # its first bold line: a line under it may not be
    if m is None:
        return False
    title = m.group(2)
    words = re.findall(r"[^\W\d_]+", title)
    letters = "".join(words)
    return len(words) >= MIN_HEADING_WORDS and sum(ch.isupper() for ch in letters) >= 0.9 * len(letters)


def _captioned_header(text: str, segs: list[Cell], k: int) -> bool:
    """Whether ``segs[k]`` opens a table printed inside another's cell: a row of short bold cells right after a
    caption paragraph ending with ":" ("… Thông số kỹ thuật:" | "**Hạng mục**" | "**Thông số**", in a customs notice whose whole
    body is a layout table's cell); read on as cells of the outer table, its names and values fell one column
    apart ("63mm x 88mm" named the row, "Kích thước thẻ trò chơi" was its value)."""
    caption = segs[k - 1].text
    if k < 3 or k + 2 >= len(segs) or not caption.endswith(":") or len(caption) < CAPTION_PARAGRAPH:
        return False
    return all(_bold(text, segs[j]) and 0 < len(segs[j].text) <= SHORT_HEADER and not re.search(r"\d", segs[j].text)
               for j in (k, k + 1))  # a name, not a bold figure ("- Số TTHC thực hiện trực tiếp:" | "**10**")


SHORT_HEADER = 40  # characters: a nested table's column name ("Hạng mục", "Thông số"), not a bold paragraph
# characters: the caption is a paragraph of the outer cell; a field's own label ("Thành phần hồ sơ, bao gồm:" over
# "Bản chính | Bản sao") heads a table the procedure's reader reads as that field (``text/procedures.py``)
CAPTION_PARAGRAPH = 200


def _bold(text: str, cell: Cell) -> bool:
    raw = text[cell.start:cell.end].strip()
    return len(raw) > 4 and raw.startswith("**") and raw.endswith("**") and "**" not in raw[2:-2]


def _repeats_header(segs: list[Cell], k: int) -> bool:
    """Whether ``segs[k]`` opens the next table of a series: the first header cell again ("CÁC BƯỚC" of
    one procedure's steps, then of the next), right after a segment with text (the next table's caption,
    run in where the crawl kept no blank line: "2. Thủ tục sửa đổi … b. Lưu đồ giải quyết:")."""
    head = segs[0].text
    return k > 2 and len(head) > 3 and not head[0].isdigit() and segs[k].text == head and bool(segs[k - 1].text)


def _prose_between(segs: list[Cell]) -> int | None:
    """The segment that is the text between two tables, where the crawl kept no blank line around it.

    A row of a table closes with a lone ``|`` and the next row opens with one, so rows are set apart by
    an empty segment; the last row's closing ``|``, the prose after the table and the next table's
    opening ``|`` leave no empty segment at all. So a page's letterhead, recipients and signature tables
    (two columns each) and the prose between them read as one table whose rows hold more cells than a
    layout table has ("Kính gửi:" | list | "Xét báo cáo, đề xuất …" | "Nơi nhận:" | "KT. CHỦ TỊCH …").
    Such a table prints a letterhead or signature mark but is no two-column layout table as it stands:
    the cut is the segment that leaves a layout table on one side and loses least of the split's score
    (each side at its own width). None when the table is layout or data as it stands, or no cut leaves one.
    """
    if len(segs) > MAX_SPLIT_SEGMENTS or not any(prints_layout_mark(s.text) for s in segs):
        return None
    score, cut, _width = _best(segs)
    if score is None or _is_layout(segs, cut) and max(sum(1 for c in segs[a:b] if c.text) for a, b in cut) <= 2:
        return None  # a layout table of two columns as printed (a third cell is the title or body run in)
    best_at, best_gain = None, -SPLIT_LOSS
    for k in range(1, len(segs) - 1):
        if not segs[k].text or not segs[k - 1].text or not segs[k + 1].text:
            continue  # the prose follows the last cell at once and the next cell follows it
        if prints_layout_mark(segs[k].text, place_date=True):
            continue  # the number, the place and date, "Nơi nhận:" are the layout's own cells
        left, right = _best(segs[:k]), _best(segs[k + 1:])
        if left[0] is None or right[0] is None:
            continue
        if not (_is_layout(segs[:k], left[1]) or _is_layout(segs[k + 1:], right[1])):
            continue
        gain = left[0] + right[0] - score
        if gain > best_gain:
            best_at, best_gain = k, gain
    return best_at


def _is_layout(segs: list[Cell], cut: list[tuple[int, int]]) -> bool:
    rows = [[[c.text] for c in segs[a:b]] for a, b in cut]
    return is_layout_table([r for r in rows if any(c[0] for c in r)])


MAX_SPLIT_SEGMENTS = 150  # letterhead, recipients and signature tables are small; a data table is not searched
# A cut may cost the split's score this much: the prose taken out of a row was one of its cells, and a
# one-cell side (a recipients list alone) scores below the row it left. On the 421 crawled pages (site
# box blanked) 85 change: letterhead + body + signature tables ([2, 5] rows → [2, 2] and [2]), a
# procedure table glued to the signature and its annex title (10 columns → 5); no data table is cut.
SPLIT_LOSS = 1.0


def _rows(segs: list[Cell]) -> list[list[Cell]]:
    """Split segments into rows at empty segments, choosing the width most rows agree on.

    Dynamic programme: a row is a run of segments followed by one empty segment (or the end).
    A row of the table's width scores 2 + its non-empty cells, a shorter one (cells covered by
    a merge from above are absent) a little less, a longer one loses its length. So two rows of
    6 beat one "row" of 13 that swallowed the boundary between them. Under an "STT"/"TT" header a
    row opening with an empty cell and then a number ("", "3.2", …) loses: its cells are shifted
    by one. Widths 2–15 are tried.
        ["STT","Tên","", "1","A","", "2","",""] → width 2: [STT, Tên] [1, A] [2, ""]
    """
    if not segs:
        return []
    _score, cut, _width = _best(segs)
    return [r for r in (segs[a:b] for a, b in cut) if any(c.text for c in r)]


def _best(segs: list[Cell]) -> tuple[float | None, list[tuple[int, int]], int]:
    """The best split of ``segs`` over the widths 2–15: (score, [(start, end), …], width)."""
    n = len(segs)
    full = [0]
    for s in segs:
        full.append(full[-1] + (1 if s.text else 0))
    # a cell of markup alone ("** **": a bold blank) is an empty cell, not the gap between two rows: only two
    # lone "|" lines with nothing between them can be (read as gaps, a price table whose code columns print
    # "** **" split into rows of four cells, each name under the code column and each price under the unit)
    marked = [s.end > s.start for s in segs]
    numbered = bool(n and _HEADER_START.fullmatch(segs[0].text))  # "STT"/"TT" heads a numbered first column
    shifted = [numbered and not s.text and k + 1 < n and bool(_ORDINAL.fullmatch(segs[k + 1].text))
               for k, s in enumerate(segs)]
    best: tuple[float | None, list[tuple[int, int]], int] = (None, [], 0)
    for width in range(2, 16):
        score, cut = _dp(full, n, width, shifted, marked)
        if score is not None and (best[0] is None or score > best[0]):
            best = (score, cut, width)
    return best


# The numbering a row opens with: "3", "3.2", "a", "IV", "1.a". Header rows are short where cells
# span columns (5, 2 and 2 cells over 6 columns), so the widths can tie: a split that opens a row
# with an empty cell and then "3.2" or "b" under an "STT" header has shifted every cell after it.
_ORDINAL = re.compile(r"(?i)\d{1,3}(?:\.\d{1,2}){0,3}\.?|[a-zđ]\)?|[ivxlc]{1,6}\.?|\d{1,2}\.?[a-zđ]")
SHIFT_LOSS = 1.5


def _dp(full: list[int], n: int, width: int, shifted: list[bool], marked: list[bool]):
    """Best split for one width: (score, [(start, end), …]) with segs[end] the empty boundary."""
    neg = float("-inf")
    best = [neg] * (n + 2)
    back = [0] * (n + 2)
    best[0] = 0
    max_len = width + 8
    for i in range(n + 1):
        if best[i] == neg:
            continue
        for j in range(i + 1, min(n, i + max_len) + 1):
            if j < n and (full[j + 1] > full[j] or marked[j]):
                continue  # segs[j] holds text (or markup): it cannot be the boundary
            filled = full[j] - full[i]
            length = j - i
            if filled and length == width:
                gain = 2 + filled
            elif filled and length < width:  # cells covered by a merge from above are absent
                gain = 1 + filled - 0.25 * (width - length)
            else:
                gain = -length
            if filled and shifted[i]:
                gain -= SHIFT_LOSS
            nxt = j + 1 if j < n else n + 1
            if best[i] + gain > best[nxt]:
                best[nxt], back[nxt] = best[i] + gain, i
    end = n + 1 if best[n + 1] >= best[n] else n
    if best[end] == neg:
        return None, []
    cut, k = [], end
    while k > 0:
        i = back[k]
        cut.append((i, k - 1 if k <= n else n))
        k = i
    return best[end], cut[::-1]
