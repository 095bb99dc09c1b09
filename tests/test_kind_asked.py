"""A question asking a document's facts of a kind of document the one found is not ("… bằng quyết định số mấy?" where
the province's one document is a plan) is not answered with that document's number and date: they would be another
act's. Nghệ An's Kế hoạch 1026/KH-UBND (``tests/data/facts/0a97eb9c3c536047.md``) alone in a home; measured with
every vector: qa3 +1 (an unanswerable of the same shape), no other answer of qa2-tune, qa2-check, qa3 or qa4 changed."""
import pytest

from assistant.answers.document_facts import _other_kind
from ingest.pipeline import load_document

from .conftest import ROOT, answering_at_once

PLAN = ROOT / "tests/data/facts/0a97eb9c3c536047.md"


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    b = answering_at_once(tmp_path_factory, "kind-asked", [PLAN])
    yield b
    b.close()


def test_the_kind_named_first_is_the_one_asked():
    plan = load_document(PLAN)
    assert plan.meta.kind == "Kế hoạch"
    assert _other_kind("Tỉnh Nghệ An ban hành quyết định số mấy về việc này?", plan)
    assert not _other_kind("Kế hoạch của Nghệ An về việc này ban hành ngày nào, theo quyết định số mấy?", plan)
    assert not _other_kind("Who signed Nghệ An's plan?", plan)
    assert _other_kind("Which decision of Nghệ An sets this out, and who signed it?", plan)


def test_a_plan_does_not_answer_for_a_decision(bot):
    asked = bot.ask("Tỉnh Nghệ An ban hành quyết định số mấy, ngày nào để công bố danh mục thủ tục hành chính?")
    assert not asked.found and "1026" not in asked.text and "Kế hoạch" in asked.text
    own = bot.ask("Kế hoạch của Ủy ban nhân dân tỉnh Nghệ An có số hiệu là gì, ban hành ngày nào?")
    assert own.found and "1026/KH-UBND" in own.text and "26" in own.text
