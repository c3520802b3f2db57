"""Where games are saved: the autosave slot a running copy of the game holds."""

from __future__ import annotations

import os
import subprocess
import sys

from game import storage


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_second_running_copy_autosaves_to_a_slot_of_its_own(tmp_path, monkeypatch):
    """A teacher's playtest: two copies at once overwrote each other's autosave."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    folder = storage.saves_dir()
    folder.mkdir(parents=True)
    (folder / ".autosave.lock").write_text(str(os.getppid()), encoding="ascii")  # alive
    assert storage.claim_autosave() == "autosave-2"
    assert (folder / ".autosave-2.lock").read_text(encoding="ascii") == str(os.getpid())
    storage.release_autosave("autosave-2")
    assert not (folder / ".autosave-2.lock").exists()
    assert (folder / ".autosave.lock").exists()  # another's lock is left alone


def test_a_lock_left_by_a_killed_copy_does_not_hold_the_slot(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    folder = storage.saves_dir()
    folder.mkdir(parents=True)
    (folder / ".autosave.lock").write_text(str(_dead_pid()), encoding="ascii")
    assert storage.claim_autosave() == "autosave"
    assert storage.claim_autosave() == "autosave"  # its own lock: still its slot
