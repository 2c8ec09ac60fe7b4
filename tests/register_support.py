"""A core lead's register of schools, holding the schools its advisers work with.

The register is the core lead's (``docs/domain.md``, "Who may change what"): an adviser's
bundle brings visits and notes about schools the core lead already has, never new
schools. Tests whose advisers come from ``sia-console demo`` give their core lead the
same schools under the same ids, as if the core lead had taken each adviser's list of
schools into the register: the details as the adviser wrote them, the assignment (the
school's category, the adviser as its link adviser) as the core lead's own write.
"""

from __future__ import annotations

import time

from sqlmodel import select

from sia_console.bundles.records import columns
from sia_console.domain.models import School
from sia_console.services.identity import require_identity
from sia_console.storage.database import Database
from sia_console.storage.stamping import PRESERVE_KEY


def give_register(lead: Database, advisers: list[Database]) -> None:
    """The core lead takes every link school of ``advisers`` into its register."""
    schools: dict[str, School] = {}
    for database in advisers:
        with database.session() as s:
            me = require_identity(s)
            for school in s.exec(select(School).where(School.deleted == False)):  # noqa: E712
                values = {name: getattr(school, name) for name in columns(School)}
                values["adviser_id"] = me.id
                values["details_hlc"] = school.details_hlc or school.hlc
                schools.setdefault(school.code, School(**values))
    with lead.session() as s:
        s.info[PRESERVE_KEY] = True
        for school in schools.values():
            written = str(lead.clock.tick(time.time_ns() // 1_000_000))
            school.assigned_hlc = school.hlc = written
            school.assigned_by_lead = True
            school.origin = lead.clock.node
            s.add(school)
