"""The sentence an answer states inside the clause found (``assistant/sentence_choice.py``), on real
documents of ``tests/data/real`` and questions of the development set's tune half: the list's agency
heading a duty, the date sentence beside the task, the "Cơ quan chủ trì" line of the asked task, the
items a lead-in ending with ":" announces. Every quote is cited by its exact span."""
import pytest

from assistant.answers import clause
from assistant.context import Context
from assistant.evidence import Scored
from assistant.question.question import analyse
from assistant.question.wanted import Want, held, label_kind, wants
from assistant.sentence_choice import choose
from index.retriever import Filters
from ingest.pipeline import load_document

from .conftest import ROOT
from .test_answer_strategies import Shelf, _spans_exact, coverage_over

REAL = ROOT / "tests/data/real"
DOCS = {"cd228": "44aeb2fd86d07d4a.md",  # Công điện 228/CĐ-TTg: "1. Bộ Tài chính chủ trì …: a) … b) …"
        "vpcp": "8018a6f353d60a9e.md",  # Công văn 11554/VPCP-V.I: "…; báo cáo … trước ngày 30 tháng 11 năm 2025."
        "laichau": "6a406c1f9dfed9c3.md",  # Kế hoạch 7360/KH-UBND Lai Châu: tasks with "- Cơ quan chủ trì:" lines
        "tod": "58afeb4af978fe53.md",  # Nghị quyết 71/2025/NQ-HĐND Hà Nội: "5. Trách nhiệm …: a) Cơ quan …"
        "karaoke": "9aeb199f5e0aa225.md",  # Quyết định 4422/QĐ-BVHTTDL: the fee clause and the documents cited
        "ht624": "69db23c781b2e9aa.md"}  # Kế hoạch 624/KH-UBND Hà Tĩnh: "2. Sở Nội vụ" over "a) Phối hợp với Sở Giáo dục …"


@pytest.fixture(scope="module")
def docs():
    return {k: load_document(str(REAL / name)) for k, name in DOCS.items()}


@pytest.fixture(scope="module")
def coverage(docs):
    return coverage_over(docs)


def _ctx(question, docs, coverage):
    return Context(analyse(question), Filters(), Shelf(docs.values()), coverage)


def _holding(doc, words: str) -> Scored:
    """The clause holding ``words`` (the one retrieval found for the question in the tune run)."""
    at = doc.text.index(words)
    return Scored(next(c for c in doc.chunks if c.start <= at < c.end and c.kind != "row"), doc, 1.0)


def test_a_duty_is_stated_with_the_agency_heading_its_list(docs, coverage):
    doc = docs["cd228"]
    best = _holding(doc, "b) Chỉ đạo Bảo hiểm xã hội Việt Nam")
    assert "Bộ Tài chính" not in doc.text[best.chunk.start:best.chunk.end]  # the heading is above the clause
    q = ("In Official Dispatch 228/CĐ-TTg on insurance payouts after the central Vietnam floods, which ministry is "
         "told to direct Vietnam Social Security to pay social, unemployment and health insurance benefits quickly?")
    ans = clause.write(_ctx(q, docs, coverage), best, [], [best])
    assert "Bộ Tài chính chủ trì" in ans.text and "Chỉ đạo Bảo hiểm xã hội" in ans.text, ans.text
    assert ans.text.index("Bộ Tài chính") < ans.text.index("Chỉ đạo Bảo hiểm")  # the heading first
    heading = next(c for c in ans.citations if "list heading" in c.locator)
    assert heading.text.startswith("Bộ Tài chính chủ trì") and heading.end <= best.chunk.start
    _spans_exact(ans, docs)


@pytest.mark.parametrize("holding, question", [
    ("a) Phối hợp với Sở Giáo dục và\nĐào tạo kiểm tra",
     "Theo Kế hoạch 624/KH-UBND của tỉnh Hà Tĩnh, sở nào phối hợp với Sở Giáo dục và Đào tạo kiểm tra việc thực hiện "
     "các quy định về dịch vụ giáo dục mầm non cho trẻ em là con công nhân?"),
    ("c) Phối hợp với các đơn vị liên\nquan tăng cường",
     "Hà Tĩnh plan 624/KH-UBND: which department strengthens inspection of the recruitment and treatment of preschool "
     "teachers in urban and industrial areas?"),
])
def test_a_heading_shorter_than_a_sentence_still_heads_its_duties(docs, coverage, holding, question):
    """"2. Sở Nội vụ" is too short to be a sentence of its own (no unit vector is made for it), yet it heads
    the duties a), b), c) below it: without it, the nearest heading above is the previous section's
    "1. Sở Giáo dục và Đào tạo", and the duty was given to the body it is done *with*."""
    doc = docs["ht624"]
    best = _holding(doc, holding)
    ans = clause.write(_ctx(question, docs, coverage), best, [], [best])
    assert "Sở Nội vụ" in ans.text, ans.text
    heading = next((c for c in ans.citations if "list heading" in c.locator), None)
    assert heading is None or heading.text == "Sở Nội vụ", heading
    assert not ans.text.split("“", 2)[-1].startswith("Sở Giáo dục"), ans.text  # not the previous section's head
    _spans_exact(ans, docs)


@pytest.mark.parametrize("key, holding, question, says, not_said", [
    # a deadline question: the sentence with the date, not the task it closes
    ("vpcp", "kết quả trước ngày 30 tháng 11",
     "Công văn 11554/VPCP-V.I năm 2025 yêu cầu báo cáo Thủ tướng kết quả sơ kết 6 tháng thực hiện Chỉ thị 13/CT-TTg về "
     "chống buôn lậu, gian lận thương mại và hàng giả trước ngày nào?",
     ["trước ngày 30 tháng 11 năm 2025"], []),
    # who leads a task: its "Cơ quan chủ trì" line with the task, not its "Thời gian thực hiện" line
    ("laichau", "Phối hợp kiểm tra việc thi hành Luật",
     "Trong Kế hoạch triển khai thi hành Luật sửa đổi, bổ sung một số điều của Luật Tiêu chuẩn và quy chuẩn kỹ thuật "
     "của tỉnh Lai Châu, cơ quan nào chủ trì kiểm tra việc thi hành Luật và các văn bản hướng dẫn?",
     ["Cơ quan chủ trì: Sở Khoa học và Công nghệ", "Phối hợp kiểm tra việc thi hành Luật"], ["Thời gian thực hiện"]),
    # an item chosen by its label and its lead-in, not the other items of the same list
    ("tod", "a) Cơ quan tổ chức lập quy hoạch: Ban Quản lý",
     "Theo Nghị quyết 71/2025/NQ-HĐND của HĐND thành phố Hà Nội về quy hoạch khu vực TOD, đơn vị nào có trách nhiệm "
     "tổ chức lập quy hoạch phân khu cho khu vực TOD?",
     ["Ban Quản lý đường sắt đô thị Hà Nội"], ["Sở Quy hoạch"]),
])
def test_the_sentence_holding_the_asked_fact_is_stated(docs, coverage, key, holding, question, says, not_said):
    best = _holding(docs[key], holding)
    ans = clause.write(_ctx(question, docs, coverage), best, [], [best])
    assert all(s in ans.text for s in says), ans.text
    assert not any(s in ans.text for s in not_said), ans.text
    _spans_exact(ans, docs)


def test_a_year_asked_is_stated_by_the_line_holding_it_not_its_twin_without(docs, coverage):
    # the clause holds two "- Thời gian thực hiện:" lines of two tasks: the one with a year answers
    best = _holding(docs["laichau"], "2026 và các năm tiếp theo")
    q = ("Theo Kế hoạch 7360/KH-UBND của Lai Châu, việc kiểm tra thi hành Luật Tiêu chuẩn và quy chuẩn kỹ thuật "
         "(sửa đổi) được thực hiện từ năm nào?")
    ans = clause.write(_ctx(q, docs, coverage), best, [], [best])
    assert "Năm 2026 và các năm tiếp theo" in ans.text, ans.text
    _spans_exact(ans, docs)


def test_the_clause_stating_the_sum_asked_answers_over_the_one_found_first(docs, coverage):
    doc = docs["karaoke"]
    cited = _holding(doc, "- Thông tư số 110/2025/TT-BTC ngày 19 tháng 11 năm 2025")  # the documents it rests on
    fee = _holding(doc, "1.000.000 đồng/phòng")
    q = ("Theo Quyết định 4422/QĐ-BVHTTDL, phí thẩm định cấp giấy phép kinh doanh karaoke được thu theo mức nào và "
         "tổng mức thu tối đa cho một giấy phép là bao nhiêu?")
    ctx = _ctx(q, docs, coverage)
    ctx.clauses = [Scored(cited.chunk, doc, 0.69), Scored(fee.chunk, doc, 0.53)]  # as retrieval ranked them
    ans = clause.answer(ctx, ctx.clauses[0])
    assert "1.000.000 đồng/phòng" in ans.text and "6.000.000" in ans.text, ans.text
    assert ans.citations[0].start == fee.chunk.start
    _spans_exact(ans, docs)


def test_a_lead_in_brings_the_items_it_announces(docs, coverage):
    doc = docs["tod"]
    best = _holding(doc, "a) Cơ quan tổ chức lập quy hoạch: Ban Quản lý")
    q = "Trách nhiệm tổ chức lập, thẩm định, phê duyệt, điều chỉnh quy hoạch phân khu khu vực TOD được quy định thế nào?"
    ctx = _ctx(q, docs, coverage)
    choice = choose(ctx.q, ctx.terms(keep_years=True), doc, best.chunk, coverage)
    assert choice.texts[0].endswith("khu vực TOD:")
    assert [t[:2] for t in choice.texts[1:]] == ["a)", "b)", "c)"], choice.texts
    for p in choice.pieces:  # each quote is the reading form of its exact span
        assert p.text.split()[-1] in doc.text[p.start:p.end]


def test_the_parts_a_question_asks_for():
    two = analyse("Vòng 1 thi trắc nghiệm có bao nhiêu câu hỏi và thời gian thi bao nhiêu phút?")
    assert wants(two) == [Want("count", ("câu",)), Want("count", ("phút",))]
    assert Want("date") in wants(analyse("UBND các phường phải hoàn thành rà soát trước ngày nào?"))
    assert Want("agency") in wants(analyse("which ministry is told to direct Vietnam Social Security?"))
    assert wants(analyse("Phí thẩm định cấp giấy phép karaoke tối đa là bao nhiêu?")) == [Want("money")]
    en = analyse("how many questions and how much time does the round-one test have?")
    assert [w.kind for w in wants(en)] == ["count", "duration"] and wants(en)[0].units == ("câu",)
    assert wants(analyse("Công chức tự nguyện xin thôi việc được hưởng trợ cấp thôi việc như thế nào?")) == []
    # a date that dates a cited document is no deadline
    assert not held(Want("date"), "sơ kết 6 tháng việc thực hiện Chỉ thị số 13/CT- TTg ngày 17 tháng 5 năm 2025 của")
    assert held(Want("date"), "báo cáo Thủ tướng Chính phủ kết quả trước ngày 30 tháng 11 năm 2025.")
    assert label_kind("- Thời gian thực hiện: Năm 2026 và các năm tiếp theo.") == "date"
    assert label_kind("- Cơ quan chủ trì: Sở Khoa học và Công nghệ") == "agency"


def test_the_procedure_asked_is_read_by_its_words_not_its_syllables(monkeypatch):
    """Quyết định 2843/QĐ-UBND of Thành phố Hồ Chí Minh: one clause holds the cut of "Đăng ký hợp đồng lao động
    trực tiếp giao kết" (3,5 ngày after it) and, under the next heading, that of "Đăng ký Nội quy lao động" (05
    ngày after it, the line just below the clause). The first procedure's sentences hold "nội" and "quy" of the
    question by chance ("Sở Nội vụ", "theo quy định") besides "đăng ký", "lao động"; only the second's hold "nội
    quy" itself (``sentence_choice``'s ``words``). Without that feature the first procedure's time is stated. The
    coverage is that of an index of every real document of tests/data/real and tests/data/facts (its IDF decides)."""
    from assistant import sentence_choice

    shelf = {p.name: load_document(str(p)) for p in sorted([*REAL.glob("*.md"), *(ROOT / "tests/data/facts").glob("*.md")])}
    hcm = shelf["d8df85cac631ac19.md"]
    question = ("Sau phương án cắt giảm, thời gian thực hiện thủ tục đăng ký nội quy lao động ở Thành phố Hồ Chí Minh "
                "là bao nhiêu ngày?")
    best = _holding(hcm, "Đăng ký hợp đồng lao động trực tiếp giao kết")
    assert "Đăng ký Nội quy lao động" in best.chunk.text  # both procedures in the one clause found
    coverage = coverage_over(shelf)
    ans = clause.write(_ctx(question, shelf, coverage), best, [], [best])
    assert "Nội quy lao động" in ans.text and "05 ngày" in ans.text and "3,5" not in ans.text, ans.text
    _spans_exact(ans, shelf)
    monkeypatch.setitem(sentence_choice.WEIGHTS, "words", 0.0)
    without = clause.write(_ctx(question, shelf, coverage), best, [], [best])
    assert "3,5 ngày" in without.text, without.text


def test_a_label_the_question_quotes_is_the_line_stated():
    """Customs notice 37690/TB-CHQ (``tests/data/prose/a1527cbfa00743d3.md``): "… có ký, mã hiệu, chủng loại là gì?"
    quotes the line's label whole; "mã" also reads as a code asked, which the tariff line ("… mã số 8531.80.19")
    states. Over the whole folder the tariff line scored first and the label's line fell below the runner's share
    (``label_quoted`` puts it first there; here, over one document, it is first either way)."""
    from assistant import sentence_choice as sc
    from assistant.evidence import token_set
    doc = load_document(str(ROOT / "tests/data/prose/a1527cbfa00743d3.md"))
    cov = coverage_over({"samsung": doc})
    q = "Mặt hàng Samsung Smart Tag 2 trong Thông báo 37690/TB-CHQ về kết quả xác định trước mã số có ký, mã hiệu, " \
        "chủng loại là gì?"
    best = _holding(doc, "Ký, mã hiệu, chủng loại:\nCD16FSB01W/ESS\n|\nNhà sản xuất")
    ctx = Context(analyse(q), Filters(), Shelf([doc]), cov)
    ps = sc.pieces_around(doc, best.chunk)
    qtoks, want = ctx.terms(keep_years=True), sc.typed_wants(ctx.q)
    words, title = ctx.words(), token_set(doc.meta.title or "")  # as the answer reads them (``clause._choice``)
    quoted = {ps[i].text for i in sc.candidates(ps, 0)
              if sc.features(ctx.q, qtoks, cov, ps, i, "", want, words=words, title=title)["label_quoted"]}
    assert quoted == {"Ký, mã hiệu, chủng loại: CD16FSB01W/ESS"}  # not "Nhà sản xuất: …", whose label is not asked
    assert sc.WEIGHTS["label_quoted"] > 0
    choice = choose(ctx.q, qtoks, doc, best.chunk, cov, words=words)
    assert "Ký, mã hiệu, chủng loại: CD16FSB01W/ESS" in choice.texts


def test_bodies_asked_by_a_plural_are_each_stated():
    """Cao Bằng's Quyết định 56/2025/QĐ-UBND (``tests/data/facts/46482d81ac8c4f96.md``) replaces two phrases, each in
    its own sentence: "which bodies replace …" asks both, and the second sentence, another body, is no contradiction
    of the first (a date or a single body asked keeps one)."""
    from assistant.question.wanted import asks_plural
    doc = load_document(str(ROOT / "tests/data/facts/46482d81ac8c4f96.md"))
    cov = coverage_over({"cb56": doc})
    q = analyse("After Cao Bằng's Decision 56/2025/QĐ-UBND, which bodies replace the district and city People's "
                "Committees and the former Department of Agriculture and Rural Development in the crop and livestock "
                "compensation rules?")
    assert asks_plural(q) and asks_plural(analyse("Những cơ quan nào phối hợp thực hiện?"))
    assert not asks_plural(analyse("Which body replaces the former Department of Agriculture?"))
    best = _holding(doc, "Thay thế cụm từ “Sở Nông nghiệp và Phát triển nông thôn”")
    ctx = Context(q, Filters(), Shelf([doc]), cov)
    choice = choose(q, ctx.terms(keep_years=True), doc, best.chunk, cov, words=ctx.words())
    said = " ".join(choice.texts)
    assert "“Ủy ban nhân dân cấp xã”" in said and "“Sở Nông nghiệp và Môi trường”" in said


def test_a_sentence_too_long_to_quote_whole_is_cut_around_the_value_it_is_quoted_for():
    """Công điện 224/CĐ-TTg (``tests/data/prose/1095764e502a89b8.md``) opens with one 900-character sentence: the
    ceremony's date, "vào ngày 19 tháng 12 năm 2025", comes after two other dates and past the 700 characters a quote
    keeps. The quote keeps the sentence's opening and the stretch that leads to the date asked."""
    from assistant import sentence_choice as sc
    doc = load_document(str(ROOT / "tests/data/prose/1095764e502a89b8.md"))
    cov = coverage_over({"cd224": doc})
    q = analyse("Theo Công điện 224/CĐ-TTg, lễ khánh thành, khởi công trực tuyến trên cả nước được tổ chức vào ngày nào?")
    best = _holding(doc, "ngày 19 tháng 12 năm 2025* nhân kỷ niệm")
    long = next(p for p in sc.pieces_around(doc, best.chunk) if "vào ngày 19 tháng 12 năm 2025" in p.text)
    assert len(long.text) > sc.QUOTE_LIMIT and long.text.index("19 tháng 12") > sc.QUOTE_LIMIT
    ctx = Context(q, Filters(), Shelf([doc]), cov)
    choice = choose(q, ctx.terms(keep_years=True), doc, best.chunk, cov, words=ctx.words())
    quoted = next(t for p, t in zip(choice.pieces, choice.texts, strict=True) if p is long)
    assert "vào ngày 19 tháng 12 năm 2025" in quoted and quoted.startswith(long.text[:60])
    assert len(quoted) <= sc.QUOTE_LIMIT + 10 and " … " in quoted
