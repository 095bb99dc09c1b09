"""What a question asks for (assistant/question/asked.py), on questions phrased as officials phrase them."""
import pytest

from assistant.question.asked import Asked, asked, holds, typed_strongly

CASES = [
    ("Các kho chứa phải thực hiện di chuyển trong thời hạn tối đa bao lâu?", "vi", "duration", ()),
    ("Giấy phép có hiệu lực bao nhiêu tháng?", "vi", "duration", ("tháng",)),
    ("For how many months at most is a construction permit valid?", "en", "duration", ("tháng",)),
    ("Các sở báo cáo tiến độ về Sở Tài chính theo định kỳ nào?", "vi", "period", ()),
    ("How often must units report to the Department of Finance?", "en", "period", ()),
    ("By what year does the decision make BIM mandatory?", "en", "year", ()),
    ("Đến năm nào hoàn thành số hóa dữ liệu?", "vi", "year", ()),
    ("Tổng cộng bao nhiêu mẫu để quan trắc môi trường nước?", "vi", "count", ("mẫu",)),
    ("How many copies of the awareness booklet will be printed?", "en", "count", ("cuốn", "bản")),
    ("What minimum fire resistance (in minutes) must the cladding provide?", "en", "count", ("phút",)),
    ("What annual depreciation rate (% per year) applies?", "en", "count", ("%",)),
    ("Công suất tối đa bao nhiêu triệu tấn/năm?", "vi", "count", ("tấn",)),
    ("Mức chi cho Trưởng ban là bao nhiêu?", "vi", "count", ()),
    # a rate per month asks no unit "một"; a measure word elsewhere in the question is not the one asked in
    ("Học phí tiểu học ở các phường là bao nhiêu một tháng?", "vi", "count", ()),
    ("What is the monthly public preschool fee in rural communes of Vĩnh Long?", "en", "count", ()),
    ("How many communes does the province have after the merger?", "en", "count", ("xã",)),
    ("How many working days does the department take?", "en", "count", ("ngày",)),
    # a measure word asked in full, written as its symbol in the documents ("17 m")
    ("Khoảng cách được giảm xuống còn bao nhiêu mét?", "vi", "count", ("mét", "m")),
    ("Mục tiêu nhà ở xã hội của Kon Tum đến năm 2030?", "vi", "", ()),
    ("Cơ quan nào chủ trì nhiệm vụ này?", "vi", "", ()),
]


@pytest.mark.parametrize("question,lang,kind,units", CASES)
def test_the_type_and_unit_a_question_asks_for(question, lang, kind, units):
    assert asked(question, lang) == Asked(kind, units)


def test_a_sentence_holds_the_asked_value_only_with_its_unit():
    copies = asked("How many copies of the booklet?", "en")
    assert holds(copies, "- Số lượng: 5.000 cuốn.")
    assert not holds(copies, "- Hình thức: In tài liệu cấp phát cho cán bộ cấp xã.")
    assert not holds(copies, "Năm 2026 in tài liệu.")  # a year is no count of copies
    months = asked("trong thời hạn tối đa bao lâu?", "vi")
    assert holds(months, "thời gian thực hiện không quá 24 tháng kể từ ngày Nghị quyết này có hiệu lực")
    assert not holds(months, "đến năm 2030, tầm nhìn 2050")
    # a date written in words is no duration: "ngày 24 tháng 11 năm 2025" holds neither 24 months nor 11 years
    years = asked("Thẻ có thời hạn sử dụng bao nhiêu năm?", "vi")
    assert not holds(years, "Ban hành kèm theo Quyết định số 1760/QĐ-KTNN ngày 24 tháng 11 năm 2025")
    assert not holds(months, "từ ngày 01 tháng 7 năm 2025 đến hết 30 tháng 9")
    assert holds(years, "Thẻ có giá trị sử dụng 05 năm kể từ ngày cấp (ngày 24 tháng 11 năm 2025)")


def test_a_period_is_a_recurrence_not_the_word_periodic():
    period = asked("theo định kỳ nào?", "vi")
    assert holds(period, "Thực hiện chế độ báo cáo định kỳ hằng quý về tiến độ")
    assert holds(period, "quan trắc với tần suất 02 lần/năm")
    assert not holds(period, "định kỳ kiểm tra, đánh giá an toàn hệ thống")  # says it recurs, not how often


def test_a_bare_count_is_not_a_strong_type():
    assert not typed_strongly(asked("Mức chi là bao nhiêu?", "vi"))
    assert typed_strongly(asked("bao nhiêu mẫu?", "vi")) and typed_strongly(asked("by what year?", "en"))
    assert not holds(asked("Mức chi là bao nhiêu?", "vi"), "ngày 18/11/2025")  # a date is not an amount
