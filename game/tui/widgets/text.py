"""Small text helpers for the screen. Scenario text always goes through ``Text`` (never markup),
so a ``[`` in a scenario can neither break nor restyle the screen."""

from __future__ import annotations

from typing import Iterable

from rich.text import Text

BARS = "▁▂▃▄▅▆▇█"


def spark(values: Iterable[float], width: int = 8, lo: float = 0.0, hi: float = 100.0) -> str:
    """A sparkline of the last ``width`` values on a fixed scale (so trends compare)."""
    values = list(values)[-width:]
    if not values:
        return " " * width
    span = (hi - lo) or 1.0
    out = []
    for v in values:
        level = int((min(max(v, lo), hi) - lo) / span * (len(BARS) - 1) + 0.5)
        out.append(BARS[level])
    return "".join(out).rjust(width)


def plain(text: str, style: str = "") -> Text:
    """Scenario or engine text as a literal: markup characters are shown, not interpreted."""
    return Text(str(text), style=style)


def lines(items: Iterable[str], style: str = "") -> Text:
    return Text("\n".join(items), style=style)
