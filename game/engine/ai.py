"""AI counterparts: transparent, seeded, and played from the scenario's ``ai:`` settings.

Each decision returns an action and the reason in words. All chance comes from a stream
derived from the state's seed, turn and role, so the same state always gives the same choice.

Delegations judge a package by its *surplus*: value minus reservation value (see
:mod:`game.engine.negotiation`). Strategies differ in the surplus they demand and in how they
answer provocation:

- ``hardline``: demands ``margin``; retaliates for provocations; tests the front when it can win.
- ``conceder``: demands ``start`` at first, less as the deadline nears (``beta``).
- ``tit_for_tat``: demands ``margin``; mirrors the other side's last move (``forgive``).
- ``greedy``: accepts any surplus; otherwise counters with its own package.

A delegation leaves the drafting to the mediator while the other side would discount its
draft by ``FUTILE`` points or more (reactive devaluation, :func:`negotiation.wariness`).
- ``random``: any legal move.

Mediators build packages that give both sides a surplus by their *estimates* (the mediator
does not see private values: its estimates are noisy, less so for a delegation it has held
private talks with), and then:

- ``facilitative``: holds private talks when trust is low or a side is away;
- ``formulative``: also leans on a backer that blocked, and sets a deadline late in the game.

No mediator tables a package over a delegation's own before the other side has answered it.
"""

from __future__ import annotations

from game.engine import negotiation as neg
from game.engine.core import Menu, chance_of, state_ctx
from game.engine.packages import build_package, counter_package, standing
from game.engine.rng import Stream
from game.engine.rules import Rules
from game.engine.state import Action, State

def choose(state: State, role: str | None = None, strategy: str | None = None,
           params: dict | None = None) -> tuple[Action, str]:
    """The AI's move for ``role`` (default: the role to move) and why, in words."""
    rules: Rules = state.rules
    role = role or rules.phases[state.phase]
    name, defaults = rules.ai[role]
    strategy = strategy or name
    if params is None:
        params = defaults
    rng = Stream(state.seed, state.turn, state.phase, len(state.actions))
    by_kind = Menu(state, role)
    if strategy == "random":
        action = rng.choice(sorted(a for kind in by_kind.kinds() for a in by_kind.get(kind)))
        if rules.actions.get(action.act) and rules.actions[action.act].kind in ("propose",
                                                                                "counter"):
            action = action._replace(package=random_package(state, rng))
        return action, "random: any legal move"
    if role == rules.mediator:
        return _mediator(state, role, strategy, params, by_kind, rng)
    return _delegation(state, role, strategy, params, by_kind, rng)


def random_package(state: State, rng: Stream) -> tuple[str, ...]:
    """Any valid package, at random (agreed issues may be renegotiated, never undone)."""
    rules: Rules = state.rules
    base, allowed = standing(rules, state.vals)
    for _ in range(50):
        package = tuple(rules.options[k][rng.choice(allowed[k])] for k in range(len(base)))
        if neg.check_package(rules, state.vals, package) is None:
            return package
    from game.engine.core import _representative  # rare: few packages differ from now

    return _representative(state, rules.faction_of.get(state.role, ""))


# -- delegations ------------------------------------------------------------------------------

def demand_of(state: State, strategy: str, params: dict) -> float:
    if strategy == "conceder":
        progress = min(1.0, state.turn / max(1, state.rules.max_turns - 1))
        return params["start"] * (1.0 - progress ** (1.0 / params["beta"]))
    if strategy == "greedy":
        return 0.0
    return params.get("margin", 0.0)


def _delegation(state, role, strategy, params, by_kind, rng):
    rules: Rules = state.rules
    vals = state.vals
    f = rules.faction_of[role]
    slots = rules.fs[f]
    i, trust_slot = rules.trust_of[f]
    demand = demand_of(state, strategy, params)
    trust = vals[trust_slot] if trust_slot is not None else 50.0  # (neg.trust, inline)
    prospects = vals[slots["prospects"]]
    escalate = params.get("escalate", 0.0)
    walkout = params.get("walkout", 0.0)

    pick = by_kind.first

    at_table = vals[slots["at_table"]]
    if not at_table and "return" in by_kind:  # away from the table
        away = vals[slots["away"]]
        patience = 1 + (2 if strategy == "hardline" else 0)
        early = 0.15 if strategy == "hardline" else 0.3
        if away >= patience or trust >= 30 or rng.random() < early:
            gone = f"after {away:.0f} turn(s) away" if away >= 1 else "at once"
            return pick("return"), f"{strategy}: back to the table {gone}"
        return pick("pass"), f"{strategy}: staying away (trust {trust:.0f})"
    grievance = max(0.0, state.grievance[i] - trust)  # trust lost since its last move
    provoked = grievance >= 5 and strategy in ("hardline", "tit_for_tat") and (
        rng.random() >= params.get("forgive", 0.0))
    if provoked:
        if "walk_out" in by_kind and rng.random() < walkout:
            return pick("walk_out"), f"{strategy}: walks out after a provocation " \
                                     f"(trust lost {grievance:.0f})"
        hostile = _hostile(state, by_kind.get("other", []), f)
        if hostile is not None:
            return hostile, f"{strategy}: answers a provocation in kind"
    offensive = _offensive_choice(state, by_kind, f, prospects, escalate, rng)
    table = state.table
    if table is not None and at_table and f not in table.accepted and "accept" in by_kind:
        a = neg.assess(rules, vals, f, table.package)
        if not a.binding:
            demand = demand / 2  # confidence-building: a modest gain will do
        wary = neg.wariness(rules, vals, f, params, table.proposer)
        asks = f"its demand {demand:.1f}"
        if wary:
            by = _name(rules, rules.faction_of[table.proposer])
            # (a student read 'surplus 3.4 is below its demand 2.5 and 14.0 more ...': the
            # sum is what it is below)
            asks += (f" plus {wary:.1f} {neg.WARY} {by} tabled (trust {trust:.0f}), "
                     f"{round(demand, 1) + round(wary, 1):.1f} in all")  # (as the parts read)
        if a.surplus >= demand + wary and not a.blocked:
            return pick("accept"), f"{strategy}: surplus {a.surplus:.1f} meets {asks}"
        if a.blocked:
            backer = a.blockers[0].backer
            consult = [x for x in by_kind.get("consult", []) if x.target == backer]
            if consult and not _consulted(state, role, table):
                name = rules.s.backers[backer].name
                return consult[0], f"{strategy}: asks {name}, which would block this draft"
        if offensive is not None:
            return offensive, f"{strategy}: thinks it can win on the ground " \
                              f"(prospects {prospects:.0f})"
        if a.surplus < -25 and trust < 15 and "walk_out" in by_kind and rng.random() < walkout:
            return pick("walk_out"), f"{strategy}: the draft is far from acceptable and trust " \
                                     "is gone"
        if "counter" in by_kind and rng.random() < 0.55 and not _futile(state, f, role):
            package = counter_package(state, f, demand, rng)
            if package is not None and package != table.package:
                return _with_package(by_kind["counter"][0], package), \
                    f"{strategy}: counters with a package it could sign" + (
                        f" (the draft's surplus {a.surplus:.1f} is below {asks})" if wary
                        else "")
        # (the draw before the menu: nothing after this draws, so the choice is the same,
        # and the concessions are listed only when a concession is on the cards)
        if (strategy == "conceder" or rng.random() < 0.25) and "concede" in by_kind and \
                _answered(state, role):  # a new draft gets an answer first
            return _cheapest_concession(state, by_kind["concede"], f), \
                f"{strategy}: softens a stance that costs it little"
        return pick("reject"), f"{strategy}: surplus {a.surplus:.1f} is below {asks}"
    if offensive is not None:
        return offensive, f"{strategy}: thinks it can win on the ground (prospects {prospects:.0f})"
    ripeness = vals[slots["ripeness"]]
    if table is None and ripeness >= 50 and rng.random() < 0.15 and "counter" in by_kind \
            and not _futile(state, f, role):
        package = counter_package(state, f, demand, rng)
        if package is not None:
            return _with_package(by_kind["counter"][0], package), \
                f"{strategy}: tables its own package"
    if trust >= 35 and strategy != "hardline" and rng.random() < 0.3:  # (the last draw:
        # taken before the gestures are looked for, the choice is the same)
        friendly = [x for x in by_kind.get("other", []) if _hostile(state, [x], f) is None]
        if friendly:
            return friendly[0], f"{strategy}: a goodwill gesture while trust holds"
    return pick("pass"), f"{strategy}: waits"


FUTILE = 10.0  # points of the other side's wariness past which a draft of one's own is futile


def _futile(state: State, faction: str, role: str) -> bool:
    """Would the other side discount a draft this delegation tables by ``FUTILE`` points or
    more (reactive devaluation: its trust, public, says so)? Then it leaves the drafting to
    the mediator rather than table a package the other side will not weigh fairly."""
    rules: Rules = state.rules
    other = rules.opponent.get(faction)
    if other is None:
        return False
    return neg.wariness(rules, state.vals, other, rules.ai[rules.role_of[other]][1],
                        role) >= FUTILE


def _name(rules: Rules, faction: str) -> str:
    """A faction as players read it (its short name, not its id), for the AI's reasons."""
    return rules.s.factions[faction].short


def _with_package(action: Action, package: tuple[str, ...]) -> Action:
    return Action(action.role, action.act, action.target, action.option, package)


def _least_trusting(state: State) -> str:
    return min(state.rules.factions, key=lambda f: (neg.trust(state.rules, state.vals, f), f))


def _unanswered(state: State, table) -> bool:
    """Is the draft a delegation's own package that a delegation at the table has not yet
    answered? (A counter by the last delegation to move would otherwise be replaced at the
    mediator's next move, before the other side ever saw it.) An answer is any move since."""
    if table is None:
        return False
    rules: Rules = state.rules
    proposer = table.proposer
    if proposer == rules.mediator:
        return False
    waiting = {rules.role_of[f] for f in rules.factions if f not in table.accepted
               and state.vals[rules.fs[f]["at_table"]]} - {proposer}
    return bool(waiting - {role for role, _ in neg.replies(state)})


def _answered(state: State, role: str) -> bool:
    """Has ``role`` rejected the draft on the table already (since it was tabled)?"""
    return (role, "reject") in neg.replies(state)


def _consulted(state: State, role: str, table) -> bool:
    log = state.log
    while log is not None and log.entry.turn >= table.turn:
        if log.entry.kind == "consult" and log.entry.role == role:
            return True
        log = log.prev
    return False


def _hostile(state: State, actions: list[Action], faction: str) -> Action | None:
    """A move of kind 'other' whose effects lower the other side's trust."""
    rules: Rules = state.rules
    ctx = None
    for action in actions:
        for eff in _trust_effects(rules, action.act, faction):
            if ctx is None:
                ctx = state_ctx(state, faction)
            if eff.value(ctx) < 0:
                return action
    return None


def _trust_effects(rules: Rules, act: str, faction: str) -> list:
    """The unconditional ``add`` effects of an action on the other side's trust (worked out
    once per scenario: whether the amount is negative may depend on the state)."""
    cache = rules.trust_effects
    found = cache.get((act, faction))
    if found is None:
        other = rules.opponent[faction]
        slot = rules.faction_slot.get((other, "trust"))
        found = cache[(act, faction)] = [
            eff for eff in rules.actions[act].effects
            if eff.op == "add" and eff.when_src is None and (
                eff.slot == slot if eff.kind == "fixed" else (
                    eff.kind == "other" and eff.per.get(other) == slot))]
    return found


def _offensive_choice(state, menu, faction, prospects, escalate, rng):
    if escalate <= 0 or prospects < 70 - 25 * escalate or rng.random() >= escalate * 0.3:
        return None
    offensives = menu.get("offensive")
    if not offensives:
        return None
    rules: Rules = state.rules
    best, score = None, 0.0
    for action in offensives:
        chance = chance_of(state, action)
        value = rules.s.territories[action.target].value * chance
        if chance >= 0.25 and value > score:
            best, score = action, value
    return best


def _cheapest_concession(state: State, concessions: list[Action], faction: str) -> Action:
    rules: Rules = state.rules
    stance = state.stances[rules.factions.index(faction)]
    contrib = rules.contrib[faction]

    def cost(action):
        k = rules.issues.index(action.target)
        return (contrib[k][stance[k]] - contrib[k][action.option], action)

    return min(concessions, key=cost)


# -- mediators --------------------------------------------------------------------------------

class _LazyTargets:
    """The legal actions of one kind by target, worked out only if a branch asks."""

    def __init__(self, menu, kind: str):
        self.menu, self.kind, self.map = menu, kind, None

    def _get(self) -> dict:
        if self.map is None:
            self.map = {a.target: a for a in self.menu.get(self.kind, [])}
        return self.map

    def __contains__(self, target) -> bool:
        return target in self._get()

    def __getitem__(self, target):
        return self._get()[target]

    def __bool__(self) -> bool:
        return bool(self._get())


def _mediator(state, role, strategy, params, by_kind, rng):
    rules: Rules = state.rules
    vals = state.vals
    progress = state.turn / max(1, rules.max_turns - 1)
    at_table = rules.at_table_slot
    away = [f for f in rules.factions if not vals[at_table[f]]]
    shuttles = _LazyTargets(by_kind, "shuttle")
    if away and strategy != "greedy":
        f = away[0]
        if f in shuttles:
            return shuttles[f], f"{strategy}: private talks to bring {_name(rules, f)} back " \
                                "to the table"
    if strategy == "formulative":
        turn, faction, backer = state.rejected or (-99, "", "")
        if backer and state.turn - turn <= 1:
            pressures = {a.target: a for a in by_kind.get("pressure", [])}
            if backer in pressures and rng.random() < params["pressure"]:
                name = rules.s.backers[backer].name
                return pressures[backer], f"formulative: leans on {name}, which blocked the draft"
        if state.table and progress >= params["deadline_at"] and "deadline" in by_kind:
            return by_kind["deadline"][0], "formulative: sets a deadline to force the pace"
    rank = rules.venue_rank  # what a venue does each turn, counted
    current = rank.get(vals[rules.venue_slot], 0)
    # (no venue does more each turn than the current one: no need to list where it could go)
    venues = by_kind.get("venue", []) if current < rules.venue_most else []
    if venues and strategy != "greedy":
        best = max(venues, key=lambda a: (rank[a.target], a.target))
        if rank[best.target] > current:
            return best, f"{strategy}: moves the talks where trust grows faster"
    patience = params.get("patience", 0)
    table = state.table
    fresh = table is not None and state.turn - table.turn <= patience and table.proposer == role
    if strategy != "greedy" and not fresh:
        insight_gap = [f for i, f in enumerate(rules.factions) if state.insight[i] == 0]
        if insight_gap and _least_trusting(state) in shuttles and \
                rng.random() < params.get("shuttle", 0.5):
            return shuttles[insight_gap[0]], f"{strategy}: private talks to learn what " \
                                             f"{_name(rules, insight_gap[0])} cares about"
    if not fresh and "propose" in by_kind and not _unanswered(state, table):
        package = build_package(state, role)
        if package is not None and (table is None or package != table.package):
            return _with_package(by_kind["propose"][0], package), \
                f"{strategy}: tables a package that should leave every side better off"
    if strategy != "greedy" and shuttles and rng.random() < params.get("shuttle", 0.3):
        low = _least_trusting(state)
        if low in shuttles:
            return shuttles[low], f"{strategy}: private talks to build {_name(rules, low)}'s trust"
    return by_kind.first("pass"), f"{strategy}: lets the delegations respond"
