"""Messages that travel up the widget tree: data arriving from workers, requests to navigate.

Workers post the ``*Loaded`` messages from their thread to the screen that started them
(``post_message`` is thread-safe); the screen then hands the data down to its widgets.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # (the first screen is shown before the services' ORM is loaded)
    from sia_console.services.schools.page import SchoolOverview, SchoolRow
    from sia_console.services.today_rows import DashboardSummary


class OpenSchool(Message):
    """Show a school's page; posted by any table whose rows belong to a school."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code
        """The school's code."""


class OpenNote(Message):
    """Open the note of a visit in the editor (a new draft if it has none)."""

    def __init__(
        self, visit_id: str, section: str | None = None, terms: tuple[str, ...] = ()
    ) -> None:
        super().__init__()
        self.visit_id = visit_id
        self.section = section
        """The section to open at (its key); the first section when ``None``."""
        self.terms = terms
        """Words searched for: the cursor is put on the first of them in the section."""


class CancelReassigned(Message):
    """Cancel a visit still planned at a school now linked to another adviser (the reason
    offered: the school was reassigned)."""

    def __init__(
        self, visit_id: str, school_name: str, start: datetime, *, every: bool = False
    ) -> None:
        super().__init__()
        self.visit_id = visit_id
        self.school_name = school_name
        self.start = start
        self.every = every
        """Every visit still planned at a school now another adviser's, not this one only."""


class DashboardLoaded(Message):
    """The dashboard's data has been read."""

    def __init__(self, summary: DashboardSummary) -> None:
        super().__init__()
        self.summary = summary


class FirstScreenShown(Message):
    """The home screen shows its first data (or has said why it cannot): the app may now
    open the full database and do what waited for it."""


class SchoolsLoaded(Message):
    """The schools matching a filter have been read."""

    def __init__(self, text_filter: str, schools: tuple[SchoolRow, ...], total: int) -> None:
        super().__init__()
        self.text_filter = text_filter
        """The filter these rows answer; a screen ignores rows for an older filter."""
        self.schools = schools
        self.total = total
        """How many schools there are without the filter."""


class SchoolOverviewLoaded(Message):
    """A school's page has been read."""

    def __init__(self, overview: SchoolOverview) -> None:
        super().__init__()
        self.overview = overview


class ExportNotes(Message):
    """Export notes of visit to Word: opens the export dialog (handled by the app).

    Posted by any screen that shows notes: the note editor with its own note's id, a
    school's page with its school code; with neither, every note (every final note with
    ``final_only``). The ids are read in the dialog's worker thread.
    """

    def __init__(
        self,
        note_ids: Sequence[str] = (),
        *,
        school_code: str | None = None,
        final_only: bool = False,
        description: str = "",
    ) -> None:
        super().__init__()
        self.note_ids = tuple(note_ids)
        """Notes named by id (or unique prefix)."""
        self.school_code = school_code
        """Every note of this school, when no ids are given."""
        self.final_only = final_only
        """Only finalised notes."""
        self.description = description
        """What is being exported, in words, for the dialog (literal text)."""
