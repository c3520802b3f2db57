"""A mutable working copy of a state, used inside one call of ``apply`` and then frozen.

Keeping the mutation here lets every rule read as plain Python while states stay immutable.
"""

from __future__ import annotations

from typing import Any

from game.engine import rng as rnd
from game.engine.rng import MASK
from game.engine.compiling import Effects
from game.engine.rules import Ctx, Rules
from game.engine.state import Action, Entry, Log, Outcome, State, Table


_new = tuple.__new__


class Work:
    __slots__ = ("rules", "seed", "humans", "turn", "phase", "vals", "table", "stances",
                 "insight", "grievance", "rng", "log", "signed", "deadline", "catastrophe",
                 "rejected", "actions", "outcome", "_ctx")

    def __init__(self, state: State):
        # stances, insight and grievance stay tuples: a move replaces one entry at most
        # (:func:`put`), cheaper than copying all three to lists and back on every move
        (self.rules, self.seed, self.humans, self.turn, self.phase, vals, self.table,
         self.stances, self.insight, self.grievance, self.rng, self.log, self.signed,
         self.deadline, self.catastrophe, self.rejected, self.actions, self.outcome) = state
        self.vals = list(vals)
        self._ctx: Ctx | None = None

    def freeze(self) -> State:
        # tuple.__new__ directly: a namedtuple's own __new__ is a Python call (this is the
        # hot path: once a move)
        self._ctx = None  # it points back here: let both go when the caller drops this work
        return _new(State, (self.rules, self.seed, self.humans, self.turn, self.phase,
                            tuple(self.vals), self.table, self.stances, self.insight,
                            self.grievance, self.rng, self.log, self.signed, self.deadline,
                            self.catastrophe, self.rejected, self.actions, self.outcome))

    # -- helpers ------------------------------------------------------------------------------
    def ctx(self, self_f: str = "", target: str = "") -> Ctx:
        """The evaluation context over this working state, aimed at ``self_f`` and ``target``.
        It is one object, re-aimed at each call (contexts are asked for thousands of times a
        game): use it before asking for another aim."""
        c = self._ctx
        if c is None:
            c = self._ctx = Ctx(self.vals, self.turn, "", "", "", self)
        c.turn = self.turn
        if c.self_f is not self_f:  # (aimed as before: most calls)
            c.self_f = self_f
            c.other_f = self.rules.opponent.get(self_f, "") if self_f else ""
        c.target = target
        return c

    def get(self, name: str) -> Any:
        return self.vals[self.rules.slots[name]]

    def fget(self, faction: str, field: str) -> Any:
        return self.vals[self.rules.faction_slot[(faction, field)]]

    def fset(self, faction: str, field: str, value: Any) -> None:
        self.vals[self.rules.faction_slot[(faction, field)]] = value

    def draw(self) -> float:
        """A number in [0, 1) from the game's seeded stream (and advance the stream):
        :func:`game.engine.rng.next_float` written out (every event roll draws; the call and
        the tuple it returns cost more than the arithmetic)."""
        state = self.rng = (self.rng + 0x9E3779B97F4A7C15) & MASK
        z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return ((z ^ (z >> 31)) >> 11) * (1.0 / 9007199254740992.0)

    def note(self, kind: str, role: str, data: dict[str, Any],
             visible: frozenset[str] | None = None) -> None:
        log = self.log
        self.log = _new(Log, (_new(Entry, (self.turn, kind, role, data, visible)), log,
                              log.size + 1 if log is not None else 1))

    def run(self, effects: Effects, self_f: str = "", target: str = "", cause: str = ""
            ) -> list[tuple[int, Any, Any, str]]:
        """Apply compiled effects in order; return the changes as (slot, old, new, why)."""
        if not effects:
            return []
        return effects.run(self.ctx(self_f, target), self.vals, cause)


def put(items: tuple, i: int, value: Any) -> tuple:
    """``items`` with entry ``i`` replaced by ``value`` (a working state's per-faction tuples)."""
    return items[:i] + (value,) + items[i + 1:]


def initial_state(rules: Rules, seed: int, humans: frozenset[str]) -> State:
    stances = tuple(tuple(_opening(rules, f)) for f in rules.factions)
    n = len(rules.factions)
    marks = tuple(rules.initial[rules.faction_slot[(f, "trust")]]
                  if (f, "trust") in rules.faction_slot else 0.0 for f in rules.factions)
    return State(rules, seed, humans, 0, 0, rules.initial, None, stances, (0,) * n,
                 marks, rnd.seed_state(seed), None, 0, -1, -99, (), (), None)


def _opening(rules: Rules, faction: str) -> list[str]:
    given = rules.s.factions[faction].stance
    return [given.get(issue, rules.favourite[faction][k]) for k, issue in enumerate(rules.issues)]


__all__ = ["Work", "initial_state", "Action", "Table", "Outcome", "Log"]
