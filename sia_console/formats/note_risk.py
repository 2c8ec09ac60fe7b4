"""The floor-target risk judgement of a note, set apart in a box of its own.

It is what the core lead watches over the year and what a head reads first, so it is
not one more section: a shaded box with a thick rule in the colour of the level (red,
amber, green), the level in words, the floor target and the day of the judgement, the
adviser's rationale, and the Y6 and Y5 predictions made at this visit (a historical note
shows its own, never the latest) with how each cohort's combined
prediction stands against the floor target.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sia_console.domain.enums import Measure
from sia_console.domain.labels import label, label_of
from sia_console.domain.vocabulary import long_date
from sia_console.formats import docx_parts as parts
from sia_console.formats import docx_styles as house
from sia_console.formats.note_document import RiskBlock, percent, points
from sia_console.i18n import _

if TYPE_CHECKING:
    from sia_console.formats.note_docx import Layout

BOX_MARGINS = (140, 260)
"""Room inside the box, top/bottom and left/right, in twips."""
PREDICTION_WIDTHS = (1.6, 2.1, 2.1, 2.1, 3.0, 5.3)
"""Cohort, up to four measures, and the comparison with the floor target, in cm."""
INNER_WIDTH = 16.1
"""The width of the predictions table inside the box, in cm."""


def risk_box(layout: Layout, risk: RiskBlock | None) -> None:
    """Add the box holding ``risk`` (or saying that none was recorded) to the body."""
    level = risk.level.value if risk and risk.level else ""
    colour = house.RISK_COLOURS.get(level, house.MUTED)
    tbl, cells = parts.table((17.0,), 1, cell_style=layout.ids[house.RISK_TITLE], rule=None)
    box = cells[0][0]
    vertical, horizontal = BOX_MARGINS
    parts.box_cell(
        box, fill=house.RISK_SHADES[level], colour=colour, vertical=vertical, horizontal=horizontal
    )
    layout.add(tbl)
    parts.add_text(parts.first_paragraph(box), _("Floor-target risk judgement"))
    if risk is None or risk.level is None:
        layout.para(house.EMPTY, _("No floor-target risk judgement was recorded."), box)
        return
    line = layout.para(house.RISK_LEVEL, _("Risk of falling below the floor target: "), box)
    parts.add_text(line, label(risk.level), colour=colour)
    facts = []
    if risk.floor_target is not None:
        facts.append(
            _(
                "Floor target: {percent} of pupils at the expected standard in reading, "
                "writing and maths combined."
            ).format(percent=percent(risk.floor_target))
        )
    if risk.judged_on is not None:
        facts.append(_("Judged on {day}.").format(day=long_date(risk.judged_on)))
    if facts:
        layout.para(house.NORMAL, " ".join(facts), box)
    layout.text_block(risk.rationale, target=box)
    layout.para(house.SUBHEADING, _("Predictions at this visit for Y6 and Y5"), box)
    _predictions(layout, box, risk)


def _predictions(layout: Layout, box: Any, risk: RiskBlock) -> None:
    if not risk.predictions:
        layout.para(house.EMPTY, _("No predictions recorded."), box)
        return
    known: list[str] = list(Measure)
    known += [p.measure for p in risk.predictions if p.measure not in known]
    shown = [m for m in known if any(p.measure == m for p in risk.predictions)][:4]
    cohorts = list(dict.fromkeys(p.cohort for p in risk.predictions))
    values = {(p.cohort, p.measure): p.percent for p in risk.predictions}
    widths = PREDICTION_WIDTHS[: len(shown) + 1] + PREDICTION_WIDTHS[-1:]
    scale = INNER_WIDTH / sum(widths)
    tbl, cells = parts.table(
        [w * scale for w in widths],
        len(cohorts) + 1,
        cell_style=layout.ids[house.TABLE_TEXT],
        rule=house.RULE,
        fill="FFFFFF",
    )
    box.append(tbl)
    labels = [_("Cohort")]
    labels += [label_of(Measure, m) for m in shown]
    labels.append(_("Against the floor target"))
    for tc, heading in zip(cells[0], labels, strict=True):
        layout.cell(tc, heading, house.TABLE_HEADING)
    for row, cohort in zip(cells[1:], cohorts, strict=True):
        layout.cell(row[0], cohort, house.TABLE_LABEL)
        for tc, measure in zip(row[1:], shown, strict=False):
            value = values.get((cohort, measure))
            layout.cell(tc, percent(value) if value is not None else "—")
        layout.cell(row[-1], against_floor(values.get((cohort, "combined")), risk))
    layout.para(house.TABLE_TEXT, "", box)  # a cell must end with a paragraph


def against_floor(combined: float | None, risk: RiskBlock) -> str:
    """How a cohort's combined prediction stands against the floor target, in words."""
    if combined is None or risk.floor_target is None:
        return "—"
    gap = round(combined - risk.floor_target, 1)
    if gap > 0:
        return _("{points} percentage points above").format(points=points(gap))
    if gap < 0:
        return _("{points} percentage points below").format(points=points(-gap))
    return _("At the floor target")
