"""The agenda beside the month grid: the visits of the selected day, or of its week.

Each visit is an option of three short lines (time and status, school, purpose; a fourth
for why it was cancelled or postponed, and where to; a visit still planned at a school
now linked to another adviser says "school reassigned" for its status), coloured
by status from the theme and flagged when its note of visit is overdue. School names and
purposes are user text: they go in as :class:`~textual.content.Content`, never as markup.
Choosing a visit (Enter, or a click) posts ``OptionList.OptionSelected`` with its id.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from sia_console.domain.caseload import reassigned_words
from sia_console.domain.enums import VisitStatus
from sia_console.domain.labels import visit_status_words, word
from sia_console.domain.text import one_line
from sia_console.i18n import _
from sia_console.services.programme.calendar import CalendarVisit
from sia_console.tui import formatting as fmt

STATUS_STYLES = {
    VisitStatus.PLANNED: "bold $text-primary",
    VisitStatus.DONE: "$text-success",
    VisitStatus.CANCELLED: "$text-muted strike",
    VisitStatus.POSTPONED: "$text-warning",
}
"""How each status reads in the agenda (theme variables, so light and dark both work)."""

PURPOSE_LIMIT = 70
"""Characters of the purpose shown: at most two lines of a narrow agenda."""


def visit_prompt(visit: CalendarVisit, *, limit: int = PURPOSE_LIMIT) -> Content:
    """A visit as three lines of literal text; the purpose is cut at ``limit`` characters."""
    quiet = visit.status in (VisitStatus.CANCELLED, VisitStatus.POSTPONED)
    when = fmt.time_range(visit.start, visit.end)
    head = [
        Content.styled(when, "bold" if not quiet else "$text-muted"),
        Content("  "),
        Content.styled(word(visit.status), STATUS_STYLES[visit.status]),
    ]
    why = visit_status_words(visit.status, visit.status_reason, visit.moved_to)
    if visit.note_overdue:
        head += [Content("  "), Content.styled(_("! note overdue"), "bold $text-error")]
    if visit.reassigned:  # (planned, at a school now another adviser's: to cancel)
        head[-1] = Content.styled(reassigned_words(), "bold $text-warning")
    school = Content.styled(one_line(visit.school_name), "$text-muted" if quiet else "bold")
    purpose = one_line(visit.purpose)
    if len(purpose) > limit:
        purpose = purpose[: limit - 1] + "…"
    lines = [Content.assemble(*head), school]
    if why != word(visit.status):  # a reason, or the new date of a postponed visit
        lines.append(Content.styled(one_line(why), "$text-warning"))
    if purpose:
        lines.append(Content.styled(purpose, "$text-muted"))
    return Content("\n").join(lines)


class Agenda(OptionList):
    """The visits of one day or one week; option ids are visit ids."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.visits: tuple[CalendarVisit, ...] = ()
        """The visits shown, in order."""

    def show(
        self,
        visits: Sequence[CalendarVisit],
        *,
        first: date,
        days: int,
        holidays: dict[date, str],
    ) -> None:
        """Show the visits from ``first`` for ``days`` days (1 for a day, 7 for a week)."""
        kept = self.highlighted_visit()
        self.visits = tuple(visits)
        width = self.scrollable_content_region.width - 2
        limit = width if width >= 20 else PURPOSE_LIMIT
        options: list[Option | None] = []
        for offset in range(days):
            day = first + timedelta(days=offset)
            on_day = [visit for visit in self.visits if visit.start.date() == day]
            if days > 1:
                heading = Content.styled(fmt.long_day(day), "bold $text-primary")
                if day in holidays:
                    heading = Content.assemble(heading, "  ", (holidays[day], "$text-warning"))
                options.append(Option(heading, disabled=True))
            elif day in holidays:
                options.append(
                    Option(Content.styled(holidays[day], "$text-warning"), disabled=True)
                )
            for visit in on_day:
                if options and options[-1] is not None and not options[-1].disabled:
                    options.append(None)  # a rule between two visits
                options.append(Option(visit_prompt(visit, limit=limit), id=visit.id))
            if days == 1 and not on_day:
                options.append(
                    Option(
                        Content.styled(_("No visits. Press a to plan one."), "$text-muted"),
                        disabled=True,
                    )
                )
        self.set_options(options)
        if kept is not None and any(visit.id == kept.id for visit in self.visits):
            self.highlighted = self.get_option_index(kept.id)
        elif self.visits:
            self.highlighted = self.get_option_index(self.visits[0].id)

    def highlighted_visit(self) -> CalendarVisit | None:
        """The visit under the cursor."""
        if self.highlighted is None or not self.option_count:
            return None
        wanted = self.get_option_at_index(self.highlighted).id
        return next((visit for visit in self.visits if visit.id == wanted), None)
