"""Shared fixtures: paths to the repository's scenarios and test files."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEFAULT = SCENARIOS / "libya-5plus5-2020.yaml"


@pytest.fixture(scope="session")
def default_loaded():
    from game.scenario.loader import load_scenario

    return load_scenario(DEFAULT)


@pytest.fixture(scope="session")
def minimal_loaded():
    from game.scenario.loader import load_scenario

    return load_scenario(FIXTURES / "minimal.yaml")
