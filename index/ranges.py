"""A filter as ranges of array positions: a document's chunks sit side by side in BM25's arrays.

A place's fallback to the national documents lets ~500,000 of 542,000 chunks through at ×10; as a
set of chunk ids it cost 0.3–0.7 s to turn into positions the first time it was asked. As ranges it
is one pair of integers per document (or per run of the asked kind inside one), and a term's
postings are kept or dropped by a binary search of their (ascending) positions:

    starts, ends = np.array([0, 10]), np.array([4, 12])     # positions 0..3 and 10..11
    within(np.array([1, 4, 10, 12]), starts, ends)          → array([ True, False,  True, False])
    inside(np.array([1, 4, 10, 12]), starts, ends)          → array([0, 2])   (indices of those inside)
    runs(np.array([2, 3, 4, 9]))                            → (array([2, 9]), array([5, 10]))

A filter of thousands of ranges (the national documents of a place's fallback: 4,411 ranges holding
524,000 of 542,000 chunks at ×10) is also kept as a mask, one flag per position (``RangeMasks``): a
lookup per candidate instead of a binary search among the ranges, and a filter letting most chunks
through is scored like no filter, the few it keeps out dropped after (24 → 12 ms a search at ×10).
"""
from __future__ import annotations

import threading

import numpy as np

MASK_RANGES = 256  # ranges from which a filter is kept as a mask of positions (cheaper than binary searches)
MASKS_KEPT = 4  # masks kept (n bytes each: 0.5 MB at ×10); a question's big filter is the national one


def within(pos: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Which of ``pos`` fall inside one of the sorted, disjoint ranges ``[starts[i], ends[i])``."""
    at = np.searchsorted(starts, pos, side="right") - 1
    inside = at >= 0
    inside[inside] = pos[inside] < ends[at[inside]]
    return inside


def inside(pos: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Indices into ascending ``pos`` of the positions inside the ranges: for a few ranges, each range
    cut out of ``pos`` by binary search (a province's documents: the term's other postings are never
    read); for many, every position looked up among the ranges (``within``)."""
    if len(starts) * 8 >= len(pos):
        return np.flatnonzero(within(pos, starts, ends))
    a, b = np.searchsorted(pos, starts), np.searchsorted(pos, ends)
    sizes = b - a
    total = int(sizes.sum())
    return np.arange(total) + np.repeat(a - (np.cumsum(sizes) - sizes), sizes)


def runs(ordinals: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Ascending integers as ranges of consecutive ones: [2, 3, 4, 9] → [2, 5) and [9, 10)."""
    if not len(ordinals):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    cut = np.flatnonzero(np.diff(ordinals) != 1) + 1
    return ordinals[np.r_[0, cut]].astype(np.int64), ordinals[np.r_[cut - 1, len(ordinals) - 1]].astype(np.int64) + 1


def joined(parts: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """Several (starts, ends) as one, sorted by start (they must not overlap)."""
    if not parts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    starts = np.concatenate([s for s, _ in parts])
    ends = np.concatenate([e for _, e in parts])
    order = np.argsort(starts, kind="stable")
    return starts[order], ends[order]


def mask_of(starts: np.ndarray, ends: np.ndarray, n: int) -> np.ndarray:
    """One flag per position in [0, n): whether it is inside one of the sorted, disjoint ranges (their
    starts are distinct, and so are their ends: one +1 at each start, one -1 at each end)."""
    edges = np.zeros(n + 1, dtype=np.int32)
    edges[starts] += 1
    edges[ends] -= 1
    return np.cumsum(edges[:n]) > 0


class RangeMasks:
    """The masks of the last few many-range filters, by the identity of their (starts, ends) tuple (the
    retriever keeps each filter's tuple until the index changes); ``clear`` when positions change."""

    def __init__(self):
        self._kept: dict[int, tuple] = {}
        self._lock = threading.Lock()  # answers run on several threads

    def clear(self) -> None:
        with self._lock:
            self._kept = {}

    def of(self, ranges: tuple[np.ndarray, np.ndarray], n: int) -> tuple[np.ndarray, float] | None:
        """(mask, share of the positions it lets through) for a filter of at least ``MASK_RANGES``
        ranges; None for fewer (their binary searches are cheaper than a pass over every position)."""
        if len(ranges[0]) < MASK_RANGES:
            return None
        with self._lock:
            got = self._kept.pop(id(ranges), None)
            if got is None or got[0] is not ranges or len(got[1]) != n:
                mask = mask_of(ranges[0], ranges[1], n)
                got = (ranges, mask, float(np.count_nonzero(mask)) / max(n, 1))
                while len(self._kept) >= MASKS_KEPT:
                    self._kept.pop(next(iter(self._kept)))
            self._kept[id(ranges)] = got  # (moved) last: the least recently used is dropped first
        return got[1], got[2]
