"""What an observer guesses of each side's values: seeded, noisy estimates of every faction's
contributions (weight x value per issue and option), true ones for its own faction, sharper
for a mediator who has held private talks; and the caches a package search keeps on them
(:func:`cached`), for the last few games only (:func:`_game_cache`)."""

from __future__ import annotations

from typing import Any, Callable

from game.engine.rng import Stream
from game.engine.rules import Rules
from game.engine.state import State

NOISE = 18.0  # how far a mediator's first guess of an option's value may be off


KEEP_GAMES = 4  # games (seeds) whose search caches are kept


def _game_cache(rules: Rules, seed: int) -> dict:
    """The search caches of one game (by its seed), kept for the last few games only: a
    simulation plays thousands of seeds and never needs an old one's again (keeping them all
    would only grow memory and the garbage collector's work)."""
    games = rules.game_caches
    cache = games.get(seed)
    if cache is None:
        while len(games) >= KEEP_GAMES:
            games.pop(next(iter(games)), None)
        cache = games[seed] = {}
    return cache


class Estimates(list):
    """An observer's estimates of every faction (rules order), and ``cache``: what searches
    derived from exactly these estimates (keyed by what is agreed)."""

    cache: dict


class Estimate(list):
    """One side's guessed contributions (per issue, per option), with each issue's largest
    (``tops``) worked out once: every search asks for them."""

    tops: list[float]


def estimates(state: State, observer: str) -> Estimates:
    """The observer's guess of each faction's contributions, per faction (rules order), issue
    and option (``rules.options`` order). True values for the observer's own faction.

    The error of each guess is drawn once per game from the seed: the observer misjudges how
    much a faction cares about each issue. It shrinks as the mediator learns a delegation's
    priorities in private talks (``state.insight``). The same game, observer and insight give
    the same object (cached), so searches can cache on it what they derive from it.
    """
    rules: Rules = state.rules
    known = state.insight if observer == rules.mediator else None
    cache = _game_cache(rules, state.seed)
    key = ("rows", observer, known)
    rows = cache.get(key)
    if rows is None:
        own = rules.faction_of.get(observer)
        rows = Estimates(rules.contrib_rows[f] if f == own else _estimate(
            rules, cache, state.seed, observer, f, known[i] if known is not None else 0)
            for i, f in enumerate(rules.factions))
        rows.cache = {}
        cache[key] = rows
    return rows


def _estimate(rules: Rules, cache: dict, seed: int, observer: str, f: str, known: int
              ) -> Estimate:
    key = ("table", observer, f, known)
    table = cache.get(key)
    if table is None:
        spread = NOISE / 50.0 * (1.0 - known / max(1, len(rules.issues)))
        lo, hi = -spread, spread
        table = Estimate()
        tops = table.tops = []
        for row, top, draw in zip(rules.contrib_rows[f], rules.best_contrib[f],
                                  _draws(rules, cache, seed, observer, f)):
            factor = 1.0 + (lo + (hi - lo) * draw)  # Stream.uniform(lo, hi)
            if factor < 0.0:
                factor = 0.0
            if len(row) == 3:  # (most issues: written out, a third of the comprehension's time)
                a, b, c = row
                table.append([a * factor, b * factor, c * factor])
            else:
                table.append([c * factor for c in row])
            tops.append(top * factor)  # = the row's largest (scaling by factor >= 0 keeps order)
        cache[key] = table
    return table


def tops_of(rows) -> list[list[float]]:
    return [r.tops if isinstance(r, Estimate) else [max(row) for row in r] for r in rows]


def _draws(rules: Rules, cache: dict, seed: int, observer: str, f: str) -> list[float]:
    """The observer's raw draws for a faction, one per issue: the same whatever it has learned
    since (what it learns only narrows the spread they are scaled to)."""
    key = ("draws", observer, f)
    draws = cache.get(key)
    if draws is None:
        rng = Stream(seed, "estimate", observer, f)
        draws = cache[key] = rng.randoms(len(rules.issues))
    return draws


MISSING = object()


def cached(rows: Estimates, key: tuple, make: Callable[..., Any], *args: Any) -> Any:
    """``make(*args)``, worked out once for these estimates and ``key`` (what a search
    derives from the same estimates and the same agreement does not change)."""
    cache = rows.cache
    value = cache.get(key, MISSING)
    if value is MISSING:
        value = cache[key] = make(*args)
    return value
