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
a place's name is no topic word (the search is filtered to it), nor is a document named by its number
("Theo Nghị quyết 82/2025/NQ-HĐND …": "nghị quyết" says which document, every clause of it alike).
0 where the question has no word of two syllables or more (the feature then says nothing).

The same share orders the evidence (``clause_ranker``, ``row_ranker``, ``sentence_choice``: the feature
``words``): of two sentences of one clause, "Tên thủ tục hành chính: Đăng ký Nội quy lao động" holds
"nội quy" of "thủ tục đăng ký nội quy lao động … còn mấy ngày?", "… Đăng ký hợp đồng lao động …" holds
its syllables "nội" (of "Sở Nội vụ") and "quy" (of "quy định") only.
"""
from __future__ import annotations

from collections.abc import Callable

from ground.provinces import without_provinces
from index.lexical import tokens

from .lexicon import DOC_REF
from .question import Question

Word = tuple[tuple[str, ...], float]  # a word's adjacent syllable pairs, as the index spells them, and its weight
Group = list[list[Word]]  # alternatives (an English term's renderings), each a list of words


def load_segmenter():
    """underthesea's word segmenter, imported on first use (4–5 s): ``Assistant.warm_up`` asks for it early."""
    from ground.segmenter import word_segmenter

    return word_segmenter()


def _words(text: str, idf: Callable[[str], float]) -> list[Word]:
    out, seen = [], set()
    for w in load_segmenter()(DOC_REF.sub(" , ", without_provinces(text))):
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
    for term in q.topic_renderings:
        alts = [ws for ws in (_words(a, idf) for a in term.split("|")) if ws]
        if alts:
            groups.append(alts)
    return groups


def words_share(groups: list[Group], held: frozenset[str] | set[str], title: frozenset[str] = frozenset(),
                title_weight: float = 1.0) -> float:
    """IDF-weighted share of the question's words whose pairs are all in ``held`` (a source's tokens).
    ``title``: the tokens of the source document's title: its words say which document, not which passage, and
    weigh ``title_weight`` (the coverage's ``evidence.TITLE_WEIGHT``, passed by the scorer) ("… kế hoạch thi hành Luật … Tiêu chuẩn và quy chuẩn kỹ thuật …, cơ
    quan nào chủ trì kiểm tra …?" of the plan titled so: "quy chuẩn", "kỹ thuật" are in every sentence naming the
    law, "kiểm tra" in the one asked)."""
    got = total = 0.0
    for alts in groups:
        weights = [[w * (title_weight if title and all(p in title for p in pairs) else 1.0) for pairs, w in alt]
                   for alt in alts]
        weight = min(sum(ws) for ws in weights)
        if not weight:
            continue
        total += weight
        got += weight * max(sum(w for (pairs, _), w in zip(alt, ws, strict=True) if all(p in held for p in pairs))
                            / sum(ws) for alt, ws in zip(alts, weights, strict=True))
    return got / total if total else 0.0
