"""The question's words, as underthesea segments them, and the share of them a source holds.

Coverage (``evidence.Coverage``) counts syllables and the pairs of adjacent syllables the question
has: a clause about the labour market holds "tiếp", "giải", "quyết", "hành", "chính", "lĩnh", "vực"
of "Sở nào tiếp nhận và giải quyết thủ tục hành chính lĩnh vực đấu thầu?" (from "tiếp tục",
"giải pháp", "quyết định" …) and covers 0.44 of it, though it holds none of the question's words
but "lĩnh vực". Segmented, the question asks for six words; the share a source holds, each weighed
by its IDF (a word no document holds weighs most), tells a source about the topic from one that
shares its syllables:

    words_share(question_words(q, idf), "d) Phát triển thị trường lao động … lĩnh vực …")  → 0.12
    words_share(question_words(q, idf), "Danh mục thủ tục hành chính … lĩnh vực đấu thầu …") → 0.80

A word of several syllables is held where each of its adjacent pairs is (the index keeps pairs).
An English question's words are its glossary renderings' (each term the best of its renderings);
a place's name is no topic word (the search is filtered to it). 0 where the question has no word
of two syllables or more (the feature then says nothing).
"""
from __future__ import annotations

from collections.abc import Callable

from ground.provinces import without_provinces
from index.lexical import tokens

from .question import Question

Word = tuple[tuple[str, ...], float]  # a word's adjacent syllable pairs, as the index spells them, and its weight
Group = list[list[Word]]  # alternatives (an English term's renderings), each a list of words


def load_segmenter():
    """underthesea's word segmenter, imported on first use (4–5 s): ``Assistant.warm_up`` asks for it early."""
    from underthesea import word_tokenize

    return word_tokenize


def _words(text: str, idf: Callable[[str], float]) -> list[Word]:
    out, seen = [], set()
    for w in load_segmenter()(without_provinces(text)):
        pairs = tuple(t for t in tokens(w) if "_" in t)
        if len(pairs) != max(0, len(w.split()) - 1) or not pairs or pairs in seen:
            continue  # one syllable, or a stopword inside: no word the index keeps as pairs
        seen.add(pairs)
        out.append((pairs, max(idf(p) for p in pairs)))
    return out


def question_words(q: Question, idf: Callable[[str], float]) -> list[Group]:
    """The question's words in groups: each Vietnamese word a group of one; each English glossary term a
    group of its renderings' words."""
    if q.lang != "en":
        return [[[w]] for w in _words(q.effective, idf)]
    groups = []
    for term in q.renderings:
        alts = [ws for ws in (_words(a, idf) for a in term.split("|")) if ws]
        if alts:
            groups.append(alts)
    return groups


def words_share(groups: list[Group], held: frozenset[str]) -> float:
    """IDF-weighted share of the question's words whose pairs are all in ``held`` (a source's tokens)."""
    got = total = 0.0
    for alts in groups:
        weight = min(sum(w for _, w in alt) for alt in alts)
        total += weight
        got += weight * max(sum(w for pairs, w in alt if all(p in held for p in pairs)) / sum(w for _, w in alt)
                            for alt in alts)
    return got / total if total else 0.0
