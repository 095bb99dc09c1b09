"""BM25 over Vietnamese syllables plus syllable bigrams.

Vietnamese writes one syllable per space-separated token and most words are
two syllables ("nhà ở", "xã hội"), so syllable bigrams stand in for words
without a segmenter at query time. On a public Vietnamese legal-retrieval set
(2,249 articles, 210 questions) this scheme reached hit@1 0.79 against 0.71 for
syllables alone or underthesea words; our own comparison on the shipped plans
is in ``docs/bm25-token-schemes.md`` (``python -m bench.token_schemes``).

    tokens("Nhà ở xã hội")  → ["nhà", "xã", "hội", "nhà_ở", "ở_xã", "xã_hội"]   ("ở" alone is a stopword)
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from pathlib import Path

import numpy as np

from ground.normalize import GLUED_HYPHEN, letters_syllables, search_form, search_letters, syllables

from .positions import KeptPositions
from .postings import Postings
from .ranges import RangeMasks, inside, within
from .segments import Segment

# Function words that carry no topic; kept out of both index and query.
STOPWORDS = set("""
và của các cho với trong theo là có được đã sẽ để từ tại về đến những này đó khi thì
bao nhiêu gì nào ra sao thế như mà hay hoặc năm số mục tiêu bằng trên dưới ở
the of and for to in on what is are a an by at with which who how much many does
""".split())


SCHEMES = ("syllable", "syllable+bigram", "words", "syllable+compound")


def tokens(text: str, scheme: str = "syllable+bigram") -> list[str]:
    """Index/query tokens under one scheme; the default needs no segmenter at query time."""
    if scheme in ("words", "syllable+compound"):
        return _underthesea_tokens(text, scheme)
    if scheme == "syllable":
        return [s for s in syllables(text) if s not in STOPWORDS]
    if GLUED_HYPHEN.search(text):  # "Phú-\nQuốc" is one syllable pair across a phrase break: read whole
        parts = [syllables(part) for part in _PHRASE_BREAK.split(text)]
        uni = [s for s in syllables(text) if s not in STOPWORDS]
    else:  # the phrases' syllables are the text's, in order: the text is normalised once, not per phrase
        parts = [letters_syllables(part) for part in _PHRASE_BREAK.split(search_letters(text))]
        uni = [s for ps in parts for s in ps if s not in STOPWORDS]
    bi = []
    for ps in parts:  # "UBND tỉnh; - Ủy ban" holds no "tỉnh ủy"
        bi += [f"{a}_{b}" for a, b in zip(ps, ps[1:], strict=False) if not (a in STOPWORDS and b in STOPWORDS)]
    return uni + bi


# Punctuation that ends a phrase; a dot or comma inside a number ("10.000", "20,83") does not.
_PHRASE_BREAK = re.compile(r"[;:!?()\[\]|“”\"\n]+|[.,](?!\d)|\s[-–]\s")


def _underthesea_tokens(text: str, scheme: str) -> list[str]:
    """underthesea word segmentation on the same search form (3-4 s to import: measured, not default)."""
    from ground.segmenter import word_segmenter

    words = [w.lower().replace(" ", "_") for w in word_segmenter()(search_form(text))]
    words = [w for w in words if any(ch.isalnum() for ch in w) and w not in STOPWORDS]
    if scheme == "words":
        return words
    return [s for s in syllables(text) if s not in STOPWORDS] + [w for w in words if "_" in w]


DENSE_SHARE = 8  # postings of at least 1/8 of the chunks are summed in one array (measured: docs/scale.md)
CUT_MIN = 2048  # shorter posting lists are summed whole and the filter applied to the candidates
# A masked filter letting through at least this share of the chunks is scored like no filter, then masked:
# cutting each posting list down to it would copy nearly all of it (measured at ×10: docs/scale.md).
WIDE_SHARE = 0.5
MAX_KEPT_TERMS = 50_000  # query tokens whose weights are kept: a long-running server's memory stays bounded


class BM25:
    """A small in-memory BM25 (k1=1.2, b=0.75).

    On disk it is one segment per document (``index/segments.py``): adding a
    document writes only its own term counts, so a commit costs the same at 2 documents
    as at 600. ``save``/``load`` keep the whole index in one file (older indexes, benches).
    """

    def __init__(self, k1: float = 1.2, b: float = 0.75, scheme: str = "syllable+bigram"):
        self.k1, self.b, self.scheme = k1, b, scheme
        self.ids: list[str] = []
        self.lengths: list[int] = []
        self.postings = Postings()  # term → its chunks' positions and counts, as arrays
        self._pos: dict[str, int] = {}  # chunk id → position, for filtered searches
        self._avg: float | None = None  # mean length, cached until the next change
        self._weights: dict[str, tuple] = {}  # token → (positions, BM25 term weights), until the next change
        self._allowed_positions = KeptPositions()  # a kept filter's positions, until the next change
        self._masks = RangeMasks()  # many-range filters as flags per position, until the next change
        # document → its chunks' positions [start, end): a document's chunks are added side by side,
        # so a filter of documents is a few ranges (index/ranges.py); None for a document split apart
        self._spans: dict[str, tuple[int, int] | None] = {}
        self.generation = 0  # changes with every addition or removal (what a kept range is valid for)

    @classmethod
    def of_pack(cls, docs: list[tuple[str, int]], ids: list[str], lengths, postings: Postings, scheme: str) -> BM25:
        """A BM25 over a pack read from disk (index/packed.py): ``docs`` (id, chunks) in position order."""
        bm = cls(scheme=scheme)
        bm.ids, bm.lengths, bm.postings = ids, np.asarray(lengths).tolist(), postings
        bm._pos = dict(zip(ids, range(len(ids)), strict=True))
        at = 0
        for doc, n in docs:  # a pack's documents are side by side, in order
            if n:
                bm._spans[doc] = (at, at + n)
            at += n
        bm.generation = 1
        return bm

    def analyse(self, texts: list[str]) -> list[dict[str, int]]:
        """Term counts per text: what a segment stores, so loading never re-tokenises."""
        return [dict(Counter(tokens(t, self.scheme))) for t in texts]

    def add(self, ids: list[str], texts: list[str]) -> None:
        self.add_counts(ids, self.analyse(texts))

    def add_counts(self, ids: list[str], counts: list[dict[str, int]]) -> None:
        self.add_segment(Segment.of_counts(self.scheme, ids, counts))

    def add_segment(self, seg: Segment) -> None:
        """``add_counts`` of a segment as read from disk, without a dict per chunk."""
        base = len(self.ids)
        self._avg = None
        self.generation += 1
        self._pos.update(zip(seg.ids, range(base, base + len(seg.ids)), strict=False))
        self._note_spans(seg.ids, base)
        self.ids.extend(seg.ids)
        self.lengths.extend(seg.lengths())
        self.postings.add_arrays(base, seg.terms, seg.tids, seg.tf, seg.sizes)

    def position(self, chunk_id: str) -> int | None:
        return self._pos.get(chunk_id)

    def span(self, doc_id: str) -> tuple[int, int] | None:
        """Positions [start, end) of a document's chunks, in its own order; None when it has none here
        (or when its chunks are not side by side: an older whole-index file may hold them so)."""
        return self._spans.get(doc_id)

    def _note_spans(self, ids: list[str], base: int) -> None:
        """Record the documents of chunks ``ids`` added at ``base`` (a segment is one document's)."""
        if not ids:
            return
        doc = ids[0].rpartition(":")[0]
        if ids[-1].rpartition(":")[0] == doc and all(c.startswith(doc + ":") for c in ids):
            groups = [(doc, base, base + len(ids))]
        else:  # several documents in one go (a whole-index file): grouped as they come
            groups, start = [], 0
            for i in range(1, len(ids) + 1):
                if i == len(ids) or ids[i].rpartition(":")[0] != ids[start].rpartition(":")[0]:
                    groups.append((ids[start].rpartition(":")[0], base + start, base + i))
                    start = i
        for doc, a, b in groups:
            self._spans[doc] = None if doc in self._spans else (a, b)  # seen before: not side by side

    def counts_of(self, ids: set[str]) -> dict[str, dict[str, int]]:
        """Inverse of ``add_counts`` for some chunk ids (turns a whole-index file into segments)."""
        pos = {i: cid for i, cid in enumerate(self.ids) if cid in ids}
        return {pos[i]: tfs for i, tfs in self.postings.counts_at(set(pos)).items()}

    def postings_of(self, tok: str) -> dict[int, int]:
        """{position: count} of the chunks holding ``tok`` (empty when none does)."""
        got = self.postings.of(tok)
        return {} if got is None else dict(zip(got[0].tolist(), got[1].tolist(), strict=True))

    def document_frequencies(self):
        """term → how many chunks hold it: a read-only mapping over the postings' arrays."""
        return self.postings.frequencies()

    def remove(self, drop: set[str]) -> None:
        """Forget the given chunk ids (documents are few; correctness over cleverness)."""
        self.remove_positions({i for i, cid in enumerate(self.ids) if cid in drop})

    def remove_positions(self, drop: set[int]) -> None:
        """Forget entries by position (also used to drop repeated ids after a crash)."""
        if not drop:
            return
        keep = [i for i in range(len(self.ids)) if i not in drop]
        flags = np.zeros(len(self.ids), dtype=bool)
        flags[keep] = True
        self.ids = [self.ids[i] for i in keep]
        self._pos = {cid: i for i, cid in enumerate(self.ids)}
        self._spans = {}
        self._note_spans(self.ids, 0)
        self._avg = None
        self.generation += 1
        self.lengths = [self.lengths[i] for i in keep]
        self.postings.keep(flags)

    def search(self, query: str | list[str], k: int = 20, allowed: set[str] | None = None,
               ranges: tuple[np.ndarray, np.ndarray] | None = None) -> list[tuple[str, float]]:
        """The ``k`` best chunks, among ``allowed`` ids or inside ``ranges`` of positions when given
        (sorted, disjoint [start, end) pairs: ``span`` of documents). Only the chunks holding a query
        term are scored, inside the filter: a question's cost follows its terms' postings, not the
        index's size."""
        qtoks = tokens(query, self.scheme) if isinstance(query, str) else query
        n = len(self.ids)
        if not n:
            return []
        if self._avg is None:
            self._avg = sum(self.lengths) / n
            self._weights, self._length_array = {}, np.asarray(self.lengths, dtype=np.float64)
            self._allowed_positions.clear()
            self._masks.clear()
        masked = None if ranges is None else self._masks.of(ranges, n)  # (a given tuple: kept by its caller)
        if allowed is not None:
            kept = np.sort(self._allowed_positions.of(allowed, self._pos.get))
            ranges = (kept, kept + 1)  # each allowed chunk a range of one
        cut = ranges is not None and (masked is None or masked[1] < WIDE_SHARE)
        pos, weights = [], []
        for tok in dict.fromkeys(qtoks):  # fixed order: float sums, hence ties, never vary by run
            got = self._term(tok, n)
            if got is None:
                continue
            if cut and len(got[0]) > CUT_MIN and len(ranges[0]) * 8 < len(got[0]):
                # a long posting list and a few ranges: only the filter's part of it is read and summed
                keep = inside(got[0], ranges[0], ranges[1])
                got = got[0][keep], got[1][keep]
            elif cut and masked is not None and len(got[0]) > CUT_MIN:  # many ranges: one flag per posting
                keep = masked[0][got[0]]
                got = got[0][keep], got[1][keep]
            pos.append(got[0])
            weights.append(got[1])
        cand, scores = _summed(pos, weights, n)
        if ranges is not None and len(cand):  # the rest of the filter, on the candidates only
            keep = within(cand, ranges[0], ranges[1]) if masked is None else masked[0][cand]
            cand, scores = cand[keep], scores[keep]
        if len(cand) > k:  # the k best, ties by position (as a sort on (-score, position) would)
            cut = np.partition(scores, len(cand) - k)[len(cand) - k]
            keep = scores >= cut
            cand, scores = cand[keep], scores[keep]
        best = sorted(zip(cand.tolist(), scores.tolist(), strict=True), key=lambda kv: (-kv[1], kv[0]))[:k]
        return [(self.ids[i], s) for i, s in best]

    def _term(self, tok: str, n: int):
        """A token's postings as arrays: positions and idf × saturated term frequency (BM25's term
        weight), computed once per token until the index changes; None for a token no chunk has."""
        got = self._weights.get(tok)
        if got is None and tok not in self._weights:
            found = self.postings.of(tok)
            if found is None:
                self._weights[tok] = None
                return None
            pos, tf = found[0], found[1].astype(np.float64)
            idf = math.log(1 + (n - len(pos) + 0.5) / (len(pos) + 0.5))
            lengths = self._length_array[pos]
            norm = tf * (self.k1 + 1) / (tf + self.k1 * (1 - self.b + self.b * lengths / self._avg))
            if len(self._weights) > MAX_KEPT_TERMS:
                self._weights.clear()
            got = self._weights[tok] = (pos, idf * norm)
        return got

    def save(self, path: Path) -> None:
        data = {"k1": self.k1, "b": self.b, "scheme": self.scheme, "ids": self.ids,
                "lengths": self.lengths,
                "postings": {t: dict(zip(map(str, pos.tolist()), tf.tolist(), strict=True))
                             for t, pos, tf in self.postings.terms()}}
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> BM25:
        data = json.loads(path.read_text(encoding="utf-8"))
        bm = cls(data["k1"], data["b"], data.get("scheme", "syllable+bigram"))
        counts: list[dict[str, int]] = [{} for _ in data["ids"]]
        for tok, plist in data["postings"].items():
            for i, tf in plist.items():
                counts[int(i)][tok] = tf
        bm.add_counts(data["ids"], counts)
        bm.lengths = data["lengths"]  # as stored (older files may have counted otherwise)
        return bm


def _summed(pos: list[np.ndarray], weights: list[np.ndarray], n: int) -> tuple[np.ndarray, np.ndarray]:
    """Per chunk holding any term: its position and the sum of its terms' weights, positions ascending.

    Few postings (a filtered question, rare terms): only the candidates. Each term's positions ascend,
    so a stable sort of the joined lists is a merge, and equal positions stay in term order: ``bincount``
    then adds each chunk's weights in the query's term order. Postings of a large share of the index
    (common syllables over every document): one array, as a sort would cost more. Both are the same
    float sums, to the last bit, as adding term after term into a full array."""
    total = sum(len(p) for p in pos)
    if not total:
        return np.zeros(0, np.int64), np.zeros(0)
    if total * DENSE_SHARE >= n:
        scores = np.zeros(n)
        for p, w in zip(pos, weights, strict=True):
            scores[p] += w
        cand = np.flatnonzero(scores)
        return cand, scores[cand]
    every = np.concatenate(pos)
    order = np.argsort(every, kind="stable")
    ordered = every[order]
    first = np.empty(len(ordered), dtype=bool)
    first[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    slot = np.empty(len(ordered), dtype=np.int64)
    slot[order] = np.cumsum(first) - 1
    return ordered[first].astype(np.int64), np.bincount(slot, weights=np.concatenate(weights))
