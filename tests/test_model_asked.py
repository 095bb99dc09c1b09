"""A product's model asked is a part of its own (``lexicon.ASK_MODEL`` / ``STATED_MODEL``): "What model number does
Customs Notice 37694/TB-CHQ give for the Huawei Watch Fit 4 with the nylon strap?" asked no typed value, and the
notice's description was quoted over its line "Ký, mã hiệu, chủng loại: SYA-B19" (``tests/data/facts/9c31035f914c937e.md``;
qa7-tune va21 with every vector and at once, qa6-tune ua02 at once)."""
from assistant.question.question import analyse
from assistant.question.wanted import Want, held, wants

Q = "What model number does Customs Notice 37694/TB-CHQ give for the Huawei Watch Fit 4 with the nylon strap?"


def test_a_model_asked_and_stated():
    assert Want("model") in wants(analyse(Q))
    assert Want("model") in wants(analyse("Thiết bị trong Thông báo 37694/TB-CHQ có ký, mã hiệu gì?"))
    assert Want("model") not in wants(analyse("Which ministry issues the model documents for BT projects?"))
    assert held(Want("model"), "Ký, mã hiệu, chủng loại: SYA-B19")
    assert not held(Want("model"), "Tên thương mại: Thiết bị đeo tay thông minh Huawei Watch Fit 4 (phiên bản dây nylon)")

