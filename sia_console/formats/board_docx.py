"""The board report as a Word document, in the house style of the note of visit.

Built on the same template as a note (the shipped one or the authority's own, the
``docx_template`` setting): A4, British English, the named house styles, the logo in the
header. On top of what every report has (:mod:`.docx_report`: fitted tables, landscape
pages for wide ones, footers with Page X of Y, honest properties) it has a first page an
officer reads in a minute: the headline figures in words and the charts
(:mod:`.board_charts`), then a key to every term and mark the tables use.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import IO, TYPE_CHECKING, Any

import docx

from sia_console.formats import board_charts as charts
from sia_console.formats import docx_parts as parts
from sia_console.formats import docx_styles as house
from sia_console.formats.authority_report import parts_of, report_tables, report_title
from sia_console.formats.docx_report import MARK, PORTRAIT, ReportLayout
from sia_console.formats.docx_template import load_template
from sia_console.formats.docx_text import xml_safe
from sia_console.i18n import _, ngettext

if TYPE_CHECKING:
    from sia_console.services.authority.board import BoardReport
    from sia_console.services.authority.summary import AuthoritySummary


def write_board_docx(
    report: BoardReport | AuthoritySummary,
    out: IO[bytes],
    *,
    template: bytes | None = None,
    made: datetime | None = None,
) -> None:
    """Write the board report to ``out`` (see the module)."""
    document = docx.Document(io.BytesIO(template or load_template(None)))
    BoardLayout(document, report).build(made or datetime.now(UTC))
    document.save(out)


class BoardLayout(ReportLayout):
    """One board report being laid out."""

    def __init__(self, document: Any, report: BoardReport | AuthoritySummary) -> None:
        super().__init__(document)
        self.report = report
        self.summary, self.whole = parts_of(report)

    def build(self, made: datetime) -> None:
        self.first_page()
        self.key()
        for table in report_tables(self.report):
            self.orient(table.wide)
            self.table(table)
        self.footers(xml_safe(report_title(self.report)))
        self.properties(made)

    def first_page(self) -> None:
        summary = self.summary
        self.para(house.TITLE, xml_safe(report_title(self.report)))
        if summary.authority:
            self.para(house.AUTHORITY, xml_safe(summary.authority))
        self.para(
            house.DETAILS,
            _(
                "The agreed record: judgements and actions from final notes of visit. "
                "Anything not yet agreed is listed apart and marked {mark}."
            ).format(mark=MARK),
        )
        self.para(house.SUBHEADING, _("Where the authority stands"))
        for line in self.headlines():
            self.para(house.NORMAL, line)
        self.charts()

    def headlines(self) -> list[str]:
        summary = self.summary
        high = sum(1 for entry in summary.risk if entry.level.value == "high")
        worse = sum(1 for entry in summary.risk if str(entry.change) == "↑")
        done = sum(row.year.done_of_due for row in summary.coverage)
        due = sum(row.year.due for row in summary.coverage)
        overdue_notes = sum(row.notes_overdue for row in summary.coverage)
        lines = [
            ngettext(
                "{count} school judged at high risk of falling below the floor target, "
                "of {judged} with an agreed judgement.",
                "{count} schools judged at high risk of falling below the floor target, "
                "of {judged} with an agreed judgement.",
                high,
            ).format(count=high, judged=len(summary.risk)),
            ngettext(
                "{count} school's risk is worse than at the judgement before.",
                "{count} schools' risk is worse than at the judgement before.",
                worse,
            ).format(count=worse),
            _("{done} of the {due} programme visits due by today were made.").format(
                done=done, due=due
            ),
            ngettext(
                "{count} note of visit overdue.", "{count} notes of visit overdue.", overdue_notes
            ).format(count=overdue_notes),
            ngettext(
                "{count} action agreed this academic year past its due date.",
                "{count} actions agreed this academic year past their due date.",
                len(summary.overdue_actions),
            ).format(count=len(summary.overdue_actions))
            if self.whole is not None
            else ngettext(
                "{count} agreed action past its due date.",
                "{count} agreed actions past their due date.",
                len(summary.overdue_actions),
            ).format(count=len(summary.overdue_actions)),
        ]
        if self.whole is not None and (
            self.whole.provisional_risk or self.whole.provisional_actions
        ):
            lines.append(
                _(
                    "{mark} Provisional, not yet agreed: {judgements} judgements and "
                    "{actions} overdue actions on draft notes."
                ).format(
                    mark=MARK,
                    judgements=len(self.whole.provisional_risk),
                    actions=len(self.whole.provisional_actions),
                )
            )
        return lines

    def charts(self) -> None:
        by_authority = self.whole.risk_by_authority() if self.whole is not None else []
        if self.whole is None:
            counts: dict[str, dict[Any, int]] = {}
            for entry in self.summary.risk:
                levels = counts.setdefault(entry.local_authority, {})
                levels[entry.level] = levels.get(entry.level, 0) + 1
            by_authority = sorted(counts.items())
        months = self.whole.movement if self.whole is not None else ()
        width = PORTRAIT - 0.2
        pair = charts.first_page_pair(by_authority, self.summary.coverage, width, 7.0)
        self.picture(self.para(house.NORMAL), pair, width)
        whole = self.para(house.NORMAL)
        self.picture(whole, charts.movement_of_risk(months, PORTRAIT - 0.2, 5.0), PORTRAIT - 0.2)

    def key(self) -> None:
        self.para(house.SUBHEADING, _("Key to terms and marks"))
        for term, meaning in KEY_TERMS():
            line = self.para(house.NORMAL, term + " ", bold=True)
            parts.add_text(line, meaning)

    def properties(self, made: datetime) -> None:
        authority = xml_safe(self.summary.authority or "")
        self.set_properties(
            made, title=xml_safe(report_title(self.report)), subject=authority, author=authority
        )
        self.document.core_properties.category = _("Report for the standards board")


def KEY_TERMS() -> Sequence[tuple[str, str]]:
    """Each term and mark of the report, with what it means."""
    return (
        (
            _("Agreed:"),
            _("recorded on a final note of visit, agreed with the school; the record."),
        ),
        (
            _("Provisional {mark}:").format(mark=MARK),
            _("recorded on a draft note of visit, not yet agreed; listed apart, may change."),
        ),
        (
            _("Risk (high, medium, low):"),
            _(
                "the adviser's judgement of the risk that the school falls below the floor "
                "target at the end of KS2."
            ),
        ),
        (
            _("Previous, Change:"),
            _(
                "the agreed judgement before the latest; ↑ worse, ↓ better, no change, or "
                "first judgement when there was none."
            ),
        ),
        (
            _("Planned, done, due to date:"),
            _(
                "visits of the annual programme booked, made, and due by today; "
                "\u201c44 of 45\u201d counts them against the programme."
            ),
        ),
        (
            _("Visits behind:"),
            _("visits due by today and not yet made."),
        ),
        (
            _("Notes overdue:"),
            _("visits made whose note of visit is not final after the agreed number of days."),
        ),
        (
            _("Last bundle:"),
            _("when the core lead last received the SIA's work (a sync bundle)."),
        ),
        (
            _("Days overdue:"),
            _("days since an open agreed action's due date; the longest overdue first."),
        ),
    )
