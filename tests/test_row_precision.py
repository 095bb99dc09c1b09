"""Two sibling rows alike but for their groups: the words a bracket qualifies a group by do not dilute its row's
precision (``table_scoring``: ``Scored.precision`` read without bracketed qualifications). Real document: Cao Bằng's
Quyết định 1949/QĐ-UBND (``tests/data/facts/55f3a3d0d7e08b45.md``), whose fee table repeats each item under "Cấp giấy
phép khai thác nước mặt, nước biển (đối với các trường hợp quy định tại khoản 2 Điều 15 Nghị định số 54/2024/NĐ-CP …)"
and under "Gia hạn, điều chỉnh giấy phép khai thác nước mặt, nước biển"; answering before any vector is made."""
import pytest

from .conftest import ROOT, answering_at_once


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    b = answering_at_once(tmp_path_factory, "row-precision", [ROOT / "tests/data/facts/55f3a3d0d7e08b45.md"])
    yield b
    b.close()


def test_a_new_permit_is_read_in_the_new_permits_group(bot):
    """Item 7.3 (a new permit) and item 8.3 (an extension) print the same words; the question's "cấp mới" is the
    first group's, whose long bracket made its row the less precise of the two: the extension's fee was answered."""
    ans = bot.ask("Tại Cao Bằng, mức phí khi xin cấp mới giấy phép khai thác nước mặt để phát điện với công suất từ "
                  "200 kW đến dưới 1.000 kW, nộp hồ sơ trực tiếp, là bao nhiêu?")
    assert ans.found and "7.3." in ans.text and "Gia hạn" not in ans.text.split("—")[0]
    assert ans.citations[0].locator.endswith("› 7.3")
