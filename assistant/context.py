"""What one question's answering computes, in one object made for that question alone.

The ``Answerer`` is shared: the web serves one from several workers at once. So nothing a question
computes — its content terms, its hits, the dense ranks of an English question, the scored rows,
clauses and table rows, the filters it narrowed to — is kept on it: it lives here, one ``Context``
per question, and the answering strategies read it (``assistant/answers/``).

    ctx = Context(q, Filters(), search, coverage)
    ctx.terms(keep_years=True)   # the question's content terms, computed once for this question
    ctx.narrowed(Filters(provinces=["Kon Tum"]))   # the same question within other filters
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from index.retriever import Filters, HybridSearch
from ingest.model import Document

from .evidence import Coverage, Scored, Term, content_tokens
from .question.question import Question
from .question.question_words import question_words
from .unit_similarity import UnitSimilarity


@dataclass
class Context:
    q: Question
    filters: Filters
    search: HybridSearch
    coverage: Coverage
    hits: list = field(default_factory=list)  # the hybrid search's hits within ``filters``
    dense_rank: dict[str, int] = field(default_factory=dict)  # chunk id → rank among the vectors' top (English)
    targets: list[Scored] = field(default_factory=list)  # target rows (``TableRow.by_year``), best first
    clauses: list[Scored] = field(default_factory=list)  # clauses, best first
    table: list[Scored] = field(default_factory=list)  # the other tables' rows, best first
    _terms: dict[bool, list[Term]] = field(default_factory=dict, repr=False)
    _units: UnitSimilarity | None = field(default=None, repr=False)
    _words: list | None = field(default=None, repr=False)
    _aligned: list | None = field(default=None, repr=False)

    @property
    def unit_sim(self) -> UnitSimilarity:
        """The question's similarity to the evidence units of its sources (``unit_similarity``), made
        once per question from the query vector the search computed (None-valued without unit vectors)."""
        if self._units is None:
            self._units = UnitSimilarity(getattr(getattr(self.search, "store", None), "units", None),
                                         lambda: self.search.query_vector(self.q.vector_text))
        return self._units

    @property
    def docs(self) -> list[Document]:
        return list(self.search.docs.values())

    def terms(self, keep_years: bool = False) -> list[Term]:
        """The question's content terms (``evidence.content_tokens``): asked of every row and clause,
        computed once per question and index."""
        got = self._terms.get(keep_years)
        if got is None:
            got = self._terms[keep_years] = content_tokens(self.q, keep_years, known=self.coverage.df)
        return got

    def words(self) -> list:
        """The question's words as underthesea segments them, weighed (``question_words``), computed once."""
        if self._words is None:
            self._words = question_words(self.q, self.coverage.idf)
        return self._words

    def aligned_in(self, text: str) -> set[str]:
        """The English words (``Question.aligned``) whose Vietnamese word ``text`` holds as a word."""
        if not self.q.aligned:
            return set()
        if self._aligned is None:
            self._aligned = [(en, re.compile(r"(?<!\w)(?:" + "|".join(r"\s+".join(map(re.escape, v.split()))
                                                                  for v in vi.split("|")) + r")(?!\w)"))
                             for en, vi in self.q.aligned]
        low = text.lower()
        return {en for en, pattern in self._aligned if pattern.search(low)}

    def narrowed(self, filters: Filters) -> Context:
        """The same question within other filters: its terms and dense ranks stay (they are the question's)."""
        return replace(self, filters=filters)

    def asking(self, q: Question, filters: Filters) -> Context:
        """Another question (a place set aside, a national document's turn): a fresh context."""
        return Context(q, filters, self.search, self.coverage)
