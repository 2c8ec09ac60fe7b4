"""Sense checks before finalising: a combined prediction above a part, an action due
before its visit."""

from __future__ import annotations

from datetime import date

from sia_console.domain.judgement_sense import actions_due_before, combined_above_parts


def test_a_combined_figure_above_any_part_is_flagged() -> None:
    predictions = {
        ("Y5", "reading"): 88.0,
        ("Y5", "writing"): 74.0,
        ("Y5", "maths"): 80.0,
        ("Y5", "combined"): 90.0,
        ("Y6", "reading"): 80.0,
        ("Y6", "combined"): 70.0,
    }
    assert combined_above_parts(predictions) == [
        "Y5: the combined prediction, 90%, is above writing at 74%; combined cannot be "
        "higher than any of its parts."
    ]
    assert combined_above_parts({("Y6", "combined"): 70.0}) == []
    assert combined_above_parts({("Y6", "combined"): 70.0, ("Y6", "maths"): 70.0}) == []


def test_an_action_due_before_its_visit_is_flagged() -> None:
    visit = date(2026, 11, 23)
    found = actions_due_before(
        visit,
        [("Moderate Y6 writing", date(2026, 11, 20)), ("Later", visit), ("Undated", None)],
    )
    assert found == [
        "The action “Moderate Y6 writing” is due on Friday 20 November 2026, before the "
        "visit (Monday 23 November 2026)."
    ]
