"""The player's settings (theme, AI speed, the role last played in each scenario), kept in the
user's data folder."""

from __future__ import annotations

import json
from typing import Any

DEFAULTS: dict[str, Any] = {"theme": "textual-dark", "ai_delay": 0.3,
                            "roles": {},  # scenario file name -> the role last played in it
                            "plain_fold": True,  # line mode folds long lines at a terminal
                            "plain_quiet": False}  # line mode says each turn in short


def _path():
    from game.storage import data_dir

    return data_dir() / "settings.json"


def load() -> dict[str, Any]:
    try:
        data = json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return dict(DEFAULTS)
    if not isinstance(data, dict):
        return dict(DEFAULTS)
    return {**DEFAULTS, **{k: v for k, v in data.items() if k in DEFAULTS and _fits(v, k)}}


def _fits(value: Any, key: str) -> bool:
    """Is a stored value of the kind its default is? (A hand-edited file keeps the rest.)"""
    default = DEFAULTS[key]
    if isinstance(default, bool):  # (before numbers: a bool is an int to isinstance)
        return isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, type(default))


def save(settings: dict[str, Any]) -> None:
    from game.fsutil import atomic_write

    try:
        atomic_write(_path(), json.dumps(settings, indent=1) + "\n")
    except OSError:
        pass  # settings are a convenience; never fail the game over them


def remember(key: str, value: Any) -> None:
    """Keep one setting (line mode's 'fold' and 'quiet'), the others as they are."""
    chosen = load()
    chosen[key] = value
    save(chosen)
