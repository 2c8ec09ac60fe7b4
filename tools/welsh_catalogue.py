"""Keep the Welsh catalogue in step with the message template, and list what is left.

    python tools/welsh_catalogue.py update        # add the template's new messages to cy
    python tools/welsh_catalogue.py todo [N]      # the first N untranslated messages
    python tools/welsh_catalogue.py fill FILE     # put translations from FILE into cy

``todo`` prints one message a line, ``NUMBER<TAB>msgid`` (a plural as
``msgid || msgid_plural``; a newline in a message as ``\\n``). ``fill`` reads lines of
the same shape, ``NUMBER<TAB>translation`` or ``NUMBER: translation``; a plural's forms
are separated by `` || `` (one form: used for all six; two: ``one || other``; six:
zero, one, two, few, many, other).
Run ``update`` after refreshing the template (README, For developers); the test
``tests/test_welsh_catalogue.py`` fails while anything is left untranslated.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "sia_console" / "locale" / "sia_console.pot"
WELSH = ROOT / "sia_console" / "locale" / "cy" / "LC_MESSAGES" / "sia_console.po"
SEPARATOR = " || "


COMMENTS = {
    "May": "The month, long and short (the same in English); Babel gives the dates' own.",
    "Mar": "Short for March. Welsh 'Maw' is also short for Tuesday (Dydd Mawrth).",
    "Tue": "Short for Tuesday. Welsh 'Maw' is also short for March (Mawrth).",
    "No.": "Column head: the visit's number in the annual programme; 3 characters wide.",
    "hol": "A bank holiday, marked on a day of the month grid; cut to the room there.",
    "Was": "Column head: the risk level a school had before its latest judgement.",
    "Done": "A visit or an action that has been done (a label, not a button).",
    "Due": "Column head: the date an action is due by.",
    "Record": "A verb (a button): record the headteacher's response.",
    "Open school": "A verb: open the school's page (a key in the footer).",
    "Open note": "A verb: open the note of visit (a key in the footer).",
    "Change": "Column head on the authority screen: how a school's risk changed; also a button.",
    "Latest: ": "Followed by a risk level; keep the space at the end.",
    "Kept": "A conflict settled by keeping this computer's version.",
    "Find": "A key in the footer: search the notes of visit.",
    "Plan": "A verb (a key): plan a visit.",
    "Review": "A verb (a key): review an earlier action at this visit.",
    "open": "An action's status: not yet started or done (an adjective, not a verb).",
    "final": "A note's status: agreed and locked (not 'last').",
    "The interface is in English.": (
        "Shown after switching language: translate as 'The interface is in Welsh.'"
    ),
}
"""Translator comments where a short English message is ambiguous, kept in the catalogue."""


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def _write(catalog: Catalog) -> None:
    WELSH.parent.mkdir(parents=True, exist_ok=True)
    with WELSH.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False, sort_output=True)


def update() -> Catalog:
    """The Welsh catalogue with every message of the template (obsolete ones dropped)."""
    template = _read(TEMPLATE)
    if WELSH.exists():
        catalog = _read(WELSH, locale="cy")
    else:
        catalog = Catalog(locale="cy", domain="sia_console")
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    catalog.project = "sia-console"
    catalog.language_team = "Cymraeg"
    catalog.fuzzy = False  # Babel knows Welsh's six plural forms (the header says them)
    for message in catalog:
        ident = message.id[0] if isinstance(message.id, tuple | list) else message.id
        if ident in COMMENTS:
            message.user_comments = [COMMENTS[ident]]
    _write(catalog)
    return catalog


def _numbered(catalog: Catalog) -> list[object]:
    return [message for message in catalog if message.id]


def _flat(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")


def _unflat(text: str) -> str:
    return text.replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")


def _done(message: object) -> bool:
    text = message.string  # type: ignore[attr-defined]
    if isinstance(text, tuple | list):
        return all(text)
    return bool(text)


def todo(limit: int | None) -> int:
    catalog = update()
    left = 0
    for number, message in enumerate(_numbered(catalog)):
        if _done(message):
            continue
        left += 1
        if limit is None or left <= limit:
            ident = message.id  # type: ignore[attr-defined]
            shown = SEPARATOR.join(ident) if isinstance(ident, tuple | list) else ident
            print(f"{number}\t{_flat(shown)}")
    print(f"# {left} untranslated", file=sys.stderr)
    return left


def fill(path: Path) -> None:
    catalog = update()
    numbered = _numbered(catalog)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        number, _tab, text = line.partition("\t") if "\t" in line else line.partition(": ")
        message = numbered[int(number)]
        if isinstance(message.id, tuple | list):  # type: ignore[attr-defined]
            forms = [_unflat(form) for form in text.split(SEPARATOR)]
            if len(forms) == 1:
                forms = forms * 6
            elif len(forms) == 2:
                forms = [forms[1], forms[0], forms[1], forms[1], forms[1], forms[1]]
            message.string = tuple(forms)  # type: ignore[attr-defined]
        else:
            message.string = _unflat(text)  # type: ignore[attr-defined]
    _write(catalog)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "todo"
    if command == "update":
        update()
    elif command == "todo":
        todo(int(argv[1]) if len(argv) > 1 else None)
    elif command == "fill":
        fill(Path(argv[1]))
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
