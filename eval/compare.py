"""What got better and what got worse between two runs of the same set.

    from eval.compare import compare, format_comparison
    from eval.runner import RunResult
    diff = compare(RunResult.load("eval/runs/dev-old"), RunResult.load("eval/runs/dev-new"))
    diff["metrics"]["worse"]      # [{"metric": "accuracy", "a": 0.9, "b": 0.8667, "delta": -0.0333}]
    diff["questions"]["broken"]   # [{"id": "d12", "q": ..., "reasons": [...]}]: right before, wrong now
    print(format_comparison(diff))

Questions are paired by ``id``. A metric is better or worse by its direction
(``scoring.LOWER_IS_BETTER``: latency, ungrounded answers, errors); latency
moves under 10% (or 5 ms) count as unchanged, because timing noise between two
runs on the same machine is about that size.
"""
from __future__ import annotations

from .report import fmt
from .scoring import LOWER_IS_BETTER, METRIC_LABELS

LATENCY_TOLERANCE = 0.10
LATENCY_MIN_MS = 5.0


def _numeric(m: dict) -> dict:
    return {k: v for k, v in m.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}


def _direction(key: str, a: float, b: float) -> str:
    if key.endswith("_ms"):
        if abs(b - a) < max(LATENCY_MIN_MS, LATENCY_TOLERANCE * max(abs(a), 1e-9)):
            return "same"
    elif abs(b - a) < 1e-9:
        return "same"
    if key.startswith("n_") or key == "n":
        return "same" if a == b else "changed"  # counts are neither good nor bad
    lower = key in LOWER_IS_BETTER
    return "better" if (b < a) == lower else "worse"


def _brief(r) -> dict:
    return {"id": r.id, "kind": r.kind, "lang": r.lang, "q": r.q, "answer": r.answer[:300], "reasons": r.reasons,
            "rank": r.rank}


def compare(a, b) -> dict:
    """Differences from run ``a`` (before) to run ``b`` (after), as plain data."""
    ma, mb = _numeric(a.metrics), _numeric(b.metrics)
    metrics = {"better": [], "worse": [], "same": [], "changed": [], "only_a": [], "only_b": []}
    for key in sorted(set(ma) | set(mb)):
        if key not in mb:
            metrics["only_a"].append({"metric": key, "a": ma[key]})
        elif key not in ma:
            metrics["only_b"].append({"metric": key, "b": mb[key]})
        else:
            d = _direction(key, ma[key], mb[key])
            metrics[d].append({"metric": key, "a": ma[key], "b": mb[key], "delta": round(mb[key] - ma[key], 4)})
    ia, ib = {r.id: r for r in a.items}, {r.id: r for r in b.items}
    questions = {"fixed": [], "broken": [], "rank_better": [], "rank_worse": [], "answer_changed": [],
                 "only_a": [_brief(ia[i]) for i in ia if i not in ib],
                 "only_b": [_brief(ib[i]) for i in ib if i not in ia]}
    for qid in [i for i in ib if i in ia]:
        ra, rb = ia[qid], ib[qid]
        if not ra.ok and rb.ok:
            questions["fixed"].append(_brief(rb))
        elif ra.ok and not rb.ok:
            questions["broken"].append(_brief(rb))
        elif ra.answer != rb.answer and not ra.retrieval_only:
            questions["answer_changed"].append({**_brief(rb), "before": ra.answer[:300]})
        inf = 10**9
        rank_a, rank_b = ra.rank or inf, rb.rank or inf
        if ra.gold and rank_a != rank_b:
            entry = {"id": qid, "q": rb.q, "a": ra.rank, "b": rb.rank}
            questions["rank_better" if rank_b < rank_a else "rank_worse"].append(entry)
    primary = b.primary_metric
    return {"a": {"name": a.name, "created": a.created, "source": a.source},
            "b": {"name": b.name, "created": b.created, "source": b.source},
            "primary_metric": primary, "primary": {"a": a.metrics.get(primary), "b": b.metrics.get(primary)},
            "metrics": metrics, "questions": questions}


def regressed(diff: dict) -> bool:
    """True when a question broke or the primary metric dropped."""
    p = diff["primary"]
    dropped = p["a"] is not None and p["b"] is not None and p["b"] < p["a"]
    return bool(diff["questions"]["broken"]) or dropped


def _metric_line(e: dict) -> str:
    key = e["metric"]
    vi, en = METRIC_LABELS.get(key, (key, key))
    label = key if vi == key else f"{key} ({vi} / {en})"
    return f"  {label}: {fmt(key, e['a'])} → {fmt(key, e['b'])}"


def format_comparison(diff: dict) -> str:
    """Plain text for the terminal, worst news first."""
    q = diff["questions"]
    m = diff["metrics"]
    out = [f"So sánh / compare: A = {diff['a']['name']} ({diff['a']['created']}) → "
           f"B = {diff['b']['name']} ({diff['b']['created']})",
           f"{diff['primary_metric']}: {fmt(diff['primary_metric'], diff['primary']['a'])} → "
           f"{fmt(diff['primary_metric'], diff['primary']['b'])}", ""]
    sections = [
        (f"Câu kém đi / questions now wrong ({len(q['broken'])}):", q["broken"], True),
        (f"Câu tốt lên / questions now right ({len(q['fixed'])}):", q["fixed"], False),
    ]
    for title, rows, why in sections:
        out.append(title)
        for r in rows:
            out.append(f"  {r['id']} [{r['kind']}/{r['lang']}] {r['q']}")
            if why:
                out += [f"      {x}" for x in r["reasons"]]
                out.append(f"      A: {r['answer'][:200]}")
        out.append("")
    out.append(f"Chỉ số kém đi / metrics worse ({len(m['worse'])}):")
    out += [_metric_line(e) for e in m["worse"]]
    out.append(f"Chỉ số tốt lên / metrics better ({len(m['better'])}):")
    out += [_metric_line(e) for e in m["better"]]
    if q["rank_worse"] or q["rank_better"]:
        out.append("")
        out.append("Thứ hạng nguồn đúng / rank of the right source (— = not found):")
        for name, rows in (("worse", q["rank_worse"]), ("better", q["rank_better"])):
            for r in rows:
                out.append(f"  {name}: {r['id']} {r['a'] or '—'} → {r['b'] or '—'}  {r['q']}")
    if q["answer_changed"]:
        out.append("")
        out.append(f"Câu trả lời đổi, kết quả như cũ / answer text changed, verdict unchanged ({len(q['answer_changed'])}):")
        out += [f"  {r['id']} {r['q']}" for r in q["answer_changed"]]
    for key, label in (("only_a", "Chỉ có trong A / only in A"), ("only_b", "Chỉ có trong B / only in B")):
        if q[key]:
            out.append(f"{label}: {', '.join(r['id'] for r in q[key])}")
    return "\n".join(out)
