"""The Sync screen's tables: bundles per peer, an import's report, and kept conflicts.

Like every :class:`RecordTable`, they are handed plain records by the screen and show
user text (names, file names, reasons) as literal cells. Choosing a conflict posts
:class:`CompareTable.Compare`; the screen opens the compare dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType

from sia_console.i18n import _, ngettext
from sia_console.services.sync.conflicts import ConflictRow
from sia_console.services.sync.history import PeerHistory, peer_role_words
from sia_console.services.sync.importing import ImportResult
from sia_console.tui import formatting as fmt
from sia_console.tui.formatting import Tones, plain
from sia_console.tui.widgets.conflict_panel import CompareTable, compare_binding
from sia_console.tui.widgets.record_kinds import KIND_LABELS
from sia_console.tui.widgets.tables import NAME_WIDTH, TEXT_WIDTH, RecordTable

_KIND_COUNTS: dict[str, Callable[[int], str]] = {
    "setting": lambda n: ngettext("{count} setting", "{count} settings", n),
    "adviser": lambda n: ngettext("{count} adviser", "{count} advisers", n),
    "school": lambda n: ngettext("{count} school", "{count} schools", n),
    "visit": lambda n: ngettext("{count} visit", "{count} visits", n),
    "note_of_visit": lambda n: ngettext("{count} note of visit", "{count} notes of visit", n),
    "note_section": lambda n: ngettext("{count} note section", "{count} note sections", n),
    "amendment": lambda n: ngettext("{count} amendment", "{count} amendments", n),
    "action": lambda n: ngettext("{count} action", "{count} actions", n),
    "action_review": lambda n: ngettext("{count} action review", "{count} action reviews", n),
    "risk_judgement": lambda n: ngettext("{count} risk judgement", "{count} risk judgements", n),
    "prediction": lambda n: ngettext("{count} prediction", "{count} predictions", n),
    "category_change": lambda n: ngettext(
        "{count} change of category", "{count} changes of category", n
    ),
    "assignment_change": lambda n: ngettext(
        "{count} change of link adviser", "{count} changes of link adviser", n
    ),
    "school_year_summary": lambda n: ngettext(
        "{count} summary of a school's year", "{count} summaries of a school's year", n
    ),
}


def kind_count(table: str, count: int) -> str:
    """``1 school``, ``15 schools``: a number of records of one kind, in words."""
    forms = _KIND_COUNTS.get(table)
    if forms is None:
        return f"{count} {table}"
    return forms(count).format(count=count)


class PeerHistoryTable(RecordTable[PeerHistory]):
    """Bundles received per trusted peer; a long silence is coloured as late."""

    COLUMNS = (_("Peer"), _("Role"), _("Bundles"), _("Latest"), _("Since"))
    FLEX = (0,)
    OPENS_SCHOOLS = False
    LATE_AFTER_DAYS = 21
    """Three weeks without a bundle is worth a word with the adviser."""

    def key_of(self, record: PeerHistory) -> str:
        return record.peer_id

    def cells(self, record: PeerHistory, tones: Tones) -> tuple[Text, ...]:
        days = record.days_since
        late = days is None or days >= self.LATE_AFTER_DAYS
        since = _("never") if days is None else fmt.days(days)
        return (
            plain(record.name, NAME_WIDTH),
            Text(peer_role_words(record.role)),
            Text(str(record.bundles)),
            Text(fmt.short_day_with_year(record.latest.date()) if record.latest else "—"),
            Text(since, style=tones.late if late else ""),
        )


class ImportReportTable(RecordTable[ImportResult]):
    """One row per file imported: imported or rejected (with why), and what changed."""

    COLUMNS = (
        _("File"),
        _("Result"),
        _("Added"),
        _("Updated"),
        _("Unchanged"),
        _("Conflicts"),
        _("Reason"),
    )
    OPENS_SCHOOLS = False

    def key_of(self, record: ImportResult) -> str:
        return record.file

    def cells(self, record: ImportResult, tones: Tones) -> tuple[Text, ...]:
        imported = record.status == "imported"
        status = _("imported") if imported else _("rejected")
        if record.duplicate:
            status = _("already imported")
        return (
            plain(Path(record.file).name, NAME_WIDTH),
            Text(status, style=tones.low if imported else tones.high),
            Text(str(record.added)),
            Text(str(record.updated)),
            Text(str(record.unchanged)),
            Text(str(record.conflicts), style=tones.late if record.conflicts else ""),
            plain(record.reason, TEXT_WIDTH),
        )


class ConflictTable(CompareTable[ConflictRow]):
    """Losing versions kept by sync; Enter compares one with the current record."""

    COLUMNS = (_("Kind"), _("Which record"), _("Kept"))
    FLEX = (1,)
    BINDINGS: ClassVar[list[BindingType]] = [compare_binding("sync.compare")]

    def cells(self, record: ConflictRow, tones: Tones) -> tuple[Text, ...]:
        return (
            Text(KIND_LABELS.get(record.table, record.table)),
            plain(record.label, TEXT_WIDTH),
            Text(fmt.short_day_with_year(record.created_at.date())),
        )
