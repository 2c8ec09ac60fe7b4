"""The ways out of the app that do not pass through a key: signals.

A terminal window closed under the app (SIGHUP), a laptop shutting down or a ``kill``
(SIGTERM), a suspend asked for from outside (Ctrl+Z is handled as a key by the app
itself): each must leave nothing typed unsaved. The default action of SIGHUP and
SIGTERM ends the process at once, so the app handles them: it writes what every open
editor holds there and then, on the UI thread (the process may have little time), and
then leaves as ``quit`` does, a moment later, so that keys already on their way are
saved too. Should leaving hang on a terminal that is no longer there, the process ends
a few seconds later all the same: everything was written before.

Only POSIX has these signals (Windows has no SIGHUP, and its event loop takes no signal
handlers): elsewhere nothing is installed.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from collections.abc import Callable

LEAVING_SIGNALS: tuple[str, ...] = ("SIGTERM", "SIGHUP")
"""The signals after which the app saves and leaves, by name (not every system has each)."""

GRACE = 3.0
"""Seconds after a signal by which the process ends, even if leaving hangs."""


def leaving_signals() -> list[signal.Signals]:
    """The signals of :data:`LEAVING_SIGNALS` this system has."""
    found = (getattr(signal, name, None) for name in LEAVING_SIGNALS)
    return [sig for sig in found if isinstance(sig, signal.Signals)]


def install(on_signal: Callable[[int], None]) -> Callable[[], None]:
    """Call ``on_signal(number)`` on the running loop when a leaving signal arrives.

    Returns a function that removes the handlers again; nothing is installed (and
    nothing removed) where the loop takes no signal handlers (Windows), or off the main
    thread.
    """
    loop = asyncio.get_running_loop()
    installed: list[signal.Signals] = []
    for sig in leaving_signals():
        try:
            loop.add_signal_handler(sig, on_signal, int(sig))
        except (NotImplementedError, RuntimeError, ValueError):
            continue
        installed.append(sig)

    def remove() -> None:
        for sig in installed:
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.remove_signal_handler(sig)
        installed.clear()

    return remove


def end_soon(signum: int, grace: float = GRACE) -> threading.Timer:
    """End the process ``grace`` seconds from now unless it has ended by then.

    The exit status is the shell's for a process ended by ``signum`` (128 + its number).
    """
    timer = threading.Timer(grace, os._exit, (128 + signum,))
    timer.daemon = True
    timer.start()
    return timer
