"""Question sets: JSONL, CSV or XLSX files of known questions and answers.

    from eval.sets import load_set
    items, problems = load_set("eval/sets/dev.jsonl")
    for p in problems:               # malformed lines: reported, skipped, the rest still loads
        print(p)                     # "dev.jsonl:7: 'q' is empty"

One question per line (JSONL) or per row (CSV, XLSX, first row = column names):

    id        "d01" (made from the line number when missing)
    q         the question, as a person would type it
    lang      "vi" or "en" (default "vi")
    province  the province the answer must come from, or empty/null
    kind      any one-word label the report groups by (target, agency, prose, compare, metadata,
              count, …); two have a meaning of their own: ``unanswerable`` (the right answer is
              "not found") and ``retrieval`` (only the retriever is measured)
    expect    groups of accepted spellings; every group must appear in the answer.
              JSON ``[["6.300", "6300"], ["221.009"]]`` or, in a spreadsheet cell,
              ``6.300|6300;221.009`` (groups split by ``;``, alternatives by ``|``)
    cite      text a right citation must contain: JSON list or ``a|b``
    doc       optional: the file the answer is in ("3a2db039af8c2d05.md"); ``python -m eval run SET
              --docs FOLDER --docs-from-set`` indexes only the files a set names
    gold      optional right sources for rank metrics: JSON
              ``[{"document": "422/KH-UBND", "locator": "Phụ lục › IX › 1"}]`` or
              ``422/KH-UBND @ Phụ lục › IX › 1; Kon Tum @ Phụ lục › 9``

A line with no ``expect`` but a ``gold`` (or kind ``retrieval``) only measures
the retriever: the question is searched, not answered.

Worked example of a spreadsheet cell: ``parse_groups("3,5|3.5;Sở Nội vụ")`` gives
``[["3,5", "3.5"], ["Sở Nội vụ"]]``.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

KINDS = ("target", "agency", "prose", "compare", "metadata", "count", "unanswerable", "retrieval")  # the usual ones
_KIND = re.compile(r"[a-z][a-z0-9_-]{0,30}")  # any label; a sentence or a typo with spaces is refused
COLUMNS = ("id", "q", "lang", "province", "kind", "expect", "cite", "gold", "doc")


@dataclass
class Item:
    """One known question."""

    id: str
    q: str
    kind: str = "target"
    lang: str = "vi"
    province: str | None = None
    expect: list[list[str]] = field(default_factory=list)
    cite: list[str] = field(default_factory=list)
    gold: list[dict] = field(default_factory=list)
    doc: str | None = None  # the file holding the answer, when the set says
    line: int = 0  # where it came from, for messages

    @property
    def retrieval_only(self) -> bool:
        """Scored on the retriever's ranking alone (no answer is asked for)."""
        return self.kind == "retrieval" or (self.kind != "unanswerable" and not self.expect and bool(self.gold))

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class Problem:
    """A line that could not be read; ``line`` 0 means the whole file."""

    source: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.message}" if self.line else f"{self.source}: {self.message}"

    def to_json(self) -> dict:
        return asdict(self)


class BadLine(ValueError):
    """Raised inside the loader for one record; becomes a Problem."""


# ---- cells -------------------------------------------------------------------
def _cell(value) -> str:
    """A spreadsheet value as text: 52.0 → "52", 3.5 → "3.5", None → ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_groups(value) -> list[list[str]]:
    """``expect`` from JSON (list of groups) or spreadsheet text ``a|b;c``.

    >>> parse_groups('[["3,5", "3.5"]]'), parse_groups("3,5|3.5;Sở Nội vụ"), parse_groups(52)
    ([['3,5', '3.5']], [['3,5', '3.5'], ['Sở Nội vụ']], [['52']])
    """
    if value is None or value == "":
        return []
    value = _maybe_json(value, "expect")
    if isinstance(value, list):
        if not all(isinstance(g, list) for g in value):
            raise BadLine("'expect' must be a list of groups, e.g. [[\"3,5\", \"3.5\"]]")
        groups = [[_cell(a) for a in g if _cell(a)] for g in value]
    elif isinstance(value, (str, int, float)):
        groups = [[a.strip() for a in g.split("|") if a.strip()] for g in _cell(value).split(";")]
    else:
        raise BadLine(f"'expect' has an unusable value: {value!r}")
    if any(not g for g in groups):
        raise BadLine("'expect' has an empty group")
    return groups


def _maybe_json(value, name: str):
    """A cell that holds a JSON list ("[[\"3,5\"]]") is decoded; anything else is returned as is."""
    if isinstance(value, str) and value.strip().startswith("["):
        try:
            return json.loads(value)
        except json.JSONDecodeError as err:
            raise BadLine(f"'{name}' is not valid JSON: {err.msg}") from None
    return value


def parse_list(value, name: str) -> list[str]:
    """``cite`` from JSON or ``a|b``: ``parse_list("thất nghiệp|việc làm", "cite")`` → two strings."""
    if value is None or value == "":
        return []
    value = _maybe_json(value, name)
    if isinstance(value, list):
        return [_cell(v) for v in value if _cell(v)]
    if isinstance(value, (str, int, float)):
        return [p.strip() for p in _cell(value).split("|") if p.strip()]
    raise BadLine(f"'{name}' has an unusable value: {value!r}")


def parse_gold(value) -> list[dict]:
    """``gold`` from JSON or ``document @ locator; …``.

    >>> parse_gold("422/KH-UBND @ Phụ lục › IX › 1; Kon Tum")
    [{'document': '422/KH-UBND', 'locator': 'Phụ lục › IX › 1'}, {'document': 'Kon Tum', 'locator': None}]
    """
    if value is None or value == "":
        return []
    if isinstance(value, str) and value.strip()[:1] in "[{":
        try:
            value = json.loads(value)
        except json.JSONDecodeError as err:
            raise BadLine(f"'gold' is not valid JSON: {err.msg}") from None
    if isinstance(value, dict):
        value = [value]
    if isinstance(value, list):
        out = []
        for g in value:
            if not isinstance(g, dict) or not (g.get("document") or g.get("locator")):
                raise BadLine("each 'gold' entry needs a 'document' or a 'locator'")
            out.append({"document": _cell(g.get("document")) or None, "locator": _cell(g.get("locator")) or None})
        return out
    if isinstance(value, str):
        out = []
        for part in value.split(";"):
            if not part.strip():
                continue
            doc, _, loc = part.partition("@")
            out.append({"document": doc.strip() or None, "locator": loc.strip() or None})
        return out
    raise BadLine(f"'gold' has an unusable value: {value!r}")


def make_item(record: dict, line: int) -> Item:
    """Check one record (a JSON object or a spreadsheet row) and build its Item."""
    if not isinstance(record, dict):
        raise BadLine("a line must be a JSON object with at least 'q'")
    q = _cell(record.get("q") or record.get("question"))
    if not q:
        raise BadLine("'q' (the question) is empty")
    kind = _cell(record.get("kind")).lower() or "target"
    if not _KIND.fullmatch(kind):
        raise BadLine(f"'kind' is {kind!r}: give one word (letters, digits, - or _), e.g. {', '.join(KINDS)}")
    lang = _cell(record.get("lang")).lower() or "vi"
    item = Item(id=_cell(record.get("id")) or f"L{line}", q=q, kind=kind, lang=lang,
                province=_cell(record.get("province")) or None,
                expect=parse_groups(record.get("expect")), cite=parse_list(record.get("cite"), "cite"),
                gold=parse_gold(record.get("gold")), doc=_cell(record.get("doc")) or None, line=line)
    if kind == "unanswerable" and item.expect:
        raise BadLine("an 'unanswerable' question cannot 'expect' an answer")
    if kind not in ("unanswerable", "retrieval") and not item.expect and not item.gold:
        raise BadLine("give 'expect' (the answer) or 'gold' (the right source)")
    if kind == "retrieval" and not item.gold:
        raise BadLine("a 'retrieval' question needs 'gold' (the right source)")
    return item


# ---- files -------------------------------------------------------------------
def _jsonl_records(text: str):
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#") or line.startswith("//"):
            continue  # blank lines and comments let people annotate a set
        try:
            yield n, json.loads(line)
        except json.JSONDecodeError as err:
            yield n, BadLine(f"not valid JSON ({err.msg} at column {err.colno})")


def _csv_records(text: str):
    head = text.split("\n", 1)[0]
    # Spreadsheets in a Vietnamese locale export with ";" — pick what the header uses.
    delimiter = max((",", ";", "\t"), key=head.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = None
    for row in reader:
        if header is None:
            header = [h.strip().lower() for h in row]
            if "q" not in header and "question" not in header:
                yield reader.line_num, BadLine(f"no 'q' column in the header ({', '.join(header)})")
                return
            continue
        if not any(c.strip() for c in row):
            continue
        if len(row) > len(header):
            yield reader.line_num, BadLine(f"{len(row)} cells but {len(header)} columns (a stray '{delimiter}'?)")
            continue
        yield reader.line_num, dict(zip(header, row, strict=False))


def _xlsx_records(path: Path):
    try:
        import openpyxl
    except ImportError:  # optional: only spreadsheets need it
        yield 0, BadLine("reading .xlsx needs openpyxl: .venv/bin/pip install openpyxl")
        return
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        rows = wb.worksheets[0].iter_rows(values_only=True)
        header = None
        for n, row in enumerate(rows, 1):
            if header is None:
                header = [_cell(h).lower() for h in row]
                if "q" not in header and "question" not in header:
                    yield n, BadLine(f"no 'q' column in the header row ({', '.join(h for h in header if h)})")
                    return
                continue
            if not any(_cell(c) for c in row):
                continue
            yield n, {h: v for h, v in zip(header, row, strict=False) if h}
    finally:
        wb.close()


def load_set(path) -> tuple[list[Item], list[Problem]]:
    """Read a set; return the good items and one Problem per bad line (never raises for content).

    Duplicate ids are problems too (the first one is kept), because comparing
    two runs pairs questions by id.
    """
    path = Path(path)
    name = path.name
    suffix = path.suffix.lower()
    try:
        if suffix in (".jsonl", ".json", ".ndjson"):
            records = list(_jsonl_records(path.read_text(encoding="utf-8-sig")))
        elif suffix in (".csv", ".tsv"):
            records = list(_csv_records(path.read_text(encoding="utf-8-sig")))
        elif suffix in (".xlsx", ".xlsm"):
            records = list(_xlsx_records(path))
        else:
            return [], [Problem(name, 0, f"unknown set format {suffix!r}: use .jsonl, .csv or .xlsx")]
    except (OSError, UnicodeDecodeError, ValueError) as err:  # zip/xml errors of a broken .xlsx are ValueErrors
        return [], [Problem(name, 0, f"cannot read the file: {err}")]
    except Exception as err:  # openpyxl raises its own types for a file that is not a workbook
        return [], [Problem(name, 0, f"cannot read the file: {type(err).__name__}: {err}")]
    items: list[Item] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for line, rec in records:
        if isinstance(rec, BadLine):
            problems.append(Problem(name, line, str(rec)))
            continue
        try:
            item = make_item(rec, line)
        except BadLine as err:
            problems.append(Problem(name, line, str(err)))
            continue
        if item.id in seen:
            problems.append(Problem(name, line, f"id {item.id!r} is used twice; ids must be unique"))
            continue
        seen.add(item.id)
        items.append(item)
    if not items and not problems:
        problems.append(Problem(name, 0, "the set has no questions"))
    return items, problems
