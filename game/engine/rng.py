"""Seeded randomness as plain integers: the whole stream lives in the state.

SplitMix64 (Steele, Lea and Flood, 2014): one 64-bit integer of state, a few arithmetic steps a
draw, identical on every machine and Python version. No global ``random`` is ever touched.
"""

from __future__ import annotations

MASK = (1 << 64) - 1


def seed_state(seed: int) -> int:
    return (seed * 0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019) & MASK


def next_u64(state: int) -> tuple[int, int]:
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


def next_float(state: int) -> tuple[int, float]:
    """:func:`next_u64` scaled to [0, 1) (written out: it is the hot path of every draw)."""
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, ((z ^ (z >> 31)) >> 11) * (1.0 / 9007199254740992.0)


class Stream:
    """A private stream derived from a state and a label (AI choices use one per decision).

    Seeded lazily: most AI decisions never draw, and then cost nothing here."""

    __slots__ = ("_state", "parts")

    def __init__(self, *parts: int | str):
        self.parts = parts
        self._state: int | None = None

    @property
    def state(self) -> int:
        if self._state is None:
            self._state = _mix(self.parts)
        return self._state

    @state.setter
    def state(self, value: int) -> None:
        self._state = value

    def random(self) -> float:
        state = self._state
        if state is None:
            state = _mix(self.parts)
        state = self._state = (state + 0x9E3779B97F4A7C15) & MASK  # next_float, written out
        z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return ((z ^ (z >> 31)) >> 11) * (1.0 / 9007199254740992.0)

    def randoms(self, n: int) -> list[float]:
        """``n`` draws of :meth:`random` in a row (one call: searches draw a value per issue)."""
        state = self._state
        if state is None:
            state = _mix(self.parts)
        out = []
        for _ in range(n):
            state = (state + 0x9E3779B97F4A7C15) & MASK
            z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            out.append(((z ^ (z >> 31)) >> 11) * (1.0 / 9007199254740992.0))
        self._state = state
        return out

    def choice(self, items: list):
        return items[int(self.random() * len(items))]

    def uniform(self, lo: float, hi: float) -> float:
        return lo + (hi - lo) * self.random()


FNV = 0x100000001B3  # the FNV-1a 64-bit prime


def _mix(parts) -> int:
    acc = 0x243F6A8885A308D3
    for part in parts:
        if part.__class__ is int:  # (the common case first: an AI decision's four numbers)
            acc = ((acc ^ (part & MASK)) * 0x9E3779B97F4A7C15) & MASK
            acc ^= acc >> 29
        elif isinstance(part, str):  # FNV-1a over its bytes, in one step (see _fnv_step)
            step = _fnv_steps.get((part, acc & 0xFF))
            if step is None:
                step = _fnv_step(part, acc & 0xFF)
            acc = (acc * step[0] + step[1]) & MASK
        else:
            acc = ((acc ^ (part & MASK)) * 0x9E3779B97F4A7C15) & MASK
            acc ^= acc >> 29
    return acc


_fnv_steps: dict[tuple[str, int], tuple[int, int]] = {}


def _fnv_step(text: str, low: int) -> tuple[int, int]:
    """FNV-1a over ``text``'s bytes as one affine step ``acc * a + b`` (mod 2**64), for every
    ``acc`` whose lowest byte is ``low``. Exact: a byte's xor changes only the lowest eight
    bits, by an amount that depends only on them and on the byte, and the lowest eight bits
    of a product depend only on the lowest eight of its factors, so the amounts added along
    the way are fixed by ``low`` and the text. Worked out once per label and low byte (a
    game's labels are few; every game's seed gives them a new ``acc``)."""
    a, b, lo = 1, 0, low  # after each byte: acc = acc0 * a + b (mod 2**64), lowest byte lo
    for ch in text.encode():
        delta = (lo ^ ch) - lo  # acc ^ ch = acc + delta, for any acc with lowest byte lo
        a = (a * FNV) & MASK
        b = ((b + delta) * FNV) & MASK
        lo = ((lo ^ ch) * FNV) & 0xFF
    if len(_fnv_steps) > 10_000:
        _fnv_steps.clear()
    _fnv_steps[(text, low)] = (a, b)
    return a, b
