"""The vector side of ``IndexStore`` (index/store.py): Chroma, and the copy of its vectors in memory.

Chroma (embedded under ``HOME/index/chroma/``, or a server named by ``chroma_url``) is the record of
the vectors; ``VectorMemory`` holds a copy for filtered searches at a millisecond, read once behind
the first question and kept up with other processes (``FollowsVectors``, index/vector_journal.py).
"""
from __future__ import annotations

import atexit
import hashlib
import itertools
import logging
import threading

from ground.errors import StoreUnavailableError
from ingest.model import Chunk, Document

from .chroma_client import down_message, is_connection_error, open_collection
from .vector_journal import FollowsVectors
from .vector_journal import committed as _committed
from .vector_memory import MAX_VECTORS, pages_of

log = logging.getLogger("index.store")

COLLECTION = "chunks"
PAGE = 5000  # ids per Chroma get/delete call while repairing: bounded request size


class StoresVectors(FollowsVectors):
    """Chroma calls and the vector memory of one opened index (the attributes are set by ``IndexStore``)."""

    # ---- vectors -----------------------------------------------------------
    @property
    def collection_name(self) -> str:
        # One collection per index folder, so two homes can share a server.
        return self.manifest.get("chroma", {}).get("collection") or f"{COLLECTION}-{hashlib.sha1(str(self.folder.resolve()).encode()).hexdigest()[:10]}"

    def collection(self):
        if self._collection is None:
            self._collection = open_collection(self.folder, self.chroma_url, self.collection_name)
        return self._collection

    def _chroma(self, method: str, **kwargs):
        """One call on the collection; a server that is down or too slow → StoreUnavailableError."""
        try:
            return getattr(self.collection(), method)(**kwargs)
        except StoreUnavailableError:
            raise
        except Exception as err:
            if self.chroma_url and is_connection_error(err):
                raise StoreUnavailableError(down_message(self.chroma_url)) from err
            raise

    def put_vectors(self, doc: Document, chunks: list[Chunk], vectors) -> None:
        """Store vectors of some chunks of a listed document (an upsert: a repeat is harmless)."""
        for i in range(0, len(chunks), PAGE):
            part = chunks[i:i + PAGE]
            self._chroma("upsert", ids=[c.chunk_id for c in part],
                         embeddings=[list(map(float, v)) for v in vectors[i:i + PAGE]],
                         metadatas=[chunk_metadata(doc, c) for c in part],
                         documents=[c.search_text for c in part])
            if self.memory is not None:
                self.memory.put([c.chunk_id for c in part], vectors[i:i + PAGE])
        self.journal.append(self._writer, doc.doc_id, [int(c.chunk_id.rpartition(":")[2]) for c in chunks])

    def missing_vectors(self) -> dict[str, list[int]]:
        """Chunk ordinals without a vector, per listed document: what the embedding pass still owes.

        Chroma itself is the record (no second file to keep in step): a vector is there or not,
        so a pass killed at any moment resumes from exactly what was stored."""
        docs = self.manifest.get("documents", {})
        want = [f"{d}:{i}" for d, e in docs.items() for i in range(e["chunks"])]
        have: set[str] = set()
        for i in range(0, len(want), PAGE):
            have.update(self._chroma("get", ids=want[i:i + PAGE], include=[])["ids"])
        out: dict[str, list[int]] = {}
        for cid in want:
            if cid not in have:
                doc_id, _, n = cid.rpartition(":")
                out.setdefault(doc_id, []).append(int(n))
        return out

    def missing_unit_vectors(self) -> list[str]:
        """Listed documents whose evidence units have no vectors yet (made after every chunk's)."""
        return self.units.missing(self.manifest.get("documents", {}))

    def vector_count(self) -> int:
        """Vectors stored (of listed documents, once ``repair`` has run): cheap, for status lines."""
        return int(self._chroma("count"))

    def vectors_held(self) -> int:
        """Vectors this process can search: the memory's, once it holds every stored one; Chroma's count before."""
        memory = self.memory
        if memory is not None and memory.ready:
            return len(memory)
        return self.vector_count()

    def vectors_by_text(self) -> dict[str, list[float]]:
        """Every stored vector keyed by the search text it embeds (what a re-parse can keep)."""
        out: dict[str, list[float]] = {}
        offset = 0
        while True:
            got = self._chroma("get", include=["embeddings", "documents"], limit=PAGE, offset=offset)
            for text, vec in zip(got["documents"], got["embeddings"], strict=True):
                out[text] = vec
            if len(got["ids"]) < PAGE:
                return out
            offset += PAGE

    def nearest(self, vec, k: int, allowed: set[str] | None, where) -> list[tuple[str, float]]:
        """The k nearest vectors among ``allowed`` chunk ids (None: all), ``where`` being the same
        filter for Chroma (or a function making it: a place's clause lists its documents, thousands at
        ×10, and memory never needs it): from memory once it holds every stored vector, from Chroma until
        then (the first question starts the memory's load, behind it)."""
        memory = self.memory
        if memory is not None and memory.ready:
            return memory.search(vec, k, allowed)
        self.start_memory()
        return self.vector_search(vec, k, where() if callable(where) else where)

    def start_memory(self, wait: bool = False) -> None:
        """Begin reading the stored vectors into memory, behind (once; then kept up by ``follow_vectors``)."""
        if self.memory is None:
            return
        if self._loader is None:
            self.collection()  # opened here: two threads opening one Chroma client at once collide
            self._loader = threading.Thread(target=self._load_memory, name="vector-memory", daemon=True)
            atexit.register(self.stop_memory)  # unregistered when the load ends: no store outlives its use
            self._loader.start()
        if wait:
            self._loader.join()

    def stop_memory(self) -> None:
        """Stop a load in progress after its current page, and wait for it. Run at exit: a one-shot
        ``ask`` answers before the load ends, and a daemon thread left inside Chroma's native code
        while the interpreter shuts down crashed the exit (SIGSEGV, 1 run in 6 at 18,000 vectors)."""
        loader = self._loader
        if loader is not None and loader.is_alive():
            self._stop_loading.set()
            loader.join()

    def _load_memory(self) -> None:
        try:
            # vectors journalled from here on are fetched again by ``follow_vectors`` (a repeat is harmless)
            self._journal_read = self.journal.size()
            pages = pages_of(lambda **kw: self._chroma("get", **kw), PAGE)
            if not self.memory.load(itertools.takewhile(lambda _: not self._stop_loading.is_set(), pages)):
                log.info("vectors kept in Chroma only: more than %d", MAX_VECTORS)
            if self._stop_loading.is_set():  # stopped part way: what was read is not every vector
                self.memory.clear()
            docs = self.manifest.get("documents", {})  # a killed write's vectors are not searched
            self.memory.drop([cid for cid in self.memory.ids() if not _committed(cid, docs)])
        except Exception:  # noqa: BLE001 - a failed load leaves every search to Chroma, as before
            log.exception("vector memory not loaded; searches stay with Chroma")
            self.memory.clear()
        finally:
            atexit.unregister(self.stop_memory)

    def vector_search(self, vec, k: int, where: dict | None = None) -> list[tuple[str, float]]:
        try:
            res = self.collection().query(query_embeddings=[list(map(float, vec))], n_results=k,
                                          where=where or None, include=["distances"])
        except StoreUnavailableError:
            raise
        except Exception as err:
            if is_connection_error(err):
                raise StoreUnavailableError(down_message(self.chroma_url)) from err
            raise
        return [(i, 1.0 - d) for i, d in zip(res["ids"][0], res["distances"][0], strict=False)]


def chunk_metadata(doc: Document, c: Chunk) -> dict:
    meta = {"doc_id": doc.doc_id, "kind": c.kind, "locator": c.locator, "start": c.start, "end": c.end,
            "doc_kind": doc.meta.kind or "", "number": doc.meta.number or "",
            "province": doc.meta.province or ""}
    if c.row and c.row.by_year:
        meta["years"] = ",".join(str(y) for y in c.row.years)
        for y in c.row.years:
            meta[f"y{y}"] = True
    return meta
