"""docs/authoring.md: its examples validate, its complete example plays, its reference is fresh."""

from __future__ import annotations

import re

import pytest
import yaml

from game.authoring.reference import GUIDE, refreshed
from game.engine import load_rules
from game.engine.simulate import simulate
from game.scenario.loader import parse_model
from game.scenario.model import Scenario
from game.scenario.model_talks import ActionDef, Ending, Event, Issue
from game.scenario.model_world import Faction, Role, Words
from game.scenario.sources import SourceNote

TEXT = GUIDE.read_text(encoding="utf-8")
BLOCKS = re.findall(r"```yaml\n(.*?)```", TEXT, flags=re.S)
MODELS = {"Faction": Faction, "Role": Role, "Issue": Issue, "ActionDef": ActionDef,
          "Event": Event, "Ending": Ending, "SourceNote": SourceNote, "Words": Words}


def test_every_yaml_block_is_labelled():
    assert BLOCKS
    for block in BLOCKS:
        assert block.startswith(("# model: ", "# scenario: complete")), block[:60]


@pytest.mark.parametrize("block", [b for b in BLOCKS if b.startswith("# model: ")],
                         ids=lambda b: b.split("\n", 1)[0])
def test_fragment_validates_against_its_model(block):
    name = block.split("\n", 1)[0].split(": ", 1)[1].split(" (")[0].strip()
    if name == "Scenario-heading":
        data = yaml.safe_load(block)
        assert {"format", "id", "title", "summary", "calendar"} <= set(data)
        return
    parse_model(block, MODELS[name], f"docs fragment {name}")


def test_the_complete_example_validates_lints_and_plays(tmp_path):
    from game.authoring.lint import lint_file

    full = next(b for b in BLOCKS if b.startswith("# scenario: complete"))
    path = tmp_path / "harbour.yaml"
    path.write_text(full, encoding="utf-8")
    parse_model(full, Scenario, str(path))
    problems = lint_file(path, runs=60)
    assert not [p for p in problems if p.severity == "error"]
    # an example worth following: the AI does not always reach the same ending (an author
    # found the guide's own example ending in a truce in every game, as lint now warns)
    assert not [p for p in problems if "ends the same way" in p.message]
    report = simulate(load_rules(path), 100, 0)
    assert sum(report["endings"].values()) == 100
    assert sum(n >= 5 for n in report["endings"].values()) >= 2


def test_the_field_reference_is_up_to_date():
    assert TEXT == refreshed(TEXT), "run: python -m game.authoring.reference --write"


def test_every_model_field_appears_in_the_guide():
    from game.authoring.reference import _models

    for model in _models(Scenario):
        for name in model.model_fields:
            assert f"| `{name}` |" in TEXT, f"{model.__name__}.{name}"


def test_the_sample_error_is_what_validate_says_of_that_mistake(tmp_path):
    """An author's playtest: the guide showed 31:23 for the misspelt field; validate said 30:12
    (and pointed at the start of the name, not the typo)."""
    from game.scenario.errors import ScenarioError
    from game.scenario.loader import load_scenario

    sample = re.search(r"```text\n(harbour\.yaml:\d+:\d+: factions\.azul\.hurt: .*?); \.\.\.\n",
                       TEXT).group(1)
    full = next(b for b in BLOCKS if b.startswith("# scenario: complete"))
    path = tmp_path / "harbour.yaml"
    path.write_text(full.replace("faction.azul.weariness", "faction.azul.wearines", 1),
                    encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path, display="harbour.yaml")
    assert [str(p) for p in info.value.problems][0].startswith(sample)
