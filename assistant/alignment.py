"""English words the glossary does not know, matched to the documents' own Vietnamese words by the vectors.

The index keeps every word of two or more syllables its documents use, with its vector
(``index/term_vectors.py``), and the vectors of the 30,000 most common English words (``index/english_words.py``).
An English question's unread words ("insurance", "interview") are looked up among the English ones (embedded as
passages, no query prefix: a word meets a word) and each is matched to its nearest Vietnamese word by **CSLS**
(cross-domain similarity local scaling, Conneau et al. 2018): ``2·cos(e, v) − r(e) − r(v)``, where ``r(e)`` is
the mean cosine of the English word to its ``K`` nearest Vietnamese words and ``r(v)`` that of the Vietnamese
word to its ``K`` nearest English terms of the glossary. Plain cosines with e5-small sit at 0.86–0.92 for nearly
any pair, and a few "hub" words are near everything ("a khoản", "đồ vật"); CSLS takes each side's neighbourhood
off, so what is left says which word is *this* word's:

    insurance → bảo hiểm (0.046)     quickly → nhanh chóng (0.050)     interview → phỏng vấn
    internal → nội bộ (0.065)        sports → thể thao (0.059)         around → bên cạnh (0.046, wrong)
    covered → lau chùi (0.001, refused)

A match is a *rendering the answering may find*, never a gate: a source gets the word's credit only where its
own text holds the Vietnamese word (``scoring.cross_lingual``), and BM25 is asked with it beside the
question. A wrong match costs a search term; a right one turns a word the vectors could only guess at into
one the source states. ``ALIGN_MIN`` is fitted on qa2-tune (figures beside it).

Words are looked up, never embedded while the question waits: embedding them cost English questions 15–20 ms
(~3.6 ms a word on two cores, and the embedder's threads then contend with the search's own query vector),
and on the English questions of tune, qa3 and qa4 with half the glossary dropped (``bench/glossary_ablation.py``)
embedding the words outside the list and the pairs of words ("social security") as well gained nothing: 102 / 105
(seeds 1 / 2) either way, 103 / 105 looking up twelve words instead of six.
"""
from __future__ import annotations

import threading

import numpy as np

from ground.blas import one_blas_thread

from .question.glossary import GLOSSARY
from .question.glossary_acts import ACT_WORDS

K = 10  # neighbours on each side whose mean cosine is taken off (CSLS)
RENDERINGS = 1  # Vietnamese words kept per English word, best first, as alternatives
CANDIDATES = 64  # a word's nearest Vietnamese words by plain cosine whose CSLS is computed
# words matched per question, its longest first (a long English word is rarely a question's frame: "confirming" over
# "take"); 12 and 6 measured (above)
MAX_WORDS = 12
# Fitted on qa2-tune with every vector (reference scorer):
ALIGN_MIN = 0.02

# The English neighbourhood of CSLS: the glossary's terms before the acts' words joined it (twenty-fifth sitting).
# ``ALIGN_MIN`` was fitted against these; ~300 more verbs and nouns raise many Vietnamese words' hubness and drop
# right matches under it ("related" → "liên quan": 0.022 → under 0.02), so the neighbourhood stays as fitted.
REFERENCE = sorted(t for t in GLOSSARY if t not in ACT_WORDS)
_reference: dict[str, np.ndarray] = {}  # embedder name → the glossary's English terms embedded (once a process)
_reference_lock = threading.Lock()


def _english_reference(embedder) -> np.ndarray:
    """The glossary's English terms as vectors: the English neighbourhood a Vietnamese word's hubness is
    measured in (~360 short phrases, about a second, once a process)."""
    with _reference_lock:
        if embedder.name not in _reference:
            _reference[embedder.name] = np.asarray(embedder.embed(REFERENCE), dtype=np.float32)
        return _reference[embedder.name]


class Aligner:
    """``aligner(words) -> {english word: (vietnamese word, CSLS)}`` for the index's vocabulary; {} before the
    vector pass has read the documents' words and the English ones (a home answering at once).

    Matching a few words costs a product with the whole vocabulary (1.5 ms a word at ~12,000 words on one
    thread, 6 ms for five), so every common English word is matched once per version of the vocabulary, when
    the app starts (``warm``) or, after a pass added words, on a thread of its own (8 s at 30,000 × 12,000);
    meanwhile a question's words are matched as it comes, with the same result."""

    def __init__(self, terms, english, embedder):
        # ``terms.vocabulary()``: the documents' words and vectors; ``english.lookup(words)``: the common English
        # words' vectors; ``embedder``: the glossary's English terms are embedded with it once a process (hubness)
        self.terms, self.english, self.embedder = terms, english, embedder
        self._hub: tuple[np.ndarray, np.ndarray] | None = None  # (the vocabulary's matrix, its words' hubness)
        self._hub_lock = threading.Lock()
        # (vocabulary matrix, English matrix, {English word: match}) for every common English word that matches
        self._table: tuple[np.ndarray, np.ndarray, dict[str, tuple[str, float]]] | None = None
        self._table_lock = threading.Lock()  # held by the one thread making the table

    def __call__(self, words: list[str]) -> dict[str, tuple[str, float]]:
        """Each word's best Vietnamese word and its CSLS, where it reaches ``ALIGN_MIN``."""
        words = sorted(dict.fromkeys(words), key=len, reverse=True)[:MAX_WORDS]
        vocab = self.terms.vocabulary()
        if not words or vocab is None or len(vocab[0]) < K:
            return {}
        names, matrix = vocab
        english = self.english.matrix()
        if not english[0]:
            return {}
        table = self._table
        if table is not None and table[0] is matrix and table[1] is english[1]:
            return {w: table[2][w] for w in words if w in table[2]}
        self._table_later()
        found = self.english.lookup(words)
        if not found:
            return {}
        hub = self._hubness(matrix)
        with one_blas_thread():  # BLAS's spinning second thread would slow the search's embedder next (ground/blas.py)
            return align(list(found), names, matrix, np.vstack(list(found.values())), hub)

    def warm(self) -> None:
        """Embed the English reference, measure the vocabulary's hubness and match every common English word now
        (~12 s at 12,000 words and 30,000 English words), not at the first English questions (``Assistant.warm_up``,
        the app's start)."""
        self._make_table(wait=True)

    def _table_later(self) -> None:
        if not self._table_lock.locked():
            threading.Thread(target=self._make_table, name="word-alignment", daemon=True).start()

    def _make_table(self, wait: bool = False) -> None:
        if not self._table_lock.acquire(blocking=wait):
            return  # another thread is making it
        try:
            vocab = self.terms.vocabulary()
            english_words, english = self.english.matrix()
            if vocab is None or len(vocab[0]) < K or not english_words:
                return
            names, matrix = vocab
            if self._table is not None and self._table[0] is matrix and self._table[1] is english:
                return
            hub = self._hubness(matrix)
            table: dict[str, tuple[str, float]] = {}
            with one_blas_thread():
                for start in range(0, len(english_words), 1024):
                    table.update(align(english_words[start:start + 1024], names, matrix,
                                       english[start:start + 1024], hub))
            self._table = (matrix, english, table)
        finally:
            self._table_lock.release()

    def _hubness(self, matrix: np.ndarray) -> np.ndarray:
        """``hubness(matrix, reference)`` of this vocabulary, computed once per version of it (a second or two
        at ~12,000 words; then a question's words cost a row of cosines each, not a pass over the reference)."""
        with self._hub_lock:
            if self._hub is None or self._hub[0] is not matrix:
                reference = _english_reference(self.embedder)
                with one_blas_thread():
                    self._hub = (matrix, hubness(matrix, reference))
            return self._hub[1]


def hubness(matrix: np.ndarray, reference: np.ndarray, block: int = 4096) -> np.ndarray:
    """``r(v)`` of every Vietnamese word: the mean cosine to its ``K`` nearest English reference terms (in blocks
    of words, so the cosines never all sit in memory at once)."""
    k = min(K, len(reference))
    out = np.empty(len(matrix), dtype=np.float32)
    for start in range(0, len(matrix), block):
        near = reference @ matrix[start:start + block].T  # (reference terms, words of the block)
        out[start:start + block] = np.partition(near, len(reference) - k, axis=0)[-k:].mean(axis=0)
    return out


def align(words: list[str], names: list[str], matrix: np.ndarray, vectors: np.ndarray,
          hub: np.ndarray) -> dict[str, tuple[str, float]]:
    """Each English word's best Vietnamese word by CSLS, with its score, where it reaches ``ALIGN_MIN``;
    ``hub``: each word's ``r(v)`` (``hubness``).

    >>> v = np.eye(12, dtype=np.float32)        # twelve words, each its own direction
    >>> e = v[[3]] * 0.9 + v[[5]] * 0.1          # an English word nearest to word 3
    >>> names = [f"w{i}" for i in range(12)]
    >>> {p: w for p, (w, _) in align(["x"], names, v, e / np.linalg.norm(e), hubness(v, v)).items()}
    {'x': 'w3'}
    """
    sims = vectors @ matrix.T  # (words, vocabulary)
    k = min(K, matrix.shape[0])
    r_e = np.partition(sims, sims.shape[1] - k, axis=1)[:, -k:].mean(axis=1)
    out: dict[str, tuple[str, float]] = {}
    for i, word in enumerate(words):
        cand = np.argpartition(-sims[i], min(CANDIDATES, sims.shape[1]) - 1)[:CANDIDATES]
        csls = 2 * sims[i, cand] - r_e[i] - hub[cand]
        order = [j for j in np.argsort(-csls)[:RENDERINGS] if csls[j] >= ALIGN_MIN]
        if order:  # the best few: "notify" is "thông báo" at -0.003, "head" "cơ thể" at 0.022
            out[word] = ("|".join(names[cand[j]] for j in order), float(csls[order[0]]))
    return out
