"""Same answers before and after a change: run a question set through a checkout, compare two runs.

    python -m bench.same_answers run --checkout /work/main --home H --set eval/sets/dev.jsonl --out before.jsonl
    python -m bench.same_answers run --checkout . --home H --set eval/sets/dev.jsonl --out after.jsonl
    python -m bench.same_answers compare before.jsonl after.jsonl

``run`` asks every question of a set (JSONL, a ``q`` field each) through that checkout's own code —
``python -m assistant ask --jsonl --home H --quiet``, questions on stdin, one JSON answer a line — so the
"before" run is the old code and the "after" run the new, on the same home. A set whose rows carry a
``history`` (earlier questions of a chat) is asked through ``Assistant.ask(q, history=…)`` of that checkout
instead, since the command line's ``--jsonl`` reads one plain question a line. Asking does not write into
the home (it re-parses only when the ingest version differs), except that a version which packs BM25
(``index/packed.py``) writes ``index/packed/`` at the first open of a home without a current pack: a
cache derived from the segments, which changes no answer.

``compare`` prints, per question, what differs — the answer text, ``found``, or a citation (document,
locator, start, end, text) — and the count identical; it exits 1 when anything differs.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

CITATION_FIELDS = ("document", "locator", "start", "end", "text")

# Asked in the checkout's own interpreter: one JSON line in ({"q", "history"}), one answer line out.
_WITH_HISTORY = """
import json, sys
from assistant.config import Settings
from assistant.core import Assistant
bot = Assistant(Settings.resolve(sys.argv[1]), build=False, progress=False)
for line in sys.stdin:
    row = json.loads(line)
    print(json.dumps(bot.ask(row["q"], history=row.get("history")).to_json(), ensure_ascii=False), flush=True)
"""


def read_set(path: str) -> list[dict]:
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    for i, row in enumerate(rows, 1):
        if not isinstance(row.get("q"), str):
            raise SystemExit(f"{path}:{i}: no \"q\" field (each line of a set is a JSON object with the question in \"q\")")
    return rows


def run(checkout: str, home: str, set_path: str, out: str) -> int:
    rows = read_set(set_path)
    python = str(Path(checkout) / ".venv" / "bin" / "python")
    if any(row.get("history") for row in rows):
        cmd = [python, "-c", _WITH_HISTORY, home]
        feed = "".join(json.dumps({"q": r["q"], "history": r.get("history") or []}, ensure_ascii=False) + "\n"
                       for r in rows)
    else:
        cmd = [python, "-m", "assistant", "ask", "--jsonl", "--home", home, "--quiet"]
        feed = "".join(" ".join(r["q"].split()) + "\n" for r in rows)  # one question a line
    done = subprocess.run(cmd, cwd=checkout, input=feed, capture_output=True, text=True)
    answers = [line for line in done.stdout.splitlines() if line.strip()]
    if done.returncode or len(answers) != len(rows):
        sys.stderr.write(done.stderr[-2000:])
        raise SystemExit(f"{checkout}: {len(answers)} answers for {len(rows)} questions (exit {done.returncode})")
    Path(out).write_text("\n".join(answers) + "\n", encoding="utf-8")
    print(f"{len(answers)} answers → {out}")
    return 0


def differences(before: dict, after: dict) -> list[str]:
    """What differs between two answers to one question, one line each (empty: identical)."""
    out = []
    for key in ("answer", "found"):
        if before.get(key) != after.get(key):
            out.append(f"  {key}: {before.get(key)!r}\n   → {after.get(key)!r}")
    a, b = before.get("citations", []), after.get("citations", [])
    if len(a) != len(b):
        out.append(f"  citations: {len(a)} → {len(b)}")
    for i, (ca, cb) in enumerate(zip(a, b, strict=False), 1):
        for f in CITATION_FIELDS:
            if ca.get(f) != cb.get(f):
                out.append(f"  citation {i} {f}: {ca.get(f)!r}\n   → {cb.get(f)!r}")
    return out


def compare(before_path: str, after_path: str) -> int:
    before = [json.loads(x) for x in Path(before_path).read_text(encoding="utf-8").splitlines() if x.strip()]
    after = [json.loads(x) for x in Path(after_path).read_text(encoding="utf-8").splitlines() if x.strip()]
    if len(before) != len(after):
        print(f"{before_path}: {len(before)} answers, {after_path}: {len(after)} — not the same run")
        return 1
    same = 0
    for i, (b, a) in enumerate(zip(before, after, strict=True), 1):
        if b.get("question") != a.get("question"):
            print(f"#{i}: different questions: {b.get('question')!r} / {a.get('question')!r}")
            continue
        diff = differences(b, a)
        if diff:
            print(f"#{i} {b.get('question')}")
            print("\n".join(diff))
        else:
            same += 1
    print(f"identical: {same} / {len(before)}  ({Path(after_path).name})")
    return 0 if same == len(before) else 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run", help="ask a set through one checkout's code, answers to a JSONL file")
    r.add_argument("--checkout", default=".", help="the checkout whose code answers (its .venv is used)")
    r.add_argument("--home", required=True)
    r.add_argument("--set", required=True, dest="set_path")
    r.add_argument("--out", required=True)
    c = sub.add_parser("compare", help="compare two runs' JSONL question by question")
    c.add_argument("before")
    c.add_argument("after")
    args = ap.parse_args(argv)
    if args.cmd == "run":
        return run(str(Path(args.checkout).resolve()), args.home, args.set_path, args.out)
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
