"""Shared helpers for the engine tests: rules built once, typed moves, AI play, invariants.

Not a test module (pytest does not collect it); the tests import it.
"""

from __future__ import annotations

from functools import cache

from game.engine import Rules, apply, history, is_legal, legal_actions, new_game
from game.engine import ai
from game.engine.commands import parse_action
from game.engine.explain import describe
from game.engine.observe import observe, series
from game.engine.state import FACILITATOR
from tests.conftest import DEFAULT, FIXTURES

MINIMAL = FIXTURES / "minimal.yaml"


@cache
def rules_for(name: str) -> Rules:
    """The compiled rules of ``"default"`` (the 5+5 talks) or ``"minimal"`` (the starter)."""
    from game.scenario.loader import load_scenario

    return Rules(load_scenario({"default": DEFAULT, "minimal": MINIMAL}[name]))


def do(state, role: str, text: str):
    """Apply a typed command (``"propose oil=reopen_escrow"``) for ``role``."""
    return apply(state, parse_action(state, role, text))


def advance(state, reasons: bool = False):
    """Let the AI move for every seat that is not human, until a human must move or it ends.

    Without ``reasons`` the AI's "why" is not passed to ``apply``, so that replaying
    ``state.actions`` reproduces the state exactly (see test_saves for the reasons).
    """
    while state.outcome is None and state.role not in state.humans:
        action, why = ai.choose(state)
        state = apply(state, action, why) if reasons else apply(state, action)
    return state


def ai_game(rules: Rules, seed: int, humans=(), reasons: bool = False) -> list:
    """Every state of one game with the AI in every seat (``humans`` only labels the game)."""
    state = new_game(rules, seed, humans)
    states = [state]
    while state.outcome is None:
        action, why = ai.choose(state)
        assert is_legal(state, action), (action, why)
        state = apply(state, action, why) if reasons else apply(state, action)
        states.append(state)
    return states


def replay(rules: Rules, state) -> list:
    """Every state of a replay of ``state.actions`` from a new game with the same seed."""
    again = new_game(rules, state.seed, state.humans)
    states = [again]
    for action in state.actions:
        again = apply(again, action)
        states.append(again)
    return states


def all_agreed(state) -> bool:
    rules = state.rules
    return all(state.vals[slot] for slot in rules.issue_slot)


# -- invariants checked after every step ----------------------------------------------------

def check_step(state) -> None:
    """What must hold in every state of every game (OpenSpiel's RandomSimulation checklist)."""
    rules: Rules = state.rules
    vals = state.vals
    names = {slot: name for name, slot in rules.slots.items()}
    for slot, (lo, hi) in rules.bounds.items():
        assert lo <= vals[slot] <= hi, f"{names[slot]} = {vals[slot]} outside [{lo}, {hi}]"
    for territory, slot in rules.controller_slot.items():
        assert vals[slot] in rules.factions, f"{territory} held by {vals[slot]!r}"
    assert 0 <= state.turn <= rules.max_turns
    if state.outcome is None:
        actions = legal_actions(state)
        assert actions, f"{state.role} has no legal action at turn {state.turn}"
        assert actions == sorted(actions)
        assert len(set(actions)) == len(actions)
        for action in actions:
            assert action.role == state.role
            assert is_legal(state, action), action
        action, why = ai.choose(state)
        assert is_legal(state, action), (action, why)
        assert ai.choose(state) == (action, why)  # the same state, the same choice
    else:
        assert legal_actions(state) == []
    for role in rules.roles:
        obs = observe(state, role, with_log=False)
        own = rules.faction_of.get(role)
        if own is None:
            assert obs.private is None
        else:
            assert obs.private is not None and obs.private.faction == own
            assert set(obs.private.backers) == set(rules.backers_of[own])
        for f, view in obs.factions.items():
            meters = rules.s.factions[f].meters
            for m in view.meters:
                assert f == own or not meters[m].private, (role, f, m)


# (the words that come with a side's private numbers; 'short of its reservation value',
# the concept without its number, is public)
PRIVATE_WORDS = ("reservation value is", "reservation value of", "no-deal value",
                 "values this package at",
                 "weighs it against", "costs it", "(AI:")


def check_observations(state) -> None:
    """What each role is shown of the whole log (checked once per game, on its last state:
    the log only grows, and an entry reads the same for a viewer whenever it is shown)."""
    rules: Rules = state.rules
    entries = history(state)
    for role in rules.roles:
        obs = observe(state, role)
        shown = [e for e in entries if e.visible is None or role in e.visible]
        assert len(obs.log) == len(shown)
        for entry, (turn, lines) in zip(shown, obs.log):
            assert turn == entry.turn
            assert list(lines) == describe(rules, entry, role)
            if entry.kind == "action" and entry.role != role:
                text = "\n".join(lines)
                for word in PRIVATE_WORDS:
                    assert word not in text, (role, entry.role, word, text)
        hidden = [e for e in entries if e.visible is not None and role not in e.visible
                  and e.kind in ("consult", "shuttle")]
        seen = {line for _, lines in obs.log for line in lines}
        for entry in hidden:
            for line in describe(rules, entry, role):
                assert line not in seen, (role, line)
        own = rules.faction_of.get(role)
        for key in series(state, role):
            owner, field = key.split(".", 1)
            if owner in rules.factions and owner != own:
                meters = rules.s.factions[owner].meters
                assert field == "ripeness" or (field in meters and not meters[field].private), (
                    role, key)


def non_facilitator(actions) -> int:
    return sum(1 for a in actions if a.role != FACILITATOR)


__all__ = ["MINIMAL", "rules_for", "do", "advance", "ai_game", "replay", "all_agreed",
           "check_step", "check_observations", "non_facilitator"]
