"""Words for the screen, shared by the plain line mode and the TUI (no Textual here).

Everything is read from an :class:`~game.engine.observe.Observation` (what the player's role
may see) or from the scenario; nothing here decides anything.
"""

from __future__ import annotations

from game.choices import (OWN_PACKAGE, Choice, choices, group_items, group_label,  # noqa: F401
                          grouped, is_concession)  # (the menu: long a part of this module)
from game.engine.core import chance_of
from game.engine.explain import out_of_reach, ripeness_words
from game.engine.rules import long_date  # noqa: F401 (a name notes.py takes from here)
from game.engine.observe import Observation
from game.engine.rules import Rules
from game.engine.state import Action, State


def fold(line: str, width: int, indent: int) -> str:
    """A line folded between words to ``width``, the rest ``indent`` columns in (under its
    text, not back at the edge); as it is when it fits or the width is not known yet (0).
    Line mode and the full screen's panels both fold with this."""
    if width <= 0 or len(line) <= width:
        return line
    import textwrap

    filled = textwrap.fill(line, width, subsequent_indent=" " * indent,
                           break_long_words=False, break_on_hyphens=False)
    out = []
    for part in filled.split("\n"):  # a word longer than the width (a source id at 80
        # columns) is broken after its '#' (the screen broke it anywhere: 'telesur-2020-0')
        while len(part) > width and "#" in part[indent + 1:width]:
            cut = part.rfind("#", indent + 1, width) + 1
            out.append(part[:cut])
            part = " " * indent + part[cut:]
        out.append(part)
    return "\n".join(out)


def fit_name(name: str, width: int) -> str:
    """A name in at most ``width`` columns: whole if it fits, else its initials if the name is
    several capitalised words ('United Arab Emirates' -> 'UAE'; it was cut to 'United Arab
    Em' at 80x24), else cut with an ellipsis."""
    if len(name) <= width:
        return name
    words = name.split()
    initials = "".join(w[0] for w in words if w[:1].isupper())
    if len(words) > 1 and 2 <= len(initials) <= width and len(initials) == len(words):
        return initials
    return name[:max(0, width - 1)] + "…"


def bare_name(name: str) -> str:
    """A role's name without its parenthesis ('UN mediator (UNSMIL)' -> 'UN mediator'), where
    room is short."""
    return name.split(" (")[0]


def turns(n: int) -> str:
    return f"{n} turn" if n == 1 else f"{n} turns"


def deadline_words(turns_in: int | None, short: bool = False) -> str:
    """The mediator's deadline: it expires at the end of the turn it names."""
    if turns_in is None:
        return ""
    if turns_in <= 0:
        return " · deadline: this turn" if short else " · the mediator's deadline ends this turn"
    return (f" · deadline in {turns_in}" if short else
            f" · the mediator's deadline ends in {turns(turns_in)}")


def away_words(view) -> str:
    """A delegation's seat: at the table, or out since this turn / for n turns."""
    if view.at_table:
        return "at the table"
    return f"WALKED OUT ({turns(int(view.away))} away)" if view.away >= 1 else "WALKED OUT"


def header(rules: Rules, obs: Observation, dated: bool = True) -> str:
    """The turn, its date, the time left and the venue; without the turn and date if not
    ``dated`` (line mode's quiet turns, just after '— Turn 5 · 9 Mar 2020 —')."""
    venue = rules.s.venues[obs.venue].name if obs.venue in rules.s.venues else "—"
    when = f"Turn {obs.turn + 1} of {rules.max_turns} · {long_date(obs.date)} · " if dated \
        else ""
    return (f"{when}{turns(obs.turns_left)} to the end "
            f"({long_date(rules.s.calendar.deadline)})"
            f" · talks: {venue}{deadline_words(obs.deadline_in)}")


def short_header(rules: Rules, obs: Observation, you: str = "", bare: bool = False) -> str:
    """For the status bar: the most important first (the venue last), as the end may be cut
    on a narrow screen. ``bare``: the venue without its parenthesis, where room is short."""
    venue = rules.s.venues[obs.venue].name if obs.venue in rules.s.venues else "—"
    if bare:
        venue = bare_name(venue)
    # ("Turn 1/22" says how many are left: a playtest read "Turn 1/22 · 22 to go" as 23)
    return (f"Turn {obs.turn + 1}/{rules.max_turns} · {long_date(obs.date)}"
            f"{deadline_words(obs.deadline_in, short=True)}"
            f"{f' · You: {you}' if you else ''} · {venue}")


def faction_lines(rules: Rules, obs: Observation) -> list[str]:
    out = []
    for f, view in obs.factions.items():
        fac = rules.s.factions[f]
        meters = " · ".join(f"{fac.meters[m].label} {v:.0f}" for m, v in view.meters.items())
        seat = away_words(view)
        # (ripeness has its own line, with its words: a screen reader heard it twice)
        out.append(f"{fac.short:>5}  {meters} · {seat}")
    return out


def world_line(rules: Rules, obs: Observation) -> str:
    """The public world meters; a 0-1 meter is a fact, so it reads yes or no."""
    def shown(w: str, v: float) -> str:
        meter = rules.s.world[w]
        if meter.min == 0 and meter.max == 1:
            return f"{meter.label}: {'yes' if v >= 0.5 else 'no'}"
        return f"{meter.label} {v:.0f}"

    return "World: " + " · ".join(shown(w, v) for w, v in obs.world.items()
                                  if not rules.s.world[w].private)


def backer_line(rules: Rules, obs: Observation) -> str:
    parts = []
    for b, support in obs.backers.items():
        backer = rules.s.backers[b]
        parts.append(f"{backer.name} ({rules.s.factions[backer.backs].short}) {support:.0f}")
    return "Backers' support: " + ", ".join(parts)


def territory_line(rules: Rules, obs: Observation) -> str:
    """Who holds what, by holder ("GNA holds: Tripoli, …; LNA holds: …"): 'Held: Tripoli GNA,
    Southern front of Tripoli LNA' was ambiguous read aloud (a screen reader's playtest)."""
    by: dict[str, list[str]] = {}
    for t, c in obs.territories.items():
        by.setdefault(c if c in rules.s.factions else "", []).append(rules.s.territories[t].name)
    parts = [f"{rules.s.factions[f].short} holds: {', '.join(by[f])}"
             for f in rules.s.factions if f in by]
    if "" in by:
        parts.append(f"nobody holds: {', '.join(by[''])}")
    return "; ".join(parts) + "." if parts else ""


def option_label(rules: Rules, issue: str, option: str) -> str:
    return rules.s.agenda[issue].options[option].label


def agreed_note(rules: Rules, vals, k: int, option: str) -> str:
    """What a package builder says of issue ``k`` with ``option`` chosen: "" while the issue is
    open, "agreed" when the option keeps what was signed, else which agreed option it would
    replace (renegotiating can change a signed option, so say so plainly)."""
    agreed = vals[rules.issue_slot[k]]
    if not agreed:
        return ""
    if option == agreed:
        return "agreed"
    return f"changes the agreed '{option_label(rules, rules.issues[k], agreed)}'"


def draft_status(rules: Rules, obs: Observation) -> str:
    """Who tabled the draft on the table, who has accepted it and who has rejected it."""
    _, proposer, accepted, rejected = obs.table
    who = rules.s.roles[proposer].name if proposer in rules.s.roles else proposer
    yes = ", ".join(rules.s.factions[f].short for f in sorted(accepted)) or "nobody yet"
    out = f"tabled by {who}; accepted by {yes}"
    if rejected:
        out += "; rejected by " + ", ".join(rules.s.factions[f].short for f in sorted(rejected))
    return out


def table_lines(rules: Rules, obs: Observation) -> list[str]:
    out = []
    agreed = [f"  · {rules.s.agenda[i].name}: {option_label(rules, i, o)}"
              for i, o in obs.agreed.items()]  # (a list, as the draft below: one sentence of
    # seven issues and options was hard to follow read aloud)
    if agreed:
        open_ = [rules.s.agenda[i].name for i in rules.issues if i not in obs.agreed]
        out.append(f"Agreed so far ({len(agreed)} of {len(rules.issues)} issues"
                   + (f"; open: {', '.join(open_)}" if open_ else "") + "):")
        out += agreed
    else:
        out.append("Agreed so far: nothing yet")
    if obs.table is None:
        out.append("On the table: no draft")
        return out
    package = obs.table[0]
    out.append(f"On the table ({draft_status(rules, obs)}):")
    for k, option in enumerate(package):
        issue = rules.issues[k]
        agreed = obs.agreed.get(issue)
        if option == (agreed or rules.status_quo[k]):
            continue
        # (a teacher's playtest: a counter quietly replaced a signed prisoner exchange)
        was = f" (replacing the signed '{option_label(rules, issue, agreed)}')" if agreed else ""
        out.append(f"  · {rules.s.agenda[issue].name}: {option_label(rules, issue, option)}"
                   f"{was}")
    return out


def private_lines(rules: Rules, obs: Observation) -> list[str]:
    p = obs.private
    if p is None:
        lines = []
        for f, issues in obs.insight.items():
            if issues:
                names = ", ".join(rules.s.agenda[i].name for i in issues)
                lines.append(f"What {rules.s.factions[f].short} has shown you it cares about "
                             f"most: {names}")
        return lines
    short = rules.s.factions[p.faction].short
    lines = [f"Your private view ({short}): no-deal value {p.batna:.0f}, reservation value "
             f"{p.reservation:.0f} (what a deal must be worth), agreed so far worth "
             f"{p.utility_agreed:.0f}."]
    beyond = out_of_reach(rules, p.faction, p.reservation)
    if beyond:  # (the help explains ripeness, in either mode)
        lines.append(beyond[:-1] + " (see Ripeness in the help: F1, or 'help concepts' in line "
                     "mode).")
    if p.table_value is not None:
        lines.append(draft_worth(rules, obs))
    for b, info in p.backers.items():
        if info["verdict"] in ("veto", "unhappy"):
            what = ("would veto it" if info["verdict"] == "veto"
                    else "would cut its support if you signed")
            lines.append(f"{rules.s.backers[b].name} {what}.")
    return lines


def draft_worth(rules: Rules, obs: Observation) -> str:
    """'The draft is worth 70 to you — above your reservation value.' for a delegation with a
    draft on the table, else "" (on the Table tab too: a student found it only under World)."""
    p = obs.private
    if p is None or p.table_value is None:
        return ""
    verdict = "above" if p.table_value >= p.table_bar else "below"
    bar = ("your reservation value" if p.table_binding else
           f"what already stands ({p.table_bar:.0f}): it leaves {rules.s.words.binding} alone")
    return f"The draft is worth {p.table_value:.0f} to you — {verdict} {bar}."


def replaces_accepted(state: State, role: str, package: tuple[str, ...]) -> str:
    """For a delegation about to table a package of its own over a draft it has accepted:
    that the draft goes (a student's counter wiped out a draft worth 70 to it, unwarned)."""
    rules: Rules = state.rules
    faction = rules.faction_of.get(role)
    table = state.table
    if faction is None or table is None or faction not in table.accepted or \
            package == table.package:
        return ""
    return ("It takes the place of the draft on the table, which you have accepted: if it is "
            "rejected, that draft is gone.")


def ripeness_line(rules: Rules, obs: Observation) -> str:
    parts = [f"{rules.s.factions[f].short} {v.ripeness:.0f} "
             f"({ripeness_words(v.ripeness, rules.s.words).split(':')[0]})"
             for f, v in obs.factions.items()]
    return "Ripeness: " + "; ".join(parts)


def brief(rules: Rules, role: str) -> str:
    """A seat's brief, said as whose (the title screen, F1, line mode's start and 'brief')."""
    return f"Your brief, as {rules.s.roles[role].name}: " + " ".join(
        rules.s.roles[role].brief.split())


# How a likely reaction reads, and its colour on screen (see game.engine.preview)
LIKELY = {"accept": ("likely to accept", "green"), "reject": ("likely to reject", "red"),
          "uncertain": ("could go either way", "yellow"),
          "blocked": ("a backer would block it", "magenta"),
          "accepted": ("has accepted it", "green"), "away": ("away from the table", "grey50")}
OWN_LIKELY = {"accept": "can accept it", "reject": "below your reservation value",
              "blocked": "your backer would block it"}


def side_label(rules: Rules, faction: str, own: bool) -> str:
    """Whose reaction a what-if line gives: 'LNA', or 'You (GNA)' for one's own side (a
    student read 'GNA: you can accept it' as GNA's reaction, said to the player)."""
    short = rules.s.factions[faction].short
    return f"You ({short})" if own else short


def whatif_lines(state: State, role: str, package: tuple[str, ...]) -> list[str]:
    """The package builder's what-if as lines of text (line mode's ``whatif``)."""
    from game.engine.negotiation import check_package
    from game.engine.preview import preview

    rules: Rules = state.rules
    trouble = check_package(rules, state.vals, package)
    if trouble:  # (said once, not once a side)
        return [f"Not a valid package: {trouble}."]
    lines = []
    for reaction in preview(state, role, package):
        words = LIKELY[reaction.likely][0]
        if reaction.certain:
            words = OWN_LIKELY.get(reaction.likely, words)
        lines.append(f"{side_label(rules, reaction.faction, reaction.certain)}: {words}")
        lines += [f"  {reason}" for reason in reaction.reasons]
    return lines


def if_others_accept(rules: Rules, faction: str) -> str:
    """'if LNA accepts' at a two-sided table; 'if Serbs and Croatia accept' at a wider one
    (an author's three-party scenario read 'if Bosnia accepts, it is signed')."""
    others = [rules.s.factions[f].short for f in rules.factions if f != faction]
    if len(others) == 1:
        return f"if {others[0]} accepts"
    return f"if {', '.join(others[:-1])} and {others[-1]} accept"


def own_verdict(state: State, role: str, package: tuple[str, ...]) -> str | None:
    """For a delegation tabling its own package (which counts as its acceptance): a warning
    when it is worth less to it than no deal, else None."""
    from game.engine.preview import preview

    rules: Rules = state.rules
    own = next((r for r in preview(state, role, package) if r.certain), None)
    if own is None or own.likely != "reject":
        return None
    return commits_you(rules, own.faction, own.reasons[0])


def commits_you(rules: Rules, faction: str, why: str = "") -> str:
    """The warning before a delegation tables a package worth less to it than no deal, with
    ``why`` (a sentence of numbers) after it, not in brackets: it has brackets of its own."""
    return (f"This package is below your reservation value, and tabling it commits you: "
            f"{if_others_accept(rules, faction)}, it is signed." + (f" {why}" if why else ""))


def move_hint(rules: Rules, act_id: str) -> str:
    """What a move does, before one chooses where: its description and the fixed changes it
    makes ('the other side's Trust +3'), for the pick of a softened stance or a backer (a
    student's pick listed the options with no word of what any would do). Changes it makes
    only on a condition, or to a value worked out in play, make it say 'Effects include'."""
    act = rules.s.actions[act_id]
    s = rules.s
    owner = {"self": "your", "other": "the other side's", "target": "that side's"}
    said, unsaid = [], False
    for effect in act.effects:
        head, _, rest = effect.target.partition(".")
        who, _, field = rest.partition(".")
        if not isinstance(effect.add, (int, float)) or effect.when is not None:
            unsaid = True
            continue
        if head == "faction" and (who in owner or who in s.factions):
            meter = next((f.meters[field].label for f in s.factions.values()
                          if field in f.meters), field)
            whose = owner.get(who) or f"{s.factions[who].short}'s"
            said.append(f"{whose} {meter} {effect.add:+g}")
        elif head == "backer" and (who == "target" or who in s.backers):
            name = s.backers[who].name if who != "target" else ""
            whose = "that backer's" if not name else name + ("'" if name.endswith("s") else
                                                             "'s")
            said.append(f"{whose} {field} {effect.add:+g}")
        elif head == "world" and who in s.world:
            said.append(f"{s.world[who].label} {effect.add:+g}")
        else:
            unsaid = True
    effects = f"Effects{' include' if unsaid else ''}: {'; '.join(said)}." if said else ""
    return " ".join(p for p in (" ".join(act.description.split()), effects) if p)


def warning(state: State, action: Action) -> str | None:
    """For a move that cannot be undone (an offensive, walking out): what to weigh before it,
    in words; None for every other move."""
    rules: Rules = state.rules
    compiled = rules.actions.get(action.act)
    if compiled is None or compiled.kind not in ("offensive", "walk_out"):
        return None
    parts = [" ".join(rules.s.actions[action.act].description.split())]
    for effect in rules.s.actions[action.act].effects:  # agreements it would break
        bits = effect.target.split(".")
        if len(bits) == 3 and bits[0] == "issue" and bits[2] == "agreed" and \
                effect.set is False and bits[1] in rules.issues:
            k = rules.issues.index(bits[1])
            agreed = state.vals[rules.issue_slot[k]]
            if agreed:  # (a playtest: a signed ceasefire broken by an offensive, unwarned)
                parts.append(f"It breaks the agreement on {rules.s.agenda[bits[1]].name} "
                             f"('{option_label(rules, bits[1], agreed)}').")
    chance = chance_of(state, action)
    if chance is not None:
        parts.append(f"Its chance of success now: {chance * 100:.0f}%.")
    parts.append("It cannot be taken back." if compiled.kind == "offensive" else
                 "You can return to the talks later.")
    return " ".join(p for p in parts if p)
