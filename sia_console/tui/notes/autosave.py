"""Autosave for the note editor: when to save, and the saves of one open note.

Journey 1 of the architecture, on the UI's side: ``TextArea.Changed`` → the editor tells
its :class:`Autosaver` which field changed → after a pause (:data:`PAUSE`), or at the
latest :data:`MAX_WAIT` seconds after the first unsaved change, the autosaver reads what
changed and hands it to a worker thread → :class:`~sia_console.tui.notes.drafts.DraftWriter`
saves it through ``services.notes`` → the outcome comes back as a message → "Saved at".

The autosaver never touches a widget or the app itself: it is given a way to read a
field, a way to start a thread worker and a way to report back (the editor's, through
:meth:`Autosaver.for_screen`), so it can be tested without a screen. Every way out
flushes it: leaving the note or the app (:meth:`Autosaver.close`, whose worker the app
waits for) and the screen being taken down (:meth:`Autosaver.close_now`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from datetime import datetime
from typing import TYPE_CHECKING

from textual.worker import WorkerCancelled, WorkerFailed

from sia_console.services.errors import NoteIsFinal
from sia_console.tui.notes.drafts import Change, DraftWriter, SaveOutcome, WhereEditing
from sia_console.tui.notes.messages import DraftSaved

if TYPE_CHECKING:
    from textual.widget import Widget
    from textual.worker import Worker

PAUSE = 0.6
"""Seconds of quiet after which what was typed is saved."""
MAX_WAIT = 1.0
"""Seconds after the first unsaved change by which a save starts, pause or not."""
TICK = 0.2
"""How often the editor asks its autosaver whether a save is due."""

ReadField = Callable[[str], Change | None]
"""What a field holds now, read from the screen's widgets (``None``: nothing to save)."""
StartSave = Callable[[Callable[[], None], str], "Worker[None]"]
"""Runs a save's job, with a name, in a thread worker that outlives the screen."""
ReportSave = Callable[[SaveOutcome, frozenset[str]], None]
"""Hands a save's outcome and its fields back to the UI thread (called in the worker)."""


class AutosavePolicy:
    """Which fields have unsaved changes, and whether it is time to save them."""

    def __init__(
        self,
        pause: float = PAUSE,
        max_wait: float = MAX_WAIT,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.pause = pause
        self.max_wait = max_wait
        self.clock = clock
        self._first: float | None = None
        self._last: float | None = None
        self.dirty: set[str] = set()
        """Fields changed since they were last handed to a save."""

    def touch(self, name: str) -> None:
        """Note a change to the field ``name``."""
        now = self.clock()
        if self._first is None:
            self._first = now
        self._last = now
        self.dirty.add(name)

    def due(self) -> bool:
        """True when there are changes and the pause or the longest wait has passed."""
        if not self.dirty or self._first is None or self._last is None:
            return False
        now = self.clock()
        return now - self._last >= self.pause or now - self._first >= self.max_wait

    def take(self) -> set[str]:
        """The changed fields, handed to a save; the policy starts afresh."""
        taken, self.dirty = self.dirty, set()
        self._first = self._last = None
        return taken


class Autosaver:
    """The saves of one open note: what changed, when to save it, what the last save said.

    Fields are named by the editor (``section:KEY``, ``risk``, ``predictions``,
    ``editing``); what a field holds is read through ``read`` only when a save starts, so
    a keystroke costs a set insertion, not a copy of the text. Saves run one after
    another in thread workers started by ``start``; while one runs, a routine save waits
    for the next tick (a burst of moves must not queue a save each). Nothing is saved
    before :meth:`begin`, nor after :meth:`lock` (a final note, another adviser's).
    """

    def __init__(
        self,
        read: ReadField,
        start: StartSave,
        report: ReportSave,
        *,
        pause: float = PAUSE,
        max_wait: float = MAX_WAIT,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.read = read
        self.start = start
        self.report = report
        self.policy = AutosavePolicy(pause, max_wait, clock)
        self.writer: DraftWriter | None = None
        """Writes this note's saves; ``None`` until the note has been read."""
        self.locked = False
        """The note cannot change (final, or another adviser's): nothing is saved."""
        self.closed = False
        """The note has been left: its draft is no longer marked as open."""
        self.saving = 0
        """Saves started and not yet reported back."""
        self.last_saved: datetime | None = None
        """When the last successful save committed (local wall-clock time)."""
        self.error: BaseException | None = None
        """Why the last save failed (its fields are saved again), or ``None``."""
        self._running: list[Worker[None]] = []
        self._handed: dict[str, Change] = {}
        """What each field held when last read as stored or handed to a save."""

    @classmethod
    def for_screen(
        cls, screen: Widget, read: ReadField, pause: float = PAUSE, max_wait: float = MAX_WAIT
    ) -> Autosaver:
        """The autosaver of an editor ``screen``: its saves run in the app's workers (one
        started as the screen closes still finishes) and report to the screen."""

        def start(job: Callable[[], None], name: str) -> Worker[None]:
            return screen.app.run_worker(
                job, thread=True, group="autosave", exit_on_error=False, name=name
            )

        def report(outcome: SaveOutcome, fields: frozenset[str]) -> None:
            screen.post_message(DraftSaved(outcome, fields))

        return cls(read, start, report, pause=pause, max_wait=max_wait)

    def begin(self, writer: DraftWriter, fields: Iterable[str] = ()) -> None:
        """Start saving through ``writer`` once the note is on screen; ``fields`` are read
        now, as stored (what :meth:`close_now` compares them with at the end)."""
        self.writer = writer
        for name in fields:
            if (change := self.read(name)) is not None:
                self._handed[name] = change

    def lock(self) -> None:
        """Save nothing more: the note is final, or not ours."""
        self.locked = True

    @property
    def dirty(self) -> bool:
        """Whether some change has not been handed to a save yet."""
        return bool(self.policy.dirty)

    def changed(self, field: str) -> bool:
        """Note a change to ``field``; ``True`` if it is the first unsaved one."""
        fresh = not self.policy.dirty
        self.policy.touch(field)
        return fresh

    def tick(self) -> None:
        """Save if the pause or the longest wait has passed (the editor's timer)."""
        if not self.locked and self.policy.due():
            self.save()

    def save(self, extra: Sequence[Change] = (), *, force: bool = False) -> Worker[None] | None:
        """Save every unsaved change now, in a worker thread; the worker, if one started.

        While a save is running, a routine one waits for the next tick; ``force`` or
        ``extra`` changes always start one.
        """
        writer = self.writer
        if writer is None or self.locked:
            return None
        if self.saving and not (force or extra):
            return None
        fields = frozenset(self.policy.take())
        changes = [c for f in sorted(fields) if (c := self.read(f)) is not None]
        changes += extra
        if not changes:
            return None
        sequence = writer.next_sequence()
        self.saving += 1
        self._hand(changes)
        report = self.report

        def job() -> None:
            report(writer.write(changes, sequence), fields)

        worker = self.start(job, f"save-{sequence}")
        self._running = [w for w in self._running if not w.is_finished] + [worker]
        return worker

    def finished(self, outcome: SaveOutcome, fields: frozenset[str]) -> None:
        """A save has reported back (on the UI thread): a failed one is tried again, a
        refusal because the note is now final stops saving."""
        self.saving = max(self.saving - 1, 0)
        if isinstance(outcome.error, NoteIsFinal):
            self.lock()
        elif outcome.error is not None:
            for field in fields:
                self.policy.touch(field)
            self.error = outcome.error
        else:
            self.error = None
            self.last_saved = outcome.at

    async def settled(self) -> None:
        """Everything changed so far is in the database (saves already running included)."""
        self.save(force=True)
        for worker in [w for w in self._running if not w.is_finished]:
            with suppress(WorkerFailed, WorkerCancelled):  # (the status line says why)
                await worker.wait()

    def close(self) -> Worker[None] | None:
        """The adviser leaves the note or the app: save everything, and mark the draft as
        no longer open (once); the save's worker, to wait for."""
        if self.closed:
            return None
        self.closed = True
        return self.save([WhereEditing(None, closing=True)])

    def close_now(self, fields: Iterable[str] = ()) -> None:
        """The last save, synchronous, as the screen is taken down.

        It carries every unsaved change, and any of ``fields`` whose value differs from
        the one last handed to a save: keys typed just before a quit may reach their text
        area only after :meth:`close` has read it (the quit key overtakes them), and the
        screen hears of them too late to say so. Once the note has been left with
        nothing new since, nothing is written.
        """
        writer = self.writer
        if writer is None or self.locked:
            return
        taken = self.policy.take()
        changes: list[Change] = []
        for name in sorted(taken | set(fields)):
            change = self.read(name)
            if change is not None and (name in taken or self._handed.get(name) != change):
                changes.append(change)
        if self.closed and not changes:
            return
        self.closed = True
        changes.append(WhereEditing(None, closing=True))
        self._hand(changes)
        writer.write(changes, writer.next_sequence())

    def _hand(self, changes: Sequence[Change]) -> None:
        for change in changes:
            self._handed[change.field] = change
