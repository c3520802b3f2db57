"""Build a package issue by issue, with a what-if preview of how each side would react."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.tui.widgets.keybar import KeyBar
from game.engine.preview import preview
from game.tui.widgets.text import plain

LIKELY = {"accept": ("likely to accept", "green"), "reject": ("likely to reject", "red"),
          "uncertain": ("could go either way", "yellow"), "blocked": ("a backer would block it",
                                                                      "magenta")}


class IssueList(OptionList):
    """The issues; ←/→ change the highlighted one's option. Bound here, on the list itself,
    so that keys typed quickly (↓ then →) are handled in the order they were typed."""

    BINDINGS = [
        Binding("left", "cycle(-1)", "Option ◀"),
        Binding("right", "cycle(1)", "Option ▶"),
        Binding("enter", "submit", "Table it"),
    ]

    def action_cycle(self, step: int) -> None:
        self.screen.action_cycle(step)

    def action_submit(self) -> None:
        self.screen.action_submit()


class PackageScreen(ModalScreen):
    """Up/down: choose an issue. Left/right: change its option. Enter: table it. Esc: cancel."""

    BINDINGS = [
        Binding("enter", "submit", "Table it"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, action) -> None:
        super().__init__()
        self.action = action

    def compose(self) -> ComposeResult:
        with Vertical(id="package-box"):
            yield Static(id="package-title")
            yield IssueList(id="issues", markup=False)
            with VerticalScroll(id="preview-box"):
                yield Static(id="preview", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        app = self.app
        rules, state = app.rules, app.state
        self.rules = rules
        self.choices = []
        for k, slot in enumerate(rules.issue_slot):
            agreed = state.vals[slot]
            self.choices.append([o for o in rules.options[k]
                                 if not (agreed and o == rules.status_quo[k])])
        draft = state.table.package if state.table is not None else None
        self.package = [((draft[k] if draft else None) or state.vals[slot] or rules.status_quo[k])
                        for k, slot in enumerate(rules.issue_slot)]
        act = rules.s.actions[self.action.act]
        self.query_one("#package-title", Static).update(Text.assemble(
            (f"{act.label}\n", "bold"),
            ("←/→ change the option of the highlighted issue · Enter tables the package · "
             "Esc cancels", "dim")))
        issues = self.query_one("#issues", OptionList)
        issues.add_options(Option(self.prompt(k), id=str(k)) for k in range(len(self.package)))
        issues.highlighted = 0
        issues.focus()
        self.update_preview()

    def prompt(self, k: int) -> Text:
        rules = self.rules
        issue = rules.issues[k]
        option = self.package[k]
        agreed = self.app.state.vals[rules.issue_slot[k]]
        label = rules.s.agenda[issue].options[option].label
        changed = option != (agreed or rules.status_quo[k])
        text = Text()
        text.append(plain(f"{rules.s.agenda[issue].name}: ", "bold"))
        text.append("◀ ", style="dim")
        text.append(plain(label, "yellow" if changed else ""))
        text.append(" ▶", style="dim")
        if agreed:
            text.append("  (agreed)", style="green")
        return text

    def action_cycle(self, step: int) -> None:
        issues = self.query_one("#issues", OptionList)
        k = issues.highlighted
        if k is None:
            return
        options = self.choices[k]
        index = options.index(self.package[k]) if self.package[k] in options else 0
        self.package[k] = options[(index + step) % len(options)]
        issues.replace_option_prompt_at_index(k, self.prompt(k))
        self.update_preview()

    @on(OptionList.OptionSelected, "#issues")
    def selected(self, event: OptionList.OptionSelected) -> None:
        self.action_cycle(1)

    def update_preview(self) -> None:
        rules = self.rules
        text = Text()
        text.append("What-if: how each side would likely react\n", style="bold underline")
        from game.engine.negotiation import check_package

        trouble = check_package(rules, self.app.state.vals, tuple(self.package))
        if trouble:
            text.append(plain(f"Nothing to preview yet: {trouble}.\n", "dim"))
            self.query_one("#preview", Static).update(text)
            return
        for reaction in preview(self.app.state, self.app.role, tuple(self.package)):
            fac = rules.s.factions[reaction.faction]
            words, colour = LIKELY[reaction.likely]
            if reaction.certain:
                words = {"accept": "you can accept it", "reject": "below your reservation value",
                         "blocked": "your backer would block it"}.get(reaction.likely, words)
            text.append(f"{fac.short}: ", style=f"bold {fac.color}")
            text.append(f"{words}\n", style=f"bold {colour}")
            for reason in reaction.reasons:
                text.append(plain(f"  {reason}\n"))
        self.query_one("#preview", Static).update(text)

    def action_submit(self) -> None:
        from game.engine.negotiation import check_package

        trouble = check_package(self.rules, self.app.state.vals, tuple(self.package))
        if trouble:
            self.notify(trouble.capitalize() + ".", severity="warning")
            return
        self.dismiss(tuple(self.package))

    def action_cancel(self) -> None:
        self.dismiss(None)
