"""What a core lead's bundle may change at an adviser's, and what each adviser receives.

The core lead holds the register, the assignments, the categories and the settings; it
never holds an adviser's visits or an identity. Each adviser receives their own schools.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import select

from sia_console.domain.enums import Role
from sia_console.domain.models import Adviser, School, Setting, Visit
from sia_console.keys import material
from sia_console.keys.store import keystore_for
from sia_console.services import identity
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


def _me(database: object) -> Adviser:
    with database.session() as s:  # type: ignore[attr-defined]
        me = identity.require_identity(s)
        s.expunge(me)
        return me


def _refused_at_ann(world: World, records: dict[str, list[dict[str, object]]], words: str) -> None:
    before = content(world.ann)
    path = forge(world.lead, world.folder / "lead.siabundle", records)
    [result] = importing.import_files(world.ann.session, [path])
    assert result.status == "rejected", result
    assert words in result.reason, result.reason
    assert content(world.ann) == before


def test_each_adviser_receives_their_own_schools_only(world: World) -> None:
    ann, ben = _me(world.ann), _me(world.ben)
    out = world.folder / "out"
    out.mkdir()
    with world.lead.session() as s:
        summary = sync_export.export_bundle(s, out, full=True)
    by_name = {bundle.recipients[0]: bundle for bundle in summary.bundles}
    assert set(by_name) == {ann.name, ben.name}
    with world.ann.session() as s:
        keys = identity.identity_keystore(s)
        from sia_console.bundles import container

        opened = container.open_file(
            by_name[ann.name].path, [keys.get(material.ENCRYPTION_KEY_NAME)]
        )
    schools = opened.payload["records"]["school"]
    assert schools and all(row["adviser_id"] == ann.id for row in schools)
    assert ben.id not in {row["id"] for row in opened.payload["records"].get("adviser", [])}
    assert opened.manifest["recipients"] == [ann.id]
    # Ben cannot even read Ann's bundle: it is encrypted to Ann (and the core lead) only
    [result] = importing.import_files(world.ben.session, [by_name[ann.name].path])
    assert result.status == "rejected" and "not encrypted to this identity" in result.reason
    [result] = importing.import_files(world.ann.session, [by_name[ann.name].path])
    assert result.status == "imported", result.reason


def test_a_core_lead_writes_nothing_twice_to_an_adviser(world: World) -> None:
    out = world.folder / "out"
    out.mkdir()
    with world.lead.session() as s:
        first = sync_export.export_bundle(s, out / "first.siabundle", to=_me(world.ann).name)
        again = sync_export.pending_changes(s, peer=_me(world.ann))
    assert first.records > 0 and again == {}


def test_a_core_lead_may_not_send_a_visit(world: World) -> None:
    with world.ann.session() as s:
        visit = s.exec(select(Visit)).first()
        assert visit is not None
        row = plain(visit, purpose="Changed by the core lead")
    _refused_at_ann(world, {"visit": [row]}, "a visit, which only an adviser may change")


def test_a_core_lead_may_not_change_an_advisers_identity(world: World) -> None:
    ann = _me(world.ann)
    row = plain(ann, name="Someone Else")
    _refused_at_ann(world, {"adviser": [row]}, "identities change only through identity cards")


def test_a_core_lead_sends_no_path_of_its_own_computer(world: World) -> None:
    with world.lead.session() as s:
        school = s.exec(select(School)).first()
        assert school is not None
        hlc, origin = school.hlc, school.origin
    setting = Setting(key="export_folder", value='"/home/lead/out"', hlc=hlc, origin=origin)
    _refused_at_ann(world, {"setting": [plain(setting)]}, "a place on another computer")


def test_a_core_leads_setting_must_be_one_the_settings_command_accepts(world: World) -> None:
    with world.lead.session() as s:
        school = s.exec(select(School)).first()
        assert school is not None
        hlc, origin = school.hlc, school.origin
    for value in ("500", '"sixty"', "[[1, 2, 3]]", '"' + "x" * 70 + '"'):
        setting = Setting(key="floor_target", value=value, hlc=hlc, origin=origin)
        _refused_at_ann(world, {"setting": [plain(setting)]}, "not accepted here")


def test_a_colleague_named_by_the_lead_never_blocks_trusting_the_real_card(
    world: World, tmp_path: Path
) -> None:
    """A person a core lead's bundle names is a reference, never a trusted identity: the
    real card, trusted later, is what says who they are."""
    future = open_database(tmp_path / "future.sqlite")
    with future.session() as s:
        identity.create_identity(s, keystore_for(future), name="New Core Lead", role=Role.CORE_LEAD)
        identity.export_card(s, tmp_path / "future.card")
        real = identity.require_identity(s)
        real_id, real_key = real.id, real.signing_key
    future.dispose()
    school = a_school(world.ann)
    with world.lead.session() as s:
        here = s.exec(select(School).where(School.code == school.code)).one()
        hlc, origin = here.hlc, here.origin
    impostor = Adviser(
        id=real_id, name="New Core Lead", role=Role.CORE_LEAD, signing_key="AAAA", hlc=hlc
    )
    impostor.origin = origin
    path = forge(world.lead, tmp_path / "names.siabundle", {"adviser": [plain(impostor)]})
    [result] = importing.import_files(world.ann.session, [path])
    assert result.status == "imported", result.reason
    with world.ann.session() as s:
        trusted = identity.trust_card(s, tmp_path / "future.card")
    assert (trusted.id, trusted.signing_key) == (real_id, real_key)
