"""The world of a scenario: calendar, roles, factions, backers, territory, venues, map."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints, WithJsonSchema, model_validator

from game.scenario.colors import normalize_color
from game.scenario.model_base import (Amount, Base, Condition, Date, Effect, Expr, Id, Meter,
                                      SourceRef, Text)

# A CSS colour name (orange), one of Rich's (bright_red), or #rrggbb; loading makes it a form
# every renderer takes (see colors.py)
Color = Annotated[str, AfterValidator(normalize_color), WithJsonSchema({
    "type": "string", "pattern": r"^(#[0-9a-fA-F]{6}|[A-Za-z_0-9]+)$",
    "examples": ["orange", "teal", "bright_red", "#3b82f6"]})]


class Calendar(Base):
    """Dates of the game. A turn covers ``turn_days`` days; the game ends at ``deadline``.

    (That the deadline comes after the start is checked with the cross-references.)
    """

    start: Date
    """Date of the first turn, e.g. ``"2020-01-13"``."""
    turn_days: int = Field(ge=1, le=92)
    """Days one turn covers (7 = a week)."""
    deadline: Date
    """The last day: after the turn containing it, the deadline has passed."""


class Role(Base):
    """A seat a player (or the AI) can take: the mediator or one delegation."""

    name: str
    """Name shown on the title screen, e.g. ``UN mediator (UNSMIL)``."""
    kind: Literal["mediator", "delegation"]
    """``mediator`` proposes and persuades; a ``delegation`` speaks for one faction."""
    faction: Id | None = None
    """For a delegation, the faction it speaks for. A mediator has none."""
    people: list[str] = []
    """Real or invented people in this seat, e.g. ``Stephanie Williams (acting envoy)``."""
    brief: Text
    """The role's goals and private priorities, shown before play starts."""

    @model_validator(mode="after")
    def _faction(self) -> "Role":
        if self.kind == "delegation" and self.faction is None:
            raise ValueError("a delegation needs 'faction': the faction it speaks for")
        if self.kind == "mediator" and self.faction is not None:
            raise ValueError("a mediator speaks for no faction; remove 'faction'")
        return self


class Faction(Base):
    """A party at the table, with its meters and how it judges war and peace."""

    name: str
    """Full name, e.g. ``Government of National Accord``."""
    short: Annotated[str, StringConstraints(max_length=12)]
    """Short name for narrow screens, e.g. ``GNA``."""
    seat: str = ""
    """Where it sits, e.g. ``Tripoli``."""
    leaders: list[str] = []
    """Its leaders and spokespeople, for the briefing and the news."""
    description: Text = ""
    """Who they are and what they want, in a few sentences."""
    color: Color = "blue"
    """Colour of its name, charts and territory on the map: a CSS colour name (``orange``,
    ``teal``), one of Rich's (``bright_red``), or ``#rrggbb``."""
    meters: dict[Id, Meter]
    """Its meters, e.g. ``strength`` and ``trust``. ``faction.gna.trust`` names one."""
    hurt: Amount
    """0-100: how much carrying on the conflict costs it now (losses, blockade, epidemic)."""
    prospects: Amount
    """0-100: how likely it believes it is to win by force."""
    batna: Amount
    """0-100: what no agreement is worth to it now, on the same scale as the agenda's values."""
    stance: dict[Id, Id] = {}
    """Its opening public position: issue id → option id. Unlisted issues: its favourite."""
    sources: list[SourceRef] = []
    """Source facts this faction's description rests on."""


class Backer(Base):
    """A foreign power behind a faction, with interests of its own on the agenda."""

    name: str
    """E.g. ``Turkey``."""
    backs: Id
    """The faction it backs."""
    wants: Text
    """What it wants from the talks, in plain words (its values on the agenda say it in numbers)."""
    support: float = Field(ge=0, le=100)
    """0-100 at the start: how much it props up its faction. ``backer.turkey.support``."""
    leverage: float = Field(ge=0, le=100)
    """0-100: how much its faction depends on it (used by expressions such as ``batna``)."""
    veto: bool = False
    """When true, its faction will not sign a package this backer cannot tolerate."""
    tolerance: float = Field(default=40, ge=0, le=100)
    """Lowest value (0-100) of a package on the issues it cares about that it tolerates."""
    veto_support: float = Field(default=30, ge=0, le=100)
    """A backer can veto only while its support is at least this."""
    cut: float = Field(default=15, ge=0, le=100)
    """Support it withdraws when its faction signs a deal below its tolerance."""
    meters: dict[Id, Meter] = {}
    """Extra meters, if the scenario needs them."""
    sources: list[SourceRef] = []
    """Source facts for its role."""


class MapPoint(Base):
    """A place on the text map: column ``x`` and row ``y`` of the map's art."""

    x: int = Field(ge=0, le=200)
    """Column, counted from 0 at the left."""
    y: int = Field(ge=0, le=100)
    """Row, counted from 0 at the top."""


class Territory(Base):
    """A place that can change hands."""

    name: str
    """E.g. ``Sirte``."""
    controller: Id
    """The faction holding it at the start. ``territory.sirte.controller``."""
    value: float = Field(ge=0, le=100)
    """Strategic value 0-100; ``faction.gna.territory`` sums the values a faction holds."""
    description: Text = ""
    """Why it matters."""
    features: list[str] = []
    """Notable features, e.g. ``port``, ``oil terminals``."""
    front: bool = False
    """True when it lies on the front line (drawn as such on the map)."""
    at: MapPoint | None = None
    """Where its marker is drawn on the map (column ``x``, line ``y``, both from 0). The marker
    replaces the art character there: the holder's shape in its colour (``●``, ``■``, ``▲``,
    ``◆`` by the order of ``factions``, then the short name's initial; ``○`` for nobody),
    reversed on the front line."""
    sources: list[SourceRef] = []
    """Source facts about this place."""


class MapArt(Base):
    """A text map for the TUI: lines of art, with territories placed by ``at``."""

    art: list[str]
    """The lines of the map, top to bottom (plain characters; no markup)."""
    legend: str = ""
    """Text after the map's key (the key of holders' shapes and the front line is drawn for
    you), e.g. what the art's own symbols mean."""


class Venue(Base):
    """Where the talks meet: video calls, a city. The mediator can move them."""

    name: str
    """E.g. ``Geneva (in person)``."""
    description: Text = ""
    """What meeting here changes."""
    available: Condition = True
    """When the mediator can move the talks here."""
    each_turn: list[Effect] = []
    """Changes every turn the talks meet here."""


class Ripeness(Base):
    """How ripe the conflict is for settlement, per faction, 0-100 (after I. William Zartman).

    ``ripeness = 100 * (stalemate * hurt/100 * (1 - prospects/100)
    + way_out * [a proposal or a deadline stands]
    + catastrophe * [a catastrophe is recent or looming])``

    Ripeness lowers a faction's reservation value: ``reservation = batna - discount * ripeness``.
    """

    stalemate: float = Field(default=0.6, ge=0, le=1)
    """Weight of the mutually hurting stalemate: it hurts, and it cannot win."""
    way_out: float = Field(default=0.15, ge=0, le=1)
    """Weight of a way out: a proposal on the table or a deadline running."""
    catastrophe: float = Field(default=0.25, ge=0, le=1)
    """Weight of a recent (``window``) or looming catastrophe."""
    window: int = Field(default=2, ge=0, le=20)
    """Turns a catastrophe event keeps counting."""
    looming: Condition = False
    """When a catastrophe looms, e.g. ``world.escalation >= 70``."""
    discount: float = Field(default=0.3, ge=0, le=1)
    """Reservation points one point of ripeness removes."""

    @model_validator(mode="after")
    def _weights(self) -> "Ripeness":
        total = self.stalemate + self.way_out + self.catastrophe
        if total > 1.0 + 1e-9:
            raise ValueError(f"stalemate + way_out + catastrophe is {total:g}; "
                             "keep it at most 1 so that ripeness stays within 0-100")
        return self


Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]


class Words(Base):
    """The words the game's explanations use for what goes on while there is no deal: a war,
    unless the scenario says otherwise (a strike, a water dispute, a trade talk)."""

    conflict: Phrase = "the war"
    """What goes on while there is no deal, as a noun with its article: 'the costs of the war
    are biting', 'the war has moved since'. E.g. ``the strike``, ``the dispute``."""
    holding_out: Phrase = "fighting"
    """What a side does instead of agreeing, hoping to gain more: 'it still hopes to gain more
    by fighting'. E.g. ``staying out``, ``going to court``."""
    binding: Phrase = "the fighting"
    """What the binding issues settle, with its article: a package touching none of them
    'leaves the fighting alone'. E.g. ``the pay dispute``, ``the dam``."""


__all__ = ["Calendar", "Role", "Faction", "Backer", "MapPoint", "Territory", "MapArt", "Venue",
           "Ripeness", "Expr", "Words"]
