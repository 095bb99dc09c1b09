"""From a question and the index to an Answer: pick evidence, compose, cite.

The steps, each a small function:
  1. places and years the documents cannot cover → not found, say what is covered
  2. metadata questions (who signed) → the signature block
  3. hybrid search, then coverage scoring of rows and clauses
  4. the best row answers a target/agency question; a table answers a comparison;
     otherwise the best clause is quoted sentence by sentence
  5. citations: the answering source first, then up to four runners-up
"""
from __future__ import annotations

import re
from dataclasses import replace

from index.retriever import Filters, HybridSearch
from ingest.admin_units import label as place_label
from ingest.model import Chunk, Document
from ingest.normalize import fold, join_wraps
from ingest.page_view import reading_view

from . import compare_answers, compose, fact_answers, legal, list_counts, table_scoring
from . import table_answers as tables
from .asked import holds, typed_strongly
from .citing import span_citation
from .evidence import (
    FOUND_CLAUSE,
    FOUND_ROW,
    UNKNOWN_WORD_FACTOR,
    Coverage,
    Scored,
    content_tokens,
    flat_terms,
    label_bonus,
    row_text,
)
from .model import Answer, Citation
from .passages import heading_title, lead_in, shares_anchor, title_terms
from .question import Question
from .sentences import best_sentences, list_lead, missing_years

MAX_RUNNERS_UP = 4
CLAUSE_TYPE_BONUS = 0.1  # a found clause that states a value of the asked type (a duration, a period…)
MIN_TERMS_EN = 0.3  # share of an English question's translated terms a source must hold to use its dense rank


class Answerer:
    def __init__(self, search: HybridSearch, coverage: Coverage):
        self.search, self.coverage = search, coverage

    @property
    def docs(self) -> list[Document]:
        return list(self.search.docs.values())

    def covered(self) -> list[str]:
        # a national document is named without its number and date: a not-found reply states no figure
        return sorted({d.meta.province or compose.doc_label(d) for d in self.docs})

    def answer(self, q: Question, filters: Filters) -> Answer:
        ans = self._answer(q, filters)
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

    def _answer(self, q: Question, filters: Filters) -> Answer:
        if not self.docs:
            return self._not_found(q, "empty")
        if q.other_places and not q.provinces:
            filtered = [p for p in q.other_places if p in self.covered()]  # indexed, but outside the UI's filter
            national = [d.doc_id for d in self.docs if not d.meta.province]
            if filtered or not national:
                extra = ((f"{', '.join(filtered)} nằm ngoài bộ lọc tỉnh đang chọn." if q.lang == "vi" else
                          f"{', '.join(filtered)} is outside the province filter in use.") if filtered else "")
                return self._not_found(q, "province", extra=extra)
            # No document is *from* that place, but a national one may be about it ("mỏ đồng Tả Phời,
            # tỉnh Lào Cai" in a Prime Minister's decision): look there, never in another province's.
            filters = Filters(doc_ids=[i for i in (filters.doc_ids or national) if i in national])
            if not filters.doc_ids:
                return self._not_found(q, "province")
            return self._about_place(q, filters)
        if q.intent == "metadata":
            got = self._document_fact(q, filters)
            if got:
                return got
        named = [self.search.docs[i] for i in filters.doc_ids if i in self.search.docs]
        if q.provinces and not (named and not any(d.meta.province in q.provinces for d in named)):
            # (a document named by its number answers even when the place asked is only its topic:
            # "Quyết định 2581/QĐ-TTg … mỏ Núi Pháo, tỉnh Thái Nguyên")
            filters = Filters(provinces=q.provinces, doc_ids=filters.doc_ids)
        place = legal.named_place(q.effective)
        if place:  # "khoản 3 Điều 2 Luật An ninh mạng": answered from exactly that place
            got = self._place_answer(q, place, filters)
            if got:
                return got
        if q.intent != "compare" and not content_tokens(q, known=self.coverage.df):
            return self._not_found(q, "vague")  # "Còn năm 2030 thì sao?" with nothing before it
        hits = self.search.search(q.effective, filters, k=30, lang=q.lang)
        self._dense_rank = {}
        if q.lang == "en":  # where the glossary is silent, the multilingual vectors still rank
            # one ranking over every kind of source, so rows and clauses compete on equal terms
            self._dense_rank = {cid: i for i, (cid, _) in enumerate(self.search.dense(q.effective, filters, 5))}
        rows = self._score_rows(q, hits, filters)
        clauses = self._score_clauses(q, hits)
        table = table_scoring.score_table_rows(self, q, hits, filters)
        if q.intent == "compare":
            got = compare_answers.across_places(self, q, filters, rows)
            if got:
                return got
        best_row = rows[0] if rows else None
        best_clause = clauses[0] if clauses else None
        row_ok = best_row is not None and best_row.coverage >= FOUND_ROW
        clause_ok = best_clause is not None and best_clause.coverage >= FOUND_CLAUSE
        # A row is the exact figure; a clause that merely mentions it should not
        # win unless it covers the question clearly better.
        margin = {"agency": 0.4, "target": 0.25}.get(q.intent, 0.1)
        best_table = table[0] if table else None
        if q.intent == "compare" and len(table) > 1:
            got = compare_answers.two_table_rows(self, q, table, clauses)
            if got:
                return got
        if q.asks.kind == "count" and table:  # "how many species in group B": a list's rows are counted
            got = list_counts.counted_answer(self, q, table)
            if got:
                return got
        if best_table is not None and best_table.coverage >= FOUND_ROW \
                and (not row_ok or best_table.score > best_row.score) \
                and (not clause_ok or best_table.coverage >= best_clause.coverage - margin):
            if self._years_missing(q, best_table.doc):
                return self._not_found(q, "year", runners=[best_table])
            return self._table_row_answer(q, best_table, table, clauses)
        if row_ok and (not clause_ok or best_row.coverage >= best_clause.coverage - margin):
            return self._row_answer(q, best_row, rows, clauses)  # a target row says which years it has
        if clause_ok:
            if self._years_missing(q, best_clause.doc):
                return self._not_found(q, "year", runners=[best_clause])
            return self._clause_answer(q, best_clause, rows, clauses)
        return self._not_found(q, "topic", runners=(clauses[:2] + rows[:2]))

    def _about_place(self, q: Question, filters: Filters, reach: int = 3000) -> Answer:
        """Answered from a national document only where the answering source names the place: in its
        text or locator, or (``reach``) in the text just above it."""
        places = q.other_places
        q.other_places = []
        ans = self.answer(q, filters)
        q.other_places = places
        if not (ans.found and ans.citations):
            return self._not_found(q, "province")
        c = ans.citations[0]
        doc = self.search.docs.get(c.doc_id)
        # the place in the source or just above it (a table's group row "3 Thái Nguyên", a heading)
        near = fold(f"{c.locator} {doc.text[max(0, c.start - reach):c.end] if doc else c.text}")
        named = any(fold(p).removeprefix("thanh pho ") in near for p in places)
        return ans if named else self._not_found(q, "province")

    def _years_missing(self, q: Question, doc: Document) -> bool:
        """A year the document never mentions ("… for the year 2040" of a plan to 2030)."""
        return bool(q.years) and not any(str(y) in doc.text for y in q.years)

    # ---- scoring -----------------------------------------------------------
    def _score_rows(self, q: Question, hits, filters: Filters) -> list[Scored]:
        qtoks = content_tokens(q, known=self.coverage.df)
        fused = {h.chunk.chunk_id: h.score for h in hits}
        allowed = self.search.allowed(Filters(filters.provinces, filters.doc_ids))  # None: every row
        out = []
        for cid in self.search.target_rows:  # document order: ties break as before
            if allowed is not None and cid not in allowed:
                continue
            chunk, doc = self.search.chunks[cid]
            text = row_text(chunk.row)
            cov = self._cross_lingual(q, qtoks, text, cid, self.coverage(qtoks, text)) + label_bonus(q, chunk.row)
            if not any(not v.empty for v in chunk.row.values):
                cov -= 0.2  # a parent heading with no figures of its own
            scored = Scored(chunk, doc, cov, fused.get(cid, 0.0))
            scored.precision = self.coverage.precision(qtoks, text)
            out.append(scored)
        out.sort(key=lambda s: -s.score)
        return out

    def _score_clauses(self, q: Question, hits) -> list[Scored]:
        qtoks = content_tokens(q, keep_years=True, known=self.coverage.df)
        out = [Scored(h.chunk, h.doc, self._cross_lingual(q, qtoks, h.chunk.search_text, h.chunk.chunk_id,
                                                          self.coverage(qtoks, h.chunk.search_text, title_terms(h.doc, frozenset(flat_terms(qtoks)))))
                      + _role_bonus(q, h.chunk), h.score)
               for h in hits if h.chunk.kind != "row"]
        for sc in out:  # of two clauses on the topic, the one stating a value of the asked type answers
            if sc.coverage >= FOUND_CLAUSE and typed_strongly(q.asks) and holds(q.asks, sc.chunk.text):
                sc.coverage += CLAUSE_TYPE_BONUS  # a reordering among found clauses, never what makes one found
        out.sort(key=lambda s: -s.score)
        return out

    def _cross_lingual(self, q: Question, qtoks, text: str, cid: str, cov: float) -> float:
        """An English question's coverage leans on the dense ranking as well as on the glossary.

        Its untranslated words ("en:bonus") can never be found in Vietnamese text, so they are left
        out of the term coverage; a source the multilingual vectors rank in their top five gets
        credit by rank (1.0, 0.85, 0.7, 0.55, 0.4). Blend: 0.45 × terms + 0.55 × rank; the plain
        coverage stays when it is higher."""
        if q.lang != "en":
            return cov
        rank = self._dense_rank.get(cid)
        dense = (1.0, 0.85, 0.7, 0.55, 0.4)[rank] if rank is not None and rank < 5 else 0.0
        # words the glossary turned into Vietnamese (years say when, not what: they do not count)
        known = [t for t in qtoks if not (isinstance(t, str) and (t.startswith("en:") or re.fullmatch(r"(19|20)\d\d", t)))]
        terms = self.coverage(known, text) if known else 0.0
        if not known and not shares_anchor(q.text, text):
            # nothing of the question was read, and the source shares none of its figures or acronyms:
            # a vector's rank alone cannot tell "absent" from "phrased otherwise" ("How many airports…")
            return cov
        if known and terms < MIN_TERMS_EN and len(known) >= len(qtoks) - len(known):
            # the glossary read most of the question and this source lacks those words: the vectors'
            # rank alone does not make it an answer ("How many airports…" → a general goal clause)
            return cov
        # an acronym written in capitals that no document uses ("GDP", "FDI") names what is not here
        absent = sum(1 for a in set(re.findall(r"\b[A-Z]{2,6}\b", q.text)) if a.lower() not in self.coverage.df)
        return max(cov, (0.45 * terms + 0.55 * dense) * UNKNOWN_WORD_FACTOR ** absent)

    # ---- answers -----------------------------------------------------------
    def _row_answer(self, q: Question, best: Scored, rows: list[Scored], clauses: list[Scored]) -> Answer:
        row = best.row
        province = place_label(best.doc.meta.province, q.lang)  # "Kon Tum (nay thuộc tỉnh Quảng Ngãi)"
        if q.years and not any(v.year in q.years for v in row.values):
            years = sorted({v.year for v in row.values})
            extra = (f"Chỉ tiêu “{compose.indicator_name(row)}” chỉ có các năm {', '.join(map(str, years))}."
                     if q.lang == "vi" else
                     f"The indicator “{compose.indicator_name(row)}” has targets for {', '.join(map(str, years))} only.")
            return self._not_found(q, "year", extra=extra, runners=[best])
        if q.intent == "agency":
            text = compose.agency_text(row, q.lang, province)
        else:
            text = compose.target_text(row, q.years, q.lang, province)
        cites = self._row_citations(best)
        # runners-up: the nearest other rows and the clauses that discuss the same topic
        near_rows = [s for s in rows[1:] if s.coverage >= 0.3][:2]
        near_clauses = [s for s in clauses if s.coverage >= 0.3][:2]
        runners = near_rows + near_clauses + [s for s in rows[3:] if s.coverage >= 0.3]
        return self._finish(q, text, True, cites, runners, intent=q.intent)

    def _place_answer(self, q: Question, place: legal.Place, filters: Filters) -> Answer | None:
        docs = [d for d in self.docs if (not filters.doc_ids or d.doc_id in filters.doc_ids)
                and (not filters.provinces or d.meta.province in filters.provinces)]
        found = legal.place_chunks(place, docs)
        if not found:
            return None
        qtoks = content_tokens(q, keep_years=True, known=self.coverage.df)
        scored = [Scored(c, d, self.coverage(qtoks, f"{d.meta.title or ''} {d.name} {c.search_text}"))
                  for c, d in found]
        scored.sort(key=lambda s: -s.coverage)
        return self._clause_answer(q, scored[0], [], scored[1:3], n=4)

    def _table_row_answer(self, q: Question, best: Scored, table: list[Scored], clauses: list[Scored]) -> Answer:
        qtoks = content_tokens(q, keep_years=True, known=self.coverage.df)
        text = tables.table_row_text(best.chunk.table_row, q.effective, q.lang, qtoks, self.coverage,
                                     place_label(best.doc.meta.province, q.lang), q.asks)
        row = best.chunk.table_row
        cites = [self._cite(best.doc, best.chunk)]
        if row.header_span:  # the column names (and a unit printed there) the answer repeats
            a, b = row.header_span
            cites.append(span_citation(best.doc, f"{best.chunk.locator} (tiêu đề bảng / table header)", a, b, "row"))
        runners = [s for s in table[1:] if s.coverage >= 0.4][:2] + [s for s in clauses if s.coverage >= 0.4][:2]
        return self._finish(q, text, True, cites, runners, intent="row")

    def _clause_answer(self, q: Question, best: Scored, rows: list[Scored], clauses: list[Scored],
                       n: int = 2) -> Answer:
        chunk, doc = best.chunk, best.doc
        sentences = best_sentences(q, chunk, doc, self.coverage, n=n)
        more = self._completed(q, best, sentences, clauses)
        view = reading_view(doc.text[chunk.start:chunk.end])
        lead = lead_in(view)
        first = view.strip().split("\n", 1)[0].strip()
        if q.intent == "agency" and len(first) < 120 and _AGENCY_HEAD.match(first) and first not in sentences:
            sentences.insert(0, first)  # "1. Sở Tài chính" heads the duties listed under it
        elif q.intent == "agency" and lead and lead not in sentences:
            sentences.insert(0, lead)  # "Sở … chỉ đạo Chi cục … thực hiện các nội dung sau:" names who acts
        if q.intent == "agency":  # "which department…": the "* Thực hiện:" line names it
            who = re.search(r"\*\s*Thực hiện\s*:[^*]+", join_wraps(chunk.text))
            if who and not any(who.group(0).strip() in s for s in sentences):
                sentences.append(who.group(0).strip())
        heading = heading_title(chunk)
        article = legal.article_of(chunk)
        if article and (legal.asks_which_article(q.effective) or legal.named_place(q.effective)):
            full = next((h for h in chunk.heading_path if h.startswith(article)), article)
            heading = f"{chunk.locator} ({full})" if full != chunk.locator else chunk.locator
        plan = (doc.meta.kind or "Kế hoạch") == "Kế hoạch" and doc.meta.province
        text = compose.prose_text(heading, sentences, q.lang, place_label(doc.meta.province, q.lang),
                                  name=None if plan else compose.doc_label(doc))
        cites = [self._cite(doc, chunk)] + more
        return self._finish(q, text, True, cites, clauses[1:] + [r for r in rows if r.coverage >= 0.5],
                            intent="prose")

    def _completed(self, q: Question, best: Scored, sentences: list[str], clauses: list[Scored]) -> list[Citation]:
        """Add to ``sentences`` what the question asks and they lack; the citations of what was added.
        The list heading holding the asked value ("a) Đến năm 2026" above "- … BIM bắt buộc …"); the
        sentence for another year asked together ("end of 2025 … compared with end-2030")."""
        out = []
        if typed_strongly(q.asks) and not any(holds(q.asks, s) for s in sentences):
            for i, sentence in enumerate(sentences):
                lead = list_lead(best.doc, best.chunk, sentence)
                if lead and holds(q.asks, lead[2]):
                    sentences.insert(i, lead[2])
                    out.append(span_citation(best.doc, f"{best.chunk.locator} (đầu mục / list heading)", lead[0],
                                             lead[1], best.chunk.kind))
                    break
        for year in missing_years(q, sentences):
            other = next((c for c in clauses if c.doc is best.doc and c.chunk is not best.chunk
                          and c.coverage >= FOUND_CLAUSE and str(year) in c.chunk.text), None)
            if other is not None:
                sentences.extend(s for s in best_sentences(q, other.chunk, other.doc, self.coverage, n=1)
                                 if s not in sentences)
                out.append(self._cite(other.doc, other.chunk))
        return out

    def _document_fact(self, q: Question, filters: Filters) -> Answer | None:
        return fact_answers.document_fact(self, q, filters)

    def _not_found(self, q: Question, reason: str, extra: str = "", runners=None) -> Answer:
        near = [compose.doc_label(s.doc) for s in (runners or []) if s.coverage >= 0.3] if reason == "topic" else []
        text = compose.not_found_text(q.lang, reason, self.covered(), extra, nearest=near, total=len(self.docs))
        cites = [self._cite(s.doc, s.chunk) for s in (runners or [])[:MAX_RUNNERS_UP]]
        return Answer(question=q.text, text=text, found=False, citations=cites, lang=q.lang,
                      intent="unanswerable")

    # ---- citations ---------------------------------------------------------
    def _row_citations(self, s: Scored) -> list[Citation]:
        cite = self._cite(s.doc, s.chunk)
        cite.highlight = [v.raw for v in s.row.values if not v.empty]
        out = [cite]
        if s.row.parent_span:  # the parent row names the indicator a sub-row belongs to
            a, b = s.row.parent_span
            out.append(span_citation(s.doc, f"{s.chunk.locator} (dòng mẹ / parent row)", a, b, "row"))
        return out

    def _cite(self, doc: Document, chunk: Chunk) -> Citation:
        return span_citation(doc, chunk.locator, chunk.start, chunk.end, chunk.kind)

    def _finish(self, q: Question, text: str, found: bool, cites: list[Citation], runners: list[Scored],
                intent: str) -> Answer:
        seen = {(c.doc_id, c.start, c.end) for c in cites}
        limit = len(cites) + MAX_RUNNERS_UP  # the answering source(s), then up to four to check
        for s in runners:
            if len(cites) >= limit:
                break
            key = (s.doc.doc_id, s.chunk.start, s.chunk.end)
            if key not in seen:
                seen.add(key)
                cites.append(self._cite(s.doc, s.chunk))
        return Answer(question=q.text, text=text, found=found, citations=cites, lang=q.lang, intent=intent)


_AGENCY_HEAD = re.compile(r"^(?:\d+\.\s*|[a-zđ]\)\s*)?(Sở|Bộ|Ủy ban|UBND|Cục|Chi cục|Ban|Văn phòng|Trung tâm|Công an|"
                          r"Kho bạc|Ngân hàng|Thanh tra|Hội đồng|Đài|Báo|Liên đoàn|Hội)\b")


def _role_bonus(q: Question, chunk: Chunk) -> float:
    """What kind of passage answers what kind of question. The "Căn cứ …" opening cites legal bases;
    it answers no task or figure question (what a document implements is a fact question). A clause
    headed by an agency ("1. Sở Tài chính") is where a "which department" question is answered."""
    bonus = 0.0
    if chunk.kind == "preamble":
        # legal bases ("Căn cứ Luật …; Căn cứ Quyết định …") share a question's words but answer nothing
        bases = len(re.findall(r"(?m)^\W*Căn cứ\b", chunk.text.replace("*", "")))
        bonus -= 0.3 if bases >= 1 and q.intent != "metadata" else 0.1
    if q.intent == "agency" and chunk.heading_path and _AGENCY_HEAD.match(chunk.heading_path[-1].split("› ")[-1]):
        bonus += 0.1
    return bonus
