"""Plain words for everything in the log: "why?" for every reaction.

Entries hold numbers; this module turns them into sentences for a *viewer*. The owner of a
faction (and the debrief, ``viewer=None``) sees that faction's private numbers; everybody else
gets the same reasons in words, without them.
"""

from __future__ import annotations

from game.engine.negotiation import Assessment
from game.engine.rules import Rules, long_date
from game.engine.state import Entry
from game.engine.wording import (OMNISCIENT, _issue, _option, _short, _source_name,  # noqa: F401
                                 change_lines, package_lines)
from game.scenario.model_talks import TARGET_KIND
from game.scenario.model_world import Words

DEFAULT_WORDS = Words()  # a war's words, for a caller with no scenario at hand

# How each AI strategy's demand reads in a Why? line (see game.engine.ai)
STYLES = {"hardline": "a hard-liner", "tit_for_tat": "playing tit for tat",
          "conceder": "a conceder (it asks less as time runs out)"}

def ripeness_words(value: float, words: Words = DEFAULT_WORDS) -> str:
    """The band a ripeness falls in, in words (``words``: the scenario's for its conflict)."""
    if value >= 60:
        return f"ripe: both the pain of {words.conflict} and a way out are felt"
    if value >= 40:
        return f"ripening: the costs of {words.conflict} are biting"
    if value >= 20:
        return f"unripe: it still hopes to gain more by {words.holding_out}"
    return "not ripe at all"


def margin_words(surplus: float) -> str:
    """How a package stands against a side's reservation value, in words (named so, as the
    what-if and one's own numbers name it: a playtest read 'what it expects without a deal'
    as the no-deal value, which ripeness lowers to the reservation value)."""
    if surplus >= 10:
        return "comfortably above its reservation value"
    if surplus >= 0:
        return "just above its reservation value"
    if surplus >= -8:
        return "a little short of its reservation value"
    return "well short of its reservation value"


def apart(value: float, bar: float) -> tuple[str, str]:
    """Two numbers with as few decimals as shows which is larger ("32.6" and "33", not "33"
    and "33" for a value just below its bar: a playtest read '(33 < 33)')."""
    for digits in range(7):
        x, y = f"{value:.{digits}f}", f"{bar:.{digits}f}"
        if x != y or value == bar:
            return x, y
    return x, y


def assessment_lines(rules: Rules, a: Assessment, owner: bool, logged: bool = False,
                     reply: bool = False, tabled: bool = False) -> list[str]:
    """Why a faction reacts to a package as it does. ``owner``: show its private numbers.
    ``logged``: read later, from the log (its ripeness was that moment's, not now's);
    ``reply``: to the draft on the table (that ripeness had the draft's way out in it);
    ``tabled``: a package not yet tabled, weighed as it will be once it is (the same)."""
    name = _short(rules, a.faction)
    words = rules.s.words
    lines = []
    if not a.binding:
        if owner:
            value, bar = apart(a.value, a.reservation)
            lines.append(f"The package leaves {words.binding} alone, so {name} weighs it against "
                         f"what already stands ({bar}): it is worth {value}.")
        else:
            gain = "a gain" if a.surplus > 0 else "no gain"
            lines.append(f"The package leaves {words.binding} alone; for {name} it is {gain} on "
                         "what already stands.")
    elif owner:
        value, bar = apart(a.value, a.reservation)
        digits = len(bar.partition(".")[2])  # (the shown numbers add up)
        less = max(0.0, round(a.batna, digits) - round(a.reservation, digits))
        once = " once it is tabled" if tabled else ""  # (a playtest: the side panel said
        # 100 and the builder 98, with nothing to say why)
        lines.append(f"{name} values this package at {value}; its reservation value{once} is "
                     f"{bar} (no-deal value {a.batna:.{digits}f}, less {less:.{digits}f} for "
                     f"ripeness {a.ripeness:.0f}).")
    else:
        lines.append(f"For {name} the package is {margin_words(a.surplus)}.")
    if a.pains:
        parts = []
        for k, option, loss in a.pains:
            left = ", left as it is" if option == rules.status_quo[k] else ""  # (not drafted)
            part = f"{_issue(rules, k)} ('{_option(rules, k, option)}'{left})"
            parts.append(part + (f" costs it {loss:.1f}" if owner else ""))
        # (a package it gains from still gives it less than its best somewhere)
        head = "What hurts it most" if a.surplus < 0 else "What it likes least"
        lines.append(f"{head}: " + "; ".join(parts) + ".")
    for b in a.blockers:
        backer = rules.s.backers[b.backer].name
        detail = " ({} < {})".format(*apart(b.value, b.tolerance)) if owner else ""
        lines.append(f"{backer} would block it: it cannot accept {_issue(rules, b.issue)} as "
                     f"drafted{detail}.")
    for b in a.unhappy:
        backer = rules.s.backers[b.backer].name
        lines.append(f"{backer} dislikes it ({_issue(rules, b.issue)}) and would cut its "
                     "support if it were signed.")
    way_out = 100 * rules.s.ripeness.way_out
    lift = f", of which {way_out:.0f} for the draft on the table" if (reply or tabled) and \
        way_out else ""
    # (the side panel shows it now: it moves; ``tabled``: as it will be once the package is
    # tabled, a draft's way out in it)
    when = "at the time" if logged else "with it on the table" if tabled else "now"
    lines.append(f"Ripeness for {name} {when}: {a.ripeness:.0f}{lift} — "
                 f"{ripeness_words(a.ripeness, words)}.")
    return lines


def describe(rules: Rules, entry: Entry, viewer: str | None = OMNISCIENT,
             cite: bool | str = True) -> list[str]:
    """The entry in plain words for ``viewer`` (a role id, or None for the debrief).
    ``cite=False``: an event's sources counted, not listed by id (line mode, read aloud);
    ``cite="named"``: by the articles' headlines and dates (the full-screen game)."""
    d = entry.data
    kind = entry.kind
    if kind == "turn":  # (the date as the status line says it: a screen reader's playtest
        # heard '2020-01-27' here and '27 Jan 2020' there)
        return [f"— Turn {entry.turn + 1} · {long_date(d['date'])} —"]
    if kind == "event":
        event = rules.s.events[d["id"]]
        mark = "historical" if event.historical else "counterfactual"
        if event.date is not None and str(event.date) != rules.iso_date(entry.turn):
            mark += f", {long_date(event.date)}"  # (a teacher: a March resignation
            # under 24 February)
        head = f"NEWS: {event.title}" + (" (injected by the facilitator)" if d["injected"] else "")
        n = len(event.sources)
        if cite == "named":  # the articles by headline and date, not by id (a student)
            named = list(dict.fromkeys(_source_name(rules, ref) for ref in event.sources))
            cited = (f"source{'' if len(named) == 1 else 's'}: {'; '.join(named)}" if named
                     else "no sources")
        else:
            cited = (f"sources: {', '.join(event.sources) or 'none'}" if cite else
                     f"{n} source{'' if n == 1 else 's'}: type 'sources' to hear them" if n
                     else "no sources")
        lines = [head, f"  {event.text.strip()}", f"  [{mark}; {cited}]"]
        # (not '— Heavy clashes on the front line' after each of five changes under that
        # headline: a screen reader's playtest)
        return lines + [f"  · {c}" for c in change_lines(rules, d["changes"], viewer,
                                                         event.title)]
    if kind == "action":
        return _action_lines(rules, entry, viewer)
    if kind == "sign":
        lines = [f"SIGNED by {'both' if len(rules.factions) == 2 else 'every'} delegation"
                 f"{'s' if len(rules.factions) == 2 else ''}:"]
        lines += [f"  · {rules.s.agenda[rules.issues[k]].name}: "
                  f"{_option(rules, k, d['package'][k])}" for k in d["issues"]]
        return lines + [f"  · {c}" for c in change_lines(rules, d["changes"], viewer)
                        if "agreed '" not in c]
    if kind == "consult":
        backer = rules.s.backers[d["backer"]].name
        what = "the package on the table" if d["on_table"] else "your public position"
        if d["verdict"] == "content":
            text = f"{backer} can live with {what}"
        elif d["verdict"] == "veto":
            text = f"{backer} would veto {what}"
        else:
            text = f"{backer} dislikes {what} and would cut its support if it were signed"
        worst = "; ".join(f"{_issue(rules, k)} ('{_option(rules, k, o)}')"
                          for k, o, _ in d["worst"])
        value, needs = apart(d["value"], d["tolerance"])
        return [f"{text} (it values it at {value}; it needs {needs})."
                + (f" It objects most to: {worst}." if worst and d["verdict"] != "content"
                   else "")]
    if kind == "shuttle":
        names = ", ".join(rules.s.agenda[i].name for i in d["priorities"])
        you = "you" if viewer == entry.role else "the mediator"  # the debrief shows it to all
        return [f"In private, {_short(rules, d['faction'])} lets {you} see what it cares about "
                f"most: {names}."]
    if kind == "upkeep":  # the turn's slow drift, where a shown number moved
        moved = tuple(c for c in d["changes"] if not (
            isinstance(c[2], float) and isinstance(c[1], float) and round(c[1]) == round(c[2])))
        groups: dict[str, list[str]] = {}  # by cause, in order
        for slot, old, new, why in moved:  # in whole numbers, as the panels showed them
            if isinstance(old, float) and isinstance(new, float) and \
                    rules.bounds.get(slot) != (0.0, 1.0):
                old, new = float(round(old)), float(round(new))
            for line in change_lines(rules, ((slot, old, new, ""),), viewer):
                groups.setdefault(why, []).append(line)
        # a cause a line (not one line of six causes: a screen reader's playtest)
        parts = [f"{why[0].upper()}{why[1:]}: {', '.join(lines)}." if why else
                 f"{', '.join(lines)}." for why, lines in groups.items()]
        return ["As the turn ends:"] + [f"  · {part}" for part in parts] if parts else []
    if kind == "withdrawn":
        return [f"{_short(rules, f)} has left the table, and its acceptance of the draft goes "
                "with it." for f in d["factions"]]
    if kind == "lapse":
        who = _short(rules, d["faction"])
        if "backer" in d:
            return [f"{who}'s acceptance no longer holds: {rules.s.backers[d['backer']].name} "
                    f"would now veto the draft at home. Nothing is signed."]
        return [f"{who} no longer stands behind the draft it accepted: {rules.s.words.conflict} "
                "has moved since, and it is now below its reservation value. Nothing is "
                "signed."]
    if kind == "lapse_why":  # (nobody sees it live: the debrief's and transcripts' numbers)
        if "backer" in d:
            value, bar = apart(d["value"], d["tolerance"])
            return [f"  ({rules.s.backers[d['backer']].name} values the draft at {value}, below "
                    f"what it tolerates ({bar}), and now has the support at home to veto it.)"]
        value, bar = apart(d["value"], d["reservation"])
        return [f"  ({_short(rules, d['faction'])} values the draft at {value} now; its "
                f"reservation value is {bar}.)"]
    if kind == "deadline":
        return ["The mediator's deadline is met: an agreement was signed in time." if d["met"]
                else "The mediator's deadline passes without a new agreement."]
    if kind == "ending":
        title = rules.s.endings[d["id"]].title if d["id"] in rules.s.endings else "Time ran out"
        return [f"THE END: {title}"]
    return []


def _action_lines(rules: Rules, entry: Entry, viewer: str | None) -> list[str]:
    d = entry.data
    action = d["action"]
    role = rules.s.roles[action.role].name if action.role in rules.s.roles else action.role
    if action.act == "pass":
        owner = viewer is None or viewer == action.role
        return [f"{role} waits."] + ([f"  (AI: {d['ai']})"] if "ai" in d and owner else [])
    act = rules.s.actions[action.act]
    head = f"{role}: {act.label}"
    if action.target:
        head += f" — {target_name(rules, act.kind, action.target)}"
    if act.kind == "concede":
        k = rules.issues.index(action.target)
        head += f": now asks for '{_option(rules, k, action.option)}'"
    lines = [head]
    if act.kind in ("propose", "counter"):
        lines += [f"  · {line}" for line in package_lines(rules, action.package,
                                                           d.get("agreed"))]
    faction = rules.faction_of.get(action.role, "")
    owner = viewer is None or viewer == action.role
    if "instead_of" in d:  # a counter: first why not the draft it replaces
        b = d["instead_of"]
        style = STYLES.get(str(d.get("ai", "")).split(":", 1)[0])
        # (an AI is asked why; a player's reasons are the player's own: the numbers only)
        by = d.get("instead_of_by")
        whose = "" if by is None else " (yours)" if by == viewer else \
            " (the mediator's)" if by == rules.mediator else \
            f" ({_short(rules, rules.faction_of[by])}'s)" if by in rules.faction_of else ""
        lines.append(f"  Why not the draft on the table{whose}:" if "ai" in d else
                     f"  The draft it replaced{whose}, as it weighed it:")
        lines += [f"    {line}" for line in assessment_lines(rules, b, owner, logged=True,
                                                              reply=True)]
        if b.surplus >= 0 and not b.blockers and style:
            lines.append(f"    {style[0].upper()}{style[1:]}, {_short(rules, faction)} holds "
                         f"out for {_holds_out(rules, d, b, viewer)}.")
        lines.append("  Its own package:")
    if "assessment" in d:
        a = d["assessment"]
        if d.get("vetoed"):
            backer = rules.s.backers[d["vetoed"]].name
            lines.append(f"  {backer} blocks {_short(rules, faction)}'s signature.")
        # (a reply to the draft: its ripeness had the draft's way out in it; a counter's
        # assessment was taken before it tabled anything)
        reply = act.kind in ("accept", "reject")
        lines += [f"  {line}" for line in assessment_lines(rules, a, owner, logged=True,
                                                            reply=reply)]
        name = _short(rules, a.faction)
        if act.kind == "reject" and a.surplus >= 0 and not a.blockers:  # (why, then?)
            style = STYLES.get(str(d.get("ai", "")).split(":", 1)[0])
            if style:  # an AI's demand: a playtest read the bare rule as broken
                lines.append(f"  {name} rejects it all the same: {style}, it holds out for "
                             f"{_holds_out(rules, d, a, viewer)}, and this package is not "
                             "there yet.")
            else:
                lines.append(f"  {name} rejects it all the same: it wants more than that "
                             "before it signs.")
        elif act.kind == "accept" and a.surplus < 0 and not d.get("vetoed"):
            lines.append(f"  {name} accepts it all the same, for less than it could expect.")
    if act.kind == "offensive":
        result = "succeeds" if d["success"] else "fails"
        lines.append(f"  The offensive {result} (chance was {d['chance'] * 100:.0f}%).")
    elif "success" in d:
        lines.append(f"  It {'works' if d['success'] else 'does not work'}.")
    if "ai" in d and owner:
        lines.append(f"  (AI: {d['ai']})")
    lines += [f"  · {c}" for c in change_lines(rules, d.get("changes", ()), viewer)]
    return lines


def _holds_out(rules: Rules, d: dict, a: Assessment, viewer: str | None) -> str:
    """What an AI delegation held out for, answering a draft (``a``: how it weighed it): with
    reactive devaluation (:func:`game.engine.negotiation.wariness`), more still for another
    delegation's draft, said to its author as 'you', and without the amount where its trust
    is private to it (the amount would tell it)."""
    bar = "its reservation value" if a.binding else "what already stands"
    if "wary" not in d:
        return f"clearly more than {bar}"
    wary, by = d["wary"]
    who = "you" if viewer is not None and rules.role_of.get(by) == viewer else _short(rules, by)
    much = "more still" if hidden_trust(rules, a.faction, viewer) else f"{points(wary)} more"
    return (f"more than {bar}, and {much} for a draft {who} tabled, as its trust is below 50 "
            "(the same terms from the mediator would count for more)")


def out_of_reach(rules: Rules, faction: str, reservation: float) -> str | None:
    """For a bar above what the best package gives the faction: that no package can reach it
    yet, and why (a playtester as the LNA on turn 1 read its own favourite 'below your
    reservation value' as broken). None when some package can."""
    best = sum(max(row) for row in rules.contrib_rows[faction])  # the best any package gives
    if reservation <= best:
        return None
    bar, most = apart(reservation, best)
    return (f"No package can be worth {bar} to you yet (the best would be worth {most}): for "
            f"now you expect more from {rules.s.words.holding_out} than any deal gives. Your "
            "reservation value falls as the conflict ripens.")


def points(amount: float) -> str:
    """'about 14 points' (at least one: 'about 0 points' read as nothing; a review)."""
    n = max(1, round(amount))
    return f"about {n} point{'' if n == 1 else 's'}"


def hidden_trust(rules: Rules, faction: str, viewer: str | None) -> bool:
    """Is ``faction``'s trust private to it, and ``viewer`` someone else?"""
    meter = rules.s.factions[faction].meters.get("trust")
    return meter is not None and meter.private and viewer is not None and \
        rules.faction_of.get(viewer) != faction


def target_name(rules: Rules, kind: str, target: str) -> str:
    """The name of an action's target, looked up in the table its kind targets (an id such as
    'sirte' may name a territory and an issue at once)."""
    s = rules.s
    tables = {"territory": s.territories, "backer": s.backers, "faction": s.factions,
              "venue": s.venues}
    table = s.agenda if kind == "concede" else tables.get(TARGET_KIND.get(kind, ""), {})
    item = table.get(target)
    return item.name if item is not None else target
