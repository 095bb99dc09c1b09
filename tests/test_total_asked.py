"""A procedure's total time asked ("tổng thời gian giải quyết") is its workflow's total row, not a step's
(``lexicon.ASK_TOTAL``: "tổng" before a time or an area asks the total, as "tổng cộng" and "total" do); the
submission a decision was issued on, asked by its number ("trên cơ sở tờ trình số mấy"), is its proposer's sentence
(``lexicon.PROPOSER``, ``SUBMISSION_NUMBER``: the "số mấy" is the submission's, not the decision's). Real document:
Cao Bằng's 2022/QĐ-UBND (``tests/data/facts/8bb6ac57ee7b4c5d.md``: 18 procedures, 17 workflow tables, each ending
"Tổng thời gian giải quyết TTHC"), on which the old code quoted step 5 ("02 ngày làm việc") for the total and the
decision's Điều 1 for the submission."""
import pytest

from assistant.question.question import analyse

from .conftest import ROOT, answering_at_once


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    b = answering_at_once(tmp_path_factory, "total", [ROOT / "tests/data/facts/8bb6ac57ee7b4c5d.md"])
    yield b
    b.close()


@pytest.mark.parametrize("question, total", [
    ("Tổng thời gian giải quyết thủ tục này là bao nhiêu ngày?", True),
    ("Tổng diện tích khu mỏ là bao nhiêu ha?", True),
    ("What is the total processing time?", True),
    ("Tổng mức đầu tư của dự án là bao nhiêu?", False),  # a measure named so, printed in a column or a sentence
    ("Ai tổng hợp báo cáo kết quả thực hiện?", False),
])
def test_a_total_asked(question, total):
    assert analyse(question).asks_total is total


def test_the_total_time_of_a_workflow_is_its_total_row(bot):
    ans = bot.ask("Theo quy trình nội bộ kèm Quyết định 2022/QĐ-UBND của tỉnh Cao Bằng, tổng thời gian giải quyết thủ "
                  "tục thành lập, tổ chức lại, giải thể cơ sở trợ giúp xã hội công lập thuộc UBND cấp tỉnh là bao nhiêu "
                  "ngày làm việc?")
    assert ans.found and "35 ngày làm việc" in ans.text


def test_the_submission_asked_by_its_number(bot):
    ans = bot.ask("Quyết định 2022/QĐ-UBND của tỉnh Cao Bằng được ban hành trên cơ sở tờ trình số mấy của Sở Y tế?")
    assert ans.found and "6514/TTr-SYT" in ans.text
