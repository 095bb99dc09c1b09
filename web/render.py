"""Turn answers and citations into Markdown (chat) and HTML (sources panel).

Document text is untrusted: a plan may contain ``<``, ``&`` or anything a scanner produced.
Every piece of it is HTML-escaped *before* any markup of ours is added, and highlights are
placed by character spans on the raw text, so a figure such as ``<3,5`` is marked correctly
and never becomes a tag.
"""
from __future__ import annotations

import html
import re

from ingest.text.footnotes import detach_markers

from .i18n import t

CONTEXT_LINES = 6  # lines shown around a cited clause/row when it is opened in context
CONTEXT_MAX_CHARS = 4000
BLANK_LINES = re.compile(r"[ \t]*\n(?:[ \t]*\n)+")


def escape_markdown_html(text: str) -> str:
    """Neutralise HTML in text that the chat renders as Markdown (tables and emphasis stay)."""
    return html.escape(text or "", quote=False)


# Markdown's own punctuation; "&", "<" and ">" become entities instead (html.escape), which
# Markdown shows as the characters without ever reading them as markup or a quote marker.
MARKDOWN_PUNCT = re.compile(r"([\\`*_{}\[\]()#+\-.!|~=:$^\"'])")


def question_markdown(text: str) -> str:
    """A user's question as Markdown that shows it exactly as typed: every character Markdown
    would read as emphasis, a heading, a list, a link, code or a table is escaped, line breaks
    stay breaks and leading spaces stay spaces (not a code block).

    >>> question_markdown("**đậm** # 1. [a](b) <i>x</i> & `c`")
    '\\\\*\\\\*đậm\\\\*\\\\* \\\\# 1\\\\. \\\\[a\\\\]\\\\(b\\\\) &lt;i&gt;x&lt;/i&gt; &amp; \\\\`c\\\\`'
    """
    lines = []
    for line in (text or "").split("\n"):
        body = line.lstrip(" \t")
        indent = "&nbsp;" * (len(line) - len(body))
        lines.append(indent + html.escape(MARKDOWN_PUNCT.sub(r"\\\1", body), quote=False))
    return "\\\n".join(lines)  # a backslash before a line break: a hard break, as typed


# Markup in a question, as a browser would read it. A tag is "<", a letter, then anything up to
# the next ">" outside quotes: "<svg/onload=alert(1)>" is one tag, attributes and all, though no
# space follows its name. A script or style element goes whole, content included ("alert(1)" is
# not part of a question), and one left open runs to the end as it would in a page. A bare "<"
# before a figure ("tỷ lệ <5%") or a space is no tag, so questions about thresholds keep it.
MARKUP = re.compile(r"<(script|style)\b(?:\"[^\"]*\"|'[^']*'|[^'\">])*(?:>.*?(?:</\1\s*>|$)|$)"
                    r"|<!--.*?(?:-->|$)"
                    r"|</?[A-Za-z][^\s/>]*(?:\"[^\"]*(?:\"|$)|'[^']*(?:'|$)|[^'\">])*>", re.S | re.I)


def strip_tags(text):
    """The question as the assistant should read it: markup removed, the words kept. Each tag
    becomes a space, so words on either side of a ``<br>`` stay two words; repeated until
    nothing changes, so a tag split by another (``<scr<script>…</script>ipt>``) goes too.

    >>> strip_tags('<img src=x onerror=alert(1)> Mục tiêu <b>nhà ở</b> xã hội?')
    'Mục tiêu nhà ở xã hội?'
    >>> strip_tags('<svg/onload=alert(1)>Mục tiêu<br/>nhà ở')
    'Mục tiêu nhà ở'
    >>> strip_tags('<script type="a>b">alert(1)</script > tỷ lệ <5% và a < b <style>p{}</style>')
    'tỷ lệ <5% và a < b'
    """
    if not isinstance(text, str):
        return text
    while True:
        stripped = MARKUP.sub(" ", text)
        if stripped == text:
            break
        text = stripped
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def highlight_spans(text: str, figures: list[str]) -> list[tuple[int, int]]:
    """Non-overlapping spans of ``figures`` inside ``text``, longest figure first."""
    taken: list[tuple[int, int]] = []
    for fig in sorted({f for f in figures or [] if f and f.strip()}, key=len, reverse=True):
        # A figure must not be the middle of a longer number: "1.2" inside "21.234" is not it.
        pattern = r"(?<![\w.,])" + re.escape(fig) + r"(?![\w]|[.,]\d)"
        found = [(m.start(), m.end()) for m in re.finditer(pattern, text)]
        if not found:  # not as a whole number: still show the user where it is
            found = [(m.start(), m.end()) for m in re.finditer(re.escape(fig), text)]
        for s, e in found:
            if all(e <= s2 or s >= e2 for s2, e2 in taken):
                taken.append((s, e))
    return sorted(taken)


def mark_html(text: str, spans: list[tuple], cls: str = "fig") -> str:
    """Escape ``text`` and wrap each span in <mark>; spans index the raw (unescaped) text. A span
    ``(start, end, its_class)`` carries its own class, ``(start, end)`` takes ``cls``."""
    out, pos = [], 0
    for s, e, *own in sorted(spans):
        if s < pos or e <= s:
            continue
        out.append(html.escape(text[pos:s]))
        out.append(f'<mark class="{own[0] if own else cls}">{html.escape(text[s:e])}</mark>')
        pos = e
    out.append(html.escape(text[pos:]))
    return "".join(out)


def tidy(text: str) -> str:
    """Drop the empty lines PDF extraction leaves between every printed line (display only)."""
    return BLANK_LINES.sub("\n", text or "")


SPLIT_WORD = re.compile(r"[ \t]*\n[ \t]*(?=[^\W\d_])")  # a line break before a word…
BULLET = re.compile(r"[-+•*]|[a-zđ]\)|\d+[.)]|[IVXLC]+\.")  # …unless that line starts a list item


def reflow(text: str, kind: str = "clause") -> str:
    """The quote as it was printed: a table row on one line, a clause's lines rejoined where
    PDF extraction broke a sentence, list items and paragraphs kept apart (display only).

    A row's cells come out of a PDF one per line ("Diện tích … đầu\\n\\nngười\\n\\nm2 sàn/…"),
    which printed one token per line; a row is one printed line, so all its breaks go.

    >>> reflow("Diện tích nhà ở bình quân đầu \\n\\nngười \\n\\nm2 sàn/ \\n\\nngười \\n\\n \\n\\n26,0 \\n30", "row")
    'Diện tích nhà ở bình quân đầu người m2 sàn/người 26,0 30'
    >>> reflow("a) Bảo đảm chỗ ở cho người\\nthu nhập thấp;\\nb) Hỗ trợ")
    'a) Bảo đảm chỗ ở cho người thu nhập thấp;\\nb) Hỗ trợ'
    """
    text = tidy(text or "")
    if kind == "row":
        return re.sub(r"/\s+(?=\w)", "/", " ".join(text.split()))
    out = []
    for line in text.split("\n"):
        line = line.strip()
        starts_item = bool(BULLET.match(line))
        # Join a line to the one before when it goes on with a lower-case word and is no list item.
        if out and line and not starts_item and line[0].islower() and out[-1] and out[-1][-1] not in ".:;!?":
            out[-1] = out[-1] + " " + line
        else:
            out.append(line)
    return "\n".join(out)


SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def raise_footnote_markers(text: str, markers: list[str] | tuple = ()) -> str:
    """The document's footnote markers glued to a word ("nhà ở3", "phê duyệt4") as superscripts
    ("nhà ở³"), for display. The stored text keeps them as printed, because a citation is exactly
    ``document[start:end]``; ingest finds the markers (``ingest.text.footnotes``) and detaches them from
    search text only, so the display has to raise them itself. Same length as ``text``, so
    highlight spans found afterwards index it unchanged.

    >>> raise_footnote_markers("Chương trình phát triển nhà ở3, kế hoạch đã được phê duyệt4, 12 m2", ["3", "4"])
    'Chương trình phát triển nhà ở³, kế hoạch đã được phê duyệt⁴, 12 m2'
    """
    if not markers or not text:
        return text
    kept = detach_markers(text, list(markers))  # the same rule as the search text's
    out, j = [], 0
    for ch in text:  # detach_markers only deletes: what it deleted is what does not line up
        if j < len(kept) and ch == kept[j]:
            out.append(ch)
            j += 1
        else:
            out.append(ch.translate(SUPERSCRIPT))
    return "".join(out)


def highlight_html(text: str, figures: list[str], kind: str = "clause", markers: list[str] | tuple = (),
                   unsure: list[str] | tuple = ()) -> str:
    """The quote as shown, the answer's figures marked; with ``unsure`` (words OCR read with low
    confidence), a figure overlapping one is marked ``fig unsure`` and the other doubtful words ``unsure``."""
    # reflowed and markers raised before the spans are found, so they index the text that is shown
    text = raise_footnote_markers(reflow(text, kind), markers)
    figs = highlight_spans(text, figures)
    doubts = highlight_spans(text, list(unsure))
    spans = [(s, e, "fig unsure" if any(a < e and s < b for a, b in doubts) else "fig") for s, e in figs]
    spans += [(a, b, "unsure") for a, b in doubts if all(e <= a or s >= b for s, e in figs)]
    return mark_html(text, spans)


def format_date(iso: str | None) -> str:
    if not iso:
        return ""
    parts = iso.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{int(parts[2])}/{int(parts[1])}/{parts[0]}"
    return iso  # only the year is printed on some plans


def kind_label(kind: str, lang: str) -> str:
    key = f"kind_{kind}"
    label = t(lang, key)
    return kind if label == key else label


def answer_markdown(answer: dict, lang: str = "vi") -> str:
    """What the chat shows: the composed answer, then the numbered sources."""
    body = escape_markdown_html(answer.get("answer", ""))
    cites = answer.get("citations") or []
    if not cites:
        return body
    label = t(lang, "sources_label" if answer.get("found") else "closest_label")
    body = MARKER.sub(lambda m: marker_link(int(m.group(1))) if 1 <= int(m.group(1)) <= len(cites) else m.group(0),
                      body)
    lines = [body, "", f"**{label}:**"]
    for i, c in enumerate(cites, 1):
        lines.append(f"{marker_link(i)} {escape_markdown_html(c.get('document', ''))} — "
                     f"{escape_markdown_html(c.get('locator', ''))}")
    return "\n".join(lines)


MARKER = re.compile(r"\[(\d{1,2})\](?!\()")


def marker_link(n: int) -> str:
    """``[n]`` as a link to card n of the sources panel (layout.JUMP_JS scrolls there and highlights it).

    >>> marker_link(2)
    '[\\\\[2\\\\]](#src-2)'
    """
    return f"[\\[{n}\\]](#src-{n})"


def sources_text(answer: dict) -> str:
    """A plain numbered source list, appended to OpenAI-style replies."""
    cites = answer.get("citations") or []
    if not cites:
        return ""
    head = "Nguồn / Sources:" if answer.get("found") else "Nguồn gần nhất / Closest sources:"
    lines = [head]
    for i, c in enumerate(cites, 1):
        quote = " ".join((c.get("text") or "").split())
        quote = quote if len(quote) <= 240 else quote[:237] + "…"
        lines.append(f"[{i}] {c.get('document', '')} — {c.get('locator', '')}: “{quote}”")
    return "\n".join(lines)


def context_html(doc_text: str, start: int, end: int, figures: list[str], kind: str = "clause",
                 markers: list[str] | tuple = (), unsure: list[str] | tuple = ()) -> str:
    """The cited span with a few whole lines around it; the span itself is marked."""
    if not doc_text or not 0 <= start < end <= len(doc_text):
        return ""
    # Count printed lines only: PDF extraction leaves a blank line between most of them.
    lo, seen = doc_text.rfind("\n", 0, start) + 1, 0  # start of the cited line
    while lo > 0 and seen < CONTEXT_LINES:
        prev = doc_text.rfind("\n", 0, lo - 1) + 1
        seen += bool(doc_text[prev:lo].strip())
        lo = prev
    hi, seen = doc_text.find("\n", end), 0
    hi = len(doc_text) if hi < 0 else hi
    while hi < len(doc_text) and seen < CONTEXT_LINES:
        nxt = doc_text.find("\n", hi + 1)
        nxt = len(doc_text) if nxt < 0 else nxt
        seen += bool(doc_text[hi:nxt].strip())
        hi = nxt
    lo = max(lo, start - CONTEXT_MAX_CHARS // 2)
    hi = min(hi, end + CONTEXT_MAX_CHARS // 2)
    before, cited, after = doc_text[lo:start], doc_text[start:end], doc_text[end:hi]
    return (("… " if lo > 0 else "") + html.escape(raise_footnote_markers(tidy(before), markers))
            + '<span class="cited">' + highlight_html(cited, figures, kind, markers, unsure) + "</span>"
            + html.escape(raise_footnote_markers(tidy(after), markers)) + (" …" if hi < len(doc_text) else ""))


def sources_html(answer: dict | None, lang: str, meta_of=None, text_of=None, markers_of=None) -> str:
    """The sources panel: one card per citation, quote highlighted, context on demand.

    ``meta_of(doc_id) -> dict`` gives kind/number/date/province; ``text_of(doc_id) -> str``
    the full document text for the context view; ``markers_of(doc_id) -> list[str]`` the
    document's footnote markers, shown raised. Each may be None (tests, missing docs).
    """
    if not answer or not answer.get("citations"):
        return f'<div class="sources empty">{html.escape(t(lang, "sources_empty"))}</div>'
    # The panel has its own "Sources" heading; only a not-found answer needs to say more.
    title = "" if answer.get("found") else f'<div class="sources-title">{html.escape(t(lang, "closest_label"))}</div>'
    # data-question says which answer the panel shows (tests and screen readers can tell them apart).
    question = html.escape(answer.get("question") or "", quote=True)
    cards = [f'<div class="sources" data-question="{question}">{title}']
    for i, c in enumerate(answer["citations"], 1):
        meta = (meta_of(c.get("doc_id")) if meta_of else None) or {}
        facts = [f"<b>{html.escape(meta.get('kind') or c.get('document') or '')}</b>"]
        if meta.get("number"):
            facts.append(f"{t(lang, 'number')} {html.escape(meta['number'])}")
        if meta.get("date"):
            word = t(lang, "date" if len(meta["date"]) > 4 else "year")
            facts.append(f"{word} {html.escape(format_date(meta['date']))}")
        province = meta.get("province") or c.get("province")
        if province:
            facts.append(f"{t(lang, 'province')} {html.escape(province)}")
        figures = c.get("highlight") or []
        markers = (markers_of(c.get("doc_id")) if markers_of else None) or ()
        kind = c.get("kind") or "clause"
        unsure = [u.get("text") or "" for u in c.get("unsure") or []]
        quote = highlight_html(c.get("text") or "", figures, kind, markers, unsure)
        full = text_of(c.get("doc_id")) if text_of else None
        ctx = context_html(full, c.get("start", 0), c.get("end", 0), figures, kind, markers, unsure) if full else ""
        ctx_html = (f'<details class="src-context"><summary>{html.escape(t(lang, "context"))}</summary>'
                    f'<div class="src-context-text">{ctx or html.escape(t(lang, "context_missing"))}</div></details>')
        cards.append(
            f'<div class="src-card" id="src-{i}">'
            f'<div class="src-head"><span class="src-n">[{i}]</span> {" · ".join(facts)}</div>'
            f'<div class="src-doc">{html.escape(c.get("document") or "")}</div>'
            f'<div class="src-loc">{html.escape(c.get("locator") or "")} '
            f'<span class="src-kind">({html.escape(kind_label(c.get("kind") or "", lang))})</span></div>'
            f'{ocr_html(c, lang)}<blockquote class="src-quote">{quote}</blockquote>{ctx_html}</div>')
    cards.append("</div>")
    return "".join(cards)


def ocr_html(c: dict, lang: str) -> str:
    """A citation read by OCR says so, and names the answer's figures the engine was unsure of."""
    if not c.get("ocr"):
        return ""
    out = f'<div class="src-ocr">⚠ {html.escape(t(lang, "ocr_note"))}'
    doubtful = c.get("unsure_figures") or []
    if doubtful:
        out += (f'<br>{html.escape(t(lang, "ocr_unsure_figures"))}: '
                + ", ".join(f'<mark class="fig unsure">{html.escape(f)}</mark>' for f in doubtful))
    return out + "</div>"


# An absolute path (POSIX or Windows): reports must name files, never the server's folders.
ABS_PATH = re.compile(r"(?<![\w.])(?:[A-Za-z]:)?[/\\](?:[^\s/\\:'\"]+[/\\])+([^\s/\\:'\"]+)")


def file_names_only(text: str) -> str:
    """Every absolute path in ``text`` cut down to its file name.

    >>> file_names_only("/tmp/gradio/ab12/ke_hoach.docx: file is empty")
    'ke_hoach.docx: file is empty'
    >>> file_names_only("Kế hoạch 77/KH-UBND ngày 10/6/2025 (C:\\\\Users\\\\a\\\\b.docx)")
    'Kế hoạch 77/KH-UBND ngày 10/6/2025 (b.docx)'
    """
    return ABS_PATH.sub(lambda m: m.group(1), str(text))
