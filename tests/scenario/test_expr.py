"""The expression language: parsing, checking, evaluating — and that it never evaluates Python."""

from __future__ import annotations

import operator
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine.compiling import compile_expr, to_source
from game.scenario import expr as ex
from game.scenario.names import Context, Names


class FlatNames:
    """A tiny namespace: a few numbers, a faction-typed name, a condition."""

    types = {("x",): ex.NUMBER, ("y",): ex.NUMBER, ("flag",): ex.BOOL, ("who",): "faction"}

    def type_of(self, parts):
        if parts in self.types:
            return self.types[parts]
        raise ex.ExprError(f"unknown name '{'.'.join(parts)}'")

    def check_literal(self, kind, value):
        return None if value in ("gna", "lna") else f"'{value}' is not a faction id"


def run(text, **values):
    node = ex.parse(text)
    ex.check(node, FlatNames())
    fn = compile_expr(node, lambda parts: (f"c[{parts[0]!r}]", {}))
    return fn(values)


@pytest.mark.parametrize("text,expected", [
    ("1 + 2 * 3", 7.0), ("(1 + 2) * 3", 9.0), ("-x + 4", 1.0), ("x / 0", 0.0),
    ("clamp(x * 50, 0, 100)", 100.0), ("min(x, y, 2)", 2.0), ("max(x, y)", 5.0),
    ("abs(-x)", 3.0), ("round(2.6)", 3.0), ("if(flag, x, y)", 3.0),
    ("x >= 3 and y < 10", True), ("not flag or x == 4", False),
    ('who == "lna"', True), ('who != "gna"', True), ("x < y and not (y <= x)", True),
])
def test_evaluates(text, expected):
    assert run(text, x=3.0, y=5.0, flag=True, who="lna") == expected


@pytest.mark.parametrize("text,offset,words", [
    ("x >=", 4, "ends too early"), ("x = 3", 2, "use '=='"),
    ("x => 3", 2, "write '>=' ('=>' is not an operator)"), ("x =< 3", 2, "write '<='"), ("x && y", 2, "write 'and' instead of '&&'"),
    ("x || y", 2, "write 'or' instead of '||'"), ("!flag", 0, "write 'not' instead of '!'"),
    ("x > 1 > 0", 6, "cannot be chained"), ("foo(x)", 0, "unknown function"),
    ("x y", 2, "after a complete expression"), ("'open", 0, "never closed"),
    ("", 0, "empty"), ("x + flag", 4, "needs numbers"), ("flag and x", 9, "joins conditions"),
    ("clamp(x)", 0, "takes 3 arguments"), ('who == "lnaa"', 7, "not a faction id"),
    ("who == 3", 4, "can never be equal"), ("z > 1", 0, "unknown name 'z'"),
    ("if(x, 1, 2)", 3, "needs a condition"), ("x.", 2, "expected a name"),
    # an author's playtest: two words for one name
    ("deadline passed", 9, "did you mean 'deadline_passed'?"),
    ("turns left > 2", 6, "did you mean 'turns_left'?"),
    ("turn > 3 and deadline passed", 22, "did you mean 'deadline_passed'?"),  # (a review)
    ("x.deadline passed", 11, "(missing 'and'/'or' or an operator?)"),  # a field: no hint
])
def test_errors_point_at_the_offending_character(text, offset, words):
    with pytest.raises(ex.ExprError) as info:
        ex.check(ex.parse(text), FlatNames())
    assert words in info.value.message
    assert info.value.offset == offset


def test_no_python_is_ever_evaluated():
    """Dunder tricks are just unknown names; no attribute access or call reaches Python."""
    for text in ("__import__('os').system('true')", "x.__class__", "().__class__"):
        with pytest.raises(ex.ExprError):
            ex.check(ex.parse(text), FlatNames())


ALLOWED_NAMES = {"c", "vals", "self_f", "other_f", "target", "turn", "extra", "table", "signed",
                 "deadline", "and", "or", "not", "if", "else", "True", "False", "None", "is",
                 "lambda", "_div", "_clamp", "_min", "_max", "_abs", "_round", "_date",
                 "_agreed", "_deadline"}


def test_compiled_source_contains_no_author_words(default_loaded):
    """What is compiled is built from slot numbers, operators, helpers and quoted literals:
    no word an author wrote ever becomes Python code."""
    import io
    import tokenize

    from game.engine.rules import Rules

    rules = Rules(default_loaded)
    texts = []
    s = default_loaded.scenario
    texts += [f.batna for f in s.factions.values()] + [f.hurt for f in s.factions.values()]
    texts += [e.condition for e in s.events.values() if isinstance(e.condition, str)]
    texts += [e.condition for e in s.endings.values() if isinstance(e.condition, str)]
    texts += [a.chance for a in s.actions.values() if isinstance(a.chance, str)]
    assert len(texts) > 20
    for text in texts:
        bindings: dict = {}
        source = to_source(ex.parse(text), lambda parts: rules.getter(parts, "territory"),
                              bindings)
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.NAME:
                assert token.string in ALLOWED_NAMES or _generated(token.string), (
                    token.string, text, source)


def _generated(name: str) -> bool:
    """Names the compiler makes up: per-entity slot tables, temporaries, events by number."""
    return any(re.fullmatch(pattern, name) for pattern in (
        r"_per\d+", r"_t\d+", r"_slots\d+", r"_event\d+", r"held\d+"))


FUSED_NAMES = ALLOWED_NAMES | {"def", "run", "changes", "cause", "old", "new", "slot", "value",
                               "bound", "isinstance", "float", "_coerce", "_bounds", "append",
                               "elif", "return", "owner", "work", "fire", "draw", "chance", "get",
                               "owners", "held", "_owners", "_held", "_sums", "ripeness", "bar",
                               "constant", "agreed", "accepted", "_utility", "vals", "in"}


def test_generated_effects_refresh_and_events_contain_no_author_words(default_loaded):
    """The functions written out for effect lists, the refresh and the event checks are made
    of the same safe pieces, plus their own fixed vocabulary."""
    import io
    import tokenize

    from game.engine.rules import Rules

    rules = Rules(default_loaded)
    runs = [rules.upkeep.run, rules.stage_run, rules.ripeness_run, rules.events_run]
    runs += [a.effects.run for a in rules.actions.values() if a.effects]
    runs += [e.effects.run for e in rules.events if e.effects]
    assert len(runs) > 20
    for run in runs:
        for token in tokenize.generate_tokens(io.StringIO(run.source).readline):
            if token.type == tokenize.NAME:
                assert token.string in FUSED_NAMES or _generated(token.string), (
                    token.string, run.source)


# -- generated arithmetic: parse(text) evaluates to what Python computes ---------------------

OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul}


@st.composite
def arithmetic(draw, depth=0):
    if depth > 3 or draw(st.booleans()):
        n = draw(st.integers(0, 50))
        return str(n), float(n)
    op = draw(st.sampled_from(sorted(OPS)))
    left_text, left = draw(arithmetic(depth + 1))
    right_text, right = draw(arithmetic(depth + 1))
    return f"({left_text} {op} {right_text})", OPS[op](left, right)


@settings(max_examples=300)
@given(arithmetic())
def test_generated_arithmetic_matches_python(case):
    text, expected = case
    assert run(text) == pytest.approx(expected)


@settings(max_examples=200)
@given(st.text(max_size=40))
def test_any_text_parses_or_fails_cleanly(text):
    try:
        ex.check(ex.parse(text), FlatNames())
    except ex.ExprError as exc:
        assert 0 <= exc.offset <= len(text)


def test_scenario_namespace(default_loaded):
    names = Names(default_loaded.scenario)
    assert names.type_of(("territory", "sirte", "controller")) == "faction"
    assert names.type_of(("faction", "gna", "trust")) == ex.NUMBER
    assert names.type_of(("issue", "oil", "option")) == "option:oil"
    with pytest.raises(ex.ExprError, match="did you mean 'sirte'"):
        names.type_of(("territory", "sirt", "controller"))
    with pytest.raises(ex.ExprError, match="only means something in a delegation"):
        names.type_of(("self",))
    assert names.with_context(Context(actor=True)).type_of(("faction", "self", "trust"))
    with pytest.raises(ex.ExprError, match="computed after it"):
        names.with_context(Context(derived="hurt")).type_of(("faction", "gna", "prospects"))
    assert names.with_context(Context(derived="batna")).type_of(("faction", "gna", "prospects"))


def test_a_kind_of_thing_the_scenario_lacks_is_named_so(default_loaded):
    """A playtest: 'the territory ids are nothing (none are defined)'."""
    scenario = default_loaded.scenario.model_copy(update={"territories": {}})
    with pytest.raises(ex.ExprError) as info:
        Names(scenario).type_of(("territory", "sirte", "controller"))
    assert "this scenario defines no territory at all" in str(info.value)
    assert "nothing" not in str(info.value)


def test_a_misspelt_option_compared_bare_gets_the_option_and_the_quotes(default_loaded):
    """An author's playtest: 'venue == genva' said only "unknown name 'genva'"."""
    names = Names(default_loaded.scenario)
    venue = next(iter(default_loaded.scenario.venues))
    with pytest.raises(ex.ExprError) as info:
        ex.check(ex.parse(f"venue == {venue[:-1]}"), names)
    assert f"did you mean '{venue}'" in info.value.message
    assert f"quote it, '{venue}'" in info.value.message
