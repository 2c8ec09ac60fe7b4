"""The bundle container: sealed by one key, opened only by its recipients, unaltered."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sia_console.bundles import container
from sia_console.bundles.container import BundleError
from sia_console.keys import material

SENDER = material.generate()
LEAD = material.generate()
STRANGER = material.generate()
SENDER_ID = "6f1c2e8d-4b71-4d43-9a37-5b0c3a523f0e"
BUNDLE_ID = "0b1d2c3e-4f50-4a6b-8c7d-9e0f1a2b3c4d"


def _manifest(bundle_id: str = BUNDLE_ID) -> dict[str, object]:
    """A manifest as sia-console writes one (the container checks its shape)."""
    return {
        "bundle_id": bundle_id,
        "sender": {
            "id": SENDER_ID,
            "name": "Siân Llŷr",
            "role": "sia",
            "fingerprint": "f" * 16,
            "installation_id": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
        },
        "recipients": [SENDER_ID],
        "created_at": "2026-11-23T10:00:00+00:00",
        "range": {"since": "", "until": "", "full": True},
        "counts": {"note_section": 1},
        "drafts": 0,
    }


MANIFEST = _manifest()
PAYLOAD: dict[str, object] = {
    "records": {"note_section": [{"text": "Ysgol y Graig: darllen — ŵ ŷ â [bold]"}]}
}


def _seal(payload: dict[str, object] = PAYLOAD) -> bytes:
    return container.seal(
        MANIFEST,
        payload,
        signing_private=SENDER.signing_private,
        recipients=[LEAD.encryption_public, SENDER.encryption_public],
    )


def test_round_trip_and_signature() -> None:
    opened = container.open_bytes(_seal(), [LEAD.encryption_private])
    assert opened.payload == PAYLOAD
    assert opened.manifest["bundle_id"] == BUNDLE_ID
    assert opened.manifest["format_version"] == container.FORMAT_VERSION
    assert opened.verify(SENDER.signing_public)
    assert not opened.verify(STRANGER.signing_public)


def test_no_plaintext_or_private_key_in_the_file() -> None:
    data = _seal()
    assert b"Ysgol" not in data and b"darllen" not in data
    for secret in (SENDER.signing_private, SENDER.encryption_private, LEAD.encryption_private):
        assert secret.encode() not in data


def test_not_encrypted_to_us() -> None:
    with pytest.raises(BundleError, match="not encrypted to this identity"):
        container.open_bytes(_seal(), [STRANGER.encryption_private])


def test_future_format_version() -> None:
    data = _seal().replace(b"BUNDLE v1", b"BUNDLE v9", 1)
    with pytest.raises(BundleError, match="newer sia-console"):
        container.open_bytes(data, [LEAD.encryption_private])


@pytest.mark.parametrize("cut", [0, 10, 30, 200, -1, -20])
def test_truncated(cut: int) -> None:
    data = _seal()
    with pytest.raises(BundleError):
        container.open_bytes(data[:cut], [LEAD.encryption_private])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(position=st.integers(min_value=0), flip=st.integers(min_value=1, max_value=255))
def test_any_flipped_byte_is_refused(position: int, flip: int) -> None:
    data = bytearray(SEALED)
    index = position % len(data)
    data[index] ^= flip
    try:
        opened = container.open_bytes(bytes(data), [LEAD.encryption_private])
    except BundleError:
        return
    # A flip in the plaintext header's spacing might still parse; the content must not change.
    assert opened.payload == PAYLOAD and opened.verify(SENDER.signing_public)


SEALED = _seal()


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2048))
def test_arbitrary_bytes_never_crash_the_reader(data: bytes) -> None:
    with pytest.raises(BundleError):
        container.open_bytes(data, [LEAD.encryption_private])


def test_signed_by_a_but_claiming_b() -> None:
    forged = container.seal(
        _manifest("0b1d2c3e-4f50-4a6b-8c7d-9e0f1a2b3c4e"),
        PAYLOAD,
        signing_private=STRANGER.signing_private,
        recipients=[LEAD.encryption_public],
    )
    opened = container.open_bytes(forged, [LEAD.encryption_private])
    assert not opened.verify(SENDER.signing_public)


def test_compression_bomb_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    import pyrage
    from pyrage import x25519

    monkeypatch.setattr(container, "MAX_PLAIN_BYTES", 1024 * 1024)
    bomb = gzip.compress(b"0" * (2 * 1024 * 1024))
    data = container.HEADER + pyrage.encrypt(
        bomb, [x25519.Recipient.from_str(LEAD.encryption_public)]
    )
    with pytest.raises(BundleError, match="too large"):
        container.open_bytes(data, [LEAD.encryption_private])


def test_payload_swapped_under_a_valid_manifest_is_refused() -> None:
    import pyrage
    from pyrage import x25519

    opened = container.open_bytes(_seal(), [LEAD.encryption_private])
    envelope = {
        "manifest": opened.manifest_text,
        "payload": json.dumps({"records": {}}),
        "signature": opened.signature,
    }
    plain = gzip.compress(json.dumps(envelope).encode())
    data = container.HEADER + pyrage.encrypt(
        plain, [x25519.Recipient.from_str(LEAD.encryption_public)]
    )
    with pytest.raises(BundleError, match="does not match the manifest"):
        container.open_bytes(data, [LEAD.encryption_private])


def test_open_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "from-ffion.siabundle"
    path.write_bytes(b"PK\x03\x04 a zip, not a bundle")
    with pytest.raises(BundleError, match=r"from-ffion\.siabundle"):
        container.open_file(path, [LEAD.encryption_private])
