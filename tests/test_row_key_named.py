"""A row named by the value of its key column ("cấp IV" of the row whose "Cấp cháy" cell prints "IV";
``lexicon.NAMED_KEY``, ``answers.table_row.coded``) answers, as a group named by its kind and number does. Quảng Ninh's
forest fire rules (``tests/data/facts/adf53d885efc1c23.md``, Quyết định 96/2025/QĐ-UBND) grade fire danger by the
Angstrom index in a table (Cấp cháy | Chỉ tiêu I | Đặc trưng về cháy rừng); "… chỉ số I nằm trong khoảng nào thì …
là cấp IV?" quoted Điều 4's formula, not the row. Measured with every vector: qa4 +1, tune, check, qa3 unchanged."""
import pytest

from assistant.question import lexicon

from .conftest import ROOT, answering_at_once

RULES = ROOT / "tests/data/facts/adf53d885efc1c23.md"


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    b = answering_at_once(tmp_path_factory, "row-key", [RULES])
    yield b
    b.close()


def test_a_key_value_named():
    assert lexicon.NAMED_KEY.findall("… được xác định là cấp IV?") == [("cấp", "IV")]
    assert lexicon.NAMED_KEY.findall("What does level 3 require?") == [("level", "3")]
    assert lexicon.NAMED_KEY.findall("thủ tục cấp tỉnh và cấp xã") == []  # a level of government, no value


def test_the_row_of_the_level_named_answers(bot):
    got = bot.ask("Ở Quảng Ninh, chỉ số I của Angstrom nằm trong khoảng nào thì cấp dự báo cháy rừng được xác định "
                  "là cấp IV?")
    assert got.found and "1.4 < I <= 2.0" in got.text, got.text
    assert "IV" in got.citations[0].text and "1.4 < I <= 2.0" in got.citations[0].text
