"""The debrief's content (no Textual): what happened, charts, the agreed text, history, and
the Markdown export."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.explain import describe
from game.engine.reckoning import score_workings
from game.engine.rules import long_date
from game.engine.observe import series
from game.engine.state import log_list


@dataclass(frozen=True)
class Report:
    when: str
    moments: list[str]
    charts: list[tuple[str, str, list[float]]]
    agreement: list[str]
    history_title: str
    history_text: str
    history: list[tuple[str, str, str, bool]]  # issue, yours, real, same


def build(rules, state, role: str) -> Report:
    s = rules.s
    o = state.outcome
    if o.turn >= rules.max_turns:
        day = long_date(s.calendar.deadline)
        when = f"Time ran out after turn {rules.max_turns} ({day})"
    else:
        when = f"Ended in turn {o.turn + 1} ({long_date(rules.date_of(o.turn))})"
    when += f" · scenario {s.title} · seed {state.seed}"
    data = series(state, None)
    charts = []
    for f in rules.factions:
        short = s.factions[f].short
        for field, label in (("trust", "trust"), ("ripeness", "ripeness"),
                             ("reservation", "reservation value"), ("batna", "no-deal value")):
            if f"{f}.{field}" in data:
                charts.append((f"{f}.{field}", f"{short} {label}", data[f"{f}.{field}"]))
    for w in s.world:
        meter, values = s.world[w], data.get(f"world.{w}", [])
        if meter.min == 0 and meter.max == 1:  # a fact (the blockade): on the charts' scale
            charts.append((f"world.{w}", f"{meter.label} (100 = yes)", [v * 100 for v in values]))
        else:
            charts.append((f"world.{w}", meter.label, values))
    agreement = []
    for k, issue in enumerate(rules.issues):
        option = state.vals[rules.issue_slot[k]]
        if option:
            opt = s.agenda[issue].options[option]
            agreement.append(f"{len(agreement) + 1}. {s.agenda[issue].name}: "
                             f"{' '.join((opt.text or opt.label).split())}")
    if not agreement:
        agreement = ["Nothing was signed."]
    rows = []
    title = text = ""
    if s.history is not None:
        title = f"{s.history.title} ({long_date(s.history.date)})"
        text = " ".join(s.history.text.split())
        for issue, real in s.history.agreed.items():
            k = rules.issues.index(issue)
            yours = state.vals[rules.issue_slot[k]]
            rows.append((s.agenda[issue].name,
                         s.agenda[issue].options[yours].label if yours else "not agreed",
                         s.agenda[issue].options[real].label, yours == real))
    return Report(when, moments(rules, state), charts, agreement, title, text, rows)


def moments(rules, state) -> list[str]:
    """The turning points, one line each: signatures, vetoes, walkouts, offensives, shocks,
    in the order of their dates (a dated event says its own day, which may fall after a
    chance event of the same fortnight, dated by the fortnight's first day)."""
    s = rules.s
    out: list[tuple[object, str]] = []  # (its day, what happened)
    for entry in log_list(state.log):
        when = rules.date_of(min(entry.turn, rules.max_turns - 1))
        d = entry.data
        if entry.kind == "sign":  # what was signed on each issue, not only which issues
            items = "; ".join(f"{s.agenda[rules.issues[k]].name}: "
                              f"{s.agenda[rules.issues[k]].options[d['package'][k]].label}"
                              for k in d["issues"])
            out.append((when, f"Signed: {items}."))
        elif entry.kind == "event":
            event = s.events[d["id"]]
            if event.date is not None and not d["injected"]:  # its own day, as the news said
                when = event.date  # (a screen reader's playtest)
            moved = {rules.slot_names[change[0]].rsplit(".", 1)[-1]
                     for change in d.get("changes", ())}
            if event.catastrophe:
                # (not 'Shock: LNA shells the port' at the head of the LNA player's list, as
                # if it had hit them: a catastrophe ripens the conflict for every side)
                every = "both sides" if len(rules.factions) == 2 else "every side"
                out.append((when, f"{event.title} (a shock for {every})."))
            elif moved & {"controller", "at_table"}:  # ground changed hands, or a seat emptied
                out.append((when, f"{event.title}."))
        elif entry.kind == "action":
            action = d["action"]
            if action.act not in s.actions:
                continue
            kind = s.actions[action.act].kind
            who = s.roles[action.role].name
            if d.get("vetoed"):
                out.append((when, f"{s.backers[d['vetoed']].name} blocked the "
                                  f"{s.factions[rules.faction_of[action.role]].short} "
                                  "signature."))
            elif kind == "walk_out":
                out.append((when, f"{who} walked out."))
            elif kind == "offensive":
                result = "took" if d.get("success") else "failed to take"
                out.append((when, f"{who} launched an offensive and {result} "
                                  f"{s.territories[action.target].name}."))
    out.sort(key=lambda moment: moment[0])  # (stable: the log's order within a day)
    # (right-aligned, so that the events line up: ' 1 Jun 2020')
    return [f"{long_date(when):>11}  {text}" for when, text in out]


QUIET = "- Every side waited; no news."


def markdown(rules, state, role: str) -> str:
    report = build(rules, state, role)
    s = rules.s
    o = state.outcome
    others = ", ".join(f"{s.roles[r].name} {v:.0f}" for r, v in o.scores.items() if r != role)
    out = [f"# Debrief: {o.title}", "", f"*{report.when}*", "",
           f"**Your role:** {s.roles[role].name} — **score {o.scores.get(role, 0):.0f}/100**"
           + (f" (the others: {others})" if others else ""),
           f"Scenario {s.id}, seed {state.seed}: the same seed and moves replay this game.", ""]
    workings = [w for w in (score_workings(rules, state, r) for r in o.scores) if w]
    out += [f"- {r}" for r in [*o.reasons, *workings]]
    out += ["", "## Turning points", ""] + [f"- {m.lstrip()}"
                                            for m in report.moments or ["none"]]
    out += ["", "## The agreement", ""] + report.agreement
    out += ["", "## Charts", "", "Each value is a turn as it began; the last one is the end.", "",
            "| series | start | end | turn by turn |", "|---|---|---|---|"]
    for _, label, values in report.charts:
        if values:
            seq = " ".join(f"{v:.0f}" for v in values)
            out.append(f"| {label} | {values[0]:.0f} | {values[-1]:.0f} | {seq} |")
    if report.history_title:
        out += ["", f"## What really happened: {report.history_title}", "", report.history_text]
    if report.history:
        out += ["", "| issue | your game | what really happened |", "|---|---|---|"]
        out += [f"| {i} | {y}{' ✓' if same else ''} | {r} |" for i, y, r, same in report.history]
    out += ["", "## Timeline", "",
            "*(AI: …) gives an AI counterpart's own reason: its strategy (hardline, "
            "tit_for_tat, conceder, formulative, …) and, for a package, its surplus (what the "
            "package is worth to it above its reservation value) against the demand its "
            "strategy asks before it signs.*"]
    quiet = False  # a turn heading with nothing under it yet
    for entry in log_list(state.log):
        if entry.kind in ("upkeep", "snapshot"):
            continue
        lines = describe(rules, entry, None)
        if not lines:
            continue
        if entry.kind == "turn":
            if quiet:  # (a teacher's playtest found an empty '### Turn 8' in the export)
                out.append(QUIET)
            out += ["", f"### {lines[0].strip('— ')}", ""]
            quiet = True
        else:  # a bullet per entry, its details nested under it
            if entry.kind == "action" and entry.data["action"].act == "pass":
                continue  # (waiting: dozens of '(AI: ...: waits)' lines, a playtest found)
            out.append(f"- {lines[0].strip()}")
            out += [f"  - {line.strip().removeprefix('· ')}" for line in lines[1:]
                    if line.strip()]
            quiet = False
    if quiet:
        out.append(QUIET)
    out += _sources(rules, state)
    return "\n".join(out) + "\n"


def _sources(rules, state) -> list[str]:
    """The source notes this game's news cited: outlet, headline, date (a playtest found only
    ids such as 'telesur-2020-02-19#port_shelling' in the export)."""
    notes = rules.loaded.notes if rules.loaded is not None else {}
    cited = sorted({ref.partition("#")[0] for e in log_list(state.log) if e.kind == "event"
                    for ref in rules.s.events[e.data["id"]].sources})
    rows = []
    for note_id in cited:
        note = notes.get(note_id)
        if note is not None:
            day = long_date(note.date)
            rows.append(f"- `{note_id}`: *{note.headline}*, {day}; "
                        f"{note.outlet_said}.")
    return ["", "## Sources of the news in this game", ""] + rows if rows else []


def export(rules, state, role: str):
    from game.fsutil import atomic_write
    from game.storage import data_dir

    turn = min(state.turn + 1, rules.max_turns)
    path = data_dir() / "exports" / f"debrief-{rules.s.id}-seed{state.seed}-turn{turn}.md"
    atomic_write(path, markdown(rules, state, role))
    return path
