"""Half-open intervals of instants ``[start, end)`` (private module).

Used for clock freezes (contract §5.2.4.1), outages and planned maintenance (§2.5.1, §2.8).
Every function takes and returns tuples ``(start, end)``; :func:`checked` validates input
pairs and converts them to UTC, where instants compare as instants (two datetimes sharing one
``ZoneInfo`` compare by wall clock and ignore ``fold``). :func:`merge` sorts; :func:`clip` and
:func:`subtract` expect merged input (sorted, disjoint) and run in linear time with two
pointers.

>>> from datetime import datetime, timezone
>>> t = lambda h: datetime(2024, 10, 16, h, tzinfo=timezone.utc)
>>> merged = merge([(t(9), t(11)), (t(10), t(12)), (t(12), t(13)), (t(15), t(15)), (t(6), t(8))])
>>> [(a.hour, b.hour) for a, b in merged]
[(6, 8), (9, 13)]
>>> [(a.hour, b.hour) for a, b in subtract(merged, merge([(t(7), t(10)), (t(11), t(12))]))]
[(6, 7), (10, 11), (12, 13)]
>>> [(a.hour, b.hour) for a, b in clip(merged, t(7), t(10))]
[(7, 8), (9, 10)]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TypeAlias

from libriciel_terms import _validate
from libriciel_terms.errors import WrongTypeError

__all__ = ["Interval", "checked", "clip", "merge", "subtract", "total"]

#: A half-open interval ``[start, end)`` of aware instants.
Interval: TypeAlias = tuple[dt.datetime, dt.datetime]

_UTC = dt.UTC


def checked(name: str, value: object) -> list[Interval]:
    """Validate an iterable of ``(start, end)`` pairs of aware instants; return them in UTC."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongTypeError(
            f"{name}={value!r} is not an iterable of (start, end) pairs of aware datetimes"
        )
    result: list[Interval] = []
    for i, pair in enumerate(value):
        # Cheap check first (this runs on every due()); the detailed one explains a refusal.
        if (
            type(pair) is tuple
            and len(pair) == 2
            and type(pair[0]) is dt.datetime
            and type(pair[1]) is dt.datetime
            and pair[0].utcoffset() is not None
            and pair[1].utcoffset() is not None
        ):
            start, end = _validate.utc(pair[0]), _validate.utc(pair[1])
            if start <= end:
                result.append((start, end))
                continue
        start, end = _validate.interval(f"{name}[{i}]", pair)
        result.append((_validate.utc(start), _validate.utc(end)))
    return result


def merge(
    intervals: Iterable[Interval], *, after: dt.datetime | None = None
) -> tuple[Interval, ...]:
    """Sort and merge: overlapping or touching intervals become one, empty ones disappear; with
    ``after``, what lies before that instant is cut off."""
    pieces = sorted(
        (max(s, after) if after is not None else s, e)
        for s, e in intervals
        if after is None or e > after
    )
    merged: list[Interval] = []
    for s, e in pieces:
        if e <= s:
            continue
        if merged and s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return tuple(merged)


def clip(
    intervals: Sequence[Interval], start: dt.datetime, end: dt.datetime
) -> tuple[Interval, ...]:
    """The parts of merged ``intervals`` inside ``[start, end)``."""
    return tuple((max(s, start), min(e, end)) for s, e in intervals if s < end and e > start)


def subtract(pieces: Sequence[Interval], holes: Sequence[Interval]) -> tuple[Interval, ...]:
    """``pieces`` minus ``holes``, both merged; linear in their total length."""
    result: list[Interval] = []
    j = 0
    for s, e in pieces:
        while j < len(holes) and holes[j][1] <= s:
            j += 1
        cursor = s
        k = j
        while k < len(holes) and holes[k][0] < e:
            hole_start, hole_end = holes[k]
            if hole_start > cursor:
                result.append((cursor, hole_start))
            cursor = max(cursor, hole_end)
            if hole_end >= e:
                break
            k += 1
        if cursor < e:
            result.append((cursor, e))
    return tuple(result)


def total(intervals: Iterable[Interval]) -> dt.timedelta:
    """The summed length of disjoint intervals (elapsed time)."""
    return sum((e - s for s, e in intervals), dt.timedelta())
