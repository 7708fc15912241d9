"""The holiday calendars a business-hour schedule uses (contract §4.1, RULES.md §0).

Clause 4.1 excludes "les jours fériés légaux du titulaire". Libriciel SCOP is established in
Castelnau-le-Lez (Hérault), so the default calendar is the eleven public holidays of
metropolitan France: 1 January, Easter Monday, 1 May, 8 May, Ascension Thursday, Whit Monday,
14 July, 15 August, 1 November, 11 November and 25 December. The Alsace-Moselle calendar (plus
Good Friday and 26 December) is an option, never the default.

The dates come from workalendar's ``France`` and ``FranceAlsaceMoselle``. workalendar has not
been released since 2023, so it is used here and nowhere else: swapping it for another source
means changing this module only. Each year is computed once and cached.

>>> from datetime import date
>>> FRANCE.is_holiday(date(2025, 6, 9))        # Whit Monday 2025
True
>>> sorted(FRANCE.holidays(2025))[:2]
[datetime.date(2025, 1, 1), datetime.date(2025, 4, 21)]
>>> ALSACE_MOSELLE.is_holiday(date(2025, 4, 18))  # Good Friday, Alsace-Moselle only
True
>>> FRANCE.is_holiday(date(2025, 4, 18))
False

A calendar can also be any explicit set of dates:

>>> custom = ExplicitHolidays.of([date(2025, 12, 24)])
>>> custom.is_holiday(date(2025, 12, 24)), custom.is_holiday(date(2025, 12, 25))
(True, False)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache
from typing import Literal, Protocol, runtime_checkable

import attrs

from libriciel_terms import _validate
from libriciel_terms.errors import OutOfRangeError, WrongTypeError

__all__ = [
    "ALSACE_MOSELLE",
    "FRANCE",
    "ExplicitHolidays",
    "FrenchHolidays",
    "HolidayCalendar",
]

Region = Literal["metropole", "alsace-moselle"]

#: The years workalendar's French calendar is trusted for (Easter rules hold, the Pentecost
#: Monday is a holiday throughout; outside, the holiday list changes with the law).
MIN_YEAR = 1900
MAX_YEAR = 2200


@runtime_checkable
class HolidayCalendar(Protocol):
    """What a schedule needs from a holiday calendar: the holidays of a year."""

    def holidays(self, year: int) -> frozenset[dt.date]:
        """The holidays falling in ``year``."""
        ...

    def is_holiday(self, day: dt.date) -> bool:
        """Whether ``day`` is a holiday."""
        ...


@lru_cache(maxsize=1024)
def _workalendar_year(region: Region, year: int) -> frozenset[dt.date]:
    # Imported lazily: workalendar pulls in several calendar packages at import time.
    from workalendar.europe import France, FranceAlsaceMoselle

    calendar = FranceAlsaceMoselle() if region == "alsace-moselle" else France()
    return frozenset(day for day, _label in calendar.holidays(year))


@attrs.frozen(kw_only=True)
class FrenchHolidays:
    """French public holidays, metropolitan (default) or Alsace-Moselle (clause 4.1)."""

    region: Region = attrs.field(
        default="metropole", validator=_validate.attrs_one_of("metropole", "alsace-moselle")
    )

    def holidays(self, year: int) -> frozenset[dt.date]:
        """The public holidays of ``year`` (between 1900 and 2200)."""
        _validate.integer("year", year)
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise OutOfRangeError(
                f"year={year!r} is outside {MIN_YEAR}–{MAX_YEAR}, where the French holiday "
                f"rules are known; pass an ExplicitHolidays calendar for other years"
            )
        return _workalendar_year(self.region, year)

    def is_holiday(self, day: dt.date) -> bool:
        """Whether ``day`` is a French public holiday."""
        _validate.day("day", day)
        return day in self.holidays(day.year)


def _frozen_dates(value: Iterable[dt.date]) -> frozenset[dt.date]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongTypeError(f"dates={value!r} is not an iterable of dates")
    return frozenset(value)


def _check_dates(_instance: object, _attribute: object, value: frozenset[dt.date]) -> None:
    for item in value:
        _validate.day("dates[…]", item)


@attrs.frozen(kw_only=True)
class ExplicitHolidays:
    """A calendar given as an explicit set of dates (no rule, no lookup)."""

    dates: frozenset[dt.date] = attrs.field(converter=_frozen_dates, validator=_check_dates)

    @classmethod
    def of(cls, dates: Iterable[dt.date]) -> ExplicitHolidays:
        """Build a calendar from any iterable of dates."""
        return cls(dates=frozenset(dates))

    def holidays(self, year: int) -> frozenset[dt.date]:
        """The given dates that fall in ``year``."""
        _validate.integer("year", year)
        return frozenset(d for d in self.dates if d.year == year)

    def is_holiday(self, day: dt.date) -> bool:
        """Whether ``day`` is one of the given dates."""
        _validate.day("day", day)
        return day in self.dates


#: Metropolitan France: the titulaire's legal holidays, the contract's default.
FRANCE = FrenchHolidays()
#: Alsace-Moselle: metropolitan France plus Good Friday and 26 December.
ALSACE_MOSELLE = FrenchHolidays(region="alsace-moselle")
