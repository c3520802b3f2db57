"""Events: dated ones on their date, conditional ones when their condition holds, random ones
by their probability — with cooldowns and a maximum count. Each is logged with its sources."""

from __future__ import annotations

from game.engine.rules import CompiledEvent, Rules


def fire_events(work) -> None:
    """Fire every event due at the start of ``work.turn``, in scenario order."""
    rules: Rules = work.rules
    vals = work.vals
    turn = work.turn
    ctx = work.ctx()
    for event, fired_slot, max_times, undated, last_slot, cooldown, condition, probability \
            in rules.event_checks(turn):
        if vals[fired_slot] >= max_times:
            continue
        if undated and turn - vals[last_slot] <= cooldown:
            continue
        if condition is not None and not condition(ctx):
            continue
        if probability is not None:
            chance = probability(ctx)
            if work.draw() >= chance:
                continue
        fire(work, event)


def fire(work, event: CompiledEvent, injected: bool = False) -> None:
    vals = work.vals
    vals[event.fired_slot] += 1
    vals[event.last_slot] = work.turn
    if event.catastrophe:
        work.catastrophe = work.turn
    changes = work.run(event.effects, cause=event.title)
    work.note("event", "", {"id": event.id, "changes": tuple(changes), "injected": injected})
