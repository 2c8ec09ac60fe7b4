"""The core lead's home screen: the whole authority at a glance, from imported bundles.

Four panels answer the core lead's questions: who is behind (coverage per SIA), which
schools are at high risk and getting worse (the risk register), how schools fall into
support categories and which changed category this academic year, and which agreed
actions are overdue. The filter narrows every panel
at once; ``w`` writes the standards-board report (.docx) in a worker; ``a`` opens the
schools' categories and link advisers for the core lead to set; ``y`` opens Sync. The
conflicts waiting for a choice are listed above the panels (when there are some), and
Enter on one opens the compare dialog.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Header, Input, Static

from sia_console.domain.vocabulary import matches_filter
from sia_console.i18n import _, ngettext
from sia_console.paths import default_exports_dir
from sia_console.services.authority.rows import AuthoritySummary, CategoryCount
from sia_console.tui import formatting as fmt
from sia_console.tui.context import AppContext
from sia_console.tui.messages import FirstScreenShown, OpenSchool
from sia_console.tui.screens.base import DataScreen
from sia_console.tui.widgets.authority_tables import (
    CategoryChangeTable,
    CategoryTable,
    OverdueActionTable,
    RiskRegisterTable,
    SiaCoverageTable,
)
from sia_console.tui.widgets.conflict_panel import WaitingConflictTable
from sia_console.tui.widgets.footer import KeyFooter
from sia_console.tui.widgets.safe_input import SafeInput
from sia_console.tui.widgets.section import Section

if TYPE_CHECKING:
    from sia_console.services.sync.waiting import WaitingConflict

SIDE_BY_SIDE_WIDTH = 160
"""From this many columns, the panels sit in two columns."""


@dataclass(frozen=True)
class AuthorityData:
    """What the screen read in one go: the panels and the count of unresolved conflicts."""

    summary: AuthoritySummary
    conflicts: int


class AuthorityScreen(DataScreen):
    """Coverage per SIA, risk register, categories and overdue actions, with a filter."""

    ABOUT = _(
        "The whole authority at a glance, from the advisers' bundles: visits done against "
        "planned for each adviser, the schools at high risk, the support categories, and the "
        "actions overdue. The filter narrows every panel at once; the standards-board report "
        "is one key away."
    )

    # (its stylesheet, authority.tcss, is read with the app's: ``tui.app.HOME_CSS``)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "r",
            "refresh",
            _("Refresh"),
            show=False,  # (read again after every change made in the app; r, for one made
            # elsewhere, is in the help: the footer keeps Sync and Quit)
            id="authority.refresh",
            tooltip=_("Read the authority's picture again from the database"),
        ),
        Binding(
            "slash",
            "focus_filter",
            _("Filter"),
            id="authority.filter",
            tooltip=_("Narrow every panel to the SIAs, schools and authorities matching words"),
        ),
        Binding(
            "w",
            "export_report",
            _("Word report"),
            id="authority.report",
            tooltip=_("Write the authority summary for the standards board as a Word document"),
        ),
        Binding(
            "a",
            "app.show_assignment",
            _("Assign"),
            id="authority.assign",
            tooltip=_("Set schools' categories, link advisers and the floor target"),
        ),
        Binding(
            "y",
            "app.show_sync",
            _("Sync"),
            id="authority.sync",
            tooltip=_("Import the advisers' bundles, send yours, resolve conflicts"),
        ),
    ]
    LOAD_FAILED = _("Could not load the authority's picture")
    AUTO_FOCUS = ""

    class Loaded(Message):
        """The authority's picture has been read."""

        def __init__(self, data: AuthorityData) -> None:
            super().__init__()
            self.data = data

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.data: AuthorityData | None = None
        """The last picture read, filtered in memory as the filter changes."""
        self._read_once = False
        """Whether a picture has been shown (the first may be read through ``sqlite3``)."""
        self._first: AuthorityData | None = None
        """The first picture, read before the widgets are built (shown as they mount)."""

    def compose(self) -> ComposeResult:
        if not self._read_once:
            self._first = self.first_read(_quick_picture)
        if self._first is None:
            self.load()
        yield Header()
        with VerticalScroll(id="body"):
            yield Static(self.READING, id="summary", classes="status-line")
            yield SafeInput(placeholder=_("Filter by SIA, school or authority"), id="filter")
            yield Section(  # (shown only while some conflict waits)
                _("Conflicts to resolve"),
                WaitingConflictTable(),
                empty=_("No conflicts: every record agrees."),
                id="conflicts",
            )
            yield Section(  # (nine columns: the full width, side by side or not)
                _("Coverage per SIA"),
                SiaCoverageTable(),
                empty=_("No SIA has sent a bundle yet."),
                id="coverage",
            )
            wide = self.app.size.width >= SIDE_BY_SIDE_WIDTH  # (as on resize, drawn once)
            with Container(id="columns", classes="-side-by-side" if wide else ""):
                with Vertical(classes="column -first"):
                    yield Section(
                        _("Risk register"),
                        RiskRegisterTable(),
                        empty=_("No risk judgement recorded yet."),
                        id="risk",
                    )
                    yield Section(
                        _("Support categories"),
                        CategoryTable(),
                        empty=_("No schools."),
                        id="categories",
                    )
                    yield Section(
                        _("Changes of category this year"),
                        CategoryChangeTable(),
                        empty=_("No school has changed category this academic year."),
                        id="category-changes",
                    )
                with Vertical(classes="column"):
                    yield Section(
                        _("Actions past their due date"),
                        OverdueActionTable(),
                        empty=_("No open action is past its due date."),
                        id="actions",
                    )
        yield KeyFooter(held=True)  # its keys are those of the list focused once data arrives

    def on_mount(self) -> None:
        self.sub_title = _("Authority")
        self.query_one("#conflicts", Section).display = False  # (read after the panels)
        first, self._first = self._first, None
        if first is not None:  # in the widgets before they are first laid out and drawn
            self._show_data(first)

    def on_resize(self) -> None:
        wide = self.size.width >= SIDE_BY_SIDE_WIDTH
        self.query_one("#columns").set_class(wide, "-side-by-side")

    def action_refresh(self) -> None:
        """Read everything again."""
        self.read_again()

    def read_again(self) -> None:
        """Something was written since the last read (an import, a reassignment …)."""
        self.load()
        self.load_conflicts()

    def action_focus_filter(self) -> None:
        """Put the cursor in the filter box."""
        self.query_one("#filter", Input).focus()

    @work(thread=True, exclusive=True, exit_on_error=False, group="authority")
    def load(self) -> None:
        """Read every panel in a thread and post them back.

        The first read of an app started on a ready database goes through ``sqlite3``
        (``services.authority.quick``: the same answers), so the authority is shown before
        the ORM is loaded; later reads use the services as every other screen does.
        """
        today = self.context.today()
        quick = self.context.quick
        if quick is not None and not self._read_once:
            with quick.lock:
                data = _quick_picture(quick.connection, today)
        else:
            from sia_console.services.authority.summary import authority_summary
            from sia_console.services.sync.conflicts import unresolved_count

            with self.context.database.session() as session:
                data = AuthorityData(authority_summary(session, today), unresolved_count(session))
        self.post_message(self.Loaded(data))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self._show_data(message.data)

    def _show_data(self, data: AuthorityData) -> None:
        first, self._read_once = not self._read_once, True
        self.data = data
        self.query_one("#summary", Static).update(self._headline(data))
        self._show()
        if self.focused is None:
            for section in self.query(Section).exclude("#conflicts"):  # (read apart)
                if section.table.records:  # (its rows may wait for the table's width)
                    self.set_focus(section.table)  # now, before the footer shows its keys
                    break
        self.query_one(KeyFooter).release()
        if first:  # once drawn, the app opens the full database (and loads the ORM)
            self.call_after_refresh(self.post_message, FirstScreenShown())
            self.load_conflicts()

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self._show()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.query_one("#coverage", Section).table.focus()

    def _show(self) -> None:
        if self.data is None:
            return
        words = self.query_one("#filter", Input).value
        summary = self.data.summary
        categories = summary.categories
        everyone = _("All authorities")
        category_rows = [CategoryCount(everyone, label, n) for label, n in categories.totals]
        category_rows += categories.by_authority
        if not words.split():  # no filter: every row, without folding a thousand names
            self.query_one("#coverage", Section).show(summary.coverage)
            self.query_one("#risk", Section).show(summary.risk)
            self.query_one("#categories", Section).show(category_rows)
            self.query_one("#category-changes", Section).show(categories.changes)
            self.query_one("#actions", Section).show(summary.overdue_actions)
            return
        self.query_one("#coverage", Section).show(
            (r for r in summary.coverage if matches_filter(words, r.adviser_name)),
            filtered_by=words,
        )
        self.query_one("#risk", Section).show(
            (
                r
                for r in summary.risk
                if matches_filter(
                    words, r.school_name, r.school_code, r.adviser_name, r.local_authority
                )
            ),
            filtered_by=words,
        )
        self.query_one("#categories", Section).show(
            (r for r in category_rows if matches_filter(words, r.local_authority, r.category)),
            filtered_by=words,
        )
        self.query_one("#category-changes", Section).show(
            (
                r
                for r in categories.changes
                if matches_filter(
                    words,
                    r.school_name,
                    r.school_code,
                    r.adviser_name,
                    r.local_authority,
                    r.previous,
                    r.category,
                )
            ),
            filtered_by=words,
        )
        self.query_one("#actions", Section).show(
            (
                r
                for r in summary.overdue_actions
                if matches_filter(words, r.school_name, r.school_code, r.adviser_name, r.text)
            ),
            filtered_by=words,
        )

    def _headline(self, data: AuthorityData) -> Content:
        summary = data.summary
        parts = [Content.styled(fmt.long_day(summary.today), "bold")]
        if summary.authority:
            parts.append(Content(summary.authority))
        sias = len([row for row in summary.coverage if row.adviser_id is not None])
        parts.append(Content(ngettext("{count} SIA", "{count} SIAs", sias).format(count=sias)))
        high = sum(entry.level.rank == 2 for entry in summary.risk)
        parts.append(
            Content(
                ngettext(
                    "{count} school at high risk", "{count} schools at high risk", high
                ).format(count=high)
            )
        )
        conflicts = ngettext(
            "{count} conflict to resolve", "{count} conflicts to resolve", data.conflicts
        ).format(count=data.conflicts)
        parts.append(
            Content.styled(conflicts, "$text-warning" if data.conflicts else "$text-muted")
        )
        return Content(" · ").join(parts)

    def action_export_report(self) -> None:
        """Write the standards-board report in a worker."""
        self.notify(_("Writing the authority summary…"), markup=False)
        self.export_report()

    @work(thread=True, exclusive=True, exit_on_error=False, group="authority-report")
    def export_report(self) -> None:
        """Write the report to the exports folder and say where, literally."""
        from sia_console.services.authority.report import export_authority_report
        from sia_console.services.settings import export_folder

        with self.context.database.session() as session:
            default = default_exports_dir()
            folder = export_folder(session, default)
            if folder == default:
                folder.mkdir(parents=True, exist_ok=True)
            path = export_authority_report(session, folder, today=self.context.today(), fmt="docx")
        message = _("Wrote the authority summary to {path}.").format(path=path)
        self.app.call_from_thread(self.notify, message, markup=False)

    # ------------------------------------------------------------ conflicts waiting

    class ConflictsRead(Message):
        """The conflicts waiting for a choice have been read."""

        def __init__(self, waiting: list[WaitingConflict]) -> None:
            super().__init__()
            self.waiting = waiting

    @work(thread=True, exclusive=True, exit_on_error=False, group="authority-conflicts")
    def load_conflicts(self) -> None:
        """Read the conflicts waiting for a choice, for their panel (after the first data
        is on screen: it reads through the ORM)."""
        database = self.context.database  # (the full database: opened here if not yet)
        from sia_console.services.sync.waiting import waiting_conflicts

        with database.session() as session:
            waiting = waiting_conflicts(session)
        self.post_message(self.ConflictsRead(waiting))

    @on(ConflictsRead)
    def _conflicts_read(self, message: ConflictsRead) -> None:
        section = self.query_one("#conflicts", Section)
        section.show(message.waiting)
        section.display = bool(message.waiting)

    @on(WaitingConflictTable.Compare)
    def _compare(self, message: WaitingConflictTable.Compare) -> None:
        from sia_console.tui.dialogs.conflict_dialog import ConflictDialog

        # (a choice saved is announced by the dialog: the screen reads again when shown)
        self.app.push_screen(ConflictDialog(self.context, message.conflict_id))

    @on(SiaCoverageTable.OpenSia)
    def _open_sia(self, message: SiaCoverageTable.OpenSia) -> None:
        from sia_console.tui.screens.authority_drill import SiaSchoolsScreen

        self.app.push_screen(SiaSchoolsScreen(self.context, message.adviser_id, message.name))

    @on(OpenSchool)
    def _open_school(self, message: OpenSchool) -> None:
        message.stop()
        from sia_console.tui.screens.authority_drill import SchoolJudgementsScreen

        self.app.push_screen(SchoolJudgementsScreen(self.context, message.code))


def _quick_picture(connection: sqlite3.Connection, today: date) -> AuthorityData:
    """The whole picture for the first paint, read through ``sqlite3`` alone."""
    from sia_console.services.authority import quick as first_read

    return AuthorityData(
        first_read.authority_summary(connection, today), first_read.unresolved_count(connection)
    )
