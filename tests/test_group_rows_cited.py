"""A table row's answer names the group rows above it; each is cited by its own span (``writing.group_citations``).

Hà Nội's Nghị quyết 55/2025/NQ-HĐND (``tests/data/cells/02b9be7711f88c70.md``, copied unchanged from
``../shared/real/docs``) pays funeral support by group of officials under the group row "Chế độ hỗ trợ Lễ tang (ngoài
mức kinh phí theo quy định của Luật Bảo hiểm xã hội Việt Nam)"; the answer printed that row's name and cited only the
row of "Nhóm 5" and the table's header. Measured with every vector: qa3 +1 (its two groups' support asked), nothing
else changed on qa2-tune, qa2-check, qa3, qa4; 45 answers of tune, qa3 and qa4 gain such citations."""
import pytest

from .conftest import ROOT, answering_at_once

RATES = ROOT / "tests/data/cells/02b9be7711f88c70.md"


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    b = answering_at_once(tmp_path_factory, "group-rows", [RATES])
    yield b
    b.close()


def test_the_group_row_an_answer_names_is_cited_by_its_span(bot):
    a = bot.ask("Theo Nghị quyết 55/2025/NQ-HĐND của Hà Nội, Thành phố hỗ trợ lễ tang cho cán bộ Nhóm 5 bao nhiêu tiền?")
    assert a.found and "15.000.000" in a.text and "Chế độ hỗ trợ Lễ tang" in a.text
    groups = [c for c in a.citations if c.locator.endswith("(dòng nhóm / group row)")]
    assert any("Chế độ hỗ trợ Lễ tang" in c.text and "Nhóm" not in c.text for c in groups)
    doc = bot.document(groups[0].doc_id)
    row = next(c for c in a.citations if "Nhóm 5" in c.text and c not in groups)
    for c in groups:
        assert doc.text[c.start:c.end] == c.text and c.end <= row.start  # a row above the answering one
