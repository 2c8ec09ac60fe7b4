"""The tables of an adviser's records: visits (today, the week, a school's), notes late,
schools at high risk, actions, judgements and schools.

Each says its columns and how one record reads as cells; what every table shares (the
cells fitted to the width, the cursor kept, a school opened) is :class:`RecordTable`'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from sia_console.domain.caseload import reassigned_words
from sia_console.domain.enums import RiskLevel, VisitStatus
from sia_console.domain.labels import visit_status_reason, word
from sia_console.domain.note_template import ACTIONS_PAGE
from sia_console.i18n import _
from sia_console.services.today_rows import ActionRow, HighRiskSchool, OverdueNote, VisitRow
from sia_console.tui import formatting as fmt
from sia_console.tui.formatting import Tones, plain
from sia_console.tui.messages import CancelReassigned, OpenNote
from sia_console.tui.widgets.tables import TEXT_WIDTH, RecordTable

if TYPE_CHECKING:  # (the register's rows: their module loads the ORM)
    from sia_console.services.schools.page import JudgementRow, SchoolRow


class _SchoolVisitTable(RecordTable[VisitRow]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "x",
            "cancel_reassigned",
            _("Cancel visit"),
            id="table.cancel-reassigned",
            tooltip=_("Cancel this visit: the core lead has linked its school to another adviser"),
        ),
        Binding(
            "X",
            "cancel_every_reassigned",
            _("Cancel all"),
            id="table.cancel-every-reassigned",
            tooltip=_(
                "Cancel every visit you still have planned at schools the core lead has "
                "linked to another adviser"
            ),
        ),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer cancelling only for a visit planned at a school now another adviser's."""
        if action in ("cancel_reassigned", "cancel_every_reassigned"):
            record = self.highlighted()
            return record is not None and record.reassigned
        return super().check_action(action, parameters)

    @on(DataTable.RowHighlighted)
    def _offer_cancelling(self) -> None:
        """The footer offers x only on a visit at a school now another adviser's."""
        self.refresh_bindings()

    def action_cancel_reassigned(self) -> None:
        """Ask the screen to cancel the highlighted visit, the reason offered."""
        record = self.highlighted()
        if record is not None and record.reassigned:
            self.post_message(CancelReassigned(record.visit_id, record.school_name, record.start))

    def action_cancel_every_reassigned(self) -> None:
        """Ask the screen to cancel every visit at a school now another adviser's."""
        record = self.highlighted()
        if record is not None and record.reassigned:
            self.post_message(
                CancelReassigned(record.visit_id, record.school_name, record.start, every=True)
            )

    def key_of(self, record: VisitRow) -> str:
        return record.visit_id

    def visit_of(self, record: VisitRow) -> str | None:
        return record.visit_id

    def school_of(self, record: VisitRow) -> str | None:
        return record.school_code


class TodayVisitTable(_SchoolVisitTable):
    """Today's visits: times, school, note, purpose."""

    COLUMNS = (_("Time"), _("School"), _("Note"), _("Purpose"))
    FLEX = (-1, 1)
    NAME_COLUMNS: ClassVar[tuple[int, ...]] = (1,)

    def cells(self, record: VisitRow, tones: Tones) -> tuple[Text, ...]:
        purpose = plain(record.purpose, TEXT_WIDTH)
        if record.reassigned:
            purpose = Text.assemble(_reassigned(tones), " ", purpose)
        elif record.status in (VisitStatus.CANCELLED, VisitStatus.POSTPONED):
            # (no status column here: a visit that will not happen says so first)
            purpose = Text.assemble(tones.visit_status(record.status), " ", purpose)
        return (
            Text(fmt.time_range(record.start, record.end)),
            plain(record.school_name),
            tones.note(record.note_status),
            purpose,
        )


class WeekVisitTable(_SchoolVisitTable):
    """The next seven days' visits: day and time, school, status, note, purpose."""

    COLUMNS = (_("When"), _("School"), _("Status"), _("Note"), _("Purpose"))
    FLEX = (-1, 1)
    NAME_COLUMNS: ClassVar[tuple[int, ...]] = (1,)

    def cells(self, record: VisitRow, tones: Tones) -> tuple[Text, ...]:
        return (
            Text(fmt.day_and_time(record.start)),
            plain(record.school_name),
            _reassigned(tones) if record.reassigned else tones.visit_status(record.status),
            tones.note(record.note_status),
            plain(record.purpose, TEXT_WIDTH),
        )


def _reassigned(tones: Tones) -> Text:
    """The mark of a visit planned at a school now linked to another adviser."""
    return Text(reassigned_words(), style=tones.late, end="")


class SchoolVisitTable(RecordTable[VisitRow]):
    """A school's visits, newest first (on the school's own page: opens nothing)."""

    COLUMNS = (_("Date"), _("Time"), _("Status"), _("Note"), _("Purpose"))
    OPENS_SCHOOLS = False

    def cells(self, record: VisitRow, tones: Tones) -> tuple[Text, ...]:
        why = visit_status_reason(record.status, record.status_reason)
        return (
            Text(fmt.short_day_with_year(record.start.date())),
            Text(fmt.time_range(record.start, record.end)),
            tones.visit_status(record.status),
            tones.note(record.note_status),
            plain(
                f"{why} — {record.purpose}" if why and record.purpose else why or record.purpose,
                TEXT_WIDTH,
            ),
        )

    def key_of(self, record: VisitRow) -> str:
        return record.visit_id

    def visit_of(self, record: VisitRow) -> str | None:
        return record.visit_id


class OverdueNoteTable(RecordTable[OverdueNote]):
    """Notes of visit not final in time, most overdue first."""

    COLUMNS = (_("Visit"), _("School"), _("Note"), _("Overdue by"))
    FLEX = (1,)
    NAME_COLUMNS: ClassVar[tuple[int, ...]] = (1,)

    def cells(self, record: OverdueNote, tones: Tones) -> tuple[Text, ...]:
        return (
            Text(fmt.short_day(record.visit_start.date())),
            plain(record.school_name),
            tones.note(record.note_status),
            Text(fmt.days(record.days_overdue), style=tones.late),
        )

    def key_of(self, record: OverdueNote) -> str:
        return record.visit_id

    def visit_of(self, record: OverdueNote) -> str | None:
        return record.visit_id

    def school_of(self, record: OverdueNote) -> str | None:
        return record.school_code


class HighRiskTable(RecordTable[HighRiskSchool]):
    """Schools whose latest agreed floor-target risk judgement is high, with the trend;
    a draft's high judgement on a visit made is marked provisional."""

    COLUMNS = (_("School"), _("Judged"), _("Trend"))
    FLEX = (0,)
    NAME_COLUMNS: ClassVar[tuple[int, ...]] = (0,)

    def cells(self, record: HighRiskSchool, tones: Tones) -> tuple[Text, ...]:
        if record.previous_level is None:
            trend = Text(_("first judgement"), style=tones.high)
        elif record.previous_level is RiskLevel.HIGH:
            trend = Text(_("still high"), style=tones.high)
        else:
            was = word(record.previous_level)
            trend = Text(_("▲ up from {level}").format(level=was), style=tones.high)
        if record.provisional:  # a draft's judgement: not yet the school's
            trend = Text.assemble((_("provisional"), tones.quiet), " · ", trend)
        return (
            plain(record.school_name),
            Text(fmt.short_day(record.judged_on)),
            trend,
        )

    def key_of(self, record: HighRiskSchool) -> str:
        return record.school_code

    def school_of(self, record: HighRiskSchool) -> str | None:
        return record.school_code


class ActionTable(RecordTable[ActionRow]):
    """Open actions by due date; late ones say by how much."""

    COLUMNS = (_("Due"), _("School"), _("Action"), _("Owner"))
    FLEX: ClassVar[tuple[int, ...]] = (2, 1)
    NAME_COLUMNS: ClassVar[tuple[int, ...]] = (1,)

    def cells(self, record: ActionRow, tones: Tones) -> tuple[Text, ...]:
        return (
            self._due(record, tones),
            plain(record.school_name),
            plain(record.text, TEXT_WIDTH),
            plain(record.owner, 20),
        )

    def _due(self, record: ActionRow, tones: Tones) -> Text:
        if record.due is None:
            return Text(_("no date"), style=tones.quiet)
        late = record.days_overdue(self.today) if self.today else 0
        if late:
            return Text(_("{days} late").format(days=fmt.days(late)), style=tones.late)
        return Text(fmt.short_day(record.due))

    def visit_of(self, record: ActionRow) -> str | None:
        return record.visit_id

    def action_open_note(self) -> None:
        """Open the note where the highlighted action was agreed, at its actions page
        (where it can be marked done)."""
        record = self.highlighted()
        if record is not None and record.visit_id is not None:
            self.post_message(OpenNote(record.visit_id, section=ACTIONS_PAGE))

    def key_of(self, record: ActionRow) -> str:
        return record.action_id

    def school_of(self, record: ActionRow) -> str | None:
        return record.school_code


class SchoolActionTable(ActionTable):
    """A school's open actions (on the school's own page: no school column; those another
    adviser agreed, named)."""

    COLUMNS = (_("Due"), _("Action"), _("Owner"), _("Status"))
    FLEX = (1,)
    NAME_COLUMNS: ClassVar[tuple[int, ...]] = ()
    OPENS_SCHOOLS = False

    def cells(self, record: ActionRow, tones: Tones) -> tuple[Text, ...]:
        return (
            self._due(record, tones),
            _by(record.agreed_by, plain(record.text, TEXT_WIDTH), tones),
            plain(record.owner, 20),
            Text(word(record.status)),
        )


def _by(who: str | None, text: Text, tones: Tones) -> Text:
    """``text`` after the name of the other adviser who wrote it, if another did."""
    if who is None:
        return text
    return Text.assemble((_("{name}:").format(name=plain(who, 24).plain), tones.quiet), " ", text)


class JudgementTable(RecordTable["JudgementRow"]):
    """A school's floor-target risk judgements, newest first (another adviser's named)."""

    COLUMNS = (_("Judged"), _("Risk"), _("Rationale"))
    OPENS_SCHOOLS = False

    def cells(self, record: JudgementRow, tones: Tones) -> tuple[Text, ...]:
        return (
            Text(fmt.short_day_with_year(record.judged_on)),
            tones.risk(record.level),
            _by(record.made_by, plain(record.rationale, TEXT_WIDTH), tones),
        )

    def key_of(self, record: JudgementRow) -> str:
        return record.judgement_id


class SchoolTable(RecordTable["SchoolRow"]):
    """The schools register: name, latest risk, next visit, category, authority, code."""

    COLUMNS = (_("School"), _("Risk"), _("Next visit"), _("Category"), _("Authority"), _("Code"))
    FLEX = (0,)
    NAME_COLUMNS: ClassVar[tuple[int, ...]] = (0,)

    def cells(self, record: SchoolRow, tones: Tones) -> tuple[Text, ...]:
        next_visit = fmt.short_day(record.next_visit.date()) if record.next_visit else "—"
        return (
            plain(record.name),
            tones.risk(record.latest_risk),
            Text(next_visit),
            plain(record.category, 16),
            plain(record.local_authority, 20),
            plain(record.code),
        )

    def key_of(self, record: SchoolRow) -> str:
        return record.code

    def school_of(self, record: SchoolRow) -> str | None:
        return record.code
