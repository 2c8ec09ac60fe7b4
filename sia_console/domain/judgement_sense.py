"""Sense checks on a note's judgement and actions: warnings to read before finalising.

None of these refuses anything (a school's figures can be surprising, a due date can be
right), but each is the kind of slip an adviser would want pointed out before a note is
locked: a combined prediction above one of its parts (pupils at the expected standard in
reading, writing *and* maths cannot outnumber those at it in any one of them), and an
action due before the visit at which it was agreed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from sia_console.domain.enums import Measure
from sia_console.domain.labels import word
from sia_console.domain.text import one_line
from sia_console.domain.vocabulary import long_day
from sia_console.i18n import _

PARTS = (Measure.READING, Measure.WRITING, Measure.MATHS)
"""The measures the combined figure is made of."""


def _percent(value: float) -> str:
    return f"{value:g}%"


def combined_above_parts(predictions: Mapping[tuple[str, str], float]) -> list[str]:
    """For each cohort whose combined prediction is above one of its parts, a sentence
    naming the lowest such part. ``predictions`` maps ``(cohort, measure)`` to a percent."""
    warnings: list[str] = []
    for cohort in sorted({cohort for cohort, _measure in predictions}):
        combined = predictions.get((cohort, Measure.COMBINED.value))
        if combined is None:
            continue
        below = [
            (predictions[(cohort, part.value)], part)
            for part in PARTS
            if (cohort, part.value) in predictions and predictions[(cohort, part.value)] < combined
        ]
        if below:
            value, part = min(below, key=lambda pair: pair[0])
            warnings.append(
                _(
                    "{cohort}: the combined prediction, {combined}, is above {measure} at "
                    "{value}; combined cannot be higher than any of its parts."
                ).format(
                    cohort=cohort,
                    combined=_percent(combined),
                    measure=word(part),
                    value=_percent(value),
                )
            )
    return warnings


def actions_due_before(visit_day: date, actions: Iterable[tuple[str, date | None]]) -> list[str]:
    """For each action ``(text, due)`` due before ``visit_day``, a sentence naming it."""
    return [
        _("The action “{action}” is due on {due}, before the visit ({visit}).").format(
            action=one_line(text)[:60], due=long_day(due), visit=long_day(visit_day)
        )
        for text, due in actions
        if due is not None and due < visit_day
    ]
