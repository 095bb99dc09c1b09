"""The Assistant: load once, answer many times.

    from assistant import Assistant
    bot = Assistant()                       # the default home: builds the shipped plans on first use
    bot = Assistant(Settings.resolve(home="h"), background=True)   # a home of one's own; vectors behind
    ans = bot.ask("Mục tiêu nhà ở xã hội của Kon Tum đến năm 2030?")
    ans.text, ans.found, ans.citations[0].locator

Everything a shell offers (ask, ingest, remove, info) is a method here; the
CLI, the HTTP API and the Gradio app only parse input and format output.
"""
from __future__ import annotations

import contextlib
import re
import threading
import time
import unicodedata
import weakref
from dataclasses import replace

from ground.errors import QuestionError, StoreUnavailableError
from ground.provinces import restore_place_names
from index.accents import AccentRestorer
from index.build import add_documents, embed_pending, rebuild
from index.embedders import get_embedder
from index.lock import close_reading, open_for_reading, write_lock
from index.retriever import Filters, HybridSearch
from index.store import IndexStore
from ingest.pipeline import IngestReport, ingest_paths, parse_text

from .answering import Answerer
from .config import Settings
from .evidence import Coverage
from .model import Answer
from .question import analyse
from .vectors import VectorPass, empty_home_notice, first_start_notice

MAX_QUESTION_CHARS = 1000  # a question costs CPU by its length: ~1 s at 1,000 characters, ~2.5 s at 2,000 (2 cores)


class Assistant:
    """``background=True`` (the app): documents are answerable as soon as they are parsed and
    their vectors are filled in by a thread behind them. Otherwise (CLI, tests, benchmarks) a
    build or an ingest embeds in the foreground before returning, and an index that still owes
    vectors (a killed pass) answers at once and is finished by ``embed_pending``.
    ``say`` receives the notices a person should read (what the first start indexes, an empty home)."""

    def __init__(self, settings: Settings | None = None, build: bool = True, progress: bool = True,
                 background: bool = False, say=None, vectors_later: bool = False):
        self.settings = settings or Settings.resolve()
        self.progress = progress
        self.background = background
        self.notices: list[str] = []
        self._say = say
        self.embedder = get_embedder(self.settings.embedder)
        self._lock = threading.RLock()  # writes (ingest/remove) never race a reload
        self._pass = VectorPass(self)
        if not self.settings.chroma_url:  # an embedded store is this process's: no other may write it
            open_for_reading(self.settings.index_dir)
            self._closer = weakref.finalize(self, close_reading, self.settings.index_dir)
        self.store = self._open_store()
        self._stamp = self._manifest_stamp()
        if build and not self.store.exists and self.settings.builds_corpus:
            self._notice(first_start_notice(self.settings))
            self.build_from_corpus()
        elif build and not self.store.exists:
            self._notice(empty_home_notice(self.settings))
        elif self.store.outdated:
            # the command line re-parses and goes on to what it was asked (a question, an ingest whose own
            # embedding pass takes these too): the re-parsed chunks' new vectors wait for that pass
            self.reparse(fill=not vectors_later or background)
        self._load()
        if background:
            self._pass.start()  # also resumes a pass that a kill interrupted

    # ---- asking ------------------------------------------------------------
    def ask(self, question: str, history: list | None = None, provinces: list[str] | None = None,
            doc_ids: list[str] | None = None) -> Answer:
        """Answer one question; ``history`` holds earlier user questions (or (user, bot) pairs)."""
        t0 = time.perf_counter()
        self._follow_other_writers()
        text = original = clean_question(question)
        prior = [h[0] if isinstance(h, (list, tuple)) else h for h in (history or [])]
        prior = [clean_question(p, strict=False) for p in prior if isinstance(p, str) and p.strip()]
        restorer = self._restorer
        if restorer.needs(text):  # "ty le ho ngheo kon tum 2030" → "tỷ lệ hộ nghèo kon tum 2030"
            text = restore_place_names(text, restorer.restore(text))  # "binh duong" → "Bình Dương"
        prior = [restore_place_names(p, restorer.restore(p)) if restorer.needs(p) else p for p in prior]
        q = analyse(text, prior, self._answerer.search.places(), original)  # both eras: Quảng Ngãi finds Kon Tum
        if provinces:  # the UI's filter: a place named outside it is not answered from inside it
            inside = [p for p in q.provinces if p in provinces]
            if q.provinces and not inside:
                q = replace(q, other_places=q.provinces, provinces=[])
            else:
                q = replace(q, provinces=inside or list(provinces))
        answerer = self._answerer
        named = self._documents_named(text)  # "Theo Kế hoạch 422/KH-UBND, …" narrows to that document
        ans = answerer.answer(q, Filters(doc_ids=list(doc_ids or named)))
        ans.ms = (time.perf_counter() - t0) * 1000
        return ans

    def _documents_named(self, question: str) -> list[str]:
        squeezed = re.sub(r"\s+", "", question).lower()
        return [doc_id for doc_id, number in self._numbers if number in squeezed]

    def warm_up(self) -> None:
        """Have the stored vectors in memory before the next question (benchmarks timing warm answers)."""
        self.store.start_memory(wait=True)

    def provinces(self) -> list[str]:
        self._follow_other_writers()
        return sorted({d.meta.province for d in self._answerer.docs if d.meta.province})

    # ---- documents ---------------------------------------------------------
    def ingest(self, paths: list[str], on_commit=None, embed: bool = True) -> dict:
        """Parse files and add them; unchanged ones are skipped, bad ones reported.
        ``on_commit(document, seconds)`` is called as each document is committed. The documents
        answer once this returns; their vectors are made before it returns, or behind it
        (``background``), or, with ``embed=False``, left to ``embed_pending``."""
        with self._writing():
            with _reading_bar(self.progress) as seen:
                report: IngestReport = ingest_paths(paths, progress=seen)
            added = add_documents(self.store, self.embedder, report.documents, self.progress, on_commit,
                                  embed=False)
            self._load()  # answerable from here on (lexically, and by its rows)
            if embed:
                self._fill_vectors(added)
        return {**report.summary(), **added.to_json(), "failed": report.errors,
                "warnings_by_document": {d.name: d.warnings for d in report.documents if d.warnings}}

    def remove(self, doc_id: str) -> bool:
        with self._writing():
            if doc_id not in self.store.manifest.get("documents", {}):
                return False
            self.store.remove(doc_id)
            self._load()
            return True

    @classmethod
    def rebuilt(cls, settings: Settings | None = None, progress: bool = True) -> tuple[Assistant, dict]:
        """Rebuild from the corpus *without* opening the index there first: this is the repair
        for a corrupt index or one built with another embedder, so it must not trip on either."""
        settings = settings or Settings.resolve()
        embedder = get_embedder(settings.embedder)
        with _reading_bar(progress) as seen:
            report = ingest_paths([settings.corpus], progress=seen)
        with write_lock(settings.index_dir):
            result = rebuild(settings.index_dir, embedder, report.documents, settings.chroma_url, progress)
        bot = cls(settings, build=False, progress=progress)
        return bot, {**report.summary(), **result.to_json(), "failed": report.errors}

    def reparse(self, fill: bool = True) -> dict:
        """Re-parse every indexed document from its stored text with today's parser, rebuild
        aside and swap in: a parser upgrade reaches documents whose files are long gone. The
        chunks whose text changed get vectors now (``fill``), or wait for the next pass."""
        with self._writing():
            old = self.store.documents()
            docs = [parse_text(d.text, d.path, d.format, d.warnings) for d in old]
            try:  # chunks whose search text did not change keep their vectors: only the rest is embedded
                known = self.store.vectors_by_text()
            except Exception:  # noqa: BLE001 - unreadable vectors: embed everything again
                known = {}
            result = rebuild(self.settings.index_dir, self.embedder, docs, self.settings.chroma_url,
                             self.progress, known_vectors=known, embed=False)
            self.store = self._open_store()
            if hasattr(self, "_answerer"):
                self._load()
            if fill:
                self._fill_vectors(result)
            elif result.pending:
                self._notice(f"Đã đọc lại {len(docs)} văn bản; {result.pending} đoạn chờ vector "
                             f"(`python -m assistant index --embed`). Re-parsed {len(docs)} documents; "
                             f"{result.pending} chunks wait for vectors.")
        return result.to_json()

    def build_from_corpus(self) -> dict:
        """(Re)build the whole index from the corpus folder, aside, then swap it in."""
        with self._writing():
            with _reading_bar(self.progress) as seen:
                report = ingest_paths([self.settings.corpus], progress=seen)
            result = rebuild(self.settings.index_dir, self.embedder, report.documents,
                             self.settings.chroma_url, self.progress, embed=False)
            self.store = self._open_store()
            if hasattr(self, "_answerer"):
                self._load()
            self._fill_vectors(result)
        return {**report.summary(), **result.to_json(), "failed": report.errors}

    def info(self, exact: bool = False) -> dict:
        """What is indexed; ``vectors`` says how many chunks still wait for theirs. ``exact`` counts
        them per document (one id listing: the CLI's ``index --info``), otherwise totals come from
        one count and per-document figures from the running pass, when there is one."""
        self._follow_other_writers()
        m = self.store.manifest
        docs = m.get("documents", {})
        chunks = sum(v["chunks"] for v in docs.values())
        status = self._pass.status()
        try:
            if exact:
                missing = {k: len(v) for k, v in self.store.missing_vectors().items()}
                pending = sum(missing.values())
            else:
                missing = self._pass.pending_by_doc()
                pending = max(0, chunks - self.store.vector_count()) if docs else 0
            vectors = {"stored": chunks - pending, "pending": pending, **status}
        except StoreUnavailableError as err:  # the listing still answers while a Chroma server is away
            if exact:
                raise
            missing, vectors = {}, {"stored": None, "pending": None, **status, "error": str(err)}
        return {"home": str(self.settings.home), "embedder": m.get("embedder"),
                "chroma": m.get("chroma"),
                "documents": [{"doc_id": k, **v, "vectors_pending": missing.get(k, 0)} for k, v in docs.items()],
                "totals": {"documents": len(docs), "chunks": chunks,
                           "rows": sum(v["rows"] for v in docs.values()),
                           "table_rows": sum(v.get("table_rows", 0) for v in docs.values())},
                "vectors": vectors}

    def embed_pending(self) -> dict:
        """Give every chunk that still lacks one its vector (what ``index --embed`` runs)."""
        with self._writing():
            return embed_pending(self.store, self.embedder, self.progress).to_json()

    def document(self, doc_id: str):
        return self.store.load_document(doc_id)

    def forget_queries(self) -> None:
        """Forget the query vectors kept for repeated searches (benchmarks time fresh questions)."""
        self._answerer.search.forget_queries()

    def close(self) -> None:
        """Stop the background pass (it resumes at the next start) and let other processes write
        this index again (an embedded store is held while open)."""
        self._pass.stop()
        closer = getattr(self, "_closer", None)
        if closer is not None:
            closer()

    # ---- internals ---------------------------------------------------------
    def _open_store(self) -> IndexStore:
        store = IndexStore(self.settings.index_dir, self.embedder.name, self.embedder.dim,
                           self.settings.chroma_url)
        store.check_embedder()
        return store

    def _fill_vectors(self, result) -> None:
        """Stage 2 after a commit: here and now, or behind it in the background."""
        if self.background:
            self._pass.start()
        else:
            done = embed_pending(self.store, self.embedder, self.progress)
            result.embedded, result.pending = done.embedded, done.pending
            result.seconds += done.seconds

    def _notice(self, text: str) -> None:
        self.notices.append(text)
        if self._say:
            self._say(text)

    @contextlib.contextmanager
    def _writing(self):
        """Writes are serialised in this process (RLock) and across processes (flock on
        HOME/index.lock). What another process committed since we read the index is read
        again first, so our manifest never drops its documents."""
        with self._lock, write_lock(self.settings.index_dir):
            if self._stamp != self._manifest_stamp():
                old, self.store = self.store, self._open_store()
                self.store.keep_documents_of(old)
            yield

    def _follow_other_writers(self) -> None:
        """Another writer committed since we loaded (another Assistant in this process, or, with a
        Chroma server, another process such as `assistant ingest`): load the index again. A stat
        per question; an embedded index cannot change under us from another process (index/lock.py)."""
        if self._stamp != self._manifest_stamp():
            with self._lock:
                if self._stamp != self._manifest_stamp():
                    old, self.store = self.store, self._open_store()
                    self.store.keep_documents_of(old)
                    self._load()

    def _manifest_stamp(self) -> tuple[int, int] | None:
        try:
            st = (self.settings.index_dir / "manifest.json").stat()
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size

    def _load(self) -> None:
        self._stamp = self._manifest_stamp()
        docs = self.store.documents()
        self._answerer = Answerer(HybridSearch(self.store, self.embedder, docs), Coverage(self.store.bm25))
        if self.background:  # a server: its first questions already meet the vectors in memory
            self.store.start_memory()
        # each document's number as a question would contain it: "422/kh-ubnd" (looked for in every question)
        self._numbers = [(d.doc_id, re.sub(r"\s+", "", d.meta.number).lower()) for d in docs if d.meta.number]
        self._restorer = AccentRestorer(self.store.bm25.document_frequencies())


@contextlib.contextmanager
def _reading_bar(enabled: bool):
    """A per-file callback for ``ingest_paths`` that moves a progress bar (None when quiet)."""
    if not enabled:
        yield None
        return
    import sys

    from tqdm import tqdm

    with tqdm(desc="Đọc tệp / reading", unit="tệp", file=sys.stderr, leave=False) as bar:
        yield lambda _path: bar.update(1)


def clean_question(text, strict: bool = True) -> str:
    """Normalise a question; refuse what cannot be a question, with what to do."""
    if not isinstance(text, str):
        raise QuestionError("câu hỏi phải là văn bản (the question must be a string)")
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in text)
    text = " ".join(text.split())
    if strict and not text:
        raise QuestionError("câu hỏi trống — hãy nhập câu hỏi (the question is empty: type a question)")
    if strict and len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(f"câu hỏi dài {len(text)} ký tự, tối đa {MAX_QUESTION_CHARS} — hãy rút gọn "
                            f"(the question has {len(text)} characters; the limit is {MAX_QUESTION_CHARS}: shorten it)")
    if strict and not any(ch.isalnum() for ch in text):
        raise QuestionError("câu hỏi không có chữ hay số nào — hãy hỏi bằng lời "
                            "(the question has no letters or digits: ask in words)")
    return text[:MAX_QUESTION_CHARS]
