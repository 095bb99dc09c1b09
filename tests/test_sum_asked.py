"""A sum of money asked by a bare "how much / bao nhiêu" (a price, a fee, a rate of pay or support, an investment's
total: ``asked.asks_sum``) is answered by a source stating one (``asked.states_sum``): sources stating a sum are
ordered first and one stating none answers only on the strong evidence a typed value's absence needs
(``found.MISFIT_FOUND``), as for a duration or a count in a named unit. A customs notice classifying a card game
(``tests/data/sums/81eea34d32eed810.md``: tariff heading 95.04, no rate) beside Hà Nội's Party work spending
resolution (``02b9be7711f88c70.md``): "What import duty rate applies …?" was answered with the notice's opening,
now refused. Measured with every vector: qa3 +3 (three unanswerables refused: a duty rate, a compensation unit price,
an investment total), tune, check, qa4 unchanged."""
import pytest

from assistant.question.asked import asked, asks_sum, states_sum

from .conftest import ROOT, answering_at_once

DOCS = [ROOT / "tests/data/sums/81eea34d32eed810.md", ROOT / "tests/data/sums/02b9be7711f88c70.md"]


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    b = answering_at_once(tmp_path_factory, "sum-asked", DOCS)
    yield b
    b.close()


@pytest.mark.parametrize("question, lang, want", [
    ("Đơn giá bồi thường cho một cây bưởi đang cho thu hoạch là bao nhiêu?", "vi", True),
    ("Tổng mức đầu tư của dự án là bao nhiêu?", "vi", True),
    ("What monthly allowance does Hanoi pay the head of the Steering Committee?", "en", True),
    ("How much meal support per delegate per day can a commune Party committee pay?", "en", True),
    ("What import duty rate applies to the cards?", "en", True),
    ("Có bao nhiêu xã tham gia chương trình?", "vi", False),  # a count of things
    ("Phí thẩm định hồ sơ là bao nhiêu đồng?", "vi", False),  # a unit named: typed already ("đồng")
    ("How many procedures does the decision announce?", "en", False),
])
def test_a_sum_asked(question, lang, want):
    assert asks_sum(question, asked(question, lang)) is want


def test_a_sum_stated():
    assert states_sum("Hỗ trợ thêm 75.000 đồng/người/ngày")
    assert states_sum("Huy hiệu 70 năm tuổi Đảng: 8,0 lần mức lương cơ sở")
    assert states_sum("mức chi bằng 50% mức chi xây dựng văn bản mới")
    assert not states_sum("thuộc nhóm 95.04 “Các máy và thiết bị trò chơi …”")
    assert states_sum("3.1 | Lãnh đạo Ban chỉ đạo | Người/tháng | 10", row=True)  # the unit in the table's header
    assert not states_sum("- Hội nghị tổng kết năm của cấp ủy được chi hỗ trợ tiền ăn", row=True)


def test_a_rate_no_source_states_is_refused(bot):
    got = bot.ask("What import duty rate applies to the Magic The Gathering Welcome Deck classified under customs "
                  "notice 39693/TB-CHQ?")
    assert not got.found, got.text
