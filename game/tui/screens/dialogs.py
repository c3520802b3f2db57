"""Small screens: help, errors, a confirmation, saving and loading named slots."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from game.tui.widgets.keybar import KeyBar
from game.tui.widgets.text import plain

HELP = """\
# How to play

**Keys** — shown in the footer on every screen. Arrow keys move, **Enter** chooses.
On the talks screen: **p** builds a package, **w** waits (**W**, with Shift, waits on until
another side moves or news comes; any key stops it at your next move), **y** shows *why*
the others reacted as they did (newest first), **n** the news, **t** the table, **b** the world
(backers and territory) — press the same key again to move into that tab, so the arrows and
**PageDown** scroll it (**Tab** moves on, **Esc** goes back to your moves); **s** saves and
**l** loads a named slot. **F1** is this help, **F2** switches light/dark, **Ctrl+Q** quits
(your game is saved after every turn; *Continue* on the title screen resumes it).

In the package builder: **↑/↓** pick an issue, **←/→** change its option, **Enter** tables
it, **Esc** cancels. Below the issues you see how each delegation would *likely* react
(an issue marked **binding** settles {binding}: the package must then beat each side's
reservation value).
"""


def help_text(rules: Any = None) -> str:
    """The keys, then how the negotiation works in the scenario's words (shared with line
    mode's 'help concepts': :mod:`game.concepts`)."""
    from game.concepts import concepts
    from game.scenario.model_world import Words

    words = rules.s.words if rules is not None else Words()
    return HELP.format(binding=words.binding) + "\n" + concepts(rules)


class HelpScreen(ModalScreen):
    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(self.this_game(), id="help-game")
            yield Markdown(help_text(getattr(self.app, "rules", None)))
        yield KeyBar()

    def this_game(self) -> Text:
        """The scenario, seed and seat of the game in play: what a student tells a teacher
        to replay it (a playtest found the seed only on the title and the debrief)."""
        from game.tui.screens.title import TitleScreen

        app = self.app
        state, rules = getattr(app, "state", None), getattr(app, "rules", None)
        beneath = [s for s in app.screen_stack if s is not self]
        if state is None or rules is None or (beneath and isinstance(beneath[-1], TitleScreen)):
            return Text("")  # (on the title screen, the last game's seat is not this one's)
        from game.paths import scenarios_dir

        seat = rules.s.roles[app.role].name if app.role in rules.s.roles else app.role
        path = rules.loaded.path if rules.loaded is not None else None
        named = rules.s.id if path is None or path.parent.resolve() == \
            scenarios_dir().resolve() else str(path)
        text = Text()
        text.append(f"This game: {rules.s.id}, seed {state.seed}, as {seat}. To replay it: "
                    f"ceasefire play {named} --seed {state.seed} --role {app.role}", "dim")
        if app.role in rules.s.roles:  # (a teacher's playtest: a game started with --seed
            # opens at the first move, and the brief was only on the title screen)
            from game import present

            text.append("\n\n" + present.brief(rules, app.role))
            text.append("\n\n" + " ".join(rules.s.summary.split()))
        return text


class ErrorScreen(ModalScreen):
    """A scenario or save that cannot be used: its problems, one per line, never a traceback."""

    BINDINGS = [Binding("escape,enter,q", "dismiss", "Back")]

    FILE_HINT = "Fix the file and try again (ceasefire validate FILE shows the same list)."

    def __init__(self, title: str, lines: list[str], hint: str | None = None) -> None:
        super().__init__()
        self.title_text, self.lines, self.hint = title, lines, hint or self.FILE_HINT

    def compose(self) -> ComposeResult:
        with Vertical(id="error-box"):
            yield Static(Text(self.title_text, style="bold red"), id="error-title")
            with VerticalScroll():
                yield Static(plain("\n".join(self.lines)), id="error-lines")
            yield Static(Text(f"{self.hint} Esc goes back.", style="dim"))
        yield KeyBar()


class SaveScreen(ModalScreen):
    """Save the game in a named slot (in your data folder)."""

    BINDINGS = [Binding("escape", "dismiss", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="slot-box"):
            yield Static(Text("Save as (a name for this slot):", style="bold"))
            yield Input(placeholder="e.g. class-tuesday", id="slot-name")
            yield Button("Save", id="do-save", variant="primary")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#slot-name", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#do-save")
    def save(self) -> None:
        name = self.query_one("#slot-name", Input).value.strip() or "quicksave"
        path = self.app.autosave(name)
        if path is not None:
            self.app.notify(f"Saved to {path}", title="Saved")
        self.dismiss()


class PickScreen(ModalScreen):
    """Pick one of several moves of a kind (softening a stance: each is two or three lines,
    and a playtest at 100x30 found two of them filling the moves box). Dismisses with the
    index chosen, or None."""

    # (Enter, taken before the list's own, so the footer shows it: a student saw only 'esc
    # Cancel' and wondered how to choose; a click still chooses through the list)
    BINDINGS = [Binding("enter", "choose", "Choose", priority=True),
                Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, labels: list[str], hint: str = "") -> None:
        super().__init__()
        self.title_text, self.labels, self.hint = title, labels, hint

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-box"):
            yield Static(plain(self.title_text, "bold"))
            if self.hint:  # what the move does, whichever is chosen
                yield Static(plain(self.hint, "dim"), id="pick-hint")
            yield OptionList(*[Option(plain(label), id=str(i))
                               for i, label in enumerate(self.labels)], id="picks",
                             markup=False)
        yield KeyBar()

    @on(OptionList.OptionSelected, "#picks")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id))

    def action_choose(self) -> None:
        picks = self.query_one("#picks", OptionList)
        if picks.highlighted is not None:
            self.dismiss(picks.highlighted)

    def action_cancel(self) -> None:
        self.dismiss(None)


class LoadScreen(ModalScreen):
    """Load a saved game: every slot in your data folder, newest first."""

    BINDINGS = [Binding("escape", "dismiss", "Cancel")]

    def compose(self) -> ComposeResult:
        from game import storage

        self.paths = storage.slots()
        with Vertical(id="slot-box"):
            yield Static(Text("Load which game?", style="bold"))
            options = [Option(plain(slot_line(p)), id=str(i)) for i, p in enumerate(self.paths)]
            if not options:
                options = [Option(Text("No saved games yet.", style="dim"), disabled=True)]
            yield OptionList(*options, id="slots", markup=False)
        yield KeyBar()

    @on(OptionList.OptionSelected, "#slots")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss()
            self.app.load_save(str(self.paths[int(event.option.id)]))


def _when(path) -> str:
    import datetime

    return datetime.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")


def slot_line(path) -> str:
    """One line per saved game: its name, what it is (scenario, your role, how far it got)
    and when it was saved. A save that cannot be read says so (loading it explains why)."""
    from game.engine.saves import SaveError, read

    try:
        data = read(path)
    except SaveError:
        return f"{path.stem} — cannot be read  (saved {_when(path)})"
    roles, where = save_summary(data)
    return (f"{path.stem} — {data.get('scenario', '?')}, as {roles}, {where}, "
            f"seed {data.get('seed', '?')}  (saved {_when(path)})")


def save_summary(data: dict, names: dict[str, str] | None = None, how: bool = True
                 ) -> tuple[str, str]:
    """Who played a saved game (role ids, or their ``names``) and how far it got ('turn 10',
    'ended', with ``how``: which ending)."""
    names = names or {}
    roles = ", ".join(names.get(str(h), str(h)) for h in data["humans"]) or "watching"
    turn = data.get("turn")
    where = f"turn {turn + 1}" if isinstance(turn, int) else "turn ?"
    if data.get("ending") is not None:
        where = f"ended ({data['ending'] or 'time ran out'})" if how else "ended"
    return roles, where


class SeedScreen(ModalScreen):
    """Type a seed (a whole number): the same seed and moves always give the same game."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, seed: int) -> None:
        super().__init__()
        self.seed = seed

    def compose(self) -> ComposeResult:
        with Vertical(id="slot-box"):
            yield Static(Text("Seed (a whole number; Enter to keep it):", style="bold"))
            yield Input(str(self.seed), id="seed-input", type="integer")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#seed-input", Input).focus()  # the text is selected: typing replaces it

    @on(Input.Submitted)
    def done(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        self.dismiss(int(value) if value.lstrip("-").isdigit() else None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """Ask before a move that cannot be taken back (an offensive, walking out)."""

    BINDINGS = [Binding("y", "answer(True)", "Yes"), Binding("n,escape", "answer(False)", "No")]

    def __init__(self, question: str, detail: str) -> None:
        super().__init__()
        self.question, self.detail = question, detail

    def compose(self) -> ComposeResult:
        with Vertical(id="slot-box"):
            yield Static(plain(self.question, "bold"))
            yield Static(plain(self.detail))
            yield Static(Text("y goes ahead · n or Esc thinks again", style="dim"))
        yield KeyBar()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
