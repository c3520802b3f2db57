"""Strict, bounded YAML reading for files written by hand.

``yaml.safe_load`` is not enough for files a stranger may hand a teacher (see STYLE.md): an alias
bomb expands in the validator, deep nesting overflows the stack, and YAML 1.1 quietly turns
``no`` into ``False``, ``010`` into ``8`` and ``1:30`` into ``90``. So this module:

- caps the file size, refuses empty, binary and non-UTF-8 files with a position;
- streams parser events (never a recursive composer), so depth and node counts are checked
  before anything is built;
- refuses anchors/aliases, explicit tags (``!!python/...``), duplicate keys, complex keys and
  more than one document;
- resolves plain scalars by YAML 1.2's core schema, with a few stricter rules so that nothing
  changes an author's meaning behind their back: ``yes``/``no``/``on``/``off`` and ``1:30`` stay
  text, ``010`` and ``0x1F`` are refused as ambiguous, ``.inf``/``.nan`` are refused;
- keeps the line and column of every key and value, so later checks can point at them.

The file is only ever read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from game.scenario.errors import Problem, ScenarioError

MAX_BYTES = 1_048_576  # a rich scenario is ~100 KB; ten times that is not a scenario
MAX_DEPTH = 40  # the format nests about eight deep
MAX_NODES = 200_000

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_AMBIGUOUS_NUMBER = re.compile(r"[-+]?(0[0-9]+|0[xXoObB][0-9a-fA-F_]+)\Z")
_NONFINITE = re.compile(r"[-+]?\.(inf|Inf|INF|nan|NaN|NAN)\Z")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}

Path_ = tuple[Any, ...]
_DISCARD = object()  # the pending "key" of a value that is read but dropped (duplicates, bad keys)


@dataclass
class Positions:
    """Where each key and value of a loaded file stands (1-based line and column)."""

    file: str
    soft: list[Problem] = field(default_factory=list)
    """Problems that still let the file be read (duplicate keys, ambiguous numbers, tags...);
    the loader reports them together with everything found later."""
    soft_paths: set[Path_] = field(default_factory=set)
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    styles: dict[Path_, str] = field(default_factory=dict)
    dropped: set[Path_] = field(default_factory=set)
    """Values validation refused (and reported), set aside so the cross-checks could run:
    those checks say nothing more about them (no 'not a role id' for a role just reported)."""

    def at(self, path: Path_) -> tuple[int, int]:
        """Position of the value at ``path``, or of its nearest known ancestor."""
        path = tuple(path)
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))

    def key_at(self, path: Path_) -> tuple[int, int]:
        """Position of the key that introduces ``path`` (falls back to :meth:`at`)."""
        path = tuple(path)
        return self.keys.get(path) or self.at(path)

    def problem(self, path: Path_, where: str, message: str, *, key: bool = False,
                severity: str = "error", offset: tuple[int, int] | None = None) -> Problem:
        line, col = self.key_at(path) if key else self.at(path)
        if offset is not None:
            line, col = offset
        return Problem(self.file, line, col, where, message, severity)


def _line_col(data: bytes, index: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, index) + 1
    start = data.rfind(b"\n", 0, index) + 1
    return line, len(data[start:index].decode("utf-8", "replace")) + 1


def read_text(path: Path, display: str, max_bytes: int = MAX_BYTES) -> str:
    """Read a file as UTF-8 text, refusing what is not a small text file, with a position."""

    def fail(message: str, line: int = 1, col: int = 1) -> ScenarioError:
        return ScenarioError([Problem(display, line, col, "file", message)])

    try:
        if path.is_dir():
            raise fail("is a directory, not a file")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise fail("no such file") from None
    except OSError as exc:
        raise fail(f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise fail(f"is larger than {max_bytes // 1024} KiB; that is too big for a scenario file")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\x00")
    if nul >= 0:
        raise fail("looks like a binary file (it contains a NUL byte), not YAML text",
                   *_line_col(data, nul))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise fail(f"is not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be decoded); "
                   "save it as UTF-8", *_line_col(data, exc.start)) from None
    if not text.strip():
        raise fail("is empty; a scenario file needs at least its format, id and title")
    return text


def _scalar(value: str, style: str | None) -> tuple[Any, str | None]:
    """Resolve one scalar the strict way. Returns (value, problem message or None)."""
    if style:  # quoted or block scalars are always text
        return value, None
    if value in _NULL:
        return None, None
    if value in _TRUE:
        return True, None
    if value in _FALSE:
        return False, None
    if _INT.match(value):
        return int(value), None
    if _AMBIGUOUS_NUMBER.match(value):
        return value, (f"'{value}' is ambiguous (YAML 1.1 reads it as an octal, hex or binary "
                       f"number); write a plain decimal number, or quote it ('{value}') for text")
    if _FLOAT.match(value):
        return float(value), None
    if _NONFINITE.match(value):
        return value, f"'{value}' is not a finite number; write a number such as 100"
    return value, None


def parse_yaml(text: str, display: str) -> tuple[Any, Positions]:
    """Parse YAML text into plain data plus positions, or raise :class:`ScenarioError`."""
    pos = Positions(display)
    problems: list[Problem] = []  # fatal: the file cannot be read at all
    # Each frame: [container, path, pending_key, seen_keys]
    stack: list[list[Any]] = []
    root: Any = None
    have_root = False
    documents = 0
    nodes = 0

    def here(mark: Any) -> tuple[int, int]:
        return mark.line + 1, mark.column + 1

    repeats: dict[str, list[int]] = {}  # kind -> [index in pos.soft, extra count]

    def once(kind: str, message: str, mark: Any, where: str, path: Path_) -> None:
        """Anchors, aliases and tags: report the first of each kind, count the rest."""
        if kind in repeats:
            repeats[kind][1] += 1
            pos.soft_paths.add(path)
            return
        repeats[kind] = [len(pos.soft), 0]
        add(message, mark, where, path)

    def add(message: str, mark: Any, where: str, path: Path_ | None = None) -> None:
        problem = Problem(display, *here(mark), where, message)
        if path is None:
            problems.append(problem)
        else:
            pos.soft.append(problem)
            pos.soft_paths.add(path)

    def where_of(path: Path_) -> str:
        return _where(path) or "file"

    def attach(value: Any, mark: Any, style: str | None) -> Path_ | None:
        nonlocal root, have_root
        if not stack:
            root, have_root = value, True
            pos.values[()] = here(mark)
            return ()
        frame = stack[-1]
        container, path = frame[0], frame[1]
        if isinstance(container, dict):
            key = frame[2]
            frame[2] = None
            if key is _DISCARD:  # the value of a refused key; already reported
                return None
            container[key] = value
            child = path + (key,)
        else:
            container.append(value)
            child = path + (len(container) - 1,)
        pos.values[child] = here(mark)
        if style is not None:
            pos.styles[child] = style
        return child

    try:
        for event in yaml.parse(text, Loader=_Parser):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    add("holds more than one YAML document (a second '---'); "
                        "keep one scenario per file", event.start_mark, "file")
                    break
                continue
            if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent,
                                  yaml.DocumentEndEvent)):
                continue
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
                continue
            nodes += 1
            if nodes > MAX_NODES:
                add(f"has more than {MAX_NODES} values; that is not a scenario file",
                    event.start_mark, "file")
                break
            parent_path: Path_ = stack[-1][1] if stack else ()
            slot = stack[-1][2] if stack and isinstance(stack[-1][0], dict) else None
            slot_path = parent_path + (slot,) if isinstance(slot, str) else parent_path
            if getattr(event, "anchor", None) is not None and not isinstance(event, yaml.AliasEvent):
                once("anchor", f"anchors ('&{event.anchor}') are not supported; write the value "
                     "out in full", event.start_mark, where_of(slot_path), slot_path)
            if isinstance(event, yaml.AliasEvent):
                once("alias", f"aliases ('*{event.anchor}') are not supported; write the value "
                     "out in full", event.start_mark, where_of(slot_path), slot_path)
                if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is None:
                    stack[-1][2] = _DISCARD
                else:
                    attach(None, event.start_mark, None)
                continue
            tag = getattr(event, "tag", None)
            if tag is not None and tag != "!" and not (isinstance(event, yaml.ScalarEvent)
                                                       and event.implicit[0]):
                once("tag", f"tags such as '{tag.replace('tag:yaml.org,2002:', '!!')}' are not "
                     "allowed in scenario files", event.start_mark, where_of(slot_path), slot_path)
            in_key_slot = bool(stack) and isinstance(stack[-1][0], dict) and stack[-1][2] is None
            if isinstance(event, yaml.ScalarEvent):
                if in_key_slot:
                    frame = stack[-1]
                    key = event.value
                    if key in frame[3]:
                        first = frame[3][key]
                        add(f"duplicate key '{key}' (first defined at line {first[0]}); "
                            "YAML would silently keep only the last one: rename one or delete "
                            "one",
                            event.start_mark, where_of(frame[1] + (key,)), frame[1] + (key,))
                        frame[2] = _DISCARD  # read the value, keep the first one
                        continue
                    frame[3][key] = here(event.start_mark)
                    frame[2] = key
                    pos.keys[frame[1] + (key,)] = here(event.start_mark)
                    continue
                value, trouble = _scalar(event.value, event.style)
                child = attach(value, event.start_mark, event.style or "")
                if trouble:
                    add(trouble, event.start_mark, where_of(child or parent_path),
                        child or parent_path)
                continue
            # A mapping or sequence starts.
            if len(stack) >= MAX_DEPTH:
                add(f"nests deeper than {MAX_DEPTH} levels; that is not a scenario file",
                    event.start_mark, "file")
                break
            if in_key_slot:
                add("a mapping or list cannot be used as a key", event.start_mark,
                    where_of(parent_path), parent_path)
                stack[-1][2] = _DISCARD  # the key's own contents are read and dropped
                container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
                stack.append([container, parent_path + ("<key>",), None, {}])
                continue
            container = {} if isinstance(event, yaml.MappingStartEvent) else []
            child = attach(container, event.start_mark, None)
            stack.append([container, child if child is not None else parent_path, None, {}])
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(x for x in (exc.problem, exc.context) if x) or "is not valid YAML"
        hint = _hint(what, text, line)
        opened = exc.context_mark if exc.problem_mark is not None else None
        if opened is not None and "quoted scalar" in (exc.context or "") and \
                "end of stream" in (exc.problem or ""):
            # (an author's playtest: told of the file's last line for a quote left open far
            # above it; the opening quote is where the fix goes)
            quote = text.splitlines()[opened.line][opened.column:opened.column + 1] \
                if opened.line < len(text.splitlines()) else '"'
            line, col = opened.line + 1, opened.column + 1
            what = (f"the quoted value that opens here ({quote}) is never closed, so the rest "
                    f"of the file was read into it")
            hint = f"; close it with a matching {quote}"
        elif hint.endswith("is not closed") and opened is not None and opened.line + 1 != line:
            # (an author's playtest: told of line 47 for a '{' left open on line 46)
            hint += f" (it opens at line {opened.line + 1}, column {opened.column + 1})"
        problems.append(Problem(display, line, col, "syntax", f"YAML syntax error: {what}{hint}"))
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        problems.append(Problem(display, 1, 1, "syntax", f"YAML error: {exc}"))
    except RecursionError:  # pragma: no cover - the depth cap should stop this first
        problems.append(Problem(display, 1, 1, "file", "nests too deeply to read"))

    for index, extra in repeats.values():
        if extra:
            first = pos.soft[index]
            pos.soft[index] = Problem(first.file, first.line, first.col, first.where,
                                      f"{first.message} ({extra} more like it in this file)")
    if problems:
        raise ScenarioError(problems)
    if not have_root or root is None:
        raise ScenarioError([Problem(display, 1, 1, "file",
                                     "is empty (only comments); a scenario needs content")])
    if not isinstance(root, dict):
        kind = "a list" if isinstance(root, list) else f"a single value ({root!r})"
        line, col = pos.at(())
        raise ScenarioError([Problem(display, line, col, "file",
                                     f"must be a mapping of keys to values at the top, not {kind}")])
    return root, pos


_HINTS = [
    ("tab character", "; indent with spaces, never tabs"),
    ("cannot start any token", "; is it a tab? indent with spaces; a value starting with a "
                               "special character must be quoted"),
    ("mapping values are not allowed", "; a value containing ': ' must be quoted"),
    ("could not find expected ':'", "; a key needs ':' after it, or a line is mis-indented"),
    ("did not find expected key", "; check the indentation of this line and the one above"),
    ("did not find expected ',' or ']'", "; a [list] is not closed"),
    ("did not find expected ',' or '}'", "; a {mapping} is not closed"),
    ("found unexpected end of stream", "; a quote or bracket is never closed"),
    ("found character '`'", "; backquotes cannot start a value: quote it"),
    ("found character '@'", "; '@' cannot start a value: quote it"),
]


def _hint(what: str, text: str = "", line: int = 0) -> str:
    if "did not find expected" in what and _quote_inside_quotes(text, line):
        return ("; a value in double quotes ends at the next '\"': write quotes inside it as "
                "single quotes ('like this') or as \\\"")
    if "mapping values are not allowed" in what and _deeper_than_a_value(text, line):
        return ("; this line is indented deeper than the key above it, which already has a "
                "value: line it up with that key (or quote a value containing ': ')")
    return next((hint for needle, hint in _HINTS if needle in what), "")


def _quote_inside_quotes(text: str, line: int) -> bool:
    """Does line ``line`` (1-based) hold a double-quoted value with a bare '"' inside it
    ("a "b" c")? PyYAML then reports a missing key or a mis-indented line."""
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return False
    here = re.sub(r'\\.', "", lines[line - 1])  # escaped characters (\") are fine
    return here.count('"') >= 3


def _deeper_than_a_value(text: str, line: int) -> bool:
    """Is line ``line`` (1-based) indented deeper than the line above it, a ``key: value``?
    (PyYAML then says 'mapping values are not allowed', as for an unquoted ': '.)"""
    lines = text.splitlines()
    if not 1 < line <= len(lines):
        return False
    here = lines[line - 1]
    above = next((x for x in reversed(lines[:line - 1])
                  if x.strip() and not x.lstrip().startswith("#")), "")
    indent = len(here) - len(here.lstrip(" "))
    key, colon, value = above.strip().partition(": ")
    return bool(colon and value.strip() and not value.lstrip().startswith(("|", ">", "#"))
                and indent > len(above) - len(above.lstrip(" ")))


def load_yaml(path: str | Path, display: str | None = None) -> tuple[dict[str, Any], Positions]:
    """Read and parse one YAML file strictly. Raises :class:`ScenarioError` on any problem."""
    path = Path(path)
    display = display or str(path)
    data, pos = parse_yaml(read_text(path, display), display)
    if pos.soft:
        raise ScenarioError(pos.soft)
    return data, pos


def _where(path: Path_) -> str:
    """``events.port_shelling.effects[2].add`` for a data path."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


where = _where
