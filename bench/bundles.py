"""Importing a sync bundle of 20,000 records, against raw ``sqlite3`` inserts of the same rows.

Builds (once, in a temporary folder) an adviser's database with twenty-odd years of the
demo adviser's work: the demo year (``demo.year.fill_demo``, seed 7) and copies of
its visits, notes of visit with their sections, actions, action reviews, risk judgements
and predictions, each copy a year further back with fresh ids, written through the ORM
so that every record carries its own clock version and origin, as real edits do. The
copies stop at exactly ``--records`` synced records (20,000 by default), in foreign-key
order, so no record lacks its parent. The adviser exports everything (``--full``) to a
core lead it trusts. Then, alternating for ``--rounds`` rounds, each on fresh copies of
the databases:

* **import**: ``services.importing.import_files`` into a fresh core lead's database (an
  identity that trusts the adviser, and its register of schools): read with caps,
  decrypt, verify the signature, validate every record, check who may change it, merge,
  log, commit;
* **raw**: the same rows (the bundle's records, already decrypted and in memory; its
  schools are in the register already) inserted with ``sqlite3`` ``executemany``, one
  statement per table, in one transaction, into a fresh copy of the same core lead's
  database, with the same pragmas (WAL, ``synchronous=FULL``, foreign keys on);
* **re-import**: a second full export of the same records (another bundle id, so it is
  merged record by record, not recognised as a bundle already imported) into the core
  lead's database of the first import, which must change nothing.

Prints the medians and the ratios **import / raw (target ≤ 3)** and **re-import / import
(target ≤ 0.5)**; the exit status is 1 when a target is missed.

Run: ``.venv/bin/python bench/bundles.py [--records N] [--rounds N]`` from the checkout
(about a minute). Record the results in ``RESULTS.md``.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import keyring
from keyring.backend import KeyringBackend
from sqlmodel import func, select

from sia_console.bundles import container
from sia_console.bundles.records import TABLES, columns
from sia_console.demo.year import fill_demo
from sia_console.domain.enums import Role
from sia_console.domain.models import SYNCED_TABLES, Adviser, School, Setting
from sia_console.domain.records import SyncedRecord, new_id
from sia_console.keys import material
from sia_console.keys.store import keystore_for
from sia_console.services import identity
from sia_console.services.sync import export as sync_export
from sia_console.services.sync import importing
from sia_console.storage.database import Database, open_database

TODAY = date(2026, 11, 23)
SEED = 7
IMPORT_TARGET = 3.0
REIMPORT_TARGET = 0.5
_STAMPS = frozenset({"id", "created_at", "updated_at", "hlc", "origin"})
_SHARED = (Setting, Adviser, School)
"""Kept as they are in every copy: one adviser, one set of link schools."""


class MemoryKeyring(KeyringBackend):
    """Keys of the benchmark's identities never reach the real OS keyring."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


def _count(database: Database) -> int:
    with database.session() as session:
        return sum(
            int(session.exec(select(func.count()).select_from(model)).one())
            for model in SYNCED_TABLES
        )


def _copy_of(record: SyncedRecord, years: int, ids: dict[str, str]) -> SyncedRecord:
    """``record`` ``years`` years earlier (whole weeks, so weekdays stay), with new ids."""
    shift = timedelta(weeks=52 * years)
    values: dict[str, Any] = {}
    for name in columns(type(record)):
        if name in _STAMPS:
            continue
        value = getattr(record, name)
        if isinstance(value, datetime | date):
            value = value - shift
        elif name == "programme_year" and value is not None:
            value = value - years
        elif name.endswith("_id") and value in ids:
            value = ids[value]
        values[name] = value
    values["id"] = ids[record.id] = new_id()
    return type(record)(**values)


def _add_years(database: Database, records: int) -> None:
    """Copies of the demo year, a year further back each, until ``records`` in all."""
    with database.session() as session:
        year = {
            model: list(session.exec(select(model)).all())
            for model in SYNCED_TABLES
            if model not in _SHARED
        }
    wanted = records - _count(database)
    years = 0
    while wanted > 0:
        years += 1
        ids: dict[str, str] = {}
        with database.session() as session:
            for rows in year.values():
                session.add_all([_copy_of(row, years, ids) for row in rows[:wanted]])
                session.flush()  # parents before children
                wanted -= min(wanted, len(rows))
                if not wanted:
                    break


@dataclass(frozen=True)
class Setup:
    folder: Path
    bundle: Path
    records: int
    lead: Path
    """A core lead trusting the adviser, with no data: copied for every import."""
    raw: Path
    """The core lead's database again: copied for every raw insert."""
    payload: dict[str, list[dict[str, Any]]]
    overlap: Path
    """A second full export of the same records, under a new bundle id."""


def build(folder: Path, records: int) -> Setup:
    started = time.perf_counter()
    sia = open_database(folder / "sia.sqlite")
    lead = open_database(folder / "lead.sqlite")
    with sia.session() as session:
        fill_demo(session, keystore_for(sia), seed=SEED, today=TODAY)
        identity.export_card(session, folder / "sia.card")
    with lead.session() as session:
        identity.create_identity(
            session, keystore_for(lead), name="Core Lead", role=Role.CORE_LEAD, authority="GwE"
        )
        identity.export_card(session, folder / "lead.card")
        identity.trust_card(session, folder / "sia.card")
        secret = identity.identity_keystore(session).get(material.ENCRYPTION_KEY_NAME)
    with sia.session() as session:
        identity.trust_card(session, folder / "lead.card")
    _give_register(sia, lead)
    _add_years(sia, records)
    with sia.session() as session:
        summary = sync_export.export_bundle(session, folder / "all.siabundle", full=True)
        overlap = sync_export.export_bundle(session, folder / "again.siabundle", full=True).path
    sia.dispose()
    lead.dispose()
    payload = container.open_file(summary.path, [secret]).payload["records"]
    print(
        f"built {summary.records:,} records ({summary.path.stat().st_size / 1e6:.1f} MB "
        f"bundle) in {time.perf_counter() - started:.1f} s"
    )
    return Setup(
        folder,
        summary.path,
        summary.records,
        folder / "lead.sqlite",
        folder / "lead.sqlite",
        payload,
        overlap,
    )


def _give_register(sia: Database, lead: Database) -> None:
    """The core lead's register holds the adviser's link schools, as the core lead's own
    write (the register is the core lead's: a bundle never adds a school to it)."""
    own = {"hlc", "origin", "created_at", "updated_at", "assigned_hlc", "details_hlc"}
    with sia.session() as session:
        schools = [
            School(
                **{
                    name: getattr(school, name)
                    for name in columns(School)
                    if name not in own | {"assigned_by_lead"}
                }
            )
            for school in session.exec(select(School))
        ]
    with lead.session() as session:
        session.add_all(schools)


def _fresh(template: Path, name: str) -> Path:
    target = template.with_name(name)
    for suffix in ("", "-wal", "-shm"):
        source = template.with_name(template.name + suffix)
        copy = target.with_name(target.name + suffix)
        copy.unlink(missing_ok=True)
        if source.exists():
            shutil.copyfile(source, copy)
    return target


def time_import(setup: Setup, round_: int) -> tuple[float, float]:
    """Seconds to import the bundle into a fresh core lead, and to import it again."""
    database = open_database(_fresh(setup.lead, f"lead-{round_}.sqlite"))
    try:
        before = _count(database)
        started = time.perf_counter()
        [first] = importing.import_files(database.session, [setup.bundle])
        imported = time.perf_counter() - started
        assert first.status == "imported", first.reason
        assert first.added + first.unchanged == setup.records, first
        started = time.perf_counter()
        [again] = importing.import_files(database.session, [setup.overlap])
        reimported = time.perf_counter() - started
        assert again.status == "imported", again.reason
        assert (again.added, again.updated, again.conflicts) == (0, 0, 0), again
        assert not again.duplicate, again
        assert _count(database) == before + first.added
    finally:
        database.dispose()
    return imported, reimported


def time_raw(setup: Setup, round_: int) -> float:
    """Seconds to insert the bundle's rows with ``executemany``, one transaction."""
    path = _fresh(setup.raw, f"raw-{round_}.sqlite")
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA foreign_keys = ON")
    try:
        before = sum(
            connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in TABLES
        )
        started = time.perf_counter()
        with connection:
            for table, model in TABLES.items():
                if table == "school":  # the register has them
                    continue
                names = columns(model)
                rows = [tuple(row[name] for name in names) for row in setup.payload.get(table, [])]
                if not rows:
                    continue
                quoted = ", ".join(f'"{name}"' for name in names)
                marks = ", ".join("?" * len(names))
                connection.executemany(f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})', rows)
        elapsed = time.perf_counter() - started
        inserted = sum(
            connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in TABLES
        )
        schools = len(setup.payload.get("school", []))
        assert inserted == before + setup.records - schools, inserted
    finally:
        connection.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    with tempfile.TemporaryDirectory(prefix="sia-bench-bundles-") as tmp:
        setup = build(Path(tmp), args.records)
        imports: list[float] = []
        reimports: list[float] = []
        raws: list[float] = []
        for round_ in range(args.rounds):
            if round_ % 2:
                raws.append(time_raw(setup, round_))
            imported, reimported = time_import(setup, round_)
            imports.append(imported)
            reimports.append(reimported)
            if not round_ % 2:
                raws.append(time_raw(setup, round_))
            print(
                f"round {round_ + 1}: import {imported:.2f} s, re-import {reimported:.2f} s, "
                f"raw {raws[-1]:.2f} s"
            )
    imported = statistics.median(imports)
    reimported = statistics.median(reimports)
    raw = statistics.median(raws)
    ratio, again = imported / raw, reimported / imported
    per = 1e6 / setup.records
    print()
    print(f"{setup.records:,} records, median of {args.rounds} rounds")
    print("| measure | time | per record | ratio | target |")
    print("|---|---:|---:|---:|---:|")
    print(f"| raw sqlite3 executemany | {raw:.2f} s | {raw * per:.1f} µs | | |")
    print(
        f"| import (fresh core lead) | {imported:.2f} s | {imported * per:.1f} µs "
        f"| **{ratio:.2f}** of raw | ≤ {IMPORT_TARGET} |"
    )
    print(
        f"| re-import (nothing changes) | {reimported:.2f} s | {reimported * per:.1f} µs "
        f"| **{again:.2f}** of import | ≤ {REIMPORT_TARGET} |"
    )
    missed = [
        name
        for name, value, target in (
            ("import / raw", ratio, IMPORT_TARGET),
            ("re-import / import", again, REIMPORT_TARGET),
        )
        if value > target
    ]
    if missed:
        print(f"missed: {', '.join(missed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
