"""Where the bundled scenarios live, and how a scenario is named on the command line."""

from __future__ import annotations

from pathlib import Path

DEFAULT_SCENARIO = "libya-5plus5-2020"


def scenarios_dir() -> Path:
    """The bundled scenarios: inside the package when installed from a wheel, else the repo's."""
    here = Path(__file__).resolve().parent
    bundled = here / "scenarios"
    return bundled if bundled.is_dir() else here.parent / "scenarios"


def bundled_scenarios() -> list[Path]:
    folder = scenarios_dir()
    return sorted(p for p in folder.glob("*.yaml") if p.is_file())


def resolve_scenario(name: str | None) -> Path:
    """A path as given, or a bundled scenario by id (file stem); the default when ``None``."""
    if name is None:
        name = DEFAULT_SCENARIO
    path = Path(name)
    if path.exists() or path.suffix in (".yaml", ".yml") or "/" in name:
        return path
    bundled = scenarios_dir() / f"{name}.yaml"
    if not bundled.is_file():
        from game.scenario.errors import Problem, ScenarioError, did_you_mean

        ids = [p.stem for p in bundled_scenarios()]
        raise ScenarioError([Problem(name, 1, 1, "file", (
            f"no such file, and no bundled scenario has this id{did_you_mean(name, ids)} "
            f"(bundled: {', '.join(ids)})"))])
    return bundled


def scenario_id(path: Path) -> str | None:
    """A scenario file's id, read without building any model (None if unreadable)."""
    from game.scenario.errors import ScenarioError
    from game.scenario.yamlsafe import load_yaml

    try:
        data, _ = load_yaml(path)
    except ScenarioError:
        return None
    return data.get("id") if isinstance(data.get("id"), str) else None


def scenario_for_save(data: dict) -> Path | None:
    """The scenario a save was made with: where it was, else a bundled one with its id."""
    if data.get("path"):
        saved_at = Path(data["path"])
        # A file still there whose id cannot be read is the author's, broken since: loading it
        # reports its errors (file, line, column) rather than quietly taking a bundled one.
        if saved_at.is_file() and scenario_id(saved_at) in (data.get("scenario"), None):
            return saved_at
    for candidate in bundled_scenarios():
        if scenario_id(candidate) == data.get("scenario"):
            return candidate
    return None
