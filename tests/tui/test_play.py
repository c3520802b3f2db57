"""Complete games played through the keyboard, the package builder, and resuming a game."""

from __future__ import annotations

import re
import time

import pytest
from textual.widgets import Static

from game.engine import history
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.dialogs import ErrorScreen
from game.tui.screens.package import PackageScreen
from game.tui.screens.talks import TalksScreen
from game.tui.screens.title import TitleScreen
from tests.conftest import FIXTURES
from tests.tui.conftest import make_app, settle, start_game

GENEVA = {"ceasefire": "permanent_monitored", "prisoners": "all_for_all",
          "land_routes": "all_routes", "flights": "domestic", "hate_speech": "accountability",
          "foreign_forces": "exit_90_days", "oil": "reopen_escrow", "sirte": "demilitarized"}


async def wait_turns(pilot, app, until_turn: int) -> None:
    while app.state.outcome is None and app.state.turn < until_turn:
        await pilot.press("w")
        await settle(pilot, app)


async def build_package(pilot, app, wanted: dict[str, str]) -> None:
    """In the package builder, press ←/→ and ↓ until every issue shows the wanted option."""
    screen = app.screen
    assert isinstance(screen, PackageScreen)
    for k, issue in enumerate(app.rules.issues):
        target = wanted.get(issue, screen.package[k])
        options = screen.choices[k]
        steps = (options.index(target) - options.index(screen.package[k])) % len(options)
        for _ in range(steps):
            await pilot.press("right")
        assert screen.package[k] == target
        await pilot.press("down")
    await pilot.press("enter")
    await settle(pilot, app)


async def pick_move(pilot, talks, act: str) -> None:
    """Highlight the first move of this action in 'Your moves' and press Enter."""
    index = next(i for i, c in enumerate(talks.menu) if c.action.act == act)
    moves = talks.query_one("#actions")
    moves.focus()
    moves.highlighted = moves.get_option_index(str(index))  # (its option: some are grouped)
    await pilot.press("enter")
    await pilot.pause(0.1)


async def test_waiting_as_mediator_ends_in_collapse_and_debrief():
    """Seed 1: a mediator who only waits watches a delegation walk out for good."""
    app = make_app(seed=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_game(pilot, app)
        assert isinstance(app.screen, TalksScreen)
        await wait_turns(pilot, app, 99)
        assert app.state.outcome.ending == "collapse"
        assert isinstance(app.screen, DebriefScreen)
        for key, pane in zip("12345", ("summary", "timeline", "charts", "agreement",
                                        "history")):
            await pilot.press(key)
            await pilot.pause(0.05)  # the shown tab's text has the keys (PageDown scrolls it)
            assert app.focused is app.screen.query_one(f"#{pane} VerticalScroll"), pane
        await pilot.press("e")
        await pilot.pause(0.2)
        # a new game from the debrief (n, then y to the question) is a new game: a new seed,
        # unless the command line set one (here it did; then pretend it did not)
        await pilot.press("n")
        await pilot.pause(0.1)
        await pilot.press("y")
        await settle(pilot, app)
        title = app.screen
        assert type(title).__name__ == "TitleScreen" and title.seed == 1
        app.start_seed = None
        await start_game(pilot, app)
        await wait_turns(pilot, app, 99)
        await pilot.press("n")
        await pilot.pause(0.1)
        await pilot.press("y")
        await settle(pilot, app)
        assert app.screen is title and title.seed != 1
        # back on the title, Continue names the game just played (not the one at its start)
        label = str(title.query_one("#menu").get_option("continue").prompt)
        assert label == "Continue: UN mediator, ended", label



async def test_n_on_the_debrief_asks_before_throwing_it_away():
    """A playtester pressed n for the News just as the game ended: the debrief vanished and a
    new Turn 1 began. Now n asks first; n again (the News key twice) or Esc keeps the debrief."""
    from game.tui.screens.dialogs import ConfirmScreen

    app = make_app(seed=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_game(pilot, app)
        await wait_turns(pilot, app, 99)
        debrief, ended = app.screen, app.state
        assert isinstance(debrief, DebriefScreen)
        for keys in (("n", "n"), ("n", "escape")):
            await pilot.press(keys[0])
            await pilot.pause(0.1)
            assert isinstance(app.screen, ConfirmScreen), keys
            text = " ".join(str(s.render()) for s in app.screen.query("Static"))
            assert "Start a new game?" in text and "y goes ahead" in text
            await pilot.press(keys[1])
            await settle(pilot, app)
            assert app.screen is debrief and app.state is ended, keys
        await pilot.press("n")
        await pilot.pause(0.1)
        await pilot.press("y")
        await settle(pilot, app)
        assert isinstance(app.screen, TitleScreen)

async def test_the_geneva_package_through_the_keyboard_ends_in_a_ceasefire():
    """Seed 2: wait until mid-July, then table the Geneva package issue by issue."""
    app = make_app(seed=2)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_game(pilot, app)
        await wait_turns(pilot, app, 14)
        await pilot.press("p")
        await pilot.pause(0.1)
        await build_package(pilot, app, GENEVA)
        assert app.state.outcome is not None
        assert app.state.outcome.ending == "permanent_ceasefire"
        assert isinstance(app.screen, DebriefScreen)


async def test_the_package_preview_reacts_to_each_change():
    app = make_app(seed=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_game(pilot, app)
        await pilot.press("p")
        await pilot.pause(0.1)
        preview = app.screen.query_one("#preview")
        before = str(preview.render())
        assert "nothing to preview yet" in before  # the mediator starts from what stands
        issues = app.screen.query_one("#issues")
        assert "(as it stands)" in str(issues.get_option_at_index(0).prompt)
        await pilot.press("right")
        await pilot.pause(0.1)
        after = str(preview.render())
        assert after != before and "GNA" in after and "LNA" in after
        assert "(as it stands)" not in str(issues.get_option_at_index(0).prompt)  # changed
        assert "(as it stands)" in str(issues.get_option_at_index(1).prompt)
        await pilot.press("escape")
        assert isinstance(app.screen, TalksScreen)


async def test_page_keys_scroll_the_reactions_that_do_not_fit():
    """A teacher's playtest: at 100x30 the reactions ran past the bottom of the builder (the
    backer that would block, what hurts most) and PageDown did nothing."""
    app = make_app(seed=7, role="gna")  # a delegation: its own numbers come first
    async with app.run_test(size=(100, 30)) as pilot:
        await start_game(pilot, app)
        await pilot.press("p")
        await pilot.pause(0.1)
        for _ in range(len(app.rules.issues)):  # change every issue: a long what-if
            await pilot.press("right", "down")
        await pilot.pause(0.1)
        box = app.screen.query_one("#preview-box")
        assert box.max_scroll_y > 0  # it does not fit
        assert "PgDn" in str(app.screen.query_one("#package-title").render())
        await pilot.press("pagedown")
        await pilot.pause(0.1)
        assert box.scroll_y > 0
        await pilot.press("pageup")
        await pilot.pause(0.1)
        assert box.scroll_y == 0
        assert app.screen.query_one("#issues").has_focus  # still choosing options
        # a changed option brings the new verdict back into view (a playtest at 80x24 had to
        # page back up after every change)
        await pilot.press("pagedown")
        await pilot.pause(0.1)
        assert box.scroll_y > 0
        await pilot.press("left")
        await pilot.pause(0.1)
        assert box.scroll_y == 0


async def test_continue_resumes_after_the_process_dies(data_home):
    """The autosave after every move lets Continue pick up at the last completed turn."""
    app = make_app(seed=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_game(pilot, app)
        await wait_turns(pilot, app, 3)
        actions, turn = app.state.actions, app.state.turn
    # the first app is gone without any goodbye; a new one continues from the autosave
    assert (data_home / "saves" / "autosave.json").exists()
    again = make_app()
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot, again)
        assert isinstance(again.screen, TitleScreen)
        menu = again.screen.query_one("#menu")  # it says which game it resumes
        label = str(menu.get_option("continue").prompt)
        assert label == f"Continue: UN mediator, turn {turn + 1}", label
        await pilot.press("c")
        await settle(pilot, again)
        assert again.state.actions == actions and again.state.turn == turn
        assert isinstance(again.screen, TalksScreen)


async def test_save_and_load_a_named_slot(data_home):
    app = make_app(seed=6)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_game(pilot, app)
        await wait_turns(pilot, app, 2)
        saved = app.state.actions
        await pilot.press("s")
        await pilot.pause(0.1)
        await pilot.press(*"class-tuesday", "enter")
        await pilot.pause(0.2)
        assert (data_home / "saves" / "class-tuesday.json").exists()
        await wait_turns(pilot, app, 4)
        await pilot.press("l")
        await pilot.pause(0.1)
        slots = app.screen.paths
        index = [p.stem for p in slots].index("class-tuesday")
        listed = str(app.screen.query_one("#slots").get_option_at_index(index).prompt)
        assert listed.startswith("class-tuesday — libya-5plus5-2020, as ")
        assert "turn 3" in listed and "seed 6" in listed, listed
        for _ in range(index):
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.state.actions == saved


async def test_a_broken_scenario_shows_its_problems_not_a_traceback():
    app = make_app(scenario=str(FIXTURES / "bad" / "bad_reference.yaml"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        assert isinstance(app.screen, ErrorScreen)
        text = str(app.screen.query_one("#error-lines").render())
        assert "bad_reference.yaml:64:12" in text and "did you mean 'river'" in text


async def test_an_unknown_scenario_id_shows_the_bundled_ids_not_a_traceback():
    app = make_app(scenario="libya-5plus5")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        assert isinstance(app.screen, ErrorScreen)
        text = str(app.screen.query_one("#error-lines").render())
        assert "did you mean 'libya-5plus5-2020'" in text


async def test_a_save_that_cannot_be_loaded_says_what_to_do_and_esc_goes_to_the_title(tmp_path):
    """A teacher's playtest: a damaged save was told 'ceasefire validate FILE shows the same
    list' (validate reads scenarios), and Esc left a blank screen."""
    from game.tui.screens.title import TitleScreen

    bad = tmp_path / "bad.json"
    bad.write_text('{"game": "ceasefire", "format": 1}', encoding="utf-8")
    app = make_app(load=str(bad))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        assert isinstance(app.screen, ErrorScreen)
        said = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "Choose another save" in said and "validate" not in said
        await pilot.press("escape")
        await settle(pilot, app)
        assert isinstance(app.screen, TitleScreen)


async def test_markup_in_scenario_text_is_shown_literally(tmp_path):
    """A '[' in scenario text neither breaks nor restyles the screen."""
    text = (FIXTURES / "minimal.yaml").read_text()
    text = text.replace("title: The Valley Talks", 'title: "The [bold]Valley[/] Talks [/]"')
    text = text.replace("    name: River Coalition\n", "    name: \"River [red]Coalition[/red] [/]\"\n")
    text = text.replace("text: Rain floods the trenches on both sides.",
                        'text: "Rain floods [/] the [link=x]trenches[/link]."')
    path = tmp_path / "markup.yaml"
    path.write_text(text)
    app = make_app(scenario=str(path), seed=1, role="river")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        assert isinstance(app.screen, TalksScreen), app.screen
        sides = str(app.screen.query_one("#factions").render())
        assert "River [red]Coalition[/red] [/]" in sides
        await pilot.press("n")  # the news tab, where the storm's text will appear
        talks = app.screen
        await wait_turns(pilot, app, 7)
        await pilot.pause(0.2)
        feed = str(talks.query_one("#feed").render())
        assert "Rain floods [/] the [link=x]trenches[/link]." in feed
        assert any(e.kind == "event" and e.data["id"] == "storm" for e in history(app.state))


async def test_theme_toggle_is_remembered(data_home):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        first = app.theme
        await pilot.press("f2")
        assert app.theme != first
    again = make_app()
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot, again)
        assert again.theme != first


async def test_walking_out_asks_first_and_no_means_nothing_happened():
    app = make_app(seed=7, role="gna")
    async with app.run_test(size=(120, 40)) as pilot:
        await start_game(pilot, app)
        talks = app.screen
        assert isinstance(talks, TalksScreen) and app.state.role == "gna"
        before = app.state.actions
        from game.tui.screens.dialogs import ConfirmScreen

        for answer in ("n", "y"):
            await pick_move(pilot, talks, "walk_out")
            assert isinstance(app.screen, ConfirmScreen)
            text = " ".join(str(s.render()) for s in app.screen.query("Static"))
            assert "Walk out of the talks?" in text and "return to the talks later" in text
            await pilot.press(answer)
            await settle(pilot, app)
            assert isinstance(app.screen, TalksScreen)
            if answer == "n":
                assert app.state.actions == before  # nothing was played
        assert [a.act for a in app.state.actions[len(before):] if a.role == "gna"][0] == \
            "walk_out"


async def test_after_the_ai_moves_a_note_says_what_the_others_did():
    app = make_app(seed=7, role="gna")
    async with app.run_test(size=(120, 40)) as pilot:
        await start_game(pilot, app)
        await pilot.press("t")  # the Table in front (start_game's n showed the News)
        before = app.state
        await pilot.press("w")
        await settle(pilot, app)
        shown = [n for n in app._notifications if n.title == "Meanwhile"]
        from game import notes

        expected = notes.turn_report(before, app.state, "gna")
        assert expected, "the others did something in a whole turn"
        assert shown and shown[-1].message.splitlines()[-1] == expected[-1]
        assert all("waits" not in line for line in expected)  # waiting is not news
        # it covers the tab's text: a few seconds (a playtester found ~5 s a turn in the way)
        assert shown[-1].timeout <= 2 + len(shown[-1].message.splitlines()) / 2
        await pilot.press("p")  # the full-screen builder: no toast over its what-if
        await pilot.pause(0.2)
        assert type(app.screen).__name__ == "PackageScreen"
        assert not list(app._notifications)


async def test_with_the_news_in_front_the_note_only_says_what_the_news_does_not():
    """The News shows what the others did as it happens; a note would cover its newest lines.
    Who is away from the table is not in the News: that note still comes."""
    from game import notes

    app = make_app(seed=7, role="gna")
    async with app.run_test(size=(100, 30)) as pilot:
        await start_game(pilot, app)  # its n shows the News
        talks = app.screen
        assert talks.query_one("#tabs").active == "news"
        app.clear_notifications()
        before = app.state
        await pilot.press("w")
        await settle(pilot, app)
        report = notes.turn_report(before, app.state, "gna")
        assert report  # there was something to say
        assert not [n for n in app._notifications if n.title == "Meanwhile"]
        feed = " ".join(talks.query_one("#feed").content.plain.split())  # unfolded
        assert all(" ".join(line.split()) in feed for line in report)  # and the News says it
        await pick_move(pilot, talks, "walk_out")
        await pilot.press("y")
        await settle(pilot, app)
        notes = [n for n in app._notifications if n.title == "Meanwhile"]
        assert notes and notes[-1].message == ("Your delegation is no longer at the table: "
                                               "'Return to the talks' brings it back.")


async def test_the_news_stays_at_the_latest_entry_as_turns_pass():
    """Also after a dialog (the walkout's confirmation) covered the talks while they changed."""
    app = make_app(seed=7, role="gna")
    async with app.run_test(size=(100, 30)) as pilot:
        await start_game(pilot, app)
        talks = app.screen
        await pilot.press("n")
        scroll = talks.query_one("#feed-scroll")
        await pick_move(pilot, talks, "walk_out")
        await pilot.press("y")
        await settle(pilot, app)
        for turn in (None, 3, 4):
            if turn:
                await wait_turns(pilot, app, turn)
            await pilot.pause(0.2)
            assert scroll.max_scroll_y > 0 and scroll.scroll_y == scroll.max_scroll_y


async def test_the_news_shows_a_new_turn_even_after_the_reader_scrolled_up():
    """A playtester scrolled up to read each turn's news, and the next turn's stayed out of
    sight until they pressed End. Scrolled up, the feed stays put for the rest of the turn;
    the next turn's news brings it to the end."""
    app = make_app(seed=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_game(pilot, app)
        talks = app.screen
        scroll = talks.query_one("#feed-scroll")
        await pilot.press("w")
        await settle(pilot, app)
        for turn in range(2, 5):
            await pilot.press("n", "n")  # into the News, to scroll it
            await pilot.press("pageup")
            await pilot.pause(0.2)
            assert scroll.scroll_y < scroll.max_scroll_y
            where = scroll.scroll_y
            app.state = app.state  # drawn again within the turn: where the reader is stays
            await pilot.pause(0.2)
            assert scroll.scroll_y == where
            await pilot.press("w")
            await settle(pilot, app)
            await pilot.pause(0.2)
            assert app.state.turn == turn
            assert scroll.scroll_y == scroll.max_scroll_y, turn


def test_the_load_list_says_what_each_save_is_and_which_cannot_be_read(tmp_path):
    from game.tui.screens.dialogs import slot_line

    good = tmp_path / "friday.json"
    good.write_text('{"format": 1, "game": "ceasefire", "scenario": "libya-5plus5-2020", '
                    '"seed": 12, "humans": ["lna"], "turn": 13, "ending": "collapse", '
                    '"actions": []}')
    broken = tmp_path / "half.json"
    broken.write_text('{"format": 1, "game": "ceasef')
    assert slot_line(good).startswith("friday — libya-5plus5-2020, as lna, ended (collapse), "
                                      "seed 12  (saved ")
    assert slot_line(broken).startswith("half — cannot be read  (saved ")


async def test_a_tab_key_pressed_twice_moves_into_the_tab_to_scroll_it():
    app = make_app(seed=7, role="gna")
    async with app.run_test(size=(80, 24)) as pilot:
        await start_game(pilot, app)
        await pilot.press("t", "n")
        await pilot.pause(0.1)
        assert app.focused.id == "actions"  # showing a tab leaves the moves in hand
        await pilot.press("n")
        await pilot.pause(0.1)
        assert app.focused.id == "feed-scroll"
        await pilot.press("y", "y")
        await pilot.pause(0.1)
        assert app.focused.parent.id == "why"


async def test_escape_from_any_pane_or_the_tab_bar_gives_the_moves_the_keys():
    """A playtester moved into a tab and could not get back: Esc did nothing, Tab went to the
    tab bar, where Enter does nothing. A teacher's playtest lost a move there: the footer
    says 'esc Moves' while a tab has the keys (a review: at 80 columns too)."""
    for size in ((100, 30), (80, 24)):
        await _escape_from_any_pane(size)


async def _escape_from_any_pane(size):
    from textual.widgets._tabbed_content import ContentTabs

    from game.tui.widgets.keybar import KeyBar

    app = make_app(seed=7, role="gna")
    async with app.run_test(size=size) as pilot:
        await start_game(pilot, app)
        talks = app.screen

        def footer() -> str:
            return str(talks.query_one(KeyBar).render())

        assert "esc Moves" not in footer()
        for key, pane in zip("tnyb", ("table", "news", "why", "backers")):
            await pilot.press(key, key)
            await pilot.pause(0.1)
            assert app.focused.parent.id == pane
            assert "esc Moves" in footer(), (size, footer())
            await pilot.press("escape")
            await pilot.pause(0.1)
            assert app.focused.id == "actions", pane
            assert "esc Moves" not in footer()
        talks.query_one(ContentTabs).focus()
        await pilot.pause(0.1)
        await pilot.press("escape")
        await pilot.pause(0.1)
        assert app.focused.id == "actions"


async def test_answering_a_confirmation_twice_leaves_the_moves_in_hand():
    """'n n' to refuse the walkout with News shown: the second n only shows its tab; it used to
    take the keys into the News, away from the moves. 'y y' to go ahead with Why? shown too
    (there the AI's turn already handed the keys back)."""
    app = make_app(seed=7, role="gna")
    async with app.run_test(size=(100, 30)) as pilot:
        await start_game(pilot, app)
        talks = app.screen
        before = app.state.actions
        for tab, answer in (("news", "n"), ("why", "y")):
            await pilot.press(tab[0])
            await pick_move(pilot, talks, "walk_out")
            assert type(app.screen).__name__ == "ConfirmScreen"
            await pilot.press(answer, answer)
            await settle(pilot, app)
            assert app.screen is talks and talks.query_one("#tabs").active == tab
            assert app.focused.id == "actions", tab
            if answer == "n":
                assert app.state.actions == before  # nothing was played
            await pilot.press(answer)  # asked again: now the keys go into the tab
            await pilot.pause(0.1)
            assert app.focused.parent.id == tab


async def test_a_delegation_tabling_a_package_below_its_own_bar_is_asked_twice():
    """Tabling a package as a delegation is accepting it: the builder says so, and a package
    worth less to the player's side than no deal takes a second Enter (a playtester signed
    one without noticing)."""
    app = make_app(seed=7, role="lna")
    async with app.run_test(size=(120, 40)) as pilot:
        await start_game(pilot, app)
        while app.state.role != "lna":
            await settle(pilot, app)
        await pilot.press("p")
        await pilot.pause(0.1)
        screen = app.screen
        assert isinstance(screen, PackageScreen)
        gna_wants = dict(zip(app.rules.issues, app.rules.favourite["gna"]))
        await build_package(pilot, app, gna_wants)  # ends with one Enter
        assert app.screen is screen and screen.confirming  # not tabled yet
        assert screen.own_reaction.likely == "reject"
        preview = " ".join(str(screen.query_one("#preview").render()).split())  # (unfolded)
        assert "if GNA accepts, it is signed" in preview and "your public stance" in preview
        assert any("Press Enter again" in n.message for n in app._notifications)
        before = len(app.state.actions)
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.screen is not screen
        tabled = [a for a in app.state.actions[before:] if a.role == "lna"]
        assert tabled and tabled[0].package == tuple(screen.package)


async def world_tab(size: tuple[int, int]) -> str:
    """The World tab's text on turn 1 of seed 3 at this terminal size."""
    app = make_app(seed=3)
    async with app.run_test(size=size) as pilot:
        await start_game(pilot, app)
        await pilot.press("b")
        await pilot.pause(0.2)
        return str(app.screen.query_one("#backing").render())


async def test_the_world_and_table_tabs_fold_under_their_text_from_the_first_turn():
    """On turn 1 the World tab was drawn before it had a width: backer names were cut to the
    narrow column ('United Arab Em') until the next turn. Folded lines keep their indent."""
    from game.present import fold as hang

    world = await world_tab((100, 30))
    assert "United Arab Emirates" in world
    lines = world.splitlines()
    assert lines[0].split() == ["Backer", "backs", "support"]  # the columns say what they are
    wants = [i for i, line in enumerate(lines) if line.startswith("  wants: ")]
    folded = [lines[i + 1] for i in wants if i + 1 < len(lines)
              and not lines[i + 1].lstrip().startswith(("wants", "World", "Held"))
              and lines[i + 1].startswith("    ")]
    assert folded, "some backer's wants fold at 100 columns, under their text"
    assert hang("  abc def ghi", 8, 4).splitlines() == ["  abc", "    def", "    ghi"]
    assert hang("short", 0, 4) == "short"  # no width yet: as it is


async def test_the_news_folds_under_its_text_and_again_when_the_width_changes():
    app = make_app(seed=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_game(pilot, app)
        await pilot.press("w")
        await settle(pilot, app)
        await pilot.press("n")
        await pilot.pause(0.3)
        feed = app.screen.query_one("#feed")

        def lines_and_width():
            return str(feed.render()).splitlines(), feed.content_size.width

        lines, width = lines_and_width()
        assert all(len(line) <= width for line in lines), width
        # a long change line folds under its own text, not back to the edge (the turn's
        # drift, a cause a line, is long enough at this width)
        after_change = [b for a, b in zip(lines, lines[1:]) if a.startswith("  · ")
                        and b.startswith(" ") and not b.lstrip().startswith(("·", "["))]
        assert after_change, lines
        assert all(b.startswith("    ") and b[4] != " " for b in after_change), after_change
        await pilot.resize_terminal(130, 36)
        await pilot.pause(0.3)
        wider, new_width = lines_and_width()
        assert new_width > width and all(len(line) <= new_width for line in wider)
        assert max(len(line) for line in wider) > width  # folded again, for the new width
        await pilot.resize_terminal(100, 30)
        await pilot.press("p")  # a package, so that Why? has reactions to show
        await pilot.pause(0.1)
        await build_package(pilot, app, {"prisoners": "wounded_first"})
        await pilot.press("y")
        await pilot.pause(0.3)
        reasons = app.screen.query_one("#reasons")
        text = str(reasons.render()).splitlines()
        assert len(text) > 3 and all(len(line) <= reasons.content_size.width for line in text)


async def test_the_status_line_names_the_role_the_same_way_whoever_is_moving():
    from game.engine.observe import observe
    from game.tui.widgets.panels import StatusBar

    app = make_app(seed=7, role="gna")
    async with app.run_test(size=(100, 30)) as pilot:
        await start_game(pilot, app)
        from game import present

        bar = app.screen.query_one(StatusBar)
        obs = observe(app.state, "gna", with_log=False)
        line = " " + present.short_header(app.rules, obs, app.rules.s.roles["gna"].name)
        # wide enough for the whole name after "YOUR MOVE", not after "others moving…"
        await pilot.resize_terminal(len(" YOUR MOVE ") + len(line) + 2, 30)
        await pilot.pause(0.2)
        shown = []
        for my_move in (True, False):
            bar.show(app.rules, obs, app.rules.s.roles["gna"].name, my_move)
            shown.append(str(bar.render()).split("You: ")[1])
        assert shown[0] == shown[1], shown


async def test_the_status_line_keeps_the_venue_whole_while_a_deadline_runs():
    """A playtester at 100 columns read '… · You: LNA delegation · Geneva (in' once the
    mediator had set a deadline."""
    from game.engine import apply, new_game
    from game.engine.observe import observe
    from game.engine.state import Action
    from game.tui.widgets.panels import StatusBar

    app = make_app(seed=7, role="lna")
    async with app.run_test(size=(100, 30)) as pilot:
        await start_game(pilot, app)
        state = new_game(app.rules, 7, {"mediator", "gna", "lna"})
        state = apply(state, Action("mediator", "set_deadline"))
        obs = observe(state, "lna", with_log=False)
        assert obs.deadline_in is not None
        bar = app.screen.query_one(StatusBar)
        for my_move in (True, False):
            bar.show(app.rules, obs, app.rules.s.roles["lna"].name, my_move)
            await pilot.pause(0.1)
            shown = str(bar.render())
            assert "deadline in" in shown and len(shown.rstrip()) <= 100, shown
            assert shown.rstrip().endswith(("Geneva", "Geneva (in person)")), shown  # not cut


@pytest.mark.parametrize("role", ["mediator", "gna", "lna"])
async def test_the_status_line_keeps_the_venue_whole_at_its_longest(role):
    """A teacher's playtest at 100 columns: '… deadline: this turn · You: UN mediator · Video'
    (in September, by video, on the deadline's last turn)."""
    import dataclasses

    from game.engine.observe import observe
    from game.tui.widgets.panels import StatusBar

    app = make_app(seed=7, role=role)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_game(pilot, app)
        obs = dataclasses.replace(observe(app.state, role, with_log=False), venue="video",
                                  deadline_in=0, date="2020-09-21", turn=17)
        bar = app.screen.query_one(StatusBar)
        for my_move in (True, False):
            bar.show(app.rules, obs, app.rules.s.roles[role].name, my_move)
            await pilot.pause(0.1)
            shown = str(bar.render()).rstrip()
            assert len(shown) <= 100 and shown.endswith("Video calls"), shown
            assert "deadline: this turn" in shown and "21 Sep 2020" in shown, shown
            if role != "mediator":  # the delegation's short name, not nothing (a student)
                short = app.rules.s.factions[app.rules.faction_of[role]].short
                assert f" · You: {short} · " in shown or f"You: {short} delegation" in shown, \
                    shown


async def test_help_names_the_seed_and_how_to_replay_this_game():
    """A teacher's playtest: the seed was shown only on the title and the debrief."""
    from game.tui.screens.dialogs import HelpScreen

    app = make_app(seed=7, role="gna")
    async with app.run_test(size=(100, 30)) as pilot:
        await start_game(pilot, app)
        app.notify("a note", title="Meanwhile")
        await pilot.press("question_mark")  # as F1 (a playtester tried '?' first)
        await pilot.pause(0.1)
        assert isinstance(app.screen, HelpScreen)
        assert not app._notifications  # no note over the help's text
        text = str(app.screen.query_one("#help-game").render())
        assert "seed 7" in text
        assert "ceasefire play libya-5plus5-2020 --seed 7 --role gna" in text
        # a game started with --seed opens at the first move: the brief is here too
        brief = " ".join(app.rules.s.roles["gna"].brief.split())
        assert "Your brief, as GNA delegation (Tripoli): " + brief[:60] in " ".join(text.split())
        # back on the title screen, the last game's seat and seed are not this one's (a
        # review: F1 there showed them)
        await pilot.press("escape")
        app.to_title()
        await pilot.pause(0.1)
        await pilot.press("f1")
        await pilot.pause(0.1)
        assert isinstance(app.screen, HelpScreen)
        assert not str(app.screen.query_one("#help-game").render()).strip()


async def test_loading_a_save_with_several_seats_takes_the_role_asked_for(tmp_path):
    """Review: line mode honoured --role among a save's human seats; the full-screen game took
    the first in alphabetical order."""
    from game.engine import new_game, saves
    from tests.engine.helpers import rules_for

    path = tmp_path / "two.json"
    saves.save(new_game(rules_for("default"), 5, {"gna", "lna"}), path)
    for role in ("gna", "lna"):
        app = make_app(load=str(path), role=role)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot, app)
            assert app.role == role and app.state.seed == 5


async def test_at_80x24_page_keys_read_the_briefing_and_keep_the_scenario():
    """A student's playtest at 80x24: the briefing stopped at 'You speak for the', Tab never
    reached it, and PgDn on the scenario list switched the scenario."""
    app = make_app(seed=3)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        title = app.screen
        scenarios = title.query_one("#scenarios")
        chosen = scenarios.highlighted
        box = title.query_one("#details-box")
        assert box.max_scroll_y > 0  # the briefing does not fit
        await pilot.press("pagedown")
        await pilot.pause(0.1)
        assert scenarios.highlighted == chosen and box.scroll_y > 0
        for _ in range(4):  # Tab reaches the briefing itself
            if box.has_focus:
                break
            await pilot.press("tab")
        assert box.has_focus


async def test_the_title_offers_the_role_last_played_in_that_scenario():
    """A playtester had to pick the LNA again at every start: the list began at the mediator."""
    app = make_app(seed=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        title = app.screen
        assert title.role == "mediator"
        title.query_one("#roles").highlighted = 2
        assert title.role == "lna"
        await pilot.press("n")
        await settle(pilot, app)
        assert app.role == "lna"
    again = make_app(seed=3)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot, again)
        assert again.screen.role == "lna"


async def test_a_hand_edited_settings_file_keeps_what_fits_and_starts(data_home):
    """Settings of the wrong kind fall back to their defaults, the rest is kept, and the
    title screen (which reads the remembered roles) still starts."""
    import json

    from game.tui import settings

    data_home.mkdir(parents=True, exist_ok=True)
    (data_home / "settings.json").write_text(json.dumps(
        {"roles": "lna", "ai_delay": "fast", "theme": "textual-light"}), encoding="utf-8")
    loaded = settings.load()
    assert loaded["roles"] == {} and loaded["ai_delay"] == 0.3
    assert loaded["theme"] == "textual-light"
    for fold, kept in ((False, False), (0, True), ("no", True)):  # a yes/no is a bool, only
        (data_home / "settings.json").write_text(json.dumps({"plain_fold": fold}))
        assert settings.load()["plain_fold"] is kept, fold
    (data_home / "settings.json").write_text(json.dumps({"ai_delay": True}))
    assert settings.load()["ai_delay"] == 0.3  # (and a bool is no number)
    app = make_app(seed=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        assert app.screen.role == "mediator"


async def test_the_arrows_stop_at_the_ends_of_the_moves_list():
    """A playtester pressed down past the last move and was back at the first, unseen (the
    list is taller than its box)."""
    app = make_app(seed=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_game(pilot, app)
        moves = app.screen.query_one("#actions")
        moves.focus()
        last = moves.option_count - 1  # (entries of one move share a line: not the menu's)
        assert last >= 3
        moves.highlighted = last
        await pilot.press("down")
        assert moves.highlighted == last
        await pilot.press("up")
        assert moves.highlighted == last - 1
        moves.highlighted = 0
        await pilot.press("up")
        assert moves.highlighted == 0
        await pilot.press("down", "down")
        assert moves.highlighted == 2


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
async def test_the_builder_folds_each_reaction_under_its_own_text(size):
    """In the package builder a long reason folded back to the edge ('Its' / 'ripeness is
    51…' under the side's name), and a long option left its ▶ alone on a line; at 80x24 a
    scrollbar that came after the folding narrowed the text and folded it again ('left' /
    'as it is')."""
    app = make_app(seed=1)
    async with app.run_test(size=size) as pilot:
        await start_game(pilot, app)
        await pilot.press("p")
        await pilot.pause(0.2)
        screen = app.screen
        assert isinstance(screen, PackageScreen)
        await pilot.press("right")  # (as it stands the package changes nothing)
        await pilot.pause(0.2)
        preview = screen.query_one("#preview")
        width = preview.content_size.width
        lines = str(preview.render()).splitlines()  # (the first: the verdicts, one line)
        assert width > 20 and max(len(line) for line in lines[1:]) <= width
        names = {app.rules.s.factions[f].short for f in app.rules.factions}
        at = next(i for i, line in enumerate(lines) if line in names)
        reasons = [line for line in lines[at:] if line.strip() and line not in names]
        assert reasons and all(line.startswith("  ") for line in reasons), lines
        await pilot.pause(0.2)  # laid out again, a scrollbar and all: the same width
        assert preview.content_size.width == width
        for k in range(len(app.rules.issues)):
            prompt = str(screen.prompt(k))
            assert "◀\u00a0" in prompt and "\u00a0▶" in prompt


async def test_the_builder_says_a_counter_with_no_draft_tables_ones_own():
    """A playtester's builder said 'Table a counter-proposal' with nothing on the table."""
    app = make_app(seed=7, role="gna")  # (seed 7: the mediator opens without a draft)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_game(pilot, app)
        while app.state.role != "gna":
            await settle(pilot, app)
        assert app.state.table is None
        await pilot.press("p")
        await pilot.pause(0.2)
        assert isinstance(app.screen, PackageScreen)
        title = str(app.screen.query_one("#package-title").render())
        assert "Table a package of your own (there is no draft to counter)" in title
        assert "counter-proposal" not in title



async def test_the_debrief_folds_each_turning_point_under_its_text():
    """A playtester saw a long turning point ('Signed: ...') run back to the left edge, under
    the dates."""
    from game.engine.commands import parse_action

    app = make_app(seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_game(pilot, app)  # (a first package, signed on turn 1, and then wait)
        app.human_move(parse_action(app.state, "mediator", "propose prisoners=all_for_all "
                                    "land_routes=all_routes flights=domestic"))
        await settle(pilot, app)
        await wait_turns(pilot, app, 99)
        await pilot.pause(0.3)
        assert isinstance(app.screen, DebriefScreen)
        lines = str(app.screen.query_one("#summary-text").render()).splitlines()
        points = lines[lines.index("Turning points") + 1:]
        points = points[:next(i for i, line in enumerate(points) if not line.strip())]
        assert any(line.startswith(" " * 15) for line in points), points  # one was folded
        # each point starts with its date, right-aligned (' 1 Jun 2020'), its text after it
        dated = re.compile(r"^   ?\d{1,2} [A-Z][a-z]{2} 20\d\d  \S")
        assert all(dated.match(line) or line.startswith(" " * 15) and line[15] != " "
                   for line in points), points
        # the Timeline too: a folded line goes on under its text, never at the left edge
        # where only the log's own lines begin (a student's playtest)
        from game.engine.explain import describe

        starts = {line[:12] for entry in history(app.state)
                  for line in describe(app.rules, entry, None, cite="named")}
        await pilot.press("2")
        await pilot.pause(0.3)
        timeline = str(app.screen.query_one("#timeline-text").render()).splitlines()
        width = app.screen.query_one("#timeline-text").content_size.width
        assert width and all(len(line) <= width for line in timeline), [
            line for line in timeline if len(line) > width]
        edge = [line for line in timeline if line and not line.startswith(" ")]
        assert edge and all(line[:12] in starts for line in edge), edge
        assert any(line.startswith("    ") for line in timeline)  # something was folded


async def test_a_long_backer_name_fits_the_narrow_world_tab_by_its_initials():
    """At 80x24 the World tab cut 'United Arab Emirates' to 'United Arab Em'."""
    from game.present import fit_name

    assert fit_name("United Arab Emirates", 14) == "UAE"
    assert fit_name("Turkey", 14) == "Turkey"
    assert fit_name("Wagner group contractors", 6) == "Wagne…"  # not all capitalised
    world = await world_tab((80, 24))
    assert "UAE " in world and "United Arab Em" not in world


async def test_the_first_key_after_the_note_of_the_others_moves_clears_it():
    """Playtests: the 'Meanwhile' note lay over the moves and the tabs for seconds a turn (at
    80 columns over the whole right-hand side). A key the player presses clears it, once:
    other notes stay."""
    app = make_app(seed=7, role="gna")
    async with app.run_test(size=(80, 24)) as pilot:
        await start_game(pilot, app)
        await pilot.press("t")
        await pilot.press("w")
        await settle(pilot, app)
        assert [n for n in app._notifications if n.title == "Meanwhile"]
        await pilot.press("down")
        await pilot.pause(0.05)
        assert not list(app._notifications)
        app.notify("You cannot table a package now.", severity="warning")  # another note
        await pilot.press("down")
        await pilot.pause(0.05)
        assert [n for n in app._notifications if n.message.startswith("You cannot")]
        # a note that went by itself clears nothing later (a review: the flag outlived it)
        app.clear_notifications()
        await pilot.press("w")
        await settle(pilot, app)
        assert [n for n in app._notifications if n.title == "Meanwhile"]
        app.meanwhile = time.monotonic() - 1  # (as if its few seconds had passed)
        app.notify("Saved to a slot.")
        await pilot.press("down")
        await pilot.pause(0.05)
        assert [n for n in app._notifications if n.message == "Saved to a slot."]


async def test_wait_on_waits_through_quiet_turns_until_something_happens():
    """A playtest, its deal signed on the first turn, pressed Wait seven turns in a row with
    nothing happening. W waits on until another side moves or news comes, and says how many
    quiet turns went by."""
    from game import notes
    from game.engine.state import Action

    app = make_app(seed=0, role="lna")
    async with app.run_test(size=(100, 30)) as pilot:
        await start_game(pilot, app)
        package = ("truce", "wounded_first", "coastal_road", "domestic", "pledge", "as_is",
                   "reopen_escrow", "no_advance")
        app.human_move(Action("lna", "counter", package=package))  # (its deal, at once)
        await settle(pilot, app)
        jumped = False
        for _ in range(12):
            if app.state.outcome is not None:
                break
            before = app.state
            app.clear_notifications()
            await pilot.press("W")
            await settle(pilot, app)
            after = app.state
            assert after.turn > before.turn
            assert notes.news_between(before, after, "lna")  # it stopped on something
            if after.turn - before.turn > 1 and after.outcome is None:
                jumped = True
                note = [n for n in app._notifications if n.title == "Meanwhile"]
                quiet = after.turn - before.turn - 1
                assert note and note[-1].message.splitlines()[0].startswith(
                    f"{quiet} quiet turn"), note
        assert jumped, "no quiet turn in this game any more"


def _waited_on(state, role: str):
    """Where W would stop from ``state``: pass, let the others move, again while a turn brings
    nothing (as the app does, by the engine alone)."""
    from game import notes
    from game.engine import PASS, apply
    from game.engine.ai import choose
    from game.engine.state import Action

    while True:
        after = apply(state, Action(role, PASS))
        while after.outcome is None and after.role != role:
            action, why = choose(after)
            after = apply(after, action, why)
        if after.outcome is not None or notes.news_between(state, after, role):
            return after
        state = after


async def test_any_key_stops_a_wait_on_at_the_players_next_move():
    """A review: W waiting through twenty quiet turns at the AI's pace could not be stopped.
    A key during the wait ends it when the move comes back to the player (and still does its
    own work); the status line says it is stopping, and the note counts the turns it did
    wait."""
    from textual import events

    from game.tui.widgets.panels import StatusBar

    app = make_app(seed=5)  # (the mediator, who will wait through four quiet turns)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_game(pilot, app)
        while app.state.outcome is None and \
                _waited_on(app.state, "mediator").turn - app.state.turn < 4:
            await pilot.press("w")
            await settle(pilot, app)
        assert app.state.outcome is None, "no long quiet in this game any more"
        start, full = app.state, _waited_on(app.state, "mediator")
        bar = app.screen.query_one(StatusBar)
        shown, update = [], bar.update
        bar.update = lambda text: (shown.append(str(text)), update(text))[1]
        told, notify = [], app.notify  # (every note, even one gone by the time we look)
        app.notify = lambda message, **kw: (told.append((kw.get("title"), message)),
                                            notify(message, **kw))[1]
        app.ai_delay = 0.3  # (the AI's pace in play: a turn takes longer than the checks)
        app.screen.action_wait_on()  # (W: pressed, the pilot would wait out the whole run)
        for _ in range(400):  # until the first quiet turn has gone by
            await pilot.pause(0.01)
            if app.quiet >= 1:
                break
        assert app.quiet >= 1
        app.post_message(events.Key("n", "n"))  # (the News tab: a key with work of its own)
        await settle(pilot, app)
        assert app.waiting_on is None and not app.wait_stopping
        assert app.state.role == "mediator" and start.turn < app.state.turn < full.turn
        quiet = app.state.turn - start.turn
        note = [message for title, message in told if title == "Meanwhile"]
        assert note and note[-1].startswith(f"{quiet} quiet turn"), told
        assert app.screen.query_one("#tabs").active == "news"
        said = [line.split(" Turn ")[0].strip() for line in shown]
        assert said.index("waiting on: any key stops") < said.index("stopping at your move…") \
            < len(said) - 1 and said[-1] == "YOUR MOVE", said
        assert "others moving…" not in said  # (nor "YOUR MOVE" between the quiet turns)


async def test_a_game_loaded_while_the_ai_thinks_is_not_overwritten_or_stuck():
    """A review: loading a save while an AI run was in flight let the old run's moves replace
    the loaded game, or left the game waiting for a run that would never report."""
    from game.engine import apply, new_game
    from game.engine.ai import choose
    from game.engine.state import Action
    from game.tui.app import GameReady

    app = make_app(seed=5, role="lna", ai_delay=0.2)  # slow: the run is still going
    async with app.run_test(size=(100, 30)) as pilot:
        await start_game(pilot, app)
        loaded = new_game(app.rules, 99, {"lna"})
        while loaded.role != "lna" or len(loaded.actions) < 9:  # a longer game than the run's
            action, why = choose(loaded)
            loaded = apply(loaded, action, why)
        app.human_move(Action("lna", "pass"))  # the AI plays the others' moves, slowly
        assert app.thinking
        app.post_message(GameReady(app.rules, "lna", loaded, ""))
        await settle(pilot, app)
        assert app.state.seed == 99 and app.state.actions[:9] == loaded.actions[:9]
        assert not app.thinking and app.state.role == "lna"


async def test_a_wait_on_that_ends_the_game_does_not_carry_into_the_next():
    """A review: when the player's own wait ended the game, the wait-on stayed set, and the
    next game's first note was built from the old game."""
    from game.engine.simulate import play

    app = make_app(seed=5, role="gna")
    async with app.run_test(size=(100, 30)) as pilot:
        await start_game(pilot, app)
        app.waiting_on = app.state
        app.state = play(app.rules, 5)  # (as if the wait had played it to its end)
        app.continue_play()
        await pilot.pause(0.2)
        assert app.waiting_on is None
        assert type(app.screen).__name__ == "DebriefScreen"


async def test_the_ways_to_soften_a_stance_are_one_line_that_opens_a_choice():
    """A playtest at 100x30: each 'Soften a stance — issue: from → to' took three lines, and
    two of them filled the moves box, hiding 'Consult a backer', 'Walk out' and 'Wait'."""
    from textual.widgets import OptionList

    from game import present
    from game.tui.screens.dialogs import PickScreen

    app = make_app(seed=3, role="lna")
    async with app.run_test(size=(100, 30)) as pilot:
        await start_game(pilot, app)
        softer = [c for c in present.choices(app.state, "lna")
                  if present.is_concession(app.state, c)]
        assert len(softer) > 1
        moves = app.screen.query_one("#actions", OptionList)
        labels = [str(moves.get_option_at_index(i).prompt) for i in range(moves.option_count)]
        assert f"Soften a stance ({len(softer)} ways) …" in labels, labels
        assert not any(label.startswith("Soften a stance — ") for label in labels)
        assert len(labels) == len(present.grouped(app.state, present.choices(app.state, "lna")))
        assert "Consult a backer (4 choices) …" in labels  # (three or more targets: one line)
        moves.highlighted = labels.index(f"Soften a stance ({len(softer)} ways) …")
        moves.focus()
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, PickScreen)
        # what softening does, before choosing which (a student's pick said nothing), and
        # the footer says how to choose, not only how to cancel
        hint = str(app.screen.query_one("#pick-hint").render())
        assert "Move your public position one step" in hint
        assert "Effects: the other side's Trust +3." in " ".join(hint.split())
        assert "Choose" in [b.binding.description for b in app.screen.active_bindings.values()]
        before = len(app.state.actions)
        await pilot.press("down", "enter")  # the second way
        await settle(pilot, app)
        assert isinstance(app.screen, TalksScreen)
        mine = [a for a in app.state.actions[before:] if a.role == "lna"]
        assert mine and mine[0] == softer[1].action, (mine, softer[1].action)


async def test_w_does_not_wait_on_while_ones_own_delegation_is_away(tmp_path):
    """My own playtest pressed W through the GNA's walk-out of February 2020: the quiet
    turns went by, and the talks collapsed with the delegation still away."""
    from game.engine import saves
    from tests.engine.test_plain import _gna_away

    _, state = _gna_away()
    path = tmp_path / "away.json"
    saves.save(state, path)
    app = make_app(load=str(path), role="gna")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        before = app.state
        app.clear_notifications()
        await pilot.press("W")
        await pilot.pause(0.3)
        assert app.state is before and app.waiting_on is None
        told = [n for n in app._notifications if n.title == "Not waiting on"]
        assert told and "(w waits one turn.)" in told[0].message


@pytest.mark.parametrize("size", [(100, 30), (130, 36)])
async def test_the_table_tab_says_what_the_draft_is_worth_to_a_delegation(size):
    """A student found 'The draft is worth 70 to you' only under World, not on the Table tab
    beside the draft (narrow: a paragraph; wide: the table's caption)."""
    from game.tui.widgets.panels import TablePanel

    app = make_app(seed=5, role="gna")
    async with app.run_test(size=size) as pilot:
        await start_game(pilot, app)
        await pilot.pause(0.3)
        assert app.state.table is not None  # (the mediator tables a package in turn 1)
        shown = str(app.screen.query_one(TablePanel).render())
        if "The draft is worth" not in shown:  # (wide: a Rich table, its caption inside)
            from rich.console import Console

            console = Console(width=size[0], record=True)
            console.print(app.screen.query_one(TablePanel).content)
            shown = console.export_text()
        assert "The draft is worth " in " ".join(shown.split()), shown


async def test_the_note_of_the_others_moves_never_leaves_out_a_signature(monkeypatch):
    """A student's package was signed, and the note showed only the six later lines and
    '… 2 more in News': the signature was found by scrolling the News."""
    from game import notes

    lines = ["NEWS: one", "Signed: Prisoner exchange: All detainees, all for all."] + [
        f"NEWS: later {k}" for k in range(7)]
    monkeypatch.setattr(notes, "turn_report", lambda before, after, role: lines)
    app = make_app(seed=7, role="gna")
    async with app.run_test(size=(100, 30)) as pilot:
        await start_game(pilot, app)
        await pilot.press("t")  # (the Table in front: the note gives the turn's report)
        await pilot.pause(0.1)
        app.report(app.state, app.state)
        await pilot.pause(0.1)
        shown = [n for n in app._notifications if n.title == "Meanwhile"][-1].message
        said = shown.splitlines()
        assert said[0] == "… 3 more in News (n)" and said[1] == lines[1], said
        assert said[-1] == "NEWS: later 6" and len(said) == 7
