"""Static range analysis of a scenario's expressions, for ``ceasefire lint``.

Every number the game tracks has a reachable range: it starts at its initial value and moves
only where some effect can move it (an ``add`` that can be positive lets it rise towards its
max, a negative one lets it fall towards its min; a ``set`` reaches its value). Expressions are
evaluated over those ranges with interval arithmetic, and conditions with three-valued logic:
``always``, ``never`` or ``maybe``. A condition that is ``never`` can never hold, whatever the
players do; ``maybe`` is left to simulation.
"""

from __future__ import annotations

from typing import Any

from game.scenario import expr as ex
from game.scenario.model import Scenario
from game.scenario.names import FACTION_DERIVED

Range = tuple[float, float]
MAYBE, ALWAYS, NEVER = "maybe", "always", "never"
FULL: Range = (-1e18, 1e18)


def _effects(s: Scenario):
    """Every effect in the scenario with the entities its self/other/target may stand for."""
    yield from ((e, None) for e in s.upkeep)
    for venue in s.venues.values():
        yield from ((e, None) for e in venue.each_turn)
    for event in s.events.values():
        yield from ((e, None) for e in event.effects)
    for issue in s.agenda.values():
        for option in issue.options.values():
            yield from ((e, None) for e in option.on_agree)
    for action in s.actions.values():
        for e in action.effects + action.on_success + action.on_failure:
            yield e, action


def reachable(s: Scenario) -> dict[str, Range]:
    """The range each numeric name can reach over a game."""
    bounds: dict[str, tuple[float, float, float]] = {}  # name -> (initial, min, max)
    for f, fac in s.factions.items():
        for m, meter in fac.meters.items():
            bounds[f"faction.{f}.{m}"] = (meter.initial, meter.min, meter.max)
    for b, backer in s.backers.items():
        bounds[f"backer.{b}.support"] = (backer.support, 0.0, 100.0)
        for m, meter in backer.meters.items():
            bounds[f"backer.{b}.{m}"] = (meter.initial, meter.min, meter.max)
    for w, meter in s.world.items():
        bounds[f"world.{w}"] = (meter.initial, meter.min, meter.max)
    ranges = {name: (init, init) for name, (init, _, _) in bounds.items()}
    for eff, action in _effects(s):
        for name in _targets(s, eff.target, action):
            if name not in bounds:
                continue
            init, lo, hi = bounds[name]
            cur = ranges[name]
            if eff.add is not None:
                amount = eff.add
                if isinstance(amount, (int, float)):
                    cur = (lo if amount < 0 else cur[0], hi if amount > 0 else cur[1])
                else:
                    cur = (lo, hi)
            else:
                value = eff.set
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    v = min(max(float(value), lo), hi)
                    cur = (min(cur[0], v), max(cur[1], v))
                else:
                    cur = (lo, hi)
            ranges[name] = cur
    for f in s.factions:
        for d in FACTION_DERIVED:
            ranges[f"faction.{f}.{d}"] = (0.0, 100.0 if d != "away" else 1e9)
    for b, backer in s.backers.items():
        ranges[f"backer.{b}.leverage"] = (backer.leverage, backer.leverage)
        ranges[f"backer.{b}.tolerance"] = (backer.tolerance, backer.tolerance)
    for t, terr in s.territories.items():
        ranges[f"territory.{t}.value"] = (terr.value, terr.value)
    days = (s.calendar.deadline - s.calendar.start).days
    turns = days // s.calendar.turn_days + 1
    ranges.update({"turn": (0.0, float(turns)), "day": (0.0, float(days + s.calendar.turn_days)),
                   "turns_left": (0.0, float(turns)), "table.agreed": (0.0, float(len(s.agenda))),
                   "table.signed": (0.0, 1e9), "table.brokered": (0.0, 1e9),
                   "table.deadline": (0.0, 999.0)})
    for e in s.events:
        ranges[f"event.{e}.fired"] = (0.0, float(s.events[e].max_times))
        ranges[f"event.{e}.since"] = (0.0, 999.0)
    return ranges


def _targets(s: Scenario, target: str, action) -> list[str]:
    parts = target.split(".")
    if len(parts) == 3 and parts[1] in ("self", "other", "target"):
        pool = {"faction": s.factions, "backer": s.backers, "territory": s.territories}
        return [f"{parts[0]}.{e}.{parts[2]}" for e in pool.get(parts[0], {})]
    if parts[0] == "target" and len(parts) == 2:
        return [f"{root}.{e}.{parts[1]}" for root, pool in
                (("backer", s.backers), ("territory", s.territories)) for e in pool]
    return [target]


class Evaluator:
    """Interval and three-valued evaluation of a checked expression."""

    def __init__(self, ranges: dict[str, Range]):
        self.ranges = ranges

    def name(self, parts: tuple[str, ...]) -> Any:
        dotted = ".".join(parts)
        if dotted in self.ranges:
            return self.ranges[dotted]
        if len(parts) == 3 and parts[1] in ("self", "other", "target"):
            candidates = [r for n, r in self.ranges.items()
                          if n.startswith(parts[0] + ".") and n.endswith("." + parts[2])]
            if candidates:
                return (min(c[0] for c in candidates), max(c[1] for c in candidates))
        if parts[-1] in ("agreed", "at_table", "accepted", "proposal", "deadline_passed"):
            return MAYBE
        return None  # not a number: ids, dates

    def value(self, node: ex.Node) -> Any:
        if isinstance(node, ex.Const):
            if isinstance(node.value, bool):
                return ALWAYS if node.value else NEVER
            return (node.value, node.value) if isinstance(node.value, float) else None
        if isinstance(node, ex.Name):
            return self.name(node.parts)
        if isinstance(node, ex.Unary):
            inner = self.value(node.operand)
            if node.op == "not":
                return {ALWAYS: NEVER, NEVER: ALWAYS}.get(inner, MAYBE)
            return (-inner[1], -inner[0]) if isinstance(inner, tuple) else None
        if isinstance(node, ex.Call):
            args = [self.value(a) for a in node.args]
            if node.fn == "if":
                a, b = args[1], args[2]
                if args[0] == ALWAYS:
                    return a
                if args[0] == NEVER:
                    return b
                if isinstance(a, tuple) and isinstance(b, tuple):
                    return (min(a[0], b[0]), max(a[1], b[1]))
                return MAYBE if a in (ALWAYS, NEVER, MAYBE) else None
            if not all(isinstance(a, tuple) for a in args):
                return None
            if node.fn == "min":
                return (min(a[0] for a in args), min(a[1] for a in args))
            if node.fn == "max":
                return (max(a[0] for a in args), max(a[1] for a in args))
            if node.fn == "clamp":
                x, lo, hi = args
                return (min(max(x[0], lo[0]), hi[1]), max(min(x[1], hi[1]), lo[0]))
            if node.fn == "abs":
                lo, hi = args[0]
                return (0.0 if lo <= 0 <= hi else min(abs(lo), abs(hi)), max(abs(lo), abs(hi)))
            return (float(round(args[0][0])), float(round(args[0][1])))
        assert isinstance(node, ex.Binary)
        a, b = self.value(node.left), self.value(node.right)
        op = node.op
        if op in ("and", "or"):
            if op == "and":
                if NEVER in (a, b):
                    return NEVER
                return ALWAYS if a == b == ALWAYS else MAYBE
            if ALWAYS in (a, b):
                return ALWAYS
            return NEVER if a == b == NEVER else MAYBE
        if not (isinstance(a, tuple) and isinstance(b, tuple)):
            return MAYBE if op in ("==", "!=", "<", "<=", ">", ">=") else None
        if op == "+":
            return (a[0] + b[0], a[1] + b[1])
        if op == "-":
            return (a[0] - b[1], a[1] - b[0])
        if op == "*":
            products = [x * y for x in a for y in b]
            return (min(products), max(products))
        if op == "/":
            if b[0] <= 0 <= b[1]:
                return FULL
            quotients = [x / y for x in a for y in b]
            return (min(quotients), max(quotients))
        return _compare(op, a, b)


def _compare(op: str, a: Range, b: Range) -> str:
    if op in (">", ">="):
        a, b, op = b, a, "<" if op == ">" else "<="
    if op == "<":
        return ALWAYS if a[1] < b[0] else NEVER if a[0] >= b[1] else MAYBE
    if op == "<=":
        return ALWAYS if a[1] <= b[0] else NEVER if a[0] > b[1] else MAYBE
    if op == "==":
        if a[0] == a[1] == b[0] == b[1]:
            return ALWAYS
        return NEVER if a[1] < b[0] or b[1] < a[0] else MAYBE
    if a[1] < b[0] or b[1] < a[0]:
        return ALWAYS
    return NEVER if a[0] == a[1] == b[0] == b[1] else MAYBE


def truth(text_or_value: Any, ranges: dict[str, Range]) -> str:
    """ALWAYS, NEVER or MAYBE for a condition field."""
    if isinstance(text_or_value, bool):
        return ALWAYS if text_or_value else NEVER
    result = Evaluator(ranges).value(ex.parse(text_or_value))
    return result if result in (ALWAYS, NEVER) else MAYBE


def span(text_or_value: Any, ranges: dict[str, Range]) -> Range | None:
    if isinstance(text_or_value, (int, float)) and not isinstance(text_or_value, bool):
        return (float(text_or_value), float(text_or_value))
    result = Evaluator(ranges).value(ex.parse(text_or_value))
    return result if isinstance(result, tuple) else None
