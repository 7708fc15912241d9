"""Business-hour schedules and working days (Contract §1.6, §2.7, §2.8, §4.1).

Interventions, phone support and the guaranteed service period (PSG) run Monday to Friday,
09:00–12:00 and 14:00–18:00, except the titulaire's legal holidays (§4.1): seven business hours
a working day, on the Europe/Paris wall clock. A :class:`BusinessHours` schedule is data — any
weekly windows, a holiday calendar and a zone — and the contract's schedules are presets.

Conventions, all fixed and documented rather than guessed:

- Instants must be aware (any zone); results come back in the schedule's zone (Europe/Paris).
  Instants are compared as instants: 02:15 on the second pass of the October night comes after
  02:30 on the first.
- A start outside the windows (12:30, 18:00, a Saturday, a holiday) counts from the next opening.
- A deadline that lands exactly on a closing boundary stays there: 09:00 + 3 h is 12:00 the same
  day, not 14:00. (pandas' ``CustomBusinessHour`` rolls such a result to the next opening.)
  Going backwards, :meth:`~BusinessHours.subtract` mirrors it: a result on an opening stays there.
- The schedule is open when the wall clock shows a time inside a window; business time is the
  real time during which it is open. A window that contains a clock change (01:00–04:00 on a DST
  night) holds two real hours in March and four in October; 09–12 and 14–18 never meet one.
- ``add`` refuses a negative duration and ``elapsed`` an end before its start (both with
  :class:`~libriciel_terms.errors.TermsError`): :meth:`~BusinessHours.subtract`,
  :meth:`~BusinessHours.previous_opening` and :meth:`~BusinessHours.previous_closing` go back.
- Jours ouvrés (Monday–Friday) and jours ouvrables (Monday–Saturday) are separate operations;
  both exclude the schedule's holidays, whatever its windows. Counting follows the Code de
  procédure civile art. 640–642: the day of the event does not count.
- Inputs from the data ecosystem convert when they convert exactly: ``numpy`` integers as
  counts, ``numpy.datetime64`` days as dates, tz-aware pandas ``Timestamp`` as instants; a
  ``Timestamp`` with nanoseconds is refused (business time counts whole microseconds).

Worked examples (Contract §4.1):

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
>>> hours.subtract(datetime(2024, 12, 23, 11, 30, tzinfo=paris), timedelta(hours=4)).isoformat()
'2024-12-20T16:30:00+01:00'

The failing case: a naive datetime is refused, never interpreted in some zone.

>>> hours.add(datetime(2024, 10, 15, 9, 0), timedelta(hours=3))
Traceback (most recent call last):
...
libriciel_terms.errors.NaiveDatetimeError: start=datetime.datetime(2024, 10, 15, 9, 0) is naive; pass an aware datetime, e.g. tzinfo=ZoneInfo("Europe/Paris")

Speed: every operation locates its answer with a binary search in per-year tables of cumulative
business time, built on demand and shared by schedules with the same definition (at most 64
years a schedule, 32 schedules kept after they are dropped; :mod:`libriciel_terms._index`), so
the cost of ``add`` and ``elapsed`` does not grow with the span. Arrays of instants go through
:meth:`~BusinessHours.add_many` and friends (numpy, the ``fast`` extra).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping
from typing import Any, Literal
from zoneinfo import ZoneInfo

import attrs

from libriciel_terms import _validate
from libriciel_terms._dates import localize, shift_day, shift_instant
from libriciel_terms._index import (
    DAY,
    MAX_ORDINAL,
    Counts,
    Index,
    instant_of,
    key_of,
    micros,
    shared_index,
)
from libriciel_terms._text import NBSP, WEEKDAYS, Lang, check_lang, pick
from libriciel_terms.delays import Delay
from libriciel_terms.errors import (
    EndBeforeStartError,
    InvalidArgumentError,
    InvalidScheduleError,
    OutOfRangeError,
    WrongTypeError,
)
from libriciel_terms.holidays import FRANCE, ExplicitHolidays, HolidayCalendar

__all__ = ["BusinessHours", "Window"]

_DAY = dt.timedelta(days=1)
#: Ordinal of 0001-01-01, a Monday: ``(ordinal - 1) % 7`` is the ISO weekday - 1.
_WORKING_WEEKDAYS = frozenset(range(5))  # jours ouvrés: Monday–Friday
_OUVRABLE_WEEKDAYS = frozenset(range(6))  # jours ouvrables: Monday–Saturday
_Counts = Literal["ouvres", "ouvrables"]
#: No day holds more business time than this (the longest days of history are 25 h).
_MAX_DAY_US = 2 * DAY


def _parse_clock(name: str, value: object) -> dt.timedelta:
    """A time of day as an offset from midnight: ``"09:00"``, ``"09:00:30"``, ``time(9)``, ``"24:00"``."""
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
        # ASCII digits only: str.isdigit() also accepts "²" and other digits int() refuses
        if len(parts) in (2, 3) and all(p.isascii() and p.isdigit() and len(p) <= 2 for p in parts):
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
    >>> Window.of("08:30:15", "24:00")
    Window.of('08:30:15', '24:00')
    >>> Window.of("14:00", "12:00")
    Traceback (most recent call last):
    ...
    libriciel_terms.errors.InvalidScheduleError: window 14:00–12:00 is not within a day: it needs 00:00 <= opens < closes <= 24:00
    >>> Window.of("09:00", "²:00")
    Traceback (most recent call last):
    ...
    libriciel_terms.errors.InvalidScheduleError: closes='²:00' is not a time of day; write e.g. "09:00"
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
        days = [value.get(day, ()) for day in range(7)]
    elif isinstance(value, Iterable) and not isinstance(value, (str, bytes)):
        days = list(value)
    else:
        raise WrongTypeError(
            f"week={value!r} is not seven tuples of windows (Monday first) nor a mapping "
            f"weekday (0 = Monday) -> windows"
        )
    return tuple(tuple(sorted(_windows(number, day))) for number, day in enumerate(days))


def _windows(number: int, day: object) -> tuple[Window, ...]:
    """One day's windows, each a ``Window`` (checked before sorting compares them)."""
    if isinstance(day, (str, bytes, Mapping)) or not isinstance(day, Iterable):
        raise WrongTypeError(
            f"week[{number}]={day!r} is not a tuple of windows; use (Window.of('09:00', '12:00'),)"
        )
    windows = tuple(day)
    for window in windows:
        if not isinstance(window, Window):
            raise WrongTypeError(
                f"week[{number}] holds {window!r}; use Window.of('09:00', '12:00')"
            )
    return windows


def _check_week(
    _instance: object, _attribute: object, week: tuple[tuple[Window, ...], ...]
) -> None:
    if len(week) != 7:
        raise InvalidScheduleError(f"week has {len(week)} days; give 7, Monday first")
    for number, windows in enumerate(week):  # each a tuple of Window (_normalise_week)
        for before, after in itertools.pairwise(windows):
            if after.opens < before.closes:
                raise InvalidScheduleError(
                    f"{WEEKDAYS[number][1]} windows {before} and {after} overlap; "
                    f"give non-overlapping windows"
                )


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


# -- inputs ------------------------------------------------------------------------------------


def _zone(value: object) -> ZoneInfo:
    return _validate.zone("zone", value)


# The shared checks under the names this module's hot paths use.
_localize = _validate.localized
_count = _validate.count
_date = _validate.numpy_day


def _positive(name: str, value: object) -> int:
    amount = micros(_validate.duration(name, value, allow_negative=True))
    if amount < 0:
        raise OutOfRangeError(
            f"{name}={value!r} is negative; pass a duration >= timedelta(0) (subtract() counts "
            f"backwards)"
        )
    return amount


def _too_far(amount: int, start: dt.datetime, where: str = "after year 9999") -> OutOfRangeError:
    delta = dt.timedelta(microseconds=amount)
    return OutOfRangeError(
        f"{delta!r} of business time from start={start!r} ends {where}; pass a shorter duration"
    )


def _weekly_windows(
    week: tuple[tuple[Window, ...], ...],
) -> tuple[tuple[tuple[int, int], ...], ...]:
    return tuple(tuple((micros(w.opens), micros(w.closes)) for w in day) for day in week)


def _bundled_schedule(name: str) -> BusinessHours:
    """A schedule of the bundled ComElus 2024 contract file, read without the contract layer."""
    from libriciel_terms import _schedules

    return _schedules.bundled("comelus-2024")[name]


@attrs.frozen(kw_only=True, cache_hash=True)
class BusinessHours:
    """A weekly schedule of business windows, a holiday calendar and a zone (Contract §4.1).

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
    #: The schedule's cumulative index, attached on first use (not part of its value; a pickled
    #: schedule leaves it behind).
    _cache: Index | None = attrs.field(init=False, default=None, eq=False, hash=False, repr=False)

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
        """Interventions, support and PSG: Mon–Fri 09–12 and 14–18, French holidays (§2.8, §4.1).

        The ``interventions`` schedule of the bundled ComElus 2024 contract file.
        """
        return _bundled_schedule("interventions")

    @classmethod
    def customer_portal(cls) -> BusinessHours:
        """The customer portal: 08:00–24:00, seven days a week, holidays included (§4.1).

        The ``portail_client`` schedule of the bundled ComElus 2024 contract file.
        """
        return _bundled_schedule("portail_client")

    @classmethod
    def production_customer_space(cls) -> BusinessHours:
        """The production customer space as §2.5.1 lists it: Mon–Fri 09:00–18:00 (see C10).

        §2.5.1 says "jours ouvrables lundi → vendredi / 9h-18h", with no lunch break, while the
        PSG of §4.1 is 09–12 / 14–18; both schedules exist so that either reading is computable.
        The ``espace_client`` schedule of the bundled ComElus 2024 contract file.
        """
        return _bundled_schedule("espace_client")

    def with_holidays_worked(self) -> BusinessHours:
        """The same windows on every day they name, public holidays included.

        The other reading of the PSG (Contract §1.6, §2.7, §2.8 "du lundi au vendredi inclus",
        with no holiday exception, against §4.1's "hors jours fériés légaux"): the
        ``holidays_in_psg="included"`` keyword of the SLA and availability rules.

        >>> from datetime import date
        >>> BusinessHours.comelus().with_holidays_worked().is_working_day(date(2024, 11, 11))
        True
        """
        return attrs.evolve(
            self, holidays=ExplicitHolidays.of(()), name=f"{self.name}, jours fériés inclus"
        )

    def to_text(self, *, lang: Lang = "fr") -> str:
        """The schedule in one line: its windows, holidays and zone.

        >>> print(BusinessHours.comelus().to_text())
        lun.–ven. 09:00–12:00, 14:00–18:00 ; jours fériés : France métropolitaine ; fuseau : Europe/Paris
        """
        lang = check_lang(lang)
        groups: list[tuple[list[int], tuple[Window, ...]]] = []
        for number, windows in enumerate(self.week):
            if not windows:
                continue
            if groups and groups[-1][1] == windows and groups[-1][0][-1] == number - 1:
                groups[-1][0].append(number)
            else:
                groups.append(([number], windows))
        column = 1 if lang == "en" else 0
        parts = []
        for days, windows in groups:
            label = WEEKDAYS[days[0]][column]
            if len(days) > 1:
                label += f"–{WEEKDAYS[days[-1]][column]}"
            parts.append(f"{label} {', '.join(str(w) for w in windows)}")
        if isinstance(self.holidays, ExplicitHolidays):
            n = len(self.holidays.dates)
            holidays = pick(f"{n} dates données", f"{n} explicit dates", lang)
        else:
            region = getattr(self.holidays, "region", "?")
            french = {"metropole": "France métropolitaine", "alsace-moselle": "Alsace-Moselle"}
            holidays = pick(french.get(region, region), f"France ({region})", lang)
        if lang == "en":
            opening = "; ".join(parts) or "never open"
            return f"{opening}; holidays: {holidays}; zone: {self.zone.key}"
        sep = f"{NBSP};"
        opening = f"{sep} ".join(parts) or "jamais ouvert"
        return f"{opening}{sep} jours fériés{NBSP}: {holidays}{sep} fuseau{NBSP}: {self.zone.key}"

    def _repr_html_(self) -> str:
        """Jupyter's view: the schedule's name and its line (:meth:`to_text`), in French."""
        import html

        name, line = html.escape(self.name), html.escape(self.to_text())
        return f"<p><strong>{name}</strong>{NBSP}: {line}</p>"

    def describe(self) -> str:
        """The schedule in one line, in English (:meth:`to_text` with ``lang="en"``)."""
        return self.to_text(lang="en")

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

    def _index(self) -> Index:
        index = self._cache
        if index is None:
            # shared by every schedule with the same definition, whatever its name
            definition = (self.week, self.holidays, self.zone)
            index = shared_index(definition, _weekly_windows(self.week), self.holidays, self.zone)
            object.__setattr__(self, "_cache", index)
        return index

    def _local(self, name: str, at: object) -> dt.datetime:
        return _localize(name, at, self.zone)

    def _position(self, index: Index, local: dt.datetime) -> tuple[int, int]:
        """(year, business µs from the start of that year to ``local``)."""
        return local.year, index.position(index.table(local.year), local)

    def _elapsed_us(self, start: object, end: object, names: tuple[str, str]) -> int:
        first = self._local(names[0], start)
        last = self._local(names[1], end)
        # Same-zone datetimes compare by wall clock, ignoring fold: the second pass of a
        # repeated hour (fold=1) needs the comparison of instants.
        if (last < first or last.fold or first.fold) and key_of(last) < key_of(first):
            raise EndBeforeStartError(
                f"{names[1]}={end!r} is before {names[0]}={start!r}; pass an {names[1]} on or "
                f"after {names[0]} (the two are never swapped silently)"
            )
        index = self._cache or self._index()
        year_a, year_b = first.year, last.year
        table = index.tables.get(year_a) or index.table(year_a)
        a = index.position(table, first)
        if year_a == year_b:
            return index.position(table, last) - a
        b = index.position(index.table(year_b), last)
        between = sum(index.total(year, "busy") for year in range(year_a, year_b))
        return between + b - a

    def _opening_of(self, index: Index, local: dt.datetime) -> dt.datetime:
        """The opening instant of the window that holds the open instant ``local``."""
        ordinal = local.toordinal()
        table = index.table(local.year)
        layout = table.special.get(ordinal)
        if layout is not None:
            opening = layout.opening(key_of(local))
            assert opening is not None
            return instant_of(opening, self.zone)
        tod = (local.hour * 3600 + local.minute * 60 + local.second) * 1_000_000
        tod += local.microsecond
        for opens, closes in index.windows_us[(ordinal - 1) % 7]:
            if opens <= tod < closes:
                return index.wall(ordinal, opens)
        raise AssertionError("not open")  # pragma: no cover, no mutate

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
        local = self._local("at", at)
        index = self._index()
        table = index.table(local.year)
        ordinal = local.toordinal()
        i = ordinal - table.first
        if table.busy[i + 1] == table.busy[i]:  # a holiday, or no window that day
            return False
        tod = (local.hour * 3600 + local.minute * 60 + local.second) * 1_000_000
        tod += local.microsecond
        return any(opens <= tod < closes for opens, closes in index.windows_us[(ordinal - 1) % 7])

    def next_opening(self, at: dt.datetime) -> dt.datetime:
        """The earliest instant at or after ``at`` when the schedule is open.

        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> paris = ZoneInfo("Europe/Paris")
        >>> BusinessHours.comelus().next_opening(datetime(2024, 12, 24, 18, 0, tzinfo=paris))
        datetime.datetime(2024, 12, 26, 9, 0, tzinfo=zoneinfo.ZoneInfo(key='Europe/Paris'))
        """
        local = self._local("at", at)
        if self.is_open(local):
            return local
        index = self._index()
        year, position = self._position(index, local)
        # the latest instant with the same business position is the next opening
        return index.locate(year, position, latest=True)

    def previous_closing(self, at: dt.datetime) -> dt.datetime:
        """The latest instant at or before ``at`` that is open or closes a window.

        ``at`` itself when the schedule is open then, else the last closing before it: where
        business time last stopped. The mirror of :meth:`next_opening`.

        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> paris = ZoneInfo("Europe/Paris")
        >>> BusinessHours.comelus().previous_closing(datetime(2024, 12, 26, 8, 0, tzinfo=paris))
        datetime.datetime(2024, 12, 24, 18, 0, tzinfo=zoneinfo.ZoneInfo(key='Europe/Paris'))
        """
        local = self._local("at", at)
        if self.is_open(local):
            return local
        index = self._index()
        year, position = self._position(index, local)
        return index.locate(year, position)

    def previous_opening(self, at: dt.datetime) -> dt.datetime:
        """The latest opening of a window at or before ``at`` (the one ``at`` is in, if open).

        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> paris = ZoneInfo("Europe/Paris")
        >>> hours = BusinessHours.comelus()
        >>> hours.previous_opening(datetime(2024, 10, 15, 16, 0, tzinfo=paris)).time()
        datetime.time(14, 0)
        >>> hours.previous_opening(datetime(2024, 10, 19, 10, 0, tzinfo=paris)).isoformat()
        '2024-10-18T14:00:00+02:00'
        """
        local = self._local("at", at)
        index = self._index()
        if not self.is_open(local):
            year, position = self._position(index, local)
            # an instant inside the last window before ``at``, 1 µs before it closes
            local = index.locate(year, position - 1, latest=True)
        return self._opening_of(index, local)

    def add(self, start: dt.datetime, duration: dt.timedelta) -> dt.datetime:
        """The instant at which ``duration`` of business time has elapsed since ``start``.

        The earliest such instant: it falls inside a window or exactly on its closing boundary
        (09:00 + 3 h = 12:00). ``add(start, timedelta(0))`` is ``start`` (in the schedule's zone).
        A negative duration is refused: :meth:`subtract` counts backwards (Contract §4.1).

        >>> from datetime import datetime, timedelta
        >>> from zoneinfo import ZoneInfo
        >>> paris = ZoneInfo("Europe/Paris")
        >>> hours = BusinessHours.comelus()
        >>> hours.add(datetime(2024, 10, 15, 12, 30, tzinfo=paris), timedelta(hours=1)).time()
        datetime.time(15, 0)
        >>> hours.add(datetime(2024, 5, 8, 10, 0, tzinfo=paris), timedelta(hours=8)).date()
        datetime.date(2024, 5, 13)
        """
        amount = _positive("duration", duration)
        local = self._local("start", start)
        if amount == 0:
            return local
        return self._advance(self._cache or self._index(), local, amount, start)

    def _advance(self, index: Index, local: dt.datetime, amount: int, start: object) -> dt.datetime:
        if not index.week_us:
            raise InvalidScheduleError(f"{self.describe()!r} is never open; nothing can be added")
        if amount > (MAX_ORDINAL - local.toordinal() + 1) * _MAX_DAY_US:
            raise _too_far(amount, local)
        try:
            return index.advance(local, amount)
        except OutOfRangeError as exc:
            raise OutOfRangeError(f"{_too_far(amount, local)} ({exc})") from None

    def subtract(self, start: dt.datetime, duration: dt.timedelta) -> dt.datetime:
        """The latest instant from which ``duration`` of business time reaches ``start``.

        The mirror of :meth:`add`: ``elapsed(subtract(s, d), s) == d``; the result falls inside
        a window or exactly on its opening (15:00 − 1 h = 14:00, not 12:00).

        >>> from datetime import datetime, timedelta
        >>> from zoneinfo import ZoneInfo
        >>> paris = ZoneInfo("Europe/Paris")
        >>> hours = BusinessHours.comelus()
        >>> hours.subtract(datetime(2024, 10, 15, 15, 0, tzinfo=paris), timedelta(hours=1)).time()
        datetime.time(14, 0)
        >>> hours.subtract(datetime(2024, 10, 21, 10, 0, tzinfo=paris), timedelta(hours=2))
        datetime.datetime(2024, 10, 18, 17, 0, tzinfo=zoneinfo.ZoneInfo(key='Europe/Paris'))
        """
        amount = _positive("duration", duration)
        local = self._local("start", start)
        if amount == 0:
            return local
        index = self._index()
        if not index.week_us:
            raise InvalidScheduleError(
                f"{self.describe()!r} is never open; nothing can be subtracted"
            )
        if amount > local.toordinal() * _MAX_DAY_US:
            raise _too_far(amount, local, "before year 1")
        year, position = self._position(index, local)
        try:
            return index.locate(year, position - amount, latest=True)
        except OutOfRangeError as exc:
            raise OutOfRangeError(f"{_too_far(amount, local, 'too early')} ({exc})") from None

    def elapsed(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        """Business time inside the windows in ``[start, end)`` (Contract §4.1).

        ``end`` before ``start`` is refused (compared as instants); swap them and negate to
        measure backwards.

        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> paris = ZoneInfo("Europe/Paris")
        >>> BusinessHours.comelus().elapsed(datetime(2024, 10, 1, tzinfo=paris),
        ...                                 datetime(2024, 11, 1, tzinfo=paris))
        datetime.timedelta(days=6, seconds=61200)
        """
        return dt.timedelta(microseconds=self._elapsed_us(start, end, ("start", "end")))

    def add_elapsed(
        self, start: dt.datetime, since: dt.datetime, until: dt.datetime
    ) -> dt.datetime:
        """``add(start, elapsed(since, until))`` in one call: the primitive of clock freezes.

        A ticket frozen from ``since`` to ``until`` (Contract §5.2.4.1) has its due instant
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
        amount = self._elapsed_us(since, until, ("since", "until"))
        local = self._local("start", start)
        if amount == 0:
            return local
        return self._advance(self._index(), local, amount, start)

    def day_close(self, day: dt.date) -> dt.datetime:
        """The closing instant of ``day``'s last window (18:00 for :meth:`comelus`).

        Used by the civil counting of délais in jours ouvrés: a délai ends when the last working
        day's business hours close (Code de procédure civile art. 642).

        >>> from datetime import date
        >>> BusinessHours.comelus().day_close(date(2025, 9, 1)).isoformat()
        '2025-09-01T18:00:00+02:00'
        """
        checked = _date("day", day)
        windows = self.week[checked.weekday()]
        if not windows:
            raise InvalidArgumentError(
                f"day={day!r} is a {WEEKDAYS[checked.weekday()][1]}, which has no business "
                f"windows in {self.describe()!r}; pass a working day"
            )
        index = self._index()
        ordinal = checked.toordinal()
        layout = index.table(checked.year).special.get(ordinal)
        if layout is not None and layout.intervals:
            return instant_of(layout.start + layout.intervals[-1][1], self.zone)
        return index.wall(ordinal, micros(windows[-1].closes))

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
        local = self._local("start", start)
        if delay.amount == 0:
            return local
        if delay.unit == "ouvrable_days":
            last = self._nth_day("ouvrables", local.toordinal(), delay.amount)
            midnight = dt.datetime.combine(dt.date.fromordinal(last) + _DAY, dt.time())
            return localize(midnight, self.zone)
        last = self._nth_day("ouvres", local.toordinal(), delay.amount)
        return self.day_close(dt.date.fromordinal(last))

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
        checked = _date("day", day)
        return checked.weekday() in weekdays and not self.holidays.is_holiday(checked)

    def _add_days(self, counts: _Counts, day: object, n: object) -> dt.date:
        start = _date("day", day)
        step = _count("n", n)
        if step == 0:
            return start
        return dt.date.fromordinal(self._nth_day(counts, start.toordinal(), step))

    def _nth_day(self, counts: Counts, ordinal: int, step: int) -> int:
        """The ordinal of the ``step``-th qualifying day after (before, if < 0) ``ordinal``.

        Any stretch without a qualifying day is crossed, however long (the search moves year by
        year through the yearly counts); the answer is exact whatever was asked before.
        """
        day = dt.date.fromordinal(ordinal)
        if not -ordinal < step <= MAX_ORDINAL - ordinal:  # at most one qualifying day a day
            raise OutOfRangeError(f"n={step!r} days from day={day!r} leaves the years 1–9999")
        try:
            return self._index().nth_day(counts, ordinal, step)
        except OutOfRangeError as exc:
            raise OutOfRangeError(f"n={step!r} days from day={day!r}: {exc}") from None

    def _between(self, counts: _Counts, start: object, end: object) -> int:
        first = _date("start", start)
        last = _date("end", end)
        _validate.ordered("start", first, "end", last)
        index = self._index()
        year_a, a = index.count_before(counts, first.toordinal())
        year_b, b = index.count_before(counts, last.toordinal())
        return index.between_years(counts, year_a, year_b) + b - a

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

    # -- arrays (numpy: the ``fast`` extra) ----------------------------------------------------

    def add_many(self, starts: Any, durations: Any) -> Any:
        """:meth:`add` of every start: an array of instants in, the same kind out.

        ``starts``: a tz-aware pandas ``DatetimeIndex`` or ``Series`` (answered in the
        schedule's zone), a numpy ``datetime64`` array (UTC instants, answered in UTC) or a
        sequence of aware datetimes (answered as a list). ``durations``: one ``timedelta`` or
        as many as starts (timedelta64, ``TimedeltaIndex`` or a sequence). Each element equals
        the scalar call; numpy is needed (``pip install 'libriciel-terms[fast]'``).

        >>> import numpy as np
        >>> from datetime import timedelta
        >>> starts = np.array(["2024-12-20T15:30", "2024-10-15T07:00"], dtype="datetime64[us]")
        >>> BusinessHours.comelus().add_many(starts, timedelta(hours=4))
        array(['2024-12-23T10:30:00.000000', '2024-10-15T13:00:00.000000'],
              dtype='datetime64[us]')
        """
        from libriciel_terms import _bulk

        return _bulk.add_many(self, starts, durations)

    def elapsed_many(self, starts: Any, ends: Any) -> Any:
        """:meth:`elapsed` of every (start, end) pair: durations of the same kind as ``starts``.

        >>> import numpy as np
        >>> starts = np.array(["2024-10-01T00:00"], dtype="datetime64[us]")
        >>> ends = np.array(["2024-11-01T00:00"], dtype="datetime64[us]")
        >>> BusinessHours.comelus().elapsed_many(starts, ends) / np.timedelta64(1, "h")
        array([161.])
        """
        from libriciel_terms import _bulk

        return _bulk.elapsed_many(self, starts, ends)

    def add_working_days_many(self, days: Any, n: Any) -> Any:
        """:meth:`add_working_days` of every day (``datetime64[D]``, dates, or midnights).

        >>> import numpy as np
        >>> days = np.array(["2024-12-24", "2028-08-31"], dtype="datetime64[D]")
        >>> BusinessHours.comelus().add_working_days_many(days, np.array([1, 30]))
        array(['2024-12-26', '2028-10-12'], dtype='datetime64[D]')
        """
        from libriciel_terms import _bulk

        return _bulk.add_working_days_many(self, days, n)
