"""OpenAI-compatible chat endpoint, so existing chat clients and intranet widgets can point
their base URL here: POST /v1/chat/completions and GET /v1/models.

The last user message is the question and earlier user messages are the history; system
and assistant messages carry nothing the assistant uses. Citations come back twice: as a
structured ``citations`` field (for clients that know about it) and as a numbered source
list appended to the content (for clients that only show text).
"""
from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import Literal

from fastapi import APIRouter, Depends
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from assistant.errors import QuestionError

from .api import MAX_FILTERS, Svc, require_api_key
from .render import sources_text

MODEL = "vn-policy-assistant"
MAX_MESSAGES = 100
CHUNK_WORDS = 6  # words per streamed delta: small enough to look live, few enough to stay cheap


class ContentPart(BaseModel):
    model_config = ConfigDict(extra="allow")
    type: str
    text: str | None = None


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")  # name, tool_calls, … are accepted and ignored
    role: Literal["system", "developer", "user", "assistant", "tool"]
    content: str | list[ContentPart] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):
            return " ".join(p.text or "" for p in self.content if p.type == "text")
        return self.content or ""


class ChatRequest(BaseModel):
    # Sampling options (temperature, max_tokens, …) mean nothing to an extractive assistant;
    # they are accepted so stock clients work unchanged.
    model_config = ConfigDict(extra="allow")
    model: str | None = None
    messages: list[ChatMessage] = Field(min_length=1, max_length=MAX_MESSAGES)
    stream: bool = False
    provinces: list[str] | None = Field(None, max_length=MAX_FILTERS)
    doc_ids: list[str] | None = Field(None, max_length=MAX_FILTERS)


router = APIRouter(tags=["openai"], dependencies=[Depends(require_api_key)])


@router.get("/v1/models")
def models() -> dict:
    return {"object": "list", "data": [{"id": MODEL, "object": "model", "created": 0, "owned_by": "local"}]}


@router.post("/v1/chat/completions", response_model=None)
def chat_completions(body: ChatRequest, service: Svc):
    users = [m.text() for m in body.messages if m.role == "user"]
    if not users or not users[-1].strip():
        raise QuestionError("không có câu hỏi: tin nhắn cuối của vai 'user' trống hoặc không có "
                            "(no question: there is no non-empty message with role 'user')")
    history = [u for u in users[:-1] if u.strip()]
    # Ask before any byte is sent, so a bad question is still a proper 4xx, stream or not.
    answer = service.ask(users[-1], history, body.provinces, body.doc_ids).to_json()
    content = answer["answer"]
    sources = sources_text(answer)
    if sources:
        content += "\n\n" + sources
    meta = {"id": "chatcmpl-" + uuid.uuid4().hex[:24], "created": int(time.time()), "model": body.model or MODEL}
    if body.stream:
        return StreamingResponse(_stream(meta, content, answer), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
    return {
        **meta, "object": "chat.completion",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
        "citations": answer["citations"], "found": answer["found"], "table": answer.get("table"),
    }


def _pieces(text: str) -> Iterator[str]:
    """Split into deltas that concatenate back to exactly ``text`` (newlines kept)."""
    words = text.split(" ")
    for i in range(0, len(words), CHUNK_WORDS):
        piece = " ".join(words[i:i + CHUNK_WORDS])
        yield piece if i + CHUNK_WORDS >= len(words) else piece + " "


def _stream(meta: dict, content: str, answer: dict) -> Iterator[str]:
    def chunk(delta: dict, finish=None, **extra) -> str:
        obj = {**meta, "object": "chat.completion.chunk",
               "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra}
        return "data: " + json.dumps(obj, ensure_ascii=False) + "\n\n"

    yield chunk({"role": "assistant", "content": ""})
    for piece in _pieces(content):
        yield chunk({"content": piece})
    yield chunk({}, "stop", citations=answer["citations"], found=answer["found"])
    yield "data: [DONE]\n\n"
