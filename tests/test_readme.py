"""The README's first screen: what it is, then exactly two commands; CI runs the second."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def _commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first_screen = text.split("\n---\n", 1)[0]
    return first_screen, re.findall(r"```sh\n(.+?)\n```", first_screen, flags=re.S)


def test_first_screen_has_exactly_two_commands():
    first_screen, commands = _commands()
    assert len(commands) == 2, commands
    assert all("\n" not in c for c in commands)
    assert commands[0].endswith("ceasefire") and "pip install" in commands[0]
    assert "[test]" in commands[1] and "pytest" in commands[1]
    assert first_screen.index("negotiation game") < first_screen.index("```sh")
    assert len(first_screen.splitlines()) <= 25


def test_ci_runs_the_readme_test_command_word_for_word():
    _, commands = _commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci.splitlines()
