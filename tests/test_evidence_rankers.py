"""The fitted evidence rankers (``assistant.row_ranker``, ``assistant.clause_ranker``) and their fit
(``bench.row_fit.fit``): the named features of real table rows, the hand order kept where no weights are
set, a reorder by weights, a refused clause keeping its place, and a fit that learns which feature tells
the right candidate from its siblings."""
import numpy as np
import pytest

from assistant import clause_ranker, row_ranker, table_scoring
from assistant.context import Context
from assistant.evidence import Coverage, Scored
from assistant.question.question import analyse
from bench import row_fit
from index.lexical import BM25
from index.retriever import Filters
from ingest.pipeline import load_document

from .conftest import ROOT
from .test_answer_strategies import KNOWN, Shelf

MINES = "tests/data/real/d600829aa1fa6596.md"  # Thái Nguyên: mines × capacity by period (2021-2030, 2031-2050)


@pytest.fixture(scope="module")
def mines():
    return load_document(str(ROOT / MINES))


@pytest.fixture(scope="module")
def coverage(mines):
    index = BM25()
    index.add([c.chunk_id for c in mines.chunks], [c.search_text for c in mines.chunks])
    return Coverage(index)


def _features(doc, coverage, question: str, labels: list[str]) -> list[tuple[Scored, dict]]:
    """Each named row scored as the table scoring scores it, with its named features."""
    ctx = Context(analyse(question, known=KNOWN), Filters(), Shelf([doc]), coverage)
    rows = [next(r for r in doc.rows if r.label.startswith(lab)
            and any(c.header.startswith("Công suất") for c in r.cells))
            for lab in labels]
    chunks = [next(c for c in doc.chunks if c.row is r) for r in rows]
    feats: dict[int, dict] = {}
    qtoks = ctx.terms(keep_years=True)
    out = [table_scoring._scored(ctx, qtoks, c, doc, 0.0, [], feats) for c in chunks]
    return [(s, feats[id(s)]) for s in out]


def test_a_row_carries_its_named_features(mines, coverage):
    """The row the question names covers it by its own words and its name; the year asked is in its headers;
    without unit vectors the vector features are 0."""
    (named, f_named), (other, f_other) = _features(
        mines, coverage, "Công suất khai thác quặng của mỏ Núi Pháo mở rộng năm 2035 là bao nhiêu?",
        ["Mỏ Núi Pháo (mở rộng)", "Khu vực Núi Chiếm"])
    assert set(f_named) >= set(row_ranker.FEATURES) - {"figures", "hand"}
    assert f_named["named"] > f_other["named"] and f_named["own"] > f_other["own"]
    assert f_named["period"] == 1.0  # "2035" → "Công suất khai thác › 2031 - 2050 › …"
    assert f_named["unit_sim"] == f_named["unit_top"] == f_named["cross"] == 0.0
    assert named.unit_sim is None


def test_no_weights_keep_the_hand_order(mines, coverage, monkeypatch):
    rows = [s for s, _ in _features(mines, coverage, "Công suất khai thác của khu vực Núi Chiếm?",
                                    ["Mỏ Núi Pháo (mở rộng)", "Khu vực Núi Chiếm"])]
    monkeypatch.setattr(row_ranker, "AT_ONCE", None)
    assert row_ranker.rerank(rows, {}) == rows
    monkeypatch.setattr(clause_ranker, "AT_ONCE", None)
    assert clause_ranker.rerank(rows, {}) == rows


def test_weights_reorder_the_best_rows(mines, coverage, monkeypatch):
    """With weights on the row's name, the row the question names comes first though the hand put it second."""
    scored = _features(mines, coverage, "Công suất khai thác của khu vực Núi Chiếm?",
                       ["Mỏ Núi Pháo (mở rộng)", "Khu vực Núi Chiếm"])
    rows, feats = [s for s, _ in scored], {id(s): f for s, f in scored}
    weights = tuple(1.0 if n == "named" else 0.0 for n in row_ranker.FEATURES)
    monkeypatch.setattr(row_ranker, "AT_ONCE", weights)
    assert row_ranker.rerank(rows, feats) == [rows[1], rows[0]]


def test_a_refused_clause_keeps_its_place(mines, monkeypatch):
    """Only the clauses the found decision accepts trade places: the one in ``fixed`` stays where it was."""
    clauses = [Scored(c, mines, 1.0) for c in mines.chunks[:4]]
    feats = {id(s): {"sent": float(i)} for i, s in enumerate(clauses)}  # the later, the better
    monkeypatch.setattr(clause_ranker, "AT_ONCE", tuple(1.0 if n == "sent" else 0.0 for n in clause_ranker.FEATURES))
    out = clause_ranker.rerank(clauses, feats, {id(clauses[0])})
    assert out == [clauses[0], clauses[3], clauses[2], clauses[1]]


def test_the_fit_learns_what_tells_the_right_candidate_apart(monkeypatch):
    """Rankings where the hand order puts a sibling first and the right candidate has the higher ``named``:
    the fit weighs ``named`` positively and puts the right candidate first in rankings it has not seen."""
    monkeypatch.setattr(row_fit, "ranker", row_ranker)
    rng = np.random.default_rng(0)
    names = row_ranker.FEATURES
    hand, named = names.index("hand"), names.index("named")

    def ranking():
        x = rng.normal(0, 0.1, (5, len(names)))
        x[:, hand] = np.linspace(1.0, 0.6, 5)  # the hand order: first is best
        right = int(rng.integers(1, 5))
        x[:, named] = rng.uniform(0, 0.4, 5)
        x[right, named] = 0.9
        y = np.zeros(5)
        y[right] = 1.0
        return x, y

    w = row_fit.fit([ranking() for _ in range(40)], names, l2=1.0)
    assert w[named] > 0
    held = [ranking() for _ in range(20)]
    assert row_fit.first_right(held, w)[0] >= 18 and row_fit.first_right(held, None)[0] == 0
