"""Line charts drawn on the server as SVG: no script, no network, and the numbers in the markup
for a screen reader and a test to read."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup, escape

WIDTH, HEIGHT = 360, 140
LEFT, RIGHT, TOP, BOTTOM = 36, 8, 10, 22


@dataclass(frozen=True)
class Point:
    at: datetime
    value: float | None


def _scale(values: Sequence[float], target: float, direction: str) -> tuple[float, float]:
    if direction == "above":
        low = min([target, *values]) - 5
        return max(0.0, low), 100.0
    high = max([target, *values]) * 1.25
    return 0.0, max(high, 0.5)


def line_chart(title: str, points: Sequence[Point], target: float, direction: str) -> Markup:
    """A figure's days as a line, its target as a dashed line; days without data leave a gap."""
    known = [p.value for p in points if p.value is not None]
    low, high = _scale(known, target, direction)
    span_x = max(len(points) - 1, 1)

    def x(i: int) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * i / span_x

    def y(v: float) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - (v - low) / (high - low))

    runs: list[list[str]] = [[]]
    dots = []
    for i, p in enumerate(points):
        if p.value is None:
            runs.append([])
            continue
        runs[-1].append(f"{x(i):.1f},{y(p.value):.1f}")
        dots.append(
            f'<circle cx="{x(i):.1f}" cy="{y(p.value):.1f}" r="1.6" data-day="{p.at.date().isoformat()}" '
            f'data-value="{p.value}"><title>{p.at.date().isoformat()}: {p.value:.2f} %</title></circle>'
        )
    lines = "".join(f'<polyline class="line" points="{" ".join(run)}"/>' for run in runs if len(run) > 1)
    last = known[-1] if known else None
    label = f"{title}: " + (f"now {last:.2f} %" if last is not None else "no data") + f", target {target} %"
    first_day = points[0].at.date().isoformat() if points else ""
    last_day = points[-1].at.date().isoformat() if points else ""
    ty = y(min(max(target, low), high))
    return Markup(
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(label)}" '
        f'data-points="{len(points)}">'
        f"<title>{escape(label)}</title>"
        f'<line class="axis" x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}"/>'
        f'<line class="target" x1="{LEFT}" y1="{ty:.1f}" x2="{WIDTH - RIGHT}" y2="{ty:.1f}"/>'
        f'<text x="{LEFT - 4}" y="{TOP + 4}" text-anchor="end">{high:.1f}</text>'
        f'<text x="{LEFT - 4}" y="{HEIGHT - BOTTOM}" text-anchor="end">{low:.1f}</text>'
        f'<text x="{LEFT - 4}" y="{ty + 3:.1f}" text-anchor="end" class="target-label">{target:g}</text>'
        f'<text x="{LEFT}" y="{HEIGHT - 6}">{first_day}</text>'
        f'<text x="{WIDTH - RIGHT}" y="{HEIGHT - 6}" text-anchor="end">{last_day}</text>'
        f"{lines}{''.join(dots)}</svg>"
    )
