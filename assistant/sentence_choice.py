"""Which sentence(s) of a clause state the asked fact: each sentence scored by named features.

A clause is found by the question's words; its answer is one sentence of it (or two, or a lead-in
with its items), with the context that makes it that fact. The sentences are those of
``index.units`` (exact spans), each placed in its list: the item above it that it belongs to
(its *parent*: "1. Bộ Tài chính chủ trì, phối hợp …:" above "b) Chỉ đạo Bảo hiểm xã hội …",
possibly above the clause), the items below a lead-in ending with ":".

    choose(q "Công chức tự nguyện xin thôi việc được hưởng trợ cấp thôi việc như thế nào?",
           clause "1. Công chức … được hưởng trợ cấp thôi việc như sau: a) … 03 tháng …; b) … 1,5 tháng …")
      → the lead-in with its items a), b), c)
    choose(q "which ministry is told to direct Vietnam Social Security to pay …?", clause "a) …  b) Chỉ đạo Bảo hiểm …")
      → "1. Bộ Tài chính chủ trì, phối hợp …:" (above the clause, cited apart) and "b) Chỉ đạo Bảo hiểm xã hội …"
    choose(q "… báo cáo Thủ tướng kết quả … trước ngày nào?", clause "Khẩn trương tiến hành sơ kết …; báo cáo … trước ngày 30 tháng 11 năm 2025.")
      → both: the date sentence (answer type) and the sentence it continues (the question's words)

The score is a weighted sum of the named features (``features``, ``WEIGHTS``). ``bench/sentence_weights.py``
fits them by a logistic regression on the tune half of the development questions and compares the fit
with the weights in use, held out by document: the weights in use put the right sentence first in 75 % /
69 % of the clauses (English / Vietnamese), the fitted ones in 73 % / 67 %, so they stay. The fit
(own = 1: context +0.72, type_fit +0.69, type_in_context +1.16, label_fit +0.04, label_off -0.51,
items_hold +0.73, outside -0.02) agrees on every sign; it finds the label fit nearly carried by
the type fit. ``unit_sim`` (the unit vectors) was fitted the same way once they existed: +0.46; with 0.5 in use
the right sentence comes first as often as without it (74 % / 64 %; 3 → 76 % / 62 %, 12 → 72 % / 60 %): within
one clause the sentences' vectors add little to their words. With an agency counted only where it acts
(``sentence_types``) the weights in use put the right sentence first in 79 % / 70 % (fitted, held out: 76 % / 73 %).
``words`` (fitted +2.1 beside ``context`` +3.4, own = 1) at 0.5: the right sentence first in 79 % / 79 % of qa2-tune's
clauses (81 % / 69 % without); end to end 0 / 0.3 / 0.5 / 0.8: qa2-tune every vector 121 / 121 / 122 / 122, at once
109 / 111 / 112 / 112 (0.5 with the title's words at a third: 122 / 111); qa2-check 76 / 68 as without, qa.jsonl,
plans, dev alike. Read in the sentence alone it lost (78 % / 67 % at 0.2): words sit in a duty's lead-in as often.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ground.normalize import fold
from index.units import MIN_SENTENCE
from ingest.model import Chunk, Document

from .clause_pieces import RUNNING, Piece, ancestors, children, context_of, pieces_around
from .evidence import TITLE_WEIGHT, Coverage, Term, token_set
from .passages import QUOTE_LIMIT, heading_title, trim
from .question import lexicon
from .question import wanted as parts
from .question.question import Question
from .question.question_words import Group, words_share
from .question.wanted import Want, heads_duties, kinds_of, label_kind
from .sentence_types import states, typed_wants

MAX_ITEMS = 6  # items a lead-in brings with it ("… như sau:" a), b), c)), and at most ITEMS_CHARS of them
ITEMS_CHARS = 1200
CONTEXT_ADDS = 0.15  # coverage a parent must add to be quoted with its sentence
RUNNER_SENTENCE = 0.6  # a second sentence is quoted when it scores this share of the best one's
PART_RUNNER = 0.3  # … or this share, where it holds an asked part the best one lacks
WEAK_COUNT = 0.4  # the type fit of a figure where a bare "how many" is asked (``asked.WEAK_TYPE_BONUS`` / ``STRONG``)
# a sentence printing the figures the question gives as a condition (``given``): measured 0.3 / 0.6 on every set
# (both states): 0.3 gains two, loses none; 0.6 loses three more
# a sentence printing the figures the question gives as a condition (``given``); 0.3 and 0.6 measured on every set in
# both states (twenty-ninth sitting): 0.3 gained three questions and lost none, 0.6 lost three of those
GIVEN = 0.3
KEEP_SPAN = 300  # characters before a value asked that tell whose value it is

# One weight per feature (see the module docstring for how they were checked against a fit).
WEIGHTS = {
    "own": 1.0, "context": 0.5, "type_fit": 0.6, "type_in_context": 0.3, "label_fit": 0.4, "label_off": -0.4,
    "items_hold": 0.3, "outside": -0.2, "before_change": -0.5, "restates": -0.5,
    "other_body": -0.4, "unit_sim": 0.5, "words": 0.5, "label_quoted": 0.5, "given": GIVEN,
}


@dataclass
class Choice:
    """The sentences to quote, in document order; those outside the clause are cited apart."""
    pieces: list[Piece]
    score: float = 0.0  # the best sentence's score
    met: int = 0  # how many of the asked parts the quoted sentences state
    other_body: bool = False  # a quoted sentence stating a part asked is in the duties of a body not asked about
    keeps: tuple[int | None, ...] = ()  # per piece, where the value asked ends in a sentence too long to quote whole

    @property
    def texts(self) -> list[str]:
        return [trim(p.text, keep=k) for p, k in zip(self.pieces, self.keeps or [None] * len(self.pieces), strict=True)]


def features(q: Question, qtoks: list[Term], coverage: Coverage, ps: list[Piece], i: int, heading: str,
             want: list[Want], sim=None, words: list[Group] | None = None,
             title: frozenset[str] = frozenset(), given: frozenset[str] | None = None) -> dict[str, float]:
    """The named features of sentence ``ps[i]`` for the question (each with its example):

    * ``own``  IDF-weighted share of the question's terms in the sentence itself
      ("a) Cơ quan tổ chức lập quy hoạch: Ban Quản lý …" holds "tổ chức lập quy hoạch" of the question)
    * ``context``  the same in the sentence with its heading and the items above it (its list's lead-in,
      the agency heading its duties): "b) Chỉ đạo Bảo hiểm xã hội …" under "1. Bộ Tài chính chủ trì …:"
    * ``type_fit``  share of the asked parts (a date, an agency, a quantity in its unit, a year) the
      sentence states: "báo cáo … trước ngày 30 tháng 11 năm 2025" for "trước ngày nào?"
    * ``type_in_context``  an asked part the sentence lacks is stated by an item above it
      ("a) Đến năm 2026" above "- … BIM bắt buộc", "1. Bộ Tài chính …:" above a duty)
    * ``label_fit``  a "Label: value" line whose label names the asked kind ("- Cơ quan chủ trì: Sở …" for "cơ quan
      nào chủ trì")
    * ``label_off``  its label names another kind ("- Thời gian thực hiện: …" for "cơ quan nào chủ trì")
    * ``label_quoted``  the question quotes its label whole ("… có ký, mã hiệu, chủng loại là gì?" → "Ký, mã hiệu,
      chủng loại: CD16FSB01W/ESS", over the tariff line whose code a "mã" reads as asked)
    * ``items_hold``  a lead-in ending with ":" whose items state an asked part ("… trợ cấp thôi việc như sau:")
    * ``outside``  the sentence lies below the clause (the rest of a list the clause's last lead-in opens)
    * ``before_change``  the question asks what a change leaves ("còn bao nhiêu ngày", "after the cut") and the
      sentence gives the value before it or the amount cut ("- Thời gian giải quyết theo quy định: 07 ngày")
    * ``restates``  every asked-kind value the sentence states is a figure the question gives already
      ("rút từ 20 ngày xuống còn bao nhiêu?" → "theo quy định: 20 ngày" is its premise)
    * ``other_body``  the question asks about the duties of a body it names, and the sentence belongs to the
      duties of another ("UBND các phường … trước ngày nào?" → not "Thời gian thực hiện … trước ngày 05/12"
      under "Giao Sở Nông nghiệp và Môi trường …")
    * ``unit_sim``  the sentence's similarity to the question by the unit vectors, centred on its document's
      mean (``unit_similarity``; ``sim(start, end)``, 0 without them): "which ministry is told to direct Vietnam
      Social Security …" → "b) Chỉ đạo Bảo hiểm xã hội Việt Nam …" +0.06 over the clause's other duties
    * ``words``  IDF-weighted share of the question's words (``question_words``: a word of several syllables
      counts where all of it is held) in the sentence: "Tên thủ tục hành chính: Đăng ký Nội quy lao động" for
      "thủ tục đăng ký nội quy lao động … còn mấy ngày?", not "… Đăng ký hợp đồng lao động …" beside it, which
      holds "nội" and "quy" of other words ("Sở Nội vụ", "quy định"); read in the sentence with its context (as
      ``context``), the words of the document's title weighing a third (``title``: they say which document, and
      every sentence of the clause is of it); 0 without ``words``
    * ``given``  share of the figures the question gives as a condition (``wanted.condition_figures``: "bán kính
      phục vụ tối đa 15 km" → "15 km") the sentence prints: "- Bán kính phục vụ tối đa 15 km thì diện tích … tối thiểu
      là 3000 m2", not the 10 km or 30 km station's line beside it
    An agency asked is stated only where a body *acts* (``sentence_types.states``): not "báo cáo Phó Thủ tướng …",
    "… góp ý của Sở Quy hoạch - Kiến trúc"; of the kind asked ("bộ nào" → a "Bộ …").
    """
    p = ps[i]
    above = context_of(ps, i)
    around = " ".join([heading] + [ps[j].text for j in above] + [p.text])
    mine = [w for w in want if states(w, p.text)]
    from_above = [w for w in want if w not in mine and any(states(w, ps[j].text) for j in above)]
    kind = label_kind(p.text)
    kinds = kinds_of(want)
    items = children(ps, i) if p.lead else []
    return {
        "own": coverage(qtoks, p.text),
        "context": coverage(qtoks, around),
        "type_fit": sum(_strength(w) for w in mine) / len(want) if want else 0.0,
        "type_in_context": len(from_above) / len(want) if want else 0.0,
        "label_fit": float(bool(kind) and kind in kinds),
        "label_off": float(bool(kind) and bool(kinds) and kind not in kinds),
        "label_quoted": float(_label_quoted(q, p.text)),
        "items_hold": float(bool(items) and (not want or any(states(w, ps[j].text) for w in want for j in items))),
        "outside": float(not p.inside),
        "before_change": float(bool(mine) and parts.asks_after_change(q) and parts.states_before_change(p.text)),
        "restates": float(bool(mine) and parts.restates_question(want, p.text, parts.question_figures(q))),
        "other_body": float(_other_body(q, want, [p.text] + [ps[j].text for j in above])),
        "unit_sim": (sim(p.start, p.end) or 0.0) if sim is not None else 0.0,
        "words": words_share(words, token_set(around), title, TITLE_WEIGHT) if words else 0.0,
        "given": _given(parts.condition_figures(q.effective) if given is None else given, p.text),
    }


def _given(given: frozenset[str], text: str) -> float:
    """Share of the question's condition figures (``wanted.condition_figures``) the sentence prints."""
    return len(given & parts.figures_in(text)) / len(given) if given else 0.0


def _label_quoted(q: Question, text: str) -> bool:
    """A "Label: value" sentence whose label (two syllables or more) the question says whole, in its order."""
    m = lexicon.LABEL.match(text)  # the label ``wanted.label_kind`` reads
    if not m:
        return False
    label, asked = (fold(re.sub(r"\W+", " ", t)).strip() for t in (m.group(1), q.effective))
    return len(label.split()) >= 2 and f" {label} " in f" {asked} "


def _other_body(q: Question, want: list[Want], texts: list[str]) -> bool:
    """The nearest duty head over the sentence gives it to a body the question does not name, while the
    question names one whose duty it asks about (not "which body": then the head is the answer)."""
    if any(w.kind == "agency" for w in want):
        return False
    named = parts.bodies_named(q)
    subject = next((x for x in (parts.duty_subject(t) for t in texts) if x), "")  # nearest first
    return bool(named and subject) and not any(parts.same_body(subject, b) for b in named)


def score(f: dict[str, float]) -> float:
    return sum(WEIGHTS[k] * v for k, v in f.items())


def candidates(ps: list[Piece], skip_before: int) -> list[int]:
    """The sentences that may answer: the clause's own (its heading line aside, which the answer names
    as its section), and those below it that belong to one of its lead-ins or go on one of its lists
    ("- Thời gian thực hiện: 18 ngày" after the clause's last "- Thời gian giải quyết theo quy định: …")."""
    inside = {i for i, p in enumerate(ps) if p.inside and p.start >= skip_before and len(p.text) >= MIN_SENTENCE}
    below = {i for i, p in enumerate(ps) if not p.inside and p.start >= skip_before and p.parent in inside
             and (ps[p.parent].lead or p.rank < RUNNING)}
    return sorted(inside | below)


def choose(q: Question, qtoks: list[Term], doc: Document, chunk: Chunk, coverage: Coverage, n: int = 2,
           skip_before: int = 0, sim=None, words: list[Group] | None = None) -> Choice | None:
    """The sentences of ``chunk`` that state what ``q`` asks, with the context that makes them that fact.
    ``skip_before``: where the clause's own heading line ends (it is not quoted). None: no sentence.
    ``sim(start, end)``: a span's unit similarity to the question (``UnitSimilarity.best`` of the document);
    ``words``: the question's words (``Context.words``)."""
    ps = pieces_around(doc, chunk, skip_before)
    pool = candidates(ps, skip_before)
    if not pool:
        return None
    want = typed_wants(q)
    heading = heading_title(chunk)
    # every sentence of the clause is of this document: its title's words tell none of them apart
    title = token_set(doc.meta.title or "") if words else frozenset()
    given = parts.condition_figures(q.effective)  # read once for every sentence of the clause
    scores = {}
    for i in pool:
        scores[i] = score(features(q, qtoks, coverage, ps, i, heading, want, sim, words, title, given))
    ranked = sorted(pool, key=lambda i: -scores[i])
    top = ranked[0]
    chosen = quoted_with(q, qtoks, coverage, ps, top, want)
    if n > 1:
        runner = _runner(ps, ranked, scores, chosen, want, parts.asks_twice(q), parts.asks_plural(q))
        if runner is not None:
            chosen |= quoted_with(q, qtoks, coverage, ps, runner, want)
    met = sum(any(states(w, ps[j].text) for j in chosen) for w in want)
    off = any(_other_body(q, want, [ps[j].text] + [ps[k].text for k in context_of(ps, j)])
              for j in chosen if any(states(w, ps[j].text) for w in want))  # the part asked is another body's
    keeps = tuple(_keep(ps[i].text, want, lambda t: coverage(qtoks, t)) for i in sorted(chosen))
    return Choice([ps[i] for i in sorted(chosen)], scores[top], met, off, keeps)


def _keep(text: str, want: list[Want], covers) -> int | None:
    """In a sentence too long to quote whole, where the value asked ends whose stretch (``KEEP_SPAN`` before it)
    ``covers`` the question best: the Prime Minister's 900-character opening of Công điện 224 names "30 tháng 4 năm
    2025" and "02/9/2025" before "… tổ chức lễ khánh thành … vào ngày 19 tháng 12 năm 2025", the ceremony asked."""
    if len(text) <= QUOTE_LIMIT:
        return None
    ends = []
    for w in want:
        at = 0
        while (e := parts.value_end(w, text[at:])) is not None and len(ends) < 8:
            ends.append(at + e)
            at += e
    return max(ends, key=lambda e: covers(text[max(0, e - KEEP_SPAN):e]), default=None)


def _runner(ps: list[Piece], ranked: list[int], scores: dict[int, float], chosen: set[int],
            want: list[Want], twice: bool = False, several: bool = False) -> int | None:
    """The second sentence quoted: first one stating an asked part the chosen ones lack (scoring
    ``PART_RUNNER`` of the best), else the next best (``RUNNER_SENTENCE`` of it) that neither repeats a
    quoted line nor states a second value of a one-value part (a runner-up's other date would
    contradict the first). ``twice``: the question asks two values of a kind (``wanted.asks_twice``): the best
    other sentence stating one (``PART_RUNNER`` of the best) is the second half's. ``several``: bodies asked by a
    plural (``wanted.asks_plural``): a second body is another answer, not a contradiction."""
    top = scores[ranked[0]]
    said = {ps[j].text for j in chosen}
    met = {w for w in want if any(states(w, ps[j].text) for j in chosen)}
    rest = [i for i in ranked[1:] if i not in chosen and ps[i].text not in said
            and not any(i in ancestors(ps, j) for j in chosen)]
    for i in rest:
        if scores[i] >= PART_RUNNER * top and any(w not in met and states(w, ps[i].text) for w in want):
            return i
    if twice:
        for i in rest:
            if scores[i] >= PART_RUNNER * top and any(states(w, ps[i].text) for w in want):
                return i
    for i in rest:
        if scores[i] < RUNNER_SENTENCE * top:
            return None
        if twice or several or not (len(met) == len(want) and _single_value(want)
                                    and any(states(w, ps[i].text) for w in want)):
            return i
    return None


def _strength(w: Want) -> float:
    """A bare "how many" is weakly typed: nearly every sentence of a plan holds some figure."""
    return 1.0 if w.kind != "count" or w.units else WEAK_COUNT


def _single_value(want: list[Want]) -> bool:
    return len(want) == 1 and want[0].kind in ("date", "year", "duration", "period", "agency")


def quoted_with(q: Question, qtoks: list[Term], coverage: Coverage, ps: list[Piece], i: int,
                  want: list[Want]) -> set[int]:
    """``ps[i]`` with the items above it that add to it (a part asked it lacks, or the question's
    words: the agency heading a duty, the lead-in of an item) and, for a lead-in, its items."""
    out = {i}
    text = ps[i].text
    for j in context_of(ps, i):
        adds_part = any(states(w, ps[j].text) and not states(w, text) for w in want)
        adds_words = coverage(qtoks, ps[j].text + " " + text) - coverage(qtoks, text) >= CONTEXT_ADDS
        heads = any(w.kind == "agency" for w in want) and heads_duties(ps[j].text)
        if adds_part or adds_words or heads:
            out.add(j)
            text = ps[j].text + " " + text
    if ps[i].lead and not any(states(w, ps[i].text) for w in want):
        items = children(ps, i)
        holding = [j for j in items if any(states(w, ps[j].text) for w in want)]
        size = 0
        for j in (holding or items)[:MAX_ITEMS]:
            size += len(ps[j].text)
            if size > ITEMS_CHARS and j != (holding or items)[0]:
                break
            out.add(j)
    return out
