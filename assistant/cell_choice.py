"""Which cell of a table row answers each part a question asks: the asked type → the cell.

A row answers several questions, one per column: "trong bao nhiêu ngày làm việc?" wants the
"Thời hạn giải quyết" cell, not the "Địa điểm thực hiện" one; "bộ nào?" the agency cell; "trước
ngày nào?" the deadline; "how many courses …?" the figures of the "Kết quả thực hiện" cell. Each
part asked (``parts_asked``) scores every cell of the row by named features, and its best cell
answers it; a part no cell fits is said to be missing.

    parts_asked(analyse("Tỉnh Cao Bằng giải quyết thủ tục … trong bao nhiêu ngày làm việc?"))
      → [Part("time", ("ngày",))]
    row cells  Thời hạn giải quyết: "Trong thời hạn 08 ngày làm việc, …" | Địa điểm thực hiện: "Trung tâm …"
      → Choice(Part("time"), [the "Thời hạn giải quyết" cell])

The features (each a function below, with its example):
    meaning_fit   the header's meaning (``lexicon.HEADER_MEANINGS``) is the part's, or another's
    shape_fit     the value looks like the part's (a duration, a date, a figure, an agency name)
    words_fit     the question's own words in the header (IDF-weighted coverage): "cấp xã" → "Mức chi › Cấp xã"
    quoted        the question quotes the header's own name whole: "nhiệm vụ soạn thảo … được bao nhiêu?" →
                  "Nhiệm vụ soạn thảo" (a task's column), over "Tổng mức chi", whose meaning fits but is not asked
    period_fit    the year asked against a header's years: 2035 → "Công suất › 2031 - 2050"
    unit_fit      the asked unit printed in the header: "bao nhiêu mẫu" → "Tổng số (mẫu)"
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ground.normalize import fold
from ground.symbols import expand_abbreviations
from ingest.model import RowCell, TableRow

from .evidence import Coverage, Term, flat_terms, token_set
from .question import lexicon
from .question.question import Question

MEANING_WEIGHT = 1.0  # the header says what the column holds: the strongest sign
SHAPE_WEIGHT = 0.6  # a value of the asked shape, under a header that says nothing against it, fits alone
WORDS_WEIGHT = 0.5  # among the columns of one meaning (a matrix), the one the question names
PERIOD_WEIGHT = 0.5  # a header's years against the year asked
UNIT_WEIGHT = 0.3  # the asked unit printed over the column
QUOTED_WEIGHT = 1.0  # the question quotes the column's name whole: as strong a sign as its meaning
SHARE_WEIGHT = 0.5  # a share asked, and the column or its value is one: like the column named by its words
QUOTED_MIN = 2  # syllables a column's name has at least to be quoted by name ("Tổng" alone is no name)
FITS = 0.5  # a cell scoring below this does not answer its part
TIE = 0.1  # cells within this of the best answer the part together ("cấp Thành phố và cấp xã")
MIN_SPREAD = 0.05  # headers whose coverages of the question differ less than this are named alike
FIELD_WORDS = 6  # a row label this short may name a field ("Thời hạn giải quyết"), not a task or a procedure
SHORT = 160  # characters: a value found this early in a cell is what the cell states
# a part whose value a column of another meaning may still hold: a report's result states figures and dates
COMPATIBLE = {"amount": {"result"}, "result": {"amount", "time"}, "time": {"result"}}
KINDS = ("time", "amount", "lead", "partner", "result", "code", "place", "basis")


@dataclass(frozen=True)
class Part:
    """One thing a question asks of a row: its kind and, for a quantity or a duration, its units."""
    kind: str  # one of KINDS
    units: tuple[str, ...] = ()
    said: tuple[str, ...] = ()  # the question's words that ask it (folded): "phoi hop", "co quan nao"
    many: int = 1  # how many values of it are asked: "bao nhiêu ở cấp Thành phố và bao nhiêu ở cấp xã" → 2
    share: bool = False  # a share is one of them: "và đạt tỷ lệ bao nhiêu?", "what percentage"


@dataclass
class Choice:
    """A part and the cells that answer it (none: the row does not state it; ``in_label``: its name does)."""
    part: Part
    cells: list[RowCell] = field(default_factory=list)
    in_label: bool = False


def parts_asked(q: Question) -> list[Part]:
    """The parts a question asks, in the order it asks them.

    "Cơ quan nào chủ trì … và thời gian hoàn thành?" → [Part("lead"), Part("time")];
    "Mức phí … là bao nhiêu?" → [Part("amount")]; "what deadline was set …?" → [Part("time")]."""
    folded = fold(re.sub(r"\bAI\b", " ", q.effective))  # "AI" is a topic, not "ai?" (who)
    folded = lexicon.ASK_TABLE_NAME.sub(" ", folded)  # "theo phụ lục kết quả": the table, not a result asked
    where: dict[str, int] = {}
    said: dict[str, tuple[str, ...]] = {}
    for kind, rx in lexicon.ASK_PARTS.items():
        found = list(rx.finditer(folded))
        if found:
            where[kind], said[kind] = found[0].start(), tuple(m.group(0) for m in found)
    units: dict[str, tuple[str, ...]] = {}
    # "bao nhiêu ngày", "bao lâu", "năm nào"; "how many working days" is a time too, however it was typed
    if q.asks.kind in ("duration", "period", "year") or q.asks.kind == "count" and set(q.asks.units) & set(lexicon.TIME_UNITS):
        where.setdefault("time", len(folded))
        units["time"] = ("lần",) if q.asks.kind == "period" else q.asks.units  # "bao lâu một lần": "02 lần/tháng"
    elif q.asks.kind == "count" and not lexicon.ASK_TIME_COUNT.search(folded):
        # "bao nhiêu", "how many": a quantity, in the unit named ("bao nhiêu thời gian" is a time)
        where.setdefault("amount", len(folded))
        units["amount"] = q.asks.units
    if "partner" in where and "lead" in where and not lexicon.ASK_LEAD_TOO.search(folded):
        del where["lead"]  # "phối hợp với Sở nào": only the partners are asked
    many = {"amount": max(1, asked_quantities(q.effective))}
    share = bool(lexicon.ASK_SHARE.search(folded))
    return [Part(k, units.get(k, ()), said.get(k, ()), many.get(k, 1), share and k == "amount")
            for k in sorted(where, key=lambda k: (where[k], KINDS.index(k)))]


def asked_quantities(question: str) -> int:
    """How many quantities a question asks: "how many courses …, and how many enrolments …" → 2; "what is the
    amount under the central rules, how much extra does the city add, and what is the maximum cost of the wreath?"
    → 3 (an English "what" asking by a quantity's noun, ``lexicon.ASK_QUANTITY_NOUN``)."""
    return len(lexicon.ASK_QUANTITY.findall(question)) + len(lexicon.ASK_QUANTITY_NOUN.findall(question))


def named_by_row(part: Part, row: TableRow) -> bool:
    """Whether every word that asks the part is the row's own name, which the question quotes:
    "phối hợp" in "kết quả dự kiến của nhiệm vụ Phối hợp rà soát …" names the task, it asks no partner."""
    if not part.said:
        return False
    own = fold(" ".join([row.label, *row.group]))
    return all(re.search(rf"\b{re.escape(w)}\b", own) for w in part.said)


def named_by_column(part: Part, row: TableRow) -> bool:
    """Whether every word that asks an agency is a column's name the question quotes, that column naming no agency:
    "mức theo quy định của cấp có thẩm quyền" names "Chế độ cấp có thẩm quyền quy định" (its cell "10 lần mức
    lương cơ sở"), it asks no agency; "trách nhiệm thực hiện" over "Lãnh đạo Phòng" still asks one. (A column
    named for any other part is how its value is asked: "kết quả dự kiến là gì?")"""
    if not part.said or part.kind not in ("lead", "partner"):
        return False
    return any(all(re.search(rf"\b{re.escape(w)}\b", fold(c.header)) for w in part.said)
               and _shape_at(part, c.text) is None for c in row.cells if c.header and c.text.strip())


def meaning_of(text: str) -> set[str]:
    """The meanings a header (or a cell's own "Label:" prefix) names: "Thời hạn giải quyết" → {"time"};
    "Phí, lệ phí (đồng)" → {"amount"}; "Địa điểm thực hiện" → {"place"}; "Cơ quan phối hợp" → {"partner"}
    (an agency, but not the one that leads)."""
    found = {k for k, rx in lexicon.HEADER_MEANINGS.items() if rx.search(text)}
    if "partner" in found and not re.search(r"(?i)chủ trì", text):
        found.discard("lead")
    return found


def meaning_fit(part: Part, cell: RowCell, label_means: frozenset[str] = frozenset()) -> float:
    """1 where the column's header, or the label the cell opens with ("Thời hạn giải quyết: 15 ngày."),
    means the part; -1 where it means something else only ("Địa điểm thực hiện" for a time); else 0.
    ``label_means``: what a short row label means, read where the header means nothing — a table
    written sideways names its fields in its rows ("Thời hạn giải quyết" | "07 ngày làm việc …")."""
    meanings = meaning_of(cell.header) or set(label_means)
    meanings |= meaning_of(_inline_label(cell.text))
    if meanings & {"lead", "partner"} and not lexicon.VALUE_AGENCY.search(cell.text):
        # a column named by an authority ("Chế độ cấp có thẩm quyền quy định") whose cell names no agency
        # ("2.500.000 đồng/người và 01 vòng hoa") holds no agency: its value says what it is
        meanings -= {"lead", "partner"}
    if part.kind in meanings:
        return 1.0
    return -1.0 if meanings - COMPATIBLE.get(part.kind, set()) else 0.0


def _inline_label(text: str) -> str:
    """ "Thời hạn giải quyết: 15 ngày." → "Thời hạn giải quyết" (a key–value table's key, in the cell)."""
    m = re.match(r"\W*([^:\n]{3,60}):", text)
    return m.group(1) if m else ""


_DURATION = re.compile(r"(?i)\d+(?:[.,/]\d+)?\s*(?:\(\w+\)\s*)?(ngày|tháng|năm|giờ|tuần|phút)(?![^\W\d_])")
_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/(?:19|20)?\d\d\b|(?i:\bngày \d{1,2} tháng \d{1,2})")
_NOT_AMOUNT = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d+/(?:\d{4}/)?[A-ZĐ][\w\-]*|\bsố\s+\d+\S*|\b\d\.\d{6}\b"
                         r"|\b(19|20)\d\d\b|(?i:\b(điều|khoản|mẫu số|phụ lục)\s+\d+)")
_CODE = re.compile(r"\b\d\.\d{6}(\.[A-Z]\d+)?\b|\b[A-Z]{1,4}[.-]?\d{2,}\b")
_ACT = re.compile(r"\b\d+/\d{4}/[A-ZĐ][\w\-]*|(?i:\b(luật|nghị định|thông tư|quyết định|nghị quyết)\b)")


def shape_fit(part: Part, text: str) -> float:
    """How the value looks like the part's: 1 for "Trong thời hạn 08 ngày làm việc" (a time), "31/10/2025"
    (a time), "2.000.000" (an amount), "Bộ Tài chính, Bộ Công Thương" (an agency), "Đang thực hiện" (a
    result), "1.004253" (a code); less where it is found only deep in a long cell; 0 where absent."""
    found = _shape_at(part, text)
    if found is None:
        return 0.0
    return 1.0 if found < SHORT else 0.4


def _shape_at(part: Part, text: str) -> int | None:
    """Where in ``text`` a value of the part's shape starts (None: nowhere)."""
    if part.kind == "time":
        hits = [m.start() for rx in (_DURATION, _DATE, lexicon.VALUE_TIME) for m in [rx.search(text)] if m]
        if part.units:  # "bao nhiêu ngày": a duration in that unit, not a date
            unit = re.compile(r"(?i)\d+(?:[.,/]\d+)?\s*(?:" + "|".join(map(re.escape, part.units)) + r")(?![^\W\d_])")
            hits = [m.start() for m in [unit.search(text)] if m]
        return min(hits) if hits else None
    if part.kind == "amount":
        bare = _NOT_AMOUNT.sub(lambda m: " " * len(m.group(0)), text)
        if part.units:
            unit = re.compile(r"(?i)\d[\d.,]*\s*(?:triệu\s+|nghìn\s+|tỷ\s+)?(?:" + "|".join(map(re.escape, part.units))
                              + r")(?![^\W\d_])")
            m = unit.search(bare)
            if m:
                return m.start()
        m = re.search(r"\d", bare)
        return m.start() if m else None
    rx = {"lead": lexicon.VALUE_AGENCY, "partner": lexicon.VALUE_AGENCY, "result": lexicon.VALUE_STATUS, "code": _CODE,
          "place": lexicon.VALUE_PLACE, "basis": _ACT}[part.kind]
    m = rx.search(text)
    return m.start() if m else None


def words_fit(qtoks: list[Term], headers: list[str], coverage: Coverage) -> list[float]:
    """How much more of the question (IDF-weighted) each header holds than the row's other headers, 0..1:
    "quặng" names "Công suất › 2031 - 2050 › Quặng (10^3tấn/năm)" over "… › Tấn WO3/năm", "ở cấp xã"
    "Mức chi › Cấp xã" over "… › Cấp Thành phố"; the words every header shares count for none."""
    # (a header's abbreviations read spelled out: "Chưa tích hợp, cung cấp DVCTT" names "dịch vụ công trực tuyến")
    covs = [coverage(qtoks, f"{h} {expand_abbreviations(h)}") if h and not h.startswith("Cột ") else 0.0 for h in headers]
    lo, hi = min(covs, default=0.0), max(covs, default=0.0)
    if hi - lo < MIN_SPREAD:
        return [0.0] * len(covs)
    return [(c - lo) / (hi - lo) for c in covs]


def column_terms(qtoks: list[Term], row: TableRow) -> list[Term]:
    """The question's terms its row's own name (label and group) does not hold: those name the row, not a column.
    "… một nghị quyết của HĐND Thành phố …, nhiệm vụ soạn thảo được bao nhiêu?" of the row "Nghị quyết của Hội
    đồng nhân dân Thành phố": "hội đồng nhân dân", "thành phố" are its label's, and no longer make the column
    "Nhiệm vụ tổng hợp … (Văn phòng Ủy ban nhân dân Thành phố; Văn phòng Hội đồng nhân dân …)" the one named."""
    own = token_set(" ".join([row.label, *row.group]))
    return [t for t in qtoks if not (t in own if isinstance(t, str)
                                     else any(all(x in own for x in alt) for alt in t))]


def period_fit(years: list[int], header: str) -> float:
    """+1 where a header's year or period holds a year asked ("2035" → "2031 - 2050"), -1 where the
    header has years and none holds it ("2035" → "2021 - 2030"), 0 without years on either side."""
    if not years:
        return 0.0
    spans = [(int(a), int(b or a)) for a, b in
             re.findall(r"\b((?:19|20)\d\d)(?:\s*[-–]\s*((?:19|20)\d\d))?\b", header)]
    if not spans:
        return 0.0
    return 1.0 if any(lo <= y <= hi for y in years for lo, hi in spans) else -1.0


def unit_fit(part: Part, header: str) -> float:
    """1 where the header prints the asked unit: "bao nhiêu mẫu" → "Tổng số (mẫu)"."""
    if not part.units:
        return 0.0
    return 1.0 if re.search(r"(?i)(?<![^\W\d_])(" + "|".join(map(re.escape, part.units)) + r")(?![^\W\d_])",
                            header) else 0.0


def cell_score(part: Part, cell: RowCell, words: float, years: list[int],
               label_means: frozenset[str] = frozenset(), quoted: bool = False) -> float:
    """The features together, on one scale: a cell at ``FITS`` or above answers the part; ``words`` is
    its header's ``words_fit``, ``quoted`` its ``quoted_name``. A cell neither its header nor its value types fits
    no part by words alone."""
    meaning, shape = meaning_fit(part, cell, label_means), shape_fit(part, cell.text)
    if meaning <= 0 and shape <= 0:
        return 0.0
    return (MEANING_WEIGHT * meaning + SHAPE_WEIGHT * shape + WORDS_WEIGHT * words + QUOTED_WEIGHT * quoted
            + PERIOD_WEIGHT * period_fit(years, cell.header) + UNIT_WEIGHT * unit_fit(part, cell.header)
            + SHARE_WEIGHT * share_fit(part, cell))


def share_fit(part: Part, cell: RowCell) -> float:
    """1 where a share is asked and the cell states one ("13.0%") or its column is one ("Tỷ lệ thực hiện (%)"):
    the words "tỷ lệ" ask for it, but are too common to name a column by coverage."""
    return float(part.share and bool(lexicon.STATED_SHARE.search(cell.text) or _SHARE_HEAD.search(cell.header)))


_SHARE_HEAD = re.compile(r"(?i)tỷ lệ|tỉ lệ|%|phần trăm")


def quoted_name(asked: frozenset[str], header: str) -> bool:
    """Whether the question (its tokens ``asked``, syllables and the pairs beside each other) quotes the header's
    own name whole: its last level, without what brackets add, of ``QUOTED_MIN`` syllables or more.

    >>> quoted_name(token_set("nhiệm vụ soạn thảo nghị quyết được bao nhiêu"), "Mức chi › Nhiệm vụ soạn thảo (triệu)")
    True
    >>> quoted_name(token_set("nhiệm vụ soạn thảo nghị quyết được bao nhiêu"), "Nhiệm vụ thẩm định")
    False
    """
    name = re.sub(r"\([^)]*\)?", " ", header.split("›")[-1])
    own = token_set(name)
    return sum("_" not in t for t in own) >= QUOTED_MIN and own <= asked


def choose(parts: list[Part], row: TableRow, qtoks: list[Term], coverage: Coverage,
           years: list[int] = ()) -> list[Choice]:
    """Each part's cells: the best-scoring one (the best ``part.many``: "bao nhiêu ở cấp Thành phố và bao
    nhiêu ở cấp xã"), with those within ``TIE`` of it; none where no cell fits
    (``in_label`` where the row's own name states it: a procedure's code "(1.004253)"). A part asked
    only by words of the row's own name, or of a column's name whose cell holds none of it, is not asked of it
    (``named_by_row``, ``named_by_column``)."""
    filled = [c for c in row.cells if c.text.strip()]
    named = column_terms(qtoks, row)
    words = words_fit(named, [c.header for c in filled], coverage)
    asked = frozenset(flat_terms(named))
    quoted = [bool(c.header) and quoted_name(asked, c.header) for c in filled]
    label_means = frozenset(meaning_of(row.label)) if len(row.label.split()) <= FIELD_WORDS else frozenset()
    out = []  # (a row label naming the field asked, "Thời hạn giải quyết", is not a task quoted by name)
    for part in (p for p in parts if p.kind in label_means
                 or not named_by_row(p, row) and not named_by_column(p, row)):
        scored = [(cell_score(part, c, w, list(years), label_means, n), c)
                  for c, w, n in zip(filled, words, quoted, strict=True)]
        ranked = sorted((s for s, _ in scored), reverse=True)
        best = ranked[min(part.many, len(ranked)) - 1] if ranked else 0.0
        cells = [c for s, c in scored if s >= FITS and s >= best - TIE]
        in_label = not cells and part.kind in ("code", "time") and _shape_at(part, row.label) is not None
        out.append(Choice(part, cells, in_label))
    return out


def fitted_share(parts: list[Part], row: TableRow, qtoks: list[Term], coverage: Coverage, years: list[int]) -> float:
    """The share of the asked parts some cell of the row answers: a row that states the deadline asked
    beats its neighbour that only names the task."""
    if not parts or not row.headers_sure:
        return 0.0
    choices = choose(parts, row, qtoks, coverage, years)
    return sum(bool(c.cells or c.in_label) for c in choices) / len(choices) if choices else 0.0


def is_step(row: TableRow) -> bool:
    """A step of a procedure's workflow table ("B5", "Bước 2"), not the procedure itself."""
    return bool(re.match(r"(?i)^(b|bước)\s*\d+\b", (row.number or "").strip())
                or re.match(r"(?i)^bước\s*\d+", row.label.strip()))


MISSING_VI = {"time": "thời hạn, thời gian", "amount": "mức, số lượng", "lead": "cơ quan chủ trì",
              "partner": "cơ quan phối hợp", "result": "kết quả", "code": "mã số", "place": "địa điểm",
              "basis": "căn cứ pháp lý"}
MISSING_EN = {"time": "deadline or duration", "amount": "amount", "lead": "lead agency",
              "partner": "coordinating agencies", "result": "result", "code": "code", "place": "place",
              "basis": "legal basis"}


def missing_text(choices: list[Choice], lang: str) -> str:
    """The parts no cell states, said as such: "Dòng này không ghi thời hạn, thời gian."."""
    gone = [c.part.kind for c in choices if not c.cells and not c.in_label]
    if not gone:
        return ""
    names = MISSING_VI if lang == "vi" else MISSING_EN
    listed = "; ".join(names[k] for k in gone)
    return f" Dòng này không ghi {listed}." if lang == "vi" else f" This row states no {listed}."
