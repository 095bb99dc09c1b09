"""Which earlier documents a document replaces, in part, or amends, and which documents a duty names: read as documents.

Real documents, copied unchanged from ``../shared/real/docs``: Hà Tĩnh's Quyết định 3004/QĐ-UBND
(``tests/data/facts/def9c79d006634a4.md``), whose Điều 3 replaces entries of two earlier decisions ("thay thế Danh
mục TTHC có số thứ tự 03, mục A … tại Quyết định số 1620/QĐ-UBND … và Quy trình nội bộ … tại Quyết định số
1794/QĐ-UBND …"); Nghệ An's Kế hoạch 1026/KH-UBND (``tests/data/lists/0a97eb9c3c536047.md``), whose Công an tỉnh
"tham mưu UBND tỉnh sửa đổi, bổ sung hoặc thay thế Quyết định số 15/2021/QĐ-UBND …; Quyết định số 46/2002/QĐ-UBND
…". Both questions were answered with a count of list items ("03 mục — 01; 02; 03", "6 mục" of the police's
duties); measured with every vector: qa3 +1 (qd37), qa4 +1 (rd17), nothing lost on qa2-tune / qa2-check. Cao Bằng's
Quyết định 56/2025/QĐ-UBND (``tests/data/facts/46482d81ac8c4f96.md``) amends the rules "ban hành kèm theo Quyết định số
52/2024/QĐ-UBND"; its grounds cite decrees and laws that amend others ("Căn cứ Nghị định số 226/2025/NĐ-CP … Sửa đổi,
bổ sung …"), which it does not amend: qa3 +1 (qb15)."""
import pytest

from assistant import facts
from assistant.answers.listed import _asks_documents, _items_are_documents
from assistant.enumerations import listings
from assistant.fact_spans import repeal_clauses
from assistant.question.question import analyse
from ingest.pipeline import load_document

from .conftest import ROOT, answering_at_once

DECISION = ROOT / "tests/data/facts/def9c79d006634a4.md"
PLAN = ROOT / "tests/data/lists/0a97eb9c3c536047.md"
AMENDING = ROOT / "tests/data/facts/46482d81ac8c4f96.md"


def test_parts_replaced_of_earlier_decisions_are_read_as_a_partial_replacement():
    doc = load_document(str(DECISION))
    verbs = {verb: refs for verb, _, refs in repeal_clauses(doc)}
    assert verbs["thay thế một phần"] == ["Quyết định số 1620/QĐ-UBND ngày 27/6/2025",
                                          "Quyết định số 1794/QĐ-UBND ngày 09/7/2025"]
    said = facts.part("replaces", doc, "vi")
    assert said.found and "thay thế một phần Quyết định số 1620/QĐ-UBND" in said.text
    assert "replaces part of" in facts.part("replaces", doc, "en").text


def test_what_a_decision_amends_is_read_from_its_title_and_articles_not_from_its_grounds():
    doc = load_document(str(AMENDING))
    said = facts.part("amends", doc, "vi")
    assert said.found and "sửa đổi, bổ sung Quyết định số 52/2024/QĐ-UBND" in said.text
    assert "226/2025" not in said.text and "43/2024" not in said.text  # amending acts its grounds cite
    assert said.text.count("52/2024") == 1  # the title's capitals and the article's words: one document
    assert not facts.part("replaces", doc, "vi").found
    q = analyse("Quyết định 56/2025/QĐ-UBND của Cao Bằng sửa đổi quy định đơn giá bồi thường cây trồng, vật nuôi ban "
                "hành kèm theo quyết định nào, và có hiệu lực từ ngày nào?")
    assert q.facts == ("effective", "amends")
    assert analyse("Which decision does Cao Bang's Decision 56/2025/QĐ-UBND amend?").facts == ("amends",)


def test_replacing_what_of_which_decisions_asks_what_the_document_replaces():
    q = analyse("Quyết định 3004/QĐ-UBND của Chủ tịch UBND tỉnh Hà Tĩnh về TTHC lĩnh vực thiết bị y tế thay thế danh "
                "mục và quy trình nội bộ tại những quyết định nào trước đó?")
    assert q.facts == ("replaces",)
    assert analyse("Quyết định 3004/QĐ-UBND thay thế những quyết định nào?").facts == ("replaces",)
    assert analyse("Quy trình nội bộ tại quyết định này gồm những bước nào?").facts == ()


def test_a_list_of_duties_or_serial_numbers_is_no_list_of_documents():
    assert _asks_documents("quyết định") and _asks_documents("decrees") and not _asks_documents("nhiệm vụ")
    plan = load_document(str(PLAN))
    duties = [x for x in listings(plan) if x.items and "bảo vệ bí mật nhà nước" in plan.text[x.items[0][0]:x.items[-1][1]]]
    assert duties and not any(_items_are_documents(plan, x) for x in duties)


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    b = answering_at_once(tmp_path_factory, "documents-listed", [DECISION, PLAN])
    yield b
    b.close()


def test_which_decisions_a_duty_names_are_quoted_not_counted(bot):
    a = bot.ask("Kế hoạch 1026/KH-UBND của Nghệ An giao Công an tỉnh tham mưu sửa đổi, bổ sung hoặc thay thế những "
                "quyết định nào của UBND tỉnh về bảo vệ bí mật nhà nước?")
    assert a.found and "15/2021/QĐ-UBND" in a.text and "46/2002/QĐ-UBND" in a.text
    assert "mục" not in a.text.split("”")[-1]  # no count of the police's duties after the quote


def test_which_decisions_are_replaced_in_part_is_answered_from_the_article_that_says_so(bot):
    a = bot.ask("Quyết định 3004/QĐ-UBND của Chủ tịch UBND tỉnh Hà Tĩnh về TTHC lĩnh vực thiết bị y tế thay thế danh "
                "mục và quy trình nội bộ tại những quyết định nào trước đó?")
    assert a.found and "1620/QĐ-UBND" in a.text and "1794/QĐ-UBND" in a.text
    assert any("thay thế Danh mục TTHC" in c.text for c in a.citations)
