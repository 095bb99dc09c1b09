"""Parsed documents read from their files when asked, not all held: a light head of each in memory.

At ×10 (4,719 documents, 542,000 chunks) holding every parsed document took 1.25 GB and 38 s of the
index's open (their JSON read whole). What every question walks is small: each document's metadata
(places, numbers, names), how many chunks of which kind it has (filters), and the plans' target rows
(scored on every question). That is a ``Head``, kept for every document and written beside the index
(``HOME/index/heads.json``, one file read at open); the text, chunks and table rows of a document are
read from ``HOME/index/docs/ID.json`` when a question reaches it, and the last ``KEPT`` documents read
stay in memory. A document with target rows stays whole: the rows are scored on every question.

    shelf = Shelf(folder)
    docs = shelf.documents(manifest, load)      # StoredDocument per listed document (heads.json + reads)
    docs[0].meta.province, head_of(docs[0]).chunks    # from the head: nothing read
    docs[0].chunks[3].text                      # reads the document's JSON (kept among the last KEPT)

``heads.json`` is derived, like the BM25 pack: it serves the build it names (a re-parse is another
build), a damaged one is ignored. A commit writes its document's own head (``heads/ID.json``, as it writes
its BM25 segment); an open reads those of the documents heads.json lacks (a document with neither is read
whole) and writes heads.json again with them.
"""
from __future__ import annotations

import json
import logging
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ingest.model import DocMeta, Document

log = logging.getLogger(__name__)

KEPT = 512  # whole documents kept after a read (~130 MB at ×10's 270 kB a document); a question reaches tens
FORMAT = 1
HEADS = "heads.json"
FEW = 64  # documents to add to the ones known (another process's uploads): read from their own head files


@dataclass(frozen=True)
class Head:
    """What is known of a document without its text: sizes, chunk kinds, the articles its chunks are in."""

    chunks: int
    kinds: dict[str, list[int]]  # chunk kind → ordinals of that kind, ascending
    rows: int  # target rows (``TableRow.by_year``)
    table_rows: int  # the other tables' rows
    footnotes: int
    row_chunks: int  # chunks holding a target row: scored on every question, so the document stays whole
    articles: frozenset[str]  # "Điều 5" of every article or clause chunk: a place asked finds its documents


def head_of(doc: Document) -> Head:
    """The head of a document: kept by a ``StoredDocument``, computed from a whole one."""
    if isinstance(doc, StoredDocument):
        return doc.head
    kinds: dict[str, list[int]] = {}
    for i, c in enumerate(doc.chunks):
        kinds.setdefault(c.kind, []).append(i)
    articles = frozenset(p for c in doc.chunks if c.kind in ("article", "clause")
                         for p in c.locator.split(" › ") if p.startswith("Điều "))
    targets = sum(r.by_year for r in doc.rows)
    return Head(len(doc.chunks), kinds, targets, len(doc.rows) - targets, len(doc.footnotes),
                sum(c.row is not None and c.row.by_year for c in doc.chunks), articles)


class StoredDocument(Document):
    """A listed document: identity and metadata in memory, its text, chunks and rows read from its file
    (``Shelf.whole``) when asked. One object per document and build, so ``a.doc is b.doc`` holds as before."""

    def __init__(self, doc_id: str, path: str, sha256: str, format: str, meta: DocMeta, warnings: list[str],
                 head: Head, shelf: Shelf, whole: Document | None = None):
        self.doc_id, self.path, self.sha256, self.format = doc_id, path, sha256, format
        self.meta, self.warnings, self.head = meta, warnings, head
        self._shelf = shelf
        self._pinned = whole if head.row_chunks else None  # target rows: walked on every question

    def whole(self) -> Document:
        return self._pinned if self._pinned is not None else self._shelf.whole(self.doc_id)

    @property
    def text(self) -> str:
        return self.whole().text

    @property
    def chunks(self):
        return self.whole().chunks if self.head.chunks else []

    @property
    def rows(self):
        return self.whole().rows if self.head.rows or self.head.table_rows else []

    @property
    def has_targets(self) -> bool:
        return self.head.rows > 0  # from the head: a walk over every document reads none of them

    @property
    def footnotes(self):
        return self.whole().footnotes if self.head.footnotes else []

    def __repr__(self) -> str:
        return f"StoredDocument({self.doc_id!r}, {self.name!r})"


class Shelf:
    """The whole documents read last (``KEPT``), and the heads of one index folder."""

    def __init__(self, folder: Path, load: Callable[[str], Document], kept: int | None = None):
        self.folder, self._load, self.kept = Path(folder), load, kept or KEPT
        self._whole: OrderedDict[str, Document] = OrderedDict()
        self._lock = threading.Lock()  # answers run on several threads: one read of a document at a time
        self.reads = 0  # documents read whole (a benchmark's count)
        self._build: str | None = None  # the build the kept documents are of

    def whole(self, doc_id: str) -> Document:
        with self._lock:
            doc = self._whole.pop(doc_id, None)
            if doc is None:
                doc = self._load(doc_id)
                self.reads += 1
                while len(self._whole) >= self.kept:
                    self._whole.popitem(last=False)
            self._whole[doc_id] = doc  # (moved) last: the least recently asked is dropped first
            return doc

    def documents(self, manifest: dict, known: dict[str, StoredDocument]) -> dict[str, StoredDocument]:
        """A ``StoredDocument`` per listed document, in the manifest's order: ``known`` ones as they are,
        the others from their heads — a few (another process's upload followed) from their own head
        files, many (an open) from heads.json, written again when it lacked some — or read whole."""
        build = manifest.get("build")
        listed = manifest.get("documents", {})
        if build != self._build:  # a re-parse is another build: the same ids, other chunks
            with self._lock:
                self._whole.clear()
            self._build = build
        missing = [d for d in listed if d not in known]
        saved = {d: h for d in missing if (h := self._read_head(d)) is not None} if len(missing) <= FEW else {}
        stale = 0  # documents heads.json was asked for and lacks
        if len(saved) < len(missing):
            heads = self._read_heads(build)
            for doc_id in missing:
                if doc_id not in saved:
                    got = heads.get(doc_id)
                    if got is None:
                        stale += 1
                        got = self._read_head(doc_id) if len(missing) > FEW else None
                    if got is not None:
                        saved[doc_id] = got
        out = {}
        for doc_id in listed:
            got = known.get(doc_id)
            if got is None:
                head = saved.get(doc_id)
                if head is None or head["sizes"]["row_chunks"]:  # no head, or whole in memory anyway
                    whole = self._load(doc_id)
                    got = StoredDocument(whole.doc_id, whole.path, whole.sha256, whole.format, whole.meta,
                                         whole.warnings, head_of(whole), self, whole)
                    if not got.head.row_chunks:
                        self._keep(whole)
                else:
                    got = _from_saved(doc_id, head, self)
            out[doc_id] = got
        if stale:
            self._write_heads(build, out)
        return out

    def save_head(self, doc: Document) -> None:
        """Write a committed document's head (``heads/ID.json``, beside its JSON): the next open reads it
        instead of the whole document, until heads.json is written again with it."""
        (self.folder / "heads").mkdir(exist_ok=True)
        path = self.folder / "heads" / f"{doc.doc_id}.json"
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(_saved(doc), ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)

    def _read_head(self, doc_id: str) -> dict | None:
        try:
            return json.loads((self.folder / "heads" / f"{doc_id}.json").read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as err:
            log.warning("head of %s not used (%s): the document is read whole", doc_id, err)
            return None

    def _keep(self, doc: Document) -> None:
        with self._lock:
            self._whole[doc.doc_id] = doc
            while len(self._whole) > self.kept:
                self._whole.popitem(last=False)

    def _read_heads(self, build: str | None) -> dict[str, dict]:
        try:
            saved = json.loads((self.folder / HEADS).read_text(encoding="utf-8"))
            if saved.get("format") != FORMAT or saved.get("build") != build:
                return {}
            return saved["docs"]
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
            log.warning("%s not used (%s): the documents are read whole", self.folder / HEADS, err)
            return {}

    def _write_heads(self, build: str | None, docs: dict[str, StoredDocument]) -> None:
        data = {"format": FORMAT, "build": build, "docs": {d: _saved(doc) for d, doc in docs.items()}}
        tmp = self.folder / f"{HEADS}.{uuid.uuid4().hex[:8]}.tmp"
        try:
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            tmp.replace(self.folder / HEADS)
        except OSError as err:  # a home this process cannot write: the next open reads the documents again
            log.warning("%s not written (%s)", self.folder / HEADS, err)
            tmp.unlink(missing_ok=True)


def _saved(doc: Document) -> dict:
    h = head_of(doc)
    return {"path": doc.path, "sha256": doc.sha256, "format": doc.format, "meta": doc.meta.__dict__,
            "warnings": doc.warnings, "kinds": list(h.kinds.items()), "articles": sorted(h.articles),
            "sizes": {"chunks": h.chunks, "rows": h.rows, "table_rows": h.table_rows, "footnotes": h.footnotes,
                      "row_chunks": h.row_chunks}}


def _from_saved(doc_id: str, s: dict, shelf: Shelf) -> StoredDocument:
    n = s["sizes"]
    meta = dict(s["meta"])
    if meta.get("signer_span"):
        meta["signer_span"] = tuple(meta["signer_span"])
    head = Head(n["chunks"], dict(s["kinds"]), n["rows"], n["table_rows"], n["footnotes"], n["row_chunks"],
                frozenset(s["articles"]))
    return StoredDocument(doc_id, s["path"], s["sha256"], s["format"], DocMeta(**meta), s["warnings"], head, shelf)
