"""A scenario compiled for play: every name gets a slot, every expression a closure.

The game state keeps its numbers in one flat tuple (``State.vals``). :class:`Rules` knows which
slot holds what (``faction.gna.trust`` → 7), compiles the scenario's expressions into plain
closures over an evaluation context, and precomputes the utility tables of the agenda. Nothing
here is specific to any conflict: it is all read from the scenario.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, Callable

from game.scenario import expr as ex
from game.scenario.loader import LoadedScenario
from game.scenario.model import Scenario
from game.scenario.model_base import Effect
from game.scenario.model_talks import TARGET_KIND
from game.scenario.names import BARE, Names
from game.scenario.strategies import STRATEGIES

NEVER = 999  # "turns since" for something that never happened; "turns left" with no deadline
DERIVED = ("territory", "hurt", "prospects", "batna", "ripeness", "reservation", "utility")


class Ctx:
    """What an expression sees: the values, the turn, and who ``self``/``other``/``target`` are."""

    __slots__ = ("vals", "turn", "self_f", "other_f", "target", "extra")

    def __init__(self, vals: Any, turn: int, self_f: str = "", other_f: str = "",
                 target: str = "", extra: Any = None):
        self.vals = vals
        self.turn = turn
        self.self_f = self_f
        self.other_f = other_f
        self.target = target
        self.extra = extra  # the State, for table.* names


Fn = Callable[[Ctx], Any]


@dataclass(frozen=True)
class CompiledEffect:
    slot: int | tuple[int, ...] | None  # fixed slot, or per-faction/target slots (see kind)
    kind: str  # "fixed", "self", "other", "target", "venue", "agreed"
    per: dict[str, int] | None  # entity -> slot for self/other/target
    op: str  # "add" or "set"
    value: Fn
    when: Fn | None
    why: str
    lo: float | None
    hi: float | None
    issue: int  # for "agreed": the issue index


class Rules:
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
        self._utility_cache: dict[tuple[str, tuple[str, ...]], float] = {}
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
        self.status_quo = tuple(next(o for o, opt in s.agenda[i].options.items() if opt.status_quo)
                                for i in s.agenda)

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
        self.contrib_rows = {p: [[self.contrib[p][k][o] for o in self.options[k]]
                                 for k in range(len(self.issues))] for p in parties}
        self.favourite = {p: tuple(max(self.value[p][k], key=lambda o, k=k: (
            self.value[p][k][o], o)) for k in range(len(self.issues))) for p in parties}
        self.binding = [s.agenda[i].binding for i in self.issues]
        self.on_agree = [{o: self.effects(opt.on_agree) for o, opt in s.agenda[i].options.items()}
                         for i in self.issues]

    def utility(self, party: str, package: tuple[str, ...]) -> float:
        """0-100: what a package (one option per issue) is worth to a faction or backer."""
        key = (party, package)
        value = self._utility_cache.get(key)
        if value is None:
            value = sum([row[o] for row, o in zip(self.contrib[party], package)])
            if len(self._utility_cache) > 200_000:
                self._utility_cache.clear()
            self._utility_cache[key] = value
        return value

    def cares(self, party: str) -> bool:
        return any(self.weights[party])

    # -- compiling ----------------------------------------------------------------------------
    def getter(self, parts: tuple[str, ...], target_kind: str | None = None) -> ex.Snippet:
        """The Python source reading one name from a context ``c`` (see
        :func:`game.scenario.expr.compile_expr`): slot numbers, never author text."""
        head = parts[0]
        if len(parts) == 1:
            return self._bare(head)
        if head == "table":
            return self._table(parts[1])
        if head == "target":  # target.controller in an offensive: territory.<target>.controller
            parts = (target_kind or "", "target") + parts[1:]
        root, entity, rest = parts[0], parts[1], parts[2:]
        if root == "world":
            return f"c.vals[{self.slots[f'world.{entity}']}]", {}
        field = rest[0] if rest else ""
        if root == "issue":
            k = self.issues.index(entity)
            slot = self.issue_slot[k]
            if field == "agreed":
                return f"(c.vals[{slot}] != '')", {}
            return f"(c.vals[{slot}] or {self.status_quo[k]!r})", {}
        if root == "event":
            if field == "fired":
                return f"c.vals[{self.slots[f'event.{entity}.fired']}]", {}
            return f"_min({float(NEVER)!r}, c.turn - c.vals[{self.slots[f'event.{entity}.last']}])", {}
        if entity in ("self", "other", "target"):
            per = {e: self.slots[f"{root}.{e}.{field}"] for e in self._entities(root)
                   if f"{root}.{e}.{field}" in self.slots}
            name = f"_per{id(per)}"
            attr = {"self": "self_f", "other": "other_f", "target": "target"}[entity]
            return f"c.vals[{name}[c.{attr}]]", {name: per}
        return f"c.vals[{self.slots[f'{root}.{entity}.{field}']}]", {}

    def _entities(self, root: str) -> list[str]:
        return {"faction": self.factions, "backer": self.backers,
                "territory": self.territories}.get(root, [])

    def _bare(self, name: str) -> ex.Snippet:
        if name == "turn":
            return "(c.turn + 0.0)", {}
        if name == "day":
            return f"(c.turn * {float(self.turn_days)!r})", {}
        if name == "date":
            start, days = self.start, self.turn_days
            return "_date(c.turn)", {"_date": lambda turn: (
                start + datetime.timedelta(days=turn * days)).isoformat()}
        if name == "turns_left":
            return f"_max(0.0, {float(self.max_turns)!r} - c.turn)", {}
        if name == "deadline_passed":
            return f"(c.turn >= {self.max_turns})", {}
        if name == "venue":
            return f"c.vals[{self.venue_slot}]", {}
        if name in ("self", "other", "target"):
            return {"self": "c.self_f", "other": "c.other_f", "target": "c.target"}[name], {}
        return repr(str(name)), {}  # a faction id used as a value

    def _table(self, field: str) -> ex.Snippet:
        if field == "proposal":
            return "(c.extra is not None and c.extra.table is not None)", {}
        if field == "agreed":
            slots = tuple(self.issue_slot)
            return "_agreed(c.vals)", {"_agreed": lambda vals: float(
                sum(1 for s in slots if vals[s] != ""))}
        if field == "signed":
            return "(c.extra.signed + 0.0 if c.extra is not None else 0.0)", {}
        return "_deadline(c)", {"_deadline": lambda c: float(
            NEVER if c.extra is None or c.extra.deadline < 0
            else max(0, c.extra.deadline - c.turn))}

    def expr(self, value: Any, target_kind: str | None = None) -> Fn:
        """Compile a condition or amount field (a bool, a number or expression text)."""
        if isinstance(value, bool):
            return (lambda c: True) if value else (lambda c: False)
        if isinstance(value, (int, float)):
            number = float(value)
            return lambda c: number
        return ex.compile_expr(ex.parse(value), lambda parts: self.getter(parts, target_kind))

    def effects(self, effects: list[Effect], target_kind: str | None = None) -> list[CompiledEffect]:
        out = []
        for eff in effects:
            parts = tuple(eff.target.split("."))
            when = self.expr(eff.when, target_kind) if eff.when is not None else None
            op = "add" if eff.add is not None else "set"
            raw = eff.add if eff.add is not None else eff.set
            if parts == ("venue",):
                value = self._id_value(raw, "venue")
                out.append(CompiledEffect(self.venue_slot, "fixed", None, "set", value, when,
                                          eff.why, None, None, -1))
                continue
            if parts[0] == "issue":
                k = self.issues.index(parts[1])
                out.append(CompiledEffect(self.issue_slot[k], "agreed", None, "set",
                                          lambda c: "", when, eff.why, None, None, k))
                continue
            root, entity, field = (parts + ("",))[:3]
            if root == "target":
                root, entity, field = target_kind or "", "target", parts[1]
            if root == "territory" and field == "controller":
                value = self._id_value(raw, "faction", target_kind)
            else:
                value = self.expr(raw, target_kind)
            if entity in ("self", "other", "target"):
                per = {e: self.slots[f"{root}.{e}.{field}"] for e in self._entities(root)}
                lo_hi = {self.bounds.get(sl) for sl in per.values()}
                lo, hi = next(iter(lo_hi)) if len(lo_hi) == 1 and None not in lo_hi else (
                    None, None)
                out.append(CompiledEffect(None, entity, per, op, value, when, eff.why, lo, hi, -1))
            else:
                slot = self.slots[f"{root}.{entity}.{field}"] if root != "world" else \
                    self.slots[f"world.{entity}"]
                lo, hi = self.bounds.get(slot, (None, None))
                out.append(CompiledEffect(slot, "fixed", None, op, value, when, eff.why, lo, hi,
                                          -1))
        return out

    def _id_value(self, raw: Any, kind: str, target_kind: str | None = None) -> Fn:
        if isinstance(raw, str) and raw in self.names.ids_of(kind):
            value = raw
            return lambda c: value
        return self.expr(raw, target_kind)

    def compile_all(self) -> None:
        s = self.s
        fac = s.factions
        self.hurt = {f: self.expr(fac[f].hurt) for f in self.factions}
        self.prospects = {f: self.expr(fac[f].prospects) for f in self.factions}
        self.batna = {f: self.expr(fac[f].batna) for f in self.factions}
        self.stages = (("hurt", self.hurt), ("prospects", self.prospects), ("batna", self.batna))
        self.looming = self.expr(s.ripeness.looming)
        self.upkeep = self.effects(s.upkeep)
        self.venue_available = {v: self.expr(venue.available) for v, venue in s.venues.items()}
        self.venue_effects = {v: self.effects(venue.each_turn) for v, venue in s.venues.items()}
        self.actions = {}
        for aid, action in s.actions.items():
            kind = TARGET_KIND.get(action.kind)
            self.actions[aid] = CompiledAction(
                aid, action.kind, tuple(action.roles), action.condition is True,
                self.expr(action.condition),
                self.expr(action.targets, kind) if action.targets is not None else None,
                self.effects(action.effects, kind),
                self.expr(action.chance, kind) if action.chance is not None else None,
                self.effects(action.on_success, kind), self.effects(action.on_failure, kind),
                action.turns or 0, kind)
        self.actions_of = {r: [a for a, c in self.actions.items() if r in c.roles]
                           for r in self.roles}
        self.kinds_of: dict[str, dict[str, list[str]]] = {r: {} for r in self.roles}
        for r, aids in self.actions_of.items():
            for aid in aids:
                self.kinds_of[r].setdefault(self.actions[aid].kind, []).append(aid)
        self.events = []
        for eid, event in s.events.items():
            turn = -1
            if event.date is not None:
                turn = (event.date - self.start).days // self.turn_days
            self.events.append(CompiledEvent(
                eid, turn, self.expr(event.condition) if event.condition is not None else None,
                self.expr(event.probability) if event.probability is not None else None,
                event.cooldown, event.max_times, event.catastrophe, self.effects(event.effects),
                self.slots[f"event.{eid}.fired"], self.slots[f"event.{eid}.last"]))
        self._events_on = [[e for e in self.events if e.turn < 0 or e.turn == t]
                           for t in range(self.max_turns + 1)]
        self.endings = [(nid, self.expr(end.condition),
                         {r: self.expr(v) for r, v in end.score.items()})
                        for nid, end in s.endings.items()]
        self.ai = {r: (s.ai[r].strategy, {**{k: p.default for k, p in
                                             STRATEGIES[s.ai[r].strategy].params.items()},
                                          **s.ai[r].params})
                   if r in s.ai else ("greedy", {}) for r in self.roles}

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

    def events_on(self, turn: int) -> list[CompiledEvent]:
        """The events that may fire at the start of ``turn``: its dated ones and all others,
        in scenario order."""
        return self._events_on[turn] if 0 <= turn < len(self._events_on) else []

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


@dataclass(frozen=True)
class CompiledAction:
    id: str
    kind: str
    roles: tuple[str, ...]
    always: bool  # no condition: skip evaluating it
    condition: Fn
    targets: Fn | None
    effects: list[CompiledEffect]
    chance: Fn | None
    on_success: list[CompiledEffect]
    on_failure: list[CompiledEffect]
    turns: int
    target_kind: str | None


@dataclass(frozen=True)
class CompiledEvent:
    id: str
    turn: int  # dated: the turn it falls in; -1 otherwise
    condition: Fn | None
    probability: Fn | None
    cooldown: int
    max_times: int
    catastrophe: bool
    effects: list[CompiledEffect]
    fired_slot: int
    last_slot: int


__all__ = ["Rules", "Ctx", "BARE", "NEVER"]
