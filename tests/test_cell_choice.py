"""The cell a question asks of a table row (``assistant.cell_choice``), on real rows of real documents:
a duration asked gets the time column, a frequency the frequency column, the partners the
"phối hợp" column and not the lead's, a result the result column, a matrix the period and measure
asked; a part the row does not state is said to be missing. Each row is handed to the table-row
answer by hand (as in ``test_answer_strategies``), so the choice of cell is tested apart from search."""
import pytest

from assistant import cell_choice
from assistant.answers import table_row
from assistant.context import Context
from assistant.evidence import Coverage, Scored
from assistant.question.question import analyse
from index.lexical import BM25
from index.retriever import Filters
from ingest.pipeline import load_document

from .conftest import ROOT
from .test_answer_strategies import KNOWN, Shelf

DOCS = {"samples": "tests/data/real/85ff77cbda28ffbb.md",  # Thanh Hóa: frequency, duration, samples per site
        "tasks": "tests/data/real/001c610b2efdcf0c.md",  # Hồ Chí Minh: lead, partners, deadline, result, funds
        "dongthap": "tests/data/office/8718801c503045f9.md",  # Đồng Tháp: lead, partners, deadline
        "mines": "tests/data/real/d600829aa1fa6596.md",  # Thái Nguyên: capacity by period × ore / WO3
        "sideways": "tests/data/real/ea34a356cafcb1aa.md",  # Bắc Ninh: a procedure's fields as rows (Phụ lục 3)
        "condolences": "tests/data/cells/02b9be7711f88c70.md",  # Hà Nội 55/2025: central rate, city's, notes
        "drafting": "tests/data/cells/d2ab0055765c27e8.md"}  # Hà Nội 78/2025: each task's share of a text's cost


@pytest.fixture(scope="module")
def docs():
    return {k: load_document(str(ROOT / p)) for k, p in DOCS.items()}


@pytest.fixture(scope="module")
def coverage(docs):
    """IDF over these documents' chunks: a real lexical index, as the answering reads one."""
    index = BM25()
    texts = {c.chunk_id: c.search_text for d in docs.values() for c in d.chunks}
    index.add(list(texts), list(texts.values()))
    return Coverage(index)


def _answer(docs, coverage, key: str, label: str, question: str, cell: str | None = None):
    doc = docs[key]
    row = next(r for r in doc.rows if r.label.startswith(label) and (cell is None or any(
        c.text == cell for c in r.cells)))
    chunk = next(c for c in doc.chunks if c.row is row)
    best = Scored(chunk, doc, 1.0)
    ctx = Context(analyse(question, known=KNOWN), Filters(), Shelf(docs.values()), coverage)
    ctx.table = [best]
    ans = table_row.answer(ctx, best)
    assert ans.found and ans.citations[0].text == doc.text[ans.citations[0].start:ans.citations[0].end]
    return ans.text


@pytest.mark.parametrize("question, kinds", [
    ("Cơ quan nào chủ trì nhiệm vụ xây dựng phần mềm và thời gian hoàn thành?", ["lead", "time"]),
    ("Những cơ quan nào phối hợp thực hiện nhiệm vụ này?", ["partner"]),
    ("Cơ quan nào chủ trì, cơ quan nào phối hợp?", ["lead", "partner"]),
    # "tài sản" holds no "ai" (who), and "phụ lục kết quả" names the table, not a result asked
    ("Theo phụ lục kết quả, Tổng Thanh tra Chính phủ phải đưa phần mềm kiểm soát tài sản vào triển khai "
     "trước ngày nào?", ["time"]),
    ("Việc lập Quỹ đầu tư phát triển công nghiệp chiến lược được giao cho những bộ nào?", ["lead"]),
    ("How many courses had been rolled out, and how many enrolments had they recorded?", ["amount"]),
    ("What is the expected result of the task, and which agency leads it?", ["result", "lead"]),
    ("Mức phí cấp giấy phép khai thác nước mặt là bao nhiêu?", ["amount"]),
    ("Thủ tục cấp bản sao tài liệu lưu trữ còn bao nhiêu thời gian?", ["time"]),
    # "danh mục thủ tục" asks no fee ("mục thu"); "có mã là gì" asks the code
    ("Trong danh mục thủ tục của Cần Thơ, thủ tục công nhận trung tâm đổi mới sáng tạo có mã là gì?", ["code"]),
    # a procedure's legal basis is its row's "Căn cứ pháp lý" column, not what the document implements
    ("Thủ tục công bố sự cố môi trường cấp xã căn cứ quyết định nào của Thủ tướng?", ["basis"]),
    ("Which decree is the procedure for issuing a mining licence based on?", ["basis"]),
    # "when" before a clause says on what condition, not when; before a verb or at the end it asks a time
    ("What fee does the province charge when the dossier is filed in person?", ["amount"]),
    ("When does the fee apply, and how much is it?", ["time", "amount"]),
    ("Which office leads the task, and by when?", ["lead", "time"]),
    # a count in days is a time, however the question was typed
    ("How many working days does the Department of Justice have when an office asks to convert its type?",
     ["time"]),
    # "how much time" asks a time, not an amount ("how much does the fee cost"): a row's fee was quoted for it
    ("How much time does the reception unit have for receiving the application for a CFS?", ["time"]),
    ("How much time and how much money does the appraisal take?", ["amount", "time"]),
    # three figures asked, two of them by a "what" and a quantity's noun
    ("What is the amount under the central rules, how much extra does the city add, and what is the maximum cost "
     "of the wreath?", ["amount"]),
])
def test_parts_asked(question, kinds):
    assert [p.kind for p in cell_choice.parts_asked(analyse(question, known=KNOWN))] == kinds


def test_a_duration_asked_gets_the_time_column_not_the_sample_counts(docs, coverage):
    text = _answer(docs, coverage, "samples", "Nguồn nước cấp nuôi tôm nước lợ",
                   "Quan trắc nguồn nước cấp nuôi tôm nước lợ kéo dài bao nhiêu tháng?", cell="240")
    assert "08 tháng (từ tháng 3 đến tháng 10)" in text
    assert "240" not in text and "02 lần/tháng" not in text


def test_a_frequency_asked_gets_the_frequency_column(docs, coverage):
    text = _answer(docs, coverage, "samples", "Môi trường ao nuôi tôm đại diện",
                   "Môi trường ao nuôi tôm đại diện được quan trắc bao lâu một lần?", cell="336")
    assert "Tần suất quan trắc: 02 lần/tháng" in text and "08 tháng" not in text


def test_the_partners_asked_get_the_partner_column_not_the_lead(docs, coverage):
    text = _answer(docs, coverage, "dongthap", "Biểu dương, tôn vinh",
                   "Những cơ quan nào phối hợp với Sở Nội vụ trong việc biểu dương, tôn vinh, khen thưởng "
                   "doanh nghiệp chuyển đổi số?")
    assert "Cơ quan phối hợp: Sở KH&CN; các cơ quan, đơn vị liên quan" in text
    assert "Cơ quan chủ trì" not in text and "Thời gian" not in text


def test_a_result_asked_gets_the_result_column_though_the_task_is_named_with_phoi_hop(docs, coverage):
    text = _answer(docs, coverage, "tasks", "Phối hợp rà soát, sửa đổi Luật Quy hoạch",
                   "Nhiệm vụ phối hợp rà soát, sửa đổi Luật Quy hoạch có kết quả dự kiến là gì?")
    assert "Kết quả dự kiến: Luật Quy hoạch, Quyết định của cấp có thẩm quyền" in text
    for other in ("Cơ quan phối hợp", "Quý IV/2025", "Nguồn kinh phí"):
        assert other not in text


def test_a_matrix_is_read_at_the_period_asked(docs, coverage):
    text = _answer(docs, coverage, "mines", "Khu vực Núi Chiếm thuộc các xã",
                   "Công suất khai thác quặng của khu vực Núi Chiếm giai đoạn 2031 - 2050 là bao nhiêu?")
    assert "2031 - 2050 › Quặng (10^3tấn/năm): 2250÷3000" in text
    assert "2021 - 2030" not in text and "60.000" not in text  # the other period's columns, the reserve


def test_a_part_the_row_does_not_state_is_said_to_be_missing(docs, coverage):
    text = _answer(docs, coverage, "samples", "Môi trường nuôi ngao",
                   "Cơ quan nào chủ trì quan trắc môi trường nuôi ngao?", cell="64")
    assert "Dòng này không ghi cơ quan chủ trì." in text


def test_a_table_written_sideways_names_its_fields_in_its_rows(docs, coverage):
    """Bắc Ninh's Phụ lục 3 has one column, the procedure, and a row per field: the time asked is the
    "Thời hạn giải quyết" row's cell, not the "0,5 Ngày làm việc" of a step inside "Trình tự thực hiện"."""
    q = analyse("Thời hạn giải quyết thủ tục chấp thuận thiết kế nút giao đấu nối vào quốc lộ là bao nhiêu ngày "
                "làm việc?", known=KNOWN)
    parts = cell_choice.parts_asked(q)
    rows = {r.label: r for r in docs["sideways"].rows if r.caption.startswith("Phụ lục 3 › NỘI DUNG")}
    qtoks = Context(q, Filters(), Shelf(docs.values()), coverage).terms(keep_years=True)
    [deadline] = cell_choice.choose(parts, rows["Thời hạn giải quyết"], qtoks, coverage)
    assert [c.text for c in deadline.cells] == ["07 ngày làm việc kể từ khi nhận đủ hồ sơ theo quy định."]
    [steps] = cell_choice.choose(parts, rows["Trình tự thực hiện"], qtoks, coverage)
    assert steps.cells == []


@pytest.mark.parametrize("question, many", [
    ("How many courses had been rolled out, and how many enrolments had they recorded?", 2),
    ("For condolences on the death of a Group 1 official, what is the amount under the central rules, how much "
     "extra does the city add, and what is the maximum cost of the wreath?", 3),
    ("What fee does the province charge when the dossier is filed in person?", 1),
    ("Mức chi theo quy định của Trung ương là bao nhiêu, Thành phố hỗ trợ thêm bao nhiêu?", 2),
    ("What is the processing time of the procedure?", 0),
    ("Mức theo quy định của cấp có thẩm quyền và mức Thành phố hỗ trợ thêm là bao nhiêu?", 2),
    ("Mức chi cho Trưởng ban là bao nhiêu?", 1),
])
def test_each_quantity_asked_is_counted(question, many):
    assert cell_choice.asked_quantities(question) == many


def test_three_amounts_asked_of_a_row_get_its_three_amount_cells(docs, coverage):
    """Hà Nội's condolence row: "Chế độ cấp có thẩm quyền quy định" names an authority, but its cell is a sum
    (no agency in it), and the notes column holds the wreath's cap: all three are the figures asked."""
    text = _answer(docs, coverage, "condolences", "Nhóm 1: Bí thư, Phó Bí thư Thành ủy",
                   "For condolences on the death of a Group 1 official under Hanoi Resolution 55/2025/NQ-HĐND, what "
                   "is the amount under the central rules, how much extra does the city add, and what is the "
                   "maximum cost of the wreath?", cell="Vòng hoa tối đa 1.500.000 đồng")
    for figure in ("2.500.000 đồng/người", "Hỗ trợ thêm 2.000.000 đồng/người", "Vòng hoa tối đa 1.500.000 đồng"):
        assert figure in text


def test_a_column_named_by_the_question_is_not_an_agency_asked(docs, coverage):
    """"mức theo quy định của cấp có thẩm quyền" quotes the column "Chế độ cấp có thẩm quyền quy định"; its cell is
    a sum, so "thẩm quyền" asks no agency, and the row is not said to lack one."""
    text = _answer(docs, coverage, "condolences", "Huy hiệu 75 năm tuổi Đảng",
                   "Tiền thưởng kèm Huy hiệu 75 năm tuổi Đảng ở Hà Nội: mức theo quy định của cấp có thẩm quyền và "
                   "mức Thành phố hỗ trợ thêm là bao nhiêu?")
    assert "10 lần mức lương cơ sở" in text and "Hỗ trợ thêm 4,0 lần mức lương cơ sở" in text
    assert "không ghi" not in text


def test_the_words_naming_the_row_name_no_column(docs, coverage):
    """Hà Nội 78/2025's Phụ lục I: the row "Nghị quyết của Hội đồng nhân dân Thành phố" × the tasks. The question's
    "HĐND Thành phố" names the row; the last column's header, which names the city's and the councils' offices
    ("Nhiệm vụ tổng hợp, rà soát hồ sơ … (Văn phòng Ủy ban nhân dân Thành phố; Văn phòng Hội đồng nhân dân …)"), is
    not named by it, and "tổng hợp" (compiling) / "đơn vị dự toán" (a budget body) say no amount: the drafting column
    the question names answers."""
    text = _answer(docs, coverage, "drafting", "Nghị quyết của Hội đồng nhân dân Thành phố",
                   "Theo Nghị quyết 78/2025/NQ-HĐND của HĐND TP Hà Nội, nhiệm vụ soạn thảo một nghị quyết của HĐND "
                   "Thành phố được chi bao nhiêu?")
    assert "Nhiệm vụ soạn thảo: 140" in text and ": 14 " not in text


def test_a_compiling_task_or_a_budget_body_is_no_amount():
    assert "amount" not in cell_choice.meaning_of("Nhiệm vụ tổng hợp, rà soát hồ sơ (Văn phòng là đơn vị dự toán)")
    assert "amount" in cell_choice.meaning_of("Tổng mức chi") and "amount" in cell_choice.meaning_of("Dự toán năm 2025")
