"""Run a set through an Assistant and keep every verdict: ``run_set`` → ``RunResult``.

Library use (the Gradio evaluation tab calls exactly this)::

    from assistant.config import Settings
    from assistant.core import Assistant
    from eval.sets import load_set
    from eval.runner import run_set
    from eval.report import write_report

    bot = Assistant(Settings.resolve(), build=True, progress=False)   # load once
    items, problems = load_set("eval/sets/plans.jsonl")
    result = run_set(bot, items, progress=lambda i, n: print(f"{i}/{n}"), problems=problems,
                     name="plans")
    result.metrics["accuracy"], result.primary, len(result.failures)
    html_path = write_report(result, "eval/runs/plans-1")             # also writes result.json

``run_set`` never stops on one bad question: an error raised by ``ask`` is
recorded on that question (and counted in ``metrics["errors"]``). Latency is the
wall time of ``ask`` measured here, so it includes everything the user waits for.

Retrieval-only questions (no ``expect``, a ``gold``) are searched, not asked;
``retrieve`` below is the one place that reaches into the assistant's retriever.
"""
from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from pathlib import Path

from .match import first_rank
from .scoring import judge, primary_metric, reference_verdict, summarize

RETRIEVER_K = 10  # MRR@10 needs ten ranked sources
QUOTE_CHARS = 600  # keep result.json readable: long clauses are cut in the stored copy


def retrieve(assistant, question: str, k: int = RETRIEVER_K) -> list[dict]:
    """The retriever's top ``k`` sources for a question as the assistant reads it, unfiltered, as plain dicts.

    This is private API of the assistant (``_answerer.search``): keep every
    access to it in this function, so a change there is fixed here only.
    """
    hits = assistant._answerer.search.search(assistant.read(question), k=k)
    return [{"document": h.doc.name or h.doc.meta.number or "", "doc_id": getattr(h.chunk, "doc_id", None), "number": h.doc.meta.number,
             "province": h.doc.meta.province, "locator": h.chunk.locator,
             "text": h.chunk.text[:QUOTE_CHARS], "kind": h.chunk.kind} for h in hits]


@dataclass
class ItemResult:
    """One question's outcome: what was asked, what came back, and the verdict."""

    id: str
    q: str
    kind: str
    lang: str
    province: str | None
    expect: list
    cite: list
    gold: list
    retrieval_only: bool = False
    answer: str = ""
    found: bool | None = None
    citations: list[dict] = field(default_factory=list)
    retrieved: list[dict] = field(default_factory=list)  # the retriever's top sources (gold questions only)
    ms: float | None = None
    error: str | None = None
    correct: bool | None = None  # None for retrieval-only questions
    strict_ok: bool | None = None  # correct, and a one-year target's figure is that year's value
    ref_correct: bool | None = None  # the verdict of eval/score_reference.py (../shared/eval/score.py)
    answer_ok: bool = False
    cite_ok: bool = False
    first_cite_ok: bool | None = None
    found_ok: bool = False
    rank: int | None = None  # first right source among citations (or retriever hits, retrieval-only)
    retriever_rank: int | None = None
    missing: list = field(default_factory=list)
    ungrounded: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Passed: correct, or for a retrieval-only question the gold source in the top 5."""
        if self.retrieval_only:
            return self.rank is not None and self.rank <= 5
        return bool(self.correct)

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, d: dict) -> ItemResult:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})


@dataclass
class RunResult:
    """A whole run: per-question results, flat metrics and where the set came from."""

    name: str
    items: list[ItemResult]
    metrics: dict
    primary_metric: str = "accuracy"
    problems: list[dict] = field(default_factory=list)  # malformed lines of the set
    source: str | None = None
    created: str = ""
    seconds: float = 0.0
    settings: dict = field(default_factory=dict)

    @property
    def primary(self) -> float | None:
        return self.metrics.get(self.primary_metric)

    @property
    def failures(self) -> list[ItemResult]:
        return [r for r in self.items if not r.ok]

    def passed(self, minimum: float) -> bool:
        """The primary metric reaches ``minimum`` (a run with nothing to score fails)."""
        return self.primary is not None and self.primary >= minimum

    def to_json(self) -> dict:
        d = asdict(self)
        d["items"] = [r.to_json() for r in self.items]
        return d

    def save(self, out_dir) -> Path:
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        path = out / "result.json"
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
        return path

    @classmethod
    def load(cls, path) -> RunResult:
        """Read a run back from its ``result.json`` or the folder holding it."""
        path = Path(path)
        if path.is_dir():
            path = path / "result.json"
        d = json.loads(path.read_text(encoding="utf-8"))
        items = [ItemResult.from_json(x) for x in d.pop("items", [])]
        names = {f.name for f in fields(cls)}
        return cls(items=items, **{k: v for k, v in d.items() if k in names})


def _as_dict(answer) -> dict:
    """An ``Answer`` (or a dict in its JSON shape) as {"answer", "found", "citations", "ms"}."""
    d = answer.to_json() if hasattr(answer, "to_json") else dict(answer)
    if "answer" not in d and "text" in d:
        d["answer"] = d["text"]
    return d


def _short(citation: dict) -> dict:
    keep = ("document", "province", "locator", "text", "kind", "start", "end")
    c = {k: citation.get(k) for k in keep if k in citation}
    if c.get("text") and len(c["text"]) > QUOTE_CHARS:
        c["text"] = c["text"][:QUOTE_CHARS] + " …"
    return c


def score_item(item, out: dict | None, ms: float | None, retrieved: list[dict] | None = None,
               error: str | None = None) -> ItemResult:
    """Build one ItemResult from what the assistant returned (``out``) and/or the retriever."""
    r = ItemResult(id=item.id, q=item.q, kind=item.kind, lang=item.lang, province=item.province,
                   expect=item.expect, cite=item.cite, gold=item.gold, retrieval_only=item.retrieval_only,
                   ms=ms, error=error, retrieved=retrieved or [])
    if item.gold and retrieved is not None:
        r.retriever_rank = first_rank(item.gold, retrieved)
    if item.retrieval_only:
        r.rank = r.retriever_rank
        if not r.ok:
            r.reasons = ["Nguồn đúng không nằm trong 5 kết quả tìm kiếm đầu — right source not in the top 5"]
        if error:
            r.reasons.insert(0, f"Lỗi / error: {error}")
        return r
    out = out or {"answer": "", "found": False, "citations": [], "error": error}
    # The verdict uses the full citation text; only the stored copy is cut short.
    verdict = judge(item, out)
    r.answer, r.found = out.get("answer") or "", out.get("found")
    r.citations = [_short(c) for c in out.get("citations") or []]
    for k, v in verdict.items():
        setattr(r, k, v)
    r.ref_correct = reference_verdict(item, out) and not error
    if error:  # a crash is never a right answer, not even to an unanswerable question
        r.correct = r.strict_ok = r.found_ok = r.answer_ok = False
        if not r.reasons or not r.reasons[0].startswith("Lỗi"):
            r.reasons.insert(0, f"Lỗi / error: {error}")
    if item.gold:
        r.rank = first_rank(item.gold, out.get("citations") or [])
    return r


def run_set(assistant, items, progress=None, problems=None, name: str = "set", source: str | None = None,
            settings: dict | None = None, warmup: bool = True) -> RunResult:
    """Ask every item, score it, and total the metrics.

    ``assistant`` needs ``ask(question)`` returning an ``Answer`` (or its JSON
    dict); retrieval-only or gold questions also use ``retrieve`` (see above).
    ``progress(i, n)`` is called after each question, ``i`` from 1 to ``n``.
    ``warmup`` asks the first question once, untimed and unscored, because the
    first call pays one-off costs (model and cache loading) that would show as
    a false p95 on a small set; an ``Assistant`` also reads its vectors into memory first.
    """
    t_start = time.perf_counter()
    if warmup and items:
        if hasattr(assistant, "warm_up"):  # the stored vectors in memory first, as a server has them
            assistant.warm_up()
        try:
            assistant.ask(items[0].q)
        except Exception:  # noqa: BLE001, S110 — the timed run will record the same error properly
            pass
    results = []
    n = len(items)
    for i, item in enumerate(items, 1):
        results.append(_run_one(assistant, item))
        if progress:
            progress(i, n)
    metrics = summarize(results)
    return RunResult(name=name, items=results, metrics=metrics, primary_metric=primary_metric(results),
                     problems=[p.to_json() if hasattr(p, "to_json") else dict(p) for p in problems or []],
                     source=source, created=datetime.now().astimezone().isoformat(timespec="seconds"),
                     seconds=round(time.perf_counter() - t_start, 2), settings=settings or {})


def _run_one(assistant, item) -> ItemResult:
    out, error = None, None
    t0 = time.perf_counter()
    try:
        if not item.retrieval_only:
            out = _as_dict(assistant.ask(item.q))
    except Exception as err:  # noqa: BLE001 — one failing question must not end the run; it is reported
        error = f"{type(err).__name__}: {err}"
    ms = round((time.perf_counter() - t0) * 1000, 1)
    retrieved = None
    if item.gold:
        t1 = time.perf_counter()
        try:
            retrieved = retrieve(assistant, item.q)
        except Exception as err:  # noqa: BLE001 — same: record, keep going
            error = error or f"retriever: {type(err).__name__}: {err}"
            retrieved = []
        if item.retrieval_only:
            ms = round((time.perf_counter() - t1) * 1000, 1)
    return score_item(item, out, ms, retrieved, error)
