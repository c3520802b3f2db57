"""The ``ceasefire`` command. Thin: it parses arguments and calls the rooms of the package.

Fast paths (``validate``, ``schema``, ``lint``, ``simulate``, ``play --plain``) never import
Textual. Every user error ends with a clear message and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

EXIT_OK, EXIT_LINT, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ceasefire",
        description="A negotiation game: the UN-brokered Libyan 5+5 ceasefire talks of 2020 by "
                    "default, or any scenario written in YAML. With no command, opens the game "
                    "in the terminal; options without a command are play's (ceasefire --seed 5 "
                    "--role gna).")
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = sub.add_parser("play", help="play a scenario (the full-screen game, or --plain)")
    play.add_argument("scenario", nargs="?", help="scenario file or bundled id (default: the "
                      "2020 5+5 talks)")
    play.add_argument("--role", help="the seat you take: a role id of the scenario (default: its "
                      "mediator; for the 2020 talks: mediator, gna or lna)")
    play.add_argument("--seed", type=int, help="seed for chance events (default: random, shown)")
    play.add_argument("--plain", action="store_true",
                      help="line mode: numbered choices on standard input (pipes, screen readers)")
    play.add_argument("--load", metavar="SAVE", help="continue a saved game (a .json save file)")
    play.add_argument("--save", metavar="FILE", help="where --plain saves at the end "
                      "(default: the --load file; else saves/autosave-plain.json in your data "
                      "folder)")
    play.add_argument("--watch", action="store_true",
                      help="reload the scenario whenever its file is saved, keeping the game")

    validate = sub.add_parser("validate", help="check scenario files; print every problem",
                              epilog="exit status: 0 every file is valid (warnings may be "
                              "listed), 2 a file does not validate or cannot be read")
    validate.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or folders")

    schema = sub.add_parser("schema", help="print the JSON Schema of scenario files")
    schema.add_argument("--sources", action="store_true",
                        help="the schema of source notes (seeds/) instead")
    schema.add_argument("--output", metavar="FILE", help="write it to FILE (atomically)")

    sim = sub.add_parser("simulate", help="play many AI-only games and report the outcomes")
    sim.add_argument("scenario", nargs="?", help="scenario file or bundled id")
    sim.add_argument("--runs", type=int, default=100, help="games to play (default 100)")
    sim.add_argument("--seed", type=int, default=0, help="first seed (default 0)")
    sim.add_argument("--policy", default="scenario",
                     help=_policy_help())
    sim.add_argument("--json", action="store_true", help="print one JSON object")
    sim.add_argument("--transcript", action="store_true",
                     help="print one game (the --seed one) move by move, every private reason "
                          "and number shown, instead of statistics")
    sim.add_argument("--coverage", action="store_true",
                     help="also report what never happened, and ending rates per policy")

    lint = sub.add_parser("lint", help="find what validate cannot see (unreachable endings, ...)",
                          epilog="exit status: 0 no errors (warnings and notes may be listed), "
                                 "1 lint found errors, 2 a file does not validate or cannot "
                                 "be read")
    lint.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or folders")
    lint.add_argument("--runs", type=int, default=200,
                      help="games simulated for the checks that need play (default 200; 0 skips "
                      "those checks)")

    new = sub.add_parser("new", help="write a small, commented starter scenario")
    new.add_argument("path", metavar="PATH", help="the file to create (never overwritten)")
    return parser


def _policy_help() -> str:
    from game.scenario.strategies import STRATEGIES

    def names(kinds: tuple[str, ...]) -> str:
        return ", ".join(n for n, spec in STRATEGIES.items() if spec.roles == kinds)

    return (f"who plays: scenario (each seat as the scenario sets it; the default); "
            f"{names(('mediator', 'delegation'))} (every seat); "
            f"{names(('delegation',))} (every delegation); {names(('mediator',))} (the "
            "mediator); the other seats keep the scenario's AI")


def _version() -> str:
    from game import __version__

    return f"ceasefire {__version__}"


COMMANDS = ("play", "validate", "schema", "simulate", "lint", "new")


def with_command(argv: Sequence[str]) -> list[str]:
    """``ceasefire --seed 5``, ``ceasefire --plain`` or ``ceasefire my.yaml`` mean ``play``:
    without a command, what follows is for the game (help and version stay the program's)."""
    argv = list(argv)
    if argv and argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version") and (
            argv[0].startswith("-") or argv[0].endswith((".yaml", ".yml"))):
        return ["play", *argv]
    return argv


def main(argv: Sequence[str] | None = None) -> int:
    argv = with_command(sys.argv[1:] if argv is None else argv)
    if not argv:  # bare `ceasefire`: the game, at once
        from game.commands import cmd_tui

        return cmd_tui(None, None, None)
    args = _parser().parse_args(argv)
    try:
        return _dispatch(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        try:
            sys.stdout = open("/dev/null", "w")  # noqa: SIM115 - silence the final flush
        except OSError:
            pass
        return 141  # the shell's code for a closed pipe


def _dispatch(args: argparse.Namespace) -> int:
    from game.scenario.errors import ScenarioError

    command = args.command
    try:
        if command == "validate":
            return cmd_validate(args.paths)
        if command == "schema":
            return cmd_schema(args.sources, args.output)
        from game import commands  # the heavier commands live there

        if command is None:
            return commands.cmd_tui(None, None, None)
        if command == "play":
            return commands.cmd_play(args)
        if command == "simulate":
            return commands.cmd_simulate(args)
        if command == "lint":
            return commands.cmd_lint(args.paths, args.runs)
        if command == "new":
            return commands.cmd_new(args.path)
    except ScenarioError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_USAGE
    raise AssertionError(command)  # pragma: no cover


def expand(paths: Sequence[str]) -> list[Path]:
    """Files as given; folders become their ``*.yaml`` files."""
    out: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            out.extend(sorted(p for p in path.glob("*.y*ml") if p.is_file()))
        else:
            out.append(path)
    return out


def cmd_validate(paths: Sequence[str]) -> int:
    from game.scenario.errors import ScenarioError
    from game.scenario.loader import load_any

    bad = 0
    files = expand(paths)
    if not files:
        print("validate: no YAML files found in " + ", ".join(paths), file=sys.stderr)
        return EXIT_USAGE
    for path in files:
        try:
            kind, title, warnings = load_any(path)
        except ScenarioError as exc:
            bad += 1
            for problem in exc.problems:
                print(problem)
            continue
        for problem in warnings:
            print(problem)
        print(f"ok: {path} ({kind}: {title})")
    if bad:
        print(f"{bad} of {len(files)} file(s) invalid", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def cmd_schema(sources: bool, output: str | None) -> int:
    from game.fsutil import atomic_write
    from game.scenario.schema import schema_text

    text = schema_text("sources" if sources else "scenario")
    if output:
        try:
            atomic_write(output, text)
        except OSError as exc:
            print(f"ceasefire schema: cannot write {output}: {exc.strerror or exc}",
                  file=sys.stderr)
            return EXIT_USAGE
    else:
        sys.stdout.write(text)
    return EXIT_OK
