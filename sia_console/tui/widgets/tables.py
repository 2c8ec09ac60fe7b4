"""What every table of records shares (:class:`RecordTable`): its cells fitted to the
width it has, names cut so that they are still told apart, the cursor kept on its record.
Each table (``record_tables``, ``authority_tables`` …) knows its columns and how one
record reads as cells.

A screen hands a table its records (attributes down); the table turns them into
literal :class:`~rich.text.Text` cells, coloured from the theme in force, and redraws
them when the theme changes. Choosing a row that belongs to a school posts
:class:`~sia_console.tui.messages.OpenSchool` (messages up). Tables never read the
database.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from sia_console.i18n import _
from sia_console.tui.formatting import Tones
from sia_console.tui.messages import OpenNote, OpenSchool

if TYPE_CHECKING:  # (the register's rows: their module loads the ORM)
    pass

RecordT = TypeVar("RecordT")

NAME_WIDTH = 30
"""Advisers' names and file names are cut here; school names give way as the room asks."""
MIN_FLEX_WIDTH = 10
"""A column giving way keeps at least this many cells (or its heading's width)."""
MIN_NAME_WIDTH = 16
"""A column of names giving way keeps at least this many: enough to tell schools apart."""


TEXT_WIDTH = 48
"""Purposes, actions and rationales are cut here; a school's page shows them in full."""


def set_column_widths(table: DataTable[Text], rows: Sequence[Sequence[Text]]) -> None:
    """Give each column the width of its widest cell in ``rows`` (or of its heading).

    Call before adding the rows. DataTable keeps the widest width it has ever seen and
    measures new rows only when idle; a frame drawn before that shows each column at its
    old width, and DataTable keeps those cut lines until the cursor next moves.
    """
    for index, column in enumerate(table.ordered_columns):
        column.content_width = max([column.label.cell_len, *(row[index].cell_len for row in rows)])


def common_words(names: Iterable[str]) -> Counter[str]:
    """How many of ``names`` hold each word (folded): the words a column of names shares
    ("Ysgol", "Gynradd", "Primary", "School") tell no school from its neighbours."""
    counts: Counter[str] = Counter()
    for name in names:
        counts.update({each.casefold() for each in name.split()})
    return counts


def cut_name(name: Text, limit: int, common: Counter[str] | None = None) -> Text:
    """``name`` in ``limit`` cells, told apart from the names beside it: the words it
    shares with others go first, the most shared and the small ones ("of", "y") first,
    an ellipsis where they were; its own words stay
    (``…Llanfair Pwllgwyngyll``, ``Minsterley…``); what is still too long is cut at the end.
    """
    text = name.plain
    if cell_len(text) <= limit:
        return name
    if limit <= 1:
        return Text("…"[:limit], style=name.style, end="")
    words = text.split()
    counts = common or common_words([text])
    kept = [True] * len(words)
    # the most shared words first; a word no other name holds is never dropped
    shared = [max(counts[each.casefold()], 2 if each.islower() else 1) for each in words]
    # (of words shared alike, the first go first: a school's own name is mostly its end,
    # "Ysgol Gymraeg Nant y Fâl" → "…Nant y Fâl"); one word at least always stays
    order = sorted((i for i in range(len(words)) if shared[i] > 1), key=lambda i: (-shared[i], i))
    shown = text
    for index in order:
        if cell_len(shown) <= limit or sum(kept) <= 1:
            break
        kept[index] = False
        shown = _joined(words, kept)
    if cell_len(shown) > limit:  # still too long: cut at the end
        while shown and cell_len(shown) + 1 > limit:
            shown = shown[:-1].rstrip(" …")
        shown += "…"
    return Text(shown, style=name.style, no_wrap=True, end="")


def _joined(words: list[str], kept: list[bool]) -> str:
    """The words kept, an ellipsis standing for each run of words left out."""
    parts: list[str] = []
    for each, keep in zip(words, kept, strict=True):
        if keep:
            parts.append(each)
        elif not parts or parts[-1] != "…":
            parts.append("…")
    return " ".join(parts).replace(" … ", "…").replace("… ", "…").replace(" …", "…")


class RecordTable(DataTable[Text], Generic[RecordT]):
    """A read-only, row-cursor table of one kind of record."""

    COLUMNS: ClassVar[tuple[str, ...]] = ()
    """Column headings, already translated."""

    OPENS_SCHOOLS: ClassVar[bool] = True
    """Whether Enter (or a click on the highlighted row) opens the row's school."""

    NAME_COLUMNS: ClassVar[tuple[int, ...]] = ()
    """Flexible columns of names that give way by the words they share with the others
    (``…Llanfair``, ``Minsterley…``), so that names alike stay told apart."""

    NAMES_GIVE_ALL: ClassVar[bool] = True
    """Whether names give way below :data:`MIN_NAME_WIDTH` for the row to fit (else the
    table scrolls sideways: a wide register keeps its names readable)."""

    FLEX: ClassVar[tuple[int, ...]] = (-1,)
    """The columns that give way when the table is narrower than its text (the last, a
    purpose or an action, unless a table says otherwise), each in proportion to the room
    it has to spare: their cells end with an ellipsis so that the others are shown whole."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "select_cursor",
            _("Open school"),
            id="table.open-school",
            tooltip=_("Show the page of the school on the highlighted row"),
        ),
        Binding(
            "n",
            "open_note",
            _("Note"),
            id="table.open-note",
            tooltip=_("Open the note of visit of the highlighted visit (a new draft if none)"),
        ),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=True)
        self.records: tuple[RecordT, ...] = ()
        """The records shown, in order."""
        self.today: date | None = None
        """The day the records were read for, for tables that count days late."""
        self._fitted_to = 0
        """The width the rows were last cut for (0: not known when they were drawn)."""
        self._needed = 0
        """The width the rows need to be shown whole."""

    def on_mount(self) -> None:
        self.add_columns(*(Text(label) for label in self.COLUMNS))
        self.watch(self.app, "theme", self._redraw, init=False)

    def show(self, records: Iterable[RecordT], *, today: date | None = None) -> None:
        """Replace the rows, keeping the cursor on the same record where possible."""
        self.records = tuple(records)
        self.today = today
        self._redraw()  # before the first layout, whole: cut on the first resize if need be

    def _redraw(self) -> None:
        kept = self._cursor_key()
        tones = Tones.of(self.app)
        self.clear()
        rows = [list(self.cells(record, tones)) for record in self.records]
        self._fit(rows)
        set_column_widths(self, rows)
        for record, row in zip(self.records, rows, strict=True):
            self.add_row(*row, key=self.key_of(record))
        if kept is not None and kept in self.rows:
            self.move_cursor(row=self.get_row_index(kept), animate=False)

    def _fit(self, rows: list[list[Text]]) -> None:
        """Cut the flexible columns' cells until the row fits the width the table has."""
        room = self._room(len(rows))
        self._fitted_to = room
        if not rows or not self.COLUMNS:
            self._needed = 0
            return
        labels = [column.label.cell_len for column in self.ordered_columns] or [
            cell_len(label) for label in self.COLUMNS
        ]
        widths = [max(labels[i], *(row[i].cell_len for row in rows)) for i in range(len(labels))]
        self._needed = sum(widths) + 2 * self.cell_padding * len(widths)
        if room <= 0:
            return
        over = self._needed - room
        if over <= 0:
            return
        names = {column % len(widths) for column in self.NAME_COLUMNS}
        flexible = list(dict.fromkeys(flex % len(widths) for flex in self.FLEX))
        gives = dict.fromkeys(flexible, 0)
        # Other flexible columns give way first; then names, down to what tells them apart;
        # then names again, as far as any column (the row must fit).
        others = [i for i in flexible if i not in names]
        named = [i for i in flexible if i in names]
        turns = [(others, MIN_FLEX_WIDTH), (named, MIN_NAME_WIDTH)]
        if self.NAMES_GIVE_ALL:
            turns.append((named, 0))
        for turn, least in turns:
            if over <= 0:
                break
            spare = {
                index: max(
                    widths[index] - gives[index] - max(labels[index], least, MIN_FLEX_WIDTH), 0
                )
                for index in turn
            }
            total = sum(spare.values())
            if not total:
                continue
            for index, room_to_give in spare.items():  # in proportion to the spare of each
                give = min(room_to_give, -(-over * room_to_give // total))
                gives[index] += give
                over -= give
        for index, give in gives.items():
            if give <= 0:
                continue
            limit = widths[index] - give
            common = common_words(row[index].plain for row in rows) if index in names else None
            for row in rows:
                if row[index].cell_len > limit:
                    if common is not None:
                        row[index] = cut_name(row[index], limit, common)
                        continue
                    cut = row[index].copy()
                    cut.truncate(limit, overflow="ellipsis")
                    row[index] = cut

    def _room(self, rows: int) -> int:
        """The width the rows will have, the vertical scrollbar's included once the rows
        outnumber the table's height (before it appears: fitting then would be redone)."""
        room = self.content_region.width
        if room > 0 and (
            self._taller_than_allowed(rows) or self.styles.scrollbar_gutter == "stable"
        ):
            room -= self.styles.scrollbar_size_vertical
        return room

    def _taller_than_allowed(self, rows: int) -> bool:
        """Whether ``rows`` (and the heading) outnumber the table's maximum height, or the
        height it has been given (a table that fills the screen's height)."""
        height, given = self.styles.height, self.content_region.height
        if height is not None and not height.is_auto and given > 0:  # (its height is set)
            return rows + int(self.show_header) > given
        limit = self.styles.max_height
        if limit is None or limit.is_auto or limit.is_fraction:
            return False
        if limit.is_cells:
            return rows + int(self.show_header) > limit.value
        allowed = limit.resolve(self.container_size, self.app.size)  # (a share of the screen)
        return rows + int(self.show_header) > allowed

    def on_resize(self) -> None:
        """Cut the text again for the new width (unless the rows fit whole, before and now)."""
        room = self._room(len(self.records))
        if not self.records or room == self._fitted_to:
            return
        if room >= self._needed and (self._fitted_to == 0 or self._fitted_to >= self._needed):
            self._fitted_to = room  # nothing was cut, and nothing needs to be
            return
        self._redraw()

    def relabel(self) -> None:
        """The column headings again from ``COLUMNS`` (put into the language now in force
        with the class's other words), not from the words on screen."""
        for column, label in zip(self.ordered_columns, self.COLUMNS, strict=False):
            column.label = Text(label)
        self.refresh()

    def _cursor_key(self) -> str | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return key if isinstance(key, str) else None

    def highlighted(self) -> RecordT | None:
        """The record under the cursor."""
        if not self.row_count or not 0 <= self.cursor_row < len(self.records):
            return None
        return self.records[self.cursor_row]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer Enter only where a row can open a school."""
        if action == "select_cursor":
            return self.OPENS_SCHOOLS and self.row_count > 0
        if action == "open_note":
            record = self.highlighted()
            if record is None or self.visit_of(record) is None:
                return False
            # a core lead reads an adviser's note, but never starts one
            return not _core_lead(self.app) or getattr(record, "note_status", None) is not None
        return True

    def cells(self, record: RecordT, tones: Tones) -> tuple[Text, ...]:
        """One record as cells, in the order of :attr:`COLUMNS`."""
        raise NotImplementedError

    def key_of(self, record: RecordT) -> str:
        """A key unique within the table."""
        raise NotImplementedError

    def school_of(self, record: RecordT) -> str | None:
        """The code of the school the record belongs to (tables that open schools)."""
        return None

    def visit_of(self, record: RecordT) -> str | None:
        """The id of the visit the record belongs to (tables whose rows have notes)."""
        return None

    def action_open_note(self) -> None:
        """Open the note of visit of the highlighted row."""
        record = self.highlighted()
        visit = self.visit_of(record) if record is not None else None
        if visit is not None:
            self.post_message(OpenNote(visit))

    @on(DataTable.RowSelected)
    def _open_school(self, event: DataTable.RowSelected) -> None:
        record = self.highlighted()
        code = self.school_of(record) if record is not None and self.OPENS_SCHOOLS else None
        if code is not None:
            event.stop()
            self.post_message(OpenSchool(code))


def _core_lead(app: object) -> bool:
    """Whether the app works on a core lead's database."""
    context = getattr(app, "context", None)
    return bool(getattr(context, "core_lead", False))
