"""Admission control: a bounded queue in front of the assistant, so overload is answered
honestly (503 + Retry-After, or a friendly line in the UI) instead of by ever longer waits.

Answering is CPU-bound Python: more than ``workers`` answers at once only share the same
cores and make every one of them slower. So at most ``workers`` run; the others wait in
line, and a request whose *expected* wait exceeds ``max_wait`` seconds is refused at once,
before it costs anything. The expected wait is the number of requests ahead of it divided
by ``workers``, times the recent mean answer time (an exponential average).

    >>> gate = Gate(workers=1, max_wait=2.0, first_guess=1.0)
    >>> with gate.slot():          # nobody ahead: admitted, runs at once
    ...     pass
    >>> gate.expected_wait(ahead=5) > 2.0
    True

A refusal is an ``OverloadedError`` carrying ``retry_after`` (whole seconds), which the
HTTP layer turns into ``503`` + ``Retry-After`` and the UI into a message.
"""
from __future__ import annotations

import math
import threading
import time
from contextlib import contextmanager

from assistant.errors import AssistantError


class OverloadedError(AssistantError):
    http_status = 503

    def __init__(self, retry_after: int, waiting: int):
        self.retry_after = max(1, int(retry_after))
        self.waiting = waiting
        super().__init__(f"máy chủ đang bận ({waiting} câu hỏi đang chờ); hãy thử lại sau khoảng "
                         f"{self.retry_after} giây (the server is busy with {waiting} questions waiting; "
                         f"retry in about {self.retry_after} s)")


class Gate:
    """At most ``workers`` at once; refuse when the expected wait is over ``max_wait`` seconds."""

    def __init__(self, workers: int = 2, max_wait: float = 10.0, first_guess: float = 1.0):
        self.workers = max(1, int(workers))
        self.max_wait = float(max_wait)
        self._mean = float(first_guess)  # seconds per answer, updated as answers finish
        self._slots = threading.Semaphore(self.workers)
        self._lock = threading.Lock()
        self.inside = 0  # admitted: running or waiting for a slot
        self.refused = 0  # since start, for /healthz and the load test

    def expected_wait(self, ahead: int | None = None) -> float:
        ahead = self.inside if ahead is None else ahead
        running = min(ahead, self.workers)
        # Those running are half done on average; those queued need a whole answer each.
        queued = ahead - running
        return (running * 0.5 + queued) / self.workers * self._mean if ahead >= self.workers else 0.0

    def admit(self) -> None:
        """Take a place in line or raise OverloadedError; call ``leave`` (or use ``slot``) after."""
        with self._lock:
            wait = self.expected_wait()
            if wait > self.max_wait:
                self.refused += 1
                raise OverloadedError(math.ceil(wait), self.inside - min(self.inside, self.workers))
            self.inside += 1

    def leave(self) -> None:
        with self._lock:
            self.inside -= 1

    @contextmanager
    def run(self):
        """Wait for a worker slot (the place in line was taken by ``admit``), then run."""
        try:
            # Bounded: a slot that never frees (a stuck answer) must not hold a request forever.
            if not self._slots.acquire(timeout=max(self.max_wait * 3, 30)):
                with self._lock:
                    self.refused += 1
                raise OverloadedError(math.ceil(self.expected_wait()), self.inside)
            t0 = time.perf_counter()
            try:
                yield
            finally:
                self._slots.release()
                with self._lock:
                    self._mean = 0.8 * self._mean + 0.2 * (time.perf_counter() - t0)
        finally:
            self.leave()

    @contextmanager
    def slot(self):
        """``admit`` and ``run`` in one, for callers already on a worker thread (the UI)."""
        self.admit()
        with self.run():
            yield

    def status(self) -> dict:
        return {"workers": self.workers, "inside": self.inside, "refused": self.refused,
                "mean_answer_s": round(self._mean, 3), "expected_wait_s": round(self.expected_wait(), 2),
                "max_wait_s": self.max_wait}
