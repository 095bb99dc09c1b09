"""JSON API: /healthz, /api/ask, /api/documents, /api/feedback, /api/feedback.csv.

The ask endpoint takes its place in the bounded queue (web/overload.py) on the event loop
and computes the answer on a worker thread, so a 1-second CPU-bound answer never blocks the
loop that serves the UI, and a refusal (503 + Retry-After) costs no thread at all.
"""
from __future__ import annotations

import logging
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from .errors import error_response
from .feedback import MAX_CITATION_CHARS, MAX_CITATIONS
from .guards import ADMIN_COOKIE
from .limits import TooManyRequestsError
from .service import Service

log = logging.getLogger("web")

MAX_HISTORY = 50
MAX_FILTERS = 200
# A history item is an earlier question (at most 2000 characters, as a question) or a
# [question, answer] pair; an answer with its sources is a few KB. Both capped, so a body of
# 50 huge items is refused by its size rather than parsed and carried around.
MAX_ITEM_CHARS = 20_000
Item = Annotated[str, Field(max_length=MAX_ITEM_CHARS)]


def get_service(request: Request) -> Service:
    return request.app.state.service


def bearer(request: Request, header: str) -> str | None:
    """The credential from ``Authorization: Bearer …`` or the named header."""
    auth = request.headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.headers.get(header)


def require_api_key(request: Request, service: Annotated[Service, Depends(get_service)]) -> None:
    if service.web.api_key is None:
        return
    key = bearer(request, "x-api-key")
    if not service.api_key_ok(key):
        message = ("thiếu khoá API; gửi 'Authorization: Bearer <key>' hoặc 'X-API-Key: <key>' "
                   "(missing API key)") if key is None else "khoá API không đúng (wrong API key)"
        raise HTTPException(401, message, headers={"WWW-Authenticate": "Bearer"})


def require_admin(request: Request, service: Annotated[Service, Depends(get_service)]) -> None:
    token = bearer(request, "x-admin-token")
    if not token:
        raise HTTPException(403, "thiếu mã quản trị: gửi 'Authorization: Bearer <admin token>' hoặc "
                                 "'X-Admin-Token' (admin token missing)")
    # Counted per caller like every other admin check: guesses slow down (web/limits.py).
    refused = request.app.state.limits.check_admin(request.scope, service.is_admin, token)
    if refused:
        status, message, headers = refused
        raise HTTPException(status, message, headers=headers or None)


class AskRequest(BaseModel):
    # Unknown fields are refused so that a typo ("provinve") is reported, not silently ignored.
    model_config = ConfigDict(extra="forbid")

    question: str = Field(description="the question, Vietnamese or English")
    history: list[Item | Annotated[list[Item], Field(max_length=2)]] | None = Field(
        None, max_length=MAX_HISTORY, description="earlier user questions (or [user, bot] pairs), oldest first")
    provinces: list[str] | None = Field(None, max_length=MAX_FILTERS, description="only these provinces")
    doc_ids: list[str] | None = Field(None, max_length=MAX_FILTERS, description="only these documents")


class FeedbackRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(max_length=4000)
    answer: str = Field(max_length=20000)
    rating: Literal["up", "down"]
    comment: str = Field("", max_length=4000)
    citations: list[Annotated[str, Field(max_length=MAX_CITATION_CHARS)]] = Field(
        default_factory=list, max_length=MAX_CITATIONS)


router = APIRouter()
Svc = Annotated[Service, Depends(get_service)]


@router.get("/healthz", tags=["health"], response_model=None)
def healthz(service: Svc):
    """Up and able to read its index; a monitor gets 503 (not a 500) when the index is unreadable."""
    try:
        info = service.bot.info()
        totals = info.get("totals", {})
    except Exception:
        log.exception("health check could not read the index")
        return error_response(503, "unavailable", "chỉ mục không đọc được (the index cannot be read)")
    # vectors: what the embedding pass still owes ({"stored", "pending", "error", …}); a pass that
    # is failing (retrying with back-off) makes the app "degraded": it answers, with fewer vectors
    vectors = info.get("vectors") or {}
    status = "degraded" if vectors.get("error") else "ok"
    return {"status": status, **totals, "vectors": vectors, "queue": service.gate.status()}


@router.post("/api/ask", tags=["ask"], dependencies=[Depends(require_api_key)],
             responses={503: {"description": "busy: retry after the number of seconds in Retry-After"}})
async def ask(body: AskRequest, service: Svc) -> dict:
    """Answer one question; the reply is exactly the CLI's ``--json`` shape. When the line of
    waiting questions is too long the reply is 503 with ``Retry-After`` (seconds)."""
    history = [tuple(h) if isinstance(h, list) else h for h in body.history or []]
    return (await service.ask_async(body.question, history, body.provinces, body.doc_ids)).to_json()


@router.get("/api/documents", tags=["documents"], dependencies=[Depends(require_api_key)])
def documents(service: Svc) -> dict:
    return {"documents": service.documents(), "provinces": service.provinces()}


@router.post("/api/feedback", tags=["feedback"], status_code=201, dependencies=[Depends(require_api_key)])
def feedback(body: FeedbackRequest, service: Svc, request: Request) -> dict:
    limits = request.app.state.limits
    wait = limits.feedback.retry_after(limits.caller(request.scope))
    if wait:
        per = service.web.feedback_per_minute
        raise TooManyRequestsError(f"quá nhiều góp ý từ địa chỉ này (tối đa {per}/phút); thử lại sau {wait} giây "
                                   f"(too much feedback from this address: at most {per} a minute; "
                                   f"try again in {wait} s)", wait)
    fid = service.feedback.add(1 if body.rating == "up" else -1, body.question, body.answer,
                               body.citations, body.comment, source="api")
    return {"id": fid}


@router.get("/api/feedback.csv", tags=["feedback"], dependencies=[Depends(require_admin)])
def feedback_csv(service: Svc) -> Response:
    # Streamed row by row from the database: the export is never built whole in memory.
    lines = (line.encode("utf-8") for line in service.feedback.csv_lines())
    return StreamingResponse(lines, media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="feedback.csv"'})


class AdminCookieRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    token: str = Field("", max_length=1000)


@router.post("/api/admin-cookie", tags=["admin"], status_code=204, include_in_schema=False)
def admin_cookie(body: AdminCookieRequest, request: Request) -> Response:
    """What the admin-token boxes call as the token is typed (web/layout.COOKIE_JS): an HttpOnly,
    SameSite=Strict cookie holding an HMAC of the text, never the text. Nothing is checked here,
    so this says nothing about the token; the guard checks (and counts) it when it is used."""
    limits = request.app.state.limits
    response = Response(status_code=204)
    path = request.scope.get("root_path") or "/"
    if body.token.strip():
        response.set_cookie(ADMIN_COOKIE, limits.cookie_value(body.token), path=path, httponly=True,
                            samesite="strict", secure=limits.secure(request.scope))
    else:
        response.delete_cookie(ADMIN_COOKIE, path=path, httponly=True, samesite="strict",
                               secure=limits.secure(request.scope))
    return response


# Registered last, before the UI mount at "/": without it an unknown /api or /v1 path (or a
# known one with the wrong method) would fall through to Gradio and get its 404 in another shape.
fallback = APIRouter(include_in_schema=False)
ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"]


@fallback.api_route("/api/{rest:path}", methods=ALL_METHODS)
@fallback.api_route("/v1/{rest:path}", methods=ALL_METHODS)
def no_such_endpoint(request: Request, rest: str) -> None:
    from starlette.routing import Match

    allowed = set()
    # The app lists included routers as opaque entries, so server.py hands over the routes to check.
    for route in getattr(request.app.state, "api_routes", []):
        match, _ = route.matches({**request.scope, "method": "OPTIONS"})
        if match != Match.NONE:
            allowed |= route.methods
    where = f"{request.method} {request.url.path}"
    if allowed:
        raise HTTPException(405, f"phương thức không được hỗ trợ (method not allowed): {where}; "
                                 f"dùng / use {', '.join(sorted(allowed))}", headers={"Allow": ", ".join(sorted(allowed))})
    raise HTTPException(404, f"không có đường dẫn API này (no such API endpoint): {where}")
