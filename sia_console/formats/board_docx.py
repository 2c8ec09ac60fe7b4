"""The board report as a Word document, in the house style of the note of visit.

Built on the same template as a note (the shipped one or the authority's own, the
``docx_template`` setting): A4, British English, the named house styles, the logo in the
header. What it adds for a report of many tables:

* a first page an officer reads in a minute: the headline figures in words and three
  charts (:mod:`.board_charts`);
* a key to every term and mark the tables use;
* each table on a page of the orientation it needs (landscape for a wide one), column
  widths fitted to the contents (:func:`fit_widths`): a code, a number or a date is
  never broken across lines, its cells marked not to wrap; long text takes what is
  left; header rows repeat on every page, rows never split;
* a footer on every page: the title with its date, and Page X of Y;
* honest properties (:mod:`.docx_properties`).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import IO, TYPE_CHECKING, Any

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml.ns import qn
from docx.shared import Cm

from sia_console.formats import board_charts as charts
from sia_console.formats import docx_parts as parts
from sia_console.formats import docx_styles as house
from sia_console.formats.authority_report import (
    ReportTable,
    parts_of,
    report_tables,
    report_title,
)
from sia_console.formats.docx_properties import honest_package, stamp
from sia_console.formats.docx_template import load_template
from sia_console.formats.docx_text import xml_safe
from sia_console.formats.note_docx import style_ids
from sia_console.i18n import _, ngettext

if TYPE_CHECKING:
    from sia_console.services.authority.board import BoardReport
    from sia_console.services.authority.summary import AuthoritySummary

PORTRAIT = 17.0
LANDSCAPE = 25.7
"""Centimetres between the margins of an A4 page, upright and on its side."""
CHAR_CM = 0.205
"""The width of an average character of the table text (Arial 9.5 pt), in cm, on the
generous side: "medium" is wider than six average letters."""
PAD_CM = 0.4
"""Room inside a cell, left and right together."""
WRAP_CHARS = 45
"""A column of long text asks for at most this many characters a line."""
MIN_WORD_CHARS = 16
"""The longest word a text column must hold unbroken (longer ones may break)."""
MARK = "†"
"""Marks a provisional table (drawn from draft notes) in its heading."""


def _need(text: str) -> float:
    return len(text) * CHAR_CM + PAD_CM


def _longest_word(text: str) -> int:
    return max((len(word) for word in re.split(r"\s+", text)), default=0)


def fit_widths(table: ReportTable, total: float) -> list[float]:
    """Column widths (cm) that fit ``table`` into ``total``.

    A column in ``table.nowrap`` gets room for its longest cell and heading word, whole;
    a text column at least its longest word (up to :data:`MIN_WORD_CHARS`), then a share
    of what is left in proportion to how much more it would like (up to
    :data:`WRAP_CHARS` a line). Only when the unbreakable columns alone are too wide is
    everything scaled down.
    """
    count = len(table.columns)
    least: list[float] = []
    wanted: list[float] = []
    for index, heading in enumerate(table.columns):
        cells = [row[index] for row in table.rows]
        head = _need("x" * _longest_word(heading))
        if index in table.nowrap:
            width = max([head, *(_need(c + "x") for c in cells)])  # a letter to spare
            least.append(width)
            wanted.append(width)
        else:
            word = max([_longest_word(c) for c in cells] or [0])
            least.append(max(head, _need("x" * min(word, MIN_WORD_CHARS))))
            longest = max([len(line) for c in cells for line in c.split("\n")] or [0])
            wanted.append(max(least[-1], _need("x" * min(longest, WRAP_CHARS)), _need(heading)))
    spare = total - sum(least)
    if spare < 0:
        return [w * total / sum(least) for w in least]
    more = [w - m for w, m in zip(wanted, least, strict=True)]
    if sum(more) > spare:
        return [m + spare * x / sum(more) for m, x in zip(least, more, strict=True)]
    widths = list(wanted)
    left = total - sum(widths)
    growable = [i for i in range(count) if i not in table.nowrap] or list(range(count))
    share = sum(widths[i] for i in growable)
    for index in growable:
        widths[index] += left * widths[index] / share
    return widths


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


class BoardLayout:
    """One board report being laid out: where things go, the style ids they use."""

    def __init__(self, document: Any, report: BoardReport | AuthoritySummary) -> None:
        self.document = document
        self.report = report
        self.summary, self.whole = parts_of(report)
        self.ids = style_ids(document)
        body = document.element.body
        self._end = body.find(qn("w:sectPr"))
        for child in list(body):
            if child is not self._end:
                body.remove(child)
        self.landscape = False

    def add(self, element: Any, target: Any = None) -> Any:
        if target is not None:
            target.append(element)
        else:
            self._end.addprevious(element)
        return element

    def para(self, style: str, text: str = "", target: Any = None, **run: Any) -> Any:
        p = self.add(parts.paragraph(self.ids[style]), target)
        if text:
            parts.add_text(p, text, **run)
        return p

    # ---------------------------------------------------------------- the document

    def build(self, made: datetime) -> None:
        self.first_page()
        self.key()
        for table in report_tables(self.report):
            self.orient(table.wide)
            self.table(table)
        self.footers()
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

    def picture(self, p: Any, png: bytes, width_cm: float) -> None:
        """An inline picture at the end of the paragraph ``p``."""
        from docx.text.paragraph import Paragraph

        paragraph = Paragraph(p, self.document._body)
        paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(width_cm))

    def key(self) -> None:
        self.para(house.SUBHEADING, _("Key to terms and marks"))
        for term, meaning in KEY_TERMS():
            line = self.para(house.NORMAL, term + " ", bold=True)
            parts.add_text(line, meaning)

    def orient(self, wide: bool) -> None:
        """Start a new section when the next table wants the other orientation."""
        if wide == self.landscape:
            return
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        width, height = Cm(21), Cm(29.7)
        section.orientation = WD_ORIENT.LANDSCAPE if wide else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (height, width) if wide else (width, height)
        self.landscape = wide

    def table(self, table: ReportTable) -> None:
        heading = table.heading + (f" {MARK}" if table.provisional else "")
        self.para(house.HEADING, xml_safe(heading))
        if table.note:
            self.para(house.EMPTY if table.provisional else house.DETAILS, xml_safe(table.note))
        if not table.rows:
            self.para(house.EMPTY, _("Nothing to report."))
            return
        widths = fit_widths(table, LANDSCAPE if self.landscape else PORTRAIT)
        tbl, cells = parts.table(
            widths,
            len(table.rows) + 1,
            cell_style=self.ids[house.TABLE_TEXT],
            rule=house.RULE,
            header_fill=house.SHADE,
        )
        self.add(tbl)
        for tc, title in zip(cells[0], table.columns, strict=True):
            self.cell(tc, title, house.TABLE_HEADING, nowrap=False)
        for row, values in zip(cells[1:], table.rows, strict=True):
            for index, (tc, value) in enumerate(zip(row, values, strict=True)):
                self.cell(tc, value, house.TABLE_TEXT, nowrap=index in table.nowrap)

    def cell(self, tc: Any, text: str, style: str, *, nowrap: bool) -> None:
        p = parts.first_paragraph(tc)
        p.find(qn("w:pPr")).find(qn("w:pStyle")).set(qn("w:val"), self.ids[style])
        if nowrap:
            parts.put(tc.find(qn("w:tcPr")), "noWrap", TCPR_ORDER)
        if text:
            parts.add_text(p, xml_safe(text))

    def footers(self) -> None:
        """Title and date, and Page X of Y, on every page of every section."""
        title = xml_safe(report_title(self.report))
        for section in self.document.sections:
            landscape = section.orientation == WD_ORIENT.LANDSCAPE
            for footer in (section.footer,):
                footer.is_linked_to_previous = False
                element = footer._element
                for child in list(element):
                    element.remove(child)
                line = self.para(house.FOOTER, title + "\t", element)
                tabs = parts.put(line.find(qn("w:pPr")), "tabs", parts.PPR_ORDER)
                right = str(round((LANDSCAPE if landscape else PORTRAIT) * parts.TWIPS_PER_CM))
                for position in self._footer_tabs():
                    if position != right:
                        tabs.append(parts.element("tab", val="clear", pos=position))
                tabs.append(parts.element("tab", val="right", pos=right))
                for piece in re.split(r"(\{page\}|\{pages\})", _("Page {page} of {pages}")):
                    if piece in ("{page}", "{pages}"):
                        parts.add_field(line, "PAGE" if piece == "{page}" else "NUMPAGES")
                    elif piece:
                        parts.add_text(line, piece)

    def _footer_tabs(self) -> list[str]:
        """The tab stops the footer style sets, to be cleared where they do not fit."""
        style = self.document.styles.element.find(
            f"{qn('w:style')}[@{qn('w:styleId')}='{self.ids[house.FOOTER]}']"
        )
        if style is None:
            return []
        return [tab.get(qn("w:pos")) for tab in style.iter(qn("w:tab")) if tab.get(qn("w:pos"))]

    def properties(self, made: datetime) -> None:
        core = self.document.core_properties
        authority = xml_safe(self.summary.authority or "")
        core.title = xml_safe(report_title(self.report))[:255]
        core.subject = authority[:255]
        core.author = authority[:255] or "sia-console"
        core.last_modified_by = core.author
        core.category = _("Report for the standards board")
        core.keywords = ""
        core.identifier = ""
        core.content_status = ""
        core.comments = _("Exported by sia-console.")
        core.language = "en-GB"
        stamp(self.document, made)
        honest_package(self.document, authority)


TCPR_ORDER = (
    *("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap"),
    *("tcMar", "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns"),
    *("cellDel", "cellMerge", "tcPrChange"),
)
"""The order of a cell's properties, which Word checks."""


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
