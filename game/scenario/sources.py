"""Source notes (``seeds/``): the facts a scenario rests on, each with a stable id.

A note is one YAML file per article: outlet, headline, date, and the facts in the project's own
words. Scenario content cites facts as ``note-id#fact-id``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import StringConstraints

from game.scenario.errors import Problem, ScenarioError
from game.scenario.model_base import NOTE_ID_PATTERN, Base, Date, Id, Text

NoteId = Annotated[str, StringConstraints(pattern=NOTE_ID_PATTERN, max_length=60)]


class Fact(Base):
    """One fact from the article, in our own words."""

    id: Id
    """Stable id, unique within the note; cited as ``note-id#fact-id``."""
    text: Text
    """The fact, in a sentence or two of our own."""
    date: Date | None = None
    """When it happened, if the article says or implies it."""


class SourceNote(Base):
    """Our notes on one published article."""

    id: NoteId
    """Stable id, also the file name, e.g. ``voa-2020-10-21``."""
    outlet: str
    """Who published it (and how sure we are, if the copy does not say)."""
    headline: str
    """The article's headline."""
    date: Date
    """Publication date (best known)."""
    date_note: Text = ""
    """How the date or outlet was worked out, when the copy does not say."""
    byline: str = ""
    """Author, if given."""
    url: str = ""
    """Address, if known."""
    summary: Text
    """What the article reports, in a sentence or two."""
    facts: list[Fact]
    """The facts, each with an id."""

    @property
    def named_outlet(self) -> str:
        """The outlet when the copy names it; "" when ``outlet`` only says how it was guessed
        ("Not named in the copy; ..."), which reads as noise in a list of sources."""
        return "" if self.outlet.startswith("Not named") else self.outlet

    @property
    def outlet_said(self) -> str:
        """The outlet as a reader should hear it: its name, or that the copy does not name it,
        with the note's guess ('probably teleSUR English'). A teacher's playtest: 'sources'
        promised the outlet and gave none, and a class should know when it is a guess."""
        if self.named_outlet:
            return self.named_outlet
        guess = self.outlet.split(" suggests ", 1)
        return "outlet not named in the copy" + (
            f"; probably {guess[1].rstrip('. ')}" if len(guess) == 2 else "")


def load_notes(folder: Path) -> tuple[dict[str, SourceNote], list[Problem]]:
    """Load every ``*.yaml`` note in ``folder``; returns notes by id and the problems found."""
    from game.scenario.loader import load_model  # late: loader imports this module

    notes: dict[str, SourceNote] = {}
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            note, pos = load_model(path, SourceNote)
        except ScenarioError as exc:
            problems.extend(exc.problems)
            continue
        if note.id != path.stem:
            problems.append(pos.problem(("id",), "id", f"the note's id '{note.id}' differs from "
                                        f"its file name '{path.stem}'"))
        seen: dict[str, int] = {}
        for i, fact in enumerate(note.facts):
            if fact.id in seen:
                problems.append(pos.problem(("facts", i, "id"), f"facts[{i}].id",
                                            f"fact id '{fact.id}' is used twice in this note"))
            seen[fact.id] = i
        notes[note.id] = note
    return notes, problems


def fact_ids(notes: dict[str, SourceNote]) -> set[str]:
    """Every citable ``note-id#fact-id``."""
    return {f"{n.id}#{f.id}" for n in notes.values() for f in n.facts}
