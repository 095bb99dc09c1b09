"""A row listed under a category answers which category it is in, and the kinds of area a rate is set by are read in
English. Real document: Huế's tuition resolution 36/2025/NQ-HĐND (``tests/data/facts/3066a06b520a2418.md``): a fee
matrix (Đô thị / Nông thôn / Miền núi × Mầm non … Trung học phổ thông, in 1.000 đồng a month) and an annex listing
the wards and communes under "I Đô thị (21 phường …)", "II Nông thôn (10 xã đồng bằng …)", "III Miền núi (9 xã …)".

- The group a row is listed under is named in its answer without the bracket counting its members
  (``row_writing._group_name``: "Nông thôn", not dropped for the figure "10"), and its citation quotes the group row
  with its bracket closed (``writing.group_citations``).
- "mountainous", "lowland", "island", "highland" are read as "miền núi", "đồng bằng", "hải đảo", "vùng cao" (the
  glossary had rural, urban, disadvantaged and remote areas): the English question was refused.
- Two areas asked "lần lượt" (respectively) are two rows set side by side (``lexicon.COMPARE``), each cited with its
  table's header, which prints the unit the answer repeats (``comparison.two_table_rows``).
- The rows of a group counted, the group's own bracket states their number: it is quoted and cited first, not said to
  be missing (``row_matches.group_total``)."""

from .conftest import ROOT, at_once_fixture

bot = at_once_fixture("area", ROOT / "tests/data/facts/3066a06b520a2418.md")


def test_a_listed_commune_is_answered_with_its_category(bot):
    ans = bot.ask("Theo phụ lục phân loại địa bàn kèm Nghị quyết 36/2025/NQ-HĐND thành phố Huế, xã Chân Mây - Lăng Cô "
                  "được xếp vào loại địa bàn nào để tính học phí?")
    assert ans.found and "Nông thôn" in ans.text and "Chân Mây - Lăng Cô" in ans.text
    assert any(" ".join(c.reading.split()).endswith("Nông thôn (10 xã đồng bằng thuộc thành phố Huế)")
               for c in ans.citations)


def test_the_mountain_fee_asked_in_english(bot):
    ans = bot.ask("Under Huế City's Resolution 36/2025/NQ-HĐND, what is the monthly tuition fee for upper-secondary "
                  "students at public schools in mountainous communes from the 2025–2026 school year?")
    assert ans.found and "100" in ans.text and "Miền núi" in ans.text


def test_two_areas_asked_respectively_are_set_side_by_side(bot):
    ans = bot.ask("Theo Nghị quyết 36/2025/NQ-HĐND của Huế, học phí trung học phổ thông công lập ở địa bàn đô thị và ở "
                  "địa bàn miền núi lần lượt là bao nhiêu mỗi tháng?")
    assert ans.found and "130" in ans.text and "100" in ans.text  # "lần lượt": both rows, not the nearer one
    # each row with its table's header, which prints the unit the answer repeats
    assert any("Đơn vị tính: 1.000 đồng" in " ".join(c.reading.split()) for c in ans.citations)


# the resolution among other documents of the province and elsewhere: a count's words weighed by how many
# documents use them (in the resolution alone, "phường" is in nearly every passage)
bot_among_others = at_once_fixture("area-others", *(ROOT / "tests/data/facts" / name for name in (
    "3066a06b520a2418.md", "8bb6ac57ee7b4c5d.md", "606d5f203dec293b.md", "adf53d885efc1c23.md", "0a97eb9c3c536047.md")))


def test_a_count_is_quoted_from_the_group_stating_it(bot_among_others):
    ans = bot_among_others.ask("Phụ lục của Nghị quyết 36/2025/NQ-HĐND thành phố Huế xếp bao nhiêu phường vào địa bàn "
                               "đô thị?")
    assert ans.found and "21" in ans.text
    assert "không ghi tổng số" not in ans.text  # the group row prints it: "I Đô thị (21 phường …)"
    assert " ".join(ans.citations[0].reading.split()).endswith("Đô thị (21 phường thuộc thành phố Huế)")
