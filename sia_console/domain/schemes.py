"""Category and judgement schemes: settings with shipped defaults, never hard-coded.

Wales' national categorisation (2014–2022) was retired in favour of self-evaluation,
and English authorities use their own scales, so an authority chooses its scheme.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sia_console.i18n import N_, _


@dataclass(frozen=True)
class Category:
    """One step of a support-category scheme."""

    key: str
    words: str
    """The label in English, as written in the catalogue."""
    concern: bool = False

    @property
    def label(self) -> str:
        """The label in the interface language ("Amber", "Oren")."""
        return _(self.words)


@dataclass(frozen=True)
class CategoryScheme:
    """An ordered scale of support categories, most support first."""

    key: str
    words: str
    """The name in English, as written in the catalogue."""
    categories: tuple[Category, ...]

    @property
    def name(self) -> str:
        """The name in the interface language."""
        return _(self.words)

    def keys(self) -> list[str]:
        """The category keys, in scheme order."""
        return [category.key for category in self.categories]

    def find(self, text: str) -> Category | None:
        """The category whose key or label (English or translated) matches ``text``
        (case-insensitive)."""
        wanted = text.strip().casefold()
        for category in self.categories:
            names = (category.key, category.words, category.label)
            if wanted in {name.casefold() for name in names}:
                return category
        return None


WALES_NATIONAL = CategoryScheme(
    key="wales-national",
    words=N_("Wales national categorisation (support categories)"),
    categories=(
        Category("red", N_("Red"), concern=True),
        Category("amber", N_("Amber"), concern=True),
        Category("yellow", N_("Yellow")),
        Category("green", N_("Green")),
    ),
)

WILTSHIRE = CategoryScheme(
    key="wiltshire",
    words=N_("Wiltshire LA categorisation"),
    categories=(
        Category("inadequate", N_("Inadequate"), concern=True),
        Category(
            "satisfactory-satisfactory-capacity",
            N_("Satisfactory with satisfactory capacity to improve"),
            concern=True,
        ),
        Category("satisfactory-good-capacity", N_("Satisfactory with good capacity to improve")),
        Category("good", N_("Good")),
        Category("outstanding", N_("Outstanding")),
    ),
)

CATEGORY_SCHEMES: dict[str, CategoryScheme] = {
    scheme.key: scheme for scheme in (WALES_NATIONAL, WILTSHIRE)
}


def stored_scheme(text: str | None) -> CategoryScheme:
    """The scheme in force from the stored setting's JSON text (``None``: not stored): the
    default unless a known scheme's key is stored."""
    try:
        key = json.loads(text) if text is not None else None
    except json.JSONDecodeError:
        key = None
    if not isinstance(key, str):
        key = DEFAULT_SCHEME
    return CATEGORY_SCHEMES.get(key, CATEGORY_SCHEMES[DEFAULT_SCHEME])


DEFAULT_SCHEME = "wales-national"
"""The scheme in force when none is stored (``Settings.category_scheme``'s default)."""
