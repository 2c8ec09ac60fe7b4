"""The house style of a note of visit: named styles an authority can restyle in Word.

The writer never formats text directly where a style can do it: every paragraph it makes
names one of the styles below, so an authority that replaces the shipped template (the
``docx_template`` setting) changes fonts and colours by editing styles, and puts its logo
in the template's header. A replacement template that lacks one of these styles is not an
error: :func:`ensure_styles` adds the missing ones with the shipped look.

The shipped look is plain and professional: Arial (present in Word everywhere, and metric-
compatible Liberation Sans in LibreOffice), dark navy headings, thin grey rules, A4.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle

from sia_console.formats.docx_parts import PPR_ORDER, RPR_ORDER, put

FONT = "Arial"
INK = "1A1A1A"
NAVY = "1F3A5F"
ACCENT = "2B6A8A"
MUTED = "5B6670"
RULE = "A7B2BD"
SHADE = "EDF1F5"
DRAFT_RED = "B00020"
RISK_COLOURS = {"high": "A4262C", "medium": "A65A00", "low": "2E7D32"}
"""Text colour of each risk level."""
RISK_SHADES = {"high": "FBECEC", "medium": "FFF4E5", "low": "EBF5EC", "": "F3F5F7"}
"""Background of the risk judgement's box, by level ("" when no level was recorded)."""

TITLE = "Title"
SUBTITLE = "Subtitle"
HEADING = "Heading 1"
SUBHEADING = "Heading 2"
NORMAL = "Normal"
HEADER = "Header"
FOOTER = "Footer"
AUTHORITY = "Note Authority"
DETAILS = "Note Details"
DRAFT_BANNER = "Note Draft Banner"
DRAFT_MARK = "Note Draft Mark"
LOGO = "Note Logo"
TABLE_HEADING = "Note Table Heading"
TABLE_LABEL = "Note Table Label"
TABLE_TEXT = "Note Table Text"
TABLE_COMMENT = "Note Table Comment"
RISK_TITLE = "Note Risk Title"
RISK_LEVEL = "Note Risk Level"
AMENDMENT = "Note Amendment"
EMPTY = "Note Empty"


@dataclass(frozen=True)
class StyleSpec:
    """How one paragraph style looks."""

    name: str
    size: float = 10.5
    bold: bool = False
    italic: bool = False
    colour: str = INK
    before: float = 0
    after: float = 6
    keep_with_next: bool = False
    align: WD_ALIGN_PARAGRAPH | None = None
    caps: bool = False
    spacing: float = 0
    """Extra space between letters, in points."""
    border: tuple[str, str, int] | None = None
    """(side, colour, eighths of a point) of a rule drawn beside the paragraph."""
    shade: str | None = None
    line: float = 1.15


SPECS: tuple[StyleSpec, ...] = (
    StyleSpec(NORMAL, after=6),
    StyleSpec(AUTHORITY, size=9.5, bold=True, colour=ACCENT, caps=True, spacing=1, after=2),
    StyleSpec(TITLE, size=24, bold=True, colour=NAVY, after=2, line=1.0),
    StyleSpec(SUBTITLE, size=15, colour=INK, after=4, line=1.05),
    StyleSpec(DETAILS, size=10, colour=MUTED, after=10, border=("bottom", NAVY, 12)),
    StyleSpec(
        DRAFT_BANNER,
        size=10.5,
        bold=True,
        colour=DRAFT_RED,
        before=0,
        after=10,
        border=("left", DRAFT_RED, 24),
        shade="FDEFF1",
    ),
    StyleSpec(
        HEADING,
        size=12.5,
        bold=True,
        colour=NAVY,
        before=16,
        after=4,
        keep_with_next=True,
        border=("bottom", RULE, 4),
    ),
    StyleSpec(
        SUBHEADING, size=10.5, bold=True, colour=NAVY, before=8, after=3, keep_with_next=True
    ),
    StyleSpec(TABLE_HEADING, size=9.5, bold=True, colour=NAVY, after=0, line=1.0),
    StyleSpec(TABLE_LABEL, size=9.5, bold=True, colour=MUTED, after=0, line=1.05),
    StyleSpec(TABLE_TEXT, size=9.5, after=0, line=1.05),
    StyleSpec(TABLE_COMMENT, size=9, italic=True, colour=MUTED, before=2, after=0, line=1.05),
    StyleSpec(RISK_TITLE, size=12.5, bold=True, colour=NAVY, after=4, keep_with_next=True),
    StyleSpec(RISK_LEVEL, size=14, bold=True, after=4, keep_with_next=True),
    StyleSpec(AMENDMENT, size=10, colour=INK, before=4, after=6, border=("left", ACCENT, 18)),
    StyleSpec(EMPTY, size=10, italic=True, colour=MUTED),
    StyleSpec(HEADER, size=8.5, colour=MUTED, after=0),
    StyleSpec(FOOTER, size=8.5, colour=MUTED, after=0, border=("top", RULE, 4)),
    StyleSpec(DRAFT_MARK, size=10, bold=True, colour=DRAFT_RED, spacing=1.5, after=0),
    StyleSpec(LOGO, size=8.5, after=0, align=WD_ALIGN_PARAGRAPH.RIGHT),
)
"""Every paragraph style the writer uses, in the shipped look."""

STYLE_NAMES = frozenset(spec.name for spec in SPECS)


def _set_fonts(rpr: object, name: str) -> None:
    """Name ``name`` for every script and drop theme fonts, which would win over it."""
    fonts = rpr.find(qn("w:rFonts"))  # type: ignore[attr-defined]
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)  # type: ignore[attr-defined]
    for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attribute}"), None)
    for attribute in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attribute}"), name)


def _remove(parent: Any, *tags: str) -> None:
    for tag in tags:
        for found in parent.findall(qn(f"w:{tag}")):
            parent.remove(found)


def apply_spec(style: ParagraphStyle, spec: StyleSpec) -> None:
    """Give ``style`` the look ``spec`` describes, replacing what it had."""
    font = style.font
    _set_fonts(style.element.get_or_add_rPr(), FONT)
    font.size = Pt(spec.size)
    font.bold = spec.bold
    font.italic = spec.italic
    font.all_caps = spec.caps
    font.color.rgb = RGBColor.from_string(spec.colour)
    rpr = style.element.get_or_add_rPr()
    _remove(rpr, "spacing", "kern")
    if spec.spacing:
        put(rpr, "spacing", RPR_ORDER, val=str(int(spec.spacing * 20)))
    paragraph = style.paragraph_format
    paragraph.space_before = Pt(spec.before)
    paragraph.space_after = Pt(spec.after)
    paragraph.line_spacing = spec.line
    paragraph.keep_with_next = spec.keep_with_next
    if spec.align is not None:
        paragraph.alignment = spec.align
    _remove(style.element.get_or_add_pPr(), "pBdr", "shd", "contextualSpacing")
    if spec.border is not None:
        side, colour, size = spec.border
        borders = put(style.element.get_or_add_pPr(), "pBdr", PPR_ORDER)
        rule = OxmlElement(f"w:{side}")
        for key, value in (("val", "single"), ("sz", str(size)), ("space", "4"), ("color", colour)):
            rule.set(qn(f"w:{key}"), value)
        borders.append(rule)
    if spec.shade is not None:
        put(
            style.element.get_or_add_pPr(),
            "shd",
            PPR_ORDER,
            val="clear",
            color="auto",
            fill=spec.shade,
        )


def define_styles(document: Document) -> None:
    """Give every house style its shipped look (used to build the shipped template)."""
    _document_defaults(document)
    for spec in SPECS:
        apply_spec(_paragraph_style(document, spec.name), spec)
    footer = document.styles[FOOTER].paragraph_format
    footer.tab_stops.clear_all()
    footer.tab_stops.add_tab_stop(Cm(17), WD_TAB_ALIGNMENT.RIGHT)
    footer.space_before = Pt(0)


def ensure_styles(document: Document) -> None:
    """Add any house style a replacement template lacks, in the shipped look."""
    present = {style.name for style in document.styles}
    for spec in SPECS:
        if spec.name not in present:
            apply_spec(_paragraph_style(document, spec.name), spec)


def _paragraph_style(document: Document, name: str) -> ParagraphStyle:
    styles = document.styles
    if name in {style.name for style in styles}:
        style = styles[name]
    else:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[NORMAL]
        style.quick_style = True
    assert isinstance(style, ParagraphStyle)
    return style


def _document_defaults(document: Document) -> None:
    """Arial and British English for everything, tables included."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if rpr is None:
        return
    _set_fonts(rpr, FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-GB")
    lang.set(qn("w:bidi"), "ar-SA")


def page_setup(document: Document) -> None:
    """A4 with room at the top of every page for an authority's logo."""
    for section in document.sections:
        section.page_width = Cm(21)
        section.page_height = Cm(29.7)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = Cm(2.6)
        section.bottom_margin = Cm(2)
        section.header_distance = Cm(1)
        section.footer_distance = Cm(1)
