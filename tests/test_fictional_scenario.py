"""An invented conflict, played to every one of its endings: nothing about Libya is hard-coded.

``tests/fixtures/fictional/scenario.yaml`` describes a war between an island federation and a
mountain front, with its own factions, patrons, places, agenda, events and endings, and no
Libyan name anywhere. If the engine, the AI or the explanations assumed anything about the
default scenario (a faction called ``gna``, a place called ``sirte``, a backer with a veto
called ``turkey``), these games would fail, or their histories would leak those words.

Each ending is reached deterministically: first by searching seeded AI-only games over the
policies of ``ceasefire simulate``, then (for the endings a human forces) by scripted lines
played through ``parse_action`` / ``apply`` / ``advance``, as the plain mode does.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

import pytest

from game.engine import Rules, apply, history, legal_actions, new_game
from game.engine.commands import parse_action
from game.engine.transcripts import transcript
from game.engine.simulate import play
from game.plain import advance
from game.scenario.loader import load_scenario
from tests.conftest import FIXTURES

PATH = FIXTURES / "fictional" / "scenario.yaml"

# Names of the default scenario's world: places, people, parties, backers, sources. Matched
# case-insensitively as whole words ("gna" must not flag "signature").
LIBYAN = [
    "libya", "libyan", "libyans", "tripoli", "tripolitania", "benghazi", "sirte", "misrata",
    "tobruk", "mitiga", "fezzan", "cyrenaica", "jufra", "watiya", "zawiya", "asabaa",
    "al-asabaa", "oil crescent", "gna", "lna", "gnc", "unsmil", "5+5", "haftar", "hafter",
    "sarraj", "al-sarraj", "salamé", "salame", "stephanie williams", "mismari", "mosmari",
    "gaddafi", "gadhafi", "qaddafi", "shoigu", "lavrov", "dujarric", "turkey", "turkish",
    "qatar", "emirates", "uae", "egypt", "egyptian", "russia", "russian", "italy", "italian",
    "france", "french", "geneva", "berlin", "moscow", "telesur", "voa", "newarab", "mcr",
]
WORD = re.compile(r"(?<![\w+])(" + "|".join(re.escape(w) for w in LIBYAN) + r")(?![\w+])",
                  re.IGNORECASE)

LOADED = load_scenario(PATH)
ENDINGS = list(LOADED.scenario.endings)
POLICIES = ["scenario", "hardline", "facilitative", "formulative", "greedy", "conceder",
            "tit_for_tat", "random"]
SEEDS = range(60)


def libyan_words(text: str) -> list[str]:
    return sorted({m.group(0).lower() for m in WORD.finditer(text)})


@pytest.fixture(scope="module")
def rules() -> Rules:
    return Rules(LOADED)


# -- games ---------------------------------------------------------------------------------------

_RULES: list[Rules] = []


def _shared_rules() -> Rules:
    if not _RULES:
        _RULES.append(Rules(LOADED))
    return _RULES[0]


@lru_cache(maxsize=None)
def _ai_game(seed: int, policy: str):
    return play(_shared_rules(), seed, policy)


def ai_game_reaching(ending: str):
    """The first AI-only game (policies in order, then seeds) that ends in ``ending``."""
    for seed in SEEDS:
        for policy in POLICIES:
            state = _ai_game(seed, policy)
            if state.outcome.ending == ending:
                return state, f"AI-only, policy {policy}, seed {seed}"
    return None, ""


def scripted(rules: Rules, role: str, seed: int, move: Callable) -> object:
    """A human in ``role`` plays ``move(state)`` (a typed command) every turn; AIs the rest."""
    state = new_game(rules, seed, {role})
    while True:
        state = advance(state)
        if state.outcome is not None:
            return state
        state = apply(state, parse_action(state, role, move(state)))


def walk_out_and_stay_away(state) -> str:
    at_table = state.value("faction.peaks.at_table")
    return "walk_out" if at_table else "pass"


def attack_every_turn(state) -> str:
    offensives = [a for a in legal_actions(state) if a.act == "offensive"]
    return f"offensive {offensives[0].target}" if offensives else "pass"


SCRIPTS = {
    "talks_collapse": ("peaks", walk_out_and_stay_away),
    "summer_war": ("isles", attack_every_turn),
}


def check_history(rules: Rules, state) -> None:
    text = transcript(state)
    assert not libyan_words(text), libyan_words(text)
    raw = repr([(e.kind, e.role, e.data) for e in history(state)])
    assert not libyan_words(raw), libyan_words(raw)
    assert "Saltreach" in text or "Isles" in text  # it is the invented war being told


# -- the tests -------------------------------------------------------------------------------------

def test_the_file_validates_without_warnings():
    assert LOADED.warnings == ()
    assert LOADED.scenario.sources is None  # an invented war cites no source notes


def test_the_file_names_nothing_libyan():
    text = PATH.read_text(encoding="utf-8")
    assert not libyan_words(text), libyan_words(text)
    s = LOADED.scenario
    ids = (list(s.roles) + list(s.factions) + list(s.backers) + list(s.territories)
           + list(s.agenda) + list(s.events) + list(s.endings) + list(s.actions) + [s.id])
    assert not libyan_words(" ".join(ids))


def test_the_word_list_catches_what_it_should():
    assert libyan_words("The GNA walks out; Sirte burns") == ["gna", "sirte"]
    assert libyan_words("signature, designated, vulnerable, Brannholm") == []
    assert libyan_words("the 5+5 talks") == ["5+5"]


def test_the_scenario_uses_every_part_of_the_format():
    s = LOADED.scenario
    kinds = {a.kind for a in s.actions.values()}
    assert kinds == {"propose", "counter", "accept", "reject", "concede", "walk_out", "return",
                     "offensive", "consult", "shuttle", "pressure", "deadline", "venue", "other"}
    events = s.events.values()
    assert any(e.date for e in events)
    assert any(e.condition and not e.date and e.probability is None for e in events)
    assert any(e.probability is not None for e in events)
    assert not any(e.historical for e in events)
    assert len(s.factions) == 2 and 3 <= len(s.backers) <= 5
    assert 4 <= len(s.territories) <= 6 and s.map is not None
    assert 5 <= len(s.agenda) <= 7
    assert {i.binding for i in s.agenda.values()} == {True, False}
    assert s.venues and s.upkeep
    assert 4 <= len(s.endings) <= 6


@pytest.mark.parametrize("ending", ENDINGS)
def test_every_ending_is_reached(rules, ending):
    state, how = ai_game_reaching(ending)
    if state is None and ending in SCRIPTS:
        role, move = SCRIPTS[ending]
        state, how = scripted(rules, role, 0, move), f"scripted {role}"
    assert state is not None, f"no game found that ends in '{ending}'"
    assert state.outcome.ending == ending, (how, state.outcome)
    check_history(rules, state)


@pytest.mark.parametrize("ending", sorted(SCRIPTS))
def test_a_human_can_force_the_ending(rules, ending):
    role, move = SCRIPTS[ending]
    state = scripted(rules, role, 0, move)
    assert state.outcome.ending == ending, state.outcome
    again = scripted(rules, role, 0, move)
    assert transcript(again) == transcript(state)  # the same line, the same game
    check_history(rules, state)


def test_ai_games_are_deterministic(rules):
    first = play(rules, 7, "scenario")
    second = play(Rules(load_scenario(PATH)), 7, "scenario")
    assert transcript(first) == transcript(second)
