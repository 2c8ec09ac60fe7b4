"""Programme templates: the shipped default, and one clear sentence for each mistake."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sia_console.domain.programme import PROGRAMME
from sia_console.domain.programme_template import (
    TemplateError,
    default_template,
    load_template,
    parse_template,
)

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


def test_the_shipped_template_is_the_six_visit_programme_with_support_reviews() -> None:
    template = default_template()
    assert template.name == "Wiltshire six-visit programme"
    assert template.minutes == 180
    core = [visit for visit in template.visits if not visit.categories]
    assert [visit.slot for visit in core] == [1, 2, 3, 4, 5, 6]
    for visit, known in zip(core, PROGRAMME, strict=True):  # the demo's programme agrees
        assert visit.window(2026) == known.window_dates(2026)
        assert visit.focus == known.focus
        assert visit.purpose == f"Visit {known.slot}: {known.focus}"
    assert [v.slot for v in template.visits_for("red")] == [1, 7, 2, 3, 4, 8, 5, 9, 6]
    assert [v.slot for v in template.visits_for("AMBER")] == [1, 7, 2, 3, 4, 8, 5, 6]
    assert len(template.visits_for("green")) == len(template.visits_for(None)) == 6
    assert template.visits[1].purpose.startswith("Support-plan review: Case conference")


def test_a_template_of_my_own(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(GOOD, encoding="utf-8")
    template = load_template(path)
    assert template.source == str(path)
    assert [(v.slot, v.title, v.when) for v in template.visits] == [
        (1, "Visit 1", "September"),
        (2, "Review", "January"),
    ]
    assert template.visits_for("red")[-1].window(2026) == (date(2027, 1, 10), date(2027, 2, 10))
    assert len(template.visits_for("green")) == 1


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


def test_files_that_cannot_be_templates(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="does not exist"):
        load_template(tmp_path / "missing.toml")
    with pytest.raises(TemplateError, match="is a folder"):
        load_template(tmp_path)
    broken = tmp_path / "broken.toml"
    broken.write_text("[programme\nname = 1", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"broken\.toml is not valid TOML: .*line 1"):
        load_template(broken)
    latin = tmp_path / "latin.toml"
    latin.write_bytes('name = "Ysgol Dŵr"'.encode("utf-16"))
    with pytest.raises(TemplateError, match="not UTF-8"):
        load_template(latin)
