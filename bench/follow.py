"""How long a serving process takes to answer over another process's commit (a Chroma server home).

    python -m bench.follow --home DIR --chroma-url URL --doc FILE --question Q [--rounds 3]

A loaded Assistant (vectors in memory, warm) answers ``Q``; then, per round, another process runs
`python -m assistant ingest FILE` (committed with its vectors) and the Assistant asks ``Q`` again:
that answer includes following the commit (the manifest read again, the index brought up to it,
the new vectors read). Then another process runs `python -m assistant remove` and ``Q`` is asked
again. Printed: the plain warm answer, the answer right after each commit, and whether the answer
cited the new document (it must after the ingest, and must not after the removal).
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path


def run(*args: str) -> str:
    out = subprocess.run([sys.executable, "-m", "assistant", *args, "--quiet"], capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"{' '.join(args[:2])} failed: {out.stderr[-2000:]}")
    return out.stdout


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--home", required=True)
    ap.add_argument("--chroma-url", required=True)
    ap.add_argument("--doc", required=True)
    ap.add_argument("--question", required=True)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    from assistant.config import Settings
    from assistant.core import Assistant

    bot = Assistant(Settings.resolve(home=args.home, chroma_url=args.chroma_url), progress=False)
    bot.warm_up()
    bot.ask(args.question)
    name = Path(args.doc).name
    plain, added, removed = [], [], []
    for _ in range(args.rounds):
        bot.forget_queries()
        plain.append(bot.ask(args.question).ms)
        run("ingest", args.doc, "--home", args.home, "--chroma-url", args.chroma_url)
        bot.forget_queries()
        t0 = time.perf_counter()
        ans = bot.ask(args.question)
        added.append((time.perf_counter() - t0) * 1000)
        doc_id = next(d["doc_id"] for d in bot.info()["documents"] if Path(d["path"]).name == name)
        cited_after_add = any(c.doc_id == doc_id for c in ans.citations)
        run("remove", doc_id, "--home", args.home, "--chroma-url", args.chroma_url)
        bot.forget_queries()
        t0 = time.perf_counter()
        ans = bot.ask(args.question)
        removed.append((time.perf_counter() - t0) * 1000)
        cited_after_remove = any(c.doc_id == doc_id for c in ans.citations)
        print(json.dumps({"cited_after_ingest": cited_after_add, "cited_after_remove": cited_after_remove}))
    print(f"warm answer: median {statistics.median(plain):.0f} ms; first answer after another process's ingest: "
          f"median {statistics.median(added):.0f} ms (max {max(added):.0f}); after its removal: median "
          f"{statistics.median(removed):.0f} ms (max {max(removed):.0f}); {args.rounds} rounds")


if __name__ == "__main__":
    main()
