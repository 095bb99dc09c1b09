"""Which table rows answer: one scorer for the rows of every table, a plan's target rows included.

What a row holds says how it is scored (``score_row``). A target row (``TableRow.by_year``: an indicator
with a figure for each year) is one of a few hundred, all of them scored on every question
(``score_targets``): its indicator's words against the question's (years aside: they say which figure, not
which row), a sub-row named by its label, a heading row without figures of its own set back. Any other
row is one of tens of thousands, so only those within reach are scored: every row the searches found, and
the other rows of the documents they sit in (``score_rows``).

Among hundreds of documents a row can be out of both searches' reach though its document is found:
a row's search text carries its table's caption and column names, so the 21 rows of one table look
alike to BM25 and to the vectors, and the row that differs — "2 | Môi trường ao nuôi tôm đại diện |
- pH, độ mặn, … | 02 lần/tháng | … | 21 | 336" in a plan whose Phụ lục III lists 21 shrimp ponds — is
diluted by its long cell. So the documents of the best rows found are read whole (``EXPAND_DOCS`` of
them, at most ``DOC_ROWS`` rows each): a row of theirs whose own words cover the question is scored
like the rows found.

A row of another table is covered by its own cells and names against the question's terms (the document's title
terms weigh a third where the question restates the title), with the question's words only its
caption holds (they name the table), then the column named, the unit asked, the total asked, the
figures quoted, the value type, the asked parts the row states (``cell_choice``), a workflow step.
"""
from __future__ import annotations

import re

import numpy as np

from index.retriever import Filters
from ingest.model import Chunk, Document, TableRow

from . import cell_choice, row_ranker
from . import row_evidence as fits
from .context import Context
from .evidence import FOUND_ROW, Scored, flat_terms, token_set
from .passages import title_terms
from .question import lexicon
from .question.question_words import words_share
from .scoring import cross_lingual

_BRACKETED = re.compile(r"\([^()]{20,}\)")  # "(đối với các trường hợp quy định tại khoản 2 Điều 15 …)"
EXPAND_DOCS = 2  # documents read whole: those of the best rows found
DOC_ROWS = 160  # a document with more rows than this is left to the searches (measured: 111 of 421 real
#                 documents have table rows; median 22, 90th percentile 107, largest 572)
QUICK = 0.5  # an unreached row's own coverage must reach this before it is scored in full
ROW_SEARCH_K = 20  # hits of the search among rows only
CAPTION_WEIGHT = 1.0  # the question's words only the caption holds ("phụ lục kết quả thực hiện", "danh mục TTHC
#                       lĩnh vực điện lực") count as the row's: they name its table (measured: 0.15 → 1.0, qa2-tune
#                       vec 72 → 76, lex 62 → 66, no loss; the caption's words the row holds itself count once)
PARTS_BONUS = 0.1  # a found row with a cell for every part asked (the deadline, the agency): like a type's fit
NO_PART_PENALTY = 0.2  # a found row stating none of the parts asked
STEP_FIT = 0.15  # a workflow step's row ("B5"): for a question about one step, not about the procedure
EMPTY_ROW_PENALTY = 0.2  # a target row with no figures of its own (a parent heading row) answers no figure question
UNIT_REACH = 0.05  # a row of a document read whole is scored when a cell of it stands out this much by the unit
#                    vectors though its words do not reach QUICK (an English row the glossary cannot read); the
#                    answered-right questions' best units stand out 0.044 (lower quartile) – 0.074 (upper) on
#                    qa2-tune; 105/154 with it and without it there (no tune row needed it)


def score_rows(ctx: Context, hits, filters: Filters) -> tuple[list[Scored], list[Scored]]:
    """Every row within ``filters`` that may answer, scored, best first: the target rows, and the rows of the
    other tables (two lists: the router weighs a target row and another table's row against a clause apart)."""
    return score_targets(ctx, hits, filters), _table_rows(ctx, hits, filters)


def score_targets(ctx: Context, hits, filters: Filters) -> list[Scored]:
    """Every target row within ``filters``, best first; ``hits`` give their fused retrieval scores."""
    fused = {h.chunk.chunk_id: h.score for h in hits}
    allowed = ctx.search.allowed(Filters(filters.provinces, filters.doc_ids))  # None: every row
    out = []
    for cid in ctx.search.target_rows_in(allowed):  # document order: ties break as before
        chunk, doc = ctx.search.chunks[cid]
        out.append(score_row(ctx, chunk, doc, fused.get(cid, 0.0)))
    out.sort(key=lambda s: -s.score)
    return out


def score_row(ctx: Context, chunk: Chunk, doc: Document, retrieval: float, parts: list[cell_choice.Part] | None = None,
              feats: dict[int, dict[str, float]] | None = None) -> Scored:
    """One row's coverage of the question and its tie-breakers. ``parts``: the parts asked, read once per
    question by the caller (``cell_choice.parts_asked``); ``feats``: where the ranker's named features of a
    row that is not a target row are kept (by id of its ``Scored``)."""
    if chunk.row.by_year:
        return _target_scored(ctx, chunk, doc, retrieval)
    if parts is None:
        parts = cell_choice.parts_asked(ctx.q)
    return _scored(ctx, ctx.terms(keep_years=True), chunk, doc, retrieval, parts, {} if feats is None else feats)


def _target_scored(ctx: Context, chunk: Chunk, doc: Document, retrieval: float) -> Scored:
    qtoks = ctx.terms()
    text = fits.row_text(chunk.row)
    cov = cross_lingual(ctx, qtoks, text, chunk.chunk_id, ctx.coverage(qtoks, text)) + fits.label_bonus(ctx.q, chunk.row)
    if not any(not v.empty for v in chunk.row.values):
        cov -= EMPTY_ROW_PENALTY
    scored = Scored(chunk, doc, cov, retrieval)
    scored.precision = ctx.coverage.precision(qtoks, text)
    scored.unit_sim = ctx.unit_sim.best(doc, chunk.start, chunk.end)
    return scored


def heads_its_group(row) -> bool:
    """A group's own heading read as a row: no name, and its number is the mark of the group it is in ("B" in group
    "B", its title pushed into the code column: "Mã TTHC: THỦ TỤC HÀNH CHÍNH CẤP HUYỆN"). It names no item: the rows
    under it answer."""
    if row.label.strip() or not row.group or not row.number:
        return False
    return row.number.strip().rstrip(".") == row.group[-1].split()[0].rstrip(".")


def _table_rows(ctx: Context, hits, filters: Filters) -> list[Scored]:
    """Rows of the other tables, from the general hits, a search among rows only, and the rows' documents."""
    q = ctx.q
    qtoks = ctx.terms(keep_years=True)
    found = ctx.search.search(q, Filters(filters.provinces, filters.doc_ids, ["row"]), k=ROW_SEARCH_K,
                              lang=q.lang, dense_question=q.vector_text)
    seen, out = set(), []
    feats: dict[int, dict[str, float]] = {}  # each row's named features (``row_ranker``), by id of its Scored
    parts = cell_choice.parts_asked(q)
    for h in list(hits) + found:
        if h.chunk.row is None or h.chunk.row.by_year or h.chunk.chunk_id in seen or heads_its_group(h.chunk.row):
            continue
        seen.add(h.chunk.chunk_id)
        out.append(score_row(ctx, h.chunk, h.doc, h.score, parts, feats))
    for doc in _best_documents(out):
        ids = ctx.search.allowed(Filters(filters.provinces, [doc.doc_id], ["row"])) or set()
        if len(ids) > DOC_ROWS:
            continue
        title = title_terms(doc, frozenset(flat_terms(qtoks)))
        for cid in sorted(ids - seen, key=ctx.search.order):
            chunk, _ = ctx.search.chunks[cid]
            row = chunk.row
            if row is None or row.by_year or heads_its_group(row) or (ctx.coverage(qtoks, fits.own_text(row), title) < QUICK
                                              and (unit_sim(ctx, doc, row) or 0.0) < UNIT_REACH):
                continue
            seen.add(cid)
            out.append(score_row(ctx, chunk, doc, 0.0, parts, feats))
    before = {id(s): s.coverage for s in out}
    fits.figure_fit(q.figures, out)
    for s in out:  # the figures' credit, as the ranker's feature: +1 holding them, -1 not, 0 where none does
        feats[id(s)]["figures"] = float(np.sign(s.coverage - before[id(s)]))
        feats[id(s)]["hand"] = s.score  # the hand order's own score: the ranker corrects it
    out.sort(key=lambda s: -s.score)
    return row_ranker.rerank(out, feats)


def parts_fit(share: float | None) -> float:
    """Credit by the share of the asked parts a cell of the row states (``cell_choice.fitted_share``: the
    deadline and the agency asked: a row with both beats one with the agency only); a penalty where it states
    none of them: the procedure's row without a time column cannot answer "trong bao nhiêu ngày". None: no
    part asked, or the row's column names are guessed."""
    if share is None:
        return 0.0
    return PARTS_BONUS * share if share else -NO_PART_PENALTY


def period_fit(years: list[int], row: TableRow) -> float:
    """+1 where a year asked is in one of the row's headers or groups ("2035" → "Công suất › 2031 - 2050"),
    -1 where they print years and none holds it, 0 without years on either side (``cell_choice.period_fit``)."""
    fits = [cell_choice.period_fit(years, h) for h in [*(c.header for c in row.cells if c.text), *row.group]]
    return 1.0 if 1.0 in fits else -1.0 if -1.0 in fits else 0.0


def step_fit(ctx: Context, row: TableRow) -> float:
    """A step of a workflow table ("B5 | Dự thảo Quyết định … | 1/2 ngày") answers a question about
    one step ("bước liên thông Sở Nội vụ", "in the internal workflow"), not one about the whole
    procedure, whose own row (in the procedure list) states its total time: the step rows gain or lose."""
    if not cell_choice.is_step(row):
        return 0.0
    return STEP_FIT if lexicon.ASK_STEP.search(ctx.q.glossed) else -STEP_FIT


def unit_sim(ctx: Context, doc, row: TableRow) -> float | None:
    """The row's best cell's similarity to the question by the unit vectors (``unit_similarity``: centred on
    the document's mean; None without unit vectors): "fresh tea bud output" → the cell "Sản lượng chè búp tươi |
    Kết quả: …" stands out +0.08 where its sibling rows' best cells do not."""
    return ctx.unit_sim.best(doc, row.start, row.end)


def _best_documents(scored: list[Scored]) -> list:
    docs = []
    for s in sorted(scored, key=lambda s: -s.score):
        if s.coverage < FOUND_ROW or len(docs) == EXPAND_DOCS:
            break
        if all(d.doc_id != s.doc.doc_id for d in docs):
            docs.append(s.doc)
    return docs


def _scored(ctx: Context, qtoks, chunk, doc, retrieval: float, parts: list[cell_choice.Part],
            feats: dict[int, dict[str, float]]) -> Scored:
    q, coverage = ctx.q, ctx.coverage
    row = chunk.row
    text = fits.row_text(row)
    # the caption is shared by all the table's rows: it picks the table, the row's own words pick the row
    title = title_terms(doc, frozenset(flat_terms(qtoks)))
    alone = coverage(qtoks, fits.own_text(row), title)
    caption = coverage(qtoks, f"{fits.own_text(row)} {row.caption}", title) - alone
    own = alone + CAPTION_WEIGHT * caption
    crossed = cross_lingual(ctx, qtoks, text, chunk.chunk_id, own)
    named = coverage(qtoks, " ".join([*row.group, row.label]))
    header, unit = fits.header_bonus(qtoks, row, coverage), fits.unit_fit(q.asks, row)
    total = fits.total_fit(q.asks_total, row, named)
    cov = crossed + header + unit + total + fits.phrase_fit(q, row) + fits.place_fit(q.places, row)
    f = {"own": alone, "caption": caption, "named": named, "header": header / fits.HEADER_WEIGHT,
         "unit": float(np.sign(unit)), "total": float(np.sign(total)), "cross": crossed - own,
         "type": float(bool(fits.type_fit(q.asks, text))), "step": step_fit(ctx, row) / STEP_FIT,
         "period": period_fit(q.years, row)}
    share = (cell_choice.fitted_share(parts, row, qtoks, coverage, q.years)  # a read of every cell: where it counts
             if parts and row.headers_sure and (cov >= FOUND_ROW or row_ranker.reading()) else None)
    f["parts"], f["no_parts"] = share or 0.0, float(share == 0.0)
    if cov >= FOUND_ROW:  # like a clause's: a reordering among found rows, never what makes one found
        cov += fits.type_fit(q.asks, text) + step_fit(ctx, row) + parts_fit(share)
    scored = Scored(chunk, doc, cov, retrieval)
    scored.precision = coverage.precision(qtoks, _BRACKETED.sub(" ", text))  # what a bracket qualifies it by aside
    scored.unit_sim = unit_sim(ctx, doc, row)
    rank = ctx.unit_sim.rank(doc, row.start, row.end) if scored.unit_sim is not None and row_ranker.reading() else None
    f.update(precision=scored.precision, retrieval=retrieval, unit_sim=scored.unit_sim or 0.0,
             unit_top=0.0 if rank is None else 1 / (1 + rank),
             words=words_share(ctx.words(), token_set(fits.own_text(row))) if row_ranker.reading() else 0.0)
    feats[id(scored)] = f
    return scored
