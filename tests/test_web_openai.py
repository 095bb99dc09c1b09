"""The OpenAI-compatible endpoint: plain and streamed replies, citations, history, errors, auth."""
from __future__ import annotations

import json

import pytest

from tests.web_fixtures import API_KEY

# The shared session fixtures (one real Assistant, the app, a live server): see tests/web_fixtures.py.
pytest_plugins = ["tests.web_fixtures"]

KEY = {"Authorization": f"Bearer {API_KEY}"}
KON_TUM = [{"role": "system", "content": "Bạn là trợ lý."}, {"role": "user", "content": "Kon Tum's 2030 target for social housing"}]


def sse_events(text: str) -> list:
    events = [line[len("data: "):] for line in text.splitlines() if line.startswith("data: ")]
    assert events[-1] == "[DONE]"
    return [json.loads(e) for e in events[:-1]]


def test_completion_has_content_sources_and_citations(web_client):
    r = web_client.post("/v1/chat/completions", headers=KEY, json={"model": "anything", "messages": KON_TUM,
                                                             "temperature": 0.2, "max_tokens": 50})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["object"] == "chat.completion" and body["id"].startswith("chatcmpl-")
    choice = body["choices"][0]
    assert choice["finish_reason"] == "stop" and choice["message"]["role"] == "assistant"
    content = choice["message"]["content"]
    assert "221.009" in content
    assert "\n\nNguồn / Sources:\n[1] " in content and "Phụ lục" in content
    assert body["citations"] and "221.009" in body["citations"][0]["text"]


def test_streamed_deltas_add_up_to_the_plain_reply(web_client):
    plain = web_client.post("/v1/chat/completions", headers=KEY, json={"messages": KON_TUM}).json()
    with web_client.stream("POST", "/v1/chat/completions", headers=KEY, json={"messages": KON_TUM, "stream": True}) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        text = "".join(r.iter_text())
    chunks = sse_events(text)
    assert all(c["object"] == "chat.completion.chunk" for c in chunks)
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    assert len(chunks) > 4  # really streamed in pieces
    streamed = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks)
    assert streamed == plain["choices"][0]["message"]["content"]
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop"
    assert chunks[-1]["citations"][0]["locator"] == plain["citations"][0]["locator"]


def test_earlier_user_messages_are_the_history(web_client):
    messages = [{"role": "user", "content": "Mục tiêu nhà ở xã hội của Kon Tum đến năm 2030?"},
                {"role": "assistant", "content": "221.009 m2 sàn"},
                {"role": "user", "content": [{"type": "text", "text": "Còn năm 2025 thì sao?"}]}]
    r = web_client.post("/v1/chat/completions", headers=KEY, json={"messages": messages})
    assert r.status_code == 200
    assert "104.046" in r.json()["choices"][0]["message"]["content"]


@pytest.mark.parametrize("body, field", [({"messages": []}, "messages"), ({}, "messages"),
                                         ({"messages": [{"role": "robot", "content": "hi"}]}, "role"),
                                         ({"messages": [{"role": "user", "content": "hi"}], "stream": "often"}, "stream")])
def test_malformed_requests_are_422(web_client, body, field):
    r = web_client.post("/v1/chat/completions", headers=KEY, json=body)
    assert r.status_code == 422
    assert field in r.json()["error"]["message"]


@pytest.mark.parametrize("stream", [False, True])
def test_no_user_question_is_422_even_when_streaming(web_client, stream):
    r = web_client.post("/v1/chat/completions", headers=KEY,
                    json={"messages": [{"role": "system", "content": "hi"}, {"role": "user", "content": " "}],
                          "stream": stream})
    assert r.status_code == 422
    assert r.json()["error"]["type"] == "QuestionError"


def test_v1_needs_the_key_and_lists_the_model(web_client):
    assert web_client.post("/v1/chat/completions", json={"messages": KON_TUM}).status_code == 401
    assert web_client.get("/v1/models").status_code == 401
    r = web_client.get("/v1/models", headers=KEY)
    assert r.status_code == 200 and r.json()["data"][0]["id"] == "vn-policy-assistant"
