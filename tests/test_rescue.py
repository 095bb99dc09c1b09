"""Which candidate of a kind the router weighs (``answering._first_answering``): the first where it answers; where it
does not, the one of the next two the found decision rates highest among those that answer; else the first. The
found rule itself is tested on real documents elsewhere (tests/test_found_rule.py, tests/test_found_decision.py);
here it is replaced by a table of verdicts, to test the choice alone."""
from types import SimpleNamespace

import pytest

from assistant import answering


@pytest.fixture
def verdicts(monkeypatch):
    table: dict[str, tuple[bool, float]] = {}  # name → (answers, decision)
    monkeypatch.setattr(answering, "answers", lambda ctx, s: s is not None and table[s.name][0])
    monkeypatch.setattr(answering, "decision", lambda ctx, s: table[s.name][1])
    return table


def _some(*names):
    return [SimpleNamespace(name=n) for n in names]


def test_the_first_answering_is_kept(verdicts):
    verdicts.update(a=(True, -0.5), b=(True, 2.0), c=(True, 1.0))
    assert answering._first_answering(None, _some("a", "b", "c")).name == "a"


def test_a_sibling_answers_where_the_first_does_not_the_best_rated(verdicts):
    verdicts.update(a=(False, -1.02), b=(True, -0.73), c=(True, -0.77), d=(True, 3.0))
    assert answering._first_answering(None, _some("a", "b", "c", "d")).name == "b"  # "d" is beyond the next two


def test_none_answering_leaves_the_first_to_be_refused(verdicts):
    verdicts.update(a=(False, -1.5), b=(False, -1.2))
    assert answering._first_answering(None, _some("a", "b")).name == "a"
    assert answering._first_answering(None, []) is None
