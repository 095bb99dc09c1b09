"""A figure spelled out again in brackets is a figure of its unit; "mấy lần" without a period asks a count of
times; a measure asked in letters and digits ("m3") is that measure, not the metre (``asked.holds``, ``asked._units``,
``lexicon.ASK_PERIOD_VI``).

Legal texts print "10 (mười) ngày làm việc" and "một (01) lần": read as a figure, then a bracket, then the unit, no
duration was held, so the clause stating the time limit counted as one stating none and was refused or passed over.
Real document: Hà Nội's Nghị quyết 65/2025/NQ-HĐND (``tests/data/facts/e09bc3b35c473bea.md``), whose Điều 5 khoản 3
says when the training cost is paid: "Trả một (01) lần kể từ ngày vận động viên được triệu tập tập huấn …"."""
from assistant.question.asked import asked, holds

from .conftest import ROOT, at_once_fixture

HANOI = ROOT / "tests/data/facts/e09bc3b35c473bea.md"
bot = at_once_fixture("spelled-figures", HANOI)


def test_a_figure_spelled_again_in_brackets_is_held():
    assert holds(asked("Cơ quan phải trả lời trong bao lâu?"), "trong thời hạn 10 (mười) ngày làm việc kể từ ngày nhận hồ sơ")
    assert holds(asked("Trong bao lâu?"), "trong 15 (mười lăm) ngày")
    assert holds(asked("Trong bao lâu?"), "Trong thời hạn 05 (năm) ngày làm việc")
    assert holds(asked("Trong bao lâu?"), "không quá 45 (bốn mươi lăm) ngày")
    assert holds(asked("Được chi trả mấy lần?"), "Trả một (01) lần kể từ ngày vận động viên được triệu tập")
    assert not holds(asked("Cơ quan phải trả lời trong bao lâu?"), "Phản ánh (kiến nghị) được gửi đến cơ quan")


def test_how_many_times_is_a_count_unless_by_a_period():
    assert asked("Khoản hỗ trợ được chi trả mấy lần?") == asked("Khoản hỗ trợ được chi trả bao nhiêu lần?")
    assert asked("Khoản hỗ trợ được chi trả mấy lần?").units == ("lần",)
    assert asked("Đoàn kiểm tra mấy lần một năm?").kind == "period"
    assert asked("Họp mấy lần mỗi quý?").kind == "period"


def test_a_measure_in_letters_and_digits():
    what = asked("Nước thải phải xử lý từ bao nhiêu m3/ngày trở lên?")
    assert what.units == ("m3",) and holds(what, "tổng lưu lượng từ 50 m3/ngày trở lên")
    metres = asked("Phải đặt cách nhà ở tối thiểu bao nhiêu m?")
    assert holds(metres, "cách công trình nhà ở ≥ 20m") and not holds(metres, "diện tích tối thiểu là 3000 m2")


def test_how_far_asks_a_distance():
    what = asked("How far at minimum must a transfer station be from houses?", "en")
    assert what.kind == "count" and "m" in what.units
    assert holds(what, "phải đặt cách công trình nhà ở ≥ 20m") and not holds(what, "công suất 100 - 500 tấn/ngày đêm")
    assert "km" in asked("Trạm phải đặt cách khu dân cư bao xa?").units


def test_the_clause_saying_how_often_it_is_paid_answers(bot):
    ans = bot.ask("Theo Nghị quyết 65/2025/NQ-HĐND Hà Nội, khoản hỗ trợ chi phí đào tạo cho tổ chức, cá nhân đào tạo "
                  "vận động viên được chi trả mấy lần và tính từ khi nào?")
    assert ans.found and "một (01) lần" in ans.text and "triệu tập tập huấn" in ans.text, ans.text
