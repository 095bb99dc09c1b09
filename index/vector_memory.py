"""Exact nearest-vector search in memory, beside an embedded Chroma store.

Chroma keeps the vectors on disk and answers an unfiltered query in ~1.5 ms at 18,000 chunks, but
a filtered one — one province, one document, table rows only — costs 10–44 ms there (its metadata
pre-filter), and every question asks two or three filtered ones. Here the same vectors sit in one
float32 matrix (1.5 kB a chunk: 28 MB at 18,000) and a filter is the rows it allows: a dot product
over them takes about a millisecond.

    memory = VectorMemory()
    memory.load(pages)                       # (ids, vectors) pages read from the collection once
    memory.put(["d:0", "d:1"], vectors)      # the embedding pass adds as it stores
    memory.search(query_vector, k=40, allowed={"d:0", "x:3"})   → [("d:0", 0.83), …]

Scores are cosine similarities (every stored vector is unit length), as Chroma's ``1 - distance``.
Writers (the background pass) and readers (questions) share one lock.

The product runs on one BLAS thread: a matrix-vector product is bound by memory, not arithmetic, and
OpenBLAS's second thread, waiting on a core another process holds, made 2,027 vectors' product cost
0.9–2.6 ms of CPU (3–8.5 ms wall) where one thread takes 0.05–0.12 ms (load 10–14), six times a question.
One thread also gives the same floats on every machine, whatever its cores (two threads split the rows
where the kernel's unrolled blocks fall: the last bits of a few scores moved at 2,027 rows).
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator

import numpy as np

from ground.blas import one_blas_thread

from .positions import KeptPositions

# Beyond this many vectors the matrix would outgrow a small server's memory (1.5 kB each):
# the store's own filtered queries serve instead.
MAX_VECTORS = 400_000


class VectorMemory:
    def __init__(self, dim: int):
        self.dim = dim
        self._lock = threading.Lock()
        self._reset()

    def _reset(self) -> None:
        self._mat = np.zeros((0, self.dim), dtype=np.float32)
        self._alive = np.zeros(0, dtype=bool)
        self._ids: list[str] = []
        self._pos: dict[str, int] = {}
        self._n = 0
        self._kept_rows = KeptPositions()  # until vectors are added or dropped
        self.ready = False  # set once the stored vectors are all in

    def __len__(self) -> int:
        return len(self._pos)

    def ids(self) -> list[str]:
        with self._lock:
            return list(self._pos)

    def load(self, pages: Iterable[tuple[list[str], np.ndarray]]) -> bool:
        """Take every stored vector, page by page; False (and nothing kept) past ``MAX_VECTORS``."""
        for ids, vectors in pages:
            self.put(ids, vectors)
            if len(self) > MAX_VECTORS:
                self.clear()
                return False
        self.ready = True
        return True

    def clear(self) -> None:
        with self._lock:
            self._reset()

    def put(self, ids: list[str], vectors) -> None:
        """Add or replace vectors (an upsert, like the store's)."""
        vecs = np.asarray(vectors, dtype=np.float32).reshape(len(ids), self.dim)
        with self._lock:
            self._kept_rows.clear()
            for cid, vec in zip(ids, vecs, strict=True):
                at = self._pos.get(cid)
                if at is None:
                    at = self._append(cid)
                self._mat[at] = vec

    def drop(self, ids: Iterable[str]) -> None:
        with self._lock:
            self._kept_rows.clear()
            for cid in ids:
                at = self._pos.pop(cid, None)
                if at is not None:
                    self._alive[at] = False

    def search(self, vec, k: int, allowed: set[str] | None = None) -> list[tuple[str, float]]:
        """The ``k`` nearest of the allowed vectors (all, for None), best first."""
        q = np.asarray(vec, dtype=np.float32).reshape(self.dim)
        with self._lock:
            if allowed is None:
                rows = np.flatnonzero(self._alive[:self._n])
            else:
                rows = self._kept_rows.of(allowed, self._pos.get, self._pos)
            if not len(rows) or k <= 0:
                return []
            # a few rows: their own product; many: one product over all, read at those rows (no copy)
            with one_blas_thread():
                scores = self._mat[rows] @ q if len(rows) * 8 < self._n else (self._mat[:self._n] @ q)[rows]
            top = np.argpartition(-scores, k - 1)[:k] if len(rows) > k else np.arange(len(rows))
            top = top[np.argsort(-scores[top], kind="stable")]
            return [(self._ids[rows[i]], float(scores[i])) for i in top]

    def _append(self, cid: str) -> int:
        if self._n == len(self._mat):  # grow by doubling: the pass adds a few dozen at a time
            grown = max(1024, 2 * len(self._mat))
            mat = np.zeros((grown, self.dim), dtype=np.float32)
            mat[:self._n] = self._mat[:self._n]
            alive = np.zeros(grown, dtype=bool)
            alive[:self._n] = self._alive[:self._n]
            self._mat, self._alive = mat, alive
        at = self._n
        self._n += 1
        self._ids.append(cid)
        self._pos[cid] = at
        self._alive[at] = True
        return at


def pages_of(get: Callable[..., dict], page: int) -> Iterator[tuple[list[str], np.ndarray]]:
    """Every (ids, vectors) page of a collection, ``get`` taking Chroma's ``Collection.get`` arguments."""
    offset = 0
    while True:
        got = get(include=["embeddings"], limit=page, offset=offset)
        ids = list(got["ids"])
        if not ids:  # an empty collection (vectors not made yet), or the last page just filled
            return
        yield ids, np.asarray(got["embeddings"], dtype=np.float32).reshape(len(ids), -1)
        if len(ids) < page:
            return
        offset += page
