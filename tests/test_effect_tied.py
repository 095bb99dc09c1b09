"""A document in force from the day another act is: its effect clause is found and quoted, not said to be missing.

Real document: Hồ Chí Minh City's decision 2848/QĐ-UBND announcing amended science and technology procedures
(``tests/data/facts/4bda44e45e4f1633.md``): "Quyết định này có hiệu lực thi hành kể từ ngày Nghị định số 262/2025/NĐ-CP
ngày 14 tháng 10 năm 2025 của Chính phủ có hiệu lực." Before, only a date, "ngày ký" or "ngày ban hành" after "có hiệu
lực … từ" made an effect clause (``fact_spans.effect_span``): the question fell to the procedure table and quoted a row.
"""
from assistant import facts
from ingest.pipeline import load_document

from .conftest import ROOT, at_once_fixture

DOC = ROOT / "tests/data/facts/4bda44e45e4f1633.md"
bot = at_once_fixture("effect-tied", DOC)


def test_the_effect_clause_tied_to_a_decree_is_quoted(bot):
    ans = bot.ask("Quyết định 2848/QĐ-UBND của Thành phố Hồ Chí Minh có hiệu lực khi nào?")
    assert ans.found and "kể từ ngày Nghị định số 262/2025/NĐ-CP" in ans.text, ans.text
    assert any("Hiệu lực" in c.locator and "262/2025/NĐ-CP" in c.text for c in ans.citations), ans.citations


def test_in_english_the_clause_is_quoted_in_vietnamese(bot):
    ans = bot.ask("From when is Ho Chi Minh City Decision 2848/QĐ-UBND in force?")
    assert ans.found and "(quoted in Vietnamese)" in ans.text and "262/2025/NĐ-CP" in ans.text, ans.text


def test_a_dated_effect_is_still_read_as_its_date():
    part = facts.part("effective", load_document(ROOT / "tests/data/facts/0a5a51958af8e293.md"), "vi")
    assert part.found and part.text.endswith("có hiệu lực kể từ ngày ký (20/11/2025)."), part.text
