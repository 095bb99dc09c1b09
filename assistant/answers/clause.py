"""The sentences of a clause that answer, quoted: one or two, or the lines an agency question wants.

    "Các kho chứa phải di chuyển trong thời hạn tối đa bao lâu?" → "… không quá 24 tháng …"
    The sentences are chosen by ``sentence_choice`` (the agency heading a duty, a lead-in's items, the
    date asked come with them, cited by their own spans where they lie outside the clause); "which
    department…" also quotes the "* Thực hiện:" line; the list heading holding the asked value
    ("a) Đến năm 2026") is added with its own citation; another year asked together is taken from a
    second clause.
"""
from __future__ import annotations

import re

from ground.admin_units import label as place_label
from ground.normalize import join_wraps
from ingest.model import Chunk, Document
from ingest.text.page_view import reading_view

from .. import compose, writing
from ..citing import span_citation
from ..clause_pieces import Piece
from ..context import Context
from ..evidence import FOUND_CLAUSE, Scored, content_tokens
from ..model import Answer, Citation
from ..passages import heading_title, trim
from ..question import legal
from ..question.asked import holds, typed_strongly
from ..question.question import analyse
from ..question.wanted import held, second_half, wants
from ..scoring import years_missing
from ..sentence_choice import Choice, choose
from ..sentences import clause_body, heading_end, list_lead, missing_years, split_sentences
from .thresholds import NEAR_ROW_OF_CLAUSE

CLAUSE_OPTIONS = 5  # clauses (best first) whose sentences may answer in place of the best one's
CLAUSE_MARGIN = 0.25  # … found within this coverage of the best one
SWITCH_SHARE = 0.5  # … their best sentence scoring at least this share of the best clause's
OTHER_HALF_GAIN = 0.1
WHOLE_CLAUSE = 400  # characters of a clause quoted whole for the other half  # a sentence for a question's other half must cover it this much better than the quote
SWITCH_MARGIN = 0.3  # … or as many parts, by a best sentence scoring this much more (0.1-0.5 alike on qa2-tune)


def answer(ctx: Context, best: Scored) -> Answer:
    """The best clause found answers (a year the document never reaches: not found)."""
    if years_missing(ctx.q, best.doc):
        return writing.not_found(ctx.q, ctx.docs, "year", runners=[best])
    chosen, choice = answering_clause(ctx, best, ctx.clauses)
    clauses = [chosen] + [c for c in ctx.clauses if c is not chosen]
    return write(ctx, chosen, ctx.targets, clauses, choice=choice)


def _choice(ctx: Context, s: Scored, n: int = 2) -> Choice | None:
    view = reading_view(s.doc.text[s.chunk.start:s.chunk.end])
    return choose(ctx.q, ctx.terms(keep_years=True), s.doc, s.chunk, ctx.coverage, n=n,
                  skip_before=s.chunk.start + heading_end(view, s.chunk),
                  sim=lambda a, b: ctx.unit_sim.best(s.doc, a, b), words=ctx.words())


def answering_clause(ctx: Context, best: Scored, clauses: list[Scored]) -> tuple[Scored, Choice | None]:
    """The clause whose sentences state the asked parts: ``best``, unless a clause of the same document
    found nearly as well states more of them ("… trước ngày nào?": the clause with the deadline's date,
    not the one beside it that describes the task), or as many with a clearly better sentence ("đơn vị
    nào … tổ chức lập quy hoạch?": "a) Cơ quan tổ chức lập quy hoạch: Ban Quản lý …" in the next clause
    over a sentence of this one naming a body that only gives comments)."""
    mine = _choice(ctx, best)
    want = wants(ctx.q)
    options = [c for c in clauses[:CLAUSE_OPTIONS] if c is not best and c.doc is best.doc
               and c.coverage >= best.coverage - CLAUSE_MARGIN]
    if not want or not options:
        return best, mine
    have, score = (mine.met, mine.score) if mine else (0, 0.0)
    # more asked parts stated; or as many, for the body the question names where the best clause's answer
    # belongs to another body's duties ("UBND các phường … trước ngày nào?", ``sentence_choice.other_body``)
    off = bool(mine and mine.other_body)
    better = [(c, x) for c in options for x in [_choice(ctx, c)]
              if x and x.score >= SWITCH_SHARE * score
              and (x.met > have or off and not x.other_body and x.met == have
                   or x.met == have and not x.other_body and x.score >= score + SWITCH_MARGIN)]
    return max(better, key=lambda cx: (cx[1].met, cx[1].score)) if better else (best, mine)


def write(ctx: Context, best: Scored, rows: list[Scored], clauses: list[Scored], n: int = 2,
          choice: Choice | None = None) -> Answer:
    """``best`` quoted by its ``n`` best sentences (``choice``, where they are chosen already); ``clauses``
    and the nearly found ``rows`` cited after it."""
    q = ctx.q
    chunk, doc = best.chunk, best.doc
    choice = choice or _choice(ctx, best, n)
    sentences = choice.texts if choice else [trim(clause_body(doc, chunk)[:600])]
    more = _apart(doc, chunk, choice) + _completed(ctx, best, sentences, clauses)
    more += _parts_elsewhere(ctx, best, sentences, clauses)
    more += _other_half(ctx, best, sentences, clauses)
    more += _continued(ctx, best, sentences)
    if q.intent == "agency":  # "which department…": the "* Thực hiện:" line names it
        who = re.search(r"\*\s*Thực hiện\s*:[^*]+", join_wraps(chunk.text))
        if who and not any(who.group(0).strip() in s for s in sentences):
            sentences.append(who.group(0).strip())
    heading = heading_title(chunk, sentences)
    article = legal.article_of(chunk)
    if article and (q.which_article or q.place):
        full = next((h for h in chunk.heading_path if h.startswith(article)), article)
        heading = f"{chunk.locator} ({full})" if full != chunk.locator else chunk.locator
    plan = (doc.meta.kind or "Kế hoạch") == "Kế hoạch" and doc.meta.province
    text = compose.prose_text(heading, sentences, q.lang, place_label(doc.meta.province, q.lang),
                              name=None if plan else compose.doc_label(doc))
    text += compose.unstated_text(unstated(q, [heading, *sentences]), q.lang)
    cites = [writing.cite(doc, chunk)] + more
    return writing.finish(q, text, True, cites, clauses[1:] + [r for r in rows if r.coverage >= NEAR_ROW_OF_CLAUSE],
                          intent="prose")


def unstated(q, sentences: list[str]) -> list[str]:
    """The kinds of the asked parts no quoted sentence states, where the question asks several and the
    quote states some ("Bộ nào … và trước ngày nào?" answered by a duty without a date): the reply says
    the missing one is not in the passage instead of leaving it out unsaid. A single part asked and
    not stated is left to the quote (a "how" question's clause answers in words, not in a typed value)."""
    want = wants(q)
    gone = [w.kind for w in want if not any(held(w, s) for s in sentences)]
    return gone if len(want) > 1 and len(gone) < len(want) else []


def _parts_elsewhere(ctx: Context, best: Scored, sentences: list[str], clauses: list[Scored]) -> list[Citation]:
    """Each asked part the quoted sentences do not state, looked for before it is said missing: in the other
    sentences of the same clause, then in the clauses of the same document found to answer (``FOUND_CLAUSE``)
    — the sentence stating a value of that kind that shares most of the question's words ("… và trong bao
    nhiêu ngày?" stated a sentence further on). Added to ``sentences``; the citations of other clauses."""
    want = wants(ctx.q)
    if len(want) < 2:
        return []
    gone = [w for w in want if not any(held(w, s) for s in sentences)]
    if not gone or len(gone) == len(want):
        return []
    qtoks = ctx.terms(keep_years=True)
    places = [best] + [c for c in clauses[:CLAUSE_OPTIONS] if c.doc is best.doc and c.chunk is not best.chunk
                       and c.coverage >= FOUND_CLAUSE]
    out: list[Citation] = []
    for w in gone:
        for place in places:
            stating = [x for x in split_sentences(clause_body(place.doc, place.chunk))
                       if held(w, x) and x not in sentences and ctx.coverage(qtoks, x) > 0]
            if stating:
                sentences.append(max(stating, key=lambda x: ctx.coverage(qtoks, x)))
                if place is not best:
                    out.append(writing.cite(place.doc, place.chunk))
                break
    return out


def _other_half(ctx: Context, best: Scored, sentences: list[str], clauses: list[Scored]) -> list[Citation]:
    """A question asking one kind of value twice ("… trước ngày nào, còn ngành Giáo dục và Đào tạo thì trước ngày
    nào?"): the half the quoted sentences cover least is looked for in the clause's other sentences and in the
    clauses of the same document found to answer; the sentence stating a value of an asked kind that covers
    that half best is added where it covers it better than the quote does ("2. Đối với khen thưởng tổng kết năm:
    … trước ngày 10/12 hằng năm." beside "3. Đối với ngành Giáo dục và Đào tạo: … trước ngày 10/7 hằng năm.").
    The clauses looked in are those found to answer or within ``CLAUSE_MARGIN`` of the best one's coverage (measured
    with every vector: qa4 +1, the Decree 173 reports' two deadlines; tune, check, qa3 unchanged)."""
    halves = second_half(ctx.q)
    want = wants(ctx.q)
    if not halves or not want:
        return []
    # each half by the terms the other lacks: "tổng kết năm" … against "ngành Giáo dục và Đào tạo"
    both = [content_tokens(analyse(h), keep_years=True, known=ctx.coverage.df) for h in halves]
    terms = [[t for t in both[i] if t not in both[1 - i]] for i in range(2)]
    quoted = " ".join(sentences)
    gaps = [ctx.coverage(t, quoted) if t else 1.0 for t in terms]
    half = min(range(2), key=lambda i: gaps[i])
    # (a clause found nearly as well as the best one may hold the other half: the Ministry's own deadline in its
    # clause, the ministries' and provinces' in theirs, which covers the whole question less: 0.44 beside 0.56)
    places = [best] + [c for c in clauses[:CLAUSE_OPTIONS] if c.doc is best.doc and c.chunk is not best.chunk
                       and c.coverage >= min(FOUND_CLAUSE, best.coverage - CLAUSE_MARGIN)]
    found = []
    for place in places:
        body = clause_body(place.doc, place.chunk)
        whole = place is not best and len(body) <= WHOLE_CLAUSE  # a short clause is read and quoted whole: its
        # head says whose the value is ("Đối với khen thưởng tổng kết năm: …; … trước ngày 10/12 hằng năm.")
        for x in split_sentences(body):
            if x not in sentences and any(held(w, x) for w in want):
                found.append((ctx.coverage(terms[half], body if whole else x), place, trim(body) if whole else x))
    if not found:
        return []
    cover, place, x = max(found, key=lambda f: f[0])
    if cover <= gaps[half] + OTHER_HALF_GAIN or x in sentences:
        return []
    sentences.append(x)
    return [] if place is best else [writing.cite(place.doc, place.chunk)]


CONTINUED = 3  # pieces of one long clause read after the quoted one for an asked part it does not state
CONTINUED_QUOTED = 2  # … and the sentences stating one quoted from them


def _continued(ctx: Context, best: Scored, sentences: list[str]) -> list[Citation]:
    """A long clause cut into pieces (one locator, its text running on) is one clause for the parts asked: where the
    quoted piece states none of them, the sentences of the following pieces that state one (``CONTINUED_QUOTED`` at
    most) are added, with their pieces' citations. A customs notice's "3. Kết quả xác định trước mã số:" names the product in its first piece and prints
    "… mã số 8517.62.59" two pieces on."""
    want = wants(ctx.q)
    if not want or any(held(w, s) for w in want for s in sentences):
        return []
    doc, chunk = best.doc, best.chunk
    pieces = sorted((c for c in doc.chunks if c.kind == chunk.kind and c.locator == chunk.locator
                     and c.start >= chunk.end), key=lambda c: c.start)
    qtoks = ctx.terms(keep_years=True)
    stating = [(ctx.coverage(qtoks, x), -k, x, piece) for k, piece in enumerate(pieces[:CONTINUED])
               for x in split_sentences(clause_body(doc, piece)) if any(held(w, x) for w in want)]
    # the two sharing most of the question's words, in the text's order ("… phân nhóm 8517.62 …" then "… mã số
    # 8517.62.59": which one prints the value asked, the words around a figure do not tell)
    best_two = sorted(sorted(stating, key=lambda t: t[:2], reverse=True)[:CONTINUED_QUOTED], key=lambda t: -t[1])
    sentences.extend(x for _, _, x, _ in best_two if x not in sentences)
    return list({id(p): writing.cite(doc, p) for _, _, _, p in best_two}.values())


def _apart(doc: Document, chunk: Chunk, choice: Choice | None) -> list[Citation]:
    return [_piece_citation(doc, chunk, p) for p in (choice.pieces if choice else []) if not p.inside]


def _piece_citation(doc: Document, chunk: Chunk, piece: Piece) -> Citation:
    """A sentence quoted from outside the clause (the agency heading its duties above it, the rest of
    its list below it), cited by its own exact span under the locator of the clause holding it."""
    home = next((c for c in doc.chunks if c.start <= piece.start < c.end and c.kind != "row"), chunk)
    where = "đầu mục / list heading" if piece.start < chunk.start else "tiếp theo / continued"
    return span_citation(doc, f"{home.locator} ({where})", piece.start, piece.end, home.kind)


def _completed(ctx: Context, best: Scored, sentences: list[str], clauses: list[Scored]) -> list[Citation]:
    """Add to ``sentences`` what the question asks and they lack; the citations of what was added.
    The list heading holding the asked value ("a) Đến năm 2026" above "- … BIM bắt buộc …"); the
    sentence for another year asked together ("end of 2025 … compared with end-2030")."""
    q = ctx.q
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
        found = _choice(ctx, other, n=1) if other is not None else None
        if found:
            sentences.extend(s for s in found.texts if s not in sentences)
            out += [writing.cite(other.doc, other.chunk)] + _apart(other.doc, other.chunk, found)
    return out
