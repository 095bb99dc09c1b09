"""Counts and lists read from a document's structure (``assistant.enumerations``, ``answers.listed``,
``answers.row_matches``): an inline list of names, numbered items under a heading, a numbered series of
forms, a total the text states, and the rows of a table that match — on real documents of
``tests/data/facts`` (saved web pages, unchanged)."""
import pytest

from assistant.answers import counts, listed
from assistant.context import Context
from assistant.enumerations import listings
from assistant.evidence import Scored
from assistant.question.question import analyse
from index.retriever import Filters

from .test_answer_strategies import Shelf
from .test_asked_parts import lexical_coverage, real_documents

FILES = {"cd228": "44aeb2fd86d07d4a.md",  # Công điện 228/CĐ-TTg: nine provinces named inline
         "decree25": "389276e8dae699ce.md",  # Nghị định 25/2025/NĐ-CP: "Điều 3. Cơ cấu tổ chức", 1.–22.
         "circular56": "e13e31ece6a27b0d.md",  # Thông tư 56/2025/TT-BCT: Mẫu số 01 … Mẫu số 10
         "cao_bang": "55f3a3d0d7e08b45.md",  # Quyết định 1949/QĐ-UBND: "+ Một phần: 10 TTHC.", a procedure table
         "hcm": "d8df85cac631ac19.md",  # Quyết định 2843/QĐ-UBND: four "… cho thuê lại lao động" procedures
         "tasks": "../real/001c610b2efdcf0c.md",  # Quyết định 2820/QĐ-UBND: tasks with "Cơ quan chủ trì / phối hợp"
         "cfs": "817cf0e3de96bc43.md",  # Quyết định 2969/QĐ-UBND: two procedures' workflows, the same steps
         "son_la": "ad52bc0b105a20cd.md",
         "ha_tinh": "../procedures/6e205b75bcc588b5.md"}  # Quyết định 2913/QĐ-UBND: "… 08 (tám) thủ tục …"  # Quyết định 2929/QĐ-UBND: "06 danh mục thủ tục", a table of 6 procedures  # Quyết định 2969/QĐ-UBND: two procedures' workflows, the same steps  # Quyết định 2820/QĐ-UBND: tasks with "Cơ quan chủ trì / phối hợp"


@pytest.fixture(scope="module")
def docs():
    return real_documents(FILES)


coverage = pytest.fixture(scope="module", name="coverage")(lexical_coverage)  # over these documents


def _ask(question, doc, docs, coverage, table=()):
    ctx = Context(analyse(question), Filters(doc_ids=[doc.doc_id]), Shelf(docs.values()), coverage)
    ctx.table = list(table)
    ans = counts.answer(ctx)
    for c in (ans.citations if ans else []):
        assert doc.text[c.start:c.end] == c.text
    return ans


def _texts(doc, listing):
    return [doc.text[a:b] for a, b in listing.items]


def test_lists_are_read_from_the_structure(docs):
    got = listings(docs["cd228"])
    inline = [x for x in got if x.kind == "inline" and "tỉnh, thành phố" in x.lead]
    assert inline and all(x.count == 9 for x in inline)
    assert _texts(docs["cd228"], inline[0])[0] == "Hà Tĩnh" and _texts(docs["cd228"], inline[0])[-1] == "Lâm Đồng"
    units = next(x for x in listings(docs["decree25"]) if x.kind == "items" and x.lead == "Cơ cấu tổ chức")
    assert units.count == 22 and _texts(docs["decree25"], units)[-1] == "22. Báo Dân trí."
    forms = next(x for x in listings(docs["circular56"]) if x.kind == "series")
    assert forms.count == 10 and "BIỂU MẪU" in forms.lead
    online = next(x for x in listings(docs["cao_bang"]) if x.kind == "stated" and "Một phần" in x.lead)
    assert online.count == 10 and online.lead.startswith("Dịch vụ công trực tuyến Cấp tỉnh")


def test_a_count_announced_a_few_words_after_its_verb_is_read(docs):
    """"Công bố kèm theo Quyết định này Danh mục và Quy trình nội bộ 08 (tám) thủ tục hành chính nội bộ (trong đó: 02
    … cấp tỉnh; 06 … cấp xã)": the count stands five words after "Quyết định này" (``ANNOUNCE_GAP``); measured: qa3 +1,
    qa2-check +1, no other answer of tune, check, qa3, qa4 changed."""
    doc = docs["ha_tinh"]
    got = [x for x in listings(doc) if x.kind == "announced" and x.total == 8]
    assert got and " ".join(got[0].lead.split()).startswith("thủ tục hành chính")
    a, b = got[0].total_span
    assert "02 TTHC nội bộ cấp tỉnh; 06 TTHC nội bộ cấp xã" in " ".join(doc.text[a:b].split())


@pytest.mark.parametrize("key, question, count, cited", [
    ("cd228", "Công điện 228/CĐ-TTg được gửi tới Chủ tịch UBND của bao nhiêu tỉnh, thành phố?", "9",
     "Hà Tĩnh, Quảng Trị, Huế, Đà Nẵng"),
    ("decree25", "Theo Nghị định 25/2025/NĐ-CP, cơ cấu tổ chức của Bộ Nội vụ gồm tất cả bao nhiêu đơn vị?", "22",
     "22. Báo Dân trí."),
    ("circular56", "Phụ lục kèm theo Thông tư 56/2025/TT-BCT đưa ra tổng cộng bao nhiêu biểu mẫu văn bản dùng trong "
     "hoạt động kiểm tra chuyên ngành Công Thương?", "10", "Mẫu số 10"),
    ("cao_bang", "Có bao nhiêu thủ tục cấp tỉnh được cung cấp dịch vụ công trực tuyến một phần?", "10",
     "Một phần: 10 TTHC"),
    ("cao_bang", "Quyết định 1949/QĐ-UBND công bố bao nhiêu thủ tục hành chính cấp xã?", "01",
     "THỦ TỤC HÀNH CHÍNH CẤP XÃ (01 TTHC)"),  # a heading's bracketed total, quoted as printed
])
def test_a_count_is_stated_with_its_items_cited(docs, coverage, key, question, count, cited):
    ans = _ask(question, docs[key], docs, coverage)
    assert ans is not None and ans.found and f" {count} " in f" {ans.text} ".replace(".", " ")
    assert any(cited in " ".join(c.text.split()) for c in ans.citations)


def test_an_amount_asked_is_not_counted(docs, coverage):
    assert listed.counted_noun("thương binh được cộng bao nhiêu điểm ưu tiên?") == ""
    assert listed.counted_noun("đạt tỷ lệ bao nhiêu trong năm 2025?") == ""
    assert listed.counted_noun("lấy tổng cộng bao nhiêu mẫu để quan trắc?") == ""  # samples: a table's amount
    assert listed.counted_noun("đưa ra bao nhiêu biểu mẫu?") == "biểu mẫu"  # forms: items of a list
    assert _ask("Công điện 228/CĐ-TTg yêu cầu chi trả bảo hiểm trong bao nhiêu ngày?", docs["cd228"], docs,
                coverage) is None


def test_what_an_english_how_many_counts_is_read_past_the_place_that_owns_it():
    """"how many of Cần Thơ's commune-level units …" counts units, not "Cần Thơ" (no list of it was found, and the
    units the resolution states, "08 đơn vị hành chính cấp xã không thực hiện sắp xếp", were never asked for)."""
    assert listed.counted_noun("Under Resolution 1668/NQ-UBTVQH15, how many of Cần Thơ's commune-level units were left "
                               "as they were, and which of them is a ward?") == "units"
    assert listed.counted_noun("How many of Hanoi's wards were merged?") == "wards"
    assert listed.counted_noun("How many housing-sector internal procedures were announced?") == "procedures"


def _table(doc, number, rank=0):
    """Row ``number`` of the document's ``rank``-th table that has rows (0: the first data table)."""
    table = list(dict.fromkeys(r.table for r in doc.rows))[rank]
    row = next(r for r in doc.rows if r.number == number and r.table == table)
    return Scored(next(c for c in doc.chunks if c.row is row), doc, 0.8)


def test_the_rows_that_hold_what_is_named_are_counted_and_each_cited(docs, coverage):
    doc = docs["hcm"]
    ans = _ask("In the list attached to Ho Chi Minh City's Decision 2843/QĐ-UBND, how many of the procedures deal "
               "with licences for labour sub-leasing (cho thuê lại lao động)?", doc, docs, coverage,
               table=[_table(doc, "28")])
    assert ans is not None and "4 matching rows" in ans.text
    rows = [c for c in ans.citations if "table header" not in c.locator]
    assert len(rows) == 4 and any("Thu hồi giấy phép hoạt động" in c.text for c in rows)


def test_rows_below_a_figure_in_the_column_printed_in_that_unit(docs, coverage):
    doc = docs["cao_bang"]
    q = "Những thủ tục nào có thời hạn giải quyết dưới 10 ngày?"
    assert listed.asks_list(analyse(q)) and not listed.asks_list(analyse("Những bộ nào được giao nhiệm vụ này?"))
    ans = _ask(q, doc, docs, coverage, table=[_table(doc, "3")])
    assert ans is not None and "3 dòng khớp" in ans.text
    assert all(("08 ngày" in c.text or "07 ngày" in c.text) for c in ans.citations if "tiêu đề" not in c.locator)


def test_the_tasks_an_agency_leads_are_listed_from_the_lead_column(docs, coverage):
    doc = docs["tasks"]
    q = "Những nhiệm vụ nào Trung tâm Chuyển đổi số Thành phố chủ trì?"
    first = _table(doc, "1")
    ans = _ask(q, doc, docs, coverage, table=[first])
    led = [r for r in doc.rows if r.table == first.chunk.row.table and any(c.header == "Cơ quan chủ trì" and "Trung tâm Chuyển đổi số"
                                                             in " ".join(c.text.split()) for c in r.cells)]
    assert ans is not None and f"{len(led)} dòng khớp" in ans.text and len(led) >= 2
    rows = [c for c in ans.citations if "tiêu đề" not in c.locator]
    assert all(any(r.label.split()[0] in c.text for r in led) for c in rows)  # not the row naming it as funder


def test_an_english_question_quoting_vietnamese_reads_no_unit_from_it():
    from assistant.question.asked import asked
    # folded, "lao động" holds "dong": no sum of money is asked
    q = "how many of the procedures deal with licences for labour sub-leasing (cho thuê lại lao động)?"
    assert asked(q, "en").units == ()
    assert asked("How much is the fee in VND?", "en").units == ("đồng",)


def test_an_english_count_counts_the_plural_its_phrase_ends_on():
    assert listed.counted_noun("how many housing-sector internal procedures ceased to be effective?") == "procedures"
    assert listed.counted_noun("how many of the procedures deal with licences") == "procedures"
    assert listed.counted_noun("How many animal species are listed in group B?") == "species"
    assert listed.counted_noun("how many working days does it take?") == ""  # an amount, not things


def test_an_english_count_of_which_of_a_set_counts_the_set():
    """"Of the projects registered …, how many are inaugurations": the set named before is what is counted (the
    text states "198 dự án, công trình (trong đó 73 dự án khánh thành và 125 dự án khởi công)"); measured: qa3 +1
    with every vector and at once, no other answer of tune, check, qa3, qa4 changed."""
    assert listed.counted_noun("Of the projects registered under Dispatch 224, how many are inaugurations and how "
                               "many are groundbreakings?") == "projects"
    assert listed.counted_noun("Among the 40 procedures, how many are provincial-level?") == "procedures"


def test_rows_named_by_a_phrase_the_question_quotes_with_the_document_named(docs, coverage):
    """An English question whose own words cover the best row only in part (0.45 < FOUND_ROW) counts the rows
    of the document it names by the Vietnamese phrase it quotes, and says the figure is counted."""
    from assistant.answers import row_matches
    doc = docs["hcm"]
    assert row_matches.quoted_phrases("licences for labour sub-leasing (cho thuê lại lao động)") == \
        ["cho thue lai lao dong"]
    best = _table(doc, "28")
    ans = _ask("In Decision 2843/QĐ-UBND, how many of the procedures deal with licences for labour sub-leasing "
               "(cho thuê lại lao động)?", doc, docs, coverage, table=[Scored(best.chunk, doc, 0.45)])
    assert ans is not None and "4 matching rows (counted from the cited rows" in ans.text
    ctx = Context(analyse("Quyết định này có bao nhiêu thủ tục cho thuê lại lao động?"), Filters(), Shelf(docs.values()),
                  coverage)
    ctx.table = [Scored(best.chunk, doc, 0.45)]
    assert row_matches.answer(ctx) is None  # neither named nor found to answer: too little of it is covered


def test_a_table_of_other_things_is_not_counted(docs, coverage):
    """ "How many courses …" of a table of tasks: a row states how many courses, the rows are not them."""
    ans = _ask("How many courses (Bình dân học vụ) are listed?", docs["tasks"], docs, coverage,
               table=[_table(docs["tasks"], "1")])
    assert ans is None or "matching rows" not in ans.text


def test_a_condition_on_cells_holds_in_an_english_question_about_the_document_named(docs, coverage):
    """ "Which procedures … take less than 10 days": the rows are picked by their cells, so a table row covering
    the English words only in part (0.3) still answers in the document the question names."""
    doc = docs["cao_bang"]
    best = _table(doc, "3")
    ans = _ask("Which procedures in Decision 1949/QĐ-UBND take less than 10 days to process?", doc, docs, coverage,
               table=[Scored(best.chunk, doc, 0.3)])
    assert ans is not None and "3 matching rows" in ans.text
    assert all(("08 ngày" in c.text or "07 ngày" in c.text) for c in ans.citations if "header" not in c.locator)


def test_a_whole_table_is_counted_by_its_row_numbers(docs, coverage):
    """ "Bao nhiêu nhiệm vụ": no row singled out, the caption covers the question: the rows are counted by their
    numbers — restarting at 1 under each group here (4 + 3 + 6 + 4 + 3 + 5, the unnumbered continued cells
    aside), so the figure is said counted; one run 1 … n would be the last row's number, cited first."""
    from assistant.answers import row_matches
    doc = docs["tasks"]
    first = _table(doc, "1")
    rows = [r for r in doc.rows if r.table == first.chunk.row.table]
    assert row_matches._numbered_count(rows) == (25, False)
    assert row_matches._numbered_count(rows[:4]) == (4, True)
    caption = first.chunk.row.caption.split(" › ")[-1]
    ans = _ask(f"{caption} gồm bao nhiêu nhiệm vụ?", doc, docs, coverage, table=[first])
    assert ans is not None and "có 25 dòng (đếm từ số thứ tự của từng nhóm" in ans.text


def test_the_same_step_of_two_procedures_is_answered_for_both(docs, coverage):
    """One step asked "ở thủ tục cấp mới … và ở thủ tục sửa đổi, bổ sung/cấp lại": the step's row in each
    procedure's workflow table, both cited with their headers, and which value is larger said in words."""
    from assistant.answers import comparison
    from assistant.question.asked import asks_twice, direction_text
    doc = docs["cfs"]
    q = ("Trong quy trình nội bộ kèm Quyết định 2969/QĐ-UBND, khâu chuyên viên thụ lý, xử lý hồ sơ được bố trí bao "
         "lâu ở thủ tục cấp mới CFS và bao lâu ở thủ tục sửa đổi, bổ sung/cấp lại CFS?")
    assert asks_twice(q) and not asks_twice("Khâu chuyên viên thụ lý được bố trí bao lâu?")
    step = next(r for r in doc.rows if any("Chuyên viên thụ lý" in c.text for c in r.cells)
                and any("1,5 ngày" in c.text for c in r.cells))
    ctx = Context(analyse(q), Filters(doc_ids=[doc.doc_id]), Shelf(docs.values()), coverage)
    ctx.table = [Scored(next(c for c in doc.chunks if c.row is step), doc, 0.9)]
    ctx.hits = [ctx.table[0]]
    ans = comparison.same_row_two_tables(ctx)
    assert ans is not None and "01 ngày" in ans.text and "1,5 ngày" in ans.text
    assert ans.text.index("01 ngày") < ans.text.index("1,5 ngày")  # in the document's order
    assert "So sánh: 01 ngày nhỏ hơn 1,5 ngày." in ans.text
    assert sum("header" not in c.locator for c in ans.citations) == 2
    for c in ans.citations:
        assert doc.text[c.start:c.end] == c.text
    assert direction_text("800.000", "800.000 đồng", "vi") == ""  # not one unit: nothing compared
    assert direction_text("1.400.000", "700.000", "en") == " Compared: 1.400.000 is more than 700.000."


def test_a_total_a_sentence_announces_is_read_for_what_it_counts(docs):
    """ "Công bố kèm theo Quyết định này danh mục 24 thủ tục hành chính cấp tỉnh": a total announced in a sentence,
    quoted whole; its lead starts with what the figure counts, so "06 danh mục thủ tục" is a count of lists."""
    got = [x for x in listings(docs["cao_bang"]) if x.kind == "announced"]
    assert any(x.total == 24 and x.lead.startswith("thủ tục hành chính") for x in got)
    lists = next(x for x in listings(docs["son_la"]) if x.kind == "announced" and x.printed == "06")
    assert lists.lead.startswith("danh mục")
    assert not listed._names_noun(lists, lists.lead, "thủ tục hành chính")


def test_a_numbered_table_the_question_names_is_counted_before_a_list_of_the_text(docs, coverage):
    """ "Danh mục thủ tục hành chính kèm Quyết định 2929/QĐ-UBND gồm bao nhiêu thủ tục?", a workflow row found best: the
    document's table whose caption names the procedures ("DANH MỤC THỦ TỤC HÀNH CHÍNH …", STT 1–6) is counted —
    not a dash list of the workflow, nor the sentence's "06 danh mục"."""
    doc = docs["son_la"]
    step = _table(doc, "B1", rank=2)
    ans = _ask("Danh mục thủ tục hành chính kèm Quyết định 2929/QĐ-UBND của Sơn La gồm bao nhiêu thủ tục?", doc, docs, coverage,
               table=[Scored(step.chunk, doc, 0.6)])
    assert ans is not None and "có 6 dòng (STT 1–6" in ans.text
    assert ans.citations[0].text.split()[0] == "6"


def test_a_step_misprinted_in_one_table_is_still_the_same_step():
    from assistant.answers import comparison
    a = "bo phan nhan ho so cua so vhttdl | tiep nhan ho so cua to chuc, ca nhan"
    assert comparison._same_key(a, a.replace("tiep nhan", "tip nhan"))  # one word misprinted
    assert not comparison._same_key(a, a.replace("tiep nhan ho so", "tra ket qua cho"))


def test_a_table_is_named_by_its_own_title_not_the_line_before_it():
    """A caption joined from the lines above the table (" ; "): the earlier line closes the table before
    (its "Mã TTHC: 1.014464" is cited nowhere in the answer); the last one is this table's, "1.2." off."""
    from types import SimpleNamespace

    from assistant.answers.comparison import _table_name
    row = SimpleNamespace(caption="Phụ lục II › báo chí, xuất bản (Mã TTHC: 1.014464) ; 1.2. Thủ tục sửa đổi, bổ "
                                  "sung/cấp lại giấy chứng nhận lưu hành tự do (CFS) (Mã TTHC: 1.014465)")
    name = _table_name(row)
    assert name.startswith("Thủ tục sửa đổi") and "1.014464" not in name


def test_a_count_the_lead_in_prints_is_stated_as_printed():
    """ "bãi bỏ danh mục 05 thủ tục … có số thứ tự 2, 3, 4, 6, 7": five items listed, and the sentence itself
    says "05" — the answer gives the document's figure (cited), not a count of ours said to be unprinted."""
    from assistant.answers.listed import lead_count
    assert lead_count("bãi bỏ danh mục 05 thủ tục hành chính có số thứ tự 2, 3, 4, 6, 7", 5) == "05"
    assert lead_count("gồm 5 nhiệm vụ sau", 5) == "5"
    assert lead_count("ngày 05 tháng 8 năm 2025", 5) == "" and lead_count("Quyết định 5/2025/QĐ", 5) == ""


def test_a_sentence_that_states_how_many_is_quoted_not_counted(docs):
    # "… có 103 đơn vị hành chính cấp xã, gồm 31 phường và 72 xã; …" (a Standing Committee resolution): the count
    # of its comma-separated names would be a figure of ours beside the document's own
    lead = "Sau khi sắp xếp, thành phố Cần Thơ có 103 đơn vị hành chính cấp xã, gồm 31 phường và 72 xã."
    assert listed.states_count(lead, "đơn vị hành chính") and listed.states_count(lead, "phường")
    assert not listed.states_count("các phường Tân An, Thới Bình và Xuân Khánh", "phường")
    doc = docs["cd228"]
    text = listed._text(listed.Listing("inline", lead, items=[(0, 1)] * 7), doc, "vi", "đơn vị hành chính")
    assert "103 đơn vị hành chính" in text and "7 mục" not in text and "đếm" not in text
    assert "7 mục" in listed._text(listed.Listing("inline", lead, items=[(0, 1)] * 7), doc, "vi", "tỉnh")


def test_an_english_count_of_a_numbered_table_is_judged_by_the_words_it_reads(docs, coverage):
    """The same table asked in English with words no glossary reads ("catalogued", "handled"): they are in no
    caption, so the caption is judged by the words read ("administrative procedures", "decision") as a Vietnamese
    question's would be, and the table is counted."""
    doc = docs["son_la"]
    step = _table(doc, "B1", rank=2)
    ans = _ask("How many administrative procedures handled there are catalogued in the list attached to Sơn La's "
               "Decision 2929/QĐ-UBND?", doc, docs, coverage, table=[Scored(step.chunk, doc, 0.6)])
    assert ans is not None and "has 6 rows (numbered 1–6" in ans.text
