"""Composing the text of one demo note of visit: its sections and its risk rationale.

:func:`compose_sections` and :func:`rationale` choose among the sentences of
:mod:`sia_console.demo.prose` with the caller's seeded ``random.Random`` and fill them
from one :class:`NoteFacts`, so the same seed always writes the same note.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from sia_console.demo.priorities import Priority
from sia_console.demo.prose import (
    AGENDA,
    AREAS,
    DISAGREEMENT,
    DISCUSSION,
    DISTRIBUTION,
    EXTRA_PURPOSE,
    FOCUS_ITEMS,
    HYPOTHESES,
    JUDGEMENTS,
    LOWERED,
    NO_ACTIONS_DUE,
    NO_PREVIOUS_ACTIONS,
    PURPOSE,
    RAISED,
    RATIONALE,
    STRENGTHS,
    SUPPORT,
    WELSH_STRENGTHS,
    WHO_WAS_MET,
)
from sia_console.domain import note_template as keys
from sia_console.domain.programme import programme_visit
from sia_console.services.programme.templates import default_template


@dataclass(frozen=True)
class NoteFacts:
    """The facts one note is written from: template fields and the predictions."""

    fields: dict[str, str]
    predictions: dict[tuple[str, str], float]


def _bullets(lines: list[str]) -> str:
    return "\n".join(f"• {line}" for line in lines)


def _some(rng: random.Random, pool: tuple[str, ...], low: int, high: int) -> list[str]:
    """Between ``low`` and ``high`` items of ``pool``, in the pool's order."""
    count = min(len(pool), rng.randint(low, high))
    chosen = sorted(rng.sample(range(len(pool)), count))
    return [pool[index] for index in chosen]


def compose_sections(
    rng: random.Random,
    *,
    slot: int | None,
    facts: NoteFacts,
    priorities: tuple[Priority, ...],
    welsh: bool,
    review_lines: list[str],
    next_visit: str,
) -> dict[str, str]:
    """The text of every section of a note, keyed like ``note_template.DEFAULT_SECTIONS``."""
    fields = {**facts.fields, "focus_item": FOCUS_ITEMS[slot]}
    focus = programme_visit(default_template(), slot).focus if slot is not None else ""
    purpose = PURPOSE.format(slot=slot, focus=focus) if slot is not None else EXTRA_PURPOSE
    discussion = [line.format(**fields) for line in _some(rng, DISCUSSION[slot], 2, 3)]
    discussion.append(rng.choice(priorities[0].evidence).format(**fields))
    strengths_pool = STRENGTHS + (WELSH_STRENGTHS if welsh else ())
    areas = [p.area for p in priorities] + _some(rng, AREAS, 0, 1)
    judgements = [line.format(**fields) for line in _some(rng, JUDGEMENTS, 1, 2)]
    if rng.random() < 0.12:
        judgements.append(DISAGREEMENT.format(**fields))
    if review_lines:
        previous = _bullets(review_lines)
    elif slot == 1:
        previous = rng.choice(NO_PREVIOUS_ACTIONS)
    else:
        previous = NO_ACTIONS_DUE
    texts = {
        keys.WHO_WAS_MET: rng.choice(WHO_WAS_MET).format(**fields),
        keys.PURPOSE: purpose + "\n\n" + rng.choice(AGENDA).format(**fields),
        keys.PREVIOUS_ACTIONS: previous,
        keys.DISCUSSION: "\n\n".join(discussion),
        keys.STRENGTHS: _bullets(
            [line.format(**fields) for line in _some(rng, strengths_pool, 2, 3)]
        ),
        keys.AREAS_FOR_DEVELOPMENT: _bullets(areas),
        keys.JUDGEMENTS: "\n\n".join(judgements),
        keys.SUPPORT: _bullets([line.format(**fields) for line in _some(rng, SUPPORT, 1, 2)]),
        keys.NEXT_VISIT: next_visit,
        keys.DISTRIBUTION: DISTRIBUTION,
    }
    if slot == 1:
        hypotheses = [line.format(**fields) for line in _some(rng, HYPOTHESES, 3, 3)]
        texts[keys.DATA_HYPOTHESES] = "\n".join(f"{n}. {h}" for n, h in enumerate(hypotheses, 1))
    return texts


def rationale(rng: random.Random, level: str, previous: str | None, facts: NoteFacts) -> str:
    """The reasons for a risk judgement, saying so when it changed since the last visit."""
    reasons = [line.format(**facts.fields) for line in _some(rng, RATIONALE[level], 1, 2)]
    order = ("low", "medium", "high")
    if previous is not None and previous != level:
        change = RAISED if order.index(level) > order.index(previous) else LOWERED
        reasons.insert(0, change.format(previous=previous))
    return " ".join(reasons)
