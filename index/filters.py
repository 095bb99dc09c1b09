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
from operator import attrgetter

import numpy as np

from ingest.model import Document

from .ranges import joined, runs

_CHUNK_ID = attrgetter("chunk_id")
SMALL = 50_000  # a filter of up to this many chunks answers ``in`` from a frozenset (built once, kept)


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
        self._small: frozenset[str] | bool | None = None  # the ids as a frozenset, once asked, when few

    @classmethod
    def _from_iterable(cls, ids) -> frozenset[str]:  # what ``a - b``, ``a & b`` … of a ChunkSet give
        return frozenset(ids)

    def __contains__(self, cid) -> bool:
        small = self._small
        if small is None:  # asked first: a filter of at most SMALL chunks is held as a frozenset from here
            small = self._small = frozenset(self) if len(self) <= SMALL else False
        if small is not False:
            return cid in small
        hit = self._chunks.get(cid)
        if hit is None:
            return False
        chunk, doc = hit
        return (self.docs is None or doc.doc_id in self.docs) and (self.kinds is None or chunk.kind in self.kinds)

    def __len__(self) -> int:
        if self._len is None:
            self._len = sum(len(self._by_id[d].chunks) if o is None else len(o) for d, o in self._ordinals())
        return self._len

    def __iter__(self) -> Iterator[str]:
        for doc_id, ordinals in self._ordinals():
            chunks = self._by_id[doc_id].chunks
            # C-level maps: the vector memory walks a new filter's ids (500,000 for the national documents)
            yield from map(_CHUNK_ID, chunks if ordinals is None else map(chunks.__getitem__, ordinals))

    def ranges(self, bm25) -> tuple[np.ndarray, np.ndarray]:
        """The allowed chunks as sorted [start, end) ranges of ``bm25``'s positions."""
        whole_s, whole_e, parts, loose = [], [], [], []
        for doc_id, ordinals in self._ordinals():
            doc = self._by_id[doc_id]
            span = bm25.span(doc_id)
            if span is not None and span[1] - span[0] == len(doc.chunks):
                if ordinals is None or len(ordinals) == len(doc.chunks):
                    whole_s.append(span[0])
                    whole_e.append(span[1])
                else:
                    starts, ends = runs(np.asarray(ordinals, dtype=np.int64))
                    parts.append((starts + span[0], ends + span[0]))
            else:  # not side by side in BM25 (an older whole-index file): chunk by chunk
                ids = (c.chunk_id for c in doc.chunks) if ordinals is None else (doc.chunks[i].chunk_id for i in ordinals)
                loose += [p for p in map(bm25.position, ids) if p is not None]
        if whole_s:
            parts.append((np.asarray(whole_s, dtype=np.int64), np.asarray(whole_e, dtype=np.int64)))
        if loose:
            pos = np.unique(np.asarray(loose, dtype=np.int64))
            parts.append((pos, pos + 1))
        return joined(parts)

    def _ordinals(self) -> Iterator[tuple[str, list[int] | None]]:
        """(document, allowed ordinals; None: all its chunks) in document order, documents with none left out."""
        docs = self._kinds_of if self.docs is None else [d for d in self._kinds_of if d in self.docs]
        kinds = None if self.kinds is None else sorted(self.kinds)
        for doc_id in docs:
            if kinds is None:
                if self._by_id[doc_id].chunks:
                    yield doc_id, None
                continue
            by_kind = self._kinds_of[doc_id]
            got = [by_kind[k] for k in kinds if k in by_kind]
            if got:  # one kind's ordinals ascend already; several are merged
                yield doc_id, got[0] if len(got) == 1 else sorted(i for o in got for i in o)
