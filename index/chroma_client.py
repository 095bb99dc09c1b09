"""Chroma clients: embedded in the index folder, or a server reached over HTTP.

A server that is down or hangs must become a message a person can act on, never a
hung question: requests are bounded (ASSISTANT_CHROMA_TIMEOUT, default 30 s) and
connection failures are raised as ``StoreUnavailableError`` naming ``chroma run``.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

from ground.errors import IndexCorruptError, StoreUnavailableError

# chromadb keeps one system per folder and builds it unguarded: two threads opening the same
# folder at once (a question, the vector pass, the memory load) meet a half-made one (KeyError).
_OPENING = threading.Lock()


def release_clients() -> None:
    """Forget Chroma clients cached by path: after a swap the same path holds new files."""
    try:
        from chromadb.api.client import SharedSystemClient

        with _OPENING:
            SharedSystemClient.clear_system_cache()
    except Exception:  # noqa: BLE001 - nothing cached, or an older chromadb
        pass


def open_client(folder: Path, url: str | None):
    """A Chroma client: HTTP to ``url`` (checked with a heartbeat), else embedded in ``folder``."""
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    import chromadb
    from chromadb.config import Settings

    settings = Settings(anonymized_telemetry=False)
    if url:
        from urllib.parse import urlparse

        u = urlparse(url if "://" in url else f"http://{url}")
        timeout = float(os.environ.get("ASSISTANT_CHROMA_TIMEOUT") or 30)
        try:
            # chromadb's client makes its first request in its constructor, with no timeout: ask
            # once ourselves, bounded, so a hung server is reported instead of hanging the start.
            import httpx

            httpx.get(f"{u.scheme or 'http'}://{u.hostname or '127.0.0.1'}:{u.port or 8000}/api/v2/heartbeat",
                      timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)))
            client = chromadb.HttpClient(host=u.hostname or "127.0.0.1", port=u.port or 8000,
                                         ssl=u.scheme == "https", settings=settings)
            _set_timeout(client, timeout)
            client.heartbeat()
        except Exception as err:
            if is_connection_error(err):
                raise StoreUnavailableError(down_message(url)) from err
            raise
        return client
    return chromadb.PersistentClient(path=str(folder / "chroma"), settings=settings)


def _set_timeout(client, seconds: float) -> None:
    """chromadb's HTTP client waits forever (httpx timeout=None): a hung server would hang every
    question. Bound each request, so a stalled server becomes a StoreUnavailableError."""
    try:
        import httpx

        client._server._session.timeout = httpx.Timeout(seconds, connect=min(seconds, 5.0))
    except Exception:  # noqa: BLE001 - another chromadb layout: keep its default
        pass


def open_collection(folder: Path, url: str | None, name: str):
    try:
        with _OPENING:
            client = open_client(folder, url)
            return client.get_or_create_collection(name, metadata={"hnsw:space": "cosine"})
    except Exception as err:
        if url and is_connection_error(err):
            raise StoreUnavailableError(down_message(url)) from err
        raise IndexCorruptError(f"không mở được Chroma ({err}). Cannot open the vector store at "
                                f"{url or folder / 'chroma'}: rebuild with `python -m assistant index --rebuild`") from err


def is_connection_error(err: Exception) -> bool:
    text = f"{type(err).__name__} {err}".lower()
    return any(w in text for w in ("connect", "timeout", "refused", "unavailable", "could not"))


def down_message(url: str | None) -> str:
    return (f"máy chủ Chroma {url} không phản hồi. The Chroma server at {url} is not reachable or did not "
            "answer in time (ASSISTANT_CHROMA_TIMEOUT, default 30 s): start or restart it "
            "(`chroma run --path DIR --port PORT`) or unset ASSISTANT_CHROMA_URL to use the embedded store.")
