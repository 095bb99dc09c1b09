"""The Assistant: load once, answer many times.

    from assistant import Assistant
    bot = Assistant()                       # the default home: builds the shipped plans on first use
    bot = Assistant(Settings.resolve(home="h"), background=True)   # a home of one's own; vectors behind
    ans = bot.ask("Mục tiêu nhà ở xã hội của Kon Tum đến năm 2030?")
    ans.text, ans.found, ans.citations[0].locator

Everything a shell offers (ask, ingest, remove, info) is a method here; the
CLI, the HTTP API and the Gradio app only parse input and format output. The index's
lifecycle (locks, stamps, re-parse, other writers, rebuilds, the vector pass) is
``index.lifecycle.LiveIndex``; answering is ``Answerer``: this class joins the two.
"""
from __future__ import annotations

import re
import time
import unicodedata
from dataclasses import dataclass, replace

from ground.errors import QuestionError
from ground.normalize import fold
from ground.provinces import restore_place_names
from index.accents import AccentRestorer
from index.embedders import get_embedder
from index.lifecycle import LiveIndex, rebuild_aside
from index.retriever import Filters, HybridSearch

from .answering import Answerer
from .config import Settings
from .evidence import Coverage
from .model import Answer
from .notices import empty_home_notice, first_start_notice
from .question import analyse
from .question_words import load_segmenter

NAMED_KINDS = ("Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp")  # documents a question names by name, not number
MAX_QUESTION_CHARS = 1000  # a question costs CPU by its length: ~1 s at 1,000 characters, ~2.5 s at 2,000 (2 cores)


@dataclass(frozen=True)
class AnsweringView:
    """What answering reads from one load of the index; replaced whole when the index changes."""

    answerer: Answerer
    numbers: list[tuple[str, str]]  # each document's number as a question would contain it: "422/kh-ubnd"
    restorer: AccentRestorer
    names: list[tuple[str, str]] = ()  # each document known by its name, folded: "luat cu tru", "hien phap"


def answering_view(store, embedder) -> AnsweringView:
    docs = store.documents()
    answerer = Answerer(HybridSearch(store, embedder, docs), Coverage(store.bm25))
    numbers = [(d.doc_id, re.sub(r"\s+", "", d.meta.number).lower()) for d in docs if d.meta.number]
    # a law is known by its name, not its number ("Theo Luật Cư trú, …"): the name as the answer writes it
    names = [(d.doc_id, fold(d.name)) for d in docs if d.meta.kind in NAMED_KINDS and not d.name.startswith(
        f"{d.meta.kind} của")]
    return AnsweringView(answerer, numbers, AccentRestorer(store.bm25.document_frequencies()), names)


class Assistant:
    """``background=True`` (the app): documents are answerable as soon as they are parsed and
    their vectors are filled in by a thread behind them. Otherwise (CLI, tests, benchmarks) a
    build or an ingest embeds in the foreground before returning, and an index that still owes
    vectors (a killed pass) answers at once and is finished by ``embed_pending``.
    ``say`` receives the notices a person should read (what the first start indexes, an empty home)."""

    def __init__(self, settings: Settings | None = None, build: bool = True, progress: bool = True,
                 background: bool = False, say=None, vectors_later: bool = False):
        self.settings = settings or Settings.resolve()
        self.progress = progress
        self.background = background
        self.embedder = get_embedder(self.settings.embedder)
        self.live = LiveIndex(self.settings.index_dir, self.embedder, self.settings.chroma_url, answering_view,
                              progress=progress, background=background, say=say)
        if build and not self.store.exists and self.settings.builds_corpus:
            self.live.notice(first_start_notice(self.settings))
            self.build_from_corpus()
        elif build and not self.store.exists:
            self.live.notice(empty_home_notice(self.settings))
        elif self.store.outdated:
            # the command line re-parses and goes on to what it was asked (a question, an ingest whose own
            # embedding pass takes these too): the re-parsed chunks' new vectors wait for that pass
            self.reparse(fill=not vectors_later or background)
        self.live.load()
        if background:
            self.live.vector_pass.start()  # also resumes a pass that a kill interrupted

    @property
    def store(self):
        return self.live.store

    @property
    def notices(self) -> list[str]:
        return self.live.notices

    @property
    def _answerer(self) -> Answerer:  # eval.runner reaches the retriever through this
        return self.live.view.answerer

    # ---- asking ------------------------------------------------------------
    def ask(self, question: str, history: list | None = None, provinces: list[str] | None = None,
            doc_ids: list[str] | None = None) -> Answer:
        """Answer one question; ``history`` holds earlier user questions (or (user, bot) pairs)."""
        t0 = time.perf_counter()
        self.live.follow_other_writers()
        view = self.live.view
        text = original = clean_question(question)
        prior = [h[0] if isinstance(h, (list, tuple)) else h for h in (history or [])]
        prior = [clean_question(p, strict=False) for p in prior if isinstance(p, str) and p.strip()]
        restorer = view.restorer
        if restorer.needs(text):  # "ty le ho ngheo kon tum 2030" → "tỷ lệ hộ nghèo kon tum 2030"
            text = restore_place_names(text, restorer.restore(text))  # "binh duong" → "Bình Dương"
        prior = [restore_place_names(p, restorer.restore(p)) if restorer.needs(p) else p for p in prior]
        q = analyse(text, prior, view.answerer.search.places(), original)  # both eras: Quảng Ngãi finds Kon Tum
        if provinces:  # the UI's filter: a place named outside it is not answered from inside it
            inside = [p for p in q.provinces if p in provinces]
            if q.provinces and not inside:
                q = replace(q, other_places=q.provinces, provinces=[])
            else:
                q = replace(q, provinces=inside or list(provinces))
        # "Theo Kế hoạch 422/KH-UBND, …" narrows to that document; a law's name does for a question about the
        # document itself ("Luật Cư trú có hiệu lực từ ngày nào?"), not about its content: a statement to
        # check may name the wrong law ("… theo quy định của Luật Tố tụng hành chính, đúng hay sai?")
        named = _documents_named(text, view.numbers, view.names if q.intent == "metadata" else ())
        ans = view.answerer.answer(q, Filters(doc_ids=list(doc_ids or named)))
        ans.ms = (time.perf_counter() - t0) * 1000
        return ans

    def warm_up(self) -> None:
        """Have the stored vectors in memory, and the word segmenter loaded (``question_words``: 4–5 s to
        import), before the next question (the app at start, benchmarks timing warm answers)."""
        self.store.start_memory(wait=True)
        load_segmenter()

    def provinces(self) -> list[str]:
        self.live.follow_other_writers()
        return sorted({d.meta.province for d in self._answerer.docs if d.meta.province})

    def forget_queries(self) -> None:
        """Forget the query vectors kept for repeated searches (benchmarks time fresh questions)."""
        self._answerer.search.forget_queries()

    # ---- documents ---------------------------------------------------------
    def ingest(self, paths: list[str], on_commit=None, embed: bool = True) -> dict:
        """Parse files and add them; unchanged ones are skipped, bad ones reported.
        ``on_commit(document, seconds)`` is called as each document is committed. The documents
        answer once this returns; their vectors are made before it returns, or behind it
        (``background``), or, with ``embed=False``, left to ``embed_pending``."""
        report, added = self.live.ingest(paths, on_commit, embed)
        return {**report.summary(), **added.to_json(), "failed": report.errors,
                "warnings_by_document": {d.name: d.warnings for d in report.documents if d.warnings}}

    def remove(self, doc_id: str) -> bool:
        return self.live.remove(doc_id)

    def info(self, exact: bool = False) -> dict:
        """What is indexed, and how many chunks still wait for their vectors (``LiveIndex.info``)."""
        return {"home": str(self.settings.home), **self.live.info(exact)}

    def document(self, doc_id: str):
        return self.store.load_document(doc_id)

    @classmethod
    def rebuilt(cls, settings: Settings | None = None, progress: bool = True) -> tuple[Assistant, dict]:
        """Rebuild from the corpus *without* opening the index there first: this is the repair
        for a corrupt index or one built with another embedder, so it must not trip on either."""
        settings = settings or Settings.resolve()
        embedder = get_embedder(settings.embedder)
        report, result = rebuild_aside(settings.corpus, settings.index_dir, embedder, settings.chroma_url, progress)
        bot = cls(settings, build=False, progress=progress)
        return bot, {**report.summary(), **result.to_json(), "failed": report.errors}

    def reparse(self, fill: bool = True) -> dict:
        """Re-parse every indexed document from its stored text with today's parser (``LiveIndex.reparse``)."""
        return self.live.reparse(fill)

    def build_from_corpus(self) -> dict:
        """(Re)build the whole index from the corpus folder, aside, then swap it in."""
        return self.live.build_from(self.settings.corpus)

    def embed_pending(self) -> dict:
        """Give every chunk that still lacks one its vector (what ``index --embed`` runs)."""
        return self.live.embed_pending()

    def close(self) -> None:
        """Stop the background pass (it resumes at the next start) and let other processes write
        this index again (an embedded store is held while open)."""
        self.live.close()


def _documents_named(question: str, numbers: list[tuple[str, str]], names=()) -> list[str]:
    """The documents a question names: by number ("422/KH-UBND"), or a law by its name ("Luật Cư trú"), the
    longest name where one holds another ("Luật Giáo dục đại học" is not "Luật Giáo dục")."""
    squeezed = re.sub(r"\s+", "", question).lower()
    by_number = [doc_id for doc_id, number in numbers if number in squeezed]
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
