"""Bar charts as SVG geometry (pure): the templates draw the rectangles and labels, so every
chart is server-rendered markup with a text alternative and no script."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    x: float
    width: float
    # Stacked segments, bottom first: (y, height, value, css class).
    segments: tuple[tuple[float, float, int, str], ...]
    total: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    top: int  # the value the full height stands for
    plot_height: float
    baseline: float


def bar_chart(
    rows: Sequence[tuple[str, Sequence[tuple[int, str]]]],
    width: int = 640,
    height: int = 220,
    label_space: int = 28,
) -> Chart:
    """`rows`: (label, [(value, css class), …] stacked bottom first) → bars scaled to the
    largest total."""
    plot = height - label_space - 8
    top = max((sum(v for v, _ in parts) for _, parts in rows), default=0) or 1
    slot = width / max(len(rows), 1)
    bar_width = max(slot * 0.7, 1.0)
    bars = []
    for i, (label, parts) in enumerate(rows):
        y: float = 8 + plot
        segments = []
        for value, css in parts:
            h = plot * value / top
            y -= h
            segments.append((round(y, 2), round(h, 2), value, css))
        bars.append(
            Bar(label, round(i * slot + (slot - bar_width) / 2, 2), round(bar_width, 2),
                tuple(segments), sum(v for v, _ in parts))
        )  # fmt: skip
    return Chart(width, height, tuple(bars), top, plot, 8 + plot)
