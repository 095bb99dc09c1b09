"""Growth: synthetic corpora read back as intended, and a killed ingest resumes without duplicates.

The restart test is real: ``python -m assistant ingest FOLDER`` in a subprocess with the
default embedder, SIGKILLed once the first documents are committed, then run again; its
index must equal that of a clean run. The crash states a kill can leave at an exact
point are also built by hand (with a tiny hash embedder, so no model is loaded) and
checked one by one.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from bench.synth import FIG, make_corpus, make_plan, scale_figure
from bench.synth_law import make_law
from index.build import add_documents
from index.segments import save_segment
from index.store import IndexStore
from ingest.pipeline import parse_text

from .conftest import ROOT


class HashEmbedder:
    """Deterministic 8-d vectors from a hash: exercises the store without a model."""

    name, dim = "test/hash-8", 8

    def embed(self, texts, query=False):
        out = []
        for t in texts:
            h = hashlib.sha256(t.encode()).digest()
            v = np.frombuffer(h[:32], dtype=np.uint8)[:8].astype(np.float32) + 1
            out.append(v / np.linalg.norm(v))
        return np.array(out)


def _store(folder: Path, url: str | None = None) -> IndexStore:
    return IndexStore(folder, HashEmbedder.name, HashEmbedder.dim, url)


def _small_docs(n: int, chars: int = 6000) -> list[tuple[str, str]]:
    """The first ``chars`` of ``n`` synthetic plans, cut at a line end: several chunks each."""
    out = []
    for i in range(n):
        d = make_plan(i)
        cut = d.text.rfind("\n", 0, chars)
        out.append((d.name, d.text[:cut] + "\n"))
    return out


def _chroma_ids(store: IndexStore) -> list[str]:
    return store.collection().get(include=[])["ids"]


def _assert_consistent(store: IndexStore) -> None:
    """Every listed chunk once in BM25 and in Chroma, and nothing else."""
    docs = store.manifest.get("documents", {})
    want = sorted(f"{d}:{i}" for d, e in docs.items() for i in range(e["chunks"]))
    assert len(store.bm25.ids) == len(set(store.bm25.ids)), "a chunk id appears twice in BM25"
    assert sorted(store.bm25.ids) == want
    ids = _chroma_ids(store)
    assert len(ids) == len(set(ids)) and sorted(ids) == want
    files = sorted(p.stem for p in (store.folder / "docs").glob("*.json"))
    assert files == sorted(docs)
    segments = sorted(p.stem for p in (store.folder / "bm25").glob("*.json"))
    assert segments == sorted(docs)


# ---- synthetic corpora ----------------------------------------------------------------
def test_scaled_figures_keep_their_format():
    assert scale_figure("104.046", 1.1, False) == "114.451"  # thousands dot stays
    assert scale_figure("2,500", 0.8, False) == "2,000"  # thousands comma stays
    assert scale_figure("20,83", 1.1, True) == "22,91"  # decimal comma, two places
    assert scale_figure("26.1", 1.0, False) == "26.1"
    assert scale_figure("95", 1.3, True) == "88"  # a percentage never passes 100: reflected back
    assert scale_figure("05", 2.0, True) == "05"


def test_synthetic_plans_read_back_with_their_province_and_answers():
    docs = make_corpus(4, 0, seed=3)
    assert [d.province for d in docs] == ["An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang"]
    assert len({d.text for d in docs}) == 4
    for d in docs:
        parsed = parse_text(d.text, d.name)
        assert parsed.meta.province == d.province
        assert len(d.questions) > 20
        for q in d.questions:
            assert d.province in q["q"] and FIG.findall(q["expect"][0][0])[0] in d.text
    assert make_corpus(2, 0, seed=3)[1].text == docs[1].text  # sizes nest and are reproducible


def test_synthetic_law_has_articles_and_facts():
    text, facts = make_law(5, seed=2)
    parsed = parse_text(text, "law.txt")
    assert parsed.meta.kind == "Luật" and parsed.meta.number == "105/2024/QH15"
    assert len(facts) == 4
    for f in facts:
        assert f["cite"] in text and "105/2024/QH15" in f["q"]


# ---- crash states, built by hand ------------------------------------------------------
def _docs(n: int, tmp_path: Path, chars: int = 3000):
    return [parse_text(text, str(tmp_path / name)) for name, text in _small_docs(n, chars)]


def test_uncommitted_document_is_cleaned_and_added_once(tmp_path):
    emb, (a, b) = HashEmbedder(), _docs(2, tmp_path)
    store = _store(tmp_path / "index")
    add_documents(store, emb, [a], progress=False)
    # A kill after B's vectors and BM25 segment were written, before the manifest: B is half in.
    store.collection().upsert(ids=[c.chunk_id for c in b.chunks], embeddings=emb.embed([c.search_text for c in b.chunks]).tolist())
    ids = [c.chunk_id for c in b.chunks]
    save_segment(store.folder / "bm25" / f"{b.doc_id}.json", store.bm25.scheme, ids,
                 store.bm25.analyse([c.search_text for c in b.chunks]))
    (store.folder / "docs" / f"{b.doc_id}.json").write_text("{}", encoding="utf-8")
    reopened = _store(tmp_path / "index")
    assert set(reopened.bm25.ids) == {c.chunk_id for c in a.chunks}  # a reader never sees B's entries
    res = add_documents(reopened, emb, [a, b], progress=False)  # the re-run
    assert res.unchanged == [a.name] and res.added == [b.name]
    _assert_consistent(_store(tmp_path / "index"))


def test_a_commit_writes_only_its_own_document(tmp_path):
    """Adding the third document leaves the first two's files untouched: commit cost does not
    grow with the index (it used to rewrite one bm25.json holding every chunk)."""
    emb, docs = HashEmbedder(), _docs(3, tmp_path, 6000)
    add_documents(_store(tmp_path / "index"), emb, docs[:2], progress=False)
    before = {f: f.stat().st_mtime_ns for f in (tmp_path / "index").glob("[bd]*/*.json")}
    assert len(before) == 4
    time.sleep(0.01)
    add_documents(_store(tmp_path / "index"), emb, docs[2:], progress=False)
    assert {f: f.stat().st_mtime_ns for f in before} == before
    assert not (tmp_path / "index" / "bm25.json").exists()
    _assert_consistent(_store(tmp_path / "index"))


def test_single_file_bm25_of_an_older_index_is_read_then_split(tmp_path):
    """An index written before segments (one bm25.json) answers as before, and its next write
    turns it into segments with the same postings."""
    emb, docs = HashEmbedder(), _docs(3, tmp_path, 6000)
    store = _store(tmp_path / "index")
    add_documents(store, emb, docs[:2], progress=False)
    want = store.bm25.search("nhà ở xã hội", k=50)
    store.bm25.save(tmp_path / "index" / "bm25.json")  # the old layout: one file, no segments
    shutil.rmtree(tmp_path / "index" / "bm25")
    old = _store(tmp_path / "index")
    assert old.bm25.search("nhà ở xã hội", k=50) == want
    add_documents(old, emb, docs[2:], progress=False)
    assert not (tmp_path / "index" / "bm25.json").exists()
    assert len(list((tmp_path / "index" / "bm25").glob("*.json"))) == 3
    # a kill after the split's manifest, before bm25.json was deleted: segments win
    store.bm25.save(tmp_path / "index" / "bm25.json")
    assert sorted(_store(tmp_path / "index").bm25.ids) == sorted(c.chunk_id for d in docs for c in d.chunks)
    assert not (tmp_path / "index" / "bm25.json").exists()
    fresh = _store(tmp_path / "fresh")
    add_documents(fresh, emb, docs, progress=False)
    again = _store(tmp_path / "index")
    assert again.bm25.search("nhà ở xã hội", k=50) == fresh.bm25.search("nhà ở xã hội", k=50)
    _assert_consistent(again)


def test_orphan_vectors_of_an_unlisted_document_are_deleted(tmp_path):
    emb, (a, b) = HashEmbedder(), _docs(2, tmp_path)
    store = _store(tmp_path / "index")
    add_documents(store, emb, [a], progress=False)
    store.collection().upsert(ids=[c.chunk_id for c in b.chunks], embeddings=emb.embed([c.search_text for c in b.chunks]).tolist())
    got = _store(tmp_path / "index").repair()
    assert got["vectors"] == len(b.chunks)
    _assert_consistent(_store(tmp_path / "index"))


def test_replacement_killed_before_commit_keeps_the_old_version_whole(tmp_path):
    emb = HashEmbedder()
    path = tmp_path / "plan.txt"
    old = parse_text(_small_docs(1, 3000)[0][1], str(path))
    new = parse_text(old.text + "\nPhụ chú: sửa đổi.\n", str(path))
    store = _store(tmp_path / "index")
    add_documents(store, emb, [old], progress=False)
    store.remove(old.doc_id, write=False)  # what add_documents does just before committing the new one
    del store  # ... and the process dies here
    store = _store(tmp_path / "index")
    assert list(store.manifest["documents"]) == [old.doc_id]
    assert store.load_document(old.doc_id).text == old.text
    _assert_consistent(store)
    res = add_documents(store, emb, [new], progress=False)
    assert res.replaced == [new.name]
    store = _store(tmp_path / "index")
    assert list(store.manifest["documents"]) == [new.doc_id]
    _assert_consistent(store)


def test_swap_interrupted_between_renames_is_finished_on_open(tmp_path):
    emb, (a,) = HashEmbedder(), _docs(1, tmp_path)
    live, new = tmp_path / "index", tmp_path / "index.new"
    add_documents(_store(new), emb, [a], progress=False)
    (tmp_path / "index.old").mkdir()  # swap_in renamed the live index away, then died
    assert _store(live).manifest["documents"].keys() == {a.doc_id}
    assert not new.exists() and not (tmp_path / "index.old").exists()
    # a lone index.new is a build that may not have finished: never promoted
    add_documents(_store(tmp_path / "b.new"), emb, [a], progress=False)
    assert not _store(tmp_path / "b").exists and (tmp_path / "b.new").exists()


def test_server_store_is_repaired_too(tmp_path, chroma_server):
    emb, (a, b) = HashEmbedder(), _docs(2, tmp_path)
    store = _store(tmp_path / "index", chroma_server["url"])
    add_documents(store, emb, [a], progress=False)
    store.collection().upsert(ids=[c.chunk_id for c in b.chunks], embeddings=emb.embed([c.search_text for c in b.chunks]).tolist())
    add_documents(_store(tmp_path / "index", chroma_server["url"]), emb, [a, b], progress=False)
    _assert_consistent(_store(tmp_path / "index", chroma_server["url"]))


# ---- the real thing: SIGKILL a CLI ingest, run it again ------------------------------------
def _cli(home: Path, corpus: Path, folder: Path) -> list[str]:
    return [sys.executable, "-m", "assistant", "ingest", str(folder), "--home", str(home), "--corpus", str(corpus),
            "--quiet", "--json"]


def _listed(home: Path) -> int:
    try:
        return len(json.loads((home / "index" / "manifest.json").read_text(encoding="utf-8")).get("documents", {}))
    except (OSError, ValueError):
        return 0


def _opened(home: Path) -> IndexStore:
    emb = json.loads((home / "index" / "manifest.json").read_text(encoding="utf-8"))["embedder"]
    return IndexStore(home / "index", emb["name"], emb["dim"])


def test_killed_ingest_finishes_on_rerun_without_duplicates(tmp_path):
    folder, empty = tmp_path / "batch", tmp_path / "empty"
    folder.mkdir()
    empty.mkdir()
    docs = _small_docs(4, 6000)
    for name, text in docs:
        (folder / name).write_text(text, encoding="utf-8")
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False", "HF_HUB_OFFLINE": "1"}
    killed, clean = tmp_path / "killed", tmp_path / "clean"
    proc = subprocess.Popen(_cli(killed, empty, folder), cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 300
    while _listed(killed) < 1 and proc.poll() is None and time.time() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    partial = _listed(killed)
    # Documents are committed before any is embedded, so the kill lands in stage 1 or in the pass.
    assert 1 <= partial <= len(docs), f"the kill should land once a document is committed ({partial})"

    rerun = subprocess.run(_cli(killed, empty, folder), cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    report = json.loads(rerun.stdout)
    assert len(report["unchanged"]) == partial and len(report["added"]) == len(docs) - partial
    ref = subprocess.run(_cli(clean, empty, folder), cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert ref.returncode == 0, ref.stderr[-2000:]

    a, b = _opened(killed), _opened(clean)
    assert a.manifest["documents"].keys() == b.manifest["documents"].keys()
    assert [e["chunks"] for e in a.manifest["documents"].values()] == \
        [b.manifest["documents"][k]["chunks"] for k in a.manifest["documents"]]
    _assert_consistent(a)
    _assert_consistent(b)
    assert sorted(a.bm25.ids) == sorted(b.bm25.ids)


def test_reingesting_the_same_batch_changes_nothing(tmp_path):
    emb, docs = HashEmbedder(), _docs(2, tmp_path)
    add_documents(_store(tmp_path / "index"), emb, docs, progress=False)
    res = add_documents(_store(tmp_path / "index"), emb, docs + docs, progress=False)
    assert res.added == [] and len(res.unchanged) == 4
    _assert_consistent(_store(tmp_path / "index"))


def test_each_commit_is_reported_as_it_happens(tmp_path):
    """``on_commit`` fires after each document is durable: a follower (the growth benchmark's
    log, a progress view) sees the manifest already listing it."""
    emb, docs = HashEmbedder(), _docs(2, tmp_path, 6000)
    seen = []

    def follow(doc, seconds):
        listed = json.loads((tmp_path / "index" / "manifest.json").read_text(encoding="utf-8"))["documents"]
        seen.append((doc.doc_id, doc.doc_id in listed, seconds >= 0))

    add_documents(_store(tmp_path / "index"), emb, docs, progress=False, on_commit=follow)
    assert seen == [(d.doc_id, True, True) for d in docs]
    add_documents(_store(tmp_path / "index"), emb, docs, progress=False, on_commit=follow)
    assert len(seen) == 2  # unchanged documents are not committed again


def test_growth_results_append_by_size(tmp_path):
    from bench.growth import _log_entries, write_outputs

    def row(size, plans, laws, acc):
        return {"size": size, "plans": plans, "laws": laws, "documents": plans + laws, "accuracy": acc}

    out = tmp_path / "scale"
    write_outputs([row("16", 16, 0, 1.0), row("63", 63, 0, 0.9)], out, "t")
    write_outputs([row("63", 63, 0, 0.95), row("63+300", 63, 300, 0.97)], out, "t", append=True)
    lines = (tmp_path / "scale.csv").read_text(encoding="utf-8").splitlines()
    assert [ln.split(",")[0] for ln in lines[1:]] == ["16", "63", "63+300"]
    assert "0.95" in lines[2] and (tmp_path / "scale.svg").exists()
    log = tmp_path / "ingest-log.jsonl"
    log.write_text('{"size": "63+300", "seconds": 2.0}\n{"size": "63+3', encoding="utf-8")  # cut by a kill
    assert _log_entries(log) == [{"size": "63+300", "seconds": 2.0}]


# ---- sizes on real text (bench/synth_sizes.py) ----------------------------------------
REAL = ROOT / "tests" / "data" / "eval_real"


def test_sizes_parse_real_and_generated():
    from bench.synth_sizes import parse_sizes

    got = parse_sizes("plans, qa,real,x10,16,63+300")
    assert [(s.label, s.real, s.plans, s.laws) for s in got] == [
        ("plans", True, 0, 0), ("qa", True, 0, 0), ("real", True, 0, 0), ("x10", True, 0, 0),
        ("16", False, 16, 0), ("63+300", False, 63, 300)]
    import pytest

    with pytest.raises(ValueError, match="plans, qa, real, x10"):
        parse_sizes("plans,everything")


def test_real_sizes_nest_and_score_real_questions(tmp_path):
    """qa ⊂ real ⊂ x10; the real questions score every real size; the generated bulk of x10 brings it
    to ten times the real characters and adds no question."""
    import pytest

    from bench.synth_sizes import assemble, parse_sizes

    qa_file = tmp_path / "qa.jsonl"  # a set citing two of the three documents
    lines = (REAL / "qa.jsonl").read_text(encoding="utf-8").splitlines()
    qa_file.write_text("\n".join(ln for ln in lines if "85ff77cbda28ffbb" not in ln) + "\n", encoding="utf-8")
    sizes = {s.label: assemble(s, REAL / "docs", qa_file) for s in parse_sizes("plans,qa,real,x10")}
    names = {k: [(f, n) for f, n, _ in d] for k, (d, _) in sizes.items()}
    assert names["plans"] == [("plans", p.name) for p in sorted((ROOT / "corpus").glob("*.txt"))]
    assert names["qa"] == names["plans"] + [("real", "44bc41ecfb3f3b21.md"), ("real", "8718801c503045f9.md")]
    assert [x for x in names["real"] if x[0] == "real"] == [("real", p.name) for p in sorted((REAL / "docs").iterdir())]
    assert names["real"] == names["x10"][: len(names["real"])]
    real_chars = sum(len(t) for f, _, t in sizes["real"][0] if f == "real")
    x10 = sizes["x10"][0]
    assert sum(len(t) for *_, t in x10) >= 10 * real_chars > sum(len(t) for *_, t in x10[:-1])
    assert {f for f, *_ in x10[len(names["real"]):]} == {"gen"}
    groups = {k: sorted({q["group"] for q in qs}) for k, (_, qs) in sizes.items()}
    assert groups == {"plans": ["plans"], "qa": ["plans", "real"], "real": ["plans", "real"], "x10": ["plans", "real"]}
    assert sizes["x10"][1] == sizes["real"][1] and len([q for q in sizes["qa"][1] if q["group"] == "real"]) == 4
    with pytest.raises(FileNotFoundError, match="--real-docs"):
        assemble(parse_sizes("qa")[0], tmp_path / "absent", qa_file)


def test_prepare_grows_the_corpus_in_place_and_remembers_new_characters(tmp_path):
    import argparse

    from bench.growth import prepare
    from bench.synth_sizes import parse_sizes

    args = argparse.Namespace(real_docs=REAL / "docs", real_qa=REAL / "qa.jsonl", seed=1, questions=10, fresh=False)
    plans, qa = parse_sizes("plans,qa")
    row, qfile = prepare(plans, args, tmp_path)
    assert row["new_chars"] == row["chars"] and row["real_documents"] == 0
    stamp = {p: p.stat().st_mtime_ns for p in (tmp_path / "corpus").rglob("*.txt")}
    row2, qfile2 = prepare(qa, args, tmp_path)
    assert row2["real_documents"] == 3 and row2["new_chars"] == row2["chars"] - row["chars"]
    assert {p: p.stat().st_mtime_ns for p in stamp} == stamp  # the plans are not rewritten: ingest skips them
    assert prepare(qa, args, tmp_path)[0]["new_chars"] == row2["new_chars"]  # a resumed size keeps its count
    assert len(qfile2.read_text(encoding="utf-8").splitlines()) == 35


def test_killed_runs_add_their_time_until_a_size_finishes():
    from bench.growth import earlier_runs

    log = [{"size": "real", "pid": 1, "listed": 3, "seconds": 5.0}, {"size": "real", "pid": 1, "listed": 9, "seconds": 9.0},
           {"size": "real", "pid": 2, "listed": 12, "seconds": 4.0}, {"size": "qa", "pid": 3, "seconds": 7.0}]
    assert earlier_runs(log, "real", 9) == (13.0, 2)  # two killed runs: 9 s and 4 s
    assert earlier_runs(log, "real", 2) == (9.0, 1)  # this process's own entries are not "earlier"
    done = log + [{"size": "real", "pid": 4, "listed": 421, "seconds": 60.0, "event": "done"}]
    assert earlier_runs(done, "real", 9) == (0.0, 0)  # measured to its end once: a re-run starts afresh


def test_answerable_only_stops_before_the_vectors_and_serves_from_the_lexical_index(tmp_path):
    """`--answerable-only` (for sizes whose embedding takes hours): the ingest is stopped once every
    document is listed, nothing is lost, and the size is served and scored with vectors pending."""
    import csv

    out = subprocess.run([sys.executable, "-m", "bench.growth", "--sizes", "plans", "--work", str(tmp_path / "w"),
                          "--answerable-only", "--out", str(tmp_path / "out")],
                         cwd=ROOT, capture_output=True, text=True, timeout=1200)
    assert out.returncode == 0, out.stderr[-2000:]
    row = next(csv.DictReader((tmp_path / "out.csv").open(encoding="utf-8")))
    assert row["documents"] == "2" and float(row["answerable_s"]) > 0 and row["embedded_s"] == ""
    assert float(row["accuracy_plans"]) >= 0.9 and row["errors"] == "0"
    log = [json.loads(x) for x in (tmp_path / "w" / "ingest-log.jsonl").read_text().splitlines()]
    assert log[-1]["event"] == "stopped before the vectors"


def test_documents_read_once_per_build_of_the_index(tmp_path, monkeypatch):
    """After a commit the store reads only the new document's head (not its JSON); a rebuild is a new build."""
    emb, docs = HashEmbedder(), _docs(3, tmp_path, 4000)
    store = _store(tmp_path / "index")
    add_documents(store, emb, docs[:2], progress=False)
    first = store.documents()
    read = []
    real_load = IndexStore.load_document
    monkeypatch.setattr(IndexStore, "load_document", lambda self, d: read.append(d) or real_load(self, d))
    add_documents(store, emb, docs[2:], progress=False)
    read.clear()  # the embedding pass reads the new document for its chunks' texts
    again = store.documents()
    # the new document's head (index/shelf.py, written by its commit) is read, not its JSON
    assert read == [] and again[:2] == first and all(a is b for a, b in zip(again, first, strict=False))
    assert again[2].meta == docs[2].meta and len(again[2].chunks) == len(docs[2].chunks) and read == [docs[2].doc_id]
    store.remove(docs[0].doc_id)
    assert [d.doc_id for d in store.documents()] == [docs[1].doc_id, docs[2].doc_id] and len(read) == 1
    reopened = _store(tmp_path / "index")
    reopened.keep_documents_of(store)
    assert reopened.documents()[0] is again[1] and len(read) == 1  # the same build: nothing read
    store.manifest["build"] = "another"  # what a rebuild writes
    assert store.documents()[0] is not again[1] and len(read) == 1  # new documents, from their heads
