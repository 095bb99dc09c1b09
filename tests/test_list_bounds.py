"""A list ends where the document's closing block begins: its recipients are no items of it.

Thông báo 983/TB-CT (Cục Thuế, 21/11/2025; tests/data/lists, saved as crawled) lists the five functions
stopped during the TMS upgrade, then a sentence, then "Nơi nhận:" and seven recipients in the same
"- …" form. "Bao nhiêu chức năng bị dừng" is 5, not 12.
"""
from pathlib import Path

from assistant.enumerations import listings
from ingest.pipeline import load_document

DOC = Path(__file__).parent / "data" / "lists" / "tb983-CT-2025.md"


def test_the_recipients_are_not_counted_with_the_list_above_them():
    doc = load_document(DOC)
    stopped = [lst for lst in listings(doc) if lst.kind == "items" and "tạm dừng ứng dụng" in lst.lead]
    assert len(stopped) == 1, [(lst.lead, lst.count) for lst in listings(doc)]
    assert stopped[0].count == 5
    texts = [doc.text[a:b] for a, b in stopped[0].items]
    assert texts[0].startswith("- Dừng Ứng dụng quản lý thuế tập trung")
    assert not any("Lãnh đạo Cục Thuế" in t or "Lưu VT" in t for t in texts)


def test_the_recipients_are_a_list_of_their_own():
    doc = load_document(DOC)
    closing = doc.text.index("Nơi nhận:")
    assert not any(lst.items[0][0] < closing < lst.items[-1][0] for lst in listings(doc) if lst.items)
