"""Parse documents without indexing them: what the ingest sees, per file.

    python -m ingest corpus/ [--json] [--rows] [--chunks]

Prints a summary (documents, chunks, rows, warnings, errors, time and
characters per second); ``--json`` prints everything as one JSON object.
To parse *and* index, use ``python -m assistant ingest PATH…``.
"""
from __future__ import annotations

import argparse
import json
import sys

from .pipeline import IngestReport, ingest_paths, iter_files


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m ingest", description="Đọc văn bản thành đoạn và dòng chỉ tiêu")
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--json", action="store_true", help="one JSON object: documents, chunks, rows, errors")
    ap.add_argument("--rows", action="store_true", help="list every table's rows (an appendix's targets with their years)")
    ap.add_argument("--chunks", action="store_true", help="list chunks with locators and spans")
    args = ap.parse_args(argv)
    from tqdm import tqdm

    total = len(list(iter_files(args.paths, IngestReport())))
    with tqdm(total=total, desc="Đọc văn bản / parsing", unit="tệp", file=sys.stderr,
              disable=args.json or total < 2) as bar:
        report = ingest_paths(args.paths, progress=lambda _f: bar.update(1))
    if args.json:
        out = {"summary": report.summary(), "errors": report.errors, "documents": [
            {"doc_id": d.doc_id, "path": d.path, "name": d.name, "meta": d.to_dict()["meta"], "warnings": d.warnings,
             "chunks": [{"locator": c.locator, "kind": c.kind, "start": c.start, "end": c.end} for c in d.chunks],
             "rows": [r for r in d.to_dict()["rows"]]} for d in report.documents]}
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        for d in report.documents:
            print(f"{d.name}  [{d.path}]  chunks={len(d.chunks)} rows={len(d.rows)}")
            for w in d.warnings:
                print(f"  cảnh báo / warning: {w}")
            if args.chunks:
                for c in d.chunks:
                    print(f"  {c.kind:9} {c.locator:32} [{c.start}:{c.end}]")
            if args.rows:
                for r in d.rows:
                    if r.by_year:
                        vals = "; ".join(f"{v.year}: {v.raw}" for v in r.values)
                        print(f"  {r.locator:40} {r.label[:60]:60} {r.unit or ''} | {vals} | {r.agency or ''}")
                    else:
                        cells = "; ".join(f"{c.header}: {c.text[:40]}" for c in r.cells)
                        print(f"  {r.kind:9} {r.locator[:40]:40} {r.label[:60]:60} | {cells}")
        for e in report.errors:
            print(f"LỖI / FAILED {e['path']}: {e['message']}")
        s = report.summary()
        print(f"Tổng / total: {s['documents']} văn bản, {s['chunks']} đoạn, {s['rows']} dòng bảng (table rows), "
              f"{s['warnings']} cảnh báo, {s['errors']} lỗi — {s['seconds']} s, {s['chars_per_second']} ký tự/s")
    return 1 if report.errors and not report.documents else 0


if __name__ == "__main__":
    sys.exit(main())
