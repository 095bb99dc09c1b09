"""Hybrid retrieval: BM25 (syllables + bigrams) fused with dense vectors.

Each list runs with the same metadata filter (provinces, documents, chunk
kinds) inside its own store — the ``allowed`` id set for BM25, a ``where``
clause for Chroma — and llama-index's ``QueryFusionRetriever`` fuses them by
reciprocal rank. ``search`` returns typed hits (Chunk + Document).
"""
from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Protocol

from ground.admin_units import covers
from ground.errors import StoreUnavailableError
from ingest.model import Chunk, Document

from .filters import ChunkSet, ChunkTable
from .lexical import tokens
from .shelf import head_of
from .store import IndexStore

RRF_K = 60
# Share of the dense list in the fusion, by question language; absent: equal reciprocal-rank fusion.
DENSE_WEIGHT = {"en": 0.7}
QUERY_VECTORS_KEPT = 64
log = logging.getLogger("index.retriever")


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


class Query(Protocol):
    """What a search is asked with: a question already read (``assistant.question.question.Question``). The
    index reads no question's words itself: the reading gives BM25 an English question's terms in Vietnamese."""

    effective: str  # the question's words: what the vectors are asked with, unless a search names other text
    search_words: str  # the words BM25 is asked with: ``effective`` with its English terms' Vietnamese renderings


@dataclass
class Hit:
    chunk: Chunk
    doc: Document
    score: float  # fused reciprocal-rank score


ALLOWED_KEPT = 32  # filters whose chunk sets are kept (a question asks two or three)
_UNSEEN = object()


class HybridSearch:
    """BM25 and dense retrievers as llama-index retrievers, fused by its QueryFusionRetriever."""

    def __init__(self, store: IndexStore, embedder, documents: list[Document]):
        self.store, self.embedder = store, embedder
        # One answer searches the same question text two or three times (all chunks, table rows,
        # the dense rank): its vector is computed once. Bounded: a long-running server sees
        # many questions, and a vector is only worth keeping for the question being answered.
        self._query_vectors: OrderedDict[str, object] = OrderedDict()
        self._vectors_lock = threading.Lock()
        self.docs = {d.doc_id: d for d in documents}
        # What a question walks over every document comes from its head (index/shelf.py): sizes, chunk
        # kinds, articles. A chunk is taken from its document when asked (``ChunkTable``), so a document
        # no question reaches is never read; at ×10 the chunk tables were 99 MB and the documents 1.25 GB.
        heads = {d.doc_id: head_of(d) for d in documents}
        self._counts = {d: h.chunks for d, h in heads.items()}
        self._all_vectors = False  # every chunk of this load has its vector (``vectors_cover``), once seen
        self._total_chunks = sum(self._counts.values())
        self._articles = {d: h.articles for d, h in heads.items()}
        self.chunks = ChunkTable(self.docs, self._counts)
        self._offsets, at = {}, 0
        for doc_id, n in self._counts.items():
            self._offsets[doc_id], at = at, at + n
        self._rank = {doc_id: i for i, doc_id in enumerate(self._counts)}  # document order
        # A filter is documents × chunk kinds (index/filters.py), not a set of chunk ids: the national
        # documents' filter of a place's fallback lets 500,000 chunks through at ×10.
        self._kinds = {d: h.kinds for d, h in heads.items()}
        self._allowed: dict[tuple, ChunkSet | None] = {}
        self._ranges: dict[tuple, tuple] = {}  # filter → (BM25 generation, its BM25 position ranges)
        self._rows_in: dict[int, tuple] = {}  # id(filter's set) → (that set, its target rows)
        # The fusions, one per list length and dense weight: the filter travels with the query (``_Query``).
        # Made anew a fusion cost ~1 ms (llama-index looks for LangChain on each one), and a comparison
        # across places runs 15-70 searches, nearly each with a filter of its own.
        self._fusions: dict[tuple, object] = {}
        self._fusions_lock = threading.Lock()
        # Indicator rows of plans' target tables, in document order: every one is scored on every
        # question, and they are a few hundred among thousands of other tables' rows (their documents
        # stay whole in memory).
        self._rows_of = {d.doc_id: [c.chunk_id for c in d.chunks if c.row is not None and c.row.by_year]
                         for d in documents if heads[d.doc_id].row_chunks}
        self.target_rows = [cid for rows in self._rows_of.values() for cid in rows]
        # The places a document answers for, in both eras (ground/admin_units.covers): a question
        # naming Quảng Ngãi finds Kon Tum's 2024 plan, one naming Kon Tum finds Quảng Ngãi's plans
        # from the merger on. This is the one place a province filter meets the 2025 reorganisation.
        self._places = {d.doc_id: covers(d.meta.province, d.meta.date) for d in documents}
        self._docs_for: dict[str, set[str]] = {}
        for doc_id, places in self._places.items():
            for p in places:
                self._docs_for.setdefault(p, set()).add(doc_id)
        # Import llama-index's fusion here, at load (~1 s), not during the first question.
        from llama_index.core.retrievers import QueryFusionRetriever  # noqa: F401

    def allowed(self, f: Filters) -> ChunkSet | None:
        """The chunks the filter lets through, as a read-only set of chunk ids (None: no filter). Kept
        for the last filters asked: the same object lets the vector memory keep its positions of it."""
        key = _key(f)
        got = self._allowed.pop(key, _UNSEEN)
        if got is _UNSEEN:
            got = None  # no filter
            if f.provinces or f.doc_ids or f.kinds:
                got = ChunkSet(self._counts, self._kinds, self._filter_docs(f), frozenset(f.kinds or ()) or None,
                               self._rank)
            if len(self._allowed) >= ALLOWED_KEPT:
                self._allowed.pop(next(iter(self._allowed)), None)
        self._allowed[key] = got  # (moved) last: the least recently asked filter is the one dropped
        return got

    def target_rows_in(self, allowed) -> list[str]:
        """``target_rows`` that ``allowed`` lets through (all, for None), in document order. Kept beside
        the filter's set: a question scores every target row under two or three filters, and at ×10 the
        5,000 rows × 200 filters asked were a million membership tests."""
        if allowed is None:
            return self.target_rows
        got = self._rows_in.pop(id(allowed), None)
        if got is None or got[0] is not allowed:
            if isinstance(allowed, ChunkSet) and allowed.kinds is None:  # whole documents: their rows
                docs = allowed.docs
                rows = [cid for d, cids in self._rows_of.items() if docs is None or d in docs for cid in cids]
            else:
                rows = [cid for cid in self.target_rows if cid in allowed]
            got = (allowed, rows)
            if len(self._rows_in) >= ALLOWED_KEPT:
                self._rows_in.pop(next(iter(self._rows_in)), None)
        self._rows_in[id(allowed)] = got  # (moved) last: the least recently asked is dropped first
        return got[1]

    def lexical_ranges(self, f: Filters) -> tuple | None:
        """The filter as BM25's sorted position ranges (None: no filter), kept until BM25 changes."""
        allowed = self.allowed(f)
        if allowed is None:
            return None
        bm25, key = self.store.bm25, _key(f)
        got = self._ranges.get(key)
        if got is None or got[0] != bm25.generation:
            if len(self._ranges) >= ALLOWED_KEPT:
                self._ranges.pop(next(iter(self._ranges)), None)
            got = self._ranges[key] = (bm25.generation, allowed.ranges(bm25))
        return got[1]

    def _filter_docs(self, f: Filters) -> frozenset[str] | None:
        """The documents a filter allows (None: every one): a place's documents, the named ones, both."""
        docs = None
        if f.provinces:
            docs = set().union(*(self._docs_for.get(p, set()) for p in f.provinces))
        if f.doc_ids:
            named = {d for d in f.doc_ids if d in self.docs}
            docs = named if docs is None else docs & named
        return None if docs is None else frozenset(docs)

    def places(self) -> list[str]:
        """Every place some indexed document answers for: ["An Giang", "Kon Tum", "Quảng Ngãi"]."""
        return sorted(self._docs_for)

    def places_of(self, doc_id: str) -> set[str]:
        return self._places.get(doc_id, set())

    def order(self, chunk_id: str) -> int:
        """Position in document order (a stable order for ids taken from a set)."""
        doc_id, _, n = chunk_id.rpartition(":")
        if chunk_id not in self.chunks:
            raise KeyError(chunk_id)
        return self._offsets[doc_id] + int(n)

    def has_article(self, doc_id: str, article: str) -> bool:
        """Whether an article or clause chunk of the document is in ``article`` ("Điều 5"), unread."""
        return article in self._articles.get(doc_id, ())

    def search(self, query: Query, filters: Filters | None = None, k: int = 20, lang: str = "vi",
               dense_question: str | None = None) -> list[Hit]:
        """Fused hits: BM25 asked with the query's ``search_words``, the vectors with its ``effective`` (or
        ``dense_question``, where a search asks them with other text: the question without the place its
        filter holds). An English question (``lang``) leans on the multilingual vectors: its words meet the
        Vietnamese text only through a glossary on the lexical side, so the dense list weighs more."""
        f = filters or Filters()
        weight = DENSE_WEIGHT.get(lang)
        fusion = self._fusion_of(k, weight)
        # relative-score fusion gives 0..1; scaled to reciprocal-rank magnitudes (at most 2/61) so that a
        # hit's retrieval score weighs the same in every language wherever it is combined with coverage
        scale = 2 / (RRF_K + 1) if weight is not None else 1.0
        hits = []
        for nws in fusion.retrieve(_Query(query.search_words, f, dense_question or query.effective)):
            cid = nws.node.node_id
            if cid in self.chunks:
                c, d = self.chunks[cid]
                hits.append(Hit(c, d, float(nws.score or 0.0) * scale))
        return hits[:k]

    def _fusion_of(self, k: int, weight: float | None):
        """The fusion retriever of a list length and weight (it holds no question and no filter: shared by
        every search, on every thread)."""
        key = (k, weight)
        with self._fusions_lock:
            got = self._fusions.get(key)
            if got is None:
                got = self._fusions[key] = _fusion(self, k, weight)
        return got

    def lexical(self, words: str, f: Filters, k: int) -> list[tuple[str, float]]:
        """BM25's ranking for ``words`` (a question's ``search_words``: its English terms already rendered)."""
        return self.store.bm25.search(tokens(words), k=k, ranges=self.lexical_ranges(f))

    def dense(self, question: str, f: Filters, k: int) -> list[tuple[str, float]]:
        """Nearest vectors; none while the embedding pass has not reached every chunk (``vectors_cover``: the
        fusion then ranks by BM25 alone, as a home answering at once). An embedding *server* that is
        down leaves the question to BM25 too (logged), where a Chroma server that is down is an
        error: nothing could be answered reliably from half a store."""
        if not self.vectors_cover():
            return []
        try:
            vector = self.query_vector(question)
        except StoreUnavailableError as err:
            log.warning("dense retrieval skipped for this question: %s", err)
            return []
        return self.store.nearest(vector, k, self.allowed(f), lambda: self._where(f))

    def vectors_cover(self) -> bool:
        """Whether every chunk of this load has its vector; until then no vector is searched and the home
        answers as it does at once. A part of the vectors (the pass still running: hours for a large folder,
        minutes after an upload) is no list to fuse: the nearest of the chunks already embedded outrank the
        BM25 hits of the documents still waiting, and the found decision reads their ranks as the vectors'
        verdict. Over the 421 + 2 documents with 872 of 20,203 chunks embedded, qa2-tune and qa2-check scored
        119 and 64 this way, against 130 and 83 with no vector at all (twenty-fourth sitting)."""
        if not self._all_vectors:  # once every chunk has one it stays so: a changed index is a new load
            self._all_vectors = self.store.vectors_held() >= self._total_chunks
        return self._all_vectors

    def forget_queries(self) -> None:
        """Drop the kept query vectors (a benchmark timing every question as a new one)."""
        with self._vectors_lock:
            self._query_vectors.clear()

    def query_vector(self, question: str):
        """The embedder's query vector of ``question``, computed once and kept for the last few questions:
        every search of a question and its evidence units' similarity share it."""
        with self._vectors_lock:
            got = self._query_vectors.get(question)
            if got is not None:
                self._query_vectors.move_to_end(question)
        if got is None:
            got = self._embed(question)
            with self._vectors_lock:
                self._keep(question, got)
        return got

    def _embed(self, question: str):
        return self.embedder.embed([question], query=True)[0]

    def _keep(self, question: str, vector) -> None:
        self._query_vectors[question] = vector
        while len(self._query_vectors) > QUERY_VECTORS_KEPT:
            self._query_vectors.popitem(last=False)

    def _where(self, f: Filters) -> dict | None:
        """Chroma holds each chunk's own province only: a place filter becomes the documents that answer
        for it (a document id no chunk has when none does, so that nothing is let through)."""
        if not f.provinces:
            return f.chroma_where()
        ids = set().union(*(self._docs_for.get(p, set()) for p in f.provinces))
        if f.doc_ids:
            ids &= set(f.doc_ids)
        return Filters(doc_ids=sorted(ids) or ["(none)"], kinds=f.kinds).chroma_where()


def _key(f: Filters) -> tuple:
    return tuple(f.provinces or ()), tuple(f.doc_ids or ()), tuple(f.kinds or ())


def _fusion(search: HybridSearch, k: int, dense_weight: float | None = None):
    """Reciprocal-rank fusion of the two lists (k=60), by llama-index; no LLM is asked to rewrite.
    With ``dense_weight``: llama-index's weighted relative-score fusion (scores min-max scaled)."""
    from llama_index.core.llms import MockLLM
    from llama_index.core.retrievers import QueryFusionRetriever

    lists = [_Retriever(search, 2 * k, "lexical"), _Retriever(search, 2 * k, "dense")]
    if dense_weight is not None:
        return QueryFusionRetriever(lists, llm=MockLLM(), num_queries=1, mode="relative_score", use_async=False,
                                    similarity_top_k=k, retriever_weights=[1 - dense_weight, dense_weight])
    return QueryFusionRetriever(lists, llm=MockLLM(), num_queries=1, mode="reciprocal_rerank", use_async=False,
                                similarity_top_k=k)


def _retriever_base():
    from llama_index.core.base.base_retriever import BaseRetriever

    return BaseRetriever


def _query_base():
    from llama_index.core.schema import QueryBundle

    return QueryBundle


class _Query(_query_base()):
    """A question and the filter of its search: llama-index's fusion hands the query it was given to each
    list as it is (one query, no rewriting), so one fusion serves every filter."""

    def __init__(self, words: str, filters: Filters, dense_question: str):
        super().__init__(query_str=words)
        self.filters = filters
        self.dense_question = dense_question

    def text_for(self, name: str) -> str:
        """What the list ``name`` ("lexical" or "dense") is asked with."""
        return self.dense_question if name == "dense" else self.query_str


class _Retriever(_retriever_base()):
    """One ranked list (BM25 or dense) as a llama-index retriever of chunk ids."""

    def __init__(self, search: HybridSearch, k: int, name: str):
        super().__init__()
        self._search, self._k, self._name = search, k, name  # the list: ``search.lexical`` or ``search.dense``

    def _retrieve(self, query_bundle):
        from llama_index.core.schema import NodeWithScore, TextNode

        if not isinstance(query_bundle, _Query):  # only HybridSearch.search asks: its filter is never lost
            raise TypeError(f"a {type(query_bundle).__name__} carries no filter: ask HybridSearch.search")
        # The fusion keys nodes by a hash of text + metadata: the text is the chunk id and the
        # metadata empty, so the same chunk from both lists is one node and its ranks add up.
        return [NodeWithScore(node=TextNode(id_=cid, text=cid), score=score)
                for cid, score in getattr(self._search, self._name)(query_bundle.text_for(self._name),
                                                                    query_bundle.filters,
                                                                    self._k)]
