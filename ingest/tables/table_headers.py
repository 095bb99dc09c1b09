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

NO_LABEL_HEAD = re.compile(r"(?i)^(stt|tt|số tt|đvt|đơn vị tính|ghi chú|mã)\b")  # not "TTHC, ĐKKD đã …"
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


def column_names(head: list[list[str]], width: int, data: list[list[str]] = ()) -> list[str]:
    """Header rows → one name per column; a cell over sub-header cells names each of them.

        [["TT", "Tên", "Diện tích (ha)", "Mục tiêu thăm dò", "Ghi chú"], ["2021 - 2030", "2031 - 2050"]], 6
          → ["TT", "Tên", "Diện tích (ha)", "Mục tiêu thăm dò › 2021 - 2030",
             "Mục tiêu thăm dò › 2031 - 2050", "Ghi chú"]

    Where two header cells could equally span sub-headers that open with a total, the data rows (``data``) tell
    which: the one whose total column sums the columns beside it (``_summed``):

        [["STT", "Địa phương", "Số lượng TTHC một cửa", "Số lượng TTHC đã công bố", "Tỷ lệ"],
         ["Tổng số", "Cấp tỉnh", "Cấp xã"]], 7, [["1.", "Đà Nẵng", "2388", "1970", "418", "2388", "100%"]]
          → ["STT", "Địa phương", "Số lượng TTHC một cửa › Tổng số", "… › Cấp tỉnh", "… › Cấp xã",
             "Số lượng TTHC đã công bố", "Tỷ lệ"]
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
        # the cells spanning them: one where that fills the width; two share them as they come; more only where
        # each gets the same ones ("Đã chủ động cắt giảm" | "Dự kiến cắt giảm" | "Tổng số", each over the same
        # four kinds: 12 cells)
        k = max(1, len(names) + len(sub) - width)
        if not sub or k > 2 and not _repeated(sub, k) or len(names) < k:
            continue
        spans = _spanned(names, k)
        if len(spans) == 1 and data and _TOTAL_SUB.match(sub[0]):
            spans = [_summed(names, len(sub), data) or spans[0]]
        elif len(spans) == 1 and data:
            wordy = _wordy_name(names, len(sub), data)
            spans = spans if wordy is None else [wordy]
        if len(spans) == 1:
            p = spans[0]
            names = names[:p] + [f"{names[p]} › {s}" for s in sub] + names[p + 1:]
            last = list(range(p, p + len(sub)))
        else:  # the spanned cells share the sub-headers evenly (two: the first takes the smaller half)
            cuts = [len(sub) * j // len(spans) for j in range(len(spans) + 1)]
            spread: list[str] = []
            for i, n in enumerate(names):
                j = spans.index(i) if i in spans else None
                spread += [n] if j is None else [f"{n} › {s}" for s in sub[cuts[j]:cuts[j + 1]]]
            names, last = spread, []
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


def _repeated(sub: list[str], k: int) -> bool:
    """``sub`` is ``k`` times the same run of different cells: each of ``k`` spanning cells gets one (a run of
    alike cells, "Tấn" six times, would fit any sharing)."""
    if k > 4 or len(sub) % k:
        return False
    run = sub[:len(sub) // k]
    return len(set(run)) > 1 and run * k == sub


_TOTAL_SUB = re.compile(r"(?i)^(tổng số|tổng cộng|tổng|cộng)\b")
SUMMED_SHARE = 0.6  # of the data rows with figures in every column tested


def _summed(names: list[str], k: int, data: list[list[str]]) -> int | None:
    """Of the header cells as likely as the best to span ``k`` sub-headers opening with a total, the one whose
    first column holds the sum of the next ``k - 1`` in most data rows; None where not exactly one does."""
    best = max(_span_score(n) for n in names)
    fits = []
    for p in (i for i, n in enumerate(names) if _span_score(n) == best):
        sums = [_figures(r[p:p + k]) for r in data if len(r) >= p + k]
        sums = [v for v in sums if v]
        if sums and sum(v[0] == sum(v[1:]) for v in sums) >= SUMMED_SHARE * len(sums):
            fits.append(p)
    return fits[0] if len(fits) == 1 else None


_NAME_HEAD = re.compile(r"(?i)(tên|nội dung)\b")


def _wordy_name(names: list[str], k: int, data: list[list[str]]) -> int | None:
    """The header cell spanning ``k`` sub-headers that leaves the name column ("Tên …", "Nội dung") over the data's
    wordiest column, by twice the characters of any other choice; None where no name column tells, or it tells
    no one. The header's words alone put sub-headers under the last cell that may span ("Đơn giá"), whatever
    the data says.

        ["Mã, nhóm loại tài nguyên", "Tên nhóm, loại tài nguyên", "Đơn vị tính", "Đơn giá (đồng)"] over "Cấp 1" …
        "Cấp 6", rows ["", "", "II102", "", "", "", "Đất sỏi phún phục vụ thi công …", "m3", "70.742"] → 0: the code
        spans the six levels and the names sit in column 6 (spanned by the price, the names fell under "Cấp 2")."""
    named = [i for i, n in enumerate(names) if _NAME_HEAD.match(n.strip())]
    if len(named) != 1:
        return None
    choices = [p for p in range(len(names)) if p != named[0]]
    rows = [r for r in data if len(r) >= len(names) + k - 1]

    def wordiness(p: int) -> float:  # mean length of the cells the name column would be
        at = named[0] if named[0] < p else named[0] + k - 1
        return sum(len(r[at]) for r in rows) / len(rows)
    if not rows:
        return None
    scored = sorted(((wordiness(p), p) for p in choices), reverse=True)
    return scored[0][1] if scored[0][0] > WORDIER * scored[1][0] else None


WORDIER = 2.0  # the name column's cells hold at least twice the characters of the next choice's


def _figures(cells: list[str]) -> list[int] | None:
    """Whole numbers as printed ("1.146", "07"; "-" for none), or None where a cell holds something else."""
    out = []
    for t in cells:
        t = t.strip()
        if t in ("-", "–"):
            out.append(0)
        elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+|\d+", t):
            out.append(int(t.replace(".", "")))
        else:
            return None
    return out


def _span_score(n: str) -> float:
    """How likely a header cell is to span sub-headers by its words: a quantity's name ("Số lượng", "Tổng",
    "Kinh phí") yes; a row number, a name or a note ("STT", "Tên", "Ghi chú") no."""
    s = 1.0 if _SPAN_HEAD.search(n) else 0.0
    if NO_LABEL_HEAD.match(n.strip()) or re.match(r"(?i)tên|nội dung|ghi chú", n.strip()):
        s -= 2
    return s


def _spanned(names: list[str], k: int) -> list[int]:
    """The k header cells most likely to span sub-headers (never STT, a name or Ghi chú)."""
    def score(i: int) -> float:
        return _span_score(names[i]) + i / 100  # later columns win ties: spans sit right of the name column
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
