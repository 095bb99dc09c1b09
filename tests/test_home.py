"""A home holds what its user put in: the shipped plans are indexed only where asked for.

On the default home (``make run``, ``python -m assistant ask`` with no --home) an empty index is
filled with the shipped plans, and the start says so; a home named with --home starts empty
unless a corpus is named; ``ingest`` into an empty home indexes only the files it is given.
"""
from __future__ import annotations

import json
import subprocess
import sys

from assistant.config import DEFAULT_HOME, Settings
from assistant.notices import empty_home_notice, first_start_notice

from .conftest import CORPUS, ROOT
from .test_faults import ENV

UPLOAD = ROOT / "tests" / "fixtures" / "thong_tu_official.txt"


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in ENV.items() if k not in ("ASSISTANT_HOME", "ASSISTANT_CORPUS")}
    return subprocess.run([sys.executable, "-m", "assistant", *args, "--quiet"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


def test_which_homes_get_the_shipped_plans(monkeypatch, tmp_path):
    monkeypatch.delenv("ASSISTANT_HOME", raising=False)
    monkeypatch.delenv("ASSISTANT_CORPUS", raising=False)
    assert Settings.resolve().builds_corpus and Settings.resolve().home == DEFAULT_HOME
    assert Settings.resolve(home=DEFAULT_HOME).builds_corpus  # the default, even when spelled out
    assert not Settings.resolve(home=tmp_path / "mine").builds_corpus
    assert Settings.resolve(home=tmp_path / "mine", corpus=CORPUS).builds_corpus  # a corpus named: asked for
    monkeypatch.setenv("ASSISTANT_HOME", str(tmp_path / "env-home"))
    assert not Settings.resolve().builds_corpus
    monkeypatch.setenv("ASSISTANT_CORPUS", str(CORPUS))
    assert Settings.resolve().builds_corpus
    named = Settings.resolve(home=tmp_path / "mine", corpus=CORPUS)
    assert str(CORPUS) in first_start_notice(named) and "--corpus" in first_start_notice(named)
    assert "ingest" in empty_home_notice(named) and "--corpus" in empty_home_notice(named)


def test_ingest_into_an_empty_home_indexes_only_what_it_is_given(tmp_path):
    home = tmp_path / "home"
    out = _run("ingest", str(UPLOAD), "--home", str(home), "--json")
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout)["added"]
    info = json.loads(_run("index", "--info", "--json", "--home", str(home)).stdout)
    assert [d["path"] for d in info["documents"]] == [str(UPLOAD)]  # no shipped plan came with it
    ask = _run("ask", "--json", "--home", str(home), "Tỷ lệ thất nghiệp chung của An Giang năm 2025")
    assert ask.returncode == 0
    answer = json.loads(ask.stdout)
    assert not answer["found"] and all(c["province"] != "An Giang" for c in answer["citations"])
    assert json.loads(_run("index", "--info", "--json", "--home", str(home)).stdout)["totals"]["documents"] == 1


def test_ask_on_an_empty_home_says_how_to_fill_it_and_builds_nothing(tmp_path):
    home = tmp_path / "home"
    out = _run("ask", "--home", str(home), "Mục tiêu nhà ở xã hội của Kon Tum đến năm 2030?")
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "ingest" in out.stderr and "--corpus" in out.stderr and str(home) in out.stderr
    assert not (home / "index" / "manifest.json").exists()


def test_a_first_ask_on_a_corpus_answers_at_once_and_leaves_the_vectors_to_index_embed(tmp_path):
    """The first start indexes the corpus and answers from its lexical index; its vectors (and the word tables
    the vector pass makes, minutes on a CPU) wait for `index --embed`, and the user is told so."""
    home = tmp_path / "home"
    out = _run("ask", "--json", "--home", str(home), "--corpus", str(CORPUS),
               "Tỷ lệ thất nghiệp chung của An Giang năm 2025")
    assert out.returncode == 0, out.stderr[-2000:]
    answer = json.loads(out.stdout)
    assert answer["found"] and any(c["province"] == "An Giang" for c in answer["citations"])
    assert "index --embed" in out.stderr
    info = json.loads(_run("index", "--info", "--json", "--home", str(home)).stdout)
    assert info["totals"]["documents"] == 2
    assert info["vectors"]["stored"] == 0 and info["vectors"]["pending"] == info["totals"]["chunks"]
