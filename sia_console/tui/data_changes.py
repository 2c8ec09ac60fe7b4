"""One way for every screen to show the database as it is: the app's data generation.

Anything in the terminal UI that writes to the database calls :func:`data_changed` once
its write has committed (from the UI thread or a worker's). The app counts each change
(its *data generation*) and tells the screen in front; every
:class:`~sia_console.tui.screens.base.DataScreen` remembers the generation it last read
and, when it is shown again with an older one, reads again through its own
``read_again``. So a screen never needs to know who changed what: an import on Sync, a
reassignment, a conflict resolved, a note saved or a visit planned reach every screen the
next time it is seen. ``r`` stays for changes made elsewhere (the command line).
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.message import Message
from textual.message_pump import MessagePump
from textual.screen import Screen


class DataChanged(Message):
    """Something this app wrote has committed: every screen's data may be old."""

    def __init__(self, fresh: Screen[Any] | None = None) -> None:
        super().__init__()
        self.fresh = fresh
        """A screen that has already read what it shows after the change (it need not
        read again), or ``None``."""


def data_changed(node: MessagePump, *, fresh: Screen[Any] | None = None) -> None:
    """Say that a write has committed (safe from any thread): the app moves its data
    generation on and the screens read again when seen. ``fresh``: the screen that wrote
    and has already read its own data again."""
    node.app.post_message(DataChanged(fresh))


def generation_of(app: App[Any]) -> int:
    """The app's data generation (``0`` for an app that does not count changes)."""
    return int(getattr(app, "data_generation", 0))
