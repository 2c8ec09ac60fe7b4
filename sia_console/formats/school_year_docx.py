"""The school's year as a Word document for the governors, in the house style.

One school, one academic year, from the year's final notes of visit: the visits made
against the annual programme (each one's date and focus), the floor-target risk
judgements as a small chart and a table, the priorities and areas for development agreed,
the actions agreed and what became of them, the support brokered, and the adviser's
closing summary. It is laid out like every report (:mod:`.docx_report`) on the template
of the note of visit.
"""

from __future__ import annotations

import io
from datetime import UTC, date
from typing import IO, Any

import docx
from docx.oxml.ns import qn

from sia_console.domain.enums import RiskLevel
from sia_console.domain.labels import label
from sia_console.domain.vocabulary import long_date, short_month_name
from sia_console.formats import docx_parts as parts
from sia_console.formats import docx_styles as house
from sia_console.formats.authority_report import ReportTable
from sia_console.formats.docx_report import PORTRAIT, ReportLayout
from sia_console.formats.docx_template import load_template
from sia_console.formats.docx_text import xml_safe
from sia_console.formats.note_document import percent
from sia_console.formats.school_year import (
    FINAL_STATE,
    SchoolYearDocument,
    VisitText,
    academic_year_label,
)
from sia_console.i18n import _, ngettext

LEVELS = (RiskLevel.HIGH, RiskLevel.MEDIUM, RiskLevel.LOW)
DOT = "●"
MAX_CHART_VISITS = 8
"""The most visits the chart shows (the latest); the table below lists them all."""
FOOTER_NAME = 48
"""The most characters of a school's name in the footer, so it stays on one line."""


def compact_day(day: date) -> str:
    """``24 Sep``: a visit's column in the chart."""
    return f"{day.day} {short_month_name(day.month)}"


def _centre(tc: Any) -> None:
    paragraph = parts.first_paragraph(tc)
    parts.put(paragraph.find(qn("w:pPr")), "jc", parts.PPR_ORDER, val="center")


def compact_date(day: date) -> str:
    """``24 Sep 2026``: dates in a table of five columns on an upright page."""
    return f"{day.day} {short_month_name(day.month)} {day.year}"


def write_school_year(
    year: SchoolYearDocument, out: IO[bytes], *, template: bytes | None = None
) -> None:
    """Write the school's year to ``out`` (see the module)."""
    document = docx.Document(io.BytesIO(template or load_template(None)))
    YearLayout(document, year).build()
    document.save(out)


class YearLayout(ReportLayout):
    """One school's year being laid out."""

    def __init__(self, document: object, year: SchoolYearDocument) -> None:
        super().__init__(document)
        self.year = year

    def build(self) -> None:
        self.title_block()
        self.visits()
        self.risk()
        self.texts(
            _("Priorities and areas for development"),
            self.year.priorities,
            _("No priorities were recorded on the year's final notes."),
        )
        self.actions()
        self.texts(
            _("Support brokered"),
            self.year.support,
            _("No support was recorded on the year's final notes."),
        )
        self.summary()
        self.footers(xml_safe(self.year.title(FOOTER_NAME)))
        school = xml_safe(self.year.school_name)
        self.set_properties(
            self.year.created.astimezone(UTC),
            title=xml_safe(self.year.title()),
            subject=school,
            author=xml_safe(self.year.adviser_name or ""),
        )
        core = self.document.core_properties
        core.category = _("The school's year")
        core.keywords = xml_safe(self.year.school_code)[:255]

    def title_block(self) -> None:
        year = self.year
        self.para(house.AUTHORITY, xml_safe(year.authority))
        self.para(
            house.TITLE,
            _("The school's year {year}").format(year=academic_year_label(year.academic_year)),
        )
        self.para(house.SUBTITLE, xml_safe(year.school_name))
        details = [_("School {code}").format(code=year.school_code)]
        if year.headteacher:
            details.append(_("Headteacher: {name}").format(name=year.headteacher))
        if year.adviser_name:
            details.append(_("Adviser: {name}").format(name=year.adviser_name))
        line = (
            " · ".join(details)
            + "\n"
            + _(
                "For the governing body: the year's work with the school's improvement adviser, "
                "from the notes of visit agreed with the school."
            )
        )
        self.para(house.DETAILS, xml_safe(line))

    def visits(self) -> None:
        year = self.year
        self.para(house.HEADING, _("Visits against the programme"))
        programme = [v for v in year.visits if v.slot is not None]
        made = sum(1 for v in programme if v.state == FINAL_STATE())
        extra = sum(1 for v in year.visits if v.slot is None)
        sentence = ngettext(
            "{made} of the {count} visit of the annual programme was made and its note agreed.",
            "{made} of the {count} visits of the annual programme were made and their notes "
            "agreed.",
            year.programme_visits,
        ).format(made=made, count=year.programme_visits)
        if extra:
            sentence += " " + ngettext(
                "There was {count} additional visit.",
                "There were {count} additional visits.",
                extra,
            ).format(count=extra)
        self.para(house.NORMAL, sentence)
        rows = tuple(
            (
                long_date(v.day),
                _("Visit {slot}").format(slot=v.slot) if v.slot else _("Additional"),
                v.focus,
                v.state,
            )
            for v in year.visits
        )
        table = ReportTable(
            "visits",
            "",
            (_("Date"), _("Visit"), _("Focus"), _("Note of visit")),
            rows,
            nowrap=frozenset({0, 1}),
        )
        self.table(table, empty=_("No visits were made or planned this year."))

    def risk(self) -> None:
        year = self.year
        self.para(house.HEADING, _("Floor-target risk over the year"))
        if year.floor_target is not None:
            self.para(
                house.NORMAL,
                _(
                    "At every visit the adviser judges the risk that the school falls below "
                    "the floor target ({percent} of pupils at the expected standard in reading, "
                    "writing and maths combined at the end of KS2)."
                ).format(percent=percent(year.floor_target)),
            )
        if year.judgements:
            self.risk_chart()
        rows = tuple(
            (
                long_date(j.day),
                label(j.level),
                percent(j.y6_combined) if j.y6_combined is not None else "—",
                percent(j.y5_combined) if j.y5_combined is not None else "—",
            )
            for j in year.judgements
        )
        table = ReportTable(
            "risk",
            "",
            (_("Visit"), _("Risk"), _("Y6 combined (predicted)"), _("Y5 combined (predicted)")),
            rows,
            nowrap=frozenset({0, 1, 2, 3}),
        )
        self.table(table, empty=_("No floor-target risk judgement was agreed this year."))

    def risk_chart(self) -> None:
        """A small dot chart of the year's judgements, drawn as a grid: a row per level
        (high at the top), a column per visit, a dot in the colour of the level.

        A grid rather than a picture: it is crisp at any zoom and in print, reads in
        black and white (each row is labelled), and costs nothing to draw — a plotted
        picture took longer than the rest of the document together.
        """
        judgements = self.year.judgements[-MAX_CHART_VISITS:]
        label_width = 2.4
        column = min(2.0, (PORTRAIT - label_width) / len(judgements))
        tbl, cells = parts.table(
            [label_width, *([column] * len(judgements))],
            len(LEVELS) + 1,
            cell_style=self.ids[house.TABLE_TEXT],
            rule=house.RULE,
            header_fill=house.SHADE,
        )
        self.add(tbl)
        self.cell(cells[0][0], _("Risk"), house.TABLE_HEADING, nowrap=True)
        for tc, judgement in zip(cells[0][1:], judgements, strict=True):
            self.cell(tc, compact_day(judgement.day), house.TABLE_HEADING, nowrap=True)
            _centre(tc)
        for row, level in zip(cells[1:], LEVELS, strict=True):
            self.cell(row[0], label(level), house.TABLE_LABEL, nowrap=True)
            colour = house.RISK_COLOURS[level.value]
            for tc, judgement in zip(row[1:], judgements, strict=True):
                if judgement.level is level:
                    self.cell(tc, "", house.RISK_LEVEL, nowrap=True)
                    parts.add_text(parts.first_paragraph(tc), DOT, colour=colour)
                _centre(tc)
        self.para(house.NORMAL)  # apart from the table below: two tables side by side merge

    def texts(self, heading: str, texts: tuple[VisitText, ...], empty: str) -> None:
        self.para(house.HEADING, heading)
        written = [t for t in texts if t.text.strip()]
        if not written:
            self.para(house.EMPTY, empty)
        for piece in written:
            self.para(house.SUBHEADING, _("Visit of {day}").format(day=long_date(piece.day)))
            for paragraph in xml_safe(piece.text).strip("\n").split("\n\n"):
                self.para(house.NORMAL, paragraph)

    def actions(self) -> None:
        rows = []
        for action in self.year.actions:
            became = label(action.status)
            if action.reviewed_on is not None:
                became = _("{status} (reviewed on {day})").format(
                    status=became, day=long_date(action.reviewed_on)
                )
            else:
                became = _("{status} (not yet reviewed)").format(status=became)
            if action.comment.strip():
                became += "\n\n" + action.comment.strip()
            rows.append(
                (
                    action.text,
                    action.owner or _("Not named"),
                    compact_date(action.due) if action.due else _("No date"),
                    compact_date(action.agreed_on),
                    became,
                )
            )
        table = ReportTable(
            "actions",
            _("Actions agreed and what became of them"),
            (_("Action"), _("Who"), _("By when"), _("Agreed on"), _("What became of it")),
            tuple(rows),
            nowrap=frozenset({2, 3}),
        )
        self.table(table, empty=_("No actions were agreed on the year's final notes."))

    def summary(self) -> None:
        self.para(house.HEADING, _("The adviser's summary"))
        pieces = xml_safe(self.year.summary).strip("\n")
        if not pieces.strip():
            self.para(house.EMPTY, _("Not yet written."))
            return
        for paragraph in pieces.split("\n\n"):
            self.para(house.NORMAL, paragraph)
