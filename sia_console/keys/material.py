"""Key pairs: Ed25519 for signing (``cryptography``), age X25519 for encryption (``pyrage``).

No home-made cryptographic construction: signatures are plain Ed25519, encryption is
the age format. Private halves are returned as short text (each well under the 2,560
bytes a Windows credential holds) for the key store; public halves go in the database.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass

from sia_console.i18n import _
from sia_console.keys.errors import KeyStoreError

SIGNING_KEY_NAME = "signing-key"
ENCRYPTION_KEY_NAME = "encryption-key"


@dataclass(frozen=True)
class KeyMaterial:
    """A freshly generated identity's keys; the private fields must go to a key store."""

    signing_private: str
    signing_public: str
    encryption_private: str
    encryption_public: str

    @property
    def fingerprint(self) -> str:
        """The identity's fingerprint (see :func:`fingerprint`)."""
        return fingerprint(self.signing_public, self.encryption_public)


def generate() -> KeyMaterial:
    """Generate a signing key pair and an encryption key pair."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from pyrage import x25519

    signer = Ed25519PrivateKey.generate()
    raw_private = signer.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    raw_public = signer.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    age_identity = x25519.Identity.generate()
    return KeyMaterial(
        signing_private=base64.b64encode(raw_private).decode("ascii"),
        signing_public=base64.b64encode(raw_public).decode("ascii"),
        encryption_private=str(age_identity),
        encryption_public=str(age_identity.to_public()),
    )


def fingerprint(signing_public: str, encryption_public: str) -> str:
    """SHA-256 over both public keys, first 160 bits, in groups of four hex digits."""
    digest = hashlib.sha256(f"{signing_public}\n{encryption_public}".encode()).hexdigest()
    head = digest[:40].upper()
    return " ".join(head[i : i + 4] for i in range(0, len(head), 4))


def _raw_key(text: str, what: str) -> bytes:
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError) as exc:
        raise KeyStoreError(_("The {what} is not valid base64.").format(what=what)) from exc
    if len(raw) != 32:
        raise KeyStoreError(_("The {what} has the wrong length.").format(what=what))
    return raw


def check_signing_public(text: str) -> None:
    """Raise :class:`KeyStoreError` unless ``text`` is an Ed25519 public key."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(_raw_key(text, _("signing key")))
    except ValueError as exc:
        raise KeyStoreError(_("The signing key is not an Ed25519 public key.")) from exc


def check_encryption_public(text: str) -> None:
    """Raise :class:`KeyStoreError` unless ``text`` is an age X25519 recipient."""
    from pyrage import x25519

    try:
        x25519.Recipient.from_str(text)
    except Exception as exc:  # pyrage raises its own error types
        raise KeyStoreError(_("The encryption key is not an age public key.")) from exc


def sign(signing_private: str, data: bytes) -> str:
    """An Ed25519 signature of ``data``, base64."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.from_private_bytes(_raw_key(signing_private, _("private key")))
    return base64.b64encode(key.sign(data)).decode("ascii")


def verify(signing_public: str, signature: str, data: bytes) -> bool:
    """True when ``signature`` is a valid Ed25519 signature of ``data`` by the key."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = Ed25519PublicKey.from_public_bytes(_raw_key(signing_public, _("signing key")))
        key.verify(base64.b64decode(signature.encode("ascii"), validate=True), data)
    except (InvalidSignature, KeyStoreError, ValueError, binascii.Error, UnicodeEncodeError):
        return False
    return True
