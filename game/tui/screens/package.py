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
from game import present
from game.engine.preview import preview
from game.tui.widgets.text import plain

LIKELY, OWN_LIKELY = present.LIKELY, present.OWN_LIKELY


def start_package(state, role: str) -> tuple[str, ...]:
    """Where the builder starts: the draft on the table; with none, a delegation's own public
    stance (what it asks for), the mediator's what stands now."""
    rules = state.rules
    if state.table is not None:
        return tuple(state.table.package)
    faction = rules.faction_of.get(role)
    if faction is not None:
        stance = state.stances[rules.factions.index(faction)]
        return tuple(option if not (state.vals[slot] and option == rules.status_quo[k])
                     else state.vals[slot] for k, (slot, option) in
                     enumerate(zip(rules.issue_slot, stance)))
    return tuple(state.vals[slot] or quo for slot, quo in zip(rules.issue_slot,
                                                               rules.status_quo))


class IssueList(OptionList):
    """The issues; ←/→ change the highlighted one's option. Bound here, on the list itself,
    so that keys typed quickly (↓ then →) are handled in the order they were typed."""

    BINDINGS = [
        Binding("left", "cycle(-1)", "Option ◀"),
        Binding("right", "cycle(1)", "Option ▶"),
        Binding("enter", "submit", "Table it"),
        # (an OptionList pages its own items: with one line an issue there is nothing to page,
        # and a playtest found the reactions below cut off with no key to read on)
        Binding("pagedown", "scroll_why(1)", "Why ▼"),
        Binding("pageup", "scroll_why(-1)", "Why ▲"),
    ]

    def action_cycle(self, step: int) -> None:
        self.screen.action_cycle(step)

    def action_scroll_why(self, step: int) -> None:
        box = self.screen.query_one("#preview-box")
        (box.scroll_page_down if step > 0 else box.scroll_page_up)(animate=False)

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
        self.own_reaction = None  # the player's own side's reaction to the package shown
        self.confirming = False  # Enter pressed once on a package below one's own bar

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
        self.package = list(start_package(state, app.role))
        act = rules.s.actions[self.action.act]
        label = act.label
        if act.kind == "counter" and self.app.state.table is None:  # (as the moves list says)
            label = present.OWN_PACKAGE
        self.query_one("#package-title", Static).update(Text.assemble(
            (label, "bold"), ("  ←/→ change an option · PgDn/PgUp read the reactions · "
                                  "Enter tables it · Esc cancels", "dim")))
        issues = self.query_one("#issues", OptionList)
        issues.add_options(Option(self.prompt(k), id=str(k)) for k in range(len(self.package)))
        issues.highlighted = 0
        issues.focus()
        self.update_preview()

    def on_resize(self) -> None:
        self.update_preview()  # (folded to the width it now has)

    def prompt(self, k: int) -> Text:
        rules = self.rules
        issue = rules.issues[k]
        option = self.package[k]
        agreed = self.app.state.vals[rules.issue_slot[k]]
        label = rules.s.agenda[issue].options[option].label
        changed = option != (agreed or rules.status_quo[k])
        text = Text()
        text.append(plain(f"{rules.s.agenda[issue].name}", "bold"))
        if rules.binding[k]:
            text.append(" (binding)", style="magenta")
        text.append(": ")
        text.append("◀\u00a0", style="dim")  # (no-break spaces: a long option folds with
        text.append(plain(label, "yellow" if changed else ""))  # its arrows, never leaving
        text.append("\u00a0▶", style="dim")  # one alone on a line)
        note = present.agreed_note(rules, self.app.state.vals, k, option)
        if note:  # renegotiating what was signed says what it would replace
            text.append(plain(f"  ({note})", "green" if note == "agreed" else "bold red"))
        elif not changed:
            text.append("  (as it stands)", style="dim")
        return text

    def action_cycle(self, step: int) -> None:
        issues = self.query_one("#issues", OptionList)
        k = issues.highlighted
        if k is None:
            return
        options = self.choices[k]
        index = options.index(self.package[k]) if self.package[k] in options else 0
        self.package[k] = options[(index + step) % len(options)]
        self.confirming = False
        issues.replace_option_prompt_at_index(k, self.prompt(k))
        self.update_preview()
        # a new package, a new verdict: back to its first line (a playtest at 80x24 changed an
        # option after PgDn and had to page back up to see who would accept it now)
        self.query_one("#preview-box", VerticalScroll).scroll_home(animate=False)

    @on(OptionList.OptionSelected, "#issues")
    def selected(self, event: OptionList.OptionSelected) -> None:
        self.action_cycle(1)

    def update_preview(self) -> None:
        rules = self.rules
        text = Text()
        text.append("What-if", style="bold underline")
        from game.engine.negotiation import check_package

        trouble = check_package(rules, self.app.state.vals, tuple(self.package))
        self.own_reaction = None
        if trouble:
            text.append(plain(f"  nothing to preview yet: {trouble}.\n", "dim"))
            self.query_one("#preview", Static).update(text)
            return
        reactions = preview(self.app.state, self.app.role, tuple(self.package))
        details = Text()
        width = self.query_one("#preview", Static).content_size.width  # (0 before layout)
        binds = self.signs_it()
        if binds:
            details.append(plain("\n" + present.fold(binds, width, 0), "italic"))
        for reaction in reactions:  # first a one-line verdict per side (short screens), then why
            fac = rules.s.factions[reaction.faction]
            words, colour = LIKELY[reaction.likely]
            if reaction.certain:
                self.own_reaction = reaction
                words = OWN_LIKELY.get(reaction.likely, words)
            label = present.side_label(rules, reaction.faction, reaction.certain)
            text.append(f"  {label}: ", style=f"bold {fac.color}")
            text.append(words, style=f"bold {colour}")
            details.append(f"\n{label}", style=f"bold {fac.color}")
            for reason in reaction.reasons:  # folded under its own text, not the edge
                details.append(plain("\n" + present.fold(f"  {reason}", width, 2)))
        text.append("\n")
        text.append_text(details)
        self.query_one("#preview", Static).update(text)

    def action_submit(self) -> None:
        from game.engine.negotiation import check_package

        trouble = check_package(self.rules, self.app.state.vals, tuple(self.package))
        if trouble:
            self.notify(trouble.capitalize() + ".", severity="warning")
            return
        own = self.own_reaction
        if self.signs_it() and own is not None and own.likely == "reject" and \
                not self.confirming:
            # tabling it is signing it: a package below one's own bar gets a second look
            self.confirming = True
            self.notify(present.commits_you(self.rules, own.faction) + " Press Enter again to "
                        "table it anyway.", severity="warning", timeout=8)
            return
        self.dismiss(tuple(self.package))

    def signs_it(self) -> str:
        """For a delegation's own package: that tabling it counts as accepting it."""
        rules = self.rules
        faction = rules.faction_of.get(self.app.role)
        if faction is None or rules.actions[self.action.act].kind != "counter":
            return ""
        replaces = present.replaces_accepted(self.app.state, self.app.role,
                                             tuple(self.package))
        return (f"Tabling it counts as your acceptance, and what it changes becomes your public "
                f"stance: {present.if_others_accept(rules, faction)}, it is signed."
                + (f" {replaces}" if replaces else ""))

    def action_cancel(self) -> None:
        self.dismiss(None)
