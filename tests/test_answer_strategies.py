"""Each way of answering (``assistant/answers/``) on a small hand-made context: real documents (the
shipped plans, ``tests/data/real``, a law fixture), a real lexical index over them for the coverage,
the question read by ``analyse``, and the sources the context holds chosen here by hand — so each
strategy is tested apart from search and scoring."""
import pytest

from assistant.answers import clause, comparison, counts, document_facts, legal_place, table_row, target_row
from assistant.context import Context
from assistant.evidence import Coverage, Scored
from assistant.question import analyse
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

    def search(self, *args, **kwargs):
        raise AssertionError("this strategy was given its sources: it must not search")


@pytest.fixture(scope="module")
def docs():
    paths = {"ag": AN_GIANG, "kt": KON_TUM, "tasks": ROOT / "tests/data/real/001c610b2efdcf0c.md",
             "species": ROOT / "tests/data/real/637e9efcc63ab844.md", "law": ROOT / "tests/fixtures/luat_fixture.txt"}
    return {k: load_document(str(p)) for k, p in paths.items()}


@pytest.fixture(scope="module")
def coverage(docs):
    bm25 = BM25()
    chunks = [c for d in docs.values() for c in d.chunks]
    bm25.add([c.chunk_id for c in chunks], [c.search_text for c in chunks])
    return Coverage(bm25)


def _ctx(question, docs, coverage, **sources):
    ctx = Context(analyse(question, known=KNOWN), Filters(), Shelf(docs.values()), coverage)
    for name, scored in sources.items():
        setattr(ctx, name, scored)
    return ctx


def _row(doc, starts: str) -> Scored:
    chunk = next(c for c in doc.chunks if c.row is not None and c.row.indicator.startswith(starts))
    return Scored(chunk, doc, 1.0)


def _spans_exact(ans, docs):
    by_id = {d.doc_id: d for d in docs.values()}
    for c in ans.citations:
        assert by_id[c.doc_id].text[c.start:c.end] == c.text, c.locator


def test_target_row_gives_the_year_asked_and_the_others(docs, coverage):
    best = _row(docs["ag"], "Tỷ lệ thất nghiệp chung")
    ans = target_row.answer(_ctx("Tỷ lệ thất nghiệp chung của An Giang năm 2025", docs, coverage, rows=[best]), best)
    assert ans.found and "3,5" in ans.text and "2030" in ans.text
    assert "thất nghiệp chung" in ans.citations[0].text
    _spans_exact(ans, docs)
    # a year the row has no target for: not found, naming the years it has
    late = target_row.answer(_ctx("Tỷ lệ thất nghiệp chung của An Giang năm 2040", docs, coverage, rows=[best]), best)
    assert not late.found and "2025" in late.text and "3,5" not in late.text


def test_comparison_sets_one_indicator_of_two_places_side_by_side(docs, coverage):
    rows = [_row(docs["ag"], "Mức giảm tỉ lệ hộ nghèo đa chiều"), _row(docs["kt"], "Mức giảm tỷ lệ hộ nghèo đa chiều")]
    q = "So sánh mức giảm tỷ lệ hộ nghèo đa chiều hàng năm của An Giang và Kon Tum"
    ans = comparison.across_places(_ctx(q, docs, coverage, rows=rows))
    assert ans.found and ans.intent == "compare"
    assert {r[0] for r in ans.table[1:]} >= {"An Giang", "Kon Tum"}
    assert [c.province for c in ans.citations[:2]] == ["An Giang", "Kon Tum"]
    # one place asked: nothing to compare
    one = "So sánh mức giảm tỷ lệ hộ nghèo đa chiều hàng năm của An Giang"
    assert comparison.across_places(_ctx(one, docs, coverage, rows=rows)) is None


def test_table_row_gives_the_columns_asked(docs, coverage):
    doc = docs["tasks"]
    row = next(r for r in doc.table_rows if r.label.startswith("Tham gia rà soát, đơn giản hóa"))
    chunk = next(c for c in doc.chunks if c.table_row is row)
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
    animals = [r for r in doc.table_rows if r.group and r.group[0] == "B Động vật"]
    chunk = next(c for c in doc.chunks if c.table_row is animals[0])
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
