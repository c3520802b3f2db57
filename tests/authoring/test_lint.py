"""``ceasefire lint``: one fixture per finding, each positioned, with severity and method."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from game.authoring.lint import lint_file
from tests.conftest import FIXTURES, ROOT

LINT = FIXTURES / "lint"

# file, line, severity, words, and whether static or simulated
CASES = [
    ("never_event.yaml", 170, "error", ["event 'skirmish' can never fire",
                                        "world.escalation stays within 0..100"], "static"),
    ("never_ending.yaml", 188, "error", ["ending 'war' can never be reached"], "static"),
    ("always_ending.yaml", 188, "error", ["holds from the start"], "static"),
    ("never_action.yaml", 140, "error", ["action 'walk_out' is never legal"], "static"),
    ("unweighted_issue.yaml", 118, "warning", ["no faction cares about issue 'prisoners'"],
     "static"),
    ("markup_text.yaml", 11, "warning", ["looks like console markup", "[bold]"], "static"),
    ("control_text.yaml", 160, "error", ["control characters"], "static"),
    ("empty_zone.yaml", 98, "error", ["empty bargaining zone"], "simulated"),
    # from an author's playtest: each passed lint before
    ("no_accept.yaml", 31, "error", ["delegation 'hill' has no 'accept' action",
                                     "nothing can ever be agreed"], "static"),
    ("one_ending.yaml", 179, "warning", ["every game ends the same way (ending 'peace'",
                                         "see 'Tuning' in the guide"], "simulated"),
    ("no_time_ending.yaml", 178, "info", ["run out of time with no ending",
                                          "'deadline_passed'"], "simulated"),
    ("score_out_of_range.yaml", 184, "warning", ["always outside 0-100 (from 160 to 660)",
                                                 "capped", "clamp(..., 0, 100)"], "static"),
    ("probability_above_one.yaml", 169, "warning", ["sometimes above 1 (up to 2)",
                                                    "clamp(..., 0, 1)"], "static"),
    ("binding_status_quo.yaml", 99, "info", ["faction 'hill' values the status quo of binding "
                                             "issue 'ceasefire' above every other option"],
     "static"),
]


@pytest.mark.parametrize("name,line,severity,words,how", CASES, ids=[c[0] for c in CASES])
def test_lint_finding(name, line, severity, words, how):
    problems = lint_file(LINT / name, runs=60)
    found = [p for p in problems if all(w in p.message for w in words)]
    assert found, "\n".join(map(str, problems))
    assert found[0].line == line and found[0].severity == severity
    assert f"({how}" in found[0].message


def test_every_lint_fixture_has_a_case():
    assert {c[0] for c in CASES} == {p.name for p in LINT.iterdir()}


def test_simulation_finds_what_never_happens():
    problems = lint_file(FIXTURES / "minimal.yaml", runs=60)
    never = [p for p in problems if "never reached" in p.message]
    assert any("'winter'" in p.message and "simulated:" in p.message for p in never)
    assert all(p.severity != "error" for p in problems)


@pytest.mark.parametrize("runs", [50, 61, 200])
def test_the_simulation_plays_as_many_games_as_asked(runs):
    """A teacher ran --runs 200 and read 'simulated: 201 games'."""
    problems = lint_file(FIXTURES / "minimal.yaml", runs=runs)
    said = {m.group(1) for p in problems
            for m in [re.search(r"simulated: (\d+) games", p.message)] if m}
    assert said == {str(runs)}


def test_dominated_option():
    problems = lint_file(FIXTURES / "minimal.yaml", runs=0)
    assert any("option 'truce' is dominated by 'lasting'" in p.message for p in problems)


def test_the_bundled_scenarios_have_no_lint_errors():
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        errors = [p for p in lint_file(path, runs=60) if p.severity == "error"]
        assert not errors, "\n".join(map(str, errors))


def test_exit_status():
    def run(path):
        return subprocess.run([sys.executable, "-m", "game", "lint", "--runs", "30", str(path)],
                              capture_output=True, text=True, cwd=ROOT, timeout=120)

    bad = run(LINT / "never_ending.yaml")
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert "never_ending.yaml:188:16: endings.war.condition:" in bad.stdout
    good = run(FIXTURES / "minimal.yaml")
    assert good.returncode == 0
    broken = run(FIXTURES / "bad" / "bad_reference.yaml")
    assert broken.returncode == 2 and "did you mean 'river'" in broken.stdout


def test_an_ending_without_scores_is_noted_and_the_required_field_text_has_no_rest_quotes(
        tmp_path):
    """An author's playtest: a failure ending without 'score' gave the idle mediator 50, as
    much as everyone; and '... e.g. ``libya-5plus5-2020``' in a missing-field message."""
    problems = lint_file(FIXTURES / "minimal.yaml", runs=0)
    noted = [p for p in problems if "gives no score to" in p.message]
    assert noted and all(p.severity == "info" and "they score 50" in p.message for p in noted)
    from game.scenario.errors import ScenarioError
    from game.scenario.loader import load_any

    path = tmp_path / "no_id.yaml"  # the id's description quotes an example
    path.write_text((FIXTURES / "minimal.yaml").read_text(encoding="utf-8").replace(
        "\nid: starter\n", "\n", 1), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_any(path)
    [missing] = [p for p in info.value.problems if "missing required field 'id'" in p.message]
    assert "``" not in missing.message and "'libya-5plus5-2020'" in missing.message
