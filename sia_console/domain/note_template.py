"""The default sections of a note of visit, assembled from Wiltshire, Norfolk and
Perspective Lite practice (see ``docs/domain.md``).

A section's ``key`` is stable: it is stored with the section text, travels in bundles and
is used by exports and search, so keys never change once released; titles may be
translated or reworded freely. The floor-target risk judgement and the agreed actions are
not text sections: they are structured records beside the note.
"""

from __future__ import annotations

from dataclasses import dataclass

from sia_console.i18n import _

DEFAULT_TEMPLATE = "default"


@dataclass(frozen=True)
class SectionTemplate:
    """One titled section of a note of visit."""

    key: str
    title: str
    hint: str
    """A prompt shown in an empty section: what belongs here."""

    first_visit_only: bool = False
    """True for the data hypotheses, agreed at the first visit of the year."""

    required: bool = False
    """True when a note cannot be finalised with this section empty."""


WHO_WAS_MET = "who_was_met"
PURPOSE = "purpose"
PREVIOUS_ACTIONS = "previous_actions"
DISCUSSION = "discussion"
DATA_HYPOTHESES = "data_hypotheses"
STRENGTHS = "strengths"
AREAS_FOR_DEVELOPMENT = "areas_for_development"
JUDGEMENTS = "judgements"
SUPPORT = "support"
NEXT_VISIT = "next_visit"
DISTRIBUTION = "distribution"

DEFAULT_SECTIONS: tuple[SectionTemplate, ...] = (
    SectionTemplate(
        WHO_WAS_MET,
        _("Who was met"),
        _("Headteacher, deputy, chair of governors, subject leaders …"),
        required=True,
    ),
    SectionTemplate(
        PURPOSE,
        _("Purpose and focus of the visit"),
        _("The focus of this visit in the annual programme, and the agenda."),
        required=True,
    ),
    SectionTemplate(
        PREVIOUS_ACTIONS,
        _("Progress on previous actions"),
        _("What has happened to each action agreed at the last visit."),
    ),
    SectionTemplate(
        DISCUSSION,
        _("Discussion and evidence"),
        _("Data, lesson observation, work scrutiny, pupil voice …"),
        required=True,
    ),
    SectionTemplate(
        DATA_HYPOTHESES,
        _("Agreed data hypotheses"),
        _("The hypotheses agreed from the data summary: trend, progress and attainment."),
        first_visit_only=True,
        required=True,
    ),
    SectionTemplate(
        STRENGTHS,
        _("Strengths"),
        _("What the school does well, with evidence."),
    ),
    SectionTemplate(
        AREAS_FOR_DEVELOPMENT,
        _("Areas for development"),
        _("What needs to improve, with evidence."),
        required=True,
    ),
    SectionTemplate(
        JUDGEMENTS,
        _("Agreed judgements and any disagreement"),
        _("The judgements agreed with the headteacher, and any the school does not accept."),
    ),
    SectionTemplate(
        SUPPORT,
        _("Support to be brokered"),
        _("Support and partnership working requested for the school."),
    ),
    SectionTemplate(
        NEXT_VISIT,
        _("Next visit"),
        _("Date and focus of the next visit."),
        required=True,
    ),
    SectionTemplate(
        DISTRIBUTION,
        _("Distribution"),
        _("Who receives this note: headteacher, chair of governors …"),
    ),
)
"""The sections of a default note of visit, in order."""

REVIEWS_PAGE = "@reviews"
RISK_PAGE = "@risk"
ACTIONS_PAGE = "@actions"
AMENDMENTS_PAGE = "@amendments"
"""Names of the note editor's pages beside the text sections (a section's page is named
by its key; ``@`` is in no key). Search names the page a match is on with these."""


def sections_for(programme_slot: int | None) -> tuple[SectionTemplate, ...]:
    """The sections of a new note: data hypotheses only at the first visit of the year."""
    return tuple(
        section
        for section in DEFAULT_SECTIONS
        if not section.first_visit_only or programme_slot == 1
    )


def section_template(key: str) -> SectionTemplate | None:
    """The default section ``key``, or ``None`` for a key no template knows."""
    for section in DEFAULT_SECTIONS:
        if section.key == key:
            return section
    return None


def section_title(key: str) -> str:
    """The title of the default section ``key``, or the key itself if unknown."""
    for section in DEFAULT_SECTIONS:
        if section.key == key:
            return section.title
    return key
