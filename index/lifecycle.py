"""The index as a running process holds it: locks, stamps, re-parse, other writers, rebuilds, vectors.

    live = LiveIndex(index_dir, embedder, chroma_url, view=make_view, background=True, say=print)
    live.load()                 # opens the answering view over the store (``view(store, embedder)``)
    live.view                   # what answering reads; replaced whole whenever the index changes
    live.ingest(paths)          # parse, commit, reload; vectors now, behind (``background``) or later
    live.follow_other_writers() # once per question: another writer's commit is read again

Writes are serialised in this process (an RLock) and across processes (a flock on
``index_dir/index.lock``, ``index/lock.py``); an embedded store is held for reading while open,
released when the ``LiveIndex`` is closed or collected. A server (``background``) waits its turn
for the lock (``WRITE_WAIT``): app processes behind one proxy share a home on a Chroma server,
and an upload through one while another commits is taken after it, not refused. Files are read
before the lock is taken, so the lock is held for commits only. ``view`` is a plain function of the
store: the live index holds no reference back to its owner, so an ``Assistant`` dropped by its
owner is collected at once and its lock released with it.
"""
from __future__ import annotations

import contextlib
import json
import threading
import weakref
from pathlib import Path

from ground.errors import StoreUnavailableError
from ingest.pipeline import IngestReport, ingest_paths, parse_text

from .build import add_documents, embed_pending, rebuild
from .lock import close_reading, open_for_reading, write_lock
from .store import IndexStore
from .vector_pass import VectorPass

# Seconds a server's write waits for another process's: a commit holds the lock for milliseconds to
# seconds (an upload's files are read before it is taken; the vector pass takes it per batch).
WRITE_WAIT = 120.0


class LiveIndex:
    """``background=True`` (a server): documents are answerable as soon as they are parsed and
    their vectors are filled in by a thread behind them. Otherwise a build or an ingest embeds in
    the foreground before returning. ``say`` receives the notices a person should read."""

    def __init__(self, index_dir: Path, embedder, chroma_url: str | None, view, progress: bool = True,
                 background: bool = False, say=None):
        self.index_dir = index_dir
        self.embedder = embedder
        self.chroma_url = chroma_url
        self.progress = progress
        self.background = background
        self.notices: list[str] = []
        self._say = say
        self._make_view = view
        self.view = None  # set by load(); until then nothing answers
        self.lock = threading.RLock()  # writes (ingest/remove) never race a reload
        self._writing = threading.local()  # depth of this thread's writing() (a nested one holds already)
        self.vector_pass = VectorPass(self)
        if not chroma_url:  # an embedded store is this process's: no other may write it
            open_for_reading(index_dir)
            self._closer = weakref.finalize(self, close_reading, index_dir)
        self.store = self._open_store()
        self._stamp = self._manifest_stamp()

    # ---- documents ---------------------------------------------------------
    def ingest(self, paths: list[str], on_commit=None, embed: bool = True) -> tuple[IngestReport, object]:
        """Parse files and add them: answerable once this returns; vectors as ``embed`` and ``background`` say."""
        with reading_bar(self.progress) as seen:  # before the lock: other writers go on meanwhile
            report: IngestReport = ingest_paths(paths, progress=seen)
        with self.writing():
            added = add_documents(self.store, self.embedder, report.documents, self.progress, on_commit,
                                  embed=False)
            self.load()  # answerable from here on (lexically, and by its rows)
        if embed:
            self._fill_vectors(added)  # each batch under the lock, not the whole pass
        return report, added

    def remove(self, doc_id: str) -> bool:
        with self.writing():
            if doc_id not in self.store.manifest.get("documents", {}):
                return False
            self.store.remove(doc_id)
            self.load()
            return True

    def reparse(self, fill: bool = True) -> dict:
        """Re-parse every indexed document from its stored text with today's parser, rebuild
        aside and swap in: a parser upgrade reaches documents whose files are long gone. The
        chunks whose text changed get vectors now (``fill``), or wait for the next pass."""
        with self.writing():
            old = self.store.documents()
            docs = [parse_text(d.text, d.path, d.format, d.warnings) for d in old]
            try:  # chunks whose search text did not change keep their vectors: only the rest is embedded
                known = self.store.vectors_by_text()
            except Exception:  # noqa: BLE001 - unreadable vectors: embed everything again
                known = {}
            result = rebuild(self.index_dir, self.embedder, docs, self.chroma_url,
                             self.progress, known_vectors=known, embed=False)
            self.store = self._open_store()
            if self.view is not None:
                self.load()
            if fill:
                self._fill_vectors(result)
            elif result.pending:
                self.notice(f"Đã đọc lại {len(docs)} văn bản; {result.pending} đoạn chờ vector "
                            f"(`python -m assistant index --embed`). Re-parsed {len(docs)} documents; "
                            f"{result.pending} chunks wait for vectors.")
        return result.to_json()

    def build_from(self, corpus: Path, fill: bool = True) -> dict:
        """(Re)build the whole index from a corpus folder, aside, then swap it in; its vectors are made now
        (``fill``) or wait for the next pass, the documents answering meanwhile."""
        with self.writing():
            with reading_bar(self.progress) as seen:
                report = ingest_paths([corpus], progress=seen)
            result = rebuild(self.index_dir, self.embedder, report.documents,
                             self.chroma_url, self.progress, embed=False)
            self.store = self._open_store()
            if self.view is not None:
                self.load()
            if fill:
                self._fill_vectors(result)
        return {**report.summary(), **result.to_json(), "failed": report.errors}

    def embed_pending(self) -> dict:
        """Give every chunk that still lacks one its vector (what ``index --embed`` runs)."""
        with self.writing():
            return embed_pending(self.store, self.embedder, self.progress).to_json()

    def info(self, exact: bool = False) -> dict:
        """What is indexed; ``vectors`` says how many chunks still wait for theirs. ``exact`` counts
        them per document (one id listing: the CLI's ``index --info``), otherwise totals come from
        one count and per-document figures from the running pass, when there is one."""
        self.follow_other_writers()
        m = self.store.manifest
        docs = m.get("documents", {})
        chunks = sum(v["chunks"] for v in docs.values())
        status = self.vector_pass.status()
        try:
            if exact:
                missing = {k: len(v) for k, v in self.store.missing_vectors().items()}
                pending = sum(missing.values())
            else:
                missing = self.vector_pass.pending_by_doc()
                pending = max(0, chunks - self.store.vector_count()) if docs else 0
            vectors = {"stored": chunks - pending, "pending": pending, **status,
                       # documents whose evidence units still wait for theirs (made after the chunks')
                       "units_pending": len(self.store.missing_unit_vectors()),
                       # searched in memory (None while they are read): equals "stored" when kept up
                       "in_memory": len(self.store.memory) if self.store.memory.ready else None}
        except StoreUnavailableError as err:  # the listing still answers while a Chroma server is away
            if exact:
                raise
            missing, vectors = {}, {"stored": None, "pending": None, **status, "error": str(err)}
        return {"embedder": m.get("embedder"),
                "chroma": m.get("chroma"),
                "documents": [{"doc_id": k, **v, "vectors_pending": missing.get(k, 0)} for k, v in docs.items()],
                "totals": {"documents": len(docs), "chunks": chunks,
                           "rows": sum(v["rows"] for v in docs.values()),
                           "table_rows": sum(v.get("table_rows", 0) for v in docs.values())},
                "vectors": vectors}

    def close(self) -> None:
        """Stop the background pass (it resumes at the next start) and let other processes write
        this index again (an embedded store is held while open)."""
        self.vector_pass.stop()
        closer = getattr(self, "_closer", None)
        if closer is not None:
            closer()

    # ---- keeping up --------------------------------------------------------
    def load(self, stamp=None) -> None:
        """Open the answering view over the store as it is now (``stamp``: the manifest's, taken before
        the store read it — taken after, a commit in between would never be followed)."""
        self._stamp = self._manifest_stamp() if stamp is None else stamp
        self.view = self._make_view(self.store, self.embedder)
        if self.background:  # a server: its first questions already meet the vectors in memory
            self.store.start_memory()

    def notice(self, text: str) -> None:
        self.notices.append(text)
        if self._say:
            self._say(text)

    @contextlib.contextmanager
    def writing(self):
        """Writes are serialised in this process (RLock) and across processes (flock on
        HOME/index.lock). What another process committed since we read the index is read
        again first, so our manifest never drops its documents: the manifest on disk is compared
        whole with ours under the lock (a stamp of time and size could miss a commit made within
        the file system's clock tick). Nested (a re-parse filling its vectors), it holds already."""
        if getattr(self._writing, "depth", 0):
            self._writing.depth += 1
            try:
                yield
            finally:
                self._writing.depth -= 1
            return
        with self.lock, write_lock(self.index_dir, wait=WRITE_WAIT if self.background else 0.0):
            self._writing.depth = 1
            try:
                stamp = self._manifest_stamp()
                if self._on_disk() != self.store.manifest:
                    self._reopen()
                    self.load(stamp)  # questions meet what was just read too, not only this write
                yield
            finally:
                self._writing.depth = 0

    def follow_other_writers(self) -> None:
        """Another writer committed since we loaded (another Assistant in this process, or, with a
        Chroma server, another process: an app behind the same proxy, `assistant ingest`): load the
        index again, keeping the vectors in memory (only the change is read). Vectors another
        process stored for listed documents are read from the vector journal. Two stats per
        question; an embedded index cannot change under us from another process (index/lock.py)."""
        if self._stamp != self._manifest_stamp():
            with self.lock:
                stamp = self._manifest_stamp()
                if self._stamp != stamp:
                    self._reopen()
                    self.load(stamp)
        if self.store.vectors_behind():
            with self.lock:
                try:
                    self.store.follow_vectors()
                except StoreUnavailableError:
                    pass  # the server is away: this question's searches say so; caught up at a later one

    def _reopen(self) -> None:
        old, self.store = self.store, self._open_store(following=self.store)
        self.store.keep_documents_of(old)
        try:
            self.store.take_memory_of(old)
        except StoreUnavailableError:
            pass  # the new store reads every vector again when it next can

    def _on_disk(self) -> dict:
        try:
            return json.loads((self.index_dir / "manifest.json").read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except ValueError:
            return {"unreadable": True}  # differs from ours: opening it again says what is wrong

    def _open_store(self, following: IndexStore | None = None) -> IndexStore:
        store = IndexStore(self.index_dir, self.embedder.name, self.embedder.dim, self.chroma_url, following)
        store.check_embedder()
        return store

    def _fill_vectors(self, result) -> None:
        """Stage 2 after a commit: here and now, or behind it in the background."""
        if self.background:
            self.vector_pass.start()
        else:  # each batch under the write lock: another process's commit goes in between
            done = embed_pending(self.store, self.embedder, self.progress, guard=self._batch_guard)
            result.embedded, result.pending = done.embedded, done.pending
            result.seconds += done.seconds

    @contextlib.contextmanager
    def _batch_guard(self):
        with self.writing():
            yield self.store

    def _manifest_stamp(self) -> tuple[int, int, int] | None:
        try:
            st = (self.index_dir / "manifest.json").stat()
        except OSError:
            return None
        return st.st_ino, st.st_mtime_ns, st.st_size  # a commit renames a new file in: a new inode


def rebuild_aside(corpus: Path, index_dir: Path, embedder, chroma_url: str | None,
                  progress: bool = True) -> tuple[IngestReport, object]:
    """Rebuild from a corpus *without* opening the index there first: the repair for a corrupt
    index or one built with another embedder, so it must not trip on either."""
    with reading_bar(progress) as seen:
        report = ingest_paths([corpus], progress=seen)
    with write_lock(index_dir):
        result = rebuild(index_dir, embedder, report.documents, chroma_url, progress)
    return report, result


@contextlib.contextmanager
def reading_bar(enabled: bool):
    """A per-file callback for ``ingest_paths`` that moves a progress bar (None when quiet)."""
    if not enabled:
        yield None
        return
    import sys

    from tqdm import tqdm

    with tqdm(desc="Đọc tệp / reading", unit="tệp", file=sys.stderr, leave=False) as bar:
        yield lambda _path: bar.update(1)
