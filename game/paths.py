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
    return scenarios_dir() / f"{name}.yaml"
