"""A table of three delegations (an author's Dayton 1995 scenario, from a playtest)."""

from __future__ import annotations

from game.engine import history, load_rules
from game.engine.explain import describe
from game.engine.simulate import play
from game.scenario.loader import load_scenario
from tests.conftest import FIXTURES

DAYTON = FIXTURES / "three_parties" / "dayton.yaml"


def test_other_is_warned_of_where_it_cannot_mean_the_side_aimed_at():
    warned = {w.where for w in load_scenario(DAYTON).warnings if "uses 'other'" in w.message}
    assert warned == {"actions.walk_out", "actions.attack"}


def test_a_signature_at_a_table_of_three_is_by_every_delegation():
    rules = load_rules(DAYTON)
    for seed in range(20):
        signs = [e for e in history(play(rules, seed)) if e.kind == "sign"]
        if signs:
            assert describe(rules, signs[0])[0] == "SIGNED by every delegation:"
            return
    raise AssertionError("no signature in 20 games")
