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

    def draw(self) -> None:
        text = Text()
        self.spans = []
        seen: set[str] = set()
        for _node, binding, enabled, _tip in self.screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            start = len(text)
            key = self.app.get_key_display(binding)
            text.append(key, style="bold reverse" if enabled else "dim reverse")
            text.append(f" {binding.description}  ", style="" if enabled else "dim")
            self.spans.append((start, len(text), binding.key.split(",")[0]))
        self.update(text)

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self.spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
