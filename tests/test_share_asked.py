"""A share asked is a percentage: the sentence stating "70%" answers "what share of the fee …", not the one stating the
fee in đồng. Real document: Huế's tuition resolution 36/2025/NQ-HĐND (``tests/data/facts/3066a06b520a2418.md``), whose
Điều 2 sets the fees ("1. Mức học phí / Đơn vị tính: 1.000 đồng/…") and, in its khoản 4, online classes at "70% mức
học phí".

``wanted.wants`` reads "what share / percentage / proportion", "tỷ lệ … bao nhiêu", "bao nhiêu phần trăm" as a
``Want("share")`` that a sentence holds where it prints a figure with "%" (``lexicon.STATED_SHARE``); before, "share of
the … fee" was read as a sum of money, and the clause stating the fee in đồng was quoted in place of the 70 %."""
import pytest

from assistant.question.question import analyse
from assistant.question.wanted import Want, held, wants

from .conftest import ROOT, at_once_fixture


@pytest.mark.parametrize("question", [
    "If public-school students take their classes online, what share of the regular tuition fee are they charged?",
    "What percentage of the matching funds does the city budget cover?",
    "Tỷ lệ doanh nghiệp nhỏ và vừa ứng dụng công nghệ số đến năm 2030 đạt bao nhiêu?",
    "Ngân sách thành phố đối ứng bao nhiêu phần trăm vốn cho xã A Lưới 3?",
])
def test_a_share_is_asked(question):
    assert Want("share") in wants(analyse(question))
    assert not any(w.kind in ("money", "count") for w in wants(analyse(question)))


def test_a_fee_asked_is_still_a_sum():
    assert wants(analyse("Mức thu lệ phí cấp giấy phép là bao nhiêu?")) == [Want("money")]


def test_a_share_is_held_with_its_percent_sign():
    assert held(Want("share"), "mức học phí đối với cơ sở giáo dục công lập bằng 70% mức học phí")
    assert not held(Want("share"), "Đơn vị tính: 1.000 đồng/trẻ,học sinh/tháng")


bot = at_once_fixture("share", ROOT / "tests/data/facts/3066a06b520a2418.md")


def test_the_online_share_is_quoted_not_the_fee(bot):
    ans = bot.ask("If public-school students in Huế take their classes online, what share of the regular tuition fee "
                  "are they charged under Resolution 36/2025/NQ-HĐND?")
    assert ans.found and "70%" in ans.text
    assert "Đơn vị tính" not in ans.text  # the fee's unit line, quoted for a sum asked
    assert ans.citations[0].locator == "Điều 2 › Khoản 4"
