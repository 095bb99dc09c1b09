"""English words the glossary does not know, matched to the documents' own Vietnamese words by the vectors.

The index keeps every word of two or more syllables its documents use, with its vector
(``index/term_vectors.py``). An English question's unread words ("insurance", "dossier") are embedded as
they are (passages, no query prefix: a word meets a word) and each is matched to its nearest Vietnamese
word by **CSLS** (cross-domain similarity local scaling, Conneau et al. 2018): ``2·cos(e, v) − r(e) − r(v)``,
where ``r(e)`` is the mean cosine of the English word to its ``K`` nearest Vietnamese words and ``r(v)`` that
of the Vietnamese word to its ``K`` nearest English terms of the glossary. Plain cosines with e5-small sit
at 0.86–0.92 for nearly any pair, and a few "hub" words are near everything ("a khoản", "đồ vật"); CSLS
takes each side's neighbourhood off, so what is left says which word is *this* word's:

    insurance → bảo hiểm (0.046)     social security → bảo hiểm xã hội (0.045)     quickly → nhanh chóng (0.050)
    interview → phỏng vấn            internal → nội bộ (0.065)                      sports → thể thao (0.059)
    around → bên cạnh (0.046, wrong) covered → lau chùi (0.001, refused)

A match is a *rendering the answering may find*, never a gate: a source gets the word's credit only where its
own text holds the Vietnamese word (``scoring.cross_lingual``), and BM25 is asked with it beside the
question. A wrong match costs a search term; a right one turns a word the vectors could only guess at into
one the source states. ``ALIGN_MIN`` is fitted on qa2-tune (figures beside it).
"""
from __future__ import annotations

import logging
import threading

import numpy as np

from .question.glossary import GLOSSARY

log = logging.getLogger(__name__)

K = 10  # neighbours on each side whose mean cosine is taken off (CSLS)
KEPT_PHRASES = 4096  # English phrases whose vectors are kept
RENDERINGS = 1  # Vietnamese words kept per English phrase, best first, as alternatives
CANDIDATES = 64  # a word's nearest Vietnamese words by plain cosine whose CSLS is computed
# phrases embedded per question, its longest words first, then their pairs: each costs ~6 ms of the embedder on
# two cores, however short (a question has 5 on average over the development sets' English, 10 at the 90th
# percentile)
MAX_PHRASES = 6
# Fitted on qa2-tune with every vector (reference scorer):
ALIGN_MIN = 0.02

_reference: dict[str, np.ndarray] = {}  # embedder name → the glossary's English terms embedded (once a process)
_reference_lock = threading.Lock()


def _english_reference(embedder) -> np.ndarray:
    """The glossary's English terms as vectors: the English neighbourhood a Vietnamese word's hubness is
    measured in (~360 short phrases, about a second, once a process)."""
    with _reference_lock:
        if embedder.name not in _reference:
            _reference[embedder.name] = np.asarray(embedder.embed(sorted(GLOSSARY)), dtype=np.float32)
        return _reference[embedder.name]


class Aligner:
    """``aligner(words) -> {english word: vietnamese word}`` for the index's vocabulary; {} before the
    vector pass has read the documents' words (a home answering at once)."""

    def __init__(self, terms, embedder, prefetch=None):
        self.terms, self.embedder = terms, embedder
        # ``prefetch(text)``: the search's query vector of the question, made on another thread while the phrases
        # are embedded (the embedder runs a call per core: the phrases then cost no time of their own)
        self.prefetch = prefetch
        self._kept: dict[str, np.ndarray] = {}  # phrase → vector, oldest first (shared by the questions of a load)
        self._hub: tuple[np.ndarray, np.ndarray] | None = None  # (the vocabulary's matrix, its words' hubness)
        self._hub_lock = threading.Lock()

    def __call__(self, phrases: list[str], alongside: str | None = None) -> dict[str, tuple[str, float]]:
        """Each phrase's best Vietnamese word and its CSLS, where it reaches ``ALIGN_MIN``; ``alongside``: the
        text the search will embed (``Question.vector_text``), prefetched beside the phrases."""
        # the longest words first (a long English word is rarely a question's frame: "confirming" over "take"),
        # then the pairs of those written side by side
        words = sorted((p for p in phrases if " " not in p), key=len, reverse=True)[:MAX_PHRASES]
        phrases = (words + [p for p in phrases if " " in p and set(p.split()) <= set(words)])[:MAX_PHRASES]
        if not phrases:
            return {}
        vocab = self.terms.vocabulary()
        if vocab is None or len(vocab[0]) < K:
            return {}
        names, matrix = vocab
        return align(phrases, names, matrix, self._vectors(phrases, alongside), self._hubness(matrix))

    def forget(self) -> None:
        """Drop the phrases' kept vectors (a benchmark timing every question as a new one)."""
        self._kept.clear()

    def warm(self) -> None:
        """Embed the English reference and measure the vocabulary's hubness now (3–4 s at ~12,000 words), not
        on the first English question (``Assistant.warm_up``, the app's start)."""
        vocab = self.terms.vocabulary()
        if vocab is not None and len(vocab[0]) >= K:
            self._hubness(vocab[1])

    def _hubness(self, matrix: np.ndarray) -> np.ndarray:
        """``hubness(matrix, reference)`` of this vocabulary, computed once per version of it (a second or two
        at ~12,000 words; then a question's phrases cost a row of cosines each, not a pass over the reference)."""
        with self._hub_lock:
            if self._hub is None or self._hub[0] is not matrix:
                self._hub = (matrix, hubness(matrix, _english_reference(self.embedder)))
            return self._hub[1]

    def _vectors(self, phrases: list[str], alongside: str | None = None) -> np.ndarray:
        """The phrases' vectors, each embedded once a process (the same English words recur in questions)."""
        todo = [p for p in dict.fromkeys(phrases) if p not in self._kept]
        beside = None
        if todo and alongside and self.prefetch is not None:
            beside = threading.Thread(target=self._prefetch, args=(alongside,), name="query-vector", daemon=True)
            beside.start()
        if todo:
            for p, v in zip(todo, np.asarray(self.embedder.embed(todo), dtype=np.float32), strict=True):
                if len(self._kept) >= KEPT_PHRASES:
                    self._kept.pop(next(iter(self._kept)))
                self._kept[p] = v
        if beside is not None:
            beside.join()
        return np.vstack([self._kept[p] for p in phrases])

    def _prefetch(self, text: str) -> None:
        try:
            self.prefetch(text)
        except Exception:  # noqa: BLE001 - the search asks again and reports what it finds (a server down …)
            log.debug("query vector not prefetched", exc_info=True)


def hubness(matrix: np.ndarray, reference: np.ndarray, block: int = 4096) -> np.ndarray:
    """``r(v)`` of every Vietnamese word: the mean cosine to its ``K`` nearest English reference terms (in blocks
    of words, so the cosines never all sit in memory at once)."""
    k = min(K, len(reference))
    out = np.empty(len(matrix), dtype=np.float32)
    for start in range(0, len(matrix), block):
        near = reference @ matrix[start:start + block].T  # (reference terms, words of the block)
        out[start:start + block] = np.partition(near, len(reference) - k, axis=0)[-k:].mean(axis=0)
    return out


def align(phrases: list[str], names: list[str], matrix: np.ndarray, vectors: np.ndarray,
          hub: np.ndarray) -> dict[str, tuple[str, float]]:
    """Each English phrase's best Vietnamese word by CSLS, with its score, where it reaches ``ALIGN_MIN``;
    ``hub``: each word's ``r(v)`` (``hubness``).

    >>> v = np.eye(12, dtype=np.float32)        # twelve words, each its own direction
    >>> e = v[[3]] * 0.9 + v[[5]] * 0.1          # an English word nearest to word 3
    >>> names = [f"w{i}" for i in range(12)]
    >>> {p: w for p, (w, _) in align(["x"], names, v, e / np.linalg.norm(e), hubness(v, v)).items()}
    {'x': 'w3'}
    """
    sims = vectors @ matrix.T  # (phrases, vocabulary)
    k = min(K, matrix.shape[0])
    r_e = np.partition(sims, sims.shape[1] - k, axis=1)[:, -k:].mean(axis=1)
    out: dict[str, tuple[str, float]] = {}
    for i, phrase in enumerate(phrases):
        cand = np.argpartition(-sims[i], min(CANDIDATES, sims.shape[1]) - 1)[:CANDIDATES]
        csls = 2 * sims[i, cand] - r_e[i] - hub[cand]
        order = [j for j in np.argsort(-csls)[:RENDERINGS] if csls[j] >= ALIGN_MIN]
        if order:  # the best few: "notify" is "thông báo" at -0.003, "head" "cơ thể" at 0.022
            out[phrase] = ("|".join(names[cand[j]] for j in order), float(csls[order[0]]))
    return out
