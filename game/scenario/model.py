"""The scenario format: one YAML file describes a whole negotiation.

The models document the format: every field has a docstring, and the JSON Schema generated from
them (``ceasefire schema``) carries those docstrings into editors. Structure is checked here;
cross-references and expressions are checked by :mod:`game.scenario.check`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from game.scenario.model_base import SCENARIO_ID_PATTERN, Base, Effect, Id, Meter, Text
from game.scenario.model_talks import ActionDef, AIConfig, Ending, Event, History, Issue
from game.scenario.model_world import (Backer, Calendar, Faction, MapArt, Ripeness, Role, Words,
                                       Territory, Venue)

ScenarioId = Annotated[str, StringConstraints(pattern=SCENARIO_ID_PATTERN, max_length=60)]


class Scenario(Base):
    """A negotiation: who sits at the table, what they want, and what can happen."""

    format: Literal[1]
    """Version of this file format. Write ``1``."""
    id: ScenarioId
    """Stable id of the scenario (saves refer to it), e.g. ``libya-5plus5-2020``."""
    title: str
    """Title on the title screen."""
    summary: Text
    """Two or three sentences: the situation and the player's task."""
    sources: str | None = None
    """Folder of source notes (relative to this file) whose facts ``sources`` lists cite,
    e.g. ``../seeds``."""
    calendar: Calendar
    """Start, turn length and deadline."""
    roles: dict[Id, Role]
    """The seats: one mediator and the delegations."""
    factions: dict[Id, Faction] = Field(min_length=2)
    """The parties at the table."""
    backers: dict[Id, Backer] = {}
    """Foreign powers behind the factions."""
    world: dict[Id, Meter] = {}
    """Meters of the world as a whole, e.g. ``escalation``; ``world.escalation`` names one."""
    territories: dict[Id, Territory] = {}
    """Places that can change hands."""
    map: MapArt | None = None
    """A text map for the TUI."""
    agenda: dict[Id, Issue] = Field(min_length=1)
    """The issues to negotiate."""
    ripeness: Ripeness = Ripeness()
    """How ripeness is computed from hurt, prospects, proposals and catastrophes."""
    words: Words = Words()
    """The words explanations use for the conflict (a war unless you say otherwise)."""
    venues: dict[Id, Venue] = {}
    """Where the talks can meet."""
    venue: Id | None = None
    """Venue at the start (one of ``venues``)."""
    upkeep: list[Effect] = []
    """Changes applied at the end of every turn (the cost of war, the pull of backers)."""
    actions: dict[Id, ActionDef]
    """What the roles can do. Every role can also always wait (``pass``)."""
    events: dict[Id, Event] = {}
    """What can happen."""
    endings: dict[Id, Ending] = Field(min_length=1)
    """How it can end, checked in this order."""
    ai: dict[Id, AIConfig] = {}
    """How the computer plays each role (role id → strategy). Unlisted roles play 'greedy'."""
    history: History | None = None
    """What really happened, for the debrief."""
    notes: Text = ""
    """Free notes for authors (never shown to players)."""


__all__ = ["Scenario", "Meter", "Text", "Effect"]
