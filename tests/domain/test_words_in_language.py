"""Words defined once in the domain are put into the language in force when they are read."""

from __future__ import annotations

from sia_console import i18n
from sia_console.domain.note_template import section_template, section_title, sections_for
from sia_console.domain.schemes import WALES_NATIONAL


def test_a_category_is_named_in_the_language_now_and_found_in_either() -> None:
    amber = WALES_NATIONAL.find("amber")
    assert amber is not None and amber.label == "Amber"
    i18n.set_language("cy")
    assert amber.label == "Oren"
    assert WALES_NATIONAL.find("Oren") == amber == WALES_NATIONAL.find("Amber")
    assert WALES_NATIONAL.name.startswith("Categoreiddio cenedlaethol")
    i18n.set_language("en")
    assert amber.label == "Amber"


def test_the_default_sections_of_a_note_are_in_the_language_now() -> None:
    i18n.set_language("cy")
    first = sections_for(1)[0]
    assert first.title == "Pwy a gyfarfuwyd" and first.hint.startswith("Pennaeth, dirprwy")
    assert section_title(first.key) == "Pwy a gyfarfuwyd"
    i18n.set_language("en")
    assert sections_for(1)[0].title == "Who was met"
    found = section_template(first.key)
    assert found is not None and found.title == "Who was met"
