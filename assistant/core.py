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

import time
from dataclasses import dataclass

from index.embedders import get_embedder
from index.lifecycle import LiveIndex, rebuild_aside
from index.retriever import Filters, HybridSearch

from . import footnoted, halves
from .alignment import Aligner
from .answering import Answerer
from .config import Settings
from .evidence import Coverage
from .model import Answer
from .notices import empty_home_notice, first_start_notice
from .question import read as reading
from .question.question import Question
from .question.question_words import load_segmenter
from .question.read import Knowledge


@dataclass(frozen=True)
class AnsweringView:
    """What answering reads from one load of the index; replaced whole when the index changes."""

    answerer: Answerer
    knowledge: Knowledge  # what reading a question knows of this load: places, document numbers and names, words


def answering_view(store, embedder) -> AnsweringView:
    docs = store.documents()
    search = HybridSearch(store, embedder, docs)
    answerer = Answerer(search, Coverage(store.bm25))
    return AnsweringView(answerer, Knowledge.of(docs, store.bm25.document_frequencies(), search.places(),
                                                Aligner(store.terms, store.english, embedder)))


class Assistant:
    """``background=True`` (the app): documents are answerable as soon as they are parsed and
    their vectors are filled in by a thread behind them. Otherwise (CLI, tests, benchmarks) a
    build or an ingest embeds in the foreground before returning, and an index that still owes
    vectors (a killed pass) answers at once and is finished by ``embed_pending``. ``vectors_later`` (the
    command line): a first start's build and a re-parse leave their vectors to ``embed_pending`` and answer now.
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
            # the command line answers as soon as the corpus is read (its vectors, the documents' words and the
            # 30,000 English words take minutes on a CPU): `index --embed` or the app's background pass makes them
            self.build_from_corpus(fill=not vectors_later or background)
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
        q = reading.read(question, view.knowledge, history, provinces)
        filters = Filters(doc_ids=list(doc_ids or q.documents))
        ans = view.answerer.answer(q, filters)
        # a question asking two values: each half answered where the whole answer leaves one out
        ans = halves.complete(ans, q, lambda text, before: reading.read(text, view.knowledge, before, provinces),
                              lambda half: view.answerer.answer(half, filters))
        # a quoted phrase's note quoted after it
        ans = footnoted.with_notes(ans, q, view.answerer.search.docs, view.answerer.coverage)
        ans.ms = (time.perf_counter() - t0) * 1000
        return ans

    def read(self, question: str) -> Question:
        """The question as ``ask`` reads it, against the index as it is now (eval's retrieval-only questions)."""
        self.live.follow_other_writers()
        return reading.read(question, self.live.view.knowledge)

    def warm_up(self) -> None:
        """Have the stored vectors in memory, the word segmenter loaded (``question_words``: 4–5 s to import)
        and the word alignment ready, before the next question (benchmarks timing warm answers)."""
        self.store.start_memory(wait=True)
        load_segmenter()
        self.warm_words()

    def warm_words(self) -> None:
        """The word alignment's English reference and hubness (``alignment.Aligner.warm``), before a question."""
        align = self.live.view.knowledge.align
        if align is not None:
            align.warm()

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

    def build_from_corpus(self, fill: bool = True) -> dict:
        """(Re)build the whole index from the corpus folder, aside, then swap it in; its vectors now (``fill``)
        or by the next pass."""
        return self.live.build_from(self.settings.corpus, fill)

    def embed_pending(self) -> dict:
        """Give every chunk that still lacks one its vector (what ``index --embed`` runs)."""
        return self.live.embed_pending()

    def close(self) -> None:
        """Stop the background pass (it resumes at the next start) and let other processes write
        this index again (an embedded store is held while open)."""
        self.live.close()
