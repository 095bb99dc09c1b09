"""Synthetic corpora: every province's plan made from the two shipped plans, plus legal texts.

    python -m bench.synth --provinces 8 --laws 4 --out /tmp/corpus8   # writes *.txt + questions.jsonl

Plan ``i`` copies shipped plan ``i % 2`` and changes, deterministically from ``--seed``:
  - the province (``tỉnh An Giang`` → ``tỉnh Gia Lai``; a city gets ``thành phố``),
  - the plan number (422/KH-UBND → 3xx/KH-UBND) and the signer,
  - the target figures of the appendix, scaled by a per-row factor but printed in the
    same format (``104.046`` stays thousands-dotted, ``20,83`` keeps a decimal comma and
    two decimals, ``<3,5`` keeps its comparator, ``0,5-1,2`` stays a range),
  - the lead agencies of the appendix, permuted among those the plan already names.
Only value cells that can be located exactly are changed (the last figures of a row's
span, checked against the parsed values), and every question is checked against the
parse of the synthetic text, so each generated question has one known answer.
Questions use the format of ``eval/sets`` (id, q, lang, province, kind, expect, cite).
"""
from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ground.provinces import PROVINCES as _ALL
from ingest.model import TableRow
from ingest.pipeline import load_document, parse_text

from .synth_law import make_law

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted((ROOT / "corpus").glob("*.txt"))
PROVINCES = [p for p in _ALL if p != "Huế"]  # "Huế" is an alias of Thừa Thiên Huế: 63 units
CITIES = {"Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Thành phố Hồ Chí Minh"}
FIG = re.compile(r"\d+(?:[.,]\d+)*")
# A value cell we can rewrite: optional comparator, a figure or a range, optional "%".
SIMPLE = re.compile(r"^\s*(?:<=|>=|<|>|≤|≥)?\s*\d+(?:[.,]\d+)*(?:\s*-\s*\d+(?:[.,]\d+)*)?\s*%?\s*$")
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Ngọc"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Lan", "Long", "Nam", "Phúc", "Quang", "Sơn", "Tâm", "Trung"]


@dataclass
class SynthDoc:
    name: str  # file name
    text: str
    province: str | None = None
    questions: list[dict] = field(default_factory=list)


# ---- figures -----------------------------------------------------------------------
def scale_figure(token: str, factor: float, percent: bool) -> str:
    """``token`` times ``factor``, printed in the token's own format.

    >>> scale_figure("104.046", 1.1, False), scale_figure("20,83", 1.1, True), scale_figure("3", 1.4, True)
    ('114.451', '22,91', '4')
    """
    parts = re.split(r"([.,])", token)
    digits, seps = parts[0::2], parts[1::2]
    if len(digits[0]) > 1 and digits[0].startswith("0"):
        return token  # "05": a typo in the source; no format to keep
    if seps and all(len(d) == 3 for d in digits[1:]) and len(set(seps)) == 1:
        value = round(int("".join(digits)) * factor)  # thousands grouped: 2,500 / 104.046
        groups = f"{value:,}".split(",")
        return seps[0].join(groups)
    if len(seps) == 1:  # decimal: 3,5 / 26.1 / 20,83
        places = len(digits[1])
        value = _cap(float(f"{digits[0]}.{digits[1]}") * factor, percent)
        return f"{value:.{places}f}".replace(".", seps[0])
    if seps:
        return token  # 1.234,5: never printed by the plans; leave it
    return str(max(1, round(_cap(int(token) * factor, percent)))) if int(token) else token


def _cap(value: float, percent: bool) -> float:
    """Percentages stay at most 100: what scaling pushes over is reflected back below."""
    return 100 - (value - 100) / 2 if percent and value > 100 else value


def _row_edits(text: str, row: TableRow, factor: float) -> list[tuple[int, int, str]] | None:
    """(start, end, new) for the row's value figures, or None when they cannot be located."""
    values = [v for v in row.values if not v.empty]
    if not values or any(v.footnotes for v in row.values):
        return None
    if any(not SIMPLE.match(v.raw) for v in values):
        return None
    if any(re.search(r"\d", s or "") for s in (row.agency, row.note)):
        return None
    want = [t for v in row.values for t in FIG.findall(v.raw)]
    found = list(FIG.finditer(text, row.start, row.end))
    if len(found) < len(want) or [m.group() for m in found[-len(want):]] != want:
        return None
    percent = "%" in (row.unit or "")
    edits = [(m.start(), m.end(), scale_figure(m.group(), factor, percent)) for m in found[-len(want):]]
    # a range must stay a range: "3-4" scaled to "3-3" would read as one value
    for v in values:
        if "-" in v.raw.strip().lstrip("<>=≤≥"):
            return None if len({e[2] for e in edits}) < len(edits) else edits
    return edits


@lru_cache(maxsize=4)
def _template(path: Path):
    return path.read_text(encoding="utf-8"), load_document(path)


# ---- plans -------------------------------------------------------------------------
def make_plan(index: int, seed: int = 1) -> SynthDoc:
    """Province ``index`` (0..62) of ``PROVINCES``, from shipped plan ``index % 2``."""
    province = PROVINCES[index]
    text, tdoc = _template(TEMPLATES[index % len(TEMPLATES)])
    rng = random.Random(f"{seed}:{province}")
    edits, changed = [], set()
    for pos, row in enumerate(tdoc.rows):
        factor = random.Random(f"{seed}:{province}:{pos}").uniform(0.7, 1.3)
        got = _row_edits(text, row, factor)
        if got:
            edits += got
            changed.add(pos)
    for a, b, new in sorted(edits, reverse=True):
        text = text[:a] + new + text[b:]
    appendix = re.search(r"(?im)^\s*phụ lục\s*$", text)
    cut = appendix.start() if appendix else len(text)
    agencies = _agency_map(text[cut:], tdoc.rows, rng)
    if agencies:
        pattern = re.compile("|".join(re.escape(a) for a in sorted(agencies, key=len, reverse=True)))
        text = text[:cut] + pattern.sub(lambda m: agencies[m.group()], text[cut:])
    old = tdoc.meta.province
    level = "" if province.startswith("Thành phố") else ("thành phố " if province in CITIES else "tỉnh ")
    text = re.sub(rf"tỉnh\s+{re.escape(old)}", level + province, text)
    text = text.replace(old, province)
    if tdoc.meta.number:
        num, _, rest = tdoc.meta.number.partition("/")
        text = re.sub(rf"\b{num}(\s*/{re.escape(rest)})", rf"{300 + index}\1", text)
    if tdoc.meta.signer:
        signer = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        text = text.replace(tdoc.meta.signer, signer)
    doc = SynthDoc(f"plan_{index:02d}_{_slug(province)}.txt", text, province)
    doc.questions = _plan_questions(doc, tdoc.rows, changed, seed)
    return doc


def _agency_map(appendix: str, rows: list[TableRow], rng: random.Random) -> dict[str, str]:
    """A permutation of the single-line agency names the appendix prints verbatim."""
    names = sorted({r.agency for r in rows if r.agency and "\n" not in r.agency and r.agency in appendix})
    shuffled = names[:]
    rng.shuffle(shuffled)
    return {a: b for a, b in zip(names, shuffled, strict=True) if a != b}


def _plan_questions(doc: SynthDoc, trows: list[TableRow], changed: set[int], seed: int) -> list[dict]:
    """Questions about rows whose figures were rewritten, checked against the new parse."""
    parsed = parse_text(doc.text, doc.name)
    if parsed.meta.province != doc.province or len(parsed.rows) != len(trows):
        return []  # the synthetic text does not read back as intended: ask nothing about it
    rng = random.Random(f"{seed}:q:{doc.province}")
    out = []
    for pos in sorted(changed):
        row = parsed.rows[pos]
        if row.parent or not row.label.strip():
            continue  # sub-rows need their parent's words to be asked; keep questions plain
        indicator = " ".join(row.label.split()).rstrip(".; ")
        for v in row.values:
            if v.empty or not SIMPLE.match(v.raw):
                continue
            raw = " ".join(v.raw.split()).replace(" ", "").rstrip("%")
            out.append(_question(rng, doc.province, indicator, v.year, raw, row.agency))
    return out


def _question(rng: random.Random, province: str, indicator: str, year: int, raw: str, agency) -> dict:
    forms = [
        ("vi", f"{indicator} của {province} năm {year}"),
        ("vi", f"Mục tiêu {indicator[0].lower() + indicator[1:]} của {province} đến năm {year} là bao nhiêu?"),
        ("vi", f"{province}: {indicator.lower()} đến năm {year}?"),
        ("en", f"What is {province}'s {year} target for “{indicator}”?"),
    ]
    lang, q = rng.choice(forms)
    return {"q": q, "lang": lang, "province": province, "kind": "target", "expect": [[raw]], "cite": [],
            "agency": agency, "year": year}


# ---- corpora -----------------------------------------------------------------------
def make_corpus(provinces: int, laws: int = 0, seed: int = 1) -> list[SynthDoc]:
    """The first ``provinces`` plans and ``laws`` legal texts (so sizes nest: 4 ⊂ 8)."""
    if not 0 <= provinces <= len(PROVINCES):
        raise ValueError(f"provinces must be 0..{len(PROVINCES)}")
    docs = [make_plan(i, seed) for i in range(provinces)]
    for j in range(laws):
        text, facts = make_law(j, seed)
        qs = [{"q": f["q"], "lang": "vi", "province": None, "kind": "prose", "expect": f["expect"],
               "cite": [f["cite"]]} for f in facts]
        docs.append(SynthDoc(f"law_{j:04d}.txt", text, None, qs))
    return docs


def sample_questions(docs: list[SynthDoc], n: int, seed: int = 1, absent: int = 0) -> list[dict]:
    """``n`` questions spread over the documents, plus ``absent`` about provinces not in them.

    Plans and legal texts share the questions half and half when both are present (300 laws
    after 63 plans must not leave the laws unasked); within each, documents are taken in a
    shuffled order, round-robin, so every document is asked about before any is asked twice."""
    rng = random.Random(f"{seed}:sample")
    plans = [d for d in docs if d.questions and d.province]
    laws = [d for d in docs if d.questions and not d.province]
    share = [(plans, n - n // 2), (laws, n // 2)] if plans and laws else [(plans or laws, n)]
    picked: list[dict] = []
    for group, quota in share:
        pools = [d.questions[:] for d in group]
        for p in pools:
            rng.shuffle(p)
        rng.shuffle(pools)
        taken: list[dict] = []
        while len(taken) < quota and any(pools):
            for p in pools:
                if p and len(taken) < quota:
                    taken.append(p.pop())
        picked += taken
    have = {d.province for d in docs}
    missing = [p for p in PROVINCES if p not in have]
    for p in rng.sample(missing, min(absent, len(missing))):
        picked.append({"q": f"Tỷ lệ thất nghiệp chung của {p} năm 2025", "lang": "vi", "province": p,
                       "kind": "unanswerable", "expect": [], "cite": []})
    return [{"id": f"s{i:04d}", **q} for i, q in enumerate(picked, 1)]


def write_corpus(out: Path, docs: list[SynthDoc]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for d in docs:
        path = out / d.name
        if not path.exists() or path.read_text(encoding="utf-8") != d.text:
            path.write_text(d.text, encoding="utf-8")  # untouched files keep their mtime
        paths.append(path)
    return paths


def _slug(name: str) -> str:
    from ground.normalize import fold

    return re.sub(r"[^a-z0-9]+", "_", fold(name).lower()).strip("_")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--provinces", type=int, default=4)
    ap.add_argument("--laws", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--questions", type=int, default=40)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    docs = make_corpus(args.provinces, args.laws, args.seed)
    paths = write_corpus(args.out, docs)
    qs = sample_questions(docs, args.questions, args.seed, absent=max(1, args.questions // 10))
    with open(args.out / "questions.jsonl", "w", encoding="utf-8") as f:
        for q in qs:
            f.write(json.dumps(q, ensure_ascii=False) + "\n")
    chars = sum(len(d.text) for d in docs)
    print(f"{len(paths)} documents, {chars:,} characters, {len(qs)} questions → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
