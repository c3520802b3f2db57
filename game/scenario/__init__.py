"""Scenario data: pydantic models, strict YAML loading, the expression language, the schema.

This room imports neither the engine nor the UI.
"""

from game.scenario.errors import Problem, ScenarioError
from game.scenario.loader import LoadedScenario, load_scenario

__all__ = ["LoadedScenario", "Problem", "ScenarioError", "load_scenario"]
