"""A scenario compiled for play: every name gets a slot, every expression a closure.

The game state keeps its numbers in one flat tuple (``State.vals``). :class:`Rules` knows which
slot holds what (``faction.gna.trust`` → 7), compiles the scenario's expressions into plain
closures over an evaluation context (the compiling half is :mod:`game.engine.compiling`), and
precomputes the utility tables of the agenda. Nothing here is specific to any conflict: it is
all read from the scenario.
"""

from __future__ import annotations

import datetime
from operator import itemgetter
from typing import Any

from game.engine.compiling import (NEVER, CompiledAction, CompiledEffect, CompiledEvent,
                                   Compiler, Ctx, Fn)
from game.engine.state import Action
from game.scenario.loader import LoadedScenario
from game.scenario.model import Scenario
from game.scenario.names import BARE, Names

DERIVED = ("territory", "hurt", "prospects", "batna", "ripeness", "reservation", "utility")



def long_date(when) -> str:
    """'27 Jan 2020' for '2020-01-27' or that date (month names in English, whatever the
    locale)."""
    if not isinstance(when, str):
        return f"{when.day} {MONTHS[when.month - 1]} {when.year}"
    year, month, day = (int(x) for x in when.split("-"))
    return f"{day} {MONTHS[month - 1]} {year}"


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

class Rules(Compiler):
    """One scenario, ready to play. Built once; shared by every state of every game."""

    def __init__(self, loaded: LoadedScenario | Scenario):
        if isinstance(loaded, LoadedScenario):
            self.loaded: LoadedScenario | None = loaded
            s = loaded.scenario
            self.digest = loaded.digest
        else:
            from game.scenario.loader import digest_of

            self.loaded, s, self.digest = None, loaded, digest_of(loaded)
        self.s = s
        self.names = Names(s)
        self.factions = list(s.factions)
        self.backers = list(s.backers)
        self.issues = list(s.agenda)
        self.territories = list(s.territories)
        self.roles = list(s.roles)
        self.mediator = next(r for r, role in s.roles.items() if role.kind == "mediator")
        self.delegations = [r for r, role in s.roles.items() if role.kind == "delegation"]
        self.faction_of = {r: s.roles[r].faction for r in self.delegations}
        self.role_of = {f: r for r, f in self.faction_of.items()}
        self.phases = [self.mediator] + self.delegations
        self.opponent = {f: self._opponent(f) for f in self.factions}
        self.backers_of = {f: [b for b in self.backers if s.backers[b].backs == f]
                           for f in self.factions}
        cal = s.calendar
        self.start = cal.start
        self.turn_days = cal.turn_days
        self.max_turns = (cal.deadline - cal.start).days // cal.turn_days + 1
        self._utility_cache: dict[tuple[str, ...], dict[str, float]] = {}
        self.game_caches: dict[int, dict] = {}  # per seed: the AI's search caches (packages.py)
        self.trust_effects: dict[tuple[str, str], list] = {}  # (action, faction): see ai.py
        self.cbm_plans: dict[tuple, list] = {}  # what is agreed -> packages._cbm_plan
        self.reach_plans: dict[tuple, list] = {}  # what is agreed -> packages._reach_plan
        self.pains_cache: dict[tuple, tuple] = {}  # negotiation.pains
        self.counter_plans: dict[tuple, tuple] = {}  # packages._counter_start_of
        self.agreed_words: dict[tuple[int, str], str] = {}  # explain.ending_reasons
        self.cbm_checks: dict[tuple, str | None] = {}  # (agreed, package) -> check_package
        self._iso_dates: dict[int, str] = {}
        self._layout()
        self._agenda_tables()
        self.compile_all()

    def _opponent(self, f: str) -> str:
        others = [g for g in self.factions if g != f]
        return others[0] if others else f

    # -- slots --------------------------------------------------------------------------------
    def _layout(self) -> None:
        s = self.s
        slots: dict[str, int] = {}
        initial: list[Any] = []
        bounds: dict[int, tuple[float, float]] = {}

        def add(name: str, value: Any, lo: float | None = None, hi: float | None = None) -> int:
            slots[name] = len(initial)
            initial.append(value)
            if lo is not None:
                bounds[slots[name]] = (float(lo), float(hi))
            return slots[name]

        for f, fac in s.factions.items():
            for m, meter in fac.meters.items():
                add(f"faction.{f}.{m}", float(meter.initial), meter.min, meter.max)
            for d in DERIVED:
                add(f"faction.{f}.{d}", 0.0)
            add(f"faction.{f}.at_table", True)
            add(f"faction.{f}.away", 0.0)
            add(f"faction.{f}.accepted", False)
        for b, backer in s.backers.items():
            add(f"backer.{b}.support", float(backer.support), 0.0, 100.0)
            add(f"backer.{b}.leverage", float(backer.leverage))
            add(f"backer.{b}.tolerance", float(backer.tolerance))
            for m, meter in backer.meters.items():
                add(f"backer.{b}.{m}", float(meter.initial), meter.min, meter.max)
        for w, meter in s.world.items():
            add(f"world.{w}", float(meter.initial), meter.min, meter.max)
        for t, terr in s.territories.items():
            add(f"territory.{t}.controller", terr.controller)
            add(f"territory.{t}.value", float(terr.value))
        for i in s.agenda:
            add(f"issue.{i}.option", "")  # agreed option id, "" while open
        for e in s.events:
            add(f"event.{e}.fired", 0.0)
            add(f"event.{e}.last", -NEVER)
        add("venue", s.venue or "")
        self.slots = slots
        self.initial = tuple(initial)
        self.bounds = bounds
        self.faction_slot = {(f, m): slots[f"faction.{f}.{m}"] for f in s.factions
                             for m in list(s.factions[f].meters) + list(DERIVED)
                             + ["at_table", "away", "accepted"]}
        self.fs = {f: {m: slot for (g, m), slot in self.faction_slot.items() if g == f}
                   for f in s.factions}  # faction -> field -> slot (the fast path)
        self.territory_values = [(slots[f"territory.{t}.controller"], float(terr.value))
                                 for t, terr in s.territories.items()]
        self.issue_slot = [slots[f"issue.{i}.option"] for i in s.agenda]
        self.controller_slot = {t: slots[f"territory.{t}.controller"] for t in s.territories}
        self.venue_slot = slots["venue"]
        self.bs = {b: {m: slots[f"backer.{b}.{m}"] for m in ("support", "leverage", "tolerance")}
                   for b in s.backers}  # backer -> field -> slot (the fast path)
        self.status_quo = tuple(next(o for o, opt in s.agenda[i].options.items() if opt.status_quo)
                                for i in s.agenda)
        slots_ = tuple(self.issue_slot)
        self.issue_values = itemgetter(*slots_) if len(slots_) > 1 else (
            lambda vals: tuple(vals[k] for k in slots_))  # each issue's agreed option or ""
        self._agreed: dict[tuple, tuple[str, ...]] = {}
        self._agreed_values: dict[tuple, tuple[float, ...]] = {}

    # -- agenda -------------------------------------------------------------------------------
    def _agenda_tables(self) -> None:
        """Per party: for each issue, option -> weight * value, and the total weight."""
        s = self.s
        parties = self.factions + self.backers
        self.options = [list(s.agenda[i].options) for i in self.issues]
        self.weights: dict[str, list[float]] = {p: [s.agenda[i].weights.get(p, 0.0)
                                                    for i in self.issues] for p in parties}
        self.total_weight = {p: sum(ws) or 1.0 for p, ws in self.weights.items()}
        self.value: dict[str, list[dict[str, float]]] = {
            p: [{o: opt.values.get(p, 0.0) for o, opt in s.agenda[i].options.items()}
                for i in self.issues] for p in parties}
        # weighted contribution of each option, already divided by the party's total weight
        self.contrib = {p: [{o: self.weights[p][k] * v / self.total_weight[p]
                             for o, v in self.value[p][k].items()}
                            for k in range(len(self.issues))] for p in parties}
        self.option_index = [{o: i for i, o in enumerate(opts)} for opts in self.options]
        self.every_option = [list(range(len(opts))) for opts in self.options]
        self.best_contrib = {p: [max(row.values()) for row in rows]
                             for p, rows in self.contrib.items()}
        # each party's issues by weight, heaviest first (what private talks reveal, in order)
        self.priorities = {p: sorted(range(len(self.issues)), key=lambda k, p=p: (
            -self.weights[p][k], k)) for p in parties}
        self.contrib_rows = {p: [[self.contrib[p][k][o] for o in self.options[k]]
                                 for k in range(len(self.issues))] for p in parties}
        self.favourite = {p: tuple(max(self.value[p][k], key=lambda o, k=k: (
            self.value[p][k][o], o)) for k in range(len(self.issues))) for p in parties}
        self.binding = [s.agenda[i].binding for i in self.issues]
        self._cares = {p: any(ws) for p, ws in self.weights.items()}
        # per faction: its backers that care about the agenda, with their tolerance slot
        self.judges = {f: [(b, self.bs[b]["tolerance"]) for b in self.backers_of[f]
                           if self._cares[b]] for f in self.factions}
        # per faction: (its index, its trust slot or None), and each (at_table, away) pair
        self.trust_of = {f: (i, self.fs[f].get("trust")) for i, f in enumerate(self.factions)}
        self.most_options = max((len(o) for o in self.options), default=1)  # (packages.py)
        self.venue_rank = {vid: len(v.each_turn) for vid, v in s.venues.items()}  # (AI)
        # each role's wait, made once (an Action is immutable: every menu can share it)
        self.waits = {r: Action(r, "pass") for r in self.roles}
        self.reservation_slots = [self.fs[f]["reservation"] for f in self.factions]
        self.at_table_slot = {f: self.fs[f]["at_table"] for f in self.factions}
        self.away_slots = [(self.fs[f]["at_table"], self.fs[f]["away"]) for f in self.factions]
        self.on_agree = [{o: self.effects(opt.on_agree) for o, opt in s.agenda[i].options.items()}
                         for i in self.issues]

    def agreed(self, vals) -> tuple[str, ...]:
        """What has been signed so far, with the status quo on open issues."""
        raw = self.issue_values(vals)
        package = self._agreed.get(raw)
        if package is None:
            package = tuple([v or quo for v, quo in zip(raw, self.status_quo)])
            if len(self._agreed) > 10_000:
                self._agreed.clear()
            self._agreed[raw] = package
        return package

    def agreed_values(self, vals) -> tuple[float, ...]:
        """What has been signed so far is worth to each faction (rules order): the refresh
        asks after every move that changed a value, and what is signed rarely changes."""
        raw = self.issue_values(vals)
        found = self._agreed_values.get(raw)
        if found is None:
            package = self.agreed(vals)
            found = tuple(self.utility(f, package) for f in self.factions)
            if len(self._agreed_values) > 10_000:
                self._agreed_values.clear()
            self._agreed_values[raw] = found
        return found

    def utility(self, party: str, package: tuple[str, ...]) -> float:
        """0-100: what a package (one option per issue) is worth to a faction or backer."""
        return self.utilities(package)[party]

    def utilities(self, package: tuple[str, ...]) -> dict[str, float]:
        """What a package is worth to every faction and backer (worked out once per package:
        games weigh the same few packages again and again, several parties at a time)."""
        found = self._utility_cache.get(package)
        if found is None:
            found = {party: sum([row[o] for row, o in zip(contrib, package)])
                     for party, contrib in self.contrib.items()}
            if len(self._utility_cache) > 50_000:
                self._utility_cache.clear()
            self._utility_cache[package] = found
        return found

    def cares(self, party: str) -> bool:
        return self._cares[party]

    @property
    def slot_names(self) -> dict[int, str]:
        if not hasattr(self, "_slot_names"):
            self._slot_names = {slot: name for name, slot in self.slots.items()}
        return self._slot_names

    def private_slots_for(self, viewer: str | None) -> frozenset[int]:
        """Slots of meters marked private that ``viewer`` (a role; None: the debrief) may not
        see: every faction's and backer's private meters but its own faction's."""
        own = self.faction_of.get(viewer) if viewer else None
        hidden = set()
        if viewer is not None:
            for f, fac in self.s.factions.items():
                if f != own:
                    hidden |= {self.slots[f"faction.{f}.{m}"] for m, meter in fac.meters.items()
                               if meter.private}
            for b, backer in self.s.backers.items():
                hidden |= {self.slots[f"backer.{b}.{m}"] for m, meter in backer.meters.items()
                           if meter.private}
            hidden |= {self.slots[f"world.{w}"] for w, meter in self.s.world.items()
                       if meter.private}
        return frozenset(hidden)

    def decode(self, vals: tuple) -> dict[str, dict[str, Any]]:
        """A snapshot's value vector by name: factions, world, backers, controllers."""
        return {
            "factions": {f: {field: vals[slot] for field, slot in self.fs[f].items()
                             if field not in ("at_table", "accepted")} for f in self.factions},
            "world": {w: vals[self.slots[f"world.{w}"]] for w in self.s.world},
            "backers": {b: vals[self.slots[f"backer.{b}.support"]] for b in self.backers},
            "controllers": {t: vals[s] for t, s in self.controller_slot.items()},
        }

    def date_of(self, turn: int) -> datetime.date:
        return self.start + datetime.timedelta(days=turn * self.turn_days)

    def iso_date(self, turn: int) -> str:
        """:meth:`date_of` as ISO text (each turn's worked out once)."""
        text = self._iso_dates.get(turn)
        if text is None:
            text = self._iso_dates[turn] = self.date_of(turn).isoformat()
        return text

    def label(self, slot_name: str) -> str:
        """A player-facing label for a dotted name (``faction.gna.trust`` → ``GNA trust``)."""
        parts = slot_name.split(".")
        s = self.s
        if parts[0] == "faction" and parts[2] in s.factions[parts[1]].meters:
            return f"{s.factions[parts[1]].short} {s.factions[parts[1]].meters[parts[2]].label}"
        if parts[0] == "world":
            return s.world[parts[1]].label
        if parts[0] == "backer":
            return f"{s.backers[parts[1]].name} {parts[2]}"
        if parts[0] == "territory":
            return f"{s.territories[parts[1]].name} control"
        return slot_name


__all__ = ["Rules", "Ctx", "Fn", "BARE", "NEVER", "CompiledAction", "CompiledEffect",
           "CompiledEvent"]
