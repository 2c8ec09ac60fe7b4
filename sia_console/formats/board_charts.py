"""The charts on the first page of the board report, drawn by matplotlib as PNG images.

Three pictures a board member reads in a minute: the schools of each authority by their
latest agreed floor-target risk, each SIA's visits made against those due so far, and the
year's movement of risk (the judgements agreed each month, by level). Colours are the
house style's risk colours, so a chart and the risk box of a note agree.

matplotlib is imported here only, and this module only when a report is written: the
program's start-up never pays for it. Figures are drawn with the Agg canvas directly
(no pyplot, no global state, safe in a worker thread); the PNG carries no timestamp or
software tag, so the same data gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from sia_console.domain.enums import RiskLevel
from sia_console.domain.labels import label
from sia_console.domain.vocabulary import short_month_name
from sia_console.formats import docx_styles as house
from sia_console.formats.docx_text import xml_safe
from sia_console.i18n import _

if TYPE_CHECKING:
    from sia_console.services.authority.board import MonthOfRisk
    from sia_console.services.authority.summary import SiaCoverage

DPI = 200
NAME_CHARS = 28
"""The most characters of a name beside a bar; longer names are cut with an ellipsis."""
LEVELS = (RiskLevel.HIGH, RiskLevel.MEDIUM, RiskLevel.LOW)
FONT = {"family": "DejaVu Sans", "size": 7}


def _colour(level: RiskLevel) -> str:
    return "#" + house.RISK_COLOURS[level.value]


def _short(name: str) -> str:
    name = xml_safe(name).replace("\n", " ") or _("(no name)")
    return name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1].rstrip() + "…"


def _figure(width_cm: float, height_cm: float) -> tuple[Figure, Any]:
    figure = Figure(figsize=(width_cm / 2.54, height_cm / 2.54), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(labelsize=FONT["size"])
    return figure, axes


def _png(figure: Figure, dpi: int = DPI) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(
        buffer,
        format="png",
        dpi=dpi,
        metadata={"Software": None},
        pil_kwargs={"compress_level": 3},  # a few kB larger, several times faster to write
    )
    return buffer.getvalue()


def _nothing(axes: Any, text: str) -> None:
    axes.set_xticks([])
    axes.set_yticks([])
    axes.text(0.5, 0.5, text, ha="center", va="center", fontsize=8, color="#" + house.MUTED)


def _title(axes: Any, text: str) -> None:
    axes.set_title(text, fontsize=8.5, color="#" + house.NAVY, fontweight="bold", pad=16)


def _legend(axes: Any, columns: int) -> None:
    """Above the plot, under the title: never over a bar."""
    axes.legend(
        fontsize=6.5, frameon=False, ncols=columns, loc="lower left", bbox_to_anchor=(0, 1.0)
    )


def first_page_pair(
    counts: Sequence[tuple[str, dict[RiskLevel, int]]],
    coverage: Sequence[SiaCoverage],
    width_cm: float,
    height_cm: float,
) -> bytes:
    """Two charts side by side in one picture: risk by authority, and coverage per SIA.

    One picture rather than two: two pictures in a line are wrapped differently by each
    word processor, one is laid out the same everywhere.
    """
    figure = Figure(figsize=(width_cm / 2.54, height_cm / 2.54), dpi=DPI)
    FigureCanvasAgg(figure)
    left, right = figure.subplots(1, 2)
    for axes in (left, right):
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        axes.tick_params(labelsize=FONT["size"])
    risk_by_authority(left, counts)
    coverage_per_sia(right, coverage)
    figure.tight_layout(w_pad=2.0)
    return _png(figure)


def risk_by_authority(axes: Any, counts: Sequence[tuple[str, dict[RiskLevel, int]]]) -> None:
    """Stacked bars: each authority's schools by their latest agreed level."""
    _title(axes, _("Schools by latest agreed risk"))
    if not counts:
        _nothing(axes, _("No agreed judgements yet."))
        return
    names = [_short(name) for name, _levels in counts][::-1]
    left = [0] * len(names)
    for level in LEVELS:
        values = [levels.get(level, 0) for _name, levels in counts][::-1]
        axes.barh(names, values, left=left, color=_colour(level), label=label(level), height=0.6)
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.set_xlabel(_("Schools"), fontsize=FONT["size"])
    _small_names(axes, len(names))
    _legend(axes, 3)


def coverage_per_sia(axes: Any, coverage: Sequence[SiaCoverage]) -> None:
    """Each SIA's programme visits due by today: how many were made."""
    _title(axes, _("Programme visits due by today"))
    if not coverage:
        _nothing(axes, _("No SIAs yet."))
        return
    rows = coverage[::-1]
    names = [_short(row.adviser_name) for row in rows]
    due = [row.year.due for row in rows]
    done = [row.year.done_of_due for row in rows]
    axes.barh(names, due, color="#" + house.SHADE, edgecolor="#" + house.RULE, label=_("Due"))
    axes.barh(names, done, color="#" + house.ACCENT, height=0.5, label=_("Made"))
    axes.set_xlabel(_("Visits per SIA"), fontsize=FONT["size"])
    _small_names(axes, len(names))
    _legend(axes, 2)


def _small_names(axes: Any, count: int) -> None:
    if count > 12:
        axes.tick_params(axis="y", labelsize=max(3.5, 7 - count / 8))


def movement_of_risk(months: Sequence[MonthOfRisk], width_cm: float, height_cm: float) -> bytes:
    """Stacked columns: the judgements agreed each month of the academic year, by level."""
    figure, axes = _figure(width_cm, height_cm)
    _title(axes, _("Judgements agreed each month, by level"))
    if not any(m.high + m.medium + m.low for m in months):
        _nothing(axes, _("No judgements agreed this academic year yet."))
        return _png(figure)
    names = [_month(m.month) for m in months]
    bottom = [0] * len(months)
    for level in LEVELS:
        values = [getattr(m, level.value) for m in months]
        axes.bar(names, values, bottom=bottom, color=_colour(level), label=label(level), width=0.6)
        bottom = [a + b for a, b in zip(bottom, values, strict=True)]
    axes.set_ylabel(_("Judgements"), fontsize=FONT["size"])
    _legend(axes, 3)
    figure.tight_layout()
    return _png(figure)


def _month(day: date) -> str:
    return f"{short_month_name(day.month)} {day.year % 100:02d}"
