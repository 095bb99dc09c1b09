"""Fit the weights of the sentence features (``assistant/sentence_choice.py``) on a question set.

    python -m bench.sentence_weights --set ../shared/real/qa2-tune.jsonl --home DIR [--extra SET=HOME ...]

For every answerable question of SET with a ``doc``, each clause of that document holding one of its
``cite`` phrases is cut into its sentences (with their list context, as the answer reads them); a
sentence is *right* when what the answer quotes with it (its context, a lead-in's items:
``sentence_choice.quoted_with``) states one of the ``expect`` alternatives. A logistic model over the
named features is fitted on "is this the right sentence" and scored by how often the right sentence
ranks first in its clause, in 5 folds split by document, beside the weights in use
(``sentence_choice.WEIGHTS``). The fitted weights are printed by name, scaled so that ``own`` is 1.

One document can hold half the clauses (a procedure annex of 60 alike items): the fit weighs every
document the same (its clauses share a weight of 1), and the hits are also printed per document, each
document counted once, so that a weight fitted to one document's layout shows as such.
"""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import numpy as np

from assistant.clause_pieces import pieces_around
from assistant.config import Settings
from assistant.context import Context
from assistant.core import Assistant
from assistant.question.question import analyse
from assistant.sentence_choice import WEIGHTS, candidates, features, heading_title, quoted_with
from assistant.sentence_types import typed_wants
from assistant.sentences import heading_end
from eval.match import fold, has_any
from eval.sets import load_set
from index.retriever import Filters
from ingest.text.page_view import reading_view

NAMES = tuple(WEIGHTS)


def samples(items, answerer) -> list[tuple[str, str, np.ndarray, np.ndarray]]:
    """(document, language, features, right) for each clause holding a question's cite phrase."""
    by_name = {Path(d.path).name: d for d in answerer.docs}
    out = []
    for item in items:
        doc = by_name.get(item.doc or "")
        if doc is None or not item.expect:
            continue
        q = analyse(item.q)
        ctx = Context(q, Filters(), answerer.search, answerer.coverage)
        qtoks, want = ctx.terms(keep_years=True), typed_wants(q)
        for chunk in doc.chunks:
            if chunk.kind not in ("clause", "article", "preamble") or chunk.row is not None:
                continue
            view = reading_view(doc.text[chunk.start:chunk.end])
            if not any(fold(c) in fold(" ".join(view.split())) for c in item.cite):
                continue
            head = chunk.start + heading_end(view, chunk)
            ps = pieces_around(doc, chunk, head)
            pool = candidates(ps, head)
            said = [" ".join(ps[j].text for j in quoted_with(q, qtoks, answerer.coverage, ps, i, want)) for i in pool]
            y = np.array([any(has_any(t, g) for g in item.expect) for t in said])
            if not pool or not y.any() or y.all():
                continue
            sim = lambda a, b, doc=doc, ctx=ctx: ctx.unit_sim.best(doc, a, b)  # noqa: E731 - the unit vectors' feature
            x = np.array([[features(q, qtoks, answerer.coverage, ps, i, heading_title(chunk), want, sim,
                                    ctx.words())[n]
                           for n in NAMES] for i in pool])
            out.append((item.doc, item.lang, x, y))
    return out


def main(argv: list[str] | None = None) -> int:
    from sklearn.linear_model import LogisticRegression

    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--set", required=True)
    p.add_argument("--home", required=True)
    p.add_argument("--extra", action="append", default=[], metavar="SET=HOME",
                   help="another labelled set, read in a home holding its documents (its clauses join the fit)")
    p.add_argument("--folds", type=int, default=5)
    args = p.parse_args(argv)
    data = []
    for set_path, home in [(args.set, args.home)] + [tuple(e.split("=", 1)) for e in args.extra]:
        items, _ = load_set(set_path)
        assistant = Assistant(Settings.resolve(home=home), progress=False)
        data += samples(items, assistant._answerer)
    docs = sorted({d for d, *_ in data})
    fold_of = {name: i % args.folds for i, name in enumerate(docs)}
    hand = np.array([WEIGHTS[n] for n in NAMES])
    no_units = np.array([0.0 if n == "unit_sim" else WEIGHTS[n] for n in NAMES])  # the weights before unit vectors
    hits: dict[str, Counter] = {}
    per_doc: dict[str, Counter] = {}
    for k in range(args.folds):
        model = _fit(LogisticRegression, [s for s in data if fold_of[s[0]] != k])
        for doc, lang, x, y in (s for s in data if fold_of[s[0]] == k):
            h, d = hits.setdefault(lang, Counter()), per_doc.setdefault(doc, Counter())
            for c in (h, d):
                c["n"] += 1
                c["fitted"] += bool(y[int(np.argmax(model.decision_function(x)))])
                c["in use"] += bool(y[int(np.argmax(x @ hand))])
                c["no units"] += bool(y[int(np.argmax(x @ no_units))])
    for lang, h in sorted(hits.items()):
        print(f"{lang}: {h['n']} clauses with a right sentence: right sentence first, held-out fitted "
              f"{h['fitted'] / h['n']:.0%}, weights in use {h['in use'] / h['n']:.0%}, "
              f"in use without unit_sim {h['no units'] / h['n']:.0%}")
    share = {k: np.mean([d[k] / d["n"] for d in per_doc.values()]) for k in ("fitted", "in use", "no units")}
    print(f"by document ({len(per_doc)}, each counted once): held-out fitted {share['fitted']:.0%}, "
          f"weights in use {share['in use']:.0%}, in use without unit_sim {share['no units']:.0%}")
    model = _fit(LogisticRegression, data)
    coef = model.coef_[0] / model.coef_[0][NAMES.index("own")]
    print("fitted weights (all clauses, own = 1):", ", ".join(f"{n} {w:+.2f}" for n, w in zip(NAMES, coef, strict=True)))
    return 0


def _fit(LogisticRegression, data):
    """The logistic model over ``data``'s sentences, every document weighing the same."""
    clauses = Counter(doc for doc, *_ in data)
    weight = np.concatenate([np.full(len(y), 1.0 / clauses[doc]) for doc, _, _, y in data])
    return LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000).fit(
        np.vstack([s[2] for s in data]), np.concatenate([s[3] for s in data]), sample_weight=weight)


if __name__ == "__main__":
    raise SystemExit(main())
