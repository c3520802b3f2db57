"""What the screens say that the engine does not: the note after the AI has moved."""

from __future__ import annotations

import re

from game import notes, present
from game.engine import apply, history, legal_actions, new_game
from game.engine.explain import apart, target_name
from game.engine.state import Action
from game.plain import advance
from tests.engine.helpers import do, rules_for


def test_the_note_says_when_an_event_takes_your_delegation_from_the_table():
    """18 Feb 2020: the GNA walks out of Geneva. Played as the GNA, waiting, the note says so."""
    rules = rules_for("default")
    for seed in range(30):
        state = advance(new_game(rules, seed, {"gna"}))
        while state.outcome is None and state.turn < 8:
            mine = apply(state, Action("gna", "pass"))
            after = advance(mine)
            fired = [e for e in history(after)[len(history(mine)):]
                     if e.kind == "event" and e.data["id"] == "gna_walkout"]
            report = notes.turn_report(mine, after, "gna")
            if fired:
                assert report[-1].startswith("Your delegation is no longer at the table")
                assert any("walks out" in line for line in report)
                # waiting on while away: each turn says so, with how long, until the end
                later = advance(apply(after, Action("gna", "pass")))
                report = notes.turn_report(after, later, "gna")
                assert later.outcome is None  # (the talks end after three turns away)
                assert report[-1].startswith("Your delegation has been away 1 turn: "
                                             "staying away can end the talks"), report
                return
            assert not any(line.startswith("Your delegation") for line in report)
            state = after
    raise AssertionError("no seed in 30 saw the GNA walk out of Geneva")


def test_why_gives_each_ai_counterparts_line_in_words_but_not_your_own():
    rules = rules_for("default")
    for seed in range(30):
        state = advance(new_game(rules, seed, {"gna"}))
        while state.outcome is None and state.turn < 12:
            lines = notes.why_lines(state, "gna")
            if any(line.startswith("LNA delegation") for line in lines):
                ai_line = "  Its line: Signs only a clearly good deal, and is quick to test the front"
                assert any(line.startswith(ai_line) for line in lines), lines
                assert not any("Answers good faith" in line for line in lines)  # gna: you
                return
            state = advance(apply(state, Action("gna", "pass")))
    raise AssertionError("the LNA never reacted to a package in 30 seeds")


def test_the_what_if_names_only_changed_issues_when_the_package_is_not_binding():
    from game.engine.preview import preview

    rules = rules_for("default")
    state = new_game(rules, 7, {"mediator"})
    quo = [state.vals[s] or q for s, q in zip(rules.issue_slot, rules.status_quo)]
    k = rules.issues.index("prisoners")
    assert not rules.binding[k]
    package = list(quo)
    package[k] = next(o for o in rules.options[k] if o != quo[k])
    disliked = [r for reaction in preview(state, "mediator", tuple(package))
                for r in reaction.reasons if "dislike most" in r]
    assert disliked
    for line in disliked:  # only the prisoners could be disliked: nothing else changes
        assert line.split("dislike most: ", 1)[1].startswith("Prisoner exchange")
        assert ";" not in line
    binding = list(package)
    c = rules.issues.index("ceasefire")
    binding[c] = next(o for o in rules.options[c] if o != quo[c])
    guesses = [r for r in preview(state, "mediator", tuple(binding)) if not r.certain]
    assert any(";" in r for g in guesses for r in g.reasons if "dislike most" in r)


def test_the_what_if_says_a_side_has_accepted_the_draft_it_tabled():
    """A playtester opened the builder on the GNA's own counter and read 'GNA: likely to
    reject' (an estimate), though tabling it counts as the GNA's acceptance."""
    from game.engine.preview import preview

    rules = rules_for("default")
    state = new_game(rules, 5, {"gna", "lna"})
    state = advance(state)
    state = do(state, "gna", "counter ceasefire=permanent_monitored")
    package = state.table.package
    gna = next(r for r in preview(state, "lna", package) if r.faction == "gna")
    assert gna.likely == "accepted" and "has accepted this draft" in gna.reasons[0]
    changed = list(package)
    k = rules.issues.index("prisoners")
    changed[k] = next(o for o in rules.options[k] if o != package[k])
    gna = next(r for r in preview(state, "lna", tuple(changed)) if r.faction == "gna")
    assert gna.likely != "accepted"  # another package is only an estimate


def test_the_draft_says_who_rejected_it_until_it_is_replaced():
    """A playtester rejected a draft and saw it still 'accepted by GNA' and still offered:
    Reject seemed to do nothing."""
    from game.engine.observe import observe

    rules = rules_for("default")
    state = advance(new_game(rules, 5, {"gna", "lna"}))
    state = do(state, "gna", "counter ceasefire=permanent_monitored")
    state = do(state, "lna", "reject")
    for viewer in ("gna", "lna", "mediator"):
        lines = present.table_lines(rules, observe(state, viewer))
        assert any("accepted by GNA; rejected by LNA" in line for line in lines), viewer
    state = advance(state)  # (with this seed the AI mediator does not re-table)
    assert state.role == "gna" and state.table.proposer == "gna"
    state = do(state, "gna", "counter prisoners=all_for_all")  # a new draft: no answer yet
    lines = present.table_lines(rules, observe(state, "lna"))
    assert not any("rejected by" in line for line in lines)


def test_each_turn_says_when_ones_standing_acceptance_has_fallen_below_ones_bar():
    """A playtester's counter was worth 58 against a bar of 58 when tabled; the bar rose to
    62 and the other side signed it a turn later, with no word in between."""
    from game.engine import ai
    from game.engine import negotiation as neg

    rules = rules_for("default")
    state = new_game(rules, 5, {"gna", "lna"})
    while not (state.turn >= 9 and state.role == "gna"):  # May: Turkey has turned the tide
        state = apply(state, ai.choose(state)[0])  # and the GNA's bar is up
    own = state.stances[rules.factions.index("gna")]
    stance = [min((o for o in rules.options[k] if o != rules.status_quo[k]),
                  key=lambda o, k=k: rules.contrib["gna"][k][o])
              for k in range(len(rules.issues))]  # the worst change for the GNA: a loss
    for blocker in neg.assess(rules, state.vals, "gna", tuple(stance)).blockers:
        stance[blocker.issue] = own[blocker.issue]  # but one its backers let it sign
    stance = tuple(stance)
    counter = next(a for a in rules.actions_of["gna"] if rules.actions[a].kind == "counter")
    below = apply(state, Action("gna", counter, package=stance))
    a = neg.assess(rules, below.vals, "gna", stance)
    assert a.binding and a.surplus < 0
    said = notes.standing_notes(below, "gna")
    value, bar = apart(a.value, a.reservation)
    assert any(f"now worth {value} to you, below your reservation value ({bar})" in n
               for n in said), said
    slot = rules.fs["gna"]["reservation"]  # a bar a fraction above: the decimals that show it
    close = below._replace(vals=below.vals[:slot] + (a.value + 0.3,) + below.vals[slot + 1:])
    value, bar = apart(a.value, a.value + 0.3)
    assert value != bar
    assert any(f"now worth {value} to you, below your reservation value ({bar})" in n
               for n in notes.standing_notes(close, "gna"))
    assert not any("acceptance" in n for n in notes.standing_notes(below, "lna"))
    early = advance(new_game(rules, 5, {"gna", "lna"}))  # January: its bar is low
    theirs = early.stances[rules.factions.index("lna")]
    above = apply(early, Action("gna", counter, package=theirs))
    assert "gna" in above.table.accepted
    assert neg.assess(rules, above.vals, "gna", theirs).surplus >= 0
    assert not any("acceptance" in n for n in notes.standing_notes(above, "gna"))


def test_the_what_ifs_words_match_its_verdict():
    """A playtester read 'could go either way' beside 'GNA gains on what already stands', and
    '(its ripeness: 16)' as if it were the no-deal value."""
    from game.engine.preview import preview

    rules = rules_for("default")
    state = new_game(rules, 7, {"mediator"})
    quo = [state.vals[s] or q for s, q in zip(rules.issue_slot, rules.status_quo)]
    seen = set()
    for k in range(len(rules.issues)):
        for option in rules.options[k]:
            if option == quo[k]:
                continue
            package = list(quo)
            package[k] = option
            for r in preview(state, "mediator", tuple(package)):
                if r.certain or r.likely == "blocked":
                    continue
                first = r.reasons[0]
                if rules.binding[k]:
                    assert "its ripeness is " in first and "(its ripeness" not in first
                else:
                    assert ("a little" in first) == (r.likely == "uncertain"), first
                seen.add((rules.binding[k], r.likely))
    assert (False, "uncertain") in seen and (True, "reject") in seen  # both kinds were met


def test_a_delegation_starts_its_package_from_its_own_public_stance():
    from game.tui.screens.package import start_package

    rules = rules_for("default")
    state = new_game(rules, 7, {"gna"})
    assert state.table is None
    gna = start_package(state, "gna")
    assert gna == state.stances[rules.factions.index("gna")]
    assert start_package(state, "mediator") == tuple(
        state.vals[s] or q for s, q in zip(rules.issue_slot, rules.status_quo))


def test_the_note_starts_with_what_chance_made_of_your_own_move():
    rules = rules_for("default")
    state = advance(new_game(rules, 7, {"gna"}))
    offensive = next(a for a in legal_actions(state, "gna") if a.act == "offensive")
    after = advance(apply(state, offensive))
    report = notes.turn_report(state, after, "gna")
    mine = next(e for e in history(after) if e.kind == "action" and e.role == "gna")
    verdict = "succeeds" if mine.data["success"] else "fails"
    assert report[0] == (f"Launch an offensive — {target_name(rules, 'offensive', offensive.target)}: "
                         f"it {verdict} (the chance was {mine.data['chance'] * 100:.0f}%).")


def test_a_builder_says_when_a_package_would_replace_an_agreed_option():
    """A player renegotiating a signed issue must see that the draft changes it (a helper
    tabled 'Wounded and sick first' over an agreed 'all for all' because it said '(agreed)')."""
    rules = rules_for("default")
    k = rules.issues.index("prisoners")
    vals = list(rules.initial)
    assert present.agreed_note(rules, vals, k, "all_for_all") == ""  # open
    vals[rules.issue_slot[k]] = "all_for_all"
    assert present.agreed_note(rules, vals, k, "all_for_all") == "agreed"
    note = present.agreed_note(rules, vals, k, "wounded_first")
    assert note.startswith("changes the agreed 'All detainees")


def test_why_puts_the_newest_reaction_first_each_under_its_date():
    rules = rules_for("default")
    state = advance(new_game(rules, 2, {"gna"}))
    for _ in range(12):
        state = advance(apply(state, Action("gna", "pass")))
        if state.outcome is not None:
            break
    lines = notes.why_lines(state, "gna")
    reactions = [e for e in history(state) if e.kind == "action" and "assessment" in e.data]
    quiet = reactions[-1].turn < state.turn and state.outcome is None
    assert lines[0].startswith("Nothing new yet this turn") == quiet  # (a quiet turn says so)
    if quiet:
        lines = lines[2:]
    assert reactions and lines[0] == present.long_date(
        rules.date_of(reactions[-1].turn).isoformat()) + ":"
    dates = [line for line in lines if line.endswith(":") and line[:1].isdigit()]
    assert len(dates) == sum(1 for e in reactions if e.turn >= reactions[-1].turn - 1)
    assert lines[1].split(":")[0] == describe_first(rules, reactions[-1])


def test_why_says_when_a_turn_brought_no_new_reaction():
    """After a quiet turn the Why? tab looked the same as before, and a playtester took it for
    one that had not been brought up to date."""
    rules = rules_for("default")
    state = new_game(rules, 5, set(rules.roles))
    state = do(state, "mediator", "propose prisoners=all_for_all")
    state = do(state, "gna", "reject")
    assert not notes.why_lines(state, "gna")[0].startswith("Nothing new yet")
    for role in ("lna", "mediator", "gna", "lna"):  # a turn with no answer to any package
        state = do(state, role, "pass")
    lines = notes.why_lines(state, "gna")
    gap = lines.index("")  # (before it, any walk-out or return since: 'Since then: …')
    assert lines[0].startswith("Nothing new yet this turn (")
    assert all(line.startswith("Since then: ") for line in lines[1:gap])
    # it says when the latest reactions came (a playtester read it as 'nobody answered')
    assert lines[0].endswith(". The latest reactions, below, are from "
                             + present.long_date(rules.date_of(0).isoformat()) + ".")
    assert lines[gap + 1] == present.long_date(rules.date_of(0).isoformat()) + ":"


def describe_first(rules, entry):
    from game.engine.explain import describe

    return describe(rules, entry, "gna")[0].split(":")[0]


def test_the_world_line_reads_a_yes_or_no_fact_as_yes_or_no():
    rules = rules_for("default")
    state = new_game(rules, 3)
    from game.engine.observe import observe

    line = present.world_line(rules, observe(state, "mediator"))
    blockade = rules.s.world["oil_blockade"].label
    assert f"{blockade}: yes" in line or f"{blockade}: no" in line, line
    assert any(ch.isdigit() for ch in line)  # the other meters stay numbers


def test_the_mediator_is_told_each_turn_a_delegation_stays_away_and_what_can_help():
    rules = rules_for("default")
    for seed in range(30):
        state = advance(new_game(rules, seed, {"mediator"}))
        while state.outcome is None:
            after = advance(apply(state, Action("mediator", "pass")))
            report = notes.turn_report(state, after, "mediator")
            away = [f for f in rules.factions
                    if not after.vals[rules.faction_slot[(f, "at_table")]]
                    and after.vals[rules.faction_slot[(f, "away")]] >= 1]
            if away and after.outcome is None:
                f = away[0]
                n = int(after.vals[rules.faction_slot[(f, "away")]])
                name = rules.s.roles[rules.role_of[f]].name.split(" (")[0]
                turns = "1 turn" if n == 1 else f"{n} turns"
                assert f"{name} has been away {turns}: staying away can end the talks. " \
                       "Private talks can bring it back." in report, report
                return
            assert not any("has been away" in line for line in report)
            state = after
    raise AssertionError("no delegation stayed away in 30 seeds")


def test_a_change_to_a_yes_or_no_meter_reads_yes_or_no():
    from game.engine.explain import change_lines

    rules = rules_for("default")
    blockade = rules.slots["world.oil_blockade"]
    assert rules.bounds[blockade] == (0.0, 1.0)
    assert change_lines(rules, ((blockade, 0.0, 1.0, "shut"),)) == [
        f"{rules.label('world.oil_blockade')}: yes (was no) — shut"]
    trust = rules.slots["faction.gna.trust"]
    assert change_lines(rules, ((trust, 20.0, 24.0, "talks"),)) == [
        f"{rules.label('faction.gna.trust')} +4 (now 24) — talks"]


def test_softening_a_stance_says_what_it_asks_now_and_what_it_would_ask():
    """A playtest: the menu said only what the stance would become."""
    rules = rules_for("default")
    state = new_game(rules, 3, {"gna"})
    while state.role != "gna":
        state = apply(state, Action(state.role, "pass"))
    gna = rules.factions.index("gna")
    concessions = [c for c in present.choices(state, "gna") if c.action.act != "pass"
                   and rules.s.actions[c.action.act].kind == "concede"]
    assert concessions
    for choice in concessions:
        k = rules.issues.index(choice.action.target)
        now = rules.s.agenda[choice.action.target].options[state.stances[gna][k]].label
        then = rules.s.agenda[choice.action.target].options[choice.action.option].label
        assert choice.label.endswith(f": '{now}' → '{then}'"), choice.label


def _previews(rules, seeds=range(6)):
    """(state, package, reaction): the mediator's what-if, at each of its moves in AI games, of
    the draft on the table and of each package the AI tabled in that game."""
    from game.engine.preview import preview
    from game.engine.simulate import play

    for seed in seeds:
        final = play(rules, seed)
        tabled = {a.package for a in final.actions if a.package}
        state = new_game(rules, seed, set())
        for action in final.actions:
            if state.role == rules.mediator:
                packages = tabled | ({state.table.package} if state.table else set())
                for package in sorted(packages):
                    for r in preview(state, "mediator", package):
                        if not r.certain and not r.reasons[0].startswith("Not a valid"):
                            yield state, package, r
            state = apply(state, action)


def test_the_builders_verdict_and_its_words_agree():
    """A teacher's playtest: 'around what GNA expects without a deal' over 'likely to
    reject' (the words and the verdict used different bands)."""
    rules = rules_for("default")
    verdicts = {"comfortably above": "accept", "around": "uncertain", "below": "reject"}
    seen = set()
    for _, _, r in _previews(rules):
        for words, likely in verdicts.items():
            if f"package is {words} what" in " ".join(r.reasons):
                assert r.likely in (likely, "blocked", "away"), (words, r)
                seen.add(likely)
    assert {"accept", "uncertain"} <= seen


def test_the_builder_says_a_side_is_away_or_has_rejected_the_draft():
    """A teacher's playtest: 'GNA: likely to accept' while GNA had walked out, and for a
    draft it had already rejected."""
    from game.engine.negotiation import rejecters

    rules = rules_for("default")
    away = rejected = 0
    for state, package, r in _previews(rules, range(8)):
        gone = not state.vals[rules.fs[r.faction]["at_table"]]
        assert (r.likely == "away") == gone, r
        if gone:
            away += 1
            assert "has walked out" in r.reasons[0]
        said = "has already rejected this draft" in " ".join(r.reasons)
        table = state.table
        assert said == (table is not None and package == table.package
                        and r.faction in rejecters(state)), r
        rejected += said
    assert away and rejected


def test_the_note_after_a_consultation_gives_the_backers_answer():
    """A playtest: after 'Consult a backer — Qatar' the note showed the others' moves, and
    Qatar's answer was only in the News, pages back."""
    rules = rules_for("default")
    state = new_game(rules, 7, {"gna"})
    state = advance(state)
    before = state
    consult = next(c.action for c in present.choices(state, "gna")
                   if c.action.act == "consult" and c.action.target == "qatar")
    state = advance(apply(state, consult))
    report = notes.turn_report(before, state, "gna")
    assert report[0].startswith("Qatar "), report


def test_the_note_says_what_was_signed_not_only_that_something_was():
    """A playtest: the note read 'SIGNED by both delegations:' and then the next news."""
    from game.engine.simulate import play

    rules = rules_for("default")
    final = play(rules, 4)
    state = new_game(rules, 4, set())
    for action in final.actions:
        after = apply(state, action)
        if after.signed > state.signed:
            report = notes.turn_report(state, after, "mediator")
            [line] = [x for x in report if x.startswith("Signed: ")]
            sign = [e for e in history(after) if e.kind == "sign"][-1]
            for k in sign.data["issues"]:
                assert rules.s.agenda[rules.issues[k]].name in line
            assert not [x for x in report if x.startswith("SIGNED")]
            return
        state = after
    raise AssertionError("no signature in this game")


def test_who_must_accept_is_named_at_a_table_of_two_or_of_three():
    """An author's three-party scenario read 'if Bosnia accepts, it is signed' (Croatia had to
    accept too) and 'SIGNED by both delegations'."""
    from types import SimpleNamespace

    def table(*shorts):
        factions = {s.lower(): SimpleNamespace(short=s) for s in shorts}
        return SimpleNamespace(factions=list(factions), s=SimpleNamespace(factions=factions))

    assert present.if_others_accept(table("GNA", "LNA"), "gna") == "if LNA accepts"
    assert present.if_others_accept(table("Bosnia", "Serbs", "Croatia"), "serbs") == \
        "if Bosnia and Croatia accept"


def test_the_what_if_counts_the_margin_an_ai_side_holds_out_for():
    """A playtester was told the GNA was 'likely to accept' a draft comfortably above its
    expected bar; playing tit for tat, it rejected it for not clearing its margin. The
    what-if of an AI side now asks that margin too (a human side asks none)."""
    import itertools

    from game.engine import negotiation as neg
    from game.engine.negotiation import binding_change
    from game.engine.preview import _guess

    from game.engine import ai

    rules = rules_for("default")
    state = new_game(rules, 5)
    while state.turn < 12:  # July: war-weary enough that some packages clear its bar
        state = apply(state, ai.choose(state)[0])
    ai_side = state._replace(humans=frozenset({"mediator"}))
    human_side = state._replace(humans=frozenset({"mediator", "lna"}))  # the LNA played
    i = rules.factions.index("lna")
    rank = {"blocked": 0, "reject": 1, "uncertain": 2, "accept": 3}
    differs = 0
    for package in itertools.product(*rules.options):  # every package: some lie near the bar
        if neg.check_package(rules, ai_side.vals, package):
            continue
        a = _guess(ai_side, "mediator", i, "lna", package)
        h = _guess(human_side, "mediator", i, "lna", package)
        assert rank[a.likely] <= rank[h.likely]
        differs += a.likely != h.likely
        if binding_change(rules, ai_side.vals, package):
            assert "a hard-liner, it holds out for about 5 points more" in a.reasons[0]
            assert "holds out" not in h.reasons[0]
    assert differs


def test_a_counter_says_why_not_the_draft_it_replaces():
    """A playtester's drafts were replaced by a delegation's counters at once, and the Why? tab
    only weighed the counter itself: nothing said why the draft was not good enough."""
    from game.engine.explain import describe
    from game.engine.state import log_list

    rules = rules_for("default")
    state = new_game(rules, 5, set(rules.roles))
    state = do(state, "mediator", "propose prisoners=all_for_all flights=domestic")
    state = do(state, "gna", "counter prisoners=all_for_all flights=domestic hate_speech=pledge")
    entry = next(e for e in reversed(log_list(state.log)) if e.kind == "action"
                 and e.data["action"].role == "gna")
    mine, theirs = describe(rules, entry, "gna"), describe(rules, entry, "lna")
    for lines in (mine, theirs):  # (a player's counter: the numbers, not a 'why')
        text = "\n".join(lines)
        assert "The draft it replaced (the mediator's), as it weighed it:" in text
        assert text.index("The draft it replaced") < text.index("Its own package:")
    later = do(state, "lna", "counter prisoners=all_for_all flights=domestic")
    reply = next(e for e in reversed(log_list(later.log)) if e.kind == "action"
                 and e.data["action"].role == "lna")
    assert "  The draft it replaced (yours), as it weighed it:" in describe(rules, reply, "gna")
    assert "  The draft it replaced (GNA's), as it weighed it:" in describe(rules, reply, "lna")
    numbers = ("values this package at", "it is worth")  # its private numbers
    assert sum(any(n in line for n in numbers) for line in mine) == 2  # the draft, its own
    assert not any(n in line for n in numbers for line in theirs)
    assert sum("the package is" in line or "is a gain" in line or "no gain" in line
               for line in theirs) == 2  # in words instead
    from tests.engine.helpers import ai_game  # an AI's counter is asked why

    game = ai_game(rules, 4, reasons=True)[-1]  # (seed 4: a counter replaces a draft)
    ai_counters = [describe(rules, e, None) for e in log_list(game.log)
                   if e.kind == "action" and "instead_of" in e.data]
    assert ai_counters and all(any(line.startswith("  Why not the draft on the table (")
                                   and line.endswith("'s):") for line in lines)
                               for lines in ai_counters)  # (whose draft it was, named)


def test_a_counter_with_no_draft_on_the_table_says_it_tables_ones_own():
    """A line-mode player was offered 'Table a counter-proposal' with nothing to counter."""
    rules = rules_for("default")
    state = new_game(rules, 5, set(rules.roles))
    state = do(state, "mediator", "pass")
    counter = [c.label for c in present.choices(state, "gna") if c.needs_package]
    assert counter == [present.OWN_PACKAGE] and "no draft to counter" in counter[0]
    state = new_game(rules, 5, set(rules.roles))
    state = do(state, "mediator", "propose prisoners=all_for_all")
    counter = [c.label for c in present.choices(state, "gna") if c.needs_package]
    assert counter and not any("no draft" in label for label in counter)


def test_the_what_if_never_names_an_issue_left_as_signed_among_the_dislikes():
    """A teacher saw 'GNA will dislike most: ... Land routes (The coastal road reopens)' for a
    package that left the signed road alone."""
    from game.engine import negotiation as neg
    from game.engine.preview import _guess

    rules = rules_for("default")
    k = rules.issues.index("land_routes")
    gna = rules.contrib["gna"][k]
    signed = min((o for o in rules.options[k] if o != rules.status_quo[k]), key=gna.get)
    state = new_game(rules, 5, set(rules.roles))
    state = do(state, "mediator", f"propose land_routes={signed}")
    state = do(state, "gna", "accept")
    state = do(state, "lna", "accept")
    assert state.value("issue.land_routes.option") == signed
    name = rules.s.agenda["land_routes"].name
    favourite = rules.favourite["gna"]  # all else as the GNA likes best: the signed road,
    package = tuple(signed if i == "land_routes" else favourite[j]  # its worst option, would
                    for j, i in enumerate(rules.issues))  # top its dislikes if it counted
    assert neg.binding_change(rules, state.vals, package)
    reasons = _guess(state, "mediator", 0, "gna", package).reasons
    assert not any(name in r for r in reasons if "dislike" in r), reasons


def test_the_what_if_counts_the_ripeness_a_tabled_draft_adds():
    """A playtest's what-if said a side's ripeness was 2; the answer to the package, once
    tabled, said 12, 10 of it for the draft on the table. The what-if now reckons the side's
    ripeness and reservation value as they are once the package is on the table."""
    from game.engine.preview import as_tabled, preview

    rules = rules_for("default")
    state = new_game(rules, 7, {"mediator"})
    assert state.table is None
    package = tuple(state.vals[s] or q for s, q in zip(rules.issue_slot, rules.status_quo))
    package = ("permanent",) + package[1:]
    predicted = {f: as_tabled(state, f) for f in rules.factions}
    propose = next(a for a in legal_actions(state, "mediator")
                   if a.act in rules.actions and rules.actions[a.act].kind == "propose")
    after = apply(state, propose._replace(package=package))
    for f in rules.factions:
        ripeness, lift, reservation = predicted[f]
        assert lift > 0
        assert ripeness == after.vals[rules.fs[f]["ripeness"]]
        assert reservation == after.vals[rules.fs[f]["reservation"]]
        assert ripeness > state.vals[rules.fs[f]["ripeness"]]
    lines = [r.reasons[0] for r in preview(state, "mediator", package) if not r.certain]
    assert any("for the way out a draft on the table offers" in line for line in lines), lines
    assert as_tabled(after, rules.factions[0])[1] == 0.0  # a draft stands: nothing to add


def test_a_delegation_whose_bar_no_package_reaches_is_told_so():
    """A playtester as the LNA on turn 1 was told its own opening stances were below its
    reservation value of 100, and nothing said that no package could reach it yet."""
    from game.engine.observe import observe

    rules = rules_for("default")
    state = new_game(rules, 7, {"lna"})
    lna = present.private_lines(rules, observe(state, "lna", with_log=False))
    gna = present.private_lines(rules, observe(state, "gna", with_log=False))
    best = sum(max(row) for row in rules.contrib_rows["lna"])
    assert state.vals[rules.fs["lna"]["reservation"]] >= best  # (the scenario's opening)
    assert any(line.startswith("No package can be worth 100 to you yet (the best would be "
                               f"worth {best:.0f})") for line in lna), lna
    # a bar the best package just clears is no such bar (a review: '>= best - 0.5' said so)
    from dataclasses import replace

    obs = observe(state, "lna", with_log=False)
    close = replace(obs, private=replace(obs.private, reservation=best - 0.1))
    assert not any(line.startswith("No package can be worth")
                   for line in present.private_lines(rules, close))
    assert not any(line.startswith("No package can be worth") for line in gna), gna


def test_the_what_if_marks_a_disliked_issue_the_package_leaves_as_it_stands():
    """A playtester read 'LNA will dislike most: Oil ... (The terminals stay shut)' as an
    option they had chosen; they had not touched that issue."""
    from game.engine.preview import preview

    rules = rules_for("default")
    state = new_game(rules, 7, {"mediator"})
    quo = tuple(state.vals[s] or q for s, q in zip(rules.issue_slot, rules.status_quo))
    marked = plain = 0
    for option in rules.options[0]:
        if option == quo[0]:
            continue
        package = (option,) + quo[1:]
        for r in preview(state, "mediator", package):
            for line in r.reasons:
                if "will dislike most:" not in line:
                    continue
                for part in line.split(": ", 1)[1].rstrip(".").split("; "):
                    left = part.endswith(", left as it is)")
                    touched = part.startswith(rules.s.agenda[rules.issues[0]].name)
                    assert left != touched, part  # changed: not marked; untouched: marked
                    marked += left
                    plain += touched
    assert marked and plain


def test_ones_own_what_if_weighs_the_package_as_it_will_be_once_tabled():
    """A review: a package worth 38.5 to the GNA drew 'worth less to you than no deal' against
    a bar of 38.8, while once tabled (the draft's way out in its ripeness) its bar is 36.8."""
    from game.engine import negotiation as neg
    from game.engine.explain import apart
    from game.engine.preview import as_tabled, preview

    rules = rules_for("default")
    state = new_game(rules, 0, {"gna"})
    ripeness, lift, reservation = as_tabled(state, "gna")
    assert state.table is None and lift > 0
    quo = tuple(state.vals[s] or q for s, q in zip(rules.issue_slot, rules.status_quo))
    package = ("permanent",) + quo[1:]
    own = next(r for r in preview(state, "gna", package) if r.certain)
    value = neg.assess(rules, state.vals, "gna", package).value
    shown, bar = apart(value, reservation)
    assert f"its reservation value once it is tabled is {bar}" in own.reasons[0], own.reasons
    assert any(f"Ripeness for GNA with it on the table: {ripeness:.0f}, of which {lift:.0f} "
               "for the draft on the table" in line for line in own.reasons), own.reasons
    assert own.likely == ("accept" if value >= reservation else "reject")


def test_a_scenario_gives_the_explanations_its_own_words_for_the_conflict(tmp_path):
    """An author's playtest: a water dispute was told a side 'still hopes to gain more by
    fighting', and a package 'leaves the fighting alone'; nothing in the file could change it."""
    from game.engine import Rules
    from game.engine.explain import ripeness_words
    from game.engine.preview import preview
    from game.scenario.loader import load_scenario
    from tests.conftest import FIXTURES

    text = (FIXTURES / "minimal.yaml").read_text()
    text += ("\nwords:\n  conflict: the dispute\n  holding_out: going to court\n"
             "  binding: the dam\n")
    path = tmp_path / "dispute.yaml"
    path.write_text(text)
    rules = Rules(load_scenario(path))
    words = rules.s.words
    assert ripeness_words(30, words) == "unripe: it still hopes to gain more by going to court"
    assert ripeness_words(45, words) == "ripening: the costs of the dispute are biting"
    assert ripeness_words(30) == "unripe: it still hopes to gain more by fighting"  # a war's
    state = new_game(rules, 1, {"mediator"})
    quo = [state.vals[s] or q for s, q in zip(rules.issue_slot, rules.status_quo)]
    k = next(k for k in range(len(rules.issues)) if not rules.binding[k])
    package = list(quo)
    package[k] = next(o for o in rules.options[k] if o != quo[k])
    said = " ".join(line for r in preview(state, "mediator", tuple(package)) for line in r.reasons)
    assert "leaves the dam alone" in said and "fighting" not in said, said
    # the full-screen game's help too (a review: it still spoke of the war), with the
    # scenario's own issues as its examples
    from game.tui.screens.dialogs import help_text

    helped = " ".join(help_text(rules).split())  # (as Markdown reflows it)
    assert "how much the dispute hurts" in helped and "settle the dam" in helped
    assert "by going to court" in helped
    assert not re.search(r"\b(war|fighting|military)\b", helped), helped
    names = [i.name for i in rules.s.agenda.values() if not i.binding]  # (all of them: a
    assert len(names) > 2  # teacher read two examples after 'here:' as the whole list)
    assert f"Confidence-building** issues (here: {'; '.join(names)})" in helped
    assert "Binding issues** settle" in helped  # (this scenario has none to name)
    assert "the war hurts" in help_text(None)  # (a war's words with no scenario at hand)
    # reactive devaluation only where a counterpart does it (a review)
    assert "reactive devaluation" not in helped
    assert "reactive devaluation" in help_text(rules_for("default"))


def test_the_note_of_the_others_moves_says_when_an_acceptance_lapses():
    """A playtest: the note after the AI's moves said 'LNA: Accept the package on the table',
    read as a signing; only the News said GNA's acceptance had lapsed and nothing was signed."""
    from game.engine.ai import choose
    from game.engine.core import advance as step

    rules = rules_for("default")
    state = new_game(rules, 4)  # (seed 4: an AI acceptance lapses in turn 9)
    while state.outcome is None:
        before = state
        action, why = choose(state)
        state = step(state, action, why)
        lapsed = [e for e in history(state)[len(history(before)):] if e.kind == "lapse"]
        if lapsed:
            break
    assert lapsed, "the seed no longer shows a lapse"
    lines = notes.turn_report(before, state, "mediator")
    assert any("no longer stands behind the draft" in line and "Nothing is signed" in line
               for line in lines), lines


def test_wait_on_stops_when_ones_own_delegation_is_away_or_a_deadline_ends():
    """A review: W could wait on while one's own delegation was away from the table (staying
    away can end the talks), and a deadline could run out unreported."""
    rules = rules_for("default")
    state = new_game(rules, 5, set(rules.roles))
    state = do(state, "mediator", "pass")
    away = do(state, "gna", "walk_out")
    assert notes.news_between(state, away, "gna")  # its own move, but it is away now
    assert not notes.news_between(state, do(state, "gna", "pass"), "gna")  # a quiet wait
    lines = notes.turn_report(state, away, "lna")
    assert lines  # the other side is told (the walk-out is a move)
    # a deadline that runs out is news, and the note says so
    later = do(do(do(state, "gna", "pass"), "lna", "pass"), "mediator", "set_deadline")
    for _ in range(12):
        before = later
        for role in ("gna", "lna", "mediator"):
            if later.outcome is None and later.role == role:
                later = do(later, role, "pass")
        if any(e.kind == "deadline" for e in history(later)[len(history(before)):]):
            break
    assert any(e.kind == "deadline" for e in history(later)[len(history(before)):])
    assert notes.news_between(before, later, "gna")
    assert any("deadline" in line for line in notes.turn_report(before, later, "gna"))


def test_a_source_id_wider_than_the_news_column_breaks_after_its_hash():
    """A playtest at 80 columns: the screen broke source ids anywhere, mid-date."""
    line = ("  [historical; sources: telesur-2020-02-19#gna_walkout_geneva, "
            "telesur-2020-02-19#sarraj_conditions]")
    folded = present.fold(line, 34, 2).split("\n")
    assert all(len(part) <= 34 for part in folded), folded
    assert "  telesur-2020-02-19#" in folded and "  gna_walkout_geneva," in folded, folded
    assert " ".join(part.strip() for part in folded).replace("# ", "#") == line.strip()
    wide = present.fold(line, 60, 2).split("\n")  # (where an id fits, it stays whole)
    assert "  telesur-2020-02-19#gna_walkout_geneva," in wide, wide


def test_a_what_if_says_its_verdict_is_a_guess_until_private_talks_make_it_sure():
    """A teacher's playtest: the mediator's what-if said 'comfortably above what GNA asks to
    sign', then GNA rejected it, and nothing had said the estimate was a guess."""
    from game.engine.preview import _guess

    rules = rules_for("default")
    state = new_game(rules, 5)
    i = rules.factions.index("gna")
    package = tuple("permanent_monitored" if k == 0 else rules.status_quo[k]
                    for k in range(len(rules.issues)))

    def guess_line(s, role):
        return [r for r in _guess(s, role, i, "gna", package).reasons if "It is a guess" in r]

    line = guess_line(state, "mediator")
    assert line and "what the package is worth to it and its reservation value are your " \
        "estimates" in line[0]
    assert "may be off by up to 10 points); private talks with GNA narrow both" in line[0]
    half = state._replace(insight=(4, 0))  # half its priorities learnt in private talks
    assert "up to 5 points" in guess_line(half, "mediator")[0]
    assert "up to 1 point)" in guess_line(state._replace(insight=(7, 0)), "mediator")[0]
    known = state._replace(insight=(len(rules.issues), 0))  # all of them: no guess left
    assert not guess_line(known, "mediator")
    delegation = guess_line(state, "lna")  # the other side cannot hold private talks with it
    assert delegation and "private talks" not in delegation[0]


def test_why_says_who_left_or_came_back_since_the_last_reaction():
    """A screen reader's playtest asked 'why' after a walk-out and heard only 'Nothing new
    yet this turn': walk-outs and returns are no reactions to a package, but they are news
    to whoever asks why nothing moves."""
    from game.engine.ai import choose

    rules = rules_for("default")
    slot = rules.faction_slot[("gna", "at_table")]

    def reacted(state):
        turns = [e.turn for e in history(state) if e.kind == "action" and "assessment" in e.data]
        return turns and turns[-1] < state.turn

    for seed in range(40):  # a game where the GNA is away, after a reaction some turns ago
        state = new_game(rules, seed)
        while state.outcome is None and not (reacted(state) and not state.vals[slot]
                                             and state.role == "gna"):
            state = apply(state, choose(state)[0])
        if state.outcome is None:
            break
    assert state.outcome is None
    lines = notes.why_lines(state, "gna")
    since = [line for line in lines if line.startswith("Since then: ")]
    assert lines[0].startswith("Nothing new yet this turn"), lines[:3]
    assert since and any("walk" in line.lower() for line in since), lines[:4]


def test_why_before_any_reaction_says_who_has_walked_out():
    """My own line-mode game: the LNA walked out on the first turn, before anyone had
    answered a package, and 'why' said only 'Nobody has reacted to a package yet.'"""
    rules = rules_for("default")
    state = advance(new_game(rules, 1910, {"mediator"}))
    state = advance(do(state, "mediator", "propose prisoners=3 land=3 flights=2 hate=2"))
    assert not any("assessment" in e.data for e in history(state) if e.kind == "action")
    lines = notes.why_lines(state, "mediator")
    assert lines[0] == "Nobody has reacted to a package yet."
    assert "Meanwhile: LNA delegation walked out of the talks (13 Jan 2020)." in lines, lines


def test_a_counter_over_a_draft_one_has_accepted_says_that_draft_goes():
    """A student accepted a draft worth 70, then tabled a counter: the LNA rejected it and the
    70-point draft was gone, with no word before that it would be. The draft's worth is on
    the Table tab as well as under World, where the student had not looked."""
    from game.engine.observe import observe

    rules = rules_for("default")
    state = advance(new_game(rules, 5, {"gna", "lna"}))
    state = do(state, "gna", "counter ceasefire=permanent_monitored")
    state = do(state, "lna", "reject")
    state = advance(state)
    assert state.role == "gna" and "gna" in state.rules.faction_of.values()
    own = state.table.package
    other = list(own)
    k = rules.issues.index("prisoners")
    other[k] = next(o for o in rules.options[k] if o != own[k])
    said = present.replaces_accepted(state, "gna", tuple(other))
    assert said.startswith("It takes the place of the draft on the table, which you have "
                           "accepted")
    assert present.replaces_accepted(state, "gna", own) == ""  # the same package: nothing goes
    assert present.replaces_accepted(state, "lna", tuple(other)) == ""  # it never accepted
    assert present.replaces_accepted(state, "mediator", tuple(other)) == ""
    assert present.draft_worth(rules, observe(state, "gna")).startswith("The draft is worth ")
    assert present.draft_worth(rules, observe(state, "mediator")) == ""


def test_the_full_screen_news_cites_its_articles_by_headline_not_by_id():
    """A student read 'sources: unattributed-2020-06#moscow_talks_fail' in the News."""
    from game.engine.explain import describe
    from game.engine.simulate import play

    rules = rules_for("default")
    state = play(rules, 7)
    events = [e for e in history(state) if e.kind == "event"
              and rules.s.events[e.data["id"]].sources]
    assert events
    for entry in events:
        named = describe(rules, entry, "gna", cite="named")[2]
        assert "#" not in named and re.search(r"; sources?: '.+' \(\d{1,2} [A-Z][a-z]{2} "
                                              r"20\d\d\)", named), named
        assert "#" in describe(rules, entry, "gna")[2]  # the export and goldens keep the ids


def test_a_moves_hint_names_whose_meters_it_moves_and_says_when_it_leaves_some_out():
    """A review: the hint skipped changes to a named side or backer, and said 'Effects:' as
    if complete for an offensive whose territory changes hands only on success."""
    rules = rules_for("default")
    denounce = present.move_hint(rules, "denounce_invaders")
    assert "Effects: GNA's Trust -6;" in denounce and "United Arab Emirates' support +3" in \
        denounce
    assert "Effects include: " in present.move_hint(rules, "offensive")
    assert present.move_hint(rules, "accept") == ""  # (no description, no effects)
