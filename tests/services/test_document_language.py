"""A note of visit in its school's language: Welsh for a Welsh-medium school, both (Welsh
first) for a bilingual one, English otherwise, or as chosen; the adviser's text as typed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sia_console import i18n
from sia_console.domain.document_language import document_language
from sia_console.domain.enums import LanguageMedium
from sia_console.services.notes.export import export_notes_docx
from sia_console.storage.database import Database, open_database
from tests.docx_support import add_note, add_school, body_paragraphs

TYPED = "Disgyblion Bl6 yn trafod eu gwaith: pupils discussed their writing."


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = open_database(tmp_path / "sia.sqlite")
    yield db
    db.dispose()


def _export(
    database: Database, medium: LanguageMedium, folder: Path, **options: object
) -> list[str]:
    with database.session() as session:
        school = add_school(session, "Ysgol y Graig")
        school.language = medium
        session.add(school)
        note = add_note(session, school, texts={"discussion": TYPED})
        note_id = note.id
    with database.session() as session:
        [exported] = export_notes_docx(session, [note_id], folder, **options)  # type: ignore[arg-type]
    return body_paragraphs(exported.path)


def test_each_medium_has_its_documents_language() -> None:
    assert document_language(LanguageMedium.WELSH) == "cy"
    assert document_language(LanguageMedium.BILINGUAL) == "bilingual"
    assert document_language(LanguageMedium.ENGLISH) == "en"
    assert document_language(None) == "en"


def test_a_welsh_medium_schools_note_is_in_welsh(database: Database, tmp_path: Path) -> None:
    text = "\n".join(_export(database, LanguageMedium.WELSH, tmp_path / "out"))
    assert "Nodyn ymweliad" in text
    assert "Note of visit" not in text
    assert TYPED in text  # the adviser's words, never translated
    assert i18n.language() == "en"  # the interface is as it was


def test_a_bilingual_schools_note_has_the_welsh_first(database: Database, tmp_path: Path) -> None:
    text = "\n".join(_export(database, LanguageMedium.BILINGUAL, tmp_path / "out"))
    welsh, english = text.find("Nodyn ymweliad"), text.find("Note of visit")
    assert 0 <= welsh < english
    assert TYPED in text


def test_the_language_can_be_chosen_for_an_export(database: Database, tmp_path: Path) -> None:
    text = "\n".join(_export(database, LanguageMedium.WELSH, tmp_path / "out", language="en"))
    assert "Note of visit" in text and "Nodyn ymweliad" not in text
