"""What the note editor saves, as it stands on screen: which field a change belongs to,
and what a field holds when a save reads it.

Fields are named ``section:KEY`` (a section's text), ``risk`` (the level and the
rationale, saved together), ``predictions`` and ``editing`` (where the adviser is). The
text areas are held directly rather than queried, so that a save still reads them while
the screen is being taken down. The risk level and the predictions are kept as last read
or chosen, to tell a change the adviser made from a widget saying "changed" as it mounts.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.screen import Screen
from textual.widgets import TextArea

from sia_console.domain.enums import RiskLevel
from sia_console.services.notes.workspace import NoteWorkspace
from sia_console.tui.notes.drafts import Change, Predictions, RiskChoice, SectionText, WhereEditing
from sia_console.tui.notes.risk_panel import RiskPanel
from sia_console.tui.widgets.note_text_area import NoteTextArea

Values = dict[tuple[str, str], float | None]
"""Predictions by (cohort, measure); ``None`` for an empty box."""


class NoteFields:
    """The editor's fields: its text areas, and the risk as last read or chosen."""

    def __init__(self) -> None:
        self.areas: dict[str, NoteTextArea] = {}
        """Each section's text area, by key."""
        self.rationale: NoteTextArea | None = None
        self.level: RiskLevel | None = None
        """The risk level as last read or chosen."""
        self.predictions: Values = {}
        """The predictions that read as percentages, as last read or typed."""
        self._sections: dict[str, str] = {}
        """Section keys by the id of their text area."""

    def hold(
        self, screen: Screen[None], text_index: Mapping[str, int], note: NoteWorkspace
    ) -> None:
        """Take hold of the note's fields once its pages are mounted on ``screen``."""
        for key, index in text_index.items():
            self.areas[key] = screen.query_one(f"#text-{index}", NoteTextArea)
            self._sections[f"text-{index}"] = key
        self.rationale = screen.query_one("#risk-rationale", NoteTextArea)
        risk = note.note.risk
        self.level = risk.level if risk else None
        self.predictions = screen.query_one(RiskPanel).predictions()

    def texts(self) -> list[str]:
        """The fields typed as text: every section, and the risk's rationale."""
        return [f"section:{key}" for key in self.areas] + ["risk"]

    def field_of(self, area: TextArea) -> str | None:
        """The field that a change in ``area`` belongs to."""
        if area.id == "risk-rationale":
            return "risk"
        key = self._sections.get(area.id or "")
        return None if key is None else f"section:{key}"

    def choose_level(self, level: RiskLevel | None) -> bool:
        """Whether ``level`` is a new choice (a radio set also says "changed" as it mounts)."""
        if level == self.level:
            return False
        self.level = level
        return True

    def predict(self, values: Values) -> bool:
        """Whether ``values`` are new predictions (inputs also say "changed" as they mount)."""
        if values == self.predictions:
            return False
        self.predictions = values
        return True

    def read(self, field: str, where: str | None) -> Change | None:
        """What ``field`` holds now (``where``: the page the adviser is on)."""
        if field.startswith("section:"):
            key = field.removeprefix("section:")
            return SectionText(key, self.areas[key].text)
        if field == "risk" and self.rationale is not None:
            return RiskChoice(self.level, self.rationale.text)
        if field == "predictions":
            return Predictions(dict(self.predictions))
        if field == "editing":
            return WhereEditing(where)
        return None
