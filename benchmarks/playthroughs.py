"""Complete playthroughs per second of the default scenario, AI in every seat, on one core.

    python benchmarks/playthroughs.py [--games 500] [--repeats 5] [--policy scenario]

Pins the process to one CPU where the OS allows it, warms up on 50 games, then times
``--repeats`` rounds of ``--games`` complete games and prints the best and median rate. Every
round plays seeds no earlier round played: the engine caches what depends on a game's seed
(the mediator's estimates, its package-search starts), and replaying the same seeds would
time those caches warm, which ``simulate`` (a new seed per game) never sees. This is a
benchmark, not a test: it never fails, it reports. Target: 1,000/s.

The figure depends on how the interpreter was built, so the report names it. On one machine
(2 cores), the same code: pyenv's CPython 3.11.7 (libpython shared, no profile-guided
optimisation; what ``python3`` is there) 785-830/s; Debian's python3.11 (3.11.2, profile-guided
and link-time optimised, linked into the executable) 860-890/s. The machine's speed moves by up
to a third from day to day, so compare versions in the same hour (the version before reactive
devaluation, whose games were 6% shorter, read 904-918/s beside the first figure). Callgrind
counts 9.0M instructions a game. (pyenv's 3.12.1 and 3.13.0 builds were slower than its 3.11.)
The same engine compiled as it is with Cython 3.3.1 (tried, not kept: this project has no
compiled core) counted 7.5M, 1.2x fewer: not enough for 1,000/s either.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.engine import load_rules  # noqa: E402
from game.engine.simulate import many_games, play  # noqa: E402

DEFAULT = Path(__file__).resolve().parent.parent / "scenarios" / "libya-5plus5-2020.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--games", type=int, default=500)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--policy", default="scenario")
    parser.add_argument("--scenario", default=str(DEFAULT))
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    rules = load_rules(args.scenario)
    for seed in range(50):  # warm-up (caches, compiled expressions)
        play(rules, seed, args.policy)
    rates, cpu_rates, actions, turns = [], [], 0, 0
    with many_games():  # as ``ceasefire simulate`` plays them
        for round_ in range(args.repeats):
            first = 1_000_000 * (round_ + 1)  # new seeds every round (see the docstring)
            start, cpu = time.perf_counter(), time.process_time()
            for seed in range(first, first + args.games):
                state = play(rules, seed, args.policy)
                actions += len(state.actions)
                turns += min(state.turn + 1, rules.max_turns)
            rates.append(args.games / (time.perf_counter() - start))
            cpu_rates.append(args.games / (time.process_time() - cpu))
    total = args.games * args.repeats
    print(f"scenario {rules.s.id}, policy {args.policy}, {args.games} games x {args.repeats}")
    print(f"  Python {platform.python_version()} ({platform.python_implementation()}), "
          f"from {sys.base_prefix}")
    print(f"  mean game: {turns / total:.1f} turns, {actions / total:.1f} moves")
    print(f"  playthroughs/s (wall clock): best {max(rates):.0f}, median "
          f"{statistics.median(rates):.0f} ({1000 / max(rates):.2f} ms per game at best)")
    print(f"  playthroughs/s (CPU time of this process, steadier on a busy machine): best "
          f"{max(cpu_rates):.0f}, median {statistics.median(cpu_rates):.0f}")


if __name__ == "__main__":
    main()
