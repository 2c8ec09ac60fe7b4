"""An authority to attack: a core lead and two advisers, each with a year of work.

Built once per test run (the demo year of two advisers, their bundles imported by the
core lead, whose register holds their schools) into a private folder; each test works
on its own copies of the three databases, with the identities' keys in its own keyring.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import keyring
from sqlmodel import select

from sia_console.demo.year import fill_demo
from sia_console.domain.enums import NoteStatus, Role
from sia_console.domain.models import NoteOfVisit, School, Visit
from sia_console.keys.store import keystore_for
from sia_console.services import identity
from sia_console.services.sync import export as sync_export
from sia_console.services.sync import importing
from sia_console.storage.database import Database, open_database
from tests.memory_keyring import MemoryKeyring
from tests.register_support import give_register

TODAY = date(2026, 11, 23)
NAMES = ("lead", "ann", "ben")
"""The core lead and the two advisers (demo seeds 3 and 5)."""


@dataclass(frozen=True)
class Built:
    folder: Path
    secrets: dict[tuple[str, str], str]


@cache
def built() -> Built:
    folder = Path(tempfile.mkdtemp(prefix="sia-hostile-"))
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        lead = open_database(folder / "lead.sqlite")
        with lead.session() as s:
            identity.create_identity(
                s, keystore_for(lead), name="Core Lead", role=Role.CORE_LEAD, authority="GwE"
            )
            identity.export_card(s, folder / "lead.card")
        bundles = []
        for name, seed in (("ann", 3), ("ben", 5)):
            adviser = open_database(folder / f"{name}.sqlite")
            with adviser.session() as s:
                fill_demo(s, keystore_for(adviser), seed=seed, today=TODAY)
                identity.export_card(s, folder / f"{name}.card")
                identity.trust_card(s, folder / "lead.card")
            with lead.session() as s:
                identity.trust_card(s, folder / f"{name}.card")
            give_register(lead, [adviser])
            with adviser.session() as s:
                path = sync_export.export_bundle(s, folder / f"{name}.siabundle").path
            bundles.append(path)
            adviser.dispose()
        results = importing.import_files(lead.session, bundles)
        assert all(r.status == "imported" for r in results), [r.reason for r in results]
        lead.dispose()
    finally:
        keyring.set_keyring(previous)
    return Built(folder, dict(backend.secrets))


def copy_database(source: Path, target: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        part = source.with_name(source.name + suffix)
        if part.exists():
            shutil.copyfile(part, target.with_name(target.name + suffix))
    return target


@dataclass
class World:
    """This test's copies: the core lead and the advisers Ann and Ben."""

    lead: Database
    ann: Database
    ben: Database
    folder: Path

    def dispose(self) -> None:
        for database in (self.lead, self.ann, self.ben):
            database.dispose()


def content(database: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, to compare a database before and after."""
    assert database.path is not None
    with sqlite3.connect(database.path) as connection:
        tables = [
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        return {
            t: sorted(connection.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)
            for t in tables
            if not t.startswith("note_search")  # the index follows the tables
        }


def a_note(database: Database, status: NoteStatus) -> NoteOfVisit:
    """A note of visit of the database's adviser, in ``status``."""
    with database.session() as s:
        me = identity.require_identity(s)
        note = s.exec(
            select(NoteOfVisit)
            .join(Visit, Visit.id == NoteOfVisit.visit_id)  # type: ignore[arg-type]
            .where(NoteOfVisit.status == status, Visit.adviser_id == me.id)
            .order_by(NoteOfVisit.id)
        ).first()
        assert note is not None
        s.expunge(note)
        return note


def a_school(database: Database) -> School:
    """The first link school (by code) of the database's adviser."""
    with database.session() as s:
        me = identity.require_identity(s)
        school = s.exec(
            select(School).where(School.adviser_id == me.id).order_by(School.code)
        ).first()
        assert school is not None
        s.expunge(school)
        return school
