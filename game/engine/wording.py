"""The small words of the log: issues, options and sides by name, a change to the state, a
package, an article cited. Shared by :mod:`game.engine.explain` (which re-exports them) and
the debrief."""

from __future__ import annotations

from game.engine.rules import Rules, long_date

OMNISCIENT = None  # a viewer who may see every side's private meters (the debrief)


def _issue(rules: Rules, k: int) -> str:
    return rules.s.agenda[rules.issues[k]].name


def _option(rules: Rules, k: int, option: str) -> str:
    return rules.s.agenda[rules.issues[k]].options[option].label


def _short(rules: Rules, faction: str) -> str:
    return rules.s.factions[faction].short if faction in rules.s.factions else faction


def change_lines(rules: Rules, changes: tuple, viewer: str | None = OMNISCIENT,
                 said: str = "") -> list[str]:
    """The changes in words; a faction's private meters only for its own delegation. A cause
    the heading above them already ``said`` is not said again on every line."""
    names = rules.slot_names
    hidden = rules.private_slots_for(viewer)
    out = []
    for slot, old, new, why in changes:
        if slot in hidden:
            continue
        name = names.get(slot, "?")
        label = rules.label(name)
        if isinstance(new, float) and rules.bounds.get(slot) == (0.0, 1.0):
            # a 0-1 meter is a fact (the blockade, the battle for Sirte): yes or no
            text = f"{label}: {'yes' if new >= 0.5 else 'no'} (was {'yes' if old >= 0.5 else 'no'})"
        elif isinstance(new, float) and isinstance(old, float):
            delta = new - old
            text = f"{label} {'+' if delta >= 0 else ''}{delta:.0f} (now {new:.0f})"
        elif name.startswith("issue."):
            k = rules.issues.index(name.split(".")[1])
            text = (f"{_issue(rules, k)}: agreement broken" if new == "" else
                    f"{_issue(rules, k)}: agreed '{_option(rules, k, new)}'")
        elif name.startswith("territory."):
            text = f"{label}: now held by {_short(rules, new)}"
        elif name.endswith(".at_table"):
            who = _short(rules, name.split(".")[1])
            text = f"{who} {'returns to' if new else 'leaves'} the table"
        elif name == "venue":
            text = f"the talks move to {rules.s.venues[new].name}" if new in rules.s.venues \
                else "venue changed"
        else:
            text = f"{label}: {old} → {new}"
        out.append(text + (f" — {why}" if why and why != said else ""))
    return out


def package_lines(rules: Rules, package: tuple[str, ...], agreed: tuple | None = None
                  ) -> list[str]:
    """A package, an issue a line; ``agreed`` (per issue, "" if open), when known, marks what
    it keeps and what signed option it would replace (a teacher's playtest: a counter quietly
    replaced a signed prisoner exchange)."""
    out = []
    left, kept = [], []  # issues it leaves as they stand, and as signed: named on one line
    for k, option in enumerate(package):
        if option == rules.status_quo[k]:
            left.append(_issue(rules, k))
            continue
        was = agreed[k] if agreed is not None else ""
        if was == option:
            kept.append(_issue(rules, k))
            continue
        note = f" (replacing the signed '{_option(rules, k, was)}')" if was else ""
        out.append(f"{_issue(rules, k)}: {_option(rules, k, option)}{note}")
    if kept:
        out.append("Kept as signed: " + "; ".join(kept))
    if left:
        out.append("Left as they stand: " + "; ".join(left))
    return out


def _source_name(rules: Rules, ref: str) -> str:
    """A citation ('note#fact') as its article: "'Headline' (2 Jun 2020)"; the id itself if
    the scenario was loaded without its source notes."""
    notes = rules.loaded.notes if rules.loaded is not None else {}
    note = notes.get(ref.partition("#")[0])
    if note is None:
        return ref
    return f"'{note.headline}' ({long_date(note.date)})"
