"""What a filter lets through, as documents × chunk kinds rather than a set of chunk ids.

A place's fallback to the national documents lets ~500,000 of the ×10 index's 542,000 chunks through;
as a ``frozenset`` of ids it took seconds to build and 0.3–0.7 s to turn into array positions. Here it
is the allowed documents and kinds: a chunk id is tested in O(1), the size is a sum over documents,
and BM25 gets position ranges (a document's chunks sit side by side there, ``BM25.span``):

    allowed = ChunkSet(by_id, chunks, kinds_of, frozenset({"d1"}), frozenset({"row"}))
    "d1:4" in allowed           → True when chunk 4 of d1 is a row
    len(allowed), set(allowed)  → d1's rows
    allowed.ranges(bm25)        → (starts, ends) of d1's rows in BM25's positions
"""
from __future__ import annotations

from collections.abc import Iterator, Set

import numpy as np

from ingest.model import Document

from .ranges import joined, runs


def _kind_ordinals(doc: Document) -> dict[str, list[int]]:
    """Chunk kind → the ordinals of the document's chunks of that kind, ascending."""
    out: dict[str, list[int]] = {}
    for i, c in enumerate(doc.chunks):
        out.setdefault(c.kind, []).append(i)
    return out


class ChunkSet(Set):
    """The chunk ids of ``docs`` (None: every document) whose kind is in ``kinds`` (None: any kind).
    Read-only, like the ``frozenset`` it replaces: ``in``, ``len``, iteration and set operators."""

    def __init__(self, by_id: dict[str, Document], chunks: dict, kinds_of: dict[str, dict[str, list[int]]],
                 docs: frozenset[str] | None, kinds: frozenset[str] | None):
        # document id → Document; chunk id → (chunk, document); document id → kind → ordinals
        self._by_id, self._chunks, self._kinds_of = by_id, chunks, kinds_of
        self.docs, self.kinds = docs, kinds
        self._len: int | None = None

    @classmethod
    def _from_iterable(cls, ids) -> frozenset[str]:  # what ``a - b``, ``a & b`` … of a ChunkSet give
        return frozenset(ids)

    def __contains__(self, cid) -> bool:
        hit = self._chunks.get(cid)
        if hit is None:
            return False
        chunk, doc = hit
        return (self.docs is None or doc.doc_id in self.docs) and (self.kinds is None or chunk.kind in self.kinds)

    def __len__(self) -> int:
        if self._len is None:
            self._len = sum(len(o) for _, o in self._ordinals())
        return self._len

    def __iter__(self) -> Iterator[str]:
        for doc_id, ordinals in self._ordinals():
            chunks = self._by_id[doc_id].chunks
            yield from (chunks[i].chunk_id for i in ordinals)

    def ranges(self, bm25) -> tuple[np.ndarray, np.ndarray]:
        """The allowed chunks as sorted [start, end) ranges of ``bm25``'s positions."""
        parts, loose = [], []
        for doc_id, ordinals in self._ordinals():
            doc = self._by_id[doc_id]
            span = bm25.span(doc_id)
            if span is not None and span[1] - span[0] == len(doc.chunks):
                rel = np.asarray(ordinals, dtype=np.int64)
                if len(rel) == len(doc.chunks):
                    parts.append((np.array([span[0]], np.int64), np.array([span[1]], np.int64)))
                else:
                    starts, ends = runs(rel)
                    parts.append((starts + span[0], ends + span[0]))
            else:  # not side by side in BM25 (an older whole-index file): chunk by chunk
                loose += [p for p in map(bm25.position, (doc.chunks[i].chunk_id for i in ordinals)) if p is not None]
        if loose:
            pos = np.unique(np.asarray(loose, dtype=np.int64))
            parts.append((pos, pos + 1))
        return joined(parts)

    def _ordinals(self) -> Iterator[tuple[str, list[int]]]:
        """(document, allowed ordinals) in document order, documents with none left out."""
        docs = self._kinds_of if self.docs is None else [d for d in self._kinds_of if d in self.docs]
        for doc_id in docs:
            by_kind = self._kinds_of[doc_id]
            if self.kinds is None:
                ordinals = sorted(i for o in by_kind.values() for i in o)
            else:
                ordinals = sorted(i for k in self.kinds for i in by_kind.get(k, ()))
            if ordinals:
                yield doc_id, ordinals

