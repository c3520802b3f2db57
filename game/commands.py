"""The heavier ``ceasefire`` commands (the CLI imports this only when it needs it)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.paths import resolve_scenario

EXIT_OK, EXIT_LINT, EXIT_USAGE = 0, 1, 2


def _fail(message: str) -> int:
    print(f"ceasefire: {message}", file=sys.stderr)
    return EXIT_USAGE


def load_rules(name: str | None):
    from game.engine import Rules
    from game.scenario.loader import load_scenario

    return Rules(load_scenario(resolve_scenario(name)))


def _role(rules, role: str | None) -> str | None:
    role = role or rules.mediator
    if role not in rules.roles:  # 'GNA' for 'gna' (a teacher typed the name as written)
        return next((r for r in rules.roles if r.lower() == role.lower()), None)
    return role


def _no_role(rules, name: str) -> int:
    return _fail(f"there is no role '{name}'; the roles are {', '.join(rules.roles)}")


def _save_path(name: str) -> str:
    """A save as given, or a slot of the saves folder by its name ('class-tuesday-1', as the
    full-screen game's Load lists it)."""
    from game import storage

    path = Path(name)
    if path.exists() or path.suffix or "/" in name:
        return name
    slot = storage.slot_path(name)
    return str(slot) if slot.exists() else name


def cmd_play(args: argparse.Namespace) -> int:
    import random

    from game import plain, storage
    from game.engine import saves

    data = None
    if args.load:
        args.load = _save_path(args.load)
        try:
            data = saves.read(args.load)
        except saves.SaveError as exc:
            return _fail(str(exc))
        if args.seed is not None:  # a save replays with its own seed; another would differ
            return _fail(f"--seed does not go with --load: a saved game keeps its own seed "
                         f"({data['seed']})")
        if args.role is not None and args.role.lower() not in [str(h).lower()
                                                                for h in data["humans"]]:
            return _fail(f"--role {args.role} does not go with --load: this game was saved "
                         f"with the player as {', '.join(map(str, data['humans'])) or 'nobody'}")
    if args.save and Path(args.save).is_dir():
        return _fail(f"--save {args.save} is a folder; name a file, e.g. "
                     f"{Path(args.save) / 'game.json'}")
    if not args.plain:
        if args.save:  # (the full-screen game saves to its own slots: Ctrl+S, and autosave)
            return _fail("--save goes with --plain; the full-screen game saves to its slots "
                         "(s names one) and autosaves after every move")
        role, rules = args.role, None
        if data is None and (args.scenario is not None or role is not None):
            # what can be checked before the screen opens is, as line mode does: a missing
            # scenario or an unknown role is a usage error (exit 2), not a dialog to escape
            rules = load_rules(args.scenario)
            role = _role(rules, args.role)
            if role is None:
                return _no_role(rules, args.role)
        elif data is not None and role is not None:
            role = next(str(h) for h in data["humans"] if str(h).lower() == role.lower())
        return cmd_tui(args.scenario, role, args.seed, args.load, args.watch, direct=True,
                       rules=rules)
    scenario = args.scenario
    if data is not None and scenario is None:  # the save knows its scenario
        from game.paths import scenario_for_save

        found = scenario_for_save(data)
        if found is None:
            return _fail(f"{args.load}: its scenario is not found; name it: "
                         f"ceasefire play SCENARIO --plain --load {args.load}")
        scenario = str(found)
    rules = load_rules(scenario)
    role = _role(rules, args.role)
    if role is None:
        return _no_role(rules, args.role)
    state = None
    # Where the game is saved when line mode stops: --save; else a loaded game goes back to
    # its own file (it only grows), unless the replay diverged and would drop moves from it;
    # else line mode's autosave slot.
    target = Path(args.save) if args.save else storage.slot_path(storage.PLAIN_AUTOSAVE)
    if data is not None:
        try:
            loaded = saves.restore(rules, data, args.load)
        except saves.SaveError as exc:
            return _fail(str(exc))
        if loaded.message:
            print(loaded.message)
        state = loaded.state
        if args.role is None and state.humans:
            role = sorted(state.humans)[0]
        if not args.save and loaded.diverged_turn is None:
            target = Path(args.load)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1, 100_000)

    saved = True  # did the last save work? (a script must be able to tell it did not)

    def save(st) -> str:
        nonlocal saved
        try:
            saves.save(st, target)
        except OSError as exc:
            saved = False
            message = f"Could not save to {target}: {exc.strerror or exc}"
            print(f"ceasefire: {message}", file=sys.stderr)
            return message
        saved = True
        return f"Saved to {target}."

    code = plain.run(rules, role, seed, sys.stdin, sys.stdout, save, state, watch=args.watch)
    return 1 if code == 0 and not saved else code


def cmd_tui(scenario: str | None, role: str | None, seed: int | None, load: str | None = None,
            watch: bool = False, direct: bool = False, rules=None) -> int:
    try:
        from game.tui.app import run_app
    except ImportError as exc:  # pragma: no cover - textual is a dependency
        return _fail(f"the full-screen game needs Textual ({exc}); try --plain")
    return run_app(scenario, role, seed, load, watch, direct, rules)


def cmd_simulate(args: argparse.Namespace) -> int:
    import json

    from game.engine.simulate import POLICIES, simulate

    rules = load_rules(args.scenario)
    if args.policy not in POLICIES:
        return _fail(f"unknown policy '{args.policy}'; choose one of {', '.join(POLICIES)}")
    if args.runs < 1:
        return _fail("--runs must be at least 1")
    if args.transcript and (args.json or args.coverage):
        return _fail("--transcript prints one game as text; it does not go with "
                     + ("--json" if args.json else "--coverage"))
    if args.transcript:  # one game, omniscient: how an author sees why the numbers play out
        from game.engine.transcripts import transcript
        from game.engine.simulate import play

        print(transcript(play(rules, args.seed, args.policy)), end="")
        return EXIT_OK
    bar = _Progress(args.runs)
    report = simulate(rules, args.runs, args.seed, args.policy, bar.update)
    bar.done()
    if args.coverage:
        from game.authoring.coverage import coverage_report

        report["coverage"] = coverage_report(rules, report, args.runs, args.seed)
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        from game.engine.simulate import format_report

        print(format_report(rules, report))
        if args.coverage:
            from game.authoring.coverage import format_coverage

            print(format_coverage(rules, report["coverage"]))
    return EXIT_OK


class _Progress:
    """A progress bar on standard error, redrawn at most about 50 times."""

    def __init__(self, total: int):
        self.total = total
        self.step = max(1, total // 50)
        self.tty = sys.stderr.isatty()

    def update(self, done: int, total: int) -> None:
        if done % self.step and done != total:
            return
        width = 30
        filled = int(width * done / total)
        line = f"simulating [{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
        if self.tty:
            sys.stderr.write("\r" + line)
        elif done == total or done % (self.step * 10) == 0:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()

    def done(self) -> None:
        if self.tty:
            sys.stderr.write("\n")
            sys.stderr.flush()


def cmd_lint(paths: list[str], runs: int) -> int:
    from game.authoring.lint import run_lint

    if runs < 0:
        return _fail("--runs must be 0 or more (0 skips the simulated games)")
    return run_lint(paths, runs)


def cmd_new(path: str) -> int:
    from game.authoring.scaffold import write_starter

    return write_starter(path)
