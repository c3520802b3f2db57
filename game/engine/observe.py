"""What one role may see: public meters, the table, its own private values — never another's.

A delegation sees its own faction's weights, option values, no-deal value and reservation value,
and how its own backers judge the draft. The mediator sees no private values at all, only the
priorities delegations have shown it in private talks. Everybody sees ripeness: it is the
mediator's public reading of the conflict. The log is filtered (private consultations and
talks) and worded for the viewer (see :mod:`game.engine.explain`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from game.engine.explain import describe
from game.engine.negotiation import assess, rejecters
from game.engine.rules import NEVER, Rules
from game.engine.state import State, log_list


@dataclass(frozen=True)
class FactionView:
    id: str
    meters: dict[str, float]  # public meters (and all of one's own)
    ripeness: float
    territory: float
    at_table: bool
    away: int
    stance: dict[str, str]  # public position, issue -> option


@dataclass(frozen=True)
class PrivateView:
    """A delegation's own confidential brief, in numbers."""

    faction: str
    weights: dict[str, float]
    values: dict[str, dict[str, float]]  # issue -> option -> value
    batna: float
    reservation: float
    hurt: float
    prospects: float
    utility_agreed: float
    table_value: float | None
    table_bar: float | None  # what the draft must beat: reservation value, or what stands
    table_binding: bool  # does the draft touch a binding issue?
    backers: dict[str, dict[str, Any]]  # its own backers: tolerance, veto, value of the draft


@dataclass(frozen=True)
class Observation:
    role: str
    turn: int
    date: str
    turns_left: int
    to_move: str | None
    venue: str
    deadline_in: int | None
    world: dict[str, float]
    factions: dict[str, FactionView]
    backers: dict[str, float]  # support
    territories: dict[str, str]  # controller
    agreed: dict[str, str]
    table: tuple[tuple[str, ...], str, frozenset[str], frozenset[str]] | None  # package,
    # who tabled it, who has accepted it, who has rejected it since
    private: PrivateView | None
    insight: dict[str, tuple[str, ...]] = field(default_factory=dict)  # mediator only
    log: tuple[tuple[int, tuple[str, ...]], ...] = ()
    outcome: Any = None


def observe(state: State, role: str, with_log: bool = True) -> Observation:
    rules: Rules = state.rules
    vals = state.vals
    own = rules.faction_of.get(role)
    factions = {}
    for i, f in enumerate(rules.factions):
        meters = {m: vals[rules.faction_slot[(f, m)]]
                  for m, meter in rules.s.factions[f].meters.items()
                  if not meter.private or f == own}
        factions[f] = FactionView(f, meters, vals[rules.faction_slot[(f, "ripeness")]],
                                  vals[rules.faction_slot[(f, "territory")]],
                                  bool(vals[rules.faction_slot[(f, "at_table")]]),
                                  int(vals[rules.faction_slot[(f, "away")]]),
                                  dict(zip(rules.issues, state.stances[i])))
    private = _private(state, own) if own else None
    insight = {}
    if role == rules.mediator:
        for i, f in enumerate(rules.factions):
            ranking = sorted(range(len(rules.issues)), key=lambda k: (-rules.weights[f][k], k))
            insight[f] = tuple(rules.issues[k] for k in ranking[:state.insight[i]])
    log = ()
    if with_log:
        log = tuple((e.turn, tuple(describe(rules, e, role))) for e in log_list(state.log)
                    if e.visible is None or role in e.visible)
    table = None
    if state.table is not None:
        table = (state.table.package, state.table.proposer, state.table.accepted,
                 rejecters(state))
    deadline = state.deadline - state.turn if state.deadline >= state.turn else None
    return Observation(
        role, state.turn, rules.date_of(state.turn).isoformat(),
        max(0, rules.max_turns - state.turn),
        None if state.outcome is not None else state.role, vals[rules.venue_slot], deadline,
        {w: vals[rules.slots[f"world.{w}"]] for w in rules.s.world}, factions,
        {b: vals[rules.slots[f"backer.{b}.support"]] for b in rules.backers},
        {t: vals[rules.controller_slot[t]] for t in rules.territories},
        {i: vals[s] for i, s in zip(rules.issues, rules.issue_slot) if vals[s]}, table, private,
        insight, log, state.outcome)


def _private(state: State, f: str) -> PrivateView:
    rules: Rules = state.rules
    vals = state.vals
    slot = rules.faction_slot
    table_value = table_bar = None
    binding = False
    backers = {}
    verdicts: dict[str, str] = {}
    if state.table is not None:
        a = assess(rules, vals, f, state.table.package)
        table_value, table_bar, binding = a.value, a.reservation, a.binding
        verdicts = {**{x.backer: "unhappy" for x in a.unhappy},
                    **{x.backer: "veto" for x in a.blockers}}
    for b in rules.backers_of[f]:
        backer = rules.s.backers[b]
        backers[b] = {"veto": backer.veto, "tolerance": backer.tolerance,
                      "draft_value": rules.utility(b, state.table.package)
                      if state.table is not None and rules.cares(b) else None,
                      # the engine's own verdict on the draft: "veto", "unhappy" or "content"
                      "verdict": verdicts.get(b, "content") if state.table is not None
                      else None}
    return PrivateView(
        f, dict(zip(rules.issues, rules.weights[f])),
        {i: dict(rules.value[f][k]) for k, i in enumerate(rules.issues)},
        vals[slot[(f, "batna")]], vals[slot[(f, "reservation")]], vals[slot[(f, "hurt")]],
        vals[slot[(f, "prospects")]], vals[slot[(f, "utility")]], table_value, table_bar, binding,
        backers)


__all__ = ["observe", "Observation", "NEVER"]


def series(state: State, role: str | None) -> dict[str, list[float]]:
    """Turn-by-turn values a role may see, for charts: ``"gna.trust"``, ``"gna.ripeness"``,
    ``"world.escalation"``, ``"backer.turkey"``; its own faction's ``reservation`` and
    ``batna`` too. ``role=None`` (the debrief, once the game is over) gets every value."""
    rules: Rules = state.rules
    own = rules.faction_of.get(role) if role else None
    out: dict[str, list[float]] = {}
    for entry in log_list(state.log):
        if entry.kind != "snapshot":
            continue
        data = rules.decode(entry.data["vals"])
        for f, values in data["factions"].items():
            meters = rules.s.factions[f].meters
            for name, value in values.items():
                public = (name in meters and not meters[name].private) or name == "ripeness"
                if role is None or public or f == own:
                    out.setdefault(f"{f}.{name}", []).append(value)
        for w, value in data["world"].items():
            out.setdefault(f"world.{w}", []).append(value)
        for b, value in data["backers"].items():
            out.setdefault(f"backer.{b}", []).append(value)
    return out
