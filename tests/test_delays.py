"""Délais as the contract writes them (delays.py) and how a schedule applies them."""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from libriciel_terms import BusinessDuration, BusinessHours, Delay
from libriciel_terms._exact import round_fraction
from libriciel_terms.delays import DelayUnit
from libriciel_terms.errors import InvalidArgumentError, OutOfRangeError, WrongTypeError

PARIS = ZoneInfo("Europe/Paris")


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("4 heures ouvrées", 4, "business_hours"),
        ("1 heure ouvrée", 1, "business_hours"),
        ("4 HEURES OUVREES", 4, "business_hours"),
        ("8 h ouvrées", 8, "business_hours"),
        ("4 business hours", 4, "business_hours"),
        ("3 jours ouvrés", 3, "working_days"),
        ("1 jour ouvré", 1, "working_days"),
        ("30 working days", 30, "working_days"),
        ("2 jours ouvrables", 2, "ouvrable_days"),
        ("30 jours", 30, "days"),
        ("30 jours calendaires", 30, "days"),
        ("30 days", 30, "days"),
        ("2 mois", 2, "months"),
        ("6 months", 6, "months"),
        ("1 an", 1, "years"),
        ("3 ans", 3, "years"),
        ("3 années", 3, "years"),
        ("2 years", 2, "years"),
        ("48 heures", 48, "hours"),
        ("48 h", 48, "hours"),
        ("  48   hours ", 48, "hours"),
    ],
)
def test_parse_contract_words(text: str, amount: int, unit: DelayUnit) -> None:
    assert Delay.parse(text) == Delay(amount=amount, unit=unit)


@pytest.mark.parametrize(
    "text",
    ["", "quatre heures", "4", "4 semaines", "-2 mois", "2.5 mois", "4 heures ouvrés de plus"],
)
def test_parse_refuses_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(
        InvalidArgumentError,
        match=r"is not a délai; write a whole number and a unit: heures ouvrées",
    ):
        Delay.parse(text)


def test_parse_refuses_non_text() -> None:
    with pytest.raises(
        WrongTypeError, match=r'term.period=12 is a int, not a str such as "30 jours"'
    ):
        Delay.parse(12, name="term.period")  # type: ignore[arg-type]


@given(
    st.integers(0, 1000),
    st.sampled_from(
        ["business_hours", "working_days", "ouvrable_days", "hours", "days", "months", "years"]
    ),
    st.sampled_from(["fr", "en"]),
)
def test_text_parses_back(amount: int, unit: DelayUnit, lang: str) -> None:
    delay = Delay(amount=amount, unit=unit)
    assert Delay.parse(delay.to_text(lang=lang)) == delay  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("delay", "fr", "en"),
    [
        (Delay.business_hours(4), "4 h ouvrées", "4 business hours"),
        (Delay.working_days(1), "1 jour ouvré", "1 working day"),
        (
            Delay.working_days(5, counting="daily_hours"),
            "5 jours ouvrés (× heures ouvrées par jour)",
            "5 working days (× daily business hours)",
        ),
        (Delay.months(2), "2 mois", "2 months"),
        (Delay.years(1), "1 an", "1 year"),
        (Delay.days(0), "0 jour", "0 days"),
    ],
)
def test_text(delay: Delay, fr: str, en: str) -> None:
    assert str(delay) == fr
    assert delay.to_text(lang="en") == en


def test_validation() -> None:
    with pytest.raises(
        InvalidArgumentError, match=r"counting='daily_hours' applies to jours ouvrés only"
    ):
        Delay(amount=2, unit="months", counting="daily_hours")
    with pytest.raises(InvalidArgumentError, match=r"unit='weeks' is not one of 'business_hours'"):
        Delay(amount=2, unit="weeks")  # type: ignore[arg-type]
    with pytest.raises(OutOfRangeError, match=r"amount=100001 is above 100000"):
        Delay.days(100_001)
    with pytest.raises(WrongTypeError, match=r"amount=1.5 is a float, not an int"):
        Delay.days(1.5)  # type: ignore[arg-type]
    assert Delay.years(2).in_months == 24
    with pytest.raises(InvalidArgumentError, match=r"is not in months or years"):
        _ = Delay.days(30).in_months


@pytest.mark.parametrize(
    ("delay", "expected"),
    [
        (Delay.business_hours(4), "2024-12-23T11:30:00+01:00"),
        (Delay.working_days(1), "2024-12-23T18:00:00+01:00"),
        (Delay.ouvrable_days(1), "2024-12-22T00:00:00+01:00"),  # Saturday 21, ends at 24:00
        (Delay.hours(48), "2024-12-22T16:30:00+01:00"),
        (Delay.days(30), "2025-01-19T16:30:00+01:00"),
        (Delay.months(2), "2025-02-20T16:30:00+01:00"),
        (Delay.years(1), "2025-12-20T16:30:00+01:00"),
    ],
)
def test_schedule_applies_every_unit_to_an_instant(delay: Delay, expected: str) -> None:
    friday = dt.datetime(2024, 12, 20, 16, 30, tzinfo=PARIS)
    assert BusinessHours.comelus().deadline(friday, delay).isoformat() == expected


@pytest.mark.parametrize(
    ("delay", "expected"),
    [
        (Delay.working_days(30), dt.date(2028, 10, 12)),  # hosting data destroyed (§6.5.9.4)
        (Delay.ouvrable_days(6), dt.date(2028, 9, 7)),
        (Delay.days(30), dt.date(2028, 9, 30)),
        (Delay.months(6), dt.date(2029, 2, 28)),
        (Delay.years(2), dt.date(2030, 8, 31)),
    ],
)
def test_schedule_applies_day_units_to_a_date(delay: Delay, expected: dt.date) -> None:
    assert BusinessHours.comelus().deadline_on(dt.date(2028, 8, 31), delay) == expected


def test_hours_need_an_instant() -> None:
    with pytest.raises(
        WrongTypeError, match=r"delay=48 heures is counted in hours, which needs an instant"
    ):
        BusinessHours.comelus().deadline_on(dt.date(2025, 3, 28), Delay.hours(48))


@pytest.mark.parametrize(
    ("delta", "hours", "fr"),
    [
        (dt.timedelta(hours=64), Decimal("64"), "64 h ouvrées"),
        (dt.timedelta(hours=2, minutes=30), Decimal("2.5"), "2 h 30 min ouvrées"),
        (dt.timedelta(minutes=20), Decimal("0.3333"), "20 min ouvrées"),
        (dt.timedelta(hours=-3), Decimal("-3"), "-3 h ouvrées"),
        (dt.timedelta(hours=100), Decimal("100"), "100 h ouvrées"),
    ],
)
def test_business_duration(
    delta: dt.timedelta, hours: Decimal, fr: str, hostile_decimal: decimal.Context
) -> None:
    duration = BusinessDuration.of(delta)
    assert duration.hours == hours
    assert str(duration.hours) == str(hours)
    assert str(duration).replace("\u00a0", " ") == fr
    assert duration.timedelta == delta
    assert BusinessDuration.of(dt.timedelta(hours=1)) < duration or delta <= dt.timedelta(hours=1)


@given(st.integers(-(10**15), 10**15))
@example(180_000)  # exactly half a ten-thousandth: away from zero
@example(-180_000)
@example(179_999)
def test_business_duration_hours_is_the_exact_value_rounded(microseconds: int) -> None:
    """Hours to the ten-thousandth, half away from zero, computed on the exact fraction."""
    exact = Fraction(microseconds, 3_600_000_000)
    expected = round_fraction(exact, Decimal("0.0001"))
    hours = BusinessDuration(microseconds=microseconds).hours
    assert hours == expected
    assert hours.as_tuple().exponent <= 0
    assert str(hours) == str(expected.normalize()) or hours == hours.to_integral_value()
