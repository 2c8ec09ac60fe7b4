"""A bilingual document gives a value once, beside its Welsh and English labels, as a
bilingual form in Wales does ("Ymgynghorydd / Adviser: Elin Lloyd"), read back with
python-docx; a Welsh-only document is untouched."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sia_console import i18n
from sia_console.domain.enums import LanguageMedium, NoteStatus
from sia_console.services.notes.export import export_notes_docx
from sia_console.storage.database import Database, open_database
from tests.docx_support import add_note, add_school, body_paragraphs


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = open_database(tmp_path / "sia.sqlite")
    yield db
    db.dispose()


def _paragraphs(
    database: Database, folder: Path, medium: LanguageMedium, status: NoteStatus
) -> list[str]:
    with database.session() as session:
        school = add_school(session, "Ysgol y Graig")
        school.language = medium
        session.add(school)
        note_id = add_note(session, school, status=status).id
    with database.session() as session:
        [exported] = export_notes_docx(session, [note_id], folder)
    return body_paragraphs(exported.path)


def _lines(paragraphs: list[str]) -> list[str]:
    return [line for paragraph in paragraphs for line in paragraph.split("\n")]


def test_a_label_and_its_value_are_written_once(database: Database, tmp_path: Path) -> None:
    lines = _lines(_paragraphs(database, tmp_path, LanguageMedium.BILINGUAL, NoteStatus.FINAL))
    adviser = [line for line in lines if "Elin Lloyd" in line]
    assert adviser and all(line.count("Elin Lloyd") == 1 for line in adviser)
    assert any("Ymgynghorydd / Adviser: Elin Lloyd" in line for line in adviser)
    finalised = [line for line in lines if "Finalised on" in line]
    assert finalised == [line for line in finalised if "Cwblhawyd ar / Finalised on " in line]
    assert finalised and all(line.count("2026") == 1 for line in finalised)


def test_a_draft_mark_follows_its_title_once(database: Database, tmp_path: Path) -> None:
    lines = _lines(_paragraphs(database, tmp_path, LanguageMedium.BILINGUAL, NoteStatus.DRAFT))
    assert "Nodyn ymweliad / Note of visit — DRAFFT / DRAFT" in lines


def test_sentences_with_two_values_stay_whole_in_each_language() -> None:
    with i18n.in_language(i18n.BILINGUAL):
        said = i18n._("Page {page} of {pages}")
    welsh, english = said.split(" / ")
    assert "{page}" in welsh and "{pages}" in welsh and english == "Page {page} of {pages}"


def test_a_welsh_document_has_no_english_labels(database: Database, tmp_path: Path) -> None:
    lines = _lines(_paragraphs(database, tmp_path, LanguageMedium.WELSH, NoteStatus.FINAL))
    assert any("Ymgynghorydd: Elin Lloyd" in line for line in lines)
    assert not any("Adviser" in line for line in lines)
