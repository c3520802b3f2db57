"""The rules of play: whose move it is, what is legal, and what a move does.

Shape after OpenSpiel's games (``new_initial_state``, ``legal_actions``, ``apply_action``,
``is_terminal``, ``returns``): :func:`new_game`, :func:`legal_actions`, :func:`apply`,
:func:`outcome`. A turn is one move for the mediator, then one for each delegation in scenario
order; then the turn ends (upkeep, venue), the calendar moves on, and the next turn's events
fire. Endings are checked after every move and every turn's events.
"""

from __future__ import annotations

from game.engine import negotiation as neg
from game.engine.events import fire
from game.engine.moves import perform, wait_in_mid_turn  # the per-kind rules
from game.engine.rules import CompiledAction, Ctx, Rules
from game.engine.state import (FACILITATOR, Action, IllegalActionError, Outcome, State, Table)
from game.engine.turns import begin_turn, check_endings, end_turn
from game.engine.work import Work, initial_state

PASS = "pass"
_new = tuple.__new__  # an Action without its Python-level __new__ (menus make many)
TABLE_KINDS = {"accept", "reject", "counter", "concede"}


def new_game(rules: Rules, seed: int, human_roles=()) -> State:
    """A new game of ``rules`` (see :func:`game.engine.load_rules`), with its first turn begun."""
    humans = frozenset(human_roles)
    unknown = humans - set(rules.roles)
    if unknown:
        raise IllegalActionError(f"unknown role(s) {sorted(unknown)}; the roles are "
                                 f"{', '.join(rules.roles)}")
    work = Work(initial_state(rules, seed, humans))
    begin_turn(work)
    return work.freeze()


def outcome(state: State) -> Outcome | None:
    """``None`` while the game goes on; how it ended, once it has."""
    return state.outcome


def current_role(state: State) -> str | None:
    return None if state.outcome is not None else state.role


# -- legality ---------------------------------------------------------------------------------

def _faction(rules: Rules, role: str) -> str:
    return rules.faction_of.get(role, "")


def state_ctx(state: State, faction: str = "", target: str = "") -> Ctx:
    """An evaluation context over a state (read-only)."""
    other = state.rules.opponent.get(faction, "") if faction else ""
    return Ctx(state.vals, state.turn, faction, other, target, state)


def chance_of(state: State, action: Action) -> float | None:
    """The chance (0-1) that ``action`` succeeds now, or None when it cannot fail. Public: the
    numbers behind it (strengths, backers) are on the board for everyone."""
    compiled = state.rules.actions.get(action.act)
    if compiled is None or compiled.chance is None:
        return None
    return compiled.odds(state_ctx(state, _faction(state.rules, action.role), action.target or ""))


def _targets(state: State, action: CompiledAction, faction: str, ctx: Ctx | None = None
             ) -> list[str]:
    rules: Rules = state.rules
    kind = action.kind
    vals = state.vals
    if kind == "offensive":
        other = rules.opponent[faction]
        pool = [t for t in rules.territories if vals[rules.controller_slot[t]] != faction]
        default = [t for t in pool if vals[rules.controller_slot[t]] == other]
    elif kind == "consult":
        pool = rules.backers
        default = rules.backers_of.get(faction, [])
    elif kind == "pressure":
        pool = default = rules.backers
    elif kind == "shuttle":
        pool = default = rules.factions
    elif kind == "venue":
        current = vals[rules.venue_slot]
        ctx = ctx or state_ctx(state, faction)
        pool = default = [v for v in rules.s.venues if v != current
                          and rules.venue_available[v](ctx)]
    else:
        return [""]
    if action.targets is None:
        return list(default)
    ctx = ctx or state_ctx(state, faction)
    out = []
    for t in pool:
        ctx.target = t
        if action.targets(ctx):
            out.append(t)
    ctx.target = ""
    return out


def _allowed(state: State, action: CompiledAction, faction: str, ctx: Ctx | None = None
             ) -> str | None:
    """Why this scenario action cannot be taken now by this faction (None: it can).
    ``ctx``: a context over ``state`` for ``faction`` to reuse (a menu asks many times)."""
    kind = action.kind
    at_table = state.vals[state.rules.at_table_slot[faction]] if faction else True
    if kind in TABLE_KINDS and not at_table:
        return "your delegation has walked out; return to the talks first"
    if kind in ("accept", "reject"):
        if state.table is None:
            return "there is no package on the table"
        if faction in state.table.accepted:
            return "you have already accepted the package on the table"
    if kind == "walk_out" and not at_table:
        return "you are not at the table"
    if kind == "return" and at_table:
        return "you are already at the table"
    if kind == "deadline" and state.deadline >= state.turn:
        return "a deadline is already running"
    if not action.always and not action.condition(ctx or state_ctx(state, faction)):
        return "its condition does not hold now"
    return None


def legal_actions(state: State, role: str | None = None) -> list[Action]:
    """Every legal action of ``role`` (default: the role to move), sorted.

    Proposals are open-ended (any package); for them this lists one representative package
    (the draft on the table, or the role's own position). Use :func:`check` for any package.
    """
    menu = Menu(state, role, packages=True)
    return sorted(a for kind in menu.kinds() for a in menu.get(kind))


class Menu:
    """The legal actions of the role to move, by kind, worked out only when asked for.

    Without ``packages``, proposals carry an empty package for the caller to fill (the AI
    builds its own).
    """

    __slots__ = ("state", "role", "packages", "rules", "faction", "live", "_cache", "_ctx")

    def __init__(self, state: State, role: str | None = None, packages: bool = False):
        self.state = state
        rules = self.rules = state.rules
        mover = rules.phases[state.phase]  # (state.role, without the property call)
        role = self.role = role or mover
        self.packages = packages
        self.faction = rules.faction_of.get(role, "")
        self.live = state.outcome is None and role == mover
        self._cache: dict[str, list[Action]] = {}
        self._ctx: Ctx | None = None

    @property
    def ctx(self) -> Ctx:
        """One evaluation context for all of this menu's conditions and targets."""
        if self._ctx is None:
            self._ctx = state_ctx(self.state, self.faction)
        return self._ctx

    def kinds(self) -> list[str]:
        if not self.live:
            return []
        return ["pass"] + list(dict.fromkeys(self.rules.actions[a].kind
                                             for a in self.rules.actions_of[self.role]))

    def get(self, kind: str, default: object = None) -> list[Action]:
        found = self._cache.get(kind)
        if found is not None:
            return found
        if not self.live:
            found = []
        elif kind == "pass":
            found = [self.rules.waits[self.role]]
        else:
            aids = self.rules.kinds_of[self.role].get(kind, ())
            if len(aids) == 1:  # (the common case: one action of a kind)
                found = self._of(aids[0])
            else:
                found = []
                for aid in aids:
                    found.extend(self._of(aid))
        self._cache[kind] = found
        return found

    def first(self, kind: str) -> Action | None:
        """The first legal action of this kind, or None."""
        found = self._cache.get(kind)
        if found is None:
            if kind == "pass" and self.live:  # (the AI's most common move: no list needed)
                return self.rules.waits[self.role]
            found = self.get(kind)
        return found[0] if found else None

    def __contains__(self, kind: str) -> bool:
        return bool(self.get(kind))

    def __getitem__(self, kind: str) -> list[Action]:
        return self.get(kind)

    def _of(self, aid: str) -> list[Action]:
        state, rules, role, faction = self.state, self.rules, self.role, self.faction
        action = rules.actions[aid]
        if _allowed(state, action, faction, None if action.always else self.ctx):
            return []
        kind = action.kind
        if kind in ("propose", "counter"):
            if not _package_possible(rules, state.vals):
                return []  # everything is settled as far as it can be: no package to table
            return [_new(Action, (role, aid, "", "", _representative(state, faction)
                                  if self.packages else ()))]
        if kind == "concede":
            return [_new(Action, (role, aid, rules.issues[k], option, ()))
                    for k, option in _concessions(state, faction)]
        if action.target_kind:
            return [_new(Action, (role, aid, t, "", ()))
                    for t in _targets(state, action, faction, self.ctx)]
        return [_new(Action, (role, aid, "", "", ()))]


def _package_possible(rules: Rules, vals) -> bool:
    """Can any package change what stands? (An open issue, or an agreed one with an option
    left that is neither the agreement nor the status quo.)"""
    for k, slot in enumerate(rules.issue_slot):
        if not vals[slot] or len(rules.options[k]) > 2:
            return True
    return False


def _representative(state: State, faction: str) -> tuple[str, ...]:
    rules: Rules = state.rules
    if state.table is not None:
        base = state.table.package
    elif faction:
        base = state.stances[rules.factions.index(faction)]
    else:
        base = tuple(max(rules.options[k], key=lambda o, k=k: (
            sum(rules.contrib[f][k][o] for f in rules.factions), o))
            for k in range(len(rules.issues)))
    vals = state.vals
    quo = rules.status_quo
    package = tuple(vals[s] if vals[s] and o == quo[k] else o
                    for k, (s, o) in enumerate(zip(rules.issue_slot, base)))
    if neg.check_package(rules, vals, package):  # it changes nothing: change the first it can
        for k, s in enumerate(rules.issue_slot):
            other = [x for x in rules.options[k] if x not in (quo[k], vals[s] or quo[k])]
            if other:
                package = package[:k] + (other[0],) + package[k + 1:]
                break
    return package


def _concessions(state: State, faction: str) -> list[tuple[int, str]]:
    rules: Rules = state.rules
    stance = state.stances[rules.factions.index(faction)]
    values = rules.value[faction]
    out = []
    for k, current in enumerate(stance):
        if state.vals[rules.issue_slot[k]]:
            continue
        for option in rules.options[k]:
            if option != rules.status_quo[k] and values[k][option] < values[k][current]:
                out.append((k, option))
    return out


def check(state: State, action: Action) -> None:
    """Raise :class:`IllegalActionError` (quoting the action) unless it is legal now."""
    rules: Rules = state.rules

    def illegal(why: str) -> IllegalActionError:
        return IllegalActionError(f"'{action.text(rules.issues, rules.status_quo)}' by "
                                  f"{action.role} is not legal now: {why}")

    if action.role == FACILITATOR:
        if action.act != "inject" or action.target not in rules.s.events:
            raise illegal("a facilitator can only inject an event by its id")
        if state.outcome is not None:
            raise illegal("the game is over")
        return
    if state.outcome is not None:
        raise illegal("the game is over")
    if action.role != state.role:
        raise illegal(f"it is {state.role}'s move")
    if action.act == PASS:
        if action.target or action.option or action.package:
            raise illegal("'pass' takes nothing")
        return
    compiled = rules.actions.get(action.act)
    if compiled is None:
        raise illegal(f"there is no action '{action.act}'")
    if action.role not in compiled.roles:
        raise illegal(f"'{action.act}' is not one of {action.role}'s actions")
    faction = _faction(rules, action.role)
    why = _allowed(state, compiled, faction)
    if why:
        raise illegal(why)
    kind = compiled.kind
    if kind in ("propose", "counter"):
        trouble = neg.check_package(rules, state.vals, action.package)
        if trouble:
            raise illegal(trouble)
    elif action.package:
        raise illegal("only a proposal carries a package")
    if kind == "concede":
        if action.target not in rules.issues:
            raise illegal(f"there is no issue '{action.target}'")
        k = rules.issues.index(action.target)
        if (k, action.option) not in _concessions(state, faction):
            raise illegal(f"'{action.option}' is not a concession from your stance on "
                          f"'{action.target}'")
    elif compiled.target_kind:
        if action.target not in _targets(state, compiled, faction):
            venue = rules.s.venues.get(action.target) if compiled.target_kind == "venue" \
                else None
            if venue is not None and action.target == state.vals[rules.venue_slot]:
                raise illegal(f"the talks are already at {venue.name}")
            if venue is not None and isinstance(venue.available, str):  # (an author's
                # playtest: 'move paris' said only that it was not a target now)
                raise illegal(f"{venue.name} is not available now: it needs "
                              f"'{venue.available}'")
            raise illegal(f"'{action.target}' is not a target you can choose now")
    elif action.target or action.option:
        raise illegal(f"'{action.act}' takes no target")


def is_legal(state: State, action: Action) -> bool:
    try:
        check(state, action)
    except IllegalActionError:
        return False
    return True


# -- applying ---------------------------------------------------------------------------------

def apply(state: State, action: Action, why: str = "") -> State:
    """The state after ``action``; raises :class:`IllegalActionError` if it is not legal now.

    ``why`` (an AI's reason, in words) is kept in the log for the debrief.
    """
    check(state, action)
    return advance(state, action, why)


def advance(state: State, action: Action, why: str = "") -> State:
    """:func:`apply` without the legality check, for a caller that took ``action`` from this
    state's own menu (the AI in :func:`game.engine.simulate.play`; the property tests check
    through :func:`apply` that every AI move is legal)."""
    rules: Rules = state.rules
    if action.act == PASS and state.phase + 1 < len(rules.phases) and \
            action.role != FACILITATOR:
        return wait_in_mid_turn(state, action, why)
    work = Work(state)
    work.actions = state.actions + (action,)
    if action.role == FACILITATOR:
        event = next(e for e in state.rules.events if e.id == action.target)
        fire(work, event, injected=True)
        neg.refresh(work)
        check_endings(work)
        return work.freeze()
    perform(work, action, why)
    if action.act != PASS:  # waiting changes nothing that refresh or the endings read
        # values untouched (a reply, a proposal): only the table-dependent parts change
        neg.refresh(work, full=tuple(work.vals) != state.vals)
        check_endings(work)
    if work.outcome is None:
        work.phase += 1
        if work.phase >= len(work.rules.phases):
            end_turn(work)
    return work.freeze()


def inject_event(state: State, event_id: str) -> State:
    """A facilitator's move: fire an event now, whatever its date or condition."""
    return apply(state, Action(FACILITATOR, "inject", event_id))


def load_rules(path_or_loaded) -> Rules:
    """Rules from a scenario file path, a LoadedScenario or a Scenario model."""
    from pathlib import Path

    from game.scenario.loader import load_scenario

    if isinstance(path_or_loaded, (str, Path)):
        path_or_loaded = load_scenario(path_or_loaded)
    return Rules(path_or_loaded)


__all__ = ["new_game", "legal_actions", "apply", "check", "is_legal", "outcome",
           "current_role", "inject_event", "load_rules", "PASS", "Table"]
