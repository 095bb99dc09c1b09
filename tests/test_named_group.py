"""A row's group quoted by its kind and number names the row (``answers/table_row.coded``, ``lexicon.NAMED_GROUP``).
Real document: Hà Nội's Nghị quyết 55/2025/NQ-HĐND (``tests/data/cells/02b9be7711f88c70.md``), whose rate tables each
hold rows "Nhóm 1: …" to "Nhóm 7: …" (the officials each rate is for), answering before any vector is made."""
import pytest

from assistant.question import lexicon

from .conftest import ROOT, answering_at_once


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    b = answering_at_once(tmp_path_factory, "named-group", [ROOT / "tests/data/cells/02b9be7711f88c70.md",
                                                            ROOT / "tests/data/cells/d2ab0055765c27e8.md"])
    yield b
    b.close()


def test_two_groups_quoted_get_their_two_rows_of_the_table_asked(bot):
    """The funeral support of "Nhóm 3" and "Nhóm 5": both rows' labels are long lists of posts that share few of the
    question's words, and the question was refused; each is now its group's row of the funeral table."""
    ans = bot.ask("Theo nghị quyết của HĐND TP Hà Nội về mức chi đặc thù, mức hỗ trợ lễ tang cho cán bộ Nhóm 3 và cho "
                  "cán bộ Nhóm 5 lần lượt là bao nhiêu?")
    assert ans.found and "30.000.000 đồng" in ans.text and "15.000.000 đồng" in ans.text
    assert ans.text.index("30.000.000") < ans.text.index("15.000.000")  # in the order asked
    assert all(c.text == c.text.strip() and c.text for c in ans.citations)


def test_a_group_is_its_kind_and_number():
    assert lexicon.NAMED_GROUP.findall("cán bộ Nhóm 3 và Loại II, hạng A, vùng 1") == \
        ["Nhóm 3", "Loại II", "hạng A", "vùng 1"]
    assert lexicon.NAMED_GROUP.findall("nhóm công tác, loại hình, Hạng mục") == []
