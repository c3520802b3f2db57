"""docs/teaching.md: every command it gives a teacher is one the game accepts, and every file
and tab it names exists."""

from __future__ import annotations

import re
import shlex

import pytest

from game.cli import _parser, with_command
from tests.conftest import ROOT

GUIDE = (ROOT / "docs" / "teaching.md").read_text(encoding="utf-8")
COMMANDS = sorted({c for c in re.findall(r"`(ceasefire[^`…]*)`", GUIDE)}  # ('…': a pattern)
                  | {c.strip() for c in re.findall(r"```sh\n(.+?)\n\s*```", GUIDE, re.S)})


def test_the_guide_gives_commands():
    assert len(COMMANDS) >= 5, COMMANDS


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_in_the_guide_parses(command, capsys):
    words = shlex.split(command)
    assert words[0] == "ceasefire"
    if len(words) == 2 and words[1] in ("validate", "lint"):  # (named in prose, without
        words.append("x.yaml")                                   # the file they need)
    try:
        _parser().parse_args(with_command(words[1:]))
    except SystemExit as exc:
        pytest.fail(f"{command!r}: {capsys.readouterr().err} (exit {exc.code})")


def test_the_files_and_tabs_the_guide_names_exist():
    for path in re.findall(r"`(tests/golden/[\w.]+)`", GUIDE):
        assert (ROOT / path).is_file(), path
    assert (ROOT / "docs" / "authoring.md").is_file()
    debrief = (ROOT / "game" / "tui" / "screens" / "debrief.py").read_text(encoding="utf-8")
    for tab in re.findall(r"\*(What really happened|Why\?)\*", GUIDE):
        where = debrief if tab != "Why?" else (
            ROOT / "game" / "tui" / "screens" / "talks.py").read_text(encoding="utf-8")
        assert f'"{tab}"' in where, tab


def test_the_guides_figures_are_what_simulate_reports_now():
    """A review: the guide quotes 1,000-game figures that a change of balance would leave
    behind (one commit this stop had already moved the February scenario's)."""
    from game.engine import load_rules
    from game.engine.simulate import simulate
    from game.paths import bundled_scenarios

    text = " ".join(GUIDE.split())
    scenarios = {p.stem: p for p in bundled_scenarios()}
    rules = load_rules(scenarios["libya-5plus5-2020"])
    report = simulate(rules, 1000, 0)
    scores = {r: round(v) for r, v in report["mean_scores"].items()}
    assert (f"the mean scores were: mediator {scores['mediator']}, GNA {scores['gna']}, "
            f"LNA {scores['lna']}.") in text
    assert f"lasts {round(report['mean_turns'])} turns on average" in text
    assert report["issues_agreed"]["foreign_forces"] == 0 and "(0 of 1,000)" in text
    feb = simulate(load_rules(scenarios["libya-geneva-feb-2020"]), 1000, 0)
    assert f"games it lasts {round(feb['mean_turns'])} turns on average" in text
