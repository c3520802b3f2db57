"""``ceasefire play --plain`` as a pipe or a screen reader meets it: numbered choices on
standard input, the same transcript for the same seed and input, a save at the end."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from game.engine import saves
from tests.conftest import ROOT
from tests.engine.helpers import rules_for


def plain(tmp_path, text: str, *args: str):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg")}
    return subprocess.run([sys.executable, "-m", "game", "play", "--plain", *args],
                          input=text, capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=120)


def first_menu(stdout: str) -> list[str]:
    block = stdout.split("Your move", 1)[1].split("\n> ", 1)[0]
    return re.findall(r"^  (\d+)\. ", block, flags=re.M)


def test_a_piped_game_exits_cleanly_and_saves_what_was_played(tmp_path):
    save = tmp_path / "s.json"
    result = plain(tmp_path, "2\n3\nwhy\nstatus\n", "--seed", "7", "--save", str(save))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "End of input. Saved to" in result.stdout
    assert save.exists()
    data = json.loads(save.read_text(encoding="utf-8"))
    assert data["seed"] == 7 and data["humans"] == ["mediator"]
    mine = [a for a in data["actions"] if a["role"] == "mediator"]
    assert len(mine) == 2 and all(a["act"] != "pass" for a in mine)  # the two choices made
    loaded = saves.load(rules_for("default"), save)
    assert loaded.diverged_turn is None and loaded.message == ""
    assert len(loaded.state.actions) == len(data["actions"]) == loaded.total
    assert loaded.state.role == "mediator" and loaded.state.outcome is None
    assert not (tmp_path / "xdg").exists()  # --save given: nothing in the data folder


def test_the_same_seed_and_input_print_the_same_transcript(tmp_path):
    args = ("--seed", "11", "--save", str(tmp_path / "s.json"))
    script = "2\n1\n\n\n3\n\n\n\n\n\n\n\nwhy\n"  # (8 answers, Enter to table, why)
    first = plain(tmp_path, script, *args)
    second = plain(tmp_path, script, *args)
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout
    assert "Build the package" in first.stdout  # the package builder took its answers
    assert "Land routes between the regions: All land routes reopen" in first.stdout


def test_a_different_seed_prints_a_different_game(tmp_path):
    waits = "wait\nwait\nwait\n"
    one = plain(tmp_path, waits, "--seed", "1", "--save", str(tmp_path / "a.json"))
    two = plain(tmp_path, waits, "--seed", "2", "--save", str(tmp_path / "b.json"))
    assert one.stdout != two.stdout


def test_a_wrong_number_says_which_numbers_are_valid_and_asks_again(tmp_path):
    result = plain(tmp_path, "99\n98\n", "--seed", "7", "--save", str(tmp_path / "s.json"))
    assert result.returncode == 0
    numbers = first_menu(result.stdout)
    assert numbers[-1] == "0" and numbers[:-1] == [str(n) for n in range(1, len(numbers))]
    top = len(numbers) - 1
    assert top > 2
    after = result.stdout.split("Your move", 1)[1]
    said = f"Choose 1 to {top}, or 0 to wait."
    assert after.count(said) == 2
    # (each answer after its prompt, the line read echoed: input from a file or pipe)
    assert re.search(rf"> 99\n{re.escape(said)}\n> 98\n{re.escape(said)}\n> ", after)
    data = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert not [a for a in data["actions"] if a["role"] == "mediator"]  # nothing was played


def test_zero_always_waits(tmp_path):
    result = plain(tmp_path, "0\n", "--seed", "7", "--save", str(tmp_path / "s.json"))
    assert "  0. Wait" in result.stdout
    data = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    mine = [a for a in data["actions"] if a["role"] == "mediator"]
    assert [a["act"] for a in mine] == ["pass"]


def test_help_names_the_moves_of_the_seat_being_played(tmp_path):
    mediator = plain(tmp_path, "help\n", "--seed", "7", "--save", str(tmp_path / "m.json"))
    gna = plain(tmp_path, "help\n", "--seed", "7", "--role", "gna", "--save",
                str(tmp_path / "g.json"))
    helps = [r.stdout.split("Commands:", 1)[1].split("Words can", 1)[0] for r in (mediator, gna)]
    assert "propose ISSUE=OPTION" in helps[0] and "counter" not in helps[0]
    assert "counter ISSUE=OPTION" in helps[1] and "propose" not in helps[1]
    assert "offensive TERRITORY" in helps[1] and "offensive" not in helps[0]


def test_line_mode_never_overwrites_the_full_screen_autosave(tmp_path):
    saves_dir = tmp_path / "xdg" / "ceasefire" / "saves"
    saves_dir.mkdir(parents=True)
    tui = saves_dir / "autosave.json"
    tui.write_text("the full-screen game's autosave", encoding="utf-8")
    result = plain(tmp_path, "0\n", "--seed", "7")
    assert result.returncode == 0, result.stderr
    assert tui.read_text(encoding="utf-8") == "the full-screen game's autosave"
    assert f"Saved to {saves_dir / 'autosave-plain.json'}." in result.stdout
    assert json.loads((saves_dir / "autosave-plain.json").read_text(encoding="utf-8"))["seed"] == 7


def test_an_offensive_shows_its_odds_before_it_is_launched(tmp_path):
    odds = {}
    for role in ("gna", "lna"):
        menu = plain(tmp_path, "", "--seed", "7", "--role", role, "--save",
                     str(tmp_path / f"{role}.json")).stdout
        odds[role] = [int(p) for p in re.findall(
            r"^  \d+\. Launch an offensive — .* \((\d+)% chance\)$", menu, re.M)]
        # three or more are one line of the menu, which lists them with their odds
        n = re.search(r"^  (\d+)\. Launch an offensive \((\d+) choices\)$", menu, re.M)
        if n:
            result = plain(tmp_path, f"{n.group(1)}\n\n", "--seed", "7", "--role", role,
                           "--save", str(tmp_path / f"{role}.json"))
            listed = result.stdout.split("Launch an offensive: which?", 1)[1].split("  > ")[0]
            odds[role] = [int(p) for p in re.findall(r"^  \d+\. .* \((\d+)% chance\)$",
                                                     listed, re.M)]
            assert len(odds[role]) == int(n.group(2)) >= 3
    assert odds["gna"] and odds["lna"]
    assert all(0 <= p <= 100 for p in odds["gna"] + odds["lna"])
    # January 2020: the LNA is the stronger side, and its odds say so
    assert max(odds["lna"]) > max(odds["gna"])


def test_a_delegation_sees_its_private_view_and_the_mediator_does_not(tmp_path):
    gna = plain(tmp_path, "", "--seed", "7", "--role", "gna", "--save",
                str(tmp_path / "g.json"))
    assert gna.returncode == 0, gna.stderr
    assert "You are: GNA delegation" in gna.stdout
    assert "Your private view (GNA)" in gna.stdout
    assert "Your move, GNA delegation" in gna.stdout
    mediator = plain(tmp_path, "", "--seed", "7", "--save", str(tmp_path / "m.json"))
    assert "Your private view" not in mediator.stdout
    data = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert data["humans"] == ["gna"]


def test_an_unknown_role_exits_two_with_a_message(tmp_path):
    result = plain(tmp_path, "", "--seed", "7", "--role", "king")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "no role 'king'" in result.stderr
    assert "mediator" in result.stderr and "gna" in result.stderr
    assert result.stdout == ""
    assert not (tmp_path / "xdg").exists()


def test_a_saved_game_continues_where_it_stopped(tmp_path):
    save = tmp_path / "s.json"
    plain(tmp_path, "2\n", "--seed", "7", "--save", str(save))
    before = json.loads(save.read_text(encoding="utf-8"))
    result = plain(tmp_path, "3\n", "--load", str(save), "--save", str(save))
    assert result.returncode == 0, result.stderr
    assert "diverged" not in result.stdout
    after = json.loads(save.read_text(encoding="utf-8"))
    assert after["actions"][: len(before["actions"])] == before["actions"]
    assert len([a for a in after["actions"] if a["role"] == "mediator"]) == 2


def test_a_loaded_game_saves_back_to_its_own_file_not_the_autosave(tmp_path):
    save = tmp_path / "s.json"
    plain(tmp_path, "2\n", "--seed", "7", "--save", str(save))
    before = json.loads(save.read_text(encoding="utf-8"))
    autosave = tmp_path / "xdg" / "ceasefire" / "saves" / "autosave-plain.json"
    autosave.parent.mkdir(parents=True)
    autosave.write_text("another game", encoding="utf-8")
    result = plain(tmp_path, "3\n", "--load", str(save))
    assert result.returncode == 0, result.stderr
    assert f"Saved to {save}." in result.stdout
    assert autosave.read_text(encoding="utf-8") == "another game"
    after = json.loads(save.read_text(encoding="utf-8"))
    assert after["actions"][: len(before["actions"])] == before["actions"]
    assert len(after["actions"]) > len(before["actions"])


@pytest.mark.parametrize(("extra", "message"), [
    (("--seed", "8"), "--seed does not go with --load"),
    (("--role", "gna"), "--role gna does not go with --load"),
    (("--save", "."), "is a folder"),
])
def test_load_refuses_options_it_would_otherwise_ignore(tmp_path, extra, message):
    save = tmp_path / "s.json"
    plain(tmp_path, "2\n", "--seed", "7", "--save", str(save))
    before = save.read_bytes()
    result = plain(tmp_path, "3\n", "--load", str(save), *extra)
    assert result.returncode == 2 and message in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert save.read_bytes() == before


def test_a_save_whose_scenario_file_broke_reports_that_files_errors(tmp_path):
    """Not 'not found', and not a bundled scenario in its place."""
    import shutil

    scenario = tmp_path / "mine" / "talks.yaml"
    scenario.parent.mkdir()
    shutil.copy(ROOT / "scenarios" / "libya-geneva-feb-2020.yaml", scenario)
    save = tmp_path / "s.json"
    plain(tmp_path, "", str(scenario), "--seed", "7", "--save", str(save))
    scenario.write_text(scenario.read_text(encoding="utf-8") + "  broken: [\n",
                        encoding="utf-8")
    result = plain(tmp_path, "", "--load", str(save))
    assert result.returncode == 2, result.stdout
    assert re.search(rf"{re.escape(str(scenario))}:\d+:\d+: ", result.stderr)
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["help", "issues", "brief"])
def test_help_and_issues_print_and_play_nothing(tmp_path, command):
    result = plain(tmp_path, command + "\n", "--seed", "7", "--save", str(tmp_path / "s.json"))
    assert result.returncode == 0
    expected = {"help": "Commands:", "issues": "ceasefire: Complete and permanent",
                "brief": "Your brief, as UN mediator (UNSMIL): You chair"}[command]
    assert expected in result.stdout
    data = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert not [a for a in data["actions"] if a["role"] == "mediator"]


def test_at_a_terminal_long_lines_fold_between_words_under_their_text():
    from game.plain import wrap

    line = "  12. Soften your stance — Complete and permanent ceasefire: 'No ceasefire' → 'A " \
           "renewable truce on current lines'"
    folded = wrap(line, 40).splitlines()
    assert all(len(part) <= 40 for part in folded) and len(folded) > 2
    assert all(part.startswith(" " * 6) and not part.startswith(" " * 7) for part in folded[1:])
    assert " ".join(p.strip() for p in folded) == " ".join(line.split())  # no word split
    assert wrap("NEWS: " + "x" * 50, 40).splitlines()[0] == "NEWS:"  # a long word is kept whole


def test_at_a_terminal_the_help_keeps_one_row_per_command():
    """A playtester saw line mode's help folded into one paragraph at a terminal: each line
    of a many-line text folds on its own."""
    from game.plain import help_text, wrap

    text = help_text(rules_for("default"), "mediator")
    folded = wrap(text, 60).splitlines()
    assert all(len(part) <= 60 for part in folded)
    for row in ("Commands:", "  why ", "  status ", "  quit "):
        assert any(part.startswith(row) for part in folded), row
    assert wrap("short\nlines", 60) == "short\nlines"


def test_the_end_of_a_line_mode_game_compares_it_with_what_really_happened(tmp_path):
    result = plain(tmp_path, "0\n" * 40, "--seed", "1")  # the mediator only waits: collapse
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "THE END: The talks collapse" in out
    tail = out.split("What really happened: ", 1)[1]
    assert tail.startswith("The Geneva agreement (23 Oct 2020)")
    assert "  Complete and permanent ceasefire: yours — not agreed; then — Permanent " \
           "ceasefire with UN-supported monitoring" in tail


def test_line_mode_says_each_turn_that_staying_away_can_end_the_talks(tmp_path):
    """Seed 1 as the GNA, only waiting: the port shelling takes the delegation from the table
    and the situation says so every turn after, until the talks collapse."""
    out = plain(tmp_path, "0\n" * 40, "--seed", "1", "--role", "gna").stdout
    for said in ("left the table this turn", "has been away 1 turn", "has been away 2 turns"):
        # (said as a word: a screen reader's playtest heard '!' read out before each)
        said = f"\nWarning: Your delegation {said}: staying away can end the talks."
        assert said in out, said
    assert "\n! " not in out


def test_a_save_that_fails_exits_non_zero_and_says_so_on_stderr(tmp_path):
    """A playtest: a save that failed printed 'Could not save' and exited 0, so a script
    could not tell the game was lost. (A folder is now refused before play; a file where a
    folder should be fails only at the save.)"""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = plain(tmp_path, "", "--seed", "7", "--save", str(blocker / "game.json"))
    assert result.returncode == 1
    assert "Could not save to" in result.stdout and "Could not save to" in result.stderr
    assert "Traceback" not in result.stderr


def test_ctrl_c_keeps_the_moves_made_so_far(tmp_path):
    """A playtest: Ctrl-C in line mode said 'interrupted' and lost every move since the last
    save. Now it saves, as end of input does, and exits 130."""
    import signal
    import time

    save = tmp_path / "s.json"
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg"), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "game", "play", "--plain", "--seed", "7",
                             "--save", str(save)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            env=env)
    proc.stdin.write("2\n")
    proc.stdin.flush()
    seen = ""
    deadline = time.monotonic() + 60
    while seen.count("Your move") < 2 and time.monotonic() < deadline:
        seen += proc.stdout.readline()  # until the game asks for the second move
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Interrupted. Saved to" in out and "Traceback" not in err
    data = json.loads(save.read_text(encoding="utf-8"))
    assert [a for a in data["actions"] if a["role"] == "mediator"]  # the move was kept


def test_whatif_previews_a_package_without_tabling_it(tmp_path):
    """A teacher's playtest: line mode's package builder tabled at once, with no what-if (the
    full-screen builder shows one); a screen-reader user had no way to weigh a package."""
    save = tmp_path / "s.json"
    result = plain(tmp_path, "whatif ceasefire=permanent_monitored oil=reopen_escrow\n",
                   "--seed", "3", "--role", "lna", "--save", str(save))
    assert result.returncode == 0, result.stderr
    # one's own side first (a playtest at 100x30 found it below the fold), after the echo
    out = result.stdout.split("oil=reopen_escrow\nYou (LNA): ", 1)[1]
    assert out.split("\n", 1)[0] == "below your reservation value", out
    assert "LNA values this package at" in out  # its own numbers, exactly
    # and why no package can reach its bar yet (its favourite read as broken, turn 1)
    assert "No package can be worth 98 to you yet (the best would be worth 65): for now you " \
           "expect more from fighting than any deal gives." in out, out
    assert out.split("\nGNA: ", 1)[1].split("\n", 1)[0] in (
        "likely to accept", "likely to reject", "could go either way", "a backer would block it")
    data = json.loads(save.read_text(encoding="utf-8"))
    assert not [a for a in data["actions"] if a["role"] == "lna"]  # nothing was tabled
    helped = plain(tmp_path, "help\n", "--seed", "3", "--save", str(save))
    assert "whatif ISSUE=OPTION" in helped.stdout


def test_save_without_plain_is_refused_not_ignored(tmp_path):
    """Review: the full-screen game ignored --save (it saves to its slots)."""
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg")}
    result = subprocess.run([sys.executable, "-m", "game", "play", "--save",
                             str(tmp_path / "x.json")], capture_output=True, text=True,
                            cwd=ROOT, env=env, timeout=30, stdin=subprocess.DEVNULL)
    assert result.returncode == 2 and "--save goes with --plain" in result.stderr
    assert not (tmp_path / "x.json").exists()


def test_whatif_of_a_package_that_changes_nothing_says_so_once(tmp_path):
    result = plain(tmp_path, "whatif oil=blockade\n", "--seed", "3", "--save",
                   str(tmp_path / "s.json"))
    assert result.stdout.count("Not a valid package") == 1, result.stdout


def test_whatif_alone_says_how_to_use_it(tmp_path):
    """A teacher typed 'whatif' and was told the package changes nothing."""
    result = plain(tmp_path, "whatif\n", "--seed", "3", "--save", str(tmp_path / "s.json"))
    assert "whatif ISSUE=OPTION ...: how each side" in result.stdout
    assert "Not a valid package" not in result.stdout


def test_tabling_a_package_worth_less_than_no_deal_asks_first(tmp_path):
    """A playtest (a screen-reader user): line mode tabled a counter worth 60 against a
    reservation value of 94, and it was signed; the full-screen game asks first."""
    save = tmp_path / "s.json"
    counter = "counter ceasefire=permanent foreign_forces=embargo_pledge\n"
    result = plain(tmp_path, counter + "n\n", "--seed", "3", "--role", "lna", "--save", str(save))
    assert "This package is below your reservation value" in result.stdout
    assert "Not done. Choose again" in result.stdout
    data = json.loads(save.read_text(encoding="utf-8"))
    assert not [a for a in data["actions"] if a["role"] == "lna"]
    result = plain(tmp_path, counter + "y\n", "--seed", "3", "--role", "lna", "--save", str(save))
    data = json.loads(save.read_text(encoding="utf-8"))
    assert [a["act"] for a in data["actions"] if a["role"] == "lna"][:1] == ["counter"]


def test_an_offensive_says_which_agreement_it_breaks_and_asks_first(tmp_path):
    from game import present
    from game.engine import apply, new_game
    from game.engine.state import Action
    from tests.engine.helpers import do

    rules = rules_for("default")
    state = new_game(rules, 3, set(rules.roles))
    state = do(state, "mediator", "propose ceasefire=truce")
    state = do(do(state, "gna", "accept"), "lna", "accept")
    assert state.vals[rules.issue_slot[0]] == "truce"
    while state.role != "lna":
        state = apply(state, Action(state.role, "pass"))
    offensive = next(c.action for c in present.choices(state, "lna")
                     if c.action.act == "offensive")
    said = present.warning(state, offensive)
    assert "It breaks the agreement on Complete and permanent ceasefire ('A renewable truce" \
           in said


def test_menu_repeats_the_moves_and_a_named_save_goes_to_that_slot(tmp_path):
    result = plain(tmp_path, "menu\nsave lna-class\n", "--seed", "3", "--role", "lna",
                   "--save", str(tmp_path / "s.json"))
    moves = result.stdout.split("Your move, LNA delegation")[1]
    first, again = moves.split("\n> ")[:2]
    numbered = [re.findall(r"^\s*(\d+\. .*)$", part, flags=re.M) for part in (first, again)]
    assert numbered[0] == numbered[1] and len(numbered[0]) > 3
    slot = tmp_path / "xdg" / "ceasefire" / "saves" / "lna-class.json"
    assert f"Saved to {slot}." in result.stdout and slot.exists()
    assert " → " not in result.stdout  # read aloud as 'to'


def test_a_loaded_game_does_not_read_out_every_earlier_turn(tmp_path):
    """A playtest: resuming at turn 11 printed about 360 lines before the prompt."""
    save = tmp_path / "s.json"
    plain(tmp_path, "0\n" * 8, "--seed", "3", "--role", "lna", "--save", str(save))
    result = plain(tmp_path, "", "--load", str(save))
    assert "Continuing a saved game at turn" in result.stdout
    assert result.stdout.count("\n— Turn ") <= 1, result.stdout


def test_news_counts_its_sources_and_sources_reads_them(tmp_path):
    """A screen-reader user's playtest: '[historical; sources: unattributed-2020-06#moscow_
    talks_fail]' is gibberish read aloud."""
    result = plain(tmp_path, "sources\n", "--seed", "3", "--save", str(tmp_path / "s.json"))
    out = result.stdout
    assert "#" not in out.split("Your move")[0]  # no citation ids in the news
    # (dated: the turn began on 13 January, the news is of the 14th; a teacher's playtest
    # read a March resignation under a February turn)
    assert "[historical, 14 Jan 2020; 1 source: type 'sources' to hear them]" in out
    heard = out.split("Your move")[1].split("\n> sources\n", 1)[1]
    assert heard.startswith("Haftar leaves Moscow without signing: from '")
    assert "(2 Jun 2020, " in heard and "Moscow" in heard  # (the article's date, in words)
    # the outlet, or that the copy does not name it, with the note's guess (a teacher's
    # playtest: the help promised the outlet and none was said)
    assert "outlet not named in the copy" in heard and "; probably teleSUR English)" in heard


@pytest.mark.parametrize("args", [("--role", "kingmaker"), ("play", "nosuch.yaml"),
                                  ("play", "libya-5plus5")])
def test_the_full_screen_game_refuses_bad_arguments_before_it_opens(tmp_path, args):
    """A teacher's playtest: 'ceasefire --role GNAX' opened a dialog advising to fix a file,
    Esc left a blank screen, and Ctrl+Q exited 0."""
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg")}
    result = subprocess.run([sys.executable, "-m", "game", *args], capture_output=True,
                            text=True, cwd=ROOT, env=env, timeout=30, stdin=subprocess.DEVNULL)
    assert result.returncode == 2, result.stdout
    assert "Traceback" not in result.stderr and result.stderr


def test_role_names_are_read_whatever_their_case_and_saves_by_slot_name(tmp_path):
    result = plain(tmp_path, "", "--seed", "2", "--role", "GNA")
    assert result.returncode == 0, result.stderr
    assert "You are: GNA delegation" in result.stdout
    slot = tmp_path / "xdg" / "ceasefire" / "saves" / "autosave-plain.json"
    assert slot.exists()
    again = plain(tmp_path, "", "--load", "autosave-plain")  # as the Load list names it
    assert again.returncode == 0, again.stderr
    assert "Continuing a saved game" in again.stdout or "You are: GNA" in again.stdout


def test_line_mode_can_export_the_debrief_at_the_end(tmp_path):
    """A teacher's playtest: only the full-screen game could write the debrief to a file."""
    save = tmp_path / "s.json"
    ended = plain(tmp_path, "0\n" * 40, "--seed", "1", "--save", str(save))  # to the end
    assert "THE END: " in ended.stdout
    result = plain(tmp_path, "export\n", "--load", str(save))  # a finished game: the ending
    assert result.returncode == 0, result.stderr
    written = re.search(r"The debrief is in (\S+\.md)\.", result.stdout)
    assert written, result.stdout[-500:]
    text = open(written.group(1), encoding="utf-8").read()
    assert text.startswith("# Debrief: ")


def test_watch_reloads_an_edited_scenario_at_the_next_line_typed(tmp_path):
    """An author's playtest: with --plain --watch, an edit followed by 'status' showed the old
    numbers, and no reload was said."""
    import io
    import os as _os

    from game import plain as plain_mode
    from game.engine import load_rules
    from tests.conftest import FIXTURES

    path = tmp_path / "s.yaml"
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    rules = load_rules(path)

    class Typing:
        lines = iter(["status\n", ""])

        def readline(self):
            line = next(self.lines)
            if line == "status\n":  # the author saves an edit, then types
                path.write_text(text.replace("strength: {label: Strength, initial: 50}",
                                             "strength: {label: Strength, initial: 20}"),
                                encoding="utf-8")
                later = path.stat().st_mtime_ns + 10**9
                _os.utime(path, ns=(later, later))
            return line

    out = io.StringIO()
    plain_mode.run(rules, "mediator", 1, Typing(), out, lambda st: "saved", watch=True)
    said = out.getvalue()
    assert "Reloaded s.yaml" in said and "what you typed was not taken" in said
    after = said.split("what you typed was not taken", 1)[1]
    assert "Strength 20" in after, after[:400]


def test_the_package_builder_can_be_left_and_says_what_it_tables(tmp_path):
    """A teacher could not leave the builder ('cancel' and 'menu' were asked to choose a
    number again), and piped input after a wrong word was swallowed by it; a package
    went on the table with no word of what was in it; an empty one met the engine's words."""
    save = tmp_path / "s.json"
    result = plain(tmp_path, "1\n2\ncancel\n" + "1\n" + "\n" * 8 + "1\n\n3\n" + "\n" * 6 +
                   "why\n\n", "--seed", "7", "--role", "gna", "--save", str(save))
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "No package tabled. Choose again" in out
    assert "The package changes nothing" in out and "Nothing was tabled" in out
    assert "not legal now" not in out
    assert "Your package: what stands now, with Prisoner exchange: All detainees, all for all." \
        in out
    # then what each side would likely make of it, and a last word before it is tabled (a
    # teacher's playtest: it went on the table at once, with no what-if); a stray word is
    # asked about again, not taken for a move
    told = out.split("Your package: what stands now, with Prisoner", 1)[1]
    assert "\nHow each side would likely react:\n  You (GNA): " in told and "\n  LNA: " in told
    assert told.count("Enter (or y) tables it; 'back' returns to the last issue; 'cancel' "
                      "drops it: ") == 2
    data = json.loads(save.read_text(encoding="utf-8"))
    mine = [a for a in data["actions"] if a["role"] == "gna"]
    assert len(mine) == 1 and mine[0]["act"] == "counter"  # only the third build was tabled


def test_quit_in_the_package_builder_quits_and_saves(tmp_path):
    result = plain(tmp_path, "1\nquit\n", "--seed", "7", "--role", "gna",
                   "--save", str(tmp_path / "s.json"))
    assert result.returncode == 0 and "Quitting. Saved to" in result.stdout


def test_line_mode_says_ripeness_and_the_ending_once(tmp_path):
    """A screen-reader user heard each side's ripeness twice a turn (in its line and in the
    ripeness line), and the ending's title twice ('THE END: ...', then 'The end: ...')."""
    result = plain(tmp_path, "0\n" * 40, "--seed", "5", "--save", str(tmp_path / "s.json"))
    out = result.stdout
    situation = out.split("Your move", 1)[0].rsplit("Turn 1 of", 1)[1]
    assert situation.count("GNA") and situation.lower().count("ripeness") == 1
    assert out.count("THE END: ") == 1 and "The end: " not in out


def test_wait_on_waits_through_quiet_turns_and_reads_out_the_one_with_news(tmp_path):
    """A playtest, its deal signed on the first turn, waited seven turns one at a time with
    nothing happening. 'wait on' waits until another side moves or news comes; the quiet
    turns are counted, not read out turn by turn."""
    deal = ("counter ceasefire=truce prisoners=wounded_first land_routes=coastal_road "
            "flights=domestic hate_speech=pledge foreign_forces=as_is oil=reopen_escrow "
            "sirte=no_advance\ny\n")
    result = plain(tmp_path, deal + "wait on\n" * 12, "--seed", "0", "--role", "lna",
                   "--save", str(tmp_path / "s.json"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    skips = [k for k, line in enumerate(lines) if re.search(r"\d+ quiet turns? went by", line)]
    assert skips, "no quiet turn in this game any more"
    headers = [(k, int(m.group(1))) for k, line in enumerate(lines)
               if (m := re.match(r"— Turn (\d+) ", line))]
    for k in skips:
        quiet = int(re.search(r"(\d+) quiet", lines[k]).group(1))
        before = max(t for at, t in headers if at < k)
        after = min(t for at, t in headers if at > k)
        assert after - before == quiet + 1, (before, quiet, after)  # none read out between
    assert "wait on" in plain(tmp_path, "help\n", "--seed", "0").stdout


def test_wait_on_stops_when_another_human_seat_is_to_move():
    """A review: with two human seats, 'wait on' applied a wait for a seat not to move and
    crashed with IllegalActionError."""
    import io

    from game.engine import new_game
    from game.plain import PlainGame, advance

    rules = rules_for("default")
    state = advance(new_game(rules, 3, {"gna", "lna"}))
    assert state.role == "gna"
    out = io.StringIO()
    game = PlainGame(rules, state, "lna", lambda: None, out, lambda s: "")
    game.wait_on()  # the GNA's move, not the LNA's: nothing to wait
    assert game.state is state


def test_help_concepts_explains_the_negotiation_in_line_mode(tmp_path):
    """A teacher's playtest: line mode pointed to 'Ripeness in help', and its help had only
    the commands; the ideas behind the game were in the full screen's F1 alone, out of reach
    of a screen reader."""
    result = plain(tmp_path, "help\nhelp concepts\n", "--seed", "3", "--role", "gna",
                   "--save", str(tmp_path / "s.json"))
    assert result.returncode == 0, result.stderr
    assert "help concepts     how the negotiation works" in result.stdout
    told = result.stdout.split("> help concepts\n", 1)[1].split("\n> ", 1)[0]
    assert told.startswith("How the negotiation works\n"), told
    for idea in ("- Reservation value: what a deal must be worth", "- Ripeness (after I. William "
                 "Zartman)", "reactive devaluation", "(here: Complete and permanent ceasefire"):
        assert idea in told, idea
    assert "*" not in told and "{" not in told  # (no Markdown, no unfilled words)
    assert "Why?" not in told and "with 'why' after each move" in told  # (no such tab here)
    assert all(line.startswith("- ") for line in told.strip().split("\n")[2:]), told


def test_the_ways_to_soften_a_stance_are_one_numbered_line_that_opens_them(tmp_path):
    """A screen reader read ten near-identical 'Soften a stance' lines in every menu (the
    full-screen game already gathered them into one): one number opens them; Enter goes back
    to the moves; a number softens that stance."""
    save = tmp_path / "s.json"
    result = plain(tmp_path, "4\n\n4\n3\n", "--seed", "5", "--role", "lna",
                   "--save", str(save))
    out = result.stdout
    assert result.returncode == 0, result.stderr
    menu = out.split("Your move", 1)[1].split("\n> ", 1)[0]
    assert menu.count("Soften") == 1 and "  4. Soften a stance (10 ways)\n" in menu, menu
    assert first_menu(out) == [str(n) for n in range(1, len(first_menu(out)))] + ["0"]  # no gap
    listing = out.split("Soften a stance: which?", 1)[1].split("  > ", 1)[0]
    assert "\nMove your public position one step; the other side notices. Effects: the other " \
        "side's Trust +3.\n" in listing  # (what it does, before which)
    ways = re.findall(r"^  (\d+)\. (.+)$", listing, flags=re.M)
    assert [n for n, _ in ways] == [str(n) for n in range(1, 11)]
    assert "Nothing chosen. Choose again" in out
    data = json.loads(save.read_text(encoding="utf-8"))
    mine = [a for a in data["actions"] if a["role"] == "lna"]
    assert len(mine) == 1 and mine[0]["act"] == "concede"
    assert ways[2][1].startswith("Prisoner exchange: ") and mine[0]["target"] == "prisoners"
    assert mine[0]["option"] == "all_for_all"


def test_the_package_builder_says_where_it_is_and_back_returns_one_issue(tmp_path):
    """A screen reader's playtest: nothing said which issue of how many was being asked, and
    'back' dropped the whole package instead of returning to the issue before; a wrong entry
    did not read the options again."""
    result = plain(tmp_path, "1\n2\nback\nx\ncancel\n", "--seed", "7", "--role", "gna",
                   "--save", str(tmp_path / "s.json"))
    out = result.stdout
    assert result.returncode == 0, result.stderr
    built = out.split("Build the package", 1)[1]
    assert built.count("Issue 1 of 8: ") == 2 and built.count("Issue 2 of 8: ") == 1, built
    wrong = built.split("> x", 1)[1].split("> cancel", 1)[0]
    assert "'back' for the issue before" in wrong and re.search(r"^  1\. ", wrong, re.M)
    assert "No package tabled" in built.split("> cancel", 1)[1]


def test_back_keeps_what_was_chosen_and_the_last_prompt_goes_back_to_the_last_issue(tmp_path):
    """A screen reader's playtest: after 'back', Enter put back the option the issue started
    with, not the one just chosen there; 'back' at the last prompt dropped all eight issues;
    the package was said without the issues it left as they stood (the ceasefire, unseen)."""
    keys = "1\n4\nback\n\n" + "\n" * 7 + "back\n\ncancel\n"
    result = plain(tmp_path, keys, "--seed", "7", "--role", "gna",
                   "--save", str(tmp_path / "s.json"))
    out = result.stdout
    assert result.returncode == 0, result.stderr
    built = out.split("Build the package", 1)[1]
    again = built.split("> back", 1)[1].split("Issue 2 of 8", 1)[0]
    assert "  4. Permanent ceasefire with UN-supported monitoring (kept if you press Enter)" \
        in again, again
    said = built.split("Your package: ", 1)[1].split("\n", 1)[0]
    assert "Complete and permanent ceasefire: Permanent ceasefire with UN-supported " \
        "monitoring" in said
    last = "Enter (or y) tables it; 'back' returns to the last issue; 'cancel' drops it: "
    assert built.count(last) == 2 and built.count("Issue 8 of 8: ") == 2
    assert "No package tabled" in built.rsplit(last, 1)[1]
    assert "\n  You (GNA): " in built  # one's own side, said as one's own
    # 'back' at the first issue keeps the package and asks again (a review)
    result = plain(tmp_path, "1\nback\n4\ncancel\n", "--seed", "7", "--role", "gna",
                   "--save", str(tmp_path / "t.json"))
    first = result.stdout.split("Build the package", 1)[1].split("> cancel", 1)[0]
    assert "This is the first issue" in first and "Issue 2 of 8: " in first


def test_the_package_is_said_with_the_open_issues_it_leaves_as_they_stand(tmp_path):
    keys = "1\n\n2\n" + "\n" * 6 + "cancel\n"  # (only the prisoners change)
    result = plain(tmp_path, keys, "--seed", "7", "--role", "gna",
                   "--save", str(tmp_path / "s.json"))
    built = result.stdout.split("Build the package", 1)[1]
    left = built.split("\nLeft as they stand: ", 1)[1].split("\n", 1)[0]
    assert "Complete and permanent ceasefire" in left, left


def test_commands_answer_to_their_first_letters_and_say_when_those_fit_several(tmp_path):
    """A screen reader's playtest: the help says words can be shortened, but 'st' met
    "there is no action 'st'"."""
    result = plain(tmp_path, "st\nbri\ns\n", "--seed", "5", "--save", str(tmp_path / "s.json"))
    out = result.stdout
    assert result.returncode == 0, result.stderr
    after = out.split("> st", 1)[1]
    assert after.lstrip("\n").startswith("Turn 1 of 22") and "no action" not in after
    assert "Your brief, as UN mediator (UNSMIL): " in out.split("> bri", 1)[1]
    said = out.split("> s\n", 1)[1].splitlines()[0]
    assert said.startswith("'s' could be the command ") and "status" in said
    assert "the move shuttle" in said, said


def test_line_mode_lists_what_is_agreed_and_says_who_holds_what(tmp_path):
    """A screen reader's playtest: 'Agreed so far' was one sentence of seven issues and
    options, and 'Held: Tripoli GNA, Southern front of Tripoli LNA' was ambiguous aloud."""
    from game import present
    from game.engine import new_game
    from game.engine.observe import observe

    rules = rules_for("default")
    state = new_game(rules, 5)
    obs = observe(state, "mediator", with_log=False)
    held = present.territory_line(rules, obs)
    assert held.startswith("GNA holds: Tripoli; LNA holds: ") and held.endswith(".")
    from dataclasses import replace

    obs = replace(obs, agreed={"prisoners": "all_for_all", "flights": "domestic"})
    lines = present.table_lines(rules, obs)
    assert lines[0].startswith("Agreed so far (2 of 8 issues; open: Complete and permanent")
    assert lines[1:3] == ["  · Prisoner exchange: All detainees, all for all",
                          "  · Flights across the country: Domestic flights resume"]


def test_fold_off_leaves_long_lines_whole_at_a_terminal_and_is_remembered(tmp_path,
                                                                          monkeypatch):
    """A screen reader's playtest: at a terminal, line mode folded lines mid-phrase, and a
    screen reader or braille display read each piece as a line of its own."""
    import io

    from game.engine import new_game
    from game.plain import run

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setenv("COLUMNS", "60")
    rules = rules_for("default")

    def play(typed: str) -> str:
        out = Terminal()
        run(rules, "mediator", 5, io.StringIO(typed), out, lambda state: "saved",
            new_game(rules, 5, {"mediator"}))
        return out.getvalue()

    folded = play("status\n")
    assert max(len(line) for line in folded.splitlines()) <= 59
    told = play("fold off\nstatus\n").split("fold off", 1)[-1]
    assert "no longer folded" in told and max(len(line) for line in told.splitlines()) > 60
    assert max(len(line) for line in play("status\n").splitlines()) > 60  # remembered
    assert max(len(line) for line in play("fold on\nstatus\n").split("folded at", 1)[1]
               .splitlines()) <= 59


def test_an_option_has_one_number_everywhere_and_a_word_within_its_id_will_do():
    """A screen reader's playtest: in the builder an agreed issue's options were numbered
    from 1 again (its status quo left out), so 'Wounded and sick first' was 1 there and 2 in
    'issues'; and 'whatif oil=escrow' was refused for 'reopen_escrow'."""
    import io

    from game.engine import ActionError, apply, new_game
    from game.engine.ai import choose
    from game.engine.commands import parse_package
    from game.engine.state import Action
    from game.plain import PlainGame

    rules = rules_for("default")
    state = new_game(rules, 2)  # the AI in every seat until something is signed, then
    while not any(state.vals[s] for s in rules.issue_slot) or state.role != "gna":  # the
        state = apply(state, choose(state)[0])  # GNA's move is the player's
    state = state._replace(humans=frozenset({"gna"}))
    k = next(k for k, s in enumerate(rules.issue_slot) if state.vals[s])
    issue, every = rules.issues[k], rules.options[k]
    # Enter for each issue before it; on it, 1 (its status quo: refused), then its last
    typed = iter([""] * k + ["1", str(len(every))] + [""] * len(rules.issues) + ["cancel"])
    out = io.StringIO()
    game = PlainGame(rules, state, "gna", lambda: next(typed), out, lambda s: "")
    assert game.build_package(Action("gna", "counter")) is None  # (cancelled at the end)
    asked = out.getvalue().split(f"Issue {k + 1} of ", 1)[1].split(f"Issue {k + 2} of ", 1)[0]
    label = rules.s.agenda[issue].options[every[-1]].label
    assert f"  {len(every)}. {label}" in asked and "\n  1. " not in asked  # status quo gone
    assert "Choose 2" in asked  # 1 (the status quo) refused, by its own number
    package = parse_package(state, [f"{issue}={len(every)}", "oil=escrow"], "whatif")
    assert package[k] == every[-1] and package[rules.issues.index("oil")] == "reopen_escrow"
    with pytest.raises(ActionError, match="options 1 to"):
        parse_package(state, [f"{issue}={len(every) + 1}"], "whatif")


def test_quiet_on_says_each_turn_in_short_and_is_remembered_at_a_terminal(tmp_path,
                                                                          monkeypatch):
    """A screen reader's playtest heard sixty lines or more between prompts, thirty of them
    the same situation and moves each turn."""
    import io

    from game.engine import new_game
    from game.plain import run

    class Typed(io.StringIO):  # (a person typing: quiet is for them; a script stays in full)
        def isatty(self):
            return True

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    rules = rules_for("default")

    def play(typed: str) -> str:
        out = io.StringIO()
        run(rules, "gna", 4242, Typed(typed), out, lambda state: "saved",
            new_game(rules, 4242, {"gna"}))
        return out.getvalue()

    full = play("0\n").split("— Turn 2 ·", 1)[1]
    assert "Ripeness: " in full and "\n  1. " in full
    short = play("quiet on\n0\n").split("— Turn 2 ·", 1)[1]
    assert "Ripeness: " not in short and "\n  1. " not in short
    # the turn and date once, in the turn's heading, not again in the next line (a screen
    # reader's playtest); the time left and the venue still said
    assert "Turn 2 of 22" not in short and short.count("27 Jan 2020") == 1
    assert "\n21 turns to the end (9 Nov 2020) · talks: Geneva (in person)." in short
    assert "On the table (tabled by" in short
    assert "The draft is worth 43 to you" in short
    assert re.search(r"Your move, GNA delegation \(Tripoli\): \d+ moves; 'menu' lists them", short)
    assert len(short.split("> ")[0].splitlines()) < len(full.split("> ")[0].splitlines()) - 10
    again = play("0\n").split("— Turn 2 ·", 1)[1]  # remembered for the next game
    assert "Ripeness: " not in again
    answers = play("status\nquiet off\n0\n").split("> ")  # (typed lines are not echoed)
    assert "Ripeness: " not in answers[0]  # turn 1, quiet
    assert "Ripeness: " in answers[1]  # 'status': the whole situation
    assert "Ripeness: " in answers[3].split("— Turn 2 ·", 1)[1]  # quiet off: in full again
    # the mediator, quiet, hears what every side has shown it (it missed the first side's)
    rules_state = new_game(rules, 4242, {"mediator"})
    out = io.StringIO()
    run(rules, "mediator", 4242, Typed("quiet on\nshuttle lna\n0\n0\n"), out,
        lambda state: "saved", rules_state)
    quiet_turns = out.getvalue().split("— Turn 2 ·", 1)[1]
    assert "What LNA has shown you it cares about most: " in quiet_turns
    # and its help shortens one of its own moves, not 'accept', which it has not
    assert "(e.g. 'acc' for 'accept')" not in out.getvalue()


def _gna_away():
    """A game where the GNA's delegation has walked out and it is the GNA's move."""
    from game.engine import apply, new_game
    from game.engine.ai import choose

    rules = rules_for("default")
    state = new_game(rules, 7)
    slot = rules.faction_slot[("gna", "at_table")]
    while state.vals[slot] or state.role != "gna":
        state = apply(state, choose(state)[0])
    return rules, state._replace(humans=frozenset({"gna"}))


def test_wait_on_does_not_start_while_ones_own_delegation_is_away():
    """My own playtest pressed W (wait on) through the GNA's walk-out of February 2020: the
    quiet turns went by, and the talks collapsed with the delegation still away."""
    import io

    from game.plain import PlainGame

    rules, state = _gna_away()
    out = io.StringIO()
    game = PlainGame(rules, state, "gna", lambda: None, out, lambda s: "")
    game.wait_on()
    assert game.state is state  # nothing was played
    assert "Your delegation is away from the table, and waiting on could end the talks" \
        in out.getvalue() and "(0 waits one turn.)" in out.getvalue()


def test_a_reaction_repeated_turn_after_turn_is_said_in_full_once(tmp_path):
    """A screen reader's playtest heard the LNA's three-line rejection of the same draft word
    for word every turn; now later ones say when the reasons were given, and what moved."""
    out = plain(tmp_path, "propose ceasefire=permanent_monitored\n0\n0\nwhy\n", "--seed",
                "4242", "--role", "mediator").stdout
    played = out.split("> propose", 1)[1].split("> why", 1)[0]
    rejections = played.split("LNA delegation (Benghazi): Reject the package on the table\n")
    assert len(rejections) >= 3, played
    assert rejections[1].startswith("  For LNA the package is")
    for later in rejections[2:]:
        assert later.startswith("  For the same reasons as on 13 Jan 2020 ('why' says them "
                                "again).\n  Ripeness for LNA at the time: "), later[:300]
    assert played.count("What hurts it most: ") == 1
    assert "What hurts it most: " in out.split("> why", 1)[1]  # 'why' says them in full


def test_the_what_ifs_caveat_is_said_once_a_game(tmp_path):
    """A screen reader's playtest heard 'It is a guess: GNA's values are private, …' at every
    what-if, thirty times in a game."""
    out = plain(tmp_path, "whatif ceasefire=truce\nwhatif ceasefire=permanent_monitored\n",
                "--seed", "4242", "--role", "mediator").stdout
    first, second = out.split("> whatif ceasefire=truce", 1)[1].split("> whatif ceasefire=p")
    assert first.count("It is a guess: ") == 2  # one for each side, the first time
    assert "It is a guess" not in second and "likely to" in second


def test_only_word_for_word_the_same_reasons_are_cut_short():
    """A review: a counter of a new package shared two lines with the last one ('Its own
    package:', its verdict) and was cut short as 'for the same reasons'."""
    from types import SimpleNamespace as NS

    from game.plain import PlainGame

    game = PlainGame.__new__(PlainGame)
    game.rules, game.reasons_said = rules_for("default"), {}
    head = "LNA delegation (Benghazi): Table a counter-proposal"
    first = [head, "  Its own package:", "  For LNA the package is just above its bar.",
             "  What it likes least: Oil.", "  Ripeness for LNA at the time: 12.",
             "  · GNA Trust -1 (now 20)"]
    assert game.not_again(NS(role="lna", turn=0), first) == first
    again = first[:4] + ["  Ripeness for LNA at the time: 14.", "  · GNA Trust -1 (now 19)"]
    assert game.not_again(NS(role="lna", turn=1), again) == [
        head, "  For the same reasons as on 13 Jan 2020 ('why' says them again).",
        "  Ripeness for LNA at the time: 14.", "  · GNA Trust -1 (now 19)"]
    other = first[:3] + ["  What it likes least: Sirte.", "  Ripeness for LNA at the time: 14."]
    assert game.not_again(NS(role="lna", turn=2), other) == other  # a new reason: in full
    assert game.not_again(NS(role="gna", turn=2), first) == first  # another side's: its own
