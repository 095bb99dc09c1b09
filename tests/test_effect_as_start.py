"""A time limit counted from the date of effect asks the limit, not the date (``lexicon.EFFECT_AS_START``): "How many
days after Decision 2637/QĐ-UBND takes effect does Vinh Long's Department of Justice have to set up the electronic
workflow …?" was read as a question about the document's date of effect and answered "takes effect from the date of
signing". Real document: Vĩnh Long's Quyết định 2637/QĐ-UBND (``tests/data/facts/741f24db1e774799.md``)."""
from assistant.question.question import analyse, fact_kinds

from .conftest import ROOT, at_once_fixture

bot = at_once_fixture("effect-as-start", ROOT / "tests/data/facts/741f24db1e774799.md")


def test_the_date_of_effect_as_a_starting_point_is_no_fact_asked():
    assert fact_kinds("How many days after Decision 2637/QĐ-UBND takes effect must the Department act?") == []
    assert fact_kinds("Trong bao nhiêu ngày kể từ ngày Quyết định có hiệu lực, Sở Tư pháp phải thiết lập quy trình?") == []
    assert fact_kinds("Kể từ khi Quyết định có hiệu lực, Sở phải hoàn thành trong bao lâu?") == []
    assert fact_kinds("Quyết định 2637/QĐ-UBND có hiệu lực từ ngày nào?") == ["effective"]
    assert fact_kinds("When does Decision 2637/QĐ-UBND take effect?") == ["effective"]


def test_the_time_limit_answers(bot):
    q = ("How many days after Decision 2637/QĐ-UBND takes effect does Vinh Long's Department of Justice have to set up "
         "the electronic workflow for these certification procedures on the provincial system?")
    assert analyse(q).intent != "metadata"
    ans = bot.ask(q)
    assert ans.found and "03 ngày" in ans.text, ans.text
