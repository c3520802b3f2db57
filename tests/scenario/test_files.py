"""The scenario folder: every file loads, points editors at the schema, and the schema is fresh."""

from __future__ import annotations

import pytest

from game.scenario.loader import load_scenario
from game.scenario.model import Scenario
from game.scenario.schema import schema_text
from game.scenario.sources import SourceNote
from tests.conftest import ROOT, SCENARIOS

FILES = sorted(SCENARIOS.glob("*.yaml"))


def test_there_are_scenarios():
    assert FILES


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_scenario_loads_and_points_at_the_schema(path):
    loaded = load_scenario(path)
    assert not [w for w in loaded.warnings if w.severity == "error"]
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=schema.json"


def test_seed_notes_point_at_their_schema():
    for path in (ROOT / "seeds").glob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../scenarios/sources.schema.json"


@pytest.mark.parametrize("kind,name", [("scenario", "schema.json"),
                                       ("sources", "sources.schema.json")])
def test_committed_schema_is_not_stale(kind, name):
    committed = (SCENARIOS / name).read_text(encoding="utf-8")
    assert committed == schema_text(kind), (
        f"scenarios/{name} is stale: run `ceasefire schema"
        f"{' --sources' if kind == 'sources' else ''} --output scenarios/{name}`")


@pytest.mark.parametrize("root", [Scenario, SourceNote])
def test_every_field_is_documented(root):
    from game.authoring.reference import _models

    for model in _models(root):
        assert model.model_config.get("extra") == "forbid", model
        for name, field in model.model_fields.items():
            assert field.description, f"{model.__name__}.{name} has no docstring"


def test_the_default_scenario_has_what_the_talks_need(default_loaded):
    s = default_loaded.scenario
    assert {"mediator", "gna", "lna"} <= set(s.roles)
    assert {b.backs for b in s.backers.values()} == {"gna", "lna"}
    assert {"turkey", "qatar", "italy", "uae", "egypt", "russia", "france"} <= set(s.backers)
    assert {"tripoli", "sirte", "al_asabaa"} <= set(s.territories)
    assert len(s.agenda) >= 8 and all(len(i.options) >= 3 for i in s.agenda.values())
    assert {"permanent_ceasefire", "partial", "collapse", "sirte_battle", "deadline"} <= set(
        s.endings)


@pytest.mark.parametrize("word", ["pass", "wait", "skip"])
def test_the_words_for_waiting_cannot_be_action_ids(tmp_path, word):
    from game.scenario.errors import ScenarioError

    text = (ROOT / "tests" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
    path = tmp_path / "s.yaml"
    path.write_text(text.replace("\n  propose: {label:", f"\n  {word}: {{label:", 1),
                    encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    line = 1 + text.split("\n  propose: {label:")[0].count("\n") + 1
    assert any(p.line == line and "is built in" in p.message for p in info.value.problems), \
        [str(p) for p in info.value.problems]
