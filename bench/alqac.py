"""Legal retrieval on the public ALQAC 2023 set, asked through the assistant as a user would.

    python -m bench.alqac --data DIR --home HOME [--lexical] [--limit N]

``--data`` is a checkout of DucLong06/ALQAC2023 (a folder, or the bare git directory the search
tool's ``fetch`` brings: files are then read with ``git show``). Its 2,249 articles of 17 laws are
written as 17 plain text files, each the way a law is printed — its title line ("LUẬT PHÒNG,
CHỐNG MA TÚY"), then "Điều 1. Phạm vi điều chỉnh" and the article's text — and ingested into HOME
(``--lexical``: answered before any vector is made, as right after an upload). The 210 questions
of ``train`` and ``private_test`` that name their articles are asked through ``Assistant.ask``.

Printed: hit@1 and hit@5 over the answer's citations, two ways — *by file* (the cited document is
the gold law's file and the locator starts with the gold article) and *by name* (the citation's
document name is the law's own name, as a user reads it: "Luật Phòng, chống ma túy"), with the
questions answered "not found"; and the retriever's own hit@1/@5 (its ranking before answering).
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import unicodedata
from pathlib import Path

SPLITS = ("data/raw/train.json", "data/raw/private_test.json")
ARTICLES = "data/training/all_articles_2023.json"


def read(data: Path, name: str) -> object:
    if (data / name).exists():
        return json.loads((data / name).read_text(encoding="utf-8"))
    shown = subprocess.run(["git", f"--git-dir={data}", "show", f"HEAD:{name}"], capture_output=True, check=True)
    return json.loads(shown.stdout)


def write_laws(articles: dict[str, str], folder: Path) -> dict[str, Path]:
    """One .txt file per law, articles in their numeric order; returns law name → file."""
    laws: dict[str, list[tuple[str, str]]] = {}
    for key, text in articles.items():
        law, number = key.rsplit("@", 1)
        laws.setdefault(law, []).append((number, text))
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for i, (law, items) in enumerate(sorted(laws.items())):
        items.sort(key=lambda it: (int(re.match(r"\d+", it[0]).group()), it[0]))
        body = [unicodedata.normalize("NFC", law).upper(), ""]
        for number, text in items:
            title, _, rest = text.strip().partition("\n")
            body += [f"Điều {number}. {title.strip()}", "", rest.strip(), ""]
        path = folder / f"law{i:02d}.txt"  # the name carries nothing: the law is named by its text
        path.write_text("\n".join(body), encoding="utf-8")
        files[law] = path
    return files


def _squash(text: str) -> str:
    return re.sub(r"\W+", " ", unicodedata.normalize("NFC", text or "").lower()).strip()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", type=Path, required=True)
    p.add_argument("--home", type=Path, required=True)
    p.add_argument("--lexical", action="store_true", help="no vectors: the answerable-at-once state")
    p.add_argument("--limit", type=int)
    args = p.parse_args(argv)
    from assistant.config import Settings
    from assistant.core import Assistant
    from eval.runner import retrieve

    questions = [q for split in SPLITS for q in read(args.data, split) if q.get("relevant_articles")]
    questions = questions[:args.limit] if args.limit else questions
    files = write_laws(read(args.data, ARTICLES), args.home.parent / f"{args.home.name}-laws")
    bot = Assistant(Settings.resolve(str(args.home)), build=False, progress=False)
    if not bot.info()["totals"]["documents"]:
        bot.ingest([str(f) for f in files.values()], embed=not args.lexical)
    doc_of = {Path(d["path"]).name: d["doc_id"] for d in bot.info()["documents"]}
    law_of = {doc_of[f.name]: law for law, f in files.items() if f.name in doc_of}
    hits = {"file@1": 0, "file@5": 0, "name@1": 0, "name@5": 0, "not found": 0, "retriever@1": 0, "retriever@5": 0}
    for q in questions:
        ans = bot.ask(q["text"])
        gold = {(g["law_id"], g["article_id"]) for g in q["relevant_articles"]}
        found = [(law_of.get(r["doc_id"]), _article(r["locator"])) in gold
                 for r in retrieve(bot, q["text"], k=5)]
        hits["retriever@1"] += bool(found[:1] and found[0])
        hits["retriever@5"] += any(found)
        by_file = [(law_of.get(c.doc_id), _article(c.locator)) in gold for c in ans.citations[:5]]
        by_name = [any(_squash(law) == _squash(c.document) and art == _article(c.locator) for law, art in gold)
                   for c in ans.citations[:5]]
        hits["not found"] += not ans.found
        for name, flags in (("file", by_file), ("name", by_name)):
            hits[f"{name}@1"] += bool(flags[:1] and flags[0])
            hits[f"{name}@5"] += any(flags)
    n = len(questions)
    print(f"ALQAC 2023: {n} questions over {len(files)} laws ({'lexical only' if args.lexical else 'with vectors'})")
    for key, value in hits.items():
        print(f"  {key:10} {value:4d}  {value / max(1, n):.3f}")
    return 0


def _article(locator: str) -> str | None:
    m = re.match(r"Điều (\d+\w?)", locator or "")
    return m.group(1) if m else None


if __name__ == "__main__":
    raise SystemExit(main())
