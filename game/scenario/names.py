"""The names an expression may use in a scenario, and their types.

Names are dotted paths into the game's state::

    turn  day  date  turns_left  deadline_passed  venue
    faction.<id>.<meter>   .ripeness .reservation .batna .hurt .prospects
                 .territory .utility .away (numbers)  .at_table .accepted (conditions)
    backer.<id>.support .leverage .tolerance .<meter>
    territory.<id>.controller (a faction)  .value
    world.<meter>
    issue.<id>.agreed (condition)  .option (an option id)
    event.<id>.fired (times)  .since (turns since it last fired; 999 if never)
    table.proposal (condition)  .agreed .signed .deadline (turns to the mediator's deadline)
    <faction id>  "text"  true  false  numbers

Inside an action: ``self`` and ``other`` (the acting delegation's faction and its opponent;
``faction.self.trust``), and ``target`` (what the action is aimed at; ``target.controller``).
"""

from __future__ import annotations

import re
import datetime
from dataclasses import dataclass

from game.scenario.errors import closest, did_you_mean, one_of
from game.scenario.expr import BOOL, NUMBER, TEXT, ExprError
from game.scenario.model import Scenario

FACTION_DERIVED = ("ripeness", "reservation", "batna", "hurt", "prospects", "territory",
                   "utility", "away")
FACTION_FLAGS = ("at_table", "accepted")
BACKER_FIXED = ("support", "leverage", "tolerance")
ROOTS = ("faction", "backer", "territory", "world", "issue", "event", "table")
BARE = {"turn": NUMBER, "day": NUMBER, "turns_left": NUMBER, "date": "date",
        "deadline_passed": BOOL, "venue": "venue"}
TABLE = {"proposal": BOOL, "agreed": NUMBER, "signed": NUMBER, "brokered": NUMBER,
         "deadline": NUMBER}
RESERVED = set(ROOTS) | set(BARE) | {"self", "other", "target", "true", "false", "and", "or",
                                     "not", "min", "max", "abs", "clamp", "round", "if", "pass"}
# Faction formulas are computed in this order each turn; each may read only earlier stages.
STAGES = ("hurt", "prospects", "batna", "looming", "ripeness", "reservation")


@dataclass(frozen=True)
class Context:
    """Where an expression stands, which decides the extra names it may use."""

    actor: bool = False  # inside a delegation's action: self/other
    target: str | None = None  # inside an action with a target: its kind
    derived: str | None = None  # a faction formula ("hurt", "prospects", "batna", "looming")


class Names:
    """The namespace of one scenario: answers the expression checker's questions."""

    def __init__(self, scenario: Scenario, ctx: Context = Context()):
        self.s = scenario
        self.ctx = ctx

    def with_context(self, ctx: Context) -> "Names":
        return Names(self.s, ctx)

    # -- the Namespace protocol ---------------------------------------------------------------
    def type_of(self, parts: tuple[str, ...]) -> str:
        head, rest = parts[0], parts[1:]
        if not rest:
            return self._bare(head)
        if head == "target" and self.ctx.target:
            return self._member(self.ctx.target, "target", rest)
        if head in ROOTS:
            if head == "table":
                return self._pick("table", rest, TABLE)
            entity = rest[0]
            known = self._entities(head)
            if head == "faction" and self.ctx.actor and entity in ("self", "other"):
                pass
            elif head == "faction" and self.ctx.target == "faction" and entity == "target":
                pass
            elif head in ("backer", "territory") and self.ctx.target == head and entity == "target":
                pass
            elif entity not in known:
                ids = (f"the {head} ids are {one_of(known)}" if known else
                       f"this scenario defines no {head} at all")
                if entity in ("self", "other", "target") and head in (
                        "faction", "backer", "territory") and not self.ctx.actor and \
                        not self.ctx.target:  # (outside any action; inside one, the generic
                    # words below: a review found 'not here' said inside an action)
                    # (an author's playtest: 'there is no faction other' in an event)
                    raise ExprError(f"'{head}.{entity}' means a side of a move (the one making "
                                    "it, the other, or its target): it works in an action's "
                                    f"condition, chance and effects, not here; name the {head} "
                                    f"instead ({ids})", part=1)
                error = ExprError(f"there is no {head} '{entity}'"
                                  f"{did_you_mean(entity, known)}; " + ids, part=1)
                error.missing = (head, entity)  # (the checks skip one whose entry was refused)
                raise error
            if len(rest) < 2 and head != "world":
                raise ExprError(f"'{head}.{entity}' needs a field, e.g. "
                                f"'{head}.{entity}.{self._fields(head, entity)[0]}'")
            if head == "world":
                if len(rest) != 1:
                    raise ExprError(f"'world.{entity}' is a number; it has no fields")
                return NUMBER
            return self._member(head, entity, rest[1:])
        candidates = list(BARE) + list(ROOTS) + list(self.s.factions) + (
            ["self", "other"] if self.ctx.actor else []) + (["target"] if self.ctx.target else [])
        raise ExprError(f"unknown name '{'.'.join(parts)}'{did_you_mean(head, candidates)}")

    def check_literal(self, kind: str, value: str) -> str | None:
        if kind == "date":
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):  # (written right, no such day)
                    return f"'{value}' is written as a date, but there is no such day"
                return f"'{value}' is not a date; write it as \"2020-10-23\""
            return None
        if kind.startswith("option:"):
            issue = kind[7:]
            known = list(self.s.agenda[issue].options)
            what = f"an option of issue '{issue}'"
        else:
            known = list(self._entities(kind))
            what = f"a {kind} id"
        if value not in known:
            return f"'{value}' is not {what}{did_you_mean(value, known)}; use {one_of(known)}"
        return None

    # -- helpers ------------------------------------------------------------------------------
    def _bare(self, name: str) -> str:
        if name in BARE:
            return BARE[name]
        if name in ("self", "other"):
            if self.ctx.actor:
                return "faction"
            raise ExprError(f"'{name}' only means something in a delegation's action")
        if name == "target":
            if self.ctx.target:
                return self.ctx.target
            raise ExprError("'target' only means something in an action that has a target")
        if name in self.s.factions:
            return "faction"
        if name in ROOTS:
            raise ExprError(f"'{name}' needs an id and a field, e.g. '{self._example(name)}'")
        if name.lower() in ("yes", "no", "on", "off", "y", "n"):
            raise ExprError(f"unknown name '{name}': write true or false (this file is read as "
                            "YAML 1.2, where yes/no/on/off are text)")
        words = self._words()  # option and venue ids: values, written in quotes
        if name in words:
            raise ExprError(f"unknown name '{name}'; an option or a venue is text here: quote "
                            f"it, '{name}'")
        candidates = list(BARE) + list(self.s.factions) + list(ROOTS)
        close = closest(name, [*candidates, *sorted(words)])
        hint = f" (did you mean '{close}'?)" if close else ""
        if close in words and close not in candidates:
            hint += f"; an option or a venue is text here: quote it, '{close}'"
        if not hint:
            for root in ("territory", "backer", "issue", "event", "world"):
                if name in self._entities(root):
                    hint = f" (did you mean '{self._example(root, name)}'?)"
                    break
        raise ExprError(f"unknown name '{name}'{hint}")

    def ids_of(self, kind: str) -> list[str]:
        """The ids an id-typed value (``faction``, ``venue``, ``option:<issue>``) can take."""
        if kind.startswith("option:"):
            return list(self.s.agenda[kind[7:]].options)
        return self._entities(kind)

    def _words(self) -> set[str]:
        """Ids that are values, not names: every issue's options and the venues."""
        return {o for issue in self.s.agenda.values() for o in issue.options} | set(self.s.venues)

    def _entities(self, root: str) -> list[str]:
        s = self.s
        return list({"faction": s.factions, "backer": s.backers, "territory": s.territories,
                     "world": s.world, "issue": s.agenda, "event": s.events,
                     "venue": s.venues}.get(root, {}))

    def _fields(self, root: str, entity: str) -> list[str]:
        s = self.s
        if root == "faction":
            meters = list(s.factions[entity].meters) if entity in s.factions else (
                self._common_faction_meters())
            return meters + list(FACTION_DERIVED) + list(FACTION_FLAGS)
        if root == "backer":
            extra = list(s.backers[entity].meters) if entity in s.backers else []
            return list(BACKER_FIXED) + extra
        return {"territory": ["controller", "value"], "issue": ["agreed", "option"],
                "event": ["fired", "since"]}.get(root, [])

    def _common_faction_meters(self) -> list[str]:
        sets = [set(f.meters) for f in self.s.factions.values()]
        common = set.intersection(*sets) if sets else set()
        first = next(iter(self.s.factions.values()), None)
        return [m for m in (first.meters if first else []) if m in common]

    def _member(self, root: str, entity: str, rest: tuple[str, ...]) -> str:
        fields = self._fields(root, entity)
        name = rest[0]
        if len(rest) > 1:
            raise ExprError(f"'{root}.{entity}.{name}' has no field '{rest[1]}'", part=3)
        if name not in fields:
            raise ExprError(f"{root} '{entity}' has no field '{name}'"
                            f"{did_you_mean(name, fields)}; its fields are {one_of(fields, 20)}",
                            part=2)
        if root == "faction":
            if name in FACTION_FLAGS:
                return BOOL
            if self.ctx.derived and name in STAGES and (
                    STAGES.index(name) >= STAGES.index(self.ctx.derived)):
                raise ExprError(f"'faction.{entity}.{name}' cannot be used in a "
                                f"'{self.ctx.derived}' formula: it is computed after it "
                                f"(the order is {', '.join(STAGES)})")
            return NUMBER
        if root == "territory" and name == "controller":
            return "faction"
        if root == "issue":
            if name == "agreed":
                return BOOL
            return f"option:{entity}" if entity != "target" else TEXT
        return NUMBER

    def _pick(self, root: str, rest: tuple[str, ...], table: dict[str, str]) -> str:
        if len(rest) != 1 or rest[0] not in table:
            name = rest[0]
            raise ExprError(f"'{root}' has no field '{'.'.join(rest)}'"
                            f"{did_you_mean(name, table)}; its fields are {one_of(table)}",
                            part=1)
        return table[rest[0]]

    def _example(self, root: str, entity: str | None = None) -> str:
        entity = entity or next(iter(self._entities(root)), "id")
        if root == "world":
            return f"world.{entity}"
        if root == "table":
            return "table.proposal"
        fields = self._fields(root, entity) if entity in self._entities(root) else ["..."]
        return f"{root}.{entity}.{fields[0]}"

    # -- writable targets ---------------------------------------------------------------------
    def target_type(self, dotted: str) -> tuple[str, str | None]:
        """(type, error) of an effect target such as ``faction.gna.trust``."""
        parts = tuple(dotted.split("."))
        if parts == ("venue",):
            return "venue", None
        if any(not p for p in parts):
            return "", f"'{dotted}' is not a dotted name such as '{self._example('faction')}'"
        try:
            t = self.type_of(parts)
        except ExprError as exc:
            return "", exc.message
        root = parts[0]
        field = parts[-1]
        ok = ((root == "faction" and len(parts) == 3 and (field == "at_table"
                                                          or field not in FACTION_DERIVED
                                                          and field not in FACTION_FLAGS))
              or (root == "backer" and len(parts) == 3 and field not in ("leverage", "tolerance"))
              or (root == "world" and len(parts) == 2)
              or (root == "territory" and field == "controller")
              or (root == "issue" and field == "agreed")
              or (root == "target" and self.ctx.target in ("territory", "backer")
                  and field in ("controller", "support")))
        if not ok:
            return "", (f"'{dotted}' cannot be changed by an effect; effects change meters, "
                        "'territory.<id>.controller', 'faction.<id>.at_table', "
                        "'issue.<id>.agreed' and 'venue'")
        return t, None
