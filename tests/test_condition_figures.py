"""A figure the question gives as a condition ("bán kính phục vụ tối đa 15 km") picks the sentence that prints it
among sentences alike ("Bán kính phục vụ tối đa 10 km thì … 500m2", "… 15 km thì … 3000 m2", "… 30 km thì … 5000m2"):
the sentence feature ``given`` (``sentence_choice``), read by ``wanted.condition_figures`` — not a year, a document's
number, a legal place, a date, a form's code or a figure in a name ("Smart Tag 2"). Before, where the list runs over two clauses,
the clause retrieval ranked first was quoted by its first lines (the 0.5–10 km stations' for "15 km"). Real document: Hà Tĩnh's household solid waste rules
74/2025/QĐ-UBND (``tests/data/facts/ac0f18a2d1b4fb56.md``), Điều 8 khoản 2."""
import pytest

from assistant.question.wanted import condition_figures, figures_in

from .conftest import ROOT, at_once_fixture


@pytest.mark.parametrize(("question", "given"), [
    ("Theo Quyết định 74/2025/QĐ-UBND, trạm có bán kính phục vụ tối đa 15 km phải rộng bao nhiêu m2?", {"15 km"}),
    ("Công suất từ 200 m3 đến dưới 500 m3/ngày đêm thì phí bao nhiêu?", {"200 m", "500 m"}),
    ("Theo khoản 2 Điều 8 Quyết định 74/2025/QĐ-UBND, ngày 20/11/2025, ai chịu trách nhiệm?", set()),
    ("On form 03-HS, what is written for a Samsung Smart Tag 2 in 2025?", set()),
])
def test_condition_figures(question, given):
    assert condition_figures(question) == given


def test_figures_in_reads_values_not_powers():
    assert figures_in("Bán kính phục vụ tối đa 01km thì diện tích tối thiểu là 3.000 m2") == {"1", "1 km", "3000", "3000 m"}


def test_the_clause_printing_the_condition_answers():
    """Điều 8 khoản 2 is read as two clauses (its list goes on past the first one's end); retrieval ranks the first (the
    0.5–10 km stations) above the second (15 and 30 km): the question's "15 km" makes its line answer."""
    from assistant.answers import clause
    from assistant.context import Context
    from assistant.evidence import Scored
    from assistant.question.question import analyse
    from index.retriever import Filters
    from ingest.pipeline import load_document

    from .test_answer_strategies import Shelf, coverage_over

    doc = load_document(str(ROOT / "tests/data/facts/ac0f18a2d1b4fb56.md"))

    def holding(words):
        at = doc.text.index(words)
        return next(c for c in doc.chunks if c.start <= at < c.end and c.kind != "row")

    first, second = holding("tối đa 10 km"), holding("tối đa 15 km")
    assert first is not second
    cov = coverage_over({"ht74": doc})
    q = analyse("Theo Quy định quản lý chất thải rắn sinh hoạt của tỉnh Hà Tĩnh (Quyết định 74/2025/QĐ-UBND), trạm "
                "trung chuyển cố định có bán kính phục vụ tối đa 15 km phải có diện tích tối thiểu bao nhiêu m2?")
    ctx = Context(q, Filters(), Shelf([doc]), cov)
    ctx.clauses = [Scored(first, doc, 0.99), Scored(second, doc, 1.07)]  # as retrieval ranked them (every vector)
    ans = clause.answer(ctx, ctx.clauses[0])
    at = doc.text.index("tối đa 15 km")
    assert "3000 m2" in ans.text, ans.text
    assert any(c.start <= at < c.end for c in ans.citations)  # the line quoted is cited by its span


bot = at_once_fixture("condition", ROOT / "tests/data/facts/ac0f18a2d1b4fb56.md")


def test_the_line_of_the_condition_asked_is_quoted(bot):
    ask = ("Theo Quy định quản lý chất thải rắn sinh hoạt của tỉnh Hà Tĩnh (Quyết định 74/2025/QĐ-UBND), trạm trung "
           "chuyển cố định có bán kính phục vụ tối đa {} km phải có diện tích tối thiểu bao nhiêu m2?")
    for km, area in ((10, "500m2"), (15, "3000 m2")):
        ans = bot.ask(ask.format(km))
        assert ans.found and area in ans.text
