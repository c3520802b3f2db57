"""The end of a game in words: the reasons an ending gives (what was agreed, what each side
makes of it), and how each seat's score was reckoned (the ending's formula with the value of
every name in it: "30 + 5 × issues agreed (7) + ... = 78", for the debrief and line mode
only: a simulation reads none of that)."""

from __future__ import annotations

from typing import Any

from game.engine.explain import _issue, _option, _short, apart
from game.engine.rules import Rules


def ending_reasons(work, nid: str) -> tuple[str, ...]:
    rules: Rules = work.rules
    ending = rules.s.endings.get(nid)
    reasons = [ending.text.strip() if ending else "The calendar ran out before any ending."]
    agreed = [_agreed_words(rules, k, work.vals[s]) for k, s in enumerate(rules.issue_slot)
              if work.vals[s]]
    reasons.append("Agreed: " + ("; ".join(agreed) if agreed else "nothing") + ".")

    last = work.log  # the last signing, if any (newest first)
    while last is not None and last.entry.kind != "sign":
        last = last.prev
    at_signing = {f: rest for f, *rest in last.entry.data.get("bars", ())} if last else {}
    for f in rules.factions:
        what = "everything agreed" if agreed else "things as they stand"
        utility, reservation = work.fget(f, "utility"), work.fget(f, "reservation")
        shown_value, shown_bar = apart(utility, reservation)
        line = (f"{_short(rules, f)} values {what} at {shown_value} (its reservation value now: "
                f"{shown_bar}")
        signed_above = f in at_signing and at_signing[f][0] >= at_signing[f][1]
        if signed_above and utility < reservation:
            # (a playtest: a signed ceasefire worth less than the no-deal bar, unexplained)
            line += (f"; it signed above its bar, which {rules.s.words.conflict}, its backers "
                     "and ripeness have moved since")
        line += ")"
        if f in at_signing:
            u, bar, binding = at_signing[f]
            u_shown, bar_shown = apart(u, bar)  # (a playtest read 'at 54, against 54')
            against = (f"its reservation value of {bar_shown} at the time" if binding else
                       f"{bar_shown} for what stood before (the package left "
                       f"{rules.s.words.binding} alone)")
            line += f"; it valued the last package it signed at {u_shown}, against {against}"
        reasons.append(line + ".")
    return tuple(reasons)


def _agreed_words(rules: Rules, k: int, option: str) -> str:
    """'Issue: option', as the reasons at the end list what was agreed (made once per
    scenario: every game's ending names them)."""
    key = (k, option)
    words = rules.agreed_words.get(key)
    if words is None:
        words = rules.agreed_words[key] = f"{_issue(rules, k)}: {_option(rules, k, option)}"
    return words


_TABLE_WORDS = {"agreed": "issues agreed", "signed": "agreements signed",
                "brokered": "agreements signed on the mediator's drafts",
                "deadline": "turns to the deadline", "proposal": "a draft on the table"}
_BARE_WORDS = {"turn": "turns gone by", "turns_left": "turns left",
               "day": "days since the start", "deadline_passed": "deadline passed"}
_SYMBOLS = {"*": "×", "-": "−", "/": "/", "+": "+", "==": "=", "!=": "≠", "<": "<", "<=": "≤",
            ">": ">", ">=": "≥", "and": "and", "or": "or"}
_RANK = {"or": 1, "and": 2, "==": 3, "!=": 3, "<": 3, "<=": 3, ">": 3, ">=": 3, "+": 4, "-": 4,
         "*": 5, "/": 5}


def score_workings(rules: Rules, state: Any, role: str) -> str | None:
    """How ``role``'s score at the end was reckoned, in words, with the value of every name in
    its formula ("30 + 5 × issues agreed (7) + ... = 78"), or, for a score that is a side's
    value of what is agreed, that it is. None for a fixed score. For the debrief and line mode, not the engine's
    outcome (a simulation ends thousands of games and reads none of it)."""
    from game.engine.core import state_ctx
    from game.scenario.expr import Const, Name, parse

    o = state.outcome
    ending = rules.s.endings.get(o.ending) if o is not None else None
    formula = ending.score.get(role) if ending is not None else None
    if not isinstance(formula, str):
        return None
    tree = parse(formula)
    if isinstance(tree, Const):
        return None  # (a fixed score: the ending says it all)
    name = bare_role(rules, role)
    if isinstance(tree, Name) and tree.parts[:1] == ("faction",) and tree.parts[-1] == \
            "utility" and tree.parts[1] in rules.s.factions:  # (a teacher: say so, plainly)
        short = rules.s.factions[tree.parts[1]].short
        whose = "it" if rules.faction_of.get(role) == tree.parts[1] else short
        return f"{name}'s score is what everything agreed is worth to {whose}: " \
               f"{o.scores[role]:.0f}."
    ctx = state_ctx(state)
    words = _formula_words(rules, tree, ctx, outer=True)
    return f"How {name}'s score was reckoned: {words} = {o.scores[role]:.0f}."


def bare_role(rules: Rules, role: str) -> str:
    """A role's name without its parenthesis ("UN mediator", not "UN mediator (UNSMIL)")."""
    return rules.s.roles[role].name.split(" (")[0]


def _formula_words(rules: Rules, node: Any, ctx: Any, outer: bool = False) -> str:
    from game.scenario.expr import Binary, Call, Const, Name, Unary

    if isinstance(node, Const):
        return _value_words(rules, (), node.value)
    if isinstance(node, Name):
        if len(node.parts) == 1 and node.parts[0] in rules.s.factions:  # a faction, as a value
            return rules.s.factions[node.parts[0]].short
        value = rules.expr(node.dotted)(ctx)
        return f"{_name_words(rules, node.parts)} ({_value_words(rules, node.parts, value)})"
    if isinstance(node, Unary):
        inner = _formula_words(rules, node.operand, ctx)
        return f"not {inner}" if node.op == "not" else f"−{inner}"
    if isinstance(node, Binary):
        parts = []
        for side, child in (("left", node.left), ("right", node.right)):
            text = _formula_words(rules, child, ctx)
            if isinstance(child, Binary) and (_RANK[child.op] < _RANK[node.op] or (
                    side == "right" and _RANK[child.op] == _RANK[node.op])):
                text = f"({text})"
            parts.append(text)
        return f"{parts[0]} {_SYMBOLS[node.op]} {parts[1]}"
    assert isinstance(node, Call)
    args = [_formula_words(rules, a, ctx) for a in node.args]
    if node.fn == "if":
        return f"(if {args[0]}: {args[1]}, else {args[2]})"
    if node.fn == "clamp" and outer:
        return f"{args[0]}, held to {args[1]}-{args[2]}"
    return f"{node.fn}({', '.join(args)})"


def _name_words(rules: Rules, parts: tuple[str, ...]) -> str:
    head = parts[0]
    if head == "table" and len(parts) == 2:
        return _TABLE_WORDS.get(parts[1], ".".join(parts))
    if len(parts) == 1:
        return _BARE_WORDS.get(head, head)
    s = rules.s
    if head == "issue" and parts[1] in s.agenda and len(parts) == 3:
        return f"{s.agenda[parts[1]].name} {'agreed' if parts[2] == 'agreed' else 'as agreed'}"
    if head == "faction" and parts[1] in s.factions and len(parts) == 3:
        field = {"utility": "value of what is agreed"}.get(parts[2], parts[2].replace("_", " "))
        return f"{s.factions[parts[1]].short} {field}"
    if head == "territory" and parts[1] in s.territories and len(parts) == 3:
        return f"{s.territories[parts[1]].name} {parts[2]}"
    return ".".join(parts)


def _value_words(rules: Rules, parts: tuple[str, ...], value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
    value = str(value)
    if value in rules.s.factions:
        return rules.s.factions[value].short
    if parts[:1] == ("issue",) and parts[1] in rules.s.agenda:
        options = rules.s.agenda[parts[1]].options
        if value in options:
            return options[value].label
    return repr(value) if not parts else value
