"""The background embedding pass of a live index (``index/lifecycle.py``).

A document is answerable as soon as it is committed (BM25 + rows); ``VectorPass`` then gives
its chunks their vectors in a thread, batch by batch, taking the index's write lock only
around each batch's store write, so questions, uploads and removals go on meanwhile:

    bot = Assistant(settings, background=True)   # serves at once; the pass runs behind
    bot.info()["vectors"]  → {"stored": 120, "pending": 121, "running": True, "error": None, ...}

One pass runs at a time over an index, across processes (``index/lock.py``: two app processes
behind a proxy would embed the same chunks twice): a pass waits for another process's, then
finds what it left. An upload or a rebuild wakes the pass again; any failure (an embedding server or Chroma down,
the index busy, or a bug) pauses it with back-off and it tries again, with ``error`` saying
why until a batch is stored again (the app's /healthz is ``degraded`` meanwhile); ``stop``
ends it between two batches (what is stored stays stored, and the next start resumes there).

The pass reports its progress through ``on_batch`` only, never through a tqdm bar: the UI's
``gr.Progress(track_tqdm=True)`` patches tqdm process-wide, and a bar made before that patch
breaks at its next update (issue 22: every start with vectors missing died so).
"""
from __future__ import annotations

import contextlib
import logging
import threading
import time
import weakref

from ground.errors import AssistantError

from .build import embed_pending
from .lock import pass_turn

log = logging.getLogger(__name__)

RETRY_SECONDS = (2, 5, 15, 30, 60)  # back-off after a failed pass (a server down, the index busy)


class VectorPass:
    def __init__(self, live):
        # A weak reference: a live index dropped with its Assistant must be collected at once (its
        # finalizer releases the index's shared lock for other processes), not at the next GC.
        self._live = weakref.ref(live)
        self._guard = threading.Lock()
        self._wake = threading.Event()
        self._closed = threading.Event()
        self._thread: threading.Thread | None = None
        self._pending: dict[str, int] = {}  # doc_id → chunks still without a vector (this pass)
        self._done = 0
        self._total = 0
        self.error: str | None = None  # why the last attempt failed; None once a batch is stored again
        self.failures = 0  # attempts failed in a row (the back-off step)
        self.retry_at: float | None = None  # monotonic time of the next attempt after a failure
        self.passes = 0

    def start(self) -> None:
        """Run a pass now, or once more after the running one (new documents came in)."""
        with self._guard:
            if self._closed.is_set():
                return
            self._wake.set()
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._loop, name="vector-pass", daemon=True)
                self._thread.start()

    def stop(self, wait: float = 30.0) -> None:
        self._closed.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(wait)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until no pass runs (tests, benchmarks); True when it finished in time."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            thread = self._thread
            if thread is None or not thread.is_alive():
                return True
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                return False
            thread.join(0.2 if left is None else min(0.2, left))

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def status(self) -> dict:
        retry = None if self.retry_at is None else max(0.0, round(self.retry_at - time.monotonic(), 1))
        return {"running": self.running, "done": self._done, "of": self._total, "error": self.error,
                "failures": self.failures, "retry_in_s": retry}

    def pending_by_doc(self) -> dict[str, int]:
        return dict(self._pending) if self.running else {}

    # ---- the thread ----------------------------------------------------------
    def _loop(self) -> None:
        while not self._closed.is_set():
            self._wake.clear()
            try:
                result = self._one_pass()
            except Exception as err:  # noqa: BLE001 - whatever it is, the pass must come back
                if isinstance(err, AssistantError):  # a server down, the index busy: said as is
                    self.error = str(err)
                    log.warning("vector pass paused: %s", err)
                else:  # a bug: logged whole, said without internals, tried again all the same
                    self.error = f"internal error in the vector pass ({type(err).__name__}; see the server log)"
                    log.exception("vector pass failed")
                delay = RETRY_SECONDS[min(self.failures, len(RETRY_SECONDS) - 1)]
                self.failures += 1
                self.retry_at = time.monotonic() + delay
                if self._closed.wait(delay):
                    return
                continue
            self.failures, self.error, self.retry_at = 0, None, None
            with self._guard:
                if result is None or not result.stopped and not self._wake.is_set():
                    self._pending = {}
                    self._thread = None  # start() after this point starts a new thread
                    return

    def _one_pass(self):
        live = self._live()
        if live is None:
            self._closed.set()
            return None
        index_dir = live.index_dir
        del live  # not held while waiting for another process's pass: an Assistant dropped meanwhile is collected
        with pass_turn(index_dir, lambda: self._closed.is_set() or self._live() is None) as turn:
            live = self._live() if turn else None
            if live is None:
                return None
            return self._embed(live)

    def _embed(self, live):
        with live.lock:
            store = live.store
        missing = store.missing_vectors()
        self._pending = {k: len(v) for k, v in missing.items()}
        self._done, self._total = 0, sum(self._pending.values())
        self.passes += 1
        t0 = time.perf_counter()

        def follow(done: int, total: int) -> None:
            self._done = done
            self.failures, self.error, self.retry_at = 0, None, None  # stored again: not failing

        result = embed_pending(store, live.embedder, progress=False, guard=self._write_guard,
                               stop=self._closed.is_set, on_batch=follow, missing=missing)
        self._pending = {}
        if result.embedded:
            log.info("vector pass: %d chunks embedded in %.1f s, %d pending", result.embedded,
                     time.perf_counter() - t0, result.pending)
        return result

    @contextlib.contextmanager
    def _write_guard(self):
        """Each batch is written under the index's write lock, into its current store."""
        live = self._live()
        with live.writing():
            yield live.store

