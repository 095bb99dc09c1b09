"""Real 2025 documents saved from a legal-document website (tests/data/real, copied unchanged).

Golden values were read by hand from each file's raw text (the one-cell-per-line table
residue): the figures, the row they sit on, the column they sit under.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import MAX_CHUNK_CHARS, load_document
from ingest.tables.pipe_tables import clean_cell, find_pipe_tables

DATA = Path(__file__).parent / "data" / "real"
CAN_THO = DATA / "3a2db039af8c2d05.md"  # 157/KH-UBND, scoring table in the Phụ lục
HCM = DATA / "001c610b2efdcf0c.md"  # 2820/QĐ-UBND issuing a Kế hoạch with a task table
THANH_HOA = DATA / "85ff77cbda28ffbb.md"  # 235/KH-UBND, sample tables with merged cells
BAC_NINH = DATA / "ea34a356cafcb1aa.md"  # 1521/QĐ-UBND, procedure lists, site chrome around it
MINERALS = DATA / "d600829aa1fa6596.md"  # 2581/QĐ-TTg, multi-level headers
SPECIES = DATA / "637e9efcc63ab844.md"  # 69/2025/TT-BNNMT, Phụ lục II: species list in lettered groups


@pytest.fixture(scope="module")
def docs():
    return {p.stem: load_document(p) for p in (CAN_THO, HCM, THANH_HOA, BAC_NINH, MINERALS, SPECIES)}


def _row(doc, number, label_start=""):
    return next(r for r in doc.rows if r.number == number and r.label.startswith(label_start))


def test_cell_spans_slice_the_raw_text_exactly():
    text = CAN_THO.read_text(encoding="utf-8")
    tables = find_pipe_tables(text)
    assert len(tables) == 3  # number box, signature box, the Phụ lục table
    for t in tables:
        for row in t.rows:
            for c in row:
                assert clean_cell(text[c.start:c.end]) == c.text


def test_scoring_table_rows_with_groups_and_columns(docs):
    d = docs[CAN_THO.stem]
    assert len(d.rows) == 10  # I, 1-4, 5, 5.1-5.3, II's one unnumbered row (hand count: 11 rows, II is a group)
    r2 = _row(d, "2")
    assert r2.label.startswith("Tỷ lệ % người hưởng trợ cấp xã hội, hưu trí xã hội mở mới tài khoản")
    assert r2.group == ["I NHÓM XÃ, PHƯỜNG"]
    assert r2.cell("điểm chuẩn").text == "40"
    r52 = _row(d, "5.2")
    assert "Điểm cộng" in r52.group[-1]
    assert "từ 90-95% cộng 03 điểm" in r52.cell("hướng dẫn").text
    for r in d.rows:  # a row's span starts at its first filled cell
        assert clean_cell(d.text[r.start:r.end]).startswith(r.number or r.label[:5])


def test_task_table_names_lead_partner_and_deadline(docs):
    d = docs[HCM.stem]
    r1 = _row(d, "1", "Phối hợp rà soát, sửa đổi Luật Quy hoạch")
    assert r1.kind == "task"
    assert r1.cell("chủ trì").text == "Sở Tài chính"
    assert r1.cell("thời gian").text == "Quý IV/2025"
    assert r1.group[0].startswith("I Hoàn thiện thể chế")


def test_rows_continued_under_a_merged_cell_keep_their_name(docs):
    d = docs[THANH_HOA.stem]
    totals = [(r.number, r.cell("tổng số").text) for r in d.rows if r.cell("tổng số")]
    assert ("1", "240") in totals and (None, "30") in totals  # "- Thuốc BVTV" under row 1, label cell merged
    cont = next(r for r in d.rows if r.cell("tổng số") and r.cell("tổng số").text == "30")
    assert cont.label.startswith("Nguồn nước cấp nuôi tôm nước lợ")


def test_number_that_slid_right_still_opens_its_group(docs):
    d = docs[MINERALS.stem]
    r = next(r for r in d.rows if r.label.startswith("Mỏ Núi Pháo (mở rộng)"))
    assert r.group == ["3 Thái Nguyên", "3.2 Các dự án cấp mới"]
    assert "42,9" in [c.text for c in r.cells]


def test_header_rows_shorter_than_the_data_do_not_shift_the_rows(docs):
    # Phụ lục I, table 1: header rows of 5, 2 and 2 cells over 6 columns; the rows are numbered 3, 3.2, a, b
    d = docs[MINERALS.stem]
    r = next(r for r in d.rows if r.label == "Khu vực Núi Chiếm")
    assert r.number == "b" and r.group == ["3 Thái Nguyên", "3.2 Các Đề án cấp mới"]
    assert [(c.header, c.text) for c in r.cells] == [
        ("Diện tích (ha)", "984,3"), ("Mục tiêu thăm dò › 2021 - 2030 › Trữ lượng (tấn WO3)", "13.500")]
    assert r.headers_sure


def test_three_header_levels_name_each_column(docs):
    # Phụ lục I, table 2: 6 | 2 | 6 header cells over 10 columns; the two year columns of "Công suất
    # khai thác" each hold the same two units, "Trữ lượng huy động" holds its two alone (read by hand)
    d = docs[MINERALS.stem]
    r = next(r for r in d.rows if r.label.startswith("Núi Pháo (điều chỉnh)") and r.number == "d")
    cells = {c.header: c.text for c in r.cells}
    assert cells["Trữ lượng huy động › Tấn WO3"] == "124.830"
    assert cells["Trữ lượng huy động › Quặng (10^3tấn)"] == "83.220"
    assert cells["Công suất khai thác › 2031 - 2050 › Tấn WO3/năm"] == "5.250"
    assert cells["Ghi chú"].startswith("Trữ lượng huy động xác định")


def test_a_short_lettered_group_row_opens_its_group(docs):
    # "**B. Động vật**" alone on its row (11 characters, as short as a number cell) heads rows 1-36
    d = docs[SPECIES.stem]
    animals = [r for r in d.rows if r.group == ["B Động vật"]]
    assert [r.number for r in animals] == [str(i) for i in range(1, 37)]
    assert animals[-1].label == "Xén tóc hại gỗ châu Á"
    assert [r.label for r in d.rows if r.group == ["A Vi sinh vật"]][0] == "Nấm gây bệnh thối rễ"


def test_a_row_whose_empty_number_cell_was_lost_keeps_its_name_in_the_name_column(docs):
    d = docs[MINERALS.stem]
    r = next(r for r in d.rows if "alumin" in r.label)  # "| | Nhà máy alumin Bình Phước | 1÷2.5 | …"
    assert r.number is None and r.label == "Nhà máy alumin Bình Phước"
    assert r.cells[0].text == "1÷2.5" and "2021 - 2030" in r.cells[0].header
    assert "10^6 tấn/năm" in r.cells[0].header  # "10**6" is a superscript, not "106"


def test_a_table_header_is_cited_with_the_title_above_it(docs):
    d = docs[THANH_HOA.stem]
    total = next(r for r in d.rows if r.label.startswith("Tổng cộng") and r.cell("tổng số"))
    a, b = total.header_span
    assert d.text[a:b].startswith("THÔNG SỐ, TẦN SUẤT, THỜI GIAN, SỐ LƯỢNG MẪU QUAN TRẮC")
    assert "**Tổng số**" in d.text[a:b]


def test_site_chrome_is_never_a_chunk(docs):
    d = docs[BAC_NINH.stem]
    for c in d.chunks:
        assert "THƯ VIỆN PHÁP LUẬT" not in c.text
        assert "Văn bản liên quan" not in c.text
        assert "Loại văn bản:" not in c.text


def test_metadata_from_the_page_header(docs):
    m = docs[BAC_NINH.stem].meta
    assert (m.kind, m.number, m.date, m.province, m.signer) == ("Quyết định", "1521/QĐ-UBND", "2025-11-22",
                                                                 "Bắc Ninh", "Mai Sơn")
    assert m.title.startswith("VỀ VIỆC CHUẨN HÓA DANH MỤC THỦ TỤC HÀNH CHÍNH ĐẶC THÙ")
    assert "CHỦ TỊCH" not in m.title  # the authority line under the title is not part of it
    m = docs[CAN_THO.stem].meta
    assert (m.number, m.date, m.signer, m.signer_title) == ("157/KH-UBND", "2025-11-18", "Nguyễn Thị Ngọc Điệp",
                                                            "KT. CHỦ TỊCH PHÓ CHỦ TỊCH")
    m = docs[MINERALS.stem].meta
    assert (m.issuer, m.province, m.signer) == ("Thủ tướng Chính phủ", None, "Trần Hồng Hà")


def test_a_decision_and_the_plan_it_issues_are_two_parts(docs):
    d = docs[HCM.stem]
    locs = [c.locator for c in d.chunks if c.kind != "row"]
    assert "Điều 1" in locs
    assert any(loc.startswith("Kế hoạch › Mục I") for loc in locs)
    assert not any(c.locator.startswith("Nơi nhận") and len(c.text) > 2000 for c in d.chunks)


def test_no_prose_chunk_longer_than_the_embedder_reads(docs):
    for d in docs.values():
        for c in d.chunks:
            if c.kind != "row":
                assert len(c.text) <= MAX_CHUNK_CHARS * 1.45, (d.path, c.locator, len(c.text))
            assert d.text[c.start:c.end] == c.text


def test_bold_headings_are_read(docs):
    d = docs[CAN_THO.stem]
    locs = {c.locator for c in d.chunks}
    assert {"Mục I › 1 › a)", "Mục II", "Mục V › 1 › a)"} <= locs
    assert sum(1 for c in d.chunks if c.locator == "Phần mở đầu") <= 3


def test_the_shipped_plans_read_as_before(shipped_docs):
    for d in shipped_docs.values():
        assert all(r.by_year for r in d.rows)  # their appendix is read by the target-table parser (golden rows elsewhere)
    assert shipped_docs["an_giang"].meta.number == "422/KH-UBND"
    assert shipped_docs["kon_tum"].meta.number is None  # printed blank ("Số:     /KH-UBND")
