"""Server-rendered SVG charts: no script, no outside resource (the dashboard's CSP allows neither), fixed colours
that print, a <title> and <desc> for screen readers, Vietnamese number formats."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import count

from markupsafe import Markup, escape

from bot.web.dashboard.numbers import fmt_int, fmt_rate, month_label

WIDTH = 760
VOLUME = "#b9d3fb"
RATE = "#0b7a3b"
CURRENT = "#0068ff"
PREVIOUS = "#a3adbd"
AVERAGE = "#b42318"
INK = "#3a4456"
GRID = "#e3e8ef"
_ids = count(1)


@dataclass(frozen=True)
class MonthPoint:
    """One month of the trend: YYYY-MM, how many ratings, the satisfaction rate."""

    key: str
    total: int
    rate: float | None


@dataclass(frozen=True)
class BarRow:
    """One unit (or procedure) in the comparison: its rate now and in the previous period."""

    label: str
    rate: float | None
    total: int
    previous_rate: float | None
    previous_total: int


def _text(x: float, y: float, content: str, *, size: int = 12, anchor: str = "start", fill: str = INK,
          bold: bool = False) -> str:
    weight = ' font-weight="700"' if bold else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}"{weight}>'
        f"{escape(content)}</text>"
    )


def _svg(kind: str, height: float, title: str, desc: str, body: list[str]) -> Markup:
    n = next(_ids)
    return Markup(
        f'<svg class="chart {kind}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'width="100%" role="img" aria-labelledby="c{n}t c{n}d" font-family="system-ui, sans-serif">'
        f'<title id="c{n}t">{escape(title)}</title><desc id="c{n}d">{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def trend_svg(points: Sequence[MonthPoint], *, title: str) -> Markup:
    """Bars of the ratings each month and a line of the satisfaction rate (0–100%) over them."""
    height, left, right, top, bottom = 280, 48, 16, 34, 30
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    slot = plot_w / max(len(points), 1)
    most = max((p.total for p in points), default=0) or 1
    body: list[str] = [
        f'<rect x="{left}" y="6" width="12" height="12" fill="{VOLUME}"/>',
        _text(left + 16, 16, "Số đánh giá"),
        f'<circle cx="{left + 126}" cy="12" r="5" fill="{RATE}"/>',
        _text(left + 136, 16, "Tỷ lệ hài lòng"),
    ]
    for pct in (0, 50, 100):
        y = top + plot_h * (1 - pct / 100)
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - right}" y2="{y:.1f}" stroke="{GRID}"/>')
        body.append(_text(left - 6, y + 4, f"{pct}%", size=11, anchor="end"))
    line: list[str] = []
    segments: list[list[str]] = [line]
    for i, p in enumerate(points):
        cx = left + slot * (i + 0.5)
        bar_h = plot_h * 0.92 * p.total / most
        summary = f"{month_label(p.key)}: {fmt_int(p.total)} đánh giá, tỷ lệ hài lòng {fmt_rate(p.rate)}"
        body.append(
            f'<rect class="volume" x="{cx - slot * 0.3:.1f}" y="{top + plot_h - bar_h:.1f}" width="{slot * 0.6:.1f}" '
            f'height="{bar_h:.1f}" fill="{VOLUME}"><title>{escape(summary)}</title></rect>'
        )
        if p.total:
            body.append(_text(cx, top + plot_h - 4, fmt_int(p.total), size=11, anchor="middle"))
        body.append(_text(cx, height - 10, month_label(p.key), size=11, anchor="middle"))
        if p.rate is None:
            line = []
            segments.append(line)
            continue
        y = top + plot_h * (1 - p.rate / 100)
        line.append(f"{cx:.1f},{y:.1f}")
        body.append(
            f'<circle class="rate" cx="{cx:.1f}" cy="{y:.1f}" r="4" fill="{RATE}">'
            f"<title>{escape(summary)}</title></circle>"
        )
        body.append(_text(cx, y - 8, fmt_rate(p.rate).replace("%", ""), size=10, anchor="middle", fill=RATE, bold=True))
    for seg in segments:
        if len(seg) > 1:
            body.insert(4, f'<polyline points="{" ".join(seg)}" fill="none" stroke="{RATE}" stroke-width="2.5"/>')
    desc = "; ".join(
        f"{month_label(p.key)}: {fmt_rate(p.rate)} trên {fmt_int(p.total)} đánh giá" for p in points
    )
    return _svg("trend", height, title, desc or "Chưa có đánh giá.", body)


def bars_svg(rows: Sequence[BarRow], *, average: float | None, average_label: str, title: str) -> Markup:
    """Per unit: this period's rate (blue) above the previous period's (grey), against an average (red dashes)."""
    label_w, value_w, top, row_h = 250, 120, 30, 38
    x0, bar_w = label_w + 10, WIDTH - label_w - 10 - value_w
    height = top + row_h * max(len(rows), 1) + 10
    body: list[str] = [
        f'<rect x="10" y="6" width="12" height="12" fill="{CURRENT}"/>',
        _text(26, 16, "Kỳ này"),
        f'<rect x="86" y="9" width="12" height="7" fill="{PREVIOUS}"/>',
        _text(102, 16, "Kỳ trước"),
    ]
    for i, row in enumerate(rows):
        y = top + i * row_h
        label = row.label if len(row.label) <= 36 else row.label[:35] + "…"
        body.append(_text(label_w, y + 17, label, anchor="end"))
        summary = (
            f"{row.label}: {fmt_rate(row.rate)} trên {fmt_int(row.total)} đánh giá; "
            f"kỳ trước {fmt_rate(row.previous_rate)} trên {fmt_int(row.previous_total)}"
        )
        w = bar_w * (row.rate or 0) / 100
        body.append(
            f'<rect class="bar" x="{x0}" y="{y + 4}" width="{w:.1f}" height="16" fill="{CURRENT}">'
            f"<title>{escape(summary)}</title></rect>"
        )
        body.append(_text(x0 + w + 6, y + 17, f"{fmt_rate(row.rate)} ({fmt_int(row.total)})", size=11))
        pw = bar_w * (row.previous_rate or 0) / 100
        body.append(
            f'<rect class="bar previous" x="{x0}" y="{y + 23}" width="{pw:.1f}" height="8" fill="{PREVIOUS}">'
            f"<title>{escape(summary)}</title></rect>"
        )
        body.append(_text(x0 + pw + 6, y + 31, fmt_rate(row.previous_rate), size=10, fill="#5b6576"))
    if average is not None:
        ax = x0 + bar_w * average / 100
        body.append(
            f'<line class="average" x1="{ax:.1f}" y1="{top - 4}" x2="{ax:.1f}" y2="{height - 6}" stroke="{AVERAGE}" '
            f'stroke-width="2" stroke-dasharray="5 4"/>'
        )
        body.append(_text(ax, top - 10, f"{average_label}: {fmt_rate(average)}", size=11, anchor="middle",
                          fill=AVERAGE, bold=True))
    desc = "; ".join(
        f"{r.label}: {fmt_rate(r.rate)} (kỳ trước {fmt_rate(r.previous_rate)})" for r in rows
    ) + (f". {average_label}: {fmt_rate(average)}." if average is not None else "")
    return _svg("bars", height, title, desc, body)


def columns_svg(points: Sequence[tuple[str, int]], *, title: str, unit: str) -> Markup:
    """One column per label (a day), its count written on it when there is room."""
    height, left, right, top, bottom = 220, 40, 10, 16, 30
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    slot = plot_w / max(len(points), 1)
    most = max((n for _, n in points), default=0) or 1
    base = top + plot_h
    body: list[str] = [f'<line x1="{left}" y1="{base}" x2="{WIDTH - right}" y2="{base}" stroke="{GRID}"/>']
    body.append(_text(left - 6, top + 8, fmt_int(most), size=11, anchor="end"))
    step = max(1, round(len(points) / 12))
    for i, (label, n) in enumerate(points):
        x = left + slot * i
        h = plot_h * n / most
        body.append(
            f'<rect class="column" x="{x + slot * 0.15:.1f}" y="{top + plot_h - h:.1f}" width="{slot * 0.7:.1f}" '
            f'height="{h:.1f}" fill="{CURRENT}"><title>{escape(f"{label}: {fmt_int(n)} {unit}")}</title></rect>'
        )
        if slot >= 26 and n:
            body.append(_text(x + slot / 2, top + plot_h - h - 3, fmt_int(n), size=10, anchor="middle"))
        if i % step == 0:
            body.append(_text(x + slot / 2, height - 10, label, size=10, anchor="middle"))
    desc = "; ".join(f"{label}: {fmt_int(n)}" for label, n in points)
    return _svg("columns", height, title, desc or "Chưa có số liệu.", body)
