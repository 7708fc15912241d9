"""The cumulative index behind business time (private to :mod:`libriciel_terms.hours`).

A schedule's index answers every business-time question with a binary search in per-year tables:
for each day of a year, the business time (µs), the jours ouvrés and the jours ouvrables before
it. Years are built on demand and kept, at most :data:`YEAR_TABLES` per schedule; a question that
spans many years adds up yearly totals (three integers a year, in compact arrays) instead of
building the years in between. Nothing here grows with the span of a question.

Time inside a window is *real* elapsed time. On the few days whose windows contain a clock
change (a window 01:00–04:00 on the March night holds two real hours, on the October night four),
the day keeps a :class:`Layout` of its open intervals in real time; every other day is measured on
the wall clock, which is then the same thing. So ``elapsed(start, add(start, d)) == d`` and
``add`` is monotonic on every schedule.

Indexes are shared by schedules with the same windows, holidays and zone (the name does not
count) and the most recently used :data:`SHARED_INDEXES` are kept after their schedules are
dropped; a schedule keeps its own index while it lives.
"""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Hashable, Iterable, Sequence
from typing import Literal, Protocol
from zoneinfo import ZoneInfo

from libriciel_terms.errors import InvalidScheduleError, OutOfRangeError

DAY = 86_400_000_000  # µs
SECOND = 1_000_000
HOUR = 3_600 * SECOND
MAX_ORDINAL = dt.date.max.toordinal()
MIN_YEAR, MAX_YEAR = 1, 9999
#: Day tables (one per year) kept per index: about 4.5 KiB each.
YEAR_TABLES = 64
#: Indexes kept after the last schedule using them is dropped (least recently used first out).
SHARED_INDEXES = 32
#: (zone, year) lists of clock changes kept.
ZONE_YEARS = 20_000
#: A search crossing more consecutive years without any business time (or qualifying day) than
#: this is refused: the holiday calendar closes every open day.
MAX_CLOSED_YEARS = 100

Counts = Literal["busy", "ouvres", "ouvrables"]
_COLUMN = {"busy": 0, "ouvres": 1, "ouvrables": 2}
_UTC_EPOCH = dt.datetime(1, 1, 1, tzinfo=dt.UTC)  # its key is DAY (ordinal 1)


def micros(delta: dt.timedelta) -> int:
    """A timedelta as an exact number of microseconds."""
    return (delta.days * 86_400 + delta.seconds) * SECOND + delta.microseconds


def key_of(local: dt.datetime) -> int:
    """An aware instant as µs on a single UTC line (``ordinal × DAY`` at UTC midnight)."""
    offset = local.utcoffset()
    assert offset is not None
    wall = (local.hour * 3600 + local.minute * 60 + local.second) * SECOND + local.microsecond
    return local.toordinal() * DAY + wall - micros(offset)


def instant_of(key: int, zone: ZoneInfo) -> dt.datetime:
    """The aware instant (in ``zone``) of a key; OutOfRangeError past the years 1–9999."""
    try:
        return (_UTC_EPOCH + dt.timedelta(microseconds=key - DAY)).astimezone(zone)
    except OverflowError:
        raise OutOfRangeError("the result falls outside the years 1–9999") from None


# -- clock changes of a zone -----------------------------------------------------------------

#: (key of the change, offset before, offset after), all in µs.
Transition = tuple[int, int, int]
_TRANSITIONS: dict[tuple[ZoneInfo, int], tuple[Transition, ...]] = {}
_TRANSITIONS_LOCK = threading.Lock()


def _midnight_offset(zone: ZoneInfo, ordinal: int) -> int:
    offset = zone.utcoffset(dt.datetime.fromordinal(ordinal))
    assert offset is not None
    return micros(offset)


def _wall_offset(zone: ZoneInfo, wall: int) -> int:
    """The offset (µs) at the wall time ``wall`` (µs since ordinal 0), first occurrence."""
    naive = dt.datetime.fromordinal(wall // DAY) + dt.timedelta(microseconds=wall % DAY)
    offset = zone.utcoffset(naive)
    assert offset is not None
    return micros(offset)


def _changed_days(zone: ZoneInfo, first: int, last: int) -> list[int]:
    """Days ``d`` in ``[first, last)`` whose midnight offset differs from the next midnight's.

    Midnights are sampled twice a month, then bisected: a zone that changes its offset and back
    within 16 days is not seen (no zone does; Morocco's Ramadan suspensions last a month).
    """
    offsets: dict[int, int] = {}

    def offset(ordinal: int) -> int:
        if ordinal not in offsets:
            offsets[ordinal] = _midnight_offset(zone, ordinal)
        return offsets[ordinal]

    found: list[int] = []

    def split(low: int, high: int) -> None:
        if offset(low) == offset(high):
            return
        if high - low == 1:
            found.append(low)
            return
        middle = (low + high) // 2
        split(low, middle)
        split(middle, high)

    samples = [*range(first, last, 15), last]
    for low, high in itertools.pairwise(samples):
        split(low, high)
    return found


def _changes_on(zone: ZoneInfo, low: int, high: int, out: dict[int, Transition]) -> None:
    """Every clock change whose wall time falls in ``(low, high]`` (wall µs, whole seconds).

    The offset at a wall time (its first occurrence) changes where the clocks show the end of a
    gap or of a repeated hour: the change itself happened ``max(before, after)`` earlier.
    """
    offsets: dict[int, int] = {}

    def offset(wall: int) -> int:
        if wall not in offsets:
            offsets[wall] = _wall_offset(zone, wall)
        return offsets[wall]

    def split(low: int, high: int) -> None:
        before, after = offset(low), offset(high)
        if before == after:
            return
        if high - low <= SECOND:
            key = high - max(before, after)
            out[key] = (key, before, after)
            return
        middle = low + (high - low) // 2 // SECOND * SECOND
        split(low, middle)
        split(middle, high)

    split(low, high)


def search_transitions(zone: ZoneInfo, year: int) -> tuple[Transition, ...]:
    """The clock changes of ``zone`` near ``year``, searched in the zone itself."""
    first = max(1, dt.date(year, 1, 1).toordinal() - 3)
    last = min(MAX_ORDINAL - 1, dt.date(year, 12, 31).toordinal() + 3)
    changes: dict[int, Transition] = {}
    for day in _changed_days(zone, first, last):
        _changes_on(zone, day * DAY, (day + 1) * DAY, changes)
    return tuple(sorted(changes.values()))


#: The Gregorian calendar repeats every 400 years (146,097 days); so do the rules a zone's clock
#: changes follow after its table of past changes ends (in the 21st century for every zone).
_CYCLE_YEARS, _CYCLE_DAYS = 400, 146_097
_RULES_ONLY_FROM = 2500


def transitions(zone: ZoneInfo, year: int) -> tuple[Transition, ...]:
    """The clock changes of ``zone`` near ``year`` (three days either side), in time order."""
    found = _TRANSITIONS.get((zone, year))
    if found is not None:
        return found
    if year >= _RULES_ONLY_FROM:
        shift = _CYCLE_DAYS * DAY
        earlier = transitions(zone, year - _CYCLE_YEARS)
        found = tuple((key + shift, before, after) for key, before, after in earlier)
    else:
        found = search_transitions(zone, year)
    with _TRANSITIONS_LOCK:
        if len(_TRANSITIONS) >= ZONE_YEARS:
            _TRANSITIONS.clear()
        _TRANSITIONS[(zone, year)] = found
    return found


# -- days with a clock change ------------------------------------------------------------------

Windows = tuple[tuple[int, int], ...]


class Layout:
    """A day whose windows meet a clock change: its open intervals in real time.

    ``start`` is the key of the first instant of the day; ``intervals`` are ``(a, b)`` µs after
    ``start``, in time order.
    """

    __slots__ = ("intervals", "start", "total")

    def __init__(self, start: int, intervals: tuple[tuple[int, int], ...]) -> None:
        self.start = start
        self.intervals = intervals
        self.total = sum(b - a for a, b in intervals)

    def position(self, key: int) -> int:
        """Business µs from the start of the day to the instant ``key``."""
        u = key - self.start
        return sum((u if u < b else b) - a for a, b in self.intervals if u > a)

    def locate(self, remaining: int, *, latest: bool) -> int:
        """The key at ``remaining`` business µs into the day (earliest, or latest, such)."""
        for a, b in self.intervals:
            if remaining < b - a or (remaining == b - a and not latest):
                return self.start + a + remaining
            remaining -= b - a
        raise AssertionError("layout and total disagree")  # pragma: no cover, no mutate

    def opening(self, key: int) -> int | None:
        """The opening key of the interval holding ``key`` (None if closed then)."""
        u = key - self.start
        for a, b in self.intervals:
            if a <= u < b:
                return self.start + a
        return None


def _segments(changes: Sequence[Transition]) -> list[tuple[int | None, int | None, int]]:
    """Constant-offset stretches ``(from key, to key, offset)``; None for open ends."""
    stretches: list[tuple[int | None, int | None, int]] = []
    low: int | None = None
    for key, before, _after in changes:
        stretches.append((low, key, before))
        low = key
    stretches.append((low, None, changes[-1][2]))
    return stretches


def _day_start(stretches: Sequence[tuple[int | None, int | None, int]], ordinal: int) -> int:
    """The key of the first instant whose local date is ``ordinal`` (dates move forward)."""
    midnight = ordinal * DAY
    for low, high, offset in stretches:
        if high is None or high + offset > midnight:
            start = midnight - offset
            return start if low is None else max(low, start)
    raise AssertionError("unreachable")  # pragma: no cover, no mutate


def day_layout(changes: Sequence[Transition], ordinal: int, windows: Windows) -> Layout:
    """The real-time layout of the day ``ordinal`` given the clock changes around it."""
    stretches = _segments(changes)
    start = _day_start(stretches, ordinal)
    end = _day_start(stretches, ordinal + 1)
    midnight = ordinal * DAY
    intervals: list[tuple[int, int]] = []
    for low, high, offset in stretches:
        lo = start if low is None else max(low, start)
        hi = end if high is None else min(high, end)
        for opens, closes in windows:
            a, b = max(lo, midnight + opens - offset), min(hi, midnight + closes - offset)
            if b > a:
                intervals.append((a - start, b - start))
    return Layout(start, tuple(intervals))


def _touches(windows: Windows, low: int, high: int) -> bool:
    """Whether a day's wall-clock handling meets the wall times ``[low, high)`` of a change.

    ``low``/``high`` are µs from the day's midnight: the wall times skipped (a gap) or repeated
    (a fold). A window is affected if it overlaps them or closes on their first instant (its
    closing instant would be a skipped or repeated wall time); the day's midnights are affected
    if the change reaches them.
    """
    if high < 0 or low > DAY:
        return False
    if low <= 0 or high >= DAY:
        return True
    return any(opens < high and closes >= low for opens, closes in windows)


def special_days(zone: ZoneInfo, year: int, windows_of: Sequence[Windows]) -> dict[int, Layout]:
    """The days of ``year`` that the wall clock cannot measure: a window meets a clock change."""
    changes = transitions(zone, year)
    if not changes:
        return {}
    first = dt.date(year, 1, 1).toordinal()
    last = dt.date(year, 12, 31).toordinal()
    found: dict[int, Layout] = {}
    for key, before, after in changes:
        low, high = sorted((key + before, key + after))
        for ordinal in range(max(first, low // DAY - 1), min(last, high // DAY + 1) + 1):
            windows = windows_of[(ordinal - 1) % 7]
            midnight = ordinal * DAY
            if ordinal not in found and _touches(windows, low - midnight, high - midnight):
                found[ordinal] = day_layout(changes, ordinal, windows)
    return found


# -- per-year tables ---------------------------------------------------------------------------


class HolidaySource(Protocol):
    def holidays(self, year: int) -> Iterable[dt.date]: ...


class YearTable:
    """Cumulative counts for the days of one year (immutable once built).

    ``busy[i]`` is the business time (µs) of the year's days before day ``i``; ``ouvres`` and
    ``ouvrables`` count the jours ouvrés and ouvrables before it. ``special`` holds the days
    with a clock change inside a window.
    """

    __slots__ = ("busy", "first", "ouvrables", "ouvres", "special")

    def __init__(
        self, first: int, busy: array[int], ouvres: array[int], ouvrables: array[int],
        special: dict[int, Layout],
    ) -> None:  # fmt: skip
        self.first = first
        self.busy = busy
        self.ouvres = ouvres
        self.ouvrables = ouvrables
        self.special = special

    def column(self, counts: Counts) -> array[int]:
        """The cumulative counts of jours ouvrés or ouvrables (``busy`` is read directly)."""
        return self.ouvres if counts == "ouvres" else self.ouvrables


class Index:
    """The index of one schedule definition: its windows, holidays and zone."""

    __slots__ = (
        "__weakref__", "day_us", "epoch", "holidays", "lock", "tables", "totals", "week_us",
        "windows_us", "zone",
    )  # fmt: skip

    def __init__(self, windows_us: Sequence[Windows], holidays: HolidaySource, zone: ZoneInfo):
        self.windows_us = tuple(windows_us)
        self.day_us = tuple(sum(c - o for o, c in day) for day in self.windows_us)
        self.week_us = sum(self.day_us)
        self.holidays = holidays
        self.zone = zone
        self.epoch = dt.datetime(1, 1, 1, tzinfo=zone)
        self.lock = threading.Lock()
        self.tables: dict[int, YearTable] = {}
        #: yearly totals (busy, ouvres, ouvrables) at 3 × (year - 1); -1 until computed
        self.totals: array[int] | None = None

    def __reduce__(self) -> tuple[object, tuple[()]]:
        # A schedule pickles without its index (rebuilt on first use).
        return (_nothing, ())

    # -- years ------------------------------------------------------------------------------

    def _facts(self, year: int) -> tuple[set[int], dict[int, Layout]]:
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise OutOfRangeError(f"year {year} is outside the years 1–9999 that dates can hold")
        first = dt.date(year, 1, 1).toordinal()
        last = dt.date(year, 12, 31).toordinal()
        holidays = {day.toordinal() for day in self.holidays.holidays(year)}
        holidays = {ordinal for ordinal in holidays if first <= ordinal <= last}
        return holidays, special_days(self.zone, year, self.windows_us)

    def table(self, year: int) -> YearTable:
        """The day table of ``year``, built once (at most :data:`YEAR_TABLES` kept)."""
        table = self.tables.get(year)
        if table is not None:
            return table
        holidays, special = self._facts(year)
        first = dt.date(year, 1, 1).toordinal()
        last = dt.date(year, 12, 31).toordinal()
        busy, ouvres, ouvrables = [0], [0], [0]
        b = o = ob = 0
        day_us = self.day_us
        for ordinal in range(first, last + 1):
            weekday = (ordinal - 1) % 7
            if ordinal not in holidays:
                layout = special.get(ordinal)
                b += day_us[weekday] if layout is None else layout.total
                o += weekday < 5
                ob += weekday < 6
            busy.append(b)
            ouvres.append(o)
            ouvrables.append(ob)
        table = YearTable(
            first, array("q", busy), array("H", ouvres), array("H", ouvrables), special
        )
        with self.lock:
            if len(self.tables) >= YEAR_TABLES:
                del self.tables[next(iter(self.tables))]
            self.tables[year] = table
        return table

    def total(self, year: int, counts: Counts) -> int:
        """The year's business µs, jours ouvrés or jours ouvrables, without building its table."""
        totals = self.totals
        if totals is not None and MIN_YEAR <= year <= MAX_YEAR:
            value = totals[3 * (year - 1) + _COLUMN[counts]]
            if value >= 0:
                return value
        table = self.tables.get(year)
        if table is not None:
            values = (table.busy[-1], table.ouvres[-1], table.ouvrables[-1])
        else:
            values = self._count_year(year)
        if totals is None:
            totals = self.totals = array("q", [-1]) * (3 * MAX_YEAR)
        totals[3 * (year - 1) : 3 * year] = array("q", values)
        return values[_COLUMN[counts]]

    def _count_year(self, year: int) -> tuple[int, int, int]:
        holidays, special = self._facts(year)
        first = dt.date(year, 1, 1).toordinal()
        days = dt.date(year, 12, 31).toordinal() - first + 1
        weekdays = [days // 7] * 7
        for extra in range(days % 7):
            weekdays[(first - 1 + extra) % 7] += 1
        for ordinal in holidays.difference(special):
            weekdays[(ordinal - 1) % 7] -= 1
        busy = sum(n * us for n, us in zip(weekdays, self.day_us, strict=True))
        for ordinal, layout in special.items():  # counted apart: their length is their own
            weekday = (ordinal - 1) % 7
            busy += (0 if ordinal in holidays else layout.total) - self.day_us[weekday]
        for ordinal in holidays.intersection(special):
            weekdays[(ordinal - 1) % 7] -= 1
        return busy, sum(weekdays[:5]), sum(weekdays[:6])

    # -- instants ---------------------------------------------------------------------------

    def position(self, table: YearTable, local: dt.datetime) -> int:
        """Business µs from the start of ``local``'s year to ``local`` (in the index's zone)."""
        ordinal = local.toordinal()
        i = ordinal - table.first
        busy = table.busy
        total = busy[i]
        if busy[i + 1] == total:  # a holiday, or a day without windows
            return total
        layout = table.special.get(ordinal)
        if layout is not None:
            return total + layout.position(key_of(local))
        tod = (local.hour * 3600 + local.minute * 60 + local.second) * SECOND + local.microsecond
        for opens, closes in self.windows_us[(ordinal - 1) % 7]:
            if tod <= opens:
                break
            total += (tod if tod < closes else closes) - opens
        return total

    def advance(self, local: dt.datetime, amount: int) -> dt.datetime:
        """The earliest instant ``amount`` (> 0) business µs after ``local``."""
        table = self.tables.get(local.year) or self.table(local.year)
        busy = table.busy
        target = self.position(table, local) + amount
        if target > busy[-1]:
            return self.locate(local.year + 1, target - busy[-1])
        # most additions end within a few weeks: search there first
        i = local.toordinal() - table.first
        near = min(i + 32, len(busy) - 1)
        if target <= busy[near]:
            j = bisect_left(busy, target, i, near + 1) - 1
        else:
            j = bisect_left(busy, target, near) - 1
        return self._in_day(table, table.first + j, target - busy[j], latest=False)

    def locate(self, year: int, target: int, *, latest: bool = False) -> dt.datetime:
        """The earliest (or latest) instant ``target`` business µs after the start of ``year``.

        ``target`` may fall before or after the year: the search moves year by year through
        the yearly totals (earliest: positions in ``(0, total]``; latest: ``[0, total)``).
        """
        closed = _ClosedYears("business time")
        while target < 0 or (target == 0 and not latest):
            year -= 1
            target += closed.count(year, self.total(year, "busy"))
        while True:
            total = closed.count(year, self.total(year, "busy"))
            if target < total or (target == total and not latest):
                break
            target -= total
            year += 1
        table = self.table(year)
        busy = table.busy
        i = (bisect_right(busy, target) if latest else bisect_left(busy, target)) - 1
        return self._in_day(table, table.first + i, target - busy[i], latest=latest)

    def _in_day(
        self, table: YearTable, ordinal: int, remaining: int, *, latest: bool
    ) -> dt.datetime:
        layout = table.special.get(ordinal)
        if layout is not None:
            return instant_of(layout.locate(remaining, latest=latest), self.zone)
        for opens, closes in self.windows_us[(ordinal - 1) % 7]:
            length = closes - opens
            if remaining < length or (remaining == length and not latest):
                return self.wall(ordinal, opens + remaining)
            remaining -= length
        raise AssertionError("index and windows disagree")  # pragma: no cover, no mutate

    def wall(self, ordinal: int, tod: int) -> dt.datetime:
        """The instant at wall time ``tod`` of a day without clock change (24:00 is the next day)."""
        if tod >= DAY:
            return self.day_start(ordinal + 1)
        # aware + timedelta is wall-clock arithmetic: the local date and time we want
        return self.epoch + dt.timedelta(days=ordinal - 1, microseconds=tod)

    def day_start(self, ordinal: int) -> dt.datetime:
        """The first instant of the local day ``ordinal``."""
        if ordinal > MAX_ORDINAL:
            raise OutOfRangeError("the result falls after 9999-12-31")
        layout = self.table(dt.date.fromordinal(ordinal).year).special.get(ordinal)
        if layout is not None:
            return instant_of(layout.start, self.zone)
        return self.epoch + dt.timedelta(days=ordinal - 1)

    # -- days -------------------------------------------------------------------------------

    def nth_day(self, counts: Counts, ordinal: int, step: int) -> int:
        """The ordinal of the ``step``-th qualifying day after (before, if < 0) ``ordinal``."""
        year = dt.date.fromordinal(ordinal).year
        table = self.table(year)
        cum = table.column(counts)
        i = ordinal - table.first
        # cum[k] counts the qualifying days before day k: the m-th of the year is the day k
        # with cum[k + 1] == m
        m = cum[i + 1] + step if step > 0 else cum[i] + step + 1
        closed = _ClosedYears("jour ouvré" if counts == "ouvres" else "jour ouvrable")
        while m < 1:
            year -= 1
            m += closed.count(year, self.total(year, counts))
        while m > closed.count(year, self.total(year, counts)):
            m -= self.total(year, counts)
            year += 1
        table = self.table(year)
        return table.first + bisect_left(table.column(counts), m) - 1

    def count_before(self, counts: Counts, ordinal: int) -> tuple[int, int]:
        """(year, qualifying days of that year before and including ``ordinal``)."""
        year = dt.date.fromordinal(ordinal).year
        table = self.table(year)
        return year, table.column(counts)[ordinal - table.first + 1]

    def between_years(self, counts: Counts, low: int, high: int) -> int:
        """The sum of the yearly totals of the years ``low … high - 1``."""
        return sum(self.total(year, counts) for year in range(low, high))


def _nothing() -> None:
    return None


class _ClosedYears:
    """Counts consecutive years without anything to count; refuses past MAX_CLOSED_YEARS."""

    __slots__ = ("run", "what")

    def __init__(self, what: str) -> None:
        self.what = what
        self.run = 0

    def count(self, year: int, total: int) -> int:
        self.run = self.run + 1 if total == 0 else 0
        if self.run > MAX_CLOSED_YEARS:
            raise InvalidScheduleError(
                f"no {self.what} in the {MAX_CLOSED_YEARS} years up to {year}: the schedule's "
                f"holiday calendar closes every open day; check the calendar"
            )
        return total


# -- the cache of indexes ----------------------------------------------------------------------

_SHARED: OrderedDict[Hashable, Index] = OrderedDict()
_SHARED_LOCK = threading.Lock()


def shared_index(
    definition: Hashable, windows_us: Sequence[Windows], holidays: HolidaySource, zone: ZoneInfo
) -> Index:
    """The index of a schedule definition, shared and kept least-recently-used."""
    with _SHARED_LOCK:
        index = _SHARED.get(definition)
        if index is None:
            index = _SHARED[definition] = Index(windows_us, holidays, zone)
            while len(_SHARED) > SHARED_INDEXES:
                _SHARED.popitem(last=False)
        else:
            _SHARED.move_to_end(definition)
        return index


def clear() -> None:
    """Forget every shared index and every zone's clock changes."""
    with _SHARED_LOCK:
        _SHARED.clear()
    with _TRANSITIONS_LOCK:
        _TRANSITIONS.clear()
