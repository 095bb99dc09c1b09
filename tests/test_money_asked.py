""""bao nhiêu tiền" asks a sum printed in "đồng", and "how much per month" asks an amount by the month, not a number
of months (``asked._units``, ``lexicon.NOT_UNITS``). Read as the unit "tiền" the question held no value of its kind in
any clause (no text prints "700.000 tiền"), so the clause of the support's conditions was quoted over the clause of
its rates. Real document: Hà Nội's Nghị quyết 65/2025/NQ-HĐND (``tests/data/facts/e09bc3b35c473bea.md``)."""
from assistant.question.asked import asked, holds, typed_strongly
from assistant.question.question import analyse
from assistant.question.wanted import held, wants

from .conftest import ROOT, at_once_fixture

HANOI = ROOT / "tests/data/facts/e09bc3b35c473bea.md"
bot = at_once_fixture("money-asked", HANOI)
RATE = "b) Đối với Phó Trưởng Bộ môn: 700.000 đồng/người/tháng."
CONDITION = "a) Được Giám đốc Trung tâm quyết định giao nhiệm vụ là Trưởng bộ môn hoặc Phó Trưởng bộ môn"


def test_how_much_money_is_a_sum_in_dong():
    q = "Phó Trưởng bộ môn thể thao thành tích cao được hỗ trợ bao nhiêu tiền mỗi tháng?"
    what = asked(q)
    assert what.units == ("đồng",) and typed_strongly(what)
    assert holds(what, RATE) and not holds(what, CONDITION)
    parts = wants(analyse(q))
    assert [held(w, RATE) for w in parts] == [True] and [held(w, CONDITION) for w in parts] == [False]


def test_per_month_is_no_number_of_months():
    assert asked("How much per month does a deputy head of a sport get?", "en").units == ()
    assert asked("How much a month is paid?", "en").units == ()
    assert asked("How many days per month?", "en").units == ("ngày",)  # the measure asked comes first


def test_the_rate_clause_answers(bot):
    ans = bot.ask("Theo Nghị quyết 65/2025/NQ-HĐND của HĐND thành phố Hà Nội, Phó Trưởng bộ môn thể thao thành tích "
                  "cao được hỗ trợ bao nhiêu tiền mỗi tháng?")
    assert ans.found and "700.000" in ans.text, ans.text
