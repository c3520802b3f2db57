"""``ceasefire new``: a valid, playable, lint-clean starter; never overwrites a file."""

from __future__ import annotations

import subprocess
import sys

from game.engine import load_rules
from game.engine.simulate import simulate
from game.scenario.loader import load_scenario
from tests.conftest import ROOT


def new(path):
    return subprocess.run([sys.executable, "-m", "game", "new", str(path)], capture_output=True,
                          text=True, cwd=ROOT, timeout=60)


def test_new_writes_a_playable_scenario(tmp_path):
    path = tmp_path / "mine.yaml"
    result = new(path)
    assert result.returncode == 0, result.stderr
    first = path.read_text().splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=file://")
    assert first.endswith("scenarios/schema.json")
    loaded = load_scenario(path)
    assert not loaded.warnings
    report = simulate(load_rules(path), 50, 0)
    assert sum(report["endings"].values()) == 50
    lint = subprocess.run([sys.executable, "-m", "game", "lint", "--runs", "30", str(path)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert lint.returncode == 0, lint.stdout


def test_new_never_overwrites(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("my precious work\n")
    result = new(path)
    assert result.returncode == 2 and "already exists" in result.stderr
    assert path.read_text() == "my precious work\n"
    assert [p.name for p in tmp_path.iterdir()] == ["mine.yaml"]  # no stray temp file


def test_new_into_a_missing_folder(tmp_path):
    result = new(tmp_path / "nope" / "x.yaml")
    assert result.returncode == 2 and "no folder" in result.stderr
