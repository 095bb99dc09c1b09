"""A stage asked is its years: "trong giai đoạn nào?", "in which period …?" ask the years a task runs (a year is the
answer type, ``lexicon.ASK_YEAR_VI`` / ``ASK_YEAR_EN``), so the sentence printing them is quoted, not the task's
description. Real document: the Prime Minister's Decision 2623/QĐ-TTg with its plan for the personal data protection
law (``tests/data/facts/86367f2ddb2225cd.md``), whose item "6. Xây dựng Cổng thông tin quốc gia về bảo vệ dữ liệu cá
nhân" lists its content, lead agency and "Thời gian thực hiện: năm 2026 - 2027".

A law's coming into force asked of the decision that names it ("Theo Kế hoạch ban hành kèm Quyết định 2623/QĐ-TTg,
Luật Bảo vệ dữ liệu cá nhân … có hiệu lực từ ngày nào?") is the law's date the plan states ("có hiệu lực thi hành từ
ngày 01 tháng 01 năm 2026"), not the decision's own (``lexicon.OTHER_LAW_EFFECT``)."""
import pytest

from assistant.question.asked import asked
from assistant.question.question import fact_kinds

from .conftest import ROOT, at_once_fixture


@pytest.mark.parametrize(("question", "lang"), [
    ("Cổng thông tin quốc gia về bảo vệ dữ liệu cá nhân được xây dựng trong giai đoạn nào?", "vi"),
    ("In which period is the national personal data protection portal to be built?", "en"),
])
def test_a_stage_asks_a_year(question, lang):
    assert asked(question, lang).kind == "year"


bot = at_once_fixture("stage", ROOT / "tests/data/facts/86367f2ddb2225cd.md")


def test_the_stage_of_a_task_is_quoted(bot):
    ans = bot.ask("Theo Quyết định 2623/QĐ-TTg, Cổng thông tin quốc gia về bảo vệ dữ liệu cá nhân được xây dựng trong "
                  "giai đoạn nào?")
    assert ans.found and "2026 - 2027" in ans.text


@pytest.mark.parametrize("question", [
    "Theo Kế hoạch ban hành kèm Quyết định 2623/QĐ-TTg, Luật Bảo vệ dữ liệu cá nhân bắt đầu có hiệu lực thi hành từ ngày nào?",
    "Under Decision 2623/QĐ-TTg, from what date does the Law on Personal Data Protection take effect?",
])
def test_a_law_in_force_is_asked_of_its_text_not_of_the_decision(question):
    assert "effective" not in fact_kinds(question)  # the law's date, which the plan states (``OTHER_LAW_EFFECT``)


def test_a_document_described_by_its_law_is_asked_its_own_date():
    q = "Nghị định 158/2025/NĐ-CP quy định chi tiết Luật Bảo hiểm xã hội có hiệu lực từ ngày nào?"
    assert fact_kinds(q) == ["effective"]


def test_the_law_named_comes_into_force_when_the_plan_says(bot):
    ans = bot.ask("Theo Kế hoạch ban hành kèm Quyết định 2623/QĐ-TTg, Luật Bảo vệ dữ liệu cá nhân bắt đầu có hiệu lực thi "
                  "hành từ ngày nào?")
    assert ans.found and "01 tháng 01 năm 2026" in ans.text  # not the decision's own "từ ngày ký ban hành"
