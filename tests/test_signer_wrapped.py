"""A signer's name wrapped before its last word is read whole (``meta/signature._wrapped_end``): Vĩnh Long's Quyết
định 2637/QĐ-UBND (``tests/data/facts/741f24db1e774799.md``) prints "**Nguyễn Quỳnh" / "Thiện**" under "PHÓ CHỦ
TỊCH", and was said signed by "Nguyễn Quỳnh"; a cell's closing pipe below a whole name adds nothing."""
from ingest.meta.signature import signature
from ingest.pipeline import load_document

from .conftest import ROOT


def test_a_wrapped_name_is_read_whole():
    doc = load_document(ROOT / "tests/data/facts/741f24db1e774799.md")
    assert doc.meta.signer == "Nguyễn Quỳnh Thiện"
    a, b = doc.meta.signer_span
    assert doc.text[a:b].endswith("Thiện")


def test_a_whole_name_gains_nothing():
    lines = [(0, "KT. CHỦ TỊCH"), (13, "PHÓ CHỦ TỊCH"), (26, "Nguyễn Văn An"), (40, "|"), (42, "Phụ lục")]
    assert signature(lines)[0] == "Nguyễn Văn An"
    del lines[3]  # two words below it are no part of it
    assert signature(lines)[0] == "Nguyễn Văn An"
    lines[2:3] = [(26, "Lê Hải"), (33, "Hòa")]
    assert signature(lines)[0] == "Lê Hải Hòa"
