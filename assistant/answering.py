"""From a question and the index to an Answer: the order in which the ways of answering are tried.

The steps (the thresholds in ``answers/thresholds.py``, the ways themselves in ``answers/``):
  1. no documents, or places the documents cannot cover → not found, say what is covered
  2. metadata questions (who signed) → ``document_facts``
  3. a legal place named ("khoản 3 Điều 2") → ``legal_place``
  4. hybrid search, then coverage scoring of the rows of every table (``table_scoring``) and of clauses
     (``scoring``)
  5. a comparison → ``comparison``; a count → ``counts``; then the best of another table's row, a target
     row (both answered by ``table_row``) and a clause (``clause``); else not found
Everything one question computes lives in its ``Context``: the ``Answerer`` is shared by every
question (the web's workers ask it at once) and holds only the index's search and coverage.
"""
from __future__ import annotations

from dataclasses import replace

from ground.normalize import fold
from index.retriever import Filters, HybridSearch
from ingest.model import Document

from . import clause_ranker, grounding, writing
from .answers import clause, comparison, counts, document_facts, legal_place, listed, table_row
from .answers.thresholds import ROW_OVER_CLAUSE, ROW_OVER_CLAUSE_OTHER, SEARCH_K
from .context import Context
from .evidence import Coverage, Scored
from .found import DENSE_K, answers, by_evidence, decision
from .model import Answer
from .question.asked import asks_measure
from .question.question import Question
from .scoring import score_clauses
from .table_scoring import score_rows

NEAR_PLACE = 3000  # characters above a national document's answering source in which the place asked may stand


class Answerer:
    def __init__(self, search: HybridSearch, coverage: Coverage):
        self.search, self.coverage = search, coverage

    @property
    def docs(self) -> list[Document]:
        return list(self.search.docs.values())

    def covered(self) -> list[str]:
        return writing.covered(self.docs)

    def answer(self, q: Question, filters: Filters) -> Answer:
        """The answer, every figure it quotes held by one of its citations (``grounding``)."""
        return grounding.ground(self._answer(q, filters), self.search.docs)

    def _answer(self, q: Question, filters: Filters) -> Answer:
        ans = self._route(Context(q, filters, self.search, self.coverage))
        if ans.found and q.provinces and (filters.doc_ids or not all(c.province for c in ans.citations)):
            # a national document named by its number (or, for its facts, by its title) about a place: its
            # title may name the place, far above any quote
            return self._placed(ans, q.provinces)
        if ans.found or not q.provinces or filters.doc_ids or q.other_places:
            return ans
        # Nothing in the place's own documents: a national one may be about it ("mỏ đồng Tả Phời,
        # tỉnh Lào Cai" in a Prime Minister's decision) — answered only where its source names the place.
        national = [d.doc_id for d in self.docs if not d.meta.province]
        if not national:
            return ans
        asked = replace(q, provinces=[], other_places=list(q.provinces))
        alt = self._about_place(asked, Filters(doc_ids=national), reach=0)  # the place's own documents exist:
        # a national source must name it itself (its row's group, its clause), not somewhere above
        return alt if alt.found else ans

    def _route(self, ctx: Context) -> Answer:
        q, filters, docs = ctx.q, ctx.filters, ctx.docs
        if not docs:
            return writing.not_found(q, docs, "empty")
        if q.other_places and not q.provinces:
            return self._elsewhere(ctx)
        if q.intent == "metadata" and q.place is None:  # a named article is what is asked about: below
            got = document_facts.answer(ctx)
            if got:
                return got
        named = [self.search.docs[i] for i in filters.doc_ids if i in self.search.docs]
        if q.provinces and not (named and not any(d.meta.province in q.provinces for d in named)):
            # (a document named by its number answers even when the place asked is only its topic:
            # "Quyết định 2581/QĐ-TTg … mỏ Núi Pháo, tỉnh Thái Nguyên")
            ctx = ctx.narrowed(Filters(provinces=q.provinces, doc_ids=filters.doc_ids))
        got = legal_place.answer(ctx)  # "khoản 3 Điều 2 Luật An ninh mạng": answered from exactly that place
        if got:
            return got
        if q.intent == "metadata" and q.place is not None:  # a named place the documents do not have
            got = document_facts.answer(ctx)
            if got:
                return got
        if q.intent != "compare" and not ctx.terms():
            return writing.not_found(q, docs, "vague")  # "Còn năm 2030 thì sao?" with nothing before it
        _gather(ctx)
        return _choose(ctx)

    def _elsewhere(self, ctx: Context) -> Answer:
        """A place asked that no indexed document is from, or one outside the UI's province filter."""
        q, docs = ctx.q, ctx.docs
        filtered = [p for p in q.other_places if p in writing.covered(docs)]  # indexed, but outside the filter
        national = [d.doc_id for d in docs if not d.meta.province]
        if filtered or not national:
            extra = ((f"{', '.join(filtered)} nằm ngoài bộ lọc tỉnh đang chọn." if q.lang == "vi" else
                      f"{', '.join(filtered)} is outside the province filter in use.") if filtered else "")
            return writing.not_found(q, docs, "province", extra=extra)
        # No document is *from* that place, but a national one may be about it ("mỏ đồng Tả Phời,
        # tỉnh Lào Cai" in a Prime Minister's decision): look there, never in another province's.
        filters = Filters(doc_ids=[i for i in (ctx.filters.doc_ids or national) if i in national])
        if not filters.doc_ids:
            return writing.not_found(q, docs, "province")
        return self._about_place(q, filters)

    def _about_place(self, q: Question, filters: Filters, reach: int = NEAR_PLACE) -> Answer:
        """Answered from a national document only where the answering source names the place: in its
        text or locator, (``reach``) in the text just above it, or in its document's title ("Nghị quyết về việc
        sắp xếp các đơn vị hành chính cấp xã của tỉnh Đồng Nai": every clause of it is about Đồng Nai)."""
        places = q.other_places
        ans = self.answer(replace(q, other_places=[]), filters)  # a question of its own: a fresh context
        if not (ans.found and ans.citations):
            return writing.not_found(q, self.docs, "province")
        placed = self._placed(ans, places, reach)
        return placed if placed.citations[0].province else writing.not_found(q, self.docs, "province")

    def _placed(self, ans: Answer, places: list[str], reach: int = NEAR_PLACE) -> Answer:
        """A national document's quotes that are about a place asked (named in the source, its locator or the
        ``reach`` characters above it: a table's group row "3 Thái Nguyên", a heading; or the document's own
        title, "… của tỉnh Đồng Nai" of a Standing Committee resolution: every clause of it is about that place)
        cite that place, as a place's own documents do."""
        out = []
        for c in ans.citations:
            doc = self.search.docs.get(c.doc_id)
            if c.province or doc is None:
                out.append(c)
                continue
            near = fold(f"{doc.meta.title or ''} {c.locator} {doc.text[max(0, c.start - reach):c.end]}")
            named = [p for p in places if fold(p).removeprefix("thanh pho ") in near]
            out.append(replace(c, province=named[0]) if named else c)
        return replace(ans, citations=out)


# Of each kind, the candidates after the first that may answer where the first does not. Measured (every vector):
# 0 → 2: qa2-tune 131 → 132, qa2-check 84 → 85, qa3 105 → 106, qa4 114 → 114 (won one, an unanswerable answered),
# qa.jsonl 49, plans 89, dev 30 unchanged; the whole folder: tune 129 → 131, check 80 → 80, qa.jsonl 46 → 47.
RESCUE = 2


def _gather(ctx: Context) -> None:
    """The question's evidence, into its context: hits, an English question's dense ranks, scored sources."""
    q, search = ctx.q, ctx.search
    ctx.hits = search.search(q, ctx.filters, k=SEARCH_K, lang=q.lang, dense_question=q.vector_text)
    # one ranking by the vectors over every kind of source, in both languages (empty with no vectors yet):
    # where the glossary is silent it carries an English question; everywhere it is evidence of answering
    ctx.dense_rank = {cid: i for i, (cid, _) in enumerate(search.dense(q.vector_text, ctx.filters, DENSE_K))}
    targets, table = score_rows(ctx, ctx.hits, ctx.filters)
    ctx.targets = targets
    # the other tables' rows join the context after the clauses are ordered, as before one scorer made both
    # lists: the found decision the clause ranker consults weighs the candidates in the context (``found.candidates``)
    ctx.clauses = clause_ranker.reorder(ctx, by_evidence(ctx, score_clauses(ctx, ctx.hits)))
    ctx.table = table


def _choose(ctx: Context) -> Answer:
    """The way of answering, in order: a comparison, a count, then the best-covered of another table's row,
    a target row and a clause (a row wins unless a clause covers the question clearly better)."""
    q, rows, clauses, table = ctx.q, ctx.targets, ctx.clauses, ctx.table
    if q.intent == "compare":
        got = comparison.across_places(ctx)
        if got:
            return got
    got = table_row.coded(ctx)  # "which procedure carries code 1.014444.H13?": the row printing it
    if got:
        return got
    best_row, best_clause = _first_answering(ctx, rows), _first_answering(ctx, clauses)
    row_ok, clause_ok = answers(ctx, best_row), answers(ctx, best_clause)  # one rule of found (``found.py``)
    # a row against the clauses: their best coverage, whichever clause is quoted (their order is by evidence)
    clause_cov = max((c.coverage for c in clauses), default=0.0)
    margin = ROW_OVER_CLAUSE.get(q.intent, ROW_OVER_CLAUSE_OTHER)
    best_table = _first_answering(ctx, _twins_by_coverage(table))
    if q.intent == "compare" and len(table) > 1:
        got = comparison.two_table_rows(ctx)
        if got:
            return got
    got = comparison.same_row_two_tables(ctx)  # one row asked of two tables the question names both of
    if got:
        return got
    if q.asks.kind == "count" and not asks_measure(q.asks) or listed.asks_list(q):  # "bao nhiêu tỉnh", "những
        # nhiệm vụ nào": a list is read; "bao nhiêu tiết mỗi tuần" asks a value stated, not items counted
        got = counts.answer(ctx)
        if got:
            return got
    if answers(ctx, best_table) \
            and (not row_ok or best_table.score > best_row.score) \
            and (not clause_ok or best_table.coverage >= clause_cov - margin):
        return table_row.answer(ctx, best_table)
    if row_ok and (not clause_ok or best_row.coverage >= clause_cov - margin):
        return table_row.answer(ctx, best_row)  # a target row says which years it has
    if clause_ok:
        return clause.answer(ctx, best_clause)
    # the nearest sources to check: two of each kind, more clauses where there are fewer rows (a law has none)
    return writing.not_found(q, ctx.docs, "topic", extra=_unread(ctx), runners=(clauses[:2] + rows[:2] + clauses[2:]))


def _twins_by_coverage(table: list[Scored]) -> list[Scored]:
    """The first row, or a twin of it among the next ``TWINS`` that covers the question more: the same step or item
    (the same name) of another table of its document — a workflow's "Bước 2. Phân công thụ lý hồ sơ" for the province and for the
    commune ("Lãnh đạo Phòng Kinh tế (đối với xã) hoặc phòng Kinh tế hạ tầng và đô thị (đối với phường)"), told apart
    by the words only one of them holds ("cấp phường")."""
    if len(table) < 2 or table[0].row is None:
        return table
    name = _row_name(table[0])
    twins = [s for s in table[1:1 + TWINS] if s.row is not None and s.doc is table[0].doc and _row_name(s) == name
             and s.row.table != table[0].row.table]
    best = max([table[0], *twins], key=lambda s: s.coverage)  # a tie keeps the first
    return table if best is table[0] else [best] + [s for s in table if s is not best]


TWINS = 2  # rows after the first that may be its twin


def _row_name(s: Scored) -> str:
    return " ".join(fold(f"{s.row.number or ''} {s.row.label}").split())


def _first_answering(ctx: Context, some: list) -> Scored | None:
    """The first of a kind; where it does not answer, the one of the next ``RESCUE`` that the found decision
    rates highest among those that do (a row ordered first by a glossary's wrong reading — "declaration" as "tờ
    khai" — refuses a question its sibling answers), else the first still."""
    if not some or RESCUE == 0 or answers(ctx, some[0]):
        return some[0] if some else None
    others = [s for s in some[1:1 + RESCUE] if answers(ctx, s)]
    return max(others, key=lambda s: decision(ctx, s)) if others else some[0]


def _unread(ctx: Context) -> str:
    """An English question refused while no vectors reach its documents (a home answering at once):
    say which of its words nothing could read, so the refusal is not taken for "absent"."""
    words = [t[3:] for t in ctx.terms() if isinstance(t, str) and t.startswith("en:")]
    if ctx.q.lang != "en" or ctx.dense_rank or not words:
        return ""
    return (f"The glossary does not know “{', '.join(words[:6])}”, and the multilingual vectors that read such words "
            "are not made for these documents yet (python -m assistant index --embed): ask again when they are, "
            "or ask with the Vietnamese term.")
