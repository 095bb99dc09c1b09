"""Is the answering source among the candidates the router weighs, and where do the unit vectors rank it?

    python -m bench.candidate_recall --set ../shared/real/qa2-tune.jsonl --home HOME [--show]

Every answerable question of SET naming its ``doc`` is asked through the product (``Assistant.ask``). When the
router reaches its choice (``answering._choose``) its candidates are read: the best ``TOP`` target rows,
clauses and table rows. A candidate is *right* when it is a source of the question's document holding one of
its ``cite`` phrases (``bench.found_fit.right``, the reference scorer's literal match). Printed per language:

* ``in candidates`` — a right source among them (what the choice can at best answer from);
* of the questions answered wrong (``eval.score_reference.judge``): a right source in the candidates, or
  anywhere among the scored rows, clauses and table rows (an ordering miss, not a recall one);
* ``doc searched``  — the question's document among the first ``DOCS`` documents the search names (where a
  lookup of the question's nearest units in the searched documents would reach);
* for the questions whose candidates miss: the rank, among its document's chunks ordered by their best unit's
  similarity to the question (``UnitSimilarity.best``), of the first chunk holding a ``cite`` phrase —
  the recall the unit vectors would add with a cut at 1, 3, 5, 10 chunks. None where the document has no unit
  vectors (an index answering at once) or no chunk of it holds a ``cite`` phrase whole.

Measured on qa2-tune, 54 documents with every vector (INGEST_VERSION 18, dda3a0e): of the 28 answerable questions
answered wrong (18 en, 10 vi), 17 had a right source among the candidates and 26 among all the scored sources;
of the 14 questions whose candidates missed it, 12 had it scored below the first 3 of its kind, the document was
among the search's first 3 for all 14, and its cite chunk was the document's first by units for 1, among the
first 5 for 2, the first 10 for 8. So the gap is the order of the sources scored, not their recall: adding the
chunks of each searched document's 5 nearest units to the candidates (tried in ``answering``) left the score at
120/154 with no question gained or lost, and was not kept.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from assistant import answering
from assistant.config import Settings
from assistant.core import Assistant
from bench.found_fit import right
from eval.score_reference import has, judge
from index.retriever import Filters

TOP = 3  # candidates of each kind the router weighs (``found_fit.TOP``)
DOCS = 3  # the first documents the search names: where a lookup of the question's nearest units would reach
CUTS = (1, 3, 5, 10)


def unit_rank(ctx, item: dict) -> int | None:
    """Rank of the first chunk holding a ``cite`` phrase among the question's document's chunks, ordered by
    their best unit's similarity (None: no unit vectors, or no chunk of it holds one)."""
    doc = next((d for d in ctx.docs if Path(d.path).name == item["doc"]), None)
    if doc is None:
        return None
    ids = ctx.search.allowed(Filters(doc_ids=[doc.doc_id])) or set()
    ranked = []
    for cid in ids:
        chunk, _ = ctx.search.chunks[cid]
        sim = ctx.unit_sim.best(doc, chunk.start, chunk.end)
        if sim is None:
            continue
        ranked.append((-sim, cid, any(has(doc.text[chunk.start:chunk.end], c) for c in item["cite"])))
    ranked.sort()
    return next((i for i, (_, _, ok) in enumerate(ranked) if ok), None)


def ranks(ctx, item: dict) -> str:
    """Where the first right source stands in each kind's list: by the list's order (its score), and by its best
    unit's similarity alone ("-": no right source of that kind; "?": no unit vectors)."""
    out = []
    for name, got in (("rows", ctx.targets), ("clauses", ctx.clauses), ("table", ctx.table)):
        at = next((i for i, s in enumerate(got) if right(item, s)), None)
        if at is None:
            continue
        sims = [s.unit_sim for s in got]
        by_units = "?" if sims[at] is None else sum(v is not None and v > sims[at] for v in sims)
        out.append(f"{name} {at}/{len(got)} (by units {by_units})")
    return "; ".join(out) or "-"


def searched(ctx, item: dict) -> bool:
    names = []
    for h in ctx.hits:
        if h.doc.doc_id not in names:
            names.append(h.doc.doc_id)
    return any(Path(ctx.search.docs[i].path).name == item["doc"] for i in names[:DOCS])


def measure(bot: Assistant, items: list[dict], show: bool = False) -> dict[str, Counter]:
    """The counts above, by language, for the answerable questions of ``items`` naming their ``doc``."""
    items = [i for i in items if i["kind"] != "unanswerable" and i.get("doc")]
    seen: list = []
    choose = answering._choose

    def record(ctx):
        seen.append(ctx)
        return choose(ctx)

    answering._choose = record
    stats: dict[str, Counter] = {}
    try:
        for item in items:
            seen.clear()
            ans = bot.ask(item["q"]).to_json()
            ans.setdefault("answer", ans.get("text", ""))
            ok = judge(item, ans)[0]
            st = stats.setdefault(item["lang"], Counter())
            st["asked"] += 1
            st["right"] += ok
            if not seen:
                st["no choice"] += 1  # answered before the choice (metadata, a legal place)
                continue
            ctx = seen[0]  # the first context: the question's own (a national document's turn is another)
            held = any(right(item, s) for s in ctx.targets[:TOP] + ctx.clauses[:TOP] + ctx.table[:TOP])
            scored = any(right(item, s) for s in ctx.targets + ctx.clauses + ctx.table)
            if not ok:
                st["wrong"] += 1
                st["wrong, in candidates"] += held
                st["wrong, anywhere scored"] += scored
            if held:
                st["in candidates"] += 1
                continue
            st["missed"] += 1
            st["missed, scored below"] += scored
            st["doc searched"] += searched(ctx, item)
            rank = unit_rank(ctx, item)
            st["no unit rank"] += rank is None
            for cut in CUTS:
                st[f"unit top {cut}"] += rank is not None and rank < cut
            if show:
                print(f"{item['id']} {item['lang']} {item['kind']:12} answered={'right' if ok else 'wrong'} "
                      f"searched={searched(ctx, item)} unit_rank={rank} scored: {ranks(ctx, item)}")
    finally:
        answering._choose = choose
    return stats


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", required=True)
    ap.add_argument("--home", required=True)
    ap.add_argument("--show", action="store_true", help="one line per question whose candidates miss")
    args = ap.parse_args()
    items = [json.loads(line) for line in open(args.set, encoding="utf-8") if line.strip()]
    bot = Assistant(Settings.resolve(args.home), build=False, progress=False, vectors_later=True)
    try:
        stats = measure(bot, items, args.show)
    finally:
        bot.close()
    for lang, st in sorted(stats.items()):
        print(f"{lang}: asked {st['asked']}, answered right {st['right']}, reached the choice "
              f"{st['asked'] - st['no choice']}; of the {st['wrong']} answered wrong there, a right source in the "
              f"candidates {st['wrong, in candidates']}, among all the scored sources {st['wrong, anywhere scored']}")
        print(f"{lang}: right source in the candidates {st['in candidates']}; missed {st['missed']} (scored, but "
              f"below the first {TOP} of its kind: {st['missed, scored below']}; document among the search's first "
              f"{DOCS}: {st['doc searched']}; no chunk ranked by units: {st['no unit rank']}); of the missed, a cite chunk "
              "among the document's first chunks by units: " + ", ".join(f"{c}: {st[f'unit top {c}']}" for c in CUTS))


if __name__ == "__main__":
    main()
