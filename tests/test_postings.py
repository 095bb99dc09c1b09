"""Postings as arrays (index/postings.py) against the dict of dicts they replaced, on real chunks."""
import random

import numpy as np
import pytest

from index import postings as postings_module
from index.lexical import BM25
from index.postings import Postings
from index.segments import Segment


def _by_dicts(counts: list[dict[str, int]]) -> dict[str, dict[int, int]]:
    out: dict[str, dict[int, int]] = {}
    for i, c in enumerate(counts):
        for t, n in c.items():
            out.setdefault(t, {})[i] = n
    return out


def _add(p: Postings, base: int, counts: list[dict[str, int]]) -> None:
    seg = Segment.of_counts("syllable+bigram", [f"c:{base + i}" for i in range(len(counts))], counts)
    p.add_arrays(base, seg.terms, seg.tids, seg.tf, seg.sizes)


def _as_dict(p: Postings, tok: str) -> dict[int, int]:
    got = p.of(tok)
    return {} if got is None else dict(zip(got[0].tolist(), got[1].tolist(), strict=True))


@pytest.fixture(scope="module")
def real_counts(shipped_docs):
    bm = BM25()
    return bm.analyse([c.search_text for d in shipped_docs.values() for c in d.chunks])


def test_worked_example_of_the_docstring():
    p = Postings()
    _add(p, 0, [{"nhà": 2, "nhà_ở": 1}, {"nhà": 1}])
    assert _as_dict(p, "nhà") == {0: 2, 1: 1} and p.df("nhà_ở") == 1 and p.of("xã") is None
    p.keep(np.array([False, True]))
    assert _as_dict(p, "nhà") == {0: 1} and p.df("nhà_ở") == 0 and p.of("nhà_ở") is None
    assert "nhà_ở" not in p.frequencies() and dict(p.frequencies().items()) == {"nhà": 1}


@pytest.mark.parametrize("merge_min", [0, 10**9])  # the recent part kept apart, or merged at once
def test_added_in_batches_the_postings_are_the_dicts(real_counts, monkeypatch, merge_min):
    monkeypatch.setattr(postings_module, "MERGE_MIN", merge_min)
    p = Postings()
    rng = random.Random(7)
    base = 0
    while base < len(real_counts):  # commits of uneven sizes, searched between them
        size = rng.randint(1, 60)
        _add(p, base, real_counts[base:base + size])
        base += len(real_counts[base:base + size])
        p.of("nhà_ở")
    want = _by_dicts(real_counts)
    assert all(_as_dict(p, t) == want[t] for t in want)
    assert dict(p.frequencies().items()) == {t: len(v) for t, v in want.items()}
    assert all(p.frequencies().get(t) == len(v) for t, v in list(want.items())[:500])


def test_dropping_chunks_renumbers_like_the_dicts(real_counts):
    p = Postings()
    _add(p, 0, real_counts[:200])
    _add(p, 200, real_counts[200:])  # in the recent part when dropped
    rng = random.Random(3)
    kept = np.array([rng.random() > 0.3 for _ in real_counts])
    p.keep(kept)
    want = _by_dicts([c for c, k in zip(real_counts, kept, strict=True) if k])
    assert all(_as_dict(p, t) == want.get(t, {}) for t in p.vocab)
    assert len(p.frequencies()) == len(want)
    assert p.counts_at({0, 5}) == {0: [c for c, k in zip(real_counts, kept, strict=True) if k][0],
                                  5: [c for c, k in zip(real_counts, kept, strict=True) if k][5]}


def test_bm25_keeps_ranking_after_a_drop_and_an_addition(shipped_docs):
    chunks = [c for d in shipped_docs.values() for c in d.chunks]
    bm = BM25()
    bm.add([c.chunk_id for c in chunks], [c.search_text for c in chunks])
    gone = {c.chunk_id for c in chunks[::3]}
    bm.remove(gone)
    left = [c for c in chunks if c.chunk_id not in gone]
    fresh = BM25()
    fresh.add([c.chunk_id for c in left], [c.search_text for c in left])
    for q in ("nhà ở xã hội", "tỷ lệ hộ nghèo", "chuyển đổi số"):
        assert bm.search(q, k=15) == fresh.search(q, k=15)
    bm.add(["new:0"], ["nhà ở xã hội cho công nhân khu công nghiệp"])
    fresh.add(["new:0"], ["nhà ở xã hội cho công nhân khu công nghiệp"])
    assert bm.search("nhà ở xã hội công nhân", k=15) == fresh.search("nhà ở xã hội công nhân", k=15)
    assert bm.document_frequencies() == fresh.document_frequencies()
