"""Every asked part of a question about a document gets its own evidence: read with the question
(``question.fact_kinds``), answered from the place the text says it (``facts.part``) and cited from
there, on real documents of ``tests/data/facts`` (saved web pages, unchanged)."""
import pytest

from assistant.answers import document_facts
from assistant.context import Context
from assistant.evidence import Coverage
from assistant.question.question import analyse, fact_kinds
from index.lexical import BM25
from index.retriever import Filters
from ingest.pipeline import load_document

from .conftest import ROOT
from .test_answer_strategies import Shelf

FACTS = ROOT / "tests/data/facts"  # apart from tests/data/real: that folder is one test corpus whole
FILES = {"decree25": "389276e8dae699ce.md",  # Nghị định 25/2025/NĐ-CP: replaces two decrees in one sentence
         "cam_ranh": "1e6fb98e16a75e3d.md",  # a consolidated text (VBHN) naming its amending decisions
         "tax_reply": "fcd40850adc894a0.md",  # Công văn 5317/CT-CS answering a provincial letter
         "tax_vat": "2249fe89ed46eae5.md",  # Công văn 3257/TNI-QLDN1 to one company
         "circular56": "e13e31ece6a27b0d.md",  # Thông tư 56/2025/TT-BCT: "Bãi bỏ Thông tư số 15/2024/TT-BCT"
         "vpcp": "8018a6f353d60a9e.md",  # Công văn 11554/VPCP-V.I, "KT. BỘ TRƯỞNG, CHỦ NHIỆM / PHÓ CHỦ NHIỆM"
         "decree158": "750314c2c5666d56.md",
         "ht2890": "ad3df698d54f5b1d.md"}  # Quyết định 2890/QĐ-UBND of Hà Tĩnh: "có hiệu lực kể từ ngày ban hành"  # Nghị định 158/2025/NĐ-CP: "… sau đây hết hiệu lực thi hành:" a) … d)


def real_documents(files: dict[str, str]) -> dict:
    return {k: load_document(str(FACTS / f)) for k, f in files.items()}


def lexical_coverage(docs: dict) -> Coverage:
    """A real lexical index over these documents: the coverage every scorer reads."""
    bm25 = BM25()
    bm25.add(*map(list, zip(*[(c.chunk_id, c.search_text) for d in docs.values() for c in d.chunks], strict=True)))
    return Coverage(bm25)


@pytest.fixture(scope="module")
def docs():
    return real_documents(FILES)


@pytest.fixture(scope="module")
def coverage(docs):
    return lexical_coverage(docs)


def _ask(question, doc, docs, coverage):
    ctx = Context(analyse(question), Filters(doc_ids=[doc.doc_id]), Shelf(docs.values()), coverage)
    ans = document_facts.answer(ctx)
    for c in ans.citations:
        assert doc.text[c.start:c.end] == c.text
    return ans


@pytest.mark.parametrize("question, kinds", [
    ("Quyết định 1949/QĐ-UBND của Cao Bằng số mấy, ai ký, ngày nào?", ("number", "date", "signer")),
    ("Who signed Decision 4422/QĐ-BVHTTDL and on what date?", ("date", "signer")),
    # the document's name between the two parts, however long: both parts are read
    ("Who signed Ho Chi Minh City's Decision 2843/QĐ-UBND and on what date?", ("date", "signer")),
    ("Who signed Decision 2843/QĐ-UBND of Ho Chi Minh City and when?", ("date", "signer")),
    ("By what date must units report, and who signs the report?", ("signer",)),  # a deadline, not the date signed
    ("What does Decree 25/2025/NĐ-CP replace, and who signed it?", ("signer", "replaces")),
    ("Which earlier decrees were replaced by Decree 25/2025/ND-CP?", ("replaces",)),
    ("Thông tư 56/2025/TT-BCT đã bãi bỏ toàn bộ thông tư nào?", ("replaces",)),
    ("Cơ quan nào ban hành Thông tư 56/2025/TT-BCT và có hiệu lực từ ngày nào?", ("issuer", "effective")),
    ("Công văn 5317/CT-CS được ban hành để trả lời công văn số nào?", ("reply",)),
    ("Công văn 3257/TNI-QLDN1 được gửi để trả lời doanh nghiệp nào?", ("addressee",)),
    ("Quyết định 1949/QĐ-UBND được ban hành căn cứ những văn bản nào?", ("implements",)),
    ("Which decrees is Circular 56/2025/TT-BCT based on?", ("implements",)),
    # a plan named by what it implements, asked who heads a board: "nào" asks the body, not the directive
    ("Theo kế hoạch triển khai Chỉ thị 32/CT-TTg về bảo vệ bí mật nhà nước, ai làm Trưởng Ban Chỉ đạo và cơ quan "
     "nào là thường trực?", ()),
    ("Kế hoạch này triển khai thực hiện chỉ thị nào của Thủ tướng?", ("implements",)),
    ("When does Decision 165/2025/QĐ-UBND take effect, and which decision does it bring to an end?",
     ("effective", "replaces")),
    ("Which decrees are no longer in force once Decree 158/2025/NĐ-CP applies?", ("replaces",)),
    ("Quyết định này chấm dứt hiệu lực của quyết định nào?", ("replaces",)),
    # a long name between the signer and the date asked
    ("Who signed Government Resolution 386/NQ-CP on the revised Personal Income Tax bill, in what capacity, and on "
     "what date?", ("date", "signer")),
    ("Giấy vào, ra Cảng được cấp theo mẫu số mấy?", ()),  # a form's number, not the document's
    ("Under Decision 4422/QĐ-BVHTTDL, which body issues the karaoke business licence?", ()),  # a licence's issuer
    # the date asked after a comma, not only after "and"
    ("Who signed Quang Ngai's Decision 1622/QĐ-UBND, on what date, and from when does it take effect?",
     ("date", "signer", "effective")),
    ("Dự thảo Quyết định 80/2025/QĐ-UBND do cơ quan nào đề nghị?", ("proposer",)),
    # the number of the submission a decision was issued on, not the decision's own; not the submissions a text lists
    ("Quyết định 2022/QĐ-UBND của tỉnh Cao Bằng được ban hành trên cơ sở tờ trình số mấy của Sở Y tế?", ("proposer",)),
    ("Nghị quyết 388/NQ-CP thông qua nội dung báo cáo tại Mục II của những tờ trình nào?", ()),
    ("Nghị quyết 72/2025/NQ-HĐND do ai ký và có hiệu lực từ thời điểm nào?", ("signer", "effective")),
    ("Who signed Decision 1622/QĐ-UBND, on what date, and from when does it apply?", ("date", "signer", "effective")),
    # the person signing a contract is not the document's signer
    ("Người ký hợp đồng thực hiện nhiệm vụ của công chức có được tính vào biên chế không?", ()),
])
def test_every_asked_part_is_read(question, kinds):
    assert tuple(fact_kinds(question)) == kinds
    assert (analyse(question).intent == "metadata") == bool(kinds)


def test_every_replaced_document_is_named_from_the_clause_that_replaces_it(docs, coverage):
    d = docs["decree25"]
    ans = _ask("Which earlier decrees were replaced by Decree 25/2025/ND-CP?", d, docs, coverage)
    assert "62/2022/NĐ-CP" in ans.text and "63/2022/NĐ-CP" in ans.text
    assert any("thay thế Nghị định số 62/2022/NĐ-CP" in c.text and "63/2022/NĐ-CP" in c.text for c in ans.citations)


def test_a_repeal_is_quoted_from_its_own_clause(docs, coverage):
    d = docs["circular56"]
    ans = _ask("Thông tư 56/2025/TT-BCT đã bãi bỏ toàn bộ thông tư nào trước đây?", d, docs, coverage)
    assert ans.found and "15/2024/TT-BCT" in ans.text and "bãi bỏ" in ans.text
    assert any(c.text.startswith("Bãi bỏ Thông tư số 15/2024/TT-BCT") for c in ans.citations)


def test_documents_listed_after_a_lead_in_are_the_ones_it_ends(docs, coverage):
    # "Kể từ ngày Nghị định này có hiệu lực thi hành, các Nghị định … sau đây hết hiệu lực thi hành:" then a) … d)
    d = docs["decree158"]
    ans = _ask("Nghị định 158/2025/NĐ-CP có hiệu lực từ ngày nào và những nghị định nào hết hiệu lực?", d, docs, coverage)
    assert "01 tháng 7 năm 2025" in ans.text
    assert "115/2015/NĐ-CP" in ans.text and "143/2018/NĐ-CP" in ans.text and "158/2025" not in ans.text.split(".", 1)[1]
    assert any("hết hiệu lực thi hành:" in c.text and "115/2015/NĐ-CP" in c.text for c in ans.citations)


def test_in_force_from_its_issue_says_the_date_it_was_issued(docs, coverage):
    d = docs["ht2890"]
    ans = _ask("Quyết định 2890/QĐ-UBND của Hà Tĩnh có hiệu lực từ ngày nào?", d, docs, coverage)
    assert ans.found and "kể từ ngày ban hành (20/11/2025)" in ans.text
    assert any("có hiệu lực kể từ ngày ban hành" in " ".join(c.text.split()) for c in ans.citations)
    assert any("2890/QĐ-UBND" in c.text and "2025" in c.text for c in ans.citations)  # the date, cited where printed


def test_the_session_that_passed_a_resolution():
    d = load_document(str(ROOT / "tests/data/tables_real/c53841af6c236aed.md"))  # Nghị quyết 20/2025/NQ-HĐND, Vĩnh Long
    docs = {"vl20": d}
    assert fact_kinds("Nghị quyết có hiệu lực từ ngày nào, được thông qua tại kỳ họp nào?") == ["effective", "session"]
    ans = _ask("Nghị quyết 20/2025/NQ-HĐND được thông qua tại kỳ họp nào?", d, docs, lexical_coverage(docs))
    assert ans.found and "kỳ họp chuyên đề lần thứ Ba thông qua ngày 18 tháng 11 năm 2025" in ans.text
    assert any("kỳ họp chuyên đề" in c.text for c in ans.citations)


def test_on_whose_proposal_a_decision_is_issued():
    d = load_document(str(FACTS / "606d5f203dec293b.md"))  # Quyết định 122/2025/QĐ-UBND, thành phố Huế
    docs = {"hue122": d}
    assert fact_kinds("On whose proposal was Decision 122/2025/QĐ-UBND issued?") == ["proposer"]
    ans = _ask("Quyết định 122/2025/QĐ-UBND được ban hành theo đề nghị của cơ quan nào?", d, docs, lexical_coverage(docs))
    assert ans.found and "theo đề nghị của Sở Tài chính" in ans.text
    assert any("Theo đề nghị của Sở Tài" in c.text for c in ans.citations)


def test_a_government_resolution_issued_on_a_ministers_proposal_and_a_resolution_dated_by_its_closing_line():
    # Nghị quyết 389/NQ-CP: "Xét đề nghị của Bộ trưởng Bộ Công an tại các văn bản số 554/TTr-BCA …";
    # Nghị quyết 1662/NQ-UBTVQH15 prints no date by its number, only "… thông qua ngày 16 tháng 6 năm 2025."
    docs = {"nq389": load_document(str(FACTS / "04e0c7e10cd38cdd.md")),
            "nq1662": load_document(str(FACTS / "ff9aace5b310314d.md"))}
    coverage = lexical_coverage(docs)
    ans = _ask("Nghị quyết 389/NQ-CP được ban hành theo đề nghị của bộ nào?", docs["nq389"], docs, coverage)
    assert ans.found and "theo đề nghị của Bộ trưởng Bộ Công an" in ans.text and "554/TTr" not in ans.text
    assert any(c.text.startswith("Xét đề nghị của Bộ trưởng Bộ Công an") for c in ans.citations)
    # asked with its submission's number, the number is the submission's, not the resolution's own
    ans = _ask("Nghị quyết 389/NQ-CP được ban hành theo đề nghị của bộ nào, tại tờ trình số mấy?", docs["nq389"], docs,
               coverage)
    assert ans.found and "Bộ trưởng Bộ Công an (Các văn bản số 554/TTr-BCA ngày 12 tháng 9 năm 2025" in ans.text
    assert "số hiệu" not in ans.text
    assert docs["nq1662"].meta.date == "2025-06-16"
    ans = _ask("Nghị quyết 1662/NQ-UBTVQH15 được thông qua ngày nào?", docs["nq1662"], docs, coverage)
    assert ans.found and "16 tháng 6 năm 2025" in ans.text
    # another document's number asked by its kind: the scheme's, quoted from the line naming it, not its own
    both = _ask("Nghị quyết 1662/NQ-UBTVQH15 được thông qua ngày nào, trên cơ sở Đề án số mấy của Chính phủ?",
                docs["nq1662"], docs, coverage)
    assert both.found and "Đề án số 379/ĐA-CP" in both.text and "16 tháng 6 năm 2025" in both.text
    assert "số hiệu 1662" not in both.text
    assert any("Đề án số 379/ĐA-CP" in c.text for c in both.citations)
    # of its own kind, the number asked is its own: a circular asked "là thông tư số mấy", a letter "công văn số mấy"
    circular = load_document(str(FACTS / "e13e31ece6a27b0d.md"))
    own = _ask("Văn bản của Bộ Công Thương về kiểm tra là thông tư số mấy?", circular, {"tt56": circular},
               lexical_coverage({"tt56": circular}))
    assert own.found and "56/2025/TT-BCT" in own.text and " nêu " not in own.text
    assert any(c.text.endswith("thông qua ngày 16 tháng 6 năm 2025") for c in ans.citations)


def test_a_repealed_document_is_named_with_its_date_and_a_title_does_not_run_into_the_grounds():
    # Quyết định 80/2025/QĐ-UBND of Hà Tĩnh: its title "BÃI BỎ QUYẾT ĐỊNH / SỐ 15/2025/QĐ-UBND NGÀY 01/3/2025 …" runs
    # straight into "*Căn cứ … Nghị định số 78/2025/NĐ-CP …" (no full stop, no blank line): the grounds are no repeal
    d = load_document(str(FACTS / "a53257314ff9bbd2.md"))
    docs = {"ht80": d}
    ans = _ask("Quyết định 80/2025/QĐ-UBND bãi bỏ quyết định nào, ban hành ngày nào?", d, docs, lexical_coverage(docs))
    assert "bãi bỏ Quyết định số 15/2025/QĐ-UBND ngày 01/3/2025." in ans.text
    assert "78/2025/NĐ-CP" not in ans.text and ans.text.count("15/2025") == 1


def test_two_parts_each_cited_where_said(docs, coverage):
    d = docs["decree25"]
    ans = _ask("Nghị định 25/2025/NĐ-CP có hiệu lực từ ngày nào và thay thế nghị định nào?", d, docs, coverage)
    assert "01 tháng 3 năm 2025" in ans.text and "63/2022/NĐ-CP" in ans.text
    effect = [c for c in ans.citations if "có hiệu lực thi hành từ ngày 01 tháng 3 năm 2025" in c.text]
    assert effect and "62/2022" not in effect[0].text  # the date from its clause, the repeal from its own


def test_a_part_the_document_does_not_state_is_said_missing(docs, coverage):
    # a letter states no date it takes effect; its signer it does ("KT. BỘ TRƯỞNG, CHỦ NHIỆM / PHÓ CHỦ NHIỆM")
    ans = _ask("Công văn 11554/VPCP-V.I có hiệu lực từ ngày nào, ai ký?", docs["vpcp"], docs, coverage)
    assert "không ghi ngày có hiệu lực" in ans.text and "Trịnh Mạnh Linh" in ans.text
    # the decree's saved page prints its signer after the "Nơi nhận" cell ("KT. THỦ TƯỚNG / PHÓ THỦ TƯỚNG /
    # Nguyễn Hòa Bình |"), read since the cell's pipe no longer hides the name
    ans = _ask("Nghị định 25/2025/NĐ-CP có hiệu lực từ ngày nào, ai ký?", docs["decree25"], docs, coverage)
    assert "01 tháng 3 năm 2025" in ans.text and "Nguyễn Hòa Bình" in ans.text


def test_an_amending_act_named_inside_a_consolidated_text_is_answered_for_that_act(docs, coverage):
    d = docs["cam_ranh"]
    ans = _ask("When did Decision 38/2025/QĐ-TTg, consolidated into the Cam Ranh port regulation, take effect?",
               d, docs, coverage)
    assert "01 tháng 12 năm 2025" in ans.text and "2016" not in ans.text
    assert any("từ ngày 01 tháng 12 năm 2025" in c.text for c in ans.citations)


def test_the_letter_answered_and_the_addressee(docs, coverage):
    ans = _ask("Công văn 5317/CT-CS được ban hành để trả lời công văn số nào của Thuế tỉnh Ninh Bình?",
               docs["tax_reply"], docs, coverage)
    assert "1383/NBI-CNTK" in ans.text and "1383/NBI-CNTK ngày" in ans.citations[0].text.replace("\n", " ")
    ans = _ask("Công văn 3257/TNI-QLDN1 được gửi để trả lời doanh nghiệp nào?", docs["tax_vat"], docs, coverage)
    assert "Yong Hong" in ans.text and "Công Ty TNHH Khuôn Mẫu Yong Hong" in ans.citations[0].text


def test_the_signer_is_cited_with_the_title_printed_above_the_name(docs, coverage):
    ans = _ask("Ai là người ký Công văn 11554/VPCP-V.I?", docs["vpcp"], docs, coverage)
    assert "Trịnh Mạnh Linh" in ans.text and "PHÓ CHỦ NHIỆM\nTrịnh Mạnh Linh" in ans.citations[0].text


def test_english_parts_in_english(docs, coverage):
    ans = _ask("When does Decree 25/2025/NĐ-CP take effect and what does it replace?", docs["decree25"], docs, coverage)
    assert "takes effect on 01 tháng 3 năm 2025" in ans.text and "replaces" in ans.text


def test_the_json_quote_is_the_span_as_read_and_the_source_stays_exact(docs, coverage):
    """The saved page prints "**KT. BỘ TRƯỞNG, CHỦ NHIỆM**\\nPHÓ CHỦ NHIỆM\\n**Trịnh Mạnh Linh**": an API user
    gets the quote without the bold marks, same offsets, and the exact slice beside it."""
    doc = docs["vpcp"]
    cite = _ask("Ai là người ký Công văn 11554/VPCP-V.I?", doc, docs, coverage).citations[0].to_json()
    assert cite["source"] == doc.text[cite["start"]:cite["end"]] and "**" in cite["source"]
    assert "*" not in cite["text"] and len(cite["text"]) == len(cite["source"])
    assert " ".join(cite["text"].split()).endswith("PHÓ CHỦ NHIỆM Trịnh Mạnh Linh")
    kept = [(a, b) for a, b in zip(cite["source"], cite["text"], strict=True) if a != b]
    assert kept and all(b == " " and a == "*" for a, b in kept)  # only the marks are blanked
