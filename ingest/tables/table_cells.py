"""Cells of an appendix table once segmented: the raw row, agency names, sub-row parents.

Two things a printed table shows by layout rather than text, decided here:
    which row a sub-row belongs to (``assign_parents``):
        "2 Chi tiêu số lượng trên 10.000 dân" then " Số bác sĩ người 11 14 Sở Y tế"
        → "Số bác sĩ" has parent "Chi tiêu số lượng trên 10.000 dân"
    which rows a merged agency cell covers (``assign_agencies``):
        "Sở Lao động - " … "Thương binh và Xã hội" printed between two rows
        → one agency, from the row it follows down to the group's next agency
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# First words of agency names: only needed to tell a merged agency cell from an indicator whose
# figures come in later cells. Rows with the agency on their values line need no list.
AGENCY = re.compile(r"^(?:Sở|Ban|Cục|Chi cục|Bộ|UBND|Ủy ban|Uỷ ban|BHXH|Bảo hiểm xã hội|Công an|Liên đoàn|"
                    r"Hội|Tỉnh đoàn|Đoàn|Đài|Ngân hàng|Kho bạc|Thanh tra|Văn phòng|Trung tâm|Viện|Các sở|"
                    r"Cơ quan|Mặt trận)\b")
OPEN = ("-", "–", ",", "&", "/", " và")  # an agency name cut here goes on later ("Sở Lao động - ")

Word = tuple[str, int, int]  # text, start, end in the document


@dataclass
class RawRow:
    group: str
    gid: int
    seq: int
    number: str | None
    chunks: list[list[Word]] = field(default_factory=list)  # one per fragment
    tail: list[Word] = field(default_factory=list)  # indicator resumed after a page break
    status: str = "collecting"  # | "complete" | "parent" (no figures)
    parse: tuple | None = None  # locate_values() over the words
    anchored: bool = False  # an agency is printed right after this row
    parent: RawRow | None = None
    agency: str | None = None
    own_agency: str | None = None
    note: str | None = None

    @property
    def words(self) -> list[Word]:
        return [w for c in self.chunks for w in c]


def join_words(words: list[Word]) -> str:
    return " ".join(w[0] for w in words)


def assign_parents(rows: list[RawRow], roman: bool, ind: dict[int, str], units: dict[int, str | None]) -> None:
    """Parent of each sub-row. With STT numbers an unnumbered row belongs to the last numbered one.
    Without: "- …", "Trong đó …", a short label (≤4 words, no digit: "Thành thị") with the parent's
    unit, or, under a parent without figures, a row sharing ≥70% of its words with it."""
    top: RawRow | None = None
    for row in rows:
        top = top if top is not None and top.gid == row.gid else None
        text = ind[row.seq]
        if roman or top is None:
            child = top is not None and row.number is None
        elif row.status == "parent":
            child = False  # parents do not nest
        elif re.match(r"[-+]\s|trong đó\b", text, re.I):
            child = True
        elif len(text.split()) <= 4 and not re.search(r"\d", text):
            child = top.status == "parent" or units[row.seq] == units[top.seq]
        else:
            words = re.findall(r"[^\W\d_]+", text.lower())
            pool = set(re.findall(r"[^\W\d_]+", ind[top.seq].lower()))
            child = top.status == "parent" and sum(w in pool for w in words) >= 0.7 * len(words)
        if child:
            row.parent = top
        else:
            top = row


def assign_agencies(events: list[list], rows: list[RawRow]) -> None:
    """Merged agency cells: an agency applies from the row it is printed after down to the next
    agency of the group; rows above the group's first agency take it too (its text sits mid-cell)."""
    anchors: list[tuple[float, int, list[str]]] = []
    open_cell: list[str] | None = None
    last: RawRow | None = None
    for kind, obj, *gid in events:
        if kind == "row":
            last, text, g, pos = obj, obj.own_agency, obj.gid, obj.seq
        else:
            text, g = join_words(obj), gid[0]
            pos = last.seq + (0.5 if last.anchored or last.gid != g else 0) if last else -1
        if not text:
            continue
        if open_cell is not None and not AGENCY.match(text):
            open_cell.append(text)  # "Sở Lao động - " … "Thương binh và Xã hội"
        else:
            open_cell = [text]
            anchors.append((pos, g, open_cell))
            if last is not None and pos == last.seq:
                last.anchored = True
        if not " ".join(open_cell).endswith(OPEN):
            open_cell = None
    for row in rows:
        cands = [a for a in anchors if a[1] == row.gid]
        above = [a for a in cands if a[0] <= row.seq]
        cell = above[-1] if above else (cands[0] if cands else None)
        row.agency = " ".join(" ".join(cell[2]).split()) if cell else None
    for row in rows:  # a parent without figures: its children's agency when they all agree
        if row.status == "parent" and not row.anchored:
            kids = {r.agency for r in rows if r.parent is row}
            row.agency = kids.pop() if len(kids) == 1 else None
