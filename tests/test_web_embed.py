"""Embed pages, the mounted UI, settings and their safe defaults, the UI login, the root path."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from ground.errors import ConfigError
from tests.web_fixtures import make_settings
from web import WebSettings, create_app

# The shared session fixtures (one real Assistant, the app, a live server): see tests/web_fixtures.py.
pytest_plugins = ["tests.web_fixtures"]


def test_embed_page_has_escaped_snippets_for_iframe_component_and_api(web_client):
    r = web_client.get("/embed")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    assert "&lt;iframe src=&quot;http://testserver/chat/?lang=vi&quot;" in page
    assert "&lt;gradio-app src=&quot;http://testserver/chat/&quot;&gt;&lt;/gradio-app&gt;" in page
    assert "http://testserver/embed/gradio.js" in page and "/v1" in page
    assert 'href="http://testserver/embed/demo?lang=vi"' in page
    assert "Embed the assistant" in web_client.get("/embed?lang=en").text


def test_demo_page_frames_the_chat_only_ui(web_client):
    page = web_client.get("/embed/demo").text
    assert '<iframe id="assistant-frame" src="http://testserver/chat/?lang=vi"' in page
    comp = web_client.get("/embed/demo?mode=component&lang=en").text
    assert '<gradio-app src="http://testserver/chat/?lang=en"' in comp and "/embed/gradio.js" in comp


def test_chat_only_ui_has_no_admin_parts(web_client):
    full = json.dumps(web_client.get("/config").json(), ensure_ascii=False)
    chat = json.dumps(web_client.get("/chat/config").json(), ensure_ascii=False)
    assert "admin-token" in full and "eval-run" in full
    assert "admin-token" not in chat and "eval-run" not in chat and "chatbot" in chat


def test_gradio_loader_points_at_bundled_assets_that_exist(web_client):
    js = web_client.get("/embed/gradio.js")
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
    names = re.findall(r"'(index-[^']+\.(?:js|css))'", js.text)
    assert any(n.endswith(".js") for n in names)
    for name in names:
        assert web_client.get(f"/assets/{name}").status_code == 200


def test_ui_is_served_at_the_root(web_client):
    r = web_client.get("/")
    assert r.status_code == 200 and "<gradio-app" in r.text
    config = web_client.get("/config").json()
    assert config["title"] == "Trợ lý tra cứu văn bản chính sách"


def test_safe_defaults(monkeypatch):
    for var in ("ASSISTANT_WEB_HOST", "ASSISTANT_WEB_PORT", "ASSISTANT_ALLOWED_ORIGINS", "ASSISTANT_API_KEY",
                "ASSISTANT_UI_AUTH", "ASSISTANT_ADMIN_TOKEN", "ASSISTANT_ROOT_PATH", "ASSISTANT_UI_LANG"):
        monkeypatch.delenv(var, raising=False)
    s = WebSettings.resolve()
    assert (s.host, s.port, s.allowed_origins, s.root_path, s.lang) == ("127.0.0.1", 7860, [], "", "vi")
    assert s.loopback and s.api_key is None and s.ui_auth == []
    assert s.admin_token_generated and len(s.admin_token) >= 20  # admin is never open by default
    assert WebSettings.resolve().admin_token != s.admin_token


def test_env_and_flags(monkeypatch):
    monkeypatch.setenv("ASSISTANT_WEB_PORT", "9000")
    monkeypatch.setenv("ASSISTANT_ALLOWED_ORIGINS", "https://a.example.gov.vn, http://b.local:8080/")
    monkeypatch.setenv("ASSISTANT_ROOT_PATH", "assistant/")
    monkeypatch.setenv("ASSISTANT_UI_AUTH", "an:mật-khẩu:có-hai-chấm")
    s = WebSettings.resolve(port=9100)
    assert s.port == 9100  # the flag wins
    assert s.allowed_origins == ["https://a.example.gov.vn", "http://b.local:8080"]
    assert s.root_path == "/assistant" and s.ui_auth == [("an", "mật-khẩu:có-hai-chấm")]


@pytest.mark.parametrize("kwargs, words", [({"port": "80a"}, "port"), ({"port": 70000}, "port"),
                                           ({"allowed_origins": "intranet.gov.vn"}, "origin"),
                                           ({"allowed_origins": "https://x.vn/path"}, "origin"),
                                           ({"ui_auth": "justauser"}, "user:password"),
                                           ({"root_path": "https://x.vn/a"}, "root path"),
                                           ({"lang": "fr"}, "language")])
def test_bad_settings_say_what_is_wrong(kwargs, words):
    with pytest.raises(ConfigError, match=words):
        WebSettings.resolve(**kwargs)


def test_app_reports_bad_flags_before_loading_anything():
    r = subprocess.run([sys.executable, "app.py", "--allowed-origins", "not-an-origin"], capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 1
    assert "origin 'not-an-origin'" in r.stderr and "Traceback" not in r.stderr
    help_text = subprocess.run([sys.executable, "app.py", "--help"], capture_output=True, text=True, timeout=60).stdout
    for flag in ("--host", "--port", "--home", "--corpus", "--root-path", "--allowed-origins", "--api-key",
                 "--ui-auth", "--admin-token"):
        assert flag in help_text


def test_default_app_keeps_cors_closed_and_framing_to_itself(web_bot):
    app = create_app(web_bot, WebSettings(admin_token="x"))
    with TestClient(app) as c:
        r = c.options("/api/ask", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
        assert "access-control-allow-origin" not in r.headers
        assert c.get("/healthz").headers["content-security-policy"] == "frame-ancestors 'self'"
        # no API key configured: the API answers without one
        assert c.post("/api/ask", json={"question": "Tỷ lệ thất nghiệp chung của An Giang năm 2025"}).status_code == 200


def test_ui_login_protects_the_ui_but_not_health(web_bot):
    app = create_app(web_bot, make_settings(ui_auth=[("canbo", "mat-khau-dai")]))
    with TestClient(app) as c:
        assert c.get("/config").status_code == 401
        assert c.get("/healthz").status_code == 200
        assert c.post("/login", data={"username": "canbo", "password": "sai"}).status_code == 400
        assert c.post("/login", data={"username": "canbo", "password": "mat-khau-dai"}).status_code == 200
        assert c.get("/config").status_code == 200


def test_root_path_behind_a_proxy(web_bot):
    app = create_app(web_bot, make_settings(root_path="/assistant"))
    # Paths carry the prefix, as uvicorn --root-path hands them to the app (ASGI: path includes root_path).
    with TestClient(app, root_path="/assistant") as c:
        page = c.get("/assistant/embed").text
        assert "http://testserver/assistant/chat/?lang=vi" in page
        assert "http://testserver/assistant/embed/gradio.js" in page
        assert c.get("/assistant/config").json()["root"] == "http://testserver/assistant"
        assert c.get("/assistant/chat/config").json()["root"] == "http://testserver/assistant/chat"
        assert c.get("/assistant/healthz").status_code == 200
        assert c.get("/assistant/api/nope").json()["error"]["status"] == 404


def test_demo_page_is_wholly_in_the_language_asked(web_client):
    en, vi = web_client.get("/embed/demo?lang=en").text, web_client.get("/embed/demo").text
    nav_en, nav_vi = en.split("<nav>")[1].split("</nav>")[0], vi.split("<nav>")[1].split("</nav>")[0]
    assert "Home" in nav_en and "Documents" in nav_en and "Trang chủ" not in nav_en and "Văn bản" not in nav_en
    assert "Trang chủ" in nav_vi and "Home" not in nav_vi
    assert "Documents assistant" in en and "Trợ lý tra cứu văn bản" in vi and "kế hoạch của UBND" not in vi
