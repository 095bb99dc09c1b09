"""What other stages need from a parsed row: its retrieval sentence and its place under a parent."""
from __future__ import annotations

from .model import TargetRow


def link_parents(rows: list[TargetRow]) -> None:
    """Give each sub-row its parent's STT (or position) so that locators never collide:
    "Số bác sĩ" under VII.2 → `Phụ lục › VII Y tế › 2 › Số bác sĩ`, not a second "VII › 3"."""
    by_span = {(r.start, r.end): r for r in rows}
    for r in rows:
        if r.parent and r.parent_span:
            parent = by_span.get(tuple(r.parent_span)) or next(
                (p for p in rows if p.group == r.group and p.indicator == r.parent), None)
            if parent is not None:
                r.parent_ref = parent.number or str(parent.index)


def row_sentence(row: TargetRow, province: str | None = None) -> str:
    """One line per row for retrieval:
    "Kon Tum, Phụ lục, 9 Nhà ở: Phấn đấu xây dựng sàn nhà ở xã hội — 2025: 104.046; 2030: 221.009
    (m2 sàn); chủ trì: Sở Xây dựng"; a sub-row reads "…: <parent> — Thành thị — 2025: …"."""
    head = f"{row.parent} — {row.label}" if row.parent else row.indicator
    out = (f"{province}, " if province else "") + (f"Phụ lục, {row.group}: " if row.group else "Phụ lục: ") + head
    vals = "; ".join(f"{v.year}: {v.raw}" for v in row.values if v.raw)
    out += (f" — {vals}" if vals else "") + (f" ({row.unit})" if row.unit else "")
    out += (f"; chủ trì: {row.agency}" if row.agency else "") + (f"; ghi chú: {row.note}" if row.note else "")
    return out
