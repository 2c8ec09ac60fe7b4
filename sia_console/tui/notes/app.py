"""What the app does for notes of visit: open one, search them, save before any way out
(quit, suspend, a signal), and offer back a draft that a crash interrupted.

Kept apart from ``app.py`` so the app module stays a small list of wiring; the app class
inherits these actions.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App
from textual.content import Content
from textual.worker import Worker, WorkerState

from sia_console.domain.text import one_line
from sia_console.i18n import _
from sia_console.tui import formatting as fmt
from sia_console.tui import ways_out
from sia_console.tui.context import AppContext
from sia_console.tui.dialogs.confirm import ConfirmDialog
from sia_console.tui.messages import FirstScreenShown, OpenNote
from sia_console.tui.notes.messages import DraftInterrupted
from sia_console.tui.screens.base import describe

if TYPE_CHECKING:
    from sia_console.tui.notes.editor import NoteEditorScreen


class NotesApp(App[None]):
    """Note actions of the app; ``context`` is set by the app's constructor."""

    context: AppContext

    edit_visit: str | None = None
    """A visit whose note to open at start (``sia-console edit``)."""

    PLACES: ClassVar[dict[str, str]] = {}
    """The app's places: the action that goes to each, and its mode (set by the app)."""

    LATE_KEYS = 0.15
    """Seconds a signal's leaving waits for keys already on their way to their field."""

    _remove_signal_handlers: Callable[[], None] | None = None
    _first_screen_done = False

    def on_mount(self) -> None:
        """Open the note asked for, or offer back a draft a crash left open; save and
        leave on a signal that would otherwise end the process at once.

        When the first screen (the dashboard, or the core lead's home) reads its first data
        without the ORM (``context.quick``), the draft is looked for once that data is
        shown (:class:`FirstScreenShown`).
        """
        self._remove_signal_handlers = ways_out.install(self.leave_on_signal)
        if self.edit_visit is not None:
            self.open_note(self.edit_visit)
        elif self.context.quick is None:
            self.look_for_interrupted_draft()

    @on(FirstScreenShown)
    def _after_first_screen(self) -> None:
        if self._first_screen_done or self.context.quick is None:
            return
        self._first_screen_done = True
        if self.edit_visit is None:  # (else: opened at mount)
            self.look_for_interrupted_draft()  # the full database, and the ORM, open here

    def open_note(
        self, visit_id: str, section: str | None = None, terms: tuple[str, ...] = ()
    ) -> None:
        """Show the note of a visit on top of the current place (a new draft if none)."""
        from sia_console.tui.notes.editor import NoteEditorScreen

        self.push_screen(NoteEditorScreen(self.context, visit_id, section=section, terms=terms))

    @on(OpenNote)
    def _open_note(self, message: OpenNote) -> None:
        self.open_note(message.visit_id, message.section, message.terms)

    def action_show_search(self) -> None:
        """Go to the search of the notes."""
        self.switch_mode("search")
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def open_editors(self) -> list[NoteEditorScreen]:
        """Every note editor in the app: on top, under a dialog or a page opened from
        it, or in a place left for another (each place keeps its own screen stack)."""
        editor_module = sys.modules.get("sia_console.tui.notes.editor")
        if editor_module is None:  # never imported: no editor was ever opened
            return []
        editor_class = editor_module.NoteEditorScreen
        editors: list[NoteEditorScreen] = []
        for mode in dict.fromkeys([self.current_mode, *self.PLACES.values()]):
            try:
                stack = self.get_screen_stack(mode)
            except KeyError:  # a place not shown yet has no stack
                continue
            editors += [screen for screen in stack if isinstance(screen, editor_class)]
        return editors

    async def action_quit(self) -> None:
        """Save every open note (and wait for it) before leaving."""
        closing = [editor.autosaver.close() for editor in self.open_editors()]
        workers = [worker for worker in closing if worker is not None]
        for worker in workers:
            await worker.wait()
        self.exit()

    def save_open_notes_now(self) -> None:
        """Write whatever every open editor holds that is not saved yet, here and now, on
        the UI thread (the process may be about to end: no worker is waited for)."""
        for editor in self.open_editors():
            editor.autosaver.close_now(editor.fields.texts())

    def leave_on_signal(self, signum: int) -> None:
        """SIGTERM, or the terminal closing (SIGHUP): save at once, and again a moment
        later (keys already on their way), then leave; the process ends within a few
        seconds even if leaving hangs on a terminal that has gone."""
        self.save_open_notes_now()
        ways_out.end_soon(signum)

        def leave() -> None:
            self.save_open_notes_now()
            self.exit()

        self.set_timer(self.LATE_KEYS, leave)

    def on_unmount(self) -> None:
        if self._remove_signal_handlers is not None:
            self._remove_signal_handlers()

    async def action_suspend(self) -> None:
        """Save every open note (and wait for it), then suspend to the shell (POSIX):
        a stopped process saves nothing, its threads stop with it."""
        for editor in self.open_editors():
            await editor.autosaver.settled()
        self.action_suspend_process()

    def can_suspend(self) -> bool:
        """Whether this system and terminal can suspend the app (not Windows)."""
        driver = self._driver
        return sys.platform != "win32" and driver is not None and driver.can_suspend

    @on(Worker.StateChanged)
    def _app_worker_failed(self, event: Worker.StateChanged) -> None:
        """A worker of the app itself failed (looking for a draft to reopen, a save as a
        note closes, saving a preference): say why; an unexpected error is logged and
        the sentence names the log (screens say so for their own workers)."""
        if event.state is WorkerState.ERROR:
            self.notify(describe(event.worker.error), severity="error", markup=False, timeout=20)

    @work(thread=True, exit_on_error=False, group="reopen")
    def look_for_interrupted_draft(self) -> None:
        """Read whether the last run left a draft open (it ended without leaving the editor)."""
        self._read_interrupted_draft()

    def _read_interrupted_draft(self) -> None:
        database = self.context.database  # (opened first: the ORM is loaded from here on)
        from sia_console.services.notes.recovery import interrupted_draft

        with database.session() as session:
            draft = interrupted_draft(session)
        if draft is not None:
            self.post_message(DraftInterrupted(draft))

    @on(DraftInterrupted)
    def _offer(self, message: DraftInterrupted) -> None:
        draft = message.draft
        body = Content(
            _(
                "sia-console stopped while you were writing the note of visit to {school} "
                "of {day}. Everything saved up to then is in the draft. Reopen it now?"
            ).format(school=one_line(draft.school_name), day=fmt.long_day(draft.visit_start.date()))
        )
        dialog = ConfirmDialog(
            _("Reopen the draft?"), body, confirm=_("Reopen"), cancel=_("Not now")
        )

        def answered(reopen: bool | None) -> None:
            if reopen:
                self.open_note(draft.visit_id, draft.section_key)
            else:
                self.forget_interrupted_draft()

        self.push_screen(dialog, answered)

    @work(thread=True, exit_on_error=False, group="reopen")
    def forget_interrupted_draft(self) -> None:
        """The adviser does not want the draft now: do not ask again."""
        from sia_console.services.notes.recovery import clear_editing

        with self.context.database.session() as session:
            clear_editing(session)
