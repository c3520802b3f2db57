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
    for event in rules.events_on(turn):
        if vals[event.fired_slot] >= event.max_times:
            continue
        if event.turn < 0 and turn - vals[event.last_slot] <= event.cooldown:
            continue
        if event.condition is not None and not event.condition(ctx):
            continue
        if event.probability is not None:
            chance = event.probability(ctx)
            if work.draw() >= chance:
                continue
        fire(work, event)


def fire(work, event: CompiledEvent, injected: bool = False) -> None:
    vals = work.vals
    vals[event.fired_slot] += 1
    vals[event.last_slot] = work.turn
    if event.catastrophe:
        work.catastrophe = work.turn
    changes = work.run(event.effects, cause=work.rules.s.events[event.id].title)
    work.note("event", "", {"id": event.id, "changes": tuple(changes), "injected": injected})
