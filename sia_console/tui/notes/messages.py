"""Messages of the note editor and the note search: data and saves arriving from workers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # (only their types: the app imports this module before the ORM)
    from sia_console.services.notes.history import NoteHistoryRow
    from sia_console.services.notes.recovery import InterruptedDraft
    from sia_console.services.notes.search import SearchHit
    from sia_console.services.notes.workspace import NoteWorkspace
    from sia_console.tui.notes.drafts import SaveOutcome


class WorkspaceLoaded(Message):
    """The note and everything beside it has been read (first time, or again)."""

    def __init__(self, workspace: NoteWorkspace) -> None:
        super().__init__()
        self.workspace = workspace


class DraftSaved(Message):
    """A save has finished, successfully or not (see ``outcome.error``)."""

    def __init__(self, outcome: SaveOutcome, fields: frozenset[str]) -> None:
        super().__init__()
        self.outcome = outcome
        self.fields = fields
        """The fields this save carried: marked unsaved again if it failed."""


class SearchDone(Message):
    """The notes matching a query have been found."""

    def __init__(self, query: str, hits: tuple[SearchHit, ...], problem: str | None) -> None:
        super().__init__()
        self.query = query
        """The query these hits answer; a screen ignores hits for an older query."""
        self.hits = hits
        self.problem = problem
        """Why there are no hits, when the query itself was the trouble."""


class NoteHistoryLoaded(Message):
    """A school's notes of visit have been read, newest first."""

    def __init__(self, notes: tuple[NoteHistoryRow, ...]) -> None:
        super().__init__()
        self.notes = notes


class DraftInterrupted(Message):
    """The last run ended with this draft open in the editor."""

    def __init__(self, draft: InterruptedDraft) -> None:
        super().__init__()
        self.draft = draft
