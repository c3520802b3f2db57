"""The map: each territory's marker sits beside the art's words, never on one of their letters."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.engine import Rules
from game.paths import bundled_scenarios
from game.scenario.loader import load_scenario
from game.tui.widgets.mapview import MapView

STARTER = Path(__file__).resolve().parents[2] / "game" / "starter.yaml"
MAPS = [*bundled_scenarios(), STARTER]


@pytest.mark.parametrize("path", MAPS, ids=[p.stem for p in MAPS])
def test_no_territory_marker_covers_a_letter_of_the_map(path):
    """A playtester read '~~~ !iver ~~~' and '●ields' on the starter's map: its markers sat on
    the first letters of 'river' and 'fields'. Drawn, every word of the art stays whole."""
    rules = Rules(load_scenario(path))
    art = rules.s.map.art if rules.s.map else []
    covered = [(tid, t.at.x, t.at.y, art[t.at.y]) for tid, t in rules.s.territories.items()
               if t.at is not None and t.at.y < len(art) and t.at.x < len(art[t.at.y])
               and art[t.at.y][t.at.x].isalnum()]
    assert not covered, covered
    view, shown = MapView(), []
    view.update = shown.append  # what it would show (a widget outside an app cannot update)
    view.show(rules, {tid: t.controller for tid, t in rules.s.territories.items()})
    drawn = shown[-1].plain.splitlines()
    for y, line in enumerate(art):
        for word in re.finditer(r"\w+", line):
            assert drawn[y][word.start():word.end()] == word.group(), (y, drawn[y])


def test_a_holder_is_told_by_its_shape_not_its_colour_alone():
    """A playtest: the map showed every holder as the same '●' in two colours, which a reader
    who cannot tell them apart (or a monochrome terminal) could not read."""
    rules = Rules(load_scenario(bundled_scenarios()[0]))
    territories = rules.s.territories
    placed = [t for t, terr in territories.items() if terr.at is not None]
    assert any(territories[t].front for t in placed)  # (the front line: reversed, not '!')
    first, second = rules.factions[:2]
    controllers = {t: (first if n % 2 else second) for n, t in enumerate(placed)}
    controllers[placed[0]] = ""  # nobody holds it
    view, shown = MapView(), []
    view.update = shown.append
    view.show(rules, controllers, legend=False)
    drawn = shown[-1].plain.splitlines()
    shape = {f: m for f, m in zip(rules.factions, "●■")}
    for t in placed:
        at = territories[t].at
        assert drawn[at.y][at.x] == shape.get(controllers[t], "○"), t
    key = drawn[-1]
    for f in (first, second):
        assert f"{shape[f]} {rules.s.factions[f].short}" in key, key
    assert "○ nobody" in key and "reversed: front line" in key and "!" not in key
    reversed_cells = [span for span in shown[-1].spans if "reverse" in str(span.style)]
    fronts = [t for t in placed if territories[t].front]
    assert len(reversed_cells) == len(fronts)


def test_factions_past_the_four_shapes_take_their_initial():
    from types import SimpleNamespace as NS

    from game.tui.widgets.mapview import marks

    names = ["gna", "lna", "tobruk", "misrata", "zintan", "zawiya", "z"]
    rules = NS(factions=names, s=NS(factions={f: NS(short=f.capitalize()) for f in names}))
    assert marks(rules) == {"gna": "●", "lna": "■", "tobruk": "▲", "misrata": "◆",
                            "zintan": "Z", "zawiya": "A", "z": "7"}  # (no letter left: its number)


def test_the_key_speaks_only_of_markers_drawn_on_the_map():
    """A review: a territory placed outside the art (never drawn) and held by nobody put
    '○ nobody' in the key."""
    from types import SimpleNamespace as NS

    from game.tui.widgets.mapview import key

    art = ["~~~~~~", "~~~~~~"]
    territories = {"inside": NS(at=NS(x=1, y=1), front=False),
                   "beyond": NS(at=NS(x=9, y=1), front=True),
                   "nowhere": NS(at=None, front=False)}
    rules = NS(factions=["a", "b"], s=NS(factions={"a": NS(short="A"), "b": NS(short="B")},
                                          territories=territories,
                                          map=NS(art=art, legend="")))
    assert key(rules, {"inside": "a"}) == "● A  ■ B"  # nobody's and the front are not drawn
    assert key(rules, {}) == "● A  ■ B  ○ nobody"
