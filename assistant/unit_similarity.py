"""Cross-lingual similarity of one question to the evidence units of the sources it finds.

A chunk's vector says a passage is about the question; a unit's vector (``index/unit_vectors.py``:
a table cell with its row label and column header, a sentence) says *which* row, cell or sentence
of it is: "fresh tea bud output" meets "Sản lượng chè búp tươi | Kết quả: 12.000 tấn" at 0.89, its
sibling rows lower. The similarity is the cosine of the question's query vector (the one the
hybrid search computed for it) with each unit's passage vector, *centred on the document's mean*,
so that a figure says how much a unit stands out among its own document's units, the same for both
languages and whatever the embedder's cosine range:

    sim = UnitSimilarity(store.units, lambda: search.query_vector(q.vector_text))   # one per question
    sim.best(doc, row.start, row.end)   → +0.07  (the row's best cell, over the document's mean)
    sim.best(doc, piece.start, piece.end) → -0.02 (a sentence of the clause)

None wherever a document's unit vectors are not made yet (an index answering at once, or its pass
still running): every scorer then works as without them. One object per question (it lives in the
question's ``Context``): the similarities it computes are that question's alone.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ground.errors import StoreUnavailableError
from index.unit_vectors import DocUnits, UnitVectors
from ingest.model import Document


class UnitSimilarity:
    def __init__(self, vectors: UnitVectors | None, query_vector: Callable[[], object]):
        self._vectors, self._query_vector = vectors, query_vector
        self._q: np.ndarray | None = None
        self._docs: dict[str, tuple[DocUnits, np.ndarray] | None] = {}

    def of(self, doc: Document) -> tuple[DocUnits, np.ndarray] | None:
        """The document's units and each one's centred similarity to the question (None: no unit vectors)."""
        if doc.doc_id in self._docs:
            return self._docs[doc.doc_id]
        got = self._vectors.get(doc) if self._vectors is not None else None
        out = None
        if got is not None and len(got.units):
            if self._q is None:
                try:
                    self._q = np.asarray(self._query_vector(), dtype=np.float32)
                except StoreUnavailableError:  # an embedding server away: the lexical side answers alone
                    self._vectors = None
                    self._docs[doc.doc_id] = None
                    return None
            # einsum, not BLAS: a matrix-vector product this small (a document's units) costs 0.3 ms in one
            # thread, and BLAS's threads fighting a loaded machine made it 10 ms
            raw = np.einsum("ij,j->i", got.vectors, self._q)
            out = (got, raw - float(raw.mean()))
        self._docs[doc.doc_id] = out
        return out

    def best(self, doc: Document, start: int, end: int) -> float | None:
        """The highest centred similarity among the units overlapping ``[start, end)`` (a row's cells, a
        clause's or a sentence's sentences), None where there is none to read."""
        got = self._within(doc, start, end)
        return None if got is None else float(got[0].max())

    def rank(self, doc: Document, start: int, end: int) -> int | None:
        """Where the best unit overlapping ``[start, end)`` ranks among all its document's units (0: the
        document's nearest unit to the question), None where there is none to read."""
        got = self._within(doc, start, end)
        return None if got is None else int((got[1] > got[0].max()).sum())

    def _within(self, doc: Document, start: int, end: int) -> tuple[np.ndarray, np.ndarray] | None:
        """(the similarities of the units overlapping the span, those of all the document's units)."""
        got = self.of(doc)
        if got is None:
            return None
        units, sims = got
        inside = (units.starts < end) & (units.ends > start)
        return (sims[inside], sims) if inside.any() else None
