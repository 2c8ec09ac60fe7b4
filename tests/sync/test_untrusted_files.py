"""Files that need no key at all to make: everything read before the signature is bounded.

A manifest nested 200,000 deep, a number of 5,000 digits, an envelope with a member too
many, a sender's name full of escape codes: each is one sentence of rejection, names no
raw control character, and never stops a folder import of the files after it.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pyrage
import pytest
from pyrage import x25519

from sia_console.bundles import container
from sia_console.cli.main import app
from sia_console.services.identity import require_identity
from sia_console.services.sync import export as sync_export
from sia_console.services.sync import importing
from sia_console.storage.database import open_database
from tests.memory_keyring import MemoryKeyring
from tests.sync.forge import manifest_for
from tests.sync.world import World, built, content, copy_database


@pytest.fixture
def world(tmp_path: Path, memory_keyring: MemoryKeyring) -> Iterator[World]:
    made = built()
    memory_keyring.secrets.update(made.secrets)
    databases = {
        name: open_database(
            copy_database(made.folder / f"{name}.sqlite", tmp_path / f"{name}.sqlite")
        )
        for name in ("lead", "ann", "ben")
    }
    world = World(databases["lead"], databases["ann"], databases["ben"], tmp_path)
    yield world
    world.dispose()


def _sealed(world: World, envelope: str | bytes, name: str) -> Path:
    """A file encrypted to the core lead holding ``envelope``: no signing key needed."""
    with world.lead.session() as s:
        recipient = require_identity(s).encryption_key
    plain = envelope.encode("utf-8") if isinstance(envelope, str) else envelope
    data = container.HEADER + pyrage.encrypt(
        gzip.compress(plain), [x25519.Recipient.from_str(recipient)]
    )
    path = world.folder / name
    path.write_bytes(data)
    return path


def _envelope(manifest_text: str, payload_text: str = '{"records": {}}', **more: str) -> str:
    return json.dumps(
        {"manifest": manifest_text, "payload": payload_text, "signature": "AAAA", **more}
    )


def _manifest_text(world: World, **changes: object) -> str:
    manifest = manifest_for(world.ann, {})
    manifest["format_version"] = container.FORMAT_VERSION
    manifest["payload_sha256"] = container.payload_digest('{"records": {}}')
    manifest.update(changes)
    return json.dumps(manifest)


def _cases(world: World) -> dict[str, str | bytes]:
    deep = "[" * 200_000 + "]" * 200_000
    return {
        "a manifest nested 200,000 deep": _envelope('{"sender": ' + deep + "}"),
        "an envelope nested 200,000 deep": '{"manifest": ' + deep + "}",
        "a manifest with a 5,000-digit number": _envelope(
            _manifest_text(world).replace('"drafts": 0', '"drafts": ' + "9" * 5000)
        ),
        "an envelope with a 5,000-digit number": '{"manifest": ' + "7" * 5000 + "}",
        "an envelope member too many": _envelope(_manifest_text(world), extra="x"),
        "a manifest key too many": _envelope(_manifest_text(world, extra=1)),
        "a manifest too large": _envelope(_manifest_text(world, drafts=0) + " " * 70_000),
        "NaN in a manifest": _envelope(
            _manifest_text(world).replace('"drafts": 0', '"drafts": NaN')
        ),
        "a manifest that is a list": _envelope("[]"),
        "an envelope that is not UTF-8": b'{"manifest": "\xff\xfe"}',
    }


def test_every_untrusted_file_is_one_sentence_and_changes_nothing(world: World) -> None:
    before = content(world.lead)
    for case, text in _cases(world).items():
        path = _sealed(world, text, "bad.siabundle")
        [result] = importing.import_files(world.lead.session, [path])
        assert result.status == "rejected", case
        assert result.reason.startswith("bad.siabundle: "), (case, result.reason)
        assert "Error" not in result.reason and "Unexpected" not in result.reason, case
    assert content(world.lead) == before


def test_an_untrusted_senders_name_never_reaches_the_terminal_raw(world: World) -> None:
    from sia_console.keys import material

    stranger = material.generate()
    manifest = manifest_for(world.ann, {})
    manifest["sender"] = {
        **manifest["sender"],
        "id": "0b1d2c3e-4f50-4a6b-8c7d-9e0f1a2b3c4d",
        "name": "Evil\x1b]0;pwned\x07\x1b[2J\u202eeman",
    }
    with world.lead.session() as s:
        recipient = require_identity(s).encryption_key
    data = container.seal(
        manifest,
        {"records": {}},
        signing_private=stranger.signing_private,
        recipients=[recipient],
    )
    path = world.folder / "stranger.siabundle"
    path.write_bytes(data)
    [result] = importing.import_files(world.lead.session, [path])
    assert result.status == "rejected"
    assert "not a trusted identity" in result.reason
    assert not any(char in result.reason for char in "\x1b\x07\u202e")
    assert "Evil" in result.reason


def test_a_folder_import_goes_on_past_a_poisoned_file(world: World, tmp_path: Path) -> None:
    """Forty files, one poisoned: the other thirty-nine come in and all forty are reported."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    with world.ann.session() as s:
        good_first = sync_export.export_bundle(s, inbox / "a-first.siabundle", full=True).path
    deep = _envelope('{"sender": ' + "[" * 200_000 + "]" * 200_000 + "}")
    _sealed(world, deep, "inbox/b-poisoned.siabundle")
    (inbox / "c-not-a-bundle.siabundle").write_bytes(b"PK\x03\x04")
    with world.ben.session() as s:
        sync_export.export_bundle(s, inbox / "d-last.siabundle", full=True)
    from typer.testing import CliRunner

    result = CliRunner().invoke(
        app, ["--db", str(world.lead.path), "bundle", "import", str(inbox), "--json"]
    )
    assert result.exit_code == 1
    rows = json.loads(result.stdout)
    assert [(Path(r["file"]).name, r["status"]) for r in rows] == [
        (good_first.name, "imported"),
        ("b-poisoned.siabundle", "rejected"),
        ("c-not-a-bundle.siabundle", "rejected"),
        ("d-last.siabundle", "imported"),
    ]
    assert all(r["reason"] for r in rows[1:3])
