"""The title screen: scenario, role (with its brief), seed; New, Continue, Load."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.tui.widgets.keybar import KeyBar
from game.tui.widgets.text import plain


@dataclass
class Entry:
    """What the title screen shows of a scenario, read without building any model."""

    path: Path
    title: str
    summary: str = ""
    period: str = ""
    roles: list[tuple[str, str, str]] = field(default_factory=list)  # id, name, brief
    problems: list[str] = field(default_factory=list)


def read_entry(path: Path) -> Entry:
    from game.scenario.errors import ScenarioError
    from game.scenario.yamlsafe import load_yaml

    try:
        data, _ = load_yaml(path)
    except ScenarioError as exc:
        return Entry(path, f"{path.name} (cannot be read)", problems=[str(p) for p in exc.problems])
    cal = data.get("calendar") if isinstance(data.get("calendar"), dict) else {}
    roles = data.get("roles") if isinstance(data.get("roles"), dict) else {}
    return Entry(path, str(data.get("title", path.stem)), " ".join(str(data.get("summary", "")).split()),
                 f"{_day(cal.get('start', '?'))} to {_day(cal.get('deadline', '?'))}",
                 [(str(r), str(v.get("name", r)), " ".join(str(v.get("brief", "")).split()))
                  for r, v in roles.items() if isinstance(v, dict)])


def _day(value: object) -> str:
    """A calendar date as the game says it ('13 Jan 2020'); as written if it is not a date
    (the title reads the file before it is checked)."""
    from game.engine.rules import long_date

    try:
        return long_date(str(value))
    except (ValueError, IndexError):
        return str(value)


MENU = [("new", "New game"), ("continue", "Continue the last game"), ("load", "Load a saved game…"),
        ("seed", "Change the seed…"), ("help", "How to play")]


def continue_label(path, entries: list[Entry] | tuple = ()) -> str:
    """'Continue: LNA delegation, turn 10' — the game the autosave holds, short enough for the
    menu's 38 columns (the Load list gives the whole line, with the seed). Roles by their
    names when the save's scenario is one of ``entries``."""
    from game.engine.saves import SaveError, read

    try:
        data = read(path)
    except SaveError:
        return "Continue the last game (cannot be read)"
    from game.present import bare_name
    from game.tui.screens.dialogs import save_summary

    names = next(({rid: bare_name(name) for rid, name, _ in e.roles} for e in entries
                  if e.path.stem == data.get("scenario")), {})
    roles, where = save_summary(data, names, how=False)
    return f"Continue: {roles}, {where}"


class TitleList(OptionList):
    """A list on the title screen. PgDn/PgUp read on in the briefing rather than page a list
    of two or three entries (a playtest at 80x24: the briefing was cut off, and PgDn changed
    the scenario instead)."""

    BINDINGS = [Binding("pagedown", "screen.scroll_brief(1)", "Brief ▼", show=False),
                Binding("pageup", "screen.scroll_brief(-1)", "Brief ▲", show=False)]


class TitleScreen(Screen):
    """Few widgets on purpose: this is the first frame, and it must come fast."""

    BINDINGS = [
        Binding("n", "new", "New game"),
        Binding("c", "continue", "Continue"),
        Binding("l", "load", "Load"),
        Binding("r", "reroll", "New seed"),
        Binding("e", "edit_seed", "Edit seed"),
    ]

    def action_scroll_brief(self, step: int) -> None:
        box = self.query_one("#details-box")
        (box.scroll_page_down if step > 0 else box.scroll_page_up)(animate=False)

    def compose(self) -> ComposeResult:
        self.entries: list[Entry] = []  # read right after the first frame (see on_mount)
        self.seed = self.app.start_seed if self.app.start_seed is not None else \
            self.app.random_seed()
        with Horizontal(id="title-body"):
            with Vertical(id="title-left"):
                yield Static(Text.assemble(("CEASEFIRE", "bold"), ("  negotiate an end to a war",
                                                                     "dim")), id="banner")
                yield TitleList(Option(Text("Reading scenarios…", style="dim"), disabled=True),
                                id="scenarios", markup=False)
                yield TitleList(id="roles", markup=False)
                yield TitleList(*[Option(label, id=key) for key, label in MENU], id="menu",
                                markup=False)
            with VerticalScroll(id="details-box"):  # Tab reaches it; PgDn reads on
                yield Static(id="details", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#scenarios").border_title = "Scenario"
        self.query_one("#roles").border_title = "Your role"
        self.query_one("#details-box").border_title = "Briefing"
        self.show_menu_title()
        self.call_after_refresh(self.read_scenarios)

    def read_scenarios(self) -> None:
        """Fill the lists once the first frame is up (reading YAML takes a few tens of ms)."""
        from game.paths import bundled_scenarios

        self.entries = [read_entry(p) for p in bundled_scenarios()]
        self.show_continue()
        scenarios = self.query_one("#scenarios", OptionList)
        scenarios.clear_options()
        scenarios.add_options(Option(plain(e.title), id=str(i))
                              for i, e in enumerate(self.entries))
        if self.entries:
            default = next((i for i, e in enumerate(self.entries)
                            if e.path.stem == "libya-5plus5-2020"), 0)
            scenarios.highlighted = default
            self.show_roles(default)
        scenarios.focus()

    def show_continue(self) -> None:
        """Say which game Continue resumes (one autosave per user, whatever the install), or
        grey it out; again each time this screen comes back (a game since may have changed
        the autosave)."""
        from game import storage

        menu = self.query_one("#menu", OptionList)
        autosave = storage.slot_path(storage.AUTOSAVE)
        if not autosave.exists():
            menu.replace_option_prompt("continue", MENU[1][1])
            menu.disable_option("continue")
            return
        menu.enable_option("continue")
        menu.replace_option_prompt("continue", plain(continue_label(autosave, self.entries)))

    def on_screen_resume(self) -> None:
        if self.entries:  # (the first time, read_scenarios shows it once the lists are read)
            self.show_continue()

    def show_menu_title(self) -> None:
        self.query_one("#menu").border_title = f"Seed {self.seed}"

    @property
    def entry(self) -> Entry | None:
        index = self.query_one("#scenarios", OptionList).highlighted
        return self.entries[index] if index is not None and self.entries else None

    def show_roles(self, index: int) -> None:
        roles = self.query_one("#roles", OptionList)
        roles.clear_options()
        entry = self.entries[index]
        roles.add_options(Option(plain(name), id=rid) for rid, name, _ in entry.roles)
        if entry.roles:  # the role last played in this scenario, else the first
            last = self.app.settings["roles"].get(entry.path.name)
            ids = [rid for rid, _, _ in entry.roles]
            roles.highlighted = ids.index(last) if last in ids else 0
        self.show_details()

    def show_details(self) -> None:
        entry = self.entry
        if entry is None:
            return
        text = Text()
        text.append(plain(entry.title + "\n", "bold"))
        if entry.problems:
            text.append("This scenario cannot be read:\n", style="red")
            text.append(plain("\n".join(entry.problems)))
        else:
            text.append(plain(f"{entry.period}\n\n", "dim"))
            text.append(plain(entry.summary + "\n\n"))
            role = self.role
            for rid, name, brief in entry.roles:
                if rid == role:
                    text.append(plain(f"You: {name}\n", "bold"))
                    text.append(plain(brief + "\n"))
        text.append(plain(f"\nSeed {self.seed} — share it so a class plays the same game.",
                          "dim"))
        self.query_one("#details", Static).update(text)

    @property
    def role(self) -> str | None:
        roles = self.query_one("#roles", OptionList)
        if roles.highlighted is None or self.entry is None or not self.entry.roles:
            return None
        return self.entry.roles[roles.highlighted][0]

    @on(OptionList.OptionHighlighted, "#scenarios")
    def scenario_moved(self, event: OptionList.OptionHighlighted) -> None:
        self.show_roles(event.option_index)

    @on(OptionList.OptionHighlighted, "#roles")
    def role_moved(self) -> None:
        self.show_details()

    @on(OptionList.OptionSelected, "#scenarios")
    def scenario_chosen(self) -> None:
        self.query_one("#roles").focus()

    @on(OptionList.OptionSelected, "#roles")
    def role_chosen(self) -> None:
        self.query_one("#menu").focus()

    @on(OptionList.OptionSelected, "#menu")
    def menu_chosen(self, event: OptionList.OptionSelected) -> None:
        {"new": self.action_new, "continue": self.action_continue, "load": self.action_load,
         "seed": self.action_edit_seed, "help": self.app.action_help}[event.option.id]()

    def action_new(self) -> None:
        entry = self.entry
        if entry is None:
            return
        if entry.problems:
            from game.tui.screens.dialogs import ErrorScreen

            self.app.push_screen(ErrorScreen(f"{entry.path} cannot be played", entry.problems))
            return
        self.app.remember_role(entry.path.name, self.role)
        self.app.new_game(str(entry.path), self.role, self.seed)

    def action_continue(self) -> None:
        from game import storage

        path = storage.slot_path(storage.AUTOSAVE)
        if not path.exists():
            self.notify("There is no game to continue yet.", severity="warning")
            return
        self.app.load_save(str(path))

    def action_load(self) -> None:
        from game.tui.screens.dialogs import LoadScreen

        self.app.push_screen(LoadScreen())

    def action_reroll(self) -> None:
        self.seed = self.app.random_seed()
        self.show_menu_title()
        self.show_details()

    def action_edit_seed(self) -> None:
        from game.tui.screens.dialogs import SeedScreen

        def chosen(seed: int | None) -> None:
            if seed is not None:
                self.seed = seed
                self.show_menu_title()
                self.show_details()

        self.app.push_screen(SeedScreen(self.seed), chosen)
