"""The generated hot paths (effects, refresh stages, event checks, endings, inlined helpers)
do what the rules say: what an interpreted loop would do, in the same order."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine import apply, new_game
from game.engine.ai import choose
from game.engine.simulate import play, strategies_for
from game.engine.work import Work
from game.scenario.model_base import Effect
from tests.engine.helpers import rules_for


@pytest.fixture
def work():
    return Work(new_game(rules_for("default"), 7))


def run(work, effects, self_f="", target="", cause="a test"):
    compiled = work.rules.effects([Effect(**e) for e in effects], "territory")
    return compiled, work.run(compiled, self_f, target, cause)


def slot(work, name):
    return work.rules.slots[name]


def test_effects_apply_in_order_each_seeing_the_last(work):
    trust = slot(work, "faction.gna.trust")
    work.vals[trust] = 40.0
    _, changes = run(work, [{"target": "faction.gna.trust", "add": 10},
                            {"target": "faction.gna.trust", "add": "faction.gna.trust / 2"}])
    assert work.vals[trust] == 75.0
    assert [(c[1], c[2]) for c in changes] == [(40.0, 50.0), (50.0, 75.0)]


def test_meters_are_held_to_their_bounds_and_a_non_change_is_not_recorded(work):
    trust = slot(work, "faction.gna.trust")
    work.vals[trust] = 95.0
    _, changes = run(work, [{"target": "faction.gna.trust", "add": 30, "why": "a summit"},
                            {"target": "faction.gna.trust", "add": 5}])
    assert work.vals[trust] == 100.0
    assert changes == [(trust, 95.0, 100.0, "a summit")]  # the second changed nothing


def test_when_skips_an_effect_and_reasons_fall_back_to_the_cause(work):
    escalation = slot(work, "world.escalation")
    work.vals[escalation] = 10.0
    _, changes = run(work, [{"target": "world.escalation", "add": 50,
                             "when": "world.escalation > 20"},
                            {"target": "world.escalation", "set": 30}], cause="the upkeep")
    assert work.vals[escalation] == 30.0 and isinstance(work.vals[escalation], float)
    assert changes == [(escalation, 10.0, 30.0, "the upkeep")]


def test_self_other_and_target_name_the_acting_side_its_opponent_and_the_target(work):
    rules = work.rules
    sirte = rules.controller_slot["sirte"]
    before_gna = work.vals[slot(work, "faction.gna.trust")]
    before_lna = work.vals[slot(work, "faction.lna.trust")]
    _, changes = run(work, [{"target": "faction.self.trust", "add": -200},
                            {"target": "faction.other.trust", "add": 3},
                            {"target": "target.controller", "set": "gna"}],
                     self_f="gna", target="sirte")
    assert work.vals[slot(work, "faction.gna.trust")] == 0.0  # held to the meter's minimum
    assert work.vals[slot(work, "faction.lna.trust")] == before_lna + 3
    assert work.vals[sirte] == "gna"
    assert [c[0] for c in changes] == [slot(work, "faction.gna.trust"),
                                      slot(work, "faction.lna.trust"), sirte]
    assert changes[0][1] == before_gna


def test_an_issue_effect_reopens_an_agreed_issue(work):
    rules = work.rules
    k = 0
    work.vals[rules.issue_slot[k]] = rules.options[k][-1]
    _, changes = run(work, [{"target": f"issue.{rules.issues[k]}.agreed", "set": False}])
    assert work.vals[rules.issue_slot[k]] == ""
    assert changes[0][2] == ""


def test_constant_divisors_and_clamps_are_written_out_but_division_by_zero_still_gives_zero(work):
    rules = work.rules
    work.vals[slot(work, "world.covid")] = 12.0
    ctx = work.ctx()
    assert rules.expr("world.covid / 4")(ctx) == 3.0
    assert rules.expr("world.covid / 0")(ctx) == 0.0
    assert rules.expr("world.covid / (world.covid - 12)")(ctx) == 0.0
    assert rules.expr("clamp(world.covid * 10, 0, 100)")(ctx) == 100.0
    assert rules.expr("clamp(clamp(world.covid, 0, 5) - 9, 0, 100)")(ctx) == 0.0
    assert rules.expr("clamp(world.covid, 0, 100) + clamp(1, 2, 3)")(ctx) == 14.0


def test_the_first_ending_that_holds_is_the_one_reported(work):
    first = work.rules.first_true(["world.covid > 1000", "world.covid >= 0", True])
    assert first(work.ctx()) == 1
    assert work.rules.first_true(["false", False])(work.ctx()) == -1


@pytest.mark.parametrize("policy", ["scenario", "random", "hardline"])
def test_simulated_games_equal_the_same_choices_applied_through_the_checked_api(policy):
    """play() skips re-checking the AI's moves; applying them through apply() (which would
    raise on an illegal one) must give the very same game."""
    rules = rules_for("default")
    plan = strategies_for(rules, policy)
    for seed in range(6):
        fast = play(rules, seed, policy)
        state = new_game(rules, seed)
        while state.outcome is None:
            strategy, params = plan[state.role]
            action, why = choose(state, strategy=strategy, params=params)
            state = apply(state, action, why)
        assert state == fast


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_territory_held_is_each_side_s_values_summed_whatever_the_map(data):
    """The refresh remembers the sums for each map it has seen: any map, seen or new, still
    gives each faction the values of exactly what it controls (and nobody's territory none)."""
    rules = rules_for("default")
    w = Work(new_game(rules, 3))
    for _ in range(3):  # several maps in a row: a remembered one must not stick
        owners = data.draw(st.lists(st.sampled_from(rules.factions + ["nobody"]),
                                    min_size=len(rules.territory_values),
                                    max_size=len(rules.territory_values)))
        for (s, _), owner in zip(rules.territory_values, owners):
            w.vals[s] = owner
        rules.stage_run(w.ctx(), w.vals)
        for f in rules.factions:
            expected = 0.0
            for (_, value), owner in zip(rules.territory_values, owners):
                if owner == f:
                    expected += value
            assert w.vals[rules.fs[f]["territory"]] == expected


def test_ripeness_and_reservation_follow_the_formula_and_stay_within_0_100(work):
    rules = work.rules
    f = rules.factions[0]
    fs = rules.fs[f]
    r = rules.s.ripeness
    for hurt, prospects, batna in [(80.0, 10.0, 60.0), (0.0, 100.0, 5.0), (100.0, 0.0, 150.0)]:
        work.vals[fs["hurt"]], work.vals[fs["prospects"]] = hurt, prospects
        work.vals[fs["batna"]] = batna
        rules.ripeness_run(work.vals, 7.0, None, frozenset({f}))
        ripeness = 100.0 * r.stalemate * hurt / 100.0 * (1.0 - prospects / 100.0) + 7.0
        assert work.vals[fs["ripeness"]] == pytest.approx(ripeness)
        assert work.vals[fs["reservation"]] == pytest.approx(
            max(0.0, min(100.0, batna - r.discount * ripeness)))
        assert work.vals[fs["accepted"]] is True
        assert work.vals[rules.fs[rules.factions[1]]["accepted"]] is False


@pytest.mark.parametrize("formula, alone", [
    ("clamp(faction.gna.trust * 3 - 50, 0, 100)", True),
    ("clamp(faction.gna.trust * 3 - 50, 10, 90)", True),
    ("clamp(faction.gna.trust * 3 - 50, 0, 120)", False),  # could leave 0-100
    ("clamp(faction.gna.trust * 3 - 50, 0, 100) + 5", False),
    ("faction.gna.trust * 3 - 50", False)])
def test_a_stage_that_clamps_itself_within_0_100_is_not_clamped_again(work, formula, alone):
    """A stage formula is held to 0-100 after it is worked out, unless it already clamps itself
    within those bounds (then the second clamp is left out of the generated refresh): either
    way every trust gives the value of the formula held to 0-100."""
    from game.engine.fusing import clamped_within
    from game.engine.fusing import fuse_stages

    rules = work.rules
    assert clamped_within(formula, 0.0, 100.0) is alone
    bindings: dict = {}
    source = rules.expr_source(formula, None, bindings)
    out = rules.fs["lna"]["hurt"]
    stage = fuse_stages([], [], {}, [(out, source, clamped_within(formula, 0.0, 100.0))],
                        bindings)
    assert ("value = " not in stage.source) is alone
    lo, hi, add = {"clamp(faction.gna.trust * 3 - 50, 10, 90)": (10.0, 90.0, 0.0),
                   "clamp(faction.gna.trust * 3 - 50, 0, 120)": (0.0, 120.0, 0.0),
                   "clamp(faction.gna.trust * 3 - 50, 0, 100) + 5": (0.0, 100.0, 5.0),
                   "faction.gna.trust * 3 - 50": (-1e9, 1e9, 0.0)}.get(formula, (0.0, 100.0, 0.0))
    for trust in (0.0, 5.0, 20.0, 33.0, 49.5, 70.0, 100.0):
        work.vals[rules.fs["gna"]["trust"]] = trust
        stage(work.ctx(), work.vals)
        expected = max(0.0, min(100.0, max(lo, min(hi, trust * 3 - 50)) + add))
        assert work.vals[out] == pytest.approx(expected)
        assert isinstance(work.vals[out], float)


def test_the_refresh_sets_each_side_s_value_of_what_is_signed(work):
    """The value of what is signed, worked out once per agreement (Rules.agreed_values), is
    each faction's utility of the agreed package, and the refresh stores it per faction."""
    rules = work.rules
    k = rules.issues.index("prisoners")
    option = next(o for o in rules.options[k] if o != rules.status_quo[k])
    work.vals[rules.issue_slot[k]] = option
    values = rules.agreed_values(work.vals)
    assert values == tuple(rules.utility(f, rules.agreed(work.vals)) for f in rules.factions)
    assert values != rules.agreed_values(tuple(rules.initial))  # another agreement, other values
    rules.ripeness_run(work.vals, 0.0, values, frozenset())
    for f, value in zip(rules.factions, values):
        assert work.vals[rules.fs[f]["utility"]] == value


def test_fused_code_reads_its_own_vals_but_never_inside_an_authors_string():
    """Generated functions read ``vals[...]`` (the list every caller passes as ``c.vals``);
    a string constant that happens to spell ``c.vals[`` is an author's text and stays."""
    from game.engine.fusing import local

    source = "((c.vals[3] == 'c.vals[4]') and (c.vals[5] != \"it's c.vals[\"))"
    assert local(source) == "((vals[3] == 'c.vals[4]') and (vals[5] != \"it's c.vals[\"))"
    rules = rules_for("default")
    for run in (rules.stage_run, rules.events_run, rules.upkeep.run):
        body = run.source.split("\n", 1)[1]
        assert "vals[" in body and "c.vals[" not in body, body[:200]
