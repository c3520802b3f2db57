"""``ceasefire lint``: what validation cannot see.

Static checks (marked "static") decide for certain from the file alone: a condition that can
never hold given the reachable ranges of the numbers it reads, an issue no faction weighs, a
dominated option, text that looks like markup. Where only play can tell — an event that never
fires, an ending never reached, an action never taken, an empty bargaining zone — the scenario
is simulated and the message says so ("simulated: N games").

Errors make the command exit 1; warnings and notes do not.
"""

from __future__ import annotations

import itertools
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from game.authoring import intervals as iv
from game.scenario.errors import Problem, ScenarioError
from game.scenario.loader import LoadedScenario, load_scenario
from game.scenario.sources import fact_ids
from game.scenario.yamlsafe import where

MARKUP = re.compile(r"\[/?(?:bold|b|i|italic|u|underline|strike|reverse|dim|link|on |color|"
                    r"red|green|blue|yellow|magenta|cyan|white|black|#|@|/\])[^\]]*\]")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x1b]")
POLICIES = ("scenario", "random", "greedy")


@dataclass
class Linter:
    loaded: LoadedScenario
    runs: int
    problems: list[Problem] = field(default_factory=list)

    def add(self, path: tuple, severity: str, message: str, key: bool = False) -> None:
        pos = self.loaded.positions
        self.problems.append(pos.problem(path, where(path), message, key=key, severity=severity))

    # -- static ------------------------------------------------------------------------------
    def static(self) -> None:
        s = self.loaded.scenario
        ranges = iv.reachable(s)
        self.ranges = ranges
        for eid, event in s.events.items():
            if event.condition is not None and iv.truth(event.condition, ranges) == iv.NEVER:
                self.add(("events", eid, "condition"), "error",
                         f"event '{eid}' can never fire: its condition can never hold (static: "
                         f"{self.why(event.condition)})")
            if event.probability is not None:
                p = iv.span(event.probability, ranges)
                if p is not None and p[1] <= 0:
                    self.add(("events", eid, "probability"), "error",
                             f"event '{eid}' can never fire: its probability is never above 0 "
                             "(static)")
                self.above_one(("events", eid, "probability"), p)
        for nid, ending in s.endings.items():
            t = iv.truth(ending.condition, ranges)
            if t == iv.NEVER:
                self.add(("endings", nid, "condition"), "error",
                         f"ending '{nid}' can never be reached: its condition can never hold "
                         f"(static: {self.why(ending.condition)})")
            elif t == iv.ALWAYS:
                self.add(("endings", nid, "condition"), "error",
                         f"ending '{nid}' holds from the start, so the game ends at once (static)")
            for role, amount in ending.score.items():
                self.score_range(("endings", nid, "score", role), iv.span(amount, ranges))
            missing = [r for r in s.roles if r not in ending.score]  # (a playtest: an idle
            # mediator scored 50 in a failure, as much as everyone)
            if missing:
                self.add(("endings", nid), "info", f"ending '{nid}' gives no score to "
                         f"{', '.join(missing)}: they score 50 there (static)", key=True)
        for aid, action in s.actions.items():
            if action.chance is not None:
                self.above_one(("actions", aid, "chance"), iv.span(action.chance, ranges))
            if iv.truth(action.condition, ranges) == iv.NEVER:
                self.add(("actions", aid, "condition"), "error",
                         f"action '{aid}' is never legal: its condition can never hold (static: "
                         f"{self.why(action.condition)})")
        self.effects_never(ranges)
        self.agenda()
        self.roles()
        self.text()
        self.sources()

    def above_one(self, path: tuple, span) -> None:
        """A probability given by an expression that can come out above 1 (a constant one is
        refused by validation): it counts as certain then, which is seldom what was meant."""
        if span is None or span[1] <= 1:
            return
        always = span[0] > 1
        self.add(path, "error" if always else "warning",
                 f"this probability is {'always' if always else 'sometimes'} above 1 (up to "
                 f"{span[1]:g}), and counts as certain then; scale it to 0-1 or wrap it in "
                 "clamp(..., 0, 1) (static)")

    def score_range(self, path: tuple, span) -> None:
        """A score that can come out below 0 or above 100: the game caps it silently, so
        differences beyond the cap are lost (an author's playtest: '160 + 5 * ...' always
        scored 100)."""
        if span is None or (span[0] >= 0 and span[1] <= 100):
            return
        always = span[0] > 100 or span[1] < 0
        self.add(path, "warning",
                 f"this score is {'always' if always else 'sometimes'} outside 0-100 (from "
                 f"{span[0]:g} to {span[1]:g}), and is capped then, so the differences beyond "
                 "the cap are lost; scale it, or wrap it in clamp(..., 0, 100) (static)")

    def why(self, condition) -> str:
        if isinstance(condition, bool):
            return "it is false"
        names = set()
        for n in iv.ex.names_in(iv.ex.parse(condition)):
            parts = n.parts
            if len(parts) == 3 and parts[1] in ("self", "other", "target"):
                names |= {k for k in self.ranges if k.startswith(parts[0] + ".")
                          and k.endswith("." + parts[2])}
            names.add(".".join(parts))
        spans = [f"{n} stays within {self.ranges[n][0]:g}..{self.ranges[n][1]:g}"
                 for n in sorted(names) if n in self.ranges]
        return "; ".join(spans) or "the values it reads never make it true"

    def effects_never(self, ranges) -> None:
        s = self.loaded.scenario
        groups = [(("upkeep",), s.upkeep)]
        groups += [(("events", e, "effects"), ev.effects) for e, ev in s.events.items()]
        for base, effects in groups:
            for i, eff in enumerate(effects):
                if eff.when is not None and iv.truth(eff.when, ranges) == iv.NEVER:
                    self.add(base + (i, "when"), "warning",
                             "this effect never applies: its 'when' can never hold (static)")

    def agenda(self) -> None:
        s = self.loaded.scenario
        for iid, issue in s.agenda.items():
            if not any(p in s.factions for p in issue.weights):
                self.add(("agenda", iid), "warning", f"no faction cares about issue '{iid}' "
                         "(only backers weigh it), so no delegation will move for it (static)",
                         key=True)
            parties = list(issue.weights)
            quo = next((o for o in issue.options.values() if o.status_quo), None)
            for f in parties:
                if not (issue.binding and quo and f in s.factions):
                    continue
                others = [o.values.get(f, 0) for o in issue.options.values() if o is not quo]
                if max(others, default=0) < quo.values.get(f, 0):
                    self.add(("agenda", iid), "info", f"faction '{f}' values the status quo "
                             f"of binding issue '{iid}' above every other option: a package "
                             f"that settles it must make that up to '{f}' on other issues "
                             "(static)", key=True)
            for oid, option in issue.options.items():
                for other_id, other in issue.options.items():
                    if other_id == oid:
                        continue
                    ge = all(other.values.get(p, 0) >= option.values.get(p, 0) for p in parties)
                    gt = any(other.values.get(p, 0) > option.values.get(p, 0) for p in parties)
                    if ge and gt and not option.status_quo:
                        self.add(("agenda", iid, "options", oid), "warning",
                                 f"option '{oid}' is dominated by '{other_id}': every party "
                                 "values it at most as much, so nobody would choose it (static)",
                                 key=True)
                        break

    def roles(self) -> None:
        s = self.loaded.scenario
        kinds = {(r, a.kind) for a in s.actions.values() for r in a.roles}
        for rid, role in s.roles.items():
            if role.kind != "delegation" or (rid, "accept") in kinds:
                continue
            if len(s.factions) > 1:  # a counter signs one's own package, never the other's
                self.add(("roles", rid), "error", f"delegation '{rid}' has no 'accept' action, "
                         "so it can never sign a package another role tabled, and nothing "
                         "can ever be agreed (static)", key=True)
            elif (rid, "counter") not in kinds:
                self.add(("roles", rid), "error", f"delegation '{rid}' has no 'accept' or "
                         "'counter' action, so it can never sign anything (static)", key=True)
        if not any(k in ("propose", "counter") for _, k in kinds):
            self.add(("actions",), "error", "no role can table a package ('propose' or "
                     "'counter'), so nothing can ever be agreed (static)")

    def text(self) -> None:
        data_paths = self.loaded.positions.values
        scenario = self.loaded.scenario.model_dump(mode="json")
        for path in data_paths:
            value = _get(scenario, path)
            if not isinstance(value, str) or not value:
                continue
            if CONTROL.search(value):
                self.add(path, "error", "this text contains control characters (such as a "
                         "terminal escape); remove them (static)")
            elif MARKUP.search(value) and not _is_expression_field(path):
                self.add(path, "warning", "this text looks like console markup "
                         f"({MARKUP.search(value).group(0)}); it will be shown literally, "
                         "not styled (static)")

    def sources(self) -> None:
        notes = self.loaded.notes
        if not notes:
            return
        text = self.loaded.path.read_text(encoding="utf-8")
        cited = set(re.findall(r"[a-z0-9][a-z0-9-]*#[a-z0-9_]+", text))
        for note_id, note in notes.items():
            facts = {f"{note_id}#{f.id}" for f in note.facts}
            if not facts & cited:
                self.add(("sources",), "warning", f"source note '{note_id}' is never cited by "
                         "this scenario (static)")
        unused = sorted(fact_ids(notes) - cited)
        if unused:
            self.add(("sources",), "info", f"{len(unused)} source facts are never cited, e.g. "
                     f"{', '.join(unused[:4])} (static)")

    # -- simulated ---------------------------------------------------------------------------
    def simulated(self) -> None:
        if any("holds from the start" in p.message for p in self.problems):
            return  # every game ends at once: nothing else can be learnt by playing
        from game.engine import Rules, apply, new_game
        from game.engine.ai import choose
        from game.engine.simulate import strategies_for

        rules = Rules(self.loaded)
        s = rules.s
        fired, endings, taken, samples = set(), set(), set(), []
        own: dict[str, int] = {}  # endings under the scenario's own AI
        n = len(POLICIES)  # --runs games in all, shared out (one a policy at the least)
        counts = [max(1, self.runs // n + (i < self.runs % n)) for i in range(n)]
        for policy, per in zip(POLICIES, counts):
            plan = strategies_for(rules, policy)
            for seed in range(per):
                state = new_game(rules, seed)
                while state.outcome is None:
                    if state.phase == 0 and len(samples) < 40 and seed < 8 and state.turn % 3 == 0:
                        samples.append(state)
                    strategy, params = plan[state.role]
                    action, why = choose(state, strategy=strategy, params=params)
                    taken.add(action.act)
                    state = apply(state, action, why)
                endings.add(state.outcome.ending)
                if policy == "scenario":
                    own[state.outcome.ending] = own.get(state.outcome.ending, 0) + 1
                fired |= {e.id for e in rules.events if state.vals[e.fired_slot]}
        games = sum(counts)
        how = f"simulated: {games} games, policies {', '.join(POLICIES)}"
        moments = f"simulated: {len(samples)} moments of {games} games"
        for eid in s.events:
            if eid not in fired and not self.has(("events", eid, "condition")):
                self.add(("events", eid), "warning", f"event '{eid}' never fired ({how})",
                         key=True)
        for nid in s.endings:
            if nid not in endings and not self.has(("endings", nid, "condition")):
                self.add(("endings", nid), "warning", f"ending '{nid}' was never reached "
                         f"({how})", key=True)
        if len(own) == 1 and sum(own.values()) >= 10 and len(s.endings) > 1:
            [only] = own
            name = f"ending '{only}'" if only else "time running out with no ending"
            # (an author's playtest: lint's 67 games said 'every game', and simulate's 200
            # found the other ending in 1%: say how many were played, and how to see more)
            self.add(("endings", only) if only else ("endings",), "warning",
                     f"under the scenario's own AI every game ends the same way ({name}, "
                     f"all {own[only]} games played with it here, a share of --runs); any "
                     "other outcome is rare at best: 'ceasefire simulate FILE --runs 1000' "
                     "shows how rare, and a player may change it; see 'Tuning' in the guide "
                     "(simulated: policy scenario)",
                     key=True)
        if "" in endings:  # a game ran out the calendar with no ending's condition holding
            self.add(("endings",), "info", "some games run out of time with no ending: they "
                     "end as 'Time ran out', every role scoring 50; an ending with condition "
                     f"'deadline_passed' gives that outcome a title, a text and scores ({how})",
                     key=True)
        for aid in s.actions:
            if aid not in taken and not self.has(("actions", aid, "condition")):
                self.add(("actions", aid), "warning", f"action '{aid}' was never taken, even by "
                         "random play: its condition may never hold, or it holds too rarely "
                         f"for these games ({how})", key=True)
        best = max((bargaining_zone(rules, st) for st in samples), default=None)
        if best is not None and best < 0:
            self.add(("agenda",), "error", "empty bargaining zone: at no sampled moment did any "
                     "package beat every faction's reservation value without a backer veto "
                     f"({moments}; best margin {best:.1f})",
                     key=True)

    def has(self, path: tuple) -> bool:
        w = where(path)
        return any(p.where == w for p in self.problems)


def bargaining_zone(rules, state) -> float:
    """The best, over every package, of the worst faction's margin over its reservation
    value, at this state (ignoring packages a backer would veto). Negative: no zone."""
    from game.engine import negotiation as neg

    vals = state.vals
    choices = []
    for k, slot in enumerate(rules.issue_slot):
        agreed = vals[slot]
        choices.append([o for o in rules.options[k] if not (agreed and o == rules.status_quo[k])])
    count = 1
    for c in choices:
        count *= len(c)
    reserve = {f: vals[rules.fs[f]["reservation"]] for f in rules.factions}
    best = -1e9
    packages = itertools.product(*choices) if count <= 60_000 else _greedy(rules, choices)
    for package in packages:
        margin = min(rules.utility(f, package) - reserve[f] for f in rules.factions)
        if margin > best and (margin < 0 or not any(
                neg.backer_verdicts(rules, vals, f, package)[0] for f in rules.factions)):
            best = margin
    return best


def _greedy(rules, choices):
    """Too many packages to try them all: each faction's favourites, and one-issue changes."""
    for f in rules.factions:
        favourite = tuple(max(c, key=lambda o, k=k: rules.contrib[f][k][o])
                          for k, c in enumerate(choices))
        yield favourite
        for k, c in enumerate(choices):
            for o in c:
                yield favourite[:k] + (o,) + favourite[k + 1:]


def _get(data, path):
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _is_expression_field(path: tuple) -> bool:
    return bool(path) and path[-1] in ("condition", "hurt", "prospects", "batna", "looming",
                                       "available", "targets", "chance", "probability", "add",
                                       "set", "when", "target")


def lint_file(path: Path, runs: int) -> list[Problem]:
    loaded = load_scenario(path, strict=True)
    linter = Linter(loaded, runs)
    linter.static()
    if runs > 0:
        linter.simulated()
    return sorted(linter.problems, key=lambda p: (p.line, p.col))


def run_lint(paths: list[str], runs: int) -> int:
    from game.cli import expand

    errors = 0
    files = expand(paths)
    if not files:
        print("lint: no YAML files found", file=sys.stderr)
        return 2
    for path in files:
        try:
            problems = lint_file(path, runs)
        except ScenarioError as exc:
            for p in exc.problems:
                print(p)
            print(f"{path}: does not validate; fix these first (ceasefire validate)",
                  file=sys.stderr)
            return 2
        for p in problems:
            print(p.text())
        n_err = sum(p.severity == "error" for p in problems)
        n_warn = sum(p.severity == "warning" for p in problems)
        errors += n_err
        print(f"{path}: {n_err} error(s), {n_warn} warning(s)", file=sys.stderr)
    return 1 if errors else 0
