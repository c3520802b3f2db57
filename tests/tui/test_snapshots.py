"""Snapshots of the three main screens at 80x24 and 120x40.

Each docstring says what you should see. Update them after a deliberate change with
``python -m pytest tests/tui/test_snapshots.py --snapshot-update`` and look at the report.
"""

from __future__ import annotations

import pytest

from tests.tui.conftest import make_app, settle

SIZES = [(80, 24), (120, 40)]


async def _title(pilot) -> None:
    await settle(pilot, pilot.app)


async def _talks(pilot) -> None:
    app = pilot.app
    await settle(pilot, app)
    await pilot.press("n")
    await settle(pilot, app)
    await pilot.press("w")  # one turn, so the news, sparklines and the table have content
    await settle(pilot, app)


async def _debrief(pilot) -> None:
    app = pilot.app
    await _talks(pilot)
    while app.state.outcome is None:
        await pilot.press("w")
        await settle(pilot, app)
    await pilot.pause(0.3)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_title(snap_compare, size):
    """You should see CEASEFIRE, the scenario list with the 2020 5+5 talks highlighted, the three
    roles (UN mediator first), the menu titled 'Seed 1234' with Continue greyed out, the
    briefing with the scenario summary and the mediator's brief, and the keys at the bottom."""
    assert snap_compare(make_app(seed=1234), terminal_size=size, run_before=_title)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_talks(snap_compare, size):
    """You should see 'YOUR MOVE' on turn 2 (27 Jan 2020), the map with coloured markers, both
    sides' meters with sparklines that end at the number beside them (two turns as they began,
    then now: three points, cut to the last two at 80x24), the mediator's moves (Table a
    package … first), the Table tab with the agenda, and the keys (p Package, w Wait, y Why? …)."""
    assert snap_compare(make_app(seed=3), terminal_size=size, run_before=_talks)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_debrief(snap_compare, size):
    """You should see the debrief of seed 1 played by waiting: 'The talks collapse', the
    mediator's score out of 100, the reasons (nothing agreed), and the five tabs."""
    assert snap_compare(make_app(seed=1), terminal_size=size, run_before=_debrief)
