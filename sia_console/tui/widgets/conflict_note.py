"""A one-line note of unresolved sync conflicts, hidden while there are none.

The screen that shows it counts the conflicts in a worker and hands the number down
with :meth:`ConflictNote.show`; a click on the note goes to the Sync screen.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from sia_console.i18n import ngettext


class ConflictNote(Static):
    """``2 sync conflicts wait for you to compare: press y``, or nothing at all."""

    DEFAULT_CSS = """
    ConflictNote {
        display: none;
        height: auto;
        padding: 0 1;
        margin-bottom: 1;
        color: $text-warning;
        text-style: bold;
    }
    ConflictNote.-shown {
        display: block;
    }
    """

    class Counted(Message):
        """Posted by a screen's worker: how many conflicts wait for a choice."""

        def __init__(self, count: int) -> None:
            super().__init__()
            self.count = count

    def show(self, count: int) -> None:
        """Show the number of unresolved conflicts (hidden when there are none)."""
        self.set_class(count > 0, "-shown")
        if count:
            self.update(
                Content(
                    ngettext(
                        "{count} sync conflict waits for you to compare: press y for Sync.",
                        "{count} sync conflicts wait for you to compare: press y for Sync.",
                        count,
                    ).format(count=count)
                )
            )

    async def on_click(self, event: events.Click) -> None:
        """Go to the Sync screen."""
        event.stop()
        await self.run_action("app.show_sync")
