"""The one object the HTTP API and the Gradio UI share: the assistant plus what a web
server adds around it (document metadata cache, feedback store, credential checks).
"""
from __future__ import annotations

import hmac
import logging
import threading
from collections import OrderedDict
from pathlib import Path

from starlette.concurrency import run_in_threadpool

from assistant.question.read import MAX_QUESTION_CHARS, clean_question

from .feedback import FeedbackStore
from .overload import Gate
from .render import strip_tags  # the question's markup, removed as a browser reads it
from .settings import WebSettings

log = logging.getLogger("web")

DOC_CACHE_SIZE = 16  # full texts are ~50 KB each; a handful covers every source panel on screen
# What a listing may say about a document: never its server path (the upload or corpus folder).
PUBLIC_FIELDS = ("doc_id", "name", "kind", "number", "date", "province", "chunks", "rows", "added", "sha256")


def size(question) -> int:
    """What a question will cost, for the gate: its characters, at most the longest question
    answered (a longer one is refused by ``clean_question`` before it costs anything)."""
    return min(len(question), MAX_QUESTION_CHARS) if isinstance(question, str) else 0


def same_secret(given: str | None, expected: str | None) -> bool:
    """Constant-time comparison, so response timing does not leak how much of a key matched."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


class Service:
    def __init__(self, bot, web: WebSettings, home: Path):
        self.bot = bot
        self.web = web
        self.home = Path(home)
        self.feedback = FeedbackStore(self.home / "web" / "feedback.sqlite3")
        self._docs: OrderedDict[str, object] = OrderedDict()
        self._docs_lock = threading.Lock()
        self.gate = Gate(web.workers, web.max_wait)

    # ---- asking ------------------------------------------------------------
    def ask(self, question, history=None, provinces=None, doc_ids=None):
        """Answer on the calling (worker) thread, through the bounded queue; OverloadedError when full."""
        clean_question(strip_tags(question))  # a refused question (too long, empty) takes no place in line
        with self.gate.slot(size(question)):
            return self._ask(question, history, provinces, doc_ids)

    async def ask_async(self, question, history=None, provinces=None, doc_ids=None):
        """The HTTP API's way in: the place in line is taken (or refused) on the event loop, before
        a thread is spent, so a refusal costs nothing and a 503 goes out at once."""
        clean_question(strip_tags(question))  # refused before the line: a 4xx, never a 503
        ticket = self.gate.admit(size(question))
        started = False

        def work():
            nonlocal started
            started = True
            with self.gate.run(ticket):
                return self._ask(question, history, provinces, doc_ids)

        try:
            return await run_in_threadpool(work)
        finally:
            if not started:  # cancelled (client gone) before a thread took it: give the place back
                self.gate.leave(ticket)

    def _ask(self, question, history, provinces, doc_ids):
        # Tags are stripped here, at the edge: a pasted "<img …>" is not part of what is asked.
        history = [tuple(strip_tags(x) for x in h) if isinstance(h, (list, tuple)) else strip_tags(h)
                   for h in history or []]
        return self.bot.ask(strip_tags(question), history=history or None, provinces=provinces or None,
                            doc_ids=doc_ids or None)

    def provinces(self) -> list[str]:
        return list(self.bot.provinces())

    # ---- documents ---------------------------------------------------------
    def documents(self) -> list[dict]:
        return [{k: d[k] for k in PUBLIC_FIELDS if k in d} for d in self.bot.info().get("documents", [])]

    def catalogue_stamp(self) -> tuple:
        """Changes whenever a document is added, replaced or removed (by anyone, any process)."""
        return tuple(sorted((d["doc_id"], d.get("sha256") or "") for d in self.bot.info().get("documents", [])))

    def document(self, doc_id: str | None):
        """The parsed document, cached; None when it is gone (removed since it was cited)."""
        if not doc_id:
            return None
        with self._docs_lock:
            if doc_id in self._docs:
                self._docs.move_to_end(doc_id)
                return self._docs[doc_id]
        try:
            doc = self.bot.document(doc_id)
        except Exception:  # a stale citation must not break the whole sources panel
            log.warning("document %s could not be loaded", doc_id, exc_info=True)
            return None
        with self._docs_lock:
            self._docs[doc_id] = doc
            while len(self._docs) > DOC_CACHE_SIZE:
                self._docs.popitem(last=False)
        return doc

    def meta(self, doc_id: str | None) -> dict:
        doc = self.document(doc_id)
        if doc is None:
            return {}
        m = doc.meta
        return {"kind": m.kind, "number": m.number, "date": m.date, "province": m.province, "name": doc.name}

    def text(self, doc_id: str | None) -> str | None:
        doc = self.document(doc_id)
        return getattr(doc, "text", None) if doc is not None else None

    def ingest(self, paths: list[str]) -> dict:
        try:
            return self.bot.ingest([str(p) for p in paths])
        finally:
            self._forget()

    def remove(self, doc_id: str) -> bool:
        try:
            return bool(self.bot.remove(doc_id))
        finally:
            self._forget()

    def _forget(self) -> None:
        with self._docs_lock:
            self._docs.clear()

    # ---- credentials -------------------------------------------------------
    def is_admin(self, token: str | None) -> bool:
        return same_secret((token or "").strip(), self.web.admin_token)

    def api_key_ok(self, key: str | None) -> bool:
        return self.web.api_key is None or same_secret(key, self.web.api_key)
