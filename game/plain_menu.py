"""Line mode's menu: the help, its own command words, the numbered moves (several entries of
one move as one), the last word before a move that cannot be taken back, and labels as they
read aloud. A mixin of :class:`game.plain.PlainGame` (``say``, ``ask``, ``rules``, ``state``,
``role``, ``tabled``)."""

from __future__ import annotations

from game import present
from game.engine import Rules
from game.engine.core import PASS
from game.engine.state import Action


def help_text(rules: Rules, role: str) -> str:
    """The commands, with the typed actions this seat really has (not another seat's)."""
    mine = [(a, c) for a, c in rules.actions.items() if role in c.roles]
    tabling = [a for a, c in mine if c.kind in ("propose", "counter")]
    lines = ["Commands:",
             "  a number          take that choice from the menu (0 waits)"]
    for act in tabling:
        lines.append(f"  {act} ISSUE=OPTION ...   table a package directly (issues you leave "
                     "out keep the draft)")
        if rules.actions[act].kind == "counter":  # a delegation's own package binds it
            lines.append("                    tabling it counts as your acceptance: if the "
                         "other side accepts, it is signed")
    typed = []
    for act, c in mine:
        if c.kind in ("propose", "counter"):
            continue
        if c.kind == "concede":
            typed.append(f"{act} ISSUE OPTION")
        elif c.target_kind:
            typed.append(f"{act} {c.target_kind.upper()}")
        else:
            typed.append(act)
    if typed:
        lines.append("  or type a move:   " + ", ".join(typed + ["wait"]))
    if tabling:
        lines.append("  whatif ISSUE=OPTION ...   how each side would likely react to that "
                     "package (nothing is tabled; alone: the draft on the table)")
    lines += ["  wait on           wait turn after turn until something happens (a move by "
              "another side, news, a signature, the end)",
              "  why               explain the latest reactions again",
              "  status            show the situation again",
              "  brief             your seat's brief and the scenario's summary again",
              "  issues            list the agenda with every option's number and id",
              "  menu              list the numbered moves again",
              "  sources           where this turn's news comes from (outlet, headline, date)",
              "  save [NAME]       save the game now (with a NAME: to that slot in your "
              "saves folder)",
              "  fold off          stop folding long lines at the terminal's width, for a "
              "screen reader or braille display ('fold on' folds again; remembered)",
              "  quiet on          each turn in short: the news, what is on the table and "
              "its worth to you, how many moves ('quiet off' says it all again; remembered)",
              "  help              this help",
              "  help concepts     how the negotiation works: reservation value, ripeness, "
              "binding issues, backers, trust",
              "  quit              save and stop",
              f"Words can be shortened to any unique beginning (e.g. {_example(typed)})."]
    return "\n".join(lines)


def _example(typed: list[str]) -> str:
    """A shortening that works for this seat: one of its own moves if three letters name it
    (a screen reader's playtest, as the mediator, read 'acc' for 'accept', a move it has not)."""
    words = [t.split()[0] for t in typed] + list(COMMANDS) + ["wait"]
    for word in words:
        if len(word) > 4 and sum(w.startswith(word[:3]) for w in words) == 1:
            return f"'{word[:3]}' for '{word}'"
    return "'sta' for 'status'"


COMMANDS = ("help", "concepts", "menu", "moves", "list", "sources", "why", "status", "brief",
            "whatif", "issues", "save", "fold", "quiet", "quit")  # (its own; 'wait on' apart)


def spoken(label: str) -> str:
    """A menu label as it reads aloud: a softened stance goes "from 'X' to 'Y'" (not "'X' →
    'Y'": a screen reader's playtest heard an arrow, and no 'from')."""
    if " → " not in label:
        return label
    head, sep, rest = label.partition(": '")
    label = f"{head}: from '{rest}" if sep else label
    return label.replace(" → ", " to ")


class Menus:
    def show_menu(self, menu: list[present.Choice]) -> None:
        for n, choice in self.numbered(menu):
            if isinstance(choice, tuple):  # entries of one move, as one line (no '…' aloud)
                self.say(f"  {n}. {present.group_label(self.rules, choice)}")
            else:
                self.say(f"  {n}. {spoken(choice.label)}")

    def confirmed(self, action: Action) -> bool:
        """A move that cannot be taken back (an offensive, walking out) or a package of one's
        own worth less than no deal asks for a 'y' first, as the full-screen game does (a
        playtest signed a deal at 60 against a reservation value of 94 without a word)."""
        if action == self.tabled:  # (the package builder asked already, what-if in view)
            self.tabled = None
            return True
        warning = present.warning(self.state, action)
        if warning is None and action.package and \
                self.rules.actions[action.act].kind == "counter":
            warning = present.own_verdict(self.state, self.role, action.package)
        if warning is None:
            return True
        self.say(warning)
        if self.ask("Type y to go ahead, anything else to choose again: ").lower() in ("y",
                                                                                    "yes"):
            return True
        self.say("Not done. Choose again ('menu' lists the moves).")
        return False

    def numbered(self, menu: list[present.Choice]
                 ) -> list[tuple[int, present.Choice | tuple[present.Choice, ...]]]:
        """Moves numbered from 1, several of one move as one (:func:`present.grouped`);
        waiting is always 0, listed last, so 0 is a safe habit."""
        moves = [c for c in present.grouped(self.state, menu)
                 if isinstance(c, tuple) or c.action.act != PASS]
        waits = [c for c in menu if c.action.act == PASS]
        return list(enumerate(moves, 1)) + [(0, c) for c in waits[:1]]

    def pick_from(self, group: tuple[present.Choice, ...]) -> Action | None:
        """Which of a group's entries (:func:`present.grouped`): a number, or Enter to choose
        another move."""
        label = self.rules.s.actions[group[0].action.act].label
        self.say(f"{label}: which? (Enter or 'cancel' to choose another move)")
        hint = present.move_hint(self.rules, group[0].action.act)
        if hint:  # (what it does, whichever is chosen: as the full-screen game says)
            self.say(hint)
        for n, item in enumerate(present.group_items(group), 1):
            self.say(f"  {n}. {spoken(item)}")
        while True:
            line = self.ask("  > ")
            if not line or line.split()[0].lower() in ("cancel", "back", "menu"):
                self.say("Nothing chosen. Choose again ('menu' lists the moves).")
                return None
            if line.isdigit() and 1 <= int(line) <= len(group):
                return group[int(line) - 1].action
            if line.split()[0].lower() == "quit":
                from game.plain import EndOfInput

                raise EndOfInput("Quitting.")
            self.say(f"  Choose 1 to {len(group)}, or Enter to choose another move.")

    def command_word(self, word: str) -> str | None:
        """A line mode command from any unique beginning of it ('st' for status), as the
        help promises; a beginning that fits several commands or actions is said to, and
        None returned. Anything else comes back as it was, for the actions to read."""
        if word in COMMANDS:
            return word
        commands = [c for c in COMMANDS if c.startswith(word)]
        if not commands or word.isdigit():
            return word
        from game.engine.commands import WAIT

        acts = [a for a in [WAIT, *self.rules.actions] if a.startswith(word) and (
            a == WAIT or self.role in self.rules.actions[a].roles)]
        if len(commands) == 1 and not acts:
            return commands[0]
        self.say(f"'{word}' could be the command {' or '.join(commands)}" +
                 (f", or the move {' or '.join(acts)}" if acts else "") +
                 ": type more of it.")
        return None
