"""The debrief: the ending and score, a timeline, charts, the agreed text, and what really
happened — exportable as Markdown."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static, TabbedContent, TabPane

from game.tui.widgets.keybar import KeyBar
from game import debrief, present
from game.engine import history
from game.engine.explain import describe
from game.engine.reckoning import score_workings
from game.tui.widgets.text import plain, spark

TONE = {"success": "green", "mixed": "yellow", "failure": "red"}


class DebriefScreen(Screen):
    BINDINGS = [
        Binding("e", "export", "Export Markdown"),
        Binding("n", "new_game", "New game"),
        Binding("1", "tab('summary')", "Summary", show=False),
        Binding("2", "tab('timeline')", "Timeline", show=False),
        Binding("3", "tab('charts')", "Charts", show=False),
        Binding("4", "tab('agreement')", "Agreement", show=False),
        Binding("5", "tab('history')", "What happened", show=False),
    ]

    def compose(self) -> ComposeResult:
        with TabbedContent(id="debrief-tabs", initial="summary"):
            with TabPane("Summary", id="summary"):
                with VerticalScroll():
                    yield Static(id="summary-text", markup=False)
            with TabPane("Timeline", id="timeline"):
                with VerticalScroll():
                    yield Static(id="timeline-text", markup=False)
            with TabPane("Charts", id="charts"):
                with VerticalScroll():
                    yield Static(id="charts-text", markup=False)
            with TabPane("Agreement", id="agreement"):
                with VerticalScroll():
                    yield Static(id="agreement-text", markup=False)
            with TabPane("What really happened", id="history"):
                with VerticalScroll():
                    yield Static(id="history-text", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        app = self.app
        rules, state, role = app.rules, app.state, app.role
        report = self.report = debrief.build(rules, state, role)
        self.show_summary()
        self.call_after_refresh(self.show_summary)  # (folded once it has its width)
        self.timeline = [(describe(rules, entry, None, cite="named"), "bold" if entry.kind in (
            "turn", "sign", "ending") else "") for entry in history(state)
            if entry.kind not in ("upkeep", "snapshot")]
        self.show_timeline()
        self.call_after_refresh(self.show_timeline)
        self.query_one("#charts-text", Static).update(self.charts(report))
        self.query_one("#agreement-text", Static).update(plain("\n".join(report.agreement)))
        self.query_one("#history-text", Static).update(self.comparison(report))
        self.focus_pane("summary")

    def show_summary(self) -> None:
        """The Summary tab, its turning points folded to the width it has (again on resize)."""
        app = self.app
        rules, state, role, report = app.rules, app.state, app.role, self.report
        o = state.outcome
        summary = self.query_one("#summary-text", Static)
        width = summary.content_size.width  # (0 before layout: not folded yet)
        text = Text()
        text.append(plain(o.title + "\n", f"bold {TONE.get(o.tone, '')}"))
        text.append(plain(f"{report.when}\n\n", "dim"))
        text.append(plain(f"Your score as {rules.s.roles[role].name}: "
                          f"{o.scores.get(role, 0):.0f} / 100\n", "bold"))
        others = ", ".join(f"{rules.s.roles[r].name} {v:.0f}" for r, v in o.scores.items()
                           if r != role)
        text.append(plain(f"(The others: {others})\n", "dim"))
        workings = score_workings(rules, state, role)
        if workings:
            text.append(plain(workings + "\n"))
        text.append("\n")
        for reason in o.reasons:
            text.append(plain(present.fold(reason, width, 0) + "\n"))
        if report.moments:
            text.append(plain("\nTurning points\n", "bold"))
            for moment in report.moments[-12:]:  # (folded under its text, past the date)
                text.append(plain(present.fold(f"  {moment}", width, 15) + "\n"))
        text.append(plain("\nKeys: 1-5 switch tabs · e exports this debrief as Markdown · "
                          "n starts a new game (it asks first) · ctrl+q quits\n", "dim"))
        self.query_one("#summary-text", Static).update(text)

    def show_timeline(self) -> None:
        """The Timeline tab, each line folded under its own text (a student saw folded lines
        start at the left edge, under the dates and headlines)."""
        static = self.query_one("#timeline-text", Static)
        width = static.content_size.width  # (0 before layout: not folded yet)
        text = Text()
        for lines, style in self.timeline:
            for line in lines:
                indent = len(line) - len(line.lstrip())
                indent += 2 if line.lstrip().startswith("· ") or indent == 0 else 0
                text.append(plain(present.fold(line, width, indent) + "\n", style))
        static.update(text)

    def on_resize(self) -> None:
        if getattr(self, "report", None) is not None:
            self.show_summary()
            self.show_timeline()

    def focus_pane(self, pane_id: str) -> None:
        """The shown tab's text takes the keys, so the arrows and PageDown scroll it at once
        (the tab bar is not needed: 1-5 switch tabs)."""
        self.query_one(f"#{pane_id} VerticalScroll", VerticalScroll).focus()

    @on(TabbedContent.TabActivated, "#debrief-tabs")
    def tab_shown(self, event: TabbedContent.TabActivated) -> None:
        self.focus_pane(event.pane.id)
        if event.pane.id == "timeline":  # (a hidden tab has no width to fold to)
            self.call_after_refresh(self.show_timeline)

    def charts(self, report) -> Text:
        rules = self.app.rules
        text = Text()
        text.append("Over the game: each point is a turn as it began, the last one the end "
                    "(0-100 scale)\n\n", style="bold")
        for key, label, values in report.charts:
            faction = key.split(".")[0]
            colour = rules.s.factions[faction].color if faction in rules.s.factions else ""
            text.append(plain(f"{label[:28]:<28} "))
            text.append(spark(values, min(40, max(1, len(values)))), style=colour)
            text.append(f"  {values[0]:.0f} → {values[-1]:.0f}\n" if values else "\n")
        return text

    def comparison(self, report) -> Table | Text:
        if not report.history_title:
            return plain("This scenario records no historical outcome to compare with.")
        if not report.history:
            return plain(f"{report.history_title}\n\n{report.history_text}")
        table = Table(expand=True, title=plain(report.history_title), caption=plain(
            report.history_text), title_justify="left", caption_justify="left")
        table.add_column(Text("Issue"))
        table.add_column(Text("Your game"))
        table.add_column(Text("What really happened"))
        for issue, yours, real, same in report.history:
            mark = "green" if same else "yellow"
            table.add_row(plain(issue), plain(yours, mark), plain(real))
        return table

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def action_export(self) -> None:
        path = debrief.export(self.app.rules, self.app.state, self.app.role)
        folder = str(path.parent)
        home = str(Path.home())
        if folder.startswith(home + "/"):
            folder = "~" + folder[len(home):]
        # the file's name on a line of its own: a toast folds a long path mid-word
        self.notify(f"{path.name}\nin {folder}", title="Debrief written", timeout=10)

    def action_new_game(self) -> None:
        """A new game only when asked twice: n is the News key during play, so an n pressed
        just after the last move would otherwise throw this debrief away."""
        from game.tui.screens.dialogs import ConfirmScreen

        def answer(yes: bool | None) -> None:
            if yes:
                self.app.to_title()

        self.app.push_screen(ConfirmScreen(
            "Start a new game?", "This debrief closes (e exports it as Markdown first)."),
            answer)
