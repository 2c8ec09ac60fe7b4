"""JSON on stdout is always valid JSON: a number JSON cannot hold is written as null."""

from __future__ import annotations

import json
import math

from sia_console.cli.output import json_text


def test_infinite_and_nan_numbers_become_null_and_the_document_parses() -> None:
    text = json_text(
        {"predictions": [{"percent": math.inf}, {"percent": -math.inf}], "x": math.nan}
    )
    data = json.loads(text, parse_constant=lambda name: (_ for _ in ()).throw(ValueError(name)))
    assert data == {"predictions": [{"percent": None}, {"percent": None}], "x": None}


def test_finite_numbers_are_kept_exactly() -> None:
    assert json.loads(json_text({"percent": 61.9, "roll": 212})) == {"percent": 61.9, "roll": 212}
