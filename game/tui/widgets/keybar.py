"""A one-line footer of every active key: the keys of the focused widget, its screen and the
app, like Textual's Footer, but drawn as a single widget (the stock Footer builds a widget per
key, which alone doubled the time to the first frame). Click a key to press it."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widgets import Static


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: auto; max-height: 3; background: $panel; }
    """

    def __init__(self) -> None:
        super().__init__("", markup=False)
        self.spans: list[tuple[int, int, str]] = []  # start, end, key

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.draw()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen) -> None:
        if self.is_attached and screen is self.screen:
            self.draw()

    def on_resize(self, event: events.Resize) -> None:
        self.draw()

    def draw(self) -> None:
        items = []  # (key shown, description, enabled, key to press, action)
        seen: set[str] = set()
        for _node, binding, enabled, _tip in self.screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            items.append((self.app.get_key_display(binding), binding.description, enabled,
                          binding.key.split(",")[0], binding.action))
        text = Text()
        self.spans = []
        for start, end, shown, description, enabled, key in fit(items, self.size.width):
            text.append(shown, style="bold reverse" if enabled else "dim reverse")
            text.append(f" {description}", style="" if enabled else "dim")
            text.append(" " * (end - start - len(shown) - 1 - len(description)))
            self.spans.append((start, end, key))
        self.update(text)

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self.spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return


EXTRA = frozenset({"wait_on"})  # shown only where the line has room for them (the help
# lists every key): W, waiting turn after turn, is for players who know the game


def fit(items: list[tuple], width: int) -> list[tuple]:
    """Lay the keys out on one line of ``width`` cells: two spaces between them if they fit,
    else one; if even that is too long, drop the extra keys (:data:`EXTRA`) first, then keys
    from the end (the app's own come last), but never the help, which lists them all.
    Returns (start, end, shown, description, enabled, key) per key kept; ``end`` includes
    the gap after it."""
    def size(kept, gap):
        return sum(len(shown) + 1 + len(description) for shown, description, *_ in kept) + \
            gap * max(0, len(kept) - 1)

    kept = list(items)
    gap = 2
    if width > 0 and size(kept, 2) > width:
        gap = 1
        while size(kept, 1) > width and any(item[4] != "help" for item in kept[1:]):
            extra = [i for i, item in enumerate(kept) if item[4] in EXTRA]
            drop = extra[-1] if extra else max(
                i for i, item in enumerate(kept) if item[4] != "help" and i > 0)
            del kept[drop]
    out, x = [], 0
    for shown, description, enabled, key, _action in kept:
        end = x + len(shown) + 1 + len(description) + gap
        out.append((x, end, shown, description, enabled, key))
        x = end
    return out
