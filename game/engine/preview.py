"""What-if: how each delegation would likely react to a package, as one role can judge it.

A delegation knows its own numbers exactly; of the other side it knows only what a role could:
its estimates (noisy, sharper for a mediator who has held private talks) and public signs.
So the preview of the other side is a likelihood in words, never its private values.
"""

from __future__ import annotations

from typing import NamedTuple

from game.engine import negotiation as neg
from game.engine.estimates import estimates
from game.engine.explain import (STYLES, _issue, _option, _short, assessment_lines,
                                 hidden_trust, out_of_reach, points)
from game.engine.rng import Stream
from game.engine.rules import Rules
from game.engine.state import State

GUESS = 10.0  # how far a guess of another faction's reservation value may be off
EVEN = 6.0  # an estimated margin within this either way: it could go either way


class Reaction(NamedTuple):
    faction: str
    likely: str  # "accept", "reject", "uncertain", "blocked", "accepted" (it has, already),
    # "away" (it has walked out)
    certain: bool  # True for one's own faction
    reasons: tuple[str, ...]


def preview(state: State, role: str, package: tuple[str, ...]) -> list[Reaction]:
    """Likely reactions of every delegation to ``package``, as ``role`` can foresee them."""
    rules: Rules = state.rules
    vals = state.vals
    own = rules.faction_of.get(role)
    trouble = neg.check_package(rules, vals, package)
    out = []
    for i, f in enumerate(rules.factions):
        if trouble:
            out.append(Reaction(f, "uncertain", False, (f"Not a valid package: {trouble}.",)))
            continue
        if f == own:  # weighed as the other sides are: with the package on the table (a
            # review: one's own warning used the bar from before the draft's way out)
            ripeness, lift, reservation = as_tabled(state, f)
            judged = vals
            if lift:
                judged = list(vals)
                judged[rules.fs[f]["ripeness"]] = ripeness
                judged[rules.fs[f]["reservation"]] = reservation
            a = neg.assess(rules, judged, f, package)
            likely = "blocked" if a.blocked else ("accept" if a.surplus >= 0 else "reject")
            reasons = assessment_lines(rules, a, owner=True, tabled=bool(lift))
            beyond = out_of_reach(rules, f, a.reservation) if a.binding else None
            if beyond:
                reasons.append(beyond)
            out.insert(0, Reaction(f, likely, True, tuple(reasons)))  # (one's own first: a
            continue  # playtest at 100x30 found it below the fold, under the others)
        table = state.table
        if table is not None and package == table.package and f in table.accepted:
            name = rules.s.factions[f].short
            out.append(Reaction(f, "accepted", False, (
                f"{name} has accepted this draft as it stands: no estimate needed.",)))
            continue
        out.append(_guess(state, role, i, f, package))
    return out


def as_tabled(state: State, f: str) -> tuple[float, float, float]:
    """A delegation's ripeness, the part of it a draft on the table adds, and its reservation
    value, as they will be once a package is tabled: with no draft (and no deadline) standing
    now, tabling one offers the way out that ripens the talks (a playtest's what-if said
    ripeness 2, and the answer to the package tabled then said 12, 10 of it for the draft)."""
    rules: Rules = state.rules
    vals = state.vals
    slots = rules.fs[f]
    ripeness, reservation = vals[slots["ripeness"]], vals[slots["reservation"]]
    if state.table is not None or state.deadline >= state.turn:
        return ripeness, 0.0, reservation  # the way out is counted already
    r = rules.s.ripeness
    lift = 100.0 * r.way_out
    bar = vals[slots["batna"]] - r.discount * (ripeness + lift)
    return ripeness + lift, lift, min(100.0, max(0.0, bar))


def _guess(state: State, role: str, i: int, f: str, package: tuple[str, ...]) -> Reaction:
    rules: Rules = state.rules
    vals = state.vals
    rows = estimates(state, role)[i]
    base = [rules.option_index[k][vals[s] or rules.status_quo[k]]
            for k, s in enumerate(rules.issue_slot)]
    chosen = [rules.option_index[k][o] for k, o in enumerate(package)]
    value = sum(rows[k][c] for k, c in enumerate(chosen))
    binding = neg.binding_change(rules, vals, package)
    if binding:
        known = state.insight[i] if role == rules.mediator else 0
        spread = GUESS * (1.0 - known / max(1, len(rules.issues)))
        bias = Stream(state.seed, "reservation", role, f).uniform(-spread, spread)
        ripeness, lift, reservation = as_tabled(state, f)
        bar = reservation + bias
    else:
        bar = sum(rows[k][b] for k, b in enumerate(base))
    # an AI counterpart signs only for a margin over that, by its strategy (public: the
    # Why? tab names it); a playtester was told a tit-for-tat side was 'likely to accept' a
    # package it then rejected for not clearing its margin
    demand, style = _demand(state, f, binding)
    wary = _wary(state, f, role)
    margin = value - bar - demand - wary
    name = rules.s.factions[f].short
    reasons = []
    # (reactive devaluation: the player tables it, and a delegation that trusts the talks
    # little asks more of the other side's draft than of the mediator's)
    blockers, _ = neg.backer_verdicts(rules, vals, f, package)
    distrust = ""
    if wary:  # (a playtest: '14' had no unit, and did the mediator's copy pass or not?)
        plain = margin + wary > EVEN and not blockers and margin <= EVEN
        hidden = hidden_trust(rules, f, role)  # (private: the figure, or the amount, tells it)
        trust = "below 50" if hidden else f"{neg.trust(rules, vals, f):.0f}, below 50"
        much = "more" if hidden else f"{points(wary)} more"
        distrust = (f"{much} as you tabled it, as its trust is {trust}: " + (
                        "from the mediator, the same terms would likely be accepted" if plain
                        else "the same terms from the mediator would count for more"))
    if binding:  # (the same bands as the verdict below: 'around' is 'either way')
        feel = ("comfortably above" if margin > EVEN else "around" if margin >= -EVEN
                else "below")
        # (its reservation value, by name: 'what it expects without a deal' read as the
        # no-deal value, which ripeness lowers to the reservation value)
        wants = f"{name}'s reservation value"
        if style:
            wants = (f"what {name} asks to sign ({style}, it holds out for {points(demand)} "
                     f"more than its reservation value{'; and ' + distrust if wary else ''})")
        elif wary:
            wants = f"what {name} asks to sign (its reservation value, and {distrust})"
        riper = (f" ({ripeness - lift:.0f} now, and {lift:.0f} for the way out a draft on the "
                 "table offers)") if lift else ""
        reasons.append(f"By your estimate the package is {feel} {wants}. With it on the table, "
                       f"its ripeness is {ripeness:.0f}{riper}: the riper, the less it expects.")
        if spread >= 0.5:  # (a teacher's playtest: 'comfortably above', then a rejection,
            # and nothing had said that the estimate was a guess)
            talks = role == rules.mediator and any(
                c.kind == "shuttle" and role in c.roles for c in rules.actions.values())
            narrow = f"; private talks with {name} narrow both" if talks else ""
            off = max(1, round(spread))
            reasons.append(f"It is a guess: {name}'s values are private, so what the package "
                           f"is worth to it and its reservation value are your estimates (the "
                           f"reservation value alone may be off by up to {off} "
                           f"point{'' if off == 1 else 's'}){narrow}.")
    else:
        raw = value - bar
        much = "" if abs(raw) > EVEN else " a little"  # (it could go either way)
        line = (f"It leaves {rules.s.words.binding} alone; by your estimate {name} "
                f"{'gains' if raw > 0 else 'loses'}{much} on what already stands.")
        if style:
            line += f" {style[0].upper()}{style[1:]}, it asks a gain of {points(demand)}" \
                    f"{'; and ' + distrust if wary else ''}."
        elif wary:
            line += f" It asks {distrust}."
        reasons.append(line)
    # what it will dislike: for a binding package every issue counts against its bar; for a
    # confidence-building one only what the package changes (the rest stands either way)
    # (not an issue it leaves as already signed: a teacher saw an agreed road named as what
    # the other side would dislike in a package that did not touch it)
    losses = sorted(((max(rows[k]) - rows[k][c], k) for k, c in enumerate(chosen)
                     if c != base[k] or (binding and not vals[rules.issue_slot[k]])),
                    reverse=True)
    # (an issue the package leaves as it stands is said to be so: a playtester read one as
    # an option they had chosen)
    hurt = [f"{_issue(rules, k)} ('{_option(rules, k, package[k])}'"
            + (", left as it is)" if chosen[k] == base[k] else ")")  # (as the Why? says it)
            for loss, k in losses[:2] if loss > 0.5]
    if hurt:
        reasons.append(f"{name} will dislike most: " + "; ".join(hurt) + ".")
    for b in blockers:
        reasons.append(f"{rules.s.backers[b.backer].name} is likely to block it over "
                       f"{_issue(rules, b.issue)}.")
    if blockers:
        likely = "blocked"
    else:
        likely = "accept" if margin > EVEN else ("reject" if margin < -EVEN else "uncertain")
    table = state.table
    if wary and table is not None and package == table.package and table.proposer != role:
        # (a playtest re-tabled the mediator's draft word for word, and it became its own)
        whose = "the mediator's" if table.proposer == rules.mediator else \
            f"{_short(rules, rules.faction_of[table.proposer])}'s"
        reasons.insert(0, f"These are the terms on the table ({whose} draft): to back them, "
                          f"accept them. Tabled again, they become your draft, and {name} asks "
                          "more of a draft you table.")
    if table is not None and package == table.package and f in neg.rejecters(state):
        reasons.insert(0, f"{name} has already rejected this draft as it stands; it may still "
                          f"accept it later, if {rules.s.words.conflict} or its backers move "
                          "it.")
    if not vals[rules.fs[f]["at_table"]]:  # what it thinks matters less than that it is gone
        reasons.insert(0, f"{name} has walked out: it cannot accept anything until it returns "
                          "to the table.")
        likely = "away"
    return Reaction(f, likely, False, tuple(reasons))


def _wary(state: State, f: str, proposer: str) -> float:
    """How much more an AI delegation asks of a draft ``proposer`` tables (reactive
    devaluation: :func:`game.engine.negotiation.wariness`); 0 for a human's delegation."""
    rules: Rules = state.rules
    role = rules.role_of[f]
    if role in state.humans or role not in rules.ai:
        return 0.0
    return neg.wariness(rules, state.vals, f, rules.ai[role][1], proposer)


def _demand(state: State, f: str, binding: bool) -> tuple[float, str]:
    """The margin an AI delegation asks over its bar before it signs, and its style in words
    ("playing tit for tat"); (0, "") for a human's delegation or an AI that asks nothing."""
    from game.engine.ai import demand_of

    rules: Rules = state.rules
    role = rules.role_of[f]
    if role in state.humans or role not in rules.ai:
        return 0.0, ""
    strategy, params = rules.ai[role]
    demand = demand_of(state, strategy, params)
    if not binding:
        demand /= 2  # (as the AI: a modest gain will do for confidence-building)
    if demand < 0.5:
        return 0.0, ""
    return demand, STYLES.get(strategy, f"playing {strategy.replace('_', ' ')}")
