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
line (``PHỤ LỤC``, ``Điều 3.``, ``Chương II``) or a long run of prose (``_ends_table``).
Cells keep the span of their raw text; ``Cell.text`` drops ``**`` / ``*`` and joins lines.
"""
from __future__ import annotations

import re

from .blocks import Cell, Table
from .table_bounds import is_form_title

_PIPE_LINE = re.compile(r"(?m)^[ \t]*\|[ \t]*$")
_BREAK_LINE = re.compile(r"(?im)^\W*(phụ lục\b|điều\s+\d+\s*\.|chương\s+[ivxlc\d]+\b|mục\s+\d+\.|phần\s+thứ\b|#)")
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
        if _HEADER_START.fullmatch(segs[k].text) and len(segs) - k > 3:
            return _table(text, pipes[:k]) + _table(text, pipes[k:])
    rows = _rows(segs)
    if not rows:
        return []
    return [Table(rows=rows, start=pipes[0].start(), end=pipes[-1].end())]


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
    n = len(segs)
    if n == 0:
        return []
    full = [0]
    for s in segs:
        full.append(full[-1] + (1 if s.text else 0))
    numbered = bool(_HEADER_START.fullmatch(segs[0].text))  # "STT"/"TT" heads a numbered first column
    shifted = [numbered and not s.text and k + 1 < n and bool(_ORDINAL.fullmatch(segs[k + 1].text))
               for k, s in enumerate(segs)]
    best_rows: list[list[Cell]] = []
    best_score = None
    for width in range(2, 16):
        score, cut = _dp(full, n, width, shifted)
        if score is not None and (best_score is None or score > best_score):
            best_score, best_rows = score, [segs[a:b] for a, b in cut]
    return [r for r in best_rows if any(c.text for c in r)]


# The numbering a row opens with: "3", "3.2", "a", "IV", "1.a". Header rows are short where cells
# span columns (5, 2 and 2 cells over 6 columns), so the widths can tie: a split that opens a row
# with an empty cell and then "3.2" or "b" under an "STT" header has shifted every cell after it.
_ORDINAL = re.compile(r"(?i)\d{1,3}(?:\.\d{1,2}){0,3}\.?|[a-zđ]\)?|[ivxlc]{1,6}\.?|\d{1,2}\.?[a-zđ]")
SHIFT_LOSS = 1.5


def _dp(full: list[int], n: int, width: int, shifted: list[bool]):
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
            if j < n and full[j + 1] > full[j]:
                continue  # segs[j] holds text: it cannot be the boundary
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
