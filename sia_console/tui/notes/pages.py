"""The pages of the note editor: how they are built, filled, focused and locked, and how
each is named in its list of sections.

A note has one page per text section, then three pages beside the text: the actions
carried forward from earlier visits, the floor-target risk judgement, and the actions
agreed; a final note has a fourth, its amendments. Every piece of the adviser's text is
shown as literal :class:`Content` with control characters as pictures. The editor
screen keeps which page is shown; the functions here find their widgets on it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import ContentSwitcher, OptionList, RadioSet, Static
from textual.widgets.option_list import Option

from sia_console.domain.enums import HeadResponse, NoteStatus, RiskLevel
from sia_console.domain.labels import label, label_of, word
from sia_console.domain.note_template import (
    ACTIONS_PAGE,
    AMENDMENTS_PAGE,
    REVIEWS_PAGE,
    RISK_PAGE,
)
from sia_console.domain.text import one_line, visible
from sia_console.i18n import _, ngettext
from sia_console.services.notes.reading import SectionDetail
from sia_console.services.notes.workspace import NoteWorkspace
from sia_console.tui import formatting as fmt
from sia_console.tui.notes.action_tables import AgreedActionTable, CarriedActionTable
from sia_console.tui.notes.drafts import word_count
from sia_console.tui.notes.risk_panel import RiskPanel
from sia_console.tui.widgets.note_text_area import NoteTextArea

REVIEWS = REVIEWS_PAGE
RISK = RISK_PAGE
ACTIONS = ACTIONS_PAGE
AMENDMENTS = AMENDMENTS_PAGE
"""Names of the pages beside the text sections (a section's name is its key)."""


def page_id(name: str) -> str:
    """The widget id of the page called ``name`` (keys may hold any character)."""
    return "page-" + "".join(c if c.isalnum() or c in "-_" else f"x{ord(c):x}" for c in name)


def section_title(section: SectionDetail, *, required: bool) -> Content:
    """A section page's title, in the language now: ``Who was met (required)``."""
    title = Content.styled(one_line(section.shown_title), "bold")
    if required:
        title = Content.assemble(title, Content.styled(" " + _("(required)"), "$text-muted"))
    return title


def retitle_pages(screen: Widget, workspace: NoteWorkspace) -> None:
    """Word the section pages' titles and hints again (the language was switched)."""
    for section in workspace.note.sections:
        for page in screen.query(f"#{page_id(section.key)}"):
            required = section.key in workspace.required
            page.query_one(".page-title", Static).update(section_title(section, required=required))
            hint = workspace.hints.get(section.key, "")
            page.query_one(".page-hint", Static).update(
                Content.styled(one_line(hint), "$text-muted")
            )


def section_page(
    section: SectionDetail, index: int, *, hint: str, required: bool, read_only: bool
) -> Vertical:
    """A section's page: its title, what belongs in it, and its text."""
    return Vertical(
        Static(section_title(section, required=required), classes="page-title"),
        Static(Content.styled(one_line(hint), "$text-muted"), classes="page-hint"),
        NoteTextArea(section.text, id=f"text-{index}", read_only=read_only),
        id=page_id(section.key),
        classes="note-page",
    )


def titled_page(name: str, title: str, hint: str, body: Widget) -> Vertical:
    """A page beside the text: a title, a sentence saying what it is for, its table."""
    return Vertical(
        Static(Content.styled(title, "bold"), classes="page-title"),
        Static(Content.styled(hint, "$text-muted"), classes="page-hint"),
        body,
        id=page_id(name),
        classes="note-page",
    )


def reviews_page() -> Vertical:
    """The open actions from earlier visits, to review at this one."""
    return titled_page(
        REVIEWS,
        _("Progress on previous actions"),
        _("Open actions from earlier visits. Enter marks one done, in progress or dropped."),
        CarriedActionTable(id="carried"),
    )


def actions_page() -> Vertical:
    """The actions agreed at this visit."""
    return titled_page(
        ACTIONS,
        _("Actions agreed"),
        _("What, who and by when. n adds an action; Enter changes one; Delete removes it."),
        AgreedActionTable(id="agreed"),
    )


LOCKED_HINTS = {
    REVIEWS: _("The reviews of earlier actions made at this visit; the note is locked."),
    ACTIONS: _("What, who and by when, as agreed at this visit; the note is locked."),
}
"""What the pages of a note that cannot be changed say instead of the keys that change."""


def lock_pages(screen: Widget) -> None:
    """Nothing on the pages can be changed now (a final note, another adviser's): the
    text is read-only, the risk page disabled, the tables locked, and the action pages
    say so instead of naming the keys that change."""
    for area in screen.query(NoteTextArea).results(NoteTextArea):
        area.read_only = True
    screen.query_one(RiskPanel).make_read_only()
    screen.query_one(CarriedActionTable).locked = True
    screen.query_one(AgreedActionTable).locked = True
    for name, hint in LOCKED_HINTS.items():
        for line in screen.query(f"#{page_id(name)} > .page-hint").results(Static):
            line.update(Content.styled(hint, "$text-muted"))


def amendments_page() -> Vertical:
    """The dated amendments of a final note."""
    return titled_page(
        AMENDMENTS,
        _("Amendments"),
        _("Dated corrections to the final note; its original text is kept. Ctrl+N adds one."),
        Static(id="amendments-text"),
    )


async def add_amendments_page(screen: Widget) -> None:
    """Add the amendments page to the pages and the list (a note just finalised)."""
    page = amendments_page()
    page.display = False
    await screen.query_one(ContentSwitcher).mount(page)
    screen.query_one("#note-sections", OptionList).add_option(Option("", id=page_id(AMENDMENTS)))


def show_beside(screen: Widget, workspace: NoteWorkspace, today: date) -> None:
    """Fill the pages beside the text: the actions carried and agreed, the risk
    judgements of the year, a final note's amendments."""
    screen.query_one(CarriedActionTable).show(workspace.carried, today)
    screen.query_one(AgreedActionTable).show(workspace.note.actions, today)
    screen.query_one(RiskPanel).show_trend()
    for text in screen.query("#amendments-text").results(Static):
        text.update(amendments_content(workspace))


def focus_target(screen: Widget, name: str, areas: Mapping[str, NoteTextArea]) -> Widget | None:
    """The widget that takes the cursor on the page ``name``: a section's text, the
    table of a page of actions, the risk level."""
    if name == REVIEWS:
        return screen.query_one(CarriedActionTable)
    if name == RISK:
        return screen.query_one("#risk-level", RadioSet)
    if name == ACTIONS:
        return screen.query_one(AgreedActionTable)
    return areas.get(name)


def amendments_content(workspace: NoteWorkspace) -> Content:
    """Every amendment, dated, with the section it corrects."""
    titles = {s.key: s.shown_title for s in workspace.note.sections}
    if not workspace.note.amendments:
        return Content.styled(_("No amendments."), "$text-muted")
    blocks: list[Content] = []
    for amendment in workspace.note.amendments:
        where = (
            one_line(titles.get(amendment.section_key, amendment.section_key))
            if amendment.section_key
            else _("the whole note")
        )
        heading = _("Amendment of {day}, to {where}").format(
            day=fmt.long_day(amendment.made_at.astimezone().date()), where=where
        )
        blocks.append(
            Content.assemble(
                Content.styled(heading, "bold"),
                "\n",
                Content(visible(amendment.text, keep_lines=True)),
            )
        )
    return Content("\n\n").join(blocks)


@dataclass
class BuiltPages:
    """Every page of a note, hidden, in the order of the list, with what the editor
    keeps about them."""

    widgets: list[Widget] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    """Page names in the order of the list (a section's name is its key)."""
    text_index: dict[str, int] = field(default_factory=dict)
    """Index of each section's text area (``#text-N``), by key."""
    words: dict[str, int] = field(default_factory=dict)
    """Each section's word count as read, by key."""


def build_pages(workspace: NoteWorkspace, *, read_only: bool) -> BuiltPages:
    """The note's pages: a page per section, then the reviews, the risk judgement and
    the actions agreed; a final note's amendments last."""
    note = workspace.note
    built = BuiltPages()
    for index, section in enumerate(note.sections):
        built.text_index[section.key] = index
        built.words[section.key] = word_count(section.text)
        built.names.append(section.key)
        built.widgets.append(
            section_page(
                section,
                index,
                hint=workspace.hints.get(section.key, ""),
                required=section.key in workspace.required,
                read_only=read_only,
            )
        )
    built.widgets += [reviews_page(), RiskPanel(workspace, id=page_id(RISK)), actions_page()]
    built.names += [REVIEWS, RISK, ACTIONS]
    if note.status is NoteStatus.FINAL:
        built.widgets.append(amendments_page())
        built.names.append(AMENDMENTS)
    for page in built.widgets:
        page.display = False  # the switcher shows one at a time
    return built


def list_prompts(
    workspace: NoteWorkspace,
    names: Sequence[str],
    words: Mapping[str, int],
    level: RiskLevel | None,
) -> dict[str, Content]:
    """What the list of sections says for each of the pages ``names``.

    ``level`` is the risk level as chosen on screen (saved a moment later).
    """
    beside = beside_prompts(workspace, level)
    titles = {s.key: s.shown_title for s in workspace.note.sections}
    return {
        name: beside[name]
        if name in beside
        else section_prompt(titles[name], words.get(name, 0), required=name in workspace.required)
        for name in names
    }


def section_prompt(title: str, words: int, *, required: bool) -> Content:
    """A section in the list: its title and its word count (a warning if required and empty)."""
    parts = [Content(one_line(title)), Content.styled(f" {words}", "$text-muted")]
    if required and words == 0:
        parts.append(Content.styled(" ✱", "$text-warning"))
    return Content.assemble(*parts)


def beside_prompts(workspace: NoteWorkspace, level: RiskLevel | None) -> Mapping[str, Content]:
    """The list entries of the pages beside the text, with what each holds.

    ``level`` is the risk level as chosen on screen (saved a moment later).
    """
    unreviewed = sum(1 for a in workspace.carried if a.review_status is None)
    carried = len(workspace.carried)
    reviews = Content.assemble(
        "↺ ",
        _("Previous actions"),
        Content.styled(f" {carried}", "$text-muted"),
        Content.styled(" ✱", "$text-warning") if unreviewed and not _final(workspace) else "",
    )
    risk_prompt = Content.assemble(
        "◆ ",
        _("Risk judgement"),
        " ",
        Content.styled(word(level), _RISK_STYLES[level.value])
        if level
        else Content.styled("✱", "$text-warning"),
    )
    actions = Content.assemble(
        "✓ ", _("Actions agreed"), Content.styled(f" {len(workspace.note.actions)}", "$text-muted")
    )
    prompts = {REVIEWS: reviews, RISK: risk_prompt, ACTIONS: actions}
    if _final(workspace):
        count = len(workspace.note.amendments)
        prompts[AMENDMENTS] = Content.assemble(
            "✎ ", _("Amendments"), Content.styled(f" {count}", "$text-muted")
        )
    return prompts


_RISK_STYLES = {"high": "bold $text-error", "medium": "$text-warning", "low": "$text-success"}


def _final(workspace: NoteWorkspace) -> bool:
    return workspace.note.status is NoteStatus.FINAL


def heading(workspace: NoteWorkspace) -> Content:
    """The note's status, the visit's day and the school, always visible above the editor;
    the day before the school, so that a long name on a narrow terminal is what is cut."""
    note = workspace.note
    school = Content.assemble(
        Content.styled(one_line(note.school_name), "bold $text-primary"),
        f" ({one_line(note.school_code)})",
    )
    day = fmt.short_day_with_year(note.visit_start.date())
    when = f"{day}, {fmt.time_range(note.visit_start, note.visit_end)}"
    if note.status is NoteStatus.FINAL:
        done = fmt.long_day(note.finalised_at.astimezone().date()) if note.finalised_at else ""
        status = Content.styled(
            label(NoteStatus.FINAL) + (f" ({done})" if done else ""), "bold $text-success"
        )
    else:
        status = Content.styled(label(NoteStatus.DRAFT), "bold $text-warning")
    line = Content(" · ").join([status, Content.styled(when, "bold"), school])
    purpose = Content.styled(one_line(note.visit_purpose), "$text-muted")
    if note.status is NoteStatus.FINAL and note.head_response:
        words = label_of(HeadResponse, note.head_response)
        if note.head_response_comment:
            words = f"{words} — {one_line(note.head_response_comment)}"
        response = Content.styled(_("Headteacher: {response}").format(response=words), "bold")
        purpose = Content(" · ").join([response, purpose])
    return Content("\n").join([line, purpose])


def words_line(words: Mapping[str, int], current: str | None) -> Content:
    """``120 words in this section · 1,450 in the note``."""
    total = sum(words.values())
    in_note = ngettext("{count} word in the note", "{count} words in the note", total).format(
        count=f"{total:,}"
    )
    if current is None or current not in words:
        return Content(in_note)
    here = words[current]
    in_section = ngettext(
        "{count} word in this section", "{count} words in this section", here
    ).format(count=f"{here:,}")
    return Content(f"{in_section} · {in_note}")
