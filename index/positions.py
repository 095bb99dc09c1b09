"""Array positions of a filter's chunk ids, kept per filter set: the walk over a big filter is paid once.

A filter that unites thousands of documents lets 500,000 chunk ids through; turning them into array
positions costs ~0.8 s. The retriever keeps each filter's ``frozenset`` (HybridSearch.allowed), so the
same object comes back question after question, and its positions are kept beside it, until the owner
(BM25, the vector memory) changes and calls ``clear``.

    kept = KeptPositions()
    kept.of(allowed, {"d:0": 0, "d:1": 1}.get)   → array([0, 1]) (order of the set)
"""
from __future__ import annotations

from collections.abc import Callable, MutableSet, Set

import numpy as np

KEPT = 16  # filter sets remembered (a question asks two or three)


class KeptPositions:
    def __init__(self):
        self._kept: dict[int, tuple] = {}  # id(frozenset) → (that set, its positions)

    def clear(self) -> None:
        self._kept = {}

    def of(self, allowed, position: Callable[[str], int | None]) -> np.ndarray:
        """Positions of the ids in ``allowed`` that ``position`` knows; kept only for a read-only set
        (a frozenset, index/filters.py's ChunkSet: a mutable set may change under the same id)."""
        got = self._kept.pop(id(allowed), None)
        if got is not None and got[0] is allowed:
            self._kept[id(allowed)] = got  # moved last: the least recently used is the one dropped
            return got[1]
        pos = np.fromiter((p for p in map(position, allowed) if p is not None), dtype=np.int64)
        if isinstance(allowed, Set) and not isinstance(allowed, MutableSet):
            if len(self._kept) >= KEPT:  # the national documents' big set, asked on most questions, stays
                self._kept.pop(next(iter(self._kept)), None)
            self._kept[id(allowed)] = (allowed, pos)
        return pos
