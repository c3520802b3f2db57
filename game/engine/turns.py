"""The calendar: a turn's end (upkeep, the venue, walkouts counted, deadlines), the next
turn's start (events, refresh, the snapshot for charts), and the endings checked after each.
"""

from __future__ import annotations

from game.engine import negotiation as neg
from game.engine.events import fire_events
from game.engine.reckoning import ending_reasons
from game.engine.rules import Rules
from game.engine.state import Outcome
from game.engine.work import Work


def end_turn(work: Work) -> None:
    rules: Rules = work.rules
    changes = work.run(rules.upkeep, cause="the turn's upkeep")
    venue = work.vals[rules.venue_slot]
    if venue in rules.venue_effects:
        changes += work.run(rules.venue_effects[venue], cause="where the talks meet")
    vals = work.vals
    for at_table, away in rules.away_slots:  # turns each delegation has been away
        vals[away] = 0.0 if vals[at_table] else vals[away] + 1.0
    if work.deadline >= 0 and work.deadline <= work.turn:
        work.note("deadline", rules.mediator, {"met": _signed_since_deadline(work)})
        work.deadline = -1
    work.note("upkeep", "", {"changes": tuple(changes)})
    work.turn += 1
    work.phase = 0
    begin_turn(work)


def _signed_since_deadline(work: Work) -> bool:
    """Was an agreement signed after the mediator set the deadline that ends now?"""
    log = work.log
    while log is not None:
        entry = log.entry
        if entry.kind == "sign":
            return True
        if entry.kind == "action" and "until" in entry.data:
            return False
        log = log.prev
    return False


def begin_turn(work: Work) -> None:
    rules: Rules = work.rules
    if work.turn < rules.max_turns:  # past the last turn only the ending remains: no header
        work.note("turn", "", {"date": rules.iso_date(work.turn)})
        fire_events(work)
    neg.refresh(work)
    _snapshot(work)
    check_endings(work)


def _snapshot(work: Work) -> None:
    """The turn's numbers, for charts and the debrief (private values: nobody sees it live).
    Kept as the raw value vector; :meth:`Rules.decode` names them when someone reads it."""
    work.note("snapshot", "", {"vals": tuple(work.vals)}, frozenset())


def check_endings(work: Work) -> None:
    if work.outcome is not None:
        return
    rules: Rules = work.rules
    k = rules.first_ending(work.ctx())
    if k >= 0:
        nid, scores = rules.endings[k]
        _finish(work, nid, scores)
        return
    if work.turn >= rules.max_turns:
        _finish(work, "", {})


def _finish(work: Work, nid: str, scores: dict) -> None:
    rules: Rules = work.rules
    ctx = work.ctx()
    result = {}
    for role in rules.roles:
        value = scores[role](ctx) if role in scores else 50.0
        # (not rounded here: shown whole, a score rounded to 66.5 read 66 beside the 67 its
        # unrounded value 66.52 gives in the reasons; every display rounds it once)
        result[role] = max(0.0, min(100.0, float(value)))
    ending = rules.s.endings.get(nid)
    title = ending.title if ending else "Time ran out"
    tone = ending.tone if ending else "failure"
    work.outcome = Outcome(nid, title, tone, result, ending_reasons(work, nid), work.turn)
    if work.log is None or work.log.entry.kind != "snapshot":
        _snapshot(work)  # the charts end where the game ended, not where its last turn began
    work.note("ending", "", {"id": nid})
