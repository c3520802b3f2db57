"""A whole game as readable text: the golden transcripts under ``tests/golden/``, and
``ceasefire simulate --transcript``."""

from __future__ import annotations

from game.engine.explain import OMNISCIENT, _short, describe
from game.engine.rules import Rules
from game.engine.state import Entry, log_list


# How to read a transcript (a teacher's playtest: the bracketed numbers went unexplained)
LEGEND = (
    "# [SIDE: its meters | hurt: what {conflict} costs it; prospects: its odds of gaining by "
    "{holding_out};",
    "#  no-deal: what no deal is worth to it; ripeness; reservation: what a deal must be worth "
    "to it]",
    "# (AI: ...): the computer's reason; surplus = a package's value minus the reservation "
    "value;",
    "#  demand: the margin over it that the AI's strategy asks before it signs.")


def transcript(state) -> str:
    """The whole game as readable text (omniscient: every private reason shown).

    Golden transcripts under ``tests/golden/`` are written with this; they document the game
    better than prose (after OpenSpiel's playthrough files).
    """

    rules: Rules = state.rules
    s = rules.s
    lines = [f"# {s.title}", f"# scenario {s.id} · seed {state.seed} · humans: "
             f"{', '.join(sorted(state.humans)) or 'none'}",
             *(line.format(conflict=s.words.conflict, holding_out=s.words.holding_out)
               for line in LEGEND)]
    for entry in log_list(state.log):
        if entry.kind == "upkeep":
            continue
        if entry.kind == "turn":
            lines.append("")
        if entry.kind == "snapshot":
            lines.extend(snapshot_lines(rules, entry))
            continue
        lines.extend(describe(rules, entry, OMNISCIENT))
    if state.outcome is not None:
        o = state.outcome
        lines += ["", f"OUTCOME: {o.title} ({o.ending or 'no ending'}), turn "
                  f"{min(o.turn + 1, rules.max_turns)}",
                  *[f"  {r}" for r in o.reasons],
                  "  scores: " + ", ".join(f"{k} {v:.1f}" for k, v in o.scores.items())]
    return "\n".join(lines) + "\n"


def snapshot_lines(rules: Rules, entry: Entry) -> list[str]:
    """One line per faction: the numbers behind its behaviour this turn."""
    out = []
    for f, v in rules.decode(entry.data["vals"])["factions"].items():
        meters = " ".join(f"{m} {v[m]:.0f}" for m in rules.s.factions[f].meters)
        out.append(f"  [{_short(rules, f)}: {meters} | hurt {v['hurt']:.0f} prospects "
                   f"{v['prospects']:.0f} no-deal {v['batna']:.0f} ripeness {v['ripeness']:.0f} "
                   f"reservation {v['reservation']:.0f}]")
    return out

