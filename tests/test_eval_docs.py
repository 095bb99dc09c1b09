"""END-TO-END (~2 min): `python -m eval run SET --docs FOLDER` on three real documents.

tests/data/eval_real/ holds three documents copied from ../shared/real/docs and five questions
checked by hand (its README says where each answer stands). The tests build the folder's index
with the real embedder in a real `python -m eval run` process, SIGKILL it after the first
document is committed (the entry must not count as complete), resume it, score the set and
compare every verdict with the reference scorer, then check that a second run reuses the index
and that an edited folder gets a new one.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.config import Settings
from eval.docindex import DocIndex, collect, content_key, entries, file_sha, index_key
from eval.runner import RunResult, run_set
from eval.scoring import reference_verdict
from eval.sets import load_set

from .conftest import ROOT
from .hold import kill_at_hold

DATA = ROOT / "tests" / "data" / "eval_real"
REAL_QA = ROOT.parent / "shared" / "real" / "qa.jsonl"
FLOOR = 0.4  # 2/5 right when set (r1 the 2040 target, r5 not found); raise it when the assistant improves
ENV = {**os.environ, "ANONYMIZED_TELEMETRY": "False", "HF_HUB_OFFLINE": "1"}


def _eval(*args, timeout=600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "eval", *map(str, args)], cwd=ROOT, env=ENV,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    w = tmp_path_factory.mktemp("evaldocs")
    shutil.copytree(DATA / "docs", w / "docs")
    return w


def test_sets_in_the_real_shape_load_with_their_documents():
    items, problems = load_set(DATA / "qa.jsonl")
    assert not problems and [i.doc for i in items][:2] == ["8718801c503045f9.md", "85ff77cbda28ffbb.md"]
    assert items[4].kind == "unanswerable" and items[4].doc is None and items[2].lang == "en"
    if REAL_QA.exists():  # the development set itself, when ../shared is beside the clone
        real, problems = load_set(REAL_QA)
        assert not problems and len(real) == 50 and len({i.doc for i in real if i.doc}) == 10


def test_key_is_the_content_not_the_place(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copytree(DATA / "docs", a)
    shutil.copytree(DATA / "docs", b)

    def shas(folder):
        return [(n, file_sha(p)) for n, p in collect([folder])]

    assert content_key(shas(a), "e") == content_key(shas(b), "e") != content_key(shas(a), "other-embedder")
    (b / "44bc41ecfb3f3b21.md").write_text((b / "44bc41ecfb3f3b21.md").read_text(encoding="utf-8") + "\n.",
                                           encoding="utf-8")
    assert content_key(shas(a), "e") != content_key(shas(b), "e")
    (a / "8718801c503045f9.md").rename(a / "renamed.md")
    assert content_key(shas(a), "e") != content_key(shas(b), "e")
    assert index_key("x", 6) != index_key("x", 7)
    assert [n for n, _ in collect([a / "renamed.md", b])] == [
        "44bc41ecfb3f3b21.md", "85ff77cbda28ffbb.md", "8718801c503045f9.md", "renamed.md"]
    with pytest.raises(FileNotFoundError, match="nope"):
        collect([tmp_path / "nope"])


def _listed(entry: DocIndex) -> int:
    try:
        return len(json.loads((entry.home / "index" / "manifest.json").read_text(encoding="utf-8"))["documents"])
    except (OSError, ValueError, KeyError):
        return 0


def test_killed_build_is_partial_then_resumed_and_scored_like_the_reference(work):
    cache = work / "cache"
    entry = DocIndex.for_paths([work / "docs"], cache=cache)
    # killed once the first document is committed, before the second: the process says when it is there
    kill_at_hold(["eval", "run", str(DATA / "qa.jsonl"), "--docs", str(work / "docs"), "--cache", str(cache),
                  "--quiet", "--out", str(work / "killed")], "index.store:IndexStore.add", 1, ROOT, ENV)
    assert _listed(entry) == 1, "the kill lands between documents"
    assert not entry.complete
    listed = json.loads(_eval("cache", "--cache", cache, "--json").stdout)["entries"]
    assert [(e["key"], e["complete"], e["documents"]) for e in listed] == [(entry.key, False, 3)]

    said = []
    bot = entry.open(progress=False, log=said.append)
    try:
        assert "resuming" in said[0] and entry.complete
        assert bot.info()["totals"]["documents"] == 3
        items, _ = load_set(DATA / "qa.jsonl")
        outs = {}

        class Recorder:  # keeps each full answer: the run stores citations cut short
            _answerer, read = bot._answerer, bot.read  # what eval.runner.retrieve reaches (a set with gold)

            def ask(self, q):
                outs[q] = bot.ask(q).to_json()
                return outs[q]

        result = run_set(Recorder(), items, name="eval_real")
    finally:
        bot.close()
    for item, r in zip(items, result.items, strict=True):
        assert r.ref_correct == reference_verdict(item, outs[item.q]) == r.correct, (item.id, outs[item.q]["answer"])
    assert result.metrics["reference_disagreements"] == 0 and result.metrics["errors"] == 0
    assert result.items[4].correct, "no document from Lào Cai: must say not found"
    assert result.metrics["accuracy"] >= FLOOR, [(r.id, r.reasons) for r in result.failures]


def test_second_run_reuses_the_index_and_an_edit_builds_a_new_one(work):
    cache = work / "cache"
    first = DocIndex.for_paths([work / "docs"], cache=cache)
    assert first.complete, "run after the build test"
    stamp = (first.home / "index" / "manifest.json").stat().st_mtime_ns
    t0 = time.perf_counter()
    hit = _eval("run", DATA / "qa.jsonl", "--docs", work / "docs", "--cache", cache, "--quiet", "--out", work / "hit")
    assert hit.returncode == 0, hit.stderr[-2000:]
    run = RunResult.load(work / "hit")
    assert run.settings["cache_hit"] is True and run.settings["index_key"] == first.key
    assert (first.home / "index" / "manifest.json").stat().st_mtime_ns == stamp
    print(f"\ncache hit: whole run {time.perf_counter() - t0:.1f} s, index opened in {run.settings['index_s']} s")

    edited = work / "edited"
    edited.mkdir()
    text = (work / "docs" / "8718801c503045f9.md").read_text(encoding="utf-8")
    (edited / "8718801c503045f9.md").write_text(text + "\nGhi chú: bản sửa.\n", encoding="utf-8")
    miss = _eval("run", DATA / "qa.jsonl", "--docs", edited, "--cache", cache, "--quiet", "--out", work / "miss")
    assert miss.returncode == 0, miss.stderr[-2000:]
    run = RunResult.load(work / "miss")
    assert run.settings["cache_hit"] is False and run.settings["documents"] == 1
    assert run.settings["index_key"] != first.key
    assert sorted((e["complete"], e["documents"]) for e in entries(cache)) == [(True, 1), (True, 3)]

    gone = _eval("cache", "--cache", cache, "--clear", run.settings["index_key"])
    assert gone.returncode == 0 and [e["key"] for e in entries(cache)] == [first.key]
    assert _eval("cache", "--cache", cache, "--clear", "nope").returncode == 2


def test_a_parser_upgrade_starts_from_the_old_entry(work, monkeypatch):
    """Same documents, another INGEST_VERSION: the new entry is a copy of the old one, not a new
    embedding (simulated by filing the complete entry under another key): no document text is embedded."""
    from index.embedders import get_embedder

    embedded = []
    engine = type(get_embedder(Settings.resolve().embedder))
    original = engine.embed

    def counting(self, texts, query=False):
        if not query:
            embedded.extend(texts)
        return original(self, texts, query=query)

    monkeypatch.setattr(engine, "embed", counting)
    cache = work / "cache"
    entry = DocIndex.for_paths([work / "docs"], cache=cache)
    older = cache / "0000000000000000"
    shutil.copytree(entry.folder, older)
    shutil.rmtree(entry.folder)
    said = []
    bot = entry.open(progress=False, log=said.append)
    try:
        assert "starting from 0000000000000000" in said[0] and entry.complete
        info = bot.info()
        assert info["totals"]["documents"] == 3 and info["vectors"]["pending"] == 0
        assert info["vectors"]["stored"] == info["totals"]["chunks"]
    finally:
        bot.close()
    assert embedded == [], f"{len(embedded)} texts embedded again: the old entry's vectors were not kept"


def test_docs_from_set_and_bad_paths(work, tmp_path):
    out = _eval("run", DATA / "qa.jsonl", "--docs", tmp_path / "missing", "--cache", work / "cache", "--quiet")
    assert out.returncode == 2 and "missing" in out.stderr and "Traceback" not in out.stderr
    one = tmp_path / "one.jsonl"
    one.write_text(json.dumps({"id": "x", "q": "Ai ký?", "expect": [["A"]], "cite": ["A"], "doc": "absent.md"}) + "\n",
                   encoding="utf-8")
    out = _eval("run", one, "--docs", work / "docs", "--docs-from-set", "--cache", work / "cache", "--quiet")
    assert out.returncode == 2 and "absent.md" in out.stderr
    entry = DocIndex.for_paths([work / "docs"], cache=work / "cache", only={"44bc41ecfb3f3b21.md"})
    assert [n for n, _ in entry.files] == ["44bc41ecfb3f3b21.md"]
