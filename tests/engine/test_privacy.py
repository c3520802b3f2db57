"""A meter marked private is seen only by its own delegation — in the panels and in the news."""

from __future__ import annotations

from game.engine import Rules, history
from game.engine.explain import describe
from game.engine.observe import observe
from game.engine.simulate import play
from game.scenario.loader import load_scenario
from tests.conftest import FIXTURES


def test_private_meters_stay_private():
    rules = Rules(load_scenario(FIXTURES / "fictional" / "scenario.yaml"))
    private = [(f, m, meter.label) for f, fac in rules.s.factions.items()
               for m, meter in fac.meters.items() if meter.private]
    assert private, "the fictional scenario should keep a private meter"
    owner, meter, label = private[0]
    owner_role = rules.role_of[owner]
    others = [r for r in rules.roles if r != owner_role]
    slot = rules.slots[f"faction.{owner}.{meter}"]
    moved = 0
    for seed in range(12):
        state = play(rules, seed)
        for role in others:
            obs = observe(state, role, with_log=True)
            assert meter not in obs.factions[owner].meters
            for _, lines in obs.log:
                assert not any(label in line for line in lines), (role, lines)
        for entry in history(state):
            if entry.kind in ("event", "action", "sign") and any(
                    change[0] == slot for change in entry.data.get("changes", ())):
                moved += 1
                assert any(label in line for line in describe(rules, entry, owner_role))
        assert meter in observe(state, owner_role, with_log=False).factions[owner].meters
    assert moved, "no event or move changed the private meter: the test proves nothing"
