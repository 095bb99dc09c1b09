"""The index on disk: parsed documents, BM25, Chroma vectors and a manifest.

    HOME/index/manifest.json   embedder name + dim, documents (sha, chunks, rows)
    HOME/index/docs/ID.json    each parsed Document (text, metadata, chunks, rows), read when asked
    HOME/index/heads.json      every document's metadata and sizes, read at open (index/shelf.py)
    HOME/index/heads/ID.json   a document's head, written by its commit (read until heads.json has it)
    HOME/index/bm25/ID.json    that document's BM25 term counts, one segment per document (index/segments.py)
    HOME/index/packed/         the segments' postings packed into arrays, memory-mapped at open (index/packed.py)
    HOME/index/chroma/         embedded Chroma (or a server named by chroma_url)
    HOME/index/vectors.log     which vectors were stored, in order (index/vector_journal.py)
    HOME/index/units/ID.npy    the document's evidence units' vectors, made after its chunks' (index/unit_vectors.py)

A document is committed (listed in the manifest, searchable through BM25) before its chunks
have vectors; ``missing_vectors`` tells what the embedding pass (index/build.py) still owes, read
from Chroma itself, so nothing else has to be kept in step with it.

The manifest is written last, so a crash mid-update leaves the previous state
readable; a full rebuild goes to a sibling folder and is swapped in by rename.
Every write touches only the document it adds or removes (plus the manifest), so
a commit costs the same with 2 documents indexed as with 600. What a killed write
can leave behind is harmless and cleaned up: only segments of documents the
manifest lists are read, and ``repair`` (run before every write) deletes orphan
vectors, segments and files. An index from before segments (one ``bm25.json``)
is read as it is and split into segments at its next write.
"""
from __future__ import annotations

import json
import logging
import shutil
import threading
import time
import uuid
from pathlib import Path

from ground.errors import EmbedderMismatchError, IndexBusyError, IndexCorruptError, StoreUnavailableError
from ingest.model import Document
from ingest.version import INGEST_VERSION

from .chroma_client import release_clients
from .english_words import EnglishWords
from .lexical import BM25
from .packed import read_pack, write_pack
from .postings import Postings
from .segments import load_segment, looks_whole, save_segment
from .shelf import Shelf, StoredDocument
from .store_vectors import COLLECTION, PAGE, StoresVectors, chunk_metadata  # noqa: F401 - imported from here too
from .term_vectors import TermVectors
from .unit_vectors import UnitVectors
from .vector_journal import VectorJournal
from .vector_journal import committed as _committed
from .vector_memory import VectorMemory

log = logging.getLogger(__name__)

PACK_SHARE = 4  # BM25 is packed again once a quarter of its chunks were added since the last pack


class IndexStore(StoresVectors):
    def __init__(self, folder: Path, embedder_name: str, dim: int, chroma_url: str | None = None,
                 following: IndexStore | None = None):
        """``following``: this index as opened before another process's commit; its BM25 is brought
        to the new manifest (the changed documents' segments read) instead of read whole again."""
        self.folder = Path(folder)
        self.embedder_name, self.dim = embedder_name, dim
        self.chroma_url = chroma_url
        _finish_swap(self.folder)
        self.manifest = self._read_manifest()
        self._read: tuple[str | None, dict[str, StoredDocument]] = (None, {})  # (build, documents of it)
        self.shelf = Shelf(self.folder, lambda doc_id: self.load_document(doc_id))  # late: tests count reads
        self._legacy_bm25 = False  # True while the BM25 came from an older single bm25.json
        self._packed_chunks = 0  # chunks read from a pack (index/packed.py); the rest from segments
        self.bm25 = self._follow_bm25(following) if following is not None else None
        self.bm25_dropped = 0
        if self.bm25 is None:
            self.bm25 = self._read_bm25()
            self._pack_if_due()
            # The legacy bm25.json was saved just before the manifest: a kill between the two left
            # entries of a document the manifest does not list. Segments of such documents are
            # simply never read, so this drops something only for a legacy index.
            self.bm25_dropped = _drop_uncommitted(self.bm25, self.manifest.get("documents", {}))
        self._collection = None
        self._garbage: list[tuple[str, int]] = []  # (doc_id, chunks) to purge once the manifest is saved
        # The stored vectors are kept in memory too, for filtered searches at a millisecond
        # (index/vector_memory.py). An embedded store's are this process's alone (index/lock.py); a
        # server's may change under us: other processes' stores are read from the vector journal
        # (``follow_vectors``) and their commits from the manifest (``take_memory_of``).
        self.memory = VectorMemory(dim)
        self.units = UnitVectors(self.folder / "units", embedder_name, dim)
        self.terms = TermVectors(self.folder / "terms", embedder_name, dim)  # words for English (term_vectors.py)
        self.english = EnglishWords(self.folder / "terms", embedder_name, dim)  # (english_words.py)
        self.journal = VectorJournal(self.folder)
        self._journal_read = 0  # offset of the journal that the memory has caught up with
        self._writer = uuid.uuid4().hex[:12]  # this memory's name in the journal (its own lines are skipped)
        self._loader: threading.Thread | None = None
        self._stop_loading = threading.Event()

    # ---- state -------------------------------------------------------------
    @property
    def outdated(self) -> bool:
        return self.exists and self.manifest.get("ingest_version") != INGEST_VERSION

    @property
    def build_id(self) -> str | None:
        """Tells a rebuilt index from the one it replaced (same folder, even same collection name)."""
        return self.manifest.get("build")

    @property
    def exists(self) -> bool:
        return bool(self.manifest.get("documents"))

    def check_embedder(self) -> None:
        got = self.manifest.get("embedder")
        if got and (got["name"] != self.embedder_name or got["dim"] != self.dim):
            raise EmbedderMismatchError(
                f"chỉ mục ở {self.folder} được tạo bằng {got['name']} ({got['dim']} chiều), "
                f"không dùng được với {self.embedder_name} ({self.dim} chiều). "
                f"Index built with {got['name']} ({got['dim']}-d) cannot be used with "
                f"{self.embedder_name} ({self.dim}-d): rebuild it with "
                f"`python -m assistant index --rebuild --embedder ...` or use the original embedder.")

    def documents(self) -> list[Document]:
        """Every listed document, as a ``StoredDocument`` (index/shelf.py): its metadata and sizes in
        memory, its text and chunks read when asked. One read before from this build of the index is not
        read again: a document's id is its content's, and a re-parse writes a new build. After an upload
        to 4,700 documents this reads one file, not 4,700 (568 MB of JSON)."""
        build, known = self._read
        if build != self.manifest.get("build"):
            known = {}
        docs = self.shelf.documents(self.manifest, known)
        self._read = (self.manifest.get("build"), docs)
        return list(docs.values())

    def keep_documents_of(self, other: IndexStore) -> None:
        """Take over the documents ``other`` (the same index, opened before) has read."""
        self._read, self.shelf = other._read, other.shelf

    def load_document(self, doc_id: str) -> Document:
        path = self.folder / "docs" / f"{doc_id}.json"
        try:
            return Document.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError as err:  # documents are read when a question reaches them (index/shelf.py):
            # another process removed or replaced this one since this process last followed the index
            raise IndexBusyError(
                f"văn bản {doc_id} vừa được gỡ hoặc thay trong lúc trả lời; hãy hỏi lại. The document {doc_id} was "
                "removed or replaced by another process while this question was answered: ask again") from err
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise IndexCorruptError(
                f"chỉ mục hỏng: không đọc được {path} ({err}). Index is corrupt: rebuild it with "
                "`python -m assistant index --rebuild`") from err

    # ---- writes ------------------------------------------------------------
    def add(self, doc: Document, vectors=None) -> None:
        """Add (or replace) one document's chunks; manifest written last.

        ``vectors`` is a list aligned with ``doc.chunks``, a dict ``{chunk_id: vector}`` for some
        of them, or None: the document is committed (searchable lexically, its rows answerable)
        whatever is given, and chunks without a vector wait for ``index.build.embed_pending``."""
        self.check_embedder()
        docs = self.manifest.setdefault("documents", {})
        if doc.doc_id in docs:
            self.remove(doc.doc_id, write=False)
        (self.folder / "docs").mkdir(parents=True, exist_ok=True)
        _atomic_write(self.folder / "docs" / f"{doc.doc_id}.json", doc.to_json())
        ids = [c.chunk_id for c in doc.chunks]
        if isinstance(vectors, dict):
            known = [(c, vectors[c.chunk_id]) for c in doc.chunks if c.chunk_id in vectors]
        else:
            known = list(zip(doc.chunks, vectors, strict=True)) if vectors is not None else []
        if known:
            self.put_vectors(doc, [c for c, _ in known], [v for _, v in known])
        self.shelf.save_head(doc)
        counts = self.bm25.analyse([c.search_text for c in doc.chunks])
        (self.folder / "bm25").mkdir(exist_ok=True)
        save_segment(self._segment(doc.doc_id), self.bm25.scheme, ids, counts)
        self.bm25.add_counts(ids, counts)
        docs[doc.doc_id] = {"sha256": doc.sha256, "path": doc.path, "name": doc.name,
                            "province": doc.meta.province, "kind": doc.meta.kind,
                            "number": doc.meta.number, "date": doc.meta.date,
                            "chunks": len(doc.chunks), "rows": (targets := sum(r.by_year for r in doc.rows)),
                            "table_rows": len(doc.rows) - targets, "added": time.strftime("%Y-%m-%dT%H:%M:%S")}
        self.save()

    def remove(self, doc_id: str, write: bool = True) -> None:
        """Forget a document; its vectors and JSON are deleted only after the manifest is saved.

        With ``write=False`` (a replacement in progress) nothing changes on disk until the next
        ``save``, so a process killed meanwhile leaves the old version listed *and* complete.
        """
        entry = self.manifest.get("documents", {}).pop(doc_id, None)
        if entry is None:
            return
        self.bm25.remove({f"{doc_id}:{i}" for i in range(entry["chunks"])})
        self._packed_chunks = 0  # the pack no longer matches the listed documents: the next save repacks
        self._garbage.append((doc_id, entry["chunks"]))
        if write:
            self.save()

    def save(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if self._legacy_bm25:
            self._split_legacy_bm25()
        self.manifest["embedder"] = {"name": self.embedder_name, "dim": self.dim}
        self.manifest["chroma"] = {"url": self.chroma_url, "collection": self.collection_name}
        self.manifest["ingest_version"] = INGEST_VERSION
        self.manifest.setdefault("build", uuid.uuid4().hex[:12])  # a rebuilt index gets a new one
        _atomic_write(self.folder / "manifest.json", json.dumps(self.manifest, ensure_ascii=False))
        if self._legacy_bm25:
            (self.folder / "bm25.json").unlink(missing_ok=True)
            self._legacy_bm25 = False
        self._purge()
        self._pack_if_due()

    def pack(self) -> None:
        """Pack every posting now (the end of a large batch of commits, ``index.build.BATCH_PACK_SHARE``): the
        next open reads no segment."""
        self._pack_if_due(every=True)

    def _pack_if_due(self, every: bool = False) -> None:
        """Write a new pack when the postings read from segments (added since the last pack) reach a
        quarter of the packed ones (``every``: any): an upload costs its own segment, and every few uploads
        one repack."""
        unpacked = len(self.bm25.ids) - self._packed_chunks
        if self._legacy_bm25 or not unpacked or (not every and unpacked * PACK_SHARE < self._packed_chunks):
            return
        if not self.manifest.get("build") or not self.folder.exists():
            return
        if write_pack(self.folder, self.manifest, self.bm25):
            self._packed_chunks = len(self.bm25.ids)

    def _segment(self, doc_id: str) -> Path:
        return self.folder / "bm25" / f"{doc_id}.json"

    def _split_legacy_bm25(self) -> None:
        """Write one segment per listed document from a bm25.json index (before the manifest
        that stops reading bm25.json is saved, so a kill here leaves the old file in use)."""
        (self.folder / "bm25").mkdir(exist_ok=True)
        for doc_id, entry in self.manifest.get("documents", {}).items():
            if self._segment(doc_id).exists():
                continue
            ids = [f"{doc_id}:{i}" for i in range(entry["chunks"])]
            counts = self.bm25.counts_of(set(ids))
            save_segment(self._segment(doc_id), self.bm25.scheme, ids, [counts.get(i, {}) for i in ids])

    def _purge(self) -> None:
        """Delete vectors and JSON of documents removed by the manifest just saved."""
        docs = self.manifest.get("documents", {})
        garbage, self._garbage = self._garbage, []
        for doc_id, n in garbage:
            keep = docs[doc_id]["chunks"] if doc_id in docs else 0  # re-added under the same id
            ids = [f"{doc_id}:{i}" for i in range(keep, n)]
            try:
                for i in range(0, len(ids), PAGE):
                    self._chroma("delete", ids=ids[i:i + PAGE])
                if self.memory is not None:
                    self.memory.drop(ids)
            except StoreUnavailableError:
                pass  # committed already; ``repair`` deletes these orphans on the next write
            if doc_id not in docs:  # (re-added under the same id, the same text: its unit vectors still fit)
                (self.folder / "docs" / f"{doc_id}.json").unlink(missing_ok=True)
                (self.folder / "heads" / f"{doc_id}.json").unlink(missing_ok=True)
                self._segment(doc_id).unlink(missing_ok=True)
                self.units.remove(doc_id)

    def repair(self) -> dict:
        """Delete what a killed write left behind: vectors, BM25 entries and JSON files of
        documents the manifest does not list. Run before writes, so a re-run of a killed
        ingest finishes the job without duplicates. Returns what was dropped."""
        docs = self.manifest.get("documents", {})
        stale, offset = [], 0
        while True:
            ids = self._chroma("get", include=[], limit=PAGE, offset=offset)["ids"]
            stale += [i for i in ids if not _committed(i, docs)]
            if len(ids) < PAGE:
                break
            offset += PAGE
        for i in range(0, len(stale), PAGE):
            self._chroma("delete", ids=stale[i:i + PAGE])
        if self.memory is not None:
            self.memory.drop(stale)
        files = [f for f in (self.folder / "docs").glob("*.json") if f.stem not in docs]
        segments = [f for f in (self.folder / "bm25").glob("*.json") if f.stem not in docs]
        heads = [f for f in (self.folder / "heads").glob("*.json") if f.stem not in docs]
        leftovers = list((self.folder / "bm25").glob("*.tmp")) + list((self.folder / "heads").glob("*.tmp"))
        for f in files + segments + heads + leftovers:
            f.unlink(missing_ok=True)
        dropped = {"vectors": len(stale), "bm25": self.bm25_dropped + len(segments), "files": len(files),
                   "unit_vectors": self.units.drop_orphans(docs)}
        if self.bm25_dropped and self.folder.exists():
            self.save()  # a legacy index: this also splits it into segments
            self.bm25_dropped = 0
        return dropped

    # ---- files -------------------------------------------------------------
    def _read_manifest(self) -> dict:
        path = self.folder / "manifest.json"
        if not path.exists():
            return {}
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except ValueError as err:
            raise IndexCorruptError(f"chỉ mục hỏng: {path} không đọc được ({err}). Index is corrupt: "
                                    "rebuild with `python -m assistant index --rebuild`") from err

    def _follow_bm25(self, old: IndexStore) -> BM25 | None:
        """``old``'s BM25 with removed documents dropped and new ones' segments added (at 423 documents
        a few ms against seconds for all), or None when it cannot be (another build, a legacy file)."""
        if (old.folder != self.folder or old.build_id != self.build_id or old._legacy_bm25
                or (self.folder / "bm25.json").exists()):
            return None
        docs, before = self.manifest.get("documents", {}), old.manifest.get("documents", {})
        gone = [d for d, e in before.items() if docs.get(d, {}).get("chunks") != e["chunks"]]
        new = [d for d, e in docs.items() if before.get(d, {}).get("chunks") != e["chunks"]]
        try:  # every new segment read before anything changes: a failed read leaves ``old`` as it was
            segments = [load_segment(self._segment(d)) for d in new]
        except (OSError, ValueError, KeyError, TypeError):
            return None  # read whole instead, which says what is wrong if something is
        if any(seg.scheme != old.bm25.scheme for seg in segments):
            return None
        bm25 = old.bm25
        # the pack still holds the old store's first documents unless some were removed (``remove`` too)
        self._packed_chunks = 0 if gone else old._packed_chunks
        bm25.remove({f"{d}:{i}" for d in gone for i in range(before[d]["chunks"])})
        for seg in segments:
            bm25.add_segment(seg)
        return bm25

    def _read_bm25(self) -> BM25:
        """Segments of the documents the manifest lists (or a legacy bm25.json, as it is)."""
        legacy = self.folder / "bm25.json"
        docs = self.manifest.get("documents", {})
        if legacy.exists() and all(self._segment(d).exists() for d in docs):
            legacy.unlink()  # the split into segments was committed; a kill came before this unlink
        if legacy.exists():
            self._legacy_bm25 = True
            try:
                return BM25.load(legacy)
            except (ValueError, KeyError) as err:
                raise IndexCorruptError(f"chỉ mục hỏng: {legacy} ({err}). Rebuild with "
                                        "`python -m assistant index --rebuild`") from err
        bm25 = BM25()
        pack = read_pack(self.folder, self.manifest, bm25.scheme)
        packed: set[str] = set()
        if pack is not None:  # the first documents from the pack; those listed after it from segments
            listed, ids, lengths, terms, offsets, pos, tf = pack
            bm25 = BM25.of_pack(listed, ids, lengths, Postings.of_pack(terms, offsets, pos, tf), bm25.scheme)
            packed, self._packed_chunks = {d for d, _ in listed}, len(ids)
        for doc_id in docs:
            path = self._segment(doc_id)
            try:
                if doc_id in packed:
                    looks_whole(path)  # the record the next pack is made from
                    continue
                seg = load_segment(path)
            except FileNotFoundError as err:
                raise IndexCorruptError(f"chỉ mục thiếu {path}. Index is incomplete: rebuild with "
                                        "`python -m assistant index --rebuild`") from err
            except (OSError, ValueError, KeyError, TypeError) as err:
                raise IndexCorruptError(f"chỉ mục hỏng: {path} ({err}). Rebuild with "
                                        "`python -m assistant index --rebuild`") from err
            if seg.scheme != bm25.scheme:
                raise IndexCorruptError(f"{path} uses BM25 tokens {seg.scheme!r}, this version {bm25.scheme!r}: "
                                        "rebuild with `python -m assistant index --rebuild`")
            bm25.add_segment(seg)
        return bm25


def swap_in(new_folder: Path, folder: Path) -> None:
    """Replace ``folder`` by a freshly built ``new_folder`` with two renames."""
    release_clients()
    old = folder.with_name(folder.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        folder.rename(old)
    try:
        new_folder.rename(folder)
    except FileNotFoundError:
        if not folder.exists():
            raise
        # another process opened the index between our two renames and finished the swap
    shutil.rmtree(old, ignore_errors=True)


def _drop_uncommitted(bm25: BM25, docs: dict) -> int:
    """Remove BM25 entries of unlisted documents and repeated ids (kept once); returns how many."""
    seen: set[str] = set()
    drop = []
    for pos, cid in enumerate(bm25.ids):
        if cid in seen or not _committed(cid, docs):
            drop.append(pos)
        seen.add(cid)
    bm25.remove_positions(set(drop))
    return len(drop)


def _finish_swap(folder: Path) -> None:
    """Complete a swap that a kill interrupted between its two renames.

    ``folder.old`` exists only inside ``swap_in``, after ``folder.new`` was complete: with
    no ``folder`` left, the new index is promoted. A lone ``folder.new`` is a build that may
    not have finished, so it is never promoted (the next rebuild starts it again)."""
    old = folder.with_name(folder.name + ".old")
    new = folder.with_name(folder.name + ".new")
    if folder.exists() or not old.exists():
        return
    if (new / "manifest.json").exists():
        new.rename(folder)
        shutil.rmtree(old, ignore_errors=True)
    else:
        old.rename(folder)


def _atomic_write(path: Path, data: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(data, encoding="utf-8")
    tmp.replace(path)
