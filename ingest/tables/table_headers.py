"""Column names from header rows: the true grid where the reader knows its merges, else inferred.

A Word, HTML or Excel table says which cell spans which columns (``grid_names``). A saved page's
one-cell-per-line residue does not: its header rows come as short lists, and the spans are inferred
from the data rows' width (``column_names``):

    [["TT", "Tên", "Diện tích (ha)", "Mục tiêu thăm dò", "Ghi chú"], ["2021 - 2030", "2031 - 2050"]], 6
      → ["TT", "Tên", "Diện tích (ha)", "Mục tiêu thăm dò › 2021 - 2030", "Mục tiêu thăm dò › 2031 - 2050", "Ghi chú"]

Three levels (``_layered``): ["TT", "Tên", "Diện tích", "Trữ lượng huy động", "Công suất khai thác", "Ghi chú"]
over ["2021 - 2030", "2031 - 2050"] over ["Quặng", "Tấn WO3", "Quặng/năm", "Tấn WO3/năm", "Quặng/năm",
"Tấn WO3/năm"], 10 columns: 4 cells reach the bottom, two span; of the ways to share the 6 bottom cells
between the two, one alone puts the same cells under each period — "Trữ lượng huy động › Tấn WO3".
"""
from __future__ import annotations

import re
from itertools import combinations

NO_LABEL_HEAD = re.compile(r"(?i)^(stt|tt|số tt|đvt|đơn vị tính|ghi chú|mã)")
_SPAN_HEAD = re.compile(r"(?i)năm|giai đoạn|mục tiêu|kế hoạch|dự kiến|tổng|trong đó|chia ra|theo|số lượng|mức|"
                        r"kinh phí|thời gian|trữ lượng|công suất|tọa độ|chỉ tiêu|kết quả|nguồn|diện tích|dân số")


def grid_names(head: list[list[str]]) -> list[str]:
    """Header rows on the true grid → one name per column, the levels joined:
        [["STT", "Mức chi", "Mức chi"], ["STT", "Thi tốt nghiệp", "Thi học sinh giỏi"]]
          → ["STT", "Mức chi › Thi tốt nghiệp", "Mức chi › Thi học sinh giỏi"]"""
    width = max(len(r) for r in head)
    names = []
    for i in range(width):
        parts: list[str] = []
        for r in head:
            t = r[i] if i < len(r) else ""
            if t and t not in parts:
                parts.append(t)
        names.append(" › ".join(parts) or f"Cột {i + 1}")
    return names


def column_names(head: list[list[str]], width: int) -> list[str]:
    """Header rows → one name per column; a cell over sub-header cells names each of them.

        [["TT", "Tên", "Diện tích (ha)", "Mục tiêu thăm dò", "Ghi chú"], ["2021 - 2030", "2031 - 2050"]], 6
          → ["TT", "Tên", "Diện tích (ha)", "Mục tiêu thăm dò › 2021 - 2030",
             "Mục tiêu thăm dò › 2031 - 2050", "Ghi chú"]
    """
    subs = _sub_rows(head[1:])
    if head and len(subs) == 2:
        layered = _layered(list(head[0]), subs[0], subs[1], width)
        if layered:
            return layered
    names = list(head[0]) if head else []
    last: list[int] = []  # the columns the last sub-header row named
    for sub in subs:
        if last and len(sub) == len(last):  # one cell under each of them: "Trữ lượng (tấn WO3)" twice
            for p, s in zip(last, sub, strict=True):
                names[p] = f"{names[p]} › {s}"
            continue
        extra = len(names) + len(sub) - 1 - len(names)  # one spanned cell gives len(sub) columns
        if not sub or len(names) + extra > width + 1:
            continue
        spans = _spanned(names, 1 if len(names) + len(sub) - 1 <= width else 2)
        if len(spans) == 1:
            p = spans[0]
            names = names[:p] + [f"{names[p]} › {s}" for s in sub] + names[p + 1:]
            last = list(range(p, p + len(sub)))
        else:  # two spanned cells share the sub-headers evenly
            half = len(sub) // 2
            a, b = spans
            names = (names[:a] + [f"{names[a]} › {s}" for s in sub[:half]] + names[a + 1:b]
                     + [f"{names[b]} › {s}" for s in sub[half:]] + names[b + 1:])
            last = []
    names = (names + [""] * width)[:width]
    return [n or f"Cột {i + 1}" for i, n in enumerate(names)]


def _sub_rows(rows: list[list[str]]) -> list[list[str]]:
    """Sub-header rows, each split at its empty cells: a saved page's two short header rows can be
    read as one ("2021 - 2030", "2031 - 2050", "", "Trữ lượng", "Trữ lượng"), the empty cell being
    the boundary between them."""
    out: list[list[str]] = []
    for row in rows:
        part: list[str] = []
        for t in [*row, ""]:
            if t:
                part.append(t)
            elif part:
                out.append(part)
                part = []
    return out


def _spanned(names: list[str], k: int) -> list[int]:
    """The k header cells most likely to span sub-headers (never STT, a name or Ghi chú)."""
    def score(i: int) -> float:
        n = names[i]
        s = 1.0 if _SPAN_HEAD.search(n) else 0.0
        if NO_LABEL_HEAD.match(n.strip()) or re.match(r"(?i)tên|nội dung|ghi chú", n.strip()):
            s -= 2
        return s + i / 100  # later columns win ties: spans sit right of the name column
    ranked = sorted(range(len(names)), key=score, reverse=True)[:k]
    return sorted(ranked)


def _layered(top: list[str], mid: list[str], low: list[str], width: int) -> list[str] | None:
    """Three header levels: the top cells that reach the bottom, the few that span, the middle row under
    one of those, the bottom row shared between them — where exactly one sharing puts the same bottom
    cells under each middle cell (module docstring). None where none or several do."""
    spanning = len(top) - (width - len(low))  # the other top cells each name one column
    if not 1 <= spanning <= 3 or len(low) < spanning:
        return None
    parents = _spanned(top, spanning)
    found = []
    for cuts in combinations(range(1, len(low)), spanning - 1):  # how the bottom cells are shared
        bounds = [0, *cuts, len(low)]
        shares = [low[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
        for owner, share in enumerate(shares):  # the parent the middle row sits under
            per, rest = divmod(len(share), len(mid))
            if rest or not per:
                continue
            parts = [share[i * per:(i + 1) * per] for i in range(len(mid))]
            if all(p == parts[0] for p in parts):
                found.append((shares, owner, per))
    if len(found) != 1:
        return None
    shares, owner, per = found[0]
    names: list[str] = []
    for i, cell in enumerate(top):
        if i not in parents:
            names.append(cell)
            continue
        k = parents.index(i)
        if k == owner:
            names += [f"{cell} › {m} › {leaf}" for j, m in enumerate(mid) for leaf in shares[k][j * per:(j + 1) * per]]
        else:
            names += [f"{cell} › {leaf}" for leaf in shares[k]]
    return names if len(names) == width else None
