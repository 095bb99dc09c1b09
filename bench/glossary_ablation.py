"""How much English answering leans on the hand-grown glossary: English questions asked with part of it dropped.

    python -m bench.glossary_ablation --set ../shared/real/qa2-tune.jsonl --home HOME [--drop 0.5] [--seed 1 --seed 2]

A development set's English questions are written in words the glossary was grown on; a question about a document
nobody read is not. Dropping a random share of the glossary's entries (the same entries for a seed, whatever the
set) makes the studied questions look like unseen ones, so what the vectors and the word alignment
(``assistant/alignment.py``) recover of the loss can be measured on questions whose answers are known. Printed: the
English questions right with the whole glossary and, per seed, with the share dropped, with the questions lost
and won (reference scorer's rule). The glossary is restored afterwards.

Measured (fifteenth sitting, every vector, qa2-tune + qa3 + qa4: 192 English questions; half the entries dropped):
whole glossary 116; seed 1: 99 without the word alignment, 103 with it; seed 2: 102 / 105.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
from contextlib import contextmanager

from assistant.config import Settings
from assistant.core import Assistant
from assistant.question import english, glossary
from eval.score_reference import judge
from ground.normalize import fold


def dropped(seed: int, share: float) -> list[str]:
    """The glossary terms a seed drops: each term by its own hash, so a seed drops the same terms in any set."""
    cut = int(share * 1000)
    return [t for t in sorted(glossary.GLOSSARY) if int(hashlib.sha1(f"{seed}:{t}".encode()).hexdigest(), 16) % 1000 < cut]


def _compile(terms) -> None:
    """The two patterns built from the glossary at import (``glossary._PATTERN``, ``english._GLOSSED``), again."""
    ordered = sorted(terms, key=len, reverse=True)
    glossary._PATTERN = re.compile(r"\b(" + "|".join(re.escape(k) for k in ordered) + r")\b", re.IGNORECASE)
    english._GLOSSED = re.compile(r"\b(?:" + "|".join(re.escape(fold(t)) for t in ordered) + r")\b")


@contextmanager
def without(terms: list[str]):
    """The glossary without ``terms`` for the duration (the questions are read afresh: ``Assistant.read``)."""
    kept = {t: glossary.GLOSSARY.pop(t) for t in terms}
    _compile(glossary.GLOSSARY)
    try:
        yield
    finally:
        glossary.GLOSSARY.update(kept)
        _compile(glossary.GLOSSARY)


def right(bot: Assistant, items: list[dict]) -> dict[str, bool]:
    out = {}
    for item in items:
        ans = bot.ask(" ".join(item["q"].split())).to_json()
        ans.setdefault("answer", ans.get("text", ""))
        out[item["id"]] = judge(item, ans)[0]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", action="append", required=True, help="a question set (repeat, one --home each)")
    ap.add_argument("--home", action="append", required=True, help="the home holding that set's documents")
    ap.add_argument("--drop", type=float, default=0.5, help="the share of glossary entries dropped (0-1)")
    ap.add_argument("--seed", type=int, action="append", help="which entries (repeat for several draws)")
    args = ap.parse_args()
    if len(args.set) != len(args.home):
        ap.error("one --home per --set")
    runs = []
    for path, home in zip(args.set, args.home, strict=True):
        items = [it for it in map(json.loads, open(path, encoding="utf-8")) if it.get("lang") == "en"]
        runs.append((path, items, Assistant(Settings.resolve(home=home), build=False, progress=False,
                                            vectors_later=True)))
    whole = {path: right(bot, items) for path, items, bot in runs}
    total = sum(len(items) for _, items, _ in runs)
    print(f"whole glossary ({len(glossary.GLOSSARY)} entries): {sum(sum(v.values()) for v in whole.values())}/{total}")
    for seed in args.seed or [1]:
        terms = dropped(seed, args.drop)
        with without(terms):
            got = {path: right(bot, items) for path, items, bot in runs}
        lost = [i for p in got for i, ok in got[p].items() if whole[p][i] and not ok]
        won = [i for p in got for i, ok in got[p].items() if ok and not whole[p][i]]
        print(f"seed {seed}, {len(terms)} entries dropped: {sum(sum(v.values()) for v in got.values())}/{total}; "
              f"lost {' '.join(lost) or '-'}; won {' '.join(won) or '-'}")
    for _, _, bot in runs:
        bot.close()


if __name__ == "__main__":
    main()
