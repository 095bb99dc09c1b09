"""A stage asked is its years: "trong giai đoạn nào?", "in which period …?" ask the years a task runs (a year is the
answer type, ``lexicon.ASK_YEAR_VI`` / ``ASK_YEAR_EN``), so the sentence printing them is quoted, not the task's
description. Real document: the Prime Minister's Decision 2623/QĐ-TTg with its plan for the personal data protection
law (``tests/data/facts/86367f2ddb2225cd.md``), whose item "6. Xây dựng Cổng thông tin quốc gia về bảo vệ dữ liệu cá
nhân" lists its content, lead agency and "Thời gian thực hiện: năm 2026 - 2027"."""
import pytest

from assistant.question.asked import asked

from .conftest import ROOT, answering_at_once


@pytest.mark.parametrize(("question", "lang"), [
    ("Cổng thông tin quốc gia về bảo vệ dữ liệu cá nhân được xây dựng trong giai đoạn nào?", "vi"),
    ("In which period is the national personal data protection portal to be built?", "en"),
])
def test_a_stage_asks_a_year(question, lang):
    assert asked(question, lang).kind == "year"


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    b = answering_at_once(tmp_path_factory, "stage", [ROOT / "tests/data/facts/86367f2ddb2225cd.md"])
    yield b
    b.close()


def test_the_stage_of_a_task_is_quoted(bot):
    ans = bot.ask("Theo Quyết định 2623/QĐ-TTg, Cổng thông tin quốc gia về bảo vệ dữ liệu cá nhân được xây dựng trong "
                  "giai đoạn nào?")
    assert ans.found and "2026 - 2027" in ans.text
