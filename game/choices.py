"""The moves menu as players see it: each legal move labelled (its target, a concession's from
and to, an offensive's odds), and several entries of one move gathered as one line. Shared by
the full-screen game and line mode."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.core import Menu, chance_of
from game.engine.explain import target_name
from game.engine.rules import Rules
from game.engine.state import Action, State

# A delegation's counter-proposal with no draft on the table: there is nothing to counter, so
# it says what it does (a student read 'Table a counter-proposal' with nothing to counter)
OWN_PACKAGE = "Table a package of your own (there is no draft to counter)"


@dataclass(frozen=True)
class Choice:
    """One line of the action menu: what to show, and the action (package actions: None)."""

    label: str
    action: Action
    needs_package: bool = False


def is_concession(state: State, choice: Choice) -> bool:
    compiled = state.rules.actions.get(choice.action.act)
    return compiled is not None and compiled.kind == "concede"


def grouped(state: State, menu: list[Choice]) -> list[Choice | tuple[Choice, ...]]:
    """The menu with several entries of one move as one entry (a tuple of them) where the
    first stood: two or more ways to soften a stance, three or more targets of a move (the
    offensives, the backers to consult). Each took a line or three and hid the other moves
    (at 100x30 in the full-screen game; read aloud, a dozen near-identical lines in line
    mode: two playtests)."""
    by_act: dict[str, list[Choice]] = {}
    for c in menu:
        if not c.needs_package and c.action.act != "pass":
            by_act.setdefault(c.action.act, []).append(c)
    groups = {act: tuple(cs) for act, cs in by_act.items()
              if len(cs) >= (2 if is_concession(state, cs[0]) else 3)}
    out: list[Choice | tuple[Choice, ...]] = []
    for c in menu:
        group = groups.get(c.action.act)
        if group is None:
            out.append(c)
        elif c is group[0]:
            out.append(group)
    return out


def group_label(rules: Rules, group: tuple[Choice, ...]) -> str:
    """The one line for a group of entries of one move: its own label, and how many."""
    act = group[0].action.act
    kind = rules.actions[act].kind if act in rules.actions else ""
    many = "ways" if kind == "concede" else "choices"
    return f"{rules.s.actions[act].label} ({len(group)} {many})"


def group_items(group: tuple[Choice, ...]) -> list[str]:
    """What tells a group's entries apart: each label after the move's own ('Sirte (35%
    chance)', 'Turkey', 'Prisoner exchange: …')."""
    return [c.label.split(" — ", 1)[-1] for c in group]


def choices(state: State, role: str) -> list[Choice]:
    """The menu for ``role``: every legal action, labelled, package actions once each."""
    rules: Rules = state.rules
    menu = Menu(state, role)
    out = []
    for kind in menu.kinds():
        for action in menu.get(kind):
            if action.act == "pass":
                continue
            act = rules.s.actions[action.act]
            label = act.label
            if kind in ("propose", "counter"):
                if kind == "counter" and state.table is None:  # nothing to counter: it
                    label = OWN_PACKAGE  # opens talks
                out.append(Choice(label, action, needs_package=True))
                continue
            if action.target:
                label += " — " + target_name(rules, kind, action.target)
            if kind == "concede":  # from what it asks now, to what it would ask
                k = rules.issues.index(action.target)
                now = state.stances[rules.factions.index(menu.faction)][k]
                label += (f": '{rules.s.agenda[action.target].options[now].label}' → "
                          f"'{rules.s.agenda[action.target].options[action.option].label}'")
            chance = chance_of(state, action)
            if chance is not None:
                label += f" ({chance * 100:.0f}% chance)"
            out.append(Choice(label, action))
    out.append(Choice("Wait (do nothing this turn)", Action(role, "pass")))
    return out
