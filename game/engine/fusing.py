"""Effect lists as one generated function each: the engine's hot path, written out.

A turn's upkeep, an event or a move applies a list of effects in order. Interpreting the list
(look up each effect's kind, slot and bounds, call its value function) cost more than the
arithmetic itself, so :func:`fuse_effects` writes the whole list out as the source of one
Python function, with slot numbers, bounds and reasons as literals, and compiles it once at
load time. It does exactly what the interpreted loop did, in the same order:

- an effect whose ``when`` does not hold is skipped;
- ``add`` adds, ``set`` sets (a bool slot takes a bool, a number slot a float), an issue
  effect reopens the issue (sets it to ``""``);
- a number is held to its meter's bounds;
- a change is recorded as ``(slot, old, new, why)``, ``why`` being the effect's own reason or
  the cause the caller gives; an effect that changes nothing records nothing.

As with expressions, no author text is ever executed: the generated source is made of slot
numbers, ``repr`` literals and the expression sources :func:`game.engine.compiling.to_source`
builds from checked trees.
"""

from __future__ import annotations

import re
from operator import itemgetter
from typing import Any, Callable


def _define(lines: list[str], filename: str, names: dict[str, Any]) -> Callable:
    """Compile the generated ``def run`` over the expression helpers and ``names``, and return
    it, its text kept as ``run.source`` (for tests, and for anyone reading what an effect list
    became)."""
    from game.engine.compiling import HELPERS  # (compiling imports this module)

    namespace = {**HELPERS, **names}
    text = "\n".join(lines)
    exec(compile(text, filename, "exec"), namespace)  # noqa: S102
    run = namespace["run"]
    run.source = text
    return run


_LITERAL = re.compile(r"""('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")""")


def local(source: str) -> str:
    """An expression's source reading the generated function's own ``vals`` (the list every
    caller passes is the context's ``c.vals``): one attribute lookup fewer per value read, on
    the engine's hottest lines. String literals (``repr`` of an author's constant) are left as
    they are."""
    parts = _LITERAL.split(source)  # (odd parts: the literals)
    return "".join(part if k % 2 else part.replace("c.vals[", "vals[")
                   for k, part in enumerate(parts))


def _coerce(old: Any, value: Any) -> Any:
    """What ``set`` stores: a bool slot keeps bools, a number slot floats, others the value."""
    if isinstance(old, bool):
        return bool(value)
    if isinstance(old, float):
        return float(value)
    return value


def _clamp_lines(new: str, lo: float, hi: float, pad: str) -> list[str]:
    return [f"{pad}if {new} < {lo!r}:", f"{pad}    {new} = {lo!r}",
            f"{pad}elif {new} > {hi!r}:", f"{pad}    {new} = {hi!r}"]


def _effect_lines(k: int, e: Any, bounds: dict[int, tuple[float, float]]) -> list[str]:
    """The statements of one effect (``e``: a CompiledEffect), indented for the body."""
    why = repr(e.why) if e.why else "cause"
    lines: list[str] = []
    pad = "    "
    if e.when_src is not None:
        lines.append(f"{pad}if {local(e.when_src)}:")
        pad += "    "
    if e.kind in ("self", "other", "target"):
        attr = {"self": "self_f", "other": "other_f", "target": "target"}[e.kind]
        lines += [f"{pad}slot = _slots{k}[c.{attr}]", f"{pad}old = vals[slot]",
                  f"{pad}value = {local(e.value_src)}"]
        if e.op == "add":
            lines.append(f"{pad}new = old + value")
        else:
            lines.append(f"{pad}new = _coerce(old, value)")
        lines += [f"{pad}if isinstance(new, float):",
                  f"{pad}    bound = _bounds.get(slot)",
                  f"{pad}    if bound is not None:",
                  f"{pad}        if new < bound[0]:", f"{pad}            new = bound[0]",
                  f"{pad}        elif new > bound[1]:", f"{pad}            new = bound[1]"]
        slot = "slot"
    else:
        slot = str(e.slot)
        bound = bounds.get(e.slot)
        lines.append(f"{pad}old = vals[{slot}]")
        if e.kind == "agreed":
            lines.append(f"{pad}new = ''")
        elif e.op == "add":
            lines.append(f"{pad}new = old + ({local(e.value_src)})")
            if bound is not None:
                lines += _clamp_lines("new", bound[0], bound[1], pad)
        else:
            lines.append(f"{pad}new = _coerce(old, {local(e.value_src)})")
            if bound is not None:
                lines.append(f"{pad}if isinstance(new, float):")
                lines += _clamp_lines("new", bound[0], bound[1], pad + "    ")
    lines += [f"{pad}if new != old:", f"{pad}    vals[{slot}] = new",
              f"{pad}    changes.append(({slot}, old, new, {why}))"]
    return lines


def fuse_effects(effects: list, bindings: dict[str, Any], bounds: dict[int, tuple[float, float]]
                 ) -> Callable[[Any, list, str], list]:
    """One function ``run(c, vals, cause) -> changes`` applying ``effects`` in order (see the
    module docstring); ``bindings`` are the names the effects' expression sources use."""
    names: dict[str, Any] = {**bindings, "_coerce": _coerce, "_bounds": bounds,
                             "isinstance": isinstance, "float": float}
    body = ["def run(c, vals, cause):", "    changes = []"]
    for k, e in enumerate(effects):
        if e.per is not None:
            names[f"_slots{k}"] = e.per
        body += _effect_lines(k, e, bounds)
    body.append("    return changes")

    def run(c: Any, vals: list, cause: str) -> list:
        """Compiled on first use, then put in its place on ``effects``: a scenario has a
        hundred effect lists and a game runs few of them (compiling them all made loading a
        scenario four times slower)."""
        compiled = _define(body, "<scenario effects>", names)
        effects.run = compiled
        return compiled(c, vals, cause)

    run.source = "\n".join(body)
    return run


def clamped_within(raw: Any, lo: float, hi: float) -> bool:
    """Is a formula a ``clamp(x, a, b)`` with constant bounds inside [lo, hi]? (Its value then
    needs no second clamp to a meter's bounds.)"""
    from game.scenario.expr import Call, Const, parse

    if not isinstance(raw, str):
        return False
    node = parse(raw)
    return (isinstance(node, Call) and node.fn == "clamp" and len(node.args) == 3
            and all(isinstance(a, Const) and isinstance(a.value, float) for a in node.args[1:])
            and lo <= node.args[1].value and node.args[2].value <= hi)


def fuse_stages(factions: list[str], territory: list[tuple[int, float]],
                territory_slot: dict[str, int], stages: list[tuple[int, str, bool]],
                bindings: dict[str, Any]) -> Callable[[Any, list], None]:
    """The first half of a full refresh as one function ``run(c, vals)``: the strategic value
    each faction holds (territory values summed by controller, in scenario order), then each
    stage formula (hurt, prospects, no-deal value, for every faction) held to 0-100, in order
    (a later stage reads the earlier ones)."""
    body = ["def run(c, vals):"]
    names: dict[str, Any] = {**bindings, "float": float}
    if territory and factions:  # the sums by who holds what (few combinations: remembered)
        slots = [slot for slot, _ in territory]
        names["_owners"] = itemgetter(*slots) if len(slots) > 1 else (
            lambda vals: (vals[slots[0]],))  # a tuple either way
        names["_held"] = held = {}

        def sums(owners: tuple) -> tuple[float, ...]:
            total = [0.0] * len(factions)  # summed in scenario order, as one by one
            for owner, (_, value) in zip(owners, territory):
                if owner in factions:
                    total[factions.index(owner)] += value
            if len(held) > 10_000:
                held.clear()
            held[owners] = found = tuple(total)
            return found

        names["_sums"] = sums
        body += ["    owners = _owners(vals)", "    held = _held.get(owners)",
                 "    if held is None:", "        held = _sums(owners)"]
        body += [f"    vals[{territory_slot[f]}] = held[{j}]" for j, f in enumerate(factions)]
    else:
        body += [f"    vals[{territory_slot[f]}] = 0.0" for f in factions]
    for slot, source, clamped in stages:
        source = local(source)
        if clamped:  # the formula holds itself within 0-100 already
            body.append(f"    vals[{slot}] = float({source})")
            continue
        body += [f"    value = {source}",
                 f"    vals[{slot}] = 0.0 if value < 0 else (100.0 if value > 100 else "
                 "float(value))"]
    return _define(body, "<scenario refresh>", names)


def fuse_events(events: list, sources: list[tuple[str | None, str | None]], last_turn: int,
                bindings: dict[str, Any]) -> Callable[..., None]:
    """The start-of-turn event checks as one function ``run(work, c, vals, turn, fire)``: in
    scenario order, each event due this turn (dated ones on their turn, the others every turn)
    fires unless it has reached its maximum count, is cooling down (undated ones), its
    condition does not hold, or its probability roll fails (one draw from the game's stream,
    only for an event that got that far). ``sources``: each event's condition and probability
    source, or None."""
    body = ["def run(work, c, vals, turn, fire):",
            f"    if not (0 <= turn <= {last_turn}):", "        return"]
    # A run of dated events (none undated between them) becomes one if/elif chain by turn:
    # only one turn's events can fire in a call, and within a turn their order is kept.
    order: list[int] = []
    k = 0
    while k < len(events):
        if events[k].turn < 0:
            order.append(k)
            k += 1
            continue
        end = k
        while end < len(events) and events[end].turn >= 0:
            end += 1
        order += sorted(range(k, end), key=lambda j: (events[j].turn, j))
        k = end
    previous = None  # the dated turn of the event written before, if any
    for k in order:
        e, (condition, probability) = events[k], sources[k]
        condition = local(condition) if condition is not None else None
        probability = local(probability) if probability is not None else None
        pad = "    "
        if e.turn >= 0:
            if e.turn != previous:
                body.append(f"{pad}{'el' if previous is not None else ''}if turn == {e.turn}:")
            pad += "    "
        previous = e.turn if e.turn >= 0 else None
        body.append(f"{pad}if not (vals[{e.fired_slot}] >= {e.max_times!r}):")
        pad += "    "
        if e.turn < 0:
            body.append(f"{pad}if not (turn - vals[{e.last_slot}] <= {e.cooldown!r}):")
            pad += "    "
        if condition is not None:
            body.append(f"{pad}if {condition}:")
            pad += "    "
        if probability is not None:
            body.append(f"{pad}chance = {probability}")
            body.append(f"{pad}if not (work.draw() >= chance):")
            pad += "    "
        body.append(f"{pad}fire(work, _event{k})")
    return _define(body, "<scenario events>",
                   {**bindings, **{f"_event{k}": e for k, e in enumerate(events)}})


def fuse_ripeness(slots: list[tuple], stalemate: float, discount: float
                  ) -> Callable[..., None]:
    """The second half of a refresh as one function ``run(vals, constant, agreed, accepted)``
    (``agreed``: what is signed is worth to each faction, :meth:`Rules.agreed_values`; None
    when the values did not change and these stand): for every faction, in
    order, ripeness ``stalemate * hurt / 100 * (1 - prospects / 100) + constant``, the
    reservation value ``batna - discount * ripeness`` held to 0-100, the value of what is
    agreed, and whether it accepts the draft. ``slots``: per faction (name, hurt, prospects,
    batna, ripeness, reservation, utility, accepted)."""
    body = ["def run(vals, constant, agreed, accepted):"]
    for j, (f, hurt, prospects, batna, ripe, reservation, util, acc) in enumerate(slots):
        body += [f"    ripeness = {stalemate!r} * vals[{hurt}] / 100.0 * "
                 f"(1.0 - vals[{prospects}] / 100.0) + constant",
                 f"    vals[{ripe}] = ripeness",
                 f"    bar = vals[{batna}] - {discount!r} * ripeness",
                 f"    vals[{reservation}] = 0.0 if bar < 0 else (bar if bar < 100.0 else 100.0)",
                 "    if agreed is not None:",
                 f"        vals[{util}] = agreed[{j}]",
                 f"    vals[{acc}] = {f!r} in accepted"]
    return _define(body, "<scenario ripeness>", {})
