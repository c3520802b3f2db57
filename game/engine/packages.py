"""Package search: what a side (or the mediator) would put on the table, by its estimates.

Every search works on option indexes and each side's *contributions* (weight x value per
issue and option, :attr:`Rules.contrib_rows`), true ones for the searcher's own faction and
seeded estimates for the others (:mod:`game.engine.estimates`). It climbs one issue at a time
(:func:`_trade`); starting points that depend only on the estimates and on what is agreed are
cached on the estimates; what depends on the agreement alone is planned once for every game.
"""

from __future__ import annotations

from game.engine import negotiation as neg
from game.engine.estimates import Estimates, cached, estimates, tops_of
from game.engine.rng import Stream
from game.engine.rules import Rules
from game.engine.state import State

def standing(rules: Rules, vals) -> tuple[list[int], list[list[int]]]:
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
    res = [vals[slot] + (demand if f == favour else 0.0)
           for f, slot in zip(factions, rules.reservation_slots)]
    agreed, _, ceiling = _reach(rules, vals, rows)
    if any(c < x for c, x in zip(ceiling, res)):
        return _confidence_package(state, rows)  # someone cannot be satisfied at all
    start = _joint_start(rules, vals, rows)
    choices, package, totals = start[0], list(start[1]), list(start[2])
    n = len(package)
    m = len(rows)
    # (needy side, issue, option now) -> its best change there, keyed by one number
    # ((needy * n + issue) * stride + option). It depends only on the estimates and what is
    # agreed, so it is kept for later searches on the same ones
    best_of: dict[int, tuple[float, int | None]] = cached(rows, ("best", agreed), dict)
    stride = rules.most_options

    def issue_best(needy: int, k: int, current: int) -> tuple[float, int | None]:
        """On issue ``k``, the change that raises ``needy`` most for the least cost to the
        others (gain / (loss + 0.5); the first of equals), as (ratio, option). A round of the
        climb changes one issue, so the others' answers are kept for the next round."""
        key = (needy * n + k) * stride + current
        hit = best_of.get(key)
        if hit is None:
            row = rows[needy][k]
            here = row[current]
            cols = [r[k] for j, r in enumerate(rows) if j != needy]
            best_i, best_r = None, 0.0
            for i in choices[k]:
                gain = row[i] - here
                if gain <= 0:
                    continue
                loss = 0.0
                for c in cols:
                    drop = c[current] - c[i]
                    if drop > 0:
                        loss += drop
                ratio = gain / (loss + 0.5)
                if ratio > best_r:
                    best_i, best_r = i, ratio
            hit = best_of[key] = (best_r, best_i)
        return hit

    def pick(totals):
        """Raise the side furthest below its bar, at the least cost to the others: the first
        issue whose best change has the highest ratio."""
        needy, worst = 0, totals[0] - res[0]  # the furthest below (the first of equals)
        for j in range(1, m):
            gap = totals[j] - res[j]
            if gap < worst:
                needy, worst = j, gap
        if worst >= 0:
            return None
        best_move, best_ratio = None, 0.0
        first = needy * n
        for k in range(n):
            current = package[k]
            hit = best_of.get((first + k) * stride + current)
            if hit is None:
                hit = issue_best(needy, k, current)
            if hit[0] > best_ratio:  # (a ratio above 0 always names its option)
                best_move, best_ratio = (k, hit[1]), hit[0]
        return best_move

    totals = _trade(rows, package, totals, pick)
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


def _reach(rules: Rules, vals, rows: Estimates):
    """Per issue the options a package may choose (an agreed issue is reopened only for an
    option every side values more), and the most each side could get from them: (agreed,
    choices, ceiling). Depends only on the estimates and on what is agreed (cached)."""
    agreed = rules.issue_values(vals)
    return cached(rows, ("reach", agreed), _reach_of, rules, agreed, rows)


def _reach_of(rules: Rules, agreed: tuple, rows: Estimates):
    plan = _reach_plan(rules, agreed)
    choices = []
    for k, step in enumerate(plan):
        if step is None:  # open: every option (a shared list: nobody changes it)
            choices.append(rules.every_option[k])
            continue
        b, candidates = step  # agreed: the agreement, and what every side might prefer to it
        if len(candidates) == 1 and candidates[0] == b:  # (shared, as above)
            choices.append(candidates)
            continue
        cols = [r[k] for r in rows]
        choices.append([i for i in candidates if i == b or all([c[i] > c[b] for c in cols])])
    ceiling = []  # per side, issue by issue: the most it could get
    for r, top in zip(rows, tops_of(rows)):
        total = 0
        for k, allowed in enumerate(choices):
            if plan[k] is None:
                total += top[k]
            elif len(allowed) == 1:
                total += r[k][allowed[0]]
            else:
                row = r[k]
                total += max([row[i] for i in allowed])
        ceiling.append(total)
    return agreed, choices, tuple(ceiling)


def _reach_plan(rules: Rules, agreed: tuple) -> list[tuple[int, list[int]] | None]:
    """Per issue: None if open; if agreed, the agreement's option index and, in order, the
    options a package may choose there by the *true* values: the agreement itself and those
    every side prefers to it, never the status quo. By an estimate, the options every side
    prefers are among these (scaling by a factor never reorders a side's options), so
    :func:`_reach_of` only filters them. One plan per agreement serves every game."""
    plan = rules.reach_plans.get(agreed)
    if plan is None:
        plan = []
        for k, (value, index, quo) in enumerate(zip(agreed, rules.option_index,
                                                     rules.status_quo)):
            if not value:
                plan.append(None)
                continue
            b, q = index[value], index[quo]
            cols = [rules.contrib_rows[f][k] for f in rules.factions]
            plan.append((b, [i for i in range(len(index)) if i != q and (
                i == b or all([c[i] > c[b] for c in cols]))]))
        if len(rules.reach_plans) > 10_000:
            rules.reach_plans.clear()
        rules.reach_plans[agreed] = plan
    return plan


def _joint_start(rules: Rules, vals, rows):
    """The starting point of a package search (cached like :func:`_reach`): per issue the
    allowed options, the option with the most joint value, each side's total, and the most
    each side could get."""
    agreed, choices, ceiling = _reach(rules, vals, rows)
    return cached(rows, ("start", agreed), _joint_start_of, rules, agreed, choices, ceiling,
                   rows)


def _joint_start_of(rules: Rules, agreed: tuple, choices, ceiling, rows: Estimates):
    package = []
    totals = [0] * len(rows)
    for k, (index, quo, allowed) in enumerate(zip(rules.option_index, rules.status_quo,
                                                  choices)):
        cols = [r[k] for r in rows]
        b = index[agreed[k] or quo]
        best, best_score = b, None
        for i in allowed:  # score: the least gain over what stands, plus half the joint value
            least, joint = None, 0
            for c in cols:
                value = c[i]
                gain = value - c[b]
                if least is None or gain < least:
                    least = gain
                joint += value
            score = least + 0.5 * joint
            if best_score is None or score > best_score:
                best, best_score = i, score
        package.append(best)
        for j, c in enumerate(cols):
            totals[j] += c[best]
    return choices, tuple(package), tuple(totals), ceiling


def _confidence_package(state: State, rows) -> tuple[str, ...] | None:
    """A first, small step: on the non-binding issues only, the options every faction
    prefers to what stands now (confidence-building measures). Cached like the search start:
    it depends only on the estimates and on what is agreed."""
    rules: Rules = state.rules
    vals = state.vals
    return cached(rows, ("cbm", rules.issue_values(vals)), _confidence, rules, vals, rows)


def _confidence(rules: Rules, vals, rows) -> tuple[str, ...] | None:
    agreed = rules.issue_values(vals)
    plan = _cbm_plan(rules, agreed)
    package = []
    for k, (b, candidates) in enumerate(plan):
        if candidates:  # of those every side prefers by these estimates, the one whose
            cols = [r[k] for r in rows]  # least-pleased side gains most (the first of equals)
            best, best_low = b, None
            for i in candidates:
                low = None
                for c in cols:
                    value = c[i]
                    if not value > c[b]:
                        break
                    if low is None or value < low:
                        low = value
                else:
                    if best_low is None or low > best_low:
                        best, best_low = i, low
            b = best
        package.append(rules.options[k][b])
    result = tuple(package)
    checks = rules.cbm_checks
    if (agreed, result) in checks:  # (None, a valid package, is a value worth keeping)
        trouble = checks[(agreed, result)]
    else:
        if len(checks) > 10_000:
            checks.clear()
        trouble = checks[(agreed, result)] = neg.check_package(rules, vals, result)
    return result if trouble is None else None


def _cbm_plan(rules: Rules, agreed: tuple) -> list[tuple[int, list[int]]]:
    """Per issue, what stands (an option index) and the options that could improve on it for
    a confidence-building package: none on an agreed or binding issue; otherwise those every
    side prefers by its *true* values. Scaling a side's values by an estimate's factor (never
    negative) never turns a worse option into a better one, so the options every side prefers
    by the estimates are among these, in the same order. Depends only on what is agreed: one
    plan serves every game (cached on the rules)."""
    plan = rules.cbm_plans.get(agreed)
    if plan is None:
        plan = []
        for k, (value, quo, index) in enumerate(zip(agreed, rules.status_quo,
                                                     rules.option_index)):
            b = index[value or quo]
            if value or rules.binding[k]:
                plan.append((b, []))
                continue
            cols = [rules.contrib_rows[f][k] for f in rules.factions]
            plan.append((b, [i for i in range(len(index))
                             if i != b and all([c[i] > c[b] for c in cols])]))
        if len(rules.cbm_plans) > 10_000:
            rules.cbm_plans.clear()
        rules.cbm_plans[agreed] = plan
    return plan


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
    res = [vals[slot] for slot in rules.reservation_slots]
    floor = res[me] + demand
    choices, start, start_totals = _counter_start(rules, vals, rows, me)
    package, totals = list(start), list(start_totals)
    n = len(package)

    def pick(totals):
        """Give the other side what it needs most for the least of one's own, never below
        one's floor."""
        needy = min(others, key=lambda j: (totals[j] - res[j], j))
        if totals[needy] - res[needy] >= 0:
            return None
        theirs = rows[needy]
        best_move, best_ratio = None, 0.0
        mine = totals[me]
        for k in range(n):
            current = package[k]
            their, mine_k = theirs[k], own[k]
            their_now, mine_now = their[current], mine_k[current]
            for i in choices[k]:
                gain = their[i] - their_now
                loss = mine_now - mine_k[i]
                if gain <= 0 or mine - loss < floor:
                    continue
                ratio = gain / ((loss if loss > 0 else 0.0) + 0.3)
                if ratio > best_ratio:
                    best_move, best_ratio = (k, i), ratio
        return best_move

    totals = _trade(rows, package, totals, pick)
    result = tuple(rules.options[k][i] for k, i in enumerate(package))
    if totals[me] < floor or neg.check_package(rules, vals, result) is not None:
        return None
    return result


def _counter_start(rules: Rules, vals, rows: Estimates, me: int):
    """Where a delegation's counter-proposal starts: per issue the options it may choose (an
    agreed issue only for one it likes better), its favourite of them, and each side's total
    for that package. Depends only on its estimates and on what is agreed (cached on them)."""
    return cached(rows, ("counter", me, rules.issue_values(vals)), _counter_start_of, rules,
                   vals, rows, me)


def _counter_start_of(rules: Rules, vals, rows: Estimates, me: int):
    # A side's own values are its true ones (never estimated), so the options it may choose
    # and its favourite package depend only on what is agreed: planned once for every game.
    key = (me, rules.issue_values(vals))
    plan = rules.counter_plans.get(key)
    if plan is None:
        own = rows[me]
        base, allowed = standing(rules, vals)
        choices = []
        for k in range(len(base)):
            agreed = vals[rules.issue_slot[k]] != ""
            choices.append([i for i in allowed[k] if not agreed or i == base[k]
                            or own[k][i] > own[k][base[k]]])
        plan = (choices, tuple(max(choices[k], key=lambda i, k=k: (own[k][i], -i))
                               for k in range(len(base))))
        if len(rules.counter_plans) > 10_000:
            rules.counter_plans.clear()
        rules.counter_plans[key] = plan
    choices, package = plan
    n = len(package)
    totals = tuple(sum([r[k][package[k]] for k in range(n)]) for r in rows)
    return choices, package, totals


def _trade(rows, package: list[int], totals: list[float], pick) -> list[float]:
    """Improve ``package`` (option indexes, changed in place) one issue at a time: each round
    ``pick(totals)`` names the best single change ``(issue, option)`` or None to stop. At most
    one round per issue and two more. Returns each side's new total."""
    for _ in range(len(package) + 2):
        move = pick(totals)
        if move is None:
            break
        k, i = move
        totals = [t + r[k][i] - r[k][package[k]] for t, r in zip(totals, rows)]
        package[k] = i
    return totals
