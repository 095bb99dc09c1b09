"""Limits against a hostile caller, on real servers on loopback: bodies counted as they stream
(chunked included) on every route, feedback bounded per caller and in total, only uploaded files
ingested, admin-token guesses slowed per caller, the admin cookie, and Gradio's private handlers.

Clocks: the per-caller limiters read ``web.limits.CLOCK``; tests that need a window to stay shut
(or to pass) freeze and move that clock instead of sleeping, so nothing depends on speed.
"""
from __future__ import annotations

import json
import os
import socket
import sqlite3
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from tests.web_fixtures import ADMIN_TOKEN, API_KEY, TEST_PLAN, forget_province, serve

pytest_plugins = ["tests.web_fixtures"]
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

KEY = {"Authorization": f"Bearer {API_KEY}"}
ADMIN = {"X-Admin-Token": ADMIN_TOKEN}
MB = 1_000_000


def raw_post(url: str, path: str, body: bytes, headers: dict | None = None, chunked: bool = True) -> tuple:
    """POST over a plain socket, the body sent in 64 KB chunks (``Transfer-Encoding: chunked``,
    no length) or with a Content-Length; returns (status, headers, body) of the reply. The send
    stops when the server has answered and closed (it refuses before reading the rest)."""
    parts = urlsplit(url)
    head = [f"POST {path} HTTP/1.1", f"Host: {parts.netloc}", "Content-Type: application/json", "Connection: close",
            "Transfer-Encoding: chunked" if chunked else f"Content-Length: {len(body)}"]
    head += [f"{k}: {v}" for k, v in (headers or {}).items()]
    with socket.create_connection((parts.hostname, parts.port), timeout=120) as s:
        s.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
        try:
            if chunked:
                for i in range(0, len(body), 65536):
                    piece = body[i:i + 65536]
                    s.sendall(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                s.sendall(b"0\r\n\r\n")
            else:
                s.sendall(body)
        except OSError:  # the server answered already and closed: read what it said
            pass
        data = b""
        while True:
            try:
                more = s.recv(65536)
            except OSError:
                break
            if not more:
                break
            data += more
    top, _, rest = data.partition(b"\r\n\r\n")
    lines = top.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    found = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return status, found, rest


def json_body(size: int, **fields) -> bytes:
    """A well-formed JSON object of about ``size`` bytes: ``fields`` plus a long "question"."""
    return json.dumps({"question": "x" * size, **fields}).encode()


@pytest.fixture(scope="module")
def server(web_bot):
    with serve(web_bot) as url:
        yield url


@pytest.fixture
def frozen(monkeypatch):
    """The limiters' clock, frozen at 1000 s; ``frozen["now"] += 61`` moves it."""
    from web import limits

    clock = {"now": 1000.0}
    monkeypatch.setattr(limits, "CLOCK", lambda: clock["now"])
    return clock


# ---- 1. bodies counted as they stream, on every route ---------------------------------------------
@pytest.mark.parametrize("path, extra", [
    ("/api/ask", KEY),
    ("/v1/chat/completions", KEY),
    ("/gradio_api/queue/join", {}),
    ("/gradio_api/api/ask", {}),
])
def test_a_chunked_body_over_the_limit_is_413_whatever_the_route(server, path, extra):
    status, headers, body = raw_post(server, path, json_body(3 * MB), extra)
    assert status == 413, body[:300]
    err = json.loads(body)["error"]
    assert err["type"] == "request_too_large" and "1,000,000" in err["message"]


def test_a_chunked_feedback_post_over_the_limit_is_not_stored(server, web_bot):
    store = Path(web_bot.settings.home) / "web" / "feedback.sqlite3"
    before = sqlite3.connect(store).execute("SELECT COUNT(*) FROM feedback").fetchone()[0]
    big = json.dumps({"question": "q", "answer": "a", "rating": "up", "citations": ["c" * 400_000] * 4}).encode()
    status, _, _ = raw_post(server, "/api/feedback", big, KEY)
    assert status == 413
    assert sqlite3.connect(store).execute("SELECT COUNT(*) FROM feedback").fetchone()[0] == before


def test_a_declared_length_over_the_limit_is_413_on_gradio_too(server):
    status, _, body = raw_post(server, "/gradio_api/queue/join", json_body(5 * MB), chunked=False)
    assert status == 413 and json.loads(body)["error"]["code"] == "request_too_large"


def test_a_chunked_body_under_the_limit_is_answered(server):
    body = json.dumps({"question": "Mục tiêu nhà ở xã hội của Kon Tum đến năm 2030?"}).encode()
    status, _, reply = raw_post(server, "/api/ask", body, KEY)
    assert status == 200 and "221.009" in reply.decode("utf-8", "replace")


def test_uploads_keep_their_larger_limit_on_the_upload_route_only(server):
    two_mb = b"KE HOACH\n" + b"a" * (2 * MB)
    r = httpx.post(server + "/gradio_api/upload", files={"files": ("lon.txt", two_mb, "text/plain")}, headers=ADMIN,
                   timeout=120)
    assert r.status_code == 200, r.text
    status, _, _ = raw_post(server, "/gradio_api/run/predict", json_body(2 * MB), ADMIN)
    assert status == 413  # the same 2 MB anywhere else is over the limit


# ---- 2. feedback bounded per caller and in total; the export streamed --------------------------------
def feedback(url, comment="", **more):
    body = {"question": "q", "answer": "a", "rating": "down", "comment": comment, **more}
    return httpx.post(url + "/api/feedback", json=body, headers={**KEY, **more.pop("headers", {})}, timeout=60)


def test_feedback_is_rate_limited_per_caller(web_bot, frozen):
    with serve(web_bot, feedback_per_minute=3, trust_proxy=True) as url:
        def post(caller):
            return httpx.post(url + "/api/feedback", headers={**KEY, "X-Forwarded-For": caller}, timeout=60,
                              json={"question": "q", "answer": "a", "rating": "up"})

        assert [post("10.0.0.1").status_code for _ in range(3)] == [201, 201, 201]
        refused = post("10.0.0.1")
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
        assert "at most 3 a minute" in refused.json()["error"]["message"]
        assert post("10.0.0.2").status_code == 201  # another caller is not held back by the first
        frozen["now"] += 61
        assert post("10.0.0.1").status_code == 201  # and the first may post again a minute later


def test_feedback_fields_are_capped_in_size(server):
    r = httpx.post(server + "/api/feedback", headers=KEY, timeout=60,
                   json={"question": "q", "answer": "a", "rating": "up", "citations": ["c" * 501]})
    assert r.status_code == 422 and "citations.0" in r.json()["error"]["message"]


def test_a_full_feedback_store_refuses_clearly(web_bot):
    store = Path(web_bot.settings.home) / "web" / "feedback.sqlite3"
    rows = sqlite3.connect(store).execute("SELECT COUNT(*) FROM feedback").fetchone()[0]
    with serve(web_bot, feedback_max_rows=rows + 1) as url:
        assert feedback(url).status_code == 201
        full = feedback(url)
        assert full.status_code == 507
        assert "full" in full.json()["error"]["message"] and "ASSISTANT_FEEDBACK_MAX_ROWS" in full.json()["error"]["message"]
    assert sqlite3.connect(store).execute("SELECT COUNT(*) FROM feedback").fetchone()[0] == rows + 1


def test_the_export_is_streamed_and_defuses_formulas_after_a_tab_or_cr(server):
    marks = {"\t=HYPERLINK(\"x\")": "tab", "\r@SUM(1)": "cr", "=1+1": "eq", "+1": "plus", "-1": "minus", "@A1": "at"}
    for text in marks:
        assert feedback(server, comment=text).status_code == 201
    with httpx.stream("GET", server + "/api/feedback.csv", headers=ADMIN, timeout=60) as r:
        assert r.status_code == 200 and r.headers.get("transfer-encoding") == "chunked"
        assert "content-length" not in r.headers
        text = r.read().decode("utf-8")
    import csv
    import io

    comments = [row["comment"] for row in csv.DictReader(io.StringIO(text.lstrip("\ufeff")))]
    for cell in marks:
        assert "'" + cell in comments and cell not in comments


# ---- 3. only uploaded files are ingested -----------------------------------------------------------
def dependency(url: str, api_name: str) -> int:
    config = httpx.get(url + "/config", timeout=60).json()
    return next(d["id"] for d in config["dependencies"] if d.get("api_name") == api_name)


def test_a_raw_queue_call_naming_a_server_file_is_refused_and_nothing_ingested(server, web_bot, tmp_path):
    forget_province(web_bot, "Gia Lai")  # the session's index is shared: start without it
    secret = tmp_path / "ke_hoach_tren_may_chu.txt"  # a file the server can read, never uploaded
    secret.write_text(TEST_PLAN, encoding="utf-8")
    before = {d["doc_id"] for d in web_bot.info()["documents"]}
    entry = {"path": str(secret), "orig_name": secret.name, "meta": {"_type": "gradio.FileData"}}
    body = {"data": [[entry], ADMIN_TOKEN, "en"], "fn_index": dependency(server, "do_ingest"),
            "session_hash": uuid.uuid4().hex, "event_data": None, "trigger_id": None}
    r = httpx.post(server + "/gradio_api/queue/join", json=body, headers=ADMIN, timeout=60)
    assert r.status_code == 403, r.text
    assert "outside the upload folder" in r.json()["error"]["message"]
    assert {d["doc_id"] for d in web_bot.info()["documents"]} == before
    assert "Gia Lai" not in web_bot.provinces()


def test_a_symlink_in_the_upload_folder_to_a_server_file_is_refused_too(server, tmp_path):
    from gradio.utils import get_upload_folder

    secret = tmp_path / "bi_mat.txt"
    secret.write_text(TEST_PLAN, encoding="utf-8")
    link = Path(get_upload_folder()) / uuid.uuid4().hex / "bi_mat.txt"
    link.parent.mkdir(parents=True)
    os.symlink(secret, link)
    try:
        entry = {"path": str(link), "meta": {"_type": "gradio.FileData"}}
        body = {"data": [[entry], ADMIN_TOKEN, "en"], "fn_index": dependency(server, "do_ingest"),
                "session_hash": uuid.uuid4().hex}
        assert httpx.post(server + "/gradio_api/queue/join", json=body, headers=ADMIN, timeout=60).status_code == 403
    finally:
        link.unlink()
        link.parent.rmdir()


def test_ingest_itself_refuses_a_path_outside_the_upload_folder(web_app, web_bot, tmp_path):
    from web.ui_admin import ingest_files

    forget_province(web_bot, "Gia Lai")
    secret = tmp_path / "ke_hoach.txt"
    secret.write_text(TEST_PLAN, encoding="utf-8")
    status, *_ = ingest_files(web_app.state.service, [str(secret)], ADMIN_TOKEN, "en")
    assert "only files uploaded with the upload button" in status and "ke_hoach.txt" in status
    assert str(tmp_path) not in status and "Gia Lai" not in web_bot.provinces()


# ---- 4. tokens ---------------------------------------------------------------------------------------
def test_wrong_admin_tokens_are_slowed_per_caller_and_the_admin_is_not_locked_out(web_bot, frozen):
    from web import limits

    with serve(web_bot, trust_proxy=True) as url:
        def export(caller, token):
            return httpx.get(url + "/api/feedback.csv", timeout=60,
                             headers={"X-Admin-Token": token, "X-Forwarded-For": caller})

        free = [export("10.0.0.9", f"guess-{i}").status_code for i in range(limits.GUESS_FREE + 1)]
        assert free == [403] * (limits.GUESS_FREE + 1)  # typos are free; the next one costs a wait
        locked = export("10.0.0.9", ADMIN_TOKEN)  # while waiting, even the right token is not checked
        assert locked.status_code == 429 and locked.headers["retry-after"] == "2"
        assert "try again in 2 s" in locked.json()["error"]["message"]
        assert export("10.0.0.7", ADMIN_TOKEN).status_code == 200  # the admin elsewhere is not held up
        waits = []
        for _ in range(8):  # each further wrong guess doubles the wait, up to its cap
            frozen["now"] += 61
            export("10.0.0.9", "guess")
            waits.append(int(export("10.0.0.9", "guess").headers["retry-after"]))
        assert waits[:3] == [4, 8, 16] and max(waits) == limits.GUESS_MAX_DELAY
        frozen["now"] += limits.GUESS_MAX_DELAY
        assert export("10.0.0.9", ADMIN_TOKEN).status_code == 200  # never locked out for good


def test_gradio_file_routes_count_guesses_too(web_bot, frozen):
    from web import limits

    with serve(web_bot) as url:
        codes = [httpx.post(url + "/gradio_api/upload", headers={"X-Admin-Token": "nope"}, timeout=60,
                            files={"files": ("a.txt", b"a", "text/plain")}).status_code
                 for _ in range(limits.GUESS_FREE + 2)]
        assert codes[:limits.GUESS_FREE + 1] == [403] * (limits.GUESS_FREE + 1) and codes[-1] == 429


def test_a_short_or_common_admin_token_is_warned_about_at_start(capsys):
    import app
    from web.settings import WebSettings

    for weak in ("secret123", "admin", "short-token"):
        app.warn_weak_token(WebSettings.resolve(admin_token=weak))
        assert "admin token is weak" in capsys.readouterr().err
    app.warn_weak_token(WebSettings.resolve(admin_token="k3Jx9-pQ2mZr7TwLq0aVb8"))
    app.warn_weak_token(WebSettings.resolve())  # a generated one is strong
    assert capsys.readouterr().err == ""


def set_cookie(url, token, **headers):
    r = httpx.post(url + "/api/admin-cookie", json={"token": token}, headers=headers, timeout=60)
    assert r.status_code == 204, r.text
    return r


def test_the_admin_cookie_is_httponly_and_never_holds_the_token(server):
    r = set_cookie(server, ADMIN_TOKEN)
    raw = r.headers["set-cookie"]
    assert "HttpOnly" in raw and "samesite=strict" in raw.lower() and "Secure" not in raw
    value = r.cookies["assistant_admin"]
    assert ADMIN_TOKEN not in raw and value
    upload = {"files": ("ke_hoach.txt", b"KE HOACH\n", "text/plain")}
    ok = httpx.post(server + "/gradio_api/upload", files=upload, cookies={"assistant_admin": value}, timeout=60)
    assert ok.status_code == 200, ok.text
    # the raw token in the cookie is no credential (a script that read the cookie got nothing)
    raw_cookie = httpx.post(server + "/gradio_api/upload", files=upload, timeout=60,
                            cookies={"assistant_admin": ADMIN_TOKEN})
    assert raw_cookie.status_code == 403
    cleared = set_cookie(server, "")
    assert "Max-Age=0" in cleared.headers["set-cookie"]


def test_the_admin_cookie_is_secure_behind_https_only_when_the_proxy_is_trusted(web_bot):
    from web.guards import Limits
    from web.settings import WebSettings

    def secure(trust, scheme="http", proto=None):
        headers = [(b"x-forwarded-proto", proto.encode())] if proto else []
        return Limits(WebSettings(trust_proxy=trust)).secure({"type": "http", "scheme": scheme, "headers": headers})

    assert secure(False, "https") and secure(True, proto="https")
    assert not secure(False, proto="https") and not secure(True) and not secure(True, proto="http")
    # Live: uvicorn's own proxy-header handling (FORWARDED_ALLOW_IPS, loopback by default) or
    # --trust-proxy makes the request https, and the cookie Secure; plain http leaves it off.
    with serve(web_bot, trust_proxy=True) as url:
        assert "Secure" in set_cookie(url, ADMIN_TOKEN, **{"X-Forwarded-Proto": "https"}).headers["set-cookie"]
        assert "Secure" not in set_cookie(url, ADMIN_TOKEN).headers["set-cookie"]


def private_names(url: str) -> list[str]:
    config = httpx.get(url + "/config", timeout=60).json()
    assert config["dependencies"]
    return [d["api_name"] for d in config["dependencies"]
            if d.get("api_name") and d.get("api_visibility") != "public" and d.get("backend_fn")]


def test_only_ask_answers_anonymous_named_calls_through_gradio(server):
    names = private_names(server)
    assert "do_ingest" in names and any(n.startswith("lambda") for n in names)
    for name in names:
        for route in ("api", "call", "run"):
            r = httpx.post(f"{server}/gradio_api/{route}/{name}", json={"data": []}, timeout=60)
            assert r.status_code == 404, (route, name, r.text)
            assert "the public API is /ask" in r.json()["error"]["message"]
    chat = private_names(server + "/chat")  # the chat widget's own mount: the same rule
    assert chat and all(httpx.post(f"{server}/chat/gradio_api/api/{name}", json={"data": []},
                                   timeout=60).status_code == 404 for name in chat)
    asked = {"data": ["Kon Tum's 2030 target for social housing", None, None]}
    # /ask is public through the queue (the direct .../api/ask skips it, so it is closed: api_open=False)
    assert httpx.post(server + "/gradio_api/api/ask", json=asked, timeout=60).status_code in (403, 404)
    r = httpx.post(server + "/gradio_api/call/ask", json=asked, timeout=60)
    assert r.status_code == 200, r.text
    events = httpx.get(f"{server}/gradio_api/call/ask/{r.json()['event_id']}", timeout=120)
    assert "221.009" in events.text


def test_admin_handlers_need_the_admin_credential_at_the_door(server):
    body = {"data": [None, "guess", "en"], "fn_index": dependency(server, "do_ingest"),
            "session_hash": uuid.uuid4().hex}
    r = httpx.post(server + "/gradio_api/queue/join", json=body, timeout=60)
    assert r.status_code == 403 and "admin token missing" in r.json()["error"]["message"]


# ---- 5, 6. what the docs and the help say ---------------------------------------------------------
ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("env, field", [
    ("ASSISTANT_MAX_BODY", "max_body"), ("ASSISTANT_FEEDBACK_PER_MINUTE", "feedback_per_minute"),
    ("ASSISTANT_FEEDBACK_MAX_ROWS", "feedback_max_rows"), ("ASSISTANT_FEEDBACK_MAX_MB", "feedback_max_mb"),
    ("ASSISTANT_MAX_WAIT", "max_wait"), ("ASSISTANT_WORKERS", "workers"),
])
def test_the_threat_model_lists_each_limit_with_its_setting_and_default(env, field, monkeypatch):
    from web.settings import WebSettings

    monkeypatch.delenv(env, raising=False)
    rows = [line for line in (ROOT / "docs" / "threat-model.md").read_text(encoding="utf-8").splitlines()
            if line.startswith("|") and f"`{env}`" in line]
    default = getattr(WebSettings.resolve(), field)
    said = f"{int(default):,}" if default == int(default) else f"{default:g}"
    assert rows and any(said in row for row in rows), (env, said)


def test_the_admin_token_help_and_the_docs_say_where_the_token_goes():
    import app

    help_text = " ".join(app.build_parser().format_help().split())
    row = next(line for line in (ROOT / "docs" / "web.md").read_text(encoding="utf-8").splitlines()
               if line.startswith("| `--admin-token`"))
    for said in (help_text, row):
        assert "HOME/web/admin-token" in said and "printed at start" not in said


def test_the_admin_cookie_outlives_a_restart_and_its_key_is_private(web_bot):
    with serve(web_bot) as url:
        value = set_cookie(url, ADMIN_TOKEN).cookies["assistant_admin"]
    key = Path(web_bot.settings.home) / "web" / "cookie-key"
    assert key.stat().st_mode & 0o777 == 0o600
    with serve(web_bot) as url:  # an admin page left open across a restart keeps working
        r = httpx.post(url + "/gradio_api/upload", files={"files": ("a.txt", b"KE HOACH\n", "text/plain")},
                       cookies={"assistant_admin": value}, timeout=60)
        assert r.status_code == 200, r.text


def test_feedback_through_the_ui_counts_against_the_same_rate(web_bot, frozen):
    """The chat's thumbs and comment box store feedback too: a raw queue call to them is held
    to the per-caller rate of POST /api/feedback."""
    with serve(web_bot, feedback_per_minute=2) as url:
        like, comment = dependency(url, "on_like"), dependency(url, "on_comment")

        def call(fn_index):
            body = {"data": [[], "vi"], "fn_index": fn_index, "session_hash": uuid.uuid4().hex}
            return httpx.post(url + "/gradio_api/queue/join", json=body, timeout=60)

        assert [call(like).status_code, call(comment).status_code] == [200, 200]
        refused = call(like)
        assert refused.status_code == 429 and refused.headers["retry-after"]
        assert "too much feedback" in refused.json()["error"]["message"]
        frozen["now"] += 61
        assert call(comment).status_code == 200
