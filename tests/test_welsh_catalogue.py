"""The Welsh catalogue is complete and whole: every message translated, nothing mangled.

After the message template is refreshed, ``python tools/welsh_catalogue.py todo`` lists
what is left to translate (README, For developers).
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from sia_console import i18n

LOCALE = Path(i18n.__file__).parent / "locale"
WELSH = LOCALE / "cy" / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
WELSH_PLURALS = "(n == 0 ? 0 : n == 1 ? 1 : n == 2 ? 2 : n == 3 ? 3 : n == 6 ? 4 : 5)"


def _read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def _forms(value: object) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, tuple | list) else (str(value or ""),)


def _messages(catalog: Catalog) -> dict[str, Message]:
    return {_forms(message.id)[0]: message for message in catalog if message.id}


def test_every_message_of_the_template_is_translated_into_welsh() -> None:
    template = _messages(_read(LOCALE / f"{i18n.DOMAIN}.pot"))
    welsh = _messages(_read(WELSH))
    missing = sorted(set(template) - set(welsh))
    assert not missing, f"run tools/welsh_catalogue.py: {len(missing)} missing: {missing[:5]}"
    empty = sorted(key for key in template if not all(_forms(welsh[key].string)))
    assert not empty, f"{len(empty)} untranslated: {empty[:5]}"
    fuzzy = sorted(key for key in template if welsh[key].fuzzy)
    assert not fuzzy, f"{len(fuzzy)} fuzzy: {fuzzy[:5]}"


def test_every_translation_keeps_the_placeholders_of_its_message() -> None:
    for key, message in _messages(_read(WELSH)).items():
        wanted = sorted(PLACEHOLDER.findall(key))
        for form in _forms(message.string):
            assert sorted(PLACEHOLDER.findall(form)) == wanted, (key, form)
            # a message that starts or ends with a space is joined to another
            assert key[:1].isspace() == form[:1].isspace(), (key, form)
            assert key[-1:].isspace() == form[-1:].isspace(), (key, form)


def test_welsh_has_six_plural_forms() -> None:
    catalog = _read(WELSH)
    assert catalog.num_plurals == 6
    assert catalog.plural_expr.replace(" ", "") == WELSH_PLURALS.replace(" ", "")
    for message in catalog:
        if message.id and message.pluralizable:
            assert len(_forms(message.string)) == 6, message.id


def test_the_app_reads_the_catalogue_as_babel_does() -> None:
    ours = i18n.PoTranslations.read(WELSH)
    for key, message in _messages(_read(WELSH)).items():
        if message.pluralizable:
            forms = _forms(message.string)
            singular, plural = _forms(message.id)
            for count, form in ((0, 0), (1, 1), (2, 2), (3, 3), (6, 4), (7, 5), (21, 5)):
                assert ours.ngettext(singular, plural, count) == forms[form]
        else:
            assert ours.gettext(key) == message.string


def test_a_welsh_plural_is_chosen_by_the_count() -> None:
    i18n.set_language("cy")
    one = i18n.ngettext("{count} school", "{count} schools", 1).format(count=1)
    many = i18n.ngettext("{count} school", "{count} schools", 5).format(count=5)
    assert (one, many) == ("1 ysgol", "5 ysgol")  # Welsh counts with the singular noun


def test_the_catalogue_is_in_the_package_and_no_compiled_file_is_needed() -> None:
    """The wheel takes every file under sia_console/ (hatch), the .po with it; there is no
    .mo to build or commit."""
    assert WELSH.is_file()
    assert not list(LOCALE.rglob("*.mo"))


def test_escaped_and_continued_strings_are_read_as_written(tmp_path: Path) -> None:
    """Most strings are read as they stand (quick); one with an escape is unescaped."""
    catalogue = tmp_path / "cy.po"
    catalogue.write_text(
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "Say \\"yes\\""\nmsgstr "Dywedwch \\"ie\\"\\tnawr\\\\"\n\n'
        'msgid "Two "\n"lines"\nmsgstr ""\n"Dwy "\n"linell"\n',
        encoding="utf-8",
    )
    read = i18n.PoTranslations.read(catalogue)
    assert read.gettext('Say "yes"') == 'Dywedwch "ie"\tnawr\\'
    assert read.gettext("Two lines") == "Dwy linell"
