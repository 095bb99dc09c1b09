"""A long clause cut into pieces is one clause for the part asked (``answers/clause._continued``): customs notice
37694/TB-CHQ (``tests/data/facts/9c31035f914c937e.md``) prints "3. Kết quả xác định trước mã số:", the product's
names, its maker, then "… thuộc nhóm 85.17 …, phân nhóm 8517.62 …, mã số 8517.62.59" — three pieces of one clause
"3". Asked the HS code, the first piece (the names) was quoted alone; the code two pieces on is added, cited."""
from .conftest import ROOT, at_once_fixture

bot = at_once_fixture("continued-clause", ROOT / "tests/data/facts/9c31035f914c937e.md")


def test_the_code_two_pieces_on_is_quoted(bot):
    ans = bot.ask("Theo Thông báo 37694/TB-CHQ của Cục Hải quan, thiết bị đeo tay thông minh Huawei Watch Fit 4 phiên "
                  "bản dây nylon được xác định trước mã số HS nào?")
    assert ans.found and "8517.62.59" in ans.text, ans.text
    holding = [c for c in ans.citations if "8517.62.59" in c.text]
    assert holding and holding[0].locator == "3"


def test_a_piece_stating_the_part_asked_adds_nothing(bot):
    ans = bot.ask("Theo Thông báo 37694/TB-CHQ, ký, mã hiệu, chủng loại của thiết bị là gì?")
    assert ans.found and "SYA-B19" in ans.text, ans.text
    assert "8517.62.59" not in ans.text
