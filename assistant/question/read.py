"""Reading a question, in one place: ``read(raw, knowledge)`` → a frozen ``Question``.

    knowledge = Knowledge.of(documents, bm25.document_frequencies(), search.places())  # once per load of the index
    read("ty le ho ngheo kon tum 2030", knowledge)
      → effective "tỷ lệ hộ nghèo Kon Tum 2030", provinces ["Kon Tum"], years [2030]
    read("Theo Kế hoạch 422/KH-UBND, tỷ lệ …", knowledge).documents → the document numbered 422/KH-UBND

The raw text is cleaned (or refused, ``clean_question``), its accents put back where it was typed without any
(``accents.AccentRestorer`` over the index's own words, then the places' own names), read by ``question.analyse``
against the places the index answers for, narrowed to the caller's place filter, and the documents it names are
found. What is read depends on the index (its words, places, document numbers and names): ``Knowledge`` carries
that, made with each load of the index, so this package imports nothing of ``index/``.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

from ground.errors import QuestionError
from ground.normalize import fold
from ground.provinces import restore_place_names

from .accents import AccentRestorer
from .lexicon import NAMED_KINDS
from .question import Question, analyse

MAX_QUESTION_CHARS = 1000  # a question costs CPU by its length: ~1 s at 1,000 characters, ~2.5 s at 2,000 (2 cores)


@dataclass(frozen=True)
class Knowledge:
    """What reading a question knows of one load of the index; replaced whole when the index changes."""

    places: list[str]  # every place some document answers for, in both eras: a question on Quảng Ngãi finds Kon Tum
    numbers: list[tuple[str, str]]  # each document's number, in ``number_key``'s spelling: "422/kh-ubnd"
    names: list[tuple[str, str]]  # each document known by its name, folded: "luat cu tru", "hien phap"
    restorer: AccentRestorer  # the index's word statistics, applied to a question typed without accents
    # English words → the documents' Vietnamese words by the vectors (``assistant/alignment.py``); None: not read
    align: Callable[..., dict[str, tuple[str, float]]] | None = None

    @classmethod
    def of(cls, documents, document_frequency: Mapping[str, int], places: list[str], align=None) -> Knowledge:
        numbers = [(d.doc_id, number_key(d.meta.number)) for d in documents if d.meta.number and "/" in d.meta.number]
        # a law is known by its name, not its number ("Theo Luật Cư trú, …"): the name as the answer writes it
        names = [(d.doc_id, fold(d.name)) for d in documents if d.meta.kind in NAMED_KINDS and not d.name.startswith(
            f"{d.meta.kind} của")]
        return cls(places, numbers, names, AccentRestorer(document_frequency), align)


def read(raw, knowledge: Knowledge, history: list | None = None, provinces: list[str] | None = None) -> Question:
    """The question as answering reads it. ``history``: earlier user questions of the chat, oldest first (or
    (user, bot) pairs); ``provinces``: the caller's place filter (the UI's), where one is set."""
    text = original = clean_question(raw)
    prior = [h[0] if isinstance(h, (list, tuple)) else h for h in (history or [])]
    prior = [clean_question(p, strict=False) for p in prior if isinstance(p, str) and p.strip()]
    text = _with_accents(text, knowledge.restorer)  # "ty le ho ngheo kon tum 2030" → "tỷ lệ hộ nghèo Kon Tum 2030"
    prior = [_with_accents(p, knowledge.restorer) for p in prior]
    q = analyse(text, prior, knowledge.places, original)
    if provinces:  # the UI's filter: a place named outside it is not answered from inside it
        inside = [p for p in q.provinces if p in provinces]
        if q.provinces and not inside:
            q = replace(q, other_places=q.provinces, provinces=[])
        else:
            q = replace(q, provinces=inside or list(provinces))
    # "Theo Kế hoạch 422/KH-UBND, …" narrows to that document; a law's name does for a question about the
    # document itself ("Luật Cư trú có hiệu lực từ ngày nào?"), not about its content: a statement to
    # check may name the wrong law ("… theo quy định của Luật Tố tụng hành chính, đúng hay sai?")
    named = documents_named(text, knowledge.numbers, knowledge.names if q.intent == "metadata" else ())
    return _aligned(replace(q, documents=tuple(named)), knowledge)


def _aligned(q: Question, knowledge: Knowledge) -> Question:
    """An English question's words the glossary does not read, with the documents' Vietnamese words the
    vectors match them to (``Question.aligned``); BM25 is asked with those words too."""
    if q.lang != "en" or not q.untranslated or knowledge.align is None:
        return q
    aligned = {w: vi for w, (vi, _) in knowledge.align(list(q.untranslated)).items()}
    if not aligned:
        return q
    return replace(q, aligned=tuple((w, aligned[w]) for w in q.untranslated if w in aligned),
                   search_words=" ".join([q.search_words, *dict.fromkeys(v for vi in aligned.values()
                                                                          for v in vi.split("|"))]))


@lru_cache(maxsize=4096)
def number_key(text: str) -> str:
    """Text with its document numbers in one spelling: folded, no spaces around their strokes, no leading
    zeros ("Quyết định 02124 / QĐ-UBND" → "quyet dinh 2124/qd-ubnd"; "ND-CP" and "NĐ-CP" alike)."""
    return re.sub(r"(?<!\d)0+(?=\d)", "", re.sub(r"\s*([/\-–])\s*", r"\1", fold(text)).replace("–", "-"))


def names_document(question: str, number: str | None) -> bool:
    """Whether ``question`` names the document numbered ``number`` ("… letter 5317/CT-CS …" of "5317/CT-CS");
    not a longer number holding it ("25/2025/NĐ-CP" does not name "5/2025/NĐ-CP")."""
    return bool(number) and "/" in number and _names(number_key(question), number_key(number))


def _names(key: str, number: str) -> bool:
    """``number`` (in ``number_key``'s spelling) stands in ``key`` as a whole number, not inside a longer one."""
    return re.search(rf"(?<![\w/.,-]){re.escape(number)}(?![\w/-])", key) is not None


def _with_accents(text: str, restorer: AccentRestorer) -> str:
    """A question typed without any accent, with the documents' own ("binh duong" → "Bình Dương")."""
    return restore_place_names(text, restorer.restore(text)) if restorer.needs(text) else text


def documents_named(question: str, numbers: list[tuple[str, str]], names=()) -> list[str]:
    """The documents a question names: by number ("422/KH-UBND"), or a law by its name ("Luật Cư trú"), the
    longest name where one holds another ("Luật Giáo dục đại học" is not "Luật Giáo dục")."""
    key = number_key(question)  # typed without "Đ", with a leading zero or spaces: "25/2025/ND-CP", "02124 / QĐ"
    by_number = [doc_id for doc_id, number in numbers if number in key and _names(key, number)]
    folded = fold(question)
    # a name is looked for as a word only where it is in the question at all: at ×10 the few hundred laws'
    # patterns, built per question, were 40-85 ms of every answer (more than Python's pattern cache holds)
    spans = [(m.start(), m.end(), doc_id) for doc_id, name in names if name in folded
             for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", folded)]
    by_name = [d for a, b, d in spans if not any(x <= a and b <= y and y - x > b - a for x, y, _ in spans)]
    return list(dict.fromkeys(by_number + by_name))


def clean_question(text, strict: bool = True) -> str:
    """Normalise a question; refuse what cannot be a question, with what to do."""
    if not isinstance(text, str):
        raise QuestionError("câu hỏi phải là văn bản (the question must be a string)")
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in text)
    text = " ".join(text.split())
    if strict and not text:
        raise QuestionError("câu hỏi trống — hãy nhập câu hỏi (the question is empty: type a question)")
    if strict and len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(f"câu hỏi dài {len(text)} ký tự, tối đa {MAX_QUESTION_CHARS} — hãy rút gọn "
                            f"(the question has {len(text)} characters; the limit is {MAX_QUESTION_CHARS}: shorten it)")
    if strict and not any(ch.isalnum() for ch in text):
        raise QuestionError("câu hỏi không có chữ hay số nào — hãy hỏi bằng lời "
                            "(the question has no letters or digits: ask in words)")
    return text[:MAX_QUESTION_CHARS]
