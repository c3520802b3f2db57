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


def _mix(parts) -> int:
    acc = 0x243F6A8885A308D3
    for part in parts:
        if part.__class__ is int:  # (the common case first: an AI decision's four numbers)
            acc = ((acc ^ (part & MASK)) * 0x9E3779B97F4A7C15) & MASK
            acc ^= acc >> 29
        elif isinstance(part, str):  # FNV-1a over its bytes, reduced mod 2**64 once every
            data = part.encode()  # eight bytes: a byte's xor and the product's low 64 bits
            for start in range(0, len(data), 8):  # do not depend on the bits above them
                for ch in data[start:start + 8]:
                    acc = (acc ^ ch) * 0x100000001B3
                acc &= MASK
        else:
            acc = ((acc ^ (part & MASK)) * 0x9E3779B97F4A7C15) & MASK
            acc ^= acc >> 29
    return acc
