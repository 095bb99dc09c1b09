"""Server settings: flags beat environment variables, which beat safe defaults.

    ASSISTANT_WEB_HOST         bind address                 (default 127.0.0.1: loopback only)
    ASSISTANT_WEB_PORT         port                         (default 7860)
    ASSISTANT_ROOT_PATH        public path prefix behind a reverse proxy, e.g. /assistant
    ASSISTANT_ALLOWED_ORIGINS  comma-separated origins allowed to call the API (CORS) and to
                               frame the UI (CSP frame-ancestors); default none: same origin only
    ASSISTANT_API_KEY          key for /api/* and /v1/* (Bearer or X-API-Key); default: no key
    ASSISTANT_UI_AUTH          "user:password[,user2:password2]" login for the web UI
    ASSISTANT_ADMIN_TOKEN      token for upload/remove/evaluation/feedback export; when unset a
                               random one is made at start and written to HOME/web/admin-token
                               (mode 600; only that path is printed); a weak one is warned about
    ASSISTANT_UI_LANG          "vi" (default) or "en"
    ASSISTANT_WORKERS          answers computed at once (default 2: answering is CPU-bound)
    ASSISTANT_MAX_WAIT         seconds a question may expect to wait in line before it is
                               refused with 503 + Retry-After (default 10)
    ASSISTANT_MAX_BODY         bytes a request body may have, counted as it streams (chunked
                               included), on every route but the upload (default 1000000)
    ASSISTANT_FEEDBACK_PER_MINUTE  feedback posts per caller per minute (default 10)
    ASSISTANT_FEEDBACK_MAX_ROWS    feedback rows kept before new ones are refused (default 20000)
    ASSISTANT_FEEDBACK_MAX_MB      feedback database size before new rows are refused (default 200)
    ASSISTANT_TRUST_PROXY      "1": the reverse proxy's X-Forwarded-For / X-Forwarded-Proto are
                               believed (caller address for the limits, https for the cookie);
                               default 0, since anyone could send those headers

The assistant's own settings (home, corpus, embedder, Chroma) stay in ``assistant.config``.
"""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ground.errors import ConfigError

LANGS = ("vi", "en")


@dataclass
class WebSettings:
    host: str = "127.0.0.1"
    port: int = 7860
    root_path: str = ""
    allowed_origins: list[str] = field(default_factory=list)
    api_key: str | None = None
    ui_auth: list[tuple[str, str]] = field(default_factory=list)
    admin_token: str = ""
    admin_token_generated: bool = False  # so the console can say where the token came from
    lang: str = "vi"
    workers: int = 2
    max_wait: float = 10.0
    max_body: int = 1_000_000
    feedback_per_minute: int = 10
    feedback_max_rows: int = 20_000
    feedback_max_mb: float = 200.0
    trust_proxy: bool = False

    @classmethod
    def resolve(cls, host=None, port=None, root_path=None, allowed_origins=None, api_key=None,
                ui_auth=None, admin_token=None, lang=None, workers=None, max_wait=None, max_body=None,
                feedback_per_minute=None, feedback_max_rows=None, feedback_max_mb=None,
                trust_proxy=None) -> WebSettings:
        env = os.environ

        def pick(value, name, default):
            return value if value is not None else env.get(name, default)
        token = admin_token or env.get("ASSISTANT_ADMIN_TOKEN") or ""
        s = cls(
            host=host or env.get("ASSISTANT_WEB_HOST") or "127.0.0.1",
            port=_port(port if port is not None else env.get("ASSISTANT_WEB_PORT", 7860)),
            root_path=_root_path(root_path if root_path is not None else env.get("ASSISTANT_ROOT_PATH", "")),
            allowed_origins=_origins(allowed_origins if allowed_origins is not None
                                     else env.get("ASSISTANT_ALLOWED_ORIGINS", "")),
            api_key=api_key or env.get("ASSISTANT_API_KEY") or None,
            ui_auth=_auth(ui_auth if ui_auth is not None else env.get("ASSISTANT_UI_AUTH", "")),
            # An unguessable token by default: admin actions are never open just because nobody set one.
            admin_token=token or secrets.token_urlsafe(18),
            admin_token_generated=not token,
            lang=(lang or env.get("ASSISTANT_UI_LANG") or "vi").lower(),
            workers=int(_number(workers if workers is not None else env.get("ASSISTANT_WORKERS", 2),
                                "workers", 1, 64, whole=True)),
            max_wait=_number(max_wait if max_wait is not None else env.get("ASSISTANT_MAX_WAIT", 10),
                             "max wait", 0.1, 3600),
            max_body=int(_number(pick(max_body, "ASSISTANT_MAX_BODY", 1_000_000), "max body", 1_000, 100_000_000,
                                 whole=True)),
            feedback_per_minute=int(_number(pick(feedback_per_minute, "ASSISTANT_FEEDBACK_PER_MINUTE", 10),
                                            "feedback per minute", 1, 10_000, whole=True)),
            feedback_max_rows=int(_number(pick(feedback_max_rows, "ASSISTANT_FEEDBACK_MAX_ROWS", 20_000),
                                          "feedback max rows", 1, 100_000_000, whole=True)),
            feedback_max_mb=_number(pick(feedback_max_mb, "ASSISTANT_FEEDBACK_MAX_MB", 200), "feedback max MB",
                                    1, 1_000_000),
            trust_proxy=_flag(pick(trust_proxy, "ASSISTANT_TRUST_PROXY", "0"), "trust proxy"),
        )
        if s.lang not in LANGS:
            raise ConfigError(f"ngôn ngữ giao diện '{s.lang}' không hỗ trợ; dùng vi hoặc en "
                              f"(UI language '{s.lang}' is not supported: use vi or en)")
        return s

    @property
    def loopback(self) -> bool:
        return self.host in ("127.0.0.1", "localhost", "::1")


def _port(value) -> int:
    try:
        port = int(value)
    except (TypeError, ValueError):
        port = -1
    if not 1 <= port <= 65535:
        raise ConfigError(f"cổng '{value}' không hợp lệ; dùng số 1–65535 (port '{value}' is not 1–65535)")
    return port


def _number(value, what: str, lo: float, hi: float, whole: bool = False) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = float("nan")
    if not lo <= number <= hi or (whole and number != int(number)):
        kind = "số nguyên" if whole else "số"
        raise ConfigError(f"{what} '{value}' không hợp lệ; dùng {kind} từ {lo:g} đến {hi:g} "
                          f"({what} '{value}' must be a {'whole ' if whole else ''}number from {lo:g} to {hi:g})")
    return number


def _flag(value, what: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("", "0", "false", "no", "off"):
        return False
    raise ConfigError(f"{what} '{value}' không hợp lệ; dùng 1 hoặc 0 ({what} '{value}' must be 1 or 0)")


# Tokens a guesser tries first; a token that is one of these, or short, gets a warning at start.
COMMON_TOKENS = {"secret", "secret1", "secret12", "secret123", "secret1234", "password", "password1",
                 "password123", "admin", "admin123", "administrator", "changeme", "letmein", "qwerty",
                 "12345678", "123456789", "1234567890", "token", "test", "default", "matkhau", "quantri"}
MIN_TOKEN_CHARS = 16


def weak_token(token: str) -> str | None:
    """Why ``token`` is weak (short, common, one repeated character), or None.

    >>> weak_token("secret123")
    'it is a common password'
    >>> weak_token("k3Jx9-pQ2mZr7TwLq0aV") is None
    True
    """
    low = (token or "").strip().lower()
    if low in COMMON_TOKENS or low.rstrip("0123456789!") in COMMON_TOKENS:
        return "it is a common password"
    if len(low) < MIN_TOKEN_CHARS:
        return f"it has fewer than {MIN_TOKEN_CHARS} characters"
    if len(set(low)) <= 3:
        return "it repeats too few characters"
    return None


def _root_path(value: str) -> str:
    value = (value or "").strip()
    if not value or value == "/":
        return ""
    if value.startswith(("http://", "https://")):
        raise ConfigError(f"root path '{value}' phải là đường dẫn như /assistant, không phải URL "
                          f"(the root path is a path such as /assistant, not a URL)")
    return "/" + value.strip("/")


def _origins(value) -> list[str]:
    items = value if isinstance(value, (list, tuple)) else str(value or "").split(",")
    out = []
    for item in (str(i).strip().rstrip("/") for i in items):
        if not item:
            continue
        parts = urlsplit(item)
        # An origin is scheme://host[:port] and nothing else; a path here is a common copy-paste slip.
        if item != "*" and (parts.scheme not in ("http", "https") or not parts.netloc or parts.path):
            raise ConfigError(f"origin '{item}' không hợp lệ; dạng đúng: https://intranet.example.gov.vn "
                              f"(origin '{item}' must look like https://intranet.example.gov.vn)")
        out.append(item)
    return out


def _auth(value) -> list[tuple[str, str]]:
    items = value if isinstance(value, (list, tuple)) else str(value or "").split(",")
    out = []
    for item in (str(i).strip() for i in items):
        if not item:
            continue
        user, sep, password = item.partition(":")
        if not sep or not user or not password:
            raise ConfigError("đăng nhập giao diện phải có dạng user:password "
                              "(UI login must be given as user:password)")
        out.append((user, password))
    return out
