"""Line mode's longer moves: building a package issue by issue, and waiting on through quiet
turns. A mixin of :class:`game.plain.PlainGame` (which provides ``say``, ``ask``, ``rules``,
``state`` and ``role``)."""

from __future__ import annotations

from game import notes, present
from game.engine import ActionError, apply, history
from game.engine.core import PASS
from game.engine.state import Action


class Moves:
    def wait_on(self) -> None:
        """Wait, and go on waiting while nothing happens (a playtest, its deal signed on the
        first turn, waited seven turns one at a time). Only the turn that brought something is
        read out; the quiet ones are counted."""
        from game.plain import advance

        refused = notes.not_waiting_on(self.state, self.role)
        if refused:
            self.say(refused + " (0 waits one turn.)")
            return
        quiet = 0
        while True:
            before = self.state
            if before.outcome is not None or before.role != self.role:
                break  # (another human's seat to move: a review found 'wait on' crash there)
            try:
                self.state = advance(apply(before, Action(self.role, PASS)))
            except ActionError as exc:
                self.say(str(exc))
                break
            if notes.news_between(before, self.state, self.role) or \
                    self.state.role != self.role:
                break
            quiet += 1
        if quiet:
            self.say(f"{quiet} quiet {'turn' if quiet == 1 else 'turns'} went by: no moves and "
                     f"no news ({self.rules.s.words.conflict} went on).")
            self.shown = len(history(before))  # the quiet turns are not read out

    def whatif(self, package: tuple[str, ...]) -> list[str]:
        """The what-if's lines, each side's 'It is a guess: …' said once a game, not at every
        what-if (a screen reader's playtest heard it thirty times)."""
        out = []
        for text in present.whatif_lines(self.state, self.role, package):
            if text.strip().startswith("It is a guess"):
                if text in self.guesses_said:
                    continue
                self.guesses_said.add(text)
            out.append(text)
        return out

    def list_options(self, k: int, options: list[str], default: str, agreed: str) -> None:
        """The options of issue ``k`` a package may choose, each by its number in the agenda
        (as 'issues' lists them and 'whatif ISSUE=N' reads them: the same number every turn,
        though an agreed issue cannot go back to its status quo, which is left out)."""
        every, issue = self.rules.options[k], self.rules.issues[k]
        for option in options:
            notes = (["agreed"] if agreed and option == agreed else []) + (
                ["kept if you press Enter"] if option == default else [])
            self.say(f"  {every.index(option) + 1}. "
                     f"{present.option_label(self.rules, issue, option)}"
                     + (f" ({'; '.join(notes)})" if notes else ""))

    def build_package(self, action: Action) -> Action | None:
        """Issue by issue, a number or Enter for each; 'cancel' drops the package (a teacher
        was held in here until all eight were answered, and piped input was swallowed), and
        the package is said once, as changes to what it starts from, before it goes on."""
        rules = self.rules
        state = self.state
        draft = state.table.package if state.table is not None else None
        chosen: list[str] = []
        defaults = [(draft[k] if draft else None) or state.vals[rules.issue_slot[k]]
                    or rules.status_quo[k] for k in range(len(rules.issues))]
        kept = list(defaults)  # what Enter keeps: the start, or a choice 'back' returned to
        self.say("Build the package: for each issue type an option's number; Enter keeps "
                 "the one marked 'kept if you press Enter'; 'back' returns to the issue "
                 "before; 'cancel' drops the package.")
        while True:
            if not self._choose_options(chosen, kept):
                return None
            package = tuple(chosen)
            confirmed = self._confirm(action, package, defaults, draft is not None)
            if confirmed != "back":
                return confirmed
            kept[-1] = chosen.pop()  # (it dropped the whole package: a screen reader's
            # playtest meant the last issue)

    def _choose_options(self, chosen: list[str], kept: list[str]) -> bool:
        """Fill ``chosen`` issue by issue from where it stands; False if cancelled. 'back'
        returns to the issue before, with the option chosen there marked for Enter."""
        rules, state = self.rules, self.state
        n_issues = len(rules.issues)
        while len(chosen) < n_issues:
            k = len(chosen)
            issue = rules.issues[k]
            agreed = state.vals[rules.issue_slot[k]]
            options = [o for o in rules.options[k] if not (agreed and o == rules.status_quo[k])]
            default = kept[k]
            # (a screen reader's playtest: where am I among the issues?)
            self.say(f"Issue {k + 1} of {n_issues}: {rules.s.agenda[issue].name}"
                     + (" (binding)" if rules.binding[k] else "") + (
                         " (agreed; another option would replace what was signed)"
                         if agreed else ""))
            self.list_options(k, options, default, agreed)
            every = rules.options[k]
            while True:
                line = self.ask("  > ")
                if not line:
                    chosen.append(default)
                    break
                if line.isdigit() and 1 <= int(line) <= len(every) and \
                        every[int(line) - 1] in options:
                    chosen.append(every[int(line) - 1])
                    break
                word = line.split()[0].lower()
                if word == "back" and chosen:  # (it dropped the whole package: a screen
                    kept[k - 1] = chosen.pop()  # reader's playtest meant the issue before,
                    break  # and then Enter put back what it had chosen there)
                if word == "back":  # (at the first issue: nothing before it to go back to)
                    self.say("  This is the first issue: choose an option, or 'cancel' to "
                             "drop the package.")
                    continue
                if word in ("cancel", "menu"):
                    self.say("No package tabled. Choose again ('menu' lists the moves).")
                    return False
                if word == "quit":
                    from game.plain import EndOfInput

                    raise EndOfInput("Quitting.")
                numbers = [str(every.index(o) + 1) for o in options]
                which = " or ".join([", ".join(numbers[:-1]), numbers[-1]] if numbers[:-1]
                                    else numbers)
                self.say(f"  Choose {which}, Enter for the one marked, 'back' for the issue "
                         "before, or 'cancel' to drop this package:")
                self.list_options(k, options, default, agreed)
        return True

    def _confirm(self, action: Action, package: tuple[str, ...], defaults: list[str],
                 on_draft: bool) -> Action | None | str:
        """The package said once, what each side would likely make of it, and a last word:
        the action to play, None if dropped, or 'back' to return to the last issue."""
        rules, state = self.rules, self.state
        from game.engine.wording import package_lines
        from game.engine.negotiation import check_package

        trouble = check_package(rules, state.vals, package)
        if trouble is not None:  # (it said "'counter' by gna is not legal now: ...")
            self.say(trouble[0].upper() + trouble[1:] + ".")
            self.say("Nothing was tabled; choose again ('menu' lists the moves).")
            return None
        changed = [f"{rules.s.agenda[issue].name}: {present.option_label(rules, issue, o)}"
                   for issue, o, d in zip(rules.issues, package, defaults) if o != d]
        start = "the draft on the table" if on_draft else "what stands now"
        self.say(f"Your package: {start}" + (", with " + "; ".join(changed) + "." if changed
                                             else ", as it is." + (
                                                 " ('accept' agrees to it without tabling it "
                                                 "again.)" if on_draft else "")))
        # (a screen reader's playtest learnt only from a dislike that it left no ceasefire)
        left = [line for line in package_lines(rules, package) if line.startswith("Left as")]
        if left:
            self.say(left[0] + ".")
        # what each side would likely make of it, then a last word before it goes on the
        # table (a teacher's playtest: the builder tabled at once, with no what-if)
        action = action._replace(package=package)
        self.say("How each side would likely react:")
        for text in self.whatif(package):
            self.say(f"  {text}")
        warning = present.own_verdict(state, self.role, package) if \
            rules.actions[action.act].kind == "counter" else None
        if warning is not None:
            self.say(warning)
        replaces = present.replaces_accepted(state, self.role, package)
        if replaces and rules.actions[action.act].kind == "counter":
            self.say(replaces)
        while True:
            word = self.ask("Enter (or y) tables it; 'back' returns to the last issue; "
                            "'cancel' drops it: ").lower()
            if word in ("", "y", "yes"):
                self.tabled = action  # (confirmed here: not asked again before it is played)
                return action
            if word.split()[0] == "back":
                return "back"
            if word.split()[0] in ("cancel", "menu", "n", "no"):
                self.say("No package tabled. Choose again ('menu' lists the moves).")
                return None
            if word == "quit":
                from game.plain import EndOfInput

                raise EndOfInput("Quitting.")
