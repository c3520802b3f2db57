"""Many complete AI-only games, and what happened in them (``ceasefire simulate``)."""

from __future__ import annotations

import gc
import statistics
from collections import Counter
from contextlib import contextmanager
from typing import Callable, Iterator

from game.engine.ai import choose
from game.engine.core import advance, new_game
from game.engine.rules import Rules
from game.engine.state import State
from game.scenario.strategies import STRATEGIES

POLICIES = ["scenario", "random", "greedy"] + [s for s in STRATEGIES if s not in
                                               ("random", "greedy")]


def strategies_for(rules: Rules, policy: str) -> dict[str, tuple[str, dict]]:
    """Role -> (strategy, params) under a policy name."""
    out = dict(rules.ai)
    if policy == "scenario":
        return out
    if policy not in STRATEGIES:
        raise ValueError(f"unknown policy '{policy}'; choose one of {', '.join(POLICIES)}")
    spec = STRATEGIES[policy]
    for role in rules.roles:
        kind = rules.s.roles[role].kind
        if kind in spec.roles:
            params = {k: p.default for k, p in spec.params.items()}
            if rules.ai.get(role, ("", {}))[0] == policy:
                params = rules.ai[role][1]
            out[role] = (policy, params)
    return out


def play(rules: Rules, seed: int, policy: str = "scenario",
         plan: dict[str, tuple[str, dict]] | None = None) -> State:
    """One complete game with the AI in every seat."""
    plan = plan or strategies_for(rules, policy)
    state = new_game(rules, seed)
    phases = rules.phases
    while state.outcome is None:
        role = phases[state.phase]
        strategy, params = plan[role]
        action, why = choose(state, role, strategy, params)
        state = advance(state, action, why)  # the AI chose from the legal menu
    return state


@contextmanager
def many_games() -> Iterator[None]:
    """Play many games in a row: what exists now (the rules, the loaded scenario, the modules)
    outlives every game, so the cyclic garbage collector is told to stop walking it
    (``gc.freeze``) until the games are done. Each game's own objects are freed by reference
    counting as before. Worth about 4% of a simulation's time (``benchmarks/``)."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def simulate(rules: Rules, runs: int, seed: int = 0, policy: str = "scenario",
             progress: Callable[[int, int], None] | None = None) -> dict:
    with many_games():
        return _simulate(rules, runs, seed, policy, progress)


def _simulate(rules: Rules, runs: int, seed: int, policy: str,
              progress: Callable[[int, int], None] | None) -> dict:
    plan = strategies_for(rules, policy)
    endings: Counter = Counter()
    events: Counter = Counter()
    event_games: Counter = Counter()
    issues: Counter = Counter()
    options: Counter = Counter()
    actions: Counter = Counter()
    scores: Counter = Counter()
    every: dict[str, list[float]] = {r: [] for r in rules.roles}  # (for the spread)
    turns = 0
    for n in range(runs):
        state = play(rules, seed + n, policy, plan)
        endings[state.outcome.ending or "(time ran out)"] += 1
        for role, score in state.outcome.scores.items():
            scores[role] += score
            every[role].append(score)
        turns += min(state.turn + 1, rules.max_turns)  # time out: the last turn was played
        vals = state.vals
        for e in rules.events:
            fired = int(vals[e.fired_slot])
            if fired:
                events[e.id] += fired
                event_games[e.id] += 1
        for k, slot in enumerate(rules.issue_slot):
            if vals[slot]:
                issues[rules.issues[k]] += 1
                options[f"{rules.issues[k]}={vals[slot]}"] += 1
        for action in state.actions:
            actions[action.act] += 1
        if progress:
            progress(n + 1, runs)
    return {
        "scenario": rules.s.id, "runs": runs, "seed": seed, "policy": policy,
        "endings": {e: endings[e] for e in sorted(endings, key=lambda e: (-endings[e], e))},
        "mean_turns": round(turns / runs, 2) if runs else 0.0,
        "mean_scores": {r: round(scores[r] / runs, 1) if runs else 0.0 for r in rules.roles},
        "score_quartiles": {r: quartiles(every[r]) for r in rules.roles},
        "events": {e.id: events[e.id] for e in rules.events},
        "event_games": {e.id: event_games[e.id] for e in rules.events},
        "issues_agreed": {i: issues[i] for i in rules.issues},
        "options_agreed": dict(sorted(options.items())),
        "actions": dict(sorted(actions.items())),
        "strategies": {role: {"strategy": name, "params": dict(params)}
                       for role, (name, params) in plan.items()},
        "historical_events": [e.id for e in rules.events if rules.s.events[e.id].historical],
    }


def quartiles(values: list[float]) -> list[float]:
    """The lower quartile, median and upper quartile (interpolated between the games' scores,
    as ``statistics.quantiles(..., method="inclusive")``), rounded to a tenth; [] with none."""
    if not values:
        return []
    if len(values) == 1:
        return [round(values[0], 1)] * 3
    return [round(q, 1) for q in statistics.quantiles(values, n=4, method="inclusive")]


def format_report(rules: Rules, report: dict) -> str:
    runs = report["runs"]
    games = "1 AI-only game" if runs == 1 else f"{runs} AI-only games"
    lines = [f"{rules.s.title} — {games} from seed {report['seed']}, "
             f"policy '{report['policy']}'", ""]
    lines += _seats(rules, report)
    lines += ["", "Endings:"]
    for ending, count in report["endings"].items():
        if ending in rules.s.endings:
            lines.append(f"  {count / runs * 100:5.1f}%  {rules.s.endings[ending].title} "
                         f"({ending})")
        else:  # no ending held when the calendar ran out
            lines.append(f"  {count / runs * 100:5.1f}%  Time ran out: no ending held")
    lines.append(f"Mean length: {report['mean_turns']} turns")
    if report.get("mean_scores"):  # (a teacher preparing a class: what a seat can expect)
        lines.append("Mean scores (0-100): " + ", ".join(
            f"{rules.s.roles[r].name} {v:.1f}" for r, v in report["mean_scores"].items()))
        spread = report.get("score_quartiles", {})
        if any(spread.values()):  # (a teacher: the mean alone hides how far games differ)
            lines.append("Middle half of the scores (a quarter of games below, a quarter "
                         "above): " + ", ".join(
                             f"{rules.s.roles[r].name} {q[0]:.0f}-{q[2]:.0f}"
                             for r, q in spread.items() if q))
    lines.append("")
    lines.append("Issues agreed by the end (share of games):")
    options = report.get("options_agreed", {})
    for issue, count in report["issues_agreed"].items():
        lines.append(f"  {count / runs * 100:5.1f}%  {rules.s.agenda[issue].name}")
        agreed = sorted(((n, key.split("=", 1)[1]) for key, n in options.items()
                         if key.split("=", 1)[0] == issue), key=lambda x: (-x[0], x[1]))
        for n, option in agreed:  # which of its options, in how many games
            label = rules.s.agenda[issue].options[option].label
            lines.append(f"  {'':6} {n / runs * 100:5.1f}%  {label}")
    lines.append("")
    if report.get("actions"):
        lines.append("Moves made (all games; 'pass' is waiting):")
        for act, n in sorted(report["actions"].items(), key=lambda x: (-x[1], x[0])):
            label = rules.s.actions[act].label if act in rules.s.actions else "Wait"
            lines.append(f"  {n:6d}  {label} ({act})")
        lines.append("")
    historical = set(report.get("historical_events", ()))
    lines.append("Events (times fired; share of games where it fired; H: it happened in the "
                 "sources, the rest are what-ifs):")
    for event, count in report["events"].items():
        games = report["event_games"][event]
        title = rules.s.events[event].title if event in rules.s.events else ""
        lines.append(f"  {count:6d}  {games / runs * 100:5.1f}%  "
                     f"{'H' if event in historical else ' '}  {event}"
                     + (f" — {title}" if title else ""))
    return "\n".join(lines)


def _seats(rules: Rules, report: dict) -> list[str]:
    """Who played each seat: the policy in words (a teacher read "policy 'scenario'" and
    could not tell what the computer had played), then each seat's strategy, its settings,
    and what it does (in the scenario's words where it gives them)."""
    policy = report["policy"]
    if policy == "scenario":
        head = "Each seat played the strategy the scenario gives it (its 'ai:' settings):"
    else:
        head = (f"Every seat that can play '{policy}' played it; the others played the "
                "scenario's own strategy:")
    lines = [head]
    for role, plan in report.get("strategies", {}).items():
        name, params = plan["strategy"], plan["params"]
        own = rules.s.ai.get(role)
        said = " ".join(own.description.split()) if own is not None and \
            own.strategy == name and own.description else ""
        spec = STRATEGIES.get(name)
        said = said or (spec.help if spec else "")
        settings = ", ".join(f"{k} {v:g}" for k, v in params.items())
        lines.append(f"  {rules.s.roles[role].name}: {name}"
                     + (f" ({settings})" if settings else "") + (f" — {said}" if said else ""))
    return lines
