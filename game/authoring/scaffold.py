"""``ceasefire new PATH``: a small, valid, commented starter scenario that plays as it stands."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def starter_text(name: str = "") -> str:
    """The starter, its id made from ``name`` (a file's stem) when that gives a valid one: two
    scenarios begun with ``new`` would otherwise share the id 'starter', and with it their
    saves (an author's playtest)."""
    from game.paths import scenarios_dir

    template = (Path(__file__).resolve().parent.parent / "starter.yaml").read_text("utf-8")
    schema = (scenarios_dir() / "schema.json").resolve()
    text = template.replace("SCHEMA_PATH", schema.as_uri(), 1)
    scenario_id = scenario_id_of(name)
    return text.replace("\nid: starter\n", f"\nid: {scenario_id}\n", 1) if scenario_id else text


def scenario_id_of(name: str) -> str:
    """A scenario id from a file's stem ('Harbour Talks' -> 'harbour-talks'), or '' if none."""
    import re

    from game.scenario.model_base import SCENARIO_ID_PATTERN

    import unicodedata

    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()  # é -> e
    candidate = re.sub(r"[^a-z0-9_-]+", "-", plain.lower()).strip("-_")[:60]
    return candidate if re.match(SCENARIO_ID_PATTERN, candidate) else ""


OTHER_FILES = {".json", ".txt", ".toml", ".md", ".py", ".ini", ".cfg", ".csv", ".xml", ".html",
               ".rst", ".ink", ".yarn"}  # kinds of file a scenario is not


def write_starter(path: str) -> int:
    target = Path(path)
    if not target.name or target.name in (".", ".."):
        print(f"ceasefire new: '{path}' names no file; give one, e.g. ceasefire new "
              "my-scenario.yaml", file=sys.stderr)
        return 2
    if path.endswith(("/", os.sep)) or target.is_dir():
        print(f"ceasefire new: {path} names a folder; name a file in it, e.g. ceasefire new "
              f"{target / 'my-scenario.yaml'}", file=sys.stderr)
        return 2
    if target.suffix.lower() not in (".yaml", ".yml"):
        if target.suffix.lower() in OTHER_FILES:  # x.json: say so, not write x.yaml unasked
            print(f"ceasefire new: a scenario is a YAML file; name it "
                  f"{target.with_suffix('.yaml')} (nothing was written)", file=sys.stderr)
            return 2
        target = target.with_name(target.name + ".yaml")  # my-war, geneva.talks: + .yaml
    if target.exists():
        print(f"ceasefire new: {target} already exists; choose another name (nothing was "
              "overwritten)", file=sys.stderr)
        return 2
    if not target.parent.is_dir():
        print(f"ceasefire new: there is no folder {target.parent}", file=sys.stderr)
        return 2
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # an ordinary file, not mkstemp's private 0600
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(starter_text(target.stem))
        os.link(tmp, target)  # fails rather than overwrite a file created meanwhile
    except FileExistsError:
        print(f"ceasefire new: {target} already exists; nothing was overwritten", file=sys.stderr)
        return 2
    finally:
        os.unlink(tmp)
    print(f"Wrote {target}. Next:\n"
          f"  ceasefire validate {target}\n"
          f"  ceasefire lint {target}\n"
          f"  ceasefire simulate {target} --coverage\n"
          f"  ceasefire play {target}\n"
          "The authoring guide (docs/authoring.md) explains every field.")
    return 0
