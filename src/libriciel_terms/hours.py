"""Business-hour schedules and working days (contract §1.6, §2.7, §2.8, §4.1; RULES.md §0–§1).

Interventions, phone support and the guaranteed service period (PSG) run Monday to Friday,
09:00–12:00 and 14:00–18:00, except the titulaire's legal holidays (§4.1): seven business hours
a working day, on the Europe/Paris wall clock. A :class:`BusinessHours` schedule is data — any
weekly windows, a holiday calendar and a zone — and the contract's schedules are presets.

Conventions, all fixed and documented rather than guessed:

- Instants must be aware (any zone); results come back in the schedule's zone (Europe/Paris).
- A start outside the windows (12:30, 18:00, a Saturday, a holiday) counts from the next opening.
- A deadline that lands exactly on a closing boundary stays there: 09:00 + 3 h is 12:00 the same
  day, not 14:00. (pandas' ``CustomBusinessHour`` rolls such a result to the next opening.)
- Windows are wall-clock times, so a DST change is an ordinary day for 09–12/14–18. Business
  time is measured on the wall clock inside windows.
- Jours ouvrés (Monday–Friday) and jours ouvrables (Monday–Saturday) are separate operations;
  both exclude the schedule's holidays, whatever its windows.

Worked examples (RULES.md §1):

>>> from datetime import datetime, timedelta
>>> from zoneinfo import ZoneInfo
>>> paris = ZoneInfo("Europe/Paris")
>>> hours = BusinessHours.comelus()
>>> hours.add(datetime(2024, 12, 20, 16, 30, tzinfo=paris), timedelta(hours=4))
datetime.datetime(2024, 12, 23, 11, 30, tzinfo=zoneinfo.ZoneInfo(key='Europe/Paris'))
>>> hours.add(datetime(2025, 6, 2, 9, 0, tzinfo=paris), timedelta(hours=36)).isoformat()
'2025-06-10T10:00:00+02:00'
>>> hours.add(datetime(2024, 10, 15, 9, 0, tzinfo=paris), timedelta(hours=3)).isoformat()
'2024-10-15T12:00:00+02:00'
>>> hours.elapsed(datetime(2024, 10, 15, 11, 0, tzinfo=paris),
...               datetime(2024, 10, 16, 10, 0, tzinfo=paris))
datetime.timedelta(seconds=21600)

The failing case: a naive datetime is refused, never interpreted in some zone.

>>> hours.add(datetime(2024, 10, 15, 9, 0), timedelta(hours=3))
Traceback (most recent call last):
...
libriciel_terms.errors.NaiveDatetimeError: start=datetime.datetime(2024, 10, 15, 9, 0) is naive; pass an aware datetime, e.g. tzinfo=ZoneInfo("Europe/Paris")

Speed: every operation locates its answer with :func:`bisect.bisect_left` in arrays of
cumulative business time per day, built once per schedule and range of years and cached, so the
cost of ``add`` and ``elapsed`` does not grow with the span (see ``benchmarks/bench_hours.py``).
"""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from libriciel_terms import _validate
from libriciel_terms._dates import localize, shift_day, shift_instant
from libriciel_terms.delays import Delay
from libriciel_terms.errors import (
    InvalidArgumentError,
    InvalidScheduleError,
    OutOfRangeError,
    WrongTypeError,
)
from libriciel_terms.holidays import FRANCE, ExplicitHolidays, HolidayCalendar

__all__ = ["BusinessHours", "Window"]

_DAY = dt.timedelta(days=1)
_MAX_ORDINAL = dt.date.max.toordinal()
_US_PER_DAY = 86_400_000_000
_WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
#: Ordinal of 0001-01-01, a Monday: ``(ordinal - 1) % 7`` is the ISO weekday - 1.
_WORKING_WEEKDAYS = frozenset(range(5))  # jours ouvrés: Monday–Friday
_OUVRABLE_WEEKDAYS = frozenset(range(6))  # jours ouvrables: Monday–Saturday
_Counts = Literal["ouvres", "ouvrables"]


def _us(delta: dt.timedelta) -> int:
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def _parse_clock(name: str, value: object) -> dt.timedelta:
    """A time of day as an offset from midnight: ``"09:00"``, ``time(9)``, or ``"24:00"``."""
    if isinstance(value, dt.timedelta):
        return value
    if isinstance(value, dt.time):
        if value.tzinfo is not None:
            raise WrongTypeError(
                f"{name}={value!r} has a tzinfo; window times are wall-clock times"
            )
        return dt.timedelta(
            hours=value.hour,
            minutes=value.minute,
            seconds=value.second,
            microseconds=value.microsecond,
        )
    if isinstance(value, str):
        parts = value.strip().split(":")
        if len(parts) in (2, 3) and all(p.isdigit() for p in parts):
            h, m, s = (int(p) for p in (*parts, "0")[:3])
            if (h < 24 and m < 60 and s < 60) or (h == 24 and m == 0 and s == 0):
                return dt.timedelta(hours=h, minutes=m, seconds=s)
        raise InvalidScheduleError(f'{name}={value!r} is not a time of day; write e.g. "09:00"')
    raise WrongTypeError(
        f'{name}={value!r} is a {type(value).__name__}; pass a time of day such as "09:00" '
        f"or datetime.time(9, 0)"
    )


def _check_window(instance: Window, _attribute: object, _value: dt.timedelta) -> None:
    for name in ("opens", "closes"):
        value = getattr(instance, name)
        if not isinstance(value, dt.timedelta):
            raise WrongTypeError(f"{name}={value!r} is not a timedelta offset from midnight")
    if not dt.timedelta(0) <= instance.opens < instance.closes <= _DAY:
        raise InvalidScheduleError(
            f"window {instance} is not within a day: it needs 00:00 <= opens < closes <= 24:00"
        )


@attrs.frozen(kw_only=True, order=True)
class Window:
    """One opening window of a day, as offsets from local midnight (``closes`` may be 24:00).

    >>> Window.of("09:00", "12:00")
    Window.of('09:00', '12:00')
    >>> Window.of("14:00", "12:00")
    Traceback (most recent call last):
    ...
    libriciel_terms.errors.InvalidScheduleError: window 14:00–12:00 is not within a day: it needs 00:00 <= opens < closes <= 24:00
    """

    opens: dt.timedelta = attrs.field(validator=_check_window)
    closes: dt.timedelta = attrs.field()

    @classmethod
    def of(cls, opens: str | dt.time, closes: str | dt.time) -> Window:
        """A window from wall-clock times: ``Window.of("09:00", "12:00")``; ``"24:00"`` is midnight."""
        return cls(opens=_parse_clock("opens", opens), closes=_parse_clock("closes", closes))

    @property
    def length(self) -> dt.timedelta:
        """How long the window lasts on the wall clock."""
        return self.closes - self.opens

    def __str__(self) -> str:
        return f"{_clock(self.opens)}–{_clock(self.closes)}"

    def __repr__(self) -> str:
        return f"Window.of({_clock(self.opens)!r}, {_clock(self.closes)!r})"


def _clock(offset: dt.timedelta) -> str:
    seconds = int(offset.total_seconds())
    text = f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}"
    return text + (f":{seconds % 60:02d}" if seconds % 60 else "")


def _normalise_week(value: object) -> tuple[tuple[Window, ...], ...]:
    if isinstance(value, Mapping):
        return tuple(tuple(sorted(value.get(day, ()))) for day in range(7))
    if isinstance(value, Iterable) and not isinstance(value, (str, bytes)):
        days = tuple(tuple(sorted(day)) for day in value)
        return days
    raise WrongTypeError(
        f"week={value!r} is not seven tuples of windows (Monday first) nor a mapping "
        f"weekday (0 = Monday) -> windows"
    )


def _check_week(
    _instance: object, _attribute: object, week: tuple[tuple[Window, ...], ...]
) -> None:
    if len(week) != 7:
        raise InvalidScheduleError(f"week has {len(week)} days; give 7, Monday first")
    for number, windows in enumerate(week):
        for window in windows:
            if not isinstance(window, Window):
                raise WrongTypeError(
                    f"week[{number}] holds {window!r}; use Window.of('09:00', '12:00')"
                )
        for before, after in itertools.pairwise(windows):
            if after.opens < before.closes:
                raise InvalidScheduleError(
                    f"{_WEEKDAY_NAMES[number]} windows {before} and {after} overlap; "
                    f"give non-overlapping windows"
                )


def _zone(value: object) -> ZoneInfo:
    if isinstance(value, ZoneInfo):
        return value
    if isinstance(value, str):
        try:
            return ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise InvalidArgumentError(
                f'zone={value!r} is not an IANA time zone; pass e.g. "Europe/Paris"'
            ) from None
    raise WrongTypeError(f'zone={value!r} is not a ZoneInfo; pass e.g. ZoneInfo("Europe/Paris")')


def _check_holidays(_instance: object, _attribute: object, value: object) -> None:
    if not isinstance(value, HolidayCalendar):
        raise WrongTypeError(
            f"holidays={value!r} has no holidays(year)/is_holiday(day); pass FRANCE, "
            f"ALSACE_MOSELLE or ExplicitHolidays.of([...])"
        )
    try:
        hash(value)
    except TypeError:
        raise WrongTypeError(f"holidays={value!r} is not hashable; use a frozen calendar") from None


@attrs.frozen
class _Snapshot:
    """Cumulative counts per day over a range of whole years (immutable, so thread-safe).

    ``busy[i]`` is the business time (µs) of the days ``first … first + i - 1``; likewise
    ``ouvres`` and ``ouvrables`` count jours ouvrés and jours ouvrables. Every lookup is a
    :func:`bisect.bisect_left` call in one of these lists.
    """

    first: int
    last: int
    busy: list[int]
    ouvres: list[int]
    ouvrables: list[int]
    #: Days on which the zone's UTC offset changes (and the day before): only there can a wall
    #: time be skipped or repeated.
    offset_changes: frozenset[int]

    def covers(self, low: int, high: int) -> bool:
        return self.first <= low and high <= self.last


class _Index:
    """The snapshot of one schedule, rebuilt over a wider range of years when asked outside it."""

    __slots__ = ("day_us", "epoch", "lock", "schedule", "snapshot", "week_us", "windows_us")

    def __init__(self, schedule: BusinessHours) -> None:
        self.schedule = schedule
        self.day_us = tuple(sum(_us(w.length) for w in day) for day in schedule.week)
        self.windows_us = tuple(
            tuple((_us(w.opens), _us(w.closes)) for w in day) for day in schedule.week
        )
        self.week_us = sum(self.day_us)
        self.epoch = dt.datetime(1, 1, 1, tzinfo=schedule.zone)
        self.lock = threading.Lock()
        self.snapshot: _Snapshot | None = None

    def cover(self, low: int, high: int) -> _Snapshot:
        """A snapshot covering the day ordinals ``low … high`` (whole years, with margin)."""
        snapshot = self.snapshot
        if snapshot is not None and snapshot.covers(low, high):
            return snapshot
        if low < 1 or high > _MAX_ORDINAL:
            raise OutOfRangeError("the computation leaves the years 1–9999 that dates can hold")
        with self.lock:
            snapshot = self.snapshot
            if snapshot is not None and snapshot.covers(low, high):
                return snapshot
            need_lo = dt.date.fromordinal(low).year
            need_hi = dt.date.fromordinal(high).year
            if snapshot is not None:  # never shrink what is already covered
                need_lo = min(need_lo, dt.date.fromordinal(snapshot.first).year)
                need_hi = max(need_hi, dt.date.fromordinal(snapshot.last).year)
            # Grow in chunks so that rebuilds are rare; the margin years are optional, since
            # a holiday calendar may not know them (FRANCE stops at 2200).
            lo_year = max(1, need_lo - (1 if snapshot is None else 2))
            hi_year = min(9999, need_hi + (3 if snapshot is None else 5))
            try:
                snapshot = self._build(lo_year, hi_year)
            except OutOfRangeError:
                snapshot = self._build(need_lo, need_hi)
            self.snapshot = snapshot
            return snapshot

    def _build(self, lo_year: int, hi_year: int) -> _Snapshot:
        holidays: set[int] = set()
        calendar = self.schedule.holidays
        for year in range(lo_year, hi_year + 1):
            holidays.update(day.toordinal() for day in calendar.holidays(year))
        first = dt.date(lo_year, 1, 1).toordinal()
        last = dt.date(hi_year, 12, 31).toordinal()
        busy, ouvres, ouvrables = [0], [0], [0]
        b = o = ob = 0
        day_us = self.day_us
        zone = self.schedule.zone
        changes: set[int] = set()
        midnight = dt.datetime.fromordinal(first)
        offset = zone.utcoffset(midnight)
        for ordinal in range(first, last + 1):  # once per year range, not per question
            weekday = (ordinal - 1) % 7
            if ordinal not in holidays:
                b += day_us[weekday]
                o += weekday < 5
                ob += weekday < 6
            busy.append(b)
            ouvres.append(o)
            ouvrables.append(ob)
            if ordinal == _MAX_ORDINAL:
                break
            midnight += _DAY
            next_offset = zone.utcoffset(midnight)
            if next_offset != offset:
                changes.update((ordinal, ordinal + 1))
                offset = next_offset
        return _Snapshot(first, last, busy, ouvres, ouvrables, frozenset(changes))


def _too_far(amount: int, start: dt.datetime) -> OutOfRangeError:
    delta = dt.timedelta(microseconds=amount)
    return OutOfRangeError(
        f"{delta!r} of business time from start={start!r} ends after year 9999; "
        f"pass a shorter duration"
    )


_INDEXES: dict[BusinessHours, _Index] = {}
_INDEXES_LOCK = threading.Lock()


@attrs.frozen(kw_only=True, cache_hash=True)
class BusinessHours:
    """A weekly schedule of business windows, a holiday calendar and a zone (contract §4.1).

    Build one with :meth:`comelus`, :meth:`customer_portal`, :meth:`production_customer_space`
    or :meth:`weekly`. Instances are immutable, hashable and picklable.

    >>> BusinessHours.comelus().describe()
    'Mon–Fri 09:00–12:00, 14:00–18:00; holidays: France (metropole); zone: Europe/Paris'
    """

    week: tuple[tuple[Window, ...], ...] = attrs.field(
        converter=_normalise_week, validator=_check_week
    )
    holidays: HolidayCalendar = attrs.field(default=FRANCE, validator=_check_holidays)
    zone: ZoneInfo = attrs.field(default=ZoneInfo("Europe/Paris"), converter=_zone)
    name: str = attrs.field(
        default="custom", validator=_validate.guard(attrs.validators.instance_of(str))
    )

    # -- presets -----------------------------------------------------------------------------

    @classmethod
    def weekly(
        cls,
        windows: Mapping[int, Iterable[tuple[str | dt.time, str | dt.time]]],
        *,
        holidays: HolidayCalendar = FRANCE,
        zone: ZoneInfo | str = "Europe/Paris",
        name: str = "custom",
    ) -> BusinessHours:
        """A schedule from ``{weekday: [(opens, closes), …]}``, weekday 0 = Monday.

        >>> saturday_mornings = BusinessHours.weekly({5: [("09:00", "12:00")]})
        >>> saturday_mornings.describe()
        'Sat 09:00–12:00; holidays: France (metropole); zone: Europe/Paris'
        """
        if not isinstance(windows, Mapping):
            raise WrongTypeError(
                f"windows={windows!r} is not a mapping weekday -> [(opens, closes), …]"
            )
        week: dict[int, tuple[Window, ...]] = {}
        for weekday, pairs in windows.items():
            _validate.integer("weekday", weekday)
            if not 0 <= weekday <= 6:
                raise InvalidScheduleError(f"weekday={weekday!r}; use 0 (Monday) … 6 (Sunday)")
            week[weekday] = tuple(Window.of(opens, closes) for opens, closes in pairs)
        return cls(week=week, holidays=holidays, zone=_zone(zone), name=name)

    @classmethod
    def comelus(cls) -> BusinessHours:
        """Interventions, support and PSG: Mon–Fri 09–12 and 14–18, French holidays (§2.8, §4.1)."""
        day = [("09:00", "12:00"), ("14:00", "18:00")]
        return cls.weekly(dict.fromkeys(range(5), day), name="ComElus PSG (§4.1)")

    @classmethod
    def customer_portal(cls) -> BusinessHours:
        """The customer portal: 08:00–24:00, seven days a week, holidays included (§4.1)."""
        return cls.weekly(
            {d: [("08:00", "24:00")] for d in range(7)},
            holidays=ExplicitHolidays.of(()),
            name="customer portal (§4.1)",
        )

    @classmethod
    def production_customer_space(cls) -> BusinessHours:
        """The production customer space as §2.5.1 lists it: Mon–Fri 09:00–18:00 (see C10).

        §2.5.1 says "jours ouvrables lundi → vendredi / 9h-18h", with no lunch break, while the
        PSG of §4.1 is 09–12 / 14–18; both schedules exist so that either reading is computable.
        """
        return cls.weekly(
            {d: [("09:00", "18:00")] for d in range(5)}, name="customer space (§2.5.1)"
        )

    def describe(self) -> str:
        """A one-line human description of the schedule."""
        groups: list[tuple[list[int], tuple[Window, ...]]] = []
        for number, windows in enumerate(self.week):
            if not windows:
                continue
            if groups and groups[-1][1] == windows and groups[-1][0][-1] == number - 1:
                groups[-1][0].append(number)
            else:
                groups.append(([number], windows))
        parts = []
        for days, windows in groups:
            label = _WEEKDAY_NAMES[days[0]]
            if len(days) > 1:
                label += f"–{_WEEKDAY_NAMES[days[-1]]}"
            parts.append(f"{label} {', '.join(str(w) for w in windows)}")
        if isinstance(self.holidays, ExplicitHolidays):
            holidays = f"{len(self.holidays.dates)} explicit dates"
        else:
            holidays = f"France ({getattr(self.holidays, 'region', '?')})"
        return f"{'; '.join(parts) or 'never open'}; holidays: {holidays}; zone: {self.zone.key}"

    @property
    def daily_business_time(self) -> dt.timedelta:
        """Business time of a full working day (7 h for :meth:`comelus`).

        Defined only when every weekday that has windows has the same total; used by the
        "N × daily business hours" counting convention of :class:`Delay`.
        """
        totals = {sum((w.length for w in day), dt.timedelta()) for day in self.week if day}
        if len(totals) != 1:
            raise InvalidScheduleError(
                f"{self.describe()!r} has days of different lengths; the 'daily_hours' counting "
                f"needs one daily business time"
            )
        return totals.pop()

    # -- internals ---------------------------------------------------------------------------

    def _index(self) -> _Index:
        index = _INDEXES.get(self)
        if index is None:
            with _INDEXES_LOCK:
                index = _INDEXES.setdefault(self, _Index(self))
        return index

    def _local(self, name: str, at: object) -> tuple[int, int]:
        """The local day ordinal and µs since local midnight of an aware instant."""
        local = _validate.aware(name, at).astimezone(self.zone)
        seconds = (local.hour * 60 + local.minute) * 60 + local.second
        return local.toordinal(), seconds * 1_000_000 + local.microsecond

    @staticmethod
    def _position(index: _Index, snap: _Snapshot, ordinal: int, tod_us: int) -> int:
        """Business µs from the snapshot's first day to the local instant (ordinal, tod_us)."""
        i = ordinal - snap.first
        busy = snap.busy
        total = busy[i]
        if busy[i + 1] == total:  # a holiday, or a day without windows
            return total
        for opens, closes in index.windows_us[(ordinal - 1) % 7]:
            if tod_us <= opens:
                break
            total += (tod_us if tod_us < closes else closes) - opens
        return total

    @staticmethod
    def _instant(index: _Index, snap: _Snapshot, ordinal: int, tod_us: int) -> dt.datetime:
        # Aware + timedelta is wall-clock arithmetic: the local date and time we want.
        try:
            wall = index.epoch + dt.timedelta(days=ordinal - 1, microseconds=tod_us)
        except OverflowError:  # 24:00 on 9999-12-31
            raise OutOfRangeError("the result falls after 9999-12-31") from None
        if ordinal in snap.offset_changes:
            # A wall time skipped by a DST change comes back as a real instant through UTC
            # (a repeated one as its first occurrence, fold=0).
            return wall.astimezone(dt.UTC).astimezone(wall.tzinfo)
        return wall

    def _locate(self, index: _Index, snap: _Snapshot, target: int) -> dt.datetime:
        """The earliest instant whose business position is ``target`` (> 0)."""
        busy = snap.busy
        i = bisect_left(busy, target) - 1  # day i: busy[i] < target <= busy[i + 1]
        ordinal = snap.first + i
        remaining = target - busy[i]
        for opens, closes in index.windows_us[(ordinal - 1) % 7]:
            if remaining <= closes - opens:
                return self._instant(index, snap, ordinal, opens + remaining)
            remaining -= closes - opens
        raise AssertionError("cumulative index inconsistent with the windows")  # pragma: no cover

    def _has_hours(self, snap: _Snapshot, ordinal: int) -> bool:
        i = ordinal - snap.first
        return snap.busy[i + 1] > snap.busy[i]

    # -- instants ----------------------------------------------------------------------------

    def is_open(self, at: dt.datetime) -> bool:
        """Whether ``at`` falls inside a window (opening included, closing excluded).

        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> hours = BusinessHours.comelus()
        >>> hours.is_open(datetime(2024, 10, 15, 12, 0, tzinfo=ZoneInfo("Europe/Paris")))
        False
        >>> hours.is_open(datetime(2024, 10, 15, 12, 0, tzinfo=ZoneInfo("UTC")))  # 14:00 Paris
        True
        """
        ordinal, tod = self._local("at", at)
        index = self._index()
        if not self._has_hours(index.cover(ordinal, ordinal), ordinal):
            return False
        return any(opens <= tod < closes for opens, closes in index.windows_us[(ordinal - 1) % 7])

    def next_opening(self, at: dt.datetime) -> dt.datetime:
        """The earliest instant at or after ``at`` when the schedule is open.

        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> paris = ZoneInfo("Europe/Paris")
        >>> BusinessHours.comelus().next_opening(datetime(2024, 12, 24, 18, 0, tzinfo=paris))
        datetime.datetime(2024, 12, 26, 9, 0, tzinfo=zoneinfo.ZoneInfo(key='Europe/Paris'))
        """
        if self.is_open(at):
            return at.astimezone(self.zone)
        # The earliest instant with one more microsecond of business time, minus that µs, is
        # the next opening: find it with the same bisection as add().
        reached = self.add(at, dt.timedelta(microseconds=1))
        return reached - dt.timedelta(microseconds=1)

    def add(self, start: dt.datetime, duration: dt.timedelta) -> dt.datetime:
        """The instant at which ``duration`` of business time has elapsed since ``start``.

        The earliest such instant: it falls inside a window or exactly on its closing boundary
        (09:00 + 3 h = 12:00). ``add(start, timedelta(0))`` is ``start`` (in the schedule's zone).
        RULES.md §1.

        >>> from datetime import datetime, timedelta
        >>> from zoneinfo import ZoneInfo
        >>> paris = ZoneInfo("Europe/Paris")
        >>> hours = BusinessHours.comelus()
        >>> hours.add(datetime(2024, 10, 15, 12, 30, tzinfo=paris), timedelta(hours=1)).time()
        datetime.time(15, 0)
        >>> hours.add(datetime(2024, 5, 8, 10, 0, tzinfo=paris), timedelta(hours=8)).date()
        datetime.date(2024, 5, 13)
        """
        amount = _us(_validate.duration("duration", duration))
        ordinal, tod = self._local("start", start)
        if amount == 0:
            return start.astimezone(self.zone)
        return self._advance(self._index(), ordinal, tod, amount, start)

    def _advance(
        self, index: _Index, ordinal: int, tod: int, amount: int, start: dt.datetime
    ) -> dt.datetime:
        """The earliest instant ``amount`` µs of business time after (ordinal, tod)."""
        week_us = index.week_us
        if not week_us:
            raise InvalidScheduleError(f"{self.describe()!r} is never open; nothing can be added")
        # Enough days for the duration even with many holidays, plus a margin; the snapshot
        # grows in chunks of years, so this rarely rebuilds anything.
        horizon = min(_MAX_ORDINAL, ordinal + amount // week_us * 8 + 400)
        try:
            snap = index.cover(max(1, ordinal - 1), horizon)
        except OutOfRangeError:  # the calendar ends before the margin: look only as far as needed
            snap = index.cover(max(1, ordinal - 1), min(_MAX_ORDINAL, ordinal + 1))
        target = self._position(index, snap, ordinal, tod) + amount
        while snap.busy[-1] < target:  # a calendar with unusually many holidays: look further
            if snap.last >= _MAX_ORDINAL:
                raise _too_far(amount, start)
            horizon = min(_MAX_ORDINAL, snap.last + (snap.last - ordinal) + 366)
            snap = index.cover(max(1, ordinal - 1), horizon)
            target = self._position(index, snap, ordinal, tod) + amount
        return self._locate(index, snap, target)

    def elapsed(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        """Business time inside the windows in ``[start, end)`` (RULES.md §1).

        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> paris = ZoneInfo("Europe/Paris")
        >>> BusinessHours.comelus().elapsed(datetime(2024, 10, 1, tzinfo=paris),
        ...                                 datetime(2024, 11, 1, tzinfo=paris))
        datetime.timedelta(days=6, seconds=61200)
        """
        _validate.aware("start", start)
        _validate.aware("end", end)
        _validate.ordered("start", start, "end", end)
        first, first_tod = self._local("start", start)
        last, last_tod = self._local("end", end)
        index = self._index()
        snap = index.cover(first, last)
        a = self._position(index, snap, first, first_tod)
        b = self._position(index, snap, last, last_tod)
        return dt.timedelta(microseconds=b - a)

    def add_elapsed(
        self, start: dt.datetime, since: dt.datetime, until: dt.datetime
    ) -> dt.datetime:
        """``add(start, elapsed(since, until))`` in one lookup: the primitive of clock freezes.

        A ticket frozen from ``since`` to ``until`` (contract §5.2.4.1) has its due instant
        ``start`` moved later by exactly the business time of the freeze.

        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> paris = ZoneInfo("Europe/Paris")
        >>> hours = BusinessHours.comelus()
        >>> hours.add_elapsed(datetime(2024, 10, 18, 18, 0, tzinfo=paris),
        ...                   datetime(2024, 10, 16, 11, 0, tzinfo=paris),
        ...                   datetime(2024, 10, 16, 15, 0, tzinfo=paris)).isoformat()
        '2024-10-21T11:00:00+02:00'
        """
        _validate.ordered(
            "since", _validate.aware("since", since), "until", _validate.aware("until", until)
        )
        ordinal, tod = self._local("start", start)
        first, first_tod = self._local("since", since)
        last, last_tod = self._local("until", until)
        index = self._index()
        snap = index.cover(min(first, ordinal) - 1, max(last, ordinal) + 1)
        amount = self._position(index, snap, last, last_tod) - self._position(
            index, snap, first, first_tod
        )
        if amount == 0:
            return start.astimezone(self.zone)
        return self._advance(index, ordinal, tod, amount, start)

    def day_close(self, day: dt.date) -> dt.datetime:
        """The closing instant of ``day``'s last window (18:00 for :meth:`comelus`).

        Used by the civil counting of délais in jours ouvrés: a délai ends when the last working
        day's business hours close.

        >>> from datetime import date
        >>> BusinessHours.comelus().day_close(date(2025, 9, 1)).isoformat()
        '2025-09-01T18:00:00+02:00'
        """
        _validate.day("day", day)
        windows = self.week[day.weekday()]
        if not windows:
            raise InvalidArgumentError(
                f"day={day!r} is a {_WEEKDAY_NAMES[day.weekday()]}, which has no business "
                f"windows in {self.describe()!r}; pass a working day"
            )
        index = self._index()
        snap = index.cover(day.toordinal(), day.toordinal())
        return self._instant(index, snap, day.toordinal(), _us(windows[-1].closes))

    def deadline(self, start: dt.datetime, delay: Delay) -> dt.datetime:
        """The instant a :class:`~libriciel_terms.delays.Delay` counted from ``start`` expires.

        - ``Delay.business_hours(n)``: :meth:`add` of ``n`` hours.
        - ``Delay.working_days(n)`` with ``counting="civil"`` (default; Code de procédure civile
          art. 641–642): the day of ``start`` does not count; the délai ends when the business
          hours of the ``n``-th following working day close.
        - ``counting="daily_hours"``: :meth:`add` of ``n`` × :attr:`daily_business_time`.
        - ``Delay.ouvrable_days(n)``: civil counting on jours ouvrables; the délai ends at the
          end (24:00) of the ``n``-th following jour ouvrable.
        - ``Delay.hours(n)``: ``n`` hours of elapsed time (counted in UTC); ``days``, ``months``
          and ``years``: calendar arithmetic on the local date in the schedule's zone, keeping
          the wall-clock time.

        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> paris = ZoneInfo("Europe/Paris")
        >>> hours = BusinessHours.comelus()
        >>> reported = datetime(2024, 10, 15, 10, 0, tzinfo=paris)  # a Tuesday
        >>> hours.deadline(reported, Delay.working_days(3)).isoformat()
        '2024-10-18T18:00:00+02:00'
        >>> hours.deadline(reported, Delay.working_days(3, counting="daily_hours")).isoformat()
        '2024-10-18T10:00:00+02:00'
        """
        _validate.aware("start", start)
        if not isinstance(delay, Delay):
            raise WrongTypeError(f"delay={delay!r} is not a Delay; use Delay.business_hours(4)")
        if delay.unit == "business_hours":
            return self.add(start, dt.timedelta(hours=delay.amount))
        if delay.unit in ("hours", "days", "months", "years"):
            return shift_instant(start, delay.amount, delay.unit, self.zone)
        if delay.counting == "daily_hours":
            return self.add(start, delay.amount * self.daily_business_time)
        local = start.astimezone(self.zone)
        if delay.amount == 0:
            return local
        if delay.unit == "ouvrable_days":
            last = self._nth_day("ouvrables", local.toordinal(), delay.amount)
            midnight = dt.datetime.combine(dt.date.fromordinal(last) + _DAY, dt.time())
            return localize(midnight, self.zone)
        last = self._nth_day("ouvres", local.toordinal(), delay.amount)
        index = self._index()
        windows = index.windows_us[(last - 1) % 7]
        if not windows:  # a working day this schedule never opens: day_close() explains the refusal
            return self.day_close(dt.date.fromordinal(last))
        return self._instant(index, index.cover(last, last), last, windows[-1][1])

    def deadline_on(self, day: dt.date, delay: Delay) -> dt.date:
        """The last day of a :class:`~libriciel_terms.delays.Delay` counted from ``day``.

        Jours ouvrés and ouvrables with civil counting (the event's day does not count: Code de
        procédure civile art. 641), calendar days, months and years; a délai in hours needs an
        instant (:meth:`deadline`).

        >>> from datetime import date
        >>> hours = BusinessHours.comelus()
        >>> hours.deadline_on(date(2028, 8, 31), Delay.working_days(30))
        datetime.date(2028, 10, 12)
        >>> hours.deadline_on(date(2025, 8, 31), Delay.months(6))
        datetime.date(2026, 2, 28)
        """
        start = _validate.day("day", day)
        if not isinstance(delay, Delay):
            raise WrongTypeError(f"delay={delay!r} is not a Delay; use e.g. Delay.working_days(30)")
        if delay.unit in ("days", "months", "years"):
            return shift_day(start, delay.amount, delay.unit)
        if delay.unit == "working_days" and delay.counting == "civil":
            return self.add_working_days(start, delay.amount)
        if delay.unit == "ouvrable_days":
            return self.add_ouvrable_days(start, delay.amount)
        raise WrongTypeError(
            f"delay={delay} is counted in hours, which needs an instant; pass an aware datetime "
            f"to deadline() instead of day={start!r}"
        )

    # -- days --------------------------------------------------------------------------------

    def _is_day(self, weekdays: frozenset[int], day: object) -> bool:
        checked = _validate.day("day", day)
        return checked.weekday() in weekdays and not self.holidays.is_holiday(checked)

    def _add_days(self, counts: _Counts, day: object, n: object) -> dt.date:
        start = _validate.day("day", day)
        step = _validate.integer("n", n)
        if step == 0:
            return start
        return dt.date.fromordinal(self._nth_day(counts, start.toordinal(), step))

    def _nth_day(self, counts: _Counts, ordinal: int, step: int) -> int:
        """The ordinal of the ``step``-th qualifying day after (before, if < 0) ``ordinal``."""
        margin = abs(step) * 7 // (5 if counts == "ouvres" else 6) + abs(step) // 10 + 60
        low, high = (ordinal, ordinal + margin) if step > 0 else (ordinal - margin, ordinal)
        if low < 1 or high > _MAX_ORDINAL:
            day = dt.date.fromordinal(ordinal)
            raise OutOfRangeError(f"n={step!r} days from day={day!r} leaves the years 1–9999")
        snap = self._index().cover(low, high)
        cum = snap.ouvres if counts == "ouvres" else snap.ouvrables
        i = ordinal - snap.first
        # cum[k] counts the qualifying days before day k; the answer is the qualifying day k
        # with cum[k + 1] == target.
        target = cum[i + 1] + step if step > 0 else cum[i] + step + 1
        return snap.first + bisect_left(cum, target) - 1

    def _between(self, counts: _Counts, start: object, end: object) -> int:
        first = _validate.day("start", start)
        last = _validate.day("end", end)
        _validate.ordered("start", first, "end", last)
        snap = self._index().cover(first.toordinal(), last.toordinal())
        cum: list[int] = getattr(snap, counts)
        return cum[last.toordinal() - snap.first + 1] - cum[first.toordinal() - snap.first + 1]

    def is_working_day(self, day: dt.date) -> bool:
        """Whether ``day`` is a jour ouvré: Monday–Friday and not a holiday of the schedule.

        >>> from datetime import date
        >>> BusinessHours.comelus().is_working_day(date(2025, 6, 9))  # Whit Monday
        False
        """
        return self._is_day(_WORKING_WEEKDAYS, day)

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The ``n``-th jour ouvré after ``day`` (before it if ``n`` < 0); ``day`` does not count.

        Civil counting (Code de procédure civile art. 641): the day of the event is not counted.

        >>> from datetime import date
        >>> BusinessHours.comelus().add_working_days(date(2028, 8, 31), 30)
        datetime.date(2028, 10, 12)
        >>> BusinessHours.comelus().add_working_days(date(2024, 12, 24), 1)
        datetime.date(2024, 12, 26)
        """
        return self._add_days("ouvres", day, n)

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """How many jours ouvrés fall in ``(start, end]``: the inverse of :meth:`add_working_days`.

        >>> from datetime import date
        >>> BusinessHours.comelus().working_days_between(date(2024, 9, 30), date(2024, 10, 31))
        23
        """
        return self._between("ouvres", start, end)

    def is_ouvrable_day(self, day: dt.date) -> bool:
        """Whether ``day`` is a jour ouvrable: Monday–Saturday and not a holiday.

        >>> from datetime import date
        >>> BusinessHours.comelus().is_ouvrable_day(date(2025, 9, 6))  # a Saturday
        True
        """
        return self._is_day(_OUVRABLE_WEEKDAYS, day)

    def add_ouvrable_days(self, day: dt.date, n: int) -> dt.date:
        """The ``n``-th jour ouvrable (Mon–Sat) after ``day``; ``day`` does not count.

        >>> from datetime import date
        >>> BusinessHours.comelus().add_ouvrable_days(date(2025, 9, 5), 1)  # Friday -> Saturday
        datetime.date(2025, 9, 6)
        """
        return self._add_days("ouvrables", day, n)

    def ouvrable_days_between(self, start: dt.date, end: dt.date) -> int:
        """How many jours ouvrables fall in ``(start, end]``.

        >>> from datetime import date
        >>> BusinessHours.comelus().ouvrable_days_between(date(2025, 9, 1), date(2025, 9, 8))
        6
        """
        return self._between("ouvrables", start, end)
