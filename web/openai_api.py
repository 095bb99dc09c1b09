"""OpenAI-compatible chat endpoint, so existing chat clients and intranet widgets can point
their base URL here: POST /v1/chat/completions, GET /v1/models and GET /v1/models/{id}.

The last user message is the question and earlier user messages are the history; system
and assistant messages carry nothing the assistant uses. Citations come back twice: as a
structured ``citations`` field (for clients that know about it) and as a numbered source
list appended to the content (for clients that only show text).

What an extractive assistant cannot do is refused, not ignored: ``n`` > 1, ``tools`` /
``functions``, a ``response_format`` other than text, ``logprobs: true`` / ``top_logprobs``
(there are no token probabilities), ``audio`` or ``modalities`` beyond text → 400 naming the option; a ``model``
other than ours → 404 ``model_not_found``. ``max_tokens`` / ``max_completion_tokens`` cut
the content (``finish_reason: "length"``). Sampling options (temperature, top_p, …) change
nothing in an extractive answer and are accepted. Errors have OpenAI's shape
(``message, type, param, code``; see web/errors.py).

Token counts are a documented word count, not a model tokenizer's (there is no generative
model): one token per run of letters/digits and one per other non-space character, so
"221.009 m2 sàn." is 6 tokens (221 . 009 m2 sàn .).

    >>> count_tokens("221.009 m2 sàn.")
    6
"""
from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Iterator
from typing import Annotated, Literal

from fastapi import APIRouter, Depends
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt

from ground.errors import AssistantError, QuestionError

from .api import MAX_FILTERS, Svc, require_api_key
from .render import sources_text

MODEL = "vn-policy-assistant"
MAX_MESSAGES = 100
MAX_MESSAGE_CHARS = 20_000  # an earlier answer with its sources is a few KB; a question at most 2000
CHUNK_WORDS = 6  # words per streamed delta
TOKEN = re.compile(r"\w+|[^\w\s]")


class OpenAIError(AssistantError):
    """An error in OpenAI's terms: which parameter, which code (web/errors.py renders it)."""

    def __init__(self, status: int, message: str, param: str | None, code: str,
                 kind: str = "invalid_request_error"):
        super().__init__(message)
        self.http_status, self.param, self.code, self.kind = status, param, code, kind


def count_tokens(text: str) -> int:
    return len(TOKEN.findall(text or ""))


def cut_tokens(text: str, limit: int) -> str:
    """``text`` up to the end of its ``limit``-th token."""
    for i, m in enumerate(TOKEN.finditer(text)):
        if i + 1 == limit:
            return text[:m.end()]
    return text


class ContentPart(BaseModel):
    model_config = ConfigDict(extra="allow")
    type: str
    text: str | None = Field(None, max_length=MAX_MESSAGE_CHARS)


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")  # name, tool_calls, … are accepted and ignored
    role: Literal["system", "developer", "user", "assistant", "tool"]
    content: (Annotated[str, Field(max_length=MAX_MESSAGE_CHARS)] | Annotated[list[ContentPart], Field(max_length=50)]
              | None) = None

    def text(self) -> str:
        if isinstance(self.content, list):
            return " ".join(p.text or "" for p in self.content if p.type == "text")
        return self.content or ""


class StreamOptions(BaseModel):
    model_config = ConfigDict(extra="allow")
    include_usage: StrictBool = False


class ResponseFormat(BaseModel):
    model_config = ConfigDict(extra="allow")
    type: str


class ChatRequest(BaseModel):
    # Other sampling options (temperature, top_p, seed, …) are accepted so stock clients work.
    model_config = ConfigDict(extra="allow")
    model: str | None = None
    messages: list[ChatMessage] = Field(min_length=1, max_length=MAX_MESSAGES)
    stream: StrictBool = False  # "yes" or 1 is a mistake to report, not a truthy value
    stream_options: StreamOptions | None = None
    n: StrictInt | None = Field(None, ge=1)
    max_tokens: StrictInt | None = Field(None, ge=1)
    max_completion_tokens: StrictInt | None = Field(None, ge=1)
    tools: list[dict] | None = None
    functions: list[dict] | None = None
    response_format: ResponseFormat | None = None
    logprobs: StrictBool | None = None
    top_logprobs: StrictInt | None = None
    audio: dict | None = None
    modalities: list[str] | None = None
    provinces: list[str] | None = Field(None, max_length=MAX_FILTERS)
    doc_ids: list[str] | None = Field(None, max_length=MAX_FILTERS)

    def refuse_unsupported(self) -> None:
        if self.model not in (None, "", MODEL):
            raise OpenAIError(404, f"mô hình '{self.model}' không có; dùng '{MODEL}' "
                                   f"(the model '{self.model}' does not exist; use '{MODEL}')", "model",
                              "model_not_found")
        if self.n is not None and self.n > 1:
            raise OpenAIError(400, f"n={self.n} không được hỗ trợ: mỗi câu hỏi có một câu trả lời trích từ văn bản "
                                   f"(n={self.n} is not supported: each question has one extracted answer; use n=1)",
                              "n", "unsupported_parameter")
        for name in ("tools", "functions"):
            if getattr(self, name):
                raise OpenAIError(400, f"'{name}' không được hỗ trợ: trợ lý không gọi hàm ('{name}' is not "
                                       f"supported: the assistant does not call tools; leave it out)",
                                  name, "unsupported_parameter")
        if self.logprobs or self.top_logprobs is not None:
            name = "logprobs" if self.logprobs else "top_logprobs"
            raise OpenAIError(400, f"'{name}' không được hỗ trợ: câu trả lời được trích từ văn bản, không có xác suất "
                                   f"token ('{name}' is not supported: answers are extracted from the documents, so "
                                   f"there are no token log probabilities; leave it out)", name,
                              "unsupported_parameter")
        if self.audio is not None or any(m != "text" for m in self.modalities or []):
            name = "audio" if self.audio is not None else "modalities"
            raise OpenAIError(400, f"'{name}' không được hỗ trợ: chỉ trả lời bằng văn bản ('{name}' is not supported: "
                                   f"answers are text only; leave it out)", name, "unsupported_parameter")
        if self.response_format is not None and self.response_format.type != "text":
            raise OpenAIError(400, f"response_format '{self.response_format.type}' không được hỗ trợ; chỉ có "
                                   f"'text' (response_format '{self.response_format.type}' is not supported: "
                                   f"only 'text'; the structured reply is the 'citations' field)",
                              "response_format", "unsupported_parameter")


router = APIRouter(tags=["openai"], dependencies=[Depends(require_api_key)])
MODEL_CARD = {"id": MODEL, "object": "model", "created": 0, "owned_by": "local"}


@router.get("/v1/models")
def models() -> dict:
    return {"object": "list", "data": [MODEL_CARD]}


@router.get("/v1/models/{model_id:path}")
def model(model_id: str) -> dict:
    if model_id != MODEL:
        raise OpenAIError(404, f"mô hình '{model_id}' không có; dùng '{MODEL}' (the model '{model_id}' does not "
                               f"exist; use '{MODEL}')", "model", "model_not_found")
    return MODEL_CARD


@router.post("/v1/chat/completions", response_model=None,
             responses={503: {"description": "busy: retry after the number of seconds in Retry-After"}})
async def chat_completions(body: ChatRequest, service: Svc):
    body.refuse_unsupported()
    users = [m.text() for m in body.messages if m.role == "user"]
    if not users or not users[-1].strip():
        raise QuestionError("không có câu hỏi: tin nhắn cuối của vai 'user' trống hoặc không có "
                            "(no question: there is no non-empty message with role 'user')")
    history = [u for u in users[:-1] if u.strip()]
    # Asked before any byte is sent, so a bad question (or a full queue) is still a proper 4xx/503.
    answer = (await service.ask_async(users[-1], history, body.provinces, body.doc_ids)).to_json()
    content = answer["answer"]
    sources = sources_text(answer)
    if sources:
        content += "\n\n" + sources
    finish = "stop"
    limit = body.max_completion_tokens or body.max_tokens
    if limit and count_tokens(content) > limit:
        content, finish = cut_tokens(content, limit), "length"
    prompt = sum(count_tokens(m.text()) for m in body.messages)
    completion = count_tokens(content)
    usage = {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}
    meta = {"id": "chatcmpl-" + uuid.uuid4().hex[:24], "created": int(time.time()), "model": MODEL}
    if body.stream:
        with_usage = bool(body.stream_options and body.stream_options.include_usage)
        return StreamingResponse(_stream(meta, content, answer, finish, usage if with_usage else None),
                                 media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
    return {
        **meta, "object": "chat.completion",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": finish}],
        "usage": usage, "citations": answer["citations"], "found": answer["found"], "table": answer.get("table"),
    }


def _pieces(text: str) -> Iterator[str]:
    """Split into deltas that concatenate back to exactly ``text`` (newlines kept)."""
    words = text.split(" ")
    for i in range(0, len(words), CHUNK_WORDS):
        piece = " ".join(words[i:i + CHUNK_WORDS])
        yield piece if i + CHUNK_WORDS >= len(words) else piece + " "


def _stream(meta: dict, content: str, answer: dict, finish: str, usage: dict | None) -> Iterator[str]:
    """The finished answer, sent at once as a stream of pieces (no delays: the answer is composed
    in one step, so there is nothing to stream as it happens)."""
    extra = {"usage": None} if usage else {}

    def chunk(delta: dict, finish=None, **more) -> str:
        obj = {**meta, "object": "chat.completion.chunk",
               "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra, **more}
        return "data: " + json.dumps(obj, ensure_ascii=False) + "\n\n"

    yield chunk({"role": "assistant", "content": ""})
    for piece in _pieces(content):
        yield chunk({"content": piece})
    yield chunk({}, finish, citations=answer["citations"], found=answer["found"])
    if usage:  # OpenAI's include_usage: one more chunk, no choices, the whole request's usage
        obj = {**meta, "object": "chat.completion.chunk", "choices": [], "usage": usage}
        yield "data: " + json.dumps(obj, ensure_ascii=False) + "\n\n"
    yield "data: [DONE]\n\n"
