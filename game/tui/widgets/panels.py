"""The talks screen's panels. Each one is told what to show; none decides anything."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from game import present
from game.tui.widgets.text import plain, spark


class Reflowing(Static):
    """A panel that folds its own lines: shown again, with what it was last shown, when its
    width changes (the first time it is shown it may not be laid out yet)."""

    _last: tuple | None = None

    def remember(self, *args, **kwargs) -> None:
        self._last = (args, kwargs)

    def on_resize(self) -> None:
        if self._last is not None:
            args, kwargs = self._last
            self.show(*args, **kwargs)


class StatusBar(Static):
    WAITING = {"waiting": " waiting on: any key stops ", "stopping": " stopping at your move… "}

    def show(self, rules, obs, role_name: str, my_move: bool, waiting: str | None = None
             ) -> None:
        """``waiting``: while W waits on, "waiting", or "stopping" once a key asked it to end."""
        text = Text(no_wrap=True, overflow="ellipsis")
        label = " others moving… "
        if obs.outcome is not None:
            text.append(" GAME OVER ", style="bold reverse")
        elif my_move:
            text.append(" YOUR MOVE ", style="bold reverse")
        else:
            label = self.WAITING.get(waiting or "", label)
            text.append(label, style="italic reverse")
        # The longest that fits, measured against the longer label (so the line does not
        # change between "YOUR MOVE" and "others moving…"): then the role and the venue
        # without their parentheses ("UN mediator", "Geneva"); then without the role, which
        # the moves name anyway, so that the venue is never cut (a playtest lost "calls" of
        # "Video calls" to a running deadline)
        room = self.size.width - max(len(label), len(" others moving… ")) \
            if self.size.width else 10_000
        faction = rules.faction_of.get(obs.role)
        lines = [present.short_header(rules, obs, role_name),
                 present.short_header(rules, obs, present.bare_name(role_name), bare=True)]
        if faction:  # ('You: GNA' before no name at all: a student saw the role vanish)
            lines.append(present.short_header(rules, obs, rules.s.factions[faction].short,
                                              bare=True))
        lines.append(present.short_header(rules, obs, "", bare=True))
        line = " " + next((x for x in lines if len(x) + 1 <= room), lines[-1])
        text.append(plain(line, "bold"))
        self.update(text)


class FactionsPanel(Static):
    """Each side's meters with a sparkline of their history: one to a line, with their full
    labels, when the panel is tall enough; two to a line (short labels) when it is not."""

    def show(self, rules, obs, history: dict[str, list[float]], wide: bool) -> None:
        needed = sum(len(view.meters) + 2 for view in obs.factions.values()) + 1
        roomy = wide or self.content_size.height >= needed
        text = Text()
        for f, view in obs.factions.items():
            fac = rules.s.factions[f]
            text.append(f"{fac.short} ", style=f"bold {fac.color}")
            if wide:
                text.append(plain(fac.name + " "))
            seat = "· " + present.away_words(view)
            text.append(seat + "\n", style="" if view.at_table else "bold red")
            rows = [(fac.meters[m].label if roomy else m.replace("_", " ").capitalize(), v,
                     f"{f}.{m}") for m, v in view.meters.items()]
            rows.append(("Ripeness", view.ripeness, f"{f}.ripeness"))
            if obs.private is not None and obs.private.faction == f:
                rows.append(("Your reservation" if roomy else "Reserv.",
                             obs.private.reservation, f"{f}.reservation"))
            per_line = 1 if roomy else 2
            # two to a line fits 35 columns: 2+9+1+2+4 and 1+9+1+2+4 ('Weariness' whole)
            width, spark_width = (18, 8) if roomy else (9, 2)
            for i, (label, value, key) in enumerate(rows):
                text.append(f"{'  ' if i % per_line == 0 else ' '}{label[:width]:<{width}} ")
                text.append(trail(history, key, value, spark_width), style=fac.color)
                text.append(f" {value:3.0f}")
                if i % per_line == per_line - 1 or i == len(rows) - 1:
                    text.append("\n")
        self.update(text.rstrip() or text)


class TablePanel(Reflowing):
    """The agenda: what is agreed, the draft on the table, each side's public stance."""

    def show(self, rules, obs, wide: bool = True) -> None:
        self.remember(rules, obs, wide)
        if not wide:
            self.update(self.narrow(rules, obs))
            return
        table = Table(expand=True, box=None, pad_edge=False, show_edge=False)
        for name, ratio in [("Issue", 3), ("Agreed", 3), ("Draft", 3)] + [
                (f"{rules.s.factions[f].short} wants", 2) for f in rules.factions]:
            table.add_column(Text(name), ratio=ratio, no_wrap=True, overflow="ellipsis")
        draft = obs.table[0] if obs.table else None
        for k, issue in enumerate(rules.issues):
            item = rules.s.agenda[issue]
            agreed = obs.agreed.get(issue)
            row = [plain(item.name, "bold" if agreed else ""),
                   plain(_short(rules, issue, agreed) if agreed else "—", "green" if agreed else
                         "dim")]
            if draft and draft[k] != (agreed or rules.status_quo[k]):
                row.append(plain(_short(rules, issue, draft[k]), "yellow"))
            else:
                row.append(plain("·", "dim"))
            for f in rules.factions:
                row.append(plain(_short(rules, issue, obs.factions[f].stance[issue]), "dim"))
            table.add_row(*row)
        caption = Text()
        if obs.table:
            caption.append(plain(f"Draft {present.draft_status(rules, obs)}."))
            worth = present.draft_worth(rules, obs)
            if worth:
                caption.append(plain(f" {worth}", "yellow"))
        else:
            caption.append("No draft on the table.", style="dim")
        table.caption = caption
        self.update(table)


    def narrow(self, rules, obs) -> Text:
        """Two lines an issue: what is agreed or drafted, then each side's stance."""
        text = Text()
        width = self.content_size.width
        draft = obs.table[0] if obs.table else None
        for k, issue in enumerate(rules.issues):
            agreed = obs.agreed.get(issue)
            name = rules.s.agenda[issue].name
            if draft and draft[k] != (agreed or rules.status_quo[k]):
                line, style = f"{name} · draft: {_short(rules, issue, draft[k])}", "yellow"
            elif agreed:
                line, style = f"{name} · agreed: {_short(rules, issue, agreed)}", "green"
            else:
                line, style = name, ""
            folded = present.fold(line, width, 2)
            head = folded[:len(name)]  # the issue's name in bold, what follows in its colour
            text.append(plain(head, "bold"))
            text.append(plain(folded[len(name):] + "\n", style))
            stances = " · ".join(f"{rules.s.factions[f].short}: "
                                 f"{_short(rules, issue, obs.factions[f].stance[issue])}"
                                 for f in rules.factions)
            text.append(plain(present.fold(f"  {stances}", width, 4) + "\n", "dim"))
        if obs.table:
            text.append(plain(f"Draft {present.draft_status(rules, obs)}.", "italic"))
            worth = present.draft_worth(rules, obs)
            if worth:
                text.append(plain("\n" + present.fold(worth, width, 0), "yellow"))
        else:
            text.append("No draft on the table.", style="dim")
        return text


def trail(history: dict[str, list[float]], key: str, now: float, width: int) -> str:
    """A meter's sparkline that ends at the number printed beside it: the history holds each
    turn as it began, so the value now is its last point (else the bars lag a turn behind)."""
    return spark([*history.get(key, []), now], width)


def _short(rules, issue: str, option: str | None) -> str:
    if not option:
        return "—"
    return rules.s.agenda[issue].options[option].label


class BackersPanel(Reflowing):
    def show(self, rules, obs, history: dict[str, list[float]]) -> None:
        self.remember(rules, obs, history)
        width = self.content_size.width
        text = Text()
        # a backer's line is 43 columns; narrower (80x24) it drops to 33 so it never wraps
        name_width, spark_width = (20, 8) if self.content_size.width >= 43 else (14, 4)
        text.append(plain(f"{'Backer':<{name_width}} {'backs':<5}"
                          f"{'support':>{spark_width + 4}}\n", "dim"))
        for b, support in obs.backers.items():
            backer = rules.s.backers[b]
            fac = rules.s.factions[backer.backs]
            text.append(plain(f"{present.fit_name(backer.name, name_width):<{name_width}} ",
                              "bold"))
            text.append(f"{fac.short:<5}", style=fac.color)
            text.append(trail(history, f"backer.{b}", support, spark_width), style=fac.color)
            text.append(f" {support:3.0f}{' veto' if backer.veto else ''}\n")
            wants = f"  wants: {' '.join(backer.wants.split())}"
            text.append(plain(present.fold(wants, width, 4) + "\n", "dim"))
        if obs.private is not None:
            for line in present.private_lines(rules, obs)[1:]:
                text.append(plain(present.fold(line, width, 2) + "\n", "yellow"))
        text.append(plain(present.fold(present.world_line(rules, obs), width, 2) + "\n", "dim"))
        text.append(plain(present.fold(present.territory_line(rules, obs), width, 2) + "\n", "dim"))
        self.update(text)
