"""Loading a scenario: strict YAML, then the models, then every cross-check.

``load_scenario`` either returns a fully checked scenario or raises :class:`ScenarioError`
listing every problem found in the file, positioned. It never writes to the file.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from game.scenario.check import check_scenario
from game.scenario.errors import Problem, ScenarioError
from game.scenario.model import Scenario
from game.scenario.pydantic_errors import validation_problems
from game.scenario.sources import SourceNote, fact_ids, load_notes
from game.scenario.yamlsafe import Positions, parse_yaml, read_text, where

M = TypeVar("M", bound=BaseModel)
CITATIONS_UNCHECKED: set[str] = set()  # identity marks "the sources folder is missing"


@dataclass(frozen=True)
class LoadedScenario:
    """A scenario that passed every check, with what the game and the tools need around it."""

    scenario: Scenario
    path: Path
    positions: Positions
    digest: str
    """Hash of the scenario's content (not its comments or layout); saves record it."""
    notes: dict[str, SourceNote] = field(default_factory=dict)
    warnings: tuple[Problem, ...] = ()


def _validate(text: str, model: type[M], display: str
              ) -> tuple[M | None, Positions, list[Problem]]:
    """Structure only. Returns (model or None, positions, problems).

    When validation fails, the values it complains about are dropped (falling back to their
    defaults) and validation is tried once more: if that works, the caller can still run the
    cross-checks, so an author sees typos and bad references in one pass.
    """
    data, pos = parse_yaml(text, display)
    try:
        return model.model_validate(data), pos, list(pos.soft)
    except ValidationError as exc:
        found = [p for p in validation_problems(exc, data, pos, model) if not _under(p, pos)]
        errors = exc.errors()
    bad_paths = [_path_of(err["loc"], data) for err in errors if err["type"] != "missing"]
    repaired = copy.deepcopy(data)
    _rename_typos(repaired, errors, data)
    for path in bad_paths:
        _drop(repaired, path)
    pos.dropped.update(bad_paths)
    partial = None
    for _ in range(2):
        try:
            partial = model.model_validate(repaired)
            break
        except ValidationError as again:
            missing = [e["loc"] for e in again.errors() if e["type"] == "missing"]
            if not missing or not all(_fill(repaired, loc, model) for loc in missing):
                break
    return partial, pos, pos.soft + found


def _rename_typos(repaired: Any, errors: list[dict[str, Any]], data: Any) -> None:
    """``turn_dayz: 7`` beside a missing ``turn_days``: read it as ``turn_days`` for the retry."""
    import difflib

    extra = [_path_of(e["loc"], data) for e in errors if e["type"] == "extra_forbidden"]
    missing = [_path_of(e["loc"], data) for e in errors if e["type"] == "missing"]
    for path in extra:
        wanted = [m[-1] for m in missing if m[:-1] == path[:-1] and isinstance(m[-1], str)]
        close = difflib.get_close_matches(str(path[-1]), wanted, n=1, cutoff=0.6)
        node = repaired
        try:
            for part in path[:-1]:
                node = node[part]
        except (KeyError, IndexError, TypeError):
            continue
        if close and isinstance(node, dict) and path[-1] in node:
            node[close[0]] = node.pop(path[-1])


def _path_of(loc: tuple, data: Any) -> tuple:
    from game.scenario.pydantic_errors import _data_path

    return _data_path(loc, data)[0]


def _drop(data: Any, path: tuple) -> None:
    node = data
    for part in path[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return
    if path and isinstance(node, dict):
        node.pop(path[-1], None)


def _fill(data: Any, loc: tuple, model: type[BaseModel]) -> bool:
    """Put a neutral value (0, "", false) where a required scalar was dropped."""
    from game.scenario.pydantic_errors import _model_at

    path = _path_of(loc, data)
    owner = _model_at(model, path[:-1])
    if owner is None or path[-1] not in owner.model_fields:
        return False
    neutral = {float: 0.0, int: 0, str: "", bool: False}
    info = owner.model_fields[path[-1]]
    annotation = info.annotation
    value = neutral.get(annotation) if isinstance(annotation, type) else None
    for bound in info.metadata:  # respect a lower bound such as ge=1
        low = getattr(bound, "ge", None)
        if low is None and getattr(bound, "gt", None) is not None:
            low = bound.gt + 1
        if low is not None and value is not None and not isinstance(value, (str, bool)):
            value = type(value)(low)
    node = data
    for part in path[:-1]:
        node = node[part]
    if value is None or not isinstance(node, dict):
        return False
    node[path[-1]] = value
    return True


def parse_model(text: str, model: type[M], display: str) -> tuple[M, Positions]:
    """Parse YAML text into ``model`` (structure only), or raise with positions."""
    result, pos, problems = _validate(text, model, display)
    if problems or result is None:
        raise ScenarioError(problems)
    return result, pos


def _under(problem: Problem, pos: Positions) -> bool:
    """True when a YAML-level problem already explains this validation problem."""
    return any(problem.where == where(path) or problem.where.startswith(where(path) + ".")
               or problem.where.startswith(where(path) + "[") for path in pos.soft_paths)


def load_model(path: str | Path, model: type[M], display: str | None = None) -> tuple[M, Positions]:
    path = Path(path)
    display = display or str(path)
    return parse_model(read_text(path, display), model, display)


def digest_of(scenario: Scenario) -> str:
    return hashlib.sha256(scenario.model_dump_json().encode()).hexdigest()[:16]


def load_scenario(path: str | Path, display: str | None = None, text: str | None = None,
                  strict: bool = False) -> LoadedScenario:
    """Load and check one scenario file. Raises :class:`ScenarioError` with every problem.

    ``strict`` (validate, lint: an author checking their file): a missing ``sources:`` folder
    is an error, not the warning a player's copy of a bundled scenario gets."""
    path = Path(path)
    display = display or str(path)
    if text is None:
        text = read_text(path, display)
    scenario, pos, problems = _validate(text, Scenario, display)
    if scenario is None:
        raise ScenarioError(problems)
    notes: dict[str, SourceNote] = {}
    citable: set[str] | None = None
    if scenario.sources is not None:
        folder = (path.parent / scenario.sources).resolve()
        if not folder.is_dir():
            # to play, a warning: a teacher's copy of a bundled scenario plays as it is, only
            # its citations go unchecked (a playtest: the copy would not even load). To
            # validate, an error: a mistyped folder would switch every citation check off.
            problems.append(pos.problem(("sources",), "sources",
                                        f"there is no folder '{scenario.sources}' next to this "
                                        f"file (looked for {folder}); citations "
                                        f"{'cannot be' if strict else 'are not'} checked. Copy "
                                        "the source notes there, or fix the path, or remove "
                                        "'sources:' and the events' citations",
                                        severity="error" if strict else "warning"))
            citable = CITATIONS_UNCHECKED
        else:
            notes, note_problems = load_notes(folder)
            problems.extend(note_problems)
            citable = fact_ids(notes)
    reported = {p.where for p in problems}
    problems.extend(p for p in check_scenario(scenario, pos, citable)
                    if p.where not in reported and not any(  # a follow-on of a reported one
                        r.startswith(p.where + ".") for r in reported))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ScenarioError(problems)
    return LoadedScenario(scenario, path, pos, digest_of(scenario), notes,
                          tuple(p for p in problems if p.severity != "error"))


def load_any(path: str | Path) -> tuple[str, str, tuple[Problem, ...]]:
    """Validate a scenario or a source note (told apart by their keys), strictly.

    Returns (kind, title, warnings); raises :class:`ScenarioError`.
    """
    path = Path(path)
    text = read_text(path, str(path))
    data, _ = parse_yaml(text, str(path))
    if "facts" in data and "format" not in data:
        note, pos = parse_model(text, SourceNote, str(path))
        return "source note", note.headline, ()
    loaded = load_scenario(path, text=text, strict=True)
    return "scenario", loaded.scenario.title, loaded.warnings
