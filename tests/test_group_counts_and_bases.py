"""A group of a procedure list named by the words that tell it from its siblings is counted, a code column is no
amount, the text's own statement of a group's count is quoted, and a legal basis is listed with its date.

Real documents, answering at once: Hà Tĩnh's certification procedures 2873/QĐ-UBND (groups "A. Thủ tục hành chính áp
dụng chung" and "B. Thủ tục hành chính thực hiện tại cấp xã", a "Mã TTHC" column of codes such as "2.000942"), Đồng
Nai's 2770/QĐ-UBND (Điều 1 states "- Danh mục thủ tục hành chính cấp xã: 07 TTHC.") and Thanh Hóa's 3617/QĐ-UBND
(its bases "Căn cứ Quyết định số 89/2025/QĐ-UBND ngày 15 tháng 7 năm 2025 …"). Before, a group was named only by every
word of its heading ("hành chính" too), a table with a code column was never counted, and a basis was listed by number
alone ("what is its date?" went unanswered)."""
from .conftest import ROOT, at_once_fixture

FACTS = ROOT / "tests/data/facts"
bot = at_once_fixture("group-counts", FACTS / "e7cd8d423108e103.md", FACTS / "640111ea8077e047.md",
                      FACTS / "0a5a51958af8e293.md")


def test_group_named_by_its_own_words_is_counted(bot):
    ans = bot.ask("Quyết định 2873/QĐ-UBND tỉnh Hà Tĩnh có bao nhiêu thủ tục chứng thực áp dụng chung được sửa đổi?")
    assert ans.found and "nhóm “Thủ tục hành chính áp dụng chung” có 1 mục" in ans.text, ans.text
    # the group counted is cited by its own heading row
    assert any("(dòng nhóm / group row)" in c.locator and "áp dụng" in c.text for c in ans.citations), ans.citations


def test_commune_group_counted_past_the_code_column(bot):
    # "cấp xã": half the words that tell group B from group A ("thực hiện tại cấp xã"), none of A's
    ans = bot.ask("Quyết định 2873/QĐ-UBND tỉnh Hà Tĩnh sửa đổi bao nhiêu thủ tục chứng thực cấp xã?")
    assert ans.found and "nhóm “Thủ tục hành chính thực hiện tại cấp xã” có 11 mục" in ans.text, ans.text


def test_a_group_count_the_text_states_is_quoted(bot):
    ans = bot.ask("Quyết định 2770/QĐ-UBND tỉnh Đồng Nai sửa đổi bao nhiêu thủ tục chứng thực cấp xã?")
    assert ans.found and "07 TTHC" in ans.text and "có 7 mục" in ans.text, ans.text
    assert any("cấp xã: 07 TTHC" in " ".join(c.text.split()) for c in ans.citations), ans.citations


def test_a_basis_is_listed_with_its_date(bot):
    ans = bot.ask("Quyết định 3617/QĐ-UBND của tỉnh Thanh Hóa được ban hành căn cứ những văn bản nào?")
    assert ans.found, ans.text
    assert "Quyết định số 89/2025/QĐ-UBND ngày 15 tháng 7 năm 2025" in ans.text, ans.text
    assert "Nghị định số 118/2025/NĐ-CP ngày 09 tháng 6 năm 2025" in ans.text, ans.text
