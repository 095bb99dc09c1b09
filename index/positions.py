"""Array positions of a filter's chunk ids, kept per filter set: the walk over a big filter is paid once.

A filter that unites thousands of documents lets 500,000 chunk ids through; turning them into array
positions costs ~0.8 s. The retriever keeps each filter's ``frozenset`` (HybridSearch.allowed), so the
same object comes back question after question, and its positions are kept beside it, until the owner
(BM25, the vector memory) changes and calls ``clear``.

    kept = KeptPositions()
    kept.of(allowed, {"d:0": 0, "d:1": 1}.get)   → array([0, 1]) (order of the set)
"""
from __future__ import annotations

from collections.abc import Callable, Collection, MutableSet, Set

import numpy as np

KEPT = 16  # filter sets remembered (a question asks two or three)


class KeptPositions:
    def __init__(self):
        self._kept: dict[int, tuple] = {}  # id(frozenset) → (that set, its positions)

    def clear(self) -> None:
        self._kept = {}

    def of(self, allowed, position: Callable[[str], int | None], known: Collection[str] = ()) -> np.ndarray:
        """Positions of the ids in ``allowed`` that ``position`` knows, in ``allowed``'s order; kept only for
        a read-only set (a frozenset, index/filters.py's ChunkSet: a mutable set may change under the same
        id). ``known``: every id ``position`` knows; a set larger than it that can say where an id comes
        (``sort_key``: a ChunkSet) is matched by walking ``known`` instead (the national documents' 500,000
        chunk ids at ×10 against the 18,000 vectors of the real documents)."""
        got = self._kept.pop(id(allowed), None)
        if got is not None and got[0] is allowed:
            self._kept[id(allowed)] = got  # moved last: the least recently used is the one dropped
            return got[1]
        if hasattr(allowed, "sort_key") and len(allowed) > len(known) > 0:
            ids = sorted((cid for cid in known if cid in allowed), key=allowed.sort_key)
            pos = np.fromiter(map(position, ids), dtype=np.int64, count=len(ids))
        else:
            pos = np.fromiter((p for p in map(position, allowed) if p is not None), dtype=np.int64)
        if isinstance(allowed, Set) and not isinstance(allowed, MutableSet):
            if len(self._kept) >= KEPT:  # the national documents' big set, asked on most questions, stays
                self._kept.pop(next(iter(self._kept)), None)
            self._kept[id(allowed)] = (allowed, pos)
        return pos
