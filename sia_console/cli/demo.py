"""``sia-console demo``: fill a separate database with a fictional year, then open it.

Without ``--db`` the demo uses its own database (``paths.demo_db_path()``), never the real
one, and ignores ``SIA_CONSOLE_DB``. It refuses a database that holds anything but a
demo; run again on a demo database, it opens the year already there (and says so), or
with ``--fresh`` replaces it with a new demo year (a demo database only). A new demo year
comes with its core lead (``demo.lead``: a database and identity cards beside it, each
trusting the other), so that Sync exports at once. It ends by saying how to point the
other commands at the demo.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn
from sqlmodel import Session

from sia_console.cli import output
from sia_console.cli.output import say, warn
from sia_console.cli.state import state
from sia_console.demo.lead import DemoFiles, make_demo_lead
from sia_console.demo.year import DemoState, DemoSummary, demo_state, fill_demo, summarise
from sia_console.i18n import _, ngettext
from sia_console.keys.errors import KeyStoreError
from sia_console.keys.material import ENCRYPTION_KEY_NAME, SIGNING_KEY_NAME
from sia_console.keys.store import keystore_for
from sia_console.paths import demo_db_path
from sia_console.services.errors import ServiceError
from sia_console.services.programme.visits import parse_day
from sia_console.storage.database import Database, open_database

DEFAULT_SEED = 1


def demo(
    ctx: typer.Context,
    seed: Annotated[
        int,
        typer.Option(
            "--seed", metavar="N", help=_("Which fictional adviser and schools (default 1).")
        ),
    ] = DEFAULT_SEED,
    no_open: Annotated[
        bool,
        typer.Option("--no-open", help=_("Fill the database and print a summary; do not open it.")),
    ] = False,
    fresh: Annotated[
        bool,
        typer.Option(
            "--fresh",
            help=_(
                "Replace a demo database made earlier with a new demo year (the database "
                "must hold the demo and nothing else)."
            ),
        ),
    ] = False,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            metavar="DATE",
            hidden=True,
            help=_("Pretend today is DATE (for reproducible screenshots)."),
        ),
    ] = None,
) -> None:
    """Fill a database with a fictional adviser's year, then open the terminal UI."""
    path = state(ctx).db_option or demo_db_path()
    day = parse_day(today, "--today") if today is not None else date.today()
    if not path.exists():  # (refused before a new file is made)
        _refuse_a_lead_that_is_not_a_demo(path)
    database = open_database(path)
    if fresh:
        database = _emptied(database, path)
    try:
        with database.session() as session:
            summary = _fill_or_reuse(session, database, path, seed, day, opening=not no_open)
    finally:
        database.dispose()
    if no_open:
        _print_summary(summary, path)
    else:
        from sia_console.tui.launch import launch

        launch(path)
    _print_where(DemoFiles.beside(path))


def _emptied(database: Database, path: Path) -> Database:
    """A new, empty database at ``path`` in place of the demo there (and its demo keys).

    Refuses (:class:`ServiceError`, nothing removed) unless the database holds the demo
    and nothing else; an empty one is simply returned.
    """
    try:
        with database.session() as session:
            current = demo_state(session)
    except BaseException:
        database.dispose()
        raise
    if current is DemoState.EMPTY:
        return database
    if current is DemoState.OTHER:
        database.dispose()
        raise ServiceError(
            _(
                "{path} holds data that is not a demo, so --fresh will not replace it; "
                "choose a new file with --db."
            ).format(path=path)
        )
    try:
        _refuse_a_lead_that_is_not_a_demo(path)
        keystore = keystore_for(database, demo=True)
    finally:
        database.dispose()
    for name in (SIGNING_KEY_NAME, ENCRYPTION_KEY_NAME):
        with suppress(KeyStoreError):  # a key already gone: nothing to remove
            keystore.delete(name)
    _unlink_database(path)
    files = DemoFiles.beside(path)
    _remove_demo(files.lead)
    for card in (files.adviser_card, files.lead_card):
        card.unlink(missing_ok=True)
    say(_("Removed the demo year at {path}; filling a new one.").format(path=path))
    return open_database(path)


def _unlink_database(path: Path) -> None:
    for part in (path, *(path.with_name(path.name + end) for end in ("-wal", "-shm"))):
        part.unlink(missing_ok=True)


def _refuse_a_lead_that_is_not_a_demo(path: Path) -> None:
    """Refuse (:class:`ServiceError`) before anything is written when the place of the
    demo's core lead holds a database that is not a demo."""
    lead = DemoFiles.beside(path).lead
    if not lead.exists():
        return
    database = open_database(lead)
    try:
        with database.session() as session:
            state = demo_state(session)
    finally:
        database.dispose()
    if state is DemoState.OTHER:
        raise ServiceError(
            _(
                "{lead} holds data that is not a demo, and the demo's core lead would go "
                "there; move it, or choose a new file with --db."
            ).format(lead=lead)
        )


def _remove_demo(path: Path) -> None:
    """Remove the demo database at ``path`` and its demo keys; anything else (a file
    that is not a demo) is left exactly as it was."""
    if not path.exists():
        return
    database = open_database(path)
    try:
        with database.session() as session:
            if demo_state(session) is not DemoState.DEMO:
                return
        keystore = keystore_for(database, demo=True)
    finally:
        database.dispose()
    for name in (SIGNING_KEY_NAME, ENCRYPTION_KEY_NAME):
        with suppress(KeyStoreError):  # a key already gone: nothing to remove
            keystore.delete(name)
    _unlink_database(path)


def _fill_or_reuse(
    session: Session, database: Database, path: Path, seed: int, day: date, *, opening: bool
) -> DemoSummary:
    current = demo_state(session)
    if current is DemoState.OTHER:
        raise ServiceError(
            _(
                "{path} already holds data that is not a demo, so the demo will not fill it; "
                "choose a new file with --db."
            ).format(path=path)
        )
    if current is DemoState.DEMO:
        warn(
            (
                _("{path} already holds the demo year; opening it (--fresh makes a new one).")
                if opening
                else _(
                    "{path} already holds the demo year; nothing was added "
                    "(--fresh makes a new one)."
                )
            ).format(path=path)
        )
        if not DemoFiles.beside(path).lead.exists():  # (a demo made before it had one)
            _make_lead(database, path, seed)
        return summarise(session, today=day)
    _refuse_a_lead_that_is_not_a_demo(path)
    keystore = keystore_for(database, demo=True)
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        console=output.stderr,
        transient=True,
    ) as bar:
        task = bar.add_task(_("Filling the demo year"), total=4)

        def report(step: str, done: int, total: int) -> None:
            bar.update(task, description=step, completed=done, total=total)

        summary = fill_demo(session, keystore, seed=seed, today=day, progress=report)
    session.commit()  # (the core lead reads the adviser's identity and schools)
    _make_lead(database, path, seed)
    return summary


def _make_lead(database: Database, path: Path, seed: int) -> None:
    """The demo adviser's core lead, beside the demo (replacing a demo one left there)."""
    files = DemoFiles.beside(path)
    _remove_demo(files.lead)
    lead = open_database(files.lead)
    try:
        make_demo_lead(database, lead, files, seed=seed)
    finally:
        lead.dispose()


def _print_summary(summary: DemoSummary, path: Path) -> None:
    year = summary.academic_year
    say(
        _("Demo year {start}–{end} for {adviser} ({authority}).").format(
            start=year, end=str(year + 1)[-2:], adviser=summary.adviser, authority=summary.authority
        )
    )
    say(
        ngettext(
            "{count} link school in {authorities}.",
            "{count} link schools in {authorities}.",
            summary.schools,
        ).format(count=summary.schools, authorities=", ".join(summary.authorities))
    )
    say(
        _(
            "{visits} visits; {notes} notes of visit ({drafts} in draft, {overdue} overdue); "
            "{actions} actions ({open} still open)."
        ).format(
            visits=summary.visits,
            notes=summary.notes,
            drafts=summary.draft_notes,
            overdue=summary.overdue_notes,
            actions=summary.actions,
            open=summary.open_actions,
        )
    )
    say(_("Database: {path}").format(path=path))


def _print_where(files: DemoFiles) -> None:
    """How to point the other commands at the demo, and where its core lead is."""
    say(
        _(
            "The other commands work on your own database unless told otherwise; for the "
            "demo, put --db {path} before the command (sia-console --db {path} visits list) "
            "or set SIA_CONSOLE_DB={path}."
        ).format(path=files.adviser)
    )
    if files.lead.exists():
        say(
            _(
                "The demo's core lead is {lead}: Sync exports a bundle to them, and "
                "sia-console --db {lead} bundle import FILE reads it as they would."
            ).format(lead=files.lead)
        )


def register(root: typer.Typer) -> None:
    """Add ``demo`` to the root command."""
    root.command(
        "demo",
        help=_("Fill a database with a fictional adviser's year, then open the terminal UI."),
    )(demo)
