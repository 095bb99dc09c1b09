"""A question about one step of a workflow is answered by that step's row, not by its procedure's row in the list
(``answers/table_row._step_asked``). Real document: Sơn La's decision on the one-off allowance procedures
(tests/data/facts/ad52bc0b105a20cd.md): Phụ lục I lists the procedures with their whole time (12 working days),
Phụ lục II their workflows, step "B4. Liên thông Sở Nội vụ" 02 days. Which row of the found document states the step
is the scorer's order with the hand rule's evidence: the fitted found decision weighs a source against the other
documents', and in a larger index the step row, holding few of its procedure's words, fell below it."""

import pytest

from assistant import answering, found
from assistant.answers import table_row
from assistant.cell_choice import is_step

from .conftest import ROOT, answering_at_once

QUESTION = ("Trong quy trình nội bộ giải quyết chế độ trợ cấp một lần cho đối tượng còn sống (thẩm quyền Chủ tịch UBND "
            "tỉnh) tại Sơn La, bước liên thông Sở Nội vụ tiếp nhận, thẩm định hồ sơ được bố trí bao nhiêu ngày?")


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    b = answering_at_once(tmp_path_factory, "step", [ROOT / "tests/data/facts/ad52bc0b105a20cd.md", ROOT / "tests/data/halves/051c596134cabb79.md"])
    yield b
    b.close()


def test_the_step_asked_answers(bot):
    ans = bot.ask(QUESTION)
    assert ans.found and "Liên thông Sở Nội vụ" in ans.text and "02 ngày" in ans.text


def test_the_step_row_replaces_its_procedures_row_whatever_the_fitted_decision(bot, monkeypatch):
    seen = {}
    choose = answering._choose

    def keep(ctx):
        seen["ctx"] = ctx
        return choose(ctx)

    monkeypatch.setattr(answering, "_choose", keep)
    bot.ask(QUESTION)
    ctx = seen["ctx"]
    procedure = next(s for s in ctx.table if not is_step(s.row) and "trợ cấp một lần" in s.row.label)
    monkeypatch.setattr(found, "FOUND_LOGIT", 99.0)  # no source passes the fitted decision now
    step = table_row._step_asked(ctx, procedure)
    assert is_step(step.row) and "Liên thông Sở Nội vụ" in step.row.label
