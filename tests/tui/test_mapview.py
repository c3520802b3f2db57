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
