"""The last steps of the vector pass: the words an English question is matched through (``assistant/alignment.py``).

First the documents' own Vietnamese words (``term_vectors.py``), each new one embedded once, then the common
English words (``english_words.py``) once per index. Both serve only English questions whose words the glossary
does not read, so they come after every chunk and unit vector: a document is answerable before them.
"""
from __future__ import annotations

import time

import numpy as np

from ground.errors import IndexBusyError

from .batching import batches, progress_bar
from .english_words import wanted_count
from .term_vectors import document_words

TERM_DOCS = 32  # documents whose new words are embedded and stored together (a stop loses at most these)
ENGLISH_STEP = 4096  # English words embedded and stored together (a stop loses at most these)


def embed_words(store, embedder, guard, stop, progress: bool, out) -> None:
    """The documents' words, then the English words; ``out`` (``build.EmbedResult``) counts them and says
    whether the pass was stopped (``stop()``) or its store swapped meanwhile."""
    t0 = time.perf_counter()
    try:
        _document_words(store, embedder, guard, stop, progress, out)
        if not out.stopped:
            _english_words(store, embedder, guard, stop, progress, out)
    finally:
        out.unit_seconds += time.perf_counter() - t0


def _embed(embedder, words: list[str], stop) -> np.ndarray | None:
    """The words' vectors, or None when ``stop()`` asked the pass to end."""
    vectors = []
    for batch in batches(words):
        if stop and stop():
            return None
        vectors.append(np.asarray(embedder.embed(batch), dtype=np.float32))
    return np.vstack(vectors) if vectors else np.zeros((0, embedder.dim), dtype=np.float32)


def _store(guard, store, files: str, *args) -> bool:
    """``target.<files>.add(*args)`` under the write guard; False where the index was rebuilt meanwhile (the
    caller stops)."""
    with guard() as target:
        if (target.folder, target.build_id) != (store.folder, store.build_id):
            return False
        getattr(target, files).add(*args)
        return True


def _document_words(store, embedder, guard, stop, progress: bool, out) -> None:
    todo = store.terms.missing(list(store.manifest.get("documents", {})))
    if not todo:
        return
    have = set(store.terms.known()[0])
    bar = progress_bar(len(todo), "Từ vựng / words", progress, unit="văn bản")
    try:
        for start in range(0, len(todo), TERM_DOCS):
            ids, new = [], []
            for doc_id in todo[start:start + TERM_DOCS]:
                try:
                    doc = store.load_document(doc_id)
                except IndexBusyError:  # removed or replaced by another process meanwhile: not read
                    continue
                ids.append(doc_id)
                new += sorted(w for w in document_words(doc) if w not in have)
                have.update(new)
            vectors = _embed(embedder, new, stop)
            if vectors is None:
                out.stopped = True
                return
            if not _store(guard, store, "terms", ids, new, vectors):
                out.stopped = True
                return
            out.terms += len(new)
            bar.update(len(todo[start:start + TERM_DOCS]))
    finally:
        bar.close()


def _english_words(store, embedder, guard, stop, progress: bool, out) -> None:
    todo = store.english.missing(wanted_count())
    if not todo:
        return
    bar = progress_bar(len(todo), "Từ tiếng Anh / English words", progress, unit="từ")
    try:
        for start in range(0, len(todo), ENGLISH_STEP):
            words = todo[start:start + ENGLISH_STEP]
            vectors = _embed(embedder, words, stop)
            if vectors is None:
                out.stopped = True
                return
            if not _store(guard, store, "english", words, vectors):
                out.stopped = True
                return
            out.english += len(words)
            bar.update(len(words))
    finally:
        bar.close()
