"""A saved page's header rows read as the page shows them, where the residue has lost which cell spans which
(``ingest/tables/table_headers.column_names``, ``table_rows._group_apart``); the row of the province asked in a
national table by place (``row_evidence.place_fit``: the place's words are no term of the question); a share asked
read from the share's column (``cell_choice.share_fit``). Real document: the Prime Minister's Công điện 220/CĐ-TTg
(``tests/data/facts/344b9eec106a648a.md``), three annexes of figures by ministry and province."""
from assistant.question.asked import direction_text
from ingest.pipeline import load_document
from ingest.tables.table_headers import column_names

from .conftest import ROOT, at_once_fixture

DISPATCH = ROOT / "tests/data/facts/344b9eec106a648a.md"
bot = at_once_fixture("saved-page-headers", DISPATCH)
ONE_STOP = "Số lượng TTHC thực hiện theo cơ chế một cửa, một cửa liên thông"
PUBLISHED = "Số lượng TTHC đã công bố thực hiện không phụ thuộc địa giới hành chính"


def _cells(label: str, header_has: str = "") -> dict[str, str]:
    rows = [r for r in load_document(DISPATCH).rows if r.label == label
            and any(header_has in c.header for c in r.cells)]
    assert len(rows) == 1, [r.label for r in rows]
    return {c.header: c.text for c in rows[0].cells}


def test_the_cell_whose_total_sums_the_next_ones_spans_them():
    # "Tổng số | Cấp tỉnh | Cấp xã" under one of two alike cells: Đà Nẵng 2388 = 1970 + 418 under the first
    head = [["STT", "Địa phương", ONE_STOP, PUBLISHED, "Tỷ lệ"], ["Tổng số", "Cấp tỉnh", "Cấp xã"]]
    data = [["1.", "Tp Đà Nẵng", "2388", "1970", "418", "2388", "100%"], ["2.", "Tp Huế", "2241", "1897", "344", "2241", "100%"]]
    assert column_names(head, 7, data)[2:6] == [f"{ONE_STOP} › Tổng số", f"{ONE_STOP} › Cấp tỉnh", f"{ONE_STOP} › Cấp xã",
                                                PUBLISHED]
    cells = _cells("Tp Hải Phòng", ONE_STOP)
    assert cells[f"{ONE_STOP} › Cấp xã"] == "399" and cells[PUBLISHED] == "1566"


def test_three_cells_over_the_same_kinds_each_get_them():
    cells = _cells("Bộ Tài chính", "Cắt giảm ĐKKD")
    assert cells["Tổng số › Bãi bỏ TTHC"] == "192" and cells["Tổng số › Cắt giảm ĐKKD"] == "120"
    assert not any(h.startswith(("Cột", "Bộ, cơ quan")) for h in cells)


def test_a_group_heading_under_the_header_opens_a_group():
    rows = [r for r in load_document(DISPATCH).rows if r.label == "Khánh Hòa" and r.group]
    assert [r.group for r in rows] == [["II Địa phương"]]
    cells = {c.header: c.text for c in rows[0].cells}
    assert cells["Kết quả thực hiện cung cấp DVCTT › Chưa tích hợp, cung cấp DVCTT"] == "116"
    ministry = [r for r in load_document(DISPATCH).rows if r.label == "Bộ Tư pháp" and r.group]
    assert [r.group for r in ministry] == [["I Bộ, ngành"]]


def test_the_one_stop_column_answers(bot):
    ans = bot.ask("Công điện 220/CĐ-TTg, Phụ lục III: ở tỉnh Lào Cai, số thủ tục hành chính cấp xã giải quyết theo cơ chế "
                  "một cửa, một cửa liên thông là bao nhiêu?")
    assert ans.found and "Lào Cai" in ans.text and "324" in ans.text, ans.text


def test_a_count_and_a_share_of_the_province_asked(bot):
    ans = bot.ask("Công điện 220/CĐ-TTg, Phụ lục III: Bắc Ninh đã công bố bao nhiêu thủ tục hành chính thực hiện không "
                  "phụ thuộc địa giới hành chính, đạt tỷ lệ bao nhiêu?")
    assert ans.found and "Bắc Ninh" in ans.text and "2144" in ans.text and "99.4%" in ans.text, ans.text
    assert "2157" not in ans.text  # the one-stop total, another column
    assert direction_text("2144", "99.4%", "vi") == ""  # a count and a share are not compared
