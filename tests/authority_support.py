"""A core lead's database built the real way: demo SIAs export bundles, the lead imports them.

Building it takes a few seconds, so it is built once per test run into a private folder
and each test works on its own copy of the file.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

import keyring
from sqlmodel import Session, col, select

from sia_console.demo.year import fill_demo
from sia_console.domain.enums import Role
from sia_console.domain.models import BundleLog, CategoryChange, School
from sia_console.keys.store import keystore_for
from sia_console.services import identity
from sia_console.services.schools.register import import_schools
from sia_console.services.sync import export as sync_export
from sia_console.services.sync import importing
from sia_console.storage.database import open_database
from tests.memory_keyring import MemoryKeyring
from tests.register_support import give_register

TODAY = date(2026, 11, 23)
SEEDS = (1, 2, 3)


@cache
def _built(seeds: tuple[int, ...]) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="sia-core-lead-"))
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        lead = open_database(folder / "lead.sqlite")
        with lead.session() as s:
            identity.create_identity(
                s, keystore_for(lead), name="Core Lead", role=Role.CORE_LEAD, authority="GwE"
            )
            identity.export_card(s, folder / "lead.card")
        paths = []
        for seed in seeds:
            sia = open_database(folder / f"sia{seed}.sqlite")
            with sia.session() as s:
                fill_demo(s, keystore_for(sia), seed=seed, today=TODAY)
                identity.export_card(s, folder / f"sia{seed}.card")
                identity.trust_card(s, folder / "lead.card")
            with sia.session() as s:
                paths.append(sync_export.export_bundle(s, folder / f"sia{seed}.siabundle").path)
            with lead.session() as s:
                identity.trust_card(s, folder / f"sia{seed}.card")
            give_register(lead, [sia])
            sia.dispose()
        results = importing.import_files(lead.session, paths)
        assert all(r.status == "imported" for r in results), [r.reason for r in results]
        with lead.session() as s:  # fixed import times, so that pictures of them never change
            for index, log in enumerate(
                s.exec(select(BundleLog).order_by(col(BundleLog.file_name)))
            ):
                log.at = datetime(2026, 11, 20 - index, 16, 30, tzinfo=UTC)
                s.add(log)
        lead.dispose()
    finally:
        keyring.set_keyring(previous)
    return folder / "lead.sqlite"


def core_lead_database(target: Path, seeds: tuple[int, ...] = SEEDS) -> Path:
    """A copy at ``target`` of a core lead's database holding the bundles of ``seeds``."""
    shutil.copyfile(_built(seeds), target)
    return target


CHANGED_ON = (date(2026, 10, 5), date(2026, 6, 30))
"""When :func:`change_categories` dates its two changes: this academic year, and the last."""


def change_categories(session: Session, folder: Path) -> list[School]:
    """Move the first two schools by code to another category, as a core lead does.

    The changes are recorded by the schools import; their days are then fixed (this
    academic year for the first, the last one for the second) so pictures never change.
    """
    schools = list(session.exec(select(School).order_by(col(School.code)).limit(2)))
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(("code", "name", "local_authority", "category"))
    for school in schools:
        new = "red" if school.category != "red" else "green"
        writer.writerow((school.code, school.name, school.local_authority, new))
    path = folder / "recategorised.csv"
    path.write_text(text.getvalue(), encoding="utf-8")
    import_schools(session, path)
    for school, day in zip(schools, CHANGED_ON, strict=True):
        change = session.exec(
            select(CategoryChange).where(CategoryChange.school_id == school.id)
        ).one()
        change.changed_on = day
        session.add(change)
    session.flush()
    return schools
