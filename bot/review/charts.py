"""Charts drawn on the server as SVG: no JavaScript, no CDN, readable when printed.

Two shapes are enough for the dashboard: stacked bars over days, and horizontal
bars for rankings. Colors come from a fixed palette so a series keeps its color.
The wide chart keeps its text readable on a phone: it never shrinks below
``.chart.wide``'s minimum width (review.css) and scrolls sideways instead.
"""

from __future__ import annotations

from typing import Dict, List, Sequence, Tuple

from markupsafe import Markup, escape

#: Font size of the wide chart's text, in its own units: at its minimum width
#: (600 of 720 units) still 11.7 CSS pixels.
TEXT = 14
PALETTE = ("#1b6ca8", "#e07a1f", "#3a9d5d", "#b23a48", "#7b5ea7", "#5c6f7b",
           "#c9a227", "#2a9d8f")


def stacked_bars(days: Sequence[str], series: Dict[str, Dict[str, int]],
                 title: str, width: int = 720, height: int = 240) -> Markup:
    """Stacked bars per day, one color per series, with a legend."""
    names = sorted(series)
    totals = [sum(series[n].get(day, 0) for n in names) for day in days]
    top = max(totals, default=0) or 1
    left, bottom, legend = 40, 30, 22 * ((len(names) + 3) // 4)
    plot_h = height - bottom - legend - 10
    bar_w = (width - left - 10) / max(len(days), 1)
    parts: List[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} '
        f'{height}" class="chart wide"><title>{escape(title)}</title>',
        f'<text x="{left - 6}" y="{legend + 12}" text-anchor="end" '
        f'font-size="{TEXT}">{top}</text>',
        f'<line x1="{left}" y1="{legend + plot_h + 10}" x2="{width - 10}" '
        f'y2="{legend + plot_h + 10}" stroke="#999"/>',
    ]
    for index, name in enumerate(names):
        x, y = 10 + (index % 4) * 175, 14 + (index // 4) * 22
        parts.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" '
                     f'fill="{PALETTE[index % len(PALETTE)]}"/>'
                     f'<text x="{x + 16}" y="{y}" font-size="{TEXT}">'
                     f'{escape(name)}</text>')
    for column, day in enumerate(days):
        base: float = legend + plot_h + 10
        for index, name in enumerate(names):
            value = series[name].get(day, 0)
            if not value:
                continue
            h = value / top * plot_h
            base -= h
            parts.append(
                f'<rect x="{left + column * bar_w + 1:.1f}" y="{base:.1f}" '
                f'width="{max(bar_w - 2, 1):.1f}" height="{h:.1f}" '
                f'fill="{PALETTE[index % len(PALETTE)]}"><title>{escape(day)} '
                f'{escape(name)}: {value}</title></rect>')
    for column in sorted({0, len(days) // 2, len(days) - 1}):
        if 0 <= column < len(days):
            parts.append(f'<text x="{left + column * bar_w:.1f}" y="{height - 8}" '
                         f'font-size="{TEXT}">{escape(days[column][5:])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def ranking(items: List[Tuple[str, int]], title: str, width: int = 340) -> Markup:
    """Horizontal bars, largest first, labelled with name and count."""
    row, label_w = 22, 150
    height = row * max(len(items), 1) + 10
    top = max((count for _, count in items), default=0) or 1
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width}'
             f' {height}" class="chart"><title>{escape(title)}</title>']
    for index, (name, count) in enumerate(items):
        y = 5 + index * row
        bar = (width - label_w - 50) * count / top
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end" font-size="12">'
            f'{escape(name)}</text><rect x="{label_w}" y="{y + 2}" width="{bar:.1f}" '
            f'height="16" fill="{PALETTE[0]}"/><text x="{label_w + bar + 4:.1f}" '
            f'y="{y + 14}" font-size="12">{count}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
