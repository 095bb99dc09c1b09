"""The lists a document prints, read from its structure, for counting and listing questions.

A count is read, never guessed: each ``Listing`` holds the spans of the items it counts (so every item
can be cited) or the span of the total the text states, and the words that say what it lists (its
lead-in, heading or the sentence around it), against which the question is matched.

    inline   "… Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương: Hà Tĩnh, Quảng Trị,
              Huế, Đà Nẵng, Quảng Ngãi, Gia Lai, Đắk Lắk, Khánh Hòa, Lâm Đồng."          → 9 items
    items    "Điều 3. Cơ cấu tổ chức\\n1. Vụ Tổ chức - Biên chế.\\n…\\n22. Báo Dân trí."   → 22 items
    series   "Mẫu số 01: Đề xuất kế hoạch …" … "Mẫu số 10: Quyết định …"                 → 10 items
    stated   "* Dịch vụ công trực tuyến:\\n- Cấp tỉnh:\\n+ Một phần: 10 TTHC."          → 10, as printed
             "I. THỦ TỤC HÀNH CHÍNH CẤP TỈNH (24 TTHC)"                               → 24, as printed
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ground.normalize import join_wraps
from ingest.model import Document
from ingest.text.page_view import chrome_spans, reading_view

from .fact_spans import sentence_around
from .question.lexicon import MEASURE_WORDS

MIN_ITEMS = 3  # fewer is a pair named in passing, not a list
MAX_NAME_WORDS = 7  # an inline item is a name or a code, not a clause


@dataclass
class Listing:
    kind: str  # "inline" | "items" | "series" | "stated" | "announced" (a total a sentence states)
    lead: str  # what it lists, in the document's words (lead-in, heading, sentence)
    items: list[tuple[int, int]] = field(default_factory=list)  # each counted item's span
    total: int | None = None  # a total the text states ("Một phần: 10 TTHC")
    total_span: tuple[int, int] | None = None  # where it states it (with the lines it belongs under)
    printed: str | None = None  # the figure as printed ("10", "22", "Mẫu số 10" → "10")
    lead_span: tuple[int, int] | None = None  # where the lead-in or caption stands: cited with the items

    @property
    def count(self) -> int:
        return self.total if self.total is not None else len(self.items)


_READ: dict[str, list[Listing]] = {}  # by content hash: a document's lists never change
_READ_KEPT = 64


def listings(doc: Document) -> list[Listing]:
    """Every list of ``doc`` (its body only: a site's banner and footer are not the document)."""
    got = _READ.get(doc.doc_id)
    if got is None:
        view = reading_view(doc.text, chrome_spans(doc.text) if doc.format == "md" else None)
        got = _inline(doc.text, view) + _items(view) + _series(view) + _stated(view) + _headed(view) \
            + _announced(doc.text, view)
        if len(_READ) >= _READ_KEPT:
            _READ.clear()
        _READ[doc.doc_id] = got
    return got


def _name_like(words: list[str]) -> bool:
    return 0 < len(words) <= MAX_NAME_WORDS and all(w[:1].isupper() or w[:1].isdigit() or w in "-–" for w in words)


_DELIM = re.compile(r",|;|:|\.(?=\s|$)|\n[ \t]*\n|\n[ \t]*\|?[ \t]*\n|[()]|\s và\s")


def _inline(text: str, view: str) -> list[Listing]:
    """Runs of three or more names or codes in one sentence, set apart by commas or "và": the first one
    may close a longer piece ("… tại số thứ tự XI.1"), the last one is cut where lower-case words resume
    ("… Lâm Đồng tập trung thực hiện")."""
    out: list[Listing] = []
    run: list[tuple[int, int]] = []

    def close() -> None:
        if len(run) >= MIN_ITEMS:
            a, b = sentence_around(text, run[0][0], run[-1][1])
            said = join_wraps(view[a:b])
            if said != said.upper():  # "NHIỆM VỤ CỦA CÁC SỞ, BAN, NGÀNH, …" in capitals is a heading, not names
                out.append(Listing("inline", said, list(run)))
        run.clear()

    at, joined_by = 0, "."
    for m in [*_DELIM.finditer(view), None]:
        end = m.start() if m else len(view)
        piece = view[at:end]
        words = piece.split()
        lead = len(piece) - len(piece.lstrip())
        goes_on = joined_by in (",", "và")
        if words and _name_like(words) and (goes_on or not run):
            if not goes_on:
                close()
            run.append((at + lead, at + len(piece.rstrip())))
        elif words and run and goes_on and _capital_prefix(words):
            prefix = " ".join(_capital_prefix(words))
            if view.startswith(prefix, at + lead):
                run.append((at + lead, at + lead + len(prefix)))
            close()
        else:
            close()
            suffix = " ".join(_capital_suffix(words)) if words else ""
            stop = at + len(piece.rstrip())
            if suffix and view[stop - len(suffix):stop] == suffix:
                run.append((stop - len(suffix), stop))
        if m is None:
            break
        joined_by = "và" if m.group(0).strip() == "và" else m.group(0).strip() or "¶"
        at = m.end()
    close()
    return out


def _capital_prefix(words: list[str]) -> list[str]:
    got = []
    for w in words:
        if not (w[:1].isupper() or w[:1].isdigit() or w in "-–"):
            break
        got.append(w)
    return got


def _capital_suffix(words: list[str]) -> list[str]:
    got: list[str] = []
    for w in reversed(words):
        if not (w[:1].isupper() or w[:1].isdigit()) or len(got) >= 3:
            break
        got.insert(0, w)
    return got if got and len(got) < len(words) else []


_MARK = re.compile(r"(?m)^[ \t]*(?:(?P<num>\d{1,3})\.(?!\d)|(?P<alpha>[a-zđ])\)|(?P<dash>[-–•])|(?P<plus>\+))[ \t]+\S")
_RANK = {"num": 0, "alpha": 1, "dash": 2, "plus": 3}
# a heading, or the closing block ("Nơi nhận:" and its recipients are no items of the list above it)
_HEADING = re.compile(r"(?m)^[ \t]*(?:Điều\s+\d+|Chương\s+[IVXLC\d]+|Mục\s+\d+|[IVXLC]{1,5}\.\s|PHỤ LỤC|Phụ lục|Nơi nhận\s*:)")
_ALPHABET = "abcdđeghiklmnopqrstuvxy"


def _items(view: str) -> list[Listing]:
    """Lists of lines opened by markers of one kind ("1." … "22.", "a)" … "d)", "- …"), numbered in
    order; a deeper marker stays inside its item, a higher one or a heading ends the list."""
    marks = [(m.start(), next(k for k in _RANK if m.group(k) is not None), m.group("num") or m.group("alpha"))
             for m in _MARK.finditer(view)]
    heads = [m.start() for m in _HEADING.finditer(view)]
    out = []
    open_lists: dict[str, list] = {}

    def close(kind: str) -> None:
        got = open_lists.pop(kind, None)
        if got and len(got) >= MIN_ITEMS:
            starts = [s for s, _ in got]
            ends = starts[1:] + [_item_end(view, starts[-1])]
            spans = [(s, _trim_end(view, s, e)) for s, e in zip(starts, ends, strict=True)]
            lead, lead_at = _lead_before(view, starts[0])
            out.append(Listing("items", lead, spans, printed=got[-1][1], lead_span=(lead_at, _trim_end(view, lead_at, starts[0]))))

    h = 0
    for at, kind, label in marks:
        while h < len(heads) and heads[h] < at:
            for k in list(open_lists):
                if open_lists[k][-1][0] < heads[h]:
                    close(k)
            h += 1
        for k in [k for k in open_lists if _RANK[k] > _RANK[kind]]:
            close(k)  # a higher marker ends the deeper lists opened under the previous item
        got = open_lists.get(kind)
        if got and not _follows(kind, got[-1][1], label):
            close(kind)
            got = None
        if got is None:
            if kind in ("num", "alpha") and label not in ("1", "a"):
                continue
            open_lists[kind] = [(at, label)]
        else:
            got.append((at, label))
    for k in list(open_lists):
        close(k)
    return out


def _follows(kind: str, prev: str | None, label: str | None) -> bool:
    if kind == "num":
        return int(label) == int(prev) + 1
    if kind == "alpha":
        return _ALPHABET.find(label) == _ALPHABET.find(prev) + 1
    return True


def _item_end(view: str, start: int) -> int:
    """The last item runs to the first blank-line paragraph or heading that is not its own wrap."""
    m = re.search(r"\n[ \t]*\n(?![ \t]*[-–•+][ \t])|\n[ \t]*(?=Điều\s+\d|[IVXLC]{1,5}\.\s)", view[start:start + 2000])
    return start + (m.start() if m else min(2000, len(view) - start))


def _trim_end(view: str, start: int, end: int) -> int:
    while end > start and view[end - 1].isspace():
        end -= 1
    return end


def _lead_before(view: str, start: int) -> tuple[str, int]:
    """The lead-in or heading a list stands under (the sentence just above its first item), and where
    it starts."""
    lo = max(0, start - 400)
    before = view[lo:start].rstrip()
    cuts = [m.end() for m in re.finditer(r"\n[ \t]*\n|\.(?=\s)", before)]
    cuts += [m.start() for m in _MARK.finditer(before)]  # the item this list stands under
    at = max(cuts, default=0)
    while at < len(before) and before[at] in " \t\n.":
        at += 1
    return join_wraps(before[at:]).strip(" ."), lo + at


_SERIES = re.compile(r"(?m)^[ \t]*(?P<word>(?:[A-ZĐ][^\W\d_]*)(?:\s+[^\W\d_]+)?)\s+số\s+(?P<n>\d{1,3})\b")


def _series(view: str) -> list[Listing]:
    """Headings numbered in one series ("Mẫu số 01" … "Mẫu số 10", "Phụ lục số 1" …), counted 1..n."""
    by_word: dict[str, list] = {}
    for m in _SERIES.finditer(view):
        by_word.setdefault(m.group("word").lower(), []).append(m)
    out = []
    for found in by_word.values():
        seq = []
        for m in found:
            n = int(m.group("n"))
            if n == len(seq) + 1:
                seq.append(m)
        if len(seq) >= MIN_ITEMS:
            spans = [(m.start("word"), view.find("\n", m.end()) if "\n" in view[m.end():m.end() + 200] else m.end())
                     for m in seq]
            # a series stands under its annex's caption, a few paragraphs up ("BIỂU MẪU TRONG …")
            lo = max(0, seq[0].start() - 600)
            paragraphs = [m for m in re.finditer(r"\S[\s\S]*?(?=\n[ \t]*\n|$)", view[lo:seq[0].start()])]
            at = lo + paragraphs[-3:][0].start() if paragraphs else seq[0].start()
            lead = f"{join_wraps(view[at:seq[0].start()]).strip()} {seq[0].group('word')}"
            out.append(Listing("series", lead, spans, printed=seq[-1].group("n"),
                               lead_span=(at, _trim_end(view, at, seq[0].start()))))
    return out


_TOTAL = re.compile(r"(?m):[ \t]*(?P<n>\d{1,4})[ \t]+(?P<unit>[^\W\d_][^\n.;:]{0,30})[.;]?[ \t]*$")
_BULLET = re.compile(r"[ \t]*([-+*•–]*)[ \t]*")


def _line_label(view: str, end: int) -> tuple[int, str, str]:
    """(start, bullet, label) of the line ending at ``end`` (its colon): a label without a bullet may
    wrap from the line above ("Tổng số danh mục TTHC công\nbố: 25 TTHC")."""
    start = view.rfind("\n", 0, end) + 1
    m = _BULLET.match(view, start)
    bullet, label = m.group(1), view[m.end():end]
    if not bullet and start > 0:
        above_start = view.rfind("\n", 0, start - 1) + 1
        above = view[above_start:start - 1]
        if above.strip() and not re.search(r"[:.;]\s*$", above):
            b = _BULLET.match(view, above_start)
            bullet, label, start = b.group(1), view[b.end():start - 1] + " " + label, above_start
    return start, bullet, " ".join(label.split())


def _stated(view: str) -> list[Listing]:
    """Totals a summary states ("+ Một phần: 10 TTHC."), each with the lines it stands under ("* Dịch vụ
    công trực tuyến:", "- Cấp tỉnh:") — told apart by their bullets, outermost first."""
    out = []
    for m in _TOTAL.finditer(view):
        if m.group("unit").split()[0].lower() in MEASURE_WORDS:
            continue  # "Giảm: 09 ngày" states an amount, not how many things there are
        start, bullet, label = _line_label(view, m.start())
        if not 2 <= len(label) <= 160:
            continue
        chain, level, at = [label], _bullet_rank(bullet), start
        while level > 0 and at > 0 and start - at < 600:  # the lines above, up to an outermost one
            prev_end = at - 1
            at = view.rfind("\n", 0, prev_end) + 1
            line = view[at:prev_end]
            colon = line.rfind(":")
            if colon < 0 or not line.strip():
                continue
            p_start, p_bullet, p_label = _line_label(view, at + colon)
            if _bullet_rank(p_bullet) < level:
                chain.insert(0, p_label)
                start, level, at = p_start, _bullet_rank(p_bullet), p_start
        while start < m.start() and view[start].isspace():
            start += 1
        out.append(Listing("stated", " ".join(chain) + " " + m.group("unit"), total=int(m.group("n")),
                           total_span=(start, _trim_end(view, m.start(), m.end())), printed=m.group("n")))
    return out


_PAREN_TOTAL = re.compile(r"\((?P<n>\d{1,4})\s+(?P<unit>[^\W\d_][^\W\d_ ]*(?: [^\W\d_]+){0,3})\)")


def _headed(view: str) -> list[Listing]:
    """Totals a heading states in brackets ("I. THỦ TỤC HÀNH CHÍNH CẤP TỈNH (24 TTHC)"), counted things only
    (not "(14 ngày)", "(10 điểm)")."""
    out = []
    for m in _PAREN_TOTAL.finditer(view):
        if m.group("unit").split()[0].lower() in MEASURE_WORDS:
            continue
        lo = max(0, m.start() - 200)
        head = re.split(r"\n[ \t]*\n|[.;:]\s", view[lo:m.start()])[-1]
        start = m.start() - len(head)
        while start < m.start() and view[start].isspace():
            start += 1
        if len(head.split()) < 2:
            continue
        out.append(Listing("stated", f"{join_wraps(head).strip()} {m.group('unit')}", total=int(m.group("n")),
                           total_span=(start, m.end()), printed=m.group("n")))
    return out


# "Công bố kèm theo Quyết định này 14 thủ tục hành chính …", "Danh mục gồm 12 thủ tục", "02 (hai) thủ tục": a
# count a sentence announces, after the verb or word that announces one, up to ANNOUNCE_GAP words on ("Quyết định
# này Danh mục và Quy trình nội bộ 08 (tám) thủ tục hành chính nội bộ")
ANNOUNCE_GAP = 6
_ANNOUNCED = re.compile(r"(?i)\b(?:gồm|bao gồm|gồm có|công bố|Quyết định này|danh mục|tổng số|tổng cộng|tất cả)\s+"
                        rf"(?:[^\W\d_]+\s+){{0,{ANNOUNCE_GAP}}}(?P<n>\d{{1,4}})\s*(?:\([^()\d]{{1,20}}\)\s*)?(?P<unit>[^\W\d_]+(?:\s+[^\W\d_]+){{0,3}})")


def _announced(text: str, view: str) -> list[Listing]:
    """Totals a sentence announces ("Công bố kèm theo Quyết định này 14 thủ tục hành chính được sửa đổi …"):
    quoted with the whole sentence; the lead starts with what is counted ("thủ tục hành chính …"), so that a
    count of lists ("06 danh mục thủ tục") is not taken for a count of what they list."""
    out = []
    for m in _ANNOUNCED.finditer(view):
        unit = m.group("unit")
        if unit.split()[0].lower() in MEASURE_WORDS:
            continue
        a, b = sentence_around(text, m.start("n"), m.end("unit"))
        out.append(Listing("announced", f"{unit} — {join_wraps(view[a:b])}", total=int(m.group("n")),
                           total_span=(a, _trim_end(view, a, b)), printed=m.group("n")))
    return out


def _bullet_rank(mark: str) -> int:
    """ "*" outermost, then "-", then "+"; an unmarked line is outermost."""
    mark = mark.strip()
    return {"": 0, "*": 0, "•": 1, "-": 1, "–": 1, "+": 2}.get(mark[:1], 0)
