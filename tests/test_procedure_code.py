"""An English question asking a "procedure code" reads it as the "Mã TTHC" column of a procedure list (glossary:
"procedure code" → "mã tthc|mã thủ tục|mã số"; 17 questions of the development sets say it). Before, "code" was an
unknown word and the procedure's own clauses (its steps, its legal basis) outranked its row in the list. Real documents:
the Ministry of Agriculture's procedures 5042/QĐ-BNNMT (``tests/data/facts/1796a553dfee88ef.md``), beside two others."""
from assistant.question.glossary import translate_terms

from .conftest import ROOT, at_once_fixture

FACTS = ROOT / "tests/data/facts"
ASKED = ("What procedure code does Decision 5042/QĐ-BNNMT list for the provincial procedure of issuing the province-wide "
         "plan for converting crops and livestock on rice land?")


def test_the_procedure_code_is_read():
    assert "mã tthc|mã thủ tục|mã số" in translate_terms(ASKED)


bot = at_once_fixture("procedure_code", FACTS / "1796a553dfee88ef.md", FACTS / "5e4a9784909432f8.md",
                      FACTS / "ac0f18a2d1b4fb56.md")


def test_the_code_column_of_the_procedure_answers(bot):
    ans = bot.ask(ASKED)
    assert ans.found and "6.002276" in ans.text  # the province-wide plan's code, not the district's 6.002284
    assert "6.002284" not in ans.text


def test_a_code_asked_by_which_is_no_list(bot):
    """"… của các tổ chức mang mã TTHC nào?" asks the procedure's code (``listed._CODE_NOUN``); read as "các … nào", a
    list asked, it was answered with a count of the procedure's six headings."""
    ans = bot.ask("Theo Quyết định 5042/QĐ-BNNMT, thủ tục đánh giá, xếp hạng năng lực cập nhật, khai thác và quản lý cơ "
                  "sở dữ liệu quốc gia về trồng trọt của các tổ chức mang mã TTHC nào?")
    assert ans.found and "5.000110" in ans.text and "mục" not in ans.text
