"""Programme templates: one clear sentence for each mistake in a template's text."""

from __future__ import annotations

import pytest

from sia_console.domain.programme_template import TemplateError, parse_template

GOOD = """
[programme]
name = "Two visits"
minutes = 120

[[visit]]
slot = 1
from = "09-10"
to = "09-30"
focus = "Start of year"

[[visit]]
slot = 2
title = "Review"
from = "01-10"
to = "02-10"
focus = "Mid year"
categories = ["Red"]
"""


@pytest.mark.parametrize(
    ("change", "key", "words"),
    [
        (lambda t: t.replace("[programme]", "[programm]"), "programm", "not a key"),
        (lambda t: t.replace('to = "09-30"', 'to = "02-30"'), "visit[1].to", "not a day"),
        (lambda t: t.replace('from = "01-10"', 'form = "01-10"'), "visit[2].form", "not a key"),
        (lambda t: t.replace('to = "02-10"', 'to = "12-10"'), "visit[2].to", "comes before"),
        (lambda t: t.replace("slot = 2", "slot = 1"), "visit[2].slot", "already has"),
        (lambda t: t.replace("minutes = 120", "minutes = 300"), "programme.minutes", "half-day"),
        (lambda t: t.replace('focus = "Mid year"', ""), "visit[2].focus", "is missing"),
        (lambda t: t.replace('["Red"]', '"Red"'), "visit[2].categories", "list"),
        (lambda t: t.replace('name = "Two visits"', "name = 3"), "programme.name", "text"),
        (
            lambda t: t.replace("minutes = 120", 'morning = "9 o\'clock"'),
            "programme.morning",
            "time",
        ),
        (lambda t: t.split("[[visit]]")[0], "[[visit]]", "at least one visit"),
    ],
)
def test_each_mistake_is_one_sentence_naming_the_file_and_the_key(
    change: object, key: str, words: str
) -> None:
    text = change(GOOD)  # type: ignore[operator]
    with pytest.raises(TemplateError) as caught:
        parse_template(text.encode(), "mine.toml")
    message = str(caught.value)
    assert message.startswith("In the programme template mine.toml, ")
    assert key in message and words in message
    assert message.endswith(".") and "\n" not in message
