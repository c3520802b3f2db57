"""Writing a scenario model back to YAML that the strict loader reads as the same model."""

from __future__ import annotations

from typing import Any

import yaml
from pydantic import BaseModel

from game.scenario.yamlsafe import _scalar


class _Dumper(yaml.SafeDumper):
    """Quotes every string the strict loader would not read back as that same string."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> Any:
    resolved, trouble = _scalar(value, None)
    plain_ok = trouble is None and isinstance(resolved, str) and resolved == value
    style = None if plain_ok else "'"
    if any(not c.isprintable() or c in "\x85\u2028\u2029" for c in value):
        style = '"'  # line breaks and control characters survive only as escapes
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_model(model: BaseModel, header: str = "") -> str:
    """YAML text for ``model`` (defaults left out), optionally after a comment header."""
    data = model.model_dump(mode="json", exclude_defaults=True)
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return header + body
