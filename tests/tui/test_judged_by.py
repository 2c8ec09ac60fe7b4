"""The core lead's risk register names who made a judgement when it is not the school's
SIA now (a school handed on keeps its judgement with whoever made it)."""

from __future__ import annotations

from datetime import date

from sia_console.domain.enums import RiskLevel
from sia_console.services.authority.rows import Change, RiskEntry
from sia_console.tui.widgets.authority_tables import RiskRegisterTable


def entry(adviser: str, judge: str) -> RiskEntry:
    return RiskEntry(
        school_code="6612034",
        school_name="Ysgol y Graig",
        local_authority="Ynys Môn",
        adviser_name=adviser,
        level=RiskLevel.HIGH,
        judged_on=date(2026, 11, 20),
        previous_level=RiskLevel.MEDIUM,
        change=Change.WORSE,
        judged_by=judge,
    )


def test_a_judgement_made_by_the_schools_sia_shows_its_day_alone() -> None:
    assert RiskRegisterTable._judged(entry("Elin Lloyd", "Elin Lloyd")).plain == "Fri 20 Nov 2026"
    assert RiskRegisterTable._judged(entry("Elin Lloyd", "")).plain == "Fri 20 Nov 2026"


def test_a_judgement_made_before_the_school_was_handed_on_names_who_made_it() -> None:
    shown = RiskRegisterTable._judged(entry("Rhys Parry", "Elin\x1b[2J Lloyd")).plain
    assert shown == "Fri 20 Nov 2026, by Elin\u241b[2J Lloyd"
