"""The Textual app: presentation only. Every rule lives in the engine.

Threading (after harlequin's AGENTS.md): the AI plays in a thread worker that calls the engine
and posts a message per move; only message handlers change the app's state, which screens
watch (``App.state`` is reactive). Scenario loading also runs in a worker, so the title screen
draws before pydantic is even imported.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive

from game.tui import settings as prefs
from game.tui.playing import Playing


class GameReady(Message):
    """A scenario was loaded and a game set up (new, continued or loaded)."""

    def __init__(self, rules: Any, role: str, state: Any, note: str = "") -> None:
        super().__init__()
        self.rules, self.role, self.state, self.note = rules, role, state, note


class GameFailed(Message):
    """A scenario or save could not be loaded: what went wrong, in positioned lines."""

    def __init__(self, title: str, lines: list[str], hint: str | None = None) -> None:
        super().__init__()
        self.title, self.lines = title, lines
        self.hint = hint  # what to do about it (None: fix the file)


class ScenarioReloaded(Message):
    """The scenario file changed and was reloaded; the game was replayed on it."""

    def __init__(self, rules: Any, state: Any, note: str) -> None:
        super().__init__()
        self.rules, self.state, self.note = rules, state, note


class CeasefireApp(Playing, App):
    """Ceasefire: the 5+5 talks in the terminal."""

    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "Ceasefire"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("f1,question_mark", "help", "Help"),  # (a playtester tried ?)
        Binding("f2", "toggle_theme", "Theme"),
    ]

    state: reactive[Any] = reactive(None, always_update=True, init=False)
    thinking: reactive[bool] = reactive(False)

    def __init__(self, scenario: str | None = None, role: str | None = None,
                 seed: int | None = None, load: str | None = None, watch: bool = False,
                 ai_delay: float | None = None, direct: bool = False, rules: Any = None):
        super().__init__()
        self.direct = direct  # `ceasefire play`: skip the title screen
        self.preloaded = rules  # the command line's, when it checked the role against them
        self.start_scenario, self.start_role, self.start_seed = scenario, role, seed
        self.start_load, self.watch_file = load, watch
        self.settings = prefs.load()
        self.ai_delay = self.settings.get("ai_delay", 0.3) if ai_delay is None else ai_delay
        self.rules: Any = None
        self.role: str = ""
        self.report_from: Any = None  # the state the AI started from (for the turn note)
        self.autosave_slot: str | None = None  # claimed at the first autosave (storage.py)
        self.meanwhile = 0.0  # until when the note of the others' moves is up (monotonic)
        self.waiting_on: Any = None  # 'wait on' (W): the state it began from, while it lasts
        self.quiet = 0  # the turns it has waited through with nothing happening
        self.wait_stopping = False  # a key was pressed: the wait ends at the player's move
        self.ai_run = 0  # the AI run whose moves count (each run, each game, a new number)

    # -- start ----------------------------------------------------------------------------
    @property
    def starts_at_title(self) -> bool:
        return not (self.start_load or self.direct or self.start_scenario or self.start_role)

    def get_default_screen(self):
        """The title screen is the bottom of the stack (no empty screen drawn first)."""
        if self.starts_at_title:
            from game.tui.screens.title import TitleScreen

            return TitleScreen()
        return super().get_default_screen()

    def on_mount(self) -> None:
        theme = self.settings.get("theme", "textual-dark")
        if theme != self.theme:
            self.theme = theme
        if self.start_load:
            self.load_save(self.start_load)
        elif not self.starts_at_title:
            from game.paths import resolve_scenario
            from game.scenario.errors import ScenarioError

            try:
                path = resolve_scenario(self.start_scenario)
            except ScenarioError as exc:
                self.on_game_failed(GameFailed(f"{self.start_scenario} cannot be played",
                                               [str(p) for p in exc.problems]))
                return
            self.new_game(str(path), self.start_role, self.start_seed)

    def to_title(self) -> None:
        """Back to the title screen (the bottom of the stack, or a new one) for a new game:
        with a new seed, unless one was given on the command line (a class replaying it)."""
        from game.tui.screens.title import TitleScreen

        while len(self.screen_stack) > 1:
            self.pop_screen()
        if not isinstance(self.screen, TitleScreen):
            self.push_screen(TitleScreen())
        elif self.start_seed is None:
            self.screen.action_reroll()

    def random_seed(self) -> int:
        return random.SystemRandom().randrange(1, 100_000)

    @work(thread=True, exclusive=True, group="load")
    def new_game(self, path: str, role: str | None, seed: int | None) -> None:
        from game.engine import Rules, new_game
        from game.scenario.errors import ScenarioError
        from game.scenario.loader import load_scenario

        preloaded, self.preloaded = self.preloaded, None  # (the first game only)
        try:
            rules = preloaded if preloaded is not None and preloaded.loaded is not None and \
                str(preloaded.loaded.path) == str(path) else Rules(load_scenario(path))
        except ScenarioError as exc:
            self.post_message(GameFailed(f"{path} cannot be played",
                                         [str(p) for p in exc.problems]))
            return
        role = role or rules.mediator
        if role not in rules.roles:
            self.post_message(GameFailed("Unknown role", [f"there is no role '{role}'; the "
                                                          f"roles are {', '.join(rules.roles)}"],
                                         "Choose one of these roles."))
            return
        seed = self.random_seed() if seed is None else seed
        self.post_message(GameReady(rules, role, new_game(rules, seed, {role})))

    @work(thread=True, exclusive=True, group="load")
    def load_save(self, path: str) -> None:
        from game.engine import Rules, saves
        from game.paths import scenario_for_save
        from game.scenario.errors import ScenarioError
        from game.scenario.loader import load_scenario

        try:
            data = saves.read(path)
            if self.start_scenario and path == self.start_load:  # named beside --load
                from game.paths import resolve_scenario

                scenario = resolve_scenario(self.start_scenario)
            else:
                scenario = scenario_for_save(data)
            if scenario is None:
                raise saves.SaveError(f"{path}: the scenario '{data['scenario']}' is not found; "
                                      "it was moved or renamed since the game was saved")
            rules = Rules(load_scenario(scenario))
            loaded = saves.restore(rules, data, str(path))
        except saves.SaveError as exc:
            self.post_message(GameFailed("This save cannot be loaded", [str(exc)],
                                         "Choose another save, or start a new game."))
            return
        except ScenarioError as exc:
            self.post_message(GameFailed("The save's scenario cannot be played",
                                         [str(p) for p in exc.problems]))
            return
        humans = sorted(loaded.state.humans)
        role = (self.start_role if self.start_role in humans and path == self.start_load else
                humans[0] if humans else rules.mediator)  # --role picks among several seats
        self.post_message(GameReady(rules, role, loaded.state, loaded.message))

    def on_game_ready(self, message: GameReady) -> None:
        from game.tui.screens.talks import TalksScreen

        self.rules, self.role = message.rules, message.role
        if self.watch_file and not getattr(self, "_watching", False):
            self._watching = True
            self._mtime = self._scenario_mtime()
            self.set_interval(1.0, self.check_scenario_file)
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(TalksScreen())
        self.new_game_state(message.state)
        if message.note:
            self.notify(message.note, title="Loaded", timeout=8)
        self.continue_play()

    def on_game_failed(self, message: GameFailed) -> None:
        from game.tui.screens.dialogs import ErrorScreen

        def back(_: object = None) -> None:
            if self.state is None and len(self.screen_stack) <= 1:
                self.to_title()  # nothing behind it (a game started from the command line):
                # the title, not a blank screen only Ctrl+Q leaves (a playtest)

        self.push_screen(ErrorScreen(message.title, message.lines, message.hint), back)

    # -- hot reload (ceasefire play SCENARIO --watch) ---------------------------------------
    def _scenario_mtime(self) -> float:
        loaded = self.rules.loaded if self.rules is not None else None
        try:
            return loaded.path.stat().st_mtime_ns if loaded is not None else 0
        except OSError:
            return 0

    def check_scenario_file(self) -> None:
        mtime = self._scenario_mtime()
        if mtime and mtime != self._mtime and not self.thinking:
            self._mtime = mtime
            self.reload_scenario(self.rules.loaded.path, self.state)

    @work(thread=True, exclusive=True, group="reload")
    def reload_scenario(self, path: Path, state: Any) -> None:
        """Load the edited file and replay this game's moves on it; keep the game if it fails."""
        import json

        from game.engine import Rules, saves
        from game.scenario.errors import ScenarioError
        from game.scenario.loader import load_scenario

        try:
            rules = Rules(load_scenario(path))
        except ScenarioError as exc:
            self.post_message(GameFailed(f"{path} was saved with errors; your game goes on with "
                                         "the previous version until you fix them",
                                         [str(p) for p in exc.problems]))
            return
        data = json.loads(saves.to_json(state))
        data["scenario"] = rules.s.id  # an edited id is still this game's scenario
        data.pop("seal", None)  # (this game, not a file anyone edited)
        loaded = saves.restore(rules, data, str(path))
        note = (f"Reloaded {path.name}: all {loaded.total} moves replay on the new version."
                if loaded.diverged_turn is None else f"Reloaded {path.name}: {loaded.message}")
        self.post_message(ScenarioReloaded(rules, loaded.state, note))

    def on_scenario_reloaded(self, message: ScenarioReloaded) -> None:
        from game.tui.screens.dialogs import ErrorScreen

        if isinstance(self.screen, ErrorScreen):
            self.pop_screen()
        self.rules = message.rules
        self.new_game_state(message.state)
        self.notify(message.note, title="Scenario reloaded", timeout=10)
        self.continue_play()

    # -- app-wide actions -------------------------------------------------------------------
    def action_help(self) -> None:
        from game.tui.screens.dialogs import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.clear_notifications()  # (a playtest: a note lay over the help's text)
            self.push_screen(HelpScreen())

    def remember_role(self, scenario: str, role: str | None) -> None:
        """The title screen offers this role first next time for this scenario (file name)."""
        roles = self.settings["roles"]
        if role is None or roles.get(scenario) == role:
            return
        self.settings["roles"] = {**roles, scenario: role}
        prefs.save(self.settings)

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"
        self.settings["theme"] = self.theme
        prefs.save(self.settings)


def run_app(scenario: str | None, role: str | None, seed: int | None, load: str | None = None,
            watch: bool = False, direct: bool = False, rules: Any = None) -> int:
    from game import storage

    app = CeasefireApp(scenario, role, seed, load, watch, direct=direct, rules=rules)
    try:
        app.run()
    finally:
        if app.autosave_slot is not None:  # let the next copy have it
            storage.release_autosave(app.autosave_slot)
    return 0
