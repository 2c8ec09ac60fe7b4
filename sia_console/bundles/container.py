"""The ``.siabundle`` container, format version 1 (see ``docs/bundle-format.md``).

A bundle is a short plaintext header line followed by an age file. Inside the age
encryption is a gzip-compressed JSON envelope holding the manifest and the payload as
JSON *text*, and an Ed25519 signature over ``manifest text + "\\n" + payload text``. The
manifest carries the SHA-256 of the payload text. Signing exact bytes rather than a
re-serialisation means there is no canonical-JSON step to get wrong.

This module knows nothing of the database: it seals and opens envelopes. Every way a
file can be wrong (truncated, altered, not for us, from the future, too large) becomes a
:class:`BundleError` with one sentence.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sia_console.i18n import _
from sia_console.keys import material

MAGIC = b"SIA-CONSOLE-BUNDLE"
FORMAT_VERSION = 1
HEADER = MAGIC + b" v%d\n" % FORMAT_VERSION
MAX_FILE_BYTES = 256 * 1024 * 1024
"""The largest bundle read: years of notes for a whole team fit easily."""
MAX_PLAIN_BYTES = 1024 * 1024 * 1024
"""The most a bundle may decompress to (a guard against compression bombs)."""
EXTENSION = ".siabundle"


class BundleError(Exception):
    """A bundle cannot be read or trusted; ``str()`` says why in one sentence."""


@dataclass(frozen=True)
class OpenedBundle:
    """A decrypted bundle whose envelope is intact; the signature is not yet checked."""

    manifest: dict[str, Any]
    payload: dict[str, Any]
    manifest_text: str
    payload_text: str
    signature: str

    def signed_bytes(self) -> bytes:
        """The exact bytes the sender signed."""
        return signed_bytes(self.manifest_text, self.payload_text)

    def verify(self, signing_public: str) -> bool:
        """True when the signature is by ``signing_public`` over this manifest and payload."""
        return material.verify(signing_public, self.signature, self.signed_bytes())


def signed_bytes(manifest_text: str, payload_text: str) -> bytes:
    """What is signed: the manifest text, a newline, the payload text, as UTF-8."""
    return (manifest_text + "\n" + payload_text).encode("utf-8")


def payload_digest(payload_text: str) -> str:
    """SHA-256 of the payload text, hex."""
    return hashlib.sha256(payload_text.encode("utf-8")).hexdigest()


def seal(
    manifest: dict[str, Any],
    payload: dict[str, Any],
    *,
    signing_private: str,
    recipients: list[str],
) -> bytes:
    """The bytes of a bundle: signed by the sender, encrypted to every recipient."""
    import pyrage
    from pyrage import x25519

    if not recipients:
        raise BundleError(_("A bundle needs at least one recipient."))
    payload_text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    manifest = {
        **manifest,
        "format_version": FORMAT_VERSION,
        "payload_sha256": payload_digest(payload_text),
    }
    manifest_text = json.dumps(manifest, ensure_ascii=False, sort_keys=True)
    envelope = {
        "manifest": manifest_text,
        "payload": payload_text,
        "signature": material.sign(signing_private, signed_bytes(manifest_text, payload_text)),
    }
    plain = gzip.compress(json.dumps(envelope, ensure_ascii=False).encode("utf-8"), mtime=0)
    keys = [x25519.Recipient.from_str(text) for text in sorted(set(recipients))]
    return HEADER + pyrage.encrypt(plain, keys)


def _read_capped(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError as exc:
        raise BundleError(_("There is no file {path}.").format(path=path)) from exc
    except IsADirectoryError as exc:
        raise BundleError(_("{path} is a folder, not a bundle.").format(path=path)) from exc
    except OSError as exc:
        raise BundleError(
            _("Cannot read {path}: {reason}.").format(path=path, reason=exc.strerror)
        ) from exc
    if len(data) > MAX_FILE_BYTES:
        raise BundleError(_("{path} is too large to be a bundle.").format(path=path))
    return data


def _gunzip_capped(data: bytes) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            plain = stream.read(MAX_PLAIN_BYTES + 1)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise BundleError(_("the contents are damaged")) from exc
    if len(plain) > MAX_PLAIN_BYTES:
        raise BundleError(_("the contents are too large"))
    return plain


def open_bytes(data: bytes, identities: list[str]) -> OpenedBundle:
    """Decrypt and unpack a bundle with any of ``identities`` (age secret keys)."""
    import pyrage
    from pyrage import x25519

    first_line, _sep, body = data.partition(b"\n")
    if not first_line.startswith(MAGIC):
        raise BundleError(_("this is not a sia-console bundle"))
    version_text = first_line[len(MAGIC) :].strip().removeprefix(b"v")
    if not version_text.isdigit():
        raise BundleError(_("this is not a sia-console bundle"))
    if int(version_text) > FORMAT_VERSION:
        raise BundleError(
            _(
                "it was made by a newer sia-console (bundle format {version}); update to import it"
            ).format(version=int(version_text))
        )
    if int(version_text) != FORMAT_VERSION:
        raise BundleError(
            _("its bundle format {version} is not supported").format(version=int(version_text))
        )
    keys = [x25519.Identity.from_str(text) for text in identities]
    try:
        compressed = pyrage.decrypt(body, keys)
    except pyrage.DecryptError as exc:
        if "no matching keys" in str(exc).lower():
            raise BundleError(_("it is not encrypted to this identity")) from exc
        raise BundleError(_("it is damaged or was altered (decryption failed)")) from exc
    try:
        envelope = json.loads(_gunzip_capped(compressed).decode("utf-8"))
        manifest_text = envelope["manifest"]
        payload_text = envelope["payload"]
        signature = envelope["signature"]
        if not all(isinstance(v, str) for v in (manifest_text, payload_text, signature)):
            raise TypeError
        manifest = json.loads(manifest_text)
        payload = json.loads(payload_text)
        if not isinstance(manifest, dict) or not isinstance(payload, dict):
            raise TypeError
    except BundleError:
        raise
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise BundleError(_("its contents are not a valid bundle")) from exc
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BundleError(_("its manifest has an unsupported format version"))
    if manifest.get("payload_sha256") != payload_digest(payload_text):
        raise BundleError(_("its payload does not match the manifest"))
    return OpenedBundle(manifest, payload, manifest_text, payload_text, signature)


def open_file(path: Path, identities: list[str]) -> OpenedBundle:
    """Read, decrypt and unpack the bundle at ``path`` (errors name the file)."""
    data = _read_capped(path)
    try:
        return open_bytes(data, identities)
    except BundleError as exc:
        raise BundleError(_("{path}: {reason}.").format(path=path.name, reason=exc)) from exc
