"""What a player is told after moves: the note of what the others did while the AI played,
what still stands that must not be forgotten, and why each side reacted as it did. (The
screens' other words are in :mod:`game.present`.)"""

from __future__ import annotations

from game.engine import history
from game.engine.core import PASS
from game.engine.explain import describe, target_name
from game.engine.rules import Rules
from game.engine.state import State
from game.present import bare_name, if_others_accept, long_date, option_label, turns

def news_between(before: State, after: State, role: str) -> bool:
    """Did anything happen between two states that ``role`` should look at: another side's
    move (not its waiting), a signature, an event, an acceptance lapsing, or the end? The
    test for 'wait until something happens' (a playtest pressed Wait for seven turns in a row
    after its deal was signed)."""
    if after.outcome is not None:
        return True
    rules: Rules = after.rules
    slot = rules.faction_slot.get((rules.faction_of.get(role, ""), "at_table"))
    if slot is not None and not after.vals[slot]:  # one's own delegation is away: staying
        return True  # away can end the talks (a review: W could wait on to a collapse)
    for entry in history(after)[len(history(before)):]:
        if entry.visible is not None and role not in entry.visible:
            continue
        if entry.kind in ("sign", "event", "lapse", "withdrawn", "deadline"):
            return True
        if entry.kind == "action" and entry.role != role and \
                entry.data["action"].act != PASS:
            return True
    return False


def turn_report(before: State, after: State, role: str) -> list[str]:
    """What ``role`` may see of what happened between two states, one line each: the others'
    moves (not their waiting), signatures, news, and its own delegation being taken away from
    the table. For the note shown when the AI has moved."""
    rules: Rules = after.rules
    entries = history(after)[len(history(before)):]
    out: list[str] = []
    mine: list[str] = []  # what became of the player's own move comes first
    for entry in entries:
        if entry.visible is not None and role not in entry.visible:
            continue
        if entry.kind == "action" and entry.role == role:
            if entry.data["action"].act != PASS:
                mine += _own_result(rules, entry)
            continue
        if entry.kind == "action" and entry.data["action"].act == PASS:
            continue
        if entry.kind in ("consult", "shuttle") and entry.role == role:
            mine += [line.strip() for line in describe(rules, entry, role)]  # the answer
            continue  # (a playtest found a backer's answer only pages back in the News)
        if entry.kind not in ("action", "sign", "event", "lapse", "withdrawn", "deadline"):
            continue  # (a lapse: a playtest read an acceptance in the note as a signing, and
            # only the News said it had lapsed; a withdrawal and a deadline's end likewise)
        if entry.kind == "sign":  # what was signed, on its one line (a playtest saw only
            issues = entry.data["issues"]  # 'SIGNED by both delegations:' and then the news)
            out.append("Signed: " + "; ".join(
                f"{rules.s.agenda[rules.issues[k]].name}: "
                f"{option_label(rules, rules.issues[k], entry.data['package'][k])}"
                for k in issues) + ".")
            continue
        lines = describe(rules, entry, role)
        if lines:
            out.append(lines[0].strip())
    return mine + out + standing_notes(after, role, before)


def not_waiting_on(state: State, role: str) -> str | None:
    """Why 'wait on' should not start for ``role`` now, or None: its own delegation is away
    from the table, where waiting turn after turn ends the talks (my own playtest pressed W
    through the walk-out of February 2020, and the talks collapsed on the third quiet turn)."""
    rules: Rules = state.rules
    slot = rules.faction_slot.get((rules.faction_of.get(role, ""), "at_table"))
    if slot is None or state.vals[slot]:
        return None
    return ("Your delegation is away from the table, and waiting on could end the talks: "
            "'Return to the talks' brings it back. To wait all the same, wait one turn at a "
            "time.")


def standing_notes(state: State, role: str, before: State | None = None) -> list[str]:
    """What stands that ``role`` must not forget, each turn: who is away from the table
    (staying away can end the talks), with what brings a delegation back; and one's own
    acceptance of a draft that has since fallen below one's bar. ``before``: the state the
    last note was about, to say when one's own delegation has only just been taken away."""
    rules: Rules = state.rules
    if state.outcome is not None:
        return []
    out = []
    faction = rules.faction_of.get(role, "")
    slot = rules.faction_slot.get((faction, "at_table"))
    if slot is not None and not state.vals[slot]:
        if before is not None and before.vals[slot]:
            out.append("Your delegation is no longer at the table: 'Return to the talks' "
                       "brings it back.")
        else:  # still away: every turn, since waiting here can end the talks
            away = int(state.vals[rules.faction_slot[(faction, "away")]])
            gone = f"has been away {turns(away)}" if away >= 1 else "left the table this turn"
            out.append(f"Your delegation {gone}: staying away can end the talks. 'Return to "
                       "the talks' brings it back.")
    for f in rules.factions:  # the other side away for a turn or more: that can end it too
        away = state.vals[rules.faction_slot[(f, "away")]]
        if f == faction or state.vals[rules.faction_slot[(f, "at_table")]] or away < 1:
            continue
        name = bare_name(rules.s.roles[rules.role_of[f]].name)
        line = f"{name} has been away {turns(int(away))}: staying away can end the talks."
        if role == rules.mediator:
            line += " Private talks can bring it back."
        out.append(line)
    return out + _acceptance_note(state, faction)


def _acceptance_note(state: State, faction: str) -> list[str]:
    """One's acceptance of the draft stands while the war moves one's bar: say so when the
    draft has fallen below it (a playtester signed at 58 against a bar that had become 62)."""
    from game.engine.negotiation import assess

    table = state.table
    if not faction or table is None or faction not in table.accepted:
        return []
    a = assess(state.rules, state.vals, faction, table.package)
    if a.surplus >= 0:
        return []
    from game.engine.explain import apart

    bar = "your reservation value" if a.binding else "what already stands"
    value, reservation = apart(a.value, a.reservation)  # (never "58, below ... (58)")
    return [f"Your acceptance of the draft still stands, but it is now worth {value} to "
            f"you, below {bar} ({reservation}): "
            f"{if_others_accept(state.rules, faction)}, it is signed. A counter-proposal "
            "replaces it."]


def _own_result(rules: Rules, entry) -> list[str]:
    """The part of one's own move that chance or a backer decided."""
    d = entry.data
    action = d["action"]
    label = rules.s.actions[action.act].label
    kind = rules.actions[action.act].kind
    where = f" — {target_name(rules, kind, action.target)}" if action.target else ""
    out = []
    if "chance" in d:
        out.append(f"{label}{where}: it {'succeeds' if d['success'] else 'fails'} "
                   f"(the chance was {d['chance'] * 100:.0f}%).")
    elif "success" in d:
        out.append(f"{label}{where}: it {'works' if d['success'] else 'does not work'}.")
    if d.get("vetoed"):
        out.append(f"{rules.s.backers[d['vetoed']].name} blocks your signature.")
    return out


def _seats_left(rules: Rules, log: list, after, role: str) -> list[str]:
    """Walk-outs and returns since the entry ``after`` (None: since the start), one line
    each with its date. They are no reactions to a package, but a screen reader's playtest
    asked 'why' after the LNA walked out and heard only 'nothing new'."""
    out = []
    start = 0 if after is None else next(i for i, e in enumerate(log) if e is after) + 1
    for entry in log[start:]:
        line = ""
        if entry.kind == "event" and any(rules.slot_names[c[0]].endswith(".at_table")
                                         for c in entry.data.get("changes", ())):
            line = rules.s.events[entry.data["id"]].title
        elif entry.kind == "action" and entry.data["action"].act in rules.actions:
            action = entry.data["action"]
            kind = rules.actions[action.act].kind
            if kind in ("walk_out", "return"):
                who = "You" if action.role == role else \
                    bare_name(rules.s.roles[action.role].name)
                line = f"{who} {'walked out of' if kind == 'walk_out' else 'returned to'} " \
                       "the talks"
        if line:
            out.append(f"{line} ({long_date(rules.date_of(entry.turn))}).")
    return out


NO_REACTION = "Nobody has reacted to a package yet."


def why_lines(state: State, role: str) -> list[str]:
    """The reactions of the last two turns with their reasons as ``role`` may see them, newest
    first, each under its date, and for each AI counterpart the line it plays by, in words
    (its numbers stay private)."""
    rules: Rules = state.rules
    log = history(state)
    entries = [e for e in log if e.kind == "action" and "assessment" in e.data]
    if not entries:  # (no reaction yet: still, who walked out, as my line-mode game asked)
        left = _seats_left(rules, log, None, role)
        return [NO_REACTION] + [f"Meanwhile: {x}" for x in left] if left else []
    last = entries[-1].turn
    out: list[str] = []
    if last < state.turn and state.outcome is None:  # (a playtester took an unchanged tab
        # after a quiet turn for one that had not been brought up to date)
        # (a playtester read 'no new reactions' just after tabling a package as 'nobody
        # answered it': the answers came before the turn ended, so say when)
        out += [f"Nothing new yet this turn ({long_date(rules.date_of(state.turn))})"
                f". The latest reactions, below, are from "
                f"{long_date(rules.date_of(last))}."]
        out += [f"Since then: {line}" for line in _seats_left(rules, log, entries[-1], role)]
        out.append("")
    for entry in reversed(entries):
        if entry.turn < last - 1:
            break
        out.append(f"{long_date(rules.date_of(entry.turn))}:")
        out += describe(rules, entry, role)
        mover = entry.data["action"].role
        ai = rules.s.ai.get(mover)
        if mover != role and mover not in state.humans and ai is not None and ai.description:
            out.append(f"  Its line: {' '.join(ai.description.split())}")
        out.append("")
    return out[:-1]
