"""Split a document by its own headings into located, span-exact chunks.

Plans:  "I. MỤC TIÊU" → "1. Mục tiêu đến năm 2030" → "a) Mục tiêu tổng quát" → "- item"
        locator "Mục II › 1 › a)"
Legal:  "Phần thứ nhất" / "Chương II" / "Mục 1" / "Điều 5. Tên" → "1." Khoản → "a)" Điểm
        locator "Điều 5 › Khoản 2" (Chương and Mục stay in the heading path)

Numbered headings are trusted only in sequence (1, 2, 3 … under one parent),
so a wrapped line that happens to start with "10." is not a heading. Items
("- ", "+ ") are grouped under their heading up to ``max_chars``; a Kon Tum
style "* Thực hiện: …" line closes the group of tasks it assigns. A clause
longer than ``max_chars`` is split at sentence ends, never mid-sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_ROMAN = re.compile(r"^([IVX]{1,5})\.\s+(\S.*)$")
_NUM = re.compile(r"^(\d{1,2})\.\s+(\S.*)$")
_DECIMAL = re.compile(r"^(\d{1,2})\.(\d{1,2})\.?\s+(\S.*)$")  # "1.2. Giao Công an Thành phố"
_SUB = 2.5  # the level of "1.2." sub-points: under "1.", above the "a)" letters
_LETTER = re.compile(r"^([a-zđ])\)\s+(\S.*)$")  # noqa: RUF001
_ITEM = re.compile(r"^([-+•]|[a-zđ]\))\s+\S")  # noqa: RUF001
_ASSIGN = re.compile(r"^\*\s*Thực hiện\s*:", re.I)
_PART = re.compile(r"^Phần\s+(thứ\s+\S+|[IVX\d]+)\b\.?\s*(.*)$", re.I)
_CHAPTER = re.compile(r"^Chương\s+([IVXLC\d]+)\b\.?\s*(.*)$")
_SECTION = re.compile(r"^Mục\s+(\d+)\b\.?\s*(.*)$")
_ARTICLE = re.compile(r"^Điều\s+(\d+[a-z]?)\s*\.\s*(.*)$")
_CLOSING = re.compile(r"^(Nơi nhận\s*:|Trên đây là)")
_SENTENCE_END = re.compile(r"[.;:!?](?=\s+[\"“(]?[A-ZĐÀ-Ỹ0-9-])")

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


def roman(s: str) -> int:
    total = 0
    for a, b in zip(s, s[1:] + " ", strict=False):
        v = _ROMAN_VALUES[a]
        total += -v if b != " " and _ROMAN_VALUES[b] > v else v
    return total


@dataclass
class Piece:
    """A span of the text with where it sits; becomes a Chunk in the pipeline."""

    kind: str
    locator: str
    heading_path: list[str]
    start: int
    end: int
    assignment: str = ""  # "* Thực hiện" text that applies to the whole piece


@dataclass
class _Node:
    level: int
    label: str  # how it shows in a locator: "Mục II", "1", "a)", "Điều 5", "Khoản 2"
    title: str
    ordinal: int
    start: int
    children_seen: dict = field(default_factory=dict)


def is_legal(text: str) -> bool:
    return len(re.findall(r"(?m)^\s*Điều\s+\d+[a-z]?\s*\.", text)) >= 2


def split_structure(text: str, end: int | None = None, max_chars: int = 1500,
                    skip: list[tuple[int, int]] | None = None, start: int = 0) -> list[Piece]:
    """Pieces of ``text[start:end]`` following its headings. ``skip`` spans (footnotes, tables
    read as rows, site chrome) break no item."""
    end = len(text) if end is None else end
    legal = is_legal(text[start:end])
    lines = list(_lines(text, end, (skip or []) + ([(0, start)] if start else [])))
    # (legal texts keep their Điều/Khoản reading: an amending decree's quotes are its substance)
    quoted = set() if legal else _quoted_lines(lines)
    root = _Node(0, "", "", 0, 0)  # holds the count of top-level headings seen
    stack: list[_Node] = [root]
    pieces: list[Piece] = []
    body: list[tuple[int, int, str]] = []  # (start, end, kind) of items under the current heading
    pre_heading = True
    closing_at = None  # where a closing block ("Nơi nhận:", "Trên đây là …") began, while inside it

    def flush(next_level: int | None = None) -> None:
        # A heading line alone, followed by its own sub-heading, adds nothing to
        # retrieve: its title lives on in the children's heading path.
        bare = bool(body) and all(k in ("heading", "title") for _, _, k in body)
        if body and not (bare and next_level is not None and next_level > stack[-1].level):
            pieces.extend(_group(text, body, stack, legal, max_chars, pre_heading))
        body.clear()

    for s, e, line in lines:
        if _CLOSING.match(line) and closing_at is None and not legal:
            flush()
            closing_at = s
            continue
        head = None if s in quoted else _heading(line, stack, legal)
        if closing_at is not None:
            if not head:
                continue  # recipients, signing title, signer: the closing block's own lines
            # A heading in sequence after it: the block was a form's signature inside an annex
            # ("Nơi nhận: … ĐẠI DIỆN CƠ QUAN (Ký, ghi rõ họ tên)" then "2. Quyết định đầu tư …"),
            # and the annex goes on under its own headings.
            pieces.append(_closing(text, closing_at, s))
            closing_at = None
        if head:
            level, label, title, ordinal = head
            flush(level)
            while stack[-1].level >= level:
                stack.pop()
            stack[-1].children_seen[level] = ordinal
            stack.append(_Node(level, label, title, ordinal, s))
            pre_heading = False
            body.append((s, e, "heading"))
            continue
        if _title_goes_on(stack[-1], body, line):
            # "Điều 6. Quy định về giải pháp xử / lý đối với cơ sở …": a title wrapped onto the next
            # line goes on in lower case; cut at its first line it named half the article
            stack[-1].title = _join_title(stack[-1].title, line, legal)
            body.append((s, e, "title"))  # read as the heading's own line, never a unit of its own
            continue
        if legal and stack[-1].level <= 3 and stack[-1].title == stack[-1].label and len(body) == 1:
            stack[-1].title = line  # "Chương II" / "ĐIỀU KHOẢN THI HÀNH": the title is the next line
            body.append((s, e, "heading"))
            continue
        if _ASSIGN.match(line):
            body.append((s, e, "assign"))
        elif _ITEM.match(line):
            body.append((s, e, "item"))
        else:
            body.append((s, e, "cont"))
    flush()
    if closing_at is not None:
        # the block ends where a skipped span below it begins (a saved page's notes after the signature)
        pieces.append(_closing(text, closing_at, min((a for a, _ in skip or [] if closing_at < a < end), default=end)))
    return pieces


def _quoted_lines(lines: list[tuple[int, int, str]]) -> set[int]:
    """Starts of the lines inside a quotation that runs over lines: a letter answering with the
    text of a decree ('+ Tại Điều 1 quy định: “Điều 1. … 1. … a) …”') quotes that decree's points,
    which are not the letter's own sections. A “ never closed quotes nothing."""
    inside: set[int] = set()
    i = 0
    while i < len(lines):
        depth = lines[i][2].count("“") - lines[i][2].count("”")
        j = i + 1
        while depth > 0 and j < len(lines):
            depth += lines[j][2].count("“") - lines[j][2].count("”")
            j += 1
        if depth <= 0 and j > i + 1:
            inside.update(s for s, _, _ in lines[i + 1:j])
        i = j
    return inside


def _closing(text: str, start: int, end: int) -> Piece:
    return Piece("closing", "Nơi nhận, chữ ký", ["Nơi nhận"], start, _rstrip(text, start, end))


def _heading(line: str, stack: list[_Node], legal: bool):
    """(level, label, title, ordinal) when the line opens a heading in sequence, else None."""
    if legal:
        for rx, level, name in ((_PART, 1, "Phần"), (_CHAPTER, 2, "Chương"), (_SECTION, 3, "Mục")):
            m = rx.match(line)
            if m:
                return level, f"{name} {m.group(1)}", m.group(2).strip() or f"{name} {m.group(1)}", 0
        m = _ARTICLE.match(line)
        if m:
            return 4, f"Điều {m.group(1)}", m.group(2).strip(), 0
        if any(n.level == 4 for n in stack):
            m = _NUM.match(line)
            if m and _in_sequence(stack, 5, int(m.group(1)), 4):
                # A Khoản has no title: its first line is already the chunk's text, and
                # repeating it in the heading path doubled what was embedded for short ones.
                return 5, f"Khoản {m.group(1)}", "", int(m.group(1))
        return None  # Điểm a), b) stay inside their Khoản's chunk
    m = _ROMAN.match(line)
    if m and _in_sequence(stack, 1, roman(m.group(1)), 0):
        return 1, f"Mục {m.group(1)}", _title(m.group(2)), roman(m.group(1))
    m = _NUM.match(line)
    # A dispatch, notice or letter has no "I." parts: its "1.", "2." points hang from the top
    # (once a Roman part opens, numbers belong to it and this never applies again).
    parent = 1 if any(n.level == 1 for n in stack) else 0
    if m and _in_sequence(stack, 2, int(m.group(1)), parent):
        return 2, m.group(1), _title(m.group(2)), int(m.group(1))
    m = _DECIMAL.match(line)
    if m and _decimal_in_sequence(stack, int(m.group(1)), int(m.group(2))):
        return _SUB, f"{m.group(1)}.{m.group(2)}", _title(m.group(3)), int(m.group(2))
    m = _LETTER.match(line)
    # letters run under the sub-point "1.2." when there is one, else under the point "1."
    parent = _SUB if any(n.level == _SUB for n in stack) else 2
    if m and any(n.level == 2 for n in stack) and _in_sequence(stack, 3, _letter(m.group(1)), parent, slack=1):
        return 3, f"{m.group(1)})", _title(m.group(2)), _letter(m.group(1))
    return None


def _title_goes_on(node: _Node, body: list, line: str) -> bool:
    """The line right after a heading continues its title: the heading stands alone so far, its
    title ends with no stop or colon, and the line starts in lower case ("lý đối với …")."""
    if not (node.title and node.title != node.label and body and all(k in ("heading", "title") for _, _, k in body)):
        return False
    if re.search(r"[.:;!?…]\W*$", node.title) or len(node.title) > 240:
        return False
    return line[:1].islower() and not _ITEM.match(line)


def _join_title(title: str, line: str, legal: bool) -> str:
    joined = f"{title.rstrip('* ')} {line.strip('* ')}"
    return joined if legal else _title(joined)


def _in_sequence(stack: list[_Node], level: int, ordinal: int, parent_level: int, slack: int = 0) -> bool:
    """Next in order under its parent; ``slack`` lets letters skip one ("d)" → "e)" without "đ)")."""
    parent = next((n for n in reversed(stack) if n.level == parent_level), None)
    if parent is None:
        return False
    last = parent.children_seen.get(level, 0)
    return last + 1 <= ordinal <= last + 1 + slack and (ordinal == 1 or last > 0)


def _decimal_in_sequence(stack: list[_Node], major: int, minor: int) -> bool:
    """ "1.2." is a sub-point only under point "1." and right after "1.1." (a figure such as
    "1.5 tỷ đồng" at a line start is neither)."""
    parent = next((n for n in reversed(stack) if n.level == 2), None)
    if parent is None or parent.ordinal != major:
        return False
    return minor == parent.children_seen.get(_SUB, 0) + 1


# Vietnamese lists run a, b, c, d, đ, e, …; many documents skip đ or borrow f, j, w, z.
_LETTERS = "abcdđefghijklmnopqrstuvwxyz"


def _letter(ch: str) -> int:
    return _LETTERS.index(ch) + 1 if ch in _LETTERS else 99


def _title(rest: str) -> str:
    """Heading title: up to the first colon, trimmed to a readable length."""
    head = rest.split(":", 1)[0].strip()
    return head if len(head) <= 120 else head[:117].rsplit(" ", 1)[0] + "…"


def _group(text, body, stack, legal, max_chars, pre_heading) -> list[Piece]:
    """Group the lines under one heading into pieces of whole items."""
    stack = stack[1:]  # drop the root
    locator = _locator(stack, legal) if stack else "Phần mở đầu"
    path = [_path_item(n) for n in stack] or ["Phần mở đầu"]
    kind = "preamble" if pre_heading else ("article" if legal else "clause")
    # Units: a heading, an item or an assignment starts a unit; continuation lines extend it.
    units: list[list[int]] = []
    kinds: list[str] = []
    for s, e, k in body:
        if k in ("cont", "title") and units:
            units[-1][1] = e
        else:
            units.append([s, e])
            kinds.append(k)
    pieces: list[Piece] = []
    cur: list[int] | None = None
    task_from = 0  # first piece of the current task group, for "* Thực hiện"
    for (s, e), k in zip(units, kinds, strict=False):
        if k == "assign" and cur is not None:
            cur[1] = e  # "* Thực hiện" belongs to the tasks just listed
            pieces.append(_piece(text, kind, locator, path, cur))
            cur = None
            who = re.sub(r"\s+", " ", text[s:e]).strip()
            for p in pieces[task_from:]:
                p.assignment = who
            task_from = len(pieces)
            continue
        if cur is not None and e - cur[0] > max_chars:
            pieces.append(_piece(text, kind, locator, path, cur))
            cur = None
        cur = [s, e] if cur is None else [cur[0], e]
    if cur is not None:
        pieces.append(_piece(text, kind, locator, path, cur))
    out: list[Piece] = []
    for p in pieces:
        out.extend(_split_long(text, p, max_chars))
    return out


def _path_item(n: _Node) -> str:
    """ "Mục II. MỤC TIÊU", "1. Mục đích", "a) Mục tiêu tổng quát", "Điều 5. Phạm vi" """
    if not n.title or n.title == n.label:
        return n.label
    if n.level == _SUB:
        # "1.3. Giao Ủy ban nhân dân …" is named by its title alone (the locator keeps "1 › 1.3"):
        # a reader of the path takes a leading "1." for the number and would say "3. Giao …"
        return n.title
    return f"{n.label} {n.title}" if n.label.endswith(")") else f"{n.label}. {n.title}"


def _piece(text, kind, locator, path, span) -> Piece:
    return Piece(kind, locator, list(path), span[0], _rstrip(text, span[0], span[1]))


def _split_long(text: str, piece: Piece, max_chars: int) -> list[Piece]:
    """Cut an over-long piece at sentence ends so each part fits the embedder."""
    if piece.end - piece.start <= max_chars * 1.25:  # a little over is better than a stub
        return [piece]
    cuts = [m.end() + piece.start for m in _SENTENCE_END.finditer(text[piece.start:piece.end])]
    parts, start, last = [], piece.start, piece.start
    for c in cuts + [piece.end]:
        if c - start > max_chars and last > start:
            parts.append((start, last))
            start = last
        last = c
    parts.append((start, piece.end))
    return [Piece(piece.kind, piece.locator, piece.heading_path, _lstrip(text, s),
                  _rstrip(text, s, e), piece.assignment) for s, e in parts if text[s:e].strip()]


def _locator(stack: list[_Node], legal: bool) -> str:
    if legal:
        nodes = [n for n in stack if n.level >= 4] or stack
        return " › ".join(n.label for n in nodes)
    return " › ".join(n.label for n in stack)


_ARTICLE_WORD = "Điều"  # a line of this word alone, wrapped before its number: "**Điều" / "10. Yêu cầu chứng thực …"
_ARTICLE_REST = re.compile(r"^\d+[a-z]?\s*\.")


def _lines(text: str, end: int, skip: list[tuple[int, int]]):
    """The non-blank lines up to ``end`` (outside ``skip``), stripped, with their spans; an article's heading
    wrapped after its first word ("Điều" / "10. Yêu cầu …", 29 of the 421 saved pages) is one line, so that the
    article is not read as more clauses of the one above it ("Điều" / "tra, khảo sát …" stays two)."""
    held = None
    for s, e, line in _raw_lines(text, end, skip):
        if held is not None:
            if _ARTICLE_REST.match(line):
                yield held[0], e, f"{held[2]} {line}"
                held = None
                continue
            yield held
            held = None
        if line == _ARTICLE_WORD:
            held = (s, e, line)
            continue
        yield s, e, line
    if held is not None:
        yield held


def _raw_lines(text: str, end: int, skip: list[tuple[int, int]]):
    pos = 0
    for raw in text[:end].split("\n"):
        s, e = pos, pos + len(raw)
        pos = e + 1
        if not raw.strip() or any(a <= s < b for a, b in skip):
            continue
        lead = len(raw) - len(raw.lstrip())
        yield s + lead, s + len(raw.rstrip()), raw.strip()


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _lstrip(text: str, start: int) -> int:
    while start < len(text) and text[start].isspace():
        start += 1
    return start
