"""Dates in words and the labels of the closed vocabularies: one place, every face, any locale."""

from __future__ import annotations

import locale
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from sia_console import i18n
from sia_console.domain import records, vocabulary
from sia_console.domain.enums import (
    ActionStatus,
    HeadResponse,
    LanguageMedium,
    Measure,
    NoteStatus,
    ProgrammeVisitState,
    RiskLevel,
    Role,
    VisitStatus,
)
from sia_console.domain.labels import label, label_of, review_label, review_word, word
from sia_console.domain.vocabulary import (
    LONDON,
    day_and_time,
    day_name,
    long_date,
    long_day,
    month_and_year,
    month_name,
    short_day,
    short_day_name,
    short_day_names,
    short_day_with_year,
    short_month_name,
    time_range,
)

MONDAY = date(2026, 11, 23)


def test_dates_in_words() -> None:
    assert day_name(MONDAY) == "Monday" and short_day_name(MONDAY) == "Mon"
    assert month_name(11) == "November" and short_month_name(11) == "Nov"
    assert long_date(MONDAY) == "23 November 2026"
    assert long_day(MONDAY) == "Monday 23 November 2026"
    assert short_day(date(2027, 1, 3)) == "Sun 3 Jan"
    assert short_day_with_year(MONDAY) == "Mon 23 Nov 2026"
    assert month_and_year(date(2027, 5, 1)) == "May 2027"
    assert short_day_names() == ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    start, end = datetime(2026, 11, 23, 9, 30), datetime(2026, 11, 23, 12, 5)
    assert day_and_time(start) == "Mon 23 Nov 09:30"
    assert time_range(start, end) == "09:30–12:05"


def test_the_machines_locale_changes_no_word() -> None:
    for name in ("de_DE.UTF-8", "fr_FR.UTF-8", "cy_GB.UTF-8", "C.UTF-8"):
        try:
            previous = locale.setlocale(locale.LC_TIME, name)
        except locale.Error:
            continue
        try:
            assert long_day(MONDAY) == "Monday 23 November 2026"
            assert short_day(MONDAY) == "Mon 23 Nov"
        finally:
            locale.setlocale(locale.LC_TIME, previous)


def test_the_one_london_zone() -> None:
    assert str(LONDON) == "Europe/London"
    summer = vocabulary.london(datetime(2026, 7, 1, 8, 0, tzinfo=UTC))
    assert summer.hour == 9 and summer.utcoffset() == timedelta(hours=1)
    assert vocabulary.london(datetime(2026, 12, 1, 8, 0)).hour == 8  # naive is UTC; GMT in winter
    assert records.LONDON is LONDON and records.london is vocabulary.london


KINDS = (
    RiskLevel,
    VisitStatus,
    NoteStatus,
    ActionStatus,
    HeadResponse,
    LanguageMedium,
    Role,
    Measure,
    ProgrammeVisitState,
)


def test_every_value_of_every_closed_vocabulary_has_a_word() -> None:
    for kind in KINDS:
        for value in kind:
            assert word(value).strip(), value
            assert label(value) == word(value)[:1].upper() + word(value)[1:]


def test_the_words_people_read() -> None:
    assert [word(level) for level in RiskLevel] == ["high", "medium", "low"]
    assert [label(level) for level in RiskLevel] == ["High", "Medium", "Low"]
    assert word(ActionStatus.IN_PROGRESS) == "in progress" and label(NoteStatus.FINAL) == "Final"
    assert label(HeadResponse.INACCURATE) == "Not agreed as accurate"
    assert [label(medium) for medium in LanguageMedium] == [
        "English-medium",
        "Welsh-medium",
        "Bilingual",
    ]
    assert word(Role.CORE_LEAD) == "core lead" and word(Role.SIA) == "adviser"
    assert label(Measure.COMBINED) == "Combined" and word(Measure.MATHS) == "maths"
    assert [word(state) for state in ProgrammeVisitState] == [
        "to add",
        "planned",
        "added",
        "no free half-day",
    ]
    assert review_word(ActionStatus.OPEN) == "not started"
    assert review_label(ActionStatus.OPEN) == "Not started"
    assert review_label(ActionStatus.DONE) == label(ActionStatus.DONE) == "Done"


def test_a_stored_value_shows_its_label_or_itself() -> None:
    assert label_of(HeadResponse, "accurate") == "Agreed as accurate"
    assert label_of(HeadResponse, "partly") == "partly"  # from a newer version: shown, not lost
    assert label_of(Measure, "science") == "science"


@pytest.fixture
def welsh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A catalogue that translates a few words, in force for one test."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    catalog = Catalog(locale="cy", domain=i18n.DOMAIN)
    for english, welsh_words in {
        "Monday": "Dydd Llun",
        "November": "Tachwedd",
        "Mon": "Llun",
        "Nov": "Tach",
        "high": "uchel",
        "in progress": "ar y gweill",
    }.items():
        catalog.add(english, welsh_words)
    folder = tmp_path / "cy" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / f"{i18n.DOMAIN}.po").open("wb") as handle:
        write_po(handle, catalog)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    monkeypatch.setenv("SIA_CONSOLE_LANG", "cy")
    i18n._translations.cache_clear()
    yield
    i18n._translations.cache_clear()


@pytest.mark.usefixtures("welsh")
def test_a_catalogue_translates_each_word_in_one_place() -> None:
    assert long_day(MONDAY) == "Dydd Llun 23 Tachwedd 2026"
    assert short_day(MONDAY) == "Llun 23 Tach"
    assert word(RiskLevel.HIGH) == "uchel" and label(RiskLevel.HIGH) == "Uchel"
    assert label(ActionStatus.IN_PROGRESS) == "Ar y gweill"


def test_welsh_dates_come_from_babels_locale_data() -> None:
    i18n.set_language("cy")
    assert long_date(MONDAY) == "23 Tachwedd 2026"
    assert day_name(MONDAY) == "Dydd Llun" and long_day(MONDAY) == "Dydd Llun 23 Tachwedd 2026"
    assert month_and_year(date(2027, 3, 1)) == "Mawrth 2027"
    assert short_day(MONDAY) == "Llun 23 Tach"
    assert short_day_names() == ("Llun", "Maw", "Mer", "Iau", "Gwen", "Sad", "Sul")
    assert short_month_name(2) == "Chwef"
    i18n.set_language("en")
    assert long_day(MONDAY) == "Monday 23 November 2026"  # and back, in the same process
    assert short_month_name(9) == "Sep"  # ours: Babel's en_GB says "Sept"


def test_english_dates_do_not_import_babel() -> None:
    script = (
        "import sys\n"
        "from datetime import date\n"
        "from sia_console.domain.vocabulary import long_day, short_day\n"
        "long_day(date(2026, 11, 23)); short_day(date(2026, 11, 23))\n"
        "print('babel' in sys.modules)\n"
    )
    env = {**os.environ, "SIA_CONSOLE_LANG": "en"}
    output = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env
    ).stdout
    assert output.strip() == "False"


def test_a_filter_word_begins_a_word_and_a_number_is_found_anywhere() -> None:
    from sia_console.domain.vocabulary import matches_filter

    assert matches_filter("red", "Red", "Ysgol y Graig")
    assert matches_filter("gyn", "Ysgol Gynradd Glan-y-Dŵr")
    assert matches_filter("dwr", "Ysgol Gynradd Glan-y-Dŵr")  # after a hyphen, accent folded
    assert not matches_filter("red", "Y5/Y6 prediction")  # not inside a word
    assert matches_filter("2034", "6612034")  # part of a school code
    assert matches_filter("high elin", "high", "Elin Lloyd")
    assert not matches_filter("high rhys", "high", "Elin Lloyd")
