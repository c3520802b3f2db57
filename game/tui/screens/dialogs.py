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

# How the negotiation works

- **A package** settles the agenda one option per issue. Each side values it by how much it
  cares about each issue (its *weights*) and how much it likes each option — privately.
- **Reservation value**: what a deal must be worth before a side signs. It starts from what
  the side expects to get by *not* agreeing (its no-deal value: its prospects of gaining by
  {holding_out}, the ground it holds, its backers, trust, and how much {conflict} hurts), so
  it rises when {conflict} goes well for the side, and it falls as the conflict becomes
  **ripe**.
- **Ripeness** (after I. William Zartman): a *mutually hurting stalemate* — {conflict} hurts
  and neither side can win — plus a *way out* (a proposal on the table, a deadline) and a recent
  or looming *catastrophe*. You can watch it move; you cannot make it, but you can use it.
- **Binding issues**{binding_eg} settle {binding}, so a package touching them must beat the
  reservation value. **Confidence-building** issues{cbm_eg} only need to beat what already
  stands: they can be agreed while {conflict} goes on, and they build trust.
- **Two levels** (after Robert Putnam): a delegation only signs what its backers tolerate. A backer with a veto blocks its side's signature; others cut their support.
- **Trust** falls with walkouts and hostile moves, and rises with talks and gestures.
  While it is low, a delegation asks more of a draft the other side tabled than of the same
  terms from the mediator (*reactive devaluation*, after Lee Ross): the package builder says
  how much more.
- **Your score** (0-100) comes with the ending; the scenario sets it for every seat, and the
  debrief shows how yours was reckoned. As a rule a delegation scores what everything agreed
  is worth to its side, a mediator how much was agreed and how soon, and a failure scores
  little for anyone.
- **The AI counterparts** follow strategies you can read in the *Why?* tab after each move. A
  hard-liner, or one playing tit for tat, holds out for a margin *above* its reservation value;
  a conceder asks for a wide margin at first and less as time runs out.
"""


def help_text(rules: Any = None) -> str:
    """The help in the scenario's words (a water dispute is not told of the war), with two of
    its own binding and confidence-building issues as examples."""
    from game.scenario.model_world import Words

    words = rules.s.words if rules is not None else Words()
    agenda = list(rules.s.agenda.values()) if rules is not None else []

    def example(binding: bool) -> str:
        names = [issue.name for issue in agenda if issue.binding == binding][:2]
        return f" (here: {'; '.join(names)})" if names else ""

    return HELP.format(conflict=words.conflict, holding_out=words.holding_out,
                       binding=words.binding, binding_eg=example(True), cbm_eg=example(False))


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
        app = self.app
        state, rules = getattr(app, "state", None), getattr(app, "rules", None)
        if state is None or rules is None:
            return Text("")
        from game.paths import scenarios_dir

        seat = rules.s.roles[app.role].name if app.role in rules.s.roles else app.role
        path = rules.loaded.path if rules.loaded is not None else None
        named = rules.s.id if path is None or path.parent.resolve() == \
            scenarios_dir().resolve() else str(path)
        return plain(f"This game: {rules.s.id}, seed {state.seed}, as {seat}. To replay it: "
                     f"ceasefire play {named} --seed {state.seed} --role {app.role}", "dim")


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
