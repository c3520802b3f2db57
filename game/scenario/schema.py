"""JSON Schemas generated from the models, for editors (yaml-language-server) and authors."""

from __future__ import annotations

import json

from game.scenario.model import Scenario
from game.scenario.sources import SourceNote


def schema_text(kind: str = "scenario") -> str:
    """The JSON Schema of a scenario file (or of a source note), as stable, indented JSON."""
    model = {"scenario": Scenario, "sources": SourceNote}[kind]
    schema = model.model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
