"""Evaluation harness: run sets of known questions, score them, compare runs, read the report.

Command line (see ``eval.cli`` and docs/eval.md)::

    python -m eval run eval/sets/dev.jsonl --min 0.9      # result.json + report.html
    python -m eval compare eval/runs/dev-A eval/runs/dev-B
    python -m eval run ../shared/real/qa.jsonl --docs ../shared/real/docs   # an index of that folder, cached

Library API (what the Gradio evaluation tab calls)::

    from eval.sets import load_set        # load_set(path) -> (items, problems)
    from eval.runner import run_set       # run_set(assistant, items, progress=callable(i, n)) -> RunResult
    from eval.report import write_report  # write_report(result, out_dir) -> Path of report.html
    from eval.compare import compare      # compare(run_a, run_b) -> dict of what got better/worse

    items, problems = load_set("eval/sets/plans.jsonl")
    result = run_set(bot, items, progress=lambda i, n: None, problems=problems, name="plans")
    result.metrics["accuracy"]            # flat dict of metrics; result.primary_metric == "accuracy"
    write_report(result, "eval/runs/plans-1")

Modules: ``match`` (figure-aware, accent-blind matching), ``sets`` (JSONL/CSV/XLSX),
``scoring`` (verdicts and metrics), ``runner`` (asking, RunResult), ``report`` and
``charts`` (HTML with inline SVG), ``compare``, ``docindex`` (the cached index of ``--docs``), ``cli``.
"""
