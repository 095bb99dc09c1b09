"""Fit an evidence ranker (``assistant/row_ranker.py``, ``assistant/clause_ranker.py``) and say how it carries.

    python -m bench.row_fit --ranker rows|clauses --set ../shared/real/qa2-tune.jsonl --home HOME_VEC \\
        --home HOME_LEX [--extra ../shared/real/qa.jsonl=HOME_LEX] [--extra ../shared/eval/dev.jsonl=HOME_PLANS]

Every question is asked once per home through the product (``Assistant.ask``, the hand order in force);
each time the ranker's candidates (table rows, or clauses) are ranked, the best ``TOP`` of them are recorded
with their named features and a label: the candidate is the answering one (the question's document where it
names one; its own text holds one of its ``cite`` phrases and one of its ``expect`` values). A softmax ranker
(plain numpy, L2, standardised features) is fitted over each ranking holding a right and a wrong candidate:
one per index state, the ranker's ``WITH_VECTORS`` and ``AT_ONCE``.

How it carries is measured **by document** (``found_fit``'s folds: a fold's documents are never seen by the
weights that answer it): each fold's questions are answered with the weights fitted on the other folds, and
judged by the reference scorer's rule. Printed per run: the hand order, in-sample and cross-validated correct
answers (English apart), the questions gained and lost against the hand order, and how often the right row
ranks first among the recorded candidates (hand / cross-validated), then the weights fitted on everything.
"""
from __future__ import annotations

import argparse
import functools
import json
from pathlib import Path

import numpy as np

from assistant import clause_ranker, row_ranker
from assistant.config import Settings
from assistant.core import Assistant
from eval.score_reference import has

from .found_fit import FOLDS, fold_of
from .found_fit import ask_all as _ask_all

L2 = 3.0  # ridge on the standardised weights, in units of the summed log-likelihood (tried 1, 3, 10, 30 on the
#           recorded rankings of qa2-tune + qa.jsonl: clauses 3 and 10 alike, rows no value beats the hand order)
RANKERS = {"rows": row_ranker, "clauses": clause_ranker}
ranker = row_ranker  # the one being fitted (``--ranker``)
STATES = ("WITH_VECTORS", "AT_ONCE")


def right(item: dict, s) -> bool:
    """Is ``s`` the answering row: of the question's document (where it names one), its text holding one of
    the ``cite`` phrases and one of the ``expect`` values."""
    if item["kind"] == "unanswerable" or (item.get("doc") and Path(s.doc.path).name != item["doc"]):
        return False
    text = s.doc.text[s.chunk.start:s.chunk.end]
    return (any(has(text, c) for c in item.get("cite", []))
            and any(has(text, alt) for group in item.get("expect", []) for alt in group))


class Recorder:
    """Wraps the ranker's ``rerank``: every ranking leaves its candidates' features behind."""

    def __init__(self):
        self.groups: list[tuple[str, np.ndarray, np.ndarray]] = []  # (state, features, labels) per ranking
        self.item: dict | None = None
        self.labels: list[list[str]] = []
        self._rerank = ranker.rerank

    def __enter__(self):
        def rerank(scored, feats, *fixed):
            held = fixed[0] if fixed else set()  # candidates that keep their places are not the ranker's to order
            top = [s for s in scored[:ranker.TOP] if id(s) not in held]
            if top:
                x = np.array([ranker.vector(feats.get(id(s), {})) for s in top])
                y = np.array([right(self.item, s) for s in top], float)
                self.groups.append((ranker.state(scored), x, y))
                self.labels.append([s.chunk.chunk_id for s in top])
            return self._rerank(scored, feats, *fixed)
        ranker.rerank = rerank
        return self

    def __exit__(self, *exc):
        ranker.rerank = self._rerank


def fit(groups: list[tuple[np.ndarray, np.ndarray]], names: tuple[str, ...], l2: float = L2) -> np.ndarray:
    """Listwise softmax regression by Newton's method: each ranking's probability mass on its right candidates
    is maximised (the target spread evenly over them). Features standardised so the ridge weighs a centred
    cosine of ±0.05 like a coverage of 0–1; the ridge spares the hand order's feature (the ranker's ``HAND``:
    its own score or place), so with little evidence the fit falls back to the hand order and the other
    features only correct it; a feature constant over the data gets weight 0. Returns weights on the raw
    features."""
    useful = [(x, y) for x, y in groups if 0 < y.sum() < len(y)]
    if not useful:
        return np.zeros(len(names))
    allx = np.vstack([x for x, _ in useful])
    mu, sd = allx.mean(0), allx.std(0)
    live = sd > 1e-9
    sd[~live] = 1.0
    w = np.zeros(allx.shape[1])
    reg = np.full(len(w), l2)
    reg[[i for i, n in enumerate(names) if n == ranker.HAND]] = 0.0
    for _ in range(60):
        grad, hess = reg * w, np.diag(reg) + 1e-6 * np.eye(len(w))
        for x, y in useful:
            z = (x - mu) / sd
            z[:, ~live] = 0.0
            s = z @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            t = y / y.sum()
            grad += z.T @ (p - t)
            hess += z.T @ (np.diag(p) - np.outer(p, p)) @ z
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return np.where(live, w / sd, 0.0)


def first_right(groups, weights: np.ndarray | None) -> tuple[int, int]:
    """(rankings whose first row is right, rankings with a right row) under ``weights`` (None: hand order)."""
    hit = n = 0
    for x, y in groups:
        if not y.any():
            continue
        n += 1
        at = 0 if weights is None else int(np.argmax(x @ weights))  # argmax takes the first of ties: the hand's
        hit += bool(y[at])
    return hit, n


def ask_all(bot: Assistant, items: list[dict]) -> list[bool]:
    """Each question answered and judged right or not by the reference rule (``found_fit.ask_all``'s first half)."""
    return [ok for ok, _ in _ask_all(bot, items)]


def cross_validated(items: list[dict], bot: Assistant, folds: list[int], by_fold: list, use) -> list[bool]:
    """Each question answered with the weights fitted without its fold's documents (``use`` sets them)."""
    out = {}
    for k, weights in enumerate(by_fold):
        use(weights)
        held = [i for i, f in enumerate(folds) if f == k]
        out.update(zip(held, ask_all(bot, [items[i] for i in held]), strict=True))
    return [out[i] for i in range(len(items))]


def open_runs(pairs: list[tuple[str, str]]) -> list[tuple[str, list[dict], Assistant]]:
    """(name, questions, assistant) for each (question set, home); one assistant per home, opened once."""
    opened = functools.cache(lambda home: Assistant(Settings.resolve(home), build=False, progress=False,
                                                    vectors_later=True))
    read = lambda path: [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]  # noqa: E731
    return [(f"{Path(path).name} in {home}", read(path), opened(home)) for path, home in pairs]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ranker", choices=RANKERS, default="rows")
    ap.add_argument("--set", required=True)
    ap.add_argument("--home", action="append", required=True, help="a home to ask in (once per index state)")
    ap.add_argument("--extra", action="append", default=[], metavar="SET=HOME",
                    help="another labelled set, asked in one home only (one holding its documents)")
    ap.add_argument("--l2", type=float, default=L2, help="ridge on the standardised weights (not on ``hand``)")
    ap.add_argument("--pooled", action="store_true", help="one set of weights for both index states")
    ap.add_argument("--dump", help="write the recorded rankings here (numpy .npz-free pickle) for study")
    ap.add_argument("--only", choices=STATES, help="fit and apply one state's weights only (the other: hand order)")
    args = ap.parse_args()
    global ranker
    ranker = RANKERS[args.ranker]
    clause_ranker.ALWAYS_READ = row_ranker.ALWAYS_READ = True
    runs = open_runs([(args.set, h) for h in args.home] + [tuple(e.split("=", 1)) for e in args.extra])
    coded = {st: getattr(ranker, st) for st in STATES}
    for st in STATES:
        setattr(ranker, st, None)
    records: list[tuple[int, int, str, np.ndarray, np.ndarray]] = []  # (run, question, state, x, y)
    hand: list[list[bool]] = []
    names: list[list[str]] = []  # each recorded ranking's row labels, for --dump
    for r, (name, items, b) in enumerate(runs):
        got = []
        with Recorder() as rec:
            for i, item in enumerate(items):
                rec.groups, rec.item, rec.labels = [], item, []
                got += ask_all(b, [item])
                records += [(r, i, st, x, y) for st, x, y in rec.groups]
                names += rec.labels
        hand.append(got)
        print(f"{name}, the hand order: {sum(got)}/{len(items)}", flush=True)
    if args.dump:
        import pickle
        with open(args.dump, "wb") as fh:
            pickle.dump([(runs[r][1][i]["id"], r, st, x, y, lab)
                         for (r, i, st, x, y), lab in zip(records, names, strict=True)], fh)
    folds = [[fold_of(it) for it in items] for _, items, _ in runs]
    states = [args.only] if args.only else list(STATES)

    def fitted(which) -> dict[str, np.ndarray]:
        if args.pooled:  # one set of weights for both states, fitted on the rankings of both
            w = fit([(x, y) for r, i, s, x, y in records if s in states and which(r, i)], ranker.FEATURES, args.l2)
            return {st: w for st in states}
        return {st: fit([(x, y) for r, i, s, x, y in records if s == st and which(r, i)], ranker.FEATURES,
                        args.l2) for st in states}

    def use(weights: dict[str, np.ndarray]) -> None:
        for st in STATES:
            setattr(ranker, st, tuple(float(v) for v in weights[st]) if st in weights else None)

    everything = fitted(lambda r, i: True)
    by_fold = [fitted(lambda r, i, k=k: folds[r][i] != k) for k in range(FOLDS)]
    for st in states:
        groups = [(x, y) for _, _, s, x, y in records if s == st]
        cv_hits = [0, 0]
        for k in range(FOLDS):
            h, n = first_right([(x, y) for r, i, s, x, y in records if s == st and folds[r][i] == k], by_fold[k][st])
            cv_hits[0] += h
            cv_hits[1] += n
        print(f"{st}: {len(groups)} rankings, {sum(1 for _, y in groups if y.any())} with a right row; right row "
              f"first: hand {first_right(groups, None)[0]}, in-sample {first_right(groups, everything[st])[0]}, "
              f"by document {cv_hits[0]} (of {cv_hits[1]})")
        for name, v in zip(ranker.FEATURES, everything[st], strict=True):
            print(f"  {name:10s} {v:+.3f}")
        print(f"{st} = (" + ", ".join(f"{v:.3f}" for v in everything[st]) + ")")
    use(everything)
    ins = [ask_all(b, items) for _, items, b in runs]
    cv = [cross_validated(items, b, folds[r], by_fold, use) for r, (_, items, b) in enumerate(runs)]
    for r, (name, items, _) in enumerate(runs):
        n = len(items)
        en = [i for i in range(n) if items[i]["lang"] == "en"]
        print(f"{name}: hand {sum(hand[r])}/{n} (en {sum(hand[r][i] for i in en)}/{len(en)}), "
              f"in-sample {sum(ins[r])}/{n} (en {sum(ins[r][i] for i in en)}), "
              f"by document (cross-validated) {sum(cv[r])}/{n} (en {sum(cv[r][i] for i in en)})")
        for label, got in (("in-sample", ins[r]), ("by document", cv[r])):
            gained = [items[i]["id"] for i in range(n) if got[i] and not hand[r][i]]
            lost = [items[i]["id"] for i in range(n) if hand[r][i] and not got[i]]
            print(f"  {label}: gained {' '.join(gained) or '-'}; lost {' '.join(lost) or '-'}")
    for st, wb in coded.items():
        setattr(ranker, st, wb)


if __name__ == "__main__":
    main()
