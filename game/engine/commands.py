"""Actions as text: ``offensive sirte``, ``concede oil reopen_escrow``,
``propose ceasefire=permanent prisoners=all_for_all``. Used by plain mode and typed commands.

Words may be shortened to any unique prefix (or, of three letters or more, any unique part);
an option may be given by its number, as 'issues' lists them. In a proposal, issues not named
keep the option of the draft on the table (or the status quo when there is none); agreed issues
stay agreed.
"""

from __future__ import annotations

from game.engine.core import PASS, check
from game.engine.rules import Rules
from game.engine.state import Action, AmbiguousActionError, InvalidActionError, State

WAIT = "wait"  # the word players see and type for PASS
ALIASES = {PASS: WAIT, "skip": WAIT}


def _pick(word: str, choices: list[str], what: str, text: str) -> str:
    """``word`` as one of ``choices`` (ids), or a prefix of just one. Ids are lower case, and
    a player types what the screen shows ('consult Turkey': a teacher's playtest)."""
    word = word.lower()
    if word in choices:
        return word
    hits = [c for c in choices if c.startswith(word)]
    if not hits and len(word) >= 3:  # a word within it ('escrow' for 'reopen_escrow': a
        hits = [c for c in choices if word in c]  # screen reader's playtest)
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise AmbiguousActionError(f"'{text}': '{word}' could be any {what} of "
                                   f"{', '.join(sorted(hits))}")
    raise InvalidActionError(f"'{text}': there is no {what} '{word}'; "
                             f"the {what}s are {', '.join(choices)}")


def parse_action(state: State, role: str, text: str) -> Action:
    """Read a typed command for ``role``; raises Invalid/Ambiguous/IllegalActionError."""
    rules: Rules = state.rules
    words = text.split()
    if not words:
        raise InvalidActionError("empty command")
    head = ALIASES.get(words[0].lower(), words[0].lower())
    acts = [WAIT] + [a for a, c in rules.actions.items() if role in c.roles]
    if head not in acts and not any(a.startswith(head) for a in acts):
        from game.engine.core import Menu  # (only for the message)

        menu = Menu(state, role)
        legal = {a.act for kind in menu.kinds() for a in menu.get(kind)} | {PASS}
        now = [a for a in acts if (PASS if a == WAIT else a) in legal]
        later = [a for a in acts if a not in now]
        from game.scenario.errors import did_you_mean

        raise InvalidActionError(f"'{text}': there is no action '{head}'"
                                 f"{did_you_mean(head, acts)}; the actions you can "
                                 f"take now are {', '.join(now)}" + (
                                     f" (not now: {', '.join(later)})" if later else ""))
    act = _pick(head, acts, "action", text)
    rest = words[1:]
    if act == WAIT:
        if rest:
            raise InvalidActionError(f"'{text}': 'wait' takes nothing more")
        action = Action(role, PASS)
    else:
        compiled = rules.actions[act]
        kind = compiled.kind
        if kind in ("propose", "counter"):
            action = Action(role, act, package=parse_package(state, rest, text))
        elif kind == "concede":
            if len(rest) == 1 and "=" in rest[0]:  # ISSUE=OPTION, as a package is written
                rest = rest[0].split("=", 1)
            if len(rest) != 2:
                raise InvalidActionError(f"'{text}': write 'concede ISSUE OPTION' (or "
                                         "ISSUE=OPTION)")
            issue = _pick(rest[0], rules.issues, "issue", text)
            k = rules.issues.index(issue)
            action = Action(role, act, issue, _option(rules, k, rest[1], text))
        elif compiled.target_kind:
            if len(rest) != 1:
                raise InvalidActionError(f"'{text}': '{act}' needs one target "
                                         f"(a {compiled.target_kind})")
            pool = {"territory": rules.territories, "backer": rules.backers,
                    "faction": rules.factions, "venue": list(rules.s.venues)}
            action = Action(role, act, _pick(rest[0], pool[compiled.target_kind],
                                              compiled.target_kind, text))
        else:
            if rest:
                raise InvalidActionError(f"'{text}': '{act}' takes nothing more")
            action = Action(role, act)
    check(state, action)
    return action


def parse_package(state: State, words: list[str], text: str) -> tuple[str, ...]:
    """``ISSUE=OPTION`` words over the draft on the table (or what stands when there is none);
    raises :class:`InvalidActionError` quoting ``text``."""
    rules: Rules = state.rules
    if state.table is not None:
        base = list(state.table.package)
    else:
        base = [state.vals[s] or quo for s, quo in zip(rules.issue_slot, rules.status_quo)]
    for word in words:
        if "=" not in word:
            raise InvalidActionError(f"'{text}': write each choice as ISSUE=OPTION, not '{word}'")
        name, _, value = word.partition("=")
        issue = _pick(name, rules.issues, "issue", text)
        k = rules.issues.index(issue)
        base[k] = _option(rules, k, value, text)
    return tuple(base)


def _option(rules: Rules, k: int, word: str, text: str) -> str:
    """An option of issue ``k`` by its id (or a unique part of it), or by its number as
    'issues' lists them ('oil=3')."""
    options = rules.options[k]
    if word.isdigit():
        if 1 <= int(word) <= len(options):
            return options[int(word) - 1]
        raise InvalidActionError(f"'{text}': {rules.issues[k]} has options 1 to "
                                 f"{len(options)}")
    return _pick(word, options, "option", text)


def action_text(rules: Rules, action: Action) -> str:
    return action.text(rules.issues, rules.status_quo)
