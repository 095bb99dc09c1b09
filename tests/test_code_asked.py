"""A question asking a code ("mã số nào", "which HS code") is answered by the sentence printing one
(``wanted.wants`` → ``Want("code")``, ``lexicon.STATED_CODE``). Real document: the customs notice 37690/TB-CHQ
(tests/data/pipe_bounds), whose result section names the goods in its first sentences and prints the tariff heading
"8531.80.19" in a later one; beside it Ninh Bình's 165/2025/QĐ-UBND, answering before any vector is made."""

import pytest

from assistant.question import lexicon
from assistant.question.question import analyse
from assistant.question.wanted import Want, held, wants

from .conftest import ROOT, answering_at_once


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    b = answering_at_once(tmp_path_factory, "code", [ROOT / "tests/data/pipe_bounds/a1527cbfa00743d3.md", ROOT / "tests/data/halves/051c596134cabb79.md"])
    yield b
    b.close()


@pytest.mark.parametrize("question", [
    "Thông báo 37690/TB-CHQ xác định trước mã số nào cho mặt hàng Samsung Smart Tag 2?",
    "Which HS code did customs notice 37690/TB-CHQ determine for the Samsung Smart Tag 2?",
])
def test_the_sentence_printing_the_code_is_quoted(bot, question):
    ans = bot.ask(question)
    assert ans.found and "8531.80.19" in ans.text
    assert any("8531.80.19" in c.text for c in ans.citations)


def test_a_code_is_asked_and_printed():
    assert Want("code") in wants(analyse("Thủ tục này có mã số nào?"))
    assert Want("code") in wants(analyse("What procedure code does the decision give?"))
    assert Want("code") not in wants(analyse("Mức phí thẩm định là bao nhiêu?"))
    for printed in ("thuộc phân nhóm 8531.80.19", "Mã TTHC: 1.014445.H13", "QT.ĐCKS.01", "BM.TBYT.01.01"):
        assert held(Want("code"), printed), printed
    for plain in ("TP.HCM", "1.500.000 đồng", "ngày 20/11/2025", "Điều 5.1", "năm 2025."):
        assert not lexicon.STATED_CODE.search(plain), plain
