"""A department the question names that a source's document never names refuses that source
(``found.department_absent``): the document is about another one. Cao Bằng's Quyết định 52/2025/QĐ-CTUBND
(``tests/data/facts/fc5e61d70df8c70c.md``) decentralises tasks to Sở Giáo dục và Đào tạo and names no other
department; "… phân cấp cho Sở Y tế …" was answered from it, the same question of Sở Giáo dục và Đào tạo is. Measured
with every vector: qa4 +1 (that unanswerable refused), tune, check, qa3 unchanged."""
import pytest

from assistant.found import department_absent

from .conftest import ROOT, answering_at_once

DECISION = ROOT / "tests/data/facts/fc5e61d70df8c70c.md"


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    b = answering_at_once(tmp_path_factory, "department-named", [DECISION])
    yield b
    b.close()


def test_a_department_named_and_absent():
    text = DECISION.read_text(encoding="utf-8")
    assert department_absent("Tỉnh Cao Bằng đã phân cấp cho Sở Y tế những nhiệm vụ nào?", text)
    assert not department_absent("Tỉnh Cao Bằng đã phân cấp cho Sở Giáo dục và Đào tạo những nhiệm vụ nào?", text)
    assert not department_absent("Cao Bằng đã phân cấp những nhiệm vụ nào?", text)  # no department named
    # written without its diacritics, or by its English rendered: the same department
    assert not department_absent("so giao duc va dao tao duoc phan cap gi?", text)
    assert department_absent("Which tasks were decentralised to the Department of Health? | sở y tế", text)


def test_the_other_department_is_refused_and_its_own_answered(bot):
    other = bot.ask("Tỉnh Cao Bằng đã phân cấp cho Sở Y tế thực hiện những nhiệm vụ nào trong lĩnh vực y tế?")
    assert not other.found, other.text
    own = bot.ask("Tỉnh Cao Bằng đã phân cấp cho Sở Giáo dục và Đào tạo thực hiện những nhiệm vụ nào?")
    assert own.found and all("52/2025/QĐ-CTUBND" in c.document for c in own.citations[:1]), own.text
