"""The core lead's tables: coverage per SIA, the risk register, categories (counts and the
year's changes), overdue actions.

Each sorts by any column: click a heading, or press ``o`` to
sort by the next column (again on the same heading, or ``O``, to reverse); the heading
sorted by carries ▲ (ascending) or ▼ (descending). Tables never read the
database; the screen hands them records. Rows of schools post ``OpenSchool``; a row of
the coverage table posts :class:`SiaCoverageTable.OpenSia`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import ClassVar, TypeVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from sia_console.domain.vocabulary import fold
from sia_console.i18n import _
from sia_console.services.authority.rows import (  # (no ORM: drawn before it loads)
    CategoryChangeEntry,
    CategoryCount,
    OverdueAction,
    ProgrammeCount,
    RiskEntry,
    SiaCoverage,
    SiaSchool,
)
from sia_console.tui import formatting as fmt
from sia_console.tui.formatting import Tones, plain
from sia_console.tui.widgets.tables import NAME_WIDTH, TEXT_WIDTH, RecordTable

RecordT = TypeVar("RecordT")

_LEADING_NUMBER = re.compile(r"^-?\d+")

SORT_MARKS = {False: "▲", True: "▼"}
"""The mark after the heading sorted by: ascending, descending."""


class SortableTable(RecordTable[RecordT]):
    """A record table that sorts by a column, keeping the sort when new records arrive."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "o",
            "sort_next",
            _("Sort"),
            id="authority.sort",
            tooltip=_("Sort by the next column (click a heading to sort by it)"),
        ),
        Binding(
            "O",
            "sort_reverse",
            _("Reverse"),
            show=False,
            id="authority.sort-reverse",
            tooltip=_("Sort the other way: descending, or back to ascending"),
        ),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.sort_column: int | None = None
        """The column sorted by, or ``None`` for the order the service gave."""
        self.sort_reverse = False

    def show(self, records: Iterable[RecordT], *, today: date | None = None) -> None:
        rows = list(records)
        if self.sort_column is not None and self.is_mounted:
            column, tones = self.sort_column, Tones.of(self.app)
            rows.sort(key=lambda r: self.sort_value(r, column, tones), reverse=self.sort_reverse)
        super().show(rows, today=today)

    def sort_value(self, record: RecordT, column: int, tones: Tones) -> tuple[int, int, str]:
        """How a cell sorts: numbers by value, text without accents or case."""
        text = self.cells(record, tones)[column].plain
        number = _LEADING_NUMBER.match(text)
        if number:
            return (0, int(number.group()), "")
        return (1, 0, fold(text))

    def sort_by(self, column: int, *, reverse: bool | None = None) -> None:
        """Sort by ``column``; a second time reverses (``reverse`` says which way)."""
        if reverse is None:
            reverse = self.sort_column == column and not self.sort_reverse
        self.sort_reverse = reverse
        self.sort_column = column
        self._mark_heading()
        self.show(self.records, today=self.today)

    def relabel(self) -> None:
        """The headings from ``COLUMNS``, the sorted one still marked."""
        self._mark_heading()
        self.refresh()

    def _mark_heading(self) -> None:
        """▲ or ▼ after the heading sorted by; the others as they are."""
        for index, column in enumerate(self.ordered_columns):
            label = self.COLUMNS[index]
            if index == self.sort_column:
                label = f"{label} {SORT_MARKS[self.sort_reverse]}".strip()
            column.label = Text(label)

    def action_sort_reverse(self) -> None:
        """Sort the other way by the same column (the first, when none is sorted yet)."""
        column = 0 if self.sort_column is None else self.sort_column
        self.sort_by(column, reverse=self.sort_column is not None and not self.sort_reverse)

    def action_sort_next(self) -> None:
        """Sort by the column after the one sorted by now."""
        current = -1 if self.sort_column is None else self.sort_column
        self.sort_by((current + 1) % len(self.COLUMNS))

    @on(DataTable.HeaderSelected)
    def _header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        self.sort_by(event.column_index)


def _of(count: ProgrammeCount, part: int) -> Text:
    return Text(f"{part}/{count.programme}")


class SiaCoverageTable(SortableTable[SiaCoverage]):
    """Per SIA: link schools, the programme this term and year, notes overdue, last bundle."""

    class OpenSia(Message):
        """Show the link schools of one SIA."""

        def __init__(self, adviser_id: str | None, name: str) -> None:
            super().__init__()
            self.adviser_id = adviser_id
            """``None`` for the schools without an SIA."""
            self.name = name

    COLUMNS = (
        _("SIA"),
        _("Schools"),
        _("Term done"),
        _("Year planned"),
        _("Year done"),
        _("Due"),
        _("Behind"),
        _("Notes late"),
        _("Last bundle"),
    )
    FLEX = (0,)
    OPENS_SCHOOLS = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "select_cursor",
            _("Open SIA"),
            id="authority.open-sia",
            tooltip=_("Show the link schools of the SIA on the highlighted row"),
        ),
    ]

    def cells(self, record: SiaCoverage, tones: Tones) -> tuple[Text, ...]:
        behind = record.year.behind
        bundle = record.last_bundle
        return (
            plain(record.adviser_name, NAME_WIDTH),
            Text(str(record.schools)),
            _of(record.term, record.term.done),
            _of(record.year, record.year.planned),
            _of(record.year, record.year.done),
            Text(str(record.year.due)),
            Text(str(behind), style=tones.late if behind else ""),
            Text(str(record.notes_overdue), style=tones.late if record.notes_overdue else ""),
            Text(
                bundle.date().isoformat() if bundle else _("never"),
                style="" if bundle else tones.quiet,
            ),
        )

    def key_of(self, record: SiaCoverage) -> str:
        return record.adviser_id or "-"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "select_cursor":
            return self.row_count > 0
        return super().check_action(action, parameters)

    @on(DataTable.RowSelected)
    def _open_sia(self, event: DataTable.RowSelected) -> None:
        record = self.highlighted()
        if record is not None:
            event.stop()
            self.post_message(self.OpenSia(record.adviser_id, record.adviser_name))


CHANGE_ARROWS = {"↑": "↑", "↓": "↓", "=": "=", "": "·"}
"""How a change of risk reads in a cell (a first judgement has no arrow)."""


class RiskRegisterTable(SortableTable[RiskEntry]):
    """Every judged school's latest risk, the one before and the change; high first."""

    COLUMNS = (_("School"), _("SIA"), _("Risk"), _("Was"), _("Change"), _("Judged"))
    FLEX = (0, 1)
    NAME_COLUMNS = (0,)

    def cells(self, record: RiskEntry, tones: Tones) -> tuple[Text, ...]:
        change = str(record.change)
        style = {"↑": tones.high, "↓": tones.low}.get(change, "")
        return (
            plain(record.school_name),
            plain(record.adviser_name, 20),
            tones.risk(record.level),
            tones.risk(record.previous_level),
            Text(CHANGE_ARROWS[change], style=style),
            self._judged(record),
        )

    @staticmethod
    def _judged(record: RiskEntry) -> Text:
        """The day of the judgement, and who made it when that is not the school's SIA
        now (a school handed on keeps its judgement with whoever made it)."""
        day = fmt.short_day_with_year(record.judged_on)
        if not record.judged_by or record.judged_by == record.adviser_name:
            return Text(day)
        return plain(_("{day}, by {name}").format(day=day, name=record.judged_by))

    def sort_value(self, record: RiskEntry, column: int, tones: Tones) -> tuple[int, int, str]:
        if column == 2:
            return (0, record.level.rank, "")
        if column == 3:
            return (0, record.previous_level.rank if record.previous_level else -1, "")
        if column == 5:
            return (0, record.judged_on.toordinal(), "")
        return super().sort_value(record, column, tones)

    def key_of(self, record: RiskEntry) -> str:
        return record.school_code

    def school_of(self, record: RiskEntry) -> str | None:
        return record.school_code


class CategoryTable(SortableTable[CategoryCount]):
    """Schools per support category, for all authorities and for each one."""

    COLUMNS = (_("Authority"), _("Category"), _("Schools"))
    FLEX = (0,)
    OPENS_SCHOOLS = False

    def cells(self, record: CategoryCount, tones: Tones) -> tuple[Text, ...]:
        return (
            plain(record.local_authority, NAME_WIDTH),
            plain(record.category, 40),
            Text(str(record.schools)),
        )

    def key_of(self, record: CategoryCount) -> str:
        return f"{record.local_authority}\x00{record.category}"


class CategoryChangeTable(SortableTable[CategoryChangeEntry]):
    """The schools whose support category changed this academic year, newest first."""

    COLUMNS = (_("School"), _("From → to"), _("Changed"), _("SIA"))
    FLEX = (0, 3)
    NAME_COLUMNS = (0,)

    def cells(self, record: CategoryChangeEntry, tones: Tones) -> tuple[Text, ...]:
        change = _("{previous} → {category}").format(
            previous=record.previous, category=record.category
        )
        return (
            plain(record.school_name),
            plain(change, 40),
            Text(fmt.short_day_with_year(record.changed_on)),
            plain(record.adviser_name, 20),
        )

    def sort_value(
        self, record: CategoryChangeEntry, column: int, tones: Tones
    ) -> tuple[int, int, str]:
        if column == 2:
            return (0, record.changed_on.toordinal(), "")
        return super().sort_value(record, column, tones)

    def key_of(self, record: CategoryChangeEntry) -> str:
        return record.change_id

    def school_of(self, record: CategoryChangeEntry) -> str | None:
        return record.school_code


class OverdueActionTable(SortableTable[OverdueAction]):
    """Open actions past their due date, by SIA and school."""

    COLUMNS = (_("SIA"), _("School"), _("Action"), _("Owner"), _("Late"))
    FLEX = (2, 1, 3, 0)
    NAME_COLUMNS = (1,)

    def cells(self, record: OverdueAction, tones: Tones) -> tuple[Text, ...]:
        return (
            plain(record.adviser_name, 20),
            plain(record.school_name),
            plain(record.text, TEXT_WIDTH),
            plain(record.owner, 20),
            Text(fmt.days(record.days_overdue), style=tones.late),
        )

    def sort_value(self, record: OverdueAction, column: int, tones: Tones) -> tuple[int, int, str]:
        if column == 4:
            return (0, record.days_overdue, "")
        return super().sort_value(record, column, tones)

    def key_of(self, record: OverdueAction) -> str:
        return record.action_id

    def school_of(self, record: OverdueAction) -> str | None:
        return record.school_code


class SiaSchoolTable(SortableTable[SiaSchool]):
    """One SIA's link schools: category, latest risk, the year's programme, notes late."""

    COLUMNS = (
        _("School"),
        _("Category"),
        _("Risk"),
        _("Planned"),
        _("Done"),
        _("Due"),
        _("Behind"),
        _("Notes late"),
    )
    FLEX = (0,)
    NAME_COLUMNS = (0,)

    def cells(self, record: SiaSchool, tones: Tones) -> tuple[Text, ...]:
        behind = record.year.behind
        return (
            plain(record.school_name),
            # (a school handed on, where visits they made still count for the SIA)
            plain(record.category, 16) if record.held else Text(_("handed on"), style="italic"),
            tones.risk(record.latest_risk),
            _of(record.year, record.year.planned),
            _of(record.year, record.year.done),
            Text(str(record.year.due)),
            Text(str(behind), style=tones.late if behind else ""),
            Text(str(record.notes_overdue), style=tones.late if record.notes_overdue else ""),
        )

    def key_of(self, record: SiaSchool) -> str:
        return record.school_code

    def school_of(self, record: SiaSchool) -> str | None:
        return record.school_code
