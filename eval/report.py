"""The HTML report of a run: ``write_report(result, out_dir)`` → path of ``report.html``.

    from eval.report import write_report
    path = write_report(result, "eval/runs/dev-1")   # writes report.html and result.json

One self-contained page (inline CSS and SVG, no script, no network) for a
reader who is not a programmer, every label in Vietnamese with English:

  1. the verdict: the primary metric, and pass/fail against the floor if one was set;
  2. the summary table of metrics, then accuracy by kind and by language;
  3. charts: accuracy by kind, latency histogram with p50/p95;
  4. every failed question: the question, what was expected, the answer given,
     why it failed, and the sources cited with their quoted text;
  5. answers that state a figure no cited source holds, set problems, and all questions.

All text from the documents, the set and the answers is HTML-escaped.
"""
from __future__ import annotations

from html import escape
from pathlib import Path

from .charts import bars, histogram
from .scoring import METRIC_LABELS

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:1000px;margin:24px auto;
 padding:0 16px;color:#222;line-height:1.45}
h1{font-size:1.5em;margin-bottom:0} h2{margin-top:1.8em;border-bottom:1px solid #ccc;padding-bottom:4px}
.sub{color:#666;margin-top:4px} table{border-collapse:collapse;margin:8px 0}
td,th{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top} th{background:#f4f4f4}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.verdict{font-size:1.2em;padding:10px 14px;border-radius:6px;display:inline-block;margin:12px 0}
.pass{background:#e3f4e6;color:#1d6b2c}.fail{background:#fbe4e1;color:#8c2318}.info{background:#eef3f8}
.q{border:1px solid #ddd;border-left:5px solid #c0392b;border-radius:4px;padding:8px 12px;margin:14px 0}
.q h3{margin:0 0 6px 0;font-size:1em} .answer{white-space:pre-wrap;background:#f8f8f8;padding:6px 8px}
.why{color:#8c2318} .src{font-size:.92em;margin:6px 0 0 0} .quote{white-space:pre-wrap;color:#444;
 border-left:3px solid #ccc;padding-left:8px;margin:2px 0 8px 0;max-height:12em;overflow:auto}
.ok{color:#1d6b2c}.no{color:#8c2318} .charts{display:flex;flex-wrap:wrap;gap:24px}
"""
KIND_LABELS = {"target": "chỉ tiêu / target", "agency": "cơ quan / agency", "prose": "nội dung / prose",
               "compare": "so sánh / compare", "metadata": "thông tin văn bản / metadata",
               "unanswerable": "không có trả lời / unanswerable", "retrieval": "tìm kiếm / retrieval"}
LANG_LABELS = {"vi": "tiếng Việt / Vietnamese", "en": "tiếng Anh / English"}
QUOTE_SHOWN = 500


def fmt(key: str, value) -> str:
    """A metric for people: ``fmt("accuracy", 0.8667)`` → "86.7%", ``fmt("latency_p50_ms", 41.0)`` → "41 ms"."""
    if value is None:
        return "—"
    if key.endswith("_ms"):
        return f"{value:,.0f} ms"
    if isinstance(value, float) and (key.startswith(("accuracy", "strict", "citation", "not_found", "found", "hit@", "mrr",
                                                     "retriever_", "answer_", "ungrounded_rate"))):
        return f"{value * 100:.1f}%" if "mrr" not in key else f"{value:.3f}"
    return escape(str(value))


def _e(text) -> str:
    return escape("" if text is None else str(text))


def _verdict(result) -> str:
    label = METRIC_LABELS.get(result.primary_metric, (result.primary_metric, result.primary_metric))
    value = fmt(result.primary_metric, result.primary)
    floor = result.settings.get("min")
    if floor is None:
        return f'<div class="verdict info">{_e(label[0])} / {_e(label[1])}: <b>{value}</b></div>'
    ok = result.passed(floor)
    word = "ĐẠT / PASS" if ok else "KHÔNG ĐẠT / FAIL"
    return (f'<div class="verdict {"pass" if ok else "fail"}">{word} — {_e(label[0])} / {_e(label[1])}: '
            f'<b>{value}</b> (ngưỡng / floor {fmt(result.primary_metric, float(floor))})</div>')


def _summary(result) -> str:
    m = result.metrics
    rows = []
    for key, (vi, en) in METRIC_LABELS.items():
        # Rank metrics are None without gold sources: leave them out rather than show a row of dashes.
        if key in m and (m[key] is not None or key == result.primary_metric):
            rows.append(f"<tr><td>{_e(vi)}</td><td>{_e(en)}</td><td class=num>{fmt(key, m[key])}</td></tr>")
    return ("<table><tr><th>Chỉ số</th><th>Metric</th><th>Giá trị / value</th></tr>" + "".join(rows) + "</table>"
            f"<p class=sub>Câu hỏi có trả lời / answerable: {m.get('n_answerable', 0)}, không có trả lời / "
            f"unanswerable: {m.get('n_unanswerable', 0)}, chỉ tìm kiếm / retrieval-only: {m.get('n_retrieval', 0)}, "
            f"có nguồn chuẩn / with gold sources: {m.get('n_gold', 0)}.</p>")


def _breakdown(result, key: str, labels: dict) -> tuple[str, list]:
    m = result.metrics
    values = sorted(k[len(f"n_{key}_"):] for k in m if k.startswith(f"n_{key}_"))
    rows, chart = [], []
    for v in values:
        acc, n = m.get(f"accuracy_{key}_{v}"), m.get(f"n_{key}_{v}")
        rows.append(f"<tr><td>{_e(labels.get(v, v))}</td><td class=num>{n}</td>"
                    f"<td class=num>{fmt('accuracy', acc)}</td></tr>")
        chart.append((labels.get(v, v).split(" / ")[-1], acc, n))
    table = ("<table><tr><th>Nhóm / group</th><th>Số câu / n</th><th>Đúng / accuracy</th></tr>"
             + "".join(rows) + "</table>")
    return table, chart


def _sources(cites: list[dict], heading: str) -> str:
    if not cites:
        return f'<p class="src"><b>{_e(heading)}:</b> không có / none</p>'
    parts = [f'<div class="src"><b>{_e(heading)}:</b><ol>']
    for c in cites:
        text = " ".join((c.get("text") or "").split())
        if len(text) > QUOTE_SHOWN:
            text = text[:QUOTE_SHOWN] + " …"
        where = " — ".join(_e(x) for x in (c.get("document"), c.get("locator")) if x)
        prov = f" ({_e(c.get('province'))})" if c.get("province") else ""
        parts.append(f'<li>{where}{prov}<div class="quote">{_e(text)}</div></li>')
    parts.append("</ol></div>")
    return "".join(parts)


def _expected(r) -> str:
    if r.kind == "unanswerable":
        return "Không có thông tin trong tài liệu / the documents do not say"
    if r.retrieval_only:
        return "Nguồn / source: " + "; ".join(" › ".join(x for x in (g.get("document"), g.get("locator")) if x)
                                            for g in r.gold)
    return " và / and ".join(" hoặc / or ".join(g) for g in r.expect)


def _failure(r) -> str:
    head = (f"<h3>{_e(r.id)} · {_e(KIND_LABELS.get(r.kind, r.kind))} · {_e(LANG_LABELS.get(r.lang, r.lang))}"
            f"{' · ' + _e(r.province) if r.province else ''}</h3>")
    body = [head, f"<div><b>Câu hỏi / question:</b> {_e(r.q)}</div>",
            f"<div><b>Mong đợi / expected:</b> {_e(_expected(r))}</div>"]
    if not r.retrieval_only:
        found = "có / yes" if r.found else "không / no"
        body.append(f'<div><b>Câu trả lời / answer given</b> (tìm thấy / found: {found}):'
                    f'<div class="answer">{_e(r.answer) or "(trống / empty)"}</div></div>')
    body.append('<ul class="why">' + "".join(f"<li>{_e(x)}</li>" for x in r.reasons) + "</ul>")
    if r.gold:
        rank = r.rank if r.rank is not None else "không có / none"
        body.append(f"<div>Hạng nguồn đúng / rank of the right source: {_e(rank)}"
                    f" · bộ tìm kiếm / retriever: {_e(r.retriever_rank or 'không có / none')}</div>")
    if r.retrieval_only:
        body.append(_sources(r.retrieved[:5], "Kết quả tìm kiếm / retrieved"))
    else:
        body.append(_sources(r.citations, "Nguồn trích dẫn / sources cited"))
    return '<div class="q">' + "".join(body) + "</div>"


def render(result) -> str:
    """The whole page as a string (``write_report`` saves it)."""
    m = result.metrics
    by_kind, kind_chart = _breakdown(result, "kind", KIND_LABELS)
    by_lang, _ = _breakdown(result, "lang", LANG_LABELS)
    latencies = [r.ms for r in result.items if r.ms is not None and not r.error]
    failures = result.failures
    parts = [f"<!doctype html><html lang=vi><head><meta charset=utf-8>"
             f"<title>Đánh giá / Evaluation — {_e(result.name)}</title><style>{CSS}</style></head><body>",
             f"<h1>Báo cáo đánh giá / Evaluation report: {_e(result.name)}</h1>",
             f'<p class=sub>{_e(result.source or "")} · {_e(result.created)} · {m.get("n", 0)} câu hỏi / questions'
             f" · {result.seconds:.0f} s</p>", _verdict(result),
             "<h2>Tóm tắt / Summary</h2>", _summary(result),
             "<h2>Theo loại câu hỏi và ngôn ngữ / By kind and language</h2>",
             '<div class="charts"><div>', by_kind, "</div><div>", by_lang, "</div></div>",
             '<div class="charts">', bars(kind_chart, "Tỷ lệ đúng theo loại / accuracy by kind"),
             histogram(latencies, "Thời gian trả lời / latency", "ms",
                       marks={"p50": m.get("latency_p50_ms"), "p95": m.get("latency_p95_ms")}), "</div>",
             f"<h2>Câu sai ({len(failures)}) / Failed questions</h2>"]
    parts += [_failure(r) for r in failures] or ["<p class=ok>Không có câu sai / no failures.</p>"]
    loose = [r for r in result.items if r.correct and r.strict_ok is False]
    if loose:
        parts.append(f"<h2>Chỉ đúng theo luật lỏng ({len(loose)}) / Right only by the loose rule</h2>"
                     "<p>Số liệu mong đợi có trong câu trả lời, nhưng không phải là giá trị của năm được hỏi. "
                     "/ The expected figure is in the answer, but not as the value for the year asked.</p>")
        parts += [_failure(r) for r in loose]
    ungrounded = [r for r in result.items if r.ungrounded]
    if ungrounded:
        parts.append("<h2>Số liệu không có trong nguồn / Figures no citation holds</h2><table>"
                     "<tr><th>id</th><th>Số / figures</th><th>Câu trả lời / answer</th></tr>")
        parts += [f"<tr><td>{_e(r.id)}</td><td>{_e(', '.join(r.ungrounded))}</td><td>{_e(r.answer[:300])}</td></tr>"
                  for r in ungrounded]
        parts.append("</table>")
    if result.problems:
        parts.append("<h2>Dòng lỗi trong bộ câu hỏi / Malformed lines in the set (skipped)</h2><ul>")
        parts += [f"<li>dòng / line {_e(p.get('line'))}: {_e(p.get('message'))}</li>" for p in result.problems]
        parts.append("</ul>")
    parts.append("<h2>Tất cả câu hỏi / All questions</h2><table><tr><th>id</th><th></th><th>loại / kind</th>"
                 "<th>hạng / rank</th><th>ms</th><th>câu hỏi / question</th></tr>")
    for r in result.items:
        mark = '<span class=ok>✔</span>' if r.ok else '<span class=no>✘</span>'
        parts.append(f"<tr><td>{_e(r.id)}</td><td>{mark}</td><td>{_e(r.kind)}</td><td class=num>{_e(r.rank or '')}"
                     f"</td><td class=num>{fmt('x', r.ms)}</td><td>{_e(r.q)}</td></tr>")
    parts.append("</table></body></html>")
    return "\n".join(parts)


def write_report(result, out_dir) -> Path:
    """Write ``report.html`` (and ``result.json`` beside it, for ``compare``); return the HTML path."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    result.save(out)
    path = out / "report.html"
    path.write_text(render(result), encoding="utf-8")
    return path
