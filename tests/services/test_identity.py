"""Identity: creation, refusal to overwrite, cards, and trust."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import Session

from sia_console.domain.enums import Role
from sia_console.domain.models import Adviser, Trust
from sia_console.keys import material
from sia_console.keys.store import KeyringStore, open_keystore
from sia_console.services import identity
from sia_console.services.errors import InvalidInput, NoIdentity, ServiceError
from sia_console.storage.database import Database, open_database
from tests.memory_keyring import MemoryKeyring


def _init(session: Session, name: str, role: Role, namespace: str) -> Adviser:
    return identity.create_identity(
        session, KeyringStore(namespace), name=name, role=role, authority="Gwynedd"
    )


def test_create_identity_keeps_private_halves_out_of_the_database(
    session: Session, memory_keyring: MemoryKeyring
) -> None:
    adviser = _init(session, "Siân Llŷr", Role.SIA, "ns")
    shown = identity.show_identity(session)
    assert shown.name == "Siân Llŷr" and shown.role == "sia"
    assert shown.fingerprint == material.fingerprint(adviser.signing_key, adviser.encryption_key)
    private = memory_keyring.secrets[("sia-console/ns", material.SIGNING_KEY_NAME)]
    assert private not in json.dumps(shown.as_dict())
    assert private != adviser.signing_key


def test_no_identity_is_a_clear_error(session: Session) -> None:
    with pytest.raises(NoIdentity, match="sia-console init"):
        identity.require_identity(session)


def test_init_twice_refuses_without_force(session: Session, memory_keyring: MemoryKeyring) -> None:
    first = _init(session, "A", Role.SIA, "ns")
    public_before = first.signing_key
    keys_before = dict(memory_keyring.secrets)
    with pytest.raises(ServiceError, match="--force"):
        _init(session, "B", Role.SIA, "ns")
    assert memory_keyring.secrets == keys_before
    replaced = identity.create_identity(
        session, KeyringStore("ns"), name="B", role=Role.SIA, force=True
    )
    assert replaced.id == first.id and replaced.signing_key != public_before
    assert memory_keyring.secrets != keys_before


def test_bad_identity_values_are_listed(session: Session) -> None:
    with pytest.raises(InvalidInput) as caught:
        identity.create_identity(
            session, KeyringStore("ns"), name="  ", role=Role.SIA, email="not-an-email"
        )
    assert any("email" in p for p in caught.value.problems)
    assert any("name" in p for p in caught.value.problems)
    assert identity.current_identity(session) is None


@pytest.fixture
def two_databases(tmp_path: Path) -> tuple[Database, Database]:
    return open_database(tmp_path / "sia.sqlite"), open_database(tmp_path / "lead.sqlite")


def test_card_round_trip_and_trust(
    tmp_path: Path, two_databases: tuple[Database, Database]
) -> None:
    sia_db, lead_db = two_databases
    with sia_db.session() as s:
        identity.create_identity(
            s, open_keystore(sia_db.installation_id), name="Ffion Ŵyn", role=Role.SIA
        )
        identity.export_card(s, tmp_path / "sia.card")
    with lead_db.session() as s:
        identity.create_identity(
            s, open_keystore(lead_db.installation_id), name="Core Lead", role=Role.CORE_LEAD
        )
        identity.export_card(s, tmp_path / "lead.card")
        peer = identity.trust_card(s, tmp_path / "sia.card")
        assert peer.name == "Ffion Ŵyn"
        again = identity.trust_card(s, tmp_path / "sia.card")
        assert again.hlc == peer.hlc  # trusting the same card twice changes nothing
        assert s.get(Trust, peer.id) is not None
    with sia_db.session() as s:
        lead = identity.trust_card(s, tmp_path / "lead.card")
        assert lead.role == Role.CORE_LEAD
    card_text = (tmp_path / "sia.card").read_text(encoding="utf-8")
    assert "AGE-SECRET-KEY" not in card_text


def test_tampered_card_is_refused(tmp_path: Path, two_databases: tuple[Database, Database]) -> None:
    sia_db, lead_db = two_databases
    with sia_db.session() as s:
        identity.create_identity(s, open_keystore(sia_db.installation_id), name="A", role=Role.SIA)
        identity.export_card(s, tmp_path / "sia.card")
    card = json.loads((tmp_path / "sia.card").read_text(encoding="utf-8"))
    card["name"] = "Mallory"
    (tmp_path / "bad.card").write_text(json.dumps(card), encoding="utf-8")
    with lead_db.session() as s:
        identity.create_identity(
            s, open_keystore(lead_db.installation_id), name="L", role=Role.CORE_LEAD
        )
        with pytest.raises(InvalidInput, match="signature does not match"):
            identity.trust_card(s, tmp_path / "bad.card")
        assert identity.trusted_peers(s) == []


@pytest.mark.parametrize(
    "content",
    [b"", b"\xff\xfe not utf8", b"[]", b'{"format": "something-else"}', b"{" * 70000],
)
def test_malformed_cards_are_refused(tmp_path: Path, session: Session, content: bytes) -> None:
    _init(session, "L", Role.CORE_LEAD, "ns")
    path = tmp_path / "x.card"
    path.write_bytes(content)
    with pytest.raises(InvalidInput):
        identity.trust_card(session, path)


def test_roles_decide_whom_to_trust(
    tmp_path: Path, two_databases: tuple[Database, Database]
) -> None:
    first, second = two_databases
    for db, name in ((first, "One"), (second, "Two")):
        with db.session() as s:
            identity.create_identity(s, open_keystore(db.installation_id), name=name, role=Role.SIA)
            identity.export_card(s, tmp_path / f"{name}.card")
    with first.session() as s, pytest.raises(InvalidInput, match="only a core lead"):
        identity.trust_card(s, tmp_path / "Two.card")
    with first.session() as s, pytest.raises(InvalidInput, match="own identity card"):
        identity.trust_card(s, tmp_path / "One.card")
