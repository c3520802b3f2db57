"""The talks of a scenario: agenda, actions, events, endings, AI counterparts, history."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from game.scenario.model_base import (Base, Condition, Date, Effect, Id, Probability,
                                      Score, SourceRef, Text)

Value = Annotated[float, Field(ge=0, le=100)]


class Option(Base):
    """One way an agenda issue could be settled."""

    label: str
    """Short label, e.g. ``Permanent ceasefire, nationwide``."""
    text: Text = ""
    """The clause as it would read in a signed agreement (shown in the debrief)."""
    status_quo: bool = False
    """True for the option meaning "nothing agreed on this issue yet". Exactly one per issue."""
    values: dict[Id, Value]
    """What this option is worth (0-100) to each faction or backer that weighs the issue."""
    on_agree: list[Effect] = []
    """Changes when an agreement including this option is signed (e.g. the blockade ends)."""


class Issue(Base):
    """An item on the agenda, with its options and what each party cares about it."""

    name: str
    """E.g. ``Complete and permanent ceasefire``."""
    description: Text = ""
    """What is at stake."""
    weights: dict[Id, Annotated[float, Field(gt=0, le=100)]]
    """How much each faction or backer cares about this issue, relative to other issues."""
    options: dict[Id, Option]
    """The ways it can be settled, one of them the status quo."""
    binding: bool = False
    """True when agreeing on it gives up fighting over it (a ceasefire, a withdrawal). A
    package that changes a binding issue must beat a faction's reservation value (what war is
    still worth to it); one that changes only non-binding issues (a prisoner exchange, flights)
    need only beat what is already agreed, so confidence can be built while the war goes on."""
    sources: list[SourceRef] = []
    """Source facts that put this issue on the agenda."""

    @model_validator(mode="after")
    def _one_status_quo(self) -> "Issue":
        quo = [k for k, o in self.options.items() if o.status_quo]
        if len(quo) != 1:
            raise ValueError(f"needs exactly one option with 'status_quo: true' (has {len(quo)})")
        if len(self.options) < 2:
            raise ValueError("needs at least two options: the status quo and one agreement")
        return self


ActionKind = Literal["propose", "counter", "accept", "reject", "concede", "walk_out", "return",
                     "offensive", "consult", "shuttle", "pressure", "deadline", "venue", "other"]


class ActionDef(Base):
    """Something a role can do on its turn.

    ``kind`` gives the rules the engine applies; ``effects`` add the scenario's own changes.
    Kinds: ``propose`` (mediator: a package, one option per issue), ``counter`` (a delegation's
    own package), ``accept`` / ``reject`` (the package on the table), ``concede`` (soften one's
    public stance on one issue), ``walk_out`` / ``return``, ``offensive`` (take a territory; needs
    ``chance``), ``consult`` (ask one of one's backers), ``shuttle`` (mediator: private talks with
    a delegation), ``pressure`` (mediator: lean on a backer), ``deadline`` (mediator: ``turns``
    from now), ``venue`` (mediator: move the talks), ``other`` (only ``effects``).
    """

    label: str
    """Menu text, e.g. ``Walk out of the talks``."""
    description: Text = ""
    """What it does, in a sentence, for the help and the preview."""
    kind: ActionKind
    """Which rules apply (see above)."""
    roles: list[Id] = Field(min_length=1)
    """Role ids that may take it."""
    condition: Condition = True
    """When it is offered. ``faction.self`` / ``faction.other`` name the actor and opponent."""
    targets: Condition | None = None
    """For offensive/consult/shuttle/pressure/venue: which targets are offered
    (``target.controller != self``); by default every sensible one."""
    effects: list[Effect] = []
    """Changes applied when it is taken (after the kind's own rules)."""
    chance: Probability | None = None
    """Probability (0-1) that it succeeds; then ``on_success`` or ``on_failure`` apply."""
    on_success: list[Effect] = []
    """Changes when the chance succeeds (an offensive also takes the target)."""
    on_failure: list[Effect] = []
    """Changes when the chance fails."""
    turns: int | None = Field(default=None, ge=1, le=20)
    """For ``deadline``: how many turns from now."""
    sources: list[SourceRef] = []
    """Source facts behind this move."""

    @field_validator("turns")
    @classmethod
    def _turns_for_a_deadline(cls, turns: int | None, info: ValidationInfo) -> int | None:
        kind = info.data.get("kind")
        if turns is not None and kind is not None and kind != "deadline":
            raise ValueError(f"'turns' is only for a 'deadline' action (this one is "
                             f"'{kind}'); remove it")
        return turns

    @model_validator(mode="after")
    def _kind_fields(self) -> "ActionDef":
        if self.kind == "deadline" and self.turns is None:
            raise ValueError("a 'deadline' action needs 'turns'")
        if self.kind == "offensive" and self.chance is None:
            raise ValueError("an 'offensive' action needs 'chance' (0-1)")
        if self.chance is None and (self.on_success or self.on_failure):
            raise ValueError("'on_success'/'on_failure' need 'chance'")
        if self.targets is not None and self.kind not in TARGET_KIND:
            raise ValueError(f"a '{self.kind}' action has no target; remove 'targets'")
        return self


TARGET_KIND = {"offensive": "territory", "consult": "backer", "pressure": "backer",
               "shuttle": "faction", "venue": "venue"}
"""What ``target`` names for each kind of action that has one."""


class Event(Base):
    """Something that happens: on a date, when a condition holds, or by chance.

    Dated: give ``date`` (it fires in the turn containing it, if ``condition`` holds then).
    Conditional: give only ``condition``. Random: give ``probability`` (and maybe ``condition``,
    ``cooldown``, ``max_times``).
    """

    title: str
    """Headline for the news feed."""
    text: Text
    """The news item, in a sentence or two."""
    date: Date | None = None
    """For a dated event: when it happens."""
    condition: Condition | None = None
    """It fires only while this holds."""
    probability: Probability | None = None
    """For a random event: chance (0-1) each turn."""
    cooldown: int = Field(default=0, ge=0, le=100)
    """Turns after firing before it can fire again."""
    max_times: int = Field(default=1, ge=1, le=100)
    """How often it can fire in one game."""
    historical: bool
    """True if it happened (cite ``sources``); false for a counterfactual."""
    sources: list[SourceRef] = []
    """Source facts (required for historical events)."""
    catastrophe: bool = False
    """True if it is a shock that makes the parties feel the cost of war (raises ripeness)."""
    effects: list[Effect] = []
    """What it changes."""

    @model_validator(mode="after")
    def _kind(self) -> "Event":
        if self.date is None and self.condition is None and self.probability is None:
            raise ValueError("give a 'date', a 'condition' or a 'probability' so it can happen")
        if self.historical and not self.sources:
            raise ValueError("a historical event needs 'sources' (fact ids from seeds/)")
        if self.date is not None and self.probability is not None:
            raise ValueError("an event is dated or random, not both")
        return self


class Ending(Base):
    """A way the game can end. The first ending (in file order) whose condition holds wins."""

    title: str
    """E.g. ``A complete and permanent ceasefire``."""
    text: Text
    """What it means, for the debrief."""
    tone: Literal["success", "mixed", "failure"]
    """How the debrief presents it."""
    condition: Condition
    """When the game ends this way. ``deadline_passed`` is true once time is up."""
    score: dict[Id, Score] = {}
    """Score 0-100 per role id (an expression each); a role not listed scores 50."""
    sources: list[SourceRef] = []
    """Source facts, for endings that happened."""


Strategy = Literal["hardline", "conceder", "tit_for_tat", "facilitative", "formulative",
                   "random", "greedy"]


class AIConfig(Base):
    """How the computer plays a role nobody takes. See the authoring guide for parameters."""

    strategy: Strategy
    """Delegations: hardline, conceder, tit_for_tat; mediators: facilitative, formulative;
    any role: random, greedy."""
    params: dict[str, float] = {}
    """Strategy parameters, e.g. ``margin: 8``."""
    description: str = ""
    """How this counterpart behaves, in plain words (shown to the player)."""


class History(Base):
    """What really happened, for the debrief's comparison."""

    title: str
    """E.g. ``The Geneva agreement``."""
    date: Date
    """When it happened."""
    text: Text
    """A short account."""
    agreed: dict[Id, Id] = {}
    """Issue id → the option that was really agreed."""
    sources: list[SourceRef] = []
    """Source facts."""
