"""Inline SVG charts for the report: no JavaScript, no files, readable when printed.

    bars([("target", 0.9, 18), ("prose", 0.5, 4)], "Accuracy by kind")  → "<svg …>"
    histogram([120, 130, 900], "Latency (ms)")                           → "<svg …>"

Every label goes through ``html.escape``: set names and kinds come from files
people edit, and the report must stay a plain page whatever they type.
"""
from __future__ import annotations

import math
from html import escape

BAR_COLOR = "#2f6f9f"
BAD_COLOR = "#c0392b"
GRID = "#dddddd"


def bars(rows: list[tuple[str, float | None, int]], title: str, width: int = 560) -> str:
    """Horizontal bars of a rate (0..1) per label, with the count beside each.

    A bar under 50% is drawn red so the weak spots show at a glance.
    """
    label_w, right = 150, 90
    bar_h, gap, top = 22, 8, 30
    height = top + len(rows) * (bar_h + gap) + 24
    inner = width - label_w - right
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
           f'aria-label="{escape(title)}" font-family="sans-serif" font-size="13">',
           f'<text x="0" y="18" font-weight="bold">{escape(title)}</text>']
    for pct in (0, 25, 50, 75, 100):
        x = label_w + inner * pct / 100
        out.append(f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{height - 20}" stroke="{GRID}"/>')
        out.append(f'<text x="{x:.1f}" y="{height - 6}" text-anchor="middle" fill="#666">{pct}%</text>')
    for i, (label, value, n) in enumerate(rows):
        y = top + i * (bar_h + gap)
        out.append(f'<text x="{label_w - 8}" y="{y + bar_h * 0.7:.1f}" text-anchor="end">{escape(str(label))}</text>')
        if value is None:
            out.append(f'<text x="{label_w + 4}" y="{y + bar_h * 0.7:.1f}" fill="#666">—</text>')
            continue
        w = max(inner * value, 1.5)
        color = BAR_COLOR if value >= 0.5 else BAD_COLOR
        out.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{color}"/>')
        out.append(f'<text x="{label_w + w + 6:.1f}" y="{y + bar_h * 0.7:.1f}">'
                   f'{value * 100:.0f}% <tspan fill="#666">(n={n})</tspan></text>')
    out.append("</svg>")
    return "\n".join(out)


def _nice_step(span: float, bins: int) -> float:
    """A round bin width (1, 2 or 5 × 10^k) giving about ``bins`` bins."""
    raw = max(span / bins, 1e-9)
    mag = 10 ** math.floor(math.log10(raw))
    return next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw)


def histogram(values: list[float], title: str, unit: str = "ms", bins: int = 10, width: int = 560,
              marks: dict[str, float | None] | None = None) -> str:
    """Column histogram of ``values`` with round bin edges; ``marks`` draws lines (p50, p95).

    >>> "<rect" in histogram([100, 120, 130, 800], "Latency")
    True
    """
    left, bottom, top = 40, 40, 30
    height = 220
    if not values:
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="50" font-family="sans-serif" '
                f'font-size="13"><text x="0" y="30">{escape(title)}: —</text></svg>')
    lo, hi = min(values), max(values)
    # One slow first question would squeeze every other column into one bin:
    # values beyond three times the median share a last, open-ended bin.
    median = sorted(values)[len(values) // 2]
    capped = hi > 3 * median > lo
    if capped:
        hi = 3 * median
    step = _nice_step(hi - lo or 1, bins)
    start = math.floor(lo / step) * step
    nb = max(1, math.ceil((hi - start) / step + 1e-9))
    if start + nb * step <= hi:
        nb += 1
    counts = [0] * nb
    for v in values:
        counts[min(int((min(v, hi) - start) // step), nb - 1)] += 1
    inner_w, inner_h = width - left - 10, height - top - bottom
    col_w = inner_w / nb
    peak = max(counts)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
           f'aria-label="{escape(title)}" font-family="sans-serif" font-size="12">',
           f'<text x="0" y="18" font-weight="bold" font-size="13">{escape(title)}</text>',
           f'<line x1="{left}" y1="{top + inner_h}" x2="{left + inner_w}" y2="{top + inner_h}" stroke="#999"/>']
    for i, c in enumerate(counts):
        h = inner_h * c / peak if peak else 0
        x = left + i * col_w
        if c:
            out.append(f'<rect x="{x + 1:.1f}" y="{top + inner_h - h:.1f}" width="{col_w - 2:.1f}" '
                       f'height="{h:.1f}" fill="{BAR_COLOR}"><title>{c}</title></rect>')
            out.append(f'<text x="{x + col_w / 2:.1f}" y="{top + inner_h - h - 3:.1f}" '
                       f'text-anchor="middle">{c}</text>')
        if i % max(1, nb // 6) == 0:
            out.append(f'<text x="{x:.1f}" y="{top + inner_h + 16}" text-anchor="middle" fill="#666">'
                       f'{start + i * step:g}</text>')
    if capped:
        out.append(f'<text x="{left + inner_w:.1f}" y="{top + inner_h + 16}" text-anchor="end" fill="#666">'
                   f'≥{start + (nb - 1) * step:g}</text>')
    out.append(f'<text x="{left + inner_w:.1f}" y="{height - 6}" text-anchor="end" fill="#666">{escape(unit)}</text>')
    for name, v in (marks or {}).items():
        if v is None or v > start + nb * step:
            continue
        x = left + (v - start) / (nb * step) * inner_w
        out.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + inner_h}" stroke="{BAD_COLOR}" '
                   f'stroke-dasharray="4 3"/><text x="{x + 3:.1f}" y="{top + 10}" fill="{BAD_COLOR}">'
                   f'{escape(name)}</text>')
    out.append("</svg>")
    return "\n".join(out)
