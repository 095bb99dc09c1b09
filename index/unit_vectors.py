"""Vectors of the evidence units (``index/units.py``: table cells, sentences), one array file per document.

A chunk's vector finds a passage of ~1,500 characters; an English question meets a Vietnamese row
label, column header or sentence at that unit's own granularity ("fresh tea bud output" → "sản lượng
chè búp tươi", 0.89 with e5-small). So each unit's ``passage`` gets a vector too, made by the
background vector pass after the chunks' (a document answers lexically at once, then by its chunk
vectors, then by its unit vectors):

    HOME/index/units/ID.npy    float16, one row per unit of ``units(doc)``, in that order
    HOME/index/units/ID.json   {"embedder", "dim", "units", "digest", "ingest_version"}

Why files and not a second Chroma collection: at the 421 real documents there are 59,193 units (7.5 M
characters of passages; 11,005 for the 54 qa2 documents), three times the chunks; they are read per
document (the candidates of one question), never searched across the index, so an array per document
costs one read per document answered from (then kept, as float32, for ``KEPT`` documents) and no index of
its own; 384-d float16 on disk is 768 bytes a unit, 45 MB for the 421 documents. Removing a document
deletes its two files with its other files (``IndexStore._purge`` / ``repair``); a re-parse keeps those
whose units did not change (``take_from``, ``refresh``).

The sidecar is the record: written after the array, so an array without it is an unfinished write
(missing, made again). The embedder name and dimension are checked like the chunk vectors': a file of
another embedder is refused (``EmbedderMismatchError``), never mixed into a question's cosines; a file
whose units no longer match the document (another parser) is treated as missing.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ground.errors import EmbedderMismatchError
from ingest.model import Document
from ingest.version import INGEST_VERSION

from .units import Unit, units

log = logging.getLogger(__name__)

KEPT = 256  # documents whose units and mapped vectors are kept in memory (a question reads a few)


def digest(passages: list[str]) -> str:
    """Tells the units a vector file was made from: a file of other units is not used."""
    h = hashlib.sha1()
    for p in passages:
        h.update(p.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()[:16]


@dataclass(frozen=True)
class DocUnits:
    """One document's units with their vectors (float32 in memory) and spans as arrays (never changed)."""
    units: list[Unit]
    vectors: np.ndarray
    starts: np.ndarray
    ends: np.ndarray


class UnitVectors:
    def __init__(self, folder: Path, embedder_name: str, dim: int):
        self.folder = Path(folder)
        self.embedder_name, self.dim = embedder_name, dim
        self._kept: dict[tuple[str, float], DocUnits] = {}
        self._sidecars: dict[str, tuple[tuple, dict]] = {}  # doc id → (its sidecar file's stamp, what it says)
        self._lock = threading.Lock()

    def _paths(self, doc_id: str) -> tuple[Path, Path]:
        return self.folder / f"{doc_id}.npy", self.folder / f"{doc_id}.json"

    def _meta(self, doc_id: str) -> dict | None:
        try:
            return json.loads(self._paths(doc_id)[1].read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def _check(self, meta: dict, doc_id: str) -> None:
        if meta.get("embedder") != self.embedder_name or meta.get("dim") != self.dim:
            raise EmbedderMismatchError(
                f"unit vectors of {doc_id} in {self.folder} were made by {meta.get('embedder')} "
                f"({meta.get('dim')}-d), not {self.embedder_name} ({self.dim}-d): rebuild the index with "
                "`python -m assistant index --rebuild --embedder ...` or use the original embedder")

    def has(self, doc_id: str) -> bool:
        """Whether the document's unit vectors are stored for this parser (cheap: the sidecar only)."""
        meta = self._meta(doc_id)
        if meta is None or meta.get("ingest_version") != INGEST_VERSION:
            return False
        self._check(meta, doc_id)
        return True

    def missing(self, doc_ids) -> list[str]:
        """The listed documents whose unit vectors the embedding pass still owes. From one listing of the
        folder: a document without a sidecar is missing unread, and a sidecar is read once per version of
        its file (inode, time, size: every write renames a new file in), so the count /healthz and the
        Documents tab show costs no read per document (at ×10, 4,719 of them on every call)."""
        try:
            with os.scandir(self.folder) as listing:
                sidecars = {e.name[:-5]: e for e in listing if e.name.endswith(".json")}
        except FileNotFoundError:
            return list(doc_ids)
        out = []
        for doc_id in doc_ids:
            entry = sidecars.get(doc_id)
            meta = None if entry is None else self._sidecar(doc_id, entry)
            if meta is None or meta.get("ingest_version") != INGEST_VERSION:
                out.append(doc_id)
            else:
                self._check(meta, doc_id)
        return out

    def _sidecar(self, doc_id: str, entry: os.DirEntry) -> dict | None:
        """What the sidecar ``entry`` says, read again only when its file changed."""
        try:
            st = entry.stat()
        except OSError:  # removed since the listing
            return None
        stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
        kept = self._sidecars.get(doc_id)
        if kept is not None and kept[0] == stamp:
            return kept[1]
        meta = self._meta(doc_id)
        if meta is not None:
            self._sidecars[doc_id] = (stamp, meta)
        return meta

    def refresh(self, doc: Document, passages: list[str]) -> bool:
        """Vectors made by an older parser from the same units (a re-parse changed other things) are kept:
        their sidecar is stamped with this parser's version. False where the units differ (embed again)."""
        meta = self._meta(doc.doc_id)
        if meta is None or meta.get("units") != len(passages) or meta.get("digest") != digest(passages):
            return False
        self._check(meta, doc.doc_id)
        side = self._paths(doc.doc_id)[1]
        tmp = side.with_name(side.name + ".tmp")
        tmp.write_text(json.dumps({**meta, "ingest_version": INGEST_VERSION}), encoding="utf-8")
        tmp.replace(side)
        return True

    def put(self, doc: Document, vectors) -> None:
        """Store the vectors of ``units(doc)`` (aligned, in order): the array, then its sidecar."""
        passages = [u.passage for u in units(doc)]
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.shape != (len(passages), self.dim):
            raise EmbedderMismatchError(
                f"{vectors.shape} unit vectors given for {len(passages)} units of {doc.doc_id}; the index holds "
                f"{self.dim}-d vectors of {self.embedder_name}: check the embedder or rebuild with `index --rebuild`")
        self.folder.mkdir(parents=True, exist_ok=True)
        array, meta = self._paths(doc.doc_id)
        tmp = array.with_name(array.name + ".tmp.npy")
        np.save(tmp, vectors.astype(np.float16))
        tmp.replace(array)
        info = {"embedder": self.embedder_name, "dim": self.dim, "units": len(passages),
                "digest": digest(passages), "ingest_version": INGEST_VERSION}
        tmp = meta.with_name(meta.name + ".tmp")
        tmp.write_text(json.dumps(info), encoding="utf-8")
        tmp.replace(meta)

    def get(self, doc: Document) -> DocUnits | None:
        """The document's units and their vectors, or None while they are not made (or were made from other
        units). Kept per document file (``KEPT`` of them), so one read serves every question."""
        array, side = self._paths(doc.doc_id)
        try:
            stamp = side.stat().st_mtime
        except OSError:
            return None
        key = (doc.doc_id, stamp)
        got = self._kept.get(key)
        if got is not None:
            return got
        meta = self._meta(doc.doc_id)
        if meta is None:
            return None
        self._check(meta, doc.doc_id)
        us = units(doc)
        if meta.get("units") != len(us) or meta.get("digest") != digest([u.passage for u in us]):
            return None  # made from other units (another parser): the pass makes them again
        try:
            vecs = np.load(array, mmap_mode="r")
        except (OSError, ValueError) as err:
            log.warning("unit vectors of %s not read (%s): they are made again", doc.doc_id, err)
            return None
        if vecs.shape != (len(us), self.dim):
            return None
        # held as float32 once read: a question's cosines over a 1,675-unit document cost 20 ms converting
        # float16 on every product, 0.1 ms this way (1.5 kB a unit in memory, for the documents kept)
        vecs = np.asarray(vecs, dtype=np.float32)
        got = DocUnits(us, vecs, np.array([u.start for u in us], dtype=np.int64),
                       np.array([u.end for u in us], dtype=np.int64))
        with self._lock:
            for old in [k for k in self._kept if k[0] == doc.doc_id]:
                self._kept.pop(old, None)
            self._kept[key] = got
            while len(self._kept) > KEPT:
                self._kept.pop(next(iter(self._kept)))
        return got

    def remove(self, doc_id: str) -> None:
        for path in self._paths(doc_id):
            path.unlink(missing_ok=True)
        self._sidecars.pop(doc_id, None)
        with self._lock:
            for old in [k for k in self._kept if k[0] == doc_id]:
                self._kept.pop(old, None)

    def stored(self) -> list[str]:
        """Documents with a unit sidecar on disk (listed or not: ``repair`` drops the orphans)."""
        if not self.folder.exists():
            return []
        return [p.stem for p in self.folder.glob("*.json")]

    def take_from(self, other: Path, doc_ids) -> int:
        """Copy the unit vectors of ``doc_ids`` that the index at ``other`` (the one a rebuild replaces) made with
        this embedder: the pass keeps those whose units did not change (``refresh``). Returns how many."""
        n = 0
        for doc_id in doc_ids:
            try:
                meta = json.loads((other / f"{doc_id}.json").read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if meta.get("embedder") != self.embedder_name or meta.get("dim") != self.dim:
                continue
            self.folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(other / f"{doc_id}.npy", self.folder / f"{doc_id}.npy")
            shutil.copyfile(other / f"{doc_id}.json", self.folder / f"{doc_id}.json")  # the record, last
            n += 1
        return n

    def drop_orphans(self, listed) -> int:
        """Delete the files of documents not listed (and unfinished writes); returns how many documents."""
        if not self.folder.exists():
            return 0
        keep, gone = set(listed), set()
        for path in self.folder.iterdir():
            doc_id = path.name.split(".", 1)[0]
            if doc_id not in keep or ".tmp" in path.name:
                path.unlink(missing_ok=True)
                gone.add(doc_id)
        return len(gone)
