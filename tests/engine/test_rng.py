"""The seeded streams: the copies of SplitMix64 written out for speed draw what
:func:`game.engine.rng.next_float` draws, and mixing a stream's label reduces lazily to the
same number as reducing after every byte."""

from hypothesis import given
from hypothesis import strategies as st

from game.engine.rng import MASK, Stream, _mix, next_float, seed_state
from game.engine.work import Work, initial_state
from tests.engine.helpers import rules_for

RULES = rules_for("minimal")


def _mix_reference(parts) -> int:
    """The label mix as first written: every step reduced mod 2**64 at once."""
    acc = 0x243F6A8885A308D3
    for part in parts:
        if isinstance(part, str):
            for ch in part.encode():
                acc = ((acc ^ ch) * 0x100000001B3) & MASK
        else:
            acc = ((acc ^ (part & MASK)) * 0x9E3779B97F4A7C15) & MASK
            acc ^= acc >> 29
    return acc


labels = st.lists(st.one_of(st.integers(min_value=-2**70, max_value=2**70),
                            st.text(max_size=40)), max_size=6)


@given(labels)
def test_mixing_a_label_lazily_gives_the_reference_number(parts):
    assert _mix(parts) == _mix_reference(parts)


@given(st.lists(st.integers(min_value=0, max_value=2**64), min_size=2, max_size=30),
       st.sampled_from(["estimate", "mediator", "", "é"]))
def test_a_label_mixed_after_many_seeds_gives_the_reference_number(seeds, label):
    """A label's bytes are mixed in one step worked out once per label and lowest byte, then
    reused whatever the bits above: each seed must still get the byte-by-byte number."""
    for seed in seeds:
        assert _mix((seed, label, "gna")) == _mix_reference((seed, label, "gna"))


@given(labels, st.integers(min_value=0, max_value=12))
def test_a_stream_draws_what_next_float_draws(parts, n):
    state = _mix_reference(parts)
    expected = []
    for _ in range(n):
        state, value = next_float(state)
        expected.append(value)
    one_by_one = Stream(*parts)
    assert [one_by_one.random() for _ in range(n)] == expected
    assert Stream(*parts).randoms(n) == expected
    if n:
        both = Stream(*parts)  # randoms goes on from where random left off
        assert [both.random()] + both.randoms(n - 1) == expected


@given(st.integers(min_value=0, max_value=2**40))
def test_a_working_state_draws_from_the_game_stream_as_next_float(seed):
    work = Work(initial_state(RULES, seed, frozenset()))
    state = seed_state(seed)
    for _ in range(5):
        state, value = next_float(state)
        assert work.draw() == value
        assert work.rng == state
