"""Shared building blocks of the scenario format: ids, expressions, meters and effects."""

from __future__ import annotations

import datetime
from typing import Annotated, Union

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
SCENARIO_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"  # names a file too: hyphens allowed
NOTE_ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"  # a source note's id, also its file name
SOURCE_PATTERN = r"^[a-z0-9][a-z0-9-]*#[a-z0-9_]+$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=40)]
"""A stable id: lowercase letters, digits and underscores, starting with a letter.

Saves, transcripts and translations refer to ids, so rename one only on purpose."""

SourceRef = Annotated[str, StringConstraints(pattern=SOURCE_PATTERN)]
"""A citation of a fact in a source note: ``note-id#fact-id``, e.g. ``voa-2020-10-21#flights``."""

Expr = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
"""An expression in the scenario language, e.g. ``faction.gna.trust >= 40``."""

Condition = Union[bool, Expr]
"""A condition: ``true``, ``false`` or an expression that is true or false."""

Amount = Union[float, Expr]
"""A number, or an expression that gives a number."""

Probability = Union[Annotated[float, Field(ge=0, le=1)], Expr]
"""A probability from 0 to 1 (``0.25``: one in four), or an expression that gives one."""

Score = Union[Annotated[float, Field(ge=0, le=100)], Expr]
"""A score from 0 to 100, or an expression that gives one (capped to 0-100 in play)."""

Date = Annotated[datetime.date, Field(strict=False)]
"""A calendar date, written ``"2020-10-23"`` (quoted)."""

Text = Annotated[str, StringConstraints(max_length=4000)]


class Base(BaseModel):
    """Every scenario model: unknown keys are errors, types are strict, values immutable."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True,
                              use_attribute_docstrings=True, validate_default=False)


class Meter(Base):
    """A number the game tracks, kept between ``min`` and ``max``."""

    label: str
    """Short name shown to players, e.g. ``Trust``."""
    initial: float
    """Value at the start of the game."""
    min: float = 0
    """Lowest value; changes never push the meter below it."""
    max: float = 100
    """Highest value; changes never push the meter above it."""
    description: Text = ""
    """What the meter means, in a sentence, for the help screen and the authoring guide."""
    private: bool = False
    """When true only the owner's delegation (and nobody else) sees the value."""


class Effect(Base):
    """One change to the state: ``{target: faction.gna.trust, add: -10}``.

    ``target`` names a meter (``faction.gna.trust``, ``backer.turkey.support``,
    ``world.escalation``), a territory's controller (``territory.sirte.controller``), a
    delegation's seat (``faction.gna.at_table``) or an agreed issue (``issue.flights.agreed``,
    which can only be set to ``false``: the agreement on it breaks). Inside an action,
    ``faction.self`` and ``faction.other`` name the acting delegation and its opponent, and
    ``target`` the action's target.
    """

    target: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    """What changes, as a dotted name."""
    add: Amount | None = None
    """Add this amount (negative to subtract). Give ``add`` or ``set``, not both."""
    set: Union[bool, float, Expr, None] = None
    """Set to this value: a number, ``true``/``false``, or a faction id for a controller."""
    when: Condition | None = None
    """Apply the change only when this condition holds at that moment."""
    why: str = ""
    """Optional plain-words cause, shown in the game's "why?" explanations."""

    @model_validator(mode="after")
    def _one_change(self) -> "Effect":
        if (self.add is None) == (self.set is None):
            raise ValueError("give exactly one of 'add' or 'set'")
        return self
