"""Faction colours: what validation accepts, every renderer can draw (a playtest: 'orange'
passed validate and lint, then the game opened on a Rich traceback)."""

from __future__ import annotations

import pytest
from rich.color import ANSI_COLOR_NAMES
from rich.style import Style

from game.scenario.colors import CSS_COLORS, RICH_NAMES, normalize_color
from game.scenario.errors import ScenarioError
from game.scenario.loader import load_scenario
from tests.conftest import FIXTURES


def test_the_copied_tables_match_rich_and_textual():
    from textual._color_constants import COLOR_NAME_TO_RGB

    assert RICH_NAMES == set(ANSI_COLOR_NAMES)
    for name, hex_ in CSS_COLORS.items():
        assert hex_ == "#%02x%02x%02x" % COLOR_NAME_TO_RGB[name][:3], name


@pytest.mark.parametrize("name", sorted({*CSS_COLORS, *RICH_NAMES, "#3B82F6", " Orange "}))
def test_every_accepted_colour_draws_in_a_rich_style(name):
    Style.parse(f"bold {normalize_color(name)}")  # raises on a colour Rich cannot draw


@pytest.mark.parametrize(("bad", "hint"), [("crimsn", "did you mean 'crimson'"),
                                           ("#12345", ""), ("#gggggg", ""), ("nocolour", "")])
def test_a_colour_nothing_can_draw_is_refused(bad, hint):
    with pytest.raises(ValueError, match="is not a colour") as info:
        normalize_color(bad)
    assert hint in str(info.value)


def test_a_scenario_with_a_css_colour_loads_with_one_rich_can_draw(tmp_path):
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    path = tmp_path / "s.yaml"
    path.write_text(text.replace("color: blue", "color: orange"), encoding="utf-8")
    assert load_scenario(path).scenario.factions["river"].color == CSS_COLORS["orange"]
    path.write_text(text.replace("color: red", "color: crimsn"), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert any(p.where == "factions.hill.color" and "did you mean 'crimson'" in p.message
               for p in info.value.problems)
