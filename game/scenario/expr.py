"""The small expression language of scenario files.

Conditions and amounts are written as short expressions, for example::

    territory.sirte.controller == "lna" and faction.gna.trust >= 40
    clamp(20 + faction.lna.strength / 2, 0, 100)

Grammar (lowest precedence first)::

    expr    := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | compare
    compare := sum (("==" | "!=" | "<" | "<=" | ">" | ">=") sum)?
    sum     := product (("+" | "-") product)*
    product := unary (("*" | "/") unary)*
    unary   := ("-" | "+") unary | atom
    atom    := NUMBER | STRING | "true" | "false" | NAME ("." NAME)*
             | FUNCTION "(" expr ("," expr)* ")" | "(" expr ")"

Author text is parsed once, at load time, into a tree (no ``eval``/``exec``); every name is
checked against the scenario by a *namespace* (see :mod:`game.scenario.names`) and every
operator against the types of its operands. The engine then turns a checked tree into a plain
Python function (:func:`game.engine.compiling.compile_expr`). Division by zero gives 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Protocol

NUMBER, BOOL, TEXT = "number", "bool", "text"
FUNCTIONS = {"min", "max", "abs", "clamp", "round", "if"}
KEYWORDS = {"and", "or", "not", "true", "false"}


JOINED = {"deadline_passed", "turns_left"}  # names an author may write as two words


class ExprError(Exception):
    """A problem in an expression, at a character offset into its text."""

    def __init__(self, message: str, offset: int = 0, part: int | None = None):
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.part = part  # for a dotted name: which of its parts is wrong (0 is the first)
        self.missing: tuple[str, str] | None = None  # (kind, id) it names, not defined


# --- the tree ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Node:
    pos: int


@dataclass(frozen=True)
class Const(Node):
    value: Any  # float, str or bool


@dataclass(frozen=True)
class Name(Node):
    parts: tuple[str, ...]
    spots: tuple[int, ...] = field(default=(), compare=False)  # where each part starts

    @property
    def dotted(self) -> str:
        return ".".join(self.parts)


@dataclass(frozen=True)
class Call(Node):
    fn: str
    args: tuple[Node, ...]


@dataclass(frozen=True)
class Unary(Node):
    op: str  # "-" or "not"
    operand: Node


@dataclass(frozen=True)
class Binary(Node):
    op: str  # + - * / == != < <= > >= and or
    left: Node
    right: Node


# --- parsing -------------------------------------------------------------------------------

_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<num>(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?)
  | (?P<str>"[^"\n]*"|'[^'\n]*')
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>==|!=|<=|>=|[<>+\-*/().,])
""", re.VERBOSE)


def _tokens(text: str) -> list[tuple[str, str, int]]:
    out, i = [], 0
    while i < len(text):
        m = _TOKEN.match(text, i)
        if not m:
            ch = text[i]
            if ch in "\"'":
                raise ExprError("this quoted text is never closed", i)
            if ch == "=" and text[i + 1:i + 2] in ("<", ">"):  # '=>' or '=<': flipped
                op = text[i + 1] + "="
                raise ExprError(f"write '{op}' ('{text[i:i + 2]}' is not an operator)", i)
            if ch == "=":
                raise ExprError("use '==' to compare ('=' alone is not an operator)", i)
            if ch in "&|!":
                word = {"&": "and", "|": "or", "!": "not"}[ch]
                written = ch * 2 if ch in "&|" and text[i + 1:i + 2] == ch else ch  # && or ||
                raise ExprError(f"write '{word}' instead of '{written}'", i)
            raise ExprError(f"unexpected character {ch!r}", i)
        kind = m.lastgroup
        if kind != "ws":
            out.append((kind, m.group(), i))
        i = m.end()
    out.append(("end", "", len(text)))
    return out


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.toks = _tokens(text)
        self.i = 0

    def peek(self) -> tuple[str, str, int]:
        return self.toks[self.i]

    def take(self) -> tuple[str, str, int]:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def expect(self, value: str) -> None:
        kind, val, pos = self.peek()
        if val != value or kind == "str":
            found = "the end of the expression" if kind == "end" else repr(val)
            raise ExprError(f"expected '{value}' but found {found}", pos)
        self.take()

    def parse(self) -> Node:
        if self.peek()[0] == "end":
            raise ExprError("the expression is empty", 0)
        node = self.or_()
        kind, val, pos = self.peek()
        if kind != "end":
            previous = self.toks[self.i - 1] if self.i else ("", "", 0)
            dotted = self.i >= 2 and self.toks[self.i - 2][1] == "."  # (a field, not a name)
            joined = f"{previous[1]}_{val}" if previous[0] == "name" and kind == "name" and \
                not dotted else ""
            # (the word before, wherever it stands: 'turn > 3 and deadline passed' too)
            if joined in JOINED:  # (an author wrote 'deadline passed')
                raise ExprError(f"unexpected {val!r} after a complete expression; did you "
                                f"mean '{joined}'?", pos)
            raise ExprError(f"unexpected {val!r} after a complete expression "
                            "(missing 'and'/'or' or an operator?)", pos)
        return node

    def _is(self, word: str) -> bool:
        kind, val, _ = self.peek()
        return kind in ("name", "op") and val == word

    def or_(self) -> Node:
        node = self.and_()
        while self._is("or"):
            pos = self.take()[2]
            node = Binary(pos, "or", node, self.and_())
        return node

    def and_(self) -> Node:
        node = self.not_()
        while self._is("and"):
            pos = self.take()[2]
            node = Binary(pos, "and", node, self.not_())
        return node

    def not_(self) -> Node:
        if self._is("not"):
            pos = self.take()[2]
            return Unary(pos, "not", self.not_())
        return self.compare()

    def compare(self) -> Node:
        node = self.sum()
        kind, val, pos = self.peek()
        if kind == "op" and val in ("==", "!=", "<", "<=", ">", ">="):
            self.take()
            node = Binary(pos, val, node, self.sum())
            kind2, val2, pos2 = self.peek()
            if kind2 == "op" and val2 in ("==", "!=", "<", "<=", ">", ">="):
                raise ExprError("comparisons cannot be chained; join them with 'and'", pos2)
        return node

    def sum(self) -> Node:
        node = self.product()
        while self.peek()[0] == "op" and self.peek()[1] in "+-":
            _, op, pos = self.take()
            node = Binary(pos, op, node, self.product())
        return node

    def product(self) -> Node:
        node = self.unary()
        while self.peek()[0] == "op" and self.peek()[1] in ("*", "/"):
            _, op, pos = self.take()
            node = Binary(pos, op, node, self.unary())
        return node

    def unary(self) -> Node:
        kind, val, pos = self.peek()
        if kind == "op" and val in "+-":
            self.take()
            operand = self.unary()
            return Unary(pos, "-", operand) if val == "-" else operand
        return self.atom()

    def atom(self) -> Node:
        kind, val, pos = self.take()
        if kind == "num":
            return Const(pos, float(val))
        if kind == "str":
            return Const(pos, val[1:-1])
        if kind == "op" and val == "(":
            node = self.or_()
            self.expect(")")
            return node
        if kind == "name":
            if val in ("true", "false"):
                return Const(pos, val == "true")
            if val in ("and", "or", "not"):
                raise ExprError(f"'{val}' needs a value before it", pos)
            if self._is("("):
                if val not in FUNCTIONS:
                    from game.scenario.errors import did_you_mean

                    raise ExprError(f"unknown function '{val}'{did_you_mean(val, FUNCTIONS)}; "
                                    "the functions are " + ", ".join(sorted(FUNCTIONS)), pos)
                self.take()
                args = [self.or_()]
                while self._is(","):
                    self.take()
                    args.append(self.or_())
                self.expect(")")
                return Call(pos, val, tuple(args))
            parts, spots = [val], [pos]
            while self._is("."):
                self.take()
                k2, v2, p2 = self.take()
                if k2 != "name":
                    raise ExprError("expected a name after '.'", p2)
                parts.append(v2)
                spots.append(p2)
            return Name(pos, tuple(parts), tuple(spots))
        if kind == "end":
            raise ExprError("the expression ends too early; a value is missing", pos)
        raise ExprError(f"unexpected {val!r}; expected a value, a name or '('", pos)


def parse(text: str) -> Node:
    """Parse an expression, raising :class:`ExprError` with an offset on failure."""
    return _Parser(text).parse()


# --- checking ------------------------------------------------------------------------------

class Namespace(Protocol):
    """What the checker needs from a scenario: the type of a name, and valid literal values."""

    def type_of(self, parts: tuple[str, ...]) -> str:
        """Return the name's type, or raise ExprError(message) for an unknown name."""

    def check_literal(self, kind: str, value: str) -> str | None:
        """For an id-like type (e.g. "faction"), None if ``value`` is valid, else a message."""


_ARITY = {"abs": (1, 1), "round": (1, 1), "clamp": (3, 3), "if": (3, 3),
          "min": (2, 99), "max": (2, 99)}


def check(node: Node, names: Namespace) -> str:
    """Type-check ``node`` against ``names``; return its type or raise :class:`ExprError`."""
    if isinstance(node, Const):
        if isinstance(node.value, bool):
            return BOOL
        return NUMBER if isinstance(node.value, float) else TEXT
    if isinstance(node, Name):
        try:
            return names.type_of(node.parts)
        except ExprError as exc:  # at the wrong part of a dotted name, if it says which
            at = node.spots[exc.part] if exc.part is not None and exc.part < len(node.spots) \
                else node.pos
            error = ExprError(exc.message, at)
            error.missing = exc.missing
            raise error from None
    if isinstance(node, Unary):
        t = check(node.operand, names)
        want = BOOL if node.op == "not" else NUMBER
        if t != want:
            raise ExprError(f"'{node.op}' needs {_a(want)}, not {_a(t)}", node.pos)
        return want
    if isinstance(node, Call):
        lo, hi = _ARITY[node.fn]
        if not lo <= len(node.args) <= hi:
            n = f"{lo}" if lo == hi else f"at least {lo}"
            raise ExprError(f"{node.fn}() takes {n} arguments, not {len(node.args)}", node.pos)
        types = [check(a, names) for a in node.args]
        if node.fn == "if":
            if types[0] != BOOL:
                raise ExprError("if() needs a condition (true or false) first", node.args[0].pos)
            if types[1] != types[2]:
                raise ExprError(f"if() gives {_a(types[1])} or {_a(types[2])}; "
                                "both choices must be the same kind", node.pos)
            return types[1]
        for arg, t in zip(node.args, types):
            if t != NUMBER:
                raise ExprError(f"{node.fn}() needs numbers, not {_a(t)}", arg.pos)
        return NUMBER
    assert isinstance(node, Binary)
    lt, rt = check(node.left, names), check(node.right, names)
    if node.op in ("and", "or"):
        for side, t in ((node.left, lt), (node.right, rt)):
            if t != BOOL:
                raise ExprError(f"'{node.op}' joins conditions (true or false), not {_a(t)}; "
                                "did you forget a comparison?", side.pos)
        return BOOL
    if node.op in ("+", "-", "*", "/"):
        for side, t in ((node.left, lt), (node.right, rt)):
            if t != NUMBER:
                raise ExprError(f"'{node.op}' needs numbers, not {_a(t)}", side.pos)
        return NUMBER
    # comparisons
    if node.op in ("<", "<=", ">", ">="):
        if lt == rt == NUMBER or (lt, rt) in (("date", TEXT), (TEXT, "date"), ("date", "date")):
            _check_literals(node, lt, rt, names)
            return BOOL
        raise ExprError(f"'{node.op}' compares numbers (or dates), not {_a(lt)} and {_a(rt)}",
                        node.pos)
    if lt == rt or TEXT in (lt, rt) and NUMBER not in (lt, rt) and BOOL not in (lt, rt):
        _check_literals(node, lt, rt, names)
        return BOOL
    raise ExprError(f"'{node.op}' compares {_a(lt)} with {_a(rt)}; they can never be equal",
                    node.pos)


def _check_literals(node: Binary, lt: str, rt: str, names: Namespace) -> None:
    for lit, kind in ((node.left, rt), (node.right, lt)):
        if isinstance(lit, Const) and isinstance(lit.value, str) and kind not in (TEXT,):
            trouble = names.check_literal(kind, lit.value)
            if trouble:
                raise ExprError(trouble, lit.pos)


def _a(t: str) -> str:
    if t.startswith("option:"):
        return f"an option of issue '{t[7:]}'"
    return {NUMBER: "a number", BOOL: "a condition (true or false)", TEXT: "text",
            "date": "a date"}.get(t, f"a {t} id")


def names_in(node: Node) -> list[Name]:
    """Every name used in an expression, left to right."""
    out: list[Name] = []
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, Name):
            out.append(n)
        elif isinstance(n, Unary):
            stack.append(n.operand)
        elif isinstance(n, Binary):
            stack.extend((n.right, n.left))
        elif isinstance(n, Call):
            stack.extend(reversed(n.args))
    return out
