"""A measure asked by what is measured wants a value in its units: a weight ("how much does … weigh", "nặng bao
nhiêu" → g, kg), a size ("what size", "kích thước" → mm, cm), an hour of the day ("khung giờ nào", "what time of day"
→ giờ) (``asked._MEASURED``). Before, "weigh" and "khung giờ" asked no typed value and any sentence of the topic
answered. Real document: Quảng Ninh's forest fire rules 96/2025/QĐ-UBND (``tests/data/facts/adf53d885efc1c23.md``),
whose Điều 10 allows burning "vào chiều tối hoặc sáng sớm (trước 09 giờ 00 phút buổi sáng và sau 16 giờ 00 phút buổi
chiều)" among other rules on burning."""
import pytest

from assistant.question.asked import asked

from .conftest import ROOT, at_once_fixture


@pytest.mark.parametrize(("question", "lang", "unit"), [
    ("According to customs notice 37690/TB-CHQ, how much does one Samsung Smart Tag 2 weigh?", "en", "g"),
    ("Một bộ thẻ nặng khoảng bao nhiêu?", "vi", "kg"),
    ("Under Decision 1760/QĐ-KTNN, what size is the State Auditor card?", "en", "mm"),
    ("Quảng Ninh cho phép đốt xử lý thực bì vào khung giờ nào trong ngày?", "vi", "giờ"),
])
def test_a_measure_asks_its_units(question, lang, unit):
    got = asked(question, lang)
    assert got.kind == "count" and unit in got.units


def test_how_large_asks_no_size():
    assert "mm" not in asked("How large must a loan be, relative to the owner's capital?", "en").units


bot = at_once_fixture("measure", ROOT / "tests/data/facts/adf53d885efc1c23.md")


def test_the_hours_asked_are_quoted(bot):
    ans = bot.ask("Quảng Ninh cho phép đốt xử lý thực bì vào khung giờ nào trong ngày?")
    assert ans.found and "09 giờ" in ans.text and "16 giờ" in ans.text
