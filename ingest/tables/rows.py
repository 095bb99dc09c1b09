"""What other stages need from a parsed row: its retrieval sentence and its place under a parent."""
from __future__ import annotations

from ..model import TableRow


def link_parents(rows: list[TableRow]) -> None:
    """Give each target sub-row its parent's STT (or position) so that locators never collide:
    "Số bác sĩ" under VII.2 → `Phụ lục › VII Y tế › 2 › Số bác sĩ`, not a second "VII › 3"."""
    by_span = {(r.start, r.end): r for r in rows}
    for r in rows:
        if r.parent and r.parent_span:
            parent = by_span.get(tuple(r.parent_span)) or next(
                (p for p in rows if p.group == r.group and p.label == r.parent), None)
            if parent is not None:
                r.parent_ref = parent.number or str(parent.index)


def row_sentence(row: TableRow, province: str | None = None) -> str:
    """One line per row for retrieval. A target row reads its years and lead agency:
    "Kon Tum, Phụ lục, 9 Nhà ở: Phấn đấu xây dựng sàn nhà ở xã hội — 2025: 104.046; 2030: 221.009
    (m2 sàn); chủ trì: Sở Xây dựng"; a sub-row "…: <parent> — Thành thị — 2025: …". Any other row
    names every filled cell by its column:
    "Cần Thơ, Phụ lục › Thang điểm thi đua …, I NHÓM XÃ, PHƯỜNG: 2 Tỷ lệ % … mở mới tài khoản …
    — ĐIỂM CHUẨN: 40; HƯỚNG DẪN CHẤM ĐIỂM: Cách thức ghi nhận …" (long cells cut to fit the embedder)."""
    if row.by_year:
        return _target_sentence(row, province)
    where = ", ".join(x for x in (province, row.caption, " › ".join(row.group)) if x)
    cells = "; ".join(f"{c.header}: {_short(c.text)}" for c in row.cells)
    unit = f" (đơn vị: {row.unit})" if row.unit else ""
    return f"{where}: {row.number or ''} {row.label} — {cells}{unit}".replace("  ", " ").strip()


def _target_sentence(row: TableRow, province: str | None) -> str:
    head = f"{row.parent} — {row.sub_label}" if row.parent else row.label
    group = row.group[-1] if row.group else ""
    out = (f"{province}, " if province else "") + (f"{row.caption}, {group}: " if group else f"{row.caption}: ") + head
    vals = "; ".join(f"{v.year}: {v.raw}" for v in row.values if v.raw)
    out += (f" — {vals}" if vals else "") + (f" ({row.unit})" if row.unit else "")
    out += (f"; chủ trì: {row.agency}" if row.agency else "") + (f"; ghi chú: {row.note}" if row.note else "")
    return out


def _short(s: str, n: int = 300) -> str:
    return s if len(s) <= n else s[:n].rsplit(" ", 1)[0] + " …"
