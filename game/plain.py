"""Plain line mode: the game as numbered choices on standard input (pipes, screen readers).

The same scenario, seed and input always print the same transcript. At the end of input the
game is saved and the command exits with status 0.
"""

from __future__ import annotations

import re

from typing import Callable, TextIO

from game import notes, present
from game.plain_menu import Menus, help_text  # noqa: F401 (help_text: a public name here)
from game.plain_moves import Moves
from game.plain_reports import Reports
from game.engine import ActionError, Rules, State, apply, history, new_game
from game.engine.ai import choose
from game.engine.explain import describe
from game.engine.observe import observe
from game.engine.rules import long_date
from game.engine.state import Action

# A reaction's lines that move from turn to turn even for the same reasons: its ripeness, and
# the changes the move made
_MOVING = ("  Ripeness for ", "  · ")


class EndOfInput(Exception):
    """Input ran out, or the player typed quit (the message says which)."""


def advance(state: State) -> State:
    """Let the AI play every seat nobody human holds, until a human must move or it ends."""
    while state.outcome is None and state.role not in state.humans:
        action, why = choose(state)
        state = apply(state, action, why)
    return state


class PlainGame(Reports, Moves, Menus):
    def __init__(self, rules: Rules, state: State, role: str, read: Callable[[], str | None],
                 out: TextIO, save: Callable[[State], str]):
        self.rules = rules
        self.state = state
        self.role = role
        self.read_line = read
        self.out = out
        self.save = save
        self.shown = 0  # log entries already printed
        self.watch: tuple[object, int] | None = None  # (path, mtime) with --watch
        self.width = 0  # wrap at this many columns (a terminal); 0: never (pipes, readers)
        self.ending_told = False  # the news has said the ending (its title, once)
        self.echo = False  # write what was read after its prompt (input from a file or pipe)
        self.tabled: Action | None = None  # a package the builder has had confirmed
        self.quiet = False  # each turn in short ('quiet on': the settings keep it)
        # per role, the last reaction said in full: its first line, its lines, its turn
        self.reasons_said: dict[str, tuple[str, tuple[str, ...], int]] = {}
        self.guesses_said: set[str] = set()  # what-if caveats already said (once a game)

    def say(self, text: str = "") -> None:
        if self.width and len(text) > self.width:
            text = wrap(text, self.width)
        self.out.write(text + "\n")

    def ask(self, prompt: str) -> str:
        self.out.write(prompt)
        self.out.flush()
        line = self.read_line()
        if line is None:
            self.say()
            raise EndOfInput
        if self.echo:  # (a teacher's playtest: a piped game's transcript showed the answers
            self.out.write(line.strip() + "\n")  # but never the commands that led to them)
        return line.strip()

    # -- the loop -----------------------------------------------------------------------------
    def intro(self) -> None:
        s = self.rules.s
        role = s.roles[self.role]
        self.say(f"{s.title}")
        self.say(" ".join(s.summary.split()))
        self.say()
        self.say(f"You are: {role.name}. Seed {self.state.seed}.")
        self.say(present.brief(self.rules, self.role))
        self.say("Type 'help' for commands.")

    def set_fold(self, on: bool) -> None:
        """Fold long lines at a terminal, or not (a screen reader's playtest: a line folded
        mid-phrase is read as two); kept in the settings for the next game."""
        from game.tui import settings

        settings.remember("plain_fold", on)
        self.width = terminal_width() if on and self.out.isatty() else 0
        self.say("Long lines are folded at the terminal's width." if on else
                 "Long lines are no longer folded: each is one line, for your screen reader "
                 "or terminal to wrap.")

    def set_quiet(self, on: bool) -> None:
        """Each turn in short, or in full; kept in the settings for the next game."""
        from game.tui import settings

        settings.remember("plain_quiet", on)
        self.quiet = on
        self.say("Quiet: each turn says the news, the date, what is on the table and what it "
                 "is worth to you, and how many moves you have ('status' and 'menu' say the "
                 "rest)." if on else "Each turn says the whole situation and every move again.")

    def brief(self) -> None:
        self.say(present.brief(self.rules, self.role))
        self.say(" ".join(self.rules.s.summary.split()))

    def play(self) -> int:
        try:
            while True:
                self.state = advance(self.state)
                self.news()
                if self.state.outcome is not None:
                    self.ending()
                    self.say(self.save(self.state))
                    self.offer_export()
                    return 0
                if self.watch is not None and self.reload():
                    continue
                self.situation(short=self.quiet)
                self.turn()
        except EndOfInput as end:
            self.say(f"{end.args[0] if end.args else 'End of input.'} {self.save(self.state)}")
            return 0
        except KeyboardInterrupt:  # Ctrl-C: keep every move made so far, as end of input does
            self.say(f"Interrupted. {self.save(self.state)}")
            return 130

    def reload(self) -> bool:
        """With --watch: if the scenario file changed, reload it and replay the game on it."""
        import json

        from game.engine import saves
        from game.scenario.errors import ScenarioError
        from game.scenario.loader import load_scenario

        path, mtime = self.watch
        try:
            now = path.stat().st_mtime_ns
        except OSError:
            return False
        if now == mtime:
            return False
        self.watch = (path, now)
        try:
            rules = Rules(load_scenario(path))
        except ScenarioError as exc:
            self.say(f"{path} was saved with errors; the game goes on with the previous "
                     "version:")
            for problem in exc.problems:
                self.say(f"  {problem}")
            return False
        data = json.loads(saves.to_json(self.state))
        data["scenario"] = rules.s.id
        data.pop("seal", None)  # (this game, not a file anyone edited)
        loaded = saves.restore(rules, data, str(path))
        self.rules, self.state = rules, loaded.state
        self.shown = len(history(self.state))
        self.say(f"Reloaded {path.name}: all {loaded.total} moves replay on the new version."
                 if loaded.diverged_turn is None else f"Reloaded {path.name}: {loaded.message}")
        return True

    def news(self) -> None:
        entries = history(self.state)
        for entry in entries[self.shown:]:
            if entry.visible is not None and self.role not in entry.visible:
                continue
            lines = describe(self.rules, entry, self.role, cite=False)
            if entry.kind == "action" and len(lines) > 2:
                lines = self.not_again(entry, lines)
            for line in lines:
                self.say(line)
            if entry.kind == "ending":
                self.ending_told = True
        self.shown = len(entries)

    def not_again(self, entry, lines: list[str]) -> list[str]:
        """A reaction's reasons said in full once: the same move for word-for-word the same
        reasons later says only when they were given and what moved (its ripeness, the
        meters). A screen reader's playtest heard the LNA's three-line rejection of one draft
        every turn."""
        head = lines[0]
        reasons = tuple(line for line in lines[1:] if not line.startswith(_MOVING))
        before = self.reasons_said.get(entry.role)
        if before is not None and before[:2] == (head, reasons):
            day = long_date(self.rules.iso_date(before[2]))
            return [head, f"  For the same reasons as on {day} ('why' says them again)."] + [
                line for line in lines[1:] if line.startswith(_MOVING)]
        self.reasons_said[entry.role] = (head, reasons, entry.turn)
        return lines

    def situation(self, short: bool = False) -> None:
        """The situation in full ('status'), or ``short`` (with 'quiet on', at each turn):
        the date, what is on the table and what it is worth to you, and any warning."""
        obs = observe(self.state, self.role, with_log=False)
        rules = self.rules
        self.say()
        # (no rule of '=': it is read aloud; quiet, the turn and date were just said above)
        head = present.header(rules, obs, dated=not short)
        self.say(head[0].upper() + head[1:] + ".")
        if short:  # (a screen reader's playtest heard thirty near-identical lines a turn)
            n = len(obs.agreed)
            self.say(f"Agreed so far: {n} of {len(rules.issues)} issues ('status' lists "
                     "them)." if n else "Agreed so far: nothing yet.")
            for line in present.table_lines(rules, obs)[1 + n:]:  # (the draft on the table)
                self.say(line)
            # (without the delegation's own numbers, its first line; the mediator's lines
            # are what each side has shown it: a playtest missed the first side's in quiet)
            for line in present.private_lines(rules, obs)[1 if obs.private else 0:]:
                self.say(line)
            for line in notes.standing_notes(self.state, self.role):
                self.say("Warning: " + line)
            return
        for line in present.faction_lines(rules, obs):
            self.say(line)
        self.say(present.ripeness_line(rules, obs))
        self.say(present.world_line(rules, obs))
        for line in (present.backer_line(rules, obs), present.territory_line(rules, obs)):
            if line and not line.endswith(": "):  # (a scenario with no backers or no territory: an
                self.say(line)  # author's playtest heard an empty 'Held:' every turn)
        for line in present.table_lines(rules, obs) + present.private_lines(rules, obs):
            self.say(line)
        for line in notes.standing_notes(self.state, self.role):  # (as the TUI says)
            self.say("Warning: " + line)

    def turn(self) -> None:
        menu = present.choices(self.state, self.role)
        self.say()
        if self.quiet:
            moves = len(self.numbered(menu)) - 1
            self.say(f"Your move, {self.rules.s.roles[self.role].name}: {moves} moves; "
                     "'menu' lists them, 0 waits.")
        else:
            self.say(f"Your move, {self.rules.s.roles[self.role].name}:")
            self.show_menu(menu)
        while True:
            line = self.ask("> ")
            if self.watch is not None and self.reload():  # (an author typed 'status' after
                # editing, and saw the old numbers: the file is looked at on every line)
                self.say("The file changed, so what you typed was not taken; the game goes "
                         "on with the new version.")
                return
            if not line:
                continue
            if line.lower().split()[:2] == ["wait", "on"]:
                self.wait_on()
                return
            action = self.interpret(line, menu)
            if action is None or not self.confirmed(action):
                continue
            try:
                self.state = apply(self.state, action)
                return
            except ActionError as exc:
                self.say(str(exc))

    def interpret(self, line: str, menu: list[present.Choice]) -> Action | None:
        word = self.command_word(line.split()[0].lower())
        if word is None:
            return None
        line = " ".join([word, *line.split()[1:]]) if not line.isdigit() else line
        if line.isdigit():
            numbers = dict(self.numbered(menu))
            choice = numbers.get(int(line))
            if choice is None:
                top = max(numbers)
                self.say((f"Choose 1 to {top}" if top else "Choose") +
                         (", or 0 to wait." if 0 in numbers else "."))
                return None
            if isinstance(choice, tuple):
                return self.pick_from(choice)
            return self.build_package(choice.action) if choice.needs_package else choice.action
        if word == "help" and line.lower().split()[1:2] in (["concepts"], ["how"]) or \
                word == "concepts":  # (a teacher's playtest: only the full screen had them)
            from game.concepts import plain_concepts

            self.say(plain_concepts(self.rules))
        elif word == "help":
            self.say(help_text(self.rules, self.role))
        elif word in ("menu", "moves", "list", "?"):
            self.show_menu(menu)
        elif word == "sources":
            self.sources()
        elif word == "why":
            self.why()
        elif word == "status":
            self.situation()
        elif word == "brief":
            self.brief()
        elif word == "fold":
            self.set_fold(line.lower().split()[1:2] != ["off"])
        elif word == "quiet":
            self.set_quiet(line.lower().split()[1:2] != ["off"])
        elif word == "whatif":
            from game.engine.commands import parse_package

            if len(line.split()) < 2 and self.state.table is None:  # (it answered 'the
                # package changes nothing')
                self.say("whatif ISSUE=OPTION ...: how each side would likely react to that "
                         "package, e.g. 'whatif prisoners=all_for_all' or 'whatif "
                         "prisoners=3'; 'issues' lists the options. With a draft on the "
                         "table, 'whatif' alone weighs the draft.")
                return None
            try:  # (alone: the draft on the table, as a screen reader's playtest expected)
                package = parse_package(self.state, line.split()[1:], line)
            except ActionError as exc:
                self.say(str(exc))
                return None
            for text in self.whatif(package):
                self.say(text)
        elif word == "issues":
            self.issues()
        elif word == "save":
            name = line.split(None, 1)[1].strip() if len(line.split()) > 1 else ""
            if name:  # a named slot in the saves folder, as the full-screen game's
                from game import storage
                from game.engine import saves

                target = storage.slot_path(name)
                try:
                    saves.save(self.state, target)
                    self.say(f"Saved to {target}. Continue it with: ceasefire play --plain "
                             f"--load {target}")
                except OSError as exc:
                    self.say(f"Could not save to {target}: {exc.strerror or exc}")
            else:
                self.say(self.save(self.state))
        elif word == "quit":
            raise EndOfInput("Quitting.")
        else:
            from game.engine.commands import parse_action

            try:
                return parse_action(self.state, self.role, line)
            except ActionError as exc:
                self.say(str(exc))
        return None


def wrap(text: str, width: int) -> str:
    """Fold a long line between words, continuing under its text (after any indent and a
    menu number such as ``  12. ``), so a terminal does not split words."""
    if "\n" in text:  # each line on its own: a table such as the help keeps its rows
        return "\n".join(wrap(line, width) for line in text.split("\n"))
    lead = re.match(r"\s*(?:[*\s]?\d+\.\s+|[-•]\s+)?", text).group(0)
    return present.fold(text, width, len(lead))


def terminal_width() -> int:
    import shutil

    return max(40, shutil.get_terminal_size().columns - 1)


def run(rules: Rules, role: str, seed: int, stdin: TextIO, stdout: TextIO,
        save: Callable[[State], str], state: State | None = None, watch: bool = False) -> int:
    game = PlainGame(rules, state or new_game(rules, seed, {role}), role,
                     lambda: _readline(stdin), stdout, save)
    game.echo = not _isatty(stdin)  # (at a terminal the typed line is on screen already)
    from game.tui import settings

    chosen = settings.load()
    if stdout.isatty() and chosen["plain_fold"]:  # a person at a terminal: fold lines
        game.width = terminal_width()  # between words, unless they said 'fold off' (a
        # screen reader folds its own)
    game.quiet = _isatty(stdin) and chosen["plain_quiet"]  # (a person typing: a script's
    # transcript stays in full)
    if watch and rules.loaded is not None:
        game.watch = (rules.loaded.path, rules.loaded.path.stat().st_mtime_ns)
    game.intro()
    if state is not None and state.actions:  # a loaded game: not every turn read out again
        entries = history(state)
        game.shown = max((i for i, e in enumerate(entries) if e.kind == "turn"), default=0)
        game.say(f"Continuing a saved game at turn {state.turn + 1}; the news of earlier turns "
                 "is not repeated ('status' shows the situation).")
    return game.play()


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # (a closed or unusual stream: treat as a file)
        return False


def _readline(stream: TextIO) -> str | None:
    line = stream.readline()
    return None if line == "" else line
