"""What validation says of dates, checked against what the engine does with them (an author's
playtest: an event dated before the start was said never to fire, and fired in every game)."""

from __future__ import annotations

import pytest

from game.engine import Action, apply, load_rules, new_game
from game.scenario.errors import ScenarioError
from game.scenario.loader import load_scenario
from tests.conftest import FIXTURES

STORM = 'date: "2031-10-13"'


def _minimal(tmp_path, old: str, new: str):
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "s.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


@pytest.mark.parametrize(("date", "said", "fires"), [
    ("2031-08-20", "before the calendar starts (2031-09-01); it fires in the first turn", [0]),
    ("2031-12-01", "after the last turn (it ends 2031-11-30); it would never fire", []),
    # the last turn begins on the deadline and runs a week: no warning, and it fires (review)
    ("2031-11-30", None, [12]),
])
def test_an_event_dated_outside_the_calendar_is_warned_of_as_it_behaves(tmp_path, date, said,
                                                                        fires):
    from game.engine import history

    path = _minimal(tmp_path, STORM, f'date: "{date}"')
    warnings = [w.message for w in load_scenario(path).warnings
                if w.where == "events.storm.date"]
    assert warnings == ([] if said is None else [warnings[0]]) and (said is None or
                                                                   said in warnings[0])
    rules = load_rules(path)
    state = new_game(rules, 1, set(rules.roles))  # nobody moves: every turn is played
    while state.outcome is None:
        state = apply(state, Action(state.role, "pass"))
    fired = [e.turn for e in history(state) if e.kind == "event" and e.data.get("id") == "storm"]
    assert fired == fires


def test_a_calendar_that_ends_before_it_starts_is_one_error_not_a_cascade(tmp_path):
    path = _minimal(tmp_path, 'deadline: "2031-11-24"', 'deadline: "2031-04-25"')
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    texts = [str(p) for p in info.value.problems]
    assert any("is not after start 2031-09-01" in t and "one of the two dates is wrong" in t
               for t in texts), texts
    assert not [t for t in texts if "calendar" in t and "events." in t], texts
