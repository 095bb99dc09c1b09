"""Rows and metadata of one document in every format it comes in, side by side.

A folder holds documents and their renderings side by side by file stem — the crawled text
(``.md`` / ``.txt``), the Word file (``.docx``), the PDF (``.pdf``), a saved page (``.html``) —
as ``bench/render_office.py`` writes them. Each file is parsed as the ingest does
(``ingest.pipeline.load_document``); the script prints per document and format the table rows
read and the metadata fields (number, date, province, issuer, signer, title), then per format
the rows read and the fields right. So the next layout that loses rows or a letterhead shows up
as a number, not as a wrong answer.

    python -m bench.formats tests/data/office [--expect tests/data/office/expected.json] [--json]

"Right" is what ``--expect`` says, checked by hand against the document ({stem: {field: value}};
the title is right when the expected words open it); without it, the text rendering's value. For the 28
qa2-tune documents rendered by ``bench.format_questions`` (its work folder's text/, docx/ and pdf/ files in
one folder), ``bench/formats_qa2_tune_expected.json`` holds the nine where the crawled text and the Word or
PDF file disagree, each field checked by hand against the files (the others take the text's values).

Rows are also counted against the document's own numbering: every row a crawled page (``.md``) opens
with a numbering cell of its own ("1", "2.3", "IV", "A", "B2", "Bước 3") is a row to find, and a format
finds it when a row it read carries that numbering (in its number cell, its first cells, or as the group
heading of the rows under it). So "rows found" says which printed rows a format lost, not merely how
many rows it made.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from ground.errors import IngestError
from ingest.pipeline import load_document

FORMATS = (("text", (".md", ".txt")), ("html", (".html", ".htm")), ("docx", (".docx",)), ("pdf", (".pdf",)))
FIELDS = ("number", "date", "province", "issuer", "signer", "title")


def _format(path: Path) -> str | None:
    return next((name for name, exts in FORMATS if path.suffix.lower() in exts), None)


def measure(folder: Path) -> dict[str, dict[str, dict]]:
    """{stem: {format: {"rows": n, field: value, …}}} for every parsable file of ``folder``."""
    out: dict[str, dict[str, dict]] = defaultdict(dict)
    for path in sorted(folder.iterdir()):
        fmt = _format(path)
        if fmt is None:
            continue
        try:
            doc = load_document(path)
        except IngestError as err:
            out[path.stem][fmt] = {"rows": 0, "error": str(err)}
            continue
        meta = doc.meta
        out[path.stem][fmt] = {"rows": len(doc.rows), "numbering": _numbering(doc),
                               **{f: getattr(meta, f) for f in FIELDS}}
        if fmt == "text" and path.suffix == ".md":
            out[path.stem]["printed"] = Counter(m.group(1) for m in _ROW_START.finditer(
                path.read_text(encoding="utf-8")))
    return dict(out)


_NUMBERING = r"[IVX]+|\d{1,3}(?:\.\d{1,2})?|[A-Z]|B\d{1,2}|Bước \d{1,2}"  # "IV", "2.3", "A", "B2", "Bước 3"
# A row of a crawled page's table residue opening with its own numbering cell: "|", "|", "12", "|".
_ROW_START = re.compile(rf"(?m)^\|\n\|\n\**({_NUMBERING})\.?\**\n\|")
_GROUP = re.compile(r"([IVX]+|\d{1,3}(?:\.\d{1,2})?|[A-Z])[.\s]")


def _numbering(doc) -> Counter:
    """The numberings of the rows ``doc`` read: a row's number cell, else a first cell that is one
    ("Bước 1" under "CÁC BƯỚC"), and each group heading once ("II. …" heads its rows)."""
    got: Counter = Counter()
    groups = set()
    for r in (r for r in doc.rows if not r.by_year):  # the tables' rows (an appendix's targets have no cells)
        first = (r.number or "").strip("*. ") or next(
            (c.text.strip("*. ") for c in r.cells[:2] if re.fullmatch(_NUMBERING, c.text.strip("*. "))), "")
        if first:
            got[first] += 1
        for g in r.group:
            m = _GROUP.match(g + " ")
            if m and (r.table, g) not in groups:
                groups.add((r.table, g))
                got[m.group(1)] += 1
    return got


def right(field: str, got, want) -> bool:
    if want is None:
        return got is None
    if got is None:
        return False
    if field == "title":  # a title is right when it opens with the expected words, case aside
        return " ".join(str(got).lower().split()).startswith(" ".join(str(want).lower().split()))
    return str(got) == str(want)


def report(found: dict[str, dict[str, dict]], expect: dict[str, dict] | None) -> tuple[str, dict]:
    """The side-by-side table as text, and the per-format totals."""
    formats = [name for name, _ in FORMATS if any(name in per for per in found.values())]
    lines = [f"{'document':18} {'format':6} {'rows':>5} {'found':>9}  " + "  ".join(f"{f:>8}" for f in FIELDS)]
    totals = {fmt: {"rows": 0, "right": 0, "fields": 0, "documents": 0, "found": 0, "printed": 0}
              for fmt in formats}
    for stem, per in sorted(found.items()):
        want = (expect or {}).get(stem) or per.get("text") or {}
        for fmt in formats:
            got = per.get(fmt)
            if got is None:
                continue
            marks = []
            for f in FIELDS:
                if f not in want:
                    marks.append(f"{'·':>8}")
                    continue
                ok = right(f, got.get(f), want.get(f))
                totals[fmt]["right"] += ok
                totals[fmt]["fields"] += 1
                marks.append(f"{('ok' if ok else 'WRONG'):>8}")
            totals[fmt]["rows"] += got["rows"]
            totals[fmt]["documents"] += 1
            printed = per.get("printed") or Counter()
            hit = sum((printed & got.get("numbering", Counter())).values())
            totals[fmt]["found"] += hit
            totals[fmt]["printed"] += sum(printed.values())
            found_col = f"{hit}/{sum(printed.values())}" if printed else "·"
            lines.append(f"{stem[:18]:18} {fmt:6} {got['rows']:>5} {found_col:>9}  " + "  ".join(marks))
            for f in FIELDS:
                if f in want and not right(f, got.get(f), want.get(f)):
                    lines.append(f"{'':26}{f}: {got.get(f)!r} (expected {want.get(f)!r})")
    lines.append("")
    lines.append(f"{'format':6} {'documents':>9} {'rows':>6} {'fields right':>14} {'numbered rows found':>22}")
    for fmt, t in totals.items():
        share = f" ({100 * t['found'] / t['printed']:.1f} %)" if t["printed"] else ""
        lines.append(f"{fmt:6} {t['documents']:>9} {t['rows']:>6} {t['right']:>8}/{t['fields']:<5} "
                     f"{t['found']:>8}/{t['printed']}{share}")
    return "\n".join(lines), totals


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.formats", description=__doc__.split("\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--expect", type=Path, help="JSON {stem: {field: value}} checked by hand")
    ap.add_argument("--json", action="store_true", help="print the measurements as JSON")
    args = ap.parse_args(argv)
    if not args.folder.is_dir():
        print(f"{args.folder}: not a folder; give the folder holding the documents and their renderings",
              file=sys.stderr)
        return 1
    expect = json.loads(args.expect.read_text(encoding="utf-8")) if args.expect else None
    found = measure(args.folder)
    text, totals = report(found, expect)
    print(json.dumps({"documents": found, "totals": totals}, ensure_ascii=False, indent=1) if args.json else text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
