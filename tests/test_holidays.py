"""The holiday calendars against an independent, Easter-based computation (2000–2100)."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

from libriciel_terms import (
    ALSACE_MOSELLE,
    FRANCE,
    ExplicitHolidays,
    FrenchHolidays,
    OutOfRangeError,
    TermsError,
    WrongTypeError,
)


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
