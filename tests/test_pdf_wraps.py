"""PDF table cells read as printed: words, syllables and codes cut by a narrow column are joined back,
and a table's header row alone at a page's foot is read cell by cell and heads the table the next page
goes on with.

The files are pages of LibreOffice PDFs of real 2025 documents (``bench/render_office.py`` renderings
of ``../shared/real/docs``, cut with pypdf; see ``tests/data/README.md``); every expected cell was
checked by hand against the crawled page of the same document.
"""
from __future__ import annotations

import re
from pathlib import Path

from ingest.readers.registry import read_source

DATA = Path(__file__).parent / "data" / "pdf_wraps"


def _cells(name: str) -> list[list[str]]:
    return [[c.text for c in row] for t in read_source(DATA / name).tables() for row in t.rows]


def test_vietnamese_syllables_cut_by_a_narrow_column_are_one_word():
    """Đồng Nai, Quyết định (procedure steps), columns ~32 pt wide: LibreOffice cut "Bước" into
    "Bướ" / "c 1", "nhận" into "nhậ" / "n", "không" into "khô" / "ng"; "hồ" / "sơ" broke at a space."""
    cells = {c for row in _cells("dong-nai-procedure-steps.pdf") for c in row}
    assert {"Bước 1", "Bước 2"} <= cells
    assert "Bộ phận nhận hồ sơ của Sở VHTTDL" in cells
    assert "Phòng QL Báo chí và Xuất bản" in cells
    assert ("Thẩm định, giải quyết hồ sơ (Trường hợp hồ sơ cần bổ sung, không đủ điều kiện giải quyết "
            "phải có có văn bản thông báo cụ") in cells  # "thể)" is on the next page, not cut here


def test_procedure_codes_cut_by_the_column_are_whole():
    """Quảng Trị, Quyết định (electricity licences): each procedure's code "1.0134NN.H50" wraps after
    its seventh character ("1.01342" / "1.H50"); the crawled page prints each whole."""
    cells = [c for row in _cells("quang-tri-procedure-codes.pdf") for c in row]
    text = " ".join(cells)
    assert "Thu hồi giấy phép hoạt động điện lực thuộc thẩm quyền của Ủy ban nhân dân cấp tỉnh; 1.013421.H50" \
        in cells
    assert re.findall(r"1\.0134\d\d\.H50", text) and not re.search(r"1\.0134\d* \d*\.?H50", text)
    assert "Điện lực số 61/2024/QH15" in text and "Nghị định số 61/2025/NĐ-CP" in text


def test_a_header_row_alone_at_the_page_foot_heads_the_table_on_the_next_page():
    """Lai Châu, Quyết định 2926/QĐ-UBND, Phụ lục I: the ruled header row (cells of five lines each) is
    the last thing on its page, the rows follow on the next. Read line by line across the cells it gave
    "STT Tên Lĩnh Cơ / thủ vực quan / …"; now one table whose first row is the header."""
    src = read_source(DATA / "lai-chau-header-at-page-foot.pdf")
    tables = src.tables()
    assert len(tables) == 1
    rows = [[c.text for c in row] for row in tables[0].rows]
    assert rows[0][:4] == ["STT", "Tên thủ tục hành chính", "Lĩnh vực", "Cơ quan thực hiện"]
    assert [r[0] for r in rows[1:]] == ["1", "2"]
    assert rows[1][2:4] == ["Dược phẩm", "Sở Y tế"]
    assert "STT Tên Lĩnh" not in src.text and "thủ vực quan" not in src.text


def test_a_date_cut_by_a_page_break_is_whole_and_two_syllables_stay_two():
    """Quyết định (Bộ Xây dựng's internal procedures, Phụ lục) pages 7–8: row 2's legal basis ends page 7
    on "… ngày 12/6/202" and goes on "5 của Chính phủ …" on page 8; "nhà" / "ở" wrapped at a space
    (two tone marks: two syllables). The crawled page: "ngày 12/6/2025 của Chính phủ", "nhà ở"."""
    rows = _cells("xay-dung-row-over-page-break.pdf")
    by_code = {r[1]: r for r in rows if len(r) > 3}
    assert by_code["6.001430"][2] == "Xây dựng chương trình phát triển nhà ở cấp tỉnh"
    assert by_code["6.001430"][3].startswith("Nghị định số 140/2025/NĐ-CP ngày 12/6/2025 của Chính phủ quy định")
    assert not any("202 5" in c for r in rows for c in r)
