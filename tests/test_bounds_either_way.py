"""A bound is met however it is written: "tối đa 9 tháng" asked, "không quá 9 tháng/năm học" printed (as an English
"at most" is read both ways by the glossary). Real document: Huế's tuition resolution 36/2025/NQ-HĐND
(``tests/data/facts/3066a06b520a2418.md``), whose Điều 3 khoản 2 reads "Thời gian hỗ trợ: Theo thời gian học thực tế
và không quá 9 tháng/năm học." beside its khoản 1 on who is supported (``lexicon.VI_EQUIVALENTS``, read as alternatives
by ``evidence.content_tokens``). Measured over qa5's 24 documents with every vector: the question below was answered
with khoản 1, now with khoản 2; no other answer of the development and check sets changed."""
import pytest

from assistant.evidence import content_tokens
from assistant.question.question import analyse

from .conftest import ROOT, answering_at_once

ASKED = "Học sinh trường tư thục được hỗ trợ học phí tối đa bao nhiêu tháng trong một năm học?"
PRINTED = "Thời gian hỗ trợ: Theo thời gian học thực tế và không quá 9 tháng/năm học."


def test_a_bound_is_read_as_its_alternatives():
    toks = content_tokens(analyse(ASKED))
    bound = next(t for t in toks if isinstance(t, tuple))
    assert ("không", "quá", "không_quá") in bound and ("tối", "đa", "tối_đa") in bound
    assert "tối" not in toks


@pytest.fixture(scope="module")
def coverage(tmp_path_factory):
    b = answering_at_once(tmp_path_factory, "bounds", [ROOT / "tests/data/facts/3066a06b520a2418.md"])
    b.warm_up()
    yield b.live.view.answerer.coverage  # the document's own frequencies
    b.close()


def test_the_bound_printed_otherwise_covers_as_the_one_asked(coverage):
    toks = content_tokens(analyse(ASKED), known=coverage.df)
    otherwise = coverage(toks, PRINTED)
    assert otherwise == pytest.approx(coverage(toks, PRINTED.replace("không quá", "tối đa")))
    assert otherwise > coverage(toks, PRINTED.replace("không quá ", ""))
