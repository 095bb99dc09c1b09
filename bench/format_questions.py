"""The same questions asked of the same documents in every format an office sends them: text, Word, PDF, scan.

Each crawled document a question set is about (its ``doc`` field) is written as the Word file an office
would send (``bench/render_office.py``: letterhead and signature as layout tables, data tables ruled),
LibreOffice's PDF of it, and, for the smallest ones, an image-only scan of that PDF (``bench/ocr_scans.py``:
200 dpi, blur, noise, 0.6° skew, so the ingest must OCR it). One lexical home per format holds that
format's files (answerable at once, as right after an upload); every question on those documents is asked
in each home and judged as the reference scorer judges it (``eval/score_reference.py``: the expected
figures in the answer, a citation from the expected province holding the expected quote).

    python -m bench.format_questions ../shared/real/qa2-tune.jsonl --docs ../shared/real/docs \\
        --work /tmp/formats [--scan-docs 3 --scan-pages 12] [--formats text,docx,pdf,scan] [--scan-alone]

The scan home holds the scanned documents and the other documents as text, so that it differs from the
text home only in the scans: a home of the few scans alone weighs words by other document frequencies
(a question's "UBND" that no scanned letter prints is an unknown word there, and costs a right passage
its coverage). ``--scan-alone`` builds it of the scans only, as before.

Prints per format: questions right of those asked (by language), documents with no number / no
province / no signer; then the questions right in text but wrong in a format, for reading.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections import defaultdict
from pathlib import Path

FORMATS = ("text", "docx", "pdf", "scan")


def _render(md: Path, work: Path, scan: bool) -> dict[str, Path]:
    """``md`` as text, Word, PDF and (``scan``) an image-only scan, each in ``work/<format>/``."""
    from bench.ocr_scans import make_scan
    from bench.render_office import convert, to_docx

    made: dict[str, Path] = {}
    for fmt in FORMATS:
        (work / fmt).mkdir(parents=True, exist_ok=True)
    made["text"] = work / "text" / md.name
    shutil.copyfile(md, made["text"])
    docx = work / "docx" / (md.stem + ".docx")
    if not docx.exists():
        to_docx(md, docx)
    made["docx"] = docx
    pdf = work / "pdf" / (md.stem + ".pdf")
    if not pdf.exists():
        shutil.copyfile(convert(docx, "pdf"), pdf)
        docx.with_suffix(".pdf").unlink(missing_ok=True)
    made["pdf"] = pdf
    if scan:
        out = work / "scan" / (md.stem + ".pdf")
        if not out.exists():
            pages = list(range(_pages(pdf)))
            shutil.copyfile(make_scan(docx, work / "scan-work", pages).pdf, out)
        made["scan"] = out
    return made


def _pages(pdf: Path) -> int:
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def _home(files: list[Path], home: Path):
    """A lexical home holding ``files``: built once, reused when it already holds them."""
    from assistant.config import Settings
    from assistant.core import Assistant

    bot = Assistant(Settings.resolve(str(home)), build=False, progress=False)
    held = {Path(d["path"]).name for d in bot.info()["documents"]}
    todo = [str(f) for f in files if f.name not in held]
    if todo:
        report = bot.ingest(todo, embed=False)
        for bad in report.get("failed") or []:
            print(f"  not read: {bad}", file=sys.stderr)
    return bot


def main(argv: list[str] | None = None) -> int:
    from eval.score_reference import judge

    ap = argparse.ArgumentParser(prog="python -m bench.format_questions", description=__doc__.split("\n")[0])
    ap.add_argument("qa", type=Path, help="a question set whose items name their document (``doc``)")
    ap.add_argument("--docs", type=Path, required=True, help="folder of the crawled documents")
    ap.add_argument("--work", type=Path, required=True, help="folder for the renderings and the homes")
    ap.add_argument("--formats", default="text,docx,pdf,scan")
    ap.add_argument("--scan-docs", type=int, default=3, help="how many documents to scan (the smallest)")
    ap.add_argument("--scan-pages", type=int, default=12, help="the most pages a scanned document may have")
    ap.add_argument("--min-questions", type=int, default=3, help="a scanned document has at least this many")
    ap.add_argument("--scan-alone", action="store_true", help="the scan home holds the scans only")
    ap.add_argument("--json", type=Path, help="write every judged answer here")
    args = ap.parse_args(argv)
    formats = [f for f in args.formats.split(",") if f]
    items = [json.loads(line) for line in args.qa.read_text(encoding="utf-8").splitlines() if line.strip()]
    items = [i for i in items if i.get("doc") and (args.docs / i["doc"]).exists()]
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for it in items:
        by_doc[it["doc"]].append(it)
    renders: dict[str, dict[str, Path]] = {}
    for name in sorted(by_doc):
        renders[name] = _render(args.docs / name, args.work, scan=False)
    scanned: list[str] = []
    if "scan" in formats:  # the smallest documents with enough questions: OCR costs seconds a page
        sized = sorted((_pages(r["pdf"]), name) for name, r in renders.items()
                       if len(by_doc[name]) >= args.min_questions)
        for pages, name in sized:
            if len(scanned) >= args.scan_docs or pages > args.scan_pages:
                break
            print(f"scanning {name} ({pages} pages)", file=sys.stderr)
            renders[name] = _render(args.docs / name, args.work, scan=True)
            scanned.append(name)
    results: dict[str, dict[str, bool]] = defaultdict(dict)
    notes: dict[str, list[str]] = {}
    log = []
    for fmt in formats:
        names = scanned if fmt == "scan" else sorted(by_doc)
        files = [renders[n][fmt] for n in names]
        home = args.work / f"home-{fmt}"
        if fmt == "scan" and args.scan_alone:
            home = args.work / "home-scan-alone"
        elif fmt == "scan":  # the other documents as text: the home differs from the text home in the scans only
            files += [renders[n]["text"] for n in sorted(by_doc) if n not in scanned]
        bot = _home(files, home)
        missing = defaultdict(int)
        own = {renders[n][fmt].name for n in names}  # the fields of this format's files (not the text beside scans)
        for d in bot.info()["documents"]:
            if Path(d["path"]).name not in own:
                continue
            meta = bot.document(d["doc_id"]).meta
            for field in ("number", "province", "signer"):
                missing[field] += not getattr(meta, field)
        notes[fmt] = [f"{n} without {f}" for f, n in missing.items() if n]
        for name in names:
            for it in by_doc[name]:
                out = bot.ask(it["q"]).to_json()
                ok = judge(it, out)[0]
                results[it["id"]][fmt] = ok
                log.append({"id": it["id"], "format": fmt, "ok": ok, "answer": out["answer"]})
    print(f"{args.qa.name}: {len(by_doc)} documents, {len(items)} questions; scanned: {', '.join(scanned) or '-'}")
    for fmt in formats:
        asked = [i for i in items if fmt in results[i["id"]]]
        right = [i for i in asked if results[i["id"]][fmt]]
        langs = ", ".join(f"{lang} {sum(1 for i in right if i['lang'] == lang)}/"
                          f"{sum(1 for i in asked if i['lang'] == lang)}" for lang in ("vi", "en"))
        same = [i for i in asked if results[i["id"]].get("text")]
        print(f"  {fmt:5} {len(right):4}/{len(asked):<4} ({langs}); of those right as text: "
              f"{sum(1 for i in same if results[i['id']][fmt])}/{len(same)}; {'; '.join(notes[fmt]) or 'every field read'}")
    for fmt in formats[1:]:
        lost = [i["id"] for i in items if results[i["id"]].get("text") and results[i["id"]].get(fmt) is False]
        if lost:
            print(f"  right as text, wrong as {fmt}: {' '.join(lost)}")
    if args.json:
        args.json.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in log) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
