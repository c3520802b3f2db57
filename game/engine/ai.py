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
- ``random``: any legal move.

Mediators build packages that give both sides a surplus by their *estimates* (the mediator
does not see private values: its estimates are noisy, less so for a delegation it has held
private talks with), and then:

- ``facilitative``: holds private talks when trust is low or a side is away;
- ``formulative``: also leans on a backer that blocked, and sets a deadline late in the game.
"""

from __future__ import annotations

from game.engine import negotiation as neg
from game.engine.core import Menu, chance_of, state_ctx
from game.engine.rng import Stream
from game.engine.rules import Rules
from game.engine.state import Action, State

NOISE = 18.0  # how far a mediator's first guess of an option's value may be off


def choose(state: State, role: str | None = None, strategy: str | None = None,
           params: dict | None = None) -> tuple[Action, str]:
    """The AI's move for ``role`` (default: the role to move) and why, in words."""
    rules: Rules = state.rules
    role = role or state.role
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
    base, allowed = _current(rules, state.vals)
    for _ in range(50):
        package = tuple(rules.options[k][rng.choice(allowed[k])] for k in range(len(base)))
        if neg.check_package(rules, state.vals, package) is None:
            return package
    from game.engine.core import _representative  # rare: few packages differ from now

    return _representative(state, rules.faction_of.get(state.role, ""))


# -- delegations ------------------------------------------------------------------------------

def _demand(state: State, strategy: str, params: dict) -> float:
    if strategy == "conceder":
        progress = min(1.0, state.turn / max(1, state.rules.max_turns - 1))
        return params["start"] * (1.0 - progress ** (1.0 / params["beta"]))
    if strategy == "greedy":
        return 0.0
    return params.get("margin", 0.0)


def _trust(state: State, faction: str) -> float:
    slot = state.rules.faction_slot.get((faction, "trust"))
    return state.vals[slot] if slot is not None else 50.0


def _delegation(state, role, strategy, params, by_kind, rng):
    rules: Rules = state.rules
    vals = state.vals
    f = rules.faction_of[role]
    i = rules.factions.index(f)
    demand = _demand(state, strategy, params)
    trust = _trust(state, f)
    prospects = vals[rules.fs[f]["prospects"]]
    escalate = params.get("escalate", 0.0)
    walkout = params.get("walkout", 0.0)

    def pick(kind):
        return by_kind[kind][0] if kind in by_kind else None

    at_table = vals[rules.fs[f]["at_table"]]
    if not at_table and "return" in by_kind:  # away from the table
        away = vals[rules.fs[f]["away"]]
        patience = 1 + (2 if strategy == "hardline" else 0)
        early = 0.15 if strategy == "hardline" else 0.3
        if away >= patience or trust >= 30 or rng.random() < early:
            return pick("return"), f"{strategy}: back to the table after {away:.0f} turn(s) away"
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
        if a.surplus >= demand and not a.blocked:
            return pick("accept"), (f"{strategy}: surplus {a.surplus:.1f} meets its demand "
                                    f"{demand:.1f}")
        if a.blocked:
            backer = a.blockers[0].backer
            consult = [x for x in by_kind.get("consult", []) if x.target == backer]
            if consult and not _consulted(state, role, table):
                return consult[0], f"{strategy}: asks {backer}, which would block this draft"
        if offensive is not None:
            return offensive, f"{strategy}: thinks it can win on the ground " \
                              f"(prospects {prospects:.0f})"
        if a.surplus < -25 and trust < 15 and "walk_out" in by_kind and rng.random() < walkout:
            return pick("walk_out"), f"{strategy}: the draft is far from acceptable and trust " \
                                     "is gone"
        if "counter" in by_kind and rng.random() < 0.55:
            package = counter_package(state, f, demand, rng)
            if package is not None and package != table.package:
                return by_kind["counter"][0]._replace(package=package), \
                    f"{strategy}: counters with a package it could sign"
        if "concede" in by_kind and (strategy == "conceder" or rng.random() < 0.25):
            return _cheapest_concession(state, by_kind["concede"], f), \
                f"{strategy}: softens a stance that costs it little"
        return pick("reject"), f"{strategy}: surplus {a.surplus:.1f} is below its demand " \
                               f"{demand:.1f}"
    if offensive is not None:
        return offensive, f"{strategy}: thinks it can win on the ground (prospects {prospects:.0f})"
    ripeness = vals[rules.fs[f]["ripeness"]]
    if table is None and ripeness >= 50 and rng.random() < 0.15 and "counter" in by_kind:
        package = counter_package(state, f, demand, rng)
        if package is not None:
            return by_kind["counter"][0]._replace(package=package), \
                f"{strategy}: tables its own package"
    if trust >= 35 and strategy != "hardline":
        friendly = [x for x in by_kind.get("other", []) if _hostile(state, [x], f) is None]
        if friendly and rng.random() < 0.3:
            return friendly[0], f"{strategy}: a goodwill gesture while trust holds"
    return pick("pass"), f"{strategy}: waits"


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
    slot = rules.faction_slot.get((rules.opponent[faction], "trust"))
    ctx = state_ctx(state, faction)
    for action in actions:
        for eff in rules.actions[action.act].effects:
            if eff.op != "add" or eff.when is not None:
                continue
            hit = eff.slot == slot if eff.kind == "fixed" else (
                eff.kind == "other" and eff.per.get(rules.opponent[faction]) == slot)
            if hit and eff.value(ctx) < 0:
                return action
    return None


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


# -- packages ---------------------------------------------------------------------------------

def estimates(state: State, observer: str) -> list[list[list[float]]]:
    """The observer's guess of each faction's contributions, per faction (rules order), issue
    and option (``rules.options`` order). True values for the observer's own faction.

    The error of each guess is drawn once per game from the seed: the observer misjudges how
    much a faction cares about each issue. It shrinks as the mediator learns a delegation's
    priorities in private talks (``state.insight``).
    """
    rules: Rules = state.rules
    own = rules.faction_of.get(observer)
    return [rules.contrib_rows[f] if f == own else _estimate(
        rules, state.seed, observer, f, state.insight[i] if observer == rules.mediator else 0)
        for i, f in enumerate(rules.factions)]


def _estimate(rules: Rules, seed: int, observer: str, f: str, known: int
              ) -> list[list[float]]:
    cache = rules.__dict__.setdefault("_estimate_cache", {})
    key = (seed, observer, f, known)
    table = cache.get(key)
    if table is None:
        spread = NOISE / 50.0 * (1.0 - known / max(1, len(rules.issues)))
        rng = Stream(seed, "estimate", observer, f)
        table = []
        for row in rules.contrib_rows[f]:
            factor = max(0.0, 1.0 + rng.uniform(-spread, spread))
            table.append([c * factor for c in row])
        if len(cache) > 20_000:
            cache.clear()
        cache[key] = table
    return table


def _current(rules: Rules, vals) -> tuple[list[int], list[list[int]]]:
    """What stands now (option indexes) and, per issue, the options a package may choose:
    an agreed issue is reopened only for an option, never back to the status quo."""
    base, allowed = [], []
    for k, slot in enumerate(rules.issue_slot):
        index = rules.option_index[k]
        agreed = vals[slot]
        base.append(index[agreed or rules.status_quo[k]])
        allowed.append([i for i, o in enumerate(rules.options[k])
                        if not agreed or o != rules.status_quo[k]])
    return base, allowed


def build_package(state: State, observer: str, favour: str | None = None,
                  demand: float = 0.0) -> tuple[str, ...] | None:
    """A package giving every faction a surplus by ``observer``'s estimates, if it can find one.

    Starts from the option with the most joint value on every issue, then trades issues
    towards whichever side is furthest below its reservation value. ``favour`` (a faction)
    asks ``demand`` extra surplus for that faction. An agreed issue is reopened only for an
    option every side values more (an upgrade). Falls back to a confidence-building package.
    """
    rules: Rules = state.rules
    vals = state.vals
    rows = estimates(state, observer)
    factions = rules.factions
    res = [vals[rules.fs[f]["reservation"]] + (demand if f == favour else 0.0) for f in factions]
    start = _joint_start(rules, vals, rows)
    choices, package, totals = start[0], list(start[1]), list(start[2])
    n = len(package)
    if any(c < x for c, x in zip(start[3], res)):
        return _confidence_package(state, rows)  # someone cannot be satisfied at all
    for _ in range(n + 2):
        gaps = [t - x for t, x in zip(totals, res)]
        needy = min(range(len(rows)), key=lambda j: (gaps[j], j))
        if gaps[needy] >= 0:
            break
        mine = rows[needy]
        others = [r for j, r in enumerate(rows) if j != needy]
        best_move, best_ratio = None, 0.0
        for k in range(n):
            current = package[k]
            here = mine[k][current]
            for i in choices[k]:
                gain = mine[k][i] - here
                if gain <= 0:
                    continue
                loss = 0.0
                for r in others:
                    drop = r[k][current] - r[k][i]
                    if drop > 0:
                        loss += drop
                ratio = gain / (loss + 0.5)
                if ratio > best_ratio:
                    best_move, best_ratio = (k, i), ratio
        if best_move is None:
            break
        k, i = best_move
        totals = [t + r[k][i] - r[k][package[k]] for t, r in zip(totals, rows)]
        package[k] = i
    result = tuple(rules.options[k][i] for k, i in enumerate(package))
    if min(t - x for t, x in zip(totals, res)) < -3 or \
            neg.check_package(rules, vals, result) is not None:
        return _confidence_package(state, rows)
    return _clear_vetoes(rules, vals, result, choices)


def _clear_vetoes(rules: Rules, vals, package: tuple[str, ...], choices) -> tuple[str, ...]:
    """A mediator knows what each backer wants (it says so in public): on an issue where a
    backer would veto the package, give it the option it minds least, a few times over."""
    for _ in range(3):
        blocker = next((b for f in rules.factions
                        for b in neg.backer_verdicts(rules, vals, f, package)[0]), None)
        if blocker is None:
            break
        k = blocker.issue
        wants = rules.contrib[blocker.backer][k]
        best = max((rules.options[k][i] for i in choices[k]), key=lambda o: (wants[o], o))
        if best == package[k]:
            break
        candidate = package[:k] + (best,) + package[k + 1:]
        if neg.check_package(rules, vals, candidate) is not None:
            break
        package = candidate
    return package


def _joint_start(rules: Rules, vals, rows):
    """The starting point of a package search, which depends only on the observer's
    estimates and on what is agreed (so it is cached): per issue the allowed options, the
    option with the most joint value, each side's total, and the most each side could get."""
    agreed = tuple(vals[s] for s in rules.issue_slot)
    key = (tuple(id(r) for r in rows), agreed)
    cache = rules.__dict__.setdefault("_start_cache", {})
    hit = cache.get(key)
    if hit is not None and all(a is b for a, b in zip(hit[4], rows)):
        return hit
    base, allowed = _current(rules, vals)
    n = len(base)
    choices = []
    for k in range(n):
        b = base[k]
        choices.append([i for i in allowed[k] if not agreed[k] or i == b or all(
            r[k][i] > r[k][b] for r in rows)])
    package = []
    for k in range(n):
        b = base[k]
        best, best_score = b, None
        for i in choices[k]:
            gains = [r[k][i] - r[k][b] for r in rows]
            score = min(gains) + 0.5 * sum([r[k][i] for r in rows])
            if best_score is None or score > best_score:
                best, best_score = i, score
        package.append(best)
    totals = tuple(sum([r[k][package[k]] for k in range(n)]) for r in rows)
    ceiling = tuple(sum([max([r[k][i] for i in choices[k]]) for k in range(n)]) for r in rows)
    if len(cache) > 50_000:
        cache.clear()
    result = (choices, tuple(package), totals, ceiling, tuple(rows))
    cache[key] = result
    return result


def _confidence_package(state: State, rows) -> tuple[str, ...] | None:
    """A first, small step: on the non-binding issues only, the options every faction
    prefers to what stands now (confidence-building measures). Cached like the search start:
    it depends only on the estimates and on what is agreed."""
    rules: Rules = state.rules
    vals = state.vals
    key = ("cbm", tuple(id(r) for r in rows), tuple(vals[s] for s in rules.issue_slot))
    cache = rules.__dict__.setdefault("_start_cache", {})
    hit = cache.get(key)
    if hit is not None and all(a is b for a, b in zip(hit[1], rows)):
        return hit[0]
    result = _confidence(rules, vals, rows)
    cache[key] = (result, tuple(rows))
    return result


def _confidence(rules: Rules, vals, rows) -> tuple[str, ...] | None:
    base, _ = _current(rules, vals)
    package = []
    for k, b in enumerate(base):
        options = rules.options[k]
        if vals[rules.issue_slot[k]] or rules.binding[k]:
            package.append(options[b])
            continue
        wins = [i for i in range(len(options)) if i != b and all(r[k][i] > r[k][b] for r in rows)]
        best = max(wins, key=lambda i, k=k: (min([r[k][i] for r in rows]), -i)) if wins else b
        package.append(options[best])
    result = tuple(package)
    return result if neg.check_package(rules, vals, result) is None else None


def counter_package(state: State, faction: str, demand: float, rng: Stream
                    ) -> tuple[str, ...] | None:
    """A delegation claims value: its favourite package, conceding only what the other side
    needs (by its estimate) and never below its own demand. None if nothing fits."""
    rules: Rules = state.rules
    vals = state.vals
    rows = estimates(state, rules.role_of[faction])
    me = rules.factions.index(faction)
    own = rows[me]
    others = [j for j in range(len(rows)) if j != me]
    res = [vals[rules.fs[f]["reservation"]] for f in rules.factions]
    floor = res[me] + demand
    base, allowed = _current(rules, vals)
    n = len(base)
    choices = []
    for k in range(n):
        agreed = vals[rules.issue_slot[k]] != ""
        choices.append([i for i in allowed[k] if not agreed or i == base[k]
                        or own[k][i] > own[k][base[k]]])
    package = [max(choices[k], key=lambda i, k=k: (own[k][i], -i)) for k in range(n)]
    totals = [sum([r[k][package[k]] for k in range(n)]) for r in rows]
    for _ in range(n + 2):
        needy = min(others, key=lambda j: (totals[j] - res[j], j))
        if totals[needy] - res[needy] >= 0:
            break
        theirs = rows[needy]
        best_move, best_ratio = None, 0.0
        mine = totals[me]
        for k in range(n):
            current = package[k]
            for i in choices[k]:
                gain = theirs[k][i] - theirs[k][current]
                loss = own[k][current] - own[k][i]
                if gain <= 0 or mine - loss < floor:
                    continue
                ratio = gain / ((loss if loss > 0 else 0.0) + 0.3)
                if ratio > best_ratio:
                    best_move, best_ratio = (k, i), ratio
        if best_move is None:
            break
        k, i = best_move
        totals = [t + r[k][i] - r[k][package[k]] for t, r in zip(totals, rows)]
        package[k] = i
    result = tuple(rules.options[k][i] for k, i in enumerate(package))
    if totals[me] < floor or neg.check_package(rules, vals, result) is not None:
        return None
    return result


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
    away = [f for f in rules.factions if not vals[rules.fs[f]["at_table"]]]
    shuttles = _LazyTargets(by_kind, "shuttle")
    if away and strategy != "greedy":
        f = away[0]
        if f in shuttles:
            return shuttles[f], f"{strategy}: private talks to bring {f} back to the table"
    if strategy == "formulative":
        turn, faction, backer = state.rejected or (-99, "", "")
        pressures = {a.target: a for a in by_kind.get("pressure", [])}
        if backer and state.turn - turn <= 1 and backer in pressures and \
                rng.random() < params["pressure"]:
            return pressures[backer], f"formulative: leans on {backer}, which blocked the draft"
        if progress >= params["deadline_at"] and "deadline" in by_kind and state.table:
            return by_kind["deadline"][0], "formulative: sets a deadline to force the pace"
    venues = by_kind.get("venue", [])
    if venues and strategy != "greedy":
        best = max(venues, key=lambda a: (len(rules.s.venues[a.target].each_turn), a.target))
        current = vals[rules.venue_slot]
        if len(rules.s.venues[best.target].each_turn) > len(
                rules.s.venues[current].each_turn if current in rules.s.venues else []):
            return best, f"{strategy}: moves the talks where trust grows faster"
    patience = params.get("patience", 0)
    table = state.table
    fresh = table is not None and state.turn - table.turn <= patience and table.proposer == role
    if strategy != "greedy" and not fresh:
        low = min(rules.factions, key=lambda f: (_trust(state, f), f))
        insight_gap = [f for i, f in enumerate(rules.factions) if state.insight[i] == 0]
        if insight_gap and low in shuttles and rng.random() < params.get("shuttle", 0.5):
            return shuttles[insight_gap[0]], f"{strategy}: private talks to learn what " \
                                             f"{insight_gap[0]} cares about"
    if "propose" in by_kind and not fresh:
        package = build_package(state, role)
        if package is not None and (table is None or package != table.package):
            return by_kind["propose"][0]._replace(package=package), \
                f"{strategy}: tables a package that should leave both sides better off"
    if strategy != "greedy" and shuttles and rng.random() < params.get("shuttle", 0.3):
        low = min(rules.factions, key=lambda f: (_trust(state, f), f))
        if low in shuttles:
            return shuttles[low], f"{strategy}: private talks to build {low}'s trust"
    return by_kind["pass"][0], f"{strategy}: lets the delegations respond"
