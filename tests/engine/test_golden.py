"""Golden transcripts: seeded games written out in full, reviewed like documentation.

After OpenSpiel's ``integration_tests/playthroughs``. A change to the rules, the AI or the
default scenario changes these files; read the diff, and if it is what you meant, regenerate
with ``UPDATE_GOLDEN=1 python -m pytest tests/engine/test_golden.py``.
"""

from __future__ import annotations

import datetime
import os
import re

import pytest

from game.engine import ActionError, Rules, apply, new_game
from game.engine.commands import parse_action
from game.engine.transcripts import transcript
from game.engine.simulate import play
from game.plain import advance
from tests.conftest import FIXTURES, ROOT

GOLDEN = ROOT / "tests" / "golden"
HISTORICAL_SEED = 1


def _check(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run with UPDATE_GOLDEN=1 to write it"
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} differs from the game played now; read the diff, then UPDATE_GOLDEN=1")


def historical_script() -> dict[int, str]:
    script = {}
    for line in (GOLDEN / "historical_line.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            turn, command = line.split(None, 1)
            assert int(turn) >= 1, line  # (the file counts turns as the game shows them,
            script[int(turn) - 1] = command.strip()  # from 1; the state counts from 0)
    return script


def play_historical(rules: Rules, seed: int = HISTORICAL_SEED):
    script = historical_script()
    state = new_game(rules, seed, {rules.mediator})
    while True:
        state = advance(state)
        if state.outcome is not None:
            return state
        command = script.get(state.turn, "pass")
        try:
            action = parse_action(state, rules.mediator, command)
        except ActionError as exc:
            if "changes nothing" not in str(exc):
                raise
            action = parse_action(state, rules.mediator, "pass")
        state = apply(state, action)


@pytest.fixture(scope="module")
def rules(default_loaded):
    return Rules(default_loaded)


def test_historical_line_reaches_the_october_ceasefire(rules):
    """The mediator's 2020 moves, with AI delegations, end in a signed complete and permanent
    ceasefire around October 2020 (Geneva, 23 October)."""
    state = play_historical(rules)
    assert state.outcome.ending == "permanent_ceasefire", state.outcome
    signed = rules.date_of(state.turn)
    assert datetime.date(2020, 10, 1) <= signed <= datetime.date(2020, 11, 9), signed
    agreed = state.value("issue.ceasefire.option")
    assert agreed in ("permanent", "permanent_monitored")
    _check("historical.txt", transcript(state))


def test_historical_script_only_uses_real_actions(rules):
    for command in historical_script().values():
        assert command.split()[0] in rules.s.actions, command


@pytest.mark.parametrize("seed", [2, 11])
def test_ai_only_games(rules, seed):
    _check(f"ai-seed-{seed}.txt", transcript(play(rules, seed)))


def test_starter_scenario_game(minimal_loaded):
    _check("starter-seed-4.txt", transcript(play(Rules(minimal_loaded), 4)))


def test_transcripts_name_the_sources_of_historical_events():
    text = (GOLDEN / "historical.txt").read_text(encoding="utf-8")
    assert re.search(r"\[historical(, 2020-\d\d-\d\d)?; sources: [a-z0-9-]+#", text)
    assert "counterfactual" in text or "SIGNED" in text
    assert str(FIXTURES) not in text  # no machine paths in documentation


def test_the_mediator_is_told_how_its_score_was_reckoned(rules):
    """A playtester as mediator was given a score with no word on how it came about (the
    delegations get a line on what everything agreed is worth to them)."""
    from game.engine.reckoning import score_workings

    state = play_historical(rules)
    said = score_workings(rules, state, rules.mediator)
    assert said == (
        "How UN mediator's score was reckoned: 30 + 5 × issues agreed (8) + 10 × "
        "min(agreements signed on the mediator's drafts (2), 2) + (if Foreign forces and the "
        "arms embargo agreed (yes): 10, else 0) − turns gone by (19) / 2, held to 0-100 = "
        f"{state.outcome.scores[rules.mediator]:.0f}.")
    assert score_workings(rules, state, "gna") == (
        "GNA delegation's score is what everything agreed is worth to it: "
        f"{state.outcome.scores['gna']:.0f}.")


def test_every_reckoning_ends_at_the_score_given(rules):
    """Over AI games reaching different endings, each seat's reckoning (when its score is more
    than a number or its value of the agreement) arrives at the score the ending gave it."""
    from game.engine.reckoning import score_workings
    from game.engine.simulate import play

    endings = set()
    for seed in range(40):
        state = play(rules, seed)
        for role, score in state.outcome.scores.items():
            said = score_workings(rules, state, role)
            if said is not None:
                endings.add(state.outcome.ending)
                assert said.endswith((f" = {score:.0f}.", f": {score:.0f}.")), said
                assert "c.vals" not in said and "_t" not in said
    assert len(endings) >= 3  # the ceasefire, a collapse, the battle for Sirte at least
