"""``ceasefire simulate``: many AI-only games, a reproducible report, and the balance of the
default scenario (no single ending may swallow the game)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from game.engine import Action
from game.engine import simulate as simulation
from tests.conftest import ROOT
from tests.engine.helpers import rules_for


def ceasefire(*args: str):
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=300)


@pytest.fixture(scope="module")
def report_3():
    result = ceasefire("simulate", "--runs", "40", "--seed", "3", "--json")
    assert result.returncode == 0, result.stderr
    return result


def test_simulate_json_is_one_object_with_the_report(report_3):
    report = json.loads(report_3.stdout)  # the whole of stdout is one JSON object
    rules = rules_for("default")
    assert report["runs"] == 40
    assert sum(report["endings"].values()) == 40
    assert set(report["endings"]) <= set(rules.s.endings) | {"(time ran out)"}
    assert 1 <= report["mean_turns"] <= rules.max_turns + 1  # +1: see the off-by-one test
    assert set(report["events"]) == set(rules.s.events)
    assert all(isinstance(n, int) and n >= 0 for n in report["events"].values())
    assert report["events"]["berlin_summit"] == 40  # dated, unconditional: once a game
    assert set(report["issues_agreed"]) == set(rules.issues)
    assert all(0 <= n <= 40 for n in report["issues_agreed"].values())
    # each seat's mean score (a teacher preparing a class): the mean of the games' scores
    from game.engine.simulate import play

    assert set(report["mean_scores"]) == set(rules.roles)
    for role in rules.roles:
        scores = sorted(play(rules, 3 + n).outcome.scores[role] for n in range(40))
        assert report["mean_scores"][role] == round(sum(scores) / 40, 1)
        # and how far games differ (a teacher: the mean alone hid it): a quarter of the games
        # at most below the lower quartile, a quarter at most above the upper one
        low, middle, high = report["score_quartiles"][role]
        assert scores[0] <= low <= middle <= high <= scores[-1]
        assert sum(x < low - 0.05 for x in scores) <= 10 and \
            sum(x > high + 0.05 for x in scores) <= 10


def test_simulate_progress_goes_to_stderr_not_stdout(report_3):
    assert "simulating [" in report_3.stderr
    assert "simulating" not in report_3.stdout
    assert "Traceback" not in report_3.stderr


def test_the_same_seed_gives_the_same_report(report_3):
    again = ceasefire("simulate", "--runs", "40", "--seed", "3", "--json")
    assert again.stdout == report_3.stdout


def test_a_different_seed_gives_a_different_report(report_3):
    other = ceasefire("simulate", "--runs", "40", "--seed", "4", "--json")
    assert other.returncode == 0
    assert json.loads(other.stdout) != json.loads(report_3.stdout)


def test_simulate_plays_the_starter_scenario_by_path():
    result = ceasefire("simulate", str(ROOT / "tests" / "fixtures" / "minimal.yaml"),
                       "--runs", "10", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["scenario"] == "starter"


@pytest.mark.parametrize("args, words", [
    (("--policy", "nonsense"), "unknown policy 'nonsense'"),
    (("--runs", "0"), "--runs must be at least 1"),
    (("--transcript", "--json"), "does not go with --json"),
    (("--transcript", "--coverage"), "does not go with --coverage"),
    (("libya-5plus5",), "no bundled scenario has this id (did you mean 'libya-5plus5-2020'?)"),
])
def test_bad_simulate_options_exit_two_with_a_message(args, words):
    result = ceasefire("simulate", *args)
    assert result.returncode == 2
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_the_default_scenario_has_at_least_three_common_endings():
    """Balance: over 1,000 AI games (seed 0) at least three endings each happen in at least
    5% of the games."""
    rules = rules_for("default")
    report = simulation.simulate(rules, 1000, seed=0)
    common = {e: n for e, n in report["endings"].items() if n >= 50}
    assert len(common) >= 3, report["endings"]


def test_simulate_in_process_is_deterministic_and_counts_every_game():
    rules = rules_for("minimal")
    first = simulation.simulate(rules, 30, seed=5)
    assert first == simulation.simulate(rules, 30, seed=5)
    assert sum(first["endings"].values()) == 30
    assert first["runs"] == 30 and first["seed"] == 5


def test_simulate_hands_the_garbage_collector_back_as_it_found_it(monkeypatch):
    """Many games in a row freeze what outlives them (gc.freeze), and unfreeze it after, even
    when a game fails: a caller's own garbage is collected again afterwards."""
    import gc

    rules = rules_for("minimal")
    seen = []
    real_play = simulation.play

    def spy(*args, **kwargs):
        seen.append(gc.get_freeze_count())
        return real_play(*args, **kwargs)

    monkeypatch.setattr(simulation, "play", spy)
    simulation.simulate(rules, 2, seed=1)
    assert seen and min(seen) > 0  # frozen while the games ran
    assert gc.get_freeze_count() == 0

    def broken(*args, **kwargs):
        raise RuntimeError("a game failed")

    monkeypatch.setattr(simulation, "play", broken)
    with pytest.raises(RuntimeError):
        simulation.simulate(rules, 2, seed=1)
    assert gc.get_freeze_count() == 0


def test_games_that_run_out_the_clock_last_the_calendar_not_one_turn_more(monkeypatch):
    """BUG (off by one): a game that reaches the deadline is played over ``max_turns`` turns
    (the header counts "Turn 1 of 13" ... "Turn 13 of 13"), but ``simulate`` adds
    ``state.turn + 1`` and the final state's turn is already ``max_turns`` (the turn begun only
    to find the deadline passed), so ``mean_turns`` says 14 for the starter's 13 weeks."""
    rules = rules_for("minimal")
    monkeypatch.setattr(simulation, "choose",
                        lambda state, *_, **__: (Action(state.role, "pass"), "waits"))
    report = simulation.simulate(rules, 5, seed=0)
    assert report["endings"] == {"winter": 5}  # nobody moves: every game runs out the clock
    assert report["mean_turns"] == rules.max_turns


def test_transcript_prints_one_game_with_every_private_number():
    from game.engine.transcripts import transcript

    result = ceasefire("simulate", "--transcript", "--seed", "3")
    assert result.returncode == 0, result.stderr
    assert result.stdout == transcript(simulation.play(rules_for("default"), 3))
    assert "reservation" in result.stdout and "OUTCOME:" in result.stdout
    other = ceasefire("simulate", "--transcript", "--seed", "4")
    assert other.stdout != result.stdout


def test_the_report_counts_one_game_in_the_singular():
    rules = rules_for("minimal")
    one = simulation.format_report(rules, simulation.simulate(rules, 1, seed=2))
    two = simulation.format_report(rules, simulation.simulate(rules, 2, seed=2))
    assert "— 1 AI-only game from seed 2" in one and "— 2 AI-only games from seed 2" in two


def test_policy_help_names_every_policy():
    out = " ".join(ceasefire("simulate", "--help").stdout.split())
    from game.engine.simulate import POLICIES

    assert all(name in out for name in POLICIES)


def test_coverage_table_prints_whole_ending_names():
    from game.authoring.coverage import format_coverage

    rules = rules_for("default")
    counts = {e: 1 for e in rules.s.endings}
    text = format_coverage(rules, {"runs_per_policy": 6, "policies": {"scenario": counts},
                                   "never": {}})
    header, row = text.splitlines()[3:5]
    assert header.split() == list(rules.s.endings)
    assert any(len(e) > 12 for e in rules.s.endings)  # the names that were cut before
    for name in rules.s.endings:  # each rate sits under its own column's right edge
        end = header.index(name) + len(name)
        assert row[end - 1] == "%" and row[end - 2].isdigit()


def test_the_text_report_says_which_options_were_agreed_and_which_moves_made():
    rules = rules_for("default")
    report = simulation.simulate(rules, 20, 0)
    text = simulation.format_report(rules, report)
    for key, n in report["options_agreed"].items():
        issue, option = key.split("=", 1)
        label = rules.s.agenda[issue].options[option].label
        assert f"{n / 20 * 100:5.1f}%  {label}" in text, key
    for act, n in report["actions"].items():
        assert f"({act})" in text and f"{n:6d}  " in text
    spread = next(line for line in text.splitlines() if line.startswith("Middle half"))
    for role, (low, _, high) in report["score_quartiles"].items():
        assert f"{rules.s.roles[role].name} {low:.0f}-{high:.0f}" in spread


def test_games_that_run_out_of_time_are_named_once_in_the_report():
    """An author's playtest: '(time ran out) ((time ran out))'."""
    rules = rules_for("default")
    report = {**simulation.simulate(rules, 2, 0), "endings": {"(time ran out)": 2}}
    line = next(x for x in simulation.format_report(rules, report).splitlines()
                if "ran out" in x)
    assert line.lower().count("time ran out") == 1 and "no ending held" in line, line


def test_the_report_and_the_transcript_explain_themselves():
    """A teacher's playtest: event ids alone ('uae_airlift'), and bracketed numbers and
    'surplus ... demand ...' nobody explained."""
    rules = rules_for("default")
    text = simulation.format_report(rules, simulation.simulate(rules, 5, 0))
    assert "uae_airlift — " + rules.s.events["uae_airlift"].title in text
    result = ceasefire("simulate", "--transcript", "--seed", "3")
    head = "\n".join(result.stdout.splitlines()[:8])
    for word in ("hurt:", "prospects:", "no-deal:", "reservation:", "surplus =", "demand:"):
        assert word in head, word


def test_the_report_says_who_played_each_seat_and_which_events_happened():
    """A teacher's playtest: "policy 'scenario'" explained nothing, and nothing told the
    events of 2020 from the invented ones."""
    rules = rules_for("default")
    report = simulation.simulate(rules, 3, 0)
    lines = simulation.format_report(rules, report).splitlines()
    for role, (strategy, params) in rules.ai.items():
        assert report["strategies"][role] == {"strategy": strategy, "params": dict(params)}
        line = next(x for x in lines if x.startswith(f"  {rules.s.roles[role].name}: "))
        assert line.startswith(f"  {rules.s.roles[role].name}: {strategy} (")
        assert all(f"{k} {v:g}" in line for k, v in params.items())  # its settings, and
        assert " ".join(rules.s.ai[role].description.split()) in line  # the scenario's words
    greedy = simulation.simulate(rules, 1, 0, policy="greedy")
    assert {p["strategy"] for p in greedy["strategies"].values()} == {"greedy"}
    told = simulation.format_report(rules, greedy)  # (not the scenario's words for greedy)
    assert told.count(simulation.STRATEGIES["greedy"].help) == len(rules.roles)
    for eid, event in rules.s.events.items():
        line = next(x for x in lines if f"  {eid} — " in x)
        assert (f"%  H  {eid}" in line) == event.historical, line
    assert any(not e.historical for e in rules.s.events.values())


def test_quartiles_of_a_few_scores():
    """A review: taking the rank below gave [10, 90] a middle half of 10-10."""
    assert simulation.quartiles([]) == []
    assert simulation.quartiles([42.0]) == [42.0, 42.0, 42.0]
    assert simulation.quartiles([10.0, 90.0]) == [30.0, 50.0, 70.0]
    assert simulation.quartiles([40.0, 10.0, 30.0, 20.0]) == [17.5, 25.0, 32.5]
