"""The bare programs ``startup.py`` measures sia-console against, run in a fresh process.

Each imports only its framework (Textual or Typer) and the standard library, so that a
start of one costs what the framework costs and nothing of ours:

* ``dashboard ROWS.json``: a Textual app with the adviser's dashboard's widgets (Header,
  the headline, six bordered panels of a DataTable and an empty note in two columns, the
  Footer with the same keys), filled from the rows in the file when it mounts;
* ``authority ROWS.json``: the same for the core lead's home screen (Header, headline,
  filter Input, four bordered panels, Footer);
* ``cli ...``: a Typer program with two command groups whose ``list --json`` reads
  the notes or the visits of a database with one ``sqlite3`` statement and prints JSON.

The panels' titles carry the count of rows once filled, as ours do ("Notes overdue (2)"),
so that the same marker on the terminal says that the data is shown.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, ClassVar

Tables = list[tuple[str, list[str], list[list[str]]]]
"""Each panel: its title, its columns and its rows of plain strings."""


def run_textual(kind: str, rows_file: Path) -> None:
    """Run the bare Textual app ``kind`` (dashboard or authority) until it is killed."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding, BindingType
    from textual.containers import Container, Vertical, VerticalScroll
    from textual.widgets import DataTable, Footer, Header, Input, Static

    data = json.loads(rows_file.read_text(encoding="utf-8"))
    tables: Tables = data["tables"]

    class BareTable(DataTable[str]):
        BINDINGS: ClassVar[list[BindingType]] = [
            Binding("enter", "select_cursor", "Open school"),
            Binding("n", "nothing", "Note"),
        ]

        def action_nothing(self) -> None:
            """Stand-in for the table's own keys."""

    class Bare(App[None]):
        CSS = """
        #columns { height: auto; }
        #columns.-side-by-side { layout: horizontal; }
        .column { height: auto; width: 1fr; }
        .panel { height: auto; border: round $panel-lighten-2; padding: 0 1; }
        BareTable { height: auto; max-height: 12; }
        .empty { display: none; }
        """
        BINDINGS: ClassVar[list[BindingType]] = [
            Binding("r", "nothing", "Refresh"),
            Binding("s", "nothing", "Schools"),
            Binding("f", "nothing", "Find"),
            Binding("c", "nothing", "Calendar"),
            Binding("q", "quit", "Quit"),
        ]

        def compose(self) -> ComposeResult:
            yield Header()
            with VerticalScroll():
                yield Static(data["headline"])
                if kind == "authority":
                    yield Input(placeholder="Filter by SIA, school or authority")
                columns = data["columns"]
                with Container(id="columns", classes="-side-by-side" if data["wide"] else ""):
                    for column in columns:
                        with Vertical(classes="column"):
                            for index in column:
                                panel = Vertical(classes="panel")
                                panel.border_title = tables[index][0]
                                with panel:
                                    yield BareTable(cursor_type="row", zebra_stripes=True)
                                    yield Static("Nothing here.", classes="empty")
            yield Footer()

        def on_mount(self) -> None:
            order = [index for column in data["columns"] for index in column]
            for table, index in zip(self.query(BareTable), order, strict=True):
                title, columns, rows = tables[index]
                table.add_columns(*columns)
                table.add_rows(rows)
                if table.parent is not None and rows:
                    table.parent.border_title = f"{title} ({len(rows)})"
            first = next((t for t in self.query(BareTable) if t.row_count), None)
            if first is not None:
                first.focus()

        def action_nothing(self) -> None:
            """Stand-in for moving between screens."""

    Bare().run()


def run_cli(argv: list[str]) -> None:
    """A bare Typer program: ``[--db FILE] notes|visits list [--json]``."""
    import sqlite3

    import typer

    app = typer.Typer(add_completion=False)
    notes = typer.Typer()
    visits = typer.Typer()
    app.add_typer(notes, name="notes", help="The notes of visit.")
    app.add_typer(visits, name="visits", help="The visits.")
    state: dict[str, Any] = {}

    @app.callback()
    def main(db: Path = typer.Option(Path("db.sqlite"), "--db", help="The database.")) -> None:
        """A bare program with two commands."""
        state["db"] = db

    def read(statement: str) -> list[dict[str, Any]]:
        connection = sqlite3.connect(state["db"])
        connection.row_factory = sqlite3.Row
        try:
            return [dict(row) for row in connection.execute(statement)]
        finally:
            connection.close()

    @notes.command("list")
    def list_notes(json_out: bool = typer.Option(False, "--json")) -> None:
        """List the notes of visit."""
        print(json.dumps(read(NOTES_SQL), indent=2, ensure_ascii=False))

    @visits.command("list")
    def list_visits(json_out: bool = typer.Option(False, "--json")) -> None:
        """List the visits."""
        print(json.dumps(read(VISITS_SQL), indent=2, ensure_ascii=False))

    app(argv)


NOTES_SQL = """
SELECT n.id, n.visit_id, s.code AS school_code, n.status, n.updated_at, s.name AS school_name,
       v.start AS visit_start
FROM note_of_visit n JOIN visit v ON v.id = n.visit_id JOIN school s ON s.id = v.school_id
WHERE n.deleted = 0 AND v.deleted = 0 AND s.deleted = 0 ORDER BY v.start, s.name
"""
VISITS_SQL = """
SELECT v.id, s.code AS school_code, s.name AS school_name, v.start, v.end, v.status, v.purpose
FROM visit v JOIN school s ON s.id = v.school_id
WHERE v.deleted = 0 AND s.deleted = 0 ORDER BY v.start, s.name
"""


if __name__ == "__main__":
    if sys.argv[1] == "cli":
        run_cli(sys.argv[2:])
    else:
        run_textual(sys.argv[1], Path(sys.argv[2]))
