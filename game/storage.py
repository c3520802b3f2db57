"""Where games are saved: the user's data folder (XDG / platformdirs), never the current one.

Slots are named files ``<name>.json`` in ``saves/``; ``autosave`` is written after every turn
of the full-screen game, ``autosave-plain`` when line mode stops.
"""

from __future__ import annotations

import re
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
