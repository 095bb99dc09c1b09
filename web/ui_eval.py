"""Evaluation tab: upload a question set, watch it run, read the report.

The work is the eval harness's (eval.sets.load_set → eval.runner.run_set →
eval.report.write_report); this tab only feeds it and shows what it wrote. Reports are
kept under <home>/web/eval/ so earlier runs stay readable after a restart.
"""
from __future__ import annotations

import html
import logging
import time
from dataclasses import dataclass
from pathlib import Path

import gradio as gr

from .i18n import t
from .service import Service

log = logging.getLogger("web")

SET_TYPES = [".jsonl", ".json", ".csv", ".tsv", ".xlsx"]


def reports_dir(service: Service) -> Path:
    return service.home / "web" / "eval"


def report_frame(path: Path) -> str:
    """The report inside a sandboxed iframe: its text comes from documents and answers, and the
    empty sandbox keeps it from running anything or reaching this page, whatever it holds."""
    doc = path.read_text(encoding="utf-8")
    return (f'<iframe class="eval-report" sandbox="" srcdoc="{html.escape(doc, quote=True)}" '
            f'style="width:100%;height:900px;border:1px solid var(--border-color-primary);border-radius:8px">'
            f"</iframe>")


def summary_md(result, problems: list, lang: str) -> str:
    en = lang == "en"
    m = result.metrics
    primary = result.primary
    value = "—" if primary is None else (f"{primary:.1%}" if isinstance(primary, float) and primary <= 1 else primary)
    lines = [f"**{result.primary_metric}: {value}** · {'questions' if en else 'câu hỏi'}: {m.get('n', len(result.items))}"
             f" · {'failed' if en else 'sai'}: {len(result.failures)} · {result.seconds:.0f} s"]
    for p in problems[:20]:
        lines.append(f"- ⚠️ {html.escape(str(p), quote=False)}")
    if len(problems) > 20:
        lines.append(f"- … (+{len(problems) - 20})")
    return "\n".join(lines)


@dataclass
class EvalTab:
    tab: gr.Tab
    outputs: list
    keys: list

    def relabel(self, lang: str) -> list:
        return [gr.update(**{kind: t(lang, key)}) for kind, key in self.keys]


def build(service: Service, lang: str, lang_radio: gr.Radio) -> EvalTab:
    with gr.Tab(t(lang, "tab_eval"), id="eval") as tab:
        token = gr.Textbox(label=t(lang, "admin_token"), type="password", elem_id="eval-token")
        upload = gr.File(label=t(lang, "eval_set"), file_types=SET_TYPES, type="filepath", elem_id="eval-set")
        run = gr.Button(t(lang, "eval_run"), variant="primary", elem_id="eval-run")
        summary = gr.Markdown("", elem_id="eval-summary")
        download = gr.File(label=t(lang, "eval_report"), interactive=False, visible=False)
        report = gr.HTML("", elem_id="eval-report")


    def do_run(path, tok, lang, progress=gr.Progress()):  # noqa: B008 — Gradio injects it from the default
        return run_evaluation(service, path, tok, lang, progress)

    run.click(do_run, [upload, token, lang_radio], [summary, download, report], api_visibility="private",
              concurrency_limit=1, concurrency_id="eval")
    outputs = [tab, token, upload, run, download]
    keys = [("label", "tab_eval"), ("label", "admin_token"), ("label", "eval_set"), ("value", "eval_run"),
            ("label", "eval_report")]
    return EvalTab(tab, outputs, keys)


def run_evaluation(service: Service, path, tok, lang, progress=None) -> tuple:
    """Load, run and report one set: (summary Markdown, download update, report HTML)."""
    progress = progress or (lambda *a, **k: None)
    hidden = gr.update(visible=False, value=None)
    from .ui_admin import token_problem

    problem = token_problem(service, tok, lang)
    if problem:
        return problem, hidden, ""
    if not path:
        return t(lang, "no_files"), hidden, ""
    try:
        from eval.report import write_report
        from eval.runner import run_set
        from eval.sets import load_set
    except ImportError:
        log.exception("evaluation harness missing")
        return t(lang, "eval_missing"), hidden, ""
    items, problems = load_set(path)
    if not items:
        msg = "\n".join(f"- ⚠️ {html.escape(str(p), quote=False)}" for p in problems)
        return msg or t(lang, "no_files"), hidden, ""
    name = Path(path).stem
    progress((0, len(items)), desc=name, unit="câu" if lang == "vi" else "questions")
    try:
        result = run_set(service.bot, items, progress=lambda i, n: progress((i, n), desc=name),
                         problems=problems, name=name, source=Path(path).name)
        out = reports_dir(service) / f"{time.strftime('%Y%m%d-%H%M%S')}-{name}"
        page = write_report(result, out)
    except Exception:
        log.exception("evaluation failed")
        return f"⚠️ {t(lang, 'internal')}", hidden, ""
    return summary_md(result, problems, lang), gr.update(visible=True, value=str(page)), report_frame(page)
