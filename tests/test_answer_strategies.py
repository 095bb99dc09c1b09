"""Each way of answering (``assistant/answers/``) on a small hand-made context: real documents (the
shipped plans, ``tests/data/real``, a law fixture), a real lexical index over them for the coverage,
the question read by ``analyse``, and the sources the context holds chosen here by hand — so each
strategy is tested apart from search and scoring."""
import pytest

from assistant.answers import clause, comparison, counts, document_facts, legal_place, table_row
from assistant.context import Context
from assistant.evidence import Coverage, Scored
from assistant.question.question import analyse
from index.lexical import BM25
from index.retriever import Filters
from ingest.pipeline import load_document

from .conftest import AN_GIANG, KON_TUM, ROOT

KNOWN = ["An Giang", "Kon Tum", "Thành phố Hồ Chí Minh", "Cần Thơ"]


class Shelf:
    """Stand-in for ``HybridSearch`` where a strategy reads only the documents and their places (the
    real one needs a vector store built): searching from it fails the test, it must not happen here."""

    def __init__(self, docs):
        self.docs = {d.doc_id: d for d in docs}

    def places_of(self, doc_id: str) -> set[str]:
        province = self.docs[doc_id].meta.province
        return {province} if province else set()

    def has_article(self, doc_id: str, article: str) -> bool:
        from index.shelf import head_of

        return article in head_of(self.docs[doc_id]).articles

    def search(self, *args, **kwargs):
        raise AssertionError("this strategy was given its sources: it must not search")


@pytest.fixture(scope="module")
def docs():
    paths = {"ag": AN_GIANG, "kt": KON_TUM, "tasks": ROOT / "tests/data/real/001c610b2efdcf0c.md",
             "species": ROOT / "tests/data/real/637e9efcc63ab844.md", "law": ROOT / "tests/fixtures/luat_fixture.txt"}
    return {k: load_document(str(p)) for k, p in paths.items()}


def coverage_over(docs) -> Coverage:
    """The coverage of a real lexical index over ``docs`` (a dict of documents)."""
    bm25 = BM25()
    chunks = [c for d in docs.values() for c in d.chunks]
    bm25.add([c.chunk_id for c in chunks], [c.search_text for c in chunks])
    return Coverage(bm25)


@pytest.fixture(scope="module")
def coverage(docs):
    return coverage_over(docs)


def _ctx(question, docs, coverage, **sources):
    ctx = Context(analyse(question, known=KNOWN), Filters(), Shelf(docs.values()), coverage)
    for name, scored in sources.items():
        setattr(ctx, name, scored)
    return ctx


def _row(doc, starts: str) -> Scored:
    chunk = next(c for c in doc.chunks if c.row is not None and c.row.by_year and c.row.label.startswith(starts))
    return Scored(chunk, doc, 1.0)


def _spans_exact(ans, docs):
    by_id = {d.doc_id: d for d in docs.values()}
    for c in ans.citations:
        assert by_id[c.doc_id].text[c.start:c.end] == c.text, c.locator


def test_target_row_gives_the_year_asked_and_the_others(docs, coverage):
    best = _row(docs["ag"], "Tỷ lệ thất nghiệp chung")
    ans = table_row.answer(_ctx("Tỷ lệ thất nghiệp chung của An Giang năm 2025", docs, coverage, targets=[best]), best)
    assert ans.found and "3,5" in ans.text and "2030" in ans.text
    assert "thất nghiệp chung" in ans.citations[0].text
    _spans_exact(ans, docs)
    # a year the row has no target for: not found, naming the years it has
    late = table_row.answer(_ctx("Tỷ lệ thất nghiệp chung của An Giang năm 2040", docs, coverage, targets=[best]), best)
    assert not late.found and "2025" in late.text and "3,5" not in late.text


def test_comparison_sets_one_indicator_of_two_places_side_by_side(docs, coverage):
    rows = [_row(docs["ag"], "Mức giảm tỉ lệ hộ nghèo đa chiều"), _row(docs["kt"], "Mức giảm tỷ lệ hộ nghèo đa chiều")]
    q = "So sánh mức giảm tỷ lệ hộ nghèo đa chiều hàng năm của An Giang và Kon Tum"
    ans = comparison.across_places(_ctx(q, docs, coverage, targets=rows))
    assert ans.found and ans.intent == "compare"
    assert {r[0] for r in ans.table[1:]} >= {"An Giang", "Kon Tum"}
    assert [c.province for c in ans.citations[:2]] == ["An Giang", "Kon Tum"]
    # one place asked: nothing to compare
    one = "So sánh mức giảm tỷ lệ hộ nghèo đa chiều hàng năm của An Giang"
    assert comparison.across_places(_ctx(one, docs, coverage, targets=rows)) is None


def test_table_row_gives_the_columns_asked(docs, coverage):
    doc = docs["tasks"]
    row = next(r for r in doc.rows if r.label.startswith("Tham gia rà soát, đơn giản hóa"))
    chunk = next(c for c in doc.chunks if c.row is row)
    q = ("Cơ quan nào chủ trì nhiệm vụ tham gia rà soát, đơn giản hóa các thủ tục hành chính liên quan đến quy hoạch "
         "và thời gian dự kiến hoàn thành?")
    best = Scored(chunk, doc, 1.0)
    ans = table_row.answer(_ctx(q, docs, coverage, table=[best]), best)
    assert ans.found and "Các sở, ngành, UBND xã, phường, đặc khu" in ans.text and "Quý II/2027" in ans.text
    assert "Kết quả dự kiến" not in ans.text  # a column not asked
    assert "table header" in ans.citations[1].locator  # the header the column names come from
    _spans_exact(ans, docs)


def test_counts_a_named_group_of_a_list(docs, coverage):
    doc = docs["species"]
    animals = [r for r in doc.rows if r.group and r.group[0] == "B Động vật"]
    chunk = next(c for c in doc.chunks if c.row is animals[0])
    q = ("How many animal species are listed in group B (animals) of the invasive alien species list in "
         "Appendix II of Circular 69/2025/TT-BNNMT?")
    ans = counts.answer(_ctx(q, docs, coverage, table=[Scored(chunk, doc, 1.0)]))
    assert ans.found and f"{len(animals)} entries" in ans.text and "Động vật" in ans.text
    assert animals[-1].label in ans.citations[0].text
    _spans_exact(ans, docs)


def test_clause_quotes_the_sentences_that_answer(docs, coverage):
    doc = docs["law"]
    chunk = next(c for c in doc.chunks if c.locator == "Điều 2 › Khoản 2")
    ans = clause.write(_ctx("Khách du lịch gồm những ai?", docs, coverage), Scored(chunk, doc, 1.0), [], [])
    assert ans.found and "Khách du lịch nội địa" in ans.text and ans.intent == "prose"
    assert ans.citations[0].locator == "Điều 2 › Khoản 2"


def test_legal_place_answers_from_exactly_that_place(docs, coverage):
    ans = legal_place.answer(_ctx("Khoản 1 Điều 2 Luật Du lịch quy định gì?", docs, coverage))
    assert ans.found and ans.citations[0].locator == "Điều 2 › Khoản 1"
    assert "kinh doanh du lịch" in ans.text
    assert legal_place.answer(_ctx("Luật Du lịch quy định gì?", docs, coverage)) is None  # no place named


def test_document_facts_quotes_the_signature(docs, coverage):
    ans = document_facts.answer(_ctx("Ai ký kế hoạch của An Giang?", docs, coverage))
    assert ans.found and "Lê Văn Phước" in ans.text and "Lê Văn Phước" in ans.citations[0].text
    assert document_facts.answer(_ctx("Tỷ lệ hộ nghèo của An Giang?", docs, coverage)) is None  # no fact asked


def _clause(doc, locator: str) -> Scored:
    return Scored(next(c for c in doc.chunks if c.locator == locator and c.kind != "row"), doc, 1.0)


@pytest.mark.parametrize("key, locator, question, heading", [
    ("kt", "Mục IV › 1", "Theo kế hoạch của Kon Tum, cơ quan nào chủ trì theo dõi, hướng dẫn, đôn đốc triển khai kế hoạch?",
     "Sở Lao động - Thương binh và Xã hội"),
    ("ag", "Mục IV › 2", "Ở An Giang, sở nào chủ trì triển khai các giải pháp thuộc lĩnh vực thông tin, truyền thông?",
     "Sở Khoa học và Công nghệ"),
    ("ag", "Mục II › 2", "Tầm nhìn đến năm 2045 của An Giang về hệ thống chính sách xã hội là gì?",
     "Tầm nhìn đến năm 2045"),
])
def test_clause_says_its_heading_once_and_apart_from_the_sentence_after_it(docs, coverage, key, locator, question,
                                                                          heading):
    best = _clause(docs[key], locator)
    ans = clause.write(_ctx(question, docs, coverage), best, [], [best])
    assert ans.found and ans.text.count(heading) == 1, ans.text
    quoted = ans.text.split("”: ", 1)[1]  # after the section's name
    assert heading not in quoted and not quoted.startswith("“" + heading.split()[0]), ans.text
    _spans_exact(ans, docs)


def test_a_heading_line_is_its_own_sentence(docs):
    from assistant.sentences import clause_body, split_sentences

    doc = docs["ag"]
    vision = _clause(doc, "Mục II › 2").chunk
    heading, first = split_sentences(clause_body(doc, vision))[:2]
    assert heading == "Tầm nhìn đến năm 2045" and first.startswith("Hệ thống chính sách xã hội")
    # a list item wrapped over lines is one sentence, its first line no heading of its own
    item = _clause(docs["kt"], "Mục III › 3 › a)").chunk
    assert split_sentences(clause_body(docs["kt"], item))[0].startswith("a) Thường xuyên rà soát, kiến nghị cấp có "
                                                                       "thẩm quyền sửa đổi, bổ sung, hoàn thiện")


@pytest.mark.parametrize("question", ["Mục tiêu căn hộ nhà ở xã hội của An Giang năm 2025?",
                                      "An Giang's 2025 target for social housing apartments"])
def test_figures_are_stated_as_the_cited_cell_prints_them(docs, coverage, question):
    best = _row(docs["ag"], "Xây dựng căn hộ nhà ở xã hội")
    assert best.row.value_for(2025).raw == "2,500"  # printed with a comma in the plan
    ans = table_row.answer(_ctx(question, docs, coverage, targets=[best]), best)
    assert ans.found and "2,500 Căn hộ" in ans.text and "6,300 Căn hộ" in ans.text, ans.text
    assert "2.500" not in ans.text and "2,500" in ans.citations[0].text  # the answer's figure is the quote's
    _spans_exact(ans, docs)


def test_an_english_answer_quotes_vietnamese_notation_and_says_how_it_reads(docs, coverage):
    best = _row(docs["kt"], "Phấn đấu xây dựng sàn nhà ở xã hội")
    en = table_row.answer(_ctx("Kon Tum's 2030 target for social housing", docs, coverage, targets=[best]), best)
    assert "221.009 m2 sàn" in en.text and "104.046" in en.text and "Vietnamese notation" in en.text
    assert "221,009" not in en.text and "221.009" in en.citations[0].text


@pytest.mark.parametrize("raw, unit, shown", [
    ("<3,5", "%", "<3,5%"),
    ("> 95 (14 loại vắc xin)", "%", "> 95% (14 loại vắc xin)"),
    ("26,0", "m2 sàn/người", "26,0 m2 sàn/người"),
    ("Bảo đảm", None, "Bảo đảm"),
])
def test_value_text_is_the_cell_as_printed_in_either_language(raw, unit, shown):
    from assistant.compose import value_text
    from ingest.tables.values import parse_value

    v = parse_value(raw, 2025, unit)
    assert value_text(v, unit, "vi") == value_text(v, unit, "en") == shown
