"""The AI counterparts a scenario can choose, and their parameters (data only).

The engine (:mod:`game.engine.ai`) implements the behaviour; this table is what an author can
write under ``ai:`` and what the authoring guide documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Param:
    default: float
    low: float
    high: float
    help: str


@dataclass(frozen=True)
class StrategySpec:
    roles: tuple[str, ...]
    help: str
    params: dict[str, Param] = field(default_factory=dict)


_ESCALATE = Param(0.3, 0, 1, "readiness (0-1) to launch an offensive when it thinks it can win")
_WALKOUT = Param(0.3, 0, 1, "readiness (0-1) to walk out when trust runs low or it is provoked")
_DEVALUE = Param(0, 0, 2, "reactive devaluation: points it asks above its demand, per point of "
                          "its trust below 50, before it signs a draft another delegation "
                          "tabled (none for the mediator's drafts)")

STRATEGIES: dict[str, StrategySpec] = {
    "hardline": StrategySpec(
        ("delegation",),
        "Signs only a clearly good deal; answers pressure with pressure.",
        {"margin": Param(8, 0, 50, "points above its reservation value a package must reach"),
         "escalate": Param(0.5, 0, 1, _ESCALATE.help), "walkout": Param(0.5, 0, 1, _WALKOUT.help),
         "devalue": _DEVALUE}),
    "conceder": StrategySpec(
        ("delegation",),
        "Starts high and lowers its demands as the deadline nears.",
        {"start": Param(25, 0, 60, "points above its reservation value it asks at first"),
         "beta": Param(1.5, 0.2, 5, "how early it concedes: above 1 early, below 1 late"),
         "escalate": Param(0.2, 0, 1, _ESCALATE.help), "walkout": _WALKOUT,
         "devalue": _DEVALUE}),
    "tit_for_tat": StrategySpec(
        ("delegation",),
        "Mirrors the other side: cooperates after cooperation, retaliates after provocation.",
        {"margin": Param(3, 0, 50, "points above its reservation value a package must reach"),
         "forgive": Param(0.1, 0, 1, "chance (0-1) it lets a provocation pass"),
         "escalate": _ESCALATE, "walkout": _WALKOUT, "devalue": _DEVALUE}),
    "facilitative": StrategySpec(
        ("mediator",),
        "Listens, builds trust and proposes balanced packages.",
        {"patience": Param(1, 0, 10, "turns it waits after a rejection before proposing again"),
         "shuttle": Param(0.5, 0, 1, "readiness (0-1) to hold private talks instead of waiting")}),
    "formulative": StrategySpec(
        ("mediator",),
        "Drafts packages, leans on backers and sets deadlines to force the pace.",
        {"patience": Param(0, 0, 10, "turns it waits after a rejection before proposing again"),
         "deadline_at": Param(0.6, 0, 1, "share of the calendar after which it sets a deadline"),
         "pressure": Param(0.5, 0, 1, "readiness (0-1) to lean on a blocking backer")}),
    "random": StrategySpec(
        ("mediator", "delegation"),
        "Picks any legal move at random (for testing a scenario's balance)."),
    "greedy": StrategySpec(
        ("mediator", "delegation"),
        "Takes whatever serves it best this turn, with no plan beyond it."),
}
