"""Where games are saved: the user's data folder (XDG / platformdirs), never the current one.

Slots are named files ``<name>.json`` in ``saves/``; ``autosave`` is written after every turn
of the full-screen game, ``autosave-plain`` when line mode stops.
"""

from __future__ import annotations

import os
import re
from contextlib import suppress
from pathlib import Path

AUTOSAVE = "autosave"
PLAIN_AUTOSAVE = "autosave-plain"  # line mode's own slot: it never overwrites the TUI's


def data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("ceasefire", appauthor=False))


def saves_dir() -> Path:
    return data_dir() / "saves"


def slot_path(name: str) -> Path:
    clean = re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-") or AUTOSAVE
    return saves_dir() / f"{clean}.json"


def slots() -> list[Path]:
    folder = saves_dir()
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)


def claim_autosave() -> str:
    """The autosave slot this process may write: ``autosave``, unless another running copy of
    the game holds it (a teacher's playtest: two copies at once overwrote each other's
    autosave, and Continue lost one game); then ``autosave-2``, ``autosave-3``... which the
    Load list shows. A slot is held by a ``.lock`` file naming the process."""
    folder = saves_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return AUTOSAVE  # the save itself will say what is wrong
    for n in range(1, 100):
        name = AUTOSAVE if n == 1 else f"{AUTOSAVE}-{n}"
        lock = folder / f".{name}.lock"
        try:
            holder = int(lock.read_text(encoding="ascii").strip() or 0)
        except FileNotFoundError:
            holder = 0
        except (OSError, ValueError):
            return AUTOSAVE  # an unreadable lock: behave as before rather than fail
        if holder and holder != os.getpid() and _alive(holder):
            continue
        with suppress(OSError):  # (unwritable: the slot is still this copy's to use)
            lock.write_text(str(os.getpid()), encoding="ascii")
        return name
    return AUTOSAVE


def release_autosave(name: str) -> None:
    lock = saves_dir() / f".{name}.lock"
    with suppress(OSError):
        if lock.read_text(encoding="ascii").strip() == str(os.getpid()):
            lock.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists (another user's): leave its slot alone
    return True
