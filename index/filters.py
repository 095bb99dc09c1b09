"""What a filter lets through, as documents × chunk kinds rather than a set of chunk ids.

A place's fallback to the national documents lets ~500,000 of the ×10 index's 542,000 chunks through;
as a ``frozenset`` of ids it took seconds to build and 0.3–0.7 s to turn into array positions. Here it
is the allowed documents and kinds: a chunk id is tested in O(1), the size is a sum over documents,
and BM25 gets position ranges (a document's chunks sit side by side there, ``BM25.span``):

    allowed = ChunkSet({"d1": 9, "d2": 4}, kinds_of, frozenset({"d1"}), frozenset({"row"}))
    "d1:4" in allowed           → True when chunk 4 of d1 is a row
    len(allowed), set(allowed)  → d1's rows
    allowed.ranges(bm25)        → (starts, ends) of d1's rows in BM25's positions
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Mapping, Set

import numpy as np

from ingest.model import Chunk, Document

from .ranges import joined, runs

SMALL = 50_000  # a filter of up to this many chunks answers ``in`` from a frozenset (built once, kept)


def chunk_ids(doc_id: str, ordinals) -> Iterator[str]:
    """``doc_id:n`` for each ordinal: a chunk's id (ingest/model.py), made without reading the document.
    C-level maps: the vector memory walks a new filter's ids (500,000 for the national documents)."""
    return map(f"{doc_id}:".__add__, map(str, ordinals))


class ChunkTable(Mapping):
    """Chunk id → (chunk, its document), every listed chunk, the chunk taken from its document when asked:
    ``in``, ``len`` and iteration read no document (the ids are ``doc_id:n``, the sizes in the heads)."""

    def __init__(self, docs: dict[str, Document], counts: dict[str, int]):
        self._docs, self._counts = docs, counts

    def __getitem__(self, cid: str) -> tuple[Chunk, Document]:
        if cid not in self:
            raise KeyError(cid)
        doc_id, _, n = cid.rpartition(":")
        doc = self._docs[doc_id]
        chunks = doc.chunks
        # the file read is not the one the head describes (another process's re-parse swapped in while
        # a question ran), or ids that do not follow ordinals: not a chunk of this view
        if int(n) >= len(chunks) or chunks[int(n)].chunk_id != cid:
            raise KeyError(cid)
        return chunks[int(n)], doc

    def __contains__(self, cid) -> bool:
        if not isinstance(cid, str):
            return False
        doc_id, _, n = cid.rpartition(":")
        count = self._counts.get(doc_id)
        return count is not None and n.isdigit() and int(n) < count

    def __iter__(self) -> Iterator[str]:
        for doc_id, count in self._counts.items():
            yield from chunk_ids(doc_id, range(count))

    def __len__(self) -> int:
        return sum(self._counts.values())


class ChunkSet(Set):
    """The chunk ids of ``docs`` (None: every document) whose kind is in ``kinds`` (None: any kind).
    Read-only, like the ``frozenset`` it replaces: ``in``, ``len``, iteration and set operators.
    Made from the documents' heads (index/shelf.py): no document is read to tell what it lets through."""

    def __init__(self, counts: dict[str, int], kinds_of: dict[str, dict[str, list[int]]],
                 docs: frozenset[str] | None, kinds: frozenset[str] | None, rank: dict[str, int] | None = None):
        # document id → its number of chunks; document id → kind → ordinals (ascending); document id →
        # its place in document order (the order ids are iterated in: ``sort_key``)
        self._counts, self._kinds_of, self._rank = counts, kinds_of, rank
        self.docs, self.kinds = docs, kinds
        self._doc_list: list[str] | None = None
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
        if not isinstance(cid, str):
            return False
        doc_id, _, n = cid.rpartition(":")
        count = self._counts.get(doc_id)
        if count is None or not n.isdigit() or int(n) >= count or (self.docs is not None and doc_id not in self.docs):
            return False
        if self.kinds is None:
            return True
        by_kind, at = self._kinds_of[doc_id], int(n)
        return any(_holds(by_kind.get(k, ()), at) for k in self.kinds)

    def __len__(self) -> int:
        if self._len is None:
            self._len = sum(self._counts[d] if o is None else len(o) for d, o in self._ordinals())
        return self._len

    def __iter__(self) -> Iterator[str]:
        for doc_id, ordinals in self._ordinals():
            yield from chunk_ids(doc_id, range(self._counts[doc_id]) if ordinals is None else ordinals)

    def ranges(self, bm25) -> tuple[np.ndarray, np.ndarray]:
        """The allowed chunks as sorted [start, end) ranges of ``bm25``'s positions."""
        whole_s, whole_e, parts, loose = [], [], [], []
        for doc_id, ordinals in self._ordinals():
            count = self._counts[doc_id]
            span = bm25.span(doc_id)
            if span is not None and span[1] - span[0] == count:
                if ordinals is None or len(ordinals) == count:
                    whole_s.append(span[0])
                    whole_e.append(span[1])
                else:
                    starts, ends = runs(np.asarray(ordinals, dtype=np.int64))
                    parts.append((starts + span[0], ends + span[0]))
            else:  # not side by side in BM25 (an older whole-index file): chunk by chunk
                ids = chunk_ids(doc_id, range(count) if ordinals is None else ordinals)
                loose += [p for p in map(bm25.position, ids) if p is not None]
        if whole_s:
            parts.append((np.asarray(whole_s, dtype=np.int64), np.asarray(whole_e, dtype=np.int64)))
        if loose:
            pos = np.unique(np.asarray(loose, dtype=np.int64))
            parts.append((pos, pos + 1))
        return joined(parts)

    def sort_key(self, cid: str) -> tuple[int, int]:
        """Where ``cid`` comes in this set's iteration (document order, then ordinal): a caller that found
        the set's ids another way puts them in the order iterating would have given."""
        if self._rank is None:
            self._rank = {doc_id: i for i, doc_id in enumerate(self._kinds_of)}  # kinds_of is in document order
        doc_id, _, n = cid.rpartition(":")
        return self._rank[doc_id], int(n)

    def _documents(self) -> list[str] | dict:
        """The allowed documents in document order: a few named ones sorted, not every document walked."""
        if self.docs is None:
            return self._kinds_of
        if self._doc_list is None:
            if self._rank is not None and len(self.docs) * 8 < len(self._rank):
                self._doc_list = sorted((d for d in self.docs if d in self._rank), key=self._rank.__getitem__)
            else:
                self._doc_list = [d for d in self._kinds_of if d in self.docs]
        return self._doc_list

    def _ordinals(self) -> Iterator[tuple[str, list[int] | None]]:
        """(document, allowed ordinals; None: all its chunks) in document order, documents with none left out."""
        docs = self._documents()
        kinds = None if self.kinds is None else sorted(self.kinds)
        for doc_id in docs:
            if kinds is None:
                if self._counts[doc_id]:
                    yield doc_id, None
                continue
            by_kind = self._kinds_of[doc_id]
            got = [by_kind[k] for k in kinds if k in by_kind]
            if got:  # one kind's ordinals ascend already; several are merged
                yield doc_id, got[0] if len(got) == 1 else sorted(i for o in got for i in o)


def _holds(ordinals, at: int) -> bool:
    i = bisect_left(ordinals, at)
    return i < len(ordinals) and ordinals[i] == at
