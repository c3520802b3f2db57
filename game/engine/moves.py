"""What each kind of action does (after :func:`game.engine.core.check` said it is legal)."""

from __future__ import annotations

from game.engine import negotiation as neg
from game.engine.rules import Rules
from game.engine.state import Action, Entry, Log, State, Table
from game.engine.work import Work, put

_new = tuple.__new__


def perform(work: Work, action: Action, why: str = "") -> None:
    rules: Rules = work.rules
    role = action.role
    faction = rules.faction_of.get(role, "")
    if action.act == "pass":
        work.note("action", role, {"action": action, "changes": (), "ai": why} if why else
                  {"action": action, "changes": ()})
        _settle_grievance(work, faction)
        return
    compiled = rules.actions[action.act]
    kind = compiled.kind
    data: dict = {"action": action, "ai": why} if why else {"action": action}
    changes: list = []
    private: list = []  # what only the mover learns; noted after the move itself
    if kind in ("propose", "counter"):
        agreed = rules.issue_values(work.vals)
        if any(agreed):  # (what it keeps and what it replaces: its Why? says, from the log)
            data["agreed"] = agreed
    if kind == "propose":
        work.table = Table(action.package, role, frozenset(), work.turn)
    elif kind == "counter":
        if work.table is not None:  # what it made of the draft it replaces (a playtester saw
            # a counter replace the mediator's draft with no word on why not that one)
            data["instead_of"] = neg.assess(rules, work.vals, faction, work.table.package)
            data["instead_of_by"] = work.table.proposer  # (whose draft: a player took it for
            # their own, two counters back)
            _note_wariness(work, role, faction, data)
        work.table = Table(action.package, role, frozenset(), work.turn)
        _accept(work, faction, role, data)
        _stance_from(work, faction, action.package)
    elif kind == "accept":
        _accept(work, faction, role, data)
    elif kind == "reject":
        verdict = neg.assess(rules, work.vals, faction, work.table.package)
        data["assessment"] = verdict
        _note_wariness(work, role, faction, data)
        work.rejected = (work.turn, faction, verdict.blockers[0].backer if verdict.blocked else "")
    elif kind == "concede":
        k = rules.issues.index(action.target)
        i = rules.factions.index(faction)
        stance = work.stances[i]
        data["from"] = stance[k]
        work.stances = put(work.stances, i, put(stance, k, action.option))
    elif kind == "walk_out":
        work.fset(faction, "at_table", False)  # refresh() withdraws its acceptance
    elif kind == "return":
        work.fset(faction, "at_table", True)
        work.fset(faction, "away", 0.0)
    elif kind == "offensive":
        _offensive(work, compiled, faction, action.target, data, changes)
    elif kind == "consult":
        private.append(_consult(work, faction, role, action.target))
    elif kind == "shuttle":
        i = rules.factions.index(action.target)
        work.insight = put(work.insight, i, min(len(rules.issues), work.insight[i] + 1))
        ranking = rules.priorities[action.target]
        private.append(("shuttle", role, {"faction": action.target,
                                          "priorities": tuple(rules.issues[k] for k in
                                                              ranking[:work.insight[i]])},
                        frozenset({role})))
    elif kind == "deadline":
        work.deadline = work.turn + compiled.turns
        data["until"] = work.deadline
    elif kind == "venue":
        data["from"] = old = work.vals[rules.venue_slot]
        work.vals[rules.venue_slot] = action.target
        changes.append((rules.venue_slot, old, action.target, ""))  # (the move says why)
    if compiled.chance is not None and kind != "offensive":
        success = work.draw() < compiled.chance(work.ctx(faction, action.target))
        data["success"] = success
        changes += work.run(compiled.on_success if success else compiled.on_failure, faction,
                            action.target)
    changes += work.run(compiled.effects, faction, action.target,
                        cause=rules.s.actions[compiled.id].label)
    data["changes"] = tuple(changes)
    work.note("action", role, data)
    for note in private:
        work.note(*note)
    _settle_grievance(work, faction)
    table = work.table
    if table is not None and len(table.accepted) == len(rules.factions) and all(
            f in table.accepted and work.fget(f, "at_table") for f in rules.factions) and \
            not _lapsed(work, table, faction):
        neg.sign(work, table)


def _lapsed(work: Work, table: Table, mover: str) -> bool:
    """Before signing, each delegation that accepted the draft on an earlier move is looked at
    again, and its acceptance lapses (nothing is signed) when:

    - a backer of it could now veto the draft at home (its support has grown since, say):
      a delegation signs only what its backers tolerate, whoever plays it;
    - it is an AI, and the war has moved so that the draft is now worth less to it than its
      reservation value (a playtest saw an AI sign at 52 against a bar of 75, four turns after
      it had offered that package). A human's acceptance stands on this count: the player
      chose it, warned when it was below the bar."""
    rules: Rules = work.rules
    lapsed = False
    for f in rules.factions:
        role = rules.role_of[f]
        if f == mover:
            continue
        verdict = neg.assess(rules, work.vals, f, table.package)
        if verdict.blocked:
            blocker = verdict.blockers[0]
            work.rejected = (work.turn, f, blocker.backer)  # as a veto at acceptance would
            data = {"faction": f, "backer": blocker.backer}
            numbers = {"value": blocker.value, "tolerance": blocker.tolerance}
        elif verdict.surplus < 0 and role not in work.humans:
            data = {"faction": f}
            numbers = {"value": verdict.value, "reservation": verdict.reservation}
        else:
            continue
        work.table = work.table._replace(accepted=work.table.accepted - {f})
        work.note("lapse", role, data)
        work.note("lapse_why", role, {**data, **numbers}, frozenset())
        lapsed = True
    return lapsed


def _note_wariness(work: Work, role: str, faction: str, data: dict) -> None:
    """An AI delegation answering another delegation's draft asks more of it while it trusts
    the talks little (:func:`game.engine.negotiation.wariness`): the Why? says how much. Only
    when its reason says it applied some (a review: ``simulate --policy`` plays strategies
    whose parameters are not the scenario's, and the log then told of wariness never used)."""
    rules: Rules = work.rules
    why = data.get("ai")
    if why and neg.WARY in why:  # (then it played the scenario's parameters: the same sum)
        proposer = work.table.proposer
        wary = neg.wariness(rules, work.vals, faction, rules.ai[role][1], proposer)
        if wary:
            data["wary"] = (wary, rules.faction_of[proposer])


def _settle_grievance(work: Work, faction: str) -> None:
    """Remember the trust a faction had when it moved; what it loses after that is grievance."""
    if faction:
        i, slot = work.rules.trust_of[faction]
        work.grievance = put(work.grievance, i, work.vals[slot] if slot is not None else 0.0)


def _accept(work: Work, faction: str, role: str, data: dict) -> None:
    """Sign on to the draft, unless a backer with a veto refuses."""
    rules: Rules = work.rules
    verdict = neg.assess(rules, work.vals, faction, work.table.package)
    data["assessment"] = verdict
    if verdict.blocked:
        data["vetoed"] = verdict.blockers[0].backer
        work.rejected = (work.turn, faction, verdict.blockers[0].backer)
        return
    work.table = work.table._replace(accepted=work.table.accepted | {faction})


def _stance_from(work: Work, faction: str, package: tuple[str, ...]) -> None:
    """A delegation's own package becomes its public stance on the issues the package
    changes; on one it leaves as it stands, its stance is what it asked for before (leaving
    the oil terminals alone in a counter is not a demand to keep them shut)."""
    rules = work.rules
    i = rules.factions.index(faction)
    vals = work.vals
    work.stances = put(work.stances, i, tuple(
        old if option == (vals[slot] or quo) else option
        for option, old, slot, quo in zip(package, work.stances[i], rules.issue_slot,
                                          rules.status_quo)))


def _offensive(work: Work, compiled, faction: str, target: str, data: dict, changes: list) -> None:
    rules: Rules = work.rules
    chance = compiled.odds(work.ctx(faction, target))
    roll = work.draw()
    success = roll < chance
    data.update(chance=chance, success=success, target=target)
    if success:
        slot = rules.controller_slot[target]
        old = work.vals[slot]
        work.vals[slot] = faction
        changes.append((slot, old, faction, "taken in an offensive"))
        changes += work.run(compiled.on_success, faction, target, cause="a successful offensive")
    else:
        changes += work.run(compiled.on_failure, faction, target, cause="a failed offensive")


def _consult(work: Work, faction: str, role: str, backer: str) -> tuple:
    rules: Rules = work.rules
    package = work.table.package if work.table is not None else \
        work.stances[rules.factions.index(faction)]
    blockers, unhappy = neg.backer_verdicts(rules, work.vals, faction, package)
    value = rules.utility(backer, package) if rules.cares(backer) else 100.0
    worst = neg.pains(rules, backer, package, 2) if rules.cares(backer) else ()
    verdict = ("veto" if any(b.backer == backer for b in blockers) else
               "displeased" if any(b.backer == backer for b in unhappy) else "content")
    return ("consult", role, {"backer": backer, "faction": faction, "value": value,
                              "tolerance": work.get(f"backer.{backer}.tolerance"),
                              "verdict": verdict, "worst": worst,
                              "on_table": work.table is not None},
            frozenset({role}))


def wait_in_mid_turn(state: State, action: Action, why: str) -> State:
    """Waiting in mid-turn, without a working copy, as :func:`perform` and the rest of
    :func:`game.engine.core.advance` would do it (a log entry, the waiting side's trust mark,
    the next phase): over a third of all moves in AI play. ``tests/engine/test_api.py``
    checks the two agree."""
    (rules, seed, humans, turn, phase, vals, table, stances, insight, grievance, rng, log,
     signed, deadline, catastrophe, rejected, actions, outcome) = state
    faction = rules.faction_of.get(action.role, "")
    if faction:  # as _settle_grievance: trust when it last moved
        i, slot = rules.trust_of[faction]
        grievance = grievance[:i] + (vals[slot] if slot is not None else 0.0,) + \
            grievance[i + 1:]
    data = {"action": action, "changes": (), "ai": why} if why else \
        {"action": action, "changes": ()}
    log = _new(Log, (_new(Entry, (turn, "action", action.role, data, None)), log,
                     log.size + 1 if log is not None else 1))
    return _new(State, (rules, seed, humans, turn, phase + 1, vals, table, stances, insight,
                        grievance, rng, log, signed, deadline, catastrophe, rejected,
                        actions + (action,), outcome))
