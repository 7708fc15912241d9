"""Business time over arrays (private; :meth:`BusinessHours.add_many` and friends).

The same cumulative index as the scalar operations, laid out over the days an array spans as
one numpy array, so that positions and answers are found with vectorised ``searchsorted``. Every
element equals the scalar call: the same integer microseconds, the same closing-boundary rule;
elements whose day meets a clock change inside a window (none for the contract's schedules) are
answered by the scalar path itself.

Kinds in and out: a numpy ``datetime64`` array holds UTC instants (numpy's own convention) and
comes back as ``datetime64[us]`` in UTC; a tz-aware pandas ``DatetimeIndex`` or ``Series`` comes
back as the same kind in the schedule's zone; any other sequence of aware datetimes comes back
as a list of datetimes in the schedule's zone. numpy is the ``fast`` extra.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from libriciel_terms import _validate
from libriciel_terms._index import (
    DAY,
    Index,
    _midnight_offset,
    instant_of,
    key_of,
    transitions,
)
from libriciel_terms.errors import (
    EndBeforeStartError,
    InvalidScheduleError,
    NaiveDatetimeError,
    OptionalDependencyError,
    OutOfRangeError,
    WrongTypeError,
)

if TYPE_CHECKING:
    from libriciel_terms.hours import BusinessHours

_UNIX_DAY = dt.date(1970, 1, 1).toordinal()  # keys count from ordinal 0; numpy from 1970
_UNIX = _UNIX_DAY * DAY


def numpy() -> Any:
    """The numpy module, or an error that says which extra brings it."""
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - numpy is in the test extra
        raise OptionalDependencyError(
            "the array operations of BusinessHours need numpy: pip install 'libriciel-terms[fast]'"
        ) from None
    return np


# -- kinds in and out --------------------------------------------------------------------------


class _Kind:
    """How an input array was given, to give the answer back the same way."""

    def __init__(self, name: str, wrapper: Any = None, zone: Any = None) -> None:
        self.name = name  # "numpy", "index", "series" or "list"
        self.wrapper = wrapper
        self.zone = zone


def _pandas_instants(name: str, value: Any) -> tuple[Any, _Kind] | None:
    module = type(value).__module__
    if not module.startswith("pandas"):
        return None
    np = numpy()
    import pandas as pd

    series = type(value).__name__ == "Series"
    try:
        index = pd.DatetimeIndex(value)
    except (TypeError, ValueError):
        raise WrongTypeError(f"{name} is a pandas {type(value).__name__} of non-instants") from None
    if index.tz is None:
        raise NaiveDatetimeError(
            f"{name} is a pandas {type(value).__name__} without a time zone; localize it first, "
            f'e.g. {name}.tz_localize("Europe/Paris")'
        )
    if index.hasnans:
        raise WrongTypeError(f"{name}[{int(np.flatnonzero(index.isna())[0])}] is NaT")
    kind = _Kind("series" if series else "index", value)
    unit = getattr(index, "unit", "ns")  # the values are UTC counts of this unit since 1970
    if unit == "ns":
        return _from_ns(name, index.asi8), kind
    per_us = {"us": 1, "ms": 1000, "s": 1_000_000}[unit]
    return index.asi8 * per_us + _UNIX, kind


def _from_ns(name: str, nanos: Any) -> Any:
    np = numpy()
    if np.any(nanos % 1000):
        at = int(np.flatnonzero(nanos % 1000)[0])
        raise OutOfRangeError(
            f"{name}[{at}] has nanoseconds; business time counts whole microseconds: round "
            f"first, e.g. {name}.floor('us')"
        )
    return nanos // 1000 + _UNIX


def instants(name: str, value: Any) -> tuple[Any, _Kind]:
    """Keys (µs on the UTC line, int64) of an array of instants, and how it was given."""
    np = numpy()
    found = _pandas_instants(name, value)
    if found is not None:
        return found
    if isinstance(value, np.ndarray):
        if value.dtype.kind != "M":
            raise WrongTypeError(f"{name} is a numpy array of {value.dtype}, not of datetime64")
        if np.isnat(value).any():
            raise WrongTypeError(f"{name}[{int(np.flatnonzero(np.isnat(value))[0])}] is NaT")
        return _from_ns(name, value.astype("datetime64[ns]").astype(np.int64)), _Kind("numpy")
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise WrongTypeError(
            f"{name}={value!r} is not an array of instants; pass a list of aware datetimes, a "
            f"numpy datetime64 array or a tz-aware pandas DatetimeIndex"
        )
    utc = dt.UTC
    keys = [key_of(_validate.localized(f"{name}[{i}]", v, utc)) for i, v in enumerate(value)]  # type: ignore[arg-type]
    return np.array(keys, dtype=np.int64), _Kind("list")


def durations(name: str, value: Any, size: int) -> Any:
    """Microseconds (int64) of one duration or an array of them, broadcast to ``size``."""
    np = numpy()
    if isinstance(value, dt.timedelta):
        amounts = np.full(size, (value.days * 86_400 + value.seconds) * 10**6 + value.microseconds)
    elif type(value).__module__.startswith("pandas"):
        amounts = (
            _from_ns(name, np.asarray(value, dtype="timedelta64[ns]").astype(np.int64)) - _UNIX
        )
    elif isinstance(value, np.ndarray) and value.dtype.kind == "m":
        amounts = _from_ns(name, value.astype("timedelta64[ns]").astype(np.int64)) - _UNIX
    elif isinstance(value, Sequence) and not isinstance(value, (str, bytes)):
        for i, item in enumerate(value):
            if not isinstance(item, dt.timedelta):
                raise WrongTypeError(f"{name}[{i}]={item!r} is not a timedelta")
        amounts = np.array(
            [(d.days * 86_400 + d.seconds) * 10**6 + d.microseconds for d in value], dtype=np.int64
        )
    else:
        raise WrongTypeError(f"{name}={value!r} is not a timedelta nor an array of timedeltas")
    if amounts.shape != (size,):
        raise WrongTypeError(f"{name} has {amounts.size} elements; pass {size}, or one timedelta")
    if (amounts < 0).any():
        at = int(np.flatnonzero(amounts < 0)[0])
        raise OutOfRangeError(f"{name}[{at}] is negative; pass durations >= timedelta(0)")
    return amounts.astype(np.int64)


def keys_to_utc(keys: Any) -> Any:
    """Keys as a numpy ``datetime64[us]`` array of UTC instants."""
    return (keys - _UNIX).astype("datetime64[us]")


def utc_to_keys(micros: Any) -> Any:
    """Keys from µs since 1970-01-01 UTC (``datetime64[us]`` as int64)."""
    return micros + _UNIX


def give_back_instants(keys: Any, kind: _Kind, schedule: BusinessHours) -> Any:
    np = numpy()
    if kind.name == "numpy":
        return (keys - _UNIX).astype("datetime64[us]")
    if kind.name in ("index", "series"):
        import pandas as pd

        utc = pd.DatetimeIndex((keys - _UNIX).astype("datetime64[us]"), tz="UTC")
        local = utc.tz_convert(schedule.zone.key)
        if kind.name == "index":
            return local.rename(kind.wrapper.name)
        return pd.Series(local, index=kind.wrapper.index, name=kind.wrapper.name)
    del np
    return [instant_of(int(key), schedule.zone) for key in keys]


# -- the index laid over a span of days ---------------------------------------------------------


class Span:
    """The index of a schedule over whole years ``first … last``, as numpy arrays."""

    def __init__(self, index: Index, first: int, last: int) -> None:
        np = numpy()
        self.index = index
        self.first_year, self.last_year = first, last
        self.first = dt.date(first, 1, 1).toordinal()
        busy: list[Any] = []
        ouvres: list[Any] = []
        ouvrables: list[Any] = []
        special: list[int] = []
        b = o = ob = 0
        for year in range(first, last + 1):
            table = index.table(year)
            busy.append(np.frombuffer(table.busy, dtype=np.int64)[:-1] + b)
            ouvres.append(np.frombuffer(table.ouvres, dtype=np.uint16)[:-1].astype(np.int64) + o)
            ouvrables.append(
                np.frombuffer(table.ouvrables, dtype=np.uint16)[:-1].astype(np.int64) + ob
            )
            special.extend(table.special)
            b, o, ob = b + table.busy[-1], o + table.ouvres[-1], ob + table.ouvrables[-1]
        self.busy = np.concatenate([*busy, [b]]).astype(np.int64)
        self.ouvres = np.concatenate([*ouvres, [o]]).astype(np.int64)
        self.ouvrables = np.concatenate([*ouvrables, [ob]]).astype(np.int64)
        self.special = np.array(sorted(special), dtype=np.int64)
        self.last = self.first + len(self.busy) - 2
        self._day_of: Any = None

    def with_windows(self) -> Span:
        """Add the per-day window tables and clock changes (instants need them, days do not)."""
        np = numpy()
        self._offsets(np)
        self._windows(np)
        return self

    def day_of(self, m: Any) -> Any:
        """The span's day index holding the ``m``-th jour ouvré (a table, not a search)."""
        np = numpy()
        if self._day_of is None:
            self._day_of = np.searchsorted(self.ouvres, np.arange(int(self.ouvres[-1]) + 1))
        return self._day_of[m] - 1

    def _windows(self, np: Any) -> None:
        """Per window rank k and day i: opening, length, business µs before it, opening key."""
        widest = max(1, *(len(day) for day in self.index.windows_us))
        opens = np.zeros((widest, 7), dtype=np.int64)
        lengths = np.zeros((widest, 7), dtype=np.int64)
        for weekday, day in enumerate(self.index.windows_us):
            for k, (o, c) in enumerate(day):
                opens[k, weekday], lengths[k, weekday] = o, c - o
        days = np.arange(self.first, self.last + 1, dtype=np.int64)
        weekday = (days - 1) % 7
        working = self.busy[1:] > self.busy[:-1]  # a holiday holds no window
        self.opens = opens[:, weekday]
        self.lengths = np.where(working, lengths[:, weekday], 0)
        self.before = np.cumsum(self.lengths, axis=0) - self.lengths
        walls = days * DAY + self.opens
        offsets = self.offset_at(walls - self.offset_at(walls))
        self.open_keys = walls - self.offset_at(walls - offsets)

    def _offsets(self, np: Any) -> None:
        zone = self.index.zone
        changes = sorted(
            {
                c
                for year in range(self.first_year - 1, self.last_year + 2)
                for c in _changes(zone, year)
            }
        )
        start = _midnight_offset(zone, self.first)  # the offset when nothing changes nearby
        self.change_keys = np.array([c[0] for c in changes], dtype=np.int64)
        self.change_offsets = np.array(
            [changes[0][1] if changes else start] + [c[2] for c in changes], dtype=np.int64
        )

    def offset_at(self, keys: Any) -> Any:
        np = numpy()
        if not self.change_keys.size:
            return np.full_like(keys, self.change_offsets[0])
        return self.change_offsets[np.searchsorted(self.change_keys, keys, side="right")]

    def walls(self, keys: Any) -> tuple[Any, Any]:
        """(day ordinals, µs since local midnight) of instants."""
        days, tods = numpy().divmod(keys + self.offset_at(keys), DAY)
        return days, tods

    def positions(self, ordinals: Any, tods: Any) -> Any:
        """Business µs from the span's start to each (day, time of day)."""
        np = numpy()
        i = ordinals - self.first
        position = self.busy[i]
        for k in range(self.opens.shape[0]):  # a few windows a day: one pass each
            inside = np.subtract(tods, self.opens[k][i])
            np.maximum(inside, 0, out=inside)
            position += np.minimum(inside, self.lengths[k][i], out=inside)
        return position

    def locate(self, targets: Any) -> tuple[Any, Any]:
        """(day ordinals, keys) of the earliest instants at ``targets`` (> 0 business µs).

        Exact on days without a clock change inside a window (the others are answered apart).
        """
        np = numpy()
        j = np.searchsorted(self.busy, targets, side="left") - 1
        remaining = targets - self.busy[j]
        keys = self.open_keys[0][j] + remaining
        for k in range(1, self.opens.shape[0]):  # past window k - 1: into window k
            before = self.before[k][j]
            keys = np.where(remaining > before, self.open_keys[k][j] + remaining - before, keys)
        return self.first + j, keys


def _changes(zone: Any, year: int) -> tuple[tuple[int, int, int], ...]:
    if not 1 <= year <= 9999:
        return ()
    return transitions(zone, year)


def _years(keys: Any) -> tuple[int, int]:
    low = dt.date.fromordinal(max(1, int(keys.min()) // DAY)).year
    high = dt.date.fromordinal(min(dt.date.max.toordinal(), int(keys.max()) // DAY + 1)).year
    return low, high


def _span_for(schedule: BusinessHours, keys: Any, extra: Any) -> tuple[Span, Any, Any, Any]:
    """A span over the years of ``keys``, grown until ``extra`` business µs fit after them.

    Returns the span and the days, times of day and positions of ``keys`` in it.
    """
    index = schedule._index()
    first, last = _years(keys)
    if extra is not None and extra.size and index.week_us:
        # room for the largest duration at once (a year has 52 weeks, fewer with holidays)
        last = min(9999, last + 1 + int(extra.max()) // (index.week_us * 45))
    while True:
        span = Span(index, first, last).with_windows()
        ordinals, tods = span.walls(keys)
        positions = span.positions(ordinals, tods)
        top = int(positions.max()) + (0 if extra is None else int(extra.max()))
        if top <= span.busy[-1]:
            return span, ordinals, tods, positions
        years = max(1, (top - int(span.busy[-1])) // max(1, index.week_us * 52) + 1)
        if last + years > 9999:
            raise OutOfRangeError("a result falls after year 9999; pass shorter durations")
        last += years


def _instant(key: Any) -> dt.datetime:
    return dt.datetime(1, 1, 1, tzinfo=dt.UTC) + dt.timedelta(microseconds=int(key) - DAY)


#: Elements reaching further than this many years are answered by the scalar path, and groups of
#: elements further apart than this get spans of their own: a span never covers empty decades.
NEAR_YEARS = 4


def _year_of(ordinals: Any) -> Any:
    np = numpy()
    days = (ordinals - _UNIX_DAY).astype("datetime64[D]")
    return days.astype("datetime64[Y]").astype(np.int64) + 1970


def _chosen(near: Any, group: Any, size: int) -> Any:
    """The elements of a group: a plain slice (no copies) when it is every element in order."""
    if group.size == size and near.size == size and group[0] == 0 and group[-1] == size - 1:
        return slice(None)
    return near[group]


def _groups(ordinals: Any) -> list[Any]:
    """Indexes of the elements, in groups of nearby years."""
    np = numpy()
    if int(ordinals.max()) - int(ordinals.min()) <= NEAR_YEARS * 365:
        return [np.arange(ordinals.size)]
    years = _year_of(ordinals)
    order = np.argsort(years, kind="stable")
    breaks = np.flatnonzero(np.diff(years[order]) > NEAR_YEARS) + 1
    return [group for group in np.split(order, breaks) if group.size]


def add_many(schedule: BusinessHours, starts: Any, amounts_in: Any) -> Any:
    """:meth:`BusinessHours.add` of each start and duration."""
    np = numpy()
    keys, kind = instants("starts", starts)
    amounts = durations("durations", amounts_in, keys.size)
    result = keys.copy()
    index = schedule._index()
    if not index.week_us and amounts.any():
        raise InvalidScheduleError(f"{schedule.describe()!r} is never open; nothing can be added")
    far = amounts > NEAR_YEARS * 52 * index.week_us
    near = np.flatnonzero(~far)
    for group in _groups(keys[near] // DAY) if near.size else []:
        chosen = _chosen(near, group, keys.size)
        try:
            result[chosen] = _add_near(schedule, keys[chosen], amounts[chosen])
        except OutOfRangeError:  # the span reaches years the calendar refuses: one by one
            far[chosen] = True
    for at in np.flatnonzero(far):
        due = schedule.add(_instant(keys[at]), dt.timedelta(microseconds=int(amounts[at])))
        result[at] = key_of(due)
    return give_back_instants(result, kind, schedule)


def _add_near(schedule: BusinessHours, keys: Any, amounts: Any) -> Any:
    np = numpy()
    span, ordinals, _tods, positions = _span_for(schedule, keys, amounts)
    moved = amounts > 0
    days, found = span.locate(np.where(moved, positions + amounts, 1))
    result = np.where(moved, found, keys)
    if not span.special.size:
        return result
    odd = np.isin(ordinals, span.special) | (moved & np.isin(days, span.special))
    odd |= moved & np.isin(days + 1, span.special)  # a closing at 24:00 is the next day's start
    for at in np.flatnonzero(odd):
        due = schedule.add(_instant(keys[at]), dt.timedelta(microseconds=int(amounts[at])))
        result[at] = key_of(due)
    return result


def elapsed_many(schedule: BusinessHours, starts: Any, ends: Any) -> Any:
    """:meth:`BusinessHours.elapsed` of each start and end, as durations."""
    np = numpy()
    first, kind = instants("starts", starts)
    last, _ = instants("ends", ends)
    if first.shape != last.shape:
        raise WrongTypeError(f"starts has {first.size} elements and ends {last.size}; pass as many")
    if (last < first).any():
        at = int(np.flatnonzero(last < first)[0])
        raise EndBeforeStartError(
            f"ends[{at}] is before starts[{at}]; pass ends on or after starts (never swapped)"
        )
    return _give_back_durations(_elapsed_keys(schedule, first, last), kind)


def elapsed_each(
    schedule: BusinessHours, intervals: Sequence[tuple[dt.datetime, dt.datetime]]
) -> Any:
    """Microseconds (int64) of :meth:`BusinessHours.elapsed` of each ``(start, end)`` pair of
    ordered **UTC** instants, already checked (the availability report's outages and windows)."""
    np = numpy()
    flat = [
        d.toordinal() * DAY + (d.hour * 3600 + d.minute * 60 + d.second) * 1_000_000 + d.microsecond
        for pair in intervals
        for d in pair
    ]
    keys = np.array(flat, dtype=np.int64)
    return _elapsed_keys(schedule, keys[0::2], keys[1::2])


def _elapsed_keys(schedule: BusinessHours, first: Any, last: Any) -> Any:
    np = numpy()
    micros = np.zeros(first.size, dtype=np.int64)
    far = last - first > NEAR_YEARS * 365 * DAY
    near = np.flatnonzero(~far)
    for group in _groups(first[near] // DAY) if near.size else []:
        chosen = _chosen(near, group, first.size)
        try:
            micros[chosen] = _elapsed_near(schedule, first[chosen], last[chosen])
        except OutOfRangeError:  # the span reaches years the calendar refuses: one by one
            far[chosen] = True
    for at in np.flatnonzero(far):
        micros[at] = _micros(schedule.elapsed(_instant(first[at]), _instant(last[at])))
    return micros


def _micros(delta: dt.timedelta) -> int:
    return (delta.days * 86_400 + delta.seconds) * 10**6 + delta.microseconds


def _elapsed_near(schedule: BusinessHours, first: Any, last: Any) -> Any:
    np = numpy()
    span, days, _tods, positions = _span_for(schedule, np.concatenate([first, last]), None)
    micros = positions[first.size :] - positions[: first.size]
    if not span.special.size:
        return micros
    odd = np.isin(days[: first.size], span.special) | np.isin(days[first.size :], span.special)
    for at in np.flatnonzero(odd):
        micros[at] = _micros(schedule.elapsed(_instant(first[at]), _instant(last[at])))
    return micros


def _give_back_durations(micros: Any, kind: _Kind) -> Any:
    deltas = micros.astype("timedelta64[us]")
    if kind.name == "numpy":
        return deltas
    if kind.name in ("index", "series"):
        import pandas as pd

        if kind.name == "index":
            return pd.TimedeltaIndex(deltas, name=kind.wrapper.name)
        return pd.Series(deltas, index=kind.wrapper.index, name=kind.wrapper.name)
    return [dt.timedelta(microseconds=int(m)) for m in micros]


def _days(name: str, value: Any) -> tuple[Any, _Kind]:
    """Day ordinals (int64) of an array of dates, and how it was given."""
    np = numpy()
    if type(value).__module__.startswith("pandas"):
        import pandas as pd

        series = type(value).__name__ == "Series"
        index = pd.DatetimeIndex(value)
        if index.tz is not None or index.hasnans or (index.normalize() != index).any():
            raise WrongTypeError(f"{name} holds times, NaT or a zone; pass dates (midnights)")
        values = np.asarray(index, dtype="datetime64[D]")
        return values.astype(np.int64) + _UNIX_DAY, _Kind("series" if series else "index", value)
    if isinstance(value, np.ndarray):
        if value.dtype != np.dtype("datetime64[D]"):
            raise WrongTypeError(f"{name} is a numpy array of {value.dtype}; pass datetime64[D]")
        if np.isnat(value).any():
            raise WrongTypeError(f"{name}[{int(np.flatnonzero(np.isnat(value))[0])}] is NaT")
        return value.astype(np.int64) + _UNIX_DAY, _Kind("numpy")
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise WrongTypeError(f"{name}={value!r} is not an array of dates")
    ordinals = [_validate.numpy_day(f"{name}[{i}]", day).toordinal() for i, day in enumerate(value)]
    return np.array(ordinals, dtype=np.int64), _Kind("list")


def _counts(name: str, value: Any, size: int) -> Any:
    np = numpy()
    if isinstance(value, np.ndarray) and value.dtype.kind in "iu":
        counts = value.astype(np.int64)
    elif isinstance(value, Sequence) and not isinstance(value, (str, bytes)):
        counts = np.array(
            [_validate.count(f"{name}[{i}]", n) for i, n in enumerate(value)], dtype=np.int64
        )
    else:
        counts = np.full(size, _validate.count(name, value), dtype=np.int64)
    if counts.shape != (size,):
        raise WrongTypeError(f"{name} has {counts.size} elements; pass {size}, or one int")
    return counts


def add_working_days_many(schedule: BusinessHours, days: Any, n: Any) -> Any:
    """:meth:`BusinessHours.add_working_days` of each day and count (civil counting)."""
    np = numpy()
    ordinals, kind = _days("days", days)
    steps = _counts("n", n, ordinals.size)
    result = ordinals.copy()
    far = np.abs(steps) > NEAR_YEARS * 250
    near = np.flatnonzero(~far & (steps != 0))
    for group in _groups(ordinals[near]) if near.size else []:
        chosen = near[group]
        try:
            result[chosen] = _working_days_near(schedule, ordinals[chosen], steps[chosen])
        except OutOfRangeError:  # the span reaches years the calendar refuses: one by one
            far[chosen] = True
    for at in np.flatnonzero(far):
        day = dt.date.fromordinal(int(ordinals[at]))
        result[at] = schedule.add_working_days(day, int(steps[at])).toordinal()
    return _give_back_days(result, kind)


def _working_days_near(schedule: BusinessHours, ordinals: Any, steps: Any) -> Any:
    np = numpy()
    reach = int(np.abs(steps).max()) * 7 // 5 + 30
    low = dt.date.fromordinal(max(1, int(ordinals.min()) - reach)).year
    high = dt.date.fromordinal(min(dt.date.max.toordinal(), int(ordinals.max()) + reach)).year
    span = Span(schedule._index(), low, high)
    cum = span.ouvres
    i = ordinals - span.first
    m = np.where(steps > 0, cum[i + 1] + steps, cum[i] + steps + 1)
    inside = (m >= 1) & (m <= cum[-1])
    result = span.first + span.day_of(np.where(inside, m, 1))
    for at in np.flatnonzero(~inside):  # a closure beyond the span: the scalar search
        day = dt.date.fromordinal(int(ordinals[at]))
        result[at] = schedule.add_working_days(day, int(steps[at])).toordinal()
    return result


def _give_back_days(ordinals: Any, kind: _Kind) -> Any:
    np = numpy()
    days = (ordinals - _UNIX_DAY).astype("datetime64[D]")
    if kind.name == "numpy":
        return days
    if kind.name in ("index", "series"):
        import pandas as pd

        if kind.name == "index":
            return pd.DatetimeIndex(days.astype("datetime64[s]"), name=kind.wrapper.name)
        return pd.Series(
            days.astype("datetime64[s]"), index=kind.wrapper.index, name=kind.wrapper.name
        )
    del np
    return [dt.date.fromordinal(int(o)) for o in ordinals]


# -- keys back to Python values (the reports of many tickets) ------------------------------------


def elapsed_keys(schedule: BusinessHours, first: Any, last: Any) -> Any:
    """Microseconds (int64) of :meth:`BusinessHours.elapsed` of each pair of keys, ordered."""
    np = numpy()
    if not first.size:
        return np.zeros(0, dtype=np.int64)
    return _elapsed_keys(schedule, first, last)


def _zone_table(zone: Any, first_year: int, last_year: int, first: int) -> tuple[Any, Any]:
    """The keys of the clock changes of ``zone`` around the years, and the offset (µs) in force
    before the first and after each (``first``: an ordinal, for a zone that never changes)."""
    np = numpy()
    changes = sorted(
        {c for year in range(first_year - 1, last_year + 2) for c in _changes(zone, year)}
    )
    start = _midnight_offset(zone, first)
    keys = np.array([c[0] for c in changes], dtype=np.int64)
    offsets = np.array([changes[0][1] if changes else start] + [c[2] for c in changes])
    return keys, offsets.astype(np.int64)


def local_walls(keys: Any, zone: Any) -> tuple[Any, Any]:
    """(µs on the wall clock of ``zone``, the ``fold`` of each) of keys of instants.

    ``fold`` is 1 for the second pass of a wall time repeated when the clock goes back, as
    ``datetime.astimezone`` gives it.
    """
    np = numpy()
    if not keys.size:
        return keys.copy(), np.zeros(0, dtype=bool)
    low, high = _years(keys)
    change_keys, offsets = _zone_table(zone, low, high, max(1, int(keys.min()) // DAY))
    if not change_keys.size:
        return keys + offsets[0], np.zeros(keys.shape, dtype=bool)
    after = np.searchsorted(change_keys, keys, side="right")
    offset = offsets[after]
    before = offsets[np.maximum(after - 1, 0)]
    since = keys - change_keys[np.maximum(after - 1, 0)]
    fold = (after > 0) & (before > offset) & (since < before - offset)
    return keys + offset, fold


def datetimes(keys: Any, zone: Any, none: int) -> list[dt.datetime | None]:
    """The aware datetimes in ``zone`` of keys (``none``: ``None``), each equal to
    ``instant_of(key, zone)`` and with the same ``fold``."""
    np = numpy()
    flat = keys.reshape(-1)
    present = flat != none
    result: list[dt.datetime | None] = [None] * flat.size
    if not present.any():
        return result
    chosen = np.flatnonzero(present)
    walls, folds = local_walls(flat[chosen], zone)
    if walls.min() < DAY or walls.max() >= (dt.date.max.toordinal() + 1) * DAY:
        for at in chosen.tolist():  # beyond the years 1-9999: the scalar refusal
            result[at] = instant_of(int(flat[at]), zone)
        return result
    naive = (walls - _UNIX).astype("datetime64[us]").tolist()
    for at, wall in zip(chosen.tolist(), naive, strict=True):
        result[at] = wall.replace(tzinfo=zone)
    for k in np.flatnonzero(folds).tolist():
        result[chosen[k]] = naive[k].replace(tzinfo=zone, fold=1)
    return result


def local_days(keys: Any, zone: Any) -> Any:
    """The day ordinals, on the wall clock of ``zone``, of keys of instants."""
    return local_walls(keys, zone)[0] // DAY


#: Business time to the ten-thousandth of an hour (``BusinessDuration.hours``).
_PER_QUANTUM = 360_000


def hours_decimals(micros: Any) -> list[Decimal | None]:
    """``BusinessDuration(m).hours`` of each count of microseconds (negative: ``None``).

    The same rounding (half away from zero, to 0.0001 h) and the same form: an integer when it
    is one, trailing zeros dropped otherwise.
    """
    np = numpy()
    units, rest = np.divmod(micros, _PER_QUANTUM)
    units = units + (2 * rest >= _PER_QUANTUM)
    made: dict[int, Decimal] = {}
    result: list[Decimal | None] = []
    for m, n in zip(micros.tolist(), units.tolist(), strict=True):
        if m < 0:
            result.append(None)
            continue
        value = made.get(n)
        if value is None:
            whole, part = divmod(n, 10_000)
            text = str(whole) if not part else f"{whole}.{part:04d}".rstrip("0")
            value = made[n] = Decimal(text)
        result.append(value)
    return result
