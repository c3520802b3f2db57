"""How the negotiation works, in the scenario's words: the second half of the full-screen
game's help (F1) and line mode's 'help concepts', written once (Markdown; line mode strips
the emphasis)."""

from __future__ import annotations

import re
from typing import Any

CONCEPTS = """\
# How the negotiation works

- **A package** settles the agenda one option per issue. Each side values it by how much it
  cares about each issue (its *weights*) and how much it likes each option — privately.
- **Reservation value**: what a deal must be worth before a side signs. It starts from what
  the side expects to get by *not* agreeing (its no-deal value: its prospects of gaining by
  {holding_out}, the ground it holds, its backers, trust, and how much {conflict} hurts), so
  it rises when {conflict} goes well for the side, and it falls as the conflict becomes
  **ripe**.
- **Ripeness** (after I. William Zartman): a *mutually hurting stalemate* — {conflict} hurts
  and neither side can win — plus a *way out* (a proposal on the table, a deadline) and a recent
  or looming *catastrophe*. You can watch it move; you cannot make it, but you can use it.
- **Binding issues**{binding_eg} settle {binding}, so a package touching them must beat the
  reservation value. **Confidence-building** issues{cbm_eg} only need to beat what already
  stands: they can be agreed while {conflict} goes on, and they build trust.
- **Two levels** (after Robert Putnam): a delegation only signs what its backers tolerate. A backer with a veto blocks its side's signature; others cut their support.
- **Trust** falls with walkouts and hostile moves, and rises with talks and gestures.{devaluation}
- **Your score** (0-100) comes with the ending; the scenario sets it for every seat, and the
  debrief shows how yours was reckoned. As a rule a delegation scores what everything agreed
  is worth to its side, a mediator how much was agreed and how soon, and a failure scores
  little for anyone.
- **The AI counterparts** follow strategies you can read in the *Why?* of each move. A
  hard-liner, or one playing tit for tat, holds out for a margin *above* its reservation value;
  a conceder asks for a wide margin at first and less as time runs out.
"""


def concepts(rules: Any = None) -> str:
    """The concepts in the scenario's words (a water dispute is not told of the war), naming
    its own binding and confidence-building issues (all of them: a teacher read two examples
    after 'here:' as the whole list)."""
    from game.scenario.model_world import Words

    words = rules.s.words if rules is not None else Words()
    agenda = list(rules.s.agenda.values()) if rules is not None else []

    def example(binding: bool) -> str:
        names = [issue.name for issue in agenda if issue.binding == binding]
        return f" (here: {'; '.join(names)})" if names else ""

    # (only where some counterpart does it: a review found the help telling a scenario
    # without it of a rule it does not have)
    wary = rules is not None and any(params.get("devalue", 0) > 0
                                     for _, params in rules.ai.values())
    return CONCEPTS.format(conflict=words.conflict, holding_out=words.holding_out,
                           binding=words.binding, binding_eg=example(True),
                           cbm_eg=example(False), devaluation=DEVALUATION if wary else "")


DEVALUATION = """
  While its trust is below 50, a delegation asks more of a draft the other side tabled than
  of the same terms from the mediator (*reactive devaluation*, after Lee Ross): the package
  builder's what-if says how much more."""


def plain_concepts(rules: Any = None) -> str:
    """:func:`concepts` for line mode: no Markdown emphasis, the heading as a plain line."""
    text = concepts(rules).replace("in the *Why?* of each move", "with 'why' after each move")
    # (a screen reader's playtest: line mode has no Why? tab; 'why' is its command)
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text, flags=re.S)
    text = re.sub(r"(?<![\w*])\*(\S.*?)\*(?!\w)", r"\1", text, flags=re.S)
    text = re.sub(r"^# ", "", text, flags=re.M)
    return re.sub(r"\s*\n\s{2,}", " ", text).rstrip()  # (a bullet's lines, one line each)
