"""Counts and lists read from a document's structure: "được gửi tới Chủ tịch UBND của bao nhiêu tỉnh",
"cơ cấu tổ chức của Bộ gồm bao nhiêu đơn vị", "how many forms does the annex set out", "có bao nhiêu thủ
tục cấp tỉnh được cung cấp dịch vụ công trực tuyến một phần".

The answer states the count and names the items (a bounded few), each cited; a total the text states
("+ Một phần: 10 TTHC.") is quoted rather than counted. A list answers only where what it lists — its
lead-in, heading or sentence — covers the question as a found row would (``FOUND_LIST``).

    q  "Theo Nghị định 25/2025/NĐ-CP, cơ cấu tổ chức của Bộ Nội vụ gồm tất cả bao nhiêu đơn vị?"
    →  "Theo Nghị định 25/2025/NĐ-CP …, “Cơ cấu tổ chức” gồm 22 mục (đánh số 1–22): Vụ Tổ chức - Biên
        chế; Vụ Chính quyền địa phương; … ; Báo Dân trí."   cited: each item listed, the last holding "22."
"""
from __future__ import annotations

import re

from ground.normalize import fold, join_wraps
from ground.symbols import expand_abbreviations
from ingest.model import Document

from .. import compose, writing
from ..citing import span_citation
from ..context import Context
from ..enumerations import Listing, listings
from ..evidence import token_set
from ..fact_spans import sentence_around
from ..found import answers
from ..model import Answer
from ..question.asked import holds, typed_strongly
from ..question.glossary import translate_terms
from ..question.lexicon import AGENCY_HEAD, ASK_LIST, COUNT_FRAME, MEASURE_WORDS

# the recipients a document is sent to ("Nơi nhận: - Như Điều 4; - Bộ …"): a list only a question about where it was
# sent asks for, never the list a "bao nhiêu …" about the document's content counts
_RECIPIENTS = re.compile(r"(?i)^\W*nơi nhận\b")
_ASKS_RECIPIENTS = re.compile(r"\b(noi nhan|gui (den|toi|cho)|duoc gui|recipients?|sent to|addressed|copied to)\b")
FOUND_LIST = 0.5  # coverage of the question a list's lead-in needs (a found row's, ``evidence.FOUND_ROW``)
UNIT_BONUS = 0.15  # the counted noun asked ("bao nhiêu tỉnh") printed in what the list says it lists
PRECISION_WEIGHT = 0.5  # share of a lead-in's words the question asks about (``Coverage.precision``)
IN_ANSWER_BONUS = FOUND_LIST  # a list standing in the clause found to answer: as much as a lead-in answering
STATED_BONUS = 0.05  # a total the text states beats a count of items, at equal coverage
MAX_LISTED = 12  # items named in the answer; a longer list is named by its first and last ones
MAX_CITED = 12  # items cited one by one
LIST_DOCS = 3  # documents whose lists are read: the one named, else those of the best hits
PICK_GAIN = 0.1  # coverage of the question some items add to their list's lead-in, for those items to be singled out
PICK_SHARE = 0.75  # of the best item's gain, that the others singled out with it add (one spelling differs)
LIST_NEAR = 5  # a list of items answers where it stands in one of the best sources: this many clauses, and hits


def answer(ctx: Context) -> tuple[float, Answer, bool] | None:
    """The best-covered list or stated total of the named or best-found documents, with its coverage of
    the question (with its document's title) and whether it is a total the text states, or None."""
    q = ctx.q
    qtoks = [t for t in ctx.terms(keep_years=True)
             if not (isinstance(t, str) and any(p in COUNT_FRAME for p in t.split("_")))]
    if not qtoks:
        return None
    noun = counted_noun(q.effective)
    if not noun:
        return None  # an amount is asked, not how many things a list holds
    best: tuple[float, float, Listing, Document, list] | None = None
    which = q.asks.kind != "count" and asks_list(q)  # which items are asked: some of a list's may be singled out
    named = bool(ctx.filters.doc_ids)
    near = _best_sources(ctx)
    answering = _answering_clause(ctx)
    for doc in _documents(ctx):
        title = doc.meta.title or ""
        # a document the question names by its kind and number ("Decision 1949/QĐ-UBND"): those words
        # say which document, not which of its lists
        own = token_set(f"{doc.meta.kind or ''} {re.sub(r'[/-]', ' ', doc.meta.number or '')}") if named else frozenset()
        terms = [t for t in qtoks if not (isinstance(t, str) and t in own)] or qtoks
        for listing in listings(doc):
            if _RECIPIENTS.match(listing.lead) and not _ASKS_RECIPIENTS.search(fold(q.effective)):
                continue
            if listing.total is not None and q.asks.kind != "count":
                continue  # which items is asked, not how many
            if listing.total is None and near and not _stands_in(listing, doc, near):
                continue  # items elsewhere that share words ("các … sau đây"), not the list asked
            said = _said(doc, listing)
            if listing.kind == "announced" and not _names_noun(listing, said, noun):
                continue  # a sentence's figure counting something else ("06 danh mục" for "bao nhiêu thủ tục")
            if listing.total is None and _asks_documents(noun) and not _items_are_documents(doc, listing):
                continue  # "những quyết định nào": documents by their numbers, not "01, 02, 03" or a list of duties
            # how well the list's own words answer, and how well it with its document's title does: the
            # question names the document by its title and the list by the words of its lead-in
            alone, whole = ctx.coverage(terms, said), ctx.coverage(terms, f"{title} {said}")
            bonus = UNIT_BONUS if noun and _names_noun(listing, said, noun) else 0.0
            bonus += STATED_BONUS if listing.total is not None else 0.0
            # a heading that is all about what is asked ("Cơ cấu tổ chức") over a sentence that mentions it
            sharp = PRECISION_WEIGHT * ctx.coverage.precision(terms, listing.lead)
            covered = whole + bonus
            if answering and _within(listing, doc, answering[0]) and _names_noun(listing, said, noun):
                # the list stands in the source found to answer and says it lists what is counted: an English
                # question's words may cover it only in part ("internal procedures … ceased to be effective")
                sharp += IN_ANSWER_BONUS
                covered = max(covered, FOUND_LIST)
            picked, gain = _matching(ctx, terms, doc, listing, f"{title} {listing.lead} {expand_abbreviations(listing.lead)}") \
                if which else ([], 0.0)
            if best is None or alone + whole + bonus + sharp + gain > best[0]:
                best = (alone + whole + bonus + sharp + gain, covered, listing, doc, picked)
    if best is None or best[1] < FOUND_LIST:
        return None
    _, covered, listing, doc, picked = best
    if picked:
        text, cites = _picked_text(listing, doc, picked, q.lang), _picked_citations(listing, doc, picked)
    else:
        text, cites = _text(listing, doc, q.lang, noun), _citations(listing, doc)
    answer_ = writing.finish(q, text, True, cites, [], intent="row")
    return covered, answer_, listing.total is not None and not picked


def _matching(ctx: Context, terms, doc: Document, listing: Listing, lead: str):
    """The items of ``listing`` that the question singles out, and what they add to the coverage of the question by
    the list's lead-in (with its document's title): the question's words the lead-in lacks that some items hold and
    the others do not ("những cửa khẩu đường sắt nào" of a list of land border gates: "Đồng Đăng (đường sắt)",
    "Lào Cai (đường sắt)" among road gates). ([], 0.0) where every item holds them alike, or none does, or where
    the lead-in itself covers less of the question than a found list's (``FOUND_LIST``)."""
    if listing.total is not None or listing.kind == "inline" or len(listing.items) < 2:
        return [], 0.0
    base = ctx.coverage(terms, lead)
    if base < FOUND_LIST:  # a lead-in that does not say what is asked ("các từ ngữ dưới đây được hiểu như sau"):
        return [], 0.0     # its items holding the question's subject are a definition, not the items asked
    gains = [ctx.coverage(terms, f"{lead} {doc.text[a:b]}") - base for a, b in listing.items]
    top = max(gains)
    picked = [span for span, g in zip(listing.items, gains, strict=True) if g >= PICK_SHARE * top]
    if top < PICK_GAIN or len(picked) == len(listing.items) or len(picked) > MAX_LISTED:
        return [], 0.0
    return picked, top


_NOUN = re.compile(r"(?i)\b(?:bao nhiêu|mấy|how many)\s+(?:of\s+(?:the\s+)?)?((?:[^\W\d_]+)(?:\s+[^\W\d_]+)?)")


# "những nhiệm vụ nào", "thủ tục nào có thời hạn dưới 5 ngày", "which procedures": what a list question lists
_WHICH = re.compile(r"(?i)\b(?:những|các)\s+([^\W\d_]+(?:\s+[^\W\d_]+)?)\s+nào\b|\b([^\W\d_]+(?:\s+[^\W\d_]+)?)\s+nào\b"
                    r"|\bwhich\s+([a-z]+s)\b")


def asks_list(q) -> bool:
    """Whether the question asks for the rows or items that match ("những … nào", "… nào có … dưới 5 ngày").
    Not "những bộ nào", "which departments": who is asked, answered from the rows and clauses that say it; nor "mã …
    nào": a code asked (``_CODE_NOUN``)."""
    if not ASK_LIST.search(fold(q.effective)):
        return False
    noun = counted_noun(q.effective)
    return bool(noun) and not (AGENCY_HEAD.match(noun[:1].upper() + noun[1:]) or noun.split()[0] in ("cơ", "đơn")
                               or q.intent == "agency" or _CODE_NOUN.match(noun))


# "… của các tổ chức mang mã TTHC nào?", "ký hiệu nào", "số hiệu nào": one code asked, the value a row or sentence
# prints, not the items of a list
_CODE_NOUN = re.compile(r"(?i)(?:mã|ký hiệu|số hiệu|mẫu số)\b")


def counted_noun(question: str) -> str:
    """What a count question counts, as it names it: "bao nhiêu biểu mẫu văn bản" → "biểu mẫu", "how many
    of the procedures" → "procedures"; "" where it asks an amount ("bao nhiêu điểm", "tỷ lệ bao nhiêu
    trong năm 2025", "how many days")."""
    m = _NOUN.search(question) or _WHICH.search(question)
    if not m:
        return ""
    noun = next(g for g in m.groups() if g).lower()
    # (an English "how many" may name a place first: "how many of Cần Thơ's commune-level units")
    head = _english_head(question) if m.re is _NOUN and m.group(0).lower().startswith("how") else ""
    noun = head or noun
    return "" if noun.split()[0] in MEASURE_WORDS else noun


_EN_AFTER_MANY = re.compile(r"(?i)\bhow many\s+(?:of\s+(?:the\s+|these\s+|those\s+)?)?((?:[a-z-]+\s+){0,4}[a-z-]+)")


_EN_SET_BEFORE = re.compile(r"(?i)\b(?:of|among)\s+(?:the|these|those|all)\s+(?:\d+\s+)?((?:[a-z-]+\s+){0,3}[a-z-]+)")
_POSSESSOR = re.compile(r"(?:[A-ZĐÀ-Ỹ][^\s']*\s+){0,3}[A-ZĐÀ-Ỹ][^\s']*'s\s+")  # "Cần Thơ's ", "Hanoi's "


def _english_head(question: str) -> str:
    """The thing an English "how many" counts is its phrase's first plural, past the words that qualify it:
    "how many housing-sector internal procedures" → "procedures" (not "housing"); "" where none is plural.

    >>> _english_head("Under Resolution 1668/NQ-UBTVQH15, how many of Cần Thơ's commune-level units were left …?")
    'units'
    >>> _english_head("Of the projects registered under Dispatch 224/CĐ-TTg, how many are inaugurations?")
    'projects'
    """
    question = _POSSESSOR.sub(" ", question)
    m = _EN_AFTER_MANY.search(question)
    if not m:
        return ""
    words = m.group(1).lower().split()
    if words[0] in ("are", "were", "is", "was"):  # "Of the projects registered …, how many are inaugurations": the
        # set named before is what is counted, the words after only say which of it
        whole = _EN_SET_BEFORE.search(question[:m.start()])
        words = whole.group(1).lower().split() if whole else words
    return next((w for w in words if re.fullmatch(r"[a-z]{2,}[^su]s|[a-z]+ies|people", w) and w not in ("this", "does")), "")


def stated_names_noun(listing: Listing, said: str, noun: str) -> bool:
    """``_names_noun`` for a count read elsewhere (``answers.counts``)."""
    return _names_noun(listing, said, noun)


def _names_noun(listing: Listing, said: str, noun: str) -> bool:
    """Whether a list says it lists what is counted: the noun in its lead-in ("các tỉnh, thành phố"), or
    its items named by it ("Mẫu số 01" for "biểu mẫu")."""
    if noun.isascii():  # an English question: the noun as the documents write it ("procedures" → "thủ tục")
        return any(_names_noun(listing, said, vi) for vi in translate_terms(noun.split()[0]) if not vi.isascii())
    if listing.kind == "announced":  # what the figure counts is the words right after it, nothing further
        return listing.lead.lower().startswith(noun.split()[0])
    if names_noun(listing.lead, noun):
        return True
    return listing.kind == "series" and any(w in said.lower().split() for w in noun.split())


def states_count(text: str, noun: str) -> bool:
    """Whether ``text`` states a figure of what is counted ("103 đơn vị hành chính cấp xã" for "bao nhiêu đơn vị
    hành chính"; an English noun by its translation).

    >>> states_count("thành phố Cần Thơ có 103 đơn vị hành chính cấp xã, gồm 31 phường và 72 xã", "đơn vị hành chính")
    True
    >>> states_count("các phường Tân An, Thới Bình và Xuân Khánh", "phường nào")
    False
    """
    if noun.isascii():
        return any(states_count(text, vi) for vi in translate_terms(noun.split()[0]) if not vi.isascii())
    return re.search(rf"(?i)(?<![\d.,])\d[\d.]*\s+{re.escape(noun.split()[0])}(?!\w)", text) is not None


def names_noun(text: str, noun: str) -> bool:
    """Whether ``text`` (a lead-in, a table's caption and header) names what is counted, in the document's
    words: "bao nhiêu thủ tục" in "DANH MỤC THỦ TỤC …" or "25 TTHC"; an English noun by its translation."""
    if noun.isascii():
        return any(names_noun(text, vi) for vi in translate_terms(noun.split()[0]) if not vi.isascii())
    words = noun.split()
    said = f"{text} {expand_abbreviations(text)}".lower()  # "TTHC" names "thủ tục hành chính"
    return bool(re.search(rf"(?<!\w){re.escape(noun)}(?!\w)", said) or re.search(rf"(?<!\w){re.escape(words[0])}(?!\w)", said))


def stated_elsewhere(ctx: Context, covered: float) -> bool:
    """A row, table row or clause that covers the question as well and states a figure of the kind asked
    ("Số lượng: 5.000 cuốn" for "bao nhiêu cuốn"): it answers, nothing is counted."""
    if not typed_strongly(ctx.q.asks):
        return False  # a bare "how many …" (no unit read): any row's number or date would pass for the figure
    for scored in (ctx.table[:1] + ctx.targets[:1] + ctx.clauses[:1]):
        if scored.coverage >= covered and holds(ctx.q.asks, scored.chunk.text):
            return True
    return False


def _documents(ctx: Context) -> list[Document]:
    named = [ctx.search.docs[i] for i in ctx.filters.doc_ids if i in ctx.search.docs]
    if named:
        return named[:LIST_DOCS]
    out: list[Document] = []
    for h in ctx.hits:
        if h.doc not in out:
            out.append(h.doc)
        if len(out) >= LIST_DOCS:
            break
    return out


def _best_sources(ctx: Context) -> list[tuple[str, int, int]]:
    """Where the best sources stand (document, start, end): the first clauses in their order of evidence
    and the first hits of the search. A law's article "Các biện pháp … bao gồm: a) …; b) …" lists two
    items, no list to count, yet answers "những biện pháp nào"; a three-item list of another article
    sharing the question's words must not answer in its place. (A total the text states names what it
    counts: it is read wherever it stands.)"""
    found = ctx.clauses[:LIST_NEAR] + ctx.hits[:LIST_NEAR]
    return [(s.doc.doc_id, s.chunk.start, s.chunk.end) for s in found]


def stated_total(doc: Document, n: int, noun: str, lo: int, hi: int) -> Listing | None:
    """A total of ``n`` the document states itself between ``lo`` and ``hi`` (a table's caption, a group row
    "A. LĨNH VỰC VIỆC LÀM (4 TTHC)"), naming what is counted: the count is then quoted, not only counted."""
    for listing in listings(doc):
        if listing.total == n and listing.total_span and lo <= listing.total_span[0] <= hi \
                and _names_noun(listing, listing.lead, noun):
            return listing
    return None


def stated_citation(doc: Document, listing: Listing):
    a, b = listing.total_span
    return span_citation(doc, _locator(doc, a, "Tổng số"), a, b, "clause")


def stated_words(doc: Document, listing: Listing) -> str:
    """The statement of a total as printed, on one line."""
    return " ".join(join_wraps(doc.text[listing.total_span[0]:listing.total_span[1]].replace("*", " ")).split())


def counted_note(lang: str, what: str) -> str:
    """Said of a figure counted, not printed: the document states no such total, the reader can recount."""
    if lang == "vi":
        return f"(đếm từ {what} được trích dẫn; văn bản không ghi tổng số này)"
    return f"(counted from the cited {what}; the document does not state this total)"


def _answering_clause(ctx: Context) -> list[tuple[str, int, int]]:
    """Where the first clause stands, where it is found to answer (``found.answers``): [] otherwise."""
    first = ctx.clauses[:1]
    return [(s.doc.doc_id, s.chunk.start, s.chunk.end) for s in first if answers(ctx, s)]


def _within(listing: Listing, doc: Document, where: tuple[str, int, int]) -> bool:
    """The whole list stands in the source ``where`` (every item), and its lead-in states no other total
    ("… (26 TTHC Cấp tỉnh)" over seven items read: a part of the list, not the list)."""
    d, a, b = where
    if d != doc.doc_id or not listing.items or not all(a <= x and y <= b for x, y in listing.items):
        return False
    return all(int(n) == listing.count for n in re.findall(r"\((\d{1,4})\s", listing.lead))


def _stands_in(listing: Listing, doc: Document, near: list[tuple[str, int, int]]) -> bool:
    """Whether the list's lead-in or one of its items lies in one of the ``near`` sources."""
    points = ([listing.lead_span[0]] if listing.lead_span else []) + [a for a, _ in listing.items]
    return any(d == doc.doc_id and a <= p < b for d, a, b in near for p in points)


# what a question counts or lists that is a document ("những quyết định nào", "how many decrees"): its items name
# documents by their numbers
_DOCUMENT_NOUN = re.compile(r"(?i)^(?:quyết định|nghị quyết|nghị định|thông tư|văn bản|kế hoạch|công văn|chỉ thị|"
                            r"thông báo|luật|decisions?|resolutions?|decrees?|circulars?|documents?|plans?|directives?)\b")
_DOCUMENT_NUMBER = re.compile(r"\b\d+/(?:\d{4}/)?[A-ZĐ]")  # "15/2021/QĐ-UBND", "1620/QĐ-UBND"


def _asks_documents(noun: str) -> bool:
    """Whether what is counted or listed is documents: "quyết định" of "những quyết định nào".

    >>> _asks_documents("quyết định"), _asks_documents("decrees"), _asks_documents("thủ tục")
    (True, True, False)
    """
    return bool(_DOCUMENT_NOUN.match(noun))


def _items_are_documents(doc: Document, listing: Listing) -> bool:
    """Whether most of a list's items name a document by its number ("Quyết định số 15/2021/QĐ-UBND …"), as the
    items of a list of documents do; the serial numbers "01, 02, 03" of a sentence or a body's duties do not."""
    named = sum(bool(_DOCUMENT_NUMBER.search(doc.text[a:b])) for a, b in listing.items)
    return 2 * named > len(listing.items)


def _said(doc: Document, listing: Listing) -> str:
    """What the list is about, for matching the question: its lead-in, and for a stated total the lines
    it stands under; a list of names is also about the names it holds (a few of them)."""
    said = listing.lead if listing.kind == "inline" else \
        f"{listing.lead} {' '.join(_item_text(doc, span) for span in listing.items[:3])}"
    return f"{said} {expand_abbreviations(said)}"  # "25 TTHC" is about "thủ tục hành chính"


def _item_text(doc: Document, span: tuple[int, int]) -> str:
    """An item as the answer names it: its first sentence without its marker ("1. Vụ Pháp chế." → "Vụ Pháp chế")."""
    raw = join_wraps(doc.text[span[0]:span[1]].replace("*", " ")).strip()
    raw = re.sub(r"^(?:\d{1,3}\.|[a-zđ]\)|[-–•+])\s*", "", raw)
    first = re.split(r"(?<=[.;:])\s", raw, maxsplit=1)[0].rstrip(" .;:")
    return first if len(first) <= 90 else first[:87].rsplit(" ", 1)[0] + "…"


def _printed(listing: Listing) -> bool:
    """Whether the document prints the count itself: a stated total, or the last item's number."""
    if listing.total is not None:
        return True
    return bool(listing.printed and listing.printed.isdigit() and int(listing.printed) == listing.count)


def _text(listing: Listing, doc: Document, lang: str, noun: str = "") -> str:
    label = compose.doc_label(doc)
    if listing.kind == "inline" and noun and states_count(listing.lead, noun):
        # "… có 103 đơn vị hành chính cấp xã, gồm 31 phường và 72 xã; …": the sentence says how many itself;
        # a count of its comma-separated pieces would be a figure of ours beside the document's
        said = " ".join(listing.lead.strip(" :*").split()).rstrip(".")
        if lang == "vi":
            return f"Theo {label}, văn bản ghi: “{said}”."
        return f"According to {label}, the text states (in Vietnamese): “{said}”."
    lead = listing.lead.strip(" :*")
    lead = lead if len(lead) <= 160 else lead[:157].rsplit(" ", 1)[0] + "…"
    if listing.total is not None:
        said = stated_words(doc, listing)
        if lang == "vi":
            return f"Theo {label}, văn bản ghi: “{said}” — tức là {listing.printed}."
        return f"According to {label}, the text states (in Vietnamese): “{said}” — that is, {listing.printed}."
    names = [_item_text(doc, s) for s in listing.items]
    if len(names) > MAX_LISTED:
        names = names[:MAX_LISTED - 1] + ["…", names[-1]]
    n = listing.count
    printed = _printed(listing)
    said = lead_count(lead, n)
    if said:  # "bãi bỏ danh mục 05 thủ tục … có số thứ tự 2, 3, 4, 6, 7": the lead-in prints the count
        n, printed = said, True
    if lang == "vi":
        numbered = ("" if said or listing.kind == "series" else f" (đánh số 1–{n})") if printed else \
            " " + counted_note(lang, "câu" if listing.kind == "inline" else "các mục")
        return f"Theo {label}, “{lead}”: {n} mục{numbered} — {'; '.join(names)}."
    numbered = ("" if said or listing.kind == "series" else f" (numbered 1–{n})") if printed else \
        " " + counted_note(lang, "sentence" if listing.kind == "inline" else "items")
    return f"According to {label}, “{lead}” (quoted in Vietnamese): {n} items{numbered} — {'; '.join(names)}."


def lead_count(lead: str, n: int) -> str:
    """The count as the quoted lead-in prints it before a word ("05" of "danh mục 05 thủ tục …" for the 5
    items listed after it), "" where it does not: the printed figure is the document's, no count of ours.

    >>> lead_count("bãi bỏ danh mục 05 thủ tục hành chính có số thứ tự 2, 3, 4, 6, 7", 5)
    '05'
    >>> lead_count("ngày 05 tháng 8", 5)
    ''
    """
    got = re.search(rf"(?<![\w.,/]){'0*' + str(n)}(?=\s+(?!(?:tháng|năm|ngày)\b)[^\W\d_])", lead)  # not a date
    return got.group(0) if got else ""


def _locator(doc: Document, at: int, fallback: str) -> str:
    chunk = next((c for c in doc.chunks if c.start <= at < c.end and c.kind != "row"), None)
    return chunk.locator if chunk else fallback


def _citations(listing: Listing, doc: Document) -> list:
    if listing.total is not None:
        a, b = listing.total_span
        return [span_citation(doc, _locator(doc, a, "Tổng số"), a, b, "clause")]
    if listing.kind == "inline":  # one sentence holds them all: quoted whole
        a, b = listing.items[0][0], listing.items[-1][1]
        return [span_citation(doc, _locator(doc, a, "Danh sách"), *sentence_around(doc.text, a, b), "clause")]
    spans = listing.items
    if len(spans) > MAX_CITED:  # the first ones and the last (which holds the count where numbered)
        spans = spans[:MAX_CITED - 1] + spans[-1:]
    spans = [spans[-1]] + spans[:-1] if _printed(listing) else spans
    cites = [span_citation(doc, _locator(doc, a, "Danh sách"), a, b, "clause") for a, b in spans]
    if listing.lead_span and listing.lead_span[1] > listing.lead_span[0]:  # what the list says it lists
        a, b = listing.lead_span
        cites.insert(1, span_citation(doc, f"{_locator(doc, a, 'Danh sách')} (tiêu đề / heading)", a, b, "clause"))
    return cites


def _picked_text(listing: Listing, doc: Document, picked: list[tuple[int, int]], lang: str) -> str:
    """The items the question singles out, named after what the list lists (no count: which ones is asked, and a
    count of ours would be a figure no citation states)."""
    label, lead = compose.doc_label(doc), listing.lead.strip(" :*")
    lead = lead if len(lead) <= 160 else lead[:157].rsplit(" ", 1)[0] + "…"
    names = "; ".join(_item_text(doc, s) for s in picked)
    if lang == "vi":
        return f"Theo {label}, trong “{lead}”, các mục khớp với câu hỏi là: {names}."
    return f"According to {label}, the items of “{lead}” (quoted in Vietnamese) that match the question: {names}."


def _picked_citations(listing: Listing, doc: Document, picked: list[tuple[int, int]]) -> list:
    """Each item singled out, then the lead-in that says what the list lists."""
    cites = [span_citation(doc, _locator(doc, a, "Danh sách"), a, b, "clause") for a, b in picked]
    if listing.lead_span and listing.lead_span[1] > listing.lead_span[0]:
        a, b = listing.lead_span
        cites.insert(1, span_citation(doc, f"{_locator(doc, a, 'Danh sách')} (tiêu đề / heading)", a, b, "clause"))
    return cites
