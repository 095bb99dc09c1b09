"""A question asking one kind of value twice, each half its own ("… trước ngày nào, còn ngành Giáo dục và Đào tạo
thì trước ngày nào?"): both values quoted, the second from the sibling clause that says whose it is
(``answers/clause._other_half``, ``question/wanted.second_half``). ``tests/data/prose/45fb7c4784bcce3a.md`` is
Quyết định 86/2025/QĐ-UBND of Bắc Ninh (emulation and commendation), copied unchanged from ``../shared/real/docs/``:
its Điều 6 gives the year-end deadline (khoản 2, "trước ngày 10/12 hằng năm") and the education sector's (khoản 3,
"trước ngày 10/7 hằng năm"). ``tests/data/halves/355bcc582867074b.md`` is Nghị định 173/2025/NĐ-CP (contracts for
civil servants' tasks), copied the same way: its Điều 14 gives the ministries' and provinces' report deadline in
khoản 1 ("gửi Bộ Nội vụ trước ngày 15 tháng 12 hằng năm") and the Ministry's own in khoản 3. And a row named by the Vietnamese an English question quotes (``row_evidence.phrase_fit``)."""
from assistant.answers import clause
from assistant.evidence import Scored
from assistant.question.question import analyse
from assistant.question.wanted import second_half
from ingest.pipeline import load_document

from .conftest import ROOT
from .test_answer_strategies import _spans_exact, coverage_over
from .test_sentence_choice import _ctx, _holding

DOC = ROOT / "tests/data/prose/45fb7c4784bcce3a.md"
DECREE = ROOT / "tests/data/halves/355bcc582867074b.md"


def test_the_halves_of_a_question_asking_twice():
    q = analyse("Hồ sơ khen thưởng tổng kết năm phải gửi Sở Nội vụ trước ngày nào, còn ngành Giáo dục thì trước ngày nào?")
    assert second_half(q) == ("Hồ sơ khen thưởng tổng kết năm phải gửi Sở Nội vụ trước ngày nào",
                              " ngành Giáo dục thì trước ngày nào?")
    assert second_half(analyse("Mục tiêu tỷ lệ hộ nghèo và tỷ lệ che phủ rừng đến năm 2030?")) is None
    # the conjunction after a comma is the clause's own, not the one inside a name or a list of subjects
    q = analyse("By what date must ministries and provinces send their reports, and on what date is the ceremony held?")
    assert second_half(q)[1] == " on what date is the ceremony held?"
    assert second_half(analyse("Sở nào chủ trì và hoàn thành trước ngày nào?")) is not None  # two kinds, two halves
    # untyped halves ("bằng hình thức nào", "whose opinion") where a comma marks the second clause, not without one
    q = analyse("UBND tỉnh thông qua quyết định bằng hình thức nào, và quyết định đó có hiệu lực từ khi nào?")
    assert second_half(q) == ("UBND tỉnh thông qua quyết định bằng hình thức nào", " quyết định đó có hiệu lực từ khi nào?")
    q = analyse("Whose opinion does Official Letter 11299/VPCP-KGVX convey, and which submission was it responding to?")
    assert second_half(q)[1] == " which submission was it responding to?"
    assert second_half(analyse("Which gates and which airports does the resolution add?")) is None


def test_each_half_is_answered_from_the_clause_that_says_whose_it_is():
    doc = load_document(str(DOC))
    docs = {"bn86": doc}
    question = ("Ở Bắc Ninh, hồ sơ đề nghị khen thưởng tổng kết năm phải gửi Sở Nội vụ trước ngày nào, còn ngành "
                "Giáo dục và Đào tạo thì trước ngày nào?")
    ctx = _ctx(question, docs, coverage_over(docs))
    education = _holding(doc, "3. Đối với ngành Giáo dục")
    year_end = _holding(doc, "2. Đối với khen thưởng tổng")
    clauses = [education, Scored(year_end.chunk, doc, 0.6)]
    ans = clause.write(ctx, education, [], clauses)
    assert "10/7" in ans.text and "10/12" in ans.text and "tổng kết năm" in ans.text
    assert {c.locator for c in ans.citations} >= {education.chunk.locator, year_end.chunk.locator}
    _spans_exact(ans, docs)


def test_the_other_half_is_looked_for_in_a_clause_found_nearly_as_well():
    doc = load_document(str(DECREE))
    docs = {"nd173": doc}
    question = ("Theo Nghị định 173/2025/NĐ-CP, các bộ, ngành, địa phương gửi báo cáo về việc ký hợp đồng cho Bộ Nội vụ "
                "trước ngày nào hằng năm, và Bộ Nội vụ báo cáo Chính phủ trước ngày nào?")
    ctx = _ctx(question, docs, coverage_over(docs))
    ministry = _holding(doc, "3. Bộ Nội vụ có trách nhiệm hướng dẫn")
    provinces = _holding(doc, "1. Các bộ, ngành, cơ quan trung ương")
    # as retrieval found them for the question in English: the Ministry's clause first, the provinces' below the
    # coverage a clause needs to answer alone (0.5), within CLAUSE_MARGIN of the first
    clauses = [Scored(ministry.chunk, doc, 0.56), Scored(provinces.chunk, doc, 0.44)]
    ans = clause.write(ctx, clauses[0], [], clauses)
    assert "31 tháng 01" in ans.text and "15 tháng 12" in ans.text
    assert provinces.chunk.locator in {c.locator for c in ans.citations}
    _spans_exact(ans, docs)


def test_a_row_holding_the_vietnamese_an_english_question_quotes():
    from assistant import row_evidence
    from ingest.model import RowCell, TableRow

    q = analyse("What is the monthly allowance at commune level for members of election sub-committees and polling "
                "teams (Tiểu ban bầu cử, Tổ bầu cử)?")

    def row(label: str, group: list[str]) -> TableRow:
        return TableRow("d", 1, "Phụ lục", group, None, label, [RowCell("Cấp xã", "2.160.000 đồng/người/tháng", 0, 1)],
                        "rate")

    named = row("Các thành viên Tiểu ban bầu cử, Tổ bầu cử", ["6 Chi bồi dưỡng"])
    under = row("Chi tham gia ý kiến bằng văn bản", ["4 Chi kiểm tra của các Ban bầu cử, Tiểu ban bầu cử, Tổ bầu cử"])
    assert row_evidence.phrase_fit(q, named) == row_evidence.PHRASE_BONUS
    assert row_evidence.phrase_fit(q, under) == 0.0  # the groups above a row do not name it
