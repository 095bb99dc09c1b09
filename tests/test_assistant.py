"""The real pipeline on the shipped plans: figures, citations, spans, not-found, follow-ups."""
import json
import subprocess
import sys

import pytest

from ground.errors import QuestionError

from .conftest import ROOT


def _check_spans(bot, ans):
    for c in ans.citations:
        doc = bot.document(c.doc_id)
        assert doc.text[c.start:c.end] == c.text, c.locator


def test_target_question_in_vietnamese_gives_row_and_year(bot):
    ans = bot.ask("Kon Tum phấn đấu xây dựng bao nhiêu m2 sàn nhà ở xã hội đến năm 2030?")
    assert ans.found and ans.lang == "vi"
    assert "221.009" in ans.text and "104.046" in ans.text  # the year asked, the other for context
    top = ans.citations[0]
    assert top.province == "Kon Tum" and top.locator.startswith("Phụ lục › 9 Nhà ở")
    assert "221.009" in top.text and "nhà ở xã hội" in top.text
    _check_spans(bot, ans)


def test_english_question_is_answered_in_english_with_vietnamese_quote(bot):
    ans = bot.ask("What is An Giang's 2030 target for hospital beds per 10,000 people?")
    assert ans.found and ans.lang == "en"
    assert "34" in ans.text and "by 2030" in ans.text
    assert "giường bệnh" in ans.citations[0].text.lower()
    _check_spans(bot, ans)


def test_sub_row_label_is_respected(bot):
    ans = bot.ask("Diện tích nhà ở bình quân đầu người khu vực nông thôn của Kon Tum năm 2030")
    assert ans.found and "27,8" in ans.text
    assert "Nông thôn" in ans.citations[0].text


def test_agency_question_names_the_agency(bot):
    ans = bot.ask("Cơ quan nào chủ trì theo dõi tỷ lệ tham gia bảo hiểm y tế ở An Giang?")
    assert ans.found and "Sở Y tế" in ans.text


def test_clause_question_quotes_the_clause(bot):
    ans = bot.ask("Theo kế hoạch của An Giang, Sở Y tế phải gửi báo cáo đánh giá tình hình thực hiện trước ngày nào?")
    assert ans.found and "05/12" in ans.text
    assert ans.citations[0].locator.startswith("Mục IV")
    _check_spans(bot, ans)


def test_comparison_gives_a_table(bot):
    ans = bot.ask("So sánh tỷ lệ thất nghiệp chung năm 2025 của An Giang và Kon Tum")
    assert ans.found and ans.table is not None
    assert "<3,5" in ans.text
    assert {c.province for c in ans.citations} >= {"An Giang", "Kon Tum"}


@pytest.mark.parametrize("question,lang", [
    ("Mục tiêu tỷ lệ hộ nghèo của tỉnh Quảng Nam năm 2030 là bao nhiêu?", "vi"),
    ("What is Kon Tum's 2040 target for social housing?", "en"),
    ("An Giang có bao nhiêu sân bay quốc tế theo kế hoạch?", "vi"),
    ("What GDP growth rate does Kon Tum's plan target?", "en"),
])
def test_not_found_is_said_plainly(bot, question, lang):
    ans = bot.ask(question)
    assert ans.found is False and ans.lang == lang
    assert "An Giang" in ans.text and "Kon Tum" in ans.text  # says what is covered


def test_follow_ups_reuse_indicator_and_place(bot):
    first = "Mục tiêu tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi của Kon Tum năm 2030?"
    a1 = bot.ask(first)
    assert a1.found and "< 25" in a1.text
    a2 = bot.ask("Còn năm 2025 thì sao?", history=[first])
    assert a2.found and "< 28,0" in a2.text
    a3 = bot.ask("và An Giang?", history=[first])
    assert a3.found and "<15" in a3.text and a3.citations[0].province == "An Giang"


def test_signer(bot):
    ans = bot.ask("Ai ký kế hoạch của An Giang?")
    assert ans.found and "Lê Văn Phước" in ans.text
    assert "Lê Văn Phước" in ans.citations[0].text


@pytest.mark.parametrize("bad", ["", "   ", "???!!!", "x" * 5000])
def test_bad_questions_are_refused_with_a_message(bot, bad):
    with pytest.raises(QuestionError) as err:
        bot.ask(bad)
    assert str(err.value)


def test_cli_jsonl_answers_every_line_in_order(built_home):
    questions = "Tỷ lệ bác sĩ trên 10.000 dân của Kon Tum năm 2025\n\nKon Tum's 2030 target for social housing\n"
    proc = subprocess.run([sys.executable, "-m", "assistant", "ask", "--jsonl", "--home", str(built_home), "--quiet"],
                          input=questions, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(lines) == 3
    assert lines[0]["found"] and "11,5" in lines[0]["answer"]
    assert "error" in lines[1] and lines[1]["found"] is False
    assert "221.009" in lines[2]["answer"]  # figures as the cited row prints them
    for c in lines[2]["citations"]:
        assert set(c) >= {"document", "province", "locator", "text", "start", "end"}


def test_cli_reports_errors_without_traceback(built_home):
    proc = subprocess.run([sys.executable, "-m", "assistant", "ask", "--home", str(built_home), "--quiet", "   "],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and "câu hỏi trống" in proc.stderr


def test_document_number_in_the_question_narrows_to_that_document(bot):
    ans = bot.ask("Theo Kế hoạch 422/KH-UBND, tỷ lệ thất nghiệp khu vực thành thị năm 2030 là bao nhiêu?")
    assert ans.found and "<4" in ans.text
    assert all(c.province == "An Giang" for c in ans.citations)
    cite = ans.to_json()["citations"][0]  # the document's identity travels with each quote
    assert (cite["doc_kind"], cite["number"], cite["date"]) == ("Kế hoạch", "422/KH-UBND", "2025-04-15")


def test_unaccented_vietnamese_is_understood(bot):
    ans = bot.ask("ty le ho gia dinh co nha tieu hop ve sinh kon tum nam 2030")
    assert ans.found and ans.lang == "vi" and "> 88" in ans.text
    assert ans.citations[0].province == "Kon Tum"


def test_document_facts_quote_where_the_text_says_them(bot):
    ans = bot.ask("Kế hoạch của An Giang có số hiệu là gì?")
    assert ans.found and "422/KH-UBND" in ans.text
    assert "422" in ans.citations[0].text
    blank = bot.ask("What is the document number of Kon Tum's plan?")
    assert blank.found is False and "blank" in blank.text


def test_what_a_plan_implements_is_quoted_from_its_opening(bot):
    ans = bot.ask("Which resolutions does Kon Tum's plan implement?")
    assert ans.found and "81-CTr/TU" in ans.text and "42-NQ/TW" in ans.text
    assert ans.citations[0].locator == "Phần mở đầu" and "81-CTr/TU" in ans.citations[0].text
    clause = bot.ask("Kon Tum: quan hệ lao động hài hòa được thực hiện theo chương trình ban hành kèm quyết định nào?")
    assert clause.found and "435/QĐ" in clause.text  # a clause question, not a question about the plan itself


def test_a_clause_quote_is_the_part_that_answers(bot):
    ans = bot.ask("Tỷ lệ dân số tham gia bảo hiểm y tế của An Giang năm 2030")
    assert ans.found and "95" in ans.text
    assert len(ans.text) < 400  # the ";"-separated target, not the whole list item


def test_a_province_filter_is_never_silently_swapped_for_another_place(bot):
    outside = bot.ask("Tỷ lệ thất nghiệp chung của Kon Tum năm 2025", provinces=["An Giang"])
    assert outside.found is False and "bộ lọc" in outside.text
    inside = bot.ask("Tỷ lệ thất nghiệp chung năm 2025", provinces=["An Giang"])
    assert inside.found and "<3,5" in inside.text and inside.citations[0].province == "An Giang"
