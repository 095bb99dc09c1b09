"""Admission control: a bounded line in front of the assistant, so overload is answered
honestly (503 + Retry-After, or a friendly line in the UI) instead of by ever longer waits.

Answering is CPU-bound Python: more than ``workers`` answers at once only share the same
cores and make every one of them slower. So at most ``workers`` run; the others wait in
line, and a question is admitted only if the work ahead of it fits ``max_wait`` seconds:

    expected wait = (what the running questions still need + what the waiting ones need) / workers

Each question is priced by its length, at a measured rate: a question's cost grows with its
characters (measured on 2 cores, alone: 50 chars 0.1 s, 1,000 chars 1.1 s, 2,000 chars 2.5 s),
so the gate keeps ``rate`` = seconds per work unit, a unit being one short question
(``1 + chars / CHARS_PER_UNIT``). The rate is measured as answers finish, and rises *at once*
when an answer costs more than it predicted (a heavy question is never averaged away by the
light ones before it) and falls slowly after; it never goes below ``floor`` (a run of cached
answers must not make the gate admit a crowd). A question still running past its price is
charged for the time it has already taken. An admitted question that still finds no worker
within what is left of ``max_wait`` is answered 503 then, not left waiting longer (``late``).

    >>> gate = Gate(workers=1, max_wait=2.0, first_guess=1.0)
    >>> with gate.slot(40):          # nobody ahead: admitted, runs at once
    ...     pass
    >>> t = gate.admit(400)          # a 400-character question waits for a worker...
    >>> gate.expected_wait() > 2.0   # ...so the next one would wait ~5 s at 1 s a unit
    True
    >>> gate.leave(t)

A refusal is an ``OverloadedError`` carrying ``retry_after`` (whole seconds), which the
HTTP layer turns into ``503`` + ``Retry-After`` and the UI into a message.
"""
from __future__ import annotations

import math
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from ground.errors import AssistantError

CHARS_PER_UNIT = 100  # a question of 100 characters costs about two of 10 (measured above)
FLOOR = 0.05  # seconds per unit at the least: a short question's measured cost when warm
DECAY = 0.1  # weight of a new, cheaper-than-predicted answer in the rate


class OverloadedError(AssistantError):
    http_status = 503

    def __init__(self, retry_after: int, waiting: int):
        self.retry_after = max(1, int(retry_after))
        self.waiting = waiting
        super().__init__(f"máy chủ đang bận ({waiting} câu hỏi đang chờ); hãy thử lại sau khoảng "
                         f"{self.retry_after} giây (the server is busy with {waiting} questions waiting; "
                         f"retry in about {self.retry_after} s)")


def units(chars: int) -> float:
    return 1.0 + max(0, int(chars)) / CHARS_PER_UNIT


@dataclass(eq=False)
class Ticket:
    """One admitted question: its size, when it was admitted, when it started running."""
    units: float
    admitted: float = field(default_factory=time.monotonic)
    started: float | None = None


class Gate:
    """At most ``workers`` at once; refuse when the expected wait is over ``max_wait`` seconds."""

    def __init__(self, workers: int = 2, max_wait: float = 10.0, first_guess: float = 0.2,
                 floor: float = FLOOR):
        self.workers = max(1, int(workers))
        self.max_wait = float(max_wait)
        self.floor = float(floor)
        self.rate = max(self.floor, float(first_guess))  # seconds per unit of work, measured
        self._slots = threading.Semaphore(self.workers)
        self._lock = threading.Lock()
        self._inside: set[Ticket] = set()  # admitted: running or waiting for a slot
        self.refused = 0  # since start, for /healthz and the load test
        self.late = 0  # admitted, then refused because no worker came within max_wait
        self.longest_wait = 0.0  # the longest an admitted question waited for its worker (s)

    @property
    def inside(self) -> int:
        return len(self._inside)

    def _remaining(self, t: Ticket, now: float) -> float:
        price = t.units * self.rate
        if t.started is None:
            return price
        # running: what it should still need, and never nothing while it still runs
        return max(price - (now - t.started), 0.1 * price, self.floor)

    def expected_wait(self, chars: int = 0) -> float:
        """Seconds a question arriving now would wait for a worker (``chars`` does not change
        its own wait, only what it will cost those behind it)."""
        now = time.monotonic()
        if len(self._inside) < self.workers:
            return 0.0
        work = sorted(self._remaining(t, now) for t in self._inside)
        # the first worker to come free serves it: everything ahead, shared by the workers, but at
        # least the shortest running remainder
        return max(sum(work) / self.workers, work[0])

    def admit(self, chars: int = 0) -> Ticket:
        """Take a place in line or raise OverloadedError; ``leave`` (or ``run``) gives it back."""
        with self._lock:
            wait = self.expected_wait(chars)
            if wait > self.max_wait:
                self.refused += 1
                raise OverloadedError(math.ceil(wait), max(0, self.inside - self.workers))
            ticket = Ticket(units(chars))
            self._inside.add(ticket)
            return ticket

    def leave(self, ticket: Ticket) -> None:
        with self._lock:
            self._inside.discard(ticket)

    @contextmanager
    def run(self, ticket: Ticket):
        """Wait for a worker (the place in line was taken by ``admit``), at most what is left of
        ``max_wait``; then run, and learn the rate from how long it took."""
        try:
            left = self.max_wait - (time.monotonic() - ticket.admitted)
            if not self._slots.acquire(timeout=max(0.0, left)):
                with self._lock:
                    self.late += 1
                    self.refused += 1
                    wait = self.expected_wait()
                raise OverloadedError(math.ceil(max(wait, 1.0)), max(0, self.inside - self.workers))
            ticket.started = time.monotonic()
            waited = ticket.started - ticket.admitted
            if waited > self.max_wait:  # the worker came a hair after the limit: refused all the same
                self._slots.release()
                with self._lock:
                    self.late += 1
                    self.refused += 1
                raise OverloadedError(1, max(0, self.inside - self.workers))
            with self._lock:
                self.longest_wait = max(self.longest_wait, waited)
            try:
                yield
            finally:
                self._slots.release()
                self._learn(ticket, time.monotonic() - ticket.started)
        finally:
            self.leave(ticket)

    def _learn(self, ticket: Ticket, seconds: float) -> None:
        sample = seconds / ticket.units
        with self._lock:
            # up at once (a heavy answer is believed immediately), down slowly, never below the floor
            self.rate = max(self.floor, sample if sample > self.rate else (1 - DECAY) * self.rate + DECAY * sample)

    @contextmanager
    def slot(self, chars: int = 0):
        """``admit`` and ``run`` in one, for callers already on a worker thread (the UI)."""
        ticket = self.admit(chars)
        with self.run(ticket):
            yield

    def status(self) -> dict:
        with self._lock:
            wait = self.expected_wait()
        return {"workers": self.workers, "inside": self.inside, "refused": self.refused, "late": self.late,
                "seconds_per_unit": round(self.rate, 3), "chars_per_unit": CHARS_PER_UNIT,
                "expected_wait_s": round(wait, 2), "longest_wait_s": round(self.longest_wait, 2),
                "max_wait_s": self.max_wait}
