"""The demo adviser's core lead: a second demo database beside the first, so that Sync works.

A bundle is encrypted to a trusted core lead, so an adviser with nobody to trust can
export nothing. The demo therefore makes its adviser a core lead too, exactly as two
people would: the core lead's own database (an identity of its own, its keys in the key
store by the usual rules), an identity card from each, each card trusted by the other,
and the adviser's link schools in the core lead's register (a core lead imports an
adviser's bundle only about schools it already has). The files sit beside the demo
database::

    demo.sqlite              the adviser's year
    demo-core-lead.sqlite    the core lead's database
    demo-adviser.card        the adviser's identity card
    demo-core-lead.card      the core lead's identity card

Like the rest of the demo, names here are fiction and data, not interface text.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import select

from sia_console.bundles.records import columns
from sia_console.demo.names import CONSORTIUM_EMAIL_DOMAIN
from sia_console.domain.enums import Role
from sia_console.domain.models import Installation, School
from sia_console.keys.store import keystore_for
from sia_console.services.identity import create_identity, export_card, require_identity, trust_card
from sia_console.storage.database import Database
from sia_console.storage.stamping import PRESERVE_KEY

LEAD_NAMES = ("Eirlys Prydderch", "Huw Tudur Jones", "Catrin Wyn Owen", "Dafydd Llwyd Rees")
"""The fictional core leads, one chosen by the demo's seed."""


@dataclass(frozen=True)
class DemoFiles:
    """Where the demo's core lead and the two identity cards live, beside the demo."""

    adviser: Path
    lead: Path
    adviser_card: Path
    lead_card: Path

    @classmethod
    def beside(cls, adviser: Path) -> DemoFiles:
        """The files that go with the demo database ``adviser``."""
        stem, suffix = adviser.stem, adviser.suffix or ".sqlite"
        return cls(
            adviser=adviser,
            lead=adviser.with_name(f"{stem}-core-lead{suffix}"),
            adviser_card=adviser.with_name(f"{stem}-adviser.card"),
            lead_card=adviser.with_name(f"{stem}-core-lead.card"),
        )


def make_demo_lead(adviser: Database, lead: Database, files: DemoFiles, *, seed: int) -> str:
    """Make ``lead`` (an empty database) the demo adviser's core lead; its name.

    Both identities write their card beside the demo and trust the other's; the core
    lead's register takes the adviser's link schools.
    """
    with adviser.session() as session:
        me = require_identity(session)
        authority = me.authority
        export_card(session, files.adviser_card)
    name = LEAD_NAMES[seed % len(LEAD_NAMES)]
    with lead.session() as session:
        installation = session.get(Installation, 1) or Installation()
        installation.is_demo = True
        session.add(installation)
        session.flush()
        create_identity(
            session,
            keystore_for(lead, demo=True),
            name=name,
            role=Role.CORE_LEAD,
            email=f"{'.'.join(name.lower().split())}@{CONSORTIUM_EMAIL_DOMAIN}",
            authority=authority,
        )
        export_card(session, files.lead_card)
        trust_card(session, files.adviser_card)
    with adviser.session() as session:
        trust_card(session, files.lead_card)
    _give_register(adviser, lead)
    return name


def _give_register(adviser: Database, lead: Database) -> None:
    """The core lead takes the adviser's link schools into its register, as its own
    write: the details as the adviser wrote them, the link adviser and category set by
    the core lead (who may change them; the adviser's bundles then carry only details)."""
    with adviser.session() as session:
        me = require_identity(session)
        rows = [
            {name: getattr(school, name) for name in columns(School)}
            for school in session.exec(select(School).where(School.deleted == False))  # noqa: E712
        ]
    with lead.session() as session:
        session.info[PRESERVE_KEY] = True
        for values in rows:
            school = School(**values)
            school.adviser_id = me.id
            school.details_hlc = school.details_hlc or school.hlc
            written = str(lead.clock.tick(time.time_ns() // 1_000_000))
            school.assigned_hlc = school.hlc = written
            school.assigned_by_lead = True
            school.origin = lead.clock.node
            session.add(school)
