"""Several processes on one index: writers take turns, and nobody's documents are dropped.

Real processes against the small one-plan index of ``test_faults``: a second writer is refused
while the first holds the lock (API, CLI); a write made by another process is kept when this
one writes next; with a Chroma server, a running Assistant picks up what another process added.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.errors import IndexBusyError
from bench.synth import make_plan

from .conftest import ROOT
from .test_faults import ENV, QUESTION, bot_for, cli


def _listed_names(home: Path) -> set[str]:
    docs = json.loads((home / "index" / "manifest.json").read_text(encoding="utf-8"))["documents"]
    return {Path(v["path"]).name for v in docs.values()}


def _small_plan(folder: Path, i: int) -> Path:
    """The opening of synthetic plan ``i`` (its own province), a few chunks: seconds to embed."""
    d = make_plan(i)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / d.name
    path.write_text(d.text[: d.text.rfind("\n", 0, 2500)] + "\n", encoding="utf-8")
    return path


def _hold_lock(home: Path) -> subprocess.Popen:
    """Another process holding the index's write lock until killed."""
    code = ("import sys, time; from pathlib import Path; from index.lock import write_lock\n"
            "with write_lock(Path(sys.argv[1])):\n    print('held', flush=True); time.sleep(600)\n")
    proc = subprocess.Popen([sys.executable, "-c", code, str(home / "index")], cwd=ROOT, env=ENV,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_a_second_writer_is_refused_and_nothing_changes(mini_home, mini_corpus, tmp_path):
    home = tmp_path / "home"
    shutil.copytree(mini_home, home)
    bot = bot_for(home, mini_corpus)
    new = _small_plan(tmp_path / "new", 2)
    before = (home / "index" / "manifest.json").read_bytes()
    holder = _hold_lock(home)
    try:
        with pytest.raises(IndexBusyError) as err:
            bot.ingest([str(new)])
        assert str(holder.pid) in str(err.value) and "another process" in str(err.value)
        out = cli("ingest", str(new), "--home", str(home), "--corpus", str(mini_corpus))
        assert out.returncode == 1 and str(holder.pid) in out.stderr and "Traceback" not in out.stderr
        assert (home / "index" / "manifest.json").read_bytes() == before
        assert bot.ask(QUESTION).found  # readers take no lock
    finally:
        holder.kill()
        holder.wait(10)
    res = bot.ingest([str(new)])  # the kernel dropped the lock with its holder
    assert res["added"] and new.name in _listed_names(home)


def test_a_document_another_process_added_is_kept_by_our_next_write(mini_home, mini_corpus, tmp_path):
    home = tmp_path / "home"
    shutil.copytree(mini_home, home)
    bot = bot_for(home, mini_corpus)  # reads the index: one document
    theirs, ours = _small_plan(tmp_path / "a", 2), _small_plan(tmp_path / "b", 3)
    out = cli("ingest", str(theirs), "--home", str(home), "--corpus", str(mini_corpus))
    assert out.returncode == 0, out.stderr[-2000:]
    bot.ingest([str(ours)])  # its manifest in memory predates the other process's commit
    assert {theirs.name, ours.name} <= _listed_names(home)
    assert len(_listed_names(home)) == 3


def test_with_a_chroma_server_a_running_assistant_follows_other_writers(mini_corpus, tmp_path, chroma_server):
    home = tmp_path / "home"
    bot = bot_for(home, mini_corpus, chroma_server["url"])
    assert bot.info()["totals"]["documents"] == 1
    extra = _small_plan(tmp_path / "more", 2)
    out = cli("ingest", str(extra), "--home", str(home), "--corpus", str(mini_corpus),
              "--chroma-url", chroma_server["url"])
    assert out.returncode == 0, out.stderr[-2000:]
    time.sleep(0.01)
    bot.ask(QUESTION)  # the next question notices the new manifest and loads it
    assert bot.info()["totals"]["documents"] == 2
    assert len(bot._answerer.docs) == 2 and bot.ask(QUESTION).found
