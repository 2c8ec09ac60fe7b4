"""``init`` and ``identity show|export|trust``: who this database belongs to, and whom it trusts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sia_console.cli.output import print_json, print_table, say, warn
from sia_console.cli.state import state
from sia_console.domain.enums import Role
from sia_console.domain.text import shown_name, shown_path
from sia_console.i18n import _
from sia_console.keys.store import KEYRING, keystore_for
from sia_console.services import identity as identity_service

identity_app = typer.Typer(
    help=_("Show, export and trust identity cards."), no_args_is_help=True, rich_markup_mode=None
)


def init(
    ctx: typer.Context,
    name: Annotated[str, typer.Option("--name", help=_("Your name as others will see it."))],
    role: Annotated[Role, typer.Option("--role", help=_("sia or core-lead."))],
    email: Annotated[str | None, typer.Option("--email", help=_("Your work email."))] = None,
    authority: Annotated[
        str | None, typer.Option("--authority", help=_("Your local authority."))
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help=_("Replace an existing identity's keys."))
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON."))] = False,
) -> None:
    """Create this database's identity: an id, a signing key pair and an encryption key pair."""
    cli = state(ctx)
    database = cli.database(create=True)
    with cli.session() as session:
        keystore = keystore_for(database)
        adviser = identity_service.create_identity(
            session,
            keystore,
            name=name,
            role=role,
            email=email,
            authority=authority,
            force=force,
        )
        shown = identity_service.view(adviser, keystore.kind)
    if as_json:
        print_json(shown.as_dict())
        return
    say(
        _("Identity created for {name} ({role}).").format(
            name=shown_name(shown.name), role=shown.role
        )
    )
    say(_("Fingerprint: {fingerprint}").format(fingerprint=shown.fingerprint))
    if keystore.kind == KEYRING:
        say(_("Private keys are in the OS keyring."))
    else:
        warn(
            _(
                "No secure OS keyring here: private keys are in a passphrase-protected file. "
                "Keep the passphrase safe; see docs/keys.md."
            )
        )


@identity_app.command("show", help=_("Show this database's identity (public halves only)."))
def show(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON."))] = False,
) -> None:
    """Show this database's identity (public halves only)."""
    with state(ctx).session() as session:
        shown = identity_service.show_identity(session)
        peers = identity_service.trusted_peers(session)
    if as_json:
        data = shown.as_dict()
        data["trusted"] = [
            {"id": p.id, "name": p.name, "role": str(p.role), "fingerprint": p.fingerprint}
            for p, _at in peers
        ]
        print_json(data)
        return
    print_table(
        [_("field"), _("value")],
        [
            (_("id"), shown.id),
            (_("name"), shown_name(shown.name)),
            (_("role"), shown.role),
            (_("email"), shown_name(shown.email or "")),
            (_("authority"), shown_name(shown.authority or "")),
            (_("signing key"), shown.signing_key),
            (_("encryption key"), shown.encryption_key),
            (_("fingerprint"), shown.fingerprint),
            (_("keys kept in"), shown.key_store or ""),
        ],
    )
    if peers:
        say("")
        say(_("Trusted:"))
        print_table(
            [_("name"), _("role"), _("fingerprint"), _("trusted at")],
            [(shown_name(p.name), str(p.role), p.fingerprint, at) for p, at in peers],
        )


@identity_app.command(
    "export", help=_("Write the public identity card (no secret in it) for a peer to trust.")
)
def export(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", help=_("Where to write the identity card."))],
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON."))] = False,
) -> None:
    """Write the public identity card (no secret in it) for a peer to trust."""
    with state(ctx).session() as session:
        written = identity_service.export_card(session, out)
        fingerprint = identity_service.show_identity(session).fingerprint
    if as_json:
        print_json({"path": str(written), "fingerprint": fingerprint})
        return
    say(_("Identity card written to {path}.").format(path=shown_path(written)))
    say(_("Fingerprint: {fingerprint}").format(fingerprint=fingerprint))


@identity_app.command(
    "trust",
    help=_(
        "Trust a peer's card: a core lead trusts its advisers; an adviser trusts its core lead."
    ),
)
def trust(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help=_("A peer's identity card."))],
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON."))] = False,
) -> None:
    """Trust a peer's card: a core lead trusts its advisers; an adviser trusts its core lead."""
    with state(ctx).session() as session:
        peer = identity_service.trust_card(session, file)
        shown = identity_service.view(peer)
    if as_json:
        print_json(shown.as_dict())
        return
    say(_("Trusted {name} ({role}).").format(name=shown_name(shown.name), role=shown.role))
    say(_("Fingerprint: {fingerprint} — check it with them.").format(fingerprint=shown.fingerprint))


def register(root: typer.Typer) -> None:
    """Add ``init`` and ``identity`` to the root command."""
    root.command(
        "init",
        help=_(
            "Create this database's identity: an id, a signing key pair and an encryption key pair."
        ),
    )(init)
    root.add_typer(identity_app, name="identity")
