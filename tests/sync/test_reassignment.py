"""A school the core lead gives to another adviser: the old adviser hears of it by name,
keeps what they did there, and can still send it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from sia_console.domain.enums import VisitStatus
from sia_console.domain.models import Visit
from sia_console.services import identity
from sia_console.services.schools.assignment import assign_school
from sia_console.services.sync import export as sync_export
from sia_console.services.sync import importing
from sia_console.storage.database import open_database
from tests.memory_keyring import MemoryKeyring
from tests.sync.world import World, a_school, built, copy_database


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


def _send(world: World, sender: object, receiver: object, name: str) -> importing.ImportResult:
    out = world.folder / name
    out.mkdir()
    with sender.session() as s:  # type: ignore[attr-defined]
        summary = sync_export.export_bundle(s, out)
    receiver_id = receiver_name = ""
    with receiver.session() as s:  # type: ignore[attr-defined]
        me = identity.require_identity(s)
        receiver_id, receiver_name = me.id, me.name
    [bundle] = [b for b in summary.bundles if receiver_name in b.recipients] or summary.bundles
    assert receiver_id
    [result] = importing.import_files(receiver.session, [bundle.path])  # type: ignore[attr-defined]
    assert result.status == "imported", result.reason
    return result


def test_the_old_adviser_hears_by_name_and_keeps_their_visits(world: World) -> None:
    school = a_school(world.ann)
    with world.ben.session() as s:
        ben = identity.require_identity(s)
        ben_id, ben_name = ben.id, ben.name
    with world.ann.session() as s:
        ann_id = identity.require_identity(s).id
        # a visit still to come there, planned by Ann
        start = datetime.combine(datetime.now().date() + timedelta(days=3), datetime.min.time())
        s.add(
            Visit(
                school_id=school.id,
                adviser_id=ann_id,
                start=start.replace(hour=9),
                end=start.replace(hour=12),
                status=VisitStatus.PLANNED,
            )
        )
        visits_before = len(s.exec(select(Visit).where(Visit.school_id == school.id)).all())
    with world.lead.session() as s:
        assign_school(s, school.code, category=school.category, adviser_id=ben_id)
    result = _send(world, world.lead, world.ann, "to-ann")
    [moved] = result.reassigned
    assert (moved.code, moved.adviser) == (school.code, ben_name)
    assert moved.planned >= 1
    assert ben_name in result.reason and "cancel" in result.reason
    assert result.as_dict()["reassigned"][0]["code"] == school.code
    with world.ann.session() as s:
        visits = s.exec(select(Visit).where(Visit.school_id == school.id)).all()
        assert len(visits) == visits_before
        assert all(v.adviser_id == ann_id for v in visits)  # her work stays hers
    # and Ann can still send what she does there: the visit is hers, not the school's
    with world.ann.session() as s:
        visit = s.exec(
            select(Visit).where(Visit.school_id == school.id, Visit.adviser_id == ann_id)
        ).first()
        assert visit is not None
        visit.status = VisitStatus.CANCELLED
        s.add(visit)
    again = _send(world, world.ann, world.lead, "to-lead")
    assert again.updated >= 1
    # a second bundle says nothing more
    with world.lead.session() as s:
        assign_school(s, school.code, category="", adviser_id=ben_id)
    assert _send(world, world.lead, world.ann, "to-ann-2").reassigned == []
