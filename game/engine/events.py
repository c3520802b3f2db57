"""Events: dated ones on their date, conditional ones when their condition holds, random ones
by their probability — with cooldowns and a maximum count. Each is logged with its sources."""

from __future__ import annotations

from game.engine.rules import CompiledEvent


def fire_events(work) -> None:
    """Fire every event due at the start of ``work.turn``, in scenario order (the checks are
    one generated function: :func:`game.engine.fusing.fuse_events`)."""
    work.rules.events_run(work, work.ctx(), work.vals, work.turn, fire)


def fire(work, event: CompiledEvent, injected: bool = False) -> None:
    vals = work.vals
    vals[event.fired_slot] += 1
    vals[event.last_slot] = work.turn
    if event.catastrophe:
        work.catastrophe = work.turn
    changes = work.run(event.effects, cause=event.title)
    work.note("event", "", {"id": event.id, "changes": tuple(changes), "injected": injected})
