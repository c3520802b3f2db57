"""TUI test helpers: an isolated data folder, an app factory, and keyboard drivers."""

from __future__ import annotations

import pytest

from game.tui.app import CeasefireApp


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch):
    """Saves and settings go to a fresh folder for every test (never the user's)."""
    home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home / "ceasefire"


def make_app(**kwargs) -> CeasefireApp:
    kwargs.setdefault("ai_delay", 0)
    return CeasefireApp(**kwargs)


async def settle(pilot, app, limit: float = 30.0) -> None:
    """Wait until the app is idle: no game loading, no AI thinking."""
    waited = 0.0
    while waited < limit:
        await pilot.pause(0.05)
        waited += 0.05
        busy = any(not w.is_finished for w in app.workers)
        if not busy and not app.thinking:
            await pilot.pause(0.05)
            return
    raise AssertionError("the app did not settle")


async def start_game(pilot, app) -> None:
    """From the title screen (scenario list read), start a new game with the chosen seed."""
    await settle(pilot, app)
    await pilot.press("n")
    await settle(pilot, app)
    assert app.state is not None
