"""When a délai whose clock may freeze is due (private module; Contract §5.2.4.1).

One function, :func:`due`, for :meth:`SlaPolicy.due <libriciel_terms.sla.SlaPolicy.due>` and
the evaluation of tickets: the instant a délai counted from ``start`` expires, the clock stopped
during the freeze intervals. The rule (docs/slas.md, "The freeze rule"):

- the clock runs while not frozen; the due instant is where the running time reaches the délai;
  a freeze starting at or after that instant is not applied;
- délais in business hours walk from ``start``, spending the délai on the running stretches
  between freezes;
- délais in days (jours ouvrés, civil counting) are first turned into their unfrozen due instant,
  then pushed later by each freeze's business time while the freeze starts before it (``add`` is
  additive, so both ways agree on business hours);
- délais in calendar units (hours, days, months, years) are pushed by each freeze's elapsed
  time.

Freezes must be merged, sorted, in UTC and not before ``start`` (:func:`_intervals.merge` with
``after=``). Civil deadlines in days depend only on the local day of ``start``; they are
memoised per schedule, day and délai, since a year of tickets asks the same few hundred.

This module is the seam for bulk computation: :func:`dues` takes many requests at once, and
:func:`due_keys` computes the due instants of many starts sharing one délai over numpy arrays
(the ``fast`` extra), with ``BusinessHours.add_many`` and ``elapsed_many``: the same rule, step
by step over the freezes of every start at once, each element equal to :func:`due`.

>>> from zoneinfo import ZoneInfo
>>> from libriciel_terms.hours import BusinessHours
>>> paris = ZoneInfo("Europe/Paris")
>>> hours = BusinessHours.comelus()
>>> start = dt.datetime(2024, 10, 15, 10, 0, tzinfo=paris)
>>> freeze = (dt.datetime(2024, 10, 16, 7, 0, tzinfo=dt.UTC), dt.datetime(2024, 10, 16, 9, 0, tzinfo=dt.UTC))
>>> at, applied = due(hours, start, Delay.working_days(3), (freeze,))
>>> at.isoformat(), len(applied)
('2024-10-21T11:00:00+02:00', 1)
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from libriciel_terms._index import HOUR, instant_of, key_of
from libriciel_terms._intervals import Interval
from libriciel_terms.delays import Delay
from libriciel_terms.errors import OutOfRangeError
from libriciel_terms.hours import BusinessHours

__all__ = [
    "NONE",
    "Request",
    "bulk_supported",
    "due",
    "due_keys",
    "dues",
    "instant",
    "key",
    "numpy",
]

#: One due instant to compute: the schedule, the start, the délai and the merged freezes.
Request = tuple[BusinessHours, dt.datetime, Delay, Sequence[Interval]]

_BY_DAY = frozenset({"working_days", "ouvrable_days"})
_CALENDAR = frozenset({"hours", "days", "months", "years"})


@functools.lru_cache(maxsize=8192)
def _day_deadline(hours: BusinessHours, ordinal: int, delay: Delay) -> dt.datetime:
    start = dt.datetime.combine(dt.date.fromordinal(ordinal), dt.time(12), tzinfo=hours.zone)
    return hours.deadline(start, delay)


@functools.lru_cache(maxsize=512)
def _hours(amount: int) -> dt.timedelta:
    return dt.timedelta(hours=amount)


def _deadline(hours: BusinessHours, start: dt.datetime, delay: Delay) -> dt.datetime:
    unit = delay.unit
    if unit == "business_hours":
        return hours.add(start, _hours(delay.amount))
    if unit in _BY_DAY and delay.counting == "civil" and delay.amount:
        return _day_deadline(hours, _local_day(start, hours), delay)
    return hours.deadline(start, delay)


def _local_day(start: dt.datetime, hours: BusinessHours) -> int:
    try:
        return start.astimezone(hours.zone).toordinal()
    except OverflowError:
        raise OutOfRangeError(
            f"{start!r} has no date in {hours.zone.key} between years 1 and 9999"
        ) from None


def due(
    hours: BusinessHours, start: dt.datetime, delay: Delay, freezes: Sequence[Interval]
) -> tuple[dt.datetime, tuple[Interval, ...]]:
    """The due instant in ``hours``' zone, and the freezes that moved it."""
    if not freezes:
        return _deadline(hours, start, delay), ()
    applied: list[Interval] = []
    if delay.unit == "business_hours":
        cursor, remaining = start, dt.timedelta(hours=delay.amount)
        for fs, fe in freezes:
            running = hours.elapsed(cursor, fs)
            if running >= remaining:
                break
            remaining -= running
            applied.append((fs, fe))
            cursor = fe
        return hours.add(cursor, remaining), tuple(applied)
    at = _deadline(hours, start, delay)
    calendar = delay.unit in _CALENDAR
    for fs, fe in freezes:
        if fs >= at:
            break
        applied.append((fs, fe))
        at = _later(at, fe - fs, hours) if calendar else hours.add_elapsed(at, fs, fe)
    return at, tuple(applied)


def _later(at: dt.datetime, elapsed: dt.timedelta, hours: BusinessHours) -> dt.datetime:
    try:
        return (at.astimezone(dt.UTC) + elapsed).astimezone(hours.zone)
    except OverflowError:
        raise OutOfRangeError(f"{at!r} + {elapsed!r} is after the year 9999") from None


def dues(requests: Sequence[Request]) -> list[tuple[dt.datetime, tuple[Interval, ...]]]:
    """:func:`due` of every request, in order (the bulk seam; a loop today)."""
    return [due(hours, start, delay, freezes) for hours, start, delay, freezes in requests]


#: The key of no instant (an event not recorded, a freeze still open): later than any instant.
NONE = 2**62


def key(at: dt.datetime | None) -> int:
    """An aware instant as µs on the UTC line (``_index.key_of``), :data:`NONE` for ``None``."""
    return NONE if at is None else key_of(at)


def instant(key: int, zone: ZoneInfo) -> dt.datetime:
    """The instant of a key, in ``zone``."""
    return instant_of(key, zone)


def numpy() -> Any:
    """The numpy module, or :class:`~libriciel_terms.errors.OptionalDependencyError`."""
    from libriciel_terms import _bulk

    return _bulk.numpy()


def bulk_supported(delay: Delay) -> bool:
    """Whether :func:`due_keys` computes this délai (business hours, civil jours ouvrés or
    ouvrables); the others go through :func:`due` one by one."""
    if delay.unit == "business_hours":
        return True
    return delay.unit in _BY_DAY and delay.counting == "civil" and delay.amount > 0


def due_keys(
    hours: BusinessHours, delay: Delay, starts: Any, freeze_starts: Any, freeze_ends: Any
) -> tuple[Any, Any]:
    """:func:`due` of many starts sharing ``delay``, over numpy arrays of keys.

    ``starts`` (m,) keys; ``freeze_starts`` and ``freeze_ends`` (m, k) keys, each row's freezes
    merged, sorted, not before its start, padded with :data:`NONE` starts. Returns the keys of
    the due instants and how many freezes (a prefix of each row's) moved each.
    """
    from libriciel_terms import _bulk

    np = _bulk.numpy()
    size = starts.size
    applied = np.zeros(size, dtype=np.int64)
    if delay.unit == "business_hours":
        cursor = starts.copy()
        remaining = np.full(size, delay.amount * HOUR, dtype=np.int64)
        for k in range(freeze_starts.shape[1]):
            fs, fe = freeze_starts[:, k], freeze_ends[:, k]
            live = np.flatnonzero(fs != NONE)
            running = _elapsed(hours, cursor[live], fs[live])
            go = running < remaining[live]
            moved = live[go]
            remaining[moved] -= running[go]
            applied[moved] += 1
            cursor[moved] = fe[moved]
        return _add(hours, cursor, remaining), applied
    days = _bulk._span_for(hours, starts, None)[1]
    unique, where = np.unique(days, return_inverse=True)
    firsts = [key_of(_day_deadline(hours, int(day), delay)) for day in unique]
    at = np.array(firsts, dtype=np.int64)[where.reshape(-1)]
    for k in range(freeze_starts.shape[1]):
        fs, fe = freeze_starts[:, k], freeze_ends[:, k]
        live = np.flatnonzero((fs != NONE) & (fs < at))
        at[live] = _add(hours, at[live], _elapsed(hours, fs[live], fe[live]))
        applied[live] += 1
    return at, applied


def _elapsed(hours: BusinessHours, first: Any, last: Any) -> Any:
    from libriciel_terms import _bulk

    if not first.size:
        return first.copy()
    np = _bulk.numpy()
    result = hours.elapsed_many(_bulk.keys_to_utc(first), _bulk.keys_to_utc(last))
    return result.astype("timedelta64[us]").astype(np.int64)


def _add(hours: BusinessHours, at: Any, amounts: Any) -> Any:
    from libriciel_terms import _bulk

    if not at.size:
        return at.copy()
    np = _bulk.numpy()
    result = hours.add_many(_bulk.keys_to_utc(at), amounts.astype("timedelta64[us]"))
    return _bulk.utc_to_keys(result.astype("datetime64[us]").astype(np.int64))


def _clear_caches() -> None:
    _day_deadline.cache_clear()
    _hours.cache_clear()
