"""The ``.siabundle`` container, format version 1 (see ``docs/bundle-format.md``).

A bundle is a short plaintext header line followed by an age file. Inside the age
encryption is a gzip-compressed JSON envelope holding the manifest and the payload as
JSON *text*, and an Ed25519 signature over ``manifest text + "\\n" + payload text``. The
manifest carries the SHA-256 of the payload text. Signing exact bytes rather than a
re-serialisation means there is no canonical-JSON step to get wrong.

This module knows nothing of the database: it seals and opens envelopes. Every way a
file can be wrong (truncated, altered, not for us, from the future, too large, nested a
hundred thousand deep) becomes a :class:`BundleError` with one sentence. What is read
before the signature is checked — the header, the envelope, the manifest — is read with
caps on its size, its nesting and the length of its numbers, and the manifest must have
exactly the shape this version writes. The payload is parsed only when asked for
(:attr:`OpenedBundle.payload`), after the caller has checked the signature, and with the
same caps.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import re
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from sia_console.domain.enums import Role
from sia_console.domain.hlc import ClockError, Version
from sia_console.domain.text import shown_name, shown_path
from sia_console.i18n import _
from sia_console.keys import material

MAGIC = b"SIA-CONSOLE-BUNDLE"
FORMAT_VERSION = 1
HEADER = MAGIC + b" v%d\n" % FORMAT_VERSION
MAX_HEADER_BYTES = 64
"""The plaintext header line: the magic, a version and a newline."""
MAX_FILE_BYTES = 256 * 1024 * 1024
"""The largest bundle read: years of notes for a whole team fit easily."""
MAX_PLAIN_BYTES = 1024 * 1024 * 1024
"""The most a bundle may decompress to (a guard against compression bombs)."""
MAX_MANIFEST_CHARS = 64 * 1024
"""The manifest names a sender, its recipients and counts: a few hundred characters."""
MAX_SIGNATURE_CHARS = 256
MAX_DEPTH = 8
"""The deepest nesting of JSON in a bundle: records are objects in lists in objects."""
MAX_NUMBER_CHARS = 32
"""The longest number in a bundle's JSON (a 13-digit time fits; 5,000 digits do not)."""
MAX_RECIPIENTS = 1000
EXTENSION = ".siabundle"

_ENVELOPE_KEYS = frozenset({"manifest", "payload", "signature"})
_MANIFEST_KEYS = frozenset(
    {
        "format_version",
        "bundle_id",
        "sender",
        "recipients",
        "created_at",
        "range",
        "counts",
        "drafts",
        "payload_sha256",
    }
)
_SENDER_KEYS = frozenset({"id", "name", "role", "fingerprint", "installation_id"})
_RANGE_KEYS = frozenset({"since", "until", "full"})
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_TABLE = re.compile(r"[a-z_]{1,64}")


class BundleError(Exception):
    """A bundle cannot be read or trusted; ``str()`` says why in one sentence."""


class _Limit(ValueError):
    """JSON that breaks a cap (a number too long, a constant JSON does not have)."""


def _number(text: str) -> str:
    if len(text) > MAX_NUMBER_CHARS:
        raise _Limit(text[:8])
    return text


def _int(text: str) -> int:
    return int(_number(text))


def _float(text: str) -> float:
    value = float(_number(text))
    if value in (float("inf"), float("-inf")):
        raise _Limit(text[:8])
    return value


def _constant(text: str) -> Any:
    raise _Limit(text)


def _depth_within(text: str, limit: int) -> bool:
    """Whether the JSON ``text`` nests no deeper than ``limit`` (strings skipped)."""
    depth = 0
    inside = escaped = False
    for char in text:
        if inside:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                inside = False
        elif char == '"':
            inside = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return False
        elif char in "]}":
            depth -= 1
    return True


def strict_json(text: str, what: str) -> Any:
    """JSON ``text`` read with caps: numbers at most 32 characters and finite, no NaN or
    Infinity; nesting too deep for the reader fails as a sentence, like any other fault
    (callers then check the depth they expect)."""
    try:
        return json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except (_Limit, ValueError, RecursionError, MemoryError) as exc:
        raise BundleError(_("its {part} is not valid").format(part=what)) from exc


@dataclass(frozen=True)
class OpenedBundle:
    """A decrypted bundle whose envelope and manifest are intact; the signature is not yet
    checked and the payload not yet read (see :attr:`payload`)."""

    manifest: dict[str, Any]
    manifest_text: str
    payload_text: str
    signature: str

    def signed_bytes(self) -> bytes:
        """The exact bytes the sender signed."""
        return signed_bytes(self.manifest_text, self.payload_text)

    def verify(self, signing_public: str) -> bool:
        """True when the signature is by ``signing_public`` over this manifest and payload."""
        return material.verify(signing_public, self.signature, self.signed_bytes())

    @property
    def bundle_id(self) -> str:
        """The bundle's own id (a UUID)."""
        return str(self.manifest["bundle_id"])

    @property
    def sender(self) -> dict[str, str]:
        """Who the manifest says signed it (checked against a trusted identity later)."""
        return dict(self.manifest["sender"])

    @property
    def created_at(self) -> datetime:
        """When the sender wrote it, by the sender's clock."""
        return datetime.fromisoformat(self.manifest["created_at"])

    @cached_property
    def payload(self) -> dict[str, Any]:
        """The payload ``{"records": {table: [record, ...]}}``, read with caps.

        Read it after checking the signature: until then it is anyone's text.
        """
        payload = strict_json(self.payload_text, _("payload"))
        if not _within(payload, MAX_DEPTH):
            raise BundleError(_("its payload is nested too deeply"))
        if not isinstance(payload, dict) or set(payload) != {"records"}:
            raise BundleError(_("its payload is not a list of records"))
        records = payload["records"]
        if not isinstance(records, dict) or not all(
            isinstance(rows, list) for rows in records.values()
        ):
            raise BundleError(_("its payload is not a list of records"))
        return payload


def _within(value: Any, limit: int) -> bool:
    """Whether parsed JSON nests no deeper than ``limit`` (without recursing)."""
    level: list[Any] = [value]
    for _depth in range(limit + 1):
        deeper: list[Any] = []
        for item in level:
            if isinstance(item, dict):
                deeper.extend(v for v in item.values() if isinstance(v, dict | list))
            elif isinstance(item, list):
                deeper.extend(v for v in item if isinstance(v, dict | list))
        if not deeper:
            return True
        level = deeper
    return False


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
    return HEADER + bytes(pyrage.encrypt(plain, keys))


def _read_capped(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError as exc:
        raise BundleError(_("There is no file {path}.").format(path=shown_path(path))) from exc
    except IsADirectoryError as exc:
        raise BundleError(
            _("{path} is a folder, not a bundle.").format(path=shown_path(path))
        ) from exc
    except OSError as exc:
        raise BundleError(
            _("Cannot read {path}: {reason}.").format(path=shown_path(path), reason=exc.strerror)
        ) from exc
    if len(data) > MAX_FILE_BYTES:
        raise BundleError(_("{path} is too large to be a bundle.").format(path=shown_path(path)))
    return data


def _gunzip_capped(data: bytes) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            plain = stream.read(MAX_PLAIN_BYTES + 1)
    except (OSError, EOFError, ValueError, gzip.BadGzipFile) as exc:
        raise BundleError(_("the contents are damaged")) from exc
    if len(plain) > MAX_PLAIN_BYTES:
        raise BundleError(_("the contents are too large"))
    return plain


def _check_version(data: bytes) -> bytes:
    """The age file after a header naming this format; a sentence for any other."""
    first_line, newline, _rest = data[: MAX_HEADER_BYTES + 1].partition(b"\n")
    if not newline or not first_line.startswith(MAGIC):
        raise BundleError(_("this is not a sia-console bundle"))
    version_text = first_line[len(MAGIC) :].strip().removeprefix(b"v")
    if not re.fullmatch(rb"[0-9]{1,6}", version_text):
        raise BundleError(_("this is not a sia-console bundle"))
    version = int(version_text)
    if version > FORMAT_VERSION:
        raise BundleError(
            _(
                "it was made by a newer sia-console (bundle format {version}); update to import it"
            ).format(version=version)
        )
    if version != FORMAT_VERSION:
        raise BundleError(_("its bundle format {version} is not supported").format(version=version))
    return data[len(first_line) + 1 :]


def _decrypt(body: bytes, identities: list[str]) -> bytes:
    import pyrage
    from pyrage import x25519

    keys = [x25519.Identity.from_str(text) for text in identities]
    try:
        return bytes(pyrage.decrypt(body, keys))
    except pyrage.DecryptError as exc:
        if "no matching keys" in str(exc).lower():
            raise BundleError(_("it is not encrypted to this identity")) from exc
        raise BundleError(_("it is damaged or was altered (decryption failed)")) from exc
    except Exception as exc:  # any other failure of the age reader is damage too
        raise BundleError(_("it is damaged or was altered (decryption failed)")) from exc


def _envelope(plain: bytes) -> tuple[str, str, str]:
    try:
        text = plain.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BundleError(_("its contents are not a valid bundle")) from exc
    envelope = strict_json(text, _("envelope"))
    if not isinstance(envelope, dict) or set(envelope) != _ENVELOPE_KEYS:
        raise BundleError(_("its contents are not a valid bundle"))
    manifest_text, payload_text, signature = (
        envelope["manifest"],
        envelope["payload"],
        envelope["signature"],
    )
    if not all(isinstance(v, str) for v in (manifest_text, payload_text, signature)):
        raise BundleError(_("its contents are not a valid bundle"))
    if len(manifest_text) > MAX_MANIFEST_CHARS or len(signature) > MAX_SIGNATURE_CHARS:
        raise BundleError(_("its manifest is too large"))
    return manifest_text, payload_text, signature


def _is_version(text: object) -> bool:
    if text == "":
        return True
    try:
        Version.parse(text)  # type: ignore[arg-type]
    except ClockError:
        return False
    return True


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10**9


def check_manifest(manifest: object) -> dict[str, Any]:
    """The manifest, if it has exactly the shape this version writes; else a sentence."""
    bad = BundleError(_("its manifest is not valid"))
    if not isinstance(manifest, dict) or set(manifest) != _MANIFEST_KEYS:
        raise bad
    if manifest["format_version"] != FORMAT_VERSION or isinstance(manifest["format_version"], bool):
        raise BundleError(_("its manifest has an unsupported format version"))
    sender = manifest["sender"]
    if (
        not isinstance(sender, dict)
        or set(sender) != _SENDER_KEYS
        or not all(isinstance(v, str) and len(v) <= 200 for v in sender.values())
        or not _UUID.fullmatch(sender["id"])
        or sender["role"] not in {role.value for role in Role}
    ):
        raise bad
    recipients = manifest["recipients"]
    if (
        not isinstance(recipients, list)
        or len(recipients) > MAX_RECIPIENTS
        or not all(isinstance(r, str) and _UUID.fullmatch(r) for r in recipients)
    ):
        raise bad
    span = manifest["range"]
    if (
        not isinstance(span, dict)
        or set(span) != _RANGE_KEYS
        or not isinstance(span["full"], bool)
        or not (_is_version(span["since"]) and _is_version(span["until"]))
    ):
        raise bad
    counts = manifest["counts"]
    if not isinstance(counts, dict) or not all(
        isinstance(k, str) and _TABLE.fullmatch(k) and _is_count(v) for k, v in counts.items()
    ):
        raise bad
    if not isinstance(manifest["bundle_id"], str) or not _UUID.fullmatch(manifest["bundle_id"]):
        raise bad
    if not _is_count(manifest["drafts"]):
        raise bad
    digest = manifest["payload_sha256"]
    if not isinstance(digest, str) or not _SHA256.fullmatch(digest):
        raise bad
    created = manifest["created_at"]
    try:
        moment = datetime.fromisoformat(created) if isinstance(created, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None or len(created) > 40:
        raise bad
    return manifest


def open_bytes(data: bytes, identities: list[str]) -> OpenedBundle:
    """Decrypt and unpack a bundle with any of ``identities`` (age secret keys)."""
    body = _check_version(data)
    plain = _gunzip_capped(_decrypt(body, identities))
    manifest_text, payload_text, signature = _envelope(plain)
    if not _depth_within(manifest_text, MAX_DEPTH):
        raise BundleError(_("its manifest is not valid"))
    manifest = check_manifest(strict_json(manifest_text, _("manifest")))
    if manifest["payload_sha256"] != payload_digest(payload_text):
        raise BundleError(_("its payload does not match the manifest"))
    return OpenedBundle(manifest, manifest_text, payload_text, signature)


def open_file(path: Path, identities: list[str]) -> OpenedBundle:
    """Read, decrypt and unpack the bundle at ``path`` (errors name the file)."""
    data = _read_capped(path)
    try:
        return open_bytes(data, identities)
    except BundleError as exc:
        raise BundleError(
            _("{path}: {reason}.").format(path=shown_name(path.name), reason=exc)
        ) from exc
