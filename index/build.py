"""Put documents into the index: embed their chunks, store vectors, BM25 and JSON.

``add_documents`` is incremental (an unchanged document, same content hash, is
skipped; a changed one replaces its old chunks). ``rebuild`` builds a fresh
index beside the live one and swaps it in, so a crash never leaves a half index.
"""
from __future__ import annotations

import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from ingest.model import Document

from .store import IndexStore, swap_in

BATCH = 32


@dataclass
class AddResult:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    seconds: float = 0.0
    chunks: int = 0

    def to_json(self) -> dict:
        return {"added": self.added, "replaced": self.replaced, "unchanged": self.unchanged,
                "chunks_embedded": self.chunks, "seconds": round(self.seconds, 2)}


def add_documents(store: IndexStore, embedder, docs: list[Document], progress: bool = True) -> AddResult:
    store.check_embedder()
    result = AddResult()
    t0 = time.perf_counter()
    known = store.manifest.get("documents", {})
    by_path = {v["path"]: k for k, v in known.items()}
    todo = []
    for d in docs:
        if d.doc_id in known:
            result.unchanged.append(d.name)
            continue
        old = by_path.get(d.path)
        if old and old != d.doc_id:  # same file, new content: replace
            store.remove(old, write=False)
            result.replaced.append(d.name)
        else:
            result.added.append(d.name)
        todo.append(d)
    total = sum(len(d.chunks) for d in todo)
    bar = _bar(total, "Nhúng vector / embedding", progress)
    for d in todo:
        vectors = []
        texts = [c.search_text for c in d.chunks]
        for i in range(0, len(texts), BATCH):
            vectors.extend(embedder.embed(texts[i:i + BATCH]))
            bar.update(len(texts[i:i + BATCH]))
        store.add(d, vectors)
        result.chunks += len(texts)
    bar.close()
    result.seconds = time.perf_counter() - t0
    return result


def rebuild(folder: Path, embedder, docs: list[Document], chroma_url: str | None = None,
            progress: bool = True) -> AddResult:
    """Build a new index in ``folder.new`` and swap it in when complete."""
    new = folder.with_name(folder.name + ".new")
    shutil.rmtree(new, ignore_errors=True)
    store = IndexStore(new, embedder.name, embedder.dim, chroma_url)
    if chroma_url:  # a server collection is keyed by folder: start it empty
        try:
            store.collection().delete(where={"doc_id": {"$ne": ""}})
        except Exception:  # noqa: BLE001 - an empty collection refuses deletes on some versions
            pass
    result = add_documents(store, embedder, docs, progress)
    store.save()
    swap_in(new, folder)
    return result


def _bar(total: int, desc: str, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="đoạn", disable=not enabled or total == 0,
                file=sys.stderr, leave=False)
