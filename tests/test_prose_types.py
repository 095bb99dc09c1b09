"""The answer type of a level asked ("ở mức nào") and a bare figure that is no date's day or month
(``assistant/question/asked.py``, ``assistant/sentence_types.py``), on a real dispatch whose whole body is one
"Phần mở đầu" (``tests/data/prose``: Công điện 229/CĐ-TTg, copied unchanged from ``../shared/real/docs``); an
article title wrapped below its number read as the article's heading (Quyết định of Thái Nguyên on electrical
safety, the same folder)."""
import pytest

from assistant.answers import clause
from assistant.clause_pieces import pieces_around
from assistant.context import Context
from assistant.evidence import Scored
from assistant.question.asked import asked
from assistant.question.question import analyse
from assistant.question.wanted import Want, wants
from assistant.sentence_types import acting_agency, states
from index.retriever import Filters
from ingest.pipeline import load_document

from .conftest import ROOT
from .test_answer_strategies import Shelf, _spans_exact, coverage_over

CD229 = ROOT / "tests/data/prose/5dbaef1b7c77d06c.md"
ELECTRICAL = ROOT / "tests/data/prose/73a5c09dc805432d.md"  # "**Điều 5.\nTrách nhiệm của Ủy ban nhân dân cấp xã**"


@pytest.fixture(scope="module")
def real():
    doc = load_document(str(CD229))
    return doc, coverage_over({"cd229": doc})


def test_a_level_asked_is_a_figure_asked_in_both_languages():
    assert asked("Công điện yêu cầu phấn đấu tăng trưởng kinh tế cả nước năm 2025 ở mức nào?").kind == "count"
    assert asked("Phí thẩm định được thu theo mức nào?").kind == "count"
    assert asked("At what level does the dispatch set the 2025 growth target?", "en").kind == "count"
    assert not asked("Công điện giao bộ nào chủ trì?")


def test_a_bare_figure_is_not_a_dates_day_or_month():
    figure = Want("count")
    assert not states(figure, "Số: 229/CĐ-TTg Hà Nội, ngày 26 tháng 11 năm 2025")
    assert not states(figure, "báo cáo Thủ tướng Chính phủ trước ngày 30/11/2025.")
    assert states(figure, "trước mắt là phấn đấu tăng trưởng cả nước năm 2025 trên 8%;")
    assert states(figure, "hỗ trợ 26 hộ dân ngày 26 tháng 11 năm 2025")  # the figure beside the date still counts


def test_the_clause_holding_the_level_answers_over_those_found_first(real):
    doc, coverage = real
    q = ("Công điện 229/CĐ-TTg về các đợt thi đua cao điểm cuối năm yêu cầu phấn đấu tăng trưởng kinh tế cả nước "
         "năm 2025 ở mức nào?")
    ctx = Context(analyse(q), Filters(), Shelf([doc]), coverage)

    def holding(words: str, score: float) -> Scored:
        at = doc.text.rindex(words)  # the dispatch's own text, not the site's summary above it
        return Scored(next(c for c in doc.chunks if c.start <= at < c.end and c.kind != "row"), doc, score)

    letterhead = next(c for c in doc.chunks if c.kind == "preamble")  # "Số: 229/CĐ-TTg Hà Nội, ngày 26 …"
    assert "ngày 26 tháng 11" in " ".join(doc.text[letterhead.start:letterhead.end].split())
    # as retrieval ranked them in the tune run: an exhortation, the letterhead with the number and date, the level
    ctx.clauses = [holding("Đồng thời, phát huy tinh thần", 0.45), Scored(letterhead, doc, 0.45),
                   holding("trên 8%", 0.41)]
    assert len({c.chunk.start for c in ctx.clauses}) == 3
    ans = clause.answer(ctx, ctx.clauses[0])
    assert "trên 8%" in ans.text and "ngày 26 tháng 11" not in ans.text, ans.text
    _spans_exact(ans, {"cd229": doc})


def test_an_article_title_wrapped_below_its_number_heads_the_articles_clauses():
    doc = load_document(str(ELECTRICAL))
    at = doc.text.index("2. Chủ trì, phối hợp với chủ")
    chunk = next(c for c in doc.chunks if c.start <= at < c.end and c.kind != "row")
    ps = pieces_around(doc, chunk)
    duty = next(p for p in ps if p.text.startswith("Chủ trì, phối hợp với chủ đầu tư"))
    head = ps[duty.parent]
    assert head.text == "Trách nhiệm của Ủy ban nhân dân cấp xã", head.text  # not the last item of Điều 4 above it
    assert head.rank == 0 and head.parent is None
    assert acting_agency(head.text)  # the body whose duties an article lists acts in them
    assert not acting_agency("phối hợp với Ủy ban nhân dân cấp xã")


def test_a_department_asked_with_an_adjective_is_an_agency_asked():
    q = analyse("Which provincial department guides the compensation and resettlement policy for power grid projects?")
    assert Want("agency") in wants(q)
