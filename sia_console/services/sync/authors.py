"""Who wrote a version, and what its values say, in words a person compares.

A version's clock value names the installation that wrote it; the bundles received here
say which person's installation that is (``BundleLog.installation_id``). The values of
a record are shown as people read them: a language, a status or a risk level by its
label, a link adviser by name, a category by its label in the scheme in force, yes or
no, days and times in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlmodel import Session, col, select

from sia_console.domain.enums import (
    ActionStatus,
    HeadResponse,
    LanguageMedium,
    Measure,
    NoteStatus,
    RiskLevel,
    Role,
    VisitStatus,
)
from sia_console.domain.hlc import ClockError, Version
from sia_console.domain.labels import Labelled, label
from sia_console.domain.models import Adviser, BundleLog, Installation
from sia_console.domain.vocabulary import clock, day_and_time, london, long_date
from sia_console.i18n import _
from sia_console.services.settings import category_scheme

_ENUMS: dict[tuple[str, str], type[Labelled]] = {
    ("school", "language"): LanguageMedium,
    ("visit", "status"): VisitStatus,
    ("note_of_visit", "status"): NoteStatus,
    ("note_of_visit", "head_response"): HeadResponse,
    ("action", "status"): ActionStatus,
    ("action_review", "status"): ActionStatus,
    ("risk_judgement", "level"): RiskLevel,
    ("prediction", "measure"): Measure,
    ("adviser", "role"): Role,
}
"""The fields that hold a value of a closed vocabulary, by table."""


@dataclass(frozen=True)
class Authorship:
    """Who wrote a version, and when."""

    name: str
    """The person, "you" for this laptop, or "another laptop" when no bundle says whose."""
    at: datetime | None
    """When, by the writer's clock (UTC); ``None`` when the version cannot be read."""
    here: bool
    """Written on this laptop."""
    known: bool = True
    """Whose it is is known (``False``: ``name`` says "another laptop")."""

    def words(self) -> str:
        """Who and when in words: "Core Lead, 3 December 2026 at 14:05", or just who."""
        if self.at is None:
            return self.name
        moment = london(self.at)
        return _("{who}, {day} at {time}").format(
            who=self.name, day=long_date(moment.date()), time=clock(moment)
        )


class Authors:
    """The people behind the installations of this database's versions."""

    def __init__(self, session: Session) -> None:
        self.session = session
        installation = session.get(Installation, 1)
        self.own = installation.installation_id if installation else ""
        self._names: dict[str, str] | None = None

    def _people(self) -> dict[str, str]:
        if self._names is None:
            rows = self.session.exec(
                select(BundleLog.installation_id, Adviser.name)
                .join(Adviser, col(Adviser.id) == col(BundleLog.peer_id))
                .where(col(BundleLog.installation_id).is_not(None))
                .order_by(col(BundleLog.at))
            ).all()
            self._names = {node: name for node, name in rows if node}
        return self._names

    def of(self, version: str) -> Authorship:
        """Who wrote ``version``, and when."""
        try:
            parsed = Version.parse(version)
        except ClockError:
            return Authorship(_("another laptop"), None, here=False, known=False)
        at = datetime.fromtimestamp(parsed.millis / 1000, tz=UTC)
        if parsed.node == self.own:
            return Authorship(_("you"), at, here=True)
        name = self._people().get(parsed.node)
        return Authorship(name or _("another laptop"), at, here=False, known=bool(name))


class ValueWords:
    """A stored value of a record's field as a person reads it."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._advisers: dict[str, str] = {}

    def shown(self, table: str, name: str, value: Any) -> str:
        """``value`` of ``table``'s field ``name`` in words (``""`` for none)."""
        if value is None or value == "":
            return ""
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        kind = _ENUMS.get((table, name))
        if kind is not None:
            try:
                return label(kind(str(value)))
            except ValueError:  # a value a newer version wrote: shown, not lost
                return str(value)
        if name in ("adviser_id", "author_id") and isinstance(value, str):
            return self._adviser(value)
        if name in ("category", "previous_category") and isinstance(value, str):
            found = category_scheme(self.session).find(value)
            return found.label if found is not None else value
        if isinstance(value, str) and name in ("judged_on", "due", "closed_on", "changed_on"):
            try:
                return long_date(date.fromisoformat(value))
            except ValueError:
                return value
        if isinstance(value, str) and name in ("start", "end"):  # London wall-clock
            try:
                return day_and_time(datetime.fromisoformat(value))
            except ValueError:
                return value
        return str(value)

    def _adviser(self, adviser_id: str) -> str:
        if adviser_id not in self._advisers:
            adviser = self.session.get(Adviser, adviser_id)
            self._advisers[adviser_id] = adviser.name if adviser is not None else adviser_id
        return self._advisers[adviser_id]
