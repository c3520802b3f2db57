"""Checks a structurally valid scenario: cross-references, expressions, citations.

Everything found is collected (never just the first problem) and positioned with the file's
:class:`~game.scenario.yamlsafe.Positions`.
"""

from __future__ import annotations

import datetime
import re

from typing import Any, Iterable

from game.scenario import expr as ex
from game.scenario.errors import Problem, did_you_mean, one_of
from game.scenario.model import Scenario
from game.scenario.model_base import Effect
from game.scenario.model_talks import TARGET_KIND
from game.scenario.names import RESERVED, Context, Names
from game.scenario.strategies import STRATEGIES
from game.scenario.yamlsafe import Positions, where

MEDIATOR_KINDS = {"propose", "shuttle", "pressure", "deadline", "venue"}
DELEGATION_KINDS = {"counter", "accept", "reject", "concede", "walk_out", "return", "offensive",
                    "consult"}
EXPECT_WORDS = {ex.BOOL: "a condition (true or false)", ex.NUMBER: "a number"}


class Checker:
    def __init__(self, scenario: Scenario, pos: Positions, citable: set[str] | None):
        self.s = scenario
        self.pos = pos
        self.citable = citable
        self.names = Names(scenario)
        self.problems: list[Problem] = []
        # ids whose definition validation refused and reported: a reference to one is not
        # another error (and is not followed further)
        self.broken = {path[1] for path in pos.dropped if len(path) == 2 and path[0] in (
            "roles", "factions", "backers", "territories", "agenda", "events", "venues",
            "actions", "endings")}
        # the same, by the kind an expression names them with ('issue', 'faction', ...): a
        # refused issue 'x' must not hide a real error in 'faction.x' (a review)
        kinds = {"factions": "faction", "backers": "backer", "territories": "territory",
                 "agenda": "issue", "events": "event"}
        self.broken_refs = {(kinds[path[0]], path[1]) for path in pos.dropped
                            if len(path) == 2 and path[0] in kinds}

    # -- reporting ----------------------------------------------------------------------------
    def error(self, path: tuple, message: str, *, key: bool = False,
              severity: str = "error") -> None:
        self.problems.append(self.pos.problem(path, where(path), message, key=key,
                                              severity=severity))

    def ref(self, path: tuple, value: str, known: Iterable[str], what: str,
            key: bool = False) -> bool:
        known = list(known)
        if value in known:
            return True
        if value in self.broken:
            return False
        self.error(path, f"'{value}' is not {what}{did_you_mean(value, known)}; "
                   f"use {one_of(known)}", key=key)
        return False

    # -- expressions --------------------------------------------------------------------------
    def expression(self, path: tuple, value: Any, want: str, ctx: Context = Context()) -> str | None:
        """Check one expression field; returns its type (None when it is broken)."""
        if value is None:
            return None
        if isinstance(value, bool):
            got = ex.BOOL
        elif isinstance(value, (int, float)):
            got = ex.NUMBER
        else:
            try:
                got = ex.check(ex.parse(value), self.names.with_context(ctx))
            except ex.ExprError as exc:
                if exc.missing is None or exc.missing not in self.broken_refs:  # (else its own
                    self.expr_error(path, value, exc)  # entry's error says it: no follow-on)
                return None
        if got == ex.TEXT and want not in (ex.NUMBER, ex.BOOL) and isinstance(value, str):
            node = ex.parse(value)
            if isinstance(node, ex.Const):  # a quoted id where an id is expected
                trouble = self.names.check_literal(want, node.value)
                if trouble:
                    self.error(path, trouble)
                    return None
                return want
        if want and got != want:
            self.error(path, f"expected {EXPECT_WORDS.get(want, want)} here, but this gives "
                       f"{ex._a(got)}")
            return None
        return got

    def expr_error(self, path: tuple, text: str, exc: ex.ExprError) -> None:
        line, col = self.pos.at(path)
        style = self.pos.styles.get(tuple(path), "")
        first_line = text.split("\n", 1)[0]
        if style in ("", "'", '"') and exc.offset <= len(first_line):
            col += exc.offset + (1 if style else 0)
        self.problems.append(Problem(self.pos.file, line, col, where(path),
                                     f"in '{_short(text)}': {exc.message}"))

    def effects(self, path: tuple, effects: list[Effect], ctx: Context = Context()) -> None:
        names = self.names.with_context(ctx)
        for i, eff in enumerate(effects):
            p = path + (i,)
            ttype, trouble = names.target_type(eff.target)
            if trouble:
                self.error(p + ("target",), f"in '{eff.target}': {trouble}")
                continue
            self.expression(p + ("when",), eff.when, ex.BOOL, ctx)
            if eff.add is not None:
                if ttype != ex.NUMBER:
                    self.error(p + ("add",), f"'{eff.target}' is not a number; use 'set'")
                    continue
                self.expression(p + ("add",), eff.add, ex.NUMBER, ctx)
            elif eff.target.endswith(".agreed"):
                if eff.set is not False:
                    self.error(p + ("set",), "an agreement can only be broken ('set: false'); "
                               "issues are agreed by signing a package")
            elif isinstance(eff.set, str) and ttype not in (ex.NUMBER, ex.BOOL) and (
                    eff.set in names.ids_of(ttype)):
                continue  # a plain id for an id-typed target: `set: video`
            else:
                self.expression(p + ("set",), eff.set, ttype, ctx)

    def cite(self, path: tuple, refs: list[str]) -> None:
        from game.scenario.loader import CITATIONS_UNCHECKED

        if self.citable is CITATIONS_UNCHECKED:
            return  # the missing folder is reported once, by the loader
        if self.citable is None:
            if refs:
                self.error(path, "cites sources, but the scenario names no 'sources' folder")
            return
        for i, ref in enumerate(refs):
            if ref not in self.citable:
                self.error(path + (i,), f"cites '{ref}', which no source note defines"
                           f"{did_you_mean(ref, self.citable)}")

    # -- the whole scenario -------------------------------------------------------------------
    def run(self) -> list[Problem]:
        s = self.s
        self.check_calendar_and_meters()
        self.check_ids()
        self.check_roles()
        for fid, fac in s.factions.items():
            base = ("factions", fid)
            for field in ("hurt", "prospects", "batna"):
                self.expression(base + (field,), getattr(fac, field), ex.NUMBER,
                                Context(derived=field))
            for issue, option in fac.stance.items():
                if self.ref(base + ("stance", issue), issue, s.agenda, "an issue id", key=True):
                    self.ref(base + ("stance", issue), option, s.agenda[issue].options,
                             f"an option of issue '{issue}'")
            self.cite(base + ("sources",), fac.sources)
        for bid, backer in s.backers.items():
            self.ref(("backers", bid, "backs"), backer.backs, s.factions, "a faction id")
            self.cite(("backers", bid, "sources"), backer.sources)
        for tid, terr in s.territories.items():
            self.ref(("territories", tid, "controller"), terr.controller, s.factions,
                     "a faction id")
            self.cite(("territories", tid, "sources"), terr.sources)
            if terr.at and s.map:
                width = max((len(line) for line in s.map.art), default=0)
                if terr.at.y >= len(s.map.art) or terr.at.x >= width:
                    self.error(("territories", tid, "at"), f"({terr.at.x}, {terr.at.y}) lies "
                               f"outside the map ({width} columns, {len(s.map.art)} rows)")
        self.check_agenda()
        self.expression(("ripeness", "looming"), s.ripeness.looming, ex.BOOL,
                        Context(derived="looming"))
        for vid, venue in s.venues.items():
            self.expression(("venues", vid, "available"), venue.available, ex.BOOL)
            self.effects(("venues", vid, "each_turn"), venue.each_turn)
        if s.venue is not None:
            self.ref(("venue",), s.venue, s.venues, "a venue id")
        self.effects(("upkeep",), s.upkeep)
        self.check_actions()
        for eid, event in s.events.items():
            base = ("events", eid)
            self.expression(base + ("condition",), event.condition, ex.BOOL)
            self.expression(base + ("probability",), event.probability, ex.NUMBER)
            self.effects(base + ("effects",), event.effects)
            self.cite(base + ("sources",), event.sources)
            cal = s.calendar
            if event.date and cal.start < cal.deadline:  # (a broken calendar is reported)
                # the last turn begins on or before the deadline and runs turn_days from there
                turns = (cal.deadline - cal.start).days // cal.turn_days + 1
                last_day = cal.start + datetime.timedelta(days=turns * cal.turn_days - 1)
                if event.date < cal.start:
                    self.error(base + ("date",), f"{event.date} is before the calendar starts "
                               f"({cal.start}); it fires in the first turn", severity="warning")
                elif event.date > last_day:
                    self.error(base + ("date",), f"{event.date} is after the last turn (it "
                               f"ends {last_day}); it would never fire", severity="warning")
        for nid, ending in s.endings.items():
            base = ("endings", nid)
            self.expression(base + ("condition",), ending.condition, ex.BOOL)
            for role, amount in ending.score.items():
                if self.ref(base + ("score", role), role, s.roles, "a role id", key=True):
                    self.expression(base + ("score", role), amount, ex.NUMBER)
            self.cite(base + ("sources",), ending.sources)
        self.check_ai()
        self.check_other()
        if s.history:
            for issue, option in s.history.agreed.items():
                p = ("history", "agreed", issue)
                if self.ref(p, issue, s.agenda, "an issue id", key=True):
                    self.ref(p, option, s.agenda[issue].options, f"an option of issue '{issue}'")
            self.cite(("history", "sources"), s.history.sources)
        return self.problems

    def check_other(self) -> None:
        """'other' names one faction: with three or more it is the first other in the file,
        not the one an action is aimed at (an author's three-party scenario punished the
        wrong side's trust). Say so where an action uses it."""
        s = self.s
        if len(s.factions) <= 2:
            return
        word = re.compile(r"\bother\b")
        for aid, action in s.actions.items():
            texts = [action.condition, action.targets, action.chance]
            for effect in [*action.effects, *action.on_success, *action.on_failure]:
                texts += [effect.target, effect.add, effect.set, effect.when]
            if any(isinstance(t, str) and word.search(t) for t in texts):
                self.error(("actions", aid), f"action '{aid}' uses 'other', which names one "
                           f"faction: with {len(s.factions)} factions it is the first other in "
                           "the file, not the one the action is aimed at; name the factions "
                           "(faction.<id>...), or use target.controller for a territory's "
                           "holder", key=True, severity="warning")

    def check_calendar_and_meters(self) -> None:
        cal = self.s.calendar
        if cal.deadline <= cal.start:
            self.error(("calendar", "deadline"), f"deadline {cal.deadline} is not after "
                       f"start {cal.start}; the game runs from start to deadline, so one of "
                       "the two dates is wrong")
        elif (cal.deadline - cal.start).days // cal.turn_days > 200:
            self.error(("calendar", "turn_days"), "more than 200 turns; make turns longer or "
                       "the calendar shorter")
        groups = [(("world",), self.s.world)]
        groups += [(("factions", f, "meters"), fac.meters) for f, fac in self.s.factions.items()]
        groups += [(("backers", b, "meters"), bk.meters) for b, bk in self.s.backers.items()]
        for base, meters in groups:
            for mid, meter in meters.items():
                if meter.min > meter.max:
                    self.error(base + (mid, "min"), f"min ({meter.min:g}) is above max "
                               f"({meter.max:g})")
                elif not meter.min <= meter.initial <= meter.max:
                    self.error(base + (mid, "initial"), f"initial value {meter.initial:g} is "
                               f"outside {meter.min:g}..{meter.max:g}")

    def check_ids(self) -> None:
        s = self.s
        for section in ("factions", "backers", "territories", "world", "agenda", "events"):
            for key in getattr(s, section):
                if key in RESERVED:
                    self.error((section, key), f"'{key}' is a reserved word in expressions; "
                               "choose another id", key=True)
        for fid in s.factions:
            for other in ("backers", "territories", "agenda"):
                if fid in getattr(s, other):
                    self.error((other, fid), f"'{fid}' is already a faction id; a faction's id "
                               "is also a name in expressions, so use another id", key=True)

    def check_roles(self) -> None:
        s = self.s
        mediators = [r for r, role in s.roles.items() if role.kind == "mediator"]
        if len(mediators) != 1:
            self.error(("roles",), f"needs exactly one role with 'kind: mediator' "
                       f"(has {len(mediators)})")
        seen: dict[str, str] = {}
        for rid, role in s.roles.items():
            if role.faction is None:
                continue
            if self.ref(("roles", rid, "faction"), role.faction, s.factions, "a faction id"):
                if role.faction in seen:
                    self.error(("roles", rid, "faction"), f"faction '{role.faction}' already has "
                               f"a delegation ('{seen[role.faction]}')")
                seen[role.faction] = rid
        for fid in s.factions:
            if fid not in seen:
                self.error(("factions", fid), f"faction '{fid}' has no delegation; add a role "
                           f"with 'kind: delegation' and 'faction: {fid}'", key=True)

    def check_agenda(self) -> None:
        s = self.s
        parties = list(s.factions) + list(s.backers)
        for iid, issue in s.agenda.items():
            base = ("agenda", iid)
            weighted = [p for p in issue.weights
                        if self.ref(base + ("weights", p), p, parties,
                                    "a faction or backer id", key=True)]
            for oid, option in issue.options.items():
                p = base + ("options", oid, "values")
                for party in option.values:
                    if base + ("weights", party) in self.pos.dropped:
                        continue  # its weight was refused, and said so
                    if party not in issue.weights and party in parties:
                        self.error(p + (party,), f"'{party}' has no weight on this issue; add "
                                   f"'{party}' under the issue's weights or remove this value",
                                   key=True)
                    elif party not in parties:
                        self.ref(p + (party,), party, parties, "a faction or backer id", key=True)
                missing = [w for w in weighted if w not in option.values]
                if missing:
                    self.error(p, f"no value for {one_of(missing)}, who weigh this issue; "
                               "give every weighing party a value 0-100")
                self.effects(base + ("options", oid, "on_agree"), option.on_agree)
            self.cite(base + ("sources",), issue.sources)
        for fid in s.factions:
            if not any(fid in issue.weights for issue in s.agenda.values()):
                self.error(("factions", fid), f"faction '{fid}' weighs no agenda issue, so no "
                           "package can ever be worth anything to it", key=True)

    def check_actions(self) -> None:
        s = self.s
        for aid, action in s.actions.items():
            base = ("actions", aid)
            if aid in ("pass", "wait", "skip"):
                self.error(base, f"'{aid}' is built in (every role can always wait: typed as "
                           "'wait', 'pass' or 'skip'); choose another id", key=True)
            kinds = set()
            for i, rid in enumerate(action.roles):
                if self.ref(base + ("roles", i), rid, s.roles, "a role id"):
                    kinds.add(s.roles[rid].kind)
            if action.kind in MEDIATOR_KINDS and "delegation" in kinds:
                self.error(base + ("kind",), f"'{action.kind}' is a mediator's move; "
                           "list only the mediator in 'roles'")
            if action.kind in DELEGATION_KINDS and "mediator" in kinds:
                self.error(base + ("kind",), f"'{action.kind}' is a delegation's move; "
                           "list only delegations in 'roles'")
            if action.kind == "venue" and not s.venues:
                self.error(base + ("kind",), "a 'venue' action needs 'venues' in the scenario")
            actor = kinds == {"delegation"}
            plain = Context(actor=actor)
            aimed = Context(actor=actor, target=TARGET_KIND.get(action.kind))
            self.expression(base + ("condition",), action.condition, ex.BOOL, plain)
            self.expression(base + ("targets",), action.targets, ex.BOOL, aimed)
            self.expression(base + ("chance",), action.chance, ex.NUMBER, aimed)
            for field in ("effects", "on_success", "on_failure"):
                self.effects(base + (field,), getattr(action, field), aimed)
            self.cite(base + ("sources",), action.sources)

    def check_ai(self) -> None:
        s = self.s
        for rid, cfg in self.s.ai.items():
            base = ("ai", rid)
            if not self.ref(base, rid, s.roles, "a role id", key=True):
                continue
            spec = STRATEGIES[cfg.strategy]
            if s.roles[rid].kind not in spec.roles:
                self.error(base + ("strategy",), f"'{cfg.strategy}' plays "
                           f"{' or '.join(spec.roles)} roles, and '{rid}' is a "
                           f"{s.roles[rid].kind}")
            for name, value in cfg.params.items():
                if name not in spec.params:
                    self.error(base + ("params", name), f"'{cfg.strategy}' has no parameter "
                               f"'{name}'{did_you_mean(name, spec.params)}; its parameters are "
                               f"{one_of(spec.params)}", key=True)
                else:
                    lo, hi = spec.params[name].low, spec.params[name].high
                    if not lo <= value <= hi:
                        self.error(base + ("params", name), f"{name} = {value:g} is outside "
                                   f"{lo:g}..{hi:g}")


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_scenario(scenario: Scenario, pos: Positions, citable: set[str] | None) -> list[Problem]:
    """Every cross-reference, expression and citation problem in ``scenario``."""
    return Checker(scenario, pos, citable).run()
