"""What anonymous callers may and may not do, request size caps, HEAD, embed assets, and
overload answered with 503 + Retry-After — against the real app and real servers on loopback."""
from __future__ import annotations

import re
import threading
from pathlib import Path

import httpx
import pytest

from tests.web_fixtures import ADMIN_TOKEN, API_KEY, serve
from web.embed import assets_dir

# The shared session fixtures (one real Assistant, the app, a live server): see tests/web_fixtures.py.
pytest_plugins = ["tests.web_fixtures"]
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

KEY = {"Authorization": f"Bearer {API_KEY}"}
KON_TUM = "Mục tiêu nhà ở xã hội của Kon Tum đến năm 2030?"


# ---- Gradio's file routes --------------------------------------------------------------------
def upload(client, path="/gradio_api/upload", **headers):
    return client.post(path, files={"files": ("ke_hoach.txt", b"KE HOACH\n", "text/plain")}, headers=headers)


def test_gradio_upload_needs_the_admin_token(web_client):
    r = upload(web_client)
    assert r.status_code == 403 and "missing" in r.json()["error"]["message"]
    r = upload(web_client, **{"X-Admin-Token": "guess"})
    assert r.status_code == 403 and "wrong" in r.json()["error"]["message"]
    ok = upload(web_client, **{"X-Admin-Token": ADMIN_TOKEN})
    assert ok.status_code == 200, ok.text
    stored = ok.json()[0]
    # the file Gradio stored can be read back only with the token too (here: as the UI's cookie,
    # which /api/admin-cookie sets from what the token box holds)
    assert web_client.get(f"/gradio_api/file={stored}").status_code == 403
    cookie = web_client.post("/api/admin-cookie", json={"token": ADMIN_TOKEN}).cookies["assistant_admin"]
    web_client.cookies.clear()  # the shared client stays anonymous for the other tests
    back = web_client.get(f"/gradio_api/file={stored}", cookies={"assistant_admin": cookie})
    assert back.status_code == 200 and back.content == b"KE HOACH\n"


def test_chat_widget_takes_and_serves_no_files_even_with_the_token(web_client):
    assert upload(web_client, "/chat/gradio_api/upload", **{"X-Admin-Token": ADMIN_TOKEN}).status_code == 403


@pytest.mark.parametrize("path", ["/gradio_api/process_recording", "/chat/gradio_api/process_recording"])
def test_the_recorder_route_is_no_anonymous_upload_either(web_client, path):
    assert upload(web_client, path).status_code == 403


def test_evaluation_reports_are_not_readable_anonymously(web_client, web_bot):
    report = Path(web_bot.settings.home) / "web" / "eval" / "probe" / "result.json"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text('{"accuracy": 1}', encoding="utf-8")
    assert web_client.get(f"/gradio_api/file={report}").status_code == 403
    assert web_client.get(f"/chat/gradio_api/file={report}").status_code == 403
    r = web_client.get(f"/gradio_api/file={report}", headers={"X-Admin-Token": ADMIN_TOKEN})
    assert r.status_code == 200 and r.json() == {"accuracy": 1}


def test_feedback_export_says_missing_or_wrong_token(web_client):
    missing = web_client.get("/api/feedback.csv")
    wrong = web_client.get("/api/feedback.csv", headers={"X-Admin-Token": "nope"})
    assert missing.status_code == wrong.status_code == 403
    assert "missing" in missing.json()["error"]["message"] and "wrong" in wrong.json()["error"]["message"]


# ---- no server path in any response ------------------------------------------------------------
def test_document_listing_names_no_server_path(web_client, web_bot):
    r = web_client.get("/api/documents", headers=KEY)
    assert r.status_code == 200
    docs = r.json()["documents"]
    assert docs and all("path" not in d for d in docs)
    home, corpus = str(web_bot.settings.home), str(Path(web_bot.settings.corpus).name) + "/"
    assert home not in r.text and corpus not in r.text and not re.search(r'"/(tmp|home|root|srv)/', r.text)


# ---- size caps ------------------------------------------------------------------------------------
def test_history_items_are_capped_in_length(web_client):
    r = web_client.post("/api/ask", headers=KEY, json={"question": KON_TUM, "history": ["x" * 20_001]})
    assert r.status_code == 422 and "history.0" in r.json()["error"]["message"]
    r = web_client.post("/api/ask", headers=KEY, json={"question": KON_TUM, "history": [["q", "a", "extra"]]})
    assert r.status_code == 422


def test_a_huge_body_is_413_before_it_is_parsed(web_client):
    body = '{"question": "' + "x" * 1_100_000 + '"}'
    r = web_client.post("/api/ask", headers={**KEY, "Content-Type": "application/json"}, content=body)
    assert r.status_code == 413 and "1,000,000" in r.json()["error"]["message"]


# ---- HEAD and the embed's assets ------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/embed/demo", "/embed", "/embed/gradio.js", "/healthz", "/"])
def test_head_works_where_get_does(web_client, path):
    get, head = web_client.get(path), web_client.head(path)
    assert get.status_code == head.status_code == 200
    assert head.content == b"" and head.headers["content-type"] == get.headers["content-type"]


def test_component_embed_assets_have_their_real_content_types(web_client):
    css = next(p.name for p in assets_dir().glob("index-*.css"))
    r = web_client.get(f"/embed/assets/{css}")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/css")
    js = next(p.name for p in assets_dir().glob("index-*.js"))
    assert web_client.get(f"/embed/assets/{js}").headers["content-type"].split(";")[0] in (
        "text/javascript", "application/javascript")
    assert web_client.get("/embed/assets/..%2F..%2Fversion.txt").status_code == 404


# ---- overload -------------------------------------------------------------------------------------
def test_overload_is_503_with_retry_after_and_the_rest_are_answered(web_bot):
    """One worker and a 0.3 s wait limit: of 12 questions at once most are refused at once with
    503 + Retry-After; the admitted ones are answered; afterwards the server answers again."""
    results = []
    with serve(web_bot, workers=1, max_wait=0.3) as url:
        def one():
            with httpx.Client(timeout=120, headers=KEY) as c:
                r = c.post(url + "/api/ask", json={"question": KON_TUM})
                results.append((r.status_code, r.headers.get("retry-after"), r.json(), r.elapsed.total_seconds()))

        threads = [threading.Thread(target=one) for _ in range(12)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        busy = [r for r in results if r[0] == 503]
        answered = [r for r in results if r[0] == 200]
        assert len(busy) + len(answered) == 12 and busy and answered
        assert all(int(r[1]) >= 1 and r[2]["error"]["type"] == "OverloadedError" for r in busy)
        assert all("retry" in r[2]["error"]["message"] for r in busy)
        assert all("221.009" in r[2]["answer"] for r in answered)
        health = httpx.get(url + "/healthz").json()["queue"]
        assert health["refused"] == len(busy) and health["inside"] == 0
        # the OpenAI route says it in OpenAI's shape
        assert httpx.post(url + "/v1/chat/completions", headers=KEY, timeout=60,
                          json={"messages": [{"role": "user", "content": KON_TUM}]}).status_code == 200


def test_queue_settings_are_checked_with_a_message_naming_them(monkeypatch):
    from ground.errors import ConfigError
    from web.settings import WebSettings

    monkeypatch.setenv("ASSISTANT_MAX_WAIT", "soon")
    with pytest.raises(ConfigError, match="max wait 'soon'"):
        WebSettings.resolve()
    monkeypatch.setenv("ASSISTANT_MAX_WAIT", "2.5")
    monkeypatch.setenv("ASSISTANT_WORKERS", "1.5")
    with pytest.raises(ConfigError, match="whole number"):
        WebSettings.resolve()
    monkeypatch.setenv("ASSISTANT_WORKERS", "3")
    s = WebSettings.resolve()
    assert (s.workers, s.max_wait) == (3, 2.5)
