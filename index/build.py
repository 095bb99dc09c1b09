"""Put documents into the index in two stages: searchable at once, vectors filled in behind.

    1. ``add_documents`` commits each new or changed document: its JSON, its BM25 segment and
       its manifest entry (manifest last). From that moment it is answerable through the
       lexical index and its table rows. Vectors that are already known (a re-parse keeps the
       vector of every chunk whose text did not change) are stored with it.
    2. ``embed_pending`` fills in the vectors still missing, for every listed document, in
       batches of similar length across documents, each batch stored as it is made; then the
       vectors of every document's evidence units (``index/unit_vectors.py``), a window of
       documents at a time, each document's stored whole.

    result = add_documents(store, embedder, docs, embed=False)   # stage 1 only: seconds
    embed_pending(store, embedder)                                # stage 2: resumable

Both are restartable. A document is committed on its own, and a run first repairs what a
killed run left, so a killed batch run again finishes without duplicates. The pass keeps no
record of its own: Chroma holds a chunk's vector or it does not (``IndexStore.missing_vectors``),
so a pass killed at any moment loses at most the batch it was embedding and resumes from
there. ``rebuild`` builds a fresh index beside the live one and swaps it in, so a crash never
leaves a half index (the swapped-in index may still owe vectors: stage 2 fills them in place).
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ground.errors import EmbedderMismatchError
from ingest.model import Chunk, Document

from .batching import batches, progress_bar
from .chroma_client import open_client
from .store import COLLECTION, IndexStore, swap_in
from .units import units
from .word_pass import embed_words

# Chunks loaded per round of the pass: bounds memory at 10⁵ chunks, and the first documents
# get all their vectors first instead of every document getting a few.
WINDOW = 2048


@dataclass
class AddResult:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    seconds: float = 0.0  # both stages
    chunks: int = 0  # chunks committed
    reused: int = 0  # chunks whose vector was kept, not embedded again
    embedded: int = 0  # chunks given a vector by the pass (any document's, not only these)
    pending: int = 0  # chunks still waiting for a vector when the call returned
    searchable_seconds: float = 0.0  # until the last document was committed (stage 1)

    def to_json(self) -> dict:
        return {"added": self.added, "replaced": self.replaced, "unchanged": self.unchanged,
                "chunks_embedded": self.embedded, "vectors_reused": self.reused,
                "vectors_pending": self.pending, "searchable_seconds": round(self.searchable_seconds, 2),
                "seconds": round(self.seconds, 2)}


@dataclass
class EmbedResult:
    embedded: int = 0  # chunks given a vector
    texts: int = 0  # distinct texts embedded (a passage repeated across documents counts once)
    chars: int = 0  # characters sent to the embedder
    pending: int = 0  # chunks still without a vector (stopped early, or documents came in meanwhile)
    units: int = 0  # evidence units given a vector
    terms: int = 0  # documents' words given a vector (term_vectors.py)
    english: int = 0  # common English words given a vector (english_words.py)
    unit_chars: int = 0
    unit_seconds: float = 0.0
    units_pending: int = 0  # documents whose units still have no vectors
    seconds: float = 0.0
    stopped: bool = False

    def to_json(self) -> dict:
        return {"chunks_embedded": self.embedded, "texts_embedded": self.texts, "chars": self.chars,
                "vectors_pending": self.pending, "units_embedded": self.units, "unit_chars": self.unit_chars,
                "unit_seconds": round(self.unit_seconds, 2), "unit_documents_pending": self.units_pending,
                "words_embedded": self.terms, "english_words_embedded": self.english,
                "seconds": round(self.seconds, 2), "stopped": self.stopped}


# A batch adding at least this share of the index's chunks ends with a pack of every posting (``IndexStore.pack``).
# Measured at ×10 (543,057 chunks): packing costs 6.7 s and a 2 GB peak, so one upload does not pay it (it waits
# for ``PACK_SHARE``); a folder's ingest does, and the next open no longer reads the segments its last commits
# left (1,041 documents: open 9.0–9.9 s and a 2,082 MB peak, against 1.4 s and 716 MB after an answer, packed).
BATCH_PACK_SHARE = 20


def add_documents(store: IndexStore, embedder, docs: list[Document], progress: bool = True,
                  on_commit: Callable[[Document, float], None] | None = None,
                  known_vectors: dict[str, list[float]] | None = None, embed: bool = True) -> AddResult:
    """Commit each new or changed document (stage 1), then, with ``embed``, fill in every missing
    vector of the index (stage 2). ``on_commit(doc, seconds)`` follows stage 1 document by
    document; ``known_vectors`` maps search texts to vectors this embedder already made."""
    reuse = known_vectors or {}
    store.check_embedder()
    store.repair()  # a killed earlier run may have left vectors/BM25 entries of uncommitted documents
    result = AddResult()
    t0 = time.perf_counter()
    known = store.manifest.get("documents", {})
    by_path = {v["path"]: k for k, v in known.items()}
    todo = []
    seen: set[str] = set()
    for d in docs:
        if d.doc_id in known or d.doc_id in seen:  # the same content twice in one batch counts once
            result.unchanged.append(d.name)
            continue
        seen.add(d.doc_id)
        old = by_path.get(d.path)
        if old and old != d.doc_id:  # same file, new content: replace
            result.replaced.append(d.name)
        else:
            old = None
            result.added.append(d.name)
        todo.append((d, old))
    bar = progress_bar(len(todo), "Ghi chỉ mục / indexing", progress, unit="văn bản")
    for d, old in todo:
        started = time.perf_counter()
        vectors = {c.chunk_id: reuse[c.search_text] for c in d.chunks if c.search_text in reuse}
        result.reused += len(vectors)
        # The old version goes in the same commit as the new one (one manifest write), so a
        # kill meanwhile leaves the old version listed and whole, never neither.
        if old:
            store.remove(old, write=False)
        store.add(d, vectors)
        result.chunks += len(d.chunks)
        bar.update(1)
        if on_commit:
            on_commit(d, time.perf_counter() - started)
    bar.close()
    if todo and result.chunks * BATCH_PACK_SHARE >= len(store.bm25.ids):
        store.pack()  # a large batch ends packed: the next process opens it from memory maps, not segments
    result.searchable_seconds = time.perf_counter() - t0
    if embed:
        done = embed_pending(store, embedder, progress)
        result.embedded, result.pending = done.embedded, done.pending
    else:
        result.pending = result.chunks - result.reused
    result.seconds = time.perf_counter() - t0
    return result


def embed_pending(store: IndexStore, embedder, progress: bool = True,
                  guard: Callable[[], contextlib.AbstractContextManager] | None = None,
                  stop: Callable[[], bool] | None = None,
                  on_batch: Callable[[int, int], None] | None = None,
                  missing: dict[str, list[int]] | None = None) -> EmbedResult:
    """Give every listed chunk without a vector its vector; safe to kill and run again.

    ``guard()`` is entered around each store write and yields the store to write into (the
    Assistant passes its write lock, so uploads and removals interleave with the pass); a
    document removed meanwhile is skipped, and a store swapped for another ends the pass
    (``stopped``: run it again on the new one). ``stop()`` is asked between batches.
    ``on_batch(done, total)`` follows the pass; ``missing`` is ``store.missing_vectors()`` when
    the caller has just read it."""
    guard = guard or (lambda: contextlib.nullcontext(store))
    store.check_embedder()
    t0 = time.perf_counter()
    out = EmbedResult()
    missing = store.missing_vectors() if missing is None else missing
    total = sum(len(v) for v in missing.values())
    bar = progress_bar(total, "Nhúng vector / embedding", progress)
    done = 0
    try:
        for window in _windows(store, missing):
            work: dict[str, list[tuple[Document, Chunk]]] = {}
            for doc, chunk in window:  # a passage repeated across documents is embedded once
                work.setdefault(chunk.search_text, []).append((doc, chunk))
            for batch in batches(sorted(work, key=len)):
                if stop and stop():
                    out.stopped = True
                    return out
                vectors = np.asarray(embedder.embed(batch))
                if vectors.ndim != 2 or vectors.shape != (len(batch), store.dim):
                    raise EmbedderMismatchError(
                        f"embedder {embedder.name} returned vectors of shape {vectors.shape} for {len(batch)} "
                        f"passages; the index at {store.folder} holds {store.dim}-d vectors: check the "
                        "embedder (a server that changed model?) or rebuild with `index --rebuild`")
                with guard() as target:
                    if (target.folder, target.build_id) != (store.folder, store.build_id):
                        out.stopped = True  # the index was rebuilt meanwhile: the caller starts over
                        return out
                    n = _store_batch(target, batch, vectors, work)
                out.embedded += n
                out.texts += len(batch)
                out.chars += sum(len(t) for t in batch)
                done += sum(len(work[t]) for t in batch)
                bar.update(sum(len(work[t]) for t in batch))
                if on_batch:
                    on_batch(done, total)
    finally:
        bar.close()
        out.pending = max(0, total - done)
        out.seconds = time.perf_counter() - t0
    if not out.stopped and not out.pending:  # the chunks first: a document is found by them before its units
        _embed_units(store, embedder, guard, stop, lambda: on_batch and on_batch(done, total), progress, out)
        if not out.stopped and not out.units_pending:
            embed_words(store, embedder, guard, stop, progress, out)
        out.seconds = time.perf_counter() - t0
    return out


def _embed_units(store: IndexStore, embedder, guard, stop, stored, progress: bool, out: EmbedResult) -> None:
    """The evidence units' vectors of every listed document lacking them, ``WINDOW`` units of several
    documents per round (short passages batch well together), each document's stored whole."""
    t0 = time.perf_counter()
    todo = store.missing_unit_vectors()
    window: list[tuple[Document, list[str]]] = []
    bar = progress_bar(len(todo), "Nhúng đơn vị / embedding units", progress, unit="văn bản")
    try:
        while todo:
            window = []
            while todo and sum(len(p) for _, p in window) < WINDOW:
                doc = store.load_document(todo.pop(0))
                passages = [u.passage for u in units(doc)]
                with guard() as target:  # a re-parse that left its units as they were keeps their vectors
                    kept = doc.doc_id in target.manifest.get("documents", {}) and target.units.refresh(doc, passages)
                if not kept:
                    window.append((doc, passages))
            made: dict[str, np.ndarray] = {}
            for batch in batches(sorted({p for _, ps in window for p in ps if p not in made}, key=len)):
                if stop and stop():
                    out.stopped = True
                    return
                vecs = np.asarray(embedder.embed(batch))
                made.update(zip(batch, vecs, strict=True))
                out.unit_chars += sum(len(t) for t in batch)
            for doc, passages in window:
                vectors = np.array([made[p] for p in passages]).reshape(len(passages), store.dim)
                with guard() as target:
                    if (target.folder, target.build_id) != (store.folder, store.build_id):
                        out.stopped = True  # rebuilt meanwhile: the caller starts over
                        return
                    entry = target.manifest.get("documents", {}).get(doc.doc_id)
                    if entry is None or entry["chunks"] != len(doc.chunks):
                        continue  # removed (or replaced) since the pass read it
                    target.units.put(doc, vectors)
                out.units += len(passages)
                bar.update(1)
                stored()
    finally:
        bar.close()
        out.units_pending = len(todo) + (len(window) if out.stopped else 0)
        out.unit_seconds += time.perf_counter() - t0


def _store_batch(store: IndexStore, batch: list[str], vectors, work) -> int:
    """Store one batch's vectors, per document, for documents still listed as they were."""
    listed = store.manifest.get("documents", {})
    per_doc: dict[str, tuple[Document, list[Chunk], list]] = {}
    for text, vec in zip(batch, vectors, strict=True):
        for doc, chunk in work[text]:
            entry = listed.get(doc.doc_id)
            if entry is None or entry["chunks"] != len(doc.chunks):
                continue  # removed (or replaced under the same id) since the pass read it
            per_doc.setdefault(doc.doc_id, (doc, [], []))
            per_doc[doc.doc_id][1].append(chunk)
            per_doc[doc.doc_id][2].append(vec)
    for doc, chunks, vecs in per_doc.values():
        store.put_vectors(doc, chunks, vecs)
    return sum(len(c) for _, c, _ in per_doc.values())


def _windows(store: IndexStore, missing: dict[str, list[int]]):
    """(document, chunk) pairs in manifest order, ``WINDOW`` chunks at a time."""
    window: list[tuple[Document, Chunk]] = []
    for doc_id, ords in missing.items():
        doc = store.load_document(doc_id)
        window += [(doc, doc.chunks[n]) for n in ords if n < len(doc.chunks)]
        if len(window) >= WINDOW:
            yield window
            window = []
    if window:
        yield window


def rebuild(folder: Path, embedder, docs: list[Document], chroma_url: str | None = None,
            progress: bool = True, known_vectors: dict[str, list[float]] | None = None,
            embed: bool = True) -> AddResult:
    """Build a new index in ``folder.new`` (stage 1), swap it in, then (``embed``) fill in its vectors."""
    new = folder.with_name(folder.name + ".new")
    shutil.rmtree(new, ignore_errors=True)
    store = IndexStore(new, embedder.name, embedder.dim, chroma_url)
    if chroma_url:
        # A server collection outlives the folder, so each build gets its own: the live index
        # keeps serving from its collection while this one fills, and a killed build leaves
        # the live one untouched (its leftover collection is dropped by the next rebuild).
        prefix = f"{COLLECTION}-{hashlib.sha1(str(new.resolve()).encode()).hexdigest()[:10]}"
        _drop_stale_collections(new, chroma_url, prefix, keep=_live_collection(folder))
        store.manifest["chroma"] = {"url": chroma_url, "collection": f"{prefix}-{uuid.uuid4().hex[:8]}"}
    result = add_documents(store, embedder, docs, progress, known_vectors=known_vectors, embed=False)
    store.save()
    if known_vectors:  # a re-parse: unit vectors of units that did not change are kept like the chunks'
        with contextlib.suppress(OSError):
            store.units.take_from(folder / "units", [d.doc_id for d in docs])
            store.terms.take_from(folder / "terms")  # the same texts: the same words
            store.english.take_from(folder / "terms")  # the same embedder: the same English words
    swap_in(new, folder)
    if embed:
        t0 = time.perf_counter()
        done = embed_pending(IndexStore(folder, embedder.name, embedder.dim, chroma_url), embedder, progress)
        result.embedded, result.pending = done.embedded, done.pending
        result.seconds += time.perf_counter() - t0
    return result


def _live_collection(folder: Path) -> str | None:
    """The collection the live index uses, read leniently: a rebuild also fixes a corrupt index."""
    try:
        return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["chroma"]["collection"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _drop_stale_collections(folder: Path, url: str, prefix: str, keep: str | None) -> None:
    """Drop collections of earlier builds of this folder (superseded or killed), not the live one.

    The one just replaced is dropped by the rebuild after it, not now: a server process that
    loaded it before the swap keeps answering until it is restarted."""
    client = open_client(folder, url)
    for col in client.list_collections():
        name = getattr(col, "name", col)
        if name != keep and (name == prefix or name.startswith(prefix + "-")):
            client.delete_collection(name)
