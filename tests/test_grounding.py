"""An answer's quoted pieces stating a figure no citation holds are cited where they stand (assistant/grounding.py),
on a real law (tests/data/laws/luat-cu-tru.txt)."""
from pathlib import Path

import pytest

from assistant.citing import span_citation
from assistant.grounding import ground, unheld
from assistant.model import Answer
from ingest.pipeline import parse_text

LAW = Path(__file__).parent / "data" / "laws" / "luat-cu-tru.txt"


@pytest.fixture(scope="module")
def law():
    return parse_text(LAW.read_text(encoding="utf-8"), str(LAW), "txt")


def _clause(doc, locator):
    chunk = next(c for c in doc.chunks if c.locator == locator)
    return chunk, span_citation(doc, chunk.locator, chunk.start, chunk.end, "article")


def test_a_quoted_heading_stating_a_figure_is_cited_where_it_stands(law):
    chunk, cited = _clause(law, "Điều 20 › Khoản 1")
    text = f"Theo Luật Cư trú, phần “Điều 20. Điều kiện đăng ký thường trú”: “{chunk.text[:60]}…”"
    ans = Answer(question="Công dân có chỗ ở hợp pháp thì đăng ký thường trú ở đâu?", text=text, found=True,
                 citations=[cited])
    assert unheld(ans) == ["20"]
    got = ground(ans, {law.doc_id: law})
    assert got.citations[0] is cited and len(got.citations) == 2
    heading = got.citations[1]
    assert heading.text == "Điều 20. Điều kiện đăng ký thường trú" == law.text[heading.start:heading.end]
    assert heading.locator.startswith("Điều 20") and heading.kind == "quote"
    assert unheld(got) == []


def test_pieces_already_cited_figures_asked_and_counts_stay_as_they_are(law):
    chunk, cited = _clause(law, "Điều 20 › Khoản 8")
    ans = Answer(question="Điều 20 khoản 8 nói gì?", text=f"“{chunk.text}”", found=True, citations=[cited])
    assert unheld(ans) == [] and ground(ans, {law.doc_id: law}) is ans  # "20" asked, "23" cited
    counted = Answer(question="Có bao nhiêu khoản?", text=f"“{chunk.text[:40]}”: 8 mục (đếm)", found=True,
                     citations=[cited])
    assert unheld(counted) == [] and ground(counted, {law.doc_id: law}) is counted  # "8" opens the clause itself
    computed = Answer(question="Có bao nhiêu khoản?", text="“Công dân không được đăng ký”: 17 mục (đếm)", found=True,
                      citations=[cited])
    assert unheld(computed) == ["17"] and ground(computed, {law.doc_id: law}).citations == [cited]  # in no source
    refused = Answer(question="?", text="Không tìm thấy (Điều 99)", found=False)
    assert ground(refused, {law.doc_id: law}) is refused
