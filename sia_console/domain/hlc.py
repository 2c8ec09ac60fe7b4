"""A hybrid logical clock: versions that order changes across laptops.

A version is ``<13-digit milliseconds>.<5-digit counter>.<installation id>``, so plain
string comparison orders versions, and the installation id breaks ties
deterministically. The clock never goes backwards even when the wall clock does.
"""

from __future__ import annotations

from dataclasses import dataclass

_MS_WIDTH = 13
_COUNTER_WIDTH = 5


@dataclass(frozen=True, order=True)
class Version:
    """One clock reading."""

    millis: int
    counter: int
    node: str

    def __str__(self) -> str:
        return f"{self.millis:0{_MS_WIDTH}d}.{self.counter:0{_COUNTER_WIDTH}d}.{self.node}"

    @classmethod
    def parse(cls, text: str) -> Version:
        """Read a version written by ``str()``; raise ``ValueError`` if malformed."""
        parts = text.split(".", 2)
        if len(parts) != 3 or len(parts[0]) != _MS_WIDTH or len(parts[1]) != _COUNTER_WIDTH:
            raise ValueError(f"not a clock version: {text!r}")
        if not (parts[0].isdigit() and parts[1].isdigit()) or not parts[2]:
            raise ValueError(f"not a clock version: {text!r}")
        return cls(int(parts[0]), int(parts[1]), parts[2])


class HybridClock:
    """Issues strictly increasing versions for one installation."""

    def __init__(self, node: str, last: Version | None = None) -> None:
        self.node = node
        self._last = last or Version(0, 0, node)

    @property
    def last(self) -> Version:
        """The most recent version issued or observed."""
        return self._last

    def tick(self, now_millis: int) -> Version:
        """A new version for a local change made at ``now_millis``."""
        if now_millis > self._last.millis:
            self._last = Version(now_millis, 0, self.node)
        else:
            self._last = Version(self._last.millis, self._last.counter + 1, self.node)
        return self._last

    def observe(self, remote: Version, now_millis: int) -> Version:
        """Advance past a version received from another installation."""
        top = max(now_millis, self._last.millis, remote.millis)
        if top == self._last.millis == remote.millis:
            counter = max(self._last.counter, remote.counter) + 1
        elif top == self._last.millis:
            counter = self._last.counter + 1
        elif top == remote.millis:
            counter = remote.counter + 1
        else:
            counter = 0
        self._last = Version(top, counter, self.node)
        return self._last
