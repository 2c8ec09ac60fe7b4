"""School names cut to the room a column has, still told apart from their neighbours."""

from __future__ import annotations

import pytest
from rich.text import Text

from sia_console.tui.widgets.tables import common_words, cut_name

NAMES = [
    "Ysgol Gynradd Llanfair Pwllgwyngyll",
    "Ysgol Gynradd Llanfair Caereinion",
    "Ysgol Gynradd Bodedern",
    "Ysgol y Graig",
    "Minsterley Church of England Primary School",
    "Stokesay Heath CE Primary School",
    "Aberllan Church in Wales Primary School",
]


@pytest.mark.parametrize("limit", [10, 12, 16, 24])
def test_names_alike_stay_apart_and_fit(limit: int) -> None:
    common = common_words(NAMES)
    cut = [cut_name(Text(name), limit, common).plain for name in NAMES]
    assert all(len(text) <= limit for text in cut), cut
    assert len(set(cut)) == len(cut), cut  # never "Ysgol Gyn…" three times over


def test_a_name_that_fits_is_left_whole() -> None:
    assert cut_name(Text("Ysgol y Graig"), 13).plain == "Ysgol y Graig"


def test_shared_words_go_first_and_own_words_stay() -> None:
    common = common_words(NAMES)
    assert cut_name(Text(NAMES[2]), 12, common).plain == "…Bodedern"
    assert cut_name(Text(NAMES[4]), 12, common).plain.startswith("Minsterley")


def test_a_name_whose_every_word_is_shared_is_never_an_ellipsis_alone() -> None:
    names = ["Ysgol Gymraeg Santes", "Ysgol Gymraeg Santes Fair", "Ysgol Santes", "Ysgol Gymraeg"]
    common = common_words(names)
    cut = [cut_name(Text(name), 6, common).plain for name in names]
    assert all(len(text) <= 6 for text in cut), cut
    assert all(text.strip("…") for text in cut), cut  # some of the name always shows
    assert cut[0].startswith("…Sant"), cut  # its last word, the one held by fewest
