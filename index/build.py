"""Put documents into the index: embed their chunks, store vectors, BM25 and JSON.

``add_documents`` is incremental (an unchanged document, same content hash, is
skipped; a changed one replaces its old chunks) and restartable: each document
is committed on its own (manifest last), and a run first repairs what a killed
run left, so running a killed batch again finishes it without duplicates.
``rebuild`` builds a fresh index beside the live one and swaps it in, so a
crash never leaves a half index.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ingest.model import Document

from .chroma_client import open_client
from .store import COLLECTION, IndexStore, swap_in

BATCH = 32


@dataclass
class AddResult:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    seconds: float = 0.0
    chunks: int = 0
    reused: int = 0  # chunks whose vector was kept, not embedded again

    def to_json(self) -> dict:
        return {"added": self.added, "replaced": self.replaced, "unchanged": self.unchanged,
                "chunks_embedded": self.chunks - self.reused, "vectors_reused": self.reused,
                "seconds": round(self.seconds, 2)}


def add_documents(store: IndexStore, embedder, docs: list[Document], progress: bool = True,
                  on_commit: Callable[[Document, float], None] | None = None,
                  known_vectors: dict[str, list[float]] | None = None) -> AddResult:
    """Embed and commit each new or changed document; ``on_commit(doc, seconds)`` is called
    after each commit (a long batch can be followed, and timed, document by document).
    ``known_vectors`` maps search texts to vectors this embedder already made (a re-parse keeps the
    vectors of every chunk whose text did not change): only the other texts are embedded."""
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
    total = sum(1 for d, _ in todo for c in d.chunks if c.search_text not in reuse)
    bar = _bar(total, "Nhúng vector / embedding", progress)
    for d, old in todo:
        started = time.perf_counter()
        texts = [c.search_text for c in d.chunks]
        fresh = list(dict.fromkeys(t for t in texts if t not in reuse))
        made: dict[str, list[float]] = {}
        for i in range(0, len(fresh), BATCH):
            made.update(zip(fresh[i:i + BATCH], embedder.embed(fresh[i:i + BATCH]), strict=True))
            bar.update(len(fresh[i:i + BATCH]))
        vectors = [made[t] if t in made else reuse[t] for t in texts]
        result.reused += len(texts) - sum(1 for t in texts if t in made)
        # The old version goes in the same commit as the new one (one manifest write), so a
        # kill while embedding leaves the old version listed and whole, never neither.
        if old:
            store.remove(old, write=False)
        store.add(d, vectors)
        result.chunks += len(texts)
        if on_commit:
            on_commit(d, time.perf_counter() - started)
    bar.close()
    result.seconds = time.perf_counter() - t0
    return result


def rebuild(folder: Path, embedder, docs: list[Document], chroma_url: str | None = None,
            progress: bool = True, known_vectors: dict[str, list[float]] | None = None) -> AddResult:
    """Build a new index in ``folder.new`` and swap it in when complete."""
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
    result = add_documents(store, embedder, docs, progress, known_vectors=known_vectors)
    store.save()
    swap_in(new, folder)
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


def _bar(total: int, desc: str, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="đoạn", disable=not enabled or total == 0,
                file=sys.stderr, leave=False)
