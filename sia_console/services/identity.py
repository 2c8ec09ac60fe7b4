"""This database's identity, its keys, identity cards and the peers it trusts.

An identity card is the public half of an identity, self-signed so that a card whose
name or keys were altered on the way is refused. Trust is local: a core lead trusts the
cards of its SIAs, and an SIA trusts its core lead's card (bundles are encrypted to it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from sia_console.domain.enums import Role
from sia_console.domain.models import Adviser, Installation, LocalIdentity, Trust
from sia_console.domain.text import shown_name, shown_path
from sia_console.domain.validation import check_email, clean_text
from sia_console.i18n import _
from sia_console.keys import material
from sia_console.keys.errors import KeyStoreError
from sia_console.keys.store import KeyStore, open_keystore
from sia_console.services.errors import InvalidInput, NoIdentity, NotFound, ServiceError
from sia_console.storage.atomic import atomic_write_bytes

CARD_FORMAT = "sia-console-identity"
CARD_VERSION = 1
MAX_CARD_BYTES = 64 * 1024
_CARD_FIELDS = ("id", "name", "email", "role", "authority", "signing_key", "encryption_key")


@dataclass(frozen=True)
class IdentityView:
    """The public side of an identity, as ``identity show`` prints it."""

    id: str
    name: str
    role: str
    email: str | None
    authority: str | None
    signing_key: str
    encryption_key: str
    fingerprint: str
    key_store: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return dict(self.__dict__)


def current_identity(session: Session) -> Adviser | None:
    """The adviser this database belongs to, or ``None`` before ``init``."""
    local = session.get(LocalIdentity, 1)
    return session.get(Adviser, local.adviser_id) if local else None


def lead_here(session: Session) -> bool:
    """Whether this database is a core lead's."""
    me = current_identity(session)
    return me is not None and me.role == Role.CORE_LEAD


def adviser_here(session: Session) -> str | None:
    """The id of this database's adviser, whose caseload and diary the day's screens
    watch; ``None`` for a core lead or before ``init`` (every school, every visit)."""
    me = current_identity(session)
    return me.id if me is not None and me.role == Role.SIA else None


def require_identity(session: Session) -> Adviser:
    """The adviser this database belongs to; :class:`NoIdentity` before ``init``."""
    adviser = current_identity(session)
    if adviser is None:
        raise NoIdentity(
            _("This database has no identity yet; run: sia-console init --name NAME --role sia")
        )
    return adviser


def installation_id(session: Session) -> str:
    """The id that namespaces this database's keys."""
    installation = session.get(Installation, 1)
    if installation is None:  # open_database always creates it
        raise ServiceError(_("This database was not opened by sia-console."))
    return installation.installation_id


def identity_keystore(session: Session, *, passphrase: str | None = None) -> KeyStore:
    """The key store holding this identity's private keys."""
    local = session.get(LocalIdentity, 1)
    if local is None:
        require_identity(session)
        raise AssertionError  # unreachable: require_identity raised
    installation = session.get(Installation, 1)
    demo = bool(installation and installation.is_demo)
    return open_keystore(
        installation_id(session), kind=local.key_store, demo=demo, passphrase=passphrase
    )


def unlock_keys(session: Session, passphrase: str) -> None:
    """Check that ``passphrase`` opens this identity's key file (the terminal UI asks for
    it); :class:`~sia_console.keys.errors.WrongPassphrase` if it does not. Keys in the
    OS keyring need no passphrase: nothing to check."""
    identity_keystore(session, passphrase=passphrase).get(material.SIGNING_KEY_NAME)


def create_identity(
    session: Session,
    keystore: KeyStore,
    *,
    name: str,
    role: Role,
    email: str | None = None,
    authority: str | None = None,
    force: bool = False,
) -> Adviser:
    """Create this database's identity and key pairs; private halves go to ``keystore``."""
    problems: list[str] = []
    name = clean_text(name, _("name"), 200, problems) or ""
    if not name:
        problems.append(_("name: a name is required"))
    email = check_email(email, problems)
    authority = clean_text(authority, _("authority"), 200, problems)
    if problems:
        raise InvalidInput(_("The identity was not created."), problems)
    existing = current_identity(session)
    if existing is not None and not force:
        raise ServiceError(
            _(
                "This database already has an identity ({name}); use --force to replace its "
                "keys (peers will have to trust the new card)."
            ).format(name=existing.name)
        )
    keys = material.generate()
    keystore.put_many(
        {
            material.SIGNING_KEY_NAME: keys.signing_private,
            material.ENCRYPTION_KEY_NAME: keys.encryption_private,
        }
    )
    adviser = existing or Adviser(name=name)
    adviser.name = name
    adviser.email = email
    adviser.role = role
    adviser.authority = authority
    adviser.signing_key = keys.signing_public
    adviser.encryption_key = keys.encryption_public
    adviser.fingerprint = keys.fingerprint
    session.add(adviser)
    session.flush()
    local = session.get(LocalIdentity, 1) or LocalIdentity(adviser_id=adviser.id, key_store="")
    local.adviser_id = adviser.id
    local.key_store = keystore.kind
    session.add(local)
    session.flush()
    return adviser


def view(adviser: Adviser, key_store: str | None = None) -> IdentityView:
    """The public view of an adviser's identity."""
    return IdentityView(
        id=adviser.id,
        name=adviser.name,
        role=str(adviser.role),
        email=adviser.email,
        authority=adviser.authority,
        signing_key=adviser.signing_key,
        encryption_key=adviser.encryption_key,
        fingerprint=adviser.fingerprint,
        key_store=key_store,
    )


def show_identity(session: Session) -> IdentityView:
    """This database's identity, public halves only."""
    adviser = require_identity(session)
    local = session.get(LocalIdentity, 1)
    return view(adviser, local.key_store if local else None)


def _canonical(card: dict[str, Any]) -> bytes:
    body = {key: card.get(key) for key in ("format", "version", *_CARD_FIELDS)}
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def make_card(session: Session, keystore: KeyStore | None = None) -> dict[str, Any]:
    """This identity's card, self-signed with its signing key."""
    adviser = require_identity(session)
    store = keystore or identity_keystore(session)
    card: dict[str, Any] = {
        "format": CARD_FORMAT,
        "version": CARD_VERSION,
        "id": adviser.id,
        "name": adviser.name,
        "email": adviser.email,
        "role": str(adviser.role),
        "authority": adviser.authority,
        "signing_key": adviser.signing_key,
        "encryption_key": adviser.encryption_key,
    }
    card["fingerprint"] = adviser.fingerprint
    card["signature"] = material.sign(store.get(material.SIGNING_KEY_NAME), _canonical(card))
    return card


def export_card(session: Session, out: Path, keystore: KeyStore | None = None) -> Path:
    """Write this identity's public card to ``out`` atomically."""
    card = make_card(session, keystore)
    data = (json.dumps(card, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    atomic_write_bytes(out, data, mode=0o644)
    return out


def read_card(path: Path) -> dict[str, Any]:
    """Read and check an identity card; :class:`InvalidInput` says what is wrong."""
    where = shown_path(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CARD_BYTES + 1)
    except FileNotFoundError as exc:
        raise NotFound(_("There is no file {path}.").format(path=where)) from exc
    except OSError as exc:
        raise InvalidInput(
            _("Cannot read {path}: {reason}.").format(path=where, reason=exc.strerror)
        ) from exc
    if len(data) > MAX_CARD_BYTES:
        raise InvalidInput(_("{path} is too large to be an identity card.").format(path=where))
    try:
        card = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInput(_("{path} is not an identity card.").format(path=where)) from exc
    if not isinstance(card, dict) or card.get("format") != CARD_FORMAT:
        raise InvalidInput(_("{path} is not an identity card.").format(path=where))
    if card.get("version") != CARD_VERSION:
        raise InvalidInput(
            _("{path} is an identity card of an unsupported version ({version}).").format(
                path=where, version=shown_name(str(card.get("version")))
            )
        )
    for key in ("id", "name", "role", "signing_key", "encryption_key", "signature"):
        if not isinstance(card.get(key), str) or not card[key]:
            raise InvalidInput(
                _("{path}: field {field} is missing or not text.").format(path=where, field=key)
            )
    for key in ("email", "authority"):
        if card.get(key) is not None and not isinstance(card[key], str):
            raise InvalidInput(
                _("{path}: field {field} is not text.").format(path=where, field=key)
            )
    if card["role"] not in {role.value for role in Role}:
        raise InvalidInput(
            _("{path}: unknown role {role}.").format(path=where, role=shown_name(card["role"]))
        )
    problems: list[str] = []
    clean_text(card["name"], _("name"), 200, problems)
    clean_text(card.get("authority"), _("authority"), 200, problems)
    check_email(card.get("email"), problems)
    if len(card["id"]) != 36 or problems:
        raise InvalidInput(
            _("{path}: the card's fields are malformed ({problems}).").format(
                path=where, problems="; ".join(problems) or _("id")
            )
        )
    try:
        material.check_signing_public(card["signing_key"])
        material.check_encryption_public(card["encryption_key"])
    except KeyStoreError as exc:
        raise InvalidInput(f"{where}: {exc}") from exc
    if not material.verify(card["signing_key"], card["signature"], _canonical(card)):
        raise InvalidInput(
            _("{path}: the card's signature does not match; it was altered or damaged.").format(
                path=where
            )
        )
    return card


def trust_card(session: Session, path: Path) -> Adviser:
    """Trust the peer whose card is at ``path``; the same card twice changes nothing."""
    me = require_identity(session)
    card = read_card(path)
    if card["id"] == me.id:
        raise InvalidInput(
            _("{path} is this database's own identity card.").format(path=shown_path(path))
        )
    peer_role = Role(card["role"])
    if me.role == Role.SIA and peer_role != Role.CORE_LEAD:
        raise InvalidInput(
            _("An adviser trusts only a core lead's card; {name} is an adviser.").format(
                name=card["name"]
            )
        )
    if me.role == Role.CORE_LEAD and peer_role != Role.SIA:
        raise InvalidInput(
            _("A core lead trusts the cards of advisers; {name} is a core lead.").format(
                name=card["name"]
            )
        )
    peer = session.get(Adviser, card["id"])
    # A person known only from a core lead's bundle (a colleague a school names) was
    # never trusted: the card, checked by hand, is what says who they are. Only a peer
    # already trusted with other keys is refused.
    trusted = peer is not None and session.get(Trust, peer.id) is not None
    if trusted and peer is not None and peer.signing_key != card["signing_key"]:
        raise InvalidInput(
            _(
                "{name} is already known with different keys; check the card with them "
                "(fingerprint {fingerprint})."
            ).format(name=peer.name, fingerprint=peer.fingerprint)
        )
    values = {
        "name": card["name"],
        "email": card.get("email"),
        "role": peer_role,
        "authority": card.get("authority"),
        "signing_key": card["signing_key"],
        "encryption_key": card["encryption_key"],
        "fingerprint": material.fingerprint(card["signing_key"], card["encryption_key"]),
    }
    if peer is None:
        peer = Adviser(id=card["id"], **values)
        session.add(peer)
    else:
        for key, value in values.items():
            if getattr(peer, key) != value:
                setattr(peer, key, value)
        if peer.deleted:
            peer.deleted = False
        session.add(peer)
    session.flush()
    if session.get(Trust, peer.id) is None:
        session.add(Trust(adviser_id=peer.id))
        session.flush()
    return peer


def trusted_peers(session: Session) -> list[tuple[Adviser, datetime]]:
    """Every trusted peer with the time it was trusted."""
    rows = session.exec(select(Adviser, Trust).where(Adviser.id == Trust.adviser_id))
    return [(adviser, trust.trusted_at) for adviser, trust in rows]
