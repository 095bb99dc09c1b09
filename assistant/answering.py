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

from index.retriever import Filters, HybridSearch
from ingest.admin_units import label as place_label
from ingest.footnotes import detach_markers
from ingest.model import Chunk, Document
from ingest.normalize import join_wraps

from . import compose, facts
from .evidence import Coverage, Scored, content_tokens, label_bonus, row_text
from .model import Answer, Citation
from .question import Question

FOUND_ROW = 0.5  # coverage a row needs to answer
FOUND_CLAUSE = 0.5
MAX_RUNNERS_UP = 4


class Answerer:
    def __init__(self, search: HybridSearch, coverage: Coverage):
        self.search, self.coverage = search, coverage

    @property
    def docs(self) -> list[Document]:
        return list(self.search.docs.values())

    def covered(self) -> list[str]:
        return sorted({d.meta.province or d.name for d in self.docs})

    def answer(self, q: Question, filters: Filters) -> Answer:
        if not self.docs:
            return self._not_found(q, "empty")
        if q.other_places and not q.provinces:
            filtered = [p for p in q.other_places if p in self.covered()]  # indexed, but outside the UI's filter
            extra = ((f"{', '.join(filtered)} nằm ngoài bộ lọc tỉnh đang chọn." if q.lang == "vi" else
                      f"{', '.join(filtered)} is outside the province filter in use.") if filtered else "")
            return self._not_found(q, "province", extra=extra)
        if q.intent == "metadata":
            got = self._document_fact(q, filters)
            if got:
                return got
        if q.provinces:
            filters = Filters(provinces=q.provinces, doc_ids=filters.doc_ids)
        if q.intent != "compare" and not content_tokens(q, known=self.coverage.df):
            return self._not_found(q, "vague")  # "Còn năm 2030 thì sao?" with nothing before it
        hits = self.search.search(q.effective, filters, k=30)
        rows = self._score_rows(q, hits, filters)
        clauses = self._score_clauses(q, hits)
        if q.intent == "compare":
            got = self._compare(q, filters, rows)
            if got:
                return got
        best_row = rows[0] if rows else None
        best_clause = clauses[0] if clauses else None
        row_ok = best_row is not None and best_row.coverage >= FOUND_ROW
        clause_ok = best_clause is not None and best_clause.coverage >= FOUND_CLAUSE
        # A row is the exact figure; a clause that merely mentions it should not
        # win unless it covers the question clearly better.
        margin = {"agency": 0.4, "target": 0.25}.get(q.intent, 0.1)
        if row_ok and (not clause_ok or best_row.coverage >= best_clause.coverage - margin):
            return self._row_answer(q, best_row, rows, clauses)
        if clause_ok:
            return self._clause_answer(q, best_clause, rows, clauses)
        return self._not_found(q, "topic", runners=(clauses[:2] + rows[:2]))

    # ---- scoring -----------------------------------------------------------
    def _score_rows(self, q: Question, hits, filters: Filters) -> list[Scored]:
        qtoks = content_tokens(q, known=self.coverage.df)
        fused = {h.chunk.chunk_id: h.score for h in hits}
        allowed = self.search.allowed(Filters(filters.provinces, filters.doc_ids, ["row"]))
        out = []
        for cid in sorted(allowed, key=self.search.order):  # document order: ties break as before
            chunk, doc = self.search.chunks[cid]
            text = row_text(chunk.row)
            cov = self.coverage(qtoks, text) + label_bonus(q, chunk.row)
            if not any(not v.empty for v in chunk.row.values):
                cov -= 0.2  # a parent heading with no figures of its own
            scored = Scored(chunk, doc, cov, fused.get(cid, 0.0))
            scored.precision = self.coverage.precision(qtoks, text)
            out.append(scored)
        out.sort(key=lambda s: -s.score)
        return out

    def _score_clauses(self, q: Question, hits) -> list[Scored]:
        qtoks = content_tokens(q, keep_years=True, known=self.coverage.df)
        out = [Scored(h.chunk, h.doc, self.coverage(qtoks, h.chunk.search_text), h.score)
               for h in hits if h.chunk.kind != "row"]
        out.sort(key=lambda s: -s.score)
        return out

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

    def _clause_answer(self, q: Question, best: Scored, rows: list[Scored], clauses: list[Scored]) -> Answer:
        chunk, doc = best.chunk, best.doc
        sentences = self._best_sentences(q, chunk, doc)
        if q.intent == "agency":  # "which department…": the "* Thực hiện:" line names it
            who = re.search(r"\*\s*Thực hiện\s*:[^*]+", join_wraps(chunk.text))
            if who and not any(who.group(0).strip() in s for s in sentences):
                sentences.append(who.group(0).strip())
        heading = _heading_title(chunk)
        text = compose.prose_text(heading, sentences, q.lang, place_label(doc.meta.province, q.lang))
        cite = self._cite(doc, chunk)
        return self._finish(q, text, True, [cite], clauses[1:] + [r for r in rows if r.coverage >= 0.5],
                            intent="prose")

    def _compare(self, q: Question, filters: Filters, rows: list[Scored]) -> Answer | None:
        provinces = q.provinces or sorted({d.meta.province for d in self.docs if d.meta.province})
        entries, cites = [], []
        for p in provinces:
            best = next((s for s in rows if s.doc.meta.province == p), None)
            if best is None:
                pf = Filters(provinces=[p], doc_ids=filters.doc_ids)
                hits = self.search.search(q.effective, pf, k=30)
                ranked = self._score_rows(q, hits, pf)
                best = ranked[0] if ranked else None
            if best is None or best.coverage < FOUND_ROW or any(r is best.row for _, r in entries):
                continue  # (Quảng Ngãi and Kon Tum asked together both find Kon Tum's row: once)
            entries.append((place_label(best.doc.meta.province, q.lang) or p, best.row))
            cites.extend(self._row_citations(best))
        if len(entries) < 2:
            return None
        text, table = compose.compare_text(entries, q.years, q.lang)
        ans = self._finish(q, text, True, cites, [], intent="compare")
        ans.table = table
        return ans

    def _document_fact(self, q: Question, filters: Filters) -> Answer | None:
        """Who signed / which number / which date: quote the signature block or the caption line."""
        kind = facts.fact_kind(q.effective)
        docs = [d for d in self.docs if (not q.provinces or self.search.places_of(d.doc_id) & set(q.provinces))
                and (not filters.doc_ids or d.doc_id in filters.doc_ids)]
        if kind is None or len(docs) != 1:
            return None
        d = docs[0]
        span = {"signer": lambda: d.meta.signer_span, "number": lambda: facts.number_span(d),
                "date": lambda: facts.date_span(d), "implements": lambda: facts.implements_span(d)}[kind]()
        text, found = facts.fact_text(kind, d, q.lang)
        cites = []
        if span:
            a, b = span
            locator = {"signer": "Chữ ký", "implements": "Phần mở đầu"}.get(kind, "Số, ngày văn bản")
            cites.append(_span_citation(d, locator, a, b, "metadata"))
        if found and not cites:
            return None  # never state a fact we cannot quote
        ans = self._finish(q, text, found, cites, [], intent="metadata")
        return ans

    def _not_found(self, q: Question, reason: str, extra: str = "", runners=None) -> Answer:
        text = compose.not_found_text(q.lang, reason, self.covered(), extra)
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
            out.append(_span_citation(s.doc, f"{s.chunk.locator} (dòng mẹ / parent row)", a, b, "row"))
        return out

    def _cite(self, doc: Document, chunk: Chunk) -> Citation:
        return _span_citation(doc, chunk.locator, chunk.start, chunk.end, chunk.kind)

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

    # ---- sentences ---------------------------------------------------------
    def _best_sentences(self, q: Question, chunk: Chunk, doc: Document, n: int = 2) -> list[str]:
        """The one or two sentences of a clause that share most terms with the question."""
        qtoks = content_tokens(q, keep_years=True, known=self.coverage.df)
        body = join_wraps(doc.text[chunk.start:chunk.end])
        body = detach_markers(body, [n.marker for n in doc.footnotes])
        # sentences, and the ";"-separated targets of a list item ("…; trên 95% dân số tham gia …;")
        parts = [p.strip() for p in re.split(r"(?<=[.])\s+(?=[-+*]?\s*[A-ZĐÀ-Ỹ\d])|(?<=;)\s+|\s(?=- [A-ZĐ])", body)
                 if len(p.strip()) > 15]
        if not parts:
            return [body[:600]]
        scored = sorted(range(len(parts)), key=lambda i: -self.coverage(qtoks, parts[i]))
        keep = sorted(scored[:n])
        best = self.coverage(qtoks, parts[scored[0]])
        keep = [i for i in keep if self.coverage(qtoks, parts[i]) >= best * 0.6]
        return [_trim(parts[i]) for i in keep]


def _span_citation(doc: Document, locator: str, start: int, end: int, kind: str) -> Citation:
    """A citation quoting ``doc.text[start:end]``, with the document's identity to show beside it."""
    return Citation(document=doc.name, doc_id=doc.doc_id, province=doc.meta.province, locator=locator,
                    text=doc.text[start:end], start=start, end=end, kind=kind,
                    doc_kind=doc.meta.kind, number=doc.meta.number, date=doc.meta.date)


def _heading_title(chunk: Chunk) -> str:
    """The nearest heading with a title: "Điều 5. Phạm vi" for a chunk at "Điều 5 › Khoản 2"."""
    for item in reversed(chunk.heading_path):
        title = re.sub(r"^(Mục [IVX]+|\d+|[a-zđ]\)|Điều \d+\w?|Khoản \d+|Điểm [a-zđ]\))\.?\s*", "", item).strip(" .")
        if title:
            return title
    return ""


def _trim(s: str, limit: int = 700) -> str:
    return s if len(s) <= limit else s[:limit].rsplit(" ", 1)[0] + " …"

