"""A form asked by its number is a part of its own (``lexicon.ASK_FORM`` / ``STATED_FORM``, ``wanted.wants``): "… phương
án xử lý tài sản … được lập theo mẫu nào?" asked no typed value, so the clause's first sentence (who approves the plan)
was quoted over the next one, "… lập theo Mẫu số 05-PA …". Real document: Huế's Quyết định 123/2025/QĐ-CTUBND
(``tests/data/facts/e598d95fb5f390a4.md``)."""
from assistant.question.question import analyse
from assistant.question.wanted import Want, held, wants

from .conftest import ROOT, at_once_fixture

bot = at_once_fixture("form-asked", ROOT / "tests/data/facts/e598d95fb5f390a4.md")
Q = ("Theo Quyết định 123/2025/QĐ-CTUBND của thành phố Huế, phương án xử lý tài sản do cơ quan thi hành án dân sự khu "
     "vực chuyển giao được lập theo mẫu nào?")


def test_a_form_asked_and_stated():
    assert wants(analyse(Q)) == [Want("form")]
    assert Want("form") in wants(analyse("Hồ sơ gồm mấy bản và theo mẫu số mấy?"))
    assert Want("form") in wants(analyse("Which form is used to apply for a new official mailbox?"))
    assert Want("form") not in wants(analyse("Which former wards were merged to form the new ward?"))
    assert held(Want("form"), "… lập theo Mẫu số 05-PA quy định tại Phụ lục …")
    assert held(Want("form"), "dùng mẫu 03-HS")
    assert not held(Want("form"), "Phương án xử lý tài sản do Sở Tài chính phê duyệt.")


def test_the_sentence_naming_the_form_is_quoted(bot):
    ans = bot.ask(Q)
    assert ans.found and "05-PA" in ans.text, ans.text
