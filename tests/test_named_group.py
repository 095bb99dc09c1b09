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


def test_a_row_named_by_a_figure_its_table_prints_only_for_siblings_is_not_found(bot):
    """The badge table of Nghị quyết 55/2025/NQ-HĐND pays with the badges of 70, 75, 80, 85 and 90 years; "Huy hiệu 95
    năm tuổi Đảng" names none of its rows, and the 85-year row, the nearest by words, was quoted as its answer."""
    from assistant.scoring import figure_missing
    a = bot.ask("Nghị quyết 55/2025/NQ-HĐND của Hà Nội quy định tiền thưởng kèm Huy hiệu 95 năm tuổi Đảng là bao nhiêu "
                "lần mức lương cơ sở?")
    assert not a.found and "95 năm tuổi" in a.text
    got = bot.ask("Nghị quyết 55/2025/NQ-HĐND của Hà Nội quy định tiền thưởng kèm Huy hiệu 85 năm tuổi Đảng là bao nhiêu "
                  "lần mức lương cơ sở?")
    assert got.found and "20 lần mức lương cơ sở" in got.text
    assert figure_missing("Giáo viên ở trường có 30 lớp thuộc vùng 2 được giảm bao nhiêu tiết?",
                          ["Vùng 1 được giảm 3 tiết"]) is None  # one sibling is no series
    assert figure_missing("phí khoan dưới 3.000 m sâu là bao nhiêu?",  # figures by value: "3.000" is "3000"
                          ["dưới 1.000 m sâu", "dưới 2.000 m sâu", "dưới 3000 m sâu"]) is None
