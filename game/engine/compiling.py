"""Compiling a scenario's expressions and effects into closures over slot numbers.

:class:`Compiler` is the half of :class:`~game.engine.rules.Rules` that turns names into
slot reads (:meth:`Compiler.getter`), expressions into functions of a :class:`Ctx`, and actions,
events and endings into the ``Compiled*`` records the engine runs. Author text is never
evaluated: :func:`compile_expr` builds source from the checked tree only.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any, Callable

from game.engine.fusing import (clamped_within, fuse_effects, fuse_events, fuse_ripeness,
                                fuse_stages)
from game.engine.state import signed_by
from game.scenario.expr import Binary, Call, Const, Name, Node, Unary, parse
from game.scenario.model_base import Effect
from game.scenario.model_talks import TARGET_KIND
from game.scenario.strategies import STRATEGIES

NEVER = 999  # "turns since" for something that never happened; "turns left" with no deadline


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
    why: str
    issue: int  # for "agreed": the issue index
    value_src: str  # the Python source of the amount and of the condition (fusing.py)
    when_src: str | None
    bindings: dict[str, Any] = dataclass_field(compare=False, repr=False)

    def value(self, ctx: Ctx) -> Any:
        """The amount in ``ctx``. The engine applies effects through their list's generated
        function; only the AI, looking at one effect on its own, asks for this, so it is
        compiled on first use rather than for every effect at load time."""
        fn = self.__dict__.get("_value")
        if fn is None:
            fn = source_fn(self.value_src, self.bindings)
            object.__setattr__(self, "_value", fn)
        return fn(ctx)


def _no_changes(c: Ctx, vals: list, cause: str) -> list:
    return []


class Effects(list):
    """A compiled effect list, and the one generated function that applies it in order
    (:func:`game.engine.fusing.fuse_effects`): ``run(ctx, vals, cause) -> changes``."""

    run: Callable[[Ctx, list, str], list]


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

    def odds(self, ctx: Ctx) -> float:
        """Its ``chance`` in this context, held to 0-1 (what the roll is compared with)."""
        return max(0.0, min(1.0, float(self.chance(ctx))))


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
    title: str = ""  # the cause its changes are logged with


# --- expressions to Python -----------------------------------------------------------------
#
# A checked tree is translated into the source of one small Python function and compiled once,
# at load time. The translation emits nothing the author wrote except literals, through
# ``repr``: names become the slot lookups their namespace returns (``c.vals[17]``), operators
# become Python operators, functions become the helpers below. Author text is never evaluated;
# it only chooses among these pieces. (Compiled this way, expressions run several times faster
# than a tree of closures, which keeps whole-game simulations fast.)

Snippet = tuple[str, dict[str, Any]]  # Python source over ``c`` (the context), and its bindings


def _div(a: float, b: float) -> float:
    return a / b if b else 0.0


def _clamp(x: float, lo: float, hi: float) -> float:
    return lo if x < lo else (hi if x > hi else x)


HELPERS: dict[str, Any] = {"__builtins__": {}, "_div": _div, "_clamp": _clamp, "_min": min,
                           "_max": max, "_abs": abs, "_round": lambda x: float(round(x))}
_INFIX = {"+": "+", "-": "-", "*": "*", "==": "==", "!=": "!=", "<": "<", "<=": "<=",
          ">": ">", ">=": ">=", "and": "and", "or": "or"}


def _number(node: Node) -> bool:
    return isinstance(node, Const) and isinstance(node.value, float)


def to_source(node: Node, getter: Callable[[tuple[str, ...]], Snippet],
              bindings: dict[str, Any]) -> str:
    """The Python source of a checked tree; ``getter`` gives each name's source."""
    if isinstance(node, Const):
        value = node.value
        if isinstance(value, bool):
            return "True" if value else "False"
        return repr(float(value)) if isinstance(value, float) else repr(str(value))
    if isinstance(node, Name):
        source, bound = getter(node.parts)
        bindings.update(bound)
        return source
    if isinstance(node, Unary):
        inner = to_source(node.operand, getter, bindings)
        return f"(not {inner})" if node.op == "not" else f"(-{inner})"
    if isinstance(node, Call):
        args = [to_source(a, getter, bindings) for a in node.args]
        if node.fn == "if":
            return f"({args[1]} if {args[0]} else {args[2]})"
        if node.fn == "clamp" and all(_number(a) for a in node.args[1:]):
            x = f"_t{id(node)}"  # written out as _clamp is, the value named once (walrus)
            lo, hi = args[1], args[2]
            return f"({lo} if ({x} := {args[0]}) < {lo} else ({hi} if {x} > {hi} else {x}))"
        return f"_{node.fn}({', '.join(args)})"
    assert isinstance(node, Binary)
    left = to_source(node.left, getter, bindings)
    right = to_source(node.right, getter, bindings)
    if node.op == "/":
        if _number(node.right) and node.right.value != 0:
            return f"({left} / {right})"  # a nonzero constant: _div would only test it
        return f"_div({left}, {right})"
    return f"({left} {_INFIX[node.op]} {right})"


def compile_expr(node: Node, getter: Callable[[tuple[str, ...]], Snippet]) -> Getter:
    """Turn a checked tree into ``f(c) -> value`` (see the note above)."""
    bindings: dict[str, Any] = {}
    return source_fn(to_source(node, getter, bindings), bindings)


def source_fn(source: str, bindings: dict[str, Any], name: str = "<scenario expression>") -> Fn:
    """``lambda c: <source>`` over the helpers and ``bindings`` (source from :func:`to_source`
    only)."""
    return eval(compile(f"lambda c: {source}", name, "eval"),  # noqa: S307
                {**HELPERS, **bindings})


Getter = Callable[[Any], Any]


class Compiler:
    """Mixed into :class:`Rules`, which provides the slots, names and tables it reads."""

    def getter(self, parts: tuple[str, ...], target_kind: str | None = None) -> Snippet:
        """The Python source reading one name from a context ``c`` (see
        :func:`compile_expr`): slot numbers, never author text."""
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

    def _bare(self, name: str) -> Snippet:
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

    def _table(self, field: str) -> Snippet:
        if field == "proposal":
            return "(c.extra is not None and c.extra.table is not None)", {}
        if field == "agreed":
            slots = tuple(self.issue_slot)
            return "_agreed(c.vals)", {"_agreed": lambda vals: float(
                sum(1 for s in slots if vals[s] != ""))}
        if field == "signed":
            return "(c.extra.signed + 0.0 if c.extra is not None else 0.0)", {}
        if field == "brokered":  # (read from the log: fine for scores, asked once; a
            # condition using it would walk the log at every check)
            mediator = self.mediator
            return "_brokered(c)", {"_brokered": lambda c: float(
                0 if c.extra is None else signed_by(c.extra.log, mediator))}
        return "_deadline(c)", {"_deadline": lambda c: float(
            NEVER if c.extra is None or c.extra.deadline < 0
            else max(0, c.extra.deadline - c.turn))}

    def expr(self, value: Any, target_kind: str | None = None) -> Fn:
        """Compile a condition or amount field (a bool, a number or expression text)."""
        if isinstance(value, bool):  # constants need no compiling
            return (lambda c: True) if value else (lambda c: False)
        if isinstance(value, (int, float)):
            number = float(value)
            return lambda c: number
        bindings: dict[str, Any] = {}
        return source_fn(self.expr_source(value, target_kind, bindings), bindings)

    def expr_source(self, value: Any, target_kind: str | None, bindings: dict[str, Any]) -> str:
        """The Python source of a condition or amount field (its names bound in ``bindings``)."""
        if isinstance(value, bool):
            return "True" if value else "False"
        if isinstance(value, (int, float)):
            return repr(float(value))
        return to_source(parse(value), lambda parts: self.getter(parts, target_kind), bindings)

    def first_true(self, values: list[Any]) -> Fn:
        """One function for a list of conditions: the index of the first that holds, or -1
        (the endings, checked after every move, are tested in one call)."""
        bindings: dict[str, Any] = {}
        source = "-1"
        for k in reversed(range(len(values))):
            source = f"({k} if {self.expr_source(values[k], None, bindings)} else {source})"
        return source_fn(source, bindings, "<scenario endings>")

    def effects(self, effects: list[Effect], target_kind: str | None = None) -> Effects:
        bindings: dict[str, Any] = {}

        def source(raw: Any) -> str:
            return self.expr_source(raw, target_kind, bindings)

        out = Effects()
        for eff in effects:
            parts = tuple(eff.target.split("."))
            when_src = source(eff.when) if eff.when is not None else None
            op = "add" if eff.add is not None else "set"
            raw = eff.add if eff.add is not None else eff.set
            slot: int | None = None
            per = None
            kind, issue = "fixed", -1
            if parts == ("venue",):
                slot, op, value_src = self.venue_slot, "set", self._id_source(raw, "venue", source)
            elif parts[0] == "issue":
                issue = self.issues.index(parts[1])
                slot, kind, op, value_src = self.issue_slot[issue], "agreed", "set", "''"
            else:
                root, entity, field = (parts + ("",))[:3]
                if root == "target":
                    root, entity, field = target_kind or "", "target", parts[1]
                if root == "territory" and field == "controller":
                    value_src = self._id_source(raw, "faction", source)
                else:
                    value_src = source(raw)
                if entity in ("self", "other", "target"):
                    kind = entity
                    per = {e: self.slots[f"{root}.{e}.{field}"] for e in self._entities(root)}
                else:
                    slot = self.slots[f"{root}.{entity}.{field}"] if root != "world" else \
                        self.slots[f"world.{entity}"]
            out.append(CompiledEffect(slot, kind, per, op, eff.why, issue, value_src, when_src,
                                      bindings))
        out.run = fuse_effects(out, bindings, self.bounds) if out else _no_changes
        return out

    def _id_source(self, raw: Any, kind: str, source: Callable[[Any], str]) -> str:
        if isinstance(raw, str) and raw in self.names.ids_of(kind):
            return repr(raw)
        return source(raw)

    def compile_all(self) -> None:
        s = self.s
        fac = s.factions
        # the refresh: territory held, then each stage formula for every faction, in order
        bindings: dict[str, Any] = {}
        self.stage_run = fuse_stages(
            self.factions, self.territory_values, {f: self.fs[f]["territory"] for f in self.factions},
            [(self.fs[f][stage], self.expr_source(getattr(fac[f], stage), None, bindings),
              clamped_within(getattr(fac[f], stage), 0.0, 100.0))
             for stage in ("hurt", "prospects", "batna") for f in self.factions], bindings)
        r = s.ripeness
        self.ripeness_run = fuse_ripeness([(f, *(self.fs[f][m] for m in (
            "hurt", "prospects", "batna", "ripeness", "reservation", "utility", "accepted")))
            for f in self.factions], 100.0 * r.stalemate, r.discount)
        self.looming = self.expr(s.ripeness.looming)
        self.upkeep = self.effects(s.upkeep)
        self.venue_available = {v: self.expr(venue.available) for v, venue in s.venues.items()}
        self.venue_effects = {v: self.effects(venue.each_turn) for v, venue in s.venues.items()}
        self.venue_most = max((len(v.each_turn) for v in s.venues.values()), default=0)
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
                # (dated before the start: the first turn, once, as validation warns)
                turn = max(0, (event.date - self.start).days // self.turn_days)
            self.events.append(CompiledEvent(
                eid, turn, self.expr(event.condition) if event.condition is not None else None,
                self.expr(event.probability) if event.probability is not None else None,
                event.cooldown, event.max_times, event.catastrophe, self.effects(event.effects),
                self.slots[f"event.{eid}.fired"], self.slots[f"event.{eid}.last"], event.title))
        bindings: dict[str, Any] = {}
        self.events_run = fuse_events(self.events, [tuple(
            self.expr_source(x, None, bindings) if x is not None else None
            for x in (event.condition, event.probability)) for event in s.events.values()],
            self.max_turns, bindings)
        self.endings = [(nid, {r: self.expr(v) for r, v in end.score.items()})
                        for nid, end in s.endings.items()]  # (id, score per role)
        self.first_ending = self.first_true([end.condition for end in s.endings.values()])
        self.ai = {r: (s.ai[r].strategy, {**{k: p.default for k, p in
                                             STRATEGIES[s.ai[r].strategy].params.items()},
                                          **s.ai[r].params})
                   if r in s.ai else ("greedy", {}) for r in self.roles}
