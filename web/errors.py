"""One JSON error shape for every HTTP failure, and no traceback ever sent to a client.

    {"error": {"status": 422, "type": "QuestionError", "message": "câu hỏi trống — …"}}

``error.message`` is also where OpenAI client libraries look, so /v1 callers see it too.
"""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.errors import AssistantError

log = logging.getLogger("web")

INTERNAL_MESSAGE = ("lỗi nội bộ máy chủ; chi tiết đã được ghi vào nhật ký "
                    "(internal server error; the details are in the server log)")


def error_response(status: int, kind: str, message: str, details=None, headers=None) -> JSONResponse:
    body = {"error": {"status": status, "type": kind, "message": message}}
    if details:
        body["error"]["details"] = details
    return JSONResponse(body, status_code=status, headers=headers)


def validation_message(errors: list[dict]) -> tuple[str, list[dict]]:
    """"question: Field required; stream: Input should be a valid boolean" and the list behind it."""
    parts, details = [], []
    for e in errors:
        loc = [str(x) for x in e.get("loc", ()) if x != "body"]
        where = ".".join(loc) or "body"
        msg = e.get("msg", "invalid value")
        if e.get("type") == "json_invalid":
            where, msg = "body", "is not valid JSON (" + str(e.get("ctx", {}).get("error", msg)) + ")"
        parts.append(f"{where}: {msg}")
        # The offending input is left out on purpose: it can be huge, and echoing it back helps no one.
        details.append({"field": where, "message": msg, "type": e.get("type")})
    return "yêu cầu không hợp lệ (invalid request): " + "; ".join(parts), details


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AssistantError)
    async def _assistant_error(request: Request, err: AssistantError):
        status = int(getattr(err, "http_status", 400) or 400)
        return error_response(status, type(err).__name__, str(err))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, err: RequestValidationError):
        message, details = validation_message(list(err.errors()))
        return error_response(422, "validation_error", message, details)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, err: StarletteHTTPException):
        message = err.detail if isinstance(err.detail, str) else "request failed"
        return error_response(err.status_code, "http_error", message, headers=getattr(err, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, err: Exception):
        # A bug: the client learns only that it happened; the log gets the traceback.
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(500, "internal_error", INTERNAL_MESSAGE)
