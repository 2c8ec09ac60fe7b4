"""``sia-console notes search QUERY``: find notes of visit by the words in them."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.text import Text

from sia_console.cli.output import print_json, say, stdout
from sia_console.cli.state import state
from sia_console.domain.labels import word
from sia_console.domain.text import one_line, shown_name, visible
from sia_console.i18n import _, ngettext
from sia_console.services.notes.search import SearchHit, search_notes


def search_command(
    ctx: typer.Context,
    query: Annotated[
        str,
        typer.Argument(
            metavar="QUERY",
            help=_('Words that must all appear; "a phrase" in quotes; word* for a prefix.'),
        ),
    ],
    limit: Annotated[
        int, typer.Option("--limit", min=1, max=500, help=_("At most this many results."))
    ] = 50,
    json: Annotated[
        bool, typer.Option("--json", help=_("Print one JSON document on stdout instead of text."))
    ] = False,
) -> None:
    """Search the text of every note of visit; best matches first."""
    with state(ctx).session() as session:
        hits = search_notes(session, query, limit)
    if json:
        print_json(
            [
                {
                    "note_id": hit.note_id,
                    "visit_id": hit.visit_id,
                    "school_code": hit.school_code,
                    "section": hit.section,
                    "snippet": hit.snippet,
                    "school_name": hit.school_name,
                    "visit_start": hit.visit_start,
                    "section_title": hit.section_title,
                    "kind": hit.kind,
                    "page": hit.page,
                    "status": hit.note_status.value,
                    "highlights": [list(pair) for pair in hit.highlights],
                }
                for hit in hits
            ]
        )
        return
    if not hits:
        say(_("No note of visit contains {query}.").format(query=shown_name(query)))
        return
    for hit in hits:
        render(hit)
    say(ngettext("{count} match.", "{count} matches.", len(hits)).format(count=len(hits)))


def render(hit: SearchHit) -> None:
    """One match: where it is, then the snippet with the matched words in bold."""
    heading = " · ".join(
        (
            f"{shown_name(hit.school_name)} ({shown_name(hit.school_code)})",
            hit.visit_start.strftime("%Y-%m-%d"),
            one_line(hit.section_title),
            word(hit.note_status),
        )
    )
    stdout.print(Text(heading))
    snippet = Text("  " + visible(hit.snippet))
    for start, end in hit.highlights:
        snippet.stylize("bold reverse", start + 2, end + 2)
    stdout.print(snippet)
    stdout.print(Text("  " + _("note {id}").format(id=hit.note_id[:8]), style="dim"))


def register(notes_app: typer.Typer) -> None:
    """Add ``search`` to ``sia-console notes``."""
    notes_app.command(
        "search", help=_("Search the text of every note of visit; best matches first.")
    )(search_command)
