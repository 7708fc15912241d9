"""The holiday calendars a business-hour schedule uses (Contract §4.1), with the law's history.

Clause 4.1 excludes "les jours fériés légaux du titulaire". Libriciel SCOP is established in
Castelnau-le-Lez (Hérault), so the default calendar is the public holidays of metropolitan France
(Code du travail art. L3133-1): 1 January, Easter Monday, 1 May, 8 May, Ascension Thursday, Whit
Monday, 14 July, 15 August, 1 November, 11 November and 25 December. The Alsace-Moselle calendar
(plus Good Friday and 26 December, Code du travail art. L3134-13) is an option, never the default.

The list has held since 1982; before, the law differed, and each holiday counts only from the
text that made it one (:data:`HISTORY`):

- Ascension, 15 August, 1 November and 25 December: arrêté du 29 germinal an X (19 April 1802,
  the Concordat), every year;
- 1 January: avis du Conseil d'État des 13 et 20 mars 1810, every year;
- 14 July: loi du 6 juillet 1880, every year;
- Easter Monday and Whit Monday: loi du 8 mars 1886, every year;
- 11 November: loi du 24 octobre 1922, from 1922;
- 1 May: loi du 23 avril 1919 (1919 only), then loi n° 47-778 du 30 avril 1947 and loi n° 48-746
  du 29 avril 1948, from 1947;
- 8 May: loi n° 53-225 du 20 mars 1953 until the décret n° 59-533 du 11 avril 1959 moved the
  commemoration to a Sunday (1953–1958); the twentieth anniversary (1965 only); loi n° 81-893 du
  2 octobre 1981, from 1982.

The years 1941 to 1946 are refused with :class:`~libriciel_terms.errors.OutOfRangeError`: the 1
May of the Vichy law of 12 April 1941, its fate at the Liberation and the one-off days of 1945 are
not encoded. So are the years before 1900 and after 2200 (the law after 2200 is unknown), and, for
Alsace-Moselle, the years before 1925 (the local law was kept by the loi du 1er juin 1924).

**Whit Monday 2005–2007** is a reading: the loi n° 2004-626 du 30 juin 2004 made it the
journée de solidarité, worked by default, until the loi n° 2008-351 du 16 avril 2008 let each
employer choose the day. It stayed in the list of legal holidays, so ``whit_monday_2005_2007=
"holiday"`` is the default (the contract says "jours fériés légaux"); ``"solidarity_day"`` is
the other reading, for a titulaire that worked it.

The dates are computed here from :func:`dateutil.easter.easter` and the table above: nothing
else is imported, and workalendar (which the library used before) is only a differential oracle
in the tests, from 1982 on. Each year is computed once and kept (at most
:data:`YEARS_CACHED` years).

>>> from datetime import date
>>> FRANCE.is_holiday(date(2025, 6, 9))        # Whit Monday 2025
True
>>> sorted(FRANCE.holidays(2025))[:2]
[datetime.date(2025, 1, 1), datetime.date(2025, 4, 21)]
>>> ALSACE_MOSELLE.is_holiday(date(2025, 4, 18))  # Good Friday, Alsace-Moselle only
True
>>> FRANCE.is_holiday(date(2025, 4, 18))
False
>>> FRANCE.is_holiday(date(1977, 5, 8)), FRANCE.is_holiday(date(1955, 5, 8))
(False, True)
>>> FrenchHolidays(whit_monday_2005_2007="solidarity_day").is_holiday(date(2006, 6, 5))
False

The failing case: a year whose law is not encoded is refused, not guessed.

>>> FRANCE.holidays(1943)
Traceback (most recent call last):
...
libriciel_terms.errors.OutOfRangeError: year=1943 is in 1941–1946, whose holiday law (the Vichy law of 12 April 1941 and the Liberation) is not encoded; pass an ExplicitHolidays calendar for those years

A calendar can also be any explicit set of dates:

>>> custom = ExplicitHolidays.of([date(2025, 12, 24)])
>>> custom.is_holiday(date(2025, 12, 24)), custom.is_holiday(date(2025, 12, 25))
(True, False)
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Mapping
from typing import Literal, Protocol, runtime_checkable

import attrs
from dateutil.easter import easter

from libriciel_terms import _validate
from libriciel_terms.errors import OutOfRangeError, WrongTypeError

__all__ = [
    "ALSACE_MOSELLE",
    "FRANCE",
    "HISTORY",
    "ExplicitHolidays",
    "FrenchHolidays",
    "Holiday",
    "HolidayCalendar",
]

Region = Literal["metropole", "alsace-moselle"]
WhitMondayReading = Literal["holiday", "solidarity_day"]

#: The years the French calendars answer for: the law before 1900 is not encoded, and the law
#: after 2200 cannot be known.
MIN_YEAR = 1900
MAX_YEAR = 2200
#: Years whose holiday law is not encoded (wartime and Liberation texts): refused.
UNKNOWN_YEARS = range(1941, 1947)
#: First year of the Alsace-Moselle calendar (the local law kept by the loi du 1er juin 1924).
ALSACE_MOSELLE_FROM = 1925
#: The journée de solidarité years (loi n° 2004-626 du 30 juin 2004, loi n° 2008-351).
SOLIDARITY_YEARS = range(2005, 2008)
#: How many (calendar, year) lists are kept once computed.
YEARS_CACHED = 4096


@attrs.frozen(kw_only=True)
class Holiday:
    """One public holiday: how its date is found, the law that made it one, and when.

    ``month``/``day`` give a fixed date; ``easter_offset`` a date relative to Easter Sunday.
    ``years`` lists the ranges of years in which it is a holiday.
    """

    name: str
    law: str
    years: tuple[range, ...]
    month: int = 0
    day: int = 0
    easter_offset: int | None = None
    region: Region = "metropole"

    def date_in(self, year: int) -> dt.date | None:
        """Its date in ``year``, or None if it is not a holiday that year."""
        if not any(year in span for span in self.years):
            return None
        if self.easter_offset is not None:
            return easter(year) + dt.timedelta(days=self.easter_offset)
        return dt.date(year, self.month, self.day)


_ALWAYS = (range(MIN_YEAR, MAX_YEAR + 1),)
_CONCORDAT = "arrêté du 29 germinal an X (19 April 1802)"

#: Every holiday the French calendars know, in calendar order, with its legal basis and its years.
HISTORY: tuple[Holiday, ...] = (
    Holiday(
        name="Jour de l'an",
        law="avis du Conseil d'État des 13 et 20 mars 1810",
        years=_ALWAYS,
        month=1,
        day=1,
    ),
    Holiday(
        name="Vendredi saint",
        law="Code du travail art. L3134-13 (droit local)",
        years=_ALWAYS,
        easter_offset=-2,
        region="alsace-moselle",
    ),
    Holiday(name="Lundi de Pâques", law="loi du 8 mars 1886", years=_ALWAYS, easter_offset=1),
    Holiday(
        name="Fête du Travail",
        law="loi du 23 avril 1919 (1919 only); loi n° 47-778 du 30 avril 1947; "
        "loi n° 48-746 du 29 avril 1948",
        years=(range(1919, 1920), range(1947, MAX_YEAR + 1)),
        month=5,
        day=1,
    ),
    Holiday(
        name="Victoire 1945",
        law="loi n° 53-225 du 20 mars 1953, ended by décret n° 59-533 du 11 avril 1959; "
        "twentieth anniversary (1965 only); loi n° 81-893 du 2 octobre 1981",
        years=(range(1953, 1959), range(1965, 1966), range(1982, MAX_YEAR + 1)),
        month=5,
        day=8,
    ),
    Holiday(name="Ascension", law=_CONCORDAT, years=_ALWAYS, easter_offset=39),
    Holiday(name="Lundi de Pentecôte", law="loi du 8 mars 1886", years=_ALWAYS, easter_offset=50),
    Holiday(name="Fête nationale", law="loi du 6 juillet 1880", years=_ALWAYS, month=7, day=14),
    Holiday(name="Assomption", law=_CONCORDAT, years=_ALWAYS, month=8, day=15),
    Holiday(name="Toussaint", law=_CONCORDAT, years=_ALWAYS, month=11, day=1),
    Holiday(
        name="Armistice 1918",
        law="loi du 24 octobre 1922",
        years=(range(1922, MAX_YEAR + 1),),
        month=11,
        day=11,
    ),
    Holiday(name="Noël", law=_CONCORDAT, years=_ALWAYS, month=12, day=25),
    Holiday(
        name="Saint-Étienne",
        law="Code du travail art. L3134-13 (droit local)",
        years=_ALWAYS,
        month=12,
        day=26,
        region="alsace-moselle",
    ),
)
_WHIT_MONDAY = "Lundi de Pentecôte"


@runtime_checkable
class HolidayCalendar(Protocol):
    """What a schedule needs from a holiday calendar: the holidays of a year."""

    def holidays(self, year: int) -> frozenset[dt.date]:
        """The holidays falling in ``year``."""
        ...

    def is_holiday(self, day: dt.date) -> bool:
        """Whether ``day`` is a holiday."""
        ...


_YEARS: dict[tuple[Region, WhitMondayReading, int], frozenset[dt.date]] = {}
_YEARS_LOCK = threading.Lock()


def _clear_caches() -> None:
    """Forget every computed year (tests and mutation testing start from nothing)."""
    with _YEARS_LOCK:
        _YEARS.clear()


def _check_year(region: Region, year: int) -> None:
    first = ALSACE_MOSELLE_FROM if region == "alsace-moselle" else MIN_YEAR
    if not first <= year <= MAX_YEAR:
        raise OutOfRangeError(
            f"year={year!r} is outside {first}–{MAX_YEAR}, where the French holiday law is "
            f"encoded; pass an ExplicitHolidays calendar for other years"
        )
    if year in UNKNOWN_YEARS:
        raise OutOfRangeError(
            f"year={year!r} is in {UNKNOWN_YEARS.start}–{UNKNOWN_YEARS.stop - 1}, whose holiday "
            f"law (the Vichy law of 12 April 1941 and the Liberation) is not encoded; pass an "
            f"ExplicitHolidays calendar for those years"
        )


def _french_year(region: Region, reading: WhitMondayReading, year: int) -> frozenset[dt.date]:
    days = set()
    for holiday in HISTORY:
        if holiday.region == "alsace-moselle" and region != "alsace-moselle":
            continue
        if (
            holiday.name == _WHIT_MONDAY
            and reading == "solidarity_day"
            and year in SOLIDARITY_YEARS
        ):
            continue
        day = holiday.date_in(year)
        if day is not None:
            days.add(day)
    return frozenset(days)


@attrs.frozen(kw_only=True)
class FrenchHolidays:
    """French public holidays, metropolitan (default) or Alsace-Moselle (Contract §4.1).

    ``whit_monday_2005_2007``: ``"holiday"`` (default: Whit Monday stayed a legal holiday) or
    ``"solidarity_day"`` (the journée de solidarité of the loi n° 2004-626, worked by default).
    """

    region: Region = attrs.field(default="metropole", validator=_validate.choice(Region))
    whit_monday_2005_2007: WhitMondayReading = attrs.field(
        default="holiday", validator=_validate.choice(WhitMondayReading)
    )

    def holidays(self, year: int) -> frozenset[dt.date]:
        """The public holidays of ``year`` (1900–2200, except 1941–1946)."""
        _validate.integer("year", year)
        key = (self.region, self.whit_monday_2005_2007, year)
        found = _YEARS.get(key)
        if found is None:
            _check_year(self.region, year)
            found = _french_year(self.region, self.whit_monday_2005_2007, year)
            with _YEARS_LOCK:
                if len(_YEARS) >= YEARS_CACHED:
                    _YEARS.clear()
                _YEARS[key] = found
        return found

    def is_holiday(self, day: dt.date) -> bool:
        """Whether ``day`` is a French public holiday."""
        _validate.day("day", day)
        return day in self.holidays(day.year)

    def named(self, year: int) -> Mapping[dt.date, str]:
        """The holidays of ``year`` with their names (Ascension on 1 May 2008 keeps one name).

        >>> FRANCE.named(2025)[date(2025, 11, 11)]
        'Armistice 1918'
        """
        days = self.holidays(year)
        names: dict[dt.date, str] = {}
        for holiday in HISTORY:
            day = holiday.date_in(year)
            if day in days and day not in names:
                names[day] = holiday.name
        return names


def _frozen_dates(value: object) -> frozenset[dt.date]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise WrongTypeError(f"dates={value!r} is not an iterable of dates")
    return frozenset(value)


def _check_dates(_instance: object, _attribute: object, value: frozenset[dt.date]) -> None:
    for item in value:
        _validate.day("dates[…]", item)


def _by_year(dates: frozenset[dt.date]) -> dict[int, frozenset[dt.date]]:
    years: dict[int, set[dt.date]] = {}
    for day in dates:
        years.setdefault(day.year, set()).add(day)
    return {year: frozenset(days) for year, days in years.items()}


@attrs.frozen(kw_only=True)
class ExplicitHolidays:
    """A calendar given as an explicit set of dates (no rule, no lookup)."""

    dates: frozenset[dt.date] = attrs.field(converter=_frozen_dates, validator=_check_dates)
    _years: Mapping[int, frozenset[dt.date]] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_years", _by_year(self.dates))

    @classmethod
    def of(cls, dates: Iterable[dt.date]) -> ExplicitHolidays:
        """Build a calendar from any iterable of dates.

        >>> ExplicitHolidays.of(None)
        Traceback (most recent call last):
        ...
        libriciel_terms.errors.WrongTypeError: dates=None is not an iterable of dates
        """
        return cls(dates=_frozen_dates(dates))

    def holidays(self, year: int) -> frozenset[dt.date]:
        """The given dates that fall in ``year``."""
        _validate.integer("year", year)
        return self._years.get(year, frozenset())

    def is_holiday(self, day: dt.date) -> bool:
        """Whether ``day`` is one of the given dates."""
        _validate.day("day", day)
        return day in self.dates


#: Metropolitan France: the titulaire's legal holidays, the contract's default.
FRANCE = FrenchHolidays()
#: Alsace-Moselle: metropolitan France plus Good Friday and 26 December.
ALSACE_MOSELLE = FrenchHolidays(region="alsace-moselle")
