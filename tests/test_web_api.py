"""HTTP API against the real app and the real assistant: every endpoint, its errors and its auth."""
from __future__ import annotations

import pytest

from ground.errors import StoreUnavailableError
from tests.web_fixtures import ADMIN_TOKEN, API_KEY, INTRANET

# The shared session fixtures (one real Assistant, the app, a live server): see tests/web_fixtures.py.
pytest_plugins = ["tests.web_fixtures"]

KEY = {"Authorization": f"Bearer {API_KEY}"}
KON_TUM_EN = "Kon Tum's 2030 target for social housing"
ANSWER_KEYS = {"question", "answer", "found", "lang", "intent", "citations", "table", "ms"}


def error_of(resp) -> dict:
    body = resp.json()
    assert set(body) == {"error"}, body
    assert body["error"]["status"] == resp.status_code
    assert "Traceback" not in resp.text
    return body["error"]


# ---- health ----------------------------------------------------------------------------------
def test_healthz_is_open_and_counts_the_index(web_client):
    r = web_client.get("/healthz")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok" and body["documents"] >= 2 and body["chunks"] > 0


def test_healthz_is_503_when_the_index_cannot_be_read(web_client, web_bot, monkeypatch):
    def broken():
        raise OSError("manifest.json: permission denied")

    monkeypatch.setattr(web_bot, "info", broken)
    r = web_client.get("/healthz")
    assert r.status_code == 503 and "permission" not in r.text
    assert error_of(r)["type"] == "unavailable"


# ---- /api/ask --------------------------------------------------------------------------------
def test_ask_returns_the_cli_json_shape_with_the_cited_figure(web_client):
    r = web_client.post("/api/ask", json={"question": KON_TUM_EN}, headers=KEY)
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == ANSWER_KEYS
    assert body["found"] is True and "221.009" in body["answer"]  # as the quote prints it
    first = body["citations"][0]
    assert first["province"] == "Kon Tum" and "221.009" in first["text"] and "221.009" in first["highlight"]
    assert {"document", "doc_id", "locator", "start", "end", "kind"} <= set(first)


def test_ask_accepts_x_api_key_header(web_client):
    r = web_client.post("/api/ask", json={"question": "Tỷ lệ thất nghiệp chung của An Giang năm 2025"},
                    headers={"X-API-Key": API_KEY})
    assert r.status_code == 200
    assert "3,5" in r.json()["answer"]


@pytest.mark.parametrize("headers, status", [({}, 401), ({"Authorization": "Bearer wrong"}, 401),
                                             ({"X-API-Key": API_KEY + "x"}, 401), ({"Authorization": API_KEY}, 401)])
def test_ask_refuses_missing_or_wrong_keys(web_client, headers, status):
    r = web_client.post("/api/ask", json={"question": KON_TUM_EN}, headers=headers)
    assert r.status_code == status
    assert "API" in error_of(r)["message"]
    assert r.headers["www-authenticate"] == "Bearer"


def test_follow_up_uses_the_history(web_client):
    first = web_client.post("/api/ask", json={"question": "Mục tiêu nhà ở xã hội của Kon Tum đến năm 2030?"}, headers=KEY)
    assert "221.009" in first.json()["answer"]
    r = web_client.post("/api/ask", json={"question": "Còn năm 2025 thì sao?",
                                      "history": ["Mục tiêu nhà ở xã hội của Kon Tum đến năm 2030?"]}, headers=KEY)
    assert r.status_code == 200
    assert "104.046" in r.json()["answer"]


def test_province_filter_limits_the_sources(web_client):
    r = web_client.post("/api/ask", json={"question": "Tỷ lệ thất nghiệp chung năm 2025", "provinces": ["Kon Tum"]},
                    headers=KEY)
    assert r.status_code == 200
    cites = r.json()["citations"]
    assert cites and all(c["province"] in ("Kon Tum", None) for c in cites)


@pytest.mark.parametrize("question", ["", "   ", "???!!", "x" * 2001])
def test_questions_the_assistant_refuses_are_422_with_its_message(web_client, question):
    r = web_client.post("/api/ask", json={"question": question}, headers=KEY)
    assert r.status_code == 422
    err = error_of(r)
    assert err["type"] == "QuestionError" and "question" in err["message"]


@pytest.mark.parametrize("body, field", [({}, "question"), ({"question": 5}, "question"),
                                         ({"question": "a", "provinve": ["x"]}, "provinve"),
                                         ({"question": "a", "history": "not a list"}, "history")])
def test_malformed_bodies_say_which_field(web_client, body, field):
    r = web_client.post("/api/ask", json=body, headers=KEY)
    assert r.status_code == 422
    err = error_of(r)
    assert err["type"] == "validation_error" and field in err["message"]
    # the offending input is not echoed back
    assert all(set(d) == {"field", "message", "type"} for d in err["details"])


def test_invalid_json_is_a_422_not_a_crash(web_client):
    r = web_client.post("/api/ask", content=b'{"question": ', headers={**KEY, "Content-Type": "application/json"})
    assert r.status_code == 422
    assert "JSON" in error_of(r)["message"]


def test_unknown_paths_and_methods_get_json_errors(web_client):
    r = web_client.get("/api/ask", headers=KEY)
    assert r.status_code == 405 and "POST" in r.headers["allow"]
    assert "POST" in error_of(r)["message"]
    r = web_client.post("/api/nope", json={}, headers=KEY)
    assert r.status_code == 404 and "/api/nope" in error_of(r)["message"]


def test_assistant_errors_keep_their_http_status(web_client, web_bot, monkeypatch):
    def down(*a, **k):
        raise StoreUnavailableError("máy chủ Chroma không trả lời (the Chroma server is down)")

    monkeypatch.setattr(web_bot, "ask", down)
    r = web_client.post("/api/ask", json={"question": KON_TUM_EN}, headers=KEY)
    assert r.status_code == 503
    assert error_of(r)["type"] == "StoreUnavailableError"


def test_bugs_are_a_generic_500_without_details(web_client, web_bot, monkeypatch, caplog):
    def boom(*a, **k):
        raise RuntimeError("secret internal detail /etc/passwd")

    monkeypatch.setattr(web_bot, "ask", boom)
    r = web_client.post("/api/ask", json={"question": KON_TUM_EN}, headers=KEY)
    assert r.status_code == 500
    err = error_of(r)
    assert err["type"] == "internal_error" and "secret" not in r.text
    assert "secret internal detail" in caplog.text  # ... but the server log has it


# ---- documents and feedback -------------------------------------------------------------------
def test_documents_lists_the_index(web_client):
    r = web_client.get("/api/documents", headers=KEY)
    assert r.status_code == 200
    body = r.json()
    assert {"An Giang", "Kon Tum"} <= set(body["provinces"])
    assert all({"doc_id", "chunks", "rows"} <= set(d) for d in body["documents"])
    assert web_client.get("/api/documents").status_code == 401


def test_feedback_round_trip_and_csv_export_needs_the_admin_token(web_client):
    r = web_client.post("/api/feedback", headers=KEY, json={"question": KON_TUM_EN, "answer": "221.009 m2 sàn",
                                                       "rating": "down", "comment": "=HYPERLINK(\"x\")"})
    assert r.status_code == 201 and r.json()["id"] > 0
    assert web_client.post("/api/feedback", headers=KEY, json={"question": "q", "answer": "a",
                                                           "rating": "meh"}).status_code == 422
    assert web_client.get("/api/feedback.csv").status_code == 403
    assert web_client.get("/api/feedback.csv", headers={"X-Admin-Token": "nope"}).status_code == 403
    r = web_client.get("/api/feedback.csv", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.text.startswith("\ufeffid,created,rating")
    assert KON_TUM_EN in r.text and "'=HYPERLINK" in r.text  # formulas are defused for Excel


# ---- CORS and framing -------------------------------------------------------------------------
def test_cors_allows_only_the_configured_origin(web_client):
    pre = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type"}
    ok = web_client.options("/api/ask", headers={"Origin": INTRANET, **pre})
    assert ok.headers.get("access-control-allow-origin") == INTRANET
    bad = web_client.options("/api/ask", headers={"Origin": "https://evil.example", **pre})
    assert "access-control-allow-origin" not in bad.headers
    # the mounted UI follows the same policy (Gradio's own looser CORS is switched off)
    ui = web_client.get("/config", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in ui.headers


def test_frame_ancestors_names_self_and_the_allowed_origin(web_client):
    for path in ("/healthz", "/", "/embed/demo"):
        csp = web_client.get(path).headers["content-security-policy"]
        assert csp == f"frame-ancestors 'self' {INTRANET}"
