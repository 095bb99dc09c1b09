"""ASGI guards in front of everything, Gradio's own routes included (they are not ours to
decorate): HEAD answered wherever GET is, request bodies capped on the API, and Gradio's file
routes (upload, file=) closed to anyone without the admin token.

Gradio's frontend uploads a file the moment it is picked, to ``POST …/gradio_api/upload``,
and fetches files back from ``…/gradio_api/file=<server path>``; neither route (nor the other
file routes in ``FILE_ROUTES``) has a way to ask for a credential. In this UI only an administrator uploads (documents, evaluation sets)
and only an administrator downloads (feedback export, evaluation report), so both routes
need the admin token: as ``X-Admin-Token`` / ``Authorization: Bearer``, or as the
``assistant_admin`` cookie that the admin-token boxes set in the browser as it is typed
(SameSite=Strict, so another site cannot send it; the script is web/layout.COOKIE_JS).
The chat-only UI (/chat) uploads nothing and downloads nothing, so there both routes are
closed outright.
"""
from __future__ import annotations

import json
from http.cookies import SimpleCookie

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

ADMIN_COOKIE = "assistant_admin"
MAX_API_BODY = 1_000_000  # bytes; a question with 50 history items fits many times over
# Gradio's routes that move files in or out, wherever the mount puts them: uploads (including
# the recorder's multipart route), file downloads by path (two spellings), the URL proxy and
# media streams. This UI needs none of them except for an administrator's uploads/downloads.
FILE_ROUTES = ("/gradio_api/upload", "/gradio_api/upload_progress", "/gradio_api/process_recording",
               "/gradio_api/file=", "/gradio_api/file/", "/gradio_api/proxy=", "/gradio_api/stream/", "/file=")


def app_path(scope: Scope) -> str:
    """The path below the root path (uvicorn includes the root path in ``path``)."""
    path, root = scope.get("path", ""), scope.get("root_path", "")
    return path[len(root):] if root and path.startswith(root) else path


async def reply(send: Send, status: int, body: dict, headers: dict | None = None) -> None:
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": data})


class Guards:
    def __init__(self, app: ASGIApp, is_admin, chat_prefix: str = "/chat"):
        self.app, self.is_admin, self.chat_prefix = app, is_admin, chat_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path, headers = app_path(scope), Headers(scope=scope)
        if any(r in path for r in FILE_ROUTES):
            refusal = self.file_refusal(path, headers)
            if refusal:
                await reply(send, 403, {"error": {"status": 403, "type": "forbidden", "message": refusal}})
                return
        if path.startswith(("/api/", "/v1/")) and int(headers.get("content-length") or 0) > MAX_API_BODY:
            await reply(send, 413, {"error": {"status": 413, "type": "request_too_large", "param": None,
                                              "code": "request_too_large",
                                              "message": f"yêu cầu quá lớn, tối đa {MAX_API_BODY:,} byte "
                                                         f"(the request body is over {MAX_API_BODY:,} bytes)"}})
            return
        if scope["method"] == "HEAD":
            await self.app({**scope, "method": "GET"}, receive, without_body(send))
            return
        await self.app(scope, receive, send)

    def file_refusal(self, path: str, headers: Headers) -> str | None:
        if path.startswith(self.chat_prefix + "/"):
            return "khung chat không nhận hay trả tệp (the chat widget neither takes nor serves files)"
        token = headers.get("x-admin-token")
        scheme, _, value = headers.get("authorization", "").partition(" ")
        if not token and scheme.lower() == "bearer":
            token = value.strip()
        if not token:
            cookie = SimpleCookie()
            try:
                cookie.load(headers.get("cookie", ""))
            except Exception:  # a malformed cookie header is simply no token
                cookie = SimpleCookie()
            morsel = cookie.get(ADMIN_COOKIE)
            token = _unquote(morsel.value) if morsel else ""
        if not token:
            return ("thiếu mã quản trị: nhập mã ở thẻ Văn bản/Đánh giá trước khi chọn tệp "
                    "(admin token missing: type it in the Documents/Evaluation tab before picking a file)")
        if not self.is_admin(token):
            return "mã quản trị không đúng (wrong admin token)"
        return None


def _unquote(value: str) -> str:
    from urllib.parse import unquote

    return unquote(value)


def without_body(send: Send) -> Send:
    """HEAD: the GET's status and headers (Content-Length included), none of its body."""
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.body":
            if not message.get("more_body"):
                await send({"type": "http.response.body", "body": b""})
            return
        await send(message)
    return wrapped
