"""Line mode's reports: why the sides reacted, the agenda, the news's sources, the ending and
its debrief file. A mixin of :class:`game.plain.PlainGame` (which provides ``say``, ``ask``,
``rules``, ``state`` and ``role``)."""

from __future__ import annotations

from game import notes
from game.engine import history
from game.engine.reckoning import score_workings
from game.engine.rules import long_date


class Reports:
    def offer_export(self) -> None:
        """The debrief as a Markdown file, as the full-screen game's 'e' writes it (a teacher
        wanted line mode's too, for the class)."""
        from game.plain import EndOfInput

        try:
            line = self.ask("Type 'export' to write the debrief to a file, or press Enter to "
                            "finish: ")
        except EndOfInput:
            return
        if line.lower() in ("export", "e"):
            from game import debrief

            try:
                path = debrief.export(self.rules, self.state, self.role)
            except OSError as exc:
                self.say(f"Could not write the debrief: {exc.strerror or exc}")
                return
            self.say(f"The debrief is in {path}.")

    def sources(self) -> None:
        """The sources of this turn's news, readable: outlet, headline, date and the fact."""
        rules = self.rules
        by_id = rules.loaded.notes if rules.loaded is not None else {}
        turn = self.state.turn
        events = [rules.s.events[e.data["id"]] for e in history(self.state)
                  if e.kind == "event" and e.turn == turn]
        cited = [(event.title, ref) for event in events for ref in event.sources]
        if not cited:
            self.say("No news this turn cites a source.")
        for title, ref in cited:
            note_id, _, fact_id = ref.partition("#")
            note = by_id.get(note_id)
            if note is None:
                self.say(f"{title}: {ref}")
                continue
            fact = next((f for f in note.facts if f.id == fact_id), None)
            self.say(f"{title}: from '{note.headline}' ({long_date(note.date)}, "
                     f"{note.outlet_said})"
                     + (f": {' '.join(fact.text.split())}" if fact is not None else ""))

    def why(self) -> None:
        lines = notes.why_lines(self.state, self.role)
        for line in lines or [notes.NO_REACTION]:
            self.say(line)

    def issues(self) -> None:
        for k, (issue, item) in enumerate(self.rules.s.agenda.items()):
            self.say(f"{issue}: {item.name}" + (" (binding)" if self.rules.binding[k] else ""))
            for n, (option, opt) in enumerate(item.options.items(), 1):  # (the number is
                self.say(f"  {n}. {option} — {opt.label}")  # typed as well: 'oil=3')

    def ending(self) -> None:
        outcome = self.state.outcome
        self.say()
        if not self.ending_told:  # (the news says it as it happens: once is enough)
            self.say(f"The end: {outcome.title}.")
        for reason in outcome.reasons:
            self.say(reason)
        scores = ", ".join(f"{self.rules.s.roles[r].name} {v:.0f}"
                           for r, v in outcome.scores.items())
        self.say(f"Scores (0-100): {scores}. Your score: {outcome.scores[self.role]:.0f}.")
        workings = score_workings(self.rules, self.state, self.role)
        if workings:
            self.say(workings)
        from game import debrief

        report = debrief.build(self.rules, self.state, self.role)
        if report.history:  # the scenario says what really happened: compare, issue by issue
            self.say()
            self.say(f"What really happened: {report.history_title}")
            for issue, yours, real, same in report.history:
                self.say(f"  {issue}: yours — {yours}; then — {real}"
                         + (" (the same)" if same else ""))
