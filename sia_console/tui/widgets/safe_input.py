"""Inputs that keep what was typed: control characters drawn (not obeyed), keys in order.

Textual's :class:`~textual.widgets.Input` draws its value as it is; a value read back
from the database (an action typed elsewhere, imported from a bundle) may hold an ESC,
which the terminal would obey. The value itself is left exactly as it is.
"""

from __future__ import annotations

from rich.highlighter import Highlighter
from rich.text import Text
from textual import events
from textual.widgets import Input, RadioSet

from sia_console.domain.text import has_controls, visible
from sia_console.tui.widgets.ordered_keys import run_own_binding


class VisibleControls(Highlighter):
    """Replaces each control character with its picture (same length, so same offsets)."""

    def highlight(self, text: Text) -> None:
        if has_controls(text.plain):
            text.plain = visible(text.plain)


class OrderedInput(Input):
    """An :class:`Input` whose editing keys take effect in the order they were typed."""

    async def _on_key(self, event: events.Key) -> None:
        await run_own_binding(self, event)


class SafeInput(OrderedInput):
    """An :class:`Input` whose control characters are drawn, not sent."""

    def __init__(self, value: str = "", **kwargs: object) -> None:
        super().__init__(value, highlighter=VisibleControls(), **kwargs)  # type: ignore[arg-type]


def start_at_pressed(radios: RadioSet) -> None:
    """Put a radio set's keyboard cursor on its pressed button (Textual starts at the top,
    so arrow keys and Enter would change a choice the adviser meant to keep)."""
    if radios.pressed_index >= 0:
        radios._selected = radios.pressed_index
