"""Reports laid out on the house template: fitted tables, pictures, footers, properties.

The board report and the school's year are both reports of tables and text on the
template of the note of visit (the shipped one or the authority's own). What they share:

* each table on a page of the orientation it needs (landscape for a wide one), column
  widths fitted to the contents (:func:`fit_widths`): a code, a number or a date is
  never broken across lines, its cells marked not to wrap; long text takes what is
  left; header rows repeat on every page, rows never split;
* pictures (charts) inline, at a given width;
* a footer on every page: the title, and Page X of Y at the right margin of its page;
* honest properties (:mod:`.docx_properties`).
"""

from __future__ import annotations

import io
import re
from datetime import datetime
from typing import Any

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml.ns import qn
from docx.shared import Cm

from sia_console.formats import docx_parts as parts
from sia_console.formats import docx_styles as house
from sia_console.formats.authority_report import ReportTable
from sia_console.formats.docx_properties import honest_package, stamp
from sia_console.formats.docx_text import xml_safe
from sia_console.formats.note_docx import style_ids
from sia_console.i18n import _

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
COMFORT_CHARS = 22
"""A column of text is given this many characters a line before any has more."""
MIN_WORD_CHARS = 16
"""The longest word a text column must hold unbroken (longer ones may break)."""
MARK = "†"
"""Marks a provisional table (drawn from draft notes) in its heading."""


def _need(text: str) -> float:
    return len(text) * CHAR_CM + PAD_CM


def _longest_word(text: str) -> int:
    return max((len(word) for word in re.split(r"\s+", text)), default=0)


def fit_widths(table: ReportTable, total: float) -> list[float]:
    """Column widths (cm) that fit ``table`` into ``total``, in three steps.

    A column in ``table.nowrap`` gets room for its longest cell and heading word, whole.
    A text column gets, as room allows: first its longest word (up to
    :data:`MIN_WORD_CHARS`); then a comfortable line (up to :data:`COMFORT_CHARS`); then
    its longest line (up to :data:`WRAP_CHARS`); each step shared in proportion to what
    each column still wants, and anything left over goes to the text columns. Only when
    the unbreakable columns and the words alone are too wide is everything scaled down.
    """
    count = len(table.columns)
    steps: list[list[float]] = [[], [], []]
    for index, heading in enumerate(table.columns):
        cells = [row[index] for row in table.rows]
        head = _need("x" * _longest_word(heading))
        if index in table.nowrap:
            width = max([head, *(_need(c + "x") for c in cells)])  # a letter to spare
            for step in steps:
                step.append(width)
            continue
        word = max([_longest_word(c) for c in cells] or [0])
        least = max(head, _need("x" * min(word, MIN_WORD_CHARS)))
        longest = max([len(line) for c in cells for line in c.split("\n")] or [0])
        steps[0].append(least)
        steps[1].append(max(least, _need("x" * min(longest, COMFORT_CHARS))))
        steps[2].append(max(least, _need("x" * min(longest, WRAP_CHARS)), _need(heading)))
    if sum(steps[0]) > total:
        return [w * total / sum(steps[0]) for w in steps[0]]
    widths = steps[0]
    for wanted in steps[1:]:
        spare = total - sum(widths)
        more = [w - m for w, m in zip(wanted, widths, strict=True)]
        if sum(more) > spare:
            return [m + spare * x / sum(more) for m, x in zip(widths, more, strict=True)]
        widths = list(wanted)
    left = total - sum(widths)
    growable = [i for i in range(count) if i not in table.nowrap] or list(range(count))
    share = sum(widths[i] for i in growable)
    for index in growable:
        widths[index] += left * widths[index] / share
    return widths


class ReportLayout:
    """A report being laid out on a template: paragraphs, pictures, fitted tables, footers.

    Shared by the board report and the school's year; the body of the template is
    emptied first (its headers, with any logo, are kept).
    """

    def __init__(self, document: Any) -> None:
        self.document = document
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

    def picture(self, p: Any, png: bytes, width_cm: float) -> None:
        """An inline picture at the end of the paragraph ``p``."""
        from docx.text.paragraph import Paragraph

        paragraph = Paragraph(p, self.document._body)
        paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(width_cm))

    def orient(self, wide: bool) -> None:
        """Start a new section when the next table wants the other orientation."""
        if wide == self.landscape:
            return
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        width, height = Cm(21), Cm(29.7)
        section.orientation = WD_ORIENT.LANDSCAPE if wide else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (height, width) if wide else (width, height)
        self.landscape = wide

    def table(self, table: ReportTable, *, empty: str = "") -> None:
        """``table`` under its heading, columns fitted to the page it is on."""
        heading = table.heading + (f" {MARK}" if table.provisional else "")
        if heading:
            self.para(house.HEADING, xml_safe(heading))
        if table.note:
            self.para(house.EMPTY if table.provisional else house.DETAILS, xml_safe(table.note))
        if not table.rows:
            self.para(house.EMPTY, empty or _("Nothing to report."))
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
        pieces = xml_safe(text).split("\n\n")
        if pieces[0]:
            parts.add_text(p, pieces[0])
        for piece in pieces[1:]:
            self.para(style, piece, tc)

    def footers(self, title: str) -> None:
        """``title`` and Page X of Y, on every page of every section."""
        for section in self.document.sections:
            landscape = section.orientation == WD_ORIENT.LANDSCAPE
            footer = section.footer
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

    def set_properties(self, made: datetime, *, title: str, subject: str, author: str) -> None:
        """Title, subject, author, category left to the caller; dates, language, package."""
        core = self.document.core_properties
        core.title = title[:255]
        core.subject = subject[:255]
        core.author = author[:255] or "sia-console"
        core.last_modified_by = core.author
        core.keywords = ""
        core.identifier = ""
        core.content_status = ""
        core.comments = _("Exported by sia-console.")
        core.language = "en-GB"
        stamp(self.document, made)
        honest_package(self.document, subject)


TCPR_ORDER = (
    *("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap"),
    *("tcMar", "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns"),
    *("cellDel", "cellMerge", "tcPrChange"),
)
"""The order of a cell's properties, which Word checks."""
