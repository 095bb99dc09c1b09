"""Sibling groups a question names together are counted together, each group's count and their sum
(``counts.named_groups``): "tổng cộng bao nhiêu thủ tục … (tính cả cấp trung ương và cấp xã)" of a list whose groups are
"I THỦ TỤC HÀNH CHÍNH CẤP TRUNG ƯƠNG" (1 row) and "II THỦ TỤC HÀNH CHÍNH CẤP XÃ" (3 rows, numbered from 1 again) → 4.
Before, two groups named were no group, and the eleven headings of one procedure were counted instead. A total the text
states of them is quoted rather than counted (qa3 qb32: "08 (tám) thủ tục …, trong đó: 02 … cấp tỉnh; 06 … cấp xã").
Real document: the Ministry of Home Affairs' internal procedures 1378/QĐ-BNV (``tests/data/facts/5e4a9784909432f8.md``)."""


def test_sibling_groups_named_together_are_summed(procedure_bot):
    ans = procedure_bot.ask("Quyết định 1378/QĐ-BNV công bố tổng cộng bao nhiêu thủ tục hành chính nội bộ lĩnh vực Tổ chức - "
                  "Biên chế (tính cả cấp trung ương và cấp xã)?")
    assert ans.found and "tổng cộng 4 mục" in ans.text, ans.text
    assert "CẤP TRUNG ƯƠNG”: 1 mục" in ans.text and "CẤP XÃ”: 3 mục" in ans.text
    assert any("giải thể" in c.text for c in ans.citations)  # the last row counted is cited


def test_one_group_named_is_counted_alone(procedure_bot):
    ans = procedure_bot.ask("Quyết định 1378/QĐ-BNV công bố bao nhiêu thủ tục hành chính nội bộ cấp xã lĩnh vực Tổ chức - Biên chế?")
    assert ans.found and "3 mục" in ans.text and "4 mục" not in ans.text, ans.text
