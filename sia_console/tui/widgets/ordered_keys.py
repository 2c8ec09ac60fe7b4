"""Keep editing keys in the order they were typed.

Textual hands a key to the focused widget, which inserts a printable character at once;
a key the widget does not consume there (Backspace, Delete, the arrows) travels back up
through every container to the app, which only then runs the widget's binding for it.
In a screen several containers deep, with work to do on each change, the characters
typed just after a Backspace can overtake it: typing "abc", two Backspaces and "de"
quickly (or pasting through a terminal that sends keys) gave "abc" instead of "ade".
Running the widget's own bindings as soon as its key arrives keeps every edit in order.

A key that moves the focus must be handled by the app itself before it passes on the
next key (the app does not wait for a widget to finish one key before handing it the
next): screens that take typing make Tab and Shift+Tab priority bindings
(:data:`FOCUS_KEYS`), as the note editor does with its own moves.

Textual has no public way to ask a widget for its own bindings, so that one question is
put to its private map in :mod:`~sia_console.tui.widgets.textual_internals`.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding, BindingType
from textual.widget import Widget

from sia_console.tui.widgets.textual_internals import own_bindings

FOCUS_KEYS: list[BindingType] = [
    Binding("tab", "app.focus_next", show=False, priority=True),
    Binding("shift+tab", "app.focus_previous", show=False, priority=True),
]
"""Tab and Shift+Tab, handled as they arrive (text typed after them goes where they went)."""


async def run_own_binding(widget: Widget, event: events.Key) -> bool:
    """Run ``widget``'s own binding for the key now; ``True`` if there was one."""
    for binding in own_bindings(widget, event.key):
        if binding.priority or widget.check_action(binding.action, ()) is False:
            continue
        event.stop()
        event.prevent_default()
        await widget.run_action(binding.action)
        return True
    return False
