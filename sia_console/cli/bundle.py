"""``bundle export`` and ``bundle import``: signed, encrypted sync with the core lead."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from sia_console.cli.output import print_json, print_table, say, warn
from sia_console.cli.progress import progress_bar
from sia_console.cli.state import state
from sia_console.domain.enums import Role
from sia_console.domain.text import shown_name, shown_path
from sia_console.domain.vocabulary import london
from sia_console.i18n import _, ngettext
from sia_console.services import identity
from sia_console.services.export_files import replacing
from sia_console.services.sync import conflicts as sync_conflicts
from sia_console.services.sync import export as sync_export
from sia_console.services.sync import history as sync_history
from sia_console.services.sync import importing

bundle_app = typer.Typer(
    help=_("Export and import sync bundles."), no_args_is_help=True, rich_markup_mode=None
)


@bundle_app.command(
    "export",
    help=_(
        "Write this identity's changes since the last export, signed and "
        "encrypted.\n\nAn adviser writes one bundle for their core lead; a core "
        "lead writes one for each\ntrusted adviser, with that adviser's schools "
        "only."
    ),
)
def export(
    ctx: typer.Context,
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            help=_("The bundle file to write, or a folder for it (a core lead: for each)."),
        ),
    ],
    full: Annotated[
        bool, typer.Option("--full", help=_("Everything, not just changes since the last export."))
    ] = False,
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="NAME",
            help=_("A core lead: write the bundle of this adviser only (name, email or id)."),
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help=_("Replace the file named by --out if it is already there.")),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON."))] = False,
) -> None:
    """Write this identity's changes since the last export, signed and encrypted.

    An adviser writes one bundle for their core lead; a core lead writes one for each
    trusted adviser, with that adviser's schools only.
    """
    with state(ctx).session() as session, progress_bar(_("Exporting")) as report:
        summary = sync_export.export_bundle(
            session, out, full=full, progress=report, to=to, existing=replacing(force)
        )
    if as_json:
        print_json(summary.as_dict())
        return
    for written in summary.bundles:
        say(
            _("Wrote {records} records to {path} for {recipients}.").format(
                records=written.records,
                path=shown_path(written.path),
                recipients=", ".join(shown_name(name) for name in written.recipients),
            )
        )
    if summary.drafts:
        say(_("{count} notes in it are still drafts.").format(count=summary.drafts))


@bundle_app.command(
    "import",
    help=_("Import bundles: each file whole or not at all. Exit 1 if any file was rejected."),
)
def import_(
    ctx: typer.Context,
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE", help=_("Bundle files (or folders of them)."))
    ],
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON."))] = False,
) -> None:
    """Import bundles: each file whole or not at all. Exit 1 if any file was rejected."""
    paths: list[Path] = []
    for path in files:
        if path.is_dir():
            paths.extend(sorted(path.glob("*.siabundle")))
        else:
            paths.append(path)
    cli = state(ctx)
    database = cli.database()
    with progress_bar(_("Importing")) as report:
        results = importing.import_files(database.session, paths, progress=report)
    if as_json:
        print_json([result.as_dict() for result in results])
    else:
        print_table(
            [
                _("file"),
                _("status"),
                _("added"),
                _("updated"),
                _("unchanged"),
                _("conflicts"),
                _("ignored"),
            ],
            [
                (
                    shown_name(Path(r.file).name),
                    _status_words(r),
                    r.added,
                    r.updated,
                    r.unchanged,
                    r.conflicts,
                    r.ignored_total,
                )
                for r in results
            ],
            empty=_("No bundle files found."),
        )
        for result in results:
            if result.status == "imported" and result.reason:
                say(
                    _("{file}: {reason}").format(
                        file=shown_name(Path(result.file).name), reason=result.reason
                    )
                )
            if result.settled:
                say(
                    ngettext(
                        "{file}: {count} conflict was settled by {sender}; it is closed here.",
                        "{file}: {count} conflicts were settled by {sender}; they are closed here.",
                        result.settled,
                    ).format(
                        file=shown_name(Path(result.file).name),
                        count=result.settled,
                        sender=shown_name(result.sender or ""),
                    )
                )
    rejected = [r for r in results if r.status != "imported"]
    for result in rejected:
        warn(result.reason)
    if rejected:
        raise typer.Exit(1)


@bundle_app.command(
    "history",
    help=_(
        "Bundles received from each trusted peer (the longest silent first) and sent from here."
    ),
)
def history(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON."))] = False,
) -> None:
    """Bundles received from each trusted peer (the longest silent first) and sent from here."""
    with state(ctx).session() as session:
        me = identity.current_identity(session)
        peers = sync_history.import_history(session)
        sent = sync_history.export_history(session)
    if as_json:
        print_json(
            {"imports": [p.as_dict() for p in peers], "exports": [e.as_dict() for e in sent]}
        )
        return
    print_table(
        [_("peer"), _("role"), _("bundles"), _("records"), _("latest"), _("days since")],
        [
            (
                shown_name(p.name),
                sync_history.peer_role_words(p.role),
                p.bundles,
                p.records,
                london(p.latest).date().isoformat() if p.latest else _("never"),
                "" if p.days_since is None else p.days_since,
            )
            for p in peers
        ],
        empty=_("No trusted peers yet; run: sia-console identity trust CARD"),
    )
    if sent or me is None or me.role != Role.CORE_LEAD:
        # A core lead's history is what advisers sent; its own exports only if any.
        print_table(
            [_("exported"), _("file"), _("records")],
            [(local_time(e.at), shown_name(e.file_name), e.records) for e in sent],
            empty=_("No bundles exported yet."),
        )


@bundle_app.command(
    "conflicts", help=_("Losing versions kept by sync, for a person to compare and choose.")
)
def conflicts(
    ctx: typer.Context,
    include_resolved: Annotated[
        bool, typer.Option("--all", help=_("Resolved conflicts too."))
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON."))] = False,
) -> None:
    """Losing versions kept by sync, for a person to compare and choose."""
    with state(ctx).session() as session:
        rows = sync_conflicts.list_conflicts(session, include_resolved=include_resolved)
    if as_json:
        print_json([row.as_dict() for row in rows])
        return
    print_table(
        [_("id"), _("kind"), _("record"), _("kept at"), _("resolved")],
        [
            (
                row.id[:8],
                shown_name(row.table),
                shown_name(row.label),
                local_time(row.created_at),
                _resolved_words(row),
            )
            for row in rows
        ],
        empty=_("No conflicts."),
    )


def _resolved_words(row: sync_conflicts.ConflictRow) -> str:
    """When a conflict was resolved, and by whom when it was settled elsewhere."""
    if row.resolved_at is None:
        return ""
    if row.settled_by:
        return _("{when}, settled by {who}").format(
            when=local_time(row.resolved_at), who=shown_name(row.settled_by)
        )
    return local_time(row.resolved_at)


def _status_words(result: importing.ImportResult) -> str:
    if result.duplicate:
        return _("already imported")
    return _("imported") if result.status == "imported" else _("rejected")


def local_time(moment: datetime) -> str:
    """A stored moment as Europe/London wall-clock time, to the minute (``2026-11-19T15:05``)."""
    return london(moment).strftime("%Y-%m-%dT%H:%M")


def register(root: typer.Typer) -> None:
    """Add ``bundle`` to the root command."""
    root.add_typer(bundle_app, name="bundle")
