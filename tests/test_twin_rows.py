"""The same step of two sibling tables — a procedure's workflow for the province and for the commune or ward, each its own
table of one document — is told apart by the words only one of them holds: of the first row found and its twins among
the next two (the same number and name, another table), the one covering the question most answers
(``answering._twins_by_coverage``). "… giải quyết ở cấp phường thì ai phân công thụ lý hồ sơ?" → "Bước 2. Phân công thụ
lý hồ sơ — Lãnh đạo Phòng Kinh tế (đối với xã) hoặc phòng Kinh tế hạ tầng và đô thị (đối với phường)", not the
province's "Lãnh đạo Phòng Quản lý môi trường" that the hand order ranked first with every vector. Twins within one
table (one label under two groups) keep the hand order. Real document: Cao Bằng's 1948/QĐ-UBND
(``tests/data/pipe_bounds/a0079a10826a1d45.md``)."""
from assistant.answering import _twins_by_coverage
from assistant.context import Context
from assistant.evidence import Scored
from assistant.question.question import analyse
from index.retriever import Filters
from ingest.pipeline import load_document

from .conftest import ROOT
from .test_answer_strategies import Shelf, coverage_over

ASKED = ("Theo quy trình nội bộ của Cao Bằng, khi hồ sơ khai, nộp phí bảo vệ môi trường đối với khí thải được giải quyết "
         "ở cấp phường thì ai phân công thụ lý hồ sơ?")


def test_the_wards_twin_of_the_step_answers_for_a_ward():
    doc = load_document(str(ROOT / "tests/data/pipe_bounds/a0079a10826a1d45.md"))
    ctx = Context(analyse(ASKED), Filters(), Shelf([doc]), coverage_over({"cb1948": doc}))
    steps = [c for c in doc.chunks if c.row is not None and c.row.label.startswith("Phân công thụ lý")
             and "khí thải" in _header(doc, c)]  # the emission fee's workflow, for the province and for the commune
    province = next(c for c in steps if "Phòng Quản lý môi trường" in " ".join(c.text.split()))
    ward = next(c for c in steps if "đối với phường" in " ".join(c.text.split()))
    assert province.row.table != ward.row.table
    scored = [Scored(c, doc, ctx.coverage(ctx.terms(), c.text)) for c in (province, ward)]  # the hand order's
    assert scored[1].coverage > scored[0].coverage  # "phường" is the ward's table's alone
    assert _twins_by_coverage(scored)[0] is scored[1]
    same_table = [scored[0], Scored(province, doc, 2.0)]  # twins of one table: the hand order stays
    assert _twins_by_coverage(same_table)[0] is same_table[0]


def _header(doc, chunk) -> str:
    return doc.text[chunk.row.header_span[0]:chunk.row.header_span[1]] if chunk.row.header_span else ""
