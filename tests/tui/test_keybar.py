"""The key bar keeps to one line: tighter gaps first, then the last keys go, never the help."""

from __future__ import annotations

from game.tui.widgets.keybar import fit

KEYS = [("p", "Package", True, "p", "propose"), ("w", "Wait", True, "w", "wait"),
        ("^q", "Quit", True, "ctrl+q", "quit"), ("f1", "Help", True, "f1", "help"),
        ("f2", "Theme", True, "f2", "theme")]


def shown(laid):
    return [(item[2], item[0], item[1]) for item in laid]


def test_wide_enough_keeps_every_key_two_spaces_apart():
    laid = fit(KEYS, 80)
    assert [item[2] for item in laid] == ["p", "w", "^q", "f1", "f2"]
    assert [(s, e) for s, e, *_ in laid][:2] == [(0, 11), (11, 19)]  # "p Package  ", "w Wait  "


def test_narrow_tightens_then_drops_from_the_end_but_keeps_help():
    full_one_space = sum(len(k) + 1 + len(d) for k, d, *_ in KEYS) + len(KEYS) - 1
    assert [item[2] for item in fit(KEYS, full_one_space)] == ["p", "w", "^q", "f1", "f2"]
    assert fit(KEYS, full_one_space)[1][0] == 10  # one space apart
    assert [item[2] for item in fit(KEYS, 32)] == ["p", "w", "^q", "f1"]  # exactly fits
    assert [item[2] for item in fit(KEYS, 31)] == ["p", "w", "f1"]
    assert [item[2] for item in fit(KEYS, 12)] == ["p", "f1"]
    last = fit(KEYS, 32)[-1]
    assert last[1] - last[0] == len("f1 Help") + 1


def test_before_layout_every_key_is_drawn():
    assert len(fit(KEYS, 0)) == len(KEYS)


def test_an_extra_key_shows_where_there_is_room_and_goes_first_where_there_is_not():
    """A playtest: W (wait on) was only in the help. It is in the line where the line has
    room, and is the first to go where it has not, before Quit."""
    keys = KEYS[:2] + [("W", "Wait on", True, "W", "wait_on")] + KEYS[2:]
    assert [item[2] for item in fit(keys, 100)] == ["p", "w", "W", "^q", "f1", "f2"]
    full_one_space = sum(len(k) + 1 + len(d) for k, d, *_ in keys) + len(keys) - 1
    assert [item[2] for item in fit(keys, full_one_space - 1)] == ["p", "w", "^q", "f1", "f2"]
