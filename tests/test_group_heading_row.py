"""A group's own heading read as a row names no item (``table_scoring.heads_its_group``): in the list of abolished
procedures of 5042/QĐ-BNNMT the group heading "B | THỦ TỤC HÀNH CHÍNH CẤP HUYỆN" spans the row, and its title lands in
the code column ("Mã TTHC: THỦ TỤC HÀNH CHÍNH CẤP HUYỆN", no name, number "B" in group "B"). Asked the district
procedure's code, that heading answered with its title; the row under it answers with "6.002284". Real document:
``tests/data/facts/1796a553dfee88ef.md`` (``conftest.PROCEDURE_FACTS``)."""
from assistant.table_scoring import heads_its_group
from ingest.model import TableRow

from .conftest import PROCEDURE_FACTS


def _row(number, label, group):
    return TableRow(doc_id="d", table=3, caption="Phụ lục", group=group, number=number, label=label, cells=[],
                    kind="list")


def test_a_groups_heading_row_is_no_item():
    assert heads_its_group(_row("B", "", ["B"]))
    assert heads_its_group(_row("II.", "", ["II THỦ TỤC HÀNH CHÍNH CẤP XÃ"]))
    assert not heads_its_group(_row("1", "", ["B"]))  # a numbered row whose name was not read: still an item
    assert not heads_its_group(_row("B", "Ban hành Kế hoạch …", ["B"]))


def test_the_district_procedures_code_answers(procedure_bot):
    assert PROCEDURE_FACTS[0].name == "1796a553dfee88ef.md"
    ans = procedure_bot.ask("Thủ tục hành chính nội bộ cấp huyện bị bãi bỏ theo Quyết định 5042/QĐ-BNNMT có mã TTHC là gì?")
    assert ans.found and "6.002284" in ans.text, ans.text
