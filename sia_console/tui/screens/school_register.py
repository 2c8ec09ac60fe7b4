"""The core lead's Schools place: the register of every school, worked like a spreadsheet.

One row per school (``services.authority.school_register``): who holds it, its category,
its latest agreed judgement and the change, its visits, what is late, and how old the
adviser's last bundle is. Sort by any column both ways (click a heading, ``o`` / ``O``),
filter by any column's words in either language (``high``, ``uchel``, ``red``, an
adviser, an authority), read a row in full (``v``), and mark schools (space, ``A`` for
all of an adviser's) to hand them to another adviser at once (``m``), with a reason and
the day it takes effect. The adviser keeps their own Schools place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from sqlmodel import Session
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Input, Static

from sia_console.domain.labels import words_in_every_language
from sia_console.domain.vocabulary import long_date, matches_filter
from sia_console.i18n import _, in_every_language, ngettext
from sia_console.services.authority.school_register import (
    AgeRule,
    JudgementAgeLimit,
    RegisterRow,
    judgement_age_limit,
    school_register,
)
from sia_console.services.errors import ServiceError
from sia_console.services.schools.assignment import AdviserChoice, adviser_choices
from sia_console.services.schools.reassignment import reassign_schools
from sia_console.services.settings import load_settings
from sia_console.tui import formatting as fmt
from sia_console.tui.dialogs.register_dialogs import ReassignChoice, ReassignDialog, RowDialog
from sia_console.tui.screens.filtered_table import (
    FilteredTableScreen,
    filter_key,
    refresh_key,
)
from sia_console.tui.widgets.register_table import FLAGGED, MARKED, RegisterTable


@dataclass(frozen=True)
class RegisterData:
    """What the screen read in one go."""

    rows: tuple[RegisterRow, ...]
    advisers: tuple[AdviserChoice, ...]
    overdue_days: int
    age_limit: JudgementAgeLimit
    """From when a high-risk judgement is recent: the legend says it in words."""


def row_words(row: RegisterRow) -> tuple[str | None, ...]:
    """Every word a filter may find a row by, in English and in Welsh alike."""
    words: list[str | None] = [
        row.school_name,
        row.school_code,
        row.adviser_name,
        row.local_authority,
        row.category,
        row.category_key,
        *(in_every_language(row.category_words) if row.category_words else ()),
    ]
    if row.level is not None:
        words += words_in_every_language(row.level)
    return tuple(words)


def read_register(session: Session, today: date) -> RegisterData:
    """Everything the screen shows, in one session (called in a worker)."""
    settings = load_settings(session)
    return RegisterData(
        rows=school_register(session, today),
        advisers=tuple(adviser_choices(session)),
        overdue_days=settings.note_overdue_days,
        age_limit=judgement_age_limit(today, settings.term_dates),
    )


class RegisterScreen(FilteredTableScreen[RegisterData]):
    """Every school of the authority: sorted, filtered, read in full, reassigned."""

    ABOUT = _(
        "Every school of the authority, one row each: its SIA, category, latest agreed "
        "judgement and the change since the one before, the last and next visit, notes and "
        "actions late, and days since the SIA's last bundle. Sort by any column (click a "
        "heading, or o; O the other way), filter by any words, read a row in full with v, "
        "and mark schools (space; A for all of one SIA's) to reassign them at once with m."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        filter_key(
            "register",
            _("Narrow the register to the rows holding every word typed"),
            priority=True,
        ),
        Binding(
            "escape",
            "clear_or_leave",
            _("Back"),
            id="register.back",
            tooltip=_("Clear the filter, or go back to the home screen when it is clear"),
        ),
        refresh_key("register", _("Read the register again from the database")),
    ]
    LOAD_FAILED = _("Could not load the schools")

    def place(self) -> str:
        return _("Schools")

    def filter_placeholder(self) -> str:
        return _("Filter by school, SIA, authority, category or risk")

    def compose_table(self) -> ComposeResult:
        yield RegisterTable(id="register")
        yield Static(id="no-rows", classes="empty-note")
        yield Static(id="legend")

    @property
    def table(self) -> RegisterTable:
        """The register's table."""
        return self.query_one(RegisterTable)

    def read(self, session: Session) -> RegisterData:
        return read_register(session, self.context.today())

    def loaded(self, data: RegisterData) -> None:
        self.table.everyone = data.rows
        known = {row.school_code for row in data.rows}
        self.table.marked &= known
        self.query_one("#legend", Static).update(self._legend(data))

    def _legend(self, data: RegisterData) -> Content:
        limit = data.age_limit
        if limit.rule is AgeRule.THIS_TERM:
            look = _(
                "look here: a high-risk judgement older than a term (made before this term "
                "began on {day}), or the SIA's last bundle older than {days}"
            )
        elif limit.rule is AgeRule.LAST_TERM:
            look = _(
                "look here: a high-risk judgement older than a term (made before the last "
                "term began on {day}), or the SIA's last bundle older than {days}"
            )
        else:
            look = _(
                "look here: a high-risk judgement older than a term (13 weeks), or the SIA's "
                "last bundle older than {days}"
            )
        return Content.assemble(
            (f"{MARKED} ", "bold"),
            _("marked to reassign"),
            " · ",
            (f"{FLAGGED} ", "bold $text-warning"),
            look.format(day=long_date(limit.since), days=fmt.days(data.overdue_days)),
            " · ",
            _("Bundle: days since the SIA's last bundle arrived"),
        )

    def show_rows(self) -> None:
        if self.data is None:
            return
        words = self.filter_words
        rows = self.data.rows
        if words.split():
            rows = tuple(row for row in rows if matches_filter(words, *row_words(row)))
        self.table.show(rows)
        self._headline()
        if not self.data.rows:
            note = _(
                "No schools yet: import the authority's list with sia-console schools "
                "import FILE.csv, or an adviser's bundle."
            )
        elif not rows:
            note = _("Nothing here matches “{words}”.").format(words=words.strip())
        else:
            note = ""
        self.query_one("#no-rows", Static).update(Content(note))
        self.set_class(not rows, "-empty")

    def _headline(self) -> None:
        if self.data is None:
            return
        total, shown = len(self.data.rows), len(self.table.records)
        if shown != total:
            count = ngettext(
                "Showing {shown} of {total} school", "Showing {shown} of {total} schools", total
            ).format(shown=shown, total=total)
        else:
            count = ngettext("{total} school", "{total} schools", total).format(total=total)
        flagged = sum(row.stale_judgement or row.stale_bundle for row in self.data.rows)
        parts = [Content(count)]
        if flagged:
            parts.append(
                Content.styled(
                    ngettext(
                        "{count} to look at ({mark})", "{count} to look at ({mark})", flagged
                    ).format(count=flagged, mark=FLAGGED),
                    "$text-warning",
                )
            )
        marked = len(self.table.marked)
        if marked:
            parts.append(
                Content(
                    ngettext(
                        "{count} marked: m reassigns it", "{count} marked: m reassigns them", marked
                    ).format(count=marked)
                )
            )
        self.query_one("#summary", Static).update(Content(" · ").join(parts))

    @on(RegisterTable.MarksChanged)
    def _marks_changed(self) -> None:
        self._headline()

    async def action_clear_or_leave(self) -> None:
        """Clear the filter; if it is already clear, go back to the home screen."""
        box = self.query_one("#filter", Input)
        if box.value:
            box.value = ""
            box.focus()
        else:
            await self.app.run_action("show_dashboard")

    @on(RegisterTable.ReadRow)
    def _read_row(self, message: RegisterTable.ReadRow) -> None:
        if self.data is None:
            return
        self.app.push_screen(
            RowDialog(
                message.row, overdue_days=self.data.overdue_days, age_limit=self.data.age_limit
            )
        )

    @on(RegisterTable.Reassign)
    def _reassign(self, message: RegisterTable.Reassign) -> None:
        if self.data is None:
            return
        names = {row.school_code: row.school_name for row in self.data.rows}
        codes = message.codes

        def chosen(choice: ReassignChoice | None) -> None:
            if choice is not None:
                self.save_reassignment(codes, choice)

        self.app.push_screen(
            ReassignDialog(
                tuple(names.get(code, code) for code in codes),
                self.data.advisers,
                today=self.context.today(),
            ),
            chosen,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="register-save")
    def save_reassignment(self, codes: tuple[str, ...], choice: ReassignChoice) -> None:
        """Save the reassignment in a thread, then read the register again."""
        try:
            with self.context.database.session() as session:
                done = reassign_schools(
                    session,
                    codes,
                    adviser_id=choice.adviser_id,
                    reason=choice.reason,
                    effective_on=choice.effective_on,
                )
                session.commit()
                data = self.read(session)
        except ServiceError as error:
            self.not_saved(error)
            return
        self.app.call_from_thread(self.table.clear_marks)
        count = len(done.changed)
        text = ngettext(
            "Reassigned {count} school; it goes to the SIAs in your next bundle.",
            "Reassigned {count} schools; they go to the SIAs in your next bundle.",
            count,
        ).format(count=count)
        self.saved(data, text)
