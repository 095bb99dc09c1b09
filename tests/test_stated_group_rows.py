"""A count the text states on a table's group row, quoted with the rows it counts.

Real document: Nghệ An's Quyết định 3851/QĐ-UBND, a list of procedures by sector (``tests/data/lists/
31ea3f5a8224b092.md``, copied unchanged), whose group row "VI | Lĩnh vực đầu tư theo phương thức đối tác công tư (PPP)
(06 TTHC)" stands over six procedures (checked by hand). Before, the answer quoted the group row's count alone: which
procedures were counted was not to be seen, nor cited.
"""
from .conftest import ROOT, at_once_fixture

DOC = ROOT / "tests/data/lists/31ea3f5a8224b092.md"
bot = at_once_fixture("stated-group-rows", DOC)


def test_the_stated_count_comes_with_its_first_and_last_row(bot):
    ans = bot.ask("Quyết định 3851/QĐ-UBND của Nghệ An có bao nhiêu thủ tục lĩnh vực đầu tư theo phương thức đối tác"
                  " công tư?")
    assert ans.found and "(06 TTHC)" in ans.text and "6 dòng của bảng" in ans.text, ans.text
    assert "Thẩm định báo cáo nghiên cứu tiền khả thi" in ans.text and "hợp đồng BT" in ans.text, ans.text
    rows = [c for c in ans.citations if c.kind == "row"]
    assert [c.locator.split(" › ")[-1] for c in rows] == ["1", "6"], ans.citations
    assert all(c.locator.split(" › ")[-2] == "VI" for c in rows), ans.citations


def test_in_english_too(bot):
    ans = bot.ask("In Nghệ An Decision 3851/QĐ-UBND, how many procedures are listed under public-private partnership"
                  " (PPP) investment?")
    assert ans.found and "06" in ans.text and "6 rows of the table" in ans.text, ans.text
