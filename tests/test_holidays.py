"""The holiday calendars: an independent Easter computation (2000–2100), workalendar as a
differential oracle (1982–2200), and the law's history before 1982 with its legal references."""

from __future__ import annotations

import datetime as dt
import pickle
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from libriciel_terms import (
    ALSACE_MOSELLE,
    FRANCE,
    ExplicitHolidays,
    FrenchHolidays,
    InvalidArgumentError,
    OutOfRangeError,
    TermsError,
    WrongTypeError,
)
from libriciel_terms.holidays import HISTORY, _clear_caches


def easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (the anonymous "Meeus/Jones/Butcher" algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def expected_metropole(year: int) -> set[dt.date]:
    sunday = easter(year)
    fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
    movable = [sunday + dt.timedelta(days=n) for n in (1, 39, 50)]
    return {dt.date(year, m, d) for m, d in fixed} | set(movable)


@pytest.mark.parametrize("year", range(2000, 2101))
def test_metropolitan_holidays_match_independent_computation(year: int) -> None:
    assert FRANCE.holidays(year) == expected_metropole(year)
    # Eleven holidays, fewer when two coincide (Ascension on 1 May 2008, on 8 May 2070).
    assert len(FRANCE.holidays(year)) == 11 - (year in {2008, 2059, 2070, 2081, 2092})


@pytest.mark.parametrize("year", range(2000, 2101, 7))
def test_alsace_moselle_adds_good_friday_and_st_stephen(year: int) -> None:
    extra = {easter(year) - dt.timedelta(days=2), dt.date(year, 12, 26)}
    assert ALSACE_MOSELLE.holidays(year) == expected_metropole(year) | extra


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2024, 5, 8), True),  # Victoire 1945
        (dt.date(2024, 5, 9), True),  # Ascension 2024
        (dt.date(2025, 6, 9), True),  # Whit Monday 2025
        (dt.date(2025, 4, 18), False),  # Good Friday: Alsace-Moselle only
        (dt.date(2025, 12, 26), False),
        (dt.date(2025, 12, 24), False),
    ],
)
def test_known_days(day: dt.date, expected: bool) -> None:
    assert FRANCE.is_holiday(day) is expected


def test_explicit_calendar_and_pickling() -> None:
    custom = ExplicitHolidays.of([dt.date(2025, 12, 24), dt.date(2026, 1, 2)])
    assert custom.holidays(2025) == {dt.date(2025, 12, 24)}
    assert custom.is_holiday(dt.date(2026, 1, 2))
    assert not custom.is_holiday(dt.date(2025, 12, 25))
    for calendar in (custom, FRANCE, ALSACE_MOSELLE):
        assert pickle.loads(pickle.dumps(calendar)) == calendar


def test_bad_input() -> None:
    with pytest.raises(WrongTypeError, match="day="):
        FRANCE.is_holiday("2025-01-01")  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match="not a date"):
        FRANCE.is_holiday(dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    with pytest.raises(OutOfRangeError, match="ExplicitHolidays"):
        FRANCE.holidays(1800)
    with pytest.raises(TermsError):
        FrenchHolidays(region="corse")  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError):
        ExplicitHolidays.of(["2025-01-01"])  # type: ignore[list-item]
    with pytest.raises(WrongTypeError, match=r"dates=None is not an iterable of dates"):
        ExplicitHolidays.of(None)  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match=r"dates='2025-01-01' is not an iterable"):
        ExplicitHolidays(dates="2025-01-01")  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match=r"year='2025' is a str, not an int"):
        FRANCE.holidays("2025")  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match=r"year=2025.0 is a float"):
        ExplicitHolidays.of([]).holidays(2025.0)  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match=r"day='2025-01-01'"):
        ExplicitHolidays.of([]).is_holiday("2025-01-01")  # type: ignore[arg-type]
    with pytest.raises(
        InvalidArgumentError, match=r"whit_monday_2005_2007='worked' is not one of 'holiday'"
    ):
        FrenchHolidays(whit_monday_2005_2007="worked")  # type: ignore[arg-type]


# -- workalendar as a differential oracle, 1982–2200 ------------------------------------------


@pytest.mark.parametrize("year", range(1982, 2201))
def test_same_as_workalendar_from_1982(year: int) -> None:
    from workalendar.europe import France, FranceAlsaceMoselle

    assert FRANCE.holidays(year) == {day for day, _ in France().holidays(year)}
    assert ALSACE_MOSELLE.holidays(year) == {day for day, _ in FranceAlsaceMoselle().holidays(year)}


# -- the law's history -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # 11 November: loi du 24 octobre 1922
        (dt.date(1921, 11, 11), False),
        (dt.date(1922, 11, 11), True),
        # 1 May: once in 1919, then from 1947
        (dt.date(1918, 5, 1), False),
        (dt.date(1919, 5, 1), True),
        (dt.date(1920, 5, 1), False),
        (dt.date(1940, 5, 1), False),
        (dt.date(1947, 5, 1), True),
        (dt.date(1948, 5, 1), True),
        # 8 May: 1953–1958, 1965, from 1982
        (dt.date(1952, 5, 8), False),
        (dt.date(1953, 5, 8), True),
        (dt.date(1958, 5, 8), True),
        (dt.date(1959, 5, 8), False),
        (dt.date(1964, 5, 8), False),
        (dt.date(1965, 5, 8), True),
        (dt.date(1966, 5, 8), False),
        (dt.date(1981, 5, 8), False),
        (dt.date(1982, 5, 8), True),
        # always there since 1900
        (dt.date(1900, 1, 1), True),
        (dt.date(1900, 4, 16), True),  # Easter Monday 1900
        (dt.date(1900, 5, 24), True),  # Ascension 1900
        (dt.date(1900, 6, 4), True),  # Whit Monday 1900
        (dt.date(1900, 7, 14), True),
        (dt.date(1900, 8, 15), True),
        (dt.date(1900, 11, 1), True),
        (dt.date(1900, 12, 25), True),
        (dt.date(1900, 12, 26), False),
        (dt.date(2200, 12, 25), True),
    ],
)
def test_history(day: dt.date, expected: bool) -> None:
    assert FRANCE.is_holiday(day) is expected


@pytest.mark.parametrize(
    ("year", "count"),
    [(1900, 8), (1919, 9), (1922, 9), (1947, 10), (1953, 11), (1959, 10), (1965, 11), (1982, 11)],
)
def test_number_of_holidays_through_the_history(year: int, count: int) -> None:
    assert len(FRANCE.holidays(year)) == count


def test_whit_monday_2005_2007_is_a_reading() -> None:
    solidarity = FrenchHolidays(whit_monday_2005_2007="solidarity_day")
    whit_mondays = [dt.date(2004, 5, 31), dt.date(2005, 5, 16), dt.date(2006, 6, 5)]
    whit_mondays += [dt.date(2007, 5, 28), dt.date(2008, 5, 12)]
    assert [FRANCE.is_holiday(d) for d in whit_mondays] == [True] * 5
    assert [solidarity.is_holiday(d) for d in whit_mondays] == [True, False, False, False, True]
    assert FRANCE.holidays(2006) - solidarity.holidays(2006) == {dt.date(2006, 6, 5)}
    alsace = FrenchHolidays(region="alsace-moselle", whit_monday_2005_2007="solidarity_day")
    assert not alsace.is_holiday(dt.date(2005, 5, 16))
    assert alsace.is_holiday(dt.date(2005, 3, 25))  # Good Friday stays


@pytest.mark.parametrize(
    ("calendar", "year", "message"),
    [
        (FRANCE, 1899, r"year=1899 is outside 1900–2200"),
        (FRANCE, 2201, r"year=2201 is outside 1900–2200"),
        (FRANCE, 1941, r"year=1941 is in 1941–1946, whose holiday law"),
        (FRANCE, 1946, r"year=1946 is in 1941–1946"),
        (ALSACE_MOSELLE, 1924, r"year=1924 is outside 1925–2200"),
        (ALSACE_MOSELLE, 1943, r"year=1943 is in 1941–1946"),
    ],
)
def test_years_whose_law_is_not_encoded_are_refused(
    calendar: FrenchHolidays, year: int, message: str
) -> None:
    with pytest.raises(OutOfRangeError, match=message):
        calendar.holidays(year)
    with pytest.raises(OutOfRangeError, match=message):
        calendar.is_holiday(dt.date(year, 6, 1))


def test_edges_of_the_range_are_answered() -> None:
    assert dt.date(1940, 12, 25) in FRANCE.holidays(1940)
    assert dt.date(1947, 1, 1) in FRANCE.holidays(1947)
    assert dt.date(1925, 12, 26) in ALSACE_MOSELLE.holidays(1925)


def test_every_holiday_cites_its_law() -> None:
    assert len(HISTORY) == 13
    for holiday in HISTORY:
        assert holiday.law
        assert holiday.years
    assert FRANCE.named(2025) == {
        dt.date(2025, 1, 1): "Jour de l'an",
        dt.date(2025, 4, 21): "Lundi de Pâques",
        dt.date(2025, 5, 1): "Fête du Travail",
        dt.date(2025, 5, 8): "Victoire 1945",
        dt.date(2025, 5, 29): "Ascension",
        dt.date(2025, 6, 9): "Lundi de Pentecôte",
        dt.date(2025, 7, 14): "Fête nationale",
        dt.date(2025, 8, 15): "Assomption",
        dt.date(2025, 11, 1): "Toussaint",
        dt.date(2025, 11, 11): "Armistice 1918",
        dt.date(2025, 12, 25): "Noël",
    }
    # Ascension on 1 May 2008: one date, the first name in the table
    assert FRANCE.named(2008)[dt.date(2008, 5, 1)] == "Fête du Travail"
    assert ALSACE_MOSELLE.named(2025)[dt.date(2025, 12, 26)] == "Saint-Étienne"


def test_the_cache_is_bounded_and_can_be_cleared() -> None:
    from libriciel_terms import holidays

    _clear_caches()
    assert holidays._YEARS == {}
    for year in range(1947, 2201):
        FRANCE.holidays(year)
        ALSACE_MOSELLE.holidays(year)
        FrenchHolidays(whit_monday_2005_2007="solidarity_day").holidays(year)
    assert 0 < len(holidays._YEARS) <= holidays.YEARS_CACHED
    assert FRANCE.holidays(2025) is FRANCE.holidays(2025)


@given(st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)))
def test_is_holiday_agrees_with_holidays(day: dt.date) -> None:
    if day.year in range(1941, 1947):
        return
    assert FRANCE.is_holiday(day) is (day in FRANCE.holidays(day.year))
    if day.year >= 1925:
        assert ALSACE_MOSELLE.holidays(day.year) > FRANCE.holidays(day.year)


def test_explicit_calendar_answers_every_year() -> None:
    custom = ExplicitHolidays.of([dt.date(1, 1, 1), dt.date(9999, 12, 31)])
    assert custom.holidays(1) == {dt.date(1, 1, 1)}
    assert custom.holidays(9999) == {dt.date(9999, 12, 31)}
    assert custom.holidays(2025) == frozenset()
    assert custom == ExplicitHolidays.of(reversed([dt.date(1, 1, 1), dt.date(9999, 12, 31)]))
    assert hash(custom) == hash(ExplicitHolidays.of(custom.dates))


def test_importing_the_calendars_imports_nothing_heavy() -> None:
    code = (
        "import sys, libriciel_terms.holidays, libriciel_terms.hours;"
        "heavy = {'workalendar', 'numpy', 'pandas', 'convertdate', 'lunardate'} & set(sys.modules);"
        "print(sorted(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
