"""``ceasefire new``: a valid, playable, lint-clean starter; never overwrites a file."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

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
    assert loaded.scenario.id == "mine"  # its own id, not every starter's 'starter'
    from game.authoring.scaffold import scenario_id_of

    assert scenario_id_of("Harbour Talks") == "harbour-talks"
    assert scenario_id_of("__") == "" and scenario_id_of("Ünïcode talks") == "unicode-talks"
    report = simulate(load_rules(path), 50, 0)
    assert sum(report["endings"].values()) == 50
    # every ending scores every seat, as an example to follow (a teacher's playtest: the
    # starter simulated to 50 for every seat whatever happened, which taught nothing)
    for ending in loaded.scenario.endings.values():
        assert set(ending.score) == set(loaded.scenario.roles), ending.title
    assert len(set(report["mean_scores"].values())) > 1, report["mean_scores"]
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


@pytest.mark.parametrize(("name", "message"), [
    ("", "names no file"), (".", "names no file"), ("sub/", "names a folder"),
    ("mine.json", "name it"),
])
def test_new_refuses_a_name_that_is_no_scenario_file(tmp_path, name, message):
    result = subprocess.run([sys.executable, "-m", "game", "new", name], capture_output=True,
                            text=True, cwd=tmp_path, timeout=60)
    assert result.returncode == 2 and message in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_new_without_a_suffix_writes_a_yaml_file_others_can_read(tmp_path):
    result = new(tmp_path / "my-war")
    assert result.returncode == 0, result.stderr
    written = tmp_path / "my-war.yaml"
    assert f"Wrote {written}." in result.stdout
    umask = os.umask(0)
    os.umask(umask)
    assert written.stat().st_mode & 0o777 == 0o666 & ~umask  # not mkstemp's private 0600


@pytest.mark.parametrize(("name", "written"), [("X.YAML", "X.YAML"),
                                               ("geneva.talks", "geneva.talks.yaml")])
def test_new_keeps_every_part_of_the_name_it_is_given(tmp_path, name, written):
    """Review: 'x.YAML' was refused and 'geneva.talks' was told to be 'geneva.yaml'."""
    result = new(tmp_path / name)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / written).is_file()
