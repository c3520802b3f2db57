"""The rooms of the house: the scenario and engine layers never import the UI."""

from __future__ import annotations

import ast
import subprocess
import sys

from tests.conftest import ROOT

UI = ("textual", "rich")


def _imports(folder):
    for path in sorted((ROOT / "game" / folder).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    yield path, alias.name
            elif isinstance(node, ast.ImportFrom) and node.module:
                yield path, node.module


def test_scenario_layer_imports_neither_engine_nor_ui():
    for path, name in _imports("scenario"):
        assert not name.startswith(UI), f"{path} imports {name}"
        assert not name.startswith(("game.engine", "game.tui")), f"{path} imports {name}"


def test_loading_a_scenario_loads_no_ui_module():
    code = ("import sys; from game.scenario.loader import load_scenario; "
            f"load_scenario({str(ROOT / 'scenarios' / 'libya-5plus5-2020.yaml')!r}); "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]; "
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
