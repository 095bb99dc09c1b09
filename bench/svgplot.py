"""A small hand-written SVG chart of growth results: no plotting dependency to install.

    write_svg(Path("docs/scale.svg"), rows, "Growth (embedded Chroma, 2025-11-22)")

Six panels, each a line over the number of documents: ingest throughput, index size,
peak memory (ingest and serving), warm latency p50/p95, index load time, accuracy.
"""
from __future__ import annotations

from html import escape
from pathlib import Path

W, H = 300, 190  # one panel
PAD_L, PAD_R, PAD_T, PAD_B = 48, 12, 28, 34
COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"]
PANELS = [
    ("Ingest throughput (chars/s)", [("chars_per_s", "chars/s")]),
    ("Index on disk (MB)", [("index_mb", "index"), ("chroma_server_mb", "server")]),
    ("Peak memory (MB)", [("ingest_peak_mb", "ingest"), ("serve_peak_mb", "serving")]),
    ("Warm latency (ms)", [("p50_ms", "p50"), ("p95_ms", "p95")]),
    ("Index load at start (s)", [("load_s", "load")]),
    ("Accuracy on generated questions", [("accuracy", "all"), ("accuracy_plans", "plans"), ("accuracy_laws", "laws")]),
]


def _num(v) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if f != f else f  # NaN is "no value"


def _panel(x0: int, y0: int, title: str, series, rows: list[dict]) -> list[str]:
    xs = [_num(r.get("documents")) or 0 for r in rows]
    lines = [s for s in series if any(_num(r.get(s[0])) is not None for r in rows)]
    ys = [_num(r.get(k)) for k, _ in lines for r in rows]
    ys = [y for y in ys if y is not None]
    out = [f'<text x="{x0 + W / 2}" y="{y0 + 16}" text-anchor="middle" font-weight="bold">{escape(title)}</text>']
    if not xs or not ys:
        return out + [f'<text x="{x0 + W / 2}" y="{y0 + H / 2}" text-anchor="middle">no data</text>']
    xmax, ymax = max(xs) or 1, max(ys) * 1.1 or 1
    if "Accuracy" in title:
        ymax = 1.0

    def px(x):
        return x0 + PAD_L + (W - PAD_L - PAD_R) * x / xmax

    def py(y):
        return y0 + H - PAD_B - (H - PAD_T - PAD_B) * y / ymax

    out.append(f'<rect x="{x0 + PAD_L}" y="{y0 + PAD_T}" width="{W - PAD_L - PAD_R}" height="{H - PAD_T - PAD_B}" '
               'fill="none" stroke="#999"/>')
    for i in range(5):
        y = ymax * i / 4
        out.append(f'<text x="{x0 + PAD_L - 4}" y="{py(y) + 4:.1f}" text-anchor="end">{_fmt(y)}</text>')
    for x in sorted(set(xs)):
        out.append(f'<text x="{px(x):.1f}" y="{y0 + H - PAD_B + 14}" text-anchor="middle">{int(x)}</text>')
    out.append(f'<text x="{x0 + PAD_L + (W - PAD_L - PAD_R) / 2}" y="{y0 + H - 4}" text-anchor="middle">documents</text>')
    for n, (key, label) in enumerate(lines):
        pts = [(px(x), py(_num(r.get(key)))) for x, r in zip(xs, rows, strict=True) if _num(r.get(key)) is not None]
        color = COLORS[n % len(COLORS)]
        out.append(f'<polyline fill="none" stroke="{color}" stroke-width="2" points="'
                   + " ".join(f"{a:.1f},{b:.1f}" for a, b in pts) + '"/>')
        out += [f'<circle cx="{a:.1f}" cy="{b:.1f}" r="3" fill="{color}"/>' for a, b in pts]
        out.append(f'<text x="{x0 + PAD_L + 6}" y="{y0 + PAD_T + 14 + 13 * n}" fill="{color}">{escape(label)}</text>')
    return out


def _fmt(v: float) -> str:
    if v >= 1000:
        return f"{v / 1000:.0f}k" if v >= 10000 else f"{v / 1000:.1f}k"
    return f"{v:.0f}" if v >= 10 else f"{v:.2f}".rstrip("0").rstrip(".")


def write_svg(path: Path, rows: list[dict], title: str, panels=None) -> None:
    panels = panels or PANELS  # bench.growth passes its own (real-text columns)
    cols = 3
    nrows = (len(panels) + cols - 1) // cols
    width, height = cols * W + 20, nrows * H + 50
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'font-family="sans-serif" font-size="11">',
             f'<rect width="{width}" height="{height}" fill="white"/>',
             f'<text x="{width / 2}" y="22" text-anchor="middle" font-size="14" font-weight="bold">{escape(title)}</text>']
    for i, (ptitle, series) in enumerate(panels):
        parts += _panel(10 + (i % cols) * W, 36 + (i // cols) * H, ptitle, series, rows)
    parts.append("</svg>")
    Path(path).write_text("\n".join(parts), encoding="utf-8")
