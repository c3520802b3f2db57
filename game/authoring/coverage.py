"""``ceasefire simulate --coverage``: what never happened, and how each policy ends.

After ChoiceScript's randomtest: play many games and list what was never exercised — events
that never fired, actions never taken, options never agreed, endings never reached — and the
ending rates under every policy (random, greedy, each AI strategy), so balance problems show.
"""

from __future__ import annotations

from game.engine.simulate import POLICIES, simulate


def coverage_report(rules, report: dict, runs: int, seed: int) -> dict:
    per_policy = {report["policy"]: report["endings"]}
    reports = [report]
    for policy in POLICIES:
        if policy in per_policy:
            continue
        try:
            other = simulate(rules, runs, seed, policy)
        except ValueError:
            continue
        per_policy[policy] = other["endings"]
        reports.append(other)
    fired = {e for r in reports for e, n in r["events"].items() if n}
    taken = {a for r in reports for a, n in r["actions"].items() if n}
    agreed = {o for r in reports for o, n in r["options_agreed"].items() if n}
    reached = {e for r in reports for e in r["endings"]}
    options = [f"{i}={o}" for k, i in enumerate(rules.issues) for o in rules.options[k]
               if o != rules.status_quo[k]]
    return {
        "runs_per_policy": runs,
        "policies": per_policy,
        "never": {
            "events": [e.id for e in rules.events if e.id not in fired],
            "actions": [a for a in rules.s.actions if a not in taken],
            "options": [o for o in options if o not in agreed],
            "endings": [n for n in rules.s.endings if n not in reached],
        },
    }


def format_coverage(rules, coverage: dict) -> str:
    lines = ["", f"Coverage ({coverage['runs_per_policy']} games per policy):",
             "Ending rates by policy:"]
    endings = list(rules.s.endings)
    width = {n: max(len(n), 6) + 2 for n in endings}  # whole names: an author looks them up
    lines.append("  " + " " * 14 + "".join(f"{n:>{width[n]}}" for n in endings))
    for policy, counts in coverage["policies"].items():
        total = sum(counts.values()) or 1
        row = "".join(f"{counts.get(n, 0) / total * 100:{width[n] - 1}.1f}%" for n in endings)
        lines.append(f"  {policy:<14}{row}")
    for what, missing in coverage["never"].items():
        lines.append(f"Never {'reached' if what == 'endings' else 'seen'} ({what}): "
                     + (", ".join(missing) if missing else "none"))
    return "\n".join(lines)
