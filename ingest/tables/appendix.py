"""*Phụ lục* target tables → target rows (``TableRow`` with ``values``), read from the shape of PDF/Word-extracted lines.

A table row is rarely one line, so the parser works on *fragments* (non-blank lines) and on the
marks the extraction leaves between cells:
    a line of 1-2 spaces              an empty cell: the next text starts a new cell
    3-19 spaces (alone or trailing)   the empty unit/value cells of a row without figures
    ≥20 spaces                        footnote separator; "5Trong trường hợp …" lines follow
    "TT Nội dung … Đến năm 2025 …"    the table header (gives the years), repeated per page
A row is indicator words, a unit, one cell per target year, then an agency (``values.locate_values``).
Text after a complete row with nothing between is that row's agency; after an empty cell it is a
merged agency cell if figures do not follow it, else the next indicator.

An Giang (STT numbers, roman groups):
    "1 Tỷ lệ thất nghiệp chung % <3,5 <3 Sở Nội vụ  "
        → number "1", label (the indicator) "Tỷ lệ thất nghiệp chung", unit "%", 2025 "<3,5", 2030 "<3", agency "Sở Nội vụ"
    " Số bác sĩ người 11 14 Sở Y tế  "  (unnumbered, after "2 Chi tiêu số lượng trên 10.000 dân      ")
        → parent "Chi tiêu số lượng trên 10.000 dân", sub_label "Số bác sĩ", unit "người", 11 / 14
Kon Tum (no STT, a cell per line, the agency a merged cell printed between rows):
    " " / "Tỷ lệ thất nghiệp khu vực thành thị  % " / " " / "2 " / " " / "1,5-2 "
        → label "Tỷ lệ thất nghiệp khu vực thành thị", unit "%", 2025 "2", 2030 "1,5-2",
          agency "Sở Lao động - Thương binh và Xã hội" (from the merged cell printed above)

A parent without figures is a row of its own (values with raw "") so a child's ``parent`` always
names an existing row. ``row_sentence`` renders a row for retrieval.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from ..model import Footnote, TableRow
from .rows import link_parents, row_sentence  # noqa: F401 - row_sentence is part of this module's API
from .table_cells import AGENCY, OPEN, RawRow, Word, assign_agencies, assign_parents, join_words
from .values import detach_markers, locate_values, opens_value, parse_value

log = logging.getLogger(__name__)

_APPENDIX = re.compile(r"(?im)^[ \t]*phụ lục(?:[ \t]+[IVX\d]+)?[ \t]*$")
_HEADER_WORDS = set("tt stt nội dung chỉ tiêu đơn vị tính đvt mục đến năm cơ quan chủ trì theo dõi đánh "
                    "giá thực hiện báo cáo ghi chú kết quả lộ trình phối hợp giai đoạn".split())
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_ROMAN = "I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX".split()
_EMPTY = "EMPTY"


@dataclass
class _Frag:
    words: list[Word]
    boundary: bool  # an empty cell or a page header comes right before it
    after_header: bool
    trailing_empty: bool


def _locate(words: list[Word], n: int) -> tuple | None:
    return locate_values([w[0] for w in words], n)


def _headerish(line: str) -> bool:
    words = [w.strip(",.:;()") for w in re.split(r"[\s/]+", line.strip().lower())]
    return any(words) and all(w in _HEADER_WORDS or _YEAR.fullmatch(w) for w in words if w)


def _header_start(line: str) -> bool:
    return bool(line.strip()) and line.split()[0].lower() in ("tt", "stt") and _headerish(line)


def _numbered(words: list[Word]) -> bool:
    """"3 Tuổi thọ …", "IV Bảo hiểm …": a printed number and a capitalised text."""
    return len(words) > 1 and bool(re.fullmatch(r"\d+|[IVXL]+", words[0][0])) and words[1][0][0].isupper()


class _Table:
    def __init__(self, text: str, lo: int, hi: int, doc_id: str):
        self.text, self.doc_id = text, doc_id
        self.items: list = []  # _Frag | _EMPTY
        self.footnotes: list[Footnote] = []
        self.years: list[int] = []
        self.has_note = False
        self.rows: list[RawRow] = []
        self.events: list[list] = []  # ["row", RawRow] | ["agency", words, gid]
        self.cur: RawRow | None = None
        self.group, self.gid, self.last_stt = "", 0, 0
        lines, pos = [], lo
        for line in text[lo:hi].split("\n"):
            lines.append((pos, line))
            pos += len(line) + 1
        self._scan(lines)

    # ---- lines → fragments ----------------------------------------------------------------
    def _scan(self, lines: list[tuple[int, str]]) -> None:
        i = next((k for k, (_, ln) in enumerate(lines) if _header_start(ln)), len(lines))
        boundary = after_header = False
        while i < len(lines):
            pos, line = lines[i]
            if _header_start(line):
                head = []
                while i < len(lines) and (not lines[i][1].strip() or _headerish(lines[i][1])):
                    head.append(lines[i][1])
                    i += 1
                if not self.years:
                    joined = " ".join(" ".join(head).split()).lower()
                    self.years = [int(y) for y in dict.fromkeys(_YEAR.findall(joined))]
                    self.has_note = "ghi chú" in joined
                boundary = after_header = True
                continue
            i += 1
            if line and not line.strip():
                if len(line) >= 20:
                    i = self._footnotes(lines, i)
                elif len(line) >= 3:
                    self.items.append(_EMPTY)
                boundary = True
            elif line:
                words = [(m.group(0), pos + m.start(), pos + m.end()) for m in re.finditer(r"\S+", line)]
                lead = line.lstrip()[0]  # " Thành thị …" after a row: the empty STT cell, a new row
                new_cell = line[0].isspace() and (lead.isupper() or lead.isdigit() or lead in "-+")
                self.items.append(_Frag(words, boundary or new_cell, after_header,
                                        len(line) - len(line.rstrip()) >= 3))
                boundary = after_header = False

    def _footnotes(self, lines: list[tuple[int, str]], i: int) -> int:
        """Lines after a separator, "5Trong trường hợp …", until the next page resumes."""
        cur: Footnote | None = None
        while i < len(lines):
            pos, line = lines[i]
            if line.strip() and (line[0].isspace() or _header_start(line)):
                break
            if line.strip():
                m = re.match(r"(\d{1,2}) ?(?=\S)", line)
                if m:  # start/end as ingest.text.footnotes: the note text without its marker
                    cur = Footnote(m.group(1), "", pos + m.end(), 0)
                    self.footnotes.append(cur)
                elif cur is None:
                    break
                cur.end = pos + len(line.rstrip())
                cur.text = " ".join(self.text[cur.start:cur.end].split())
            i += 1
        return i

    # ---- fragments → rows -----------------------------------------------------------------
    def segment(self) -> None:
        items = self.items
        first = next((it for it in items if it is not _EMPTY), None)
        self.roman = bool(first and first.words[0][0] in _ROMAN)  # roman groups, numbered rows
        i = 0
        while i < len(items):
            it, cur = items[i], self.cur
            if it is _EMPTY:
                if cur is not None and cur.status == "collecting":
                    cur.status = "parent"
                i += 1
            elif self._group_line(it):
                i = self._open_group(i)
            elif self._stt(it):
                self._new_row(it, it.words[0][0])
                i += 1
            elif cur is not None and cur.status == "collecting" and not (
                    it.boundary and it.words[0][0][0].isupper() and self._block_parses(i)):
                self._add(cur, it)
                i += 1
            elif all(re.fullmatch(r"[\d.,\-–]+", w[0]) for w in it.words):
                log.debug("page junk %r skipped: no row is waiting for a figure", join_words(it.words))
                i += 1
            elif it.words[0][0][0].islower() or it.words[0][0][0] == "(":
                self._continuation(it)
                i += 1
            elif cur is not None and cur.status == "complete" and not it.boundary and (
                    (AGENCY.match(join_words(it.words)) and cur.parse[4] == len(cur.words))
                    or not self._block_parses(i)):
                self._add(cur, it)  # the agency printed right after this row's figures
                i += 1
            else:
                if cur is not None and cur.status == "collecting":
                    cur.status = "parent"  # a full row begins: the one collected had no figures
                i = self._capital_block(i)
        for row in self.rows:
            self._finish(row)

    def _group_line(self, it: _Frag) -> bool:
        w = it.words
        if not _numbered(w):
            return False
        if self.roman:
            return _ROMAN.index(w[0][0]) == self.gid if w[0][0] in _ROMAN else False
        return w[0][0] == str(self.gid + 1) and _locate(w[1:], len(self.years)) is None

    def _open_group(self, i: int) -> int:
        words = list(self.items[i].words)
        i += 1
        while i < len(self.items) and self.items[i] is not _EMPTY and not self.items[i].boundary \
                and self.items[i].words[0][0][0].islower():  # "IV Bảo hiểm …, bảo hiểm y " / "tế"
            words += self.items[i].words
            i += 1
        self.cur, self.gid, self.last_stt, self.group = None, self.gid + 1, 0, join_words(words)
        return i

    def _stt(self, it: _Frag) -> bool:
        """A printed STT: the group's next number, alone on its line or before the indicator."""
        w, collecting = it.words, self.cur is not None and self.cur.status == "collecting"
        if not self.roman or not w[0][0].isdigit() or not 0 < int(w[0][0]) - self.last_stt <= 2:
            return False
        if len(w) == 1:
            return not collecting  # else it is a figure of the row being read
        return _numbered(w) and not (collecting and AGENCY.match(join_words(w[1:])))

    def _new_row(self, it: _Frag, number: str | None = None) -> None:
        self.cur = row = RawRow(self.group, self.gid, len(self.rows), number)
        self.rows.append(row)
        self.events.append(["row", row])
        if number:
            self.last_stt = int(number)
        self._add(row, it, skip=1 if number else 0)

    def _add(self, row: RawRow, it: _Frag, skip: int = 0) -> None:
        if it.words[skip:]:
            row.chunks.append(it.words[skip:])
        row.parse = _locate(row.words, len(self.years))
        if row.parse:
            row.status = "complete"
        elif it.trailing_empty and row.status == "collecting":
            row.status = "parent"
        elif row.status == "complete":
            row.status = "collecting"  # "(14 loại vắc " opened a note; "xin)" will close it

    def _block(self, i: int) -> list[_Frag]:
        """Fragment i and those after it up to the next cell mark or numbered line (at most ~200
        words: the longest real row has ~60, and a table without any mark must not go cubic)."""
        out, size = [self.items[i]], len(self.items[i].words)
        for it in self.items[i + 1:]:
            if it is _EMPTY or it.boundary or _numbered(it.words) or size > 200:
                break
            out.append(it)
            size += len(it.words)
        return out

    def _block_parses(self, i: int) -> bool:
        """Does the cell starting at fragment i hold a whole row? Not "Sở Y tế" / "998 13 4": an
        agency name followed by unit-less numbers is an agency cell and a page number."""
        words = [w for f in self._block(i) for w in f.words]
        found = _locate(words, len(self.years))
        return found is not None and (found[2] is not None or not AGENCY.match(join_words(words)))

    def _capital_block(self, i: int) -> int:
        """A capitalised cell after a finished row: the next indicator, or a merged agency cell?"""
        block = self._block(i)
        after = i + len(block)
        nxt = self.items[after] if after < len(self.items) else None
        words = [w for f in block for w in f.words]
        if self._block_parses(i) or nxt is _EMPTY or block[-1].trailing_empty:
            self._new_row(self.items[i])
            return i + 1
        agency = bool(AGENCY.match(join_words(words)))
        if not agency and nxt is not None and nxt.boundary and opens_value([w[0] for w in nxt.words]):
            self._new_row(self.items[i])  # its unit and figures come in the next cells
            return i + 1
        if agency or (self.cur is not None and (self._open_agency() or len(words) <= 10)):
            self.events.append(["agency", words, self.gid])
            return after
        self._new_row(self.items[i])
        return i + 1

    def _open_agency(self) -> bool:
        kind, obj = self.events[-1][:2] if self.events else ("", None)
        if kind == "row":
            obj = obj.words[obj.parse[4]:] if obj.parse else []
        return join_words(obj or []).endswith(OPEN)

    def _continuation(self, it: _Frag) -> None:
        """A fragment starting in lowercase or "(" continues something already open."""
        cur, last = self.cur, self.events[-1] if self.events else None
        if cur is not None and cur.status == "complete" and not it.after_header and last == ["row", cur]:
            self._add(cur, it)  # "hoàn toàn", "(14 loại vắc xin)", "địa phương"
        elif last and last[0] == "agency" and (not it.after_header or join_words(last[1]).endswith(OPEN)):
            last[1].extend(it.words)  # "Sở Nông" / "nghiệp và phát" / "triển nông thôn"
        elif cur is not None:
            if not it.after_header:
                log.warning("unplaced fragment %r joined to %r", join_words(it.words), join_words(cur.words[:6]))
            cur.tail += it.words  # "… lập hồ sơ theo" / page header / "dõi sức khỏe"

    def _finish(self, row: RawRow) -> None:
        """Settle the parse; fragments that spoil it go back to the indicator, with a warning."""
        if row.status != "parent":
            while row.chunks and not row.parse:
                row.tail[:0] = row.chunks.pop()
                row.parse = _locate(row.words, len(self.years))
            if row.parse is None:
                log.warning("row without readable figures kept as text: %r", join_words(row.tail[:8]))
                row.chunks, row.tail = [row.tail], []
        row.status = "complete" if row.parse else "parent"


def parse_appendix(text: str, doc_id: str) -> tuple[list[TableRow], list[Footnote]]:
    """Every indicator row of every *Phụ lục* table in ``text``, and the tables' footnotes. The tables are
    numbered from 0 here (``TableRow.table``); the pipeline puts them after the document's other tables."""
    starts = [m.start() for m in _APPENDIX.finditer(text)] + [len(text)]
    rows: list[TableRow] = []
    notes: list[Footnote] = []
    for lo, hi in zip(starts, starts[1:], strict=False):
        table = _Table(text, lo, hi, doc_id)
        if table.years:
            table.segment()
            notes += table.footnotes
            rows += _build(table, len({r.table for r in rows}))
    link_parents(rows)
    return rows, notes


def _build(table: _Table, ordinal: int) -> list[TableRow]:
    n, known = len(table.years), {f.marker for f in table.footnotes}
    raws = [r for r in table.rows if r.words or r.tail]
    ind, units, spans, marks, cells = {}, {}, {}, {}, {}
    for r in raws:
        words = r.words
        u, _, unit, where, rest = r.parse or (len(words), 0, None, [], len(words))
        head = words[:u] + r.tail
        ind[r.seq], marks[r.seq] = detach_markers(join_words(head))
        if not set(marks[r.seq]) <= known:  # a glued digit that no footnote explains stays
            ind[r.seq], marks[r.seq] = join_words(head), []
        units[r.seq], spans[r.seq] = unit, (head[0][1], head[-1][2])
        cells[r.seq] = [words[a:b] for a, b in where]
        r.own_agency, r.note = _split_rest(table, words[rest:])
    assign_parents(raws, table.roman, ind, units)
    assign_agencies(table.events, raws)
    out, index = [], {}
    for r in raws:
        raw = [join_words(c) for c in cells[r.seq]] or [""] * n
        values = [parse_value(x, y, units[r.seq], raw[:k] + raw[k + 1:])
                  for k, (x, y) in enumerate(zip(raw, table.years, strict=True))]
        for val in values:
            val.footnotes = list(dict.fromkeys(val.footnotes + marks[r.seq]))
        # the quote runs to the last figure as printed: an indicator resumed after a page break
        # ("… lập hồ sơ theo" / footnotes / page header / "dõi sức khỏe") is not dragged into it
        end = max(c[-1][2] for c in cells[r.seq]) if cells[r.seq] else spans[r.seq][1]
        index[r.gid] = index.get(r.gid, 0) + 1
        p = r.parent
        out.append(TableRow(
            doc_id=table.doc_id, table=ordinal, caption="Phụ lục", group=[r.group] if r.group else [],
            number=r.number, label=ind[r.seq], cells=[], kind="target", index=index[r.gid],
            unit=units[r.seq], values=values, agency=r.agency, note=r.note, parent=ind[p.seq] if p else None,
            sub_label=re.sub(r"^[-+]\s+", "", ind[r.seq]) if p else None, start=spans[r.seq][0], end=end,
            parent_span=spans[p.seq] if p else None))
    return out


def _split_rest(table: _Table, words: list[Word]) -> tuple[str | None, str | None]:
    """Agency and Ghi chú cells after the figures: two cells on one line are ≥2 spaces apart."""
    cut = len(words)
    for k in range(1, len(words) if table.has_note else 0):
        gap = table.text[words[k - 1][2]:words[k][1]]
        if "\n" not in gap and len(gap) >= 2:
            cut = k
            break
    return join_words(words[:cut]) or None, join_words(words[cut:]) or None
