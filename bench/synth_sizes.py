"""The sizes of the growth benchmark: which documents each holds, and which questions score it.

    from bench.synth_sizes import parse_sizes, assemble
    sizes = parse_sizes("plans,qa,real,x10")
    docs, questions = assemble(sizes[1], real_docs=Path("../shared/real/docs"), real_qa=Path("../shared/real/qa.jsonl"))

A size is one of

    plans   the shipped plans (corpus/), scored with eval/sets/dev.jsonl
    qa      plans + the real documents ../shared/real/qa.jsonl cites (its ``doc`` field: 10)
    real    plans + every real document (../shared/real/docs: 421)
    x10     real + generated documents up to ten times real's characters — for size only: the
            generated texts (bench/synth.py plans, bench/synth_law.py laws) add bulk and
            distractors; accuracy is still measured on the real questions alone
    P, P+L  the older synthetic sizes: P generated plans (+ L laws), scored on generated questions

Real sizes are scored with the shipped plans' dev set (group ``plans``) and the real set
(group ``real``), so one row says both whether real documents are answered and whether the
plans keep their level beside them. ``assemble`` returns documents as (folder, name, text)
with folder ``plans``, ``real`` or ``gen``; sizes nest (every size holds the previous one's
files unchanged), so an index grows in place from one size to the next.

Worked example: ``parse_sizes("plans,63+300")`` → ``[Size("plans"), Size("63+300", plans=63, laws=300)]``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV_SET = ROOT / "eval" / "sets" / "dev.jsonl"
REAL_KINDS = ("plans", "qa", "real", "x10")
X10 = 10  # the generated bulk brings the corpus to this many times the real characters


@dataclass(frozen=True)
class Size:
    label: str
    plans: int = 0  # generated plans (synthetic sizes)
    laws: int = 0  # generated laws (synthetic sizes)

    @property
    def real(self) -> bool:
        return self.label in REAL_KINDS


def parse_sizes(text: str) -> list[Size]:
    """``"plans,qa,real,x10"`` or ``"16,63+300"``; an unknown word is a ValueError naming the choices."""
    out = []
    for tok in (t.strip() for t in text.split(",") if t.strip()):
        if tok in REAL_KINDS:
            out.append(Size(tok))
            continue
        p, _, laws = tok.partition("+")
        if not p.isdigit() or (laws and not laws.isdigit()):
            raise ValueError(f"size {tok!r}: use {', '.join(REAL_KINDS)}, P (plans) or P+L (plans + laws)")
        out.append(Size(tok, int(p), int(laws or 0)))
    return out


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def _questions(path: Path, group: str) -> list[dict]:
    return [{**q, "group": group} for q in read_jsonl(path)]


def generated_fill(target_chars: int, seed: int = 1):
    """Generated documents (63 plans, then laws) until ``target_chars`` characters: SynthDocs.

    >>> sum(len(d.text) for d in generated_fill(100_000)) >= 100_000
    True
    """
    from bench.synth import PROVINCES, make_plan
    from bench.synth_law import make_law

    total, i = 0, 0
    while total < target_chars:
        if i < len(PROVINCES):
            doc = make_plan(i, seed)
        else:
            from bench.synth import SynthDoc

            text, _ = make_law(i - len(PROVINCES), seed)
            doc = SynthDoc(f"law_{i - len(PROVINCES):05d}.txt", text)
        total += len(doc.text)
        i += 1
        yield doc


def assemble(size: Size, real_docs: Path | None = None, real_qa: Path | None = None, seed: int = 1,
             questions: int = 40) -> tuple[list[tuple[str, str, str]], list[dict]]:
    """(documents, questions) of one size. Documents are (folder, file name, text)."""
    if not size.real:
        from bench.synth import make_corpus, sample_questions

        docs = make_corpus(size.plans, size.laws, seed)
        qs = sample_questions(docs, questions, seed, absent=questions // 10 if size.plans < 63 else 0)
        return [("gen", d.name, d.text) for d in docs], [{**q, "group": "generated"} for q in qs]
    docs = [("plans", p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "corpus").glob("*.txt"))]
    qs = _questions(DEV_SET, "plans")
    if size.label == "plans":
        return docs, qs
    if not (real_docs and Path(real_docs).is_dir() and real_qa and Path(real_qa).is_file()):
        raise FileNotFoundError(f"size {size.label!r} needs --real-docs FOLDER and --real-qa FILE "
                                f"(../shared/real/docs and ../shared/real/qa.jsonl beside the clone)")
    real_set = _questions(real_qa, "real")
    files = sorted(p for p in Path(real_docs).iterdir() if p.is_file())
    if size.label == "qa":
        cited = {q.get("doc") for q in real_set if q.get("doc")}
        files = [p for p in files if p.name in cited]
    real = [("real", p.name, p.read_text(encoding="utf-8")) for p in files]
    docs += real
    if size.label == "x10":
        target = X10 * sum(len(t) for _, _, t in real) - sum(len(t) for _, _, t in docs)
        docs += [("gen", d.name, d.text) for d in generated_fill(max(target, 0), seed)]
    return docs, qs + real_set


def write_docs(corpus: Path, docs: list[tuple[str, str, str]]) -> int:
    """Write the documents under ``corpus/<folder>/``; files already there unchanged keep their
    mtime. Returns the number of files written."""
    written = 0
    for folder, name, text in docs:
        path = corpus / folder / name
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written += 1
    return written
