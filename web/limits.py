"""Limits that hold for every caller, route and transfer encoding: request bodies counted as
they stream, a per-caller rate for writes anyone may make (feedback), and wrong admin-token
guesses slowed per caller.

A body limit read from ``Content-Length`` alone is no limit: a client that sends
``Transfer-Encoding: chunked`` has no length, and the app would read whatever came. So the
``BodyLimit`` middleware wraps ``receive`` and counts the bytes as they arrive, and answers
413 the moment the count passes the route's limit, before the rest is read or parsed.

Callers are told apart by their address (``X-Forwarded-For`` only when the settings say the
reverse proxy is trusted: otherwise anyone could claim any address).
"""
from __future__ import annotations

import json
import logging
import math
import threading
import time
from collections import OrderedDict, deque

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ground.errors import AssistantError

log = logging.getLogger("web")

CLOCK = time.monotonic  # looked up at each call, so a test can freeze it instead of sleeping
MAX_CALLERS = 10_000  # per limiter: the oldest callers are forgotten first, so memory stays bounded
# Wrong admin tokens: this many are free (typos), then each further one doubles the wait before
# the next try from that address, up to GUESS_MAX_DELAY, so one address can neither guess fast
# nor lock the admin out for long; a quiet GUESS_FORGET seconds wipes the slate.
GUESS_FREE = 5
GUESS_MAX_DELAY = 60.0
GUESS_FORGET = 15 * 60.0


def app_path(scope: Scope) -> str:
    """The path below the root path (uvicorn includes the root path in ``path``)."""
    path, root = scope.get("path", ""), scope.get("root_path", "")
    return path[len(root):] if root and path.startswith(root) else path


def upload_path(path: str) -> bool:
    """Gradio's upload routes: the one place a body may be a file, with its own, larger limit."""
    return path.endswith(("/gradio_api/upload", "/gradio_api/process_recording"))


def too_large_body(limit: int) -> dict:
    return {"error": {"status": 413, "type": "request_too_large", "param": None, "code": "request_too_large",
                      "message": f"yêu cầu quá lớn, tối đa {limit:,} byte (the request body is over {limit:,} bytes)"}}


async def send_json(send: Send, status: int, body: dict, headers: dict | None = None) -> None:
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]
    raw += [(k.lower().encode(), str(v).encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": data})


class TooManyRequestsError(AssistantError):
    """A per-caller rate was passed: HTTP 429 with Retry-After."""
    http_status = 429

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


class BodyTooLarge(Exception):
    """Raised from ``receive`` once the count passes the limit (the 413 is already sent)."""


class BodyLimit:
    """Counts request body bytes as they stream and refuses with 413 JSON past the limit:
    ``limit`` for every route, ``upload_limit`` for Gradio's upload routes only."""

    def __init__(self, app: ASGIApp, limit: int, upload_limit: int):
        self.app, self.limit, self.upload_limit = app, limit, upload_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.upload_limit if upload_path(app_path(scope)) else self.limit
        declared = Headers(scope=scope).get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            await send_json(send, 413, too_large_body(limit), {"connection": "close"})
            return
        seen, started, refused = 0, False, False

        async def counted() -> Message:
            nonlocal seen, refused
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit and not refused:
                    refused = True
                    if not started:
                        await send_json(send, 413, too_large_body(limit), {"connection": "close"})
                    raise BodyTooLarge
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            if refused:  # the app's own answer to the aborted read (400, 500, …) goes nowhere
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except Exception:
            if not refused:
                raise
            # The app may wrap the abort in its own error; the caller has its 413 already.
            log.info("request body over %s bytes refused: %s %s", f"{limit:,}", scope.get("method"),
                     scope.get("path"))


def client_address(scope: Scope, trust_proxy: bool) -> str:
    """The caller's address: the socket's peer, or the proxy's ``X-Forwarded-For`` (its last
    hop, the one the trusted proxy itself added) when the proxy is trusted."""
    if trust_proxy:
        forwarded = Headers(scope=scope).get("x-forwarded-for", "")
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if hops:
            return hops[-1]
    client = scope.get("client")
    return client[0] if client else "unknown"


class RateLimit:
    """At most ``count`` events per ``window`` seconds per caller (sliding window)."""

    def __init__(self, count: int, window: float = 60.0):
        self.count, self.window = count, window
        self._seen: OrderedDict[str, deque] = OrderedDict()
        self._lock = threading.Lock()

    def retry_after(self, caller: str, now: float | None = None) -> int | None:
        """Records one event for ``caller``; None when allowed, else whole seconds to wait."""
        now = CLOCK() if now is None else now
        with self._lock:
            times = self._seen.pop(caller, None) or deque()
            while times and now - times[0] >= self.window:
                times.popleft()
            self._seen[caller] = times
            while len(self._seen) > MAX_CALLERS:
                self._seen.popitem(last=False)
            if len(times) >= self.count:
                return max(1, math.ceil(self.window - (now - times[0])))
            times.append(now)
            return None


class GuessThrottle:
    """Wrong admin-token guesses per caller: ``GUESS_FREE`` free, then a doubling wait (capped)
    during which that caller's admin attempts are refused unchecked; a right token clears it."""

    def __init__(self):
        self._state: OrderedDict[str, tuple[int, float, float]] = OrderedDict()  # fails, last, until
        self._lock = threading.Lock()

    def wait(self, caller: str, now: float | None = None) -> int | None:
        """Seconds this caller must still wait before its next try, or None."""
        now = CLOCK() if now is None else now
        with self._lock:
            fails, last, until = self._state.get(caller, (0, 0.0, 0.0))
            if fails and now - last >= GUESS_FORGET:
                self._state.pop(caller, None)
                return None
            return max(1, math.ceil(until - now)) if until > now else None

    def record(self, caller: str, ok: bool, now: float | None = None) -> None:
        now = CLOCK() if now is None else now
        with self._lock:
            if ok:
                self._state.pop(caller, None)
                return
            fails, last, _ = self._state.pop(caller, (0, 0.0, 0.0))
            if fails and now - last >= GUESS_FORGET:
                fails = 0
            fails += 1
            delay = 0.0 if fails <= GUESS_FREE else min(GUESS_MAX_DELAY, 2.0 ** (fails - GUESS_FREE))
            self._state[caller] = (fails, now, now + delay)
            while len(self._state) > MAX_CALLERS:
                self._state.popitem(last=False)
