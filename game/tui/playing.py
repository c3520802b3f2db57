"""The full-screen game's play: the player's move, the AI's runs (each numbered, so that a run
for an earlier move or another game is ignored), waiting on through quiet turns, the note of
what the others did, the debrief and the autosave. A mixin of
:class:`game.tui.app.CeasefireApp` (which provides ``state``, ``rules``, ``role``,
``thinking`` and the rest of the app)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from textual import events, work
from textual.message import Message


class AiMoved(Message):
    def __init__(self, state: Any, run: int = 0) -> None:
        super().__init__()
        self.state = state
        self.run = run  # which AI run it comes from (an older one's is dropped)


class Playing:
    def human_move(self, action: Any) -> None:
        """Apply the player's move (legal by construction of the menu), then let the AI play."""
        from game.engine import ActionError, apply

        before = self.state
        try:
            self.state = apply(before, action)
        except ActionError as exc:
            self.notify(str(exc), severity="error", timeout=8)
            return
        self.autosave()
        self.continue_play(before)

    def report(self, before: Any, after: Any, quiet: int = 0) -> None:
        """A short note of what the others did while the AI played (the News tab has it all).
        With the News in front, its newest lines already say it, and a note would cover them:
        the note then only says what the News does not (who is away, a slipping acceptance)."""
        from game import notes
        from game.tui.screens.talks import TalksScreen

        if isinstance(self.screen, TalksScreen) and self.screen.news_in_front:
            lines = notes.standing_notes(after, self.role, before)
        else:
            lines = notes.turn_report(before, after, self.role)
        if not lines and not quiet:
            return
        shown = lines[-6:]
        signed = [line for line in lines[:-6] if line.startswith("Signed: ")]
        if signed:  # a signature first, whatever came after it (a student's signed package
            shown = signed + shown[len(signed):]  # was cut from the note: only News had it)
        if len(lines) > len(shown):
            shown.insert(0, f"… {len(lines) - len(shown)} more in News (n)")
        if quiet:  # (W waited through them; first, whatever the turn brought)
            shown.insert(0, f"{quiet} quiet {'turn' if quiet == 1 else 'turns'} went by: no "
                         "moves and no news.")
        self.clear_notifications()  # one note at a time: the last one is what happened
        # briefly: it covers the tabs' text, and the News keeps it
        timeout = min(6, 2 + len(shown) / 2)
        self.notify("\n".join(shown), title="Meanwhile", timeout=timeout)
        self.meanwhile = time.monotonic() + timeout

    async def on_event(self, event: events.Event) -> None:
        """The first key after the note of the others' moves clears it: it lay over the moves
        and the tabs for seconds (playtests, most at 80 columns), and the News keeps it. The
        note goes before the key does its work, so a note that key brings stays.

        While W waits on, any key ends the wait once the turn in play comes back to the
        player (a review: twenty quiet turns at the AI's pace could not be stopped); the key
        still does its own work, so a tab can be read meanwhile."""
        if isinstance(event, events.Key):
            if self.meanwhile:
                if time.monotonic() < self.meanwhile:  # (gone by itself: later notes stay)
                    self.clear_notifications()
                self.meanwhile = 0.0
            if self.waiting_on is not None and not self.wait_stopping:
                self.wait_stopping = True
                self.mutate_reactive(type(self).thinking)  # (the status line says so)
        await super().on_event(event)

    def new_game_state(self, state: Any) -> None:
        """A game started, loaded or reloaded: whatever an AI run or a wait-on was doing for
        the one before ends here (a review: loading during an AI run could hang the game, and
        a wait-on carried over into the next game)."""
        self.ai_run += 1
        self.thinking = False
        self.waiting_on, self.quiet, self.wait_stopping = None, 0, False
        self.state = state

    def continue_play(self, report_from: Any = None) -> None:
        """Let the AI play until a human must move; ``report_from`` (the state before the
        player's move) is where the note of what happened starts."""
        state = self.state
        if state.outcome is not None:
            self.waiting_on = None
            self.show_debrief()
        elif state.role not in state.humans:
            self.thinking = True
            self.report_from = report_from or state
            self.ai_run += 1
            self.run_ai(state, self.ai_run)

    @work(thread=True, exclusive=True, group="ai")
    def run_ai(self, state: Any, run: int = 0) -> None:
        from game.engine import apply
        from game.engine.ai import choose

        while state.outcome is None and state.role not in state.humans:
            action, why = choose(state)
            state = apply(state, action, why)
            self.post_message(AiMoved(state, run))
            if self.ai_delay:
                time.sleep(self.ai_delay)
        self.post_message(AiMoved(state, run))

    def wait_on(self) -> None:
        """W: wait, and go on waiting turn after turn while nothing happens (no other side
        moves, no news, no signature): a playtest, its deal signed on the first turn, pressed
        Wait seven turns in a row. The note then says what broke the quiet."""
        from game.engine import PASS
        from game.engine.state import Action

        if self.thinking or self.state is None or self.state.role != self.role:
            return
        from game import notes

        refused = notes.not_waiting_on(self.state, self.role)
        if refused:
            self.notify(refused + " (w waits one turn.)", title="Not waiting on",
                        severity="warning", timeout=8)
            return
        self.waiting_on, self.quiet, self.wait_stopping = self.state, 0, False
        self.human_move(Action(self.role, PASS))

    def on_ai_moved(self, message: AiMoved) -> None:
        if message.run != self.ai_run:
            return  # from an earlier run: before the player's latest move, or another game
        self.state = message.state
        if message.state.outcome is not None or message.state.role in message.state.humans:
            if self.thinking:  # (it stays on through a wait-on: no "YOUR MOVE" between turns)
                if self.waiting_on is not None and message.state.outcome is None and \
                        message.state.role == self.role and self.report_from is not None:
                    from game import notes

                    if not notes.news_between(self.report_from, message.state, self.role):
                        self.quiet += 1  # a quiet turn: wait again, unless a key said stop
                        if not self.wait_stopping:
                            from game.engine import PASS
                            from game.engine.state import Action

                            self.human_move(Action(self.role, PASS))
                            return
                started, self.waiting_on, self.wait_stopping = self.waiting_on, None, False
                self.thinking = False
                self.autosave()
                if message.state.outcome is not None:
                    self.show_debrief()
                elif started is not None:
                    self.report(started, message.state, quiet=self.quiet)
                elif self.report_from is not None:
                    self.report(self.report_from, message.state)

    def show_debrief(self) -> None:
        from game.tui.screens.debrief import DebriefScreen

        if not isinstance(self.screen, DebriefScreen):
            self.clear_notifications()  # the game's notes would cover the debrief
            self.push_screen(DebriefScreen())

    def autosave(self, slot: str | None = None) -> Path | None:
        from game import storage
        from game.engine import saves

        if slot is None and self.autosave_slot is None:  # claimed at the first autosave
            self.autosave_slot = storage.claim_autosave()
            if self.autosave_slot != storage.AUTOSAVE:
                self.notify(f"Another copy of the game is running: this game autosaves to "
                            f"'{self.autosave_slot}' (Load lists it).", timeout=8)
        path = storage.slot_path(slot or self.autosave_slot)
        try:
            saves.save(self.state, path)
        except OSError as exc:
            self.notify(f"Could not save: {exc.strerror or exc}", severity="error")
            return None
        return path

