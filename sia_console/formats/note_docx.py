"""Lay out a note of visit as a Word document, in the house style of a template.

The document reads the way a head and a chair of governors expect a note from their
authority to read: a title block, a short table of who and what, then every section in
the order the adviser wrote it, with the earlier actions reviewed under "progress on
previous actions", the floor-target risk judgement set apart in its own box just before
the newly agreed actions, and any amendments after the original text, dated. A draft
says so in its title, in a banner, in the header and behind every page.

Every piece of user text goes through :func:`xml_safe` and is set as element text, so a
note holding markup, control characters or a megabyte of pasted text still exports, and
reads back with every printable character it had. Every label goes through ``_``.

python-docx is imported here and nowhere on the app's start-up path: the service that
exports imports this module only when an export runs.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from copy import deepcopy
from typing import IO, Any

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.styles import BabelFish

from sia_console.domain import labels
from sia_console.domain import note_template as keys
from sia_console.domain.enums import HeadResponse, NoteStatus
from sia_console.domain.vocabulary import long_date, long_day, time_range
from sia_console.formats import docx_parts as parts
from sia_console.formats import docx_styles as house
from sia_console.formats.docx_properties import honest_package, stamp
from sia_console.formats.docx_text import xml_safe
from sia_console.formats.note_document import (
    ActionLine,
    AmendmentLine,
    NoteDocument,
    SectionBlock,
)
from sia_console.formats.note_risk import risk_box
from sia_console.i18n import _

IN_TABLE = (keys.WHO_WAS_MET, keys.PURPOSE)
"""Sections shown in the table under the title rather than under headings of their own."""
BEFORE_RISK = (keys.SUPPORT, keys.NEXT_VISIT)
"""The risk judgement and the new actions come just before the first of these sections."""
TEXT_WIDTH = 17.0
"""Centimetres between the margins of an A4 page in the house style."""
ACTION_WIDTHS = (9.2, 3.3, 2.5, 2.0)
FACT_WIDTHS = (4.2, 12.8)
FOOTER_NAME = 48
"""The most characters of a school's name in the footer, so it stays on one line."""
PARAGRAPH_BREAK = "\n\n"
"""A blank line in a note's text starts a new paragraph; a single newline breaks the line.
Splitting on exactly this keeps every character: the text reads back joined by it."""


def render(note: NoteDocument, template: bytes) -> Document:
    """The Word document of ``note``, built on ``template``."""
    document = docx.Document(io.BytesIO(template))
    Layout(document, note, style_ids(document)).build()
    return document


class NoteWriter:
    """Writes notes one after another on one parsed copy of the template.

    Parsing the template again for every note would be a quarter of the cost of a batch,
    so the document is reused: before each note its body is emptied, its headers are put
    back as the template had them and its footers are rewritten; every document property
    is set afresh. Nothing of one note can reach the next.
    """

    def __init__(self, template: bytes) -> None:
        self.document = docx.Document(io.BytesIO(template))
        self.ids = style_ids(self.document)
        self._headers: list[tuple[Any, list[Any]]] = []
        for section in self.document.sections:
            for header in _headers_of(section):
                element = header._element  # made here if the template has none
                self._headers.append((element, [deepcopy(child) for child in element]))

    def write(self, note: NoteDocument, out: IO[bytes]) -> None:
        """Write ``note`` as a .docx to the binary file ``out``."""
        for element, children in self._headers:
            for child in list(element):
                element.remove(child)
            element.extend(deepcopy(child) for child in children)
        Layout(self.document, note, self.ids).build()
        self.document.save(out)


def _headers_of(section: Any) -> list[Any]:
    """The headers a note's DRAFT mark goes in: every page's, and the first page's if apart."""
    first = [section.first_page_header] if section.different_first_page_header_footer else []
    return [section.header, *first]


def paragraphs_of(text: str) -> list[str]:
    """User text made safe and split into paragraphs at blank lines (none if blank)."""
    cleaned = xml_safe(text).strip("\n")
    return cleaned.split(PARAGRAPH_BREAK) if cleaned.strip() else []


def style_ids(document: Document) -> dict[str, str]:
    """The id of every house style in ``document``, adding any its template lacks."""
    wanted = {BabelFish.ui2internal(name): name for name in house.STYLE_NAMES}
    found: dict[str, str] = {}
    for style in document.styles.element.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        internal = name.get(qn("w:val")) if name is not None else None
        if internal in wanted and style.get(qn("w:type")) == "paragraph":
            found[wanted[internal]] = style.get(qn("w:styleId"))
    if len(found) < len(wanted):
        house.ensure_styles(document)
        found = {name: document.styles[name].style_id for name in house.STYLE_NAMES}
    return found


class Layout:
    """One document being laid out: where paragraphs go and the style ids they use."""

    def __init__(self, document: Document, note: NoteDocument, ids: dict[str, str]) -> None:
        self.document = document
        self.note = note
        self.ids = ids
        body = document.element.body
        self._end = body.find(qn("w:sectPr"))
        for child in list(body):
            if child is not self._end:
                body.remove(child)

    def add(self, element: Any, target: Any = None) -> Any:
        """Append ``element`` to ``target`` (a cell, a header), else to the body."""
        if target is not None:
            target.append(element)
        elif self._end is not None:
            self._end.addprevious(element)
        else:
            self.document.element.body.append(element)
        return element

    def para(self, style: str, text: str = "", target: Any = None, **run: Any) -> Any:
        """A paragraph of ``style`` holding ``text`` (already safe)."""
        p = self.add(parts.paragraph(self.ids[style]), target)
        if text:
            parts.add_text(p, text, **run)
        return p

    def text_block(
        self, text: str, style: str = house.NORMAL, target: Any = None, *, empty: str = ""
    ) -> None:
        """User text: a blank line starts a paragraph, a newline breaks the line."""
        pieces = paragraphs_of(text)
        if not pieces and empty:
            self.para(house.EMPTY, empty, target)
        for piece in pieces:
            self.para(style, piece, target)

    def table(self, widths: Sequence[float], rows: int, **options: Any) -> list[list[Any]]:
        """A table with thin grey rules, added to the body; returns its cells."""
        tbl, cells = parts.table(
            widths, rows, cell_style=self.ids[house.TABLE_TEXT], rule=house.RULE, **options
        )
        self.add(tbl)
        return cells

    def cell(self, tc: Any, text: str, style: str = house.TABLE_TEXT, **run: Any) -> None:
        """Fill a new cell's first paragraph with one line of text."""
        p = parts.first_paragraph(tc)
        p.find(qn("w:pPr")).find(qn("w:pStyle")).set(qn("w:val"), self.ids[style])
        if text:
            parts.add_text(p, xml_safe(text), **run)

    def cell_block(self, tc: Any, text: str) -> None:
        """User text in a cell: its first paragraph, then more as needed."""
        pieces = paragraphs_of(text)
        if not pieces:
            self.cell(tc, _("Not recorded."), house.EMPTY)
            return
        parts.add_text(parts.first_paragraph(tc), pieces[0])
        for piece in pieces[1:]:
            self.para(house.TABLE_TEXT, piece, tc)

    # ------------------------------------------------------------------ document

    def build(self) -> None:
        note = self.note
        self.title_block()
        by_key = {section.key: section for section in note.sections}
        self.facts_table([by_key[key] for key in IN_TABLE if key in by_key])
        for key in IN_TABLE:
            if key in by_key:
                self.amendments(by_key[key].amendments)
        risk_done = False
        reviews_done = not note.reviews
        for section in note.sections:
            if section.key in IN_TABLE:
                continue
            if not reviews_done and section.key != keys.PREVIOUS_ACTIONS:
                reviews_done = self.reviews_section(None)
            if not risk_done and section.key in BEFORE_RISK:
                risk_done = self.risk_and_actions()
            if section.key == keys.PREVIOUS_ACTIONS:
                reviews_done = self.reviews_section(section)
            else:
                self.section(section)
        if not reviews_done:
            self.reviews_section(None)
        if not risk_done:
            self.risk_and_actions()
        if note.other_amendments:
            self.para(house.HEADING, _("Amendments"))
            self.amendments(note.other_amendments)
        self.header_and_footer()
        self.properties()

    def title_block(self) -> None:
        note = self.note
        self.para(house.AUTHORITY, xml_safe(note.authority))
        title = _("Note of visit")
        if note.is_draft:
            title = _("{title} — DRAFT").format(title=title)
        self.para(house.TITLE, title)
        self.para(house.SUBTITLE, xml_safe(note.school_name))
        details = [long_day(note.visit_day), self.visit_label()]
        if note.adviser_name:
            details.append(_("Adviser: {name}").format(name=note.adviser_name))
        line = " · ".join(details)
        if note.focus.strip():
            line += "\n" + _("Focus: {focus}").format(focus=note.focus.strip())
        self.para(house.DETAILS, xml_safe(line))
        if note.is_draft:
            self.para(
                house.DRAFT_BANNER,
                _("DRAFT — this note has not yet been agreed with the school and may change."),
            )

    def visit_label(self) -> str:
        number = self.note.visit_number
        if number is None:
            return _("Additional visit")
        if self.note.in_programme:
            return _("Visit {number} of the annual programme").format(number=number)
        return _("Visit {number} this year (additional to the programme)").format(number=number)

    def facts_table(self, blocks: Sequence[SectionBlock]) -> None:
        """Who and what, under the title: the school, when, who was met, the purpose."""
        note = self.note
        rows: list[tuple[str, str]] = [
            (_("School"), f"{note.school_name} · {note.school_code}"),
            (_("Local authority"), note.authority),
        ]
        if note.headteacher:
            rows.append((_("Headteacher"), note.headteacher))
        rows.append((_("Time"), time_range(note.visit_start, note.visit_end)))
        widths = scaled(FACT_WIDTHS)
        cells = self.table(widths, len(rows) + len(blocks) + 1, label_fill=house.SHADE)
        for (label, value), (left, right) in zip(rows, cells, strict=False):
            self.cell(left, label, house.TABLE_LABEL)
            self.cell(right, value)
        for block, (left, right) in zip(blocks, cells[len(rows) :], strict=False):
            self.cell(left, block.title, house.TABLE_LABEL)
            self.cell_block(right, block.text)
        left, right = cells[-1]
        self.cell(left, _("Status"), house.TABLE_LABEL)
        self.cell(right, xml_safe(self.status_line()), bold=note.is_draft)

    def status_line(self) -> str:
        """Where the note stands: draft, or finalised on a day, and the head's response.

        One line per fact; the head's response is its own line (:meth:`head_response`).
        """
        note = self.note
        if note.is_draft:
            return _("Draft — not yet agreed")
        lines = [
            _("Finalised on {day}").format(day=long_date(note.finalised_on))
            if note.finalised_on
            else labels.label(NoteStatus.FINAL)
        ]
        lines.append(self.head_response())
        return "\n".join(lines)

    def head_response(self) -> str:
        """``Headteacher's response: agreed as accurate`` (or not yet received).

        The one place the head's response is worded: anything the head adds to it (a
        comment) is appended to this line, here, and nowhere else.
        """
        note = self.note
        if not note.head_response:
            return _("Headteacher's response: not yet received")
        response = labels.label_of(HeadResponse, note.head_response)
        said = _("Headteacher's response: {response}").format(response=response)
        if note.head_response_comment:
            said += " — " + note.head_response_comment
        return said

    def section(self, section: SectionBlock) -> None:
        self.para(house.HEADING, xml_safe(section.title))
        empty = _("Not yet written.") if self.note.is_draft else _("Nothing recorded.")
        self.text_block(section.text, empty=empty)
        self.amendments(section.amendments)

    def reviews_section(self, section: SectionBlock | None) -> bool:
        """Progress on previous actions: what the adviser wrote, then the review table."""
        title = section.title if section else keys.section_title(keys.PREVIOUS_ACTIONS)
        self.para(house.HEADING, xml_safe(title))
        if section is not None:
            self.text_block(section.text, empty="" if self.note.reviews else _("Nothing recorded."))
        if self.note.reviews:
            self.actions_table(self.note.reviews)
        if section is not None:
            self.amendments(section.amendments)
        return True

    def actions_table(self, actions: Sequence[ActionLine]) -> None:
        """What / who / by when / status; a review's comment goes under what."""
        cells = self.table(scaled(ACTION_WIDTHS), len(actions) + 1, header_fill=house.SHADE)
        headings = (_("What"), _("Who"), _("By when"), _("Status"))
        for tc, heading in zip(cells[0], headings, strict=True):
            self.cell(tc, heading, house.TABLE_HEADING)
        for (what, who, when, status), action in zip(cells[1:], actions, strict=True):
            self.cell_block(what, action.text)
            if action.comment.strip():
                self.text_block(action.comment, house.TABLE_COMMENT, what)
            self.cell(who, action.owner or _("Not named"))
            self.cell(when, long_date(action.due) if action.due else _("No date"))
            self.cell(status, labels.label(action.status))

    def risk_and_actions(self) -> bool:
        risk_box(self, self.note.risk)
        self.para(house.HEADING, _("Agreed actions"))
        if self.note.actions:
            self.actions_table(self.note.actions)
        else:
            self.para(house.EMPTY, _("No new actions were agreed at this visit."))
        return True

    def amendments(self, amendments: Sequence[AmendmentLine]) -> None:
        """Each amendment after the text it corrects, dated, the original kept above it."""
        for amendment in amendments:
            if amendment.author:
                label = _("Amendment made on {day} by {name}:").format(
                    day=long_date(amendment.made_on), name=xml_safe(amendment.author)
                )
            else:
                label = _("Amendment made on {day}:").format(day=long_date(amendment.made_on))
            pieces = paragraphs_of(amendment.text) or [""]
            first = self.para(house.AMENDMENT, label + " ", bold=True)
            parts.add_text(first, pieces[0])
            for piece in pieces[1:]:
                self.para(house.AMENDMENT, piece)

    def header_and_footer(self) -> None:
        """The draft mark in the header (below any logo); the footer line on every page."""
        for section in self.document.sections:
            if self.note.is_draft:
                for header in _headers_of(section):
                    mark = self.para(house.DRAFT_MARK, _("DRAFT — not yet agreed"), header._element)
                    parts.add_watermark(mark, _("DRAFT"))
            first = (
                [section.first_page_footer] if section.different_first_page_header_footer else []
            )
            for footer in [section.footer, *first]:
                footer.is_linked_to_previous = False
                element = footer._element
                for child in list(element):
                    element.remove(child)
                self.footer_line(element)

    def footer_line(self, target: Any) -> None:
        """``Note of visit — school — date`` and, on the right, ``Page X of Y``."""
        line = self.para(house.FOOTER, xml_safe(self.note.title(FOOTER_NAME)) + "\t", target)
        for piece in re.split(r"(\{page\}|\{pages\})", _("Page {page} of {pages}")):
            if piece in ("{page}", "{pages}"):
                parts.add_field(line, "PAGE" if piece == "{page}" else "NUMPAGES")
            elif piece:
                parts.add_text(line, piece)

    def properties(self) -> None:
        """Title, author, created; the note id, so a later export can find its own file."""
        note = self.note
        core = self.document.core_properties
        core.title = xml_safe(note.title())[:255]
        core.author = xml_safe(note.adviser_name or "")[:255]
        core.last_modified_by = core.author
        core.subject = xml_safe(note.school_name)[:255]
        core.identifier = note.note_id
        core.category = _("Note of visit")
        core.keywords = xml_safe(f"{_('note of visit')}; {note.school_code}")[:255]
        core.content_status = labels.label(note.status)
        core.comments = _("Exported by sia-console.")
        core.language = "en-GB"
        core.revision = 1
        stamp(self.document, note.created)
        honest_package(self.document, xml_safe(note.authority))


def scaled(widths: Sequence[float], total: float = TEXT_WIDTH) -> tuple[float, ...]:
    """``widths`` scaled to fill ``total`` centimetres."""
    scale = total / sum(widths)
    return tuple(w * scale for w in widths)
