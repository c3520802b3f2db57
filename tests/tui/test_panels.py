"""The talks screen's side panels: what each number and its sparkline say."""

from __future__ import annotations

import re

from game.engine.observe import observe, series
from game.tui.widgets.text import BARS, spark
from tests.tui.conftest import make_app, start_game

BAR_AND_NUMBER = re.compile(f"([{BARS}]) +(-?\\d+)")


def shown(panel) -> list[tuple[str, str]]:
    """Each sparkline's last bar and the number printed after it, in the panel's order."""
    return BAR_AND_NUMBER.findall(panel.content.plain)


async def test_each_sparkline_ends_at_the_number_beside_it():
    """A playtester read 'trust ▃▂ 31' after 22: the bars stopped at the turn's start, the
    number was the value now. Seed 7 as the GNA: its trust went from 21 at the turn's start
    to 25 before its first move, so the last bar must be 25's, not 21's."""
    app = make_app(seed=7, role="gna")
    async with app.run_test(size=(100, 30)) as pilot:
        await start_game(pilot, app)
        obs = observe(app.state, "gna", with_log=False)
        assert series(app.state, "gna")["gna.trust"][-1] != obs.factions["gna"].meters["trust"]
        values = []
        for f, view in obs.factions.items():
            values += [*view.meters.values(), view.ripeness]
            if obs.private is not None and obs.private.faction == f:
                values.append(obs.private.reservation)
        talks = app.screen
        assert shown(talks.query_one("#factions")) == [(spark([v], 1), f"{v:.0f}")
                                                       for v in values]
        assert shown(talks.query_one("#backing")) == [(spark([v], 1), f"{v:.0f}")
                                                      for v in obs.backers.values()]


def test_the_title_screen_gives_the_scenarios_dates_in_words(tmp_path):
    """My own playtest read '2020-01-13 to 2020-11-09' on the title, and '13 Jan 2020'
    everywhere in the game; a date the file gets wrong is shown as written."""
    from game.tui.screens.title import read_entry
    from tests.conftest import ROOT

    entry = read_entry(ROOT / "scenarios" / "libya-5plus5-2020.yaml")
    assert "13 Jan 2020 to 9 Nov 2020" in str(entry)
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: Bad\ncalendar: {start: 2020-13-45, deadline: soon}\n",
                   encoding="utf-8")
    assert "2020-13-45 to soon" in str(read_entry(bad))
