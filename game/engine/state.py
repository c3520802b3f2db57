"""The engine's vocabulary: states, actions, outcomes, log entries and errors.

A :class:`State` is immutable; :func:`game.engine.apply` returns a new one. Actions are typed and
structured (a proposal carries a whole package, one option per agenda issue), with a text form
for display, saves and typed commands. After python-chess, a bad command says whether it was
malformed (:class:`InvalidActionError`), not legal now (:class:`IllegalActionError`) or
ambiguous (:class:`AmbiguousActionError`), and quotes the input.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class ActionError(ValueError):
    """A command the engine cannot carry out; the message quotes it and says why."""


class InvalidActionError(ActionError):
    """The text is not a command at all (unknown word, malformed package)."""


class IllegalActionError(ActionError):
    """A well-formed action that is not allowed now (wrong role, precondition, phase)."""


class AmbiguousActionError(ActionError):
    """An abbreviation that fits more than one command."""


class Action(NamedTuple):
    """One move by one role.

    ``act`` is an action id from the scenario (or ``pass``); ``target`` is the territory, backer,
    faction or venue it aims at, or the issue of a concession; ``option`` the option conceded to;
    ``package`` the options of a proposal, in agenda order.
    """

    role: str
    act: str
    target: str = ""
    option: str = ""
    package: tuple[str, ...] = ()

    def text(self, issues: list[str] | None = None, status_quo: tuple[str, ...] = ()) -> str:
        """``act [target] [option] [issue=option ...]``; status-quo issues are left out."""
        words = [self.act]
        if self.target:
            words.append(self.target)
        if self.option:
            words.append(self.option)
        if self.package:
            for k, option in enumerate(self.package):
                if issues is None:
                    words.append(option)
                elif not status_quo or option != status_quo[k]:
                    words.append(f"{issues[k]}={option}")
        return " ".join(words)


FACILITATOR = "facilitator"  # the role of injected events (a teacher at the console)


class Table(NamedTuple):
    """The draft on the table: a package, who tabled it, who has accepted it."""

    package: tuple[str, ...]
    proposer: str  # role id
    accepted: frozenset[str]  # faction ids
    turn: int


class Entry(NamedTuple):
    """One line of the game's history. ``visible`` None means everybody may see it."""

    turn: int
    kind: str  # turn, event, action, reaction, sign, veto, chance, consult, shuttle, ending
    role: str
    data: dict[str, Any]
    visible: frozenset[str] | None = None


class Outcome(NamedTuple):
    """How a game ended: the ending, each role's score (0-100), and the reasons."""

    ending: str
    title: str
    tone: str
    scores: dict[str, float]
    reasons: tuple[str, ...]
    turn: int


class Log(NamedTuple):
    """A persistent list (newest first): appending shares the whole past with the old state."""

    entry: Entry
    prev: "Log | None"
    size: int


def log_list(log: Log | None) -> list[Entry]:
    out = []
    while log is not None:
        out.append(log.entry)
        log = log.prev
    out.reverse()
    return out


class State(NamedTuple):
    """Everything about one moment of one game. Immutable; compare with ``==``."""

    rules: Any  # game.engine.rules.Rules (shared, never changes)
    seed: int
    humans: frozenset[str]
    turn: int
    phase: int  # index into rules.phases: whose move it is
    vals: tuple[Any, ...]  # every meter, controller, agreement... (rules.slots)
    table: Table | None
    stances: tuple[tuple[str, ...], ...]  # per faction (rules.factions order)
    insight: tuple[int, ...]  # per faction: priorities the mediator has learned
    grievance: tuple[float, ...]  # per faction: its trust when it last moved (see ai.grievance)
    rng: int
    log: Log | None
    signed: int  # agreements signed
    deadline: int  # the mediator's deadline (a turn), or -1
    catastrophe: int  # the last turn a catastrophe struck
    rejected: tuple[Any, ...]  # (turn, faction, blocking backer) of the last rejection
    actions: tuple[Action, ...]  # every action applied, in order (saves replay these)
    outcome: Outcome | None

    @property
    def role(self) -> str:
        """The role whose move it is."""
        return self.rules.phases[self.phase]

    def value(self, name: str) -> Any:
        """Any slot by its dotted name, e.g. ``state.value("faction.gna.trust")``."""
        return self.vals[self.rules.slots[name]]

    def __eq__(self, other: object) -> bool:  # rules by identity, the rest by value
        if not isinstance(other, State) or other.rules is not self.rules:
            return False
        if self[1:11] != other[1:11] or self[12:] != other[12:]:
            return False
        return log_list(self.log) == log_list(other.log)  # a loop, not deep recursion

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = None  # type: ignore[assignment]


def signed_by(log: Any, role: str) -> int:
    """How many agreements signed so far were on a package ``role`` tabled."""
    count = 0
    while log is not None:
        if log.entry.kind == "sign" and log.entry.role == role:
            count += 1
        log = log.prev
    return count
