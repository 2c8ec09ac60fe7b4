"""A hybrid logical clock: versions that order changes across laptops.

A version is ``<13-digit milliseconds>.<5-digit counter>.<installation id>``, so plain
string comparison orders versions, and the installation id breaks ties
deterministically. The clock never goes backwards even when the wall clock does.

Versions also arrive from other laptops, in bundles, so they are read strictly (ASCII
digits of exactly the right widths, a short plain installation id) and the clock never
adopts one from further ahead than :data:`MAX_AHEAD_MS`: a version "from the year 2286"
would otherwise become this laptop's own clock, and every change made here afterwards
would carry it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MS_WIDTH = 13
_COUNTER_WIDTH = 5
MAX_MILLIS = 10**_MS_WIDTH - 1
MAX_COUNTER = 10**_COUNTER_WIDTH - 1
MAX_AHEAD_MS = 24 * 60 * 60 * 1000
"""How far ahead of a reference time (this machine's clock, a bundle's creation time) a
version may be: a day covers any honest skew of a laptop's clock and time zone."""

_VERSION = re.compile(r"([0-9]{13})\.([0-9]{5})\.([A-Za-z0-9-]{1,36})")


class ClockError(ValueError):
    """A version cannot be read, or lies too far ahead to be believed."""


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
        """Read a version written by ``str()``; raise :class:`ClockError` if malformed."""
        match = _VERSION.fullmatch(text) if isinstance(text, str) else None
        if match is None:
            raise ClockError(f"not a clock version: {text!r:.80}")
        return cls(int(match[1]), int(match[2]), match[3])

    def ahead_of(self, reference_millis: int) -> bool:
        """Whether this version is further ahead of ``reference_millis`` than is believable."""
        return self.millis > reference_millis + MAX_AHEAD_MS


class HybridClock:
    """Issues strictly increasing versions for one installation."""

    def __init__(self, node: str, last: Version | None = None) -> None:
        self.node = node
        self._last = last or Version(0, 0, node)

    @property
    def last(self) -> Version:
        """The most recent version issued or observed."""
        return self._last

    def _after(self, millis: int, counter: int) -> Version:
        """``(millis, counter)``, carried into the next millisecond when the counter is full."""
        if counter > MAX_COUNTER:
            millis, counter = millis + 1, 0
        return Version(min(millis, MAX_MILLIS), counter, self.node)

    def tick(self, now_millis: int) -> Version:
        """A new version for a local change made at ``now_millis``."""
        if now_millis > self._last.millis:
            self._last = Version(now_millis, 0, self.node)
        else:
            self._last = self._after(self._last.millis, self._last.counter + 1)
        return self._last

    def observe(self, remote: Version, now_millis: int) -> Version:
        """Advance past a version received from another installation.

        A version more than :data:`MAX_AHEAD_MS` ahead of ``now_millis`` is refused with
        :class:`ClockError` and changes nothing (an import checks this first).
        """
        if remote.ahead_of(now_millis):
            raise ClockError(f"a clock version too far ahead: {remote}")
        top = max(now_millis, self._last.millis, remote.millis)
        if top == self._last.millis == remote.millis:
            counter = max(self._last.counter, remote.counter) + 1
        elif top == self._last.millis:
            counter = self._last.counter + 1
        elif top == remote.millis:
            counter = remote.counter + 1
        else:
            counter = 0
        self._last = self._after(top, counter)
        return self._last
