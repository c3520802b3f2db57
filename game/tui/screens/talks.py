"""The talks: map, sides, the table, your moves, the news and the reasons why."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from game.tui.widgets.keybar import KeyBar
from game import notes, present
from game.engine import history
from game.engine.explain import describe
from game.engine.observe import observe, series
from game.tui.widgets.mapview import MapView
from game.tui.widgets.panels import BackersPanel, FactionsPanel, StatusBar, TablePanel
from game.tui.widgets.text import plain


class MovesList(OptionList):
    """The list of one's moves. The arrows stop at either end instead of wrapping round: the
    list is taller than its box, and a playtester went down past the last move and found
    himself back at the first without seeing how."""

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        options = self.options
        index = -1 if self.highlighted is None and direction > 0 else (
            len(options) if self.highlighted is None else self.highlighted)
        index += direction
        while 0 <= index < len(options):
            if not options[index].disabled:
                self.highlighted = index
                return
            index += direction


class TalksScreen(Screen):
    """The main screen. Keys are in the footer; the mouse works too."""

    BINDINGS = [
        Binding("p", "propose", "Package"),
        Binding("w", "wait", "Wait"),
        Binding("W", "wait_on", "Wait on"),  # (in the footer where it has room: keybar.EXTRA)
        Binding("y", "tab('why')", "Why?"),
        Binding("n", "tab('news')", "News"),
        Binding("t", "tab('table')", "Table"),
        Binding("b", "tab('backers')", "World"),
        Binding("s", "save", "Save"),
        Binding("l", "load", "Load"),
        Binding("escape", "moves", "Moves"),  # (shown only away from them; short: at 80
        # columns a longer label was the first key dropped)
    ]

    def __init__(self) -> None:
        super().__init__()
        self.menu: list[present.Choice] = []
        self.groups: list[tuple[present.Choice, ...]] = []  # the menu's grouped entries
        self.shown = 0
        self.news = Text()
        self.news_items: list[tuple[list[str], str]] = []  # what the feed shows, unfolded
        self.news_width = -1  # the width it was folded for
        self.news_turn = -1  # the turn whose news last came in
        self.dialog_closed = False  # a move's dialog just closed (see action_tab)

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield MapView(id="map")
                yield FactionsPanel(id="factions")
            with Vertical(id="right"):
                yield MovesList(id="actions", markup=False)
                with TabbedContent(id="tabs", initial="table"):
                    with TabPane("Table", id="table"):
                        with VerticalScroll():
                            yield TablePanel(id="agenda")
                    with TabPane("News", id="news"):
                        with VerticalScroll(id="feed-scroll"):
                            yield Refolding("show_news", id="feed", markup=False)
                    with TabPane("Why?", id="why"):
                        with VerticalScroll():
                            yield Refolding("show_why", id="reasons", markup=False)
                    with TabPane("World", id="backers"):
                        with VerticalScroll():
                            yield BackersPanel(id="backing")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#actions", OptionList).border_title = "Your moves"
        self.query_one("#map", MapView).border_title = "Map"
        self.query_one("#factions").border_title = "The sides"
        self.query_one("#feed-scroll", VerticalScroll).anchor()  # news: stay at the latest
        self.watch(self.app, "state", self.show_state)
        self.watch(self.app, "thinking", lambda _: self.show_state(self.app.state))

    # -- showing ----------------------------------------------------------------------------
    def on_resize(self) -> None:
        self.show_state(self.app.state)

    def show_state(self, state) -> None:
        if state is None:
            return
        app = self.app
        rules, role = app.rules, app.role
        obs = observe(state, role, with_log=False)
        hist = series(state, role)
        my_move = state.outcome is None and state.role == role and not app.thinking
        waiting = None
        if app.waiting_on is not None and not my_move and state.outcome is None:
            waiting = "stopping" if app.wait_stopping else "waiting"
        self.query_one(StatusBar).show(rules, obs, rules.s.roles[role].name, my_move, waiting)
        self.query_one(MapView).show(rules, obs.territories, legend=self.size.width >= 110)
        self.query_one(FactionsPanel).show(rules, obs, hist, wide=self.size.width >= 110)
        self.query_one(TablePanel).show(rules, obs, wide=self.size.width >= 110)
        self.query_one(BackersPanel).show(rules, obs, hist)
        self.show_news(state)
        self.show_why(state)
        self.show_menu(state, my_move)

    def show_news(self, state) -> None:
        """Append what is new to the feed. A Static (not a RichLog) so the text re-wraps when
        the terminal is resized and is laid out even while the tab is hidden."""
        entries = history(state)
        if len(entries) < self.shown:  # a different game (loaded): start again
            self.news, self.news_items = Text(), []
            self.shown, self.news_turn = 0, -1
        feed = self.query_one("#feed", Static)
        width = feed.content_size.width
        if len(entries) == self.shown and self.news and width == self.news_width:
            return
        new_items = []
        for entry in entries[self.shown:]:
            if entry.kind == "snapshot" or (
                    entry.visible is not None and self.app.role not in entry.visible):
                continue
            lines = describe(self.app.rules, entry, self.app.role, cite="named")
            if not lines:
                continue
            style = "bold" if entry.kind in ("turn", "sign", "ending") else (
                "yellow" if entry.kind == "event" else "")
            new_items.append((lines, style))
        self.shown = len(entries)
        self.news_items += new_items
        if width != self.news_width:  # folded for another width: fold it all again
            self.news, new_items, self.news_width = Text(), self.news_items, width
        for lines, style in new_items:
            if self.news:
                self.news.append("\n")
            self.news.append("\n".join(_fold(line, width) for line in lines), style=style)
        feed.update(self.news.copy())
        if new_items and state.turn != self.news_turn:
            # a new turn's news is shown even if the reader scrolled up during the last one
            # (they read it, then moved on); scrolled up within this turn, the feed stays put
            self.news_turn = state.turn
            self.query_one("#feed-scroll", VerticalScroll).anchor()

    @property
    def news_in_front(self) -> bool:
        return self.query_one(TabbedContent).active == "news"

    @on(TabbedContent.TabActivated, "#tabs")
    def tab_shown(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "news":  # the latest news, not the first; it stays there as the
            # feed grows, until the reader scrolls up (Textual's anchor)
            self.query_one("#feed-scroll", VerticalScroll).anchor()
            self.call_after_refresh(lambda: self.show_news(self.app.state))  # its width now

    def show_why(self, state) -> None:
        lines = notes.why_lines(state, self.app.role)
        width = self.query_one("#reasons", Static).content_size.width
        text = plain("\n".join(_fold(line, width) for line in lines)) if lines else Text(
            "Nobody has reacted to a package yet. When someone accepts or rejects one, the "
            "reasons appear here.", style="dim")
        self.query_one("#reasons", Static).update(text)
        self.query_one("#reasons", Static).parent.scroll_home(animate=False)  # newest first

    def show_menu(self, state, my_move: bool) -> None:
        actions = self.query_one("#actions", OptionList)
        actions.clear_options()
        if not my_move:
            self.menu = []
            note = ("The game is over." if state.outcome is not None
                    else "Waiting for the other delegations…")
            actions.add_option(Option(Text(note, style="italic"), disabled=True))
            return
        self.menu = present.choices(state, self.app.role)
        # several entries of one move are one line that opens a choice of them (each takes
        # a line or three: a playtest at 100x30 saw two concessions fill the moves box)
        options = []
        self.groups = []
        for c in present.grouped(state, self.menu):
            if isinstance(c, tuple):
                options.append(Option(plain(present.group_label(self.app.rules, c) + " …"),
                                      id=f"group-{len(self.groups)}"))
                self.groups.append(c)
            else:
                options.append(Option(plain(f"{c.label}{' …' if c.needs_package else ''}"),
                                      id=str(self.menu.index(c))))
        actions.add_options(options)
        actions.highlighted = 0
        if self.app.focused is None or not isinstance(self.app.focused, OptionList):
            actions.focus()

    # -- acting -----------------------------------------------------------------------------
    @on(OptionList.OptionSelected, "#actions")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is None or not self.menu:
            return
        if event.option.id.startswith("group-"):
            self.pick_from(self.groups[int(event.option.id[6:])])
            return
        self.take(self.menu[int(event.option.id)])

    def pick_from(self, group: tuple[present.Choice, ...]) -> None:
        from game.tui.screens.dialogs import PickScreen

        def picked(index: int | None) -> None:
            self.back_to_moves()
            if index is not None:
                self.take(group[index])

        act = group[0].action.act
        label = self.app.rules.s.actions[act].label
        self.app.push_screen(PickScreen(f"{label}: which?", present.group_items(group),
                                        present.move_hint(self.app.rules, act)), picked)

    def take(self, choice: present.Choice, confirmed: bool = False) -> None:
        warning = present.warning(self.app.state, choice.action)
        if warning and not confirmed:
            from game.tui.screens.dialogs import ConfirmScreen

            def answer(yes: bool | None) -> None:
                self.back_to_moves()
                if yes:
                    self.take(choice, confirmed=True)

            self.app.push_screen(ConfirmScreen(choice.label + "?", warning), answer)
            return
        if choice.needs_package:
            from game.tui.screens.package import PackageScreen

            def done(package) -> None:
                self.back_to_moves()
                if package is not None:
                    self.app.human_move(choice.action._replace(package=package))

            # the builder fills the screen: a toast would only cover its what-if (the
            # notes stay in News)
            self.app.clear_notifications()
            self.app.push_screen(PackageScreen(choice.action), done)
            return
        self.app.human_move(choice.action)

    def action_propose(self) -> None:
        for choice in self.menu:
            if choice.needs_package:
                self.take(choice)
                return
        self.notify("You cannot table a package now.", severity="warning")

    def action_wait_on(self) -> None:
        self.app.wait_on()

    def action_wait(self) -> None:
        for choice in self.menu:
            if choice.action.act == "pass":
                self.take(choice)
                return

    def back_to_moves(self) -> None:
        """A move's dialog closed (the move made, or thought better of): the moves have the
        keys again. The dialog's keys are the tabs' too (y, n): one pressed twice, or repeated
        by the keyboard, only shows its tab and does not move the keys into it."""
        self.dialog_closed = True
        self.action_moves()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Esc is in the footer only while the keys are away from the moves (a teacher's
        playtest pressed y twice, which moves the keys into the Why? tab, then lost a move
        to arrows and Enter that scrolled it instead)."""
        if action == "moves":
            return not isinstance(self.focused, OptionList) or self.focused.id != "actions"
        return True

    def action_moves(self) -> None:
        """Esc, from any pane or the tab bar: back to the list of moves."""
        self.query_one("#actions", OptionList).focus()

    def action_tab(self, tab: str) -> None:
        """Show a tab; asked again, move into it, so the arrows and PageDown scroll it (Tab
        and Shift+Tab move on, as everywhere)."""
        tabs = self.query_one(TabbedContent)
        fresh, self.dialog_closed = self.dialog_closed, False
        if tabs.active == tab and not fresh:
            scrollers = tabs.get_pane(tab).query(VerticalScroll)
            if scrollers:
                scrollers.first().focus()
            return
        tabs.active = tab

    def action_save(self) -> None:
        from game.tui.screens.dialogs import SaveScreen

        self.app.push_screen(SaveScreen())

    def action_load(self) -> None:
        from game.tui.screens.dialogs import LoadScreen

        self.app.push_screen(LoadScreen())


class Refolding(Static):
    """Text that folds its own lines (see :func:`_fold`): when its width changes, the screen
    shows it again (``redraw``, a TalksScreen method) for the width it now has."""

    def __init__(self, redraw: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.redraw = redraw

    def on_resize(self) -> None:
        if isinstance(self.screen, TalksScreen) and self.app.state is not None:
            getattr(self.screen, self.redraw)(self.app.state)


def _fold(line: str, width: int) -> str:
    """A news line folded under its own text: a change ('· ...') under its words, a headline
    or a move two columns in, an indented paragraph at its indent."""
    lead = len(line) - len(line.lstrip(" "))
    indent = lead + 2 if line.lstrip().startswith("· ") else (lead or 2)
    return present.fold(line, width, indent)
