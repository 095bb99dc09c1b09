"""Fit the found / not-found decision (``assistant/found.py``) and say how it carries to unseen documents.

    python -m bench.found_fit --set ../shared/real/qa2-tune.jsonl --home HOME_VEC --home HOME_LEX \
        --extra ../shared/real/qa.jsonl=HOME_OF_ITS_10_DOCS_VEC --extra ../shared/real/qa.jsonl=HOME_LEX \
        --extra eval/sets/plans.jsonl=PLANS_VEC --extra eval/sets/plans.jsonl=HOME_LEX \
        --extra eval/sets/dev.jsonl=PLANS_VEC --extra eval/sets/dev.jsonl=HOME_LEX --logits=-1.5,-1.0,-0.5

(HOME_LEX: every document and the plans, no vectors; the fit of the weights in ``found.py``.)

Every question is asked once per home through the product (``Assistant.ask``); each time the router reaches
its choice, the candidate sources it weighs (``found.candidates``: the best target rows, clauses and table rows) are
recorded with their ``found.FEATURES`` and a label: the source is the answering one (a source of the
question's document holding one of its ``cite`` phrases; never for an unanswerable question). A logistic
regression (plain numpy, L2) is fitted on them: one per index state,
``found.WITH_VECTORS`` and ``found.AT_ONCE`` (the lexical features alone: a home answering before its vectors).

How it carries is measured **by document**: the questions' documents are split into ``FOLDS`` folds (an
unanswerable question, which has no document, is its own group); each fold's questions are answered with the
weights fitted on the other folds' candidates only, and scored by the reference scorer's rule
(``eval.score_reference.judge``). That sum is the figure to quote; beside it the same with the weights fitted
on everything (in-sample) and with the weights in the code. ``--logits`` sweeps ``found.FOUND_LOGIT``.
"""
from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import numpy as np

from assistant import answering, found
from assistant.config import Settings
from assistant.core import Assistant
from eval.score_reference import has, judge

FOLDS = 5
# The decision is asked of the first row, clause and table row (``answering._choose``): fitted on those, it learns
# when the best of a kind answers; on the first three of each it learned when *a* candidate does, and a named
# document's ten near-alike clauses taught it that one of them rarely is (qa2-tune at once, by document: English
# found decisions 26 -> 32 of 48 in a replay of the recorded features). ``margin`` still compares the first three.
FIT_RANKS = 1
L2 = 1.0  # ridge on the weights (not the bias), in units of the summed log-likelihood


def right(item: dict, s) -> bool:
    """Is ``s`` the answering source: the question's document, one of its ``cite`` phrases inside. A set
    naming no document (the shipped plans' ``plans.jsonl``, ``dev.jsonl``: one plan per province) names it
    by its ``province``; a question with neither (a comparison of two plans) labels no candidate."""
    if item["kind"] == "unanswerable":
        return False
    if item.get("doc"):
        if Path(s.doc.path).name != item["doc"]:
            return False
    elif not item.get("province") or s.doc.meta.province != item["province"]:
        return False
    text = s.doc.text[s.chunk.start:s.chunk.end]
    return any(has(text, c) for c in item["cite"])


def group(item: dict) -> str:
    """The question's document (its province's plan where a set names no document); an unanswerable or
    a comparison is a group of its own."""
    return item.get("doc") or (item.get("province") and item["kind"] != "unanswerable"
                               and f"plan:{item['province']}") or f"none:{item['id']}"


def fold_of(item: dict) -> int:
    return int(hashlib.sha1(group(item).encode()).hexdigest(), 16) % FOLDS


class Recorder:
    """Wraps the router's choice: every context that reaches it leaves its candidates' features behind."""

    def __init__(self):
        self.rows: list[tuple[str, list[float], bool, str]] = []  # (the index's state, features, answering, place)
        self.item: dict | None = None
        self._choose = answering._choose

    def __enter__(self):
        def choose(ctx):
            state = STATES[0] if ctx.dense_rank else STATES[1]
            for kind, some in (("row", ctx.targets), ("clause", ctx.clauses), ("table", ctx.table)):
                for n, s in enumerate(some[:found.CANDIDATES]):
                    self.rows.append((state, found.features(ctx, s), right(self.item, s), f"{kind}{n}"))
            return self._choose(ctx)
        answering._choose = choose
        return self

    def __exit__(self, *exc):
        answering._choose = self._choose


def ask_all(bot: Assistant, items: list[dict]) -> list[tuple[bool, bool]]:
    """Each question answered and judged by the reference rule: (right, the found decision right: an
    answerable question answered, an unanswerable one refused)."""
    out = []
    for item in items:
        ans = bot.ask(item["q"]).to_json()
        ans.setdefault("answer", ans.get("text", ""))
        out.append((judge(item, ans)[0], bool(ans.get("found", True)) == (item["kind"] != "unanswerable")))
    return out


# Features whose weight may be negative (``found.SIGNED``): a kind of source, a year its document lacks, the
# question's language. Every other one is evidence *for* answering by what it measures; collinear ones (the
# search's rank and its document's, the vectors' rank and ``support`` holding it) would otherwise trade signs, and
# a strong source in a small index would be refused.
SIGNED = found.SIGNED


def fit(x: np.ndarray, y: np.ndarray, names: tuple[str, ...] | None = None) -> tuple[np.ndarray, float]:
    """``_fit`` with every weight not in ``SIGNED`` kept non-negative: one fitted negative is set to 0 and the
    rest refitted, until none is."""
    names = names or found.FEATURES
    free = np.ones(x.shape[1], bool)
    while True:
        w, b = _fit(x[:, free], y)
        full = np.zeros(x.shape[1])
        full[free] = w
        wrong = [i for i in np.flatnonzero(free) if full[i] < 0 and names[i] not in SIGNED]
        if not wrong:
            return full, b
        free[min(wrong, key=lambda i: full[i] * x[:, i].std())] = False


def _fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by Newton's method on standardised features (so the ridge weighs
    a centred cosine of ±0.05 like a coverage of 0–1), returned on the raw features: (weights, bias)."""
    mu, sd = x.mean(0), x.std(0)
    sd[sd == 0] = 1.0
    xb = np.hstack([(x - mu) / sd, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    reg = np.full(xb.shape[1], L2)
    reg[-1] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-xb @ w))
        grad = xb.T @ (p - y) + reg * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(reg) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    raw = w[:-1] / sd
    return raw, float(w[-1] - (raw * mu).sum())


STATES = ("WITH_VECTORS", "AT_ONCE")


def use(state: str, weights: np.ndarray, bias: float) -> None:
    setattr(found, state, (tuple(float(v) for v in weights), bias))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", required=True)
    ap.add_argument("--home", action="append", required=True, help="a home to ask in (once per index state)")
    ap.add_argument("--extra", action="append", default=[], metavar="SET=HOME",
                    help="another set, asked in one home only (one holding its documents)")
    ap.add_argument("--logits", default="0", help="comma-separated values of found.FOUND_LOGIT to try")
    ap.add_argument("--ranks", type=int, default=FIT_RANKS,
                    help=f"fit on the first N candidates of each kind (default {FIT_RANKS}: the ones the router judges)")
    ap.add_argument("--dump", type=argparse.FileType("w", encoding="utf-8"),
                    help="write every candidate's features and label here (JSON lines), to study them")
    args = ap.parse_args()
    read = lambda path: [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]  # noqa: E731
    opened: dict[str, Assistant] = {}

    def bot(home: str) -> Assistant:
        if home not in opened:
            opened[home] = Assistant(Settings.resolve(home), build=False, progress=False, vectors_later=True)
        return opened[home]

    runs = [(f"{Path(args.set).name} in {h}", read(args.set), bot(h)) for h in args.home]
    runs += [(f"{Path(e.split('=')[0]).name} in {e.split('=')[1]}", read(e.split("=")[0]), bot(e.split("=")[1]))
             for e in args.extra]
    coded = {st: getattr(found, st) for st in STATES}, found.FOUND_LOGIT
    # the candidates of every question of every run (the candidates and their order do not depend on the
    # decision: only which of them answers does)
    records: list[tuple[int, int, str, list[float], bool]] = []  # (run, question, state, features, answering)
    for r, (name, items, b) in enumerate(runs):
        with Recorder() as rec:
            right_now = 0
            for i, item in enumerate(items):
                rec.rows, rec.item = [], item
                right_now += ask_all(b, [item])[0][0]
                records += [(r, i, st, f, lab) for st, f, lab, at in rec.rows if int(at[-1]) < args.ranks]
                if args.dump:
                    args.dump.writelines(json.dumps({"run": name, "id": item["id"], "lang": item["lang"],
                                                     "kind": item["kind"], "group": group(item), "state": st,
                                                     "at": at, "label": lab, "features": f}) + "\n"
                                         for st, f, lab, at in rec.rows)
            print(f"{name}, the weights in the code: {right_now}/{len(items)}")

    def fitted(which) -> dict[str, tuple[np.ndarray, float]]:
        out = {}
        for st in STATES:
            rows = [(f, lab) for r, i, s, f, lab in records if s == st and which(r, i)]
            if rows:
                out[st] = fit(np.array([f for f, _ in rows], float), np.array([lab for _, lab in rows], float))
        return out

    everything = fitted(lambda r, i: True)
    for st, (w, b) in everything.items():
        count = [lab for *_, s, _, lab in records if s == st]
        print(f"{st}: {len(count)} candidates, {sum(count)} answering; weights fitted on all of them:")
        for name, v in zip(found.FEATURES, w, strict=True):
            print(f"  {name:12s} {v:+.3f}")
        print(f"{st} = ((" + ", ".join(f"{v:.3f}" for v in w) + f"), {b:.3f})")
    folds = [[fold_of(it) for it in items] for _, items, _ in runs]
    by_fold = [fitted(lambda r, i, k=k: folds[r][i] != k) for k in range(FOLDS)]
    for logit in [float(v) for v in args.logits.split(",") if v]:  # none: fit and dump only
        found.FOUND_LOGIT = logit
        for st, wb in everything.items():
            use(st, *wb)
        ins = [[ok for ok, _ in ask_all(b, items)] for _, items, b in runs]
        cv = [[False] * len(items) for _, items, _ in runs]
        cv_found = [[False] * len(items) for _, items, _ in runs]
        for k in range(FOLDS):  # each fold answered by the weights fitted without its documents
            for st, wb in by_fold[k].items():
                use(st, *wb)
            for r, (_, items, b) in enumerate(runs):
                held = [i for i in range(len(items)) if folds[r][i] == k]
                for i, (ok, decided) in zip(held, ask_all(b, [items[i] for i in held]), strict=True):
                    cv[r][i], cv_found[r][i] = ok, decided
        for r, (name, items, _) in enumerate(runs):
            n = len(items)
            unans = [i for i in range(n) if items[i]["kind"] == "unanswerable"]
            en = [i for i in range(n) if items[i]["lang"] == "en"]
            vi = [i for i in range(n) if items[i]["lang"] != "en"]
            print(f"FOUND_LOGIT {logit:+.2f} {name}: in-sample {sum(ins[r])}/{n}, by document "
                  f"(cross-validated) {sum(cv[r])}/{n} (unanswerable {sum(cv[r][i] for i in unans)}/{len(unans)}, "
                  f"vi {sum(cv[r][i] for i in vi)}/{len(vi)}, en {sum(cv[r][i] for i in en)}/{len(en)}); "
                  f"found decision right {sum(cv_found[r])}/{n} (vi {sum(cv_found[r][i] for i in vi)}, "
                  f"en {sum(cv_found[r][i] for i in en)})")
            print("  right in-sample: " + " ".join(items[i]["id"] for i in range(n) if ins[r][i]))
            print("  right by document: " + " ".join(items[i]["id"] for i in range(n) if cv[r][i]))
    for st, wb in coded[0].items():
        setattr(found, st, wb)
    found.FOUND_LOGIT = coded[1]


if __name__ == "__main__":
    main()
