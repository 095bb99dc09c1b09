"""An English question asking a "procedure code" reads it as the "Mã TTHC" column of a procedure list (glossary:
"procedure code" → "mã tthc|mã thủ tục|mã số"; 17 questions of the development sets say it). Before, "code" was an
unknown word and the procedure's own clauses (its steps, its legal basis) outranked its row in the list. Real documents:
the Ministry of Agriculture's procedures 5042/QĐ-BNNMT (``tests/data/facts/1796a553dfee88ef.md``), beside three others (``conftest.PROCEDURE_FACTS``)."""
from assistant.question.glossary import translate_terms

ASKED = ("What procedure code does Decision 5042/QĐ-BNNMT list for the provincial procedure of issuing the province-wide "
         "plan for converting crops and livestock on rice land?")


def test_the_procedure_code_is_read():
    assert "mã tthc|mã thủ tục|mã số" in translate_terms(ASKED)


def test_the_code_column_of_the_procedure_answers(procedure_bot):
    ans = procedure_bot.ask(ASKED)
    assert ans.found and "6.002276" in ans.text  # the province-wide plan's code, not the district's 6.002284
    assert "6.002284" not in ans.text


def test_a_code_asked_by_which_is_no_list(procedure_bot):
    """"… của các tổ chức mang mã TTHC nào?" asks the procedure's code (``listed._CODE_NOUN``); read as "các … nào", a
    list asked, it was answered with a count of the procedure's six headings."""
    ans = procedure_bot.ask("Theo Quyết định 5042/QĐ-BNNMT, thủ tục đánh giá, xếp hạng năng lực cập nhật, khai thác và quản lý cơ "
                  "sở dữ liệu quốc gia về trồng trọt của các tổ chức mang mã TTHC nào?")
    assert ans.found and "5.000110" in ans.text and "mục" not in ans.text
