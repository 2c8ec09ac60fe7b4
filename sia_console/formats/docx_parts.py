"""Small pieces of WordprocessingML, built as elements: faster than python-docx's API.

python-docx finds each new element's place by scanning its siblings, and its text setter
walks text one character at a time; a batch of notes (and a megabyte of pasted text)
would spend most of its time there. The helpers below build paragraphs, runs, tables,
fields (page X of Y) and a watermark directly. Word checks the order of the children of
a properties element, so anything added to an existing one goes in at its place in the
schema's sequence (:func:`put`).

Text reaches here already passed through :func:`~sia_console.formats.docx_text.xml_safe`;
it is always set as element text or attribute values (escaped by lxml), never pasted into
an XML string.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn


def _sequence(names: str) -> tuple[str, ...]:
    return tuple(names.split())


PPR_ORDER = _sequence(
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange"
)
RPR_ORDER = _sequence(
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
)

_PIECES = re.compile(r"(\t|\n)")
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
TWIPS_PER_CM = 567
CELL_MARGINS = (45, 100)
"""Top/bottom and left/right room inside table cells, in twips."""


def element(tag: str, **attributes: str) -> Any:
    """A new ``w:tag`` element with ``w:`` attributes."""
    made = OxmlElement(f"w:{tag}")
    for key, value in attributes.items():
        made.set(qn(f"w:{key}"), value)
    return made


def put(parent: Any, tag: str, order: Sequence[str], **attributes: str) -> Any:
    """Replace ``parent``'s child ``w:tag`` by a new one, at its place in ``order``."""
    old = parent.find(qn(f"w:{tag}"))
    if old is not None:
        parent.remove(old)
    made = element(tag, **attributes)
    later = order[order.index(tag) + 1 :]
    parent.insert_element_before(made, *(f"w:{name}" for name in later))
    return made


def paragraph(style_id: str) -> Any:
    """A new, empty ``w:p`` of the paragraph style ``style_id``."""
    p = element("p")
    properties = element("pPr")
    properties.append(element("pStyle", val=style_id))
    p.append(properties)
    return p


def add_text(p: Any, text: str, *, bold: bool = False, colour: str = "") -> None:
    """Append ``text`` to the paragraph ``p`` as one run; tabs and newlines become Word's."""
    run = element("r")
    if bold or colour:
        properties = element("rPr")
        if bold:
            properties.append(element("b"))
        if colour:
            properties.append(element("color", val=colour))
        run.append(properties)
    for piece in _PIECES.split(text):
        if piece == "\n":
            run.append(element("br"))
        elif piece == "\t":
            run.append(element("tab"))
        elif piece:
            t = element("t")
            t.text = piece
            if piece[0].isspace() or piece[-1].isspace():
                t.set(_SPACE, "preserve")
            run.append(t)
    p.append(run)


def add_field(p: Any, instruction: str, shown: str = "1") -> None:
    """A field such as ``PAGE`` or ``NUMPAGES``; Word and LibreOffice fill in its value."""
    code = element("instrText")
    code.set(_SPACE, "preserve")
    code.text = f" {instruction} "
    value = element("t")
    value.text = shown
    for child in (
        element("fldChar", fldCharType="begin", dirty="true"),
        code,
        element("fldChar", fldCharType="separate"),
        value,
        element("fldChar", fldCharType="end"),
    ):
        run = element("r")
        run.append(child)
        p.append(run)


def _rules(tag: str, sides: dict[str, tuple[str, int] | None]) -> Any:
    """``w:tblBorders`` or ``w:tcBorders``: a side maps to (colour, eighths of a point)."""
    rules = element(tag)
    for side, rule in sides.items():
        if rule is None:
            rules.append(element(side, val="nil"))
        else:
            rules.append(element(side, val="single", sz=str(rule[1]), color=rule[0]))
    return rules


def _margins(tag: str, vertical: int, horizontal: int) -> Any:
    margins = element(tag)
    for side, size in (("top", vertical), ("left", horizontal), ("bottom", vertical)):
        margins.append(element(side, w=str(size), type="dxa"))
    margins.append(element("right", w=str(horizontal), type="dxa"))
    return margins


def table(
    widths_cm: Sequence[float],
    rows: int,
    *,
    cell_style: str,
    rule: str | None,
    header_fill: str | None = None,
    label_fill: str | None = None,
    fill: str | None = None,
    margins: tuple[int, int] = CELL_MARGINS,
) -> tuple[Any, list[list[Any]]]:
    """A fixed-width table and its cells (``w:tc``), each holding one empty paragraph.

    ``rule`` is the colour of thin rules round and between the cells (``None``: none);
    ``header_fill`` shades the first row, which repeats on every page the table runs
    onto; ``label_fill`` shades the first column and ``fill`` every other cell. Rows are
    never split across pages.
    """
    widths = [round(w * TWIPS_PER_CM) for w in widths_cm]
    tbl = element("tbl")
    properties = element("tblPr")
    properties.append(element("tblW", w=str(sum(widths)), type="dxa"))
    sides = ("top", "left", "bottom", "right", "insideH", "insideV")
    properties.append(_rules("tblBorders", dict.fromkeys(sides, (rule, 4) if rule else None)))
    properties.append(element("tblLayout", type="fixed"))
    properties.append(_margins("tblCellMar", *margins))
    properties.append(element("tblLook", val="0000", firstRow="0", firstColumn="0"))
    tbl.append(properties)
    grid = element("tblGrid")
    for width in widths:
        grid.append(element("gridCol", w=str(width)))
    tbl.append(grid)
    cells: list[list[Any]] = []
    for index in range(rows):
        tr = element("tr")
        row_properties = element("trPr")
        row_properties.append(element("cantSplit"))
        if index == 0 and header_fill:
            row_properties.append(element("tblHeader"))
        tr.append(row_properties)
        row: list[Any] = []
        for column, width in enumerate(widths):
            tc = element("tc")
            cell_properties = element("tcPr")
            cell_properties.append(element("tcW", w=str(width), type="dxa"))
            shade = header_fill if index == 0 else None
            shade = shade or (label_fill if column == 0 else None) or fill
            if shade:
                cell_properties.append(element("shd", val="clear", color="auto", fill=shade))
            tc.append(cell_properties)
            tc.append(paragraph(cell_style))
            tr.append(tc)
            row.append(tc)
        tbl.append(tr)
        cells.append(row)
    return tbl, cells


def first_paragraph(tc: Any) -> Any:
    """The paragraph every new cell starts with."""
    return tc.find(qn("w:p"))


def box_cell(tc: Any, *, fill: str, colour: str, vertical: int, horizontal: int) -> None:
    """Make a one-cell table a box: shaded, a thick rule on the left in ``colour``."""
    properties = tc.find(qn("w:tcPr"))
    thin = (colour, 4)
    sides: dict[str, tuple[str, int] | None] = {
        "top": thin,
        "left": (colour, 36),
        "bottom": thin,
        "right": thin,
    }
    properties.append(_rules("tcBorders", sides))
    properties.append(element("shd", val="clear", color="auto", fill=fill))
    properties.append(_margins("tcMar", vertical, horizontal))


_WATERMARK = """
<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
     xmlns:v="urn:schemas-microsoft-com:vml"
     xmlns:o="urn:schemas-microsoft-com:office:office"
     xmlns:w10="urn:schemas-microsoft-com:office:word">
  <w:rPr><w:noProof/></w:rPr>
  <w:pict>
    <v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800"
        path="m@7,l@8,m@5,21600l@6,21600e">
      <v:formulas>
        <v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/>
        <v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/>
        <v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/>
        <v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/>
        <v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/>
      </v:formulas>
      <v:path textpathok="t" o:connecttype="custom"
          o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>
      <v:textpath on="t" fitshape="t"/>
      <v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>
      <o:lock v:ext="edit" text="t" shapetype="t"/>
    </v:shapetype>
    <v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s2049" type="#_x0000_t136"
        style="position:absolute;margin-left:0;margin-top:0;width:440pt;height:110pt;rotation:315;z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical:center;mso-position-vertical-relative:margin"
        o:allowincell="f" fillcolor="#E4B8BE" stroked="f">
      <v:fill opacity=".35"/>
      <v:textpath style="font-family:&quot;Arial&quot;;font-size:1pt" string="DRAFT"/>
      <w10:wrap anchorx="margin" anchory="margin"/>
    </v:shape>
  </w:pict>
</w:r>
"""


def add_watermark(p: Any, text: str) -> None:
    """A large, pale, diagonal ``text`` behind every page (put in a header paragraph)."""
    run = parse_xml(_WATERMARK)
    shape = "{urn:schemas-microsoft-com:vml}"
    run.find(f".//{shape}shape/{shape}textpath").set("string", text)
    p.append(run)
