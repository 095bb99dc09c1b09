"""Hybrid retrieval: BM25 (syllables + bigrams) fused with dense vectors.

Fusion is reciprocal-rank (k=60) over the two lists, each run with the same
metadata filter (provinces, documents) inside its own store. The class is a
llama-index ``BaseRetriever``, so it plugs into llama-index query engines and
postprocessors; the assistant calls ``search`` directly to keep the typed Chunk.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ingest.model import Chunk, Document

from .glossary import expand
from .lexical import tokens
from .store import IndexStore

RRF_K = 60


@dataclass
class Filters:
    provinces: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)  # chunk kinds: "row", "clause", ...

    def chroma_where(self) -> dict | None:
        terms = []
        if self.provinces:
            terms.append({"province": {"$in": self.provinces}})
        if self.doc_ids:
            terms.append({"doc_id": {"$in": self.doc_ids}})
        if self.kinds:
            terms.append({"kind": {"$in": self.kinds}})
        if not terms:
            return None
        return terms[0] if len(terms) == 1 else {"$and": terms}


@dataclass
class Hit:
    chunk: Chunk
    doc: Document
    score: float  # fused score
    lexical: float = 0.0
    dense: float = 0.0


class HybridSearch:
    def __init__(self, store: IndexStore, embedder, documents: list[Document]):
        self.store, self.embedder = store, embedder
        self.docs = {d.doc_id: d for d in documents}
        self.chunks = {c.chunk_id: (c, d) for d in documents for c in d.chunks}

    def allowed(self, f: Filters) -> set[str] | None:
        if not (f.provinces or f.doc_ids or f.kinds):
            return None
        return {cid for cid, (c, d) in self.chunks.items()
                if (not f.provinces or d.meta.province in f.provinces)
                and (not f.doc_ids or d.doc_id in f.doc_ids)
                and (not f.kinds or c.kind in f.kinds)}

    def search(self, question: str, filters: Filters | None = None, k: int = 20,
               vector=None) -> list[Hit]:
        f = filters or Filters()
        lexical_query = expand(question)
        lex = self.store.bm25.search(tokens(lexical_query), k=k * 2, allowed=self.allowed(f))
        if vector is None:
            vector = self.embedder.embed([question], query=True)[0]
        dense = self.store.vector_search(vector, k=k * 2, where=f.chroma_where())
        fused: dict[str, list[float]] = {}
        for rank, (cid, s) in enumerate(lex):
            fused.setdefault(cid, [0.0, 0.0, 0.0])
            fused[cid][0] += 1.0 / (RRF_K + rank + 1)
            fused[cid][1] = s
        for rank, (cid, s) in enumerate(dense):
            fused.setdefault(cid, [0.0, 0.0, 0.0])
            fused[cid][0] += 1.0 / (RRF_K + rank + 1)
            fused[cid][2] = s
        hits = []
        for cid, (score, ls, ds) in sorted(fused.items(), key=lambda kv: -kv[1][0]):
            if cid in self.chunks:
                c, d = self.chunks[cid]
                hits.append(Hit(c, d, score, ls, ds))
        return hits[:k]


def as_llama_retriever(search: HybridSearch, filters: Filters | None = None, k: int = 10):
    """The same search as a llama-index retriever (nodes carry locator and span)."""
    from llama_index.core.base.base_retriever import BaseRetriever
    from llama_index.core.schema import NodeWithScore, TextNode

    class _Retriever(BaseRetriever):
        def _retrieve(self, query_bundle):
            out = []
            for h in search.search(query_bundle.query_str, filters, k=k):
                node = TextNode(id_=h.chunk.chunk_id, text=h.chunk.text,
                                metadata={"document": h.doc.name, "province": h.doc.meta.province,
                                          "locator": h.chunk.locator, "start": h.chunk.start,
                                          "end": h.chunk.end})
                out.append(NodeWithScore(node=node, score=h.score))
            return out

    return _Retriever()
