"""The map: the scenario's text art, with a marker on each territory in its holder's colour."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

MARK = "●"


class MapView(Static):
    """Draws ``rules.s.map`` with territories placed by their ``at``; a legend below."""

    def show(self, rules, controllers: dict[str, str], legend: bool = True) -> None:
        s = rules.s
        art = list(s.map.art) if s.map else []
        width = max((len(line) for line in art), default=0)
        grid = [list(line.ljust(width)) for line in art]
        colours = [[""] * width for _ in art]
        for tid, terr in s.territories.items():
            if terr.at is None or terr.at.y >= len(grid) or terr.at.x >= width:
                continue
            owner = controllers.get(tid, "")
            grid[terr.at.y][terr.at.x] = "!" if terr.front else MARK
            colours[terr.at.y][terr.at.x] = _colour(rules, owner)
        text = Text()
        for row, styles in zip(grid, colours):
            for ch, style in zip(row, styles):
                text.append(ch, style=f"bold {style}" if style else "dim")
            text.append("\n")
        note = s.map.legend if s.map and s.map.legend else f"{MARK} held  ! front line"
        if not legend:
            text.append(note + " — names in World", style="dim")
        for tid, terr in s.territories.items() if legend else ():
            owner = controllers.get(tid, "")
            short = s.factions[owner].short if owner in s.factions else "—"
            text.append("! " if terr.front else f"{MARK} ", style=f"bold {_colour(rules, owner)}")
            text.append(f"{terr.name} ")
            text.append(f"{short}\n", style=_colour(rules, owner))
        if legend:
            text.append(note, style="dim")
        self.update(text.rstrip() or text)


def _colour(rules, faction: str) -> str:
    if faction in rules.s.factions:
        return rules.s.factions[faction].color
    return "grey50"
