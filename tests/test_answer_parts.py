"""The fact an answer states is the one the question asks of the cited evidence (issue 20, items 1 and 5),
on real documents copied unchanged from ``../shared/real/docs`` (``tests/data/facts``, ``tests/data/real``):
the value a change leaves, not the value before it or the amount cut; a figure the question gives is its
premise, not its answer; a part asked and not quoted is said to be missing; a row that states nothing
asked gives way to the clause that states it; a figure written in words ("four databases") names its row."""
import pytest

from assistant import row_evidence
from assistant.answers import clause, table_row
from assistant.evidence import Scored
from assistant.question.asked import asked
from assistant.question.question import analyse
from assistant.question.wanted import (
    Want,
    bodies_named,
    duty_subject,
    restates_question,
    same_body,
    stated_values,
    states_before_change,
)
from ingest.pipeline import load_document

from .conftest import ROOT
from .test_answer_strategies import _spans_exact, coverage_over
from .test_sentence_choice import _ctx, _holding

FACTS = ROOT / "tests/data/facts"
DOCS = {"hcm2843": "d8df85cac631ac19.md"}  # Quyết định 2843/QĐ-UBND TP.HCM: a plan simplifying procedures, per
# procedure "Giảm 1,5 ngày so với quy định" / "Thời gian giải quyết theo quy định: 05 ngày" / "Thời gian thực hiện: 3,5 ngày"


@pytest.fixture(scope="module")
def docs():
    return {k: load_document(str(FACTS / name)) for k, name in DOCS.items()}


@pytest.fixture(scope="module")
def coverage(docs):
    return coverage_over(docs)


@pytest.mark.parametrize("question", [
    "Sau khi cắt giảm, thủ tục đăng ký hợp đồng nhận lao động thực tập dưới 90 ngày ở TP.HCM còn bao nhiêu ngày?",
    "After the cut, how many days does Ho Chi Minh City's registration of contracts for interns under 90 days take?",
    # the value before is given by the question: the sentence holding only it is the premise
    "Thời gian đăng ký hợp đồng nhận lao động thực tập dưới 90 ngày tại Sở Nội vụ TP.HCM được rút từ 05 ngày "
    "xuống bao nhiêu ngày?",
])
def test_the_value_a_change_leaves_answers_not_the_value_before_it(docs, coverage, question):
    best = _holding(docs["hcm2843"], "Đăng ký hợp đồng nhận lao động thực tập dưới 90 ngày\n\na. Nội dung cắt")
    ans = clause.write(_ctx(question, docs, coverage), best, [], [best])
    assert "Thời gian thực hiện: 3,5 ngày" in ans.text, ans.text
    assert "theo quy định: 05 ngày" not in ans.text, ans.text
    _spans_exact(ans, docs)


def test_before_and_premise_are_read_from_the_sentence():
    assert states_before_change("- Thời gian giải quyết theo quy định: 07 ngày kể từ ngày Sở Nội vụ tiếp nhận đủ giấy tờ.")
    assert states_before_change("Nội dung cắt giảm, đơn giản hóa: Giảm 02 ngày so với quy định.")
    # the plan form's before / saved lines (Quyết định 2813/QĐ-UBND, ``tests/data/facts/8c306b6991495e34.md``)
    assert states_before_change("Thời gian giải quyết TTHC trước khi đơn giản hóa: 45 ngày.")
    assert states_before_change("Thời gian giải quyết TTHC tiết kiệm: 45 ngày.")
    assert not states_before_change("Thời gian giải quyết TTHC sau khi đơn giản hóa: 0 ngày.")
    # the reason states the cut and what remains: it answers
    assert not states_before_change("b. Lý do: … có thể rút ngắn được 02 ngày còn 5 ngày.")
    assert not states_before_change("- Thời gian thực hiện: 05 ngày kể từ ngày Sở Nội vụ tiếp nhận đủ giấy tờ.")
    assert stated_values(Want("duration", ("ngày",)), "theo quy định: 07 ngày; còn 1,5 ngày") == {"7", "1.5"}
    assert restates_question([Want("duration", ("ngày",))], "theo quy định: 20 ngày làm việc", {"20"})
    assert not restates_question([Want("duration", ("ngày",))], "Thời gian thực hiện: 14 ngày làm việc", {"20"})


REAL = ROOT / "tests/data/real"


@pytest.fixture(scope="module")
def cd228():
    return {"cd228": load_document(str(REAL / "44aeb2fd86d07d4a.md"))}  # Công điện 228/CĐ-TTg: duties, no dates


@pytest.mark.parametrize("question, missing", [
    ("Theo Công điện 228/CĐ-TTg, bộ nào chỉ đạo Bảo hiểm xã hội Việt Nam chi trả kịp thời chế độ bảo hiểm và "
     "phải hoàn thành trước ngày nào?", "Đoạn trích không ghi thời hạn"),
    ("Under Dispatch 228/CĐ-TTg, which ministry directs Vietnam Social Security to pay insurance benefits quickly, "
     "and by what date?", "The quoted passage states no date or deadline"),
])
def test_an_asked_part_the_quote_lacks_is_said_to_be_missing(cd228, question, missing):
    coverage = coverage_over(cd228)
    doc = cd228["cd228"]
    best = _holding(doc, "b) Chỉ đạo Bảo hiểm xã hội Việt Nam")
    ans = clause.write(_ctx(question, cd228, coverage), best, [], [best])
    assert "Bộ Tài chính" in ans.text and missing in ans.text, ans.text
    _spans_exact(ans, cd228)


def test_a_part_the_quote_states_is_not_said_missing(cd228):
    coverage = coverage_over(cd228)
    best = _holding(cd228["cd228"], "b) Chỉ đạo Bảo hiểm xã hội Việt Nam")
    q = "Theo Công điện 228/CĐ-TTg, bộ nào chỉ đạo Bảo hiểm xã hội Việt Nam chi trả kịp thời chế độ bảo hiểm?"
    ans = clause.write(_ctx(q, cd228, coverage), best, [], [best])
    assert "không ghi" not in ans.text, ans.text


def _row(doc, words: str) -> Scored:
    return Scored(next(c for c in doc.chunks if c.row is not None and words in c.row.label), doc, 0.7)


def test_a_row_stating_no_asked_part_gives_way_to_the_clause_stating_it(docs, coverage):
    doc = docs["hcm2843"]
    row = _row(doc, "Đăng ký hợp đồng nhận lao động thực tập dưới 90 ngày")  # the plan's list: a name, no time
    assert not [c for c in row.chunk.row.cells if c.text.strip()]
    block = _holding(doc, "Đăng ký hợp đồng nhận lao động thực tập dưới 90 ngày\n\na. Nội dung cắt")
    q = ("Sau phương án đơn giản hóa, thủ tục đăng ký hợp đồng nhận lao động thực tập dưới 90 ngày tại TP.HCM "
         "còn bao nhiêu thời gian?")
    ctx = _ctx(q, docs, coverage)
    ctx.table, ctx.clauses = [row], [Scored(block.chunk, doc, 0.8)]
    ctx.hits = [ctx.clauses[0]]  # the search's first hit, as the router sees it (the fitted decision reads it)
    ans = table_row.answer(ctx, row)
    assert "3,5 ngày" in ans.text and "không ghi" not in ans.text, ans.text
    assert any("3,5 ngày" in c.text for c in ans.citations)
    _spans_exact(ans, docs)


def test_how_much_time_asks_a_duration():
    assert asked("Thủ tục này còn bao nhiêu thời gian?").kind == "duration"
    assert asked("Thủ tục này được giải quyết trong mấy thời gian?").kind == "duration"


def test_a_figure_written_in_words_names_the_row_holding_it():
    doc = load_document(str(FACTS / "74e2ddc7b11340da.md"))  # Thông báo 624/TB-VPCP: tasks with deadlines
    q = analyse("In the annex of overdue tasks attached to Government Office notice 624/TB-VPCP, what deadline was "
                "set for the Ministry of Health to complete its four health-sector databases?")
    assert q.figures == {"4"}  # the notice's own number is no figure the question quotes
    rows = [Scored(c, doc, 0.8) for c in doc.chunks if c.row is not None and "Bộ Y tế" in c.text]
    four = next(s for s in rows if "hoàn thành 04 CSDL ngành Y tế" in s.chunk.text)
    twelve = next(s for s in rows if "12 CSDL chuyên ngành" in s.chunk.text)
    row_evidence.figure_fit(q.figures, rows)
    assert four.coverage > twelve.coverage


@pytest.mark.parametrize("question, step", [
    ("Trong quy trình nội bộ giải quyết chế độ trợ cấp một lần cho đối tượng đã từ trần tại Sơn La, bước liên thông "
     "lên UBND tỉnh được bố trí bao nhiêu ngày?", True),
    ("Trong quy trình nội bộ, thủ tục giải quyết chế độ trợ cấp một lần cho đối tượng đã từ trần tại Sơn La được "
     "giải quyết trong bao nhiêu ngày?", False),
])
def test_a_step_asked_is_answered_by_its_step_row_not_the_procedure_total(question, step):
    doc = load_document(str(FACTS / "ad52bc0b105a20cd.md"))  # Quyết định 2929/QĐ-UBND Sơn La: procedures, workflows
    docs = {"sonla": doc}
    rows = [c for c in doc.chunks if c.row is not None]
    procedure = next(c for c in rows if c.locator == "Phụ lục I › 2")  # "… (đối tượng đã từ trần) …": 12 days in all
    upward = [c for c in rows if c.row.label.startswith("Liên thông lên UBND tỉnh")][-1]  # its workflow's B5
    ctx = _ctx(question, docs, coverage_over(docs))
    ctx.table = [Scored(procedure, doc, 0.7), Scored(upward, doc, 0.6)]  # as the tune run ranked such rows
    ctx.hits = list(ctx.table)  # and the search (the fitted found decision reads the hits' ranks)
    ans = table_row.answer(ctx, ctx.table[0])
    if step:
        assert "B5. Liên thông lên UBND tỉnh" in ans.text and "04 ngày" in ans.text, ans.text
    else:
        assert "12 ngày" in ans.text and "B5" not in ans.text, ans.text
    _spans_exact(ans, docs)


def test_who_signs_an_approval_in_a_procedure_is_no_question_about_the_signer():
    inside = analyse("Ở Sơn La, ai ký phê duyệt quyết định trợ cấp một lần cho thanh niên xung phong?")
    assert "signer" not in inside.facts and inside.intent != "metadata"
    own = analyse("Ai ký Quyết định 2929/QĐ-UBND của UBND tỉnh Sơn La?")
    assert "signer" in own.facts


def test_a_deadline_is_the_one_of_the_body_asked_about():
    doc = load_document(str(FACTS / "717159673033f644.md"))  # Công văn 4085/UBND-ĐT TP.HCM: a deadline for each body given a task
    docs = {"hcm4085": doc}
    coverage = coverage_over(docs)
    # point 1.1 ("Giao Sở Nông nghiệp …" … "trước ngày 05 tháng 12"), found for the question in the tune run
    # (a dispatch's '1.' points and '1.2.' sub-points are sections: the preamble no longer runs into it)
    first = _holding(doc, "Khẩn trương chia sẻ toàn")
    second = _holding(doc, "công tác rà soát dữ liệu số nhà trên cơ sở Kế hoạch")  # "Giao Ủy ban nhân dân các phường …"
    assert first.chunk is not second.chunk
    q = "Ủy ban nhân dân các phường, xã, đặc khu phải rà soát, làm sạch dữ liệu số nhà đã cấp xong trước ngày nào?"
    ctx = _ctx(q, docs, coverage)
    ctx.clauses = [Scored(first.chunk, doc, 0.76), Scored(second.chunk, doc, 0.76)]  # found alike
    ans = clause.answer(ctx, ctx.clauses[0])
    assert "31 tháng 12 năm 2025" in ans.text and "05 tháng 12" not in ans.text, ans.text
    _spans_exact(ans, docs)
    # the body that shares the data is asked: its own deadline
    q = "Sở Nông nghiệp và Môi trường phải chia sẻ cơ sở dữ liệu đất đai cho các phường, xã trước ngày nào?"
    ctx = _ctx(q, docs, coverage)
    ctx.clauses = [Scored(first.chunk, doc, 0.76), Scored(second.chunk, doc, 0.76)]
    assert "05 tháng 12 năm 2025" in clause.answer(ctx, ctx.clauses[0]).text


def test_a_plan_stating_before_after_and_saved_answers_with_after():
    doc = load_document(str(FACTS / "8c306b6991495e34.md"))  # Quyết định 2813/QĐ-UBND: "trước khi / sau khi đơn
    docs = {"qd2813": doc}  # giản hóa / tiết kiệm" for each procedure (a document no tune question is about)
    best = _holding(doc, "Thời gian giải quyết TTHC sau khi đơn giản hóa")
    q = ("Sau khi đơn giản hóa, thủ tục xác nhận hợp đồng tiếp cận nguồn gen và chia sẻ lợi ích còn bao nhiêu ngày "
         "giải quyết?")
    ans = clause.write(_ctx(q, docs, coverage_over(docs)), best, [], [best])
    assert "sau khi đơn giản hóa: 0 ngày" in ans.text, ans.text
    assert "45 ngày" not in ans.text, ans.text
    _spans_exact(ans, docs)


def test_a_body_named_alike_is_the_same_body():
    asked = bodies_named(analyse("Bộ Y tế phải hoàn thành 04 cơ sở dữ liệu trước ngày nào?"))
    assert same_body(duty_subject("3. Bộ trưởng Bộ Y tế chỉ đạo các đơn vị:"), asked[0])
    assert not same_body(duty_subject("Giao Sở Nông nghiệp và Môi trường khẩn trương chia sẻ dữ liệu"), asked[0])
    assert bodies_named(analyse("Theo Công văn 4085/UBND-ĐT, hạn chót là ngày nào?")) == []  # a number, no body


def test_a_part_the_quoted_sentence_lacks_is_looked_for_in_its_clause_before_it_is_said_missing():
    """Công văn 4085/UBND-ĐT: "- Giao Sở Xây dựng chủ trì … khảo sát …" states who; the deadline stands two
    sentences further in the same clause ("Thời gian hoàn thành trong tháng 12 năm 2025."): it is added, and
    nothing is then said missing."""
    from assistant.answers import clause
    from assistant.context import Context
    from assistant.evidence import Scored
    from assistant.question.question import analyse
    from assistant.sentences import clause_body, split_sentences
    from index.retriever import Filters

    from .test_answer_strategies import Shelf
    from .test_asked_parts import lexical_coverage, real_documents
    docs = real_documents({"letter": "717159673033f644.md"})
    doc = docs["letter"]
    chunk = next(c for c in doc.chunks if c.kind != "row" and any(
        s.startswith("- Giao Sở Xây dựng chủ trì") for s in split_sentences(clause_body(doc, c))))
    q = analyse("Theo Công văn 4085/UBND-ĐT, cơ quan nào chủ trì khảo sát, đánh giá hiện trạng phần mềm đánh số nhà "
                "và thời hạn hoàn thành là khi nào?")
    ctx = Context(q, Filters(doc_ids=[doc.doc_id]), Shelf(docs.values()), lexical_coverage(docs))
    best = Scored(chunk, doc, 0.8)
    said = [next(s for s in split_sentences(clause_body(doc, chunk)) if s.startswith("- Giao Sở Xây dựng chủ trì"))]
    assert clause.unstated(q, said) == ["date"]
    assert clause._parts_elsewhere(ctx, best, said, [best]) == []  # found in the clause cited already
    assert said[-1] == "Thời gian hoàn thành trong tháng 12 năm 2025." and clause.unstated(q, said) == []
