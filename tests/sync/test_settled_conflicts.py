"""A conflict is settled once: a version written after the other was seen is not a
conflict, and a core lead's settlement closes the adviser's matching conflict."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import keyring
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import col, select

from sia_console.bundles.records import RecordError, from_plain, to_plain
from sia_console.domain.enums import Role
from sia_console.domain.models import Conflict, School
from sia_console.keys.store import keystore_for
from sia_console.services import identity
from sia_console.services.sync import conflicts as sync_conflicts
from sia_console.services.sync import export as sync_export
from sia_console.services.sync import importing
from sia_console.services.sync.conflicts import Keep
from sia_console.services.sync.merge import losing_details_clock
from sia_console.storage.database import Database, open_database
from tests.memory_keyring import MemoryKeyring
from tests.register_support import give_register
from tests.sync.world import copy_database

CODE = "6612001"


@dataclass(frozen=True)
class Built:
    folder: Path
    secrets: dict[tuple[str, str], str]


@cache
def built() -> Built:
    """An adviser with one link school and a core lead whose register holds it, each
    having imported the other's first bundle: the state before anyone edits."""
    folder = Path(tempfile.mkdtemp(prefix="sia-settle-"))
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        sia, lead = open_database(folder / "sia.sqlite"), open_database(folder / "lead.sqlite")
        with sia.session() as s:
            identity.create_identity(s, keystore_for(sia), name="Ann Adviser", role=Role.SIA)
            s.add(
                School(
                    code=CODE,
                    name="Ysgol y Graig",
                    local_authority="Conwy",
                    headteacher="Mrs Jones",
                )
            )
            identity.export_card(s, folder / "sia.card")
        with lead.session() as s:
            identity.create_identity(s, keystore_for(lead), name="Core Lead", role=Role.CORE_LEAD)
            identity.export_card(s, folder / "lead.card")
            identity.trust_card(s, folder / "sia.card")
        with sia.session() as s:
            identity.trust_card(s, folder / "lead.card")
        give_register(lead, [sia])
        world = Exchange(sia, lead, folder)
        world.send(sia, lead)
        world.send(lead, sia)
        sia.dispose()
        lead.dispose()
    finally:
        keyring.set_keyring(previous)
    return Built(folder, dict(backend.secrets))


@dataclass
class Exchange:
    sia: Database
    lead: Database
    folder: Path
    made: int = 0

    def send(self, sender: Database, receiver: Database) -> importing.ImportResult:
        self.made += 1
        with sender.session() as s:
            path = sync_export.export_bundle(
                s, self.folder / f"b{self.made}.siabundle", full=True
            ).path
        [result] = importing.import_files(receiver.session, [path])
        assert result.status == "imported", result.reason
        return result

    def head(self, database: Database) -> str | None:
        with database.session() as s:
            return s.exec(select(School).where(School.code == CODE)).one().headteacher

    def write_head(self, database: Database, name: str) -> None:
        with database.session() as s:
            school = s.exec(select(School).where(School.code == CODE)).one()
            school.headteacher = name
            s.add(school)

    def open_conflicts(self, database: Database) -> list[sync_conflicts.ConflictRow]:
        with database.session() as s:
            return sync_conflicts.list_conflicts(s)

    def settle(self, database: Database, keep: Keep) -> None:
        with database.session() as s:
            for row in sync_conflicts.list_conflicts(s):
                sync_conflicts.resolve_conflict(s, row.id, keep)

    def dispose(self) -> None:
        self.sia.dispose()
        self.lead.dispose()


def fresh(folder: Path, backend: MemoryKeyring) -> Exchange:
    """This test's copies of the two databases (their keys in ``backend``)."""
    made = built()
    backend.secrets.update(made.secrets)
    folder.mkdir(parents=True, exist_ok=True)
    sia = open_database(copy_database(made.folder / "sia.sqlite", folder / "sia.sqlite"))
    lead = open_database(copy_database(made.folder / "lead.sqlite", folder / "lead.sqlite"))
    return Exchange(sia, lead, folder)


@pytest.fixture
def world(tmp_path: Path, memory_keyring: MemoryKeyring) -> Iterator[Exchange]:
    made = fresh(tmp_path, memory_keyring)
    yield made
    made.dispose()


def both_edit(world: Exchange) -> None:
    """The adviser and the core lead each change the head, neither having seen the
    other's change, and each then receives the other's version (the core lead's bundle
    crosses the adviser's)."""
    world.write_head(world.lead, "Mr Core Lead's Version")
    world.write_head(world.sia, "Mrs Gwenllian Ŵyn")  # later: it wins everywhere
    assert world.send(world.lead, world.sia).conflicts == 1
    assert world.send(world.sia, world.lead).conflicts == 1


def test_a_change_made_after_the_other_was_received_is_not_a_conflict(world: Exchange) -> None:
    world.write_head(world.sia, "Mrs Owen")
    assert world.send(world.sia, world.lead).conflicts == 0
    world.write_head(world.lead, "Mr Hughes")  # the core lead has seen Mrs Owen
    assert world.send(world.lead, world.sia).conflicts == 0
    world.write_head(world.sia, "Ms Price")  # and the adviser has seen Mr Hughes
    assert world.send(world.sia, world.lead).conflicts == 0
    assert world.head(world.lead) == world.head(world.sia) == "Ms Price"
    assert world.open_conflicts(world.lead) == world.open_conflicts(world.sia) == []


def test_changes_made_side_by_side_are_a_conflict_on_both_sides(world: Exchange) -> None:
    both_edit(world)
    assert len(world.open_conflicts(world.lead)) == len(world.open_conflicts(world.sia)) == 1
    assert world.head(world.lead) == world.head(world.sia) == "Mrs Gwenllian Ŵyn"


@pytest.mark.parametrize(
    ("keep", "head"), [("current", "Mrs Gwenllian Ŵyn"), ("other", "Mr Core Lead's Version")]
)
def test_the_core_leads_choice_closes_the_advisers_conflict(
    world: Exchange, keep: Keep, head: str
) -> None:
    both_edit(world)
    world.settle(world.lead, keep)
    result = world.send(world.lead, world.sia)
    assert result.settled == 1 and result.conflicts == 0
    assert result.as_dict()["settled"] == 1
    assert world.open_conflicts(world.sia) == []
    with world.sia.session() as s:
        [closed] = sync_conflicts.list_conflicts(s, include_resolved=True)
    assert closed.settled_by == "Core Lead" and closed.resolved_at is not None
    assert world.head(world.sia) == world.head(world.lead) == head
    # and nothing comes back to the core lead
    assert world.send(world.sia, world.lead).conflicts == 0
    assert world.open_conflicts(world.lead) == []


def test_the_advisers_choice_closes_the_core_leads_conflict(world: Exchange) -> None:
    both_edit(world)
    world.settle(world.sia, "current")
    result = world.send(world.sia, world.lead)
    assert result.settled == 1 and result.conflicts == 0
    assert world.open_conflicts(world.lead) == []


def test_the_comparison_names_fields_in_words_and_who_wrote_each_version(
    world: Exchange,
) -> None:
    both_edit(world)
    with world.lead.session() as s:
        [row] = sync_conflicts.list_conflicts(s)
        detail = sync_conflicts.conflict_detail(s, row.id)
    [field] = detail.differing
    assert field.label == "Headteacher"
    assert (field.other, field.current) == ("Mr Core Lead's Version", "Mrs Gwenllian Ŵyn")
    assert detail.other is not None and detail.other.here and detail.other.name == "you"
    assert detail.current is not None and detail.current.name == "Ann Adviser"
    assert detail.current.at is not None and "2026" in detail.current.words()
    language = next(f for f in detail.fields if f.name == "language")
    assert language.current == language.other == "English-medium"
    assert not {f.name for f in detail.fields} & {"details_known", "details_settled"}


def _school_plain(world: Exchange) -> dict[str, object]:
    with world.sia.session() as s:
        return to_plain(s.exec(select(School).where(School.code == CODE)).one())


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("details_known", "not json"),
        ("details_known", json.dumps({"other-node": "1796611010592.00000.some-node"})),
        ("details_known", json.dumps({f"n{i}": f"1796611010592.00000.n{i}" for i in range(40)})),
        ("details_known", json.dumps(["1796611010592.00000.node"])),
        ("details_settled", json.dumps(["9" * 80])),
        ("details_settled", json.dumps([f"1796611010592.{i:05d}.node" for i in range(17)])),
        ("details_settled", json.dumps({"a": 1})),
        ("details_settled", "[" * 5000),
    ],
)
def test_a_lineage_that_sia_console_never_writes_is_refused(
    world: Exchange, field: str, value: str
) -> None:
    plain = {**_school_plain(world), field: value}
    with pytest.raises(RecordError, match=field):
        from_plain("school", plain)


def test_a_bundle_from_before_lineage_reads_as_knowing_nothing(world: Exchange) -> None:
    plain = _school_plain(world)
    del plain["details_known"], plain["details_settled"]
    record = from_plain("school", plain)
    assert isinstance(record, School)
    assert (record.details_known, record.details_settled) == ("", "")


STEPS = st.lists(
    st.sampled_from(["to lead", "to adviser", "lead settles", "adviser edits"]), max_size=6
)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(steps=STEPS, keep=st.sampled_from(["current", "other"]))
def test_a_settled_conflict_never_reappears_in_any_exchange_order(
    tmp_path_factory: pytest.TempPathFactory,
    memory_keyring: MemoryKeyring,
    steps: list[str],
    keep: Keep,
) -> None:
    world = fresh(tmp_path_factory.mktemp("order"), memory_keyring)
    try:
        world.write_head(world.lead, "Mr Core Lead's Version")
        world.write_head(world.sia, "Mrs Gwenllian Ŵyn")
        edits = 0
        for step in steps:
            if step == "to lead":
                world.send(world.sia, world.lead)
            elif step == "to adviser":
                world.send(world.lead, world.sia)
            elif step == "lead settles":
                world.settle(world.lead, keep)
            else:
                edits += 1
                world.write_head(world.sia, f"Ms Edit {edits}")
        # then the core lead settles whatever it has, and the two exchange until quiet
        world.send(world.sia, world.lead)
        world.settle(world.lead, keep)
        for _ in range(2):
            world.send(world.lead, world.sia)
            world.send(world.sia, world.lead)
        assert world.open_conflicts(world.lead) == []
        assert world.head(world.sia) == world.head(world.lead)
        # the adviser never chooses again between versions the core lead chose between;
        # all that may wait for them is their own edit, made while the core lead chose
        with world.lead.session() as s:
            school = s.exec(select(School).where(School.code == CODE)).one()
            settled = set(json.loads(school.details_settled or "[]"))
        with world.sia.session() as s:
            waiting = s.exec(select(Conflict).where(col(Conflict.resolved_at).is_(None))).all()
            own = identity.installation_id(s)
        for conflict in waiting:
            losing = losing_details_clock(conflict)
            assert losing not in settled
            assert losing.endswith(own) and edits > 0
    finally:
        world.dispose()
