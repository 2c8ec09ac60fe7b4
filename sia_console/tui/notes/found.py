"""Showing the words a search found when a note opens from the search's results.

The page opened is the one holding the hit; there, the first word searched for is
selected in a text (a section, the risk rationale) or the cursor put on the first row
of an action table that holds one. The words are matched literally, ignoring case.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from textual.screen import Screen

from sia_console.tui.notes import pages
from sia_console.tui.notes.action_tables import AgreedActionTable, CarriedActionTable
from sia_console.tui.widgets.note_text_area import LiteralDocument, NoteTextArea


def find_term(terms: Sequence[str], text: str) -> re.Match[str] | None:
    """The first of ``terms`` (in their order) found in ``text``."""
    for term in terms:
        found = re.search(re.escape(term), text, re.IGNORECASE)
        if found is not None:
            return found
    return None


def select_first_term(area: NoteTextArea, terms: Sequence[str]) -> bool:
    """Select the first word searched for in ``area``; whether one was found."""
    found = find_term(terms, area.text)
    if found is None:
        return False
    document = area.document
    assert isinstance(document, LiteralDocument)
    start = document.get_location_from_index(found.start())
    end = document.get_location_from_index(found.end())
    area.show_found(start, end)
    return True


def move_to_first_term(
    table: AgreedActionTable | CarriedActionTable, texts: Sequence[str], terms: Sequence[str]
) -> None:
    """Put the table's cursor on the first row whose text holds a word searched for."""
    for row, text in enumerate(texts):
        if find_term(terms, text) is not None:
            table.move_cursor(row=row, animate=False)
            return


def show_found(
    screen: Screen[None],
    page: str,
    terms: Sequence[str],
    *,
    area: NoteTextArea | None,
    rationale: NoteTextArea | None,
) -> None:
    """On the page just opened, show the first word searched for.

    ``area``: the page's text area if it is a section; ``rationale``: the risk page's.
    """
    if not terms:
        return
    if area is not None:
        select_first_term(area, terms)
    elif page == pages.RISK and rationale is not None:
        if select_first_term(rationale, terms):
            screen.set_focus(rationale)
    elif page == pages.ACTIONS:
        agreed = screen.query_one(AgreedActionTable)
        move_to_first_term(agreed, [a.text for a in agreed.records], terms)
    elif page == pages.REVIEWS:
        carried = screen.query_one(CarriedActionTable)
        move_to_first_term(carried, [a.comment for a in carried.records], terms)
