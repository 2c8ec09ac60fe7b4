"""A school's changes of link adviser, as its page lists them: when, from whom, to whom,
and why (the core lead's words, kept with each change)."""

from __future__ import annotations

from rich.text import Text

from sia_console.i18n import _
from sia_console.services.schools.reassignment import AssignmentHistoryEntry
from sia_console.tui import formatting as fmt
from sia_console.tui.formatting import Tones, plain
from sia_console.tui.widgets.tables import RecordTable


class AssignmentHistoryTable(RecordTable[AssignmentHistoryEntry]):
    """Changes of link adviser, newest first (on the school's page: opens nothing)."""

    COLUMNS = (_("From"), _("Link adviser before"), _("Link adviser after"), _("Why"))
    FLEX = (-1, 1, 2)
    OPENS_SCHOOLS = False

    def cells(self, record: AssignmentHistoryEntry, tones: Tones) -> tuple[Text, ...]:
        none = Text(_("none"), style=tones.quiet)
        return (
            Text(fmt.short_day_with_year(record.effective_on)),
            plain(record.previous_adviser) if record.previous_adviser else none,
            plain(record.adviser) if record.adviser else none,
            plain(record.reason),
        )

    def key_of(self, record: AssignmentHistoryEntry) -> str:
        return f"{record.effective_on.isoformat()}\x00{record.adviser}\x00{record.reason}"
