"""A colour and a phone, fax or e-mail asked are parts of their own (``lexicon.ASK_COLOUR`` / ``STATED_COLOUR``,
``ASK_CONTACT`` / ``STATED_CONTACT``): "what colour must the dedicated bags for household hazardous waste be?" asked
no typed value, and a clause on plastic waste was quoted; the clause of the bags, "… bao bì đựng chất thải nguy hại có
màu đen", now answers (Hà Tĩnh's household solid-waste rules 74/2025/QĐ-UBND: qa6-tune ua38, with every vector)."""
from assistant.question.question import analyse
from assistant.question.wanted import Want, held, wants

Q = ("Under Ha Tinh's household solid waste rules (Decision 74/2025/QĐ-UBND), what colour must the dedicated bags for "
     "household hazardous waste be?")


def test_a_colour_or_a_contact_asked_and_stated():
    assert Want("colour") in wants(analyse(Q))
    assert Want("colour") in wants(analyse("Túi đựng chất thải nguy hại có màu gì?"))
    assert Want("contact") in wants(analyse("What phone/fax number does the regulation give for the department?"))
    assert Want("contact") in wants(analyse("Số điện thoại của Phòng Cơ yếu là gì?"))
    assert Want("colour") not in wants(analyse("Mẫu số mấy?")) and Want("contact") not in wants(analyse("Ai ký?"))
    assert Want("colour") not in wants(analyse("Phương án được lập theo mẫu nào?"))  # "mẫu nào" folds as "màu nào"
    assert held(Want("colour"), "chứa trong túi màu đỏ có dán nhãn")
    assert not held(Want("colour"), "Màu sắc của túi do Ủy ban nhân dân xã quy định.")
    assert held(Want("contact"), "Điện thoại: (0229) 3.871.234; Fax: 0229.3871235")
    assert held(Want("contact"), "thư điện tử: vanthu@ninhbinh.gov.vn")
    assert not held(Want("contact"), "Quyết định số 74/2025/QĐ-UBND ngày 14/11/2025")

