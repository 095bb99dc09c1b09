"""A last part or a follow-up naming something else in the place of one phrase: "…, and for rural areas?", "và cho
nông thôn?". Before, the chat read such a follow-up as the question before it, unchanged (only a place or a year was
put in), so it answered the urban price again; and a question ending so was read as one question, answered once.

Real document: Đồng Nai's 2026 resource-tax price table, Quyết định 62/2025/QĐ-UBND (``tests/data/pipe_bounds/
f1526a5ac4023b74.md``): "Nước dưới đất (nước ngầm) phục vụ cho đô thị | m3 | 9.000", "… phục vụ cho nông thôn | m3 |
6.100" (checked by hand).
"""
from assistant.question.question import analyse
from assistant.question.wanted import second_half

from .conftest import ROOT, at_once_fixture

DOC = ROOT / "tests/data/pipe_bounds/f1526a5ac4023b74.md"
bot = at_once_fixture("elliptic-follow-up", DOC)
URBAN = "Theo Quyết định 62/2025/QĐ-UBND của Đồng Nai, giá tính thuế nước dưới đất phục vụ cho đô thị là bao nhiêu?"


def test_a_follow_up_puts_its_phrase_in_the_place_of_the_one_before():
    q = analyse("và cho nông thôn?", [URBAN])
    assert q.follow_up and "phục vụ cho nông thôn là bao nhiêu" in q.effective and "đô thị" not in q.effective
    q = analyse("and for each ward?", ["What is the maximum number of staff for each commune?"])
    assert q.effective == "What is the maximum number of staff for each ward?"


def test_a_follow_up_of_a_year_alone_is_read_as_before():
    q = analyse("Còn năm 2025 thì sao?", ["Tỷ lệ hộ nghèo của Kon Tum năm 2030 là bao nhiêu?"])
    assert q.effective == "Tỷ lệ hộ nghèo của Kon Tum năm 2025 là bao nhiêu?"


def test_a_last_part_without_a_question_word_is_a_half():
    q = analyse("What is the price of groundwater for urban areas, and for rural areas?")
    assert second_half(q) == ("What is the price of groundwater for urban areas", "and for rural areas?")
    # a last part asking with its own question word is cut as before, not as a phrase put in
    assert second_half(analyse("What is the price for urban areas, and for what use is it set?"))[1] != \
        "and for what use is it set?"


def test_the_chat_answers_the_follow_up_with_its_own_row(bot):
    first = bot.ask(URBAN)
    assert first.found and "9.000" in first.text, first.text
    ans = bot.ask("và cho nông thôn?", history=[URBAN])
    assert ans.found and "6.100" in ans.text and "9.000" not in ans.text, ans.text


def test_both_halves_are_answered(bot):
    ans = bot.ask("Theo Quyết định 62/2025/QĐ-UBND của Đồng Nai, giá tính thuế nước dưới đất phục vụ cho đô thị là"
                  " bao nhiêu, và cho nông thôn?")
    assert ans.found and "9.000" in ans.text and "6.100" in ans.text, ans.text


def test_a_last_part_asking_again_with_only_a_phrase_is_a_half():
    q = analyse("How many days does the officer have to review the dossier (step B4) when appointing an examiner, and how "
                "many when dismissing one?")
    first, second = second_half(q)
    assert second == "and when dismissing one?", second
    assert analyse(second, [first]).effective.endswith("(step B4) when dismissing one")
    q = analyse("Có bao nhiêu thủ tục ở cấp tỉnh, và bao nhiêu ở cấp xã?")
    assert second_half(q)[1] == "and ở cấp xã?", second_half(q)
    assert analyse("and ở cấp xã?", ["Có bao nhiêu thủ tục ở cấp tỉnh"]).effective == "Có bao nhiêu thủ tục ở cấp xã"
    # the phrase replaced is the question's last whole ("for the Department of Culture and Sports"), not as many words
    assert analyse("and for commune-level People's Committees", [
        "How many procedures does it approve for the Department of Culture and Sports"]).effective == \
        "How many procedures does it approve for commune-level People's Committees"
