"""``ceasefire validate`` and ``ceasefire schema`` as an author meets them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from tests.conftest import FIXTURES, ROOT, SCENARIOS

LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<where>[^:]+): (?P<what>.+)$")


def ceasefire(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=60)


def test_valid_files_exit_zero():
    result = ceasefire("validate", str(SCENARIOS), str(ROOT / "seeds"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("ok: ") >= 7


def test_invalid_files_exit_two_with_positioned_lines_and_no_traceback():
    result = ceasefire("validate", str(FIXTURES / "bad"), str(SCENARIOS))
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    problems = [line for line in result.stdout.splitlines() if not line.startswith("ok: ")]
    assert len(problems) >= 25
    for line in problems:
        assert LINE.match(line), line
    assert "ok: " in result.stdout  # the good scenario is still reported as good


def test_a_user_can_fix_a_broken_copy_from_the_messages(tmp_path):
    """Break a copy of the default scenario three ways; the messages name the fix."""
    text = (SCENARIOS / "libya-5plus5-2020.yaml").read_text(encoding="utf-8")
    broken = (text.replace("    backs: lna\n    wants: A strong LNA", "    backs: lan\n"
                           "    wants: A strong LNA", 1)
              .replace('looming: "world.escalation >= 75"', 'looming: "world.escalaton >= 75"')
              .replace("  turn_days: 14", "  turn_days: fourteen"))
    (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    (tmp_path / "scen").mkdir()
    path = tmp_path / "scen" / "copy.yaml"
    path.write_text(broken, encoding="utf-8")
    out = ceasefire("validate", str(path)).stdout
    assert "'lan' is not a faction id (did you mean 'lna'?)" in out
    assert "unknown name 'world.escalaton'" in out or "did you mean 'escalation'" in out
    assert "calendar.turn_days: expected a whole number" in out
    path.write_text(text, encoding="utf-8")
    assert ceasefire("validate", str(path)).returncode == 0


def test_schema_prints_json(tmp_path):
    result = ceasefire("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "Scenario" and "factions" in schema["properties"]
    out = tmp_path / "s.json"
    assert ceasefire("schema", "--output", str(out)).returncode == 0
    assert json.loads(out.read_text()) == schema


def test_schema_output_to_a_folder_is_a_usage_error_that_writes_nothing(tmp_path):
    result = ceasefire("schema", "--output", str(tmp_path))
    assert result.returncode == 2 and "is a folder" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == [] and list(tmp_path.parent.glob(".*.tmp")) == []


def test_lint_refuses_a_negative_number_of_runs():
    result = ceasefire("lint", "--runs", "-3", str(SCENARIOS / "libya-5plus5-2020.yaml"))
    assert result.returncode == 2 and "--runs must be 0 or more" in result.stderr


def test_unknown_option_is_a_usage_error():
    result = ceasefire("validate")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_options_without_a_command_are_plays(tmp_path):
    """A new user types `ceasefire --seed 5 --role gna` (or a scenario file): that is `play`."""
    from game.cli import with_command

    assert with_command(["--seed", "5", "--role", "gna"]) == ["play", "--seed", "5", "--role",
                                                              "gna"]
    assert with_command(["mine.yaml"]) == ["play", "mine.yaml"]
    assert with_command(["simulate", "--runs", "3"]) == ["simulate", "--runs", "3"]
    assert with_command(["--version"]) == ["--version"] and with_command([]) == []
    result = subprocess.run([sys.executable, "-m", "game", "--plain", "--seed", "5", "--save",
                             str(tmp_path / "s.json")], input="", capture_output=True,
                            text=True, cwd=ROOT, timeout=60,
                            env={**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg")})
    assert result.returncode == 0, result.stderr
    assert "Turn 1" in result.stdout and (tmp_path / "s.json").exists()
