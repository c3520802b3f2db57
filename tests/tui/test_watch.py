"""Hot reload: ``ceasefire play SCENARIO --watch`` keeps the game through edits."""

from __future__ import annotations

import shutil

from game.tui.screens.dialogs import ErrorScreen
from game.tui.screens.talks import TalksScreen
from tests.conftest import FIXTURES
from tests.tui.conftest import make_app, settle


async def wait_for(pilot, check, limit: float = 10.0) -> None:
    waited = 0.0
    while not check():
        await pilot.pause(0.1)
        waited += 0.1
        assert waited < limit, "timed out"


async def test_edits_are_replayed_and_broken_edits_keep_the_game(tmp_path):
    path = tmp_path / "valley.yaml"
    shutil.copy(FIXTURES / "minimal.yaml", path)
    app = make_app(scenario=str(path), role="mediator", seed=3, watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await pilot.press("w")
        await settle(pilot, app)
        moves = app.state.actions
        assert moves
        # a harmless edit: the game is replayed on the new version, nothing lost
        path.write_text(path.read_text().replace("Rain floods the trenches",
                                                 "Rain floods every trench"))
        await wait_for(pilot, lambda: app.rules.s.events["storm"].text.startswith(
            "Rain floods every"))
        await settle(pilot, app)
        assert app.state.actions[:len(moves)] == moves
        assert isinstance(app.screen, TalksScreen)
        # a broken edit: the positioned errors are shown, the game goes on
        good = path.read_text()
        path.write_text(good.replace("    backs: river\n", "    backs: rivr\n"))
        await wait_for(pilot, lambda: isinstance(app.screen, ErrorScreen)
                       and bool(app.screen.query("#error-lines")))
        assert "did you mean 'river'" in str(app.screen.query_one("#error-lines").render())
        assert app.state.actions[:len(moves)] == moves
        # fixed again: reloaded, the error screen goes away
        path.write_text(good.replace("every trench", "the trenches"))
        await wait_for(pilot, lambda: isinstance(app.screen, TalksScreen))
        assert app.rules.s.events["storm"].text.startswith("Rain floods the trenches")


async def test_a_change_that_breaks_the_replay_says_where_it_diverged(tmp_path):
    path = tmp_path / "valley.yaml"
    shutil.copy(FIXTURES / "minimal.yaml", path)
    app = make_app(scenario=str(path), role="mediator", seed=3, watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await pilot.press("w")
        await settle(pilot, app)
        notes = []
        app.notify = lambda message, **kw: notes.append(message)
        # the shuttle action disappears: a replayed AI move (if any) or ours may not fit
        path.write_text(path.read_text().replace("label: Reject the package", "label: Say no"))
        await wait_for(pilot, lambda: bool(notes))
        assert "Reloaded" in notes[-1] or "diverged" in notes[-1]
