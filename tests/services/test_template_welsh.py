"""Templates carry their Welsh: a note's sections and a programme's visits are shown in
Welsh when the interface or the document is, the titles a note was created with are kept,
and a template whose Welsh is not plain text is not used and says why."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select

from sia_console import i18n
from sia_console.domain.enums import LanguageMedium
from sia_console.domain.models import NoteSection, School
from sia_console.domain.programme_template import TemplateError, parse_template
from sia_console.services.notes.editing import open_or_create_note
from sia_console.services.notes.export import export_notes_docx
from sia_console.services.notes.reading import note_detail
from sia_console.services.notes.templates import (
    choose_template,
    template_problem,
    template_problems,
    user_templates_dir,
)
from sia_console.services.notes.workspace import read_workspace
from sia_console.services.programme.templates import default_template
from tests.docx_support import body_paragraphs
from tests.services.note_helpers import make_year

MODERATION = """
name = "moderation"
match_purpose = ["moderation"]
[[section]]
key = "who_was_met"
[[section]]
key = "samples"
title = "Samples moderated"
title_cy = "Samplau a gymedrolwyd"
hint = "Which pieces of work were looked at."
hint_cy = "Pa ddarnau o waith a welwyd."
[[section]]
key = "unwelsh"
title = "Governors' minutes"
"""


def _template(name: str, text: str) -> Path:
    folder = user_templates_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _moderation_note(session: Session) -> str:
    _template("moderation", MODERATION)
    year = make_year(session)
    year.january.purpose = "Visit 6: Moderation of the self-evaluation"
    session.add(year.january)
    return open_or_create_note(session, year.january.id).id


def test_a_sections_welsh_title_is_shown_in_welsh_and_the_english_is_stored(
    session: Session,
) -> None:
    i18n.set_language("cy")  # started in Welsh: the note still stores the English titles
    note_id = _moderation_note(session)
    stored = {s.key: s.title for s in session.exec(select(NoteSection))}
    assert stored == {
        "who_was_met": "Who was met",
        "samples": "Samples moderated",
        "unwelsh": "Governors' minutes",
    }
    note = note_detail(session, note_id)
    assert [s.shown_title for s in note.sections] == [
        "Pwy a gyfarfuwyd",
        "Samplau a gymedrolwyd",
        "Governors' minutes",  # no Welsh given: the English
    ]
    assert note.titles_without_welsh == ("Governors' minutes",)
    assert read_workspace(session, note_id).hints["samples"] == "Pa ddarnau o waith a welwyd."
    i18n.set_language("en")
    assert [s.shown_title for s in note.sections] == [
        "Who was met",
        "Samples moderated",
        "Governors' minutes",
    ]
    with i18n.in_language(i18n.BILINGUAL):
        assert note.sections[1].shown_title == "Samplau a gymedrolwyd / Samples moderated"


def test_a_note_keeps_the_titles_it_was_created_with(session: Session) -> None:
    note_id = _moderation_note(session)
    _template("moderation", MODERATION.replace("Samples moderated", "Samples looked at"))
    note = note_detail(session, note_id)
    assert note.sections[1].title == "Samples moderated"  # as created, not as reworded
    i18n.set_language("cy")
    # The Welsh belonged to the old wording: the note's own title, in English, is shown.
    assert note_detail(session, note_id).sections[1].shown_title == "Samples moderated"


def test_a_title_stored_in_welsh_is_read_back_in_either_language(session: Session) -> None:
    year = make_year(session)
    note = open_or_create_note(session, year.november.id)
    row = session.exec(select(NoteSection).where(NoteSection.key == "who_was_met")).one()
    row.title = "Pwy a gyfarfuwyd"  # a note started in Welsh before titles were kept in English
    session.add(row)
    session.flush()
    assert note_detail(session, note.id).sections[0].shown_title == "Who was met"
    i18n.set_language("cy")
    assert note_detail(session, note.id).sections[0].shown_title == "Pwy a gyfarfuwyd"


@pytest.mark.parametrize(
    ("welsh", "reason"),
    [
        ('{ text = "Samplau" }', "must be some text in quotes"),
        ('"Samplau\\u001b[2J"', "contains control characters"),
        (f'"{"a" * 201}"', "is longer than 200 characters"),
    ],
)
def test_a_template_with_welsh_that_is_not_plain_text_is_not_used(
    session: Session, welsh: str, reason: str
) -> None:
    hostile = MODERATION.replace('"Samplau a gymedrolwyd"', welsh)
    _template("moderation", hostile)
    problem = template_problem(hostile, "moderation.toml")
    assert problem == (
        f"The note template moderation.toml is not used: the title_cy of section samples {reason}."
    )
    assert template_problems() == [problem]
    assert choose_template("Moderation of writing", 4).name == "default"  # nothing changes


def test_the_shipped_support_plan_review_has_its_welsh(session: Session) -> None:
    template = choose_template("Support plan review", 7)
    assert template.name == "support-plan-review"
    assert all(section.has_welsh for section in template.sections)
    i18n.set_language("cy")
    titles = [section.shown_title for section in template.sections]
    assert "Cynnydd yn erbyn y cynllun cymorth" in titles
    assert "Effaith y cymorth a drefnwyd" in titles


def _export(session: Session, medium: LanguageMedium, folder: Path) -> tuple[list[str], int]:
    note_id = _moderation_note(session)
    code = note_detail(session, note_id).school_code
    school = session.exec(select(School).where(School.code == code)).one()
    school.language = medium
    session.add(school)
    session.flush()
    [exported] = export_notes_docx(session, [note_id], folder)
    return body_paragraphs(exported.path), exported.english_titles


def test_a_welsh_notes_headings_are_the_templates_welsh(session: Session, tmp_path: Path) -> None:
    paragraphs, english = _export(session, LanguageMedium.WELSH, tmp_path)
    assert "Samplau a gymedrolwyd" in paragraphs and "Samples moderated" not in paragraphs
    assert "Pwy a gyfarfuwyd" in paragraphs
    assert "Governors' minutes" in paragraphs  # no Welsh given: in English, and said
    assert english == 1


def test_a_bilingual_notes_headings_are_welsh_then_english(
    session: Session, tmp_path: Path
) -> None:
    paragraphs, _english = _export(session, LanguageMedium.BILINGUAL, tmp_path)
    assert "Samplau a gymedrolwyd / Samples moderated" in paragraphs
    assert "Pwy a gyfarfuwyd / Who was met" in paragraphs


def test_an_english_note_says_nothing_of_welsh(session: Session, tmp_path: Path) -> None:
    paragraphs, english = _export(session, LanguageMedium.ENGLISH, tmp_path)
    assert "Samples moderated" in paragraphs and english == 0


PROGRAMME = """
[programme]
name = "Two visits"
name_cy = "Dau ymweliad"
[[visit]]
slot = 1
from = "09-10"
to = "09-30"
focus = "Data"
focus_cy = "Data'r ysgol"
[[visit]]
slot = 2
title = "Review"
title_cy = "Adolygiad"
when = "Early spring"
when_cy = "Dechrau'r gwanwyn"
from = "01-10"
to = "02-10"
focus = "Review the plan"
"""


def test_a_programmes_visits_are_named_in_the_language_now() -> None:
    template = parse_template(PROGRAMME.encode(), "two.toml")
    first, second = template.visits
    assert (template.shown_name, first.shown_title, first.shown_when) == (
        "Two visits",
        "Visit 1",
        "September",
    )
    i18n.set_language("cy")
    assert (template.shown_name, first.shown_title, first.shown_when) == (
        "Dau ymweliad",
        "Ymweliad 1",
        "Medi",
    )
    assert first.purpose == "Ymweliad 1: Data'r ysgol"
    assert (second.shown_title, second.shown_when, second.shown_focus) == (
        "Adolygiad",
        "Dechrau'r gwanwyn",
        "Review the plan",  # no Welsh given: the English
    )
    assert not template.has_welsh and default_template().has_welsh
    assert default_template().shown_name == "Rhaglen chwe ymweliad Wiltshire"


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (
            'title_cy = "Adolygiad\\u001b]0;x\\u0007"',
            "visit[2].title_cy contains control characters",
        ),
        ("title_cy = 3", "visit[2].title_cy must be some text in quotes"),
        (f'title_cy = "{"a" * 401}"', "visit[2].title_cy is longer than 400 characters"),
        ('titel_cy = "Adolygiad"', "is not a key this table can have (use focus_cy, title_cy"),
    ],
)
def test_a_programmes_welsh_is_checked_like_its_english(line: str, problem: str) -> None:
    hostile = PROGRAMME.replace('title_cy = "Adolygiad"', line)
    with pytest.raises(TemplateError) as raised:
        parse_template(hostile.encode(), "two.toml")
    assert problem in str(raised.value) and "two.toml" in str(raised.value)


def test_a_template_file_that_is_not_utf8_is_named_and_not_used(session: Session) -> None:
    path = _template("moderation", MODERATION)
    path.write_bytes(MODERATION.encode("utf-8").replace(b"Samplau", b"Sampl\xff"))
    assert template_problems() == [
        "The note template moderation.toml is not used: it cannot be read as UTF-8 text."
    ]
    assert choose_template("Moderation of writing", 4).name == "default"  # nothing changes
