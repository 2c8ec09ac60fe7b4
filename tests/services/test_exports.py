"""Exporting notes to files: safe names, never another note's file, atomic, one sentence."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import IO, Any

import pytest

from sia_console import paths
from sia_console.domain.enums import NoteStatus
from sia_console.formats import note_docx
from sia_console.formats.docx_text import note_id_of_file
from sia_console.services.errors import NotFound, ServiceError
from sia_console.services.notes.export import (
    NoteSelection,
    export_folder,
    export_notes_docx,
    select_notes,
)
from sia_console.services.settings import save_setting
from sia_console.storage.database import Database, open_database
from tests.docx_support import add_note, add_school

RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(10)),
    *(f"LPT{i}" for i in range(10)),
}


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = open_database(tmp_path / "exports.sqlite")
    yield db
    db.dispose()


def make_note(database: Database, school_name: str, **options: Any) -> str:
    with database.session() as session:
        school = add_school(session, school_name, code=options.pop("code", "6612001"))
        return add_note(session, school, **options).id


def export(database: Database, ids: list[str], folder: Path, **options: Any) -> list[Path]:
    with database.session() as session:
        return [e.path for e in export_notes_docx(session, ids, folder, **options)]


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_names_are_safe_on_windows_and_keep_welsh_letters(
    database: Database, tmp_path: Path
) -> None:
    note = make_note(database, 'Ysgol "Y Graig": Ŵ?')
    [path] = export(database, [note], tmp_path / "out")
    assert path.name == "2026-11-23 Ysgol Y Graig Ŵ - Note of visit.docx"
    assert not set(path.name) & set('<>:"/\\|?*')


@pytest.mark.parametrize("name", ["CON", "nul", "Aux.", "COM1 ", "LPT9..."])
def test_windows_reserved_school_names(database: Database, tmp_path: Path, name: str) -> None:
    [path] = export(database, [make_note(database, name)], tmp_path / "out")
    assert path.stem.split(".")[0].strip().upper() not in RESERVED
    assert path.name.endswith(" - Note of visit.docx") and path.name.startswith("2026-11-23 ")
    assert not path.stem.endswith((".", " "))


def test_a_very_long_name_is_shortened_but_keeps_date_and_label(
    database: Database, tmp_path: Path
) -> None:
    long_name = "Ysgol Gynradd Gymraeg Llanfair Pwllgwyngyll ŵŷâ " * 12
    first = make_note(database, long_name)
    second = make_note(database, long_name, code="6612002")
    paths = export(database, [first, second], tmp_path / "out")
    for path in paths:
        assert path.exists()
        assert len(path.name.encode("utf-8")) <= 210 and len(path.stem) <= 150
        assert path.name.startswith("2026-11-23 Ysgol Gynradd Gymraeg Llanfair")
        assert "…" in path.name
    assert paths[0].name.endswith("… - Note of visit.docx")
    assert paths[1].name.endswith("… - Note of visit (2).docx")


def test_two_notes_same_day_and_school_get_two_files_and_reexport_replaces_its_own(
    database: Database, tmp_path: Path
) -> None:
    with database.session() as session:
        school = add_school(session, "Ysgol y Graig")
        morning = add_note(session, school).id
        afternoon = add_note(session, school, start=datetime(2026, 11, 23, 13, 0)).id
    out = tmp_path / "out"
    first = export(database, [morning, afternoon], out)
    assert [p.name for p in first] == [
        "2026-11-23 Ysgol y Graig - Note of visit.docx",
        "2026-11-23 Ysgol y Graig - Note of visit (2).docx",
    ]
    assert [note_id_of_file(p) for p in first] == [morning, afternoon]
    again = export(database, [afternoon, morning], out)
    assert again == first[::-1]
    assert files(out) == sorted(p.name for p in first)


def test_a_file_that_is_not_this_notes_is_never_replaced(
    database: Database, tmp_path: Path
) -> None:
    note = make_note(database, "Ysgol y Graig")
    out = tmp_path / "out"
    out.mkdir()
    mine = out / "2026-11-23 Ysgol y Graig - Note of visit.docx"
    mine.write_bytes(b"the head's own edited copy")
    [path] = export(database, [note], out)
    assert path.name == "2026-11-23 Ysgol y Graig - Note of visit (2).docx"
    assert mine.read_bytes() == b"the head's own edited copy"


def test_a_failure_midway_leaves_no_file_and_no_temporary_file(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    note = make_note(database, "Ysgol y Graig")

    def broken(_self: object, _note: object, out: IO[bytes]) -> None:
        out.write(b"PK\x03\x04 half a document")
        raise RuntimeError("the writer broke")

    monkeypatch.setattr(note_docx.NoteWriter, "write", broken)
    with pytest.raises(RuntimeError):
        export(database, [note], tmp_path / "out")
    assert files(tmp_path / "out") == []


def test_a_full_disk_is_one_sentence_and_earlier_files_are_whole(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = make_note(database, "Ysgol Un")
    second = make_note(database, "Ysgol Dau", code="6612002")
    real = note_docx.NoteWriter.write
    calls: list[int] = []

    def filling(self: note_docx.NoteWriter, note: Any, out: IO[bytes]) -> None:
        calls.append(1)
        if len(calls) == 2:
            out.write(b"PK partial")
            raise OSError(errno.ENOSPC, "No space left on device")
        real(self, note, out)

    monkeypatch.setattr(note_docx.NoteWriter, "write", filling)
    out = tmp_path / "out"
    with pytest.raises(ServiceError) as caught:
        export(database, [first, second], out)
    name = "2026-11-23 Ysgol Dau - Note of visit.docx"
    assert str(caught.value) == (
        f"Could not write {name} in {out}: the disk is full; "
        "1 of 2 notes were exported before this."
    )
    assert files(out) == ["2026-11-23 Ysgol Un - Note of visit.docx"]
    assert note_id_of_file(out / files(out)[0]) == first


def test_a_folder_under_a_file_is_one_sentence(database: Database, tmp_path: Path) -> None:
    note = make_note(database, "Ysgol y Graig")
    blocker = tmp_path / "stick.txt"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    with pytest.raises(ServiceError) as caught:
        export(database, [note], blocker / "exports")
    assert str(caught.value) == (
        f"Cannot create the folder {blocker / 'exports'}: part of the path is a file, not a folder."
    )
    with pytest.raises(ServiceError, match="is a file, not a folder"):
        export(database, [note], blocker)


def test_an_unknown_id_writes_nothing(database: Database, tmp_path: Path) -> None:
    note = make_note(database, "Ysgol y Graig")
    with pytest.raises(NotFound):
        export(database, [note, "feedfacefeedface"], tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_progress_is_reported_and_a_batch_can_stop(database: Database, tmp_path: Path) -> None:
    ids = [make_note(database, f"Ysgol {n}", code=f"66120{n}") for n in range(3)]
    seen: list[tuple[int, int]] = []
    export(database, ids, tmp_path / "all", progress=lambda d, t: seen.append((d, t)))
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]
    stopped = export(database, ids, tmp_path / "some", should_stop=lambda: True)
    assert len(stopped) == 1


def test_selections_and_the_export_folder_setting(database: Database, tmp_path: Path) -> None:
    final = make_note(database, "Ysgol Un")
    draft = make_note(database, "Ysgol Dau", code="6612002", status=NoteStatus.DRAFT)
    with database.session() as session:
        assert select_notes(session, NoteSelection(note_ids=(draft[:8], draft))) == [draft]
        assert set(select_notes(session, NoteSelection(every=True))) == {final, draft}
        assert select_notes(session, NoteSelection(every=True, final_only=True)) == [final]
        assert select_notes(session, NoteSelection(school_code="6612002")) == [draft]
        assert select_notes(session, NoteSelection()) == []
        save_setting(session, "export_folder", str(tmp_path / "chosen"))
    with database.session() as session:
        assert export_folder(session) == tmp_path / "chosen"


def test_exports_default_to_the_users_documents_never_the_checkout(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = tmp_path / "Documents"
    monkeypatch.setattr(paths, "_dirs", SimpleNamespace(user_documents_dir=str(documents)))
    monkeypatch.chdir(tmp_path)
    assert paths.default_exports_dir() == documents / "sia-console exports"
    checkout = Path(paths.__file__).resolve().parents[1]
    with database.session() as session:
        assert export_folder(session) == documents / "sia-console exports"
        assert checkout not in export_folder(session).parents
        assert export_folder(session, tmp_path / "given") == tmp_path / "given"
        save_setting(session, "export_folder", str(tmp_path / "chosen"))
        assert export_folder(session, tmp_path / "given") == tmp_path / "chosen"
