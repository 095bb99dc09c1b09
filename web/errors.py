"""One JSON error shape for every HTTP failure, and no traceback ever sent to a client.

    {"error": {"status": 422, "type": "QuestionError", "message": "câu hỏi trống — …"}}

Under /v1 (the OpenAI-compatible API) the shape is OpenAI's, so its client libraries and
the tools built on them read it as they read OpenAI's own (``status`` is kept as well):

    {"error": {"message": "the model 'gpt-4o' does not exist; …", "type": "invalid_request_error",
               "param": "model", "code": "model_not_found", "status": 404}}

A 503 (queue full) carries ``Retry-After`` in both.
"""
from __future__ import annotations

import logging
import re

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ground.errors import AssistantError

from .render import file_names_only

log = logging.getLogger("web")

INTERNAL_MESSAGE = ("lỗi nội bộ máy chủ; chi tiết đã được ghi vào nhật ký "
                    "(internal server error; the details are in the server log)")
# OpenAI's codes for failures that are not an option's fault.
HTTP_CODES = {401: "invalid_api_key", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
              413: "request_too_large", 500: "internal_error", 503: "overloaded"}


def error_response(status: int, kind: str, message: str, details=None, headers=None) -> JSONResponse:
    body = {"error": {"status": status, "type": kind, "message": message}}
    if details:
        body["error"]["details"] = details
    return JSONResponse(body, status_code=status, headers=headers)


def openai_response(status: int, message: str, param: str | None, code: str, kind: str | None = None,
                    headers=None) -> JSONResponse:
    kind = kind or ("server_error" if status >= 500 else "invalid_request_error")
    body = {"error": {"message": message, "type": kind, "param": param, "code": code, "status": status}}
    return JSONResponse(body, status_code=status, headers=headers)


def is_openai(request: Request) -> bool:
    path, root = request.url.path, request.scope.get("root_path", "")
    if root and path.startswith(root):
        path = path[len(root):]
    return path == "/v1" or path.startswith("/v1/")


def snake(name: str) -> str:
    """QuestionError → question_error."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower().strip("_")


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
        retry = getattr(err, "retry_after", None)
        headers = {"Retry-After": str(retry)} if retry else None
        message = file_names_only(str(err))  # an index or upload folder is nobody's business outside
        if is_openai(request):
            code = getattr(err, "code", None) or ("overloaded" if retry else snake(type(err).__name__))
            return openai_response(status, message, getattr(err, "param", None), code,
                                   getattr(err, "kind", None), headers)
        return error_response(status, type(err).__name__, message, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, err: RequestValidationError):
        message, details = validation_message(list(err.errors()))
        if is_openai(request):
            first = details[0] if details else {}
            return openai_response(422, message, first.get("field"), first.get("type") or "invalid_value")
        return error_response(422, "validation_error", message, details)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, err: StarletteHTTPException):
        message = err.detail if isinstance(err.detail, str) else "request failed"
        headers = getattr(err, "headers", None)
        if is_openai(request):
            return openai_response(err.status_code, message, None, HTTP_CODES.get(err.status_code, "http_error"),
                                   headers=headers)
        return error_response(err.status_code, "http_error", message, headers=headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, err: Exception):
        # A bug: the client learns only that it happened; the log gets the traceback.
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        if is_openai(request):
            return openai_response(500, INTERNAL_MESSAGE, None, "internal_error")
        return error_response(500, "internal_error", INTERNAL_MESSAGE)
