"""The dashboard's list of link schools behind their programme of visits.

One row per school that has a programme visit overdue (its window closed without a visit
done) or a programme visit with nothing planned for it. Enter opens the school's page.
"""

from __future__ import annotations

from rich.text import Text

from sia_console.i18n import _, ngettext
from sia_console.services.programme.coverage_rows import SchoolCoverage
from sia_console.tui.formatting import Tones, plain
from sia_console.tui.widgets.tables import RecordTable


class CoverageTable(RecordTable[SchoolCoverage]):
    """Schools behind the programme: done against due, planned against the programme."""

    COLUMNS = (_("School"), _("Done/due"), _("Planned"), _("Needs"))
    FLEX = (0, -1)
    """What a school needs gives way first, then its name (down to what tells it apart)."""
    NAME_COLUMNS = (0,)

    def cells(self, record: SchoolCoverage, tones: Tones) -> tuple[Text, ...]:
        needs: list[str] = []
        if record.behind:
            needs.append(
                ngettext("{count} visit late", "{count} visits late", record.behind).format(
                    count=record.behind
                )
            )
        if record.to_plan:
            needs.append(_("{count} to plan").format(count=record.to_plan))
        return (
            plain(record.school_name),
            Text(
                f"{record.done_of_due}/{record.due}",
                style=tones.late if record.behind else "",
            ),
            Text(f"{record.planned}/{record.programme}"),
            Text(", ".join(needs), style=tones.high if record.behind else tones.late),
        )

    def key_of(self, record: SchoolCoverage) -> str:
        return record.school_code

    def school_of(self, record: SchoolCoverage) -> str | None:
        return record.school_code
