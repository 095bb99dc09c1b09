"""A date asked ("phải xong trước ngày nào", "by what date") is a typed value (``Asked("date")``): sources stating a
date (not a cited document's or the letter's own) are preferred, and the sentence stating it quoted. Quảng Trị's
Decision 2844/QĐ-UBND (``tests/data/facts/626bc5de0254525c.md``) alone in a home answering at once: its Điều 2 gives
Sở Nông nghiệp và Môi trường the electronic procedures to build, "Hoàn thành trước ngày 30/11/2025", and its annex
lists the procedures with their processing times — in qa3's 24-document home the row was quoted before, its
"60 ngày" no date (alone in a home both codes quote Điều 2: the end-to-end test guards it). Measured with
every vector: qa3 +2, qa4 −1 (a question asking two dates lost its second), tune and check unchanged; at once tune
+1. A date asked orders sources; it does not refuse one that states none (a date is often one part of several)."""
import pytest

from assistant.question.asked import Asked, asked, holds, typed_strongly

from .conftest import ROOT, answering_at_once

DECISION = ROOT / "tests/data/facts/626bc5de0254525c.md"


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    b = answering_at_once(tmp_path_factory, "date-asked", [DECISION])
    yield b
    b.close()


def test_a_date_asked_is_typed():
    assert asked("Việc này phải xong trước ngày nào?", "vi") == Asked("date")
    assert asked("By what date must the ministry report?", "en") == Asked("date")
    assert typed_strongly(Asked("date"))
    assert holds(Asked("date"), "Hoàn thành trước ngày 30/11/2025.")
    assert not holds(Asked("date"), "Bãi bỏ Quyết định số 15/2025/QĐ-UBND ngày 01/3/2025 của Ủy ban nhân dân tỉnh")
    assert not holds(Asked("date"), "tối đa là 60 ngày kể từ ngày nhận đủ hồ sơ")


def test_the_deadline_and_the_body_are_quoted(bot):
    got = bot.ask("Quyết định 2844/QĐ-UBND giao cơ quan nào xây dựng quy trình điện tử giải quyết thủ tục thăm dò "
                  "khoáng sản và phải xong trước ngày nào?")
    assert got.found and "Sở Nông nghiệp và Môi trường" in got.text and "30/11/2025" in got.text
    assert any("Hoàn thành trước ngày 30/11/2025" in c.text for c in got.citations)
