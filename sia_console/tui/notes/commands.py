"""Command palette entries for notes: search them, and open a note by school and day.

The notes are read once when the palette opens, in a worker thread, and matched as the
adviser types ("graig nov" finds the November note of Ysgol y Graig). School names are
shown literally (see :func:`sia_console.tui.commands._highlight`).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.worker import WorkerCancelled, WorkerFailed

from sia_console.domain.labels import word
from sia_console.domain.text import one_line
from sia_console.i18n import _
from sia_console.tui import formatting as fmt
from sia_console.tui.commands import _highlight

if TYPE_CHECKING:
    from sia_console.services.notes.history import NoteShortcut
    from sia_console.tui.app import SiaConsole


NOTE_WEIGHT = 0.7
"""Notes rank below a school of the same name: typing a name most often means the school."""


class NoteCommands(Provider):
    """ "Search the notes", and one "open note" command per recent note."""

    shortcuts: tuple[NoteShortcut, ...] = ()

    @property
    def sia(self) -> SiaConsole:
        """The running app."""
        return cast("SiaConsole", self.app)

    async def startup(self) -> None:
        """Read the notes in a worker thread, never on the UI thread."""
        context = self.sia.context

        def read() -> tuple[NoteShortcut, ...]:
            from sia_console.services.notes.history import note_shortcuts

            with context.database.session() as session:
                return tuple(note_shortcuts(session, context.today()))

        worker = self.app.run_worker(
            read, thread=True, exit_on_error=False, group="palette", name="palette-notes"
        )
        try:
            self.shortcuts = await worker.wait()
        except (WorkerFailed, WorkerCancelled):
            self.shortcuts = ()

    def _label(self, shortcut: NoteShortcut) -> str:
        day = fmt.short_day_with_year(shortcut.visit_start.date())
        name = one_line(shortcut.school_name)
        if shortcut.status is None:
            return _("Start note: {school}, {day}").format(school=name, day=day)
        status = word(shortcut.status)
        return _("Open note: {school}, {day} ({status})").format(
            school=name, day=day, status=status
        )

    async def discover(self) -> Hits:
        """Searching the notes is offered before anything is typed."""
        yield DiscoveryHit(
            _("Search the notes of visit"),
            self.sia.action_show_search,
            help=_("Find notes by the words in them"),
        )

    async def search(self, query: str) -> Hits:
        """The search command and the notes whose label matches what has been typed."""
        matcher = self.matcher(query)
        name = _("Search the notes of visit")
        score = matcher.match(name)
        if score > 0:
            yield Hit(
                score,
                _highlight(matcher, name),
                self.sia.action_show_search,
                help=_("Find notes by the words in them"),
            )
        for shortcut in self.shortcuts:
            label = self._label(shortcut)
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score * NOTE_WEIGHT,
                    _highlight(matcher, label),
                    partial(self.sia.open_note, shortcut.visit_id),
                    text=label,
                    help=_("The note of visit: sections, risk judgement and actions"),
                )
