"""The vector memory's products run on one BLAS thread (index/vector_memory.py): the same floats as a
one-thread product, the nearest vectors a float64 product ranks first, and the process's BLAS setting
as it was before and after every search. Real OpenBLAS (numpy's), real threadpoolctl; the vectors are
made here (what is tested is the product, not an embedder).
"""
from __future__ import annotations

import numpy as np
from threadpoolctl import ThreadpoolController

from index.vector_memory import VectorMemory


def _unit(rows: int, dim: int, seed: int) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=(rows, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _blas_threads() -> list[int]:
    return [lib["num_threads"] for lib in ThreadpoolController().select(user_api="blas").info()]


def test_memory_products_are_one_thread_products_and_rank_as_float64():
    vecs = _unit(2027, 384, 3)  # the size at which two threads moved the last bits of a few scores
    memory = VectorMemory(384)
    ids = [f"d:{i}" for i in range(len(vecs))]
    memory.put(ids, vecs)
    before = _blas_threads()
    assert before  # numpy's BLAS is seen (else nothing here would be limited)
    every = set(ids)
    for i in range(0, 2027, 97):
        q = vecs[i] * 0.6 + vecs[(i + 1) % 2027] * 0.4
        with ThreadpoolController().select(user_api="blas").limit(limits=1):
            want = vecs @ q.astype(np.float32)
        for allowed in (None, every, set(ids[::5])):
            got = memory.search(q, 40, allowed)
            rows = [int(cid.partition(":")[2]) for cid, _ in got]
            assert [s for _, s in got] == [float(want[r]) for r in rows]  # the one-thread floats, exactly
            exact = vecs[rows].astype(np.float64) @ q.astype(np.float64)
            assert list(np.argsort(-exact, kind="stable")) == list(range(len(rows)))  # best first, as float64 says
            pool = range(len(vecs)) if allowed is None else sorted(int(c.partition(":")[2]) for c in allowed)
            best = max(pool, key=lambda r: vecs[r].astype(np.float64) @ q.astype(np.float64))
            assert rows[0] == best
        assert _blas_threads() == before  # the process's setting is back after each search
