"""Random playouts: the invariants every game must keep, on both scenarios.

After OpenSpiel's ``basic_tests`` (RandomSimulation): from seeded random play, after every step,
meters stay in bounds, places are held by factions, the role to move always has a legal move
(every listed move is legal, sorted), games end on time, replays and clones are equal, and
each role observes only what it may. Hypothesis draws the seed, the human seats and the moves:
a legal action by index (proposals get a random package), the AI's choice, or a facilitator's
injected event.

AI moves are applied without their reasons here so that a replay of ``state.actions`` is
exactly equal; the reasons are lost on replay (see ``test_saves``).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import Action, apply, history, is_legal, legal_actions, new_game
from game.engine import ai
from game.engine.rng import Stream
from game.engine.simulate import POLICIES, strategies_for
from game.engine.state import FACILITATOR
from tests.engine.helpers import (ai_game, check_observations, check_step, non_facilitator,
                                  replay, rules_for)

SCENARIOS = ["default", "minimal"]


def _humans(rules, mask: int) -> frozenset[str]:
    return frozenset(r for i, r in enumerate(rules.roles) if mask >> i & 1)


def _ai(state, plan):
    strategy, params = plan[state.role]
    return ai.choose(state, strategy=strategy, params=params)


def playout(rules, seed: int, mask: int, steps: list[tuple[int, int]], finish: bool,
            policy: str = "scenario"):
    """Play ``steps`` (kind, pick) from a new game; then, with ``finish``, the AI ends it.

    kind 0-5: the legal action at index ``pick`` (a proposal gets a random package);
    kind 6-8: the AI's choice (under ``policy``, see ``ceasefire simulate``); kind 9: inject
    event number ``pick``. Returns every state, first to last; checks the step invariants
    after each move.
    """
    plan = strategies_for(rules, policy)
    state = new_game(rules, seed, _humans(rules, mask))
    check_step(state)
    states = [state]
    for n, (kind, pick) in enumerate(steps):
        if state.outcome is not None:
            break
        if kind <= 5:
            actions = legal_actions(state)
            action = actions[pick % len(actions)]
            compiled = rules.actions.get(action.act)
            if compiled is not None and compiled.kind in ("propose", "counter"):
                action = action._replace(package=ai.random_package(state, Stream(seed, n)))
        elif kind <= 8:
            action, why = _ai(state, plan)
        else:
            event = rules.events[pick % len(rules.events)]
            action = Action(FACILITATOR, "inject", event.id)
        assert is_legal(state, action), action
        state = apply(state, action)
        check_step(state)
        states.append(state)
    if finish:
        while state.outcome is None:
            action, _ = _ai(state, plan)
            state = apply(state, action)
            check_step(state)
            states.append(state)
    return states


def check_game(rules, states, finish: bool) -> None:
    """Checks on a whole game: termination, replay equality, observations."""
    last = states[-1]
    moves = non_facilitator(last.actions)
    injected = len(last.actions) - moves
    assert moves <= rules.max_turns * len(rules.phases)
    assert last.turn <= rules.max_turns
    if finish:
        assert last.outcome is not None
        assert len(last.actions) <= rules.max_turns * len(rules.phases) + injected
    again = replay(rules, last)
    assert again == states  # every intermediate state too (clone equality)
    assert history(again[-1]) == history(last)
    check_observations(last)


step = st.tuples(st.integers(0, 9), st.integers(0, 10_000))
game = dict(seed=st.integers(0, 2**32 - 1), mask=st.integers(0, 7),
            steps=st.lists(step, min_size=10, max_size=150), finish=st.booleans(),
            policy=st.sampled_from(POLICIES))


@pytest.mark.parametrize("name", SCENARIOS)
@settings(max_examples=200, deadline=None, print_blob=False,
          suppress_health_check=[HealthCheck.too_slow])
@given(**game)
def test_random_playouts_keep_every_invariant(name, seed, mask, steps, finish, policy):
    """Meters in bounds, controllers are factions, a legal move always exists and every listed
    move (and the AI's choice) is legal, games end within the calendar, replays are equal,
    and each role observes only its own private values."""
    rules = rules_for(name)
    states = playout(rules, seed, mask, steps, finish, policy)
    check_game(rules, states, finish)


@pytest.mark.parametrize("name", SCENARIOS)
def test_fifty_ai_games_keep_every_invariant(name):
    """The same invariants over 50 complete AI-only games per scenario (fixed seeds); the
    same games played with the AI's reasons in the log show each side only its own."""
    rules = rules_for(name)
    for seed in range(50):
        states = playout(rules, seed, 0, [], finish=True)
        check_game(rules, states, finish=True)
        told = ai_game(rules, seed, reasons=True)[-1]
        assert told.actions == states[-1].actions  # reasons change nothing in the game
        check_observations(told)

