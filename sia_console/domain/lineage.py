"""What a version of a school's details knew of the others when it was written.

Two people may change a school's details: the core lead and the school's link adviser.
Their versions meet in bundles, and the later one wins (``services.sync.merge``). The
earlier one is a *conflict* for a person to look at only if the two were written
side by side — neither writer had seen the other's version. A clock alone cannot tell
that: a version written after the other was received is later by the clock too, and
so is one written in ignorance of it an hour later.

So every write of a school's details carries its lineage:

- ``details_known`` — for each installation whose versions of these details its writer
  had seen, the latest such version (a small version vector, as JSON: ``{node: version}``).
  A version *knows* another when that map holds the other's installation at that version
  or later: each installation's versions follow one another there.
- ``details_settled`` — the losing versions a person settled on the writer's laptop
  (chose between, in the conflict view), newest last (as JSON: ``[version, ...]``). The
  settlement travels with the record, so the other side's matching conflict is closed by
  it rather than asked again.

Both are read strictly (they arrive in bundles): :func:`read_known` and
:func:`read_settled` raise :class:`LineageError` on anything but the shapes above, within
:data:`MAX_KNOWN` installations and :data:`MAX_SETTLED` versions.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from sia_console.domain.hlc import ClockError, Version

MAX_KNOWN = 32
"""Installations a lineage names at most (a school's details have a handful of writers)."""
MAX_SETTLED = 16
"""Settled versions a record carries at most (the newest are kept)."""
MAX_TEXT = 4096
"""Characters either field holds at most."""


class LineageError(ValueError):
    """A lineage field that is not what sia-console writes."""


def _version(text: object) -> Version:
    if not isinstance(text, str):
        raise LineageError("a version is not text")
    try:
        return Version.parse(text)
    except ClockError as exc:
        raise LineageError("not a clock version") from exc


def read_known(text: str) -> dict[str, str]:
    """The version vector of ``details_known`` (empty text: nothing known)."""
    if not text:
        return {}
    if len(text) > MAX_TEXT:
        raise LineageError("too long")
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise LineageError("not JSON") from exc
    if not isinstance(data, dict) or len(data) > MAX_KNOWN:
        raise LineageError(f"not a map of at most {MAX_KNOWN} installations")
    for node, version in data.items():
        if _version(version).node != node:
            raise LineageError("a version filed under another installation")
    return dict(data)


def read_settled(text: str) -> list[str]:
    """The settled versions of ``details_settled`` (empty text: none)."""
    if not text:
        return []
    if len(text) > MAX_TEXT:
        raise LineageError("too long")
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise LineageError("not JSON") from exc
    if not isinstance(data, list) or len(data) > MAX_SETTLED:
        raise LineageError(f"not a list of at most {MAX_SETTLED} versions")
    for version in data:
        _version(version)
    return list(data)


def knows(known: Mapping[str, str], version: str, *, own: str = "") -> bool:
    """Whether a version whose lineage is ``known`` (and whose own clock is ``own``) had
    seen ``version`` when it was written."""
    if not version or version == own:
        return True
    node = version.rsplit(".", 1)[-1]
    if own and own.rsplit(".", 1)[-1] == node and own >= version:
        return True  # its own installation's earlier version
    seen = known.get(node)
    return seen is not None and seen >= version


def known_with(known: Mapping[str, str], versions: Iterable[str]) -> str:
    """``known`` with ``versions`` added, as the text ``details_known`` holds.

    When more than :data:`MAX_KNOWN` installations are named, the ones seen longest ago
    are dropped: a version that old is no longer in any conflict.
    """
    merged = dict(known)
    for version in versions:
        if not version:
            continue
        node = version.rsplit(".", 1)[-1]
        if merged.get(node, "") < version:
            merged[node] = version
    newest = sorted(merged.items(), key=lambda item: item[1])[-MAX_KNOWN:]
    return json.dumps(dict(sorted(newest)), separators=(",", ":")) if newest else ""


def settled_with(settled: Iterable[str], version: str) -> str:
    """``settled`` with ``version`` added last, as the text ``details_settled`` holds."""
    kept = [v for v in settled if v != version] + [version]
    return json.dumps(kept[-MAX_SETTLED:], separators=(",", ":"))


def problem(known_text: str, settled_text: str) -> str | None:
    """Which of the two fields is not what sia-console writes, or ``None``."""
    try:
        read_known(known_text)
    except LineageError:
        return "details_known"
    try:
        read_settled(settled_text)
    except LineageError:
        return "details_settled"
    return None
