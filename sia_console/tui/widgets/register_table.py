"""The core lead's register of schools as a table: a row per school, sortable both ways,
rows marked for reassignment, and a mark where the core lead should look.

Space marks the highlighted school, ``A`` every school of its adviser (again: unmarks
them); ``m`` asks to reassign the marked schools (or the highlighted one), ``v`` to read
the highlighted row in full. The first column says ``✓`` for a marked school and ``!``
for a high-risk judgement older than a term or an adviser's stale bundle (those cells
are coloured too). The table never reads the database: it posts messages up.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.message import Message

from sia_console.domain.vocabulary import short_month_name
from sia_console.i18n import _
from sia_console.services.authority.school_register import RegisterRow
from sia_console.tui.formatting import Tones, plain
from sia_console.tui.widgets.authority_tables import CHANGE_ARROWS, SortableTable

MARKED, FLAGGED = "✓", "!"
"""The first column's marks: marked for reassignment; worth a look."""

_NEVER = 1 << 30
"""How a missing day or count sorts: after every real one."""


def day_cell(day: date | datetime | None) -> str:
    """``23 Nov 26``: a day short enough for a column of them ("—" for none)."""
    if day is None:
        return "—"
    if isinstance(day, datetime):
        day = day.date()
    return f"{day.day} {short_month_name(day.month)} {day.year % 100:02d}"


class RegisterTable(SortableTable[RegisterRow]):
    """One row per school: who holds it, its category and risk, visits, what is late."""

    COLUMNS = (
        "",
        _("School"),
        _("SIA"),
        _("Authority"),
        _("Category"),
        _("Risk"),
        _("Judged"),
        _("Change"),
        _("Last visit"),
        _("Next visit"),
        _("Notes late"),
        _("Actions late"),
        _("Bundle (days)"),
    )
    FLEX = (1, 2, 3, 4)
    NAME_COLUMNS = (1,)
    NAMES_GIVE_ALL = False

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "space",
            "toggle_mark",
            _("Mark"),
            id="register.mark",
            tooltip=_("Mark the highlighted school to reassign it (again: unmark it)"),
        ),
        Binding(
            "A",
            "mark_adviser",
            _("Mark SIA's"),
            id="register.mark-adviser",
            tooltip=_("Mark every school of the highlighted school's SIA (again: unmark them)"),
        ),
        Binding(
            "m",
            "reassign",
            _("Reassign"),
            id="register.reassign",
            tooltip=_("Hand the marked schools (or the highlighted one) to another SIA"),
        ),
        Binding(
            "v",
            "read_row",
            _("Read in full"),
            id="register.read",
            tooltip=_("Read everything the highlighted row holds, uncut"),
        ),
    ]

    class Reassign(Message):
        """Reassign these schools (their codes, in the table's order)."""

        def __init__(self, codes: tuple[str, ...]) -> None:
            super().__init__()
            self.codes = codes

    class ReadRow(Message):
        """Show one row in full."""

        def __init__(self, row: RegisterRow) -> None:
            super().__init__()
            self.row = row

    class MarksChanged(Message):
        """The schools marked have changed (the screen counts them)."""

        def __init__(self, count: int) -> None:
            super().__init__()
            self.count = count

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.marked: set[str] = set()
        """The codes of the schools marked for reassignment."""

    def cells(self, record: RegisterRow, tones: Tones) -> tuple[Text, ...]:
        change = str(record.change)
        change_style = {"↑": tones.high, "↓": tones.low}.get(change, "")
        judged = Text(day_cell(record.judged_on))
        if record.stale_judgement:
            judged.stylize(tones.late)
        if record.adviser_id is None:
            bundle = Text("—", style=tones.quiet)
        elif record.bundle_days is None:
            bundle = Text(_("never"), style=tones.late)
        else:
            bundle = Text(str(record.bundle_days), style=tones.late if record.stale_bundle else "")
        flagged = record.stale_judgement or record.stale_bundle
        mark = (MARKED if record.school_code in self.marked else " ") + (
            FLAGGED if flagged else " "
        )
        return (
            Text(mark, style=tones.late if flagged else ""),
            plain(record.school_name),
            plain(record.adviser_name) if record.adviser_name else Text("—", style=tones.quiet),
            plain(record.local_authority),
            plain(record.category),
            tones.risk(record.level),
            judged,
            Text(CHANGE_ARROWS[change], style=change_style),
            Text(day_cell(record.last_visit)),
            Text(day_cell(record.next_visit)),
            Text(str(record.notes_overdue), style=tones.late if record.notes_overdue else ""),
            Text(str(record.actions_overdue), style=tones.late if record.actions_overdue else ""),
            bundle,
        )

    def sort_value(self, record: RegisterRow, column: int, tones: Tones) -> tuple[int, int, str]:
        if column == 0:
            marked = record.school_code in self.marked
            flagged = record.stale_judgement or record.stale_bundle
            return (0, -(2 * marked + flagged), "")
        if column == 5:
            return (0, record.level.rank if record.level else -1, "")
        if column == 7:
            return (0, {"↑": 0, "": 1, "=": 2, "↓": 3}[str(record.change)], "")
        days = {6: record.judged_on, 8: record.last_visit, 9: record.next_visit}
        if column in days:
            day = days[column]
            return (0, day.toordinal() if day is not None else _NEVER, "")
        if column == 12:
            never = _NEVER - 1 if record.adviser_id is not None else _NEVER
            return (0, record.bundle_days if record.bundle_days is not None else never, "")
        return super().sort_value(record, column, tones)

    def key_of(self, record: RegisterRow) -> str:
        return record.school_code

    def school_of(self, record: RegisterRow) -> str | None:
        return record.school_code

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("toggle_mark", "mark_adviser", "reassign", "read_row"):
            return self.highlighted() is not None
        return super().check_action(action, parameters)

    def _redraw_marks(self) -> None:
        tones = Tones.of(self.app)
        for index, record in enumerate(self.records):
            self.update_cell_at(Coordinate(index, 0), self.cells(record, tones)[0])
        self.post_message(self.MarksChanged(len(self.marked)))

    def action_toggle_mark(self) -> None:
        """Mark the highlighted school, or unmark it; then go to the next row."""
        record = self.highlighted()
        if record is None:
            return
        self.marked ^= {record.school_code}
        self._redraw_marks()
        if self.cursor_row + 1 < self.row_count:
            self.move_cursor(row=self.cursor_row + 1, animate=False)

    def action_mark_adviser(self) -> None:
        """Mark every school of the highlighted school's adviser (shown or not); if all
        are marked already, unmark them."""
        record = self.highlighted()
        if record is None:
            return
        theirs = {r.school_code for r in self.everyone if r.adviser_id == record.adviser_id}
        if theirs <= self.marked:
            self.marked -= theirs
        else:
            self.marked |= theirs
        self._redraw_marks()

    everyone: tuple[RegisterRow, ...] = ()
    """Every school of the register, the filter aside (marking an adviser's marks all)."""

    def clear_marks(self) -> None:
        """Unmark every school."""
        self.marked.clear()
        self._redraw_marks()

    def action_reassign(self) -> None:
        """Ask the screen to reassign the marked schools, or the highlighted one."""
        record = self.highlighted()
        if self.marked:
            order = [r.school_code for r in self.everyone or self.records]
            codes = tuple(code for code in order if code in self.marked)
        elif record is not None:
            codes = (record.school_code,)
        else:
            return
        self.post_message(self.Reassign(codes))

    def action_read_row(self) -> None:
        """Ask the screen to show the highlighted row in full."""
        record = self.highlighted()
        if record is not None:
            self.post_message(self.ReadRow(record))
