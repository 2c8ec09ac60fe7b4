"""Programme template files: the shipped default, an authority's own, and files that are not."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sia_console.domain.programme import programme_visits
from sia_console.domain.programme_template import TemplateError
from sia_console.services.programme.templates import default_template, load_template
from tests.domain.test_programme_template import GOOD

PROGRAMME = programme_visits(default_template())  # the visits every school gets


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
