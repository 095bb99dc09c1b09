"""Real tables from ../shared/real/docs, written as .docx / .xlsx / .html / .pdf fixtures in a test.

A table is given as HTML lays it out: rows of (text, colspan, rowspan), a slot covered by a
merge from above simply absent. ``grid`` places the cells; each writer merges them its own
format's way (Word gridSpan/vMerge via python-docx, Excel merged ranges, HTML attributes;
the PDF is LibreOffice's export of the .docx), so reading the file back must give the spec.
"""
from __future__ import annotations

import html
import shutil
import subprocess
from pathlib import Path

Spec = list[list[tuple[str, int, int]]]

# 235/KH-UBND (Thanh Hóa, 18/11/2025), Phụ lục I (../shared/real/docs/85ff77cbda28ffbb.md): monitoring
# points per place, a two-level header ("Đối tượng quan trắc" over four columns), a total row.
MONITORING: Spec = [
    [("STT", 1, 2), ("Địa điểm quan trắc", 1, 2), ("Đối tượng quan trắc", 4, 1)],
    [("Nguồn nước cấp nuôi tôm (vị trí)", 1, 1), ("Môi trường ao nuôi tôm đại diện (vị trí)", 1, 1),
     ("Môi trường nuôi ngao (vị trí)", 1, 1), ("Môi trường nuôi cá lồng nước ngọt (vị trí)", 1, 1)],
    [("1", 1, 1), ("Cửa sông lạch Càn", 1, 1), ("1", 1, 1), ("", 1, 1), ("", 1, 1), ("", 1, 1)],
    [("2", 1, 1), ("Cửa sông lạch Sung", 1, 1), ("1", 1, 1), ("", 1, 1), ("", 1, 1), ("", 1, 1)],
    [("3", 1, 1), ("Cửa sông lạch Trường", 1, 1), ("4", 1, 1), ("", 1, 1), ("", 1, 1), ("", 1, 1)],
    [("8", 1, 1), ("xã Tân Tiến", 1, 1), ("", 1, 1), ("2", 1, 1), ("1", 1, 1), ("", 1, 1)],
    [("10", 1, 1), ("xã Vạn Lộc", 1, 1), ("", 1, 1), ("1", 1, 1), ("2", 1, 1), ("", 1, 1)],
    [("22", 1, 1), ("xã Thường Xuân", 1, 1), ("", 1, 1), ("", 1, 1), ("", 1, 1), ("1", 1, 1)],
    [("Tổng cộng", 2, 1), ("15", 1, 1), ("21", 1, 1), ("4", 1, 1), ("3", 1, 1)],
]

# 2820/QĐ-UBND (TP Hồ Chí Minh, 19/11/2025), Phụ lục (../shared/real/docs/001c610b2efdcf0c.md): tasks
# with lead agency, partners and deadline; a group row across the table; one funding cell for four rows.
_ALL = "Các sở, ngành, UBND xã, phường, đặc khu"
TASKS: Spec = [
    [("TT", 1, 1), ("Nhiệm vụ", 1, 1), ("Cơ quan chủ trì", 1, 1), ("Cơ quan phối hợp", 1, 1),
     ("Thời gian dự kiến hoàn thành", 1, 1), ("Kết quả dự kiến", 1, 1), ("Nguồn kinh phí", 1, 1)],
    [("I", 1, 1), ("Hoàn thiện thể chế, ban hành quy định, hướng dẫn yêu cầu kỹ thuật để xây dựng và triển "
                   "khai Hệ thống thông tin và cơ sở dữ liệu quốc gia về quy hoạch", 6, 1)],
    [("1", 1, 1), ("Phối hợp rà soát, sửa đổi Luật Quy hoạch và xây dựng các văn bản quy phạm pháp luật có liên "
                   "quan để tạo hành lang pháp lý cho hoạt động của Hệ thống thông tin và cơ sở dữ liệu quốc "
                   "gia về quy hoạch.", 1, 1),
     ("Sở Tài chính", 1, 1), (_ALL, 1, 1), ("Quý IV/2025", 1, 1),
     ("Luật Quy hoạch, Quyết định của cấp có thẩm quyền", 1, 1),
     ("Chi thường xuyên hoặc nguồn vốn hợp pháp khác (nếu có)", 1, 4)],
    [("2", 1, 1), ("Phối hợp xây dựng nội dung quy định việc xây dựng, cập nhật, duy trì và khai thác, sử dụng cơ "
                   "sở dữ liệu quốc gia về quy hoạch trong Nghị định hướng dẫn chi tiết thi hành Luật Quy hoạch "
                   "sửa đổi.", 1, 1),
     ("Sở Tài chính", 1, 1), (_ALL, 1, 1), ("Năm 2025 - 2026", 1, 1), ("Nghị định", 1, 1)],
    [("3", 1, 1), ("Phối hợp góp ý Thông tư quy định yêu cầu về cấu trúc, kỹ thuật, giải pháp công nghệ.", 1, 1),
     ("Sở Tài chính", 1, 1), (_ALL, 1, 1), ("Năm 2025 - 2026", 1, 1), ("Thông tư", 1, 1)],
    [("4", 1, 1), ("Tham gia rà soát, đơn giản hóa các thủ tục hành chính liên quan đến quy hoạch.", 1, 1),
     (_ALL, 1, 1), ("Sở Tài chính", 1, 1), ("Quý II/2027", 1, 1), ("Báo cáo", 1, 1)],
]


def grid(spec: Spec) -> list[tuple[int, int, str, int, int]]:
    """(row, col, text, colspan, rowspan) of every cell, placed as an HTML table places them."""
    taken: set[tuple[int, int]] = set()
    out = []
    for r, row in enumerate(spec):
        c = 0
        for text, cs, rs in row:
            while (r, c) in taken:
                c += 1
            out.append((r, c, text, cs, rs))
            taken.update((r + i, c + j) for i in range(rs) for j in range(cs))
            c += cs
    return out


def width(spec: Spec) -> int:
    return max(c + cs for _, c, _, cs, _ in grid(spec))


def write_docx(path: Path, spec: Spec, before: list[str], after: list[str]) -> Path:
    from docx import Document
    from docx.oxml import OxmlElement

    doc = Document()
    doc.add_heading(before[0], level=1)
    for text in before[1:]:
        doc.add_paragraph(text)
    t = doc.add_table(rows=len(spec), cols=width(spec))
    t.style = "Table Grid"  # ruled, so a PDF export shows the grid pdfplumber reads
    for r, c, text, cs, rs in grid(spec):
        cell = t.cell(r, c)
        if cs > 1 or rs > 1:
            cell = cell.merge(t.cell(r + rs - 1, c + cs - 1))
        cell.text = text
    for row in t.rows:  # a row is not broken over two pages (a merged cell may be)
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for text in after:
        doc.add_paragraph(text)
    doc.save(str(path))
    return path


def write_xlsx(path: Path, spec: Spec, sheet: str) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for r, c, text, cs, rs in grid(spec):
        ws.cell(r + 1, c + 1, int(text) if text.isdigit() else (text or None))
        if cs > 1 or rs > 1:
            ws.merge_cells(start_row=r + 1, start_column=c + 1, end_row=r + rs, end_column=c + cs)
    wb.save(str(path))
    return path


def write_html(path: Path, spec: Spec, before: list[str], after: list[str]) -> Path:
    def td(text, cs, rs):
        attrs = (f' colspan="{cs}"' if cs > 1 else "") + (f' rowspan="{rs}"' if rs > 1 else "")
        return f"<td{attrs}>{html.escape(text)}</td>"

    rows = "\n".join("<tr>" + "".join(td(*cell) for cell in row) + "</tr>" for row in spec)
    page = (f"<!DOCTYPE html><html><head><title>x</title><style>td {{ color: red }}</style>"
            f"<script>var banner = 'Số hiệu';</script></head><body>"
            f"<nav><a href='/'>Trang chủ</a> | <a href='/vb'>Văn bản</a></nav>"
            f"<h1>{html.escape(before[0])}</h1>" + "".join(f"<p>{html.escape(p)}</p>" for p in before[1:])
            + f"<table border='1'><tbody>\n{rows}\n</tbody></table>"
            + "".join(f"<p>{html.escape(p)}</p>" for p in after) + "</body></html>")
    path.write_text(page, encoding="utf-8")
    return path


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(src: Path, to: str) -> Path:
    """LibreOffice's own export of ``src`` (a .docx → .pdf / .doc / .rtf), beside it."""
    out = src.with_suffix("." + to)
    subprocess.run([soffice(), f"-env:UserInstallation=file://{src.parent}/lo-profile", "--headless",
                    "--convert-to", to, "--outdir", str(src.parent), str(src)],
                   check=True, capture_output=True, timeout=240)
    assert out.is_file(), f"LibreOffice wrote no {out.name}"
    return out
