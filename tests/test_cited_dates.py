"""A date that dates a document cited — by its number, with a spaced hyphen too ("Tờ trình số 127/TTr - HĐQT ngày 30
tháng 9 năm 2025"), or a law by its name ("Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025") — or the letter's
own "Số: … Hà Nội, ngày …" line is no date a question asks (``lexicon.CITED_DATE``, ``LETTER_DATE``); a law's own
coming into force ("Luật này có hiệu lực thi hành kể từ ngày …") still is. Before, a decision's preamble, its citations
dated, answered "from what date do the rates apply" over the article that sets the date. Real document: the Prime
Minister's policy-loan rates 2553/QĐ-TTg (``tests/data/facts/998822f1fee3e8d0.md``)."""
import pytest

from assistant.question.wanted import Want, held


@pytest.mark.parametrize(("text", "date"), [
    ("Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;", False),
    ("Xét đề nghị của Ngân hàng Chính sách xã hội tại Tờ trình số 127/TTr - HĐQT ngày 30 tháng 9 năm 2025", False),
    ("Số: 2553/QĐ-TTg Hà Nội, ngày 21 tháng 11 năm 2025", False),
    ("Bộ luật Dân sự ngày 24 tháng 11 năm 2015", False),
    ("được áp dụng từ ngày 01 tháng 12 năm 2025 đối với các khoản vay còn dư nợ", True),
    ("Luật này có hiệu lực thi hành kể từ ngày 01 tháng 7 năm 2025", True),
    ("Luật Đất đai có hiệu lực từ ngày 01 tháng 8 năm 2024", True),
])
def test_a_date_asked_is_not_a_citations(text, date):
    assert held(Want("date"), text) is date


def test_the_article_setting_the_date_answers(procedure_bot):
    ans = procedure_bot.ask("From what date do the reduced policy-credit lending rates in Decision 2553/QĐ-TTg apply, and to "
                  "which loans?")
    assert ans.found and "01 tháng 12 năm 2025" in ans.text and "còn dư nợ" in ans.text
    assert "Căn cứ" not in ans.text
