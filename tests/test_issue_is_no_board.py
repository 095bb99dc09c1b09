"""A heading that opens with "Ban hành …" (to issue), "Phòng, chống …" or "Phòng cháy …" heads no body's duties: the body
words "Ban" and "Phòng" open a verb or a task there (``lexicon.DUTY_HEAD`` / ``DUTY_SUBJECT``). Read as the board "Ban
hành Kế hoạch …", the province's procedure ("1. Ban hành Kế hoạch … phạm vi toàn tỉnh") seemed another body's duties
than the "Chủ tịch UBND cấp tỉnh" the question names, and the commune's sibling procedure answered with its own date.
Real document: the Ministry of Agriculture's procedures 5042/QĐ-BNNMT (``tests/data/facts/1796a553dfee88ef.md``)."""
import pytest

from assistant.question import lexicon


@pytest.mark.parametrize(("line", "heads"), [
    ("1. Ban hành Kế hoạch chuyển đổi cơ cấu cây trồng, vật nuôi trên đất trồng lúa phạm vi toàn tỉnh", False),
    ("Phòng, chống dịch bệnh cho cây trồng", False),
    ("1. Ban Quản lý dự án đầu tư xây dựng chủ trì:", True),
    ("Giao UBND tỉnh chủ trì, phối hợp:", True),
    ("b) Phòng Kinh tế chủ trì", True),
])
def test_a_body_heads_duties_a_verb_does_not(line, heads):
    assert bool(lexicon.DUTY_HEAD.match(line)) is heads
    assert bool(lexicon.DUTY_SUBJECT.match(line)) is heads


def test_the_province_procedures_deadline_answers(procedure_bot):
    ans = procedure_bot.ask("Theo Quyết định 5042/QĐ-BNNMT, Chủ tịch UBND cấp tỉnh phải ban hành Kế hoạch chuyển đổi cơ cấu cây "
                  "trồng, vật nuôi trên đất trồng lúa phạm vi toàn tỉnh trước ngày nào?")
    assert ans.found and "30 tháng 11" in ans.text
    assert "30 tháng 12" not in ans.text  # the commune's plan's date
