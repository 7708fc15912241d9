"""Calendar arithmetic shared by the rules (private module).

Conventions (the docs' "Conventions" page; Code de procédure civile art. 640–642 and 641 al. 2):

- months are added with ``dateutil.relativedelta``: same day number N months later, clipped to
  the month's last day (31 August + 6 months = 28 or 29 February);
- days, months and years added to an **instant** are calendar arithmetic on its local date in
  the given zone, keeping the wall-clock time (a backup taken Saturday 2025-03-22 23:00 and kept
  15 days expires Sunday 2025-04-06 23:00 Paris); a wall time that does not exist that day is
  moved forward by the gap, a repeated one is its first occurrence;
- hours added to an instant are **elapsed** hours, counted in UTC.

>>> YearMonth(2024, 8).shift(13), str(YearMonth(2024, 8))
(YearMonth(year=2025, month=9), '2024-08')
>>> add_months(dt.date(2024, 8, 31), 6)
datetime.date(2025, 2, 28)
>>> whole_months(dt.date(2024, 11, 1), dt.date(2025, 9, 1))
10
>>> half_year_start(dt.date(2025, 6, 30)), half_year_start(dt.date(2025, 7, 1))
(datetime.date(2025, 1, 1), datetime.date(2025, 7, 1))

The failing case: a result beyond what a date can hold is refused, never wrapped or clipped.

>>> add_months(dt.date(9999, 12, 1), 1)
Traceback (most recent call last):
...
libriciel_terms.errors.OutOfRangeError: 9999-12-01 + 1 months is outside the years 1–9999 a date can hold; pass dates and lengths that stay within them
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, NamedTuple
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from libriciel_terms.errors import OutOfRangeError, WrongTypeError

__all__ = [
    "ONE_DAY",
    "CalendarUnit",
    "YearMonth",
    "add_months",
    "half_year_start",
    "localize",
    "shift_day",
    "shift_instant",
    "whole_months",
]

ONE_DAY = dt.timedelta(days=1)

#: Units of calendar arithmetic: days, months, years (on dates), elapsed hours (on instants).
CalendarUnit = Literal["hours", "days", "months", "years"]


class YearMonth(NamedTuple):
    """A calendar month; a ``(year, month)`` tuple, so ``YearMonth(2024, 8) == (2024, 8)``."""

    year: int
    month: int

    @classmethod
    def of(cls, day: dt.date) -> YearMonth:
        """The month containing ``day``."""
        return cls(day.year, day.month)

    @classmethod
    def parse(cls, text: str) -> YearMonth:
        """``"2024-08"`` → ``YearMonth(2024, 8)``; anything else raises ``WrongTypeError``.

        >>> YearMonth.parse("2025-07")
        YearMonth(year=2025, month=7)
        """
        parts = text.strip().split("-") if isinstance(text, str) else []
        if len(parts) == 2 and all(p.isdigit() for p in parts):
            year, month = int(parts[0]), int(parts[1])
            if 1 <= year <= 9999 and 1 <= month <= 12:
                return cls(year, month)
        raise WrongTypeError(f"month={text!r} is not a month; write it as YYYY-MM, e.g. 2025-07")

    def shift(self, months: int) -> YearMonth:
        """The month ``months`` later (earlier if negative)."""
        if isinstance(months, bool) or not isinstance(months, int):
            raise WrongTypeError(f"months={months!r} is a {type(months).__name__}, not an int")
        index = self.year * 12 + self.month - 1 + months
        if not 12 <= index < 120_000:
            raise OutOfRangeError(f"{self} + {months} months is outside the years 1–9999")
        return YearMonth(index // 12, index % 12 + 1)

    @property
    def first_day(self) -> dt.date:
        """The month's first day."""
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        """The month's last day."""
        if self.month == 12:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, self.month + 1, 1) - ONE_DAY

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, clipped to the month's last day."""
    try:
        result: dt.date = day + relativedelta(months=months)
    except (ValueError, OverflowError):
        raise OutOfRangeError(
            f"{day.isoformat()} + {months} months is outside the years 1–9999 a date can hold; "
            f"pass dates and lengths that stay within them"
        ) from None
    return result


def whole_months(start: dt.date, end_exclusive: dt.date) -> int:
    """How many whole months fit from ``start`` to ``end_exclusive`` (months counted from ``start``).

    >>> whole_months(dt.date(2025, 1, 31), dt.date(2025, 2, 28))  # 31 Jan + 1 month = 28 Feb
    1
    >>> whole_months(dt.date(2025, 3, 15), dt.date(2025, 3, 1))
    0
    """
    months = (end_exclusive.year - start.year) * 12 + end_exclusive.month - start.month
    # relativedelta clips to the month's end, so at most one step back is ever needed.
    if months > 0 and add_months(start, months) > end_exclusive:
        months -= 1
    return max(months, 0)


def half_year_start(day: dt.date) -> dt.date:
    """The first day (1 January or 1 July) of the half-year containing ``day``."""
    return dt.date(day.year, 1 if day.month <= 6 else 7, 1)


def localize(naive: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """A wall-clock time in ``zone``: the first occurrence when ambiguous (``fold=0``), moved
    forward by the gap when it does not exist (02:30 on the spring night reads 03:30)."""
    try:
        return naive.replace(tzinfo=zone, fold=0).astimezone(dt.UTC).astimezone(zone)
    except OverflowError:
        raise OutOfRangeError(
            f"{naive.isoformat()} in {zone.key} is beyond the year 9999"
        ) from None


def _delta(amount: int, unit: CalendarUnit) -> relativedelta:
    if unit == "days":
        return relativedelta(days=amount)
    if unit == "months":
        return relativedelta(months=amount)
    if unit == "years":
        return relativedelta(years=amount)
    raise WrongTypeError(f"unit={unit!r} is not a calendar unit of dates; use days, months, years")


def shift_day(start: dt.date, amount: int, unit: CalendarUnit) -> dt.date:
    """``start`` plus ``amount`` calendar days, months or years (months clipped to the end).

    >>> shift_day(dt.date(2024, 2, 29), 1, "years")
    datetime.date(2025, 2, 28)
    """
    try:
        result: dt.date = start + _delta(amount, unit)
    except (OverflowError, ValueError):
        raise OutOfRangeError(
            f"start={start!r} plus {amount} {unit} is outside the years 1–9999; pass an "
            f"earlier start or a shorter period"
        ) from None
    return result


def shift_instant(
    start: dt.datetime, amount: int, unit: CalendarUnit, zone: ZoneInfo
) -> dt.datetime:
    """``start`` plus elapsed hours or calendar days/months/years, expressed in ``zone``.

    >>> paris = ZoneInfo("Europe/Paris")
    >>> shift_instant(dt.datetime(2025, 3, 28, 16, tzinfo=paris), 48, "hours", paris).isoformat()
    '2025-03-30T17:00:00+02:00'
    >>> shift_instant(dt.datetime(2025, 3, 22, 23, tzinfo=paris), 15, "days", paris).isoformat()
    '2025-04-06T23:00:00+02:00'
    """
    try:
        if unit == "hours":
            return (start.astimezone(dt.UTC) + dt.timedelta(hours=amount)).astimezone(zone)
        local = start.astimezone(zone).replace(tzinfo=None)
        return localize(local + _delta(amount, unit), zone)
    except (OverflowError, ValueError):
        raise OutOfRangeError(
            f"start={start!r} plus {amount} {unit} is outside the years 1–9999; pass an "
            f"earlier start or a shorter period"
        ) from None
