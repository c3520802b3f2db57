"""The map: the scenario's text art, with a marker on each territory in its holder's colour
and shape (colour alone would leave a reader who cannot tell the colours apart guessing); a
territory on the front line has its marker reversed (a '!' in its place hid who held it: a
student saw no marker for the GNA's Tripoli)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

SHAPES = "●■▲◆"  # one per faction, in the scenario's order; then the short name's initial
NOBODY = "○"
FRONT = "reversed: front line"  # (how the key names the front line's markers)


def marks(rules) -> dict[str, str]:
    """Each faction's marker on the map: a shape, or past the fourth the first letter of its
    short name that no other marker uses (else its number)."""
    out: dict[str, str] = {}
    for i, f in enumerate(rules.factions):
        if i < len(SHAPES):
            out[f] = SHAPES[i]
            continue
        letters = [ch for ch in (rules.s.factions[f].short or f).upper() if ch.isalpha()]
        out[f] = next((ch for ch in letters if ch not in out.values()), str(i + 1)[-1])  # (a
        # letter, so that no short name's digit, as in '5+5', meets a faction's number)
    return out


def placed(rules) -> list[str]:
    """The territories whose marker falls within the map's art (the others are not drawn)."""
    art = list(rules.s.map.art) if rules.s.map else []
    width = max((len(line) for line in art), default=0)
    return [t for t, terr in rules.s.territories.items()
            if terr.at is not None and terr.at.y < len(art) and terr.at.x < width]


def key(rules, controllers: dict[str, str]) -> str:
    """What the markers mean: each faction's shape, nobody's (if a territory has no holder),
    the front line, then the author's own legend."""
    shape = marks(rules)
    parts = [f"{shape[f]} {rules.s.factions[f].short}" for f in rules.factions]
    territories = rules.s.territories
    shown = placed(rules)
    if any(controllers.get(t, "") not in shape for t in shown):
        parts.append(f"{NOBODY} nobody")  # (only a marker on the map needs the key)
    if any(territories[t].front for t in shown):
        parts.append(FRONT)
    if rules.s.map and rules.s.map.legend:
        parts.append(rules.s.map.legend)
    return "  ".join(parts)


class MapView(Static):
    """Draws ``rules.s.map`` with territories placed by their ``at``; a legend below."""

    def show(self, rules, controllers: dict[str, str], legend: bool = True) -> None:
        s = rules.s
        art = list(s.map.art) if s.map else []
        width = max((len(line) for line in art), default=0)
        grid = [list(line.ljust(width)) for line in art]
        colours = [[""] * width for _ in art]
        shape = marks(rules)
        for tid in placed(rules):
            terr = s.territories[tid]
            owner = controllers.get(tid, "")
            grid[terr.at.y][terr.at.x] = shape.get(owner, NOBODY)
            colours[terr.at.y][terr.at.x] = _colour(rules, owner) + (" reverse" if terr.front
                                                                     else "")
        text = Text()
        for row, styles in zip(grid, colours):
            for ch, style in zip(row, styles):
                text.append(ch, style=f"bold {style}" if style else "dim")
            text.append("\n")
        note = key(rules, controllers)
        if not legend:
            text.append(note + " — names in World", style="dim")
        for tid, terr in s.territories.items() if legend else ():
            owner = controllers.get(tid, "")
            short = s.factions[owner].short if owner in s.factions else "—"
            text.append(shape.get(owner, NOBODY),
                        style=f"bold {_colour(rules, owner)}" + (" reverse" if terr.front else ""))
            text.append(f" {terr.name}{' (front line)' if terr.front else ''} ")
            text.append(f"{short}\n", style=_colour(rules, owner))
        if legend:
            text.append(note, style="dim")
        self.update(text.rstrip() or text)


def _colour(rules, faction: str) -> str:
    if faction in rules.s.factions:
        return rules.s.factions[faction].color
    return "grey50"
