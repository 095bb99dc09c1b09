"""A filter as ranges of array positions: a document's chunks sit side by side in BM25's arrays.

A place's fallback to the national documents lets ~500,000 of 542,000 chunks through at ×10; as a
set of chunk ids it cost 0.3–0.7 s to turn into positions the first time it was asked. As ranges it
is one pair of integers per document (or per run of the asked kind inside one), and a term's
postings are kept or dropped by a binary search of their (ascending) positions:

    starts, ends = np.array([0, 10]), np.array([4, 12])     # positions 0..3 and 10..11
    within(np.array([1, 4, 10, 12]), starts, ends)          → array([ True, False,  True, False])
    inside(np.array([1, 4, 10, 12]), starts, ends)          → array([0, 2])   (indices of those inside)
    runs(np.array([2, 3, 4, 9]))                            → (array([2, 9]), array([5, 10]))
"""
from __future__ import annotations

import numpy as np


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
