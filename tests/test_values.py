"""Target-value cells: the unit, the split into cells, one cell → TargetValue.

Each case reads "printed cell → parsed fields", e.g.
    "> 95 (14 loại vắc xin)"  → comparator ">", low = high = 95, note "(14 loại vắc xin)"
    "2,500" with unit Căn hộ  → 2500, ambiguous (a count of flats cannot be 2.5)
"""
from __future__ import annotations

import pytest

from ingest.tables.values import detach_markers, locate_values, match_unit, parse_value, split_cells, to_number

# raw, unit, neighbours → comparator, low, high, text, note, ambiguous, footnotes
CASES = [
    ("<3,5", "%", [], ("<", 3.5, 3.5, None, None, False, [])),
    ("> 95", "%", [], (">", 95, 95, None, None, False, [])),
    (">= 1", "Người", [], (">=", 1, 1, None, None, False, [])),
    ("≥ 90", "%", [], (">=", 90, 90, None, None, False, [])),
    ("≤2", "%", [], ("<=", 2, 2, None, None, False, [])),
    ("20,83", "%", [], (None, 20.83, 20.83, None, None, False, [])),
    ("0,5-1,2", "%/năm", [], (None, 0.5, 1.2, None, None, False, [])),
    ("1,5-2", "%", [], (None, 1.5, 2, None, None, False, [])),
    ("3-4", "%/năm", [], (None, 3, 4, None, None, False, [])),
    ("6.300", "Căn hộ", [], (None, 6300, 6300, None, None, False, [])),
    ("104.046", "m2 sàn", ["221.009"], (None, 104046, 104046, None, None, False, [])),
    ("221.009", "m2 sàn", ["104.046"], (None, 221009, 221009, None, None, False, [])),
    ("2,500", "Căn hộ", ["6,300"], (None, 2500, 2500, None, None, True, [])),
    ("6,300", "Căn hộ", ["2,500"], (None, 6300, 6300, None, None, True, [])),
    ("26.1", "m2 sàn/người", ["23"], (None, 26.1, 26.1, None, None, True, [])),
    ("27.4", "m2 sàn/người", ["24,7"], (None, 27.4, 27.4, None, None, True, [])),
    # unsure: no unit and no neighbour says which reading is meant → no number, text kept
    ("2,500", None, [], (None, None, None, "2,500", None, True, [])),
    ("26.1", "m2 sàn/người", [], (None, None, None, "26.1", None, True, [])),
    ("05", "%", [], (None, 5, 5, None, None, False, [])),
    ("01", "%", [], (None, 1, 1, None, None, False, [])),
    ("97%", "%", [], (None, 97, 97, None, None, False, [])),
    ("Bảo đảm", "Mức độ", [], (None, None, None, "Bảo đảm", None, False, [])),
    ("Duy trì phổ cập trẻ 5 tuổi", "%", [], (None, None, None, "Duy trì phổ cập trẻ 5 tuổi", None, False, [])),
    ("Giải quyết cơ bản", "Mức độ", [], (None, None, None, "Giải quyết cơ bản", None, False, [])),
    ("giảm xuống còn 12,8%", "Mức độ", [], (None, 12.8, 12.8, "giảm xuống còn", None, False, [])),
    ("> 95 (14 loại vắc xin)", "%", [], (">", 95, 95, None, "(14 loại vắc xin)", False, [])),
    ("45,45% (so với 11 huyện,TX, TP)", "%", [], (None, 45.45, 45.45, None, "(so với 11 huyện,TX, TP)", False, [])),
    ("97% (với 8 loại vắc xin) hoặc 95% (với 12 loại vắc xin)", "%", [],
     (None, 97, 97, "hoặc 95% (với 12 loại vắc xin)", "(với 8 loại vắc xin)", False, [])),
    ("97% (với 8 loại vắc xin) hoặc 95% (với 14 loại vắc xin6)", "%", [],
     (None, 97, 97, "hoặc 95% (với 14 loại vắc xin)", "(với 8 loại vắc xin)", False, ["6"])),
    ("-", "%", [], (None, None, None, None, None, False, [])),
    ("", None, [], (None, None, None, None, None, False, [])),
]


@pytest.mark.parametrize("raw,unit,neighbours,expected", CASES, ids=[c[0] or "<empty>" for c in CASES])
def test_parse_value(raw, unit, neighbours, expected):
    v = parse_value(raw, 2025, unit, neighbours)
    assert (v.comparator, v.low, v.high, v.text, v.note, v.ambiguous, v.footnotes) == expected
    assert v.raw == raw and v.year == 2025


def test_raw_is_kept_whitespace_collapsed():
    v = parse_value("> 95\n(14 loại vắc \n\nxin) ", 2030, "%", [])
    assert v.raw == "> 95 (14 loại vắc xin)" and v.note == "(14 loại vắc xin)"
    assert parse_value("-", 2030).empty and parse_value("", 2030).empty


def test_footnote_marker_glued_to_a_word():
    assert detach_markers("(với 12 loại vắc xin5)") == ("(với 12 loại vắc xin)", ["5"])
    assert detach_markers("m2 sàn/người") == ("m2 sàn/người", [])  # one letter before: a unit
    assert detach_markers("Nhóm CO2 thải") == ("Nhóm CO2 thải", [])  # capitals: a formula
    assert detach_markers("lớp 1;") == ("lớp 1;", [])


def test_to_number_decides_from_unit_and_neighbours():
    assert to_number("2,500", "căn hộ") == (2500, True)
    assert to_number("2,500", "%") == (2.5, True)
    assert to_number("1,234,567", None) == (1234567, True)
    assert to_number("1.234,5", None) == (1234.5, False)
    assert to_number("26.1", None, ["23", "-"]) == (26.1, True)
    assert to_number("26.1", None, ["2.300"]) == (None, True)  # neighbour 100× larger: not a decimal


@pytest.mark.parametrize("words,expected", [
    (["thị", "%"], (1, "%")),
    (["nghiệp", "Căn", "hộ"], (2, "Căn hộ")),
    (["m2", "sàn/", "người"], (3, "m2 sàn/người")),
    (["đẻ", "Con/phụ", "nữ"], (2, "Con/phụ nữ")),
    (["viện", "Giường", "bệnh"], (2, "Giường bệnh")),
    (["Chỉ", "số", "HDI"], None),
])
def test_match_unit(words, expected):
    assert match_unit(words) == expected


@pytest.mark.parametrize("line,cells,rest", [
    ("<3,5 <3 Sở Nội vụ", ["<3,5", "<3"], "Sở Nội vụ"),
    ("3 < 3", ["3", "< 3"], ""),
    ("- Bảo đảm Sở Y tế", ["-", "Bảo đảm"], "Sở Y tế"),
    ("Tiểu học THCS Sở Giáo dục và Đào tạo", ["Tiểu học", "THCS"], "Sở Giáo dục và Đào tạo"),
    ("Duy trì phổ cập trẻ 5 tuổi 100", ["Duy trì phổ cập trẻ 5 tuổi", "100"], ""),
    ("Giải quyết cơ bản Xoá bỏ hoàn toàn", ["Giải quyết cơ bản", "Xoá bỏ hoàn toàn"], ""),
    ("giảm xuống còn 12,8% giảm xuống còn 11,1% Sở Xây dựng",
     ["giảm xuống còn 12,8%", "giảm xuống còn 11,1%"], "Sở Xây dựng"),
    ("33,33% (1/3 huyện NTM) 35% (so với số huyện NTM) Sở NN&MT",
     ["33,33% (1/3 huyện NTM)", "35% (so với số huyện NTM)"], "Sở NN&MT"),
    ("97% (với 8 loại vắc xin) hoặc 95% (với 12 loại vắc xin5) 97% (với 8 loại vắc xin) hoặc 95% Sở Y tế",
     ["97% (với 8 loại vắc xin) hoặc 95% (với 12 loại vắc xin5)", "97% (với 8 loại vắc xin) hoặc 95%"], "Sở Y tế"),
])
def test_split_cells(line, cells, rest):
    words = line.split()
    got, at = split_cells(words, 2)
    assert [" ".join(words[a:b]) for a, b in got] == cells
    assert " ".join(words[at:]) == rest


@pytest.mark.parametrize("line", [
    "huyện NTM) 35% (so với số huyện NTM)",  # starts inside a bracket
    "giảm xuống còn 12,8% giảm xuống",  # the second cell has not reached its figure yet
    "> 95",  # one cell where two are needed
    "viện trên 10.000 dân Giường bệnh",  # lowercase words that end without a figure are no target
    "40 50 60",  # a third figure is not an agency
])
def test_split_cells_refuses(line):
    assert split_cells(line.split(), 2) is None


@pytest.mark.parametrize("line,indicator,unit,cells", [
    ("Tỷ lệ thất nghiệp chung % <3,5 <3 Sở Nội vụ", "Tỷ lệ thất nghiệp chung", "%", ["<3,5", "<3"]),
    ("Tuổi thọ trung bình Tuổi 74,5 75", "Tuổi thọ trung bình", "Tuổi", ["74,5", "75"]),
    ("Chỉ số HDI >0,7 >0,7 Cục Thống kê tỉnh", "Chỉ số HDI", None, [">0,7", ">0,7"]),
    ("Xây dựng căn hộ nhà ở xã hội cho công nhân Căn hộ 2,500 6,300", "Xây dựng căn hộ nhà ở xã hội cho công nhân",
     "Căn hộ", ["2,500", "6,300"]),
    ("Mức tăng thu nhập so với năm 2021 Lần 2 -", "Mức tăng thu nhập so với năm 2021", "Lần", ["2", "-"]),
    ("Tỷ lệ tỉnh đạt chuẩn xoá mù chữ mức độ 2 % 90 >90", "Tỷ lệ tỉnh đạt chuẩn xoá mù chữ mức độ 2", "%",
     ["90", ">90"]),
])
def test_locate_values(line, indicator, unit, cells):
    words = line.split()
    u, v, got_unit, got_cells, _ = locate_values(words, 2)
    assert (" ".join(words[:u]), got_unit, [" ".join(words[a:b]) for a, b in got_cells]) == (indicator, unit, cells)


def test_locate_values_waits_for_all_figures():
    assert locate_values("Tuổi thọ trung bình của người dân Tuổi 68,5".split(), 2) is None
    assert locate_values("Số giường bệnh viện trên 10.000 dân Giường bệnh".split(), 2) is None
    assert locate_values("Tỷ lệ trẻ 11-14 tuổi hoàn thành chương trình".split(), 2) is None
