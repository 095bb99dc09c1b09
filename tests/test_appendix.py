"""*Phụ lục* rows of the two shipped plans against hand-checked golden files, plus synthetic tables.

The golden files were produced by the parser and then every row was checked by hand against the
source text. Regenerate them only after the same check (a parser change that moves a golden value
is a regression until proven otherwise):

    .venv/bin/python tests/test_appendix.py --write-golden

Example of one golden row (Kon Tum, source lines " " / "Phấn đấu xây dựng sàn nhà ở xã hội m2 sàn
104.046 221.009  "):  group "9 Nhà ở", index 1, number null, unit "m2 sàn", values
[{year 2025, raw "104.046", low 104046.0, …}, {year 2030, raw "221.009", …}], agency "Sở Xây dựng".
"""
from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script to rewrite the golden files
    sys.path.insert(0, str(ROOT))

from ingest.tables.appendix import parse_appendix, row_sentence  # noqa: E402

GOLDEN = Path(__file__).resolve().parent / "golden"
PLANS = {
    "an_giang": ROOT / "corpus" / "000_b12ca13682d2ba48.txt",
    "kon_tum": ROOT / "corpus" / "003_b0b2af87bc78f8d3.txt",
}


def _parse(name: str):
    text = PLANS[name].read_text(encoding="utf-8")
    doc_id = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]  # as ingest.pipeline does
    rows, notes = parse_appendix(text, doc_id)
    return text, rows, notes


def _plain(obj) -> dict:
    return json.loads(json.dumps(asdict(obj), ensure_ascii=False))


def _golden(name: str) -> dict:
    path = GOLDEN / f"{name}_rows.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {"rows": [], "footnotes": []}


def squash(s: str) -> str:
    return " ".join(s.split())


@pytest.fixture(scope="module")
def parsed():
    return {name: _parse(name) for name in PLANS}


def by_indicator(rows, start: str, label: str | None = None):
    return next(r for r in rows if r.label.startswith(start) and (label is None or r.sub_label == label))


# ---- golden: every field of every row -------------------------------------------------------

@pytest.mark.parametrize("name,count", [("an_giang", 52), ("kon_tum", 107)])
def test_row_count(parsed, name, count):
    assert len(_golden(name)["rows"]) == count
    assert len(parsed[name][1]) == count


@pytest.mark.parametrize("name,i", [(n, i) for n in PLANS for i in range(len(_golden(n)["rows"]))],
                         ids=lambda x: x if isinstance(x, str) else f"{x:03d}")
def test_row_matches_golden(parsed, name, i):
    assert _plain(parsed[name][1][i]) == _golden(name)["rows"][i]


@pytest.mark.parametrize("name", PLANS)
def test_footnotes_match_golden(parsed, name):
    text, _, notes = parsed[name]
    # a PDF's glued digits are found by their rule, not by offsets (``Footnote.refs``: a saved page's markers)
    assert all(n.refs == [] for n in notes)
    assert [{k: v for k, v in _plain(n).items() if k != "refs"} for n in notes] == _golden(name)["footnotes"]
    for n in notes:
        assert squash(text[n.start:n.end]) == n.text


# ---- spans: real contiguous quotes -----------------------------------------------------------

@pytest.mark.parametrize("name", PLANS)
def test_spans_quote_indicator_and_values(parsed, name):
    text, rows, _ = parsed[name]
    for r in rows:
        quote = squash(text[r.start:r.end])
        assert quote.startswith(" ".join(r.label.split()[:3])), r.label
        for v in r.values:
            assert v.raw in quote, (r.label, v.raw)
        if r.parent:
            assert squash(text[r.parent_span[0]:r.parent_span[1]]) == r.parent
    spans = sorted((r.start, r.end) for r in rows)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False)), "rows overlap"


@pytest.mark.parametrize("name", PLANS)
def test_no_layout_junk_in_rows(parsed, name):
    _, rows, _ = parsed[name]
    for r in rows:
        fields = [r.label, r.agency or "", r.unit or ""] + [v.raw for v in r.values]
        for junk in ("Đơn vị chủ trì", "Đến năm", "2851", "Trong trường hợp", "Nội dung", "Ghi chú"):
            assert not any(junk in f for f in fields), (junk, r.label)


# ---- the hard rows, spelled out ----------------------------------------------------------------

def test_kon_tum_merged_agency_cells(parsed):
    _, rows, _ = parsed["kon_tum"]
    ldtbxh = "Sở Lao động - Thương binh và Xã hội"
    # printed once after the group's first row, then carried down
    assert by_indicator(rows, "Tỷ lệ thất nghiệp khu vực thành thị").agency == ldtbxh
    # "Sở Lao động - " before a page header, "Thương binh và Xã hội" after the next row
    assert by_indicator(rows, "Tỷ lệ dân số được hưởng trợ cấp").agency == ldtbxh
    assert by_indicator(rows, "Tỷ lệ hộ gia đình chăm sóc trẻ em").agency == ldtbxh
    # printed next to one row: that row's own
    assert by_indicator(rows, "Hỗ trợ bảo hiểm y tế cho trẻ em").agency == "Sở Giáo dục và Đào tạo"
    assert by_indicator(rows, "Tỷ lệ hài lòng của người dân").agency == "Sở Y tế"
    assert by_indicator(rows, "Tỷ lệ hộ chăn nuôi").agency == "Sở Nông nghiệp và phát triển nông thôn"
    # the Y tế cell is printed mid-group: the rows above it take it too
    assert by_indicator(rows, "Số con bình quân").agency == "Sở Y tế"
    # the Nhà ở cell sits in the middle of its block
    assert {r.agency for r in rows if r.group == ["9 Nhà ở"]} == {"Sở Xây dựng"}


def test_kon_tum_cells_over_lines_and_pages(parsed):
    text, rows, _ = parsed["kon_tum"]
    r = by_indicator(rows, "Tỷ lệ người cao tuổi được chăm sóc")
    assert r.label.endswith("lập hồ sơ theo dõi sức khỏe")  # resumed after footnotes + header
    assert [v.raw for v in r.values] == ["95", "100"]
    assert "dõi sức khỏe" not in text[r.start:r.end]
    r = by_indicator(rows, "Số giường bệnh viện")
    assert (r.label, r.unit, [v.raw for v in r.values]) == (
        "Số giường bệnh viện trên 10.000 dân", "Giường bệnh", ["42,5", "40"])
    r = by_indicator(rows, "Tỷ lệ thất nghiệp khu vực thành thị")
    assert [v.raw for v in r.values] == ["2", "1,5-2"] and r.values[1].high == 2.0
    r = by_indicator(rows, "Tỉ lệ tiêm chủng đầy đủ")
    assert [v.footnotes for v in r.values] == [["5"], ["6"]]
    assert r.values[1].text == "hoặc 95% (với 14 loại vắc xin)"


def test_kon_tum_sub_rows(parsed):
    _, rows, _ = parsed["kon_tum"]
    dien_tich = "Diện tích nhà ở bình quân đầu người"
    assert [(r.parent, r.sub_label) for r in rows if r.parent == dien_tich] == [
        (dien_tich, "Thành thị"), (dien_tich, "Nông thôn")]
    r = by_indicator(rows, "Trong đó, các huyện nghèo")
    assert r.parent == "Mức giảm tỷ lệ hộ nghèo đa chiều hàng năm"
    r = by_indicator(rows, "- Số ca nhiễm HIV")
    assert r.parent.startswith("Cơ bản chấm dứt") and r.sub_label.startswith("Số ca nhiễm HIV")
    parent = by_indicator(rows, "Cơ bản chấm dứt")
    assert [v.raw for v in parent.values] == ["", ""] and parent.parent is None
    kids = [r.sub_label for r in rows if r.parent and r.parent.startswith("Tỷ lệ hộ gia đình, trường học")]
    assert [k.split()[2] for k in kids] == ["hộ", "trường", "trạm"]
    assert by_indicator(rows, "Tỷ lệ điểm dân cư nông thôn").parent is None
    assert by_indicator(rows, "Tỷ lệ dân số được phủ sóng").parent is None
    assert by_indicator(rows, "Tỷ lệ hộ gia đình, trường học").agency is None  # children disagree


def test_an_giang_numbered_rows(parsed):
    _, rows, _ = parsed["an_giang"]
    parent = by_indicator(rows, "Chi tiêu số lượng trên 10.000 dân")
    assert (parent.number, parent.unit, [v.raw for v in parent.values]) == ("2", None, ["", ""])
    kids = [r for r in rows if r.parent == parent.label]
    assert [(k.sub_label, k.unit, k.number) for k in kids] == [
        ("Số bác sĩ", "người", None), ("Số giường bệnh", "Giường", None),
        ("Số dược sĩ", "người", None), ("Số điều dưỡng viên", "người", None)]
    assert all(k.parent_span == (parent.start, parent.end) for k in kids)
    r = by_indicator(rows, "Xây dựng căn hộ nhà ở xã hội")
    assert (r.unit, r.values[0].low, r.values[1].low, r.values[0].ambiguous) == ("Căn hộ", 2500, 6300, True)
    r = by_indicator(rows, "Diện tích nhà ở bình quân đầu người")
    assert (r.values[1].raw, r.values[1].low, r.values[1].ambiguous) == ("26.1", 26.1, True)
    assert by_indicator(rows, "Chỉ số HDI").unit is None
    assert by_indicator(rows, "Phấn đấu tỉ lệ nước thải").agency == "Sở Xây dựng, địa phương"
    assert by_indicator(rows, "Tỉ lệ hộ gia đình được sử dụng nước sạch").agency is None


# ---- rendering -----------------------------------------------------------------------------------

def test_row_sentence(parsed):
    _, rows, _ = parsed["kon_tum"]
    assert row_sentence(by_indicator(rows, "Phấn đấu xây dựng sàn"), "Kon Tum") == (
        "Kon Tum, Phụ lục, 9 Nhà ở: Phấn đấu xây dựng sàn nhà ở xã hội — 2025: 104.046; 2030: 221.009 "
        "(m2 sàn); chủ trì: Sở Xây dựng")
    assert row_sentence(by_indicator(rows, "Thành thị"), None) == (
        "Phụ lục, 9 Nhà ở: Diện tích nhà ở bình quân đầu người — Thành thị — 2025: 29,5; 2030: 32 "
        "(m2 sàn/người); chủ trì: Sở Xây dựng")


# ---- generality: other provinces, other years ---------------------------------------------

ROMAN_TABLE = "\n".join([
    "Nguyễn Văn A", "", "PHỤ LỤC", "CHỈ TIÊU CHỦ YẾU",
    "(kèm theo Kế hoạch số 15/KH-UBND ngày 2/3/2026 của Ủy ban nhân dân tỉnh Sơn La)", "",
    "STT Nội dung/Chỉ tiêu ĐVT Đến năm", "", " 2026", "Đến năm", "", " 2028", "Đến năm", "", " 2031", "",
    "Cơ quan chủ trì", "Ghi ", "chú", "",
    "I Giáo dục      ", "",
    "1 Tỷ lệ trường đạt chuẩn quốc gia % 60 65 >75 Sở GD&ĐT  Gồm trường tư thục", "",
    "2 Số phòng học được kiên cố hoá Phòng 1.200 2.000 3.500 Sở GD&ĐT  ", "",
    "II Y tế và dân ", "số      ", "",
    "1 Chi tiêu số lượng trên 10.000 dân      ", "",
    " Số bác sĩ người 9 10 12 Sở Y tế  ", "",
    "2", "Tỷ lệ tiêm chủng mở rộng với ", "12 loại vắc xin %", "> 95", "", "(10 loại ", "vắc xin) ",
    "> 96", "> 97", "(12 loại vắc ", "", "xin) ", "Sở Y tế  ", "",
    "3 Tuổi thọ trung bình Tuổi 73 - 74,5 Sở Y tế  ", " ",
])

HEADER = ["TT Nội dung ", "Đơn vị ", "", "tính ", "", "Mục tiêu Đơn vị chủ trì ", "theo dõi, đánh ",
          "giá thực hiện Đến năm ", "", "2026 ", "Đến năm ", "", "2031 ", ""]
MERGED_TABLE = "\n".join([
    "Y Văn B ", " Phụ lục ", "", "MỤC TIÊU CỤ THỂ  ", *HEADER,
    "1 Lao động, việc làm ", "",
    " Tỷ lệ thất nghiệp chung % 2,5 < 2  ", "", " ", "", "Sở Nội ", "", "vụ ", "", " ",
    "Tỷ lệ lao động qua đào tạo có ", "", "bằng cấp  % ", "", " ", "", "60 ", "", " ", "", "70 ", "",
    "2 Y tế ", "", " ",
    "Tỷ lệ tiêm chủng mở rộng  ", "% > 95 (với 10 loại vắc xin3) > 97 ", "", " ",
    "Cơ bản chấm dứt các dịch bệnh ", "truyền nhiễm ", "   ", "", " ", "",
    "- Số ca mắc lao trên 100.000 dân ", "Ca <40 <15 ", "", "Sở Y tế ", "",
    "998 13 4", " " + HEADER[0], *HEADER[1:], " ",
    "Số trạm y tế đạt chuẩn quốc gia ", "", "về y tế xã ", "Trạm 30 45 ", "",
    " " * 60, "3Theo hướng dẫn của Bộ Y tế ",
])


def test_synthetic_numbered_table_three_years_and_notes():
    rows, notes = parse_appendix(ROMAN_TABLE, "syn")
    assert notes == []
    assert [(r.group[-1], r.number, r.sub_label or r.label) for r in rows] == [
        ("I Giáo dục", "1", "Tỷ lệ trường đạt chuẩn quốc gia"),
        ("I Giáo dục", "2", "Số phòng học được kiên cố hoá"),
        ("II Y tế và dân số", "1", "Chi tiêu số lượng trên 10.000 dân"),
        ("II Y tế và dân số", None, "Số bác sĩ"),
        ("II Y tế và dân số", "2", "Tỷ lệ tiêm chủng mở rộng với 12 loại vắc xin"),
        ("II Y tế và dân số", "3", "Tuổi thọ trung bình")]
    assert rows[0].years == [2026, 2028, 2031]
    assert (rows[0].agency, rows[0].note, rows[0].values[2].comparator) == ("Sở GD&ĐT", "Gồm trường tư thục", ">")
    assert (rows[1].unit, [v.low for v in rows[1].values]) == ("Phòng", [1200, 2000, 3500])
    assert rows[3].parent == "Chi tiêu số lượng trên 10.000 dân" and rows[2].agency == "Sở Y tế"
    assert [v.raw for v in rows[4].values] == ["> 95 (10 loại vắc xin)", "> 96", "> 97 (12 loại vắc xin)"]
    assert rows[5].values[1].empty and rows[5].values[2].low == 74.5


def test_synthetic_merged_agency_table():
    rows, notes = parse_appendix(MERGED_TABLE, "syn")
    assert [(n.marker, n.text) for n in notes] == [("3", "Theo hướng dẫn của Bộ Y tế")]
    got = [(r.group[-1], r.label, r.unit, [v.raw for v in r.values], r.agency, r.parent is not None)
           for r in rows]
    assert got == [
        ("1 Lao động, việc làm", "Tỷ lệ thất nghiệp chung", "%", ["2,5", "< 2"], "Sở Nội vụ", False),
        ("1 Lao động, việc làm", "Tỷ lệ lao động qua đào tạo có bằng cấp", "%", ["60", "70"], "Sở Nội vụ", False),
        ("2 Y tế", "Tỷ lệ tiêm chủng mở rộng", "%", ["> 95 (với 10 loại vắc xin3)", "> 97"], "Sở Y tế", False),
        ("2 Y tế", "Cơ bản chấm dứt các dịch bệnh truyền nhiễm", None, ["", ""], "Sở Y tế", False),
        ("2 Y tế", "- Số ca mắc lao trên 100.000 dân", "Ca", ["<40", "<15"], "Sở Y tế", True),
        ("2 Y tế", "Số trạm y tế đạt chuẩn quốc gia về y tế xã", "Trạm", ["30", "45"], "Sở Y tế", False)]
    assert rows[0].years == [2026, 2031]
    assert rows[2].values[0].footnotes == ["3"] and rows[2].values[0].note == "(với 10 loại vắc xin)"


def test_synthetic_rows_separated_by_blank_lines_only():
    """No STT, no empty-cell marks: the agency line still stays with its row."""
    lines = ["PHỤ LỤC", "TT Nội dung Đơn vị tính Đến năm 2026 Đến năm 2031", "", "1 Xã hội", ""]
    for k in range(3):
        lines += ["Tỷ lệ hộ gia đình được hưởng chính sách", "theo quy định", f"% {k} {k + 5}", "Sở Y tế", ""]
    rows, _ = parse_appendix("\n".join(lines), "syn")
    assert [(r.label, r.values[1].raw, r.agency) for r in rows] == [
        ("Tỷ lệ hộ gia đình được hưởng chính sách theo quy định", str(k + 5), "Sở Y tế") for k in range(3)]


def test_no_appendix_or_no_table():
    assert parse_appendix("KẾ HOẠCH\nThực hiện …\n", "x") == ([], [])
    assert parse_appendix("KẾ HOẠCH\n\nPHỤ LỤC\nDanh sách đơn vị\n1. Sở Y tế\n", "x") == ([], [])


def _write_golden() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for name, path in PLANS.items():
        text, rows, notes = _parse(name)
        data = {"source": str(path.relative_to(ROOT)), "doc_id": rows[0].doc_id if rows else None,
                "footnotes": [_plain(n) for n in notes], "rows": [_plain(r) for r in rows]}
        out = GOLDEN / f"{name}_rows.json"
        out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{out}: {len(rows)} rows, {len(notes)} footnotes")


if __name__ == "__main__" and "--write-golden" in sys.argv:
    _write_golden()
