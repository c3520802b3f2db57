"""The negotiation model: values of packages, reservation values, ripeness, vetoes, signing.

- A package gives one option per agenda issue. A party (faction or backer) values it by the
  weighted mean of its values for the options: ``sum(w_i * v_i) / sum(w_i)``, 0-100.
- Each turn, for each faction, in this order: ``territory`` (strategic value held), ``hurt``,
  ``prospects`` and ``batna`` (the scenario's formulas), then ripeness
  (``100 * (stalemate * hurt * (1 - prospects) + way_out * [proposal or deadline]
  + catastrophe * [recent or looming catastrophe])``), then the reservation value
  ``batna - discount * ripeness``: what an agreement must be worth before the faction signs.
- A backer with a veto blocks its faction's signature when a package is worth less to it than
  its tolerance (while its support is at least ``veto_support``); a backer without one cuts its
  support when such a package is signed.
"""

from __future__ import annotations

from typing import NamedTuple

from game.engine.rules import Rules
from game.engine.state import Table


class Blocker(NamedTuple):
    backer: str
    value: float
    tolerance: float
    issue: int  # the issue that hurts it most


class Assessment(NamedTuple):
    """How one faction sees one package: the numbers behind its reaction.

    ``reservation`` is what the package must beat: the faction's reservation value when the
    package touches a binding issue (``binding``), else the value of what is already agreed.
    """

    faction: str
    value: float
    reservation: float
    batna: float
    ripeness: float
    pains: tuple[tuple[int, str, float], ...]  # (issue, option, points lost vs its best), worst first
    blockers: tuple[Blocker, ...]  # backers that would veto
    unhappy: tuple[Blocker, ...]  # backers without a veto that would cut support
    binding: bool = True

    @property
    def surplus(self) -> float:
        return self.value - self.reservation

    @property
    def blocked(self) -> bool:
        return bool(self.blockers)


def pains(rules: Rules, party: str, package: tuple[str, ...], top: int = 3,
          changed_from: tuple[str, ...] | None = None) -> tuple[tuple[int, str, float], ...]:
    """The issues where the package gives ``party`` least of what it could have, worst first;
    with ``changed_from``, only issues the package changes. (A pure function of its
    arguments: remembered on the rules, as games keep weighing the same few packages.)"""
    key = (party, package, top, changed_from)
    cache = rules.pains_cache
    found = cache.get(key)
    if found is None:
        if len(cache) > 100_000:
            cache.clear()
        found = cache[key] = _pains(rules, party, package, top, changed_from)
    return found


def _pains(rules: Rules, party: str, package: tuple[str, ...], top: int,
           changed_from: tuple[str, ...] | None) -> tuple[tuple[int, str, float], ...]:
    contrib = rules.contrib[party]
    best = rules.best_contrib[party]
    losses = []
    for k, option in enumerate(package):
        if changed_from is not None and changed_from[k] == option:
            continue
        loss = best[k] - contrib[k][option]
        if loss > 0.05:
            losses.append((k, option, loss))
    losses.sort(key=lambda t: (-t[2], t[0]))
    return tuple(losses[:top])


def backer_verdicts(rules: Rules, vals: list | tuple, faction: str, package: tuple[str, ...]
                    ) -> tuple[tuple[Blocker, ...], tuple[Blocker, ...]]:
    """Backers of ``faction`` that would block (veto) or resent a package: those it leaves
    below their tolerance *and* worse off than what already stands (nobody vetoes a gain)."""
    blockers, unhappy = [], []
    current = None
    values = rules.utilities(package)
    for b, slot in rules.judges[faction]:  # (backers that care about nothing never judge)
        value = values[b]
        tolerance = vals[slot]
        if value >= tolerance:
            continue
        if current is None:
            current = agreed_package(rules, vals)
        if value >= rules.utility(b, current) - 1e-9:
            continue
        worst = pains(rules, b, package, 1, current)
        verdict = Blocker(b, value, tolerance, worst[0][0] if worst else 0)
        backer = rules.s.backers[b]
        support = vals[rules.bs[b]["support"]]
        if backer.veto and support >= backer.veto_support:
            blockers.append(verdict)
        else:
            unhappy.append(verdict)
    if not blockers and not unhappy:
        return _CONTENT
    return tuple(blockers), tuple(unhappy)


_CONTENT: tuple = ((), ())  # no backer minds (the common answer)


def binding_change(rules: Rules, vals: list | tuple, package: tuple[str, ...]) -> bool:
    """Does the package change a binding issue (one that gives up fighting over it)?"""
    for k, option in enumerate(package):
        if rules.binding[k] and option != (vals[rules.issue_slot[k]] or rules.status_quo[k]):
            return True
    return False


_last: list = [None]  # the last assessment, with what it was made of (see assess)


def assess(rules: Rules, vals: list | tuple, faction: str, package: tuple[str, ...]) -> Assessment:
    """How ``faction`` sees ``package`` given ``vals``. A delegation's AI weighs the draft and
    then accepting it weighs it again on the same values: the last answer is kept for that."""
    key = vals if isinstance(vals, tuple) else tuple(vals)
    last = _last[0]
    if last is not None and last[0] is rules and last[1] == faction and last[2] == package \
            and (last[3] is key or last[3] == key):
        return last[4]
    result = _assess(rules, vals, faction, package)
    _last[0] = (rules, faction, package, key, result)
    return result


def _assess(rules: Rules, vals: list | tuple, faction: str, package: tuple[str, ...]
            ) -> Assessment:
    slots = rules.fs[faction]
    blockers, unhappy = backer_verdicts(rules, vals, faction, package)
    binding = binding_change(rules, vals, package)
    bar = vals[slots["reservation"]] if binding else vals[slots["utility"]]
    # what hurts: for a binding package every issue counts, but not one it leaves as already
    # signed (nothing to weigh there); otherwise only what the package changes
    hurt = pains(rules, faction, package, changed_from=rules.issue_values(vals)) if binding \
        else pains(rules, faction, package, changed_from=agreed_package(rules, vals))
    return Assessment(faction, rules.utility(faction, package), bar, vals[slots["batna"]],
                      vals[slots["ripeness"]], hurt, blockers, unhappy, binding)


def trust(rules: Rules, vals, faction: str) -> float:
    """A faction's trust (50 in a scenario whose factions have no trust meter)."""
    slot = rules.trust_of[faction][1]
    return vals[slot] if slot is not None else 50.0


WARY = "more for a draft"  # how an AI's reason names the wariness it applied (see moves)


def wariness(rules: Rules, vals, faction: str, params: dict, proposer: str) -> float:
    """Reactive devaluation (Ross and Stillinger, 1991): terms another delegation tables are
    worth less to an AI delegation than the same terms from the mediator, the more so the
    less it trusts the talks: ``devalue`` (a strategy parameter) points of extra demand per
    point of its trust below 50. Nothing for the mediator's drafts or its own."""
    devalue = params.get("devalue", 0.0)
    by = rules.faction_of.get(proposer)
    if not devalue or by is None or by == faction or rules.trust_of[faction][1] is None:
        return 0.0
    return devalue * max(0.0, 50.0 - trust(rules, vals, faction))


def agreed_package(rules: Rules, vals: list | tuple) -> tuple[str, ...]:
    """What has been signed so far, with the status quo on open issues."""
    return rules.agreed(vals)


def refresh(work, full: bool = True) -> None:
    """Recompute every derived value of every faction (see the module docstring).

    ``full=False`` when no value changed since the last refresh (only the table or the
    deadline may have): hurt, prospects, no-deal values and utilities are then unchanged, and
    only ripeness (its way-out term), reservation values and acceptances are recomputed.
    """
    rules: Rules = work.rules
    vals = work.vals
    ctx = work.ctx()
    if full:  # territory held, then hurt, prospects, batna for every faction (one function)
        rules.stage_run(ctx, vals)
    r = rules.s.ripeness
    way_out = 1.0 if (work.table is not None or work.deadline >= work.turn) else 0.0
    recent = work.turn - work.catastrophe <= r.window
    shock = 1.0 if (recent or rules.looming(ctx)) else 0.0
    constant = 100.0 * (r.way_out * way_out + r.catastrophe * shock)
    table = work.table
    accepted = table.accepted if table is not None else _NONE
    if accepted:
        gone = {f for f in accepted if not vals[rules.fs[f]["at_table"]]}
        if gone:  # a delegation that left the table no longer stands behind the draft
            accepted = accepted - gone
            work.table = table._replace(accepted=accepted)
            work.note("withdrawn", "", {"factions": tuple(sorted(gone))})  # (said, not silent)
    # ripeness, reservation value, value of what is agreed, acceptance: for every faction
    rules.ripeness_run(vals, constant, rules.agreed_values(vals) if full else None, accepted)


_NONE: frozenset = frozenset()


def replies(state) -> list[tuple[str, str]]:
    """The moves made since the draft on the table was tabled, newest first, as (role, kind)
    ('pass' for waiting): who has answered it, and how. Empty with no draft."""
    table = state.table
    if table is None:
        return []
    actions = state.rules.actions
    out = []
    log = state.log
    while log is not None and log.entry.turn >= table.turn:
        entry = log.entry
        if entry.kind == "action":
            act = entry.data["action"].act
            kind = actions[act].kind if act in actions else act
            if entry.role == table.proposer and kind in ("propose", "counter"):
                break  # back at the draft itself
            out.append((entry.role, kind))
        log = log.prev
    return out


def rejecters(state) -> frozenset[str]:
    """The factions that have rejected the draft on the table since it was tabled, and not
    accepted it since (public: the table shows it, the package builder says so)."""
    faction_of = state.rules.faction_of
    return frozenset(faction_of[role] for role, kind in replies(state)
                     if kind == "reject" and role in faction_of) - state.table.accepted


def check_package(rules: Rules, vals: list | tuple, package: tuple[str, ...]) -> str | None:
    """Why a package cannot be tabled (None when it can).

    An agreed issue can be renegotiated (a truce upgraded to a permanent ceasefire) but not
    dropped: its option cannot go back to the status quo.
    """
    if len(package) != len(rules.issues):
        return (f"a package needs one option for each of the {len(rules.issues)} issues, "
                f"not {len(package)}")
    changes = False  # (every AI search ends here: one pass, the words only on a failure)
    for k, (option, agreed, quo, index) in enumerate(zip(
            package, rules.issue_values(vals), rules.status_quo, rules.option_index)):
        if option not in index:
            return f"'{option}' is not an option of issue '{rules.issues[k]}'"
        if agreed and option == quo:
            return (f"issue '{rules.issues[k]}' is already agreed ('{agreed}'); a package can "
                    "improve on it but not undo it")
        if option != (agreed or quo):
            changes = True
    if not changes:
        return "the package changes nothing: choose an option other than what stands now"
    return None


def sign(work, table: Table) -> None:
    """Both delegations accepted: lock the agreed options and apply their consequences."""
    rules: Rules = work.rules
    vals = work.vals
    # what each side's bar was at the moment it signed (the reasons at the end quote these:
    # after signing, the no-deal value moves with the agreement itself)
    binding = binding_change(rules, vals, table.package)
    bars = tuple((f, round(rules.utility(f, table.package), 1),
                  round(vals[rules.fs[f]["reservation" if binding else "utility"]], 1), binding)
                 for f in rules.factions)
    changes = []
    newly = []
    for k, option in enumerate(table.package):
        slot = rules.issue_slot[k]
        if option != (vals[slot] or rules.status_quo[k]):
            old = vals[slot]
            vals[slot] = option
            newly.append(k)
            changes.append((slot, old, option, "signed"))
    for k in newly:
        changes += work.run(rules.on_agree[k][table.package[k]], cause="the agreement")
    if newly:  # every side's stance on a newly agreed issue is the agreement
        work.stances = tuple(tuple(table.package[k] if k in newly else option
                                   for k, option in enumerate(stance))
                             for stance in work.stances)
    for f in rules.factions:
        _, unhappy = backer_verdicts(rules, vals, f, table.package)
        for verdict in unhappy:
            b = verdict.backer
            slot = rules.bs[b]["support"]
            old = vals[slot]
            new = max(0.0, old - rules.s.backers[b].cut)
            if new != old:
                vals[slot] = new
                changes.append((slot, old, new, "the agreement ignores its interests"))
    work.signed += 1
    work.table = None
    work.note("sign", table.proposer, {"package": table.package, "issues": tuple(newly),
                                       "changes": tuple(changes), "bars": bars})
