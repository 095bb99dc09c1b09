"""One FastAPI application: the JSON/OpenAI API, the embed pages, and the Gradio UI mounted
at "/" — so one port, one process, one loaded index serve everything.
"""
from __future__ import annotations

import logging
from pathlib import Path

import gradio as gr
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import api, embed, openai_api
from .errors import install_error_handlers
from .guards import Guards, Limits
from .layout import COOKIE_JS, CSS, JUMP_JS
from .limits import BodyLimit
from .service import Service
from .settings import WebSettings
from .ui import build_ui

log = logging.getLogger("web")

UI_PATH = "/"
CHAT_PATH = "/chat"  # the chat-only UI for iframes and <gradio-app> on other pages
MAX_UPLOAD = "50mb"  # a scanned plan is a few MB; anything far larger is a mistake or an attack
# The upload route's body limit: the file cap plus room for the multipart framing around it.
UPLOAD_BODY_LIMIT = 50 * 1024 * 1024 + 1_000_000


class SecurityHeaders:
    """Adds frame-ancestors (who may put the UI in an iframe) and nosniff to every response.

    Only ``frame-ancestors`` is set, not a full CSP: Gradio's frontend needs inline styles and
    dynamic imports that a strict script policy would break, while framing is what matters for
    embedding. Pure ASGI rather than BaseHTTPMiddleware so streamed answers are not buffered.
    """

    def __init__(self, app: ASGIApp, origins: list[str]):
        self.app = app
        self.csp = "frame-ancestors " + " ".join(["'self'", *origins])

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Content-Security-Policy"] = self.csp
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
            await send(message)

        await self.app(scope, receive, with_headers)


def theme() -> gr.themes.Base:
    """System fonts: Gradio's bundled web fonts are Latin subsets, and Vietnamese diacritics fall
    back glyph by glyph into a patchwork; Segoe UI/Arial (office PCs) and DejaVu/Noto cover them."""
    sans = ["system-ui", "Segoe UI", "Roboto", "Noto Sans", "Arial", "DejaVu Sans", "sans-serif"]
    mono = ["ui-monospace", "Consolas", "Noto Sans Mono", "DejaVu Sans Mono", "monospace"]
    return gr.themes.Default(font=sans, font_mono=mono)


def create_app(bot, web: WebSettings | None = None, home: Path | str | None = None) -> FastAPI:
    """Build the whole server around a loaded assistant (``bot``)."""
    web = web or WebSettings.resolve()
    home = Path(home or bot.settings.home)
    service = Service(bot, web, home)
    app = FastAPI(title="Trợ lý tra cứu văn bản chính sách / Policy documents assistant API", version="1.0",
                  docs_url="/api/docs", redoc_url=None, openapi_url="/api/openapi.json")
    app.state.service = service
    install_error_handlers(app)
    # Always installed, even with no origins: Gradio adds its own, looser CORS headers to the
    # mounted UI unless the parent app has a CORSMiddleware (see gradio.mount_gradio_app).
    app.add_middleware(CORSMiddleware, allow_origins=web.allowed_origins, allow_credentials=False,
                       allow_methods=["GET", "POST", "OPTIONS"],
                       allow_headers=["Authorization", "Content-Type", "X-API-Key"])
    app.add_middleware(SecurityHeaders, origins=web.allowed_origins)
    limits = app.state.limits = Limits(web, home / "web" / "cookie-key")
    service.feedback.max_rows, service.feedback.max_bytes = web.feedback_max_rows, int(web.feedback_max_mb * 1e6)
    blocks: dict = {}  # mount path → Blocks, for the guard's door on Gradio's calls
    app.state.gradio_blocks = blocks
    # File routes, Gradio calls and admin credentials are checked before anything parses them…
    app.add_middleware(Guards, is_admin=service.is_admin, limits=limits, blocks=blocks, chat_prefix=CHAT_PATH)
    # …and outermost, every body is counted as it streams, whatever its transfer encoding.
    app.add_middleware(BodyLimit, limit=web.max_body, upload_limit=UPLOAD_BODY_LIMIT)
    # API routes are registered before the UI mount at "/", so they take precedence over it.
    app.include_router(api.router)
    app.include_router(openai_api.router)
    app.include_router(embed.router)
    app.include_router(api.fallback)
    app.state.api_routes = [r for router in (api.router, openai_api.router, embed.router) for r in router.routes]

    eval_reports = home / "web" / "eval"
    eval_reports.mkdir(parents=True, exist_ok=True)
    common = dict(server_name=web.host, server_port=web.port, auth=web.ui_auth or None,
                  auth_message="Trợ lý tra cứu văn bản chính sách — đăng nhập / sign in", max_file_size=MAX_UPLOAD,
                  show_error=False, footer_links=["api"], run_history=False, css=CSS, ssr_mode=False,
                  theme=theme())
    # /chat before /: a mount at "/" would otherwise swallow every path under it.
    for path, chat_only in ((CHAT_PATH, True), (UI_PATH, False)):
        demo = build_ui(service, embed=chat_only)
        # The bounded line is the service's Gate (shared with the API); Gradio's own queue only
        # needs to hand questions over to it, and a cap so it cannot grow without end.
        # api_open=False: Gradio's direct route (POST …/api/ask) skips the queue and answers every
        # error, a too-long question included, with a 500; callers use the queue (…/call/ask) or /api/ask.
        demo.queue(default_concurrency_limit=2, max_size=256, api_open=False)
        blocks[path] = demo
        public = (web.root_path + (path if path != "/" else "")) or None
        gr.mount_gradio_app(app, demo, path=path, root_path=public, head=JUMP_JS + ("" if chat_only else COOKIE_JS),
                            allowed_paths=[] if chat_only else [str(eval_reports)], **common)
    return app
