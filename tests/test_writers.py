"""Several processes on one index: writers take turns, and nobody's documents are dropped.

Real processes on the small one-plan index (``mini_home``): nothing opens or writes an index
another process is writing; an embedded index open in an app is written only by that app;
two Assistants in one process keep each other's documents; with a Chroma server other
processes may write, and a running Assistant follows them.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.synth import make_plan
from ground.errors import IndexBusyError

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


def test_while_one_process_writes_no_other_opens_or_writes_the_index(mini_home, mini_corpus, tmp_path):
    home = tmp_path / "home"
    shutil.copytree(mini_home, home)
    new = _small_plan(tmp_path / "new", 2)
    before = (home / "index" / "manifest.json").read_bytes()
    holder = _hold_lock(home)
    try:
        with pytest.raises(IndexBusyError) as err:
            bot_for(home, mini_corpus)  # an embedded store being written elsewhere is not read half-way
        assert str(holder.pid) in str(err.value) and "another process" in str(err.value)
        out = cli("ingest", str(new), "--home", str(home), "--corpus", str(mini_corpus))
        assert out.returncode == 1 and str(holder.pid) in out.stderr and "Traceback" not in out.stderr
        assert (home / "index" / "manifest.json").read_bytes() == before
    finally:
        holder.kill()
        holder.wait(10)
    bot = bot_for(home, mini_corpus)  # the kernel dropped the lock with its holder
    assert bot.ingest([str(new)])["added"] and new.name in _listed_names(home)


def test_an_embedded_index_open_in_an_app_is_not_written_by_another_process(mini_home, mini_corpus, tmp_path):
    """Embedded Chroma keeps its graph in the app's memory: a command-line ingest beside it would be
    lost at the app's next save, so it is refused with the ways to do it instead."""
    home = tmp_path / "home"
    shutil.copytree(mini_home, home)
    bot = bot_for(home, mini_corpus)
    new = _small_plan(tmp_path / "new", 2)
    before = (home / "index" / "manifest.json").read_bytes()
    out = cli("ingest", str(new), "--home", str(home), "--corpus", str(mini_corpus))
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "Documents tab" in out.stderr and "Chroma server" in out.stderr
    assert (home / "index" / "manifest.json").read_bytes() == before
    assert bot.ask(QUESTION).found
    bot.ingest([str(_small_plan(tmp_path / "own", 3))])  # the app itself still writes
    bot.close()
    out = cli("ingest", str(new), "--home", str(home), "--corpus", str(mini_corpus))
    assert out.returncode == 0, out.stderr[-2000:]
    assert len(_listed_names(home)) == 3


def test_two_assistants_in_one_process_keep_each_others_documents(mini_home, mini_corpus, tmp_path):
    home = tmp_path / "home"
    shutil.copytree(mini_home, home)
    a, b = bot_for(home, mini_corpus), bot_for(home, mini_corpus)
    theirs, ours = _small_plan(tmp_path / "a", 2), _small_plan(tmp_path / "b", 3)
    b.ingest([str(theirs)])
    a.ingest([str(ours)])  # a's manifest in memory predates b's commit: it is read again first
    assert _listed_names(home) >= {theirs.name, ours.name} and len(_listed_names(home)) == 3
    b.remove(next(d["doc_id"] for d in b.info()["documents"] if Path(d["path"]).name == ours.name))
    assert a.ask(QUESTION).found and a.info()["totals"]["documents"] == 2  # a follows b at its next question


def test_with_a_chroma_server_other_processes_write_and_a_running_assistant_follows(mini_corpus, tmp_path,
                                                                                 chroma_server):
    home = tmp_path / "home"
    bot = bot_for(home, mini_corpus, chroma_server["url"])
    assert bot.info()["totals"]["documents"] == 1
    extra = _small_plan(tmp_path / "more", 2)
    out = cli("ingest", str(extra), "--home", str(home), "--corpus", str(mini_corpus),
              "--chroma-url", chroma_server["url"])
    assert out.returncode == 0, out.stderr[-2000:]
    bot.ask(QUESTION)  # the next question notices the new manifest and loads it
    assert bot.info()["totals"]["documents"] == 2
    assert len(bot._answerer.docs) == 2 and bot.ask(QUESTION).found
    bot.ingest([str(_small_plan(tmp_path / "ours", 3))])  # and its own next write keeps theirs
    assert extra.name in _listed_names(home) and len(_listed_names(home)) == 3
