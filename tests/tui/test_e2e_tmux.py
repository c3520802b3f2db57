"""End to end: the real ``ceasefire`` command in a real terminal (tmux), driven by keys.

CI installs tmux (see .ci/run); without it this test is skipped locally and fails in CI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

COMMAND = Path(sys.executable).with_name("ceasefire")


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, timeout=20).stdout


def wait_for(session: str, *words: str, timeout: float = 60.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-p", "-t", session)
        if all(w in screen for w in words):
            return screen
        time.sleep(0.2)
    raise AssertionError(f"never saw {words} on the screen:\n{screen}")


@pytest.fixture
def session(tmp_path):
    if shutil.which("tmux") is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is missing in CI: .ci/run should have installed it")
        pytest.skip("tmux is not installed")
    assert COMMAND.exists(), f"{COMMAND} is missing: install the package (pip install -e .)"
    name = f"ceasefire-{uuid.uuid4().hex[:8]}"
    env = f"XDG_DATA_HOME={tmp_path / 'xdg'} TERM=xterm-256color"
    tmux("new-session", "-d", "-s", name, "-x", "100", "-y", "30",
         f"env {env} {COMMAND}; echo EXITED-$?; sleep 60")
    yield name
    tmux("kill-session", "-t", name)


def test_play_several_turns_in_a_real_terminal(session):
    wait_for(session, "CEASEFIRE", "Ceasefire: the Libyan 5+5 talks, 2020", "UN mediator")
    tmux("send-keys", "-t", session, "e")  # a fixed seed, typed in the seed dialog
    wait_for(session, "Seed (a whole number")
    tmux("send-keys", "-t", session, "3", "Enter")  # the old seed is selected: typing replaces it
    wait_for(session, "Seed 3 ")
    tmux("send-keys", "-t", session, "n")
    wait_for(session, "YOUR MOVE", "Turn 1/22", "Table a package")
    for turn in (2, 3, 4):
        tmux("send-keys", "-t", session, "w")
        wait_for(session, "YOUR MOVE", f"Turn {turn}/22")
    tmux("send-keys", "-t", session, "p")
    screen = wait_for(session, "What-if", "Complete and permanent ceasefire")
    assert "Traceback" not in screen
    tmux("send-keys", "-t", session, "Right")
    wait_for(session, "likely", "LNA")
    tmux("send-keys", "-t", session, "Escape")
    time.sleep(0.5)  # a key right after Esc would reach the app as Alt+key
    wait_for(session, "p Package")
    tmux("send-keys", "-t", session, "n")  # the news tab, scrolled to its latest lines:
    wait_for(session, "(now ")  # a change and its new value, as every news item ends
    tmux("send-keys", "-t", session, "C-q")
    screen = wait_for(session, "EXITED-0")
    assert "Traceback" not in screen
