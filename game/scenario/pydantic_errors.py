"""Pydantic's validation errors, placed at their YAML line and column and said in plain words.

After rendercv's ``pydantic_error_handling.py``: the location of an error is a path through the
data; the loader knows where every path stands in the file.
"""

from __future__ import annotations

import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from game.scenario.errors import Problem, did_you_mean, one_of
from game.scenario.model_base import NOTE_ID_PATTERN, SCENARIO_ID_PATTERN
from game.scenario.yamlsafe import Positions, where

YAML11_WORDS = {"yes", "no", "on", "off", "y", "n", "Yes", "No", "On", "Off", "YES", "NO"}


def _data_path(loc: tuple, data: Any) -> tuple[tuple, bool]:
    """Turn a pydantic ``loc`` into a path through ``data``; the flag says "the key itself"."""
    path: list[Any] = []
    node = data
    about_key = False
    for part in loc:
        if part == "[key]":
            about_key = True
            break
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and not _is_tag(part):
            path.append(part)  # a missing or unknown key: still part of the path
            node = None
        # else: a union member tag ('float', 'str', 'function-after[...]'): skip it
    return tuple(path), about_key


def _is_tag(part: str) -> bool:
    return part in ("str", "float", "int", "bool", "none", "date", "list", "dict") or (
        "[" in part and "]" in part) or part.startswith("constrained-str")


def _unwrap(tp: Any) -> list[Any]:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        out = []
        for arg in typing.get_args(tp):
            out.extend(_unwrap(arg))
        return out
    return [tp]


def _model_at(model: type[BaseModel], path: tuple) -> type[BaseModel] | None:
    """The model class describing the mapping at ``path``, if any."""
    current: list[Any] = [model]
    for part in path:
        nxt: list[Any] = []
        for tp in current:
            if isinstance(tp, type) and issubclass(tp, BaseModel):
                if isinstance(part, str) and part in tp.model_fields:
                    nxt.extend(_unwrap(tp.model_fields[part].annotation))
            else:
                origin = typing.get_origin(tp)
                args = typing.get_args(tp)
                if origin is dict and args:
                    nxt.extend(_unwrap(args[1]))
                elif origin is list and args and isinstance(part, int):
                    nxt.extend(_unwrap(args[0]))
        current = nxt
    for tp in current:
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            return tp
    return None


def _shown(value: Any) -> str:
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:39] + "…"
        return f"the text '{text}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (an empty value)"
    return f"{value!r}"


_EXPECTED = {"string_type": "text", "float_type": "a number", "int_type": "a whole number",
             "bool_type": "true or false", "dict_type": "a mapping (key: value lines)",
             "list_type": "a list (lines starting with '- ')", "date_type": "a date",
             "model_type": "a mapping (key: value lines)", "model_attributes_type":
             "a mapping (key: value lines)", "literal_error": "", "int_from_float":
             "a whole number"}


def _message(err: dict[str, Any], model: type[BaseModel], path: tuple) -> str:
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "missing":
        field = path[-1] if path else "?"
        owner = _model_at(model, path[:-1])
        doc = ""
        if owner and field in owner.model_fields and owner.model_fields[field].description:
            doc = " — " + owner.model_fields[field].description.split("\n")[0].rstrip(
                ".").replace("``", "'")  # (reST quotes in a message read as noise)
        return f"missing required field '{field}'{doc}"
    if kind == "extra_forbidden":
        field = path[-1] if path else "?"
        owner = _model_at(model, path[:-1])
        allowed = list(owner.model_fields) if owner else []
        return f"unknown field '{field}'{did_you_mean(str(field), allowed)}" + (
            f"; the fields here are {one_of(allowed, 30)}" if allowed else "")
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        options = [o.strip().strip("'") for o in expected.replace(" or ", ",").split(",")]
        return (f"{_shown(value)} is not allowed here{did_you_mean(str(value), options)}; "
                f"use {one_of(options, 30)}")  # a fixed list: show it whole
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if "#" in pattern:
            return f"'{value}' is not a citation; write 'note-id#fact-id'"
        if pattern in (SCENARIO_ID_PATTERN, NOTE_ID_PATTERN):  # ids that name a file too
            allowed, example = (("digits, '-' and '_'", "karst-talks-2033")
                                if pattern == SCENARIO_ID_PATTERN
                                else ("digits and '-'", "herald-2033-02-07"))
            return (f"'{value}' is not a valid id here: use lowercase letters, {allowed}, "
                    f"starting with a letter or digit (e.g. '{example}')")
        # (an author's playtest: 'fish-kill' was given 'e.g. port_shelling', not its own fix)
        fixed = re.sub(r"[^a-z0-9_]+", "_", str(value).lower()).strip("_")
        example = fixed if fixed and fixed[0].isalpha() else "port_shelling"
        return (f"'{value}' is not a valid id: use lowercase letters, digits and underscores, "
                f"starting with a letter (e.g. '{example}')")
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = next(iter(ctx.values()), "?")
        word = {"greater_than_equal": "at least", "less_than_equal": "at most",
                "greater_than": "more than", "less_than": "less than"}[kind]
        return f"{_shown(value)} is too {'small' if 'greater' in kind else 'large'}; " \
               f"it must be {word} {bound}"
    if kind in ("too_short", "too_long"):
        return err["msg"].replace("List", "this list").replace("Dictionary", "this mapping")
    if kind == "string_too_long":
        return f"this text is too long (at most {ctx.get('max_length')} characters)"
    if kind == "string_too_short":
        return "this text is empty"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"])).removeprefix("Value error, ")
    if kind.startswith("date"):
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            # (an author's playtest: '2032-02-30' was told to write a date like '2020-10-23')
            return f"{_shown(value)} is written as a date, but there is no such day"
        return f"{_shown(value)} is not a date; write it as \"2020-10-23\""
    expected = _EXPECTED.get(kind)
    if expected:
        hint = ""
        if kind == "bool_type" and isinstance(value, str) and value in YAML11_WORDS:
            hint = " (this file is read as YAML 1.2, where yes/no/on/off are text)"
        return f"expected {expected}, got {_shown(value)}{hint}"
    return err["msg"]


def _children(owner: type[BaseModel]) -> list[tuple[str, type[BaseModel], bool]]:
    """(field, model, keyed) for each field of ``owner`` holding models: ``keyed`` when it is
    a mapping of ids to them (``options: {id: Option}``)."""
    out = []
    for name, info in owner.model_fields.items():
        for tp in _unwrap(info.annotation):
            origin, args = typing.get_origin(tp), typing.get_args(tp)
            inner = args[1] if origin is dict and args else args[0] if origin is list and args \
                else tp
            for sub in _unwrap(inner):
                if isinstance(sub, type) and issubclass(sub, BaseModel):
                    out.append((name, sub, origin is dict))
    return out


def _misplaced(model: type[BaseModel], path: tuple, kind: str) -> str:
    """A hint when a field sits one level off: 'on_agree' among an issue's fields, or among
    its option ids (an indentation slip), when it belongs inside one option."""
    if not path or not isinstance(path[-1], str):
        return ""
    field = path[-1]
    if kind == "extra_forbidden":  # known one level down: indented too little
        owner = _model_at(model, path[:-1])
        if owner is None or len(path) < 2 or did_you_mean(field, list(owner.model_fields)):
            return ""  # (at the top a stray 'name' is likelier a misnamed field than a slip)
        homes = [(name, keyed) for name, sub, keyed in _children(owner)
                 if field in sub.model_fields]
        if len(homes) != 1:  # only when there is one place it can belong
            return ""
        name, keyed = homes[0]
        inside = f"each entry of '{name}'" if keyed else f"'{name}'"
        return f"; '{field}' is a field of {inside}: indent it under " + (
            "the one it belongs to" if keyed else f"'{name}'")
    value_model = _model_at(model, path)
    parent = _model_at(model, path[:-1])
    if (value_model is not None and field in value_model.model_fields
            and (parent is None or field not in parent.model_fields) and len(path) >= 2):
        return (f"; '{field}' is read here as an id under '{path[-2]}', but it is a field of "
                f"each entry: indent it under the entry it belongs to")
    return ""


def validation_problems(exc: ValidationError, data: Any, pos: Positions,
                        model: type[BaseModel]) -> list[Problem]:
    """Every error in ``exc`` as a positioned problem; union alternatives are merged."""
    grouped: dict[tuple, list[dict[str, Any]]] = {}
    for err in exc.errors(include_url=False):
        path, about_key = _data_path(err["loc"], data)
        grouped.setdefault((path, about_key), []).append(err)
    # A misspelt field shows up twice: unknown 'turn_dayz' and missing 'turn_days'. Keep the
    # first, which says "did you mean 'turn_days'?".
    unknown = {(path[:-1], str(path[-1])) for (path, _), errs in grouped.items()
               if path and errs[0]["type"] == "extra_forbidden"}
    problems = []
    for (path, about_key), errs in grouped.items():
        if path and errs[0]["type"] == "missing" and any(
                parent == path[:-1] and did_you_mean(name, [str(path[-1])])
                for parent, name in unknown):
            continue
        kinds = {e["type"] for e in errs}
        if len(errs) > 1 and kinds <= set(_EXPECTED):
            wanted = sorted({_EXPECTED[e["type"]] for e in errs if _EXPECTED[e["type"]]})
            message = (f"expected {' or '.join(wanted)}, got {_shown(errs[0].get('input'))}")
            if "text" in wanted:
                message = message.replace("expected text", "expected an expression (text)")
        else:
            # Prefer the most specific message of a union's alternatives.
            errs.sort(key=lambda e: e["type"] in _EXPECTED)
            message = _message(errs[0], model, path)
        message += _misplaced(model, path, errs[0]["type"])
        is_key = about_key or errs[0]["type"] == "extra_forbidden"
        problems.append(pos.problem(path, where(path) or "file", message, key=is_key))
    return problems
