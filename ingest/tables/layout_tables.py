"""Tables that place the letterhead and the signature: layout, not data.

Nearly every Word document from an office sets its letterhead ("ỦY BAN NHÂN DÂN / TỈNH AN GIANG"
beside "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc"), its number/date line
("Số: 422/KH-UBND" beside "An Giang, ngày 15 tháng 4 năm 2025") and its signature ("Nơi nhận: …"
beside "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / (name)") in borderless tables of two
columns. Read as a data table, each cell's paragraphs collapse into one line and the metadata
stage finds no signer and no issuer; read as rows, the letterhead becomes data.

So a reader that knows a table's cells and their paragraphs (Word, HTML) asks ``is_layout_table``
and, for a layout table, writes ``side_by_side`` lines — the columns next to each other, one
paragraph per line, set apart by a wide gap — which is how the printed page (and the text a PDF
gives) lays them out, and what ``ingest.meta.metadata`` reads:

    [["ỦY BAN NHÂN DÂN", "TỈNH AN GIANG"], ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]]
      → "ỦY BAN NHÂN DÂN    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        "TỈNH AN GIANG    Độc lập - Tự do - Hạnh phúc"
"""
from __future__ import annotations

import re
from itertools import zip_longest

from ground.normalize import fold

COLUMN_GAP = "    "  # wider than a data row's two-space cell separator
MAX_ROWS = 8
MAX_COLUMNS = 3  # filled cells in a row; a layout table may keep empty spacer columns

# What only a letterhead or a signature block prints.
_MARK = re.compile(
    r"(?i:cộng\s+h[òoà]a\s+xã\s+hội|độc\s+lập\s*-\s*tự\s+do|nơi\s+nhận\s*:)"
    r"|(?<![\w.])(?:TM|KT|TL|TUQ|Q)\.\s*[A-ZĐỦ]"
    r"|(?m:^\s*Số\s*:\s*\S*\s*/)")
_SIGN_TITLE = re.compile(r"(?m)^\s*(?:PHÓ |Q\. )?(?:CHỦ TỊCH|BỘ TRƯỞNG|THỨ TRƯỞNG|THỦ TƯỚNG|GIÁM ĐỐC|CHÁNH VĂN PHÒNG|"
                         r"CHỦ NHIỆM|TRƯỞNG BAN|BÍ THƯ|CHÁNH ÁN|VIỆN TRƯỞNG|HIỆU TRƯỞNG)\s*$")
_PLACE_DATE = re.compile(r",\s*ngày\s*[\d.…_ ]*\s*tháng\s*[\d.…_ ]*\s*năm\s*\d{4}")
MAX_CELL_CHARS = 2500  # a "Nơi nhận" list is long; a clause or a data cell longer than this is no layout


def _signed(column: list[str]) -> bool:
    """A signing title over the signer's name: "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Đã ký)", "Nguyễn Văn An"."""
    from ..meta.signature import is_name

    titled = any(_MARK.search(line) or _SIGN_TITLE.search(line) for line in column[:4])
    return titled and any(is_name(line) for line in column[-2:])


def prints_layout_mark(text: str, place_date: bool = False) -> bool:
    """Whether ``text`` holds what only a letterhead or signature prints (motto, "Nơi nhận:", "KT. …",
    "Số: …/…"), or with ``place_date`` a place-and-date line ("Hà Nội, ngày 25 tháng 11 năm 2025")."""
    return bool(_MARK.search(text) or place_date and _PLACE_DATE.search(text))


def is_layout_table(rows: list[list[list[str]]], ruled: bool | None = None) -> bool:
    """``rows`` of cells of paragraphs. A layout table: at most 8 rows of at most 3 filled cells, no cell
    longer than a recipients list, and either a letterhead or signature mark (motto, "Nơi nhận:",
    "TM./KT.", "Số: …/…") or — when the reader knows it has no borders (``ruled=False``) — at most two
    columns holding a signing title or a place-and-date line."""
    if not rows or len(rows) > MAX_ROWS:
        return False
    cells = [" ".join(p for p in cell if p.strip()) for row in rows for cell in row]
    if any(len(c) > MAX_CELL_CHARS for c in cells):
        return False
    filled = max(sum(1 for cell in row if any(p.strip() for p in cell)) for row in rows)
    if filled > MAX_COLUMNS or filled == 0:
        return False
    paragraphs = "\n".join(p for row in rows for cell in row for p in cell)
    if _MARK.search(paragraphs):
        return True
    return ruled is False and filled <= 2 and bool(_SIGN_TITLE.search(paragraphs) or _PLACE_DATE.search(paragraphs))


def side_by_side(row: list[list[str]]) -> list[str]:
    """One table row's cells (each a list of paragraphs) as printed lines, the columns side by side.
    Empty paragraphs (the space left for a signature) and empty cells take no room.

    A whole signing block beside the recipients ("Nơi nhận: …" | "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / name") is
    written one column after the other, as the crawled page gives it: side by side, each recipient line
    would fall between the signing title and the name, and a quote of who signed ("THỦ TƯỚNG Phạm Minh
    Chính") would hold a recipient in its middle. A block a page break cut (no name under its title) stays
    side by side: the name on the next page is found beside the rest of the recipients."""
    columns = [[" ".join(p.split()) for p in cell if p.strip()] for cell in row]
    columns = [c for c in columns if c]
    if len(columns) == 2 and fold(columns[0][0]).startswith("noi nhan") and _signed(columns[1]):
        return columns[0] + columns[1]
    return [COLUMN_GAP.join(p for p in parts if p) if parts[0] else COLUMN_GAP + COLUMN_GAP.join(p for p in parts if p)
            for parts in zip_longest(*columns, fillvalue="")]
