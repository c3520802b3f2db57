"""Scenario data: pydantic models, strict YAML loading, the expression language, the schema.

This room imports neither the engine nor the UI. Its package namespace is lazy, so that a
light module (``game.scenario.yamlsafe``) can be used without importing pydantic: the TUI
draws its first frame before any model is built.
"""

from __future__ import annotations

from typing import Any

__all__ = ["LoadedScenario", "Problem", "ScenarioError", "load_scenario"]


def __getattr__(name: str) -> Any:
    if name in ("Problem", "ScenarioError"):
        from game.scenario import errors

        return getattr(errors, name)
    if name in ("LoadedScenario", "load_scenario"):
        from game.scenario import loader

        return getattr(loader, name)
    raise AttributeError(name)
