"""HTML (.html/.htm) → Draft: h1–h6 headings, paragraphs and real ``<table>``s (lxml).

Each block element (p, div, li, h1–h6, …) is one line, its whitespace collapsed; ``<br>``
breaks it into lines of one paragraph. A ``<table>`` is one line per ``<tr>``, cells joined by
TWO spaces, ``colspan``/``rowspan`` read from the attributes (a cell covered by a rowspan is
not in the markup, so it is neither in the text nor in the row). ``script``, ``style``,
``nav``, ``noscript``, ``template``, ``iframe`` and the ``<head>`` are dropped.

    <h2>I. MỤC TIÊU</h2><p>Đến năm 2030 …</p>
    <table><tr><th rowspan="2">STT</th><th colspan="2">Năm</th></tr><tr><td>2025</td><td>2030</td></tr></table>
      → "I. MỤC TIÊU\\nĐến năm 2030 …\\nSTT  Năm\\n2025  2030"
        heading(level=2), paragraph, table rows [[STT rowspan=2, Năm colspan=2], [2025, 2030]]
"""
from __future__ import annotations

from ground.errors import IngestError

from ..tables.layout_tables import is_layout_table
from .draft import Draft, RawCell
from .magic import sniff

_DROP = {"script", "style", "nav", "noscript", "template", "iframe", "head", "svg", "button", "select"}
_BLOCK = {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "section", "article", "main", "aside", "header",
          "footer", "blockquote", "pre", "figure", "figcaption", "form", "fieldset", "address", "center",
          "caption", "h1", "h2", "h3", "h4", "h5", "h6", "table", "hr", "body", "html"}
_HEADINGS = {f"h{i}": i for i in range(1, 7)}


class HtmlReader:
    def read(self, data: bytes, name: str) -> Draft:
        import lxml.html  # imported here: only HTML ingestion pays for it

        what = sniff(data)
        if what and what != "an RTF document":
            raise IngestError(f"is named .html but holds {what}; give the web page itself", name)
        draft = Draft()
        if not data.strip():
            return draft  # the dispatcher says "holds no text"
        try:
            data.decode("utf-8")
            # UTF-8 unless the page says otherwise: lxml alone would take a page without <meta charset> as Latin-1
            parser = lxml.html.HTMLParser(encoding="utf-8")
        except UnicodeDecodeError:
            parser = None  # let lxml follow the page's <meta charset>
        try:
            root = lxml.html.document_fromstring(data, parser=parser)
        except Exception as err:  # lxml refuses empty or undecodable documents
            raise IngestError(f"HTML cannot be parsed ({type(err).__name__}: {err}); save the page again "
                              "(File → Save as → Web page, HTML only)", name) from None
        _Walker(draft).block(root)
        return draft


class _Walker:
    def __init__(self, draft: Draft):
        self.draft = draft
        self.lines: list[str] = []  # the lines of the paragraph being gathered
        self.buf: list[str] = []  # inline text of its current line

    def flush(self, heading: int | None = None) -> None:
        self.newline()
        lines = [ln for ln in self.lines if ln]
        if lines:
            if heading:
                self.draft.heading(lines, heading)
            else:
                self.draft.paragraph(lines)
        self.lines = []

    def newline(self) -> None:
        line = " ".join("".join(self.buf).split())
        if line:
            self.lines.append(line)
        self.buf = []

    def block(self, el) -> None:
        """Walk ``el``'s children, emitting a paragraph at each block boundary."""
        if el.text:
            self.buf.append(el.text)
        for child in el:
            tag = child.tag if isinstance(child.tag, str) else ""
            tag = tag.lower()
            if tag in _DROP or not tag:  # comments and processing instructions have a non-str tag
                pass
            elif tag == "br":
                self.newline()
            elif tag == "table":
                self.flush()
                self.table(child)
            elif tag in _HEADINGS:
                self.flush()
                self.block(child)
                self.flush(heading=_HEADINGS[tag])
            elif tag in _BLOCK:
                self.flush()
                self.block(child)
                self.flush()
            else:
                self.block(child)  # inline: its text joins the current line
            if child.tail:
                self.buf.append(child.tail)

    def table(self, table) -> None:
        cells = [[_cell_lines(td) for td in tr if isinstance(td.tag, str) and td.tag.lower() in ("td", "th")]
                 for tr in _rows(table)]
        if is_layout_table([r for r in cells if r], _ruled(table)):
            self.draft.layout([r for r in cells if r])  # letterhead, signature: columns side by side
            return
        rows: list[list[RawCell]] = []
        nested = 0
        for tr in _rows(table):
            row = []
            for td in tr:
                if not isinstance(td.tag, str) or td.tag.lower() not in ("td", "th"):
                    continue
                nested += len(td.xpath(".//table"))
                row.append(RawCell(_cell_text(td), colspan=_span(td, "colspan"), rowspan=_span(td, "rowspan")))
            if row:
                rows.append(row)
        warnings = [f"{nested} table(s) nested in cells were flattened into their cells' text"] if nested else []
        self.draft.table(rows, warnings)


def _rows(table):
    """The table's own <tr>s (directly or in thead/tbody/tfoot), not those of nested tables."""
    for child in table:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "tr":
            yield child
        elif tag in ("thead", "tbody", "tfoot"):
            yield from (tr for tr in child if isinstance(tr.tag, str) and tr.tag.lower() == "tr")


def _span(td, attr: str) -> int:
    raw = (td.get(attr) or "1").strip()
    return max(1, min(int(raw), 1000)) if raw.isdigit() else 1


def _ruled(table) -> bool | None:
    """``border="0"`` or a style without borders: drawn without rules; ``border="1"``: ruled; else unknown."""
    border = (table.get("border") or "").strip()
    style = (table.get("style") or "").replace(" ", "").lower()
    if border == "0" or "border:none" in style or "border:0" in style:
        return False
    return True if border.isdigit() and int(border) > 0 else None


def _cell_lines(td) -> list[str]:
    """A cell's lines: its paragraphs and <br>-broken lines, each whitespace-collapsed."""
    lines: list[str] = [""]

    def walk(el):
        if el.text:
            lines[-1] += el.text
        for child in el:
            tag = child.tag.lower() if isinstance(child.tag, str) else ""
            if tag and tag not in _DROP:
                if tag in _BLOCK or tag == "br":
                    lines.append("")
                walk(child)
                if tag in _BLOCK:
                    lines.append("")
            if child.tail:
                lines[-1] += child.tail

    walk(td)
    return [" ".join(ln.split()) for ln in lines if ln.strip()]


def _cell_text(td) -> str:
    parts: list[str] = []

    def walk(el):
        if el.text:
            parts.append(el.text)
        for child in el:
            tag = child.tag.lower() if isinstance(child.tag, str) else ""
            if tag and tag not in _DROP:
                if tag in _BLOCK or tag in ("br", "td", "th", "tr"):
                    parts.append(" ")
                walk(child)
                if tag in _BLOCK or tag in ("td", "th", "tr"):
                    parts.append(" ")
            if child.tail:
                parts.append(child.tail)

    walk(td)
    return " ".join("".join(parts).split())
