"""The one error family services raise; ``str()`` is a sentence for the user."""

from __future__ import annotations


class ServiceError(Exception):
    """A use case cannot go ahead because the input or the situation is wrong."""


class NotFound(ServiceError):
    """A named record (school code, visit id, note id) does not exist."""


class InvalidInput(ServiceError):
    """The values given are wrong; ``problems`` lists each one."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


class NoIdentity(ServiceError):
    """This database has no identity yet (run ``sia-console init``)."""


class NotYours(ServiceError):
    """The record belongs to another adviser (it came in their bundle): it can be read here,
    and changed only by them."""


class NoteIsFinal(ServiceError):
    """The note has been finalised: its text is locked, only dated amendments may follow."""
