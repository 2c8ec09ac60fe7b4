"""The default sections of a note of visit, assembled from Wiltshire, Norfolk and
Perspective Lite practice (see ``docs/domain.md``).

A section's ``key`` is stable: it is stored with the section text, travels in bundles and
is used by exports and search, so keys never change once released; titles may be
translated or reworded freely. A section has an English ``title`` and may carry its own
Welsh ``title_cy`` (an authority's template); a default section's Welsh is the catalogue's.
A note stores the English title it was created with, and finds the Welsh through its
template by key (:func:`stored_section`). The floor-target risk judgement and the agreed actions are
not text sections: they are structured records beside the note.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sia_console.i18n import N_, _, localised, source_of, welsh_of

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

    title_cy: str = ""
    """The Welsh title, if the template gives one ("": the catalogue's, else English)."""

    hint_cy: str = ""
    """The Welsh hint, if the template gives one."""

    @property
    def shown_title(self) -> str:
        """The title in the language now (Welsh, English, or both for a bilingual document)."""
        return localised(self.title, self.title_cy)

    @property
    def shown_hint(self) -> str:
        """The hint in the language now."""
        return localised(self.hint, self.hint_cy) if self.hint else ""

    @property
    def has_welsh(self) -> bool:
        """Whether the title has a Welsh form (its own or the catalogue's)."""
        return welsh_of(self.title, self.title_cy) is not None


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
        N_("Who was met"),
        N_("Headteacher, deputy, chair of governors, subject leaders …"),
        required=True,
    ),
    SectionTemplate(
        PURPOSE,
        N_("Purpose and focus of the visit"),
        N_("The focus of this visit in the annual programme, and the agenda."),
        required=True,
    ),
    SectionTemplate(
        PREVIOUS_ACTIONS,
        N_("Progress on previous actions"),
        N_("What has happened to each action agreed at the last visit."),
    ),
    SectionTemplate(
        DISCUSSION,
        N_("Discussion and evidence"),
        N_("Data, lesson observation, work scrutiny, pupil voice …"),
        required=True,
    ),
    SectionTemplate(
        DATA_HYPOTHESES,
        N_("Agreed data hypotheses"),
        N_("The hypotheses agreed from the data summary: trend, progress and attainment."),
        first_visit_only=True,
        required=True,
    ),
    SectionTemplate(
        STRENGTHS,
        N_("Strengths"),
        N_("What the school does well, with evidence."),
    ),
    SectionTemplate(
        AREAS_FOR_DEVELOPMENT,
        N_("Areas for development"),
        N_("What needs to improve, with evidence."),
        required=True,
    ),
    SectionTemplate(
        JUDGEMENTS,
        N_("Agreed judgements and any disagreement"),
        N_("The judgements agreed with the headteacher, and any the school does not accept."),
    ),
    SectionTemplate(
        SUPPORT,
        N_("Support to be brokered"),
        N_("Support and partnership working requested for the school."),
    ),
    SectionTemplate(
        NEXT_VISIT,
        N_("Next visit"),
        N_("Date and focus of the next visit."),
        required=True,
    ),
    SectionTemplate(
        DISTRIBUTION,
        N_("Distribution"),
        N_("Who receives this note: headteacher, chair of governors …"),
    ),
)
"""The sections of a default note of visit, in order (titles and hints in English: the
functions below give them in the interface language)."""

REVIEWS_PAGE = "@reviews"
RISK_PAGE = "@risk"
ACTIONS_PAGE = "@actions"
AMENDMENTS_PAGE = "@amendments"
"""Names of the note editor's pages beside the text sections (a section's page is named
by its key; ``@`` is in no key). Search names the page a match is on with these."""


def _in_language(section: SectionTemplate) -> SectionTemplate:
    """A default section with its title and hint in the interface language now."""
    return replace(section, title=_(section.title), hint=_(section.hint))


def sections_for(programme_slot: int | None) -> tuple[SectionTemplate, ...]:
    """The sections of a new note: data hypotheses only at the first visit of the year."""
    return tuple(
        _in_language(section)
        for section in DEFAULT_SECTIONS
        if not section.first_visit_only or programme_slot == 1
    )


def default_sections(programme_slot: int | None) -> tuple[SectionTemplate, ...]:
    """The sections of a new default note, titles in English (as a note stores them)."""
    return tuple(
        section
        for section in DEFAULT_SECTIONS
        if not section.first_visit_only or programme_slot == 1
    )


def default_section(key: str) -> SectionTemplate | None:
    """The default section ``key`` with its English title and hint, or ``None``."""
    return next((section for section in DEFAULT_SECTIONS if section.key == key), None)


def stored_section(
    key: str, stored_title: str, template: SectionTemplate | None
) -> SectionTemplate:
    """A note's section as a template section: the title it was created with, and its Welsh.

    ``template`` is the section of the same key in the note's template, if there is one;
    its Welsh is taken when the note's title is the template's (a note created before the
    template was reworded keeps its own title, with the catalogue's Welsh if any). A title
    stored in Welsh (notes started in Welsh before titles were stored in English) is read
    back to its English.
    """
    english = source_of(stored_title) or stored_title
    if template is not None:
        if english == template.title:
            return template
        return replace(template, title=english, title_cy="")
    known = default_section(key)
    return SectionTemplate(key=key, title=english, hint=known.hint if known else "")


def section_template(key: str) -> SectionTemplate | None:
    """The default section ``key``, or ``None`` for a key no template knows."""
    for section in DEFAULT_SECTIONS:
        if section.key == key:
            return _in_language(section)
    return None


def section_title(key: str) -> str:
    """The title of the default section ``key``, or the key itself if unknown."""
    for section in DEFAULT_SECTIONS:
        if section.key == key:
            return _(section.title)
    return key
