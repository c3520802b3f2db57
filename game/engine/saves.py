"""Saves: the scenario's id and content hash, the seed, the roles and the action log.

Never a pickled state: loading replays the log. If the scenario changed since the save, the log
is replayed as far as its actions stay legal, and the result says at which turn it diverged.
Saves are written atomically; a corrupt or truncated save gives a clear error and is left
untouched.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.engine.ai import choose
from game.engine.core import apply, new_game
from game.engine.rules import Rules
from game.engine.state import Action, ActionError, State

FORMAT = 1


class SaveError(Exception):
    """A save file that cannot be read; the message names the file and the problem."""


@dataclass(frozen=True)
class Loaded:
    state: State
    replayed: int  # actions replayed
    total: int  # actions in the save
    diverged_turn: int | None  # where the replay stopped, if it did
    message: str  # what happened, in words ("" when the save replayed exactly)


def to_json(state: State) -> str:
    """The save's text. The AI's reasons are not in it (a student's save would show the other
    side's private numbers, a playtest found): loading works them out again."""
    rules: Rules = state.rules
    from game.engine.state import log_list

    reasoned = iter([bool(e.data.get("ai")) for e in log_list(state.log) if e.kind == "action"])
    actions = []
    for action in state.actions:
        item: dict[str, Any] = {"role": action.role, "act": action.act}
        if action.role != "facilitator" and next(reasoned, False):
            item["ai"] = True  # the AI's move, with a reason that loading works out again
        if action.target:
            item["target"] = action.target
        if action.option:
            item["option"] = action.option
        if action.package:
            item["package"] = dict(zip(rules.issues, action.package))
        actions.append(item)
    path = str(rules.loaded.path.resolve()) if rules.loaded is not None else ""
    data = {"format": FORMAT, "game": "ceasefire", "scenario": rules.s.id, "path": path,
            "digest": rules.digest, "seed": state.seed, "humans": sorted(state.humans),
            "turn": state.turn, "ending": state.outcome.ending if state.outcome else None,
            "actions": actions}
    data["seal"] = _seal(data)
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def _seal(data: dict[str, Any]) -> str:
    """A fingerprint of what decides the game (scenario, digest, seed, seats, moves): a save
    edited by hand no longer matches it, and loading says so (a teacher's playtest: a seed
    changed from 42 to 43 loaded silently, and a changed digest was blamed on the scenario)."""
    import hashlib

    core = {k: data.get(k) for k in ("scenario", "digest", "seed", "humans", "actions")}
    return hashlib.sha256(json.dumps(core, sort_keys=True).encode()).hexdigest()[:16]


def save(state: State, path: str | Path) -> None:
    from game.fsutil import atomic_write

    atomic_write(path, to_json(state))


def read(path: str | Path) -> dict[str, Any]:
    """The save's contents, checked for shape; raises :class:`SaveError`."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SaveError(f"{path}: no such save file") from None
    except OSError as exc:
        raise SaveError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))  # an editor's byte-order mark is harmless
    except RecursionError:
        raise SaveError(f"{path}: not a Ceasefire save (nested too deeply)") from None
    except UnicodeDecodeError:
        raise SaveError(f"{path}: not a Ceasefire save (not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        raise SaveError(f"{path}:{exc.lineno}:{exc.colno}: the save is corrupt or truncated "
                        f"({exc.msg}); it was left as it is") from None
    if not isinstance(data, dict) or data.get("game") != "ceasefire":
        raise SaveError(f"{path}: not a Ceasefire save")
    if data.get("format") != FORMAT:
        raise SaveError(f"{path}: save format {data.get('format')!r} is not supported "
                        f"(this version reads format {FORMAT})")
    for key, kind in (("scenario", str), ("seed", int), ("humans", list), ("actions", list)):
        if not isinstance(data.get(key), kind):
            raise SaveError(f"{path}: the save is damaged ('{key}' is missing or wrong)")
    return data


def restore(rules: Rules, data: dict[str, Any], source: str = "save") -> Loaded:
    """Replay a save's actions on ``rules``."""
    if data["scenario"] != rules.s.id:
        raise SaveError(f"{source}: this save is for scenario '{data['scenario']}', "
                        f"not '{rules.s.id}'")
    humans = data["humans"]
    unknown = [str(h) for h in humans if h not in rules.roles]
    if unknown:
        raise SaveError(f"{source}: the save's player role {', '.join(map(repr, unknown))} is "
                        f"not a role of scenario '{rules.s.id}' (its roles: "
                        f"{', '.join(rules.roles)})")
    state = new_game(rules, data["seed"], humans)
    actions = data["actions"]
    edited = "seal" in data and data["seal"] != _seal(data)
    changed = data.get("digest") != rules.digest and not edited
    note = ("this save was edited after it was written, so it replays as it now reads; "
            if edited else "the scenario has changed since this game was saved; "
            if changed else "")
    for n, item in enumerate(actions):
        try:
            action = _action(rules, item)
            why = str(item.get("why", ""))  # (saves written before reasons were left out)
            if item.get("ai") and not why and action.role == state.role and \
                    state.outcome is None:
                chosen, reason = choose(state)  # the AI's move again, and its reason
                why = reason if chosen == action else ""
            state = apply(state, action, why)
        except (ActionError, KeyError, TypeError, ValueError) as exc:
            reason = str(exc) if isinstance(exc, ActionError) else "the action no longer fits"
            return Loaded(state, n, len(actions), state.turn,
                          f"{note}the game diverged at turn {state.turn + 1} "
                          f"({rules.date_of(state.turn).isoformat()}), action {n + 1} of "
                          f"{len(actions)}: {reason}. Play continues from there.")
    message = ("this save was edited after it was written; it replays as it now reads"
               if edited else "the scenario has changed since this game was saved, but every "
               "move still replays" if changed else "")
    return Loaded(state, len(actions), len(actions), None, message)


def _action(rules: Rules, item: dict[str, Any]) -> Action:
    package: tuple[str, ...] = ()
    if "package" in item:
        chosen = item["package"]
        unknown = set(chosen) - set(rules.issues)
        if unknown:
            raise ValueError(f"unknown issues {sorted(unknown)}")
        package = tuple(chosen.get(issue, rules.status_quo[k])
                        for k, issue in enumerate(rules.issues))
    return Action(str(item["role"]), str(item["act"]), str(item.get("target", "")),
                  str(item.get("option", "")), package)


def load(rules: Rules, path: str | Path) -> Loaded:
    return restore(rules, read(path), str(path))
