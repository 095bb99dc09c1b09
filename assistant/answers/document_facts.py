"""Answers about a document itself — who signed, its number and date, when it takes effect, what it
replaces or implements, which document sets something out — quoted where the text says it.

    "Kế hoạch 617/KH-UBND … được ban hành ngày nào?"
      → "Kế hoạch 617/KH-UBND của Ủy ban nhân dân tỉnh Đồng Tháp ban hành ngày 01 tháng 12 năm 2025."
        citing "Số: 617/KH-UBND … Đồng Tháp, ngày 01 tháng 12 năm 2025"
"""
from __future__ import annotations

import re

from ground.normalize import fold
from ground.provinces import title_place
from index.retriever import Filters

from .. import compose, facts, writing
from ..citing import span_citation
from ..context import Context
from ..model import Answer
from ..question import legal, lexicon

FACT_SEARCH_K = 10  # hits searched for the document a fact question's topic finds


def answer(ctx: Context) -> Answer | None:
    """Who signed / which number / which date / which document: quote where the text says it.

    The document is the one the question names (its number, its province when that holds one
    document) or else the one whose text the question's topic finds first."""
    q, filters, search = ctx.q, ctx.filters, ctx.search
    kinds = list(q.facts)
    if not kinds:
        return None
    if "proposer" in kinds and lexicon.ASK_SUBMISSION.search(fold(q.effective)):
        # "theo đề nghị của cơ quan nào, tại tờ trình số mấy?": the number asked is the submission's, not its own
        kinds = ["submission" if k == "proposer" else k for k in kinds if k != "number"]
    other = lexicon.ASK_CITED_NUMBER.search(fold(q.effective))
    cited = lexicon.CITED_KINDS[other.group(1)] if other and "number" in kinds else None
    if cited:  # "… thông qua ngày nào, trên cơ sở Đề án số mấy?": that document's number, not its own
        kinds = ["cited" if k == "number" else k for k in kinds]
    # a place's documents, and the national ones whose title names it as a unit ("Nghị quyết … sắp xếp các đơn vị
    # hành chính cấp xã của thành phố Cần Thơ": asked "Nghị quyết sắp xếp … của Cần Thơ … số hiệu là gì?")
    docs = [d for d in ctx.docs if (not q.provinces or search.places_of(d.doc_id) & set(q.provinces)
                                    or not d.meta.province and title_place(d.meta.title) in q.provinces)
            and (not filters.doc_ids or d.doc_id in filters.doc_ids)]
    best_chunk = None
    if len(docs) != 1 or kinds == ["which"]:
        f = (Filters(doc_ids=[d.doc_id for d in docs]) if q.provinces and docs
             else Filters(provinces=q.provinces, doc_ids=filters.doc_ids))
        hits = [h for h in search.search(q, f, k=FACT_SEARCH_K, lang=q.lang) if h.chunk.kind != "signature"]
        if not hits:
            return None
        kind = kind_named(q.effective)  # "Nghị quyết sắp xếp … của Cần Thơ … số hiệu là gì?": a resolution's hit
        best = next((h for h in hits if kind and h.doc.meta.kind == kind), hits[0])
        docs, best_chunk = [best.doc], best.chunk
    d = docs[0]
    if _other_kind(q.effective, d) and not filters.doc_ids:
        return writing.not_found(q, ctx.docs, "kind", near_docs=[d])
    # "… là thông tư số mấy?" of a circular, "trả lời công văn số mấy?" of a letter: of its own kind, the number
    # asked is its own (the letter it answers is the reply's part)
    kinds = ["number" if k == "cited" and cited == d.meta.kind else k for k in kinds]
    about = _named_other(q.effective, d)
    texts, cites, found_any = [], [], False
    for kind in kinds:
        if kind == "which":
            texts.append(facts.which_text(d, q.lang))
            if best_chunk is not None:
                cites.append(writing.cite(d, best_chunk))
            span = facts.number_span(d)
            if span:
                cites.append(span_citation(d, "Số, ngày văn bản", *span, "metadata"))
            found_any = True
            continue
        got = facts.cited(d, cited, q.lang) if kind == "cited" else facts.part(kind, d, q.lang, about=about)
        text = got.text
        label = compose.doc_label(d, with_number=kind in ("number", "date"))
        if texts and text.startswith(label):  # "số hiệu và ngày ban hành": the document is named once
            text = ("Văn bản" if q.lang == "vi" else "It") + text[len(label):]
        texts.append(text)
        found_any = found_any or got.found
        for locator, a, b in got.spans:  # each part cited from where it is said, once
            if any(c.start <= a and b <= c.end for c in cites):
                continue
            cites = [c for c in cites if not (a <= c.start and c.end <= b)]  # a wider span holds it
            cites.append(span_citation(d, _where(d, a, locator), a, b, "metadata"))
    if not found_any and len(kinds) == 1 and kinds[0] in _OPEN_KINDS:
        return None  # "trả lời doanh nghiệp nào" where the text names none: another way may answer
    if best_chunk is not None and "which" not in kinds:
        # the document was found by what the question says it does ("văn bản … bãi bỏ quy định về …, số mấy,
        # ai ký?"): the passage that shows it does that is cited after its facts
        cites.append(writing.cite(d, best_chunk))
    return writing.finish(q, " ".join(texts), found_any, cites, [], intent="metadata")


def kind_named(question: str) -> str | None:
    """The kind of document the question names first, where it names one: "Nghị quyết sắp xếp đơn vị hành chính
    cấp xã của thành phố Cần Thơ …" → "Nghị quyết"; "Which decision …" → "Quyết định"."""
    f = fold(question)
    found = [(m.start(), kind) for kind, rx in lexicon.KIND_NAMED.items() for m in [rx.search(f)] if m]
    return min(found)[1] if found else None


def _other_kind(question: str, doc) -> bool:
    """Whether the question asks of a kind of document ``doc`` is not and does not issue: "Nghệ An công bố danh mục
    … bằng quyết định số mấy?" where Nghệ An's one document is a plan. Its facts would answer for another act; a
    decision issuing a plan names "kế hoạch" in its title and stays the one asked ("Kế hoạch … ban hành kèm theo
    quyết định số mấy?")."""
    named = kind_named(question)
    if not named or not doc.meta.kind or doc.meta.kind == named:
        return False
    return not lexicon.KIND_NAMED[named].search(fold(doc.meta.title or ""))


def _where(doc, at: int, part: str) -> str:
    """A part said inside an article is cited by it: "Điều 38 › Khoản 2 (Hiệu lực)", not "Hiệu lực" alone
    (a law's "in force from" is its closing article; the reader looks it up there)."""
    home = next((c for c in doc.chunks if c.start <= at < c.end and c.kind != "row"), None)
    return f"{home.locator} ({part})" if home and legal.article_of(home) else part


# parts another way of answering may still find in the text when the document's own places hold none
_OPEN_KINDS = ("addressee", "reply", "implements", "replaces", "amends", "effective")
_NUMBER_NAMED = re.compile(r"\b\d+[a-z]?(?:/\d{4})?(?:[/-][A-ZĐ][A-Za-zĐđ0-9.]*)+")


def _named_other(question: str, doc) -> str | None:
    """A document number the question names that is not ``doc``'s own, where ``doc`` prints it (an
    amending decision inside a consolidated text): the part asked is about that act."""
    own = (doc.meta.number or "").replace(" ", "")
    for m in _NUMBER_NAMED.finditer(question):
        n = m.group(0).rstrip(".")
        if n != own and not own.startswith(n) and n.split("/")[0] + "/" in doc.text and n in doc.text:
            return n
    return None
