"""A scenario model dumped to YAML and loaded again is equal (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.scenario.dump import dump_model
from game.scenario.loader import parse_model
from game.scenario.model import Scenario

# Strings that YAML 1.1, YAML 1.2 and this loader read differently, and markup-like text.
TRICKY = ["no", "yes", "on", "off", "y", "N", "010", "0o17", "0x1F", "1:30", "1e5", ".5", "~",
          "null", "NULL", "true", "False", "2020-01-01", "[x]", "{a: b}", "a: b", "#c", "- x",
          "@x", "`x", "%x", " lead", "trail ", "", "'q'", '"q"', "a\nb", "tab\there", ".inf",
          "-.nan", "<<", "*x", "&x", "!tag", "[b]bold[/b]", "50% [sale]", "ü ñ 中文 🕊"]
texts = st.one_of(st.sampled_from(TRICKY),
                  st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30))


def _mutated(base: dict, draw) -> dict:
    data = dict(base)
    data["title"] = draw(texts)
    data["summary"] = draw(texts)
    data["notes"] = draw(texts)
    roles = {}
    for rid, role in base["roles"].items():
        roles[rid] = {**role, "name": draw(texts), "brief": draw(texts),
                      "people": draw(st.lists(texts, max_size=3))}
    data["roles"] = roles
    factions = {}
    for fid, fac in base["factions"].items():
        meters = {}
        for mid, meter in fac["meters"].items():
            lo = draw(st.floats(-1000, 1000, allow_nan=False))
            hi = draw(st.floats(lo, lo + 1000, allow_nan=False))
            meters[mid] = {**meter, "label": draw(texts), "min": lo, "max": hi,
                           "initial": draw(st.floats(lo, hi, allow_nan=False))}
        factions[fid] = {**fac, "name": draw(texts), "meters": meters,
                         "leaders": draw(st.lists(texts, max_size=2)),
                         "batna": draw(st.one_of(texts.filter(bool),
                                                 st.floats(-1e6, 1e6, allow_nan=False)))}
    data["factions"] = factions
    agenda = {}
    for iid, issue in base["agenda"].items():
        options = {oid: {**opt, "label": draw(texts), "text": draw(texts),
                         "values": {k: draw(st.floats(0, 100)) for k in opt["values"]}}
                   for oid, opt in issue["options"].items()}
        agenda[iid] = {**issue, "name": draw(texts), "options": options}
    data["agenda"] = agenda
    return data


@st.composite
def scenarios(draw, base: dict) -> Scenario:
    return Scenario.model_validate(_mutated(base, draw))


def test_default_scenario_round_trips(default_loaded):
    model = default_loaded.scenario
    again, _ = parse_model(dump_model(model), Scenario, "dumped.yaml")
    assert again == model


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_scenarios_round_trip(minimal_loaded, data):
    base = minimal_loaded.scenario.model_dump(mode="json")
    model = data.draw(scenarios(base))
    text = dump_model(model)
    again, _ = parse_model(text, Scenario, "dumped.yaml")
    assert again == model, text
