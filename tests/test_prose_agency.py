"""An agency question answered by the body that acts, not by one a duty only reports to or consults
(``assistant/sentence_types.py``), and the clause with the clearly better sentence answering over the
one found first (``answers/clause.answering_clause``). Real documents of ``tests/data/real``, questions
of the development set's tune half; every quote cited by its exact span."""
import pytest

from assistant.answers import clause
from assistant.evidence import Scored
from assistant.question.question import analyse
from assistant.question.wanted import Want, held
from assistant.sentence_types import acting_agency, body_asked, states, typed_wants
from ingest.pipeline import load_document

from .test_answer_strategies import _spans_exact, coverage_over
from .test_sentence_choice import DOCS, REAL, _ctx, _holding


@pytest.fixture(scope="module")
def real():
    """The documents of ``test_sentence_choice`` and a lexical index over them."""
    docs = {k: load_document(str(REAL / name)) for k, name in DOCS.items()}
    return docs, coverage_over(docs)


def _line(doc, start: str) -> str:
    """The source's sentence starting with ``start``, its PDF line wraps joined (as the scorer reads it)."""
    at = doc.text.index(start)
    end = min(i for i in (doc.text.find(x, at + len(start)) for x in (".", ";", ":")) if i > 0)
    return " ".join(doc.text[at:end + 1].split())


def test_a_body_acts_where_it_opens_a_duty_or_a_label_not_where_it_is_reported_to(real):
    docs, _ = real
    tod, cd228, vpcp = docs["tod"], docs["cd228"], docs["vpcp"]
    consulted = _line(tod, "4. Cơ quan, đơn vị tổ chức lập quy hoạch khu vực")  # "… góp ý của Sở Quy hoạch …"
    assert held(Want("agency"), consulted) and not acting_agency(consulted)
    assert acting_agency(_line(tod, "a) Cơ quan tổ chức lập quy hoạch: Ban Quản lý"))
    reported_to = _line(vpcp, "2025; báo cáo Phó Thủ")[len("2025; "):]  # "báo cáo Phó Thủ tướng … trước ngày 30 …"
    assert held(Want("agency"), reported_to) and not acting_agency(reported_to)
    leads = _line(cd228, "Bộ Nội vụ theo chức năng")
    assert acting_agency(leads) and acting_agency(leads, ("Bộ",))
    assert not acting_agency("Chủ tịch Ủy ban nhân dân tỉnh chỉ đạo thực hiện.", ("Bộ",))  # another kind of body


def test_the_kind_of_body_asked():
    assert body_asked(analyse("Theo Công điện 228/CĐ-TTg, bộ nào chủ trì chỉ đạo giải quyết bảo hiểm thất nghiệp?")) == ("Bộ",)
    assert body_asked(analyse("Which ministry is told to direct Vietnam Social Security to pay benefits?")) == ("Bộ",)
    assert body_asked(analyse("Sở nào hướng dẫn chính sách bồi thường khi thu hồi đất?")) == ("Sở",)
    assert body_asked(analyse("Cơ quan nào thẩm định quy hoạch phân khu khu vực TOD?")) == ()
    assert Want("agency", ("Bộ",)) in typed_wants(analyse("bộ nào chủ trì chỉ đạo giải quyết bảo hiểm thất nghiệp?"))
    assert not states(Want("agency", ("Bộ",)), "Thủ tướng Chính phủ yêu cầu các địa phương khẩn trương thực hiện.")


def test_the_body_heading_a_task_answers_not_the_one_it_reports_to(real):
    docs, coverage = real
    doc = docs["vpcp"]
    best = _holding(doc, "Nghị quyết số 86/NQ-CP ngày 04")  # in "3.1. Hoàn thiện Kế hoạch cao điểm …"
    q = ("The Government Office's dispatch 11554/VPCP-V.I tasks which minister with finalizing the peak-period plan "
         "against smuggling, trade fraud and counterfeit goods around the 2026 Lunar New Year (Tết Bính Ngọ)?")
    ans = clause.write(_ctx(q, docs, coverage), best, [], [best])
    assert "Bộ trưởng Bộ Tài chính" in ans.text and "Hoàn thiện Kế hoạch cao điểm" in ans.text, ans.text
    quote = ans.text[ans.text.index("(quoted"):]  # after the section's name, if any (a sub-point is named by its title)
    assert quote.index("Bộ trưởng Bộ Tài chính") < quote.index("Hoàn thiện Kế hoạch"), ans.text
    _spans_exact(ans, docs)


@pytest.mark.parametrize("key, first, answering, question, says", [
    # the clause found first names a body that only gives comments; the next one labels who draws the plan
    ("tod", "4. Cơ quan, đơn vị tổ chức lập quy hoạch khu vực", "a) Cơ quan tổ chức lập quy hoạch: Ban Quản lý",
     "Theo Nghị quyết 71/2025/NQ-HĐND của HĐND thành phố Hà Nội về quy hoạch khu vực TOD, đơn vị nào có trách nhiệm "
     "tổ chức lập quy hoạch phân khu cho khu vực TOD?", "Ban Quản lý đường sắt đô thị Hà Nội"),
    # the clause found first is the dispatch's opening (the Prime Minister asks); the ministry is in another
    ("cd228", "Để tiếp tục", "Bộ Nội vụ theo chức năng",
     "Theo Công điện 228/CĐ-TTg về chi trả bảo hiểm cho người dân, doanh nghiệp vùng mưa lũ Trung Bộ, bộ nào chủ trì "
     "chỉ đạo giải quyết quyền lợi bảo hiểm thất nghiệp?", "Bộ Nội vụ"),
])
def test_a_clause_with_a_clearly_better_sentence_answers_over_the_one_found_first(real, key, first, answering,
                                                                                   question, says):
    docs, coverage = real
    doc = docs[key]
    ctx = _ctx(question, docs, coverage)
    found, better = _holding(doc, first), _holding(doc, answering)
    assert found.chunk is not better.chunk
    ctx.clauses = [Scored(found.chunk, doc, 0.5), Scored(better.chunk, doc, 0.5)]  # as retrieval ranked them
    ans = clause.answer(ctx, ctx.clauses[0])
    assert says in ans.text, ans.text
    assert ans.citations[0].start == better.chunk.start
    _spans_exact(ans, docs)
