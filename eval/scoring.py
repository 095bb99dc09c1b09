"""Scoring: one question's verdict (``judge``) and a run's totals (``summarize``).

A question is **correct** exactly as the reference scorer (``eval/score_reference.py``)
decides, so the two agree question by question:

  * answerable: every ``expect`` group has an alternative in the answer text,
    and some citation from the expected province holds one of ``cite``;
  * unanswerable: the assistant says it found nothing (``found`` is false).

Worked example, for ``{"kind": "target", "province": "An Giang", "expect": [["3,5", "3.5"]],
"cite": ["thất nghiệp chung"]}`` and the answer "Năm 2025 tỷ lệ thất nghiệp chung của
An Giang dưới 3,5%." citing the An Giang row "1 Tỷ lệ thất nghiệp chung % <3,5 <3 …":
answer_ok, cite_ok, first_cite_ok, found_ok and correct are all true.

``summarize`` turns the verdicts into one flat dict of metrics (the shape
sentence-transformers evaluators return), ``accuracy`` being the primary one;
see ``METRIC_LABELS`` for every key with its Vietnamese and English label.
"""
from __future__ import annotations

import math

from .match import YEAR_RE, fold, has, missing_groups, ungrounded_figures, value_for_year

PRIMARY = "accuracy"
PRIMARY_RETRIEVAL = "mrr@10"  # a set with only retrieval questions has no answers to score

# key → (Vietnamese, English); the report and the CLI print these.
METRIC_LABELS = {
    "accuracy": ("Tỷ lệ trả lời đúng", "accuracy: figure and citation right"),
    "reference_accuracy": ("Đúng theo eval/score_reference.py", "accuracy by the reference scorer (score.py)"),
    "reference_disagreements": ("Câu chấm khác bộ chấm tham chiếu", "questions the reference scorer judges otherwise"),
    "strict_accuracy": ("Đúng, và số liệu đúng năm được hỏi", "strict accuracy: right, and the figure is the asked year's"),
    "answer_accuracy": ("Đúng số liệu / nội dung", "answer text right"),
    "citation_accuracy": ("Có trích dẫn đúng", "a right citation among those given"),
    "citation_precision": ("Trích dẫn đầu tiên đúng", "citation precision: first citation right, when answered"),
    "not_found_precision": ("Báo “không có” đúng lúc", "not-found precision"),
    "not_found_recall": ("Nhận ra câu không có trả lời", "not-found recall"),
    "found_accuracy": ("Đúng có/không có thông tin", "found / not found right"),
    "hit@1": ("Nguồn đúng đứng đầu", "hit@1"),
    "hit@5": ("Nguồn đúng trong 5 nguồn đầu", "hit@5"),
    "mrr@10": ("Thứ hạng nghịch đảo trung bình", "MRR@10"),
    "retriever_hit@1": ("Bộ tìm kiếm: đúng ở hạng 1", "retriever hit@1"),
    "retriever_hit@5": ("Bộ tìm kiếm: đúng trong top 5", "retriever hit@5"),
    "retriever_mrr@10": ("Bộ tìm kiếm: MRR@10", "retriever MRR@10"),
    "latency_p50_ms": ("Thời gian trả lời trung vị (ms)", "latency p50, ms"),
    "latency_p95_ms": ("Thời gian trả lời p95 (ms)", "latency p95, ms"),
    "ungrounded_answers": ("Câu trả lời có số không có trong nguồn", "answers stating a figure no citation holds"),
    "errors": ("Lỗi khi hỏi", "questions that raised an error"),
    "n": ("Số câu hỏi", "questions"),
}
# Lower is better for these; every other metric is better higher (compare uses this).
LOWER_IS_BETTER = {"reference_disagreements", "latency_p50_ms", "latency_p95_ms", "latency_mean_ms", "ungrounded_answers",
                   "ungrounded_rate", "errors"}


def _province_ok(want: str | None, citation: dict) -> bool:
    """The citation is from the wanted place: its province, or its document's own name says so
    (a former province's plan filed under its successor), as the reference scorer decides.

    >>> _province_ok("Cần Thơ", {"province": None, "document": "Kế hoạch 157/KH-UBND của UBND thành phố Cần Thơ"})
    True
    """
    where = (citation.get("province") or "") + " " + (citation.get("document") or "")
    return not want or fold(want) in fold(where)


def citation_ok(item, citation: dict) -> bool:
    """One citation is right: from the expected province and holding one of ``cite``.

    With an empty ``cite`` any citation from the right province counts.
    """
    if not _province_ok(item.province, citation):
        return False
    return not item.cite or any(has(citation.get("text", ""), s) for s in item.cite)


def year_value_ok(item, answer: str) -> bool | None:
    """Stricter check for one-year target questions: the expected figure is the year's value.

    The reference check passes an answer holding the figure anywhere, e.g.
    "đến năm 2030 là 7 (năm 2025: 80)" for an expected 80 in 2030. Here the
    value said right after the asked year must hold it. None when the check does
    not apply (another kind, no single year, several groups, year not named).
    """
    years = sorted({int(y) for y in YEAR_RE.findall(item.q)})
    if item.kind != "target" or len(years) != 1 or len(item.expect) != 1:
        return None
    said = value_for_year(answer, years[0])
    if said is None:
        return None
    return any(has(said, a) for a in item.expect[0])


def judge(item, out: dict) -> dict:
    """The verdict on one answer ``out`` = {"answer", "found", "citations": [{...}]}.

    Returns answer_ok, cite_ok, first_cite_ok, found_ok, correct, missing
    (expect groups not in the answer), ungrounded (figures no citation holds)
    and reasons (why it failed, in Vietnamese and English, for the report).
    """
    answer = out.get("answer") or ""
    found = out.get("found", True)
    cites = out.get("citations") or []
    if item.kind == "unanswerable":
        ok = found is False
        reasons = [] if ok else ["Lẽ ra phải trả lời “không có thông tin” — should have said the documents do not say"]
        return {"answer_ok": ok, "cite_ok": ok, "first_cite_ok": None, "found_ok": ok, "correct": ok,
                "strict_ok": ok, "missing": [], "ungrounded": [], "reasons": reasons}
    missing = missing_groups(answer, item.expect)
    answer_ok = bool(item.expect) and not missing
    cite_ok = any(citation_ok(item, c) for c in cites)
    first_ok = citation_ok(item, cites[0]) if cites and found else None
    bad_figures = ungrounded_figures(answer, item.q, [c.get("text", "") for c in cites]) if found else []
    reasons = []
    if out.get("error"):
        reasons.append(f"Lỗi / error: {out['error']}")
    if not found:
        reasons.append("Trả lời “không tìm thấy” dù tài liệu có — said not found, but the documents answer it")
    if missing:
        shown = "; ".join(" hoặc / or ".join(g) for g in missing)
        reasons.append(f"Thiếu / missing in the answer: {shown}")
    if not cite_ok:
        where = f" của {item.province} / from {item.province}" if item.province else ""
        holds = f" chứa “{' | '.join(item.cite)}” / holding it" if item.cite else ""
        reasons.append(f"Không có trích dẫn đúng{where}{holds} — no right citation")
    year_ok = year_value_ok(item, answer) if answer_ok else None
    if year_ok is False:
        reasons.append("Số liệu có trong câu trả lời nhưng không phải giá trị của năm được hỏi — the figure is "
                       "there, but not as the value for the year asked (counted right only by the loose rule)")
    correct = answer_ok and cite_ok
    return {"answer_ok": answer_ok, "cite_ok": cite_ok, "first_cite_ok": first_ok, "found_ok": bool(found),
            "correct": correct, "strict_ok": correct and year_ok is not False, "missing": missing,
            "ungrounded": bad_figures, "reasons": reasons}


def reference_verdict(item, out: dict) -> bool:
    """What ``eval/score_reference.py`` (a copy of ``../shared/eval/score.py``, the scorer real
    question sets are judged with elsewhere) says of this answer. ``judge`` reads figures by value
    ("1/12/2025" holds "01/12/2025"); the reference reads them as written, so a run reports both."""
    from . import score_reference

    d = {"q": item.q, "kind": item.kind, "province": item.province, "expect": item.expect, "cite": item.cite}
    return bool(score_reference.judge(d, out)[0])


# ---- totals --------------------------------------------------------------------
def percentile(values: list[float], p: float) -> float | None:
    """Linear-interpolated percentile: ``percentile([10, 20, 30, 40], 50)`` → 25.0."""
    if not values:
        return None
    xs = sorted(values)
    pos = (len(xs) - 1) * p / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return round(xs[lo] + (xs[hi] - xs[lo]) * (pos - lo), 1)


def _rate(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def _rank_metrics(ranks: list[int | None], prefix: str = "") -> dict:
    n = len(ranks)
    return {f"{prefix}hit@1": _rate(sum(1 for r in ranks if r == 1), n),
            f"{prefix}hit@5": _rate(sum(1 for r in ranks if r and r <= 5), n),
            f"{prefix}mrr@10": round(sum(1 / r for r in ranks if r and r <= 10) / n, 4) if n else None}


def summarize(results: list) -> dict:
    """Flat metrics over ItemResults (fields as ``runner.ItemResult``).

    Keys: n, accuracy (primary), strict_accuracy (see ``year_value_ok``), answer_accuracy, citation_accuracy,
    citation_precision, found_accuracy, not_found_precision / _recall,
    hit@1, hit@5, mrr@10 (first right source among the ranked sources: citations
    for answered questions, the retriever's hits for retrieval-only ones),
    retriever_hit@1/@5/mrr@10 (the retriever alone, on every question with gold),
    latency_p50_ms / _p95_ms / _mean_ms, ungrounded_answers / _rate, errors,
    then accuracy_kind_<kind>, n_kind_<kind>, accuracy_lang_<lang>, n_lang_<lang>.
    A rate with nothing to count is None.
    """
    qa = [r for r in results if not r.retrieval_only]
    answerable = [r for r in qa if r.kind != "unanswerable"]
    unanswerable = [r for r in qa if r.kind == "unanswerable"]
    said_not_found = [r for r in qa if r.found is False]
    answered = [r for r in answerable if r.found and r.first_cite_ok is not None]
    gold = [r for r in results if r.gold]
    latencies = [r.ms for r in results if r.ms is not None and not r.error]
    m = {
        "n": len(results),
        "accuracy": _rate(sum(r.correct for r in qa), len(qa)),
        "reference_accuracy": _rate(sum(bool(r.ref_correct) for r in qa), len(qa)) if qa and all(
            r.ref_correct is not None for r in qa) else None,
        "reference_disagreements": sum(r.ref_correct is not None and r.ref_correct != r.correct for r in qa),
        "strict_accuracy": _rate(sum(bool(r.strict_ok) for r in qa), len(qa)),
        "answer_accuracy": _rate(sum(r.answer_ok for r in answerable), len(answerable)),
        "citation_accuracy": _rate(sum(r.cite_ok for r in answerable), len(answerable)),
        "citation_precision": _rate(sum(bool(r.first_cite_ok) for r in answered), len(answered)),
        "found_accuracy": _rate(sum(r.found_ok for r in qa), len(qa)),
        "not_found_precision": _rate(sum(r.kind == "unanswerable" for r in said_not_found), len(said_not_found)),
        "not_found_recall": _rate(sum(r.found is False for r in unanswerable), len(unanswerable)),
        **_rank_metrics([r.rank for r in gold]),
        **_rank_metrics([r.retriever_rank for r in gold], "retriever_"),
        "latency_p50_ms": percentile(latencies, 50),
        "latency_p95_ms": percentile(latencies, 95),
        "latency_mean_ms": round(sum(latencies) / len(latencies), 1) if latencies else None,
        "ungrounded_answers": sum(bool(r.ungrounded) for r in qa),
        "ungrounded_rate": _rate(sum(bool(r.ungrounded) for r in qa), len(answerable)),
        "errors": sum(bool(r.error) for r in results),
        "n_qa": len(qa), "n_answerable": len(answerable), "n_unanswerable": len(unanswerable),
        "n_retrieval": len(results) - len(qa), "n_gold": len(gold),
    }
    for key, attr in (("kind", "kind"), ("lang", "lang")):
        for value in sorted({getattr(r, attr) for r in qa}):
            group = [r for r in qa if getattr(r, attr) == value]
            m[f"accuracy_{key}_{value}"] = _rate(sum(r.correct for r in group), len(group))
            m[f"n_{key}_{value}"] = len(group)
    return m


def primary_metric(results: list) -> str:
    """``accuracy``, or ``mrr@10`` when no question asks for an answer."""
    return PRIMARY if any(not r.retrieval_only for r in results) else PRIMARY_RETRIEVAL
