"""``settings show|set|reset|terms``: the authority's shared settings, kept in the database."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

import typer
from sqlmodel import Session

from sia_console.cli.output import print_json, print_table, say, warn
from sia_console.cli.state import state
from sia_console.domain.dates import DateError, read_date
from sia_console.domain.settings import Settings
from sia_console.domain.text import shown_name
from sia_console.domain.vocabulary import london_today
from sia_console.i18n import _
from sia_console.services.errors import InvalidInput
from sia_console.services.schools.register import outside_scheme, outside_scheme_sentence
from sia_console.services.settings import (
    category_scheme,
    check_terms,
    load_settings,
    reset_setting,
    save_setting,
)

settings_app = typer.Typer(
    help=_("Show and change the settings: floor target, term dates, Word template, folders."),
    no_args_is_help=True,
    rich_markup_mode=None,
)

CHANGEABLE = (
    "floor_target",
    "note_overdue_days",
    "category_scheme",
    "docx_template",
    "export_folder",
)
"""Settings ``settings set`` takes; term dates have their own command."""


def _key(name: str) -> str:
    """The stored key for a name typed as ``floor-target`` or ``floor_target``."""
    key = name.strip().lower().replace("-", "_")
    if key not in asdict(Settings()):
        known = ", ".join(k.replace("_", "-") for k in (*CHANGEABLE, "term_dates"))
        raise InvalidInput(
            _("There is no setting called {name}; the settings are: {known}.").format(
                name=shown_name(name), known=known
            )
        )
    return key


def _value(key: str, text: str) -> Any:
    """The typed value of ``text`` for ``key``."""
    try:
        if key == "floor_target":
            return float(text.strip().rstrip("%"))
        if key == "note_overdue_days":
            return int(text.strip())
    except ValueError:
        raise InvalidInput(
            _("{value} is not a number, as {name} needs.").format(
                value=shown_name(text), name=key.replace("_", "-")
            )
        ) from None
    return text.strip()


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(f"{first}..{last}" for first, last in value) or _("(none)")
    if value == "":
        return _("(default)")
    return f"{value:g}" if isinstance(value, float) else str(value)


@settings_app.command("show", help=_("Show every setting and its value."))
def show(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON."))] = False,
) -> None:
    """Show every setting and its value."""
    with state(ctx).session() as session:
        current = asdict(load_settings(session))
    if as_json:
        print_json(
            {
                key: [list(pair) for pair in value] if key == "term_dates" else value
                for key, value in current.items()
            }
        )
        return
    print_table(
        (_("Setting"), _("Value")),
        [(key.replace("_", "-"), _shown(value)) for key, value in current.items()],
    )


@settings_app.command("set", help=_("Change one setting (checked before it is saved)."))
def set_(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help=_(
                "floor-target, note-overdue-days, category-scheme, docx-template or export-folder."
            ),
        ),
    ],
    value: Annotated[str, typer.Argument(metavar="VALUE", help=_("The new value."))],
) -> None:
    """Change one setting (checked before it is saved)."""
    key = _key(name)
    if key == "term_dates":
        raise InvalidInput(_("Set term dates with: sia-console settings terms FIRST..LAST ..."))
    typed = _value(key, value)
    with state(ctx).session() as session:
        save_setting(session, key, typed)
        stranded = _stranded(session, key)
    say(_("{name} is now {value}.").format(name=key.replace("_", "-"), value=_shown(typed)))
    if stranded:
        warn(stranded)


@settings_app.command("reset", help=_("Put one setting back to its default."))
def reset(
    ctx: typer.Context,
    name: Annotated[
        str, typer.Argument(metavar="NAME", help=_("The setting to put back to its default."))
    ],
) -> None:
    """Put one setting back to its default."""
    key = _key(name)
    with state(ctx).session() as session:
        reset_setting(session, key)
        stranded = _stranded(session, key)
    say(_("{name} is back to its default.").format(name=key.replace("_", "-")))
    if stranded:
        warn(stranded)


def _stranded(session: Session, key: str) -> str:
    """After a change of category scheme: which schools' categories it does not know."""
    if key != "category_scheme":
        return ""
    found = outside_scheme(session)
    return outside_scheme_sentence(found, category_scheme(session).name) if found else ""


def _term(period: str) -> tuple[date, ...] | tuple[str, ...]:
    """``FIRST..LAST`` as two days the one date reader takes (02/09/2026, 2 Sep 2026 …);
    as typed when it is not two of them (the check names it)."""
    parts = tuple(period.split("..", 1)) if ".." in period else (period,)
    try:
        return tuple(read_date(part, london_today()) for part in parts)
    except DateError:
        return parts


@settings_app.command(
    "terms", help=_("Set the term dates: visits planned outside them are flagged in the calendar.")
)
def terms(
    ctx: typer.Context,
    periods: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="TERM",
            help=_(
                "Each term as FIRST..LAST, e.g. 2026-09-02..2026-10-23 or 2/9/2026..23/10/2026 "
                "(replaces the list)."
            ),
        ),
    ] = None,
    clear: Annotated[
        bool,
        typer.Option("--clear", help=_("Forget the term dates (no visit is flagged).")),
    ] = False,
) -> None:
    """Set the term dates: visits planned outside them are flagged in the calendar."""
    if clear == bool(periods):
        raise InvalidInput(_("Give the terms as FIRST..LAST, or --clear to forget them."))
    pairs = [_term(period) for period in periods or []]
    checked = check_terms(pairs)
    with state(ctx).session() as session:
        save_setting(session, "term_dates", checked)
    if not checked:
        say(_("Term dates cleared."))
        return
    say(
        _("Term dates saved: {terms}.").format(
            terms=", ".join(f"{first.isoformat()}..{last.isoformat()}" for first, last in checked)
        )
    )


def register(root: typer.Typer) -> None:
    """Add ``settings`` to the root command."""
    root.add_typer(settings_app, name="settings")
