"""Category and judgement schemes: settings with shipped defaults, never hard-coded.

Wales' national categorisation (2014–2022) was retired in favour of self-evaluation,
and English authorities use their own scales, so an authority chooses its scheme.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sia_console.i18n import _


@dataclass(frozen=True)
class Category:
    """One step of a support-category scheme."""

    key: str
    label: str
    concern: bool = False


@dataclass(frozen=True)
class CategoryScheme:
    """An ordered scale of support categories, most support first."""

    key: str
    name: str
    categories: tuple[Category, ...]

    def keys(self) -> list[str]:
        """The category keys, in scheme order."""
        return [category.key for category in self.categories]

    def find(self, text: str) -> Category | None:
        """The category whose key or label matches ``text`` (case-insensitive)."""
        wanted = text.strip().casefold()
        for category in self.categories:
            if wanted in (category.key.casefold(), category.label.casefold()):
                return category
        return None


WALES_NATIONAL = CategoryScheme(
    key="wales-national",
    name=_("Wales national categorisation (support categories)"),
    categories=(
        Category("red", _("Red"), concern=True),
        Category("amber", _("Amber"), concern=True),
        Category("yellow", _("Yellow")),
        Category("green", _("Green")),
    ),
)

WILTSHIRE = CategoryScheme(
    key="wiltshire",
    name=_("Wiltshire LA categorisation"),
    categories=(
        Category("inadequate", _("Inadequate"), concern=True),
        Category(
            "satisfactory-satisfactory-capacity",
            _("Satisfactory with satisfactory capacity to improve"),
            concern=True,
        ),
        Category("satisfactory-good-capacity", _("Satisfactory with good capacity to improve")),
        Category("good", _("Good")),
        Category("outstanding", _("Outstanding")),
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
