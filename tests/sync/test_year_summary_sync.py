"""The adviser's summary of a school's year travels to the core lead, by the same rules."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import select

from sia_console.domain.models import SchoolYearSummary, school_year_summary_id
from sia_console.services import identity
from sia_console.services.schools.year import save_year_summary, year_summary
from sia_console.services.sync import export as sync_export
from sia_console.services.sync import importing
from sia_console.storage.database import open_database
from tests.memory_keyring import MemoryKeyring
from tests.sync.forge import forge, plain
from tests.sync.world import World, a_school, built, content, copy_database


@pytest.fixture
def world(tmp_path: Path, memory_keyring: MemoryKeyring) -> Iterator[World]:
    made = built()
    memory_keyring.secrets.update(made.secrets)
    databases = {
        name: open_database(
            copy_database(made.folder / f"{name}.sqlite", tmp_path / f"{name}.sqlite")
        )
        for name in ("lead", "ann", "ben")
    }
    world = World(databases["lead"], databases["ann"], databases["ben"], tmp_path)
    yield world
    world.dispose()


def _send(world: World, name: str) -> importing.ImportResult:
    sender = getattr(world, name)
    with sender.session() as s:
        path = sync_export.export_bundle(s, world.folder / f"{name}.siabundle").path
    [result] = importing.import_files(world.lead.session, [path])
    return result


def _summary(world: World, name: str, text: str) -> SchoolYearSummary:
    database = getattr(world, name)
    school = a_school(database)
    with database.session() as s:
        save_year_summary(s, school.code, 2026, text)
    with database.session() as s:
        record: SchoolYearSummary = s.exec(
            select(SchoolYearSummary).where(SchoolYearSummary.school_id == school.id)
        ).one()
        s.expunge(record)
        return record


def test_an_advisers_summary_reaches_the_core_lead(world: World) -> None:
    written = _summary(world, "ann", "Blwyddyn dda: ŵ ŷ â.\n\nWriting next.")
    result = _send(world, "ann")
    assert result.status == "imported", result.reason
    code = a_school(world.ann).code
    with world.lead.session() as s:
        assert year_summary(s, code, 2026) == "Blwyddyn dda: ŵ ŷ â.\n\nWriting next."
        at_lead = s.exec(select(SchoolYearSummary)).one()
    assert at_lead.id == written.id
    # a later change travels too, and replaces it
    _summary(world, "ann", "Changed.")
    assert _send(world, "ann").status == "imported"
    with world.lead.session() as s:
        assert year_summary(s, code, 2026) == "Changed."


def test_a_summary_signed_as_another_adviser_is_refused(world: World) -> None:
    record = _summary(world, "ann", "Mine.")
    with world.ben.session() as s:
        ben = identity.require_identity(s).id
    before = content(world.lead)
    forged = plain(record, adviser_id=ben)
    path = forge(world.ann, world.folder / "f.siabundle", {"school_year_summary": [forged]})
    [result] = importing.import_files(world.lead.session, [path])
    assert result.status == "rejected" and "summary of a school's year" in result.reason
    assert content(world.lead) == before


def test_a_summary_replacing_another_advisers_is_refused(world: World) -> None:
    bens = _summary(world, "ben", "Ben's summary.")
    assert _send(world, "ben").status == "imported"
    with world.ann.session() as s:
        ann = identity.require_identity(s).id
    before = content(world.lead)
    hlc = f"{int(bens.hlc.split('.')[0]) + 60_000:013d}.00000.{world.ann.installation_id}"
    forged = plain(bens, adviser_id=ann, text="Rewritten by Ann.", hlc=hlc)
    forged["origin"] = str(world.ann.installation_id)
    path = forge(world.ann, world.folder / "r.siabundle", {"school_year_summary": [forged]})
    [result] = importing.import_files(world.lead.session, [path])
    assert result.status == "rejected", result.reason
    assert content(world.lead) == before
    assert bens.id == school_year_summary_id(bens.school_id, 2026)
