"""ASGI guards in front of everything, Gradio's own routes included (they are not ours to
decorate): HEAD answered wherever GET is, Gradio's file routes (upload, file=) closed to anyone
without the admin credential, and a door on Gradio's call routes. Request bodies are counted
before any of this, in web/limits.BodyLimit.

Gradio's frontend uploads a file the moment it is picked, to ``POST …/gradio_api/upload``,
and fetches files back from ``…/gradio_api/file=<server path>``; neither route (nor the other
file routes in ``FILE_ROUTES``) has a way to ask for a credential. In this UI only an
administrator uploads (documents, evaluation sets) and only an administrator downloads
(feedback export, evaluation report), so both routes need the admin token: as
``X-Admin-Token`` / ``Authorization: Bearer``, or as the ``assistant_admin`` cookie that the
admin-token boxes have the server set as the token is typed (web/layout.COOKIE_JS). The
chat-only UI (/chat) uploads nothing and downloads nothing, so there both routes are closed
outright.

Gradio's call routes get a door of their own (``gradio_door``): a client's named call reaches
only the public API (``ask``), a handler that takes an admin-token box needs the admin
credential at the door too (not only the token it checks inside), and a file entry in a call
is accepted only inside the upload route's own folder (symlinks resolved), so a raw queue call
cannot name a server file for ingestion. Wrong tokens are slowed per caller (web/limits.py).

The admin cookie never holds the token: ``POST /api/admin-cookie`` (web/api.py) sets an
HttpOnly cookie holding an HMAC of what was typed, under a random key kept in
HOME/web/cookie-key (mode 600), and the guard
compares it with the HMAC of the real token.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import unquote

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .limits import GuessThrottle, RateLimit, app_path, client_address, send_json

ADMIN_COOKIE = "assistant_admin"
# Gradio's routes that move files in or out, wherever the mount puts them: uploads (including
# the recorder's multipart route), file downloads by path (two spellings), the URL proxy and
# media streams. This UI needs none of them except for an administrator's uploads/downloads.
FILE_ROUTES = ("/gradio_api/upload", "/gradio_api/upload_progress", "/gradio_api/process_recording",
               "/gradio_api/file=", "/gradio_api/file/", "/gradio_api/proxy=", "/gradio_api/stream/", "/file=")
# Gradio's routes that run a handler: by name for clients (api, call, call/v2), by name or
# fn_index for the browser (run, queue/join). The prefix is the mount ("" or "/chat").
CALL_ROUTE = re.compile(r"^(?P<prefix>.*?)/gradio_api/(?:(?P<kind>api|run|call/v2|call)/(?P<name>[^/]+)|"
                        r"(?P<join>queue/join))/?$")
ADMIN_BOXES = {"admin-token", "eval-token"}  # elem_ids of the admin-token textboxes (ui_admin, ui_eval)
# What stores feedback in the UI: a chatbot's thumbs (its "like" event) and whatever takes the
# comment box; counted against the same per-caller rate as POST /api/feedback.
FEEDBACK_EVENT, FEEDBACK_BOXES = "like", {"comment"}


class Limits:
    """Per-process state of the limits: who guessed tokens, who posted feedback, the cookie key."""

    def __init__(self, web, key_file: Path | None = None):
        self.trust_proxy = web.trust_proxy
        self.guesses = GuessThrottle()
        self.feedback = RateLimit(web.feedback_per_minute)
        self.admin_token = web.admin_token
        self._cookie_key = cookie_key(key_file)

    def caller(self, scope: Scope) -> str:
        return client_address(scope, self.trust_proxy)

    def cookie_value(self, typed: str) -> str:
        return hmac.new(self._cookie_key, typed.strip().encode("utf-8"), hashlib.sha256).hexdigest()

    def cookie_ok(self, value: str) -> bool:
        return hmac.compare_digest(value.encode(), self.cookie_value(self.admin_token).encode())

    def secure(self, scope: Scope) -> bool:
        """Served over https: the request's own scheme, or the trusted proxy's X-Forwarded-Proto."""
        if scope.get("scheme") == "https":
            return True
        proto = Headers(scope=scope).get("x-forwarded-proto", "").split(",")[0].strip().lower()
        return self.trust_proxy and proto == "https"

    def check_admin(self, scope: Scope, is_admin, token: str | None, cookie: str | None = None):
        """None when the credential is right, else (status, message, headers): missing (403),
        wrong (403, counted), or this caller guessed too often (429 + Retry-After, unchecked)."""
        if not (token or cookie):
            return 403, ("thiếu mã quản trị: nhập mã ở thẻ Văn bản/Đánh giá, hoặc gửi 'X-Admin-Token' "
                         "(admin token missing: type it in the Documents/Evaluation tab, or send X-Admin-Token)"), {}
        caller = self.caller(scope)
        wait = self.guesses.wait(caller)
        if wait:
            return 429, (f"quá nhiều lần nhập sai mã quản trị; thử lại sau {wait} giây "
                         f"(too many wrong admin tokens from this address: try again in {wait} s)"), \
                {"Retry-After": str(wait)}
        ok = is_admin(token) if token else self.cookie_ok(cookie)
        self.guesses.record(caller, ok)
        return None if ok else (403, "mã quản trị không đúng (wrong admin token)", {})


def cookie_key(path: Path | None) -> bytes:
    """The cookie's HMAC key: random, kept in ``path`` (mode 600) so that an open admin page
    still works after a restart; a stolen cookie is no token, and useless without this file."""
    if path is None:
        return secrets.token_bytes(32)
    path = Path(path)
    try:
        key = bytes.fromhex(path.read_text(encoding="ascii").strip())
        if len(key) == 32:
            return key
    except (OSError, ValueError):
        pass
    key = secrets.token_bytes(32)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(key.hex() + "\n")
    os.chmod(path, 0o600)
    return key


async def reply(send: Send, status: int, body: dict, headers: dict | None = None) -> None:
    await send_json(send, status, body, headers)


def refusal(status: int, kind: str, message: str) -> dict:
    return {"error": {"status": status, "type": kind, "message": message}}


def upload_folder() -> str:
    """Where Gradio's upload route (and its cache) puts files, symlinks resolved."""
    from gradio.utils import get_upload_folder

    return os.path.realpath(get_upload_folder())


def outside_uploads(path) -> bool:
    """True unless ``path``, symlinks resolved, lies inside the upload route's own folder."""
    folder = upload_folder()
    try:
        real = os.path.realpath(str(path))
        return os.path.commonpath([real, folder]) != folder or real == folder
    except (TypeError, ValueError):
        return True


def file_paths(value) -> list[str]:
    """Every file entry's ``path`` in a Gradio call's data (FileData dicts, nested anywhere)."""
    found = []
    if isinstance(value, dict):
        if isinstance(value.get("path"), str):
            found.append(value["path"])
        for v in value.values():
            found += file_paths(v)
    elif isinstance(value, list):
        for v in value:
            found += file_paths(v)
    return found


class Guards:
    def __init__(self, app: ASGIApp, is_admin, limits: Limits, blocks: dict, chat_prefix: str = "/chat"):
        # blocks: mount prefix → gr.Blocks, filled in by create_app as it mounts each UI
        self.app, self.is_admin, self.limits, self.blocks = app, is_admin, limits, blocks
        self.chat_prefix = chat_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path, headers = app_path(scope), Headers(scope=scope)
        if any(r in path for r in FILE_ROUTES):
            refused = self.file_refusal(scope, path, headers)
            if refused:
                status, message, extra = refused
                await reply(send, status, refusal(status, "forbidden" if status == 403 else "too_many_requests",
                                                  message), extra)
                return
        call = CALL_ROUTE.match(path) if scope["method"] == "POST" else None
        if call:
            await self.gradio_door(call, scope, receive, send, headers)
            return
        if scope["method"] == "HEAD":
            await self.app({**scope, "method": "GET"}, receive, without_body(send))
            return
        await self.app(scope, receive, send)

    def credential(self, headers: Headers) -> tuple[str, str]:
        """(token from a header, cookie value): the raw token, or the cookie's HMAC of it."""
        token = headers.get("x-admin-token")
        scheme, _, value = headers.get("authorization", "").partition(" ")
        if not token and scheme.lower() == "bearer":
            token = value.strip()
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get("cookie", ""))
        except Exception:  # a malformed cookie header is simply no cookie
            cookie = SimpleCookie()
        morsel = cookie.get(ADMIN_COOKIE)
        return (token or "").strip(), unquote(morsel.value) if morsel else ""

    def file_refusal(self, scope: Scope, path: str, headers: Headers):
        if path.startswith(self.chat_prefix + "/"):
            return 403, "khung chat không nhận hay trả tệp (the chat widget neither takes nor serves files)", {}
        return self.admin_refusal(scope, headers)

    def admin_refusal(self, scope: Scope, headers: Headers):
        token, cookie = self.credential(headers)
        return self.limits.check_admin(scope, self.is_admin, token or None, cookie or None)

    async def gradio_door(self, call: re.Match, scope: Scope, receive: Receive, send: Send,
                          headers: Headers) -> None:
        """Checks one Gradio call (its body read here, already bounded by BodyLimit, and handed
        on unchanged): which handler it reaches, with what credential, naming which files."""
        chunks, more = [], True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client left
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        raw = b"".join(chunks)
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            body = None  # not ours to report: Gradio answers a malformed body itself
        refused = self.call_refusal(call, body, scope, headers) if isinstance(body, dict) else None
        if refused:
            status, kind, message, extra = refused
            await reply(send, status, refusal(status, kind, message), extra)
            return
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()  # after the body: only a disconnect can come
            sent = True
            return {"type": "http.request", "body": raw, "more_body": False}

        await self.app(scope, replay, send)

    def call_refusal(self, call: re.Match, body: dict, scope: Scope, headers: Headers):
        blocks = self.blocks.get(call["prefix"] or "/")
        fns = getattr(blocks, "fns", {}) if blocks is not None else {}
        index, name = body.get("fn_index"), call["name"]
        fn = fns.get(index) if isinstance(index, int) else next(
            (f for f in fns.values() if name and f.api_name == name), None)
        browser_route = call["join"] or call["kind"] == "run"
        public = fn is not None and fn.api_visibility == "public"
        # A client's call by name (or any call on a client route) reaches the public API only;
        # the browser's own calls carry fn_index and reach the handlers its page wires up.
        if fn is not None and not public and not (browser_route and isinstance(index, int)):
            where = f"/{name}" if name else f"fn_index {index}"
            return (404, "not_found", f"không có API này (no such API endpoint: {where}); "
                                      f"the public API is /ask (see /api/docs for the JSON API)", {})
        if fn is not None and any(getattr(c, "elem_id", None) in ADMIN_BOXES for c in fn.inputs):
            refused = self.admin_refusal(scope, headers)
            if refused:
                status, message, extra = refused
                return status, "forbidden" if status == 403 else "too_many_requests", message, extra
        if fn is not None and (any(event == FEEDBACK_EVENT for _, event in fn.targets)
                               or any(getattr(c, "elem_id", None) in FEEDBACK_BOXES for c in fn.inputs)):
            wait = self.limits.feedback.retry_after(self.limits.caller(scope))
            if wait:
                return (429, "too_many_requests", f"quá nhiều góp ý từ địa chỉ này; thử lại sau {wait} giây "
                                                  f"(too much feedback from this address: try again in {wait} s)",
                        {"Retry-After": str(wait)})
        bad = [p for p in file_paths(body.get("data")) if outside_uploads(p)]
        if bad:
            return (403, "forbidden", "tệp không phải tệp vừa tải lên: chỉ nhận tệp trong thư mục tải lên của máy chủ; "
                                      "hãy chọn tệp bằng nút tải lên (a file entry names a path outside the upload "
                                      "folder: only files uploaded through the upload button are accepted)", {})
        return None


def without_body(send: Send) -> Send:
    """HEAD: the GET's status and headers (Content-Length included), none of its body."""
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.body":
            if not message.get("more_body"):
                await send({"type": "http.response.body", "body": b""})
            return
        await send(message)
    return wrapped
