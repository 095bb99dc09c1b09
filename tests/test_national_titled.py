"""A national document whose title names one province, read for that province; a two-part question whose parts
both find another document than the whole question did; a code quoted naming its row. Real documents (tests/data/national): Cần Thơ's Quyết định
2608/QĐ-UBND (a city's list of procedures) and the Standing Committee's Nghị quyết 1668/NQ-UBTVQH15 arranging Cần
Thơ's communes, answering before any vector is made."""
import doctest

import pytest

import ground.provinces
from assistant import halves
from assistant.answers.document_facts import kind_named
from assistant.question import read as reading
from ground.provinces import title_place
from index.retriever import Filters

from .conftest import ROOT, answering_at_once


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    b = answering_at_once(tmp_path_factory, "national", sorted((ROOT / "tests/data/national").glob("*.md")))
    yield b
    b.close()


def test_the_facts_of_a_resolution_about_the_place_asked(bot):
    """"Nghị quyết … của thành phố Cần Thơ …": the resolution (no province of its own; its title names Cần Thơ) is
    one of Cần Thơ's documents for its facts, and the kind named picks it over the city's own decision."""
    ans = bot.ask("Nghị quyết sắp xếp đơn vị hành chính cấp xã của thành phố Cần Thơ năm 2025 có số hiệu là gì, được "
                  "Ủy ban Thường vụ Quốc hội thông qua ngày nào và ai ký?")
    assert ans.found
    for fact in ("1668/NQ-UBTVQH15", "16 tháng 6 năm 2025", "Trần Thanh Mẫn"):
        assert fact in ans.text
    assert "2608" not in ans.text
    assert ans.citations[0].province == "Cần Thơ"  # cited as the place asked, as a place's own documents are


PARTS = ("Sau sắp xếp đơn vị hành chính năm 2025 ở Cần Thơ, chính quyền cấp xã mới chính thức hoạt động từ ngày nào, "
         "và Chính phủ phải công bố diện tích tự nhiên chính xác trước ngày nào?")


def test_parts_found_in_another_document_replace_the_whole(bot):
    """Each part asked alone quotes the resolution (Điều 2: in operation from 01/7/2025; Điều 3: areas published
    before 30/9/2025): a whole answer read in the city's decision (here: the decision's answer to another question,
    as the vectors once read the whole question) gives way to them."""
    view = bot.live.view
    read = lambda text, before: reading.read(text, view.knowledge, before)  # noqa: E731
    answer = lambda q: view.answerer.answer(q, Filters())  # noqa: E731
    elsewhere = bot.ask("Quyết định 2608/QĐ-UBND của Cần Thơ phê duyệt danh mục thủ tục hành chính nào?")
    assert elsewhere.found
    ans = halves.complete(elsewhere, read(PARTS, []), read, answer)
    assert "01 tháng 7 năm 2025" in ans.text and "30 tháng 9 năm 2025" in ans.text
    assert ans.citations[0].doc_id != elsewhere.citations[0].doc_id
    assert "1668/NQ-UBTVQH15" in ans.citations[0].document
    assert elsewhere.text not in ans.text


def test_a_two_part_question_about_the_place(bot):
    ans = bot.ask(PARTS)
    assert ans.found and "01 tháng 7 năm 2025" in ans.text and "30 tháng 9 năm 2025" in ans.text
    assert {c.doc_id for c in ans.citations[:2]} == {ans.citations[0].doc_id}


@pytest.mark.parametrize("question", [
    "Which procedure carries code 1.014444.H13 in the list attached to Cần Thơ's Decision 2608/QĐ-UBND?",
    # the article approving the list holds nearly every other word of this one (the row alone: "mã", the code)
    "Trong danh mục thủ tục hành chính tiếp nhận và trả kết quả không phụ thuộc địa giới hành chính lĩnh vực khoa học "
    "và công nghệ phê duyệt kèm theo Quyết định 2608/QĐ-UBND, thủ tục nào có mã 1.014444.H13?",
])
def test_a_code_quoted_names_the_row_printing_it(bot, question):
    """Decision 2608's list prints each procedure's code; the row with the code asked answers, however much more
    of the question the article approving the list covers ("list attached to … Decision")."""
    ans = bot.ask(question)
    assert ans.found and "đánh giá kết quả thực hiện nhiệm vụ khoa học, công nghệ và đổi mới sáng tạo" in ans.text
    assert "1.014444.H13" in ans.citations[0].text and ans.citations[0].locator.endswith("› 20")


@pytest.mark.parametrize("question, kind", [
    ("Nghị quyết sắp xếp đơn vị hành chính cấp xã của thành phố Cần Thơ có số hiệu là gì?", "Nghị quyết"),
    ("Which decision of Cần Thơ approved the list, and who signed it?", "Quyết định"),
    ("Văn bản nào quy định mức chi?", None),
])
def test_the_kind_of_document_named(question, kind):
    assert kind_named(question) == kind


def test_a_title_names_one_place_as_a_unit():
    assert title_place("Về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Đồng Nai năm 2025") == "Đồng Nai"
    assert title_place("V/V TẬP TRUNG ỨNG PHÓ LŨ ĐẶC BIỆT LỚN TẠI KHÁNH HÒA, ĐẮK LẮK VÀ GIA LAI") is None
    assert title_place(None) is None
    assert doctest.testmod(ground.provinces).failed == 0


def test_a_quoted_heading_reads_with_single_spaces(bot):
    """The resolution's article title prints "thành phố **Cần Thơ**" with its bold marks on their own, read as
    spaces where the page is quoted (``writing.finish``): the answer says "thành phố Cần Thơ", not five spaces."""
    ans = bot.ask("Under Resolution 1668/NQ-UBTVQH15, which former wards were merged to form the new Ninh Kiều ward "
                  "of Cần Thơ?")
    assert ans.found and "Tân An" in ans.text
    assert "  " not in ans.text.replace("\n", " ")
