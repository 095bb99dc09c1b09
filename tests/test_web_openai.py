"""The OpenAI-compatible endpoint: plain and streamed replies, citations, history, errors, auth."""
from __future__ import annotations

import json

import pytest

from tests.web_fixtures import API_KEY
from web.openai_api import count_tokens

# The shared session fixtures (one real Assistant, the app, a live server): see tests/web_fixtures.py.
pytest_plugins = ["tests.web_fixtures"]

KEY = {"Authorization": f"Bearer {API_KEY}"}
KON_TUM = [{"role": "system", "content": "Bạn là trợ lý."}, {"role": "user", "content": "Kon Tum's 2030 target for social housing"}]


def sse_events(text: str) -> list:
    events = [line[len("data: "):] for line in text.splitlines() if line.startswith("data: ")]
    assert events[-1] == "[DONE]"
    return [json.loads(e) for e in events[:-1]]


def test_completion_has_content_sources_and_citations(web_client):
    r = web_client.post("/v1/chat/completions", headers=KEY, json={"model": "vn-policy-assistant", "messages": KON_TUM,
                                                             "temperature": 0.2})
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
                                         ({"messages": [{"role": "user", "content": "hi"}], "stream": "often"}, "stream"),
                                         # strict booleans: "yes" or 1 is a mistake, not a truthy value
                                         ({"messages": [{"role": "user", "content": "hi"}], "stream": "yes"}, "stream"),
                                         ({"messages": [{"role": "user", "content": "hi"}], "stream": 1}, "stream"),
                                         ({"messages": [{"role": "user", "content": "hi"}], "stream": True,
                                           "stream_options": {"include_usage": "true"}}, "stream_options.include_usage"),
                                         ({"messages": [{"role": "user", "content": "x" * 20_001}]}, "messages.0.content")])
def test_malformed_requests_are_422_in_openai_shape(web_client, body, field):
    r = web_client.post("/v1/chat/completions", headers=KEY, json=body)
    assert r.status_code == 422
    error = r.json()["error"]
    assert field in error["message"] and field.split(".")[0] in error["param"]
    assert {"message", "type", "param", "code"} <= set(error)


@pytest.mark.parametrize("stream", [False, True])
def test_no_user_question_is_422_even_when_streaming(web_client, stream):
    r = web_client.post("/v1/chat/completions", headers=KEY,
                    json={"messages": [{"role": "system", "content": "hi"}, {"role": "user", "content": " "}],
                          "stream": stream})
    assert r.status_code == 422
    error = r.json()["error"]
    assert error["code"] == "question_error" and error["type"] == "invalid_request_error"


def test_v1_needs_the_key_and_lists_the_model(web_client):
    assert web_client.post("/v1/chat/completions", json={"messages": KON_TUM}).status_code == 401
    assert web_client.get("/v1/models").status_code == 401
    r = web_client.get("/v1/models", headers=KEY)
    assert r.status_code == 200 and r.json()["data"][0]["id"] == "vn-policy-assistant"


# ---- with the official openai client, against a live server ---------------------------------------
openai = pytest.importorskip("openai", reason="the openai package is a test extra: pip install -e '.[test]'")


@pytest.fixture(scope="module")
def oa(web_server):
    return openai.OpenAI(base_url=web_server + "/v1", api_key="unused-on-a-keyless-server", max_retries=0)


QUESTION = [{"role": "user", "content": "Kon Tum's 2030 target for social housing"}]


def test_openai_client_usage_counts_are_real(oa):
    r = oa.chat.completions.create(model="vn-policy-assistant", messages=QUESTION)
    content = r.choices[0].message.content
    assert "221.009" in content and r.choices[0].finish_reason == "stop"
    u = r.usage
    assert u.prompt_tokens == count_tokens(QUESTION[0]["content"]) > 0
    assert u.completion_tokens == count_tokens(content) > 20
    assert u.total_tokens == u.prompt_tokens + u.completion_tokens


def test_openai_client_stream_with_include_usage(oa):
    chunks = list(oa.chat.completions.create(model="vn-policy-assistant", messages=QUESTION, stream=True,
                                             stream_options={"include_usage": True}))
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert "221.009" in text
    last = chunks[-1]
    assert last.choices == [] and last.usage.completion_tokens == count_tokens(text)
    assert all(c.usage is None for c in chunks[:-1])
    # without include_usage there is no usage chunk
    plain = list(oa.chat.completions.create(model="vn-policy-assistant", messages=QUESTION, stream=True))
    assert all(c.choices and c.usage is None for c in plain)


def test_openai_client_models(oa):
    assert [m.id for m in oa.models.list()] == ["vn-policy-assistant"]
    assert oa.models.retrieve("vn-policy-assistant").id == "vn-policy-assistant"
    with pytest.raises(openai.NotFoundError) as e:
        oa.models.retrieve("gpt-4o")
    assert e.value.code == "model_not_found" and e.value.param == "model" and "gpt-4o" in e.value.message


def test_openai_client_unknown_model_is_404(oa):
    with pytest.raises(openai.NotFoundError) as e:
        oa.chat.completions.create(model="gpt-4o", messages=QUESTION)
    err = e.value.body
    assert set(err) >= {"message", "type", "param", "code"}
    assert (err["type"], err["param"], err["code"]) == ("invalid_request_error", "model", "model_not_found")


@pytest.mark.parametrize("options, param", [
    ({"n": 2}, "n"),
    ({"tools": [{"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}}]}, "tools"),
    ({"response_format": {"type": "json_object"}}, "response_format"),
    ({"logprobs": True}, "logprobs"),
    ({"logprobs": True, "top_logprobs": 3}, "logprobs"),
    ({"modalities": ["text", "audio"], "audio": {"voice": "alloy", "format": "wav"}}, "audio"),
])
def test_openai_client_unsupported_options_are_400_naming_them(oa, options, param):
    with pytest.raises(openai.BadRequestError) as e:
        oa.chat.completions.create(model="vn-policy-assistant", messages=QUESTION, **options)
    assert e.value.param == param and e.value.code == "unsupported_parameter" and param in e.value.message


def test_openai_client_text_response_format_and_max_tokens(oa):
    r = oa.chat.completions.create(model="vn-policy-assistant", messages=QUESTION, n=1, max_tokens=5,
                                   response_format={"type": "text"}, temperature=0)
    assert r.choices[0].finish_reason == "length" and r.usage.completion_tokens == 5
    assert count_tokens(r.choices[0].message.content) == 5
