"""Term postings as flat arrays: where BM25 reads the chunks of a term from.

One array of chunk positions and one of term counts, ordered by term; a term's postings are one
slice, ``offsets[t]:offsets[t + 1]``: 8 bytes a posting, where the dict of dicts it replaces held a
Python int pair in a dict entry each (the 421 real documents' index: 146 MB in all, was 194), and a
common term's first search no longer walks its dict into arrays (10–50 ms a term at 542,000 chunks).

Additions go to a second, small part, searched beside the main one and merged into it once it holds
a quarter as many postings: committing an upload costs its own postings, not the index's.

    p = Postings()   # chunk 0 = {"nhà": 2, "nhà_ở": 1}, chunk 1 = {"nhà": 1}
    p.add_arrays(0, ["nhà", "nhà_ở"], np.array([0, 1, 0]), np.array([2, 1, 1]), np.array([2, 1]))
    p.of("nhà")      → (array([0, 1]), array([2, 1]))
    p.df("nhà_ở")    → 1
    p.keep(np.array([False, True]))   # chunk 0 dropped, chunk 1 is now position 0
    p.of("nhà")      → (array([0]), array([1]));  p.df("nhà_ở") → 0
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

import numpy as np

MERGE_SHARE = 4  # the recent part is merged into the main one at a quarter of its size
MERGE_MIN = 200_000  # … or sooner, while both are small


class _Csr:
    """Postings of term ids 0..V-1: positions and counts ordered by term, then by position."""

    def __init__(self, tids: np.ndarray, pos: np.ndarray, tf: np.ndarray, terms: int):
        # Sorted by (term, place in the input): each term's positions stay ascending. One sort of
        # 64-bit keys is ~10× an argsort of the term ids at 5 M postings (measured).
        key = (tids.astype(np.int64) << 32) | np.arange(len(tids), dtype=np.int64)
        order = np.sort(key) & 0xFFFFFFFF
        self.offsets = np.zeros(terms + 1, dtype=np.int64)
        np.cumsum(np.bincount(tids, minlength=terms), out=self.offsets[1:])
        self.pos, self.tf = pos[order], tf[order]

    @classmethod
    def of_arrays(cls, offsets: np.ndarray, pos: np.ndarray, tf: np.ndarray) -> _Csr:
        """Already ordered by term (a pack read from disk, index/packed.py): nothing is sorted or copied."""
        csr = cls.__new__(cls)
        csr.offsets, csr.pos, csr.tf = offsets, pos, tf
        return csr

    @classmethod
    def empty(cls) -> _Csr:
        return cls(np.zeros(0, np.int32), np.zeros(0, np.int32), np.zeros(0, np.int32), 0)

    def __len__(self) -> int:
        return len(self.pos)

    def slice(self, tid: int) -> tuple[np.ndarray, np.ndarray]:
        if tid + 1 >= len(self.offsets):
            return self.pos[:0], self.tf[:0]
        a, b = self.offsets[tid], self.offsets[tid + 1]
        return self.pos[a:b], self.tf[a:b]

    def triples(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(term id, position, count) of every posting, in this part's order."""
        tids = np.repeat(np.arange(len(self.offsets) - 1, dtype=np.int32), np.diff(self.offsets))
        return tids, self.pos, self.tf

    def df(self) -> np.ndarray:
        return np.diff(self.offsets)


class Postings:
    def __init__(self):
        self.vocab: dict[str, int] = {}  # term → term id, in the order terms were first seen
        self._main = _Csr.empty()
        self._staged: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # added since the last merge
        self._recent = _Csr.empty()
        self._df: np.ndarray | None = None  # per term id, both parts, until the next change

    @classmethod
    def of_pack(cls, terms: list[str], offsets: np.ndarray, pos: np.ndarray, tf: np.ndarray) -> Postings:
        """Postings of a pack (``packed``'s output, possibly memory-mapped): read as they are."""
        p = cls()
        p.vocab = dict(zip(terms, range(len(terms)), strict=True))
        p._main = _Csr.of_arrays(offsets, pos, tf)
        return p

    def packed(self) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
        """(terms in id order, offsets, positions, counts): every posting as one part, for a pack."""
        self._merge()
        offsets = self._main.offsets
        if len(offsets) < len(self.vocab) + 1:  # terms first seen in the recent part that was merged
            offsets = np.concatenate([offsets, np.full(len(self.vocab) + 1 - len(offsets), offsets[-1])])
        return list(self.vocab), offsets, self._main.pos, self._main.tf

    def add_arrays(self, base: int, terms: list[str], tids: np.ndarray, tf: np.ndarray, sizes: np.ndarray) -> None:
        """Chunks at positions ``base``, ``base + 1``, … (after every earlier one), as a segment holds
        them (index/segments.py): ``tids`` index ``terms``, ``sizes`` are postings per chunk."""
        vocab = self.vocab
        ours = np.array([vocab.setdefault(t, len(vocab)) for t in terms], dtype=np.int32)
        pos = np.repeat(np.arange(base, base + len(sizes), dtype=np.int32), sizes)
        self._staged.append((ours[tids], pos, tf.astype(np.int32, copy=False)))
        self._df = None

    def of(self, tok: str) -> tuple[np.ndarray, np.ndarray] | None:
        """(positions, counts) of the chunks holding ``tok``, positions ascending; None if none does."""
        tid = self.vocab.get(tok)
        if tid is None:
            return None
        self._settle()
        pos, tf = self._main.slice(tid)
        more_pos, more_tf = self._recent.slice(tid)
        if len(more_pos):
            pos, tf = np.concatenate([pos, more_pos]), np.concatenate([tf, more_tf])
        return (pos, tf) if len(pos) else None

    def df(self, tok: str) -> int:
        tid = self.vocab.get(tok)
        return 0 if tid is None else int(self._frequencies()[tid])

    def frequencies(self) -> Mapping[str, int]:
        """Each term's document (chunk) frequency, as a read-only mapping without the terms no chunk
        holds any more; a view over the arrays, not a second dict of every term."""
        return _Frequencies(self.vocab, self._frequencies())

    def keep(self, kept: np.ndarray) -> None:
        """Keep the chunks where ``kept`` (one flag per position) is True, renumbered in order."""
        self._merge()
        tids, pos, tf = self._main.triples()
        new_position = np.cumsum(kept, dtype=np.int64) - 1
        alive = kept[pos]
        self._main = _Csr(tids[alive], new_position[pos[alive]].astype(np.int32), tf[alive], len(self.vocab))
        self._df = None

    def counts_at(self, positions: set[int]) -> dict[int, dict[str, int]]:
        """The term counts of the chunks at ``positions`` (what ``add`` was given for them)."""
        self._merge()
        tids, pos, tf = self._main.triples()
        wanted = np.isin(pos, np.fromiter(positions, dtype=np.int64, count=len(positions)))
        terms = list(self.vocab)
        out: dict[int, dict[str, int]] = {p: {} for p in positions}
        for t, p, n in zip(tids[wanted].tolist(), pos[wanted].tolist(), tf[wanted].tolist(), strict=True):
            out[p][terms[t]] = n
        return out

    def terms(self) -> Iterator[tuple[str, np.ndarray, np.ndarray]]:
        """Every term with its postings (for the whole-index file of older indexes)."""
        for tok in self.vocab:
            got = self.of(tok)
            if got is not None:
                yield tok, got[0], got[1]

    # ---- the two parts ------------------------------------------------------
    def _settle(self) -> None:
        """Fold what was added into the recent part, and that into the main one when it grew large."""
        if not self._staged:
            return
        staged = [self._recent.triples(), *self._staged]
        self._staged = []
        size = sum(len(s[0]) for s in staged)
        if size * MERGE_SHARE >= len(self._main) or size < MERGE_MIN and len(self._main) < MERGE_MIN:
            staged.insert(0, self._main.triples())
            self._main, self._recent = _Csr(*_joined(staged), len(self.vocab)), _Csr.empty()
        else:
            self._recent = _Csr(*_joined(staged), len(self.vocab))

    def _merge(self) -> None:
        self._settle()
        if len(self._recent):
            self._main = _Csr(*_joined([self._main.triples(), self._recent.triples()]), len(self.vocab))
            self._recent = _Csr.empty()

    def _frequencies(self) -> np.ndarray:
        if self._df is None:
            self._settle()
            df = np.zeros(len(self.vocab), dtype=np.int64)
            for part in (self._main, self._recent):
                got = part.df()
                df[:len(got)] += got
            self._df = df
        return self._df


def _joined(parts) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return tuple(np.concatenate([p[i] for p in parts]) for i in range(3))


class _Frequencies(Mapping):
    def __init__(self, vocab: dict[str, int], df: np.ndarray):
        self._vocab, self._df = vocab, df

    def __getitem__(self, tok: str) -> int:
        tid = self._vocab.get(tok)
        if tid is None or not self._df[tid]:
            raise KeyError(tok)
        return int(self._df[tid])

    def __contains__(self, tok) -> bool:
        tid = self._vocab.get(tok)
        return tid is not None and bool(self._df[tid])

    def get(self, tok, default=None):
        tid = self._vocab.get(tok)
        return int(self._df[tid]) if tid is not None and self._df[tid] else default

    def __iter__(self):
        return (t for t, i in self._vocab.items() if self._df[i])

    def __len__(self) -> int:
        return int(np.count_nonzero(self._df))

    def items(self):
        df = self._df.tolist()
        return [(t, df[i]) for t, i in self._vocab.items() if df[i]]
