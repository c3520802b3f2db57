"""The pure rules of the talks. Imports ``game.scenario`` only; never Textual or Rich.

    rules = load_rules("scenarios/libya-5plus5-2020.yaml")
    state = new_game(rules, seed=7, human_roles={"mediator"})
    legal_actions(state)              # what the role to move may do
    state = apply(state, action)      # a new State; IllegalActionError if not legal now
    outcome(state)                    # None, or Outcome(ending, title, tone, scores, reasons)
    observe(state, "gna")             # what the GNA delegation may see
    history(state)                    # the whole log (the debrief)
"""

from game.engine.core import (PASS, apply, check, current_role, inject_event, is_legal,
                              legal_actions, load_rules, new_game, outcome)
from game.engine.rules import Rules
from game.engine.state import (Action, ActionError, AmbiguousActionError, Entry,
                               IllegalActionError, InvalidActionError, Outcome, State, log_list)


def history(state: State) -> list[Entry]:
    """Every entry of the game's log, oldest first (what the debrief shows)."""
    return log_list(state.log)


__all__ = ["Action", "ActionError", "AmbiguousActionError", "Entry", "IllegalActionError",
           "InvalidActionError", "Outcome", "PASS", "Rules", "State", "apply", "check",
           "current_role", "history", "inject_event", "is_legal", "legal_actions", "load_rules",
           "new_game", "outcome"]
