"""The committee that verified a resolution's draft is a fact of the document: its opening names the verification
report ("Xét Tờ trình số 421/TTr-UBND …; Báo cáo thẩm tra số 114/BC-BPC … của Ban Pháp chế Hội đồng nhân dân Thành
phố; …"), and "ban nào thẩm tra", "which committee issued the verification report" are answered from it
(``lexicon.VERIFIER``, ``fact_spans.verifier_span``), quoted and cited there. Read in 50 of the 67 pages of
``../shared/real/docs`` that name a "Báo cáo thẩm tra" in their opening; the other 17 use "thẩm tra" elsewhere. Real
document: Hà Nội's Resolution 72/2025/NQ-HĐND (``tests/data/facts/8983091b5c6598d8.md``)."""
import pytest

from assistant.question.question import fact_kinds

from .conftest import ROOT, at_once_fixture


@pytest.mark.parametrize("question", [
    "Which committee of the Hanoi People's Council issued the verification report on the draft of Resolution 72?",
    "Ban nào của HĐND thành phố thẩm tra dự thảo Nghị quyết 72/2025/NQ-HĐND?",
    "Báo cáo thẩm tra dự thảo nghị quyết là của ban nào?",
])
def test_the_verifier_is_asked(question):
    assert "verifier" in fact_kinds(question)


def test_a_bodys_appraisal_duty_is_no_verifier():
    assert "verifier" not in fact_kinds("Which agency appraises the TOD zoning plans under Resolution 71/2025/NQ-HĐND?")


bot = at_once_fixture("verifier", ROOT / "tests/data/facts/8983091b5c6598d8.md")


def test_the_committee_is_quoted_from_the_opening(bot):
    ans = bot.ask("Which committee of the Hanoi People's Council issued the verification (appraisal) report on the draft "
                  "of Resolution 72/2025/NQ-HĐND?")
    assert ans.found and "Ban Pháp chế" in ans.text
    assert any("Báo cáo thẩm tra số 114/BC-BPC" in " ".join(c.reading.split()) for c in ans.citations)
