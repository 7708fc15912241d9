"""Tests for libriciel_terms.availability (contract §2.5.1, §2.8; RULES.md §2)."""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from libriciel_terms.availability import availability, availability_report
from libriciel_terms.errors import (
    EndBeforeStartError,
    FloatMoneyError,
    NaiveDatetimeError,
    OutOfRangeError,
    WrongTypeError,
)
from libriciel_terms.holidays import FRANCE
from libriciel_terms.hours import BusinessHours
from tests.strategies import aware_datetimes

PARIS = ZoneInfo("Europe/Paris")


def p(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=PARIS)


OCTOBER = (p(2024, 10, 1), p(2024, 11, 1))
OUTAGE = (p(2024, 10, 16, 11, 0), p(2024, 10, 16, 15, 30))


def test_october_2024_example() -> None:
    report = availability_report(*OCTOBER, [OUTAGE])
    assert report.psg_time == dt.timedelta(hours=161)
    assert report.downtime == dt.timedelta(hours=2, minutes=30)
    assert report.exact == Fraction(317, 322)  # 1 − 2.5 / 161
    assert report.availability == Decimal("0.984472")
    assert report.percent == Decimal("98.447")
    assert report.met is True
    assert report.allowed_downtime == dt.timedelta(hours=3, minutes=13, seconds=12)
    assert report.margin == dt.timedelta(minutes=43, seconds=12)
    assert report.counted == (OUTAGE,)
    assert availability(*OCTOBER, [OUTAGE]) == Decimal("0.984472")


@pytest.mark.parametrize(
    ("outages", "downtime"),
    [
        ([], dt.timedelta(0)),
        ([OUTAGE, OUTAGE], dt.timedelta(hours=2, minutes=30)),  # merged, never counted twice
        (
            [(p(2024, 10, 16, 11), p(2024, 10, 16, 14, 30)), (p(2024, 10, 16, 14), OUTAGE[1])],
            dt.timedelta(hours=2, minutes=30),
        ),
        ([(p(2024, 10, 19), p(2024, 10, 21))], dt.timedelta(0)),  # a weekend: outside the PSG
        ([(p(2024, 10, 31, 17), p(2024, 11, 4, 12))], dt.timedelta(hours=1)),  # clipped at end
        ([(p(2024, 9, 30, 12), p(2024, 10, 1, 10))], dt.timedelta(hours=1)),  # clipped at start
        ([(p(2024, 11, 1, 9), p(2024, 11, 1, 18))], dt.timedelta(0)),  # outside the period
    ],
)
def test_downtime_counting(
    outages: list[tuple[dt.datetime, dt.datetime]], downtime: dt.timedelta
) -> None:
    assert availability_report(*OCTOBER, outages).downtime == downtime


def test_planned_maintenance_leaves_both_numerator_and_denominator() -> None:
    planned = [(p(2024, 10, 16, 14, 0), p(2024, 10, 16, 16, 0))]
    report = availability_report(*OCTOBER, [OUTAGE], planned=planned)
    assert report.planned_time == dt.timedelta(hours=2)
    assert report.psg_time == dt.timedelta(hours=159)
    assert report.downtime == dt.timedelta(hours=1)  # 11–12 only; 14–15:30 was planned
    assert report.counted == ((OUTAGE[0], p(2024, 10, 16, 14, 0)),)  # instants, not business time
    assert report.exact == 1 - Fraction(1, 159)
    inside = availability_report(
        *OCTOBER, [(p(2024, 10, 16, 14, 30), p(2024, 10, 16, 15))], planned=planned
    )
    assert inside.downtime == dt.timedelta(0)
    assert inside.availability == Decimal("1.000000")


def test_missed_target() -> None:
    report = availability_report(*OCTOBER, [(p(2024, 10, 16, 9), p(2024, 10, 16, 12, 30))])
    assert report.downtime == dt.timedelta(hours=3)
    assert report.met is True  # 3 h < 3 h 13 min 12 s
    report = availability_report(*OCTOBER, [(p(2024, 10, 16, 9), p(2024, 10, 16, 15))])
    assert report.downtime == dt.timedelta(hours=4)
    assert report.met is False
    assert report.margin == -dt.timedelta(minutes=46, seconds=48)
    # exactly at the target is met; decided on the exact fraction
    day = (p(2024, 10, 16), p(2024, 10, 17))
    exact = availability_report(*day, [], target=Decimal("0.5"))
    assert exact.met
    half = availability_report(*day, [(p(2024, 10, 16, 9), p(2024, 10, 16, 14, 30))], target="0.5")  # type: ignore[arg-type]
    assert half.exact == Fraction(1, 2)
    assert half.met is True


def test_no_guaranteed_time_is_full_availability() -> None:
    weekend = (p(2024, 10, 19), p(2024, 10, 21))
    assert availability(*weekend, [(p(2024, 10, 19, 10), p(2024, 10, 20, 10))]) == Decimal(
        "1.000000"
    )
    assert availability(p(2024, 10, 16, 10), p(2024, 10, 16, 10), []) == Decimal("1.000000")


def test_other_schedule_c10() -> None:
    nine_to_six = BusinessHours.production_customer_space()
    report = availability_report(*OCTOBER, [OUTAGE], hours=nine_to_six)
    assert report.psg_time == dt.timedelta(hours=23 * 9)
    assert report.downtime == dt.timedelta(hours=4, minutes=30)


def test_records_and_html() -> None:
    report = availability_report(*OCTOBER, [OUTAGE])
    (record,) = report.to_records()
    assert record["availability"] == Decimal("0.984472")
    assert record["met"] is True
    assert "<table>" in report._repr_html_()


@pytest.mark.parametrize(
    ("args", "kwargs", "error"),
    [
        ((dt.datetime(2024, 10, 1), OCTOBER[1], []), {}, NaiveDatetimeError),
        ((OCTOBER[1], OCTOBER[0], []), {}, EndBeforeStartError),
        ((*OCTOBER, [(OUTAGE[1], OUTAGE[0])]), {}, EndBeforeStartError),
        ((*OCTOBER, [OUTAGE[0]]), {}, WrongTypeError),
        ((*OCTOBER, None), {}, WrongTypeError),
        (
            (*OCTOBER, []),
            {"planned": [(OUTAGE[0], dt.datetime(2024, 10, 16, 12))]},
            NaiveDatetimeError,
        ),
        ((*OCTOBER, []), {"hours": "comelus"}, WrongTypeError),
    ],
)
def test_bad_input(args: tuple[object, ...], kwargs: dict[str, object], error: type) -> None:
    with pytest.raises(error):
        availability(*args, **kwargs)  # type: ignore[arg-type]


def test_bad_target() -> None:
    with pytest.raises(FloatMoneyError):
        availability_report(*OCTOBER, [], target=0.98)  # type: ignore[arg-type]
    with pytest.raises(OutOfRangeError):
        availability_report(*OCTOBER, [], target=Decimal("1.5"))
    with pytest.raises(OutOfRangeError):
        availability_report(*OCTOBER, [], quantum=Decimal(0))


def test_hostile_decimal_context() -> None:
    expected = availability_report(*OCTOBER, [OUTAGE])
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = decimal.ROUND_FLOOR
        ctx.traps[decimal.Inexact] = True
        assert availability_report(*OCTOBER, [OUTAGE]) == expected


# -- properties ----------------------------------------------------------------------------------

_instants = aware_datetimes(min_value=dt.datetime(2024, 12, 20), max_value=dt.datetime(2025, 1, 10))
_pairs = st.tuples(_instants, _instants).map(lambda ab: (min(ab), max(ab)))


def _open(t: dt.datetime) -> bool:
    local = t.astimezone(PARIS)
    if local.weekday() >= 5 or FRANCE.is_holiday(local.date()):
        return False
    return 9 <= local.hour < 12 or 14 <= local.hour < 18


def _reference(start: dt.datetime, end: dt.datetime, outages: list, planned: list) -> Fraction:  # type: ignore[type-arg]
    """Minute by minute: guaranteed minutes, and those of them that were down."""
    guaranteed = down = 0
    t = start
    while t < end:
        if _open(t) and not any(a <= t < b for a, b in planned):
            guaranteed += 1
            down += any(a <= t < b for a, b in outages)
        t += dt.timedelta(minutes=1)
    return Fraction(1) if guaranteed == 0 else 1 - Fraction(down, guaranteed)


@settings(max_examples=40)
@given(period=_pairs, outages=st.lists(_pairs, max_size=3), planned=st.lists(_pairs, max_size=2))
def test_matches_minute_reference(period: tuple, outages: list, planned: list) -> None:  # type: ignore[type-arg]
    report = availability_report(*period, outages, planned=planned)
    assert Fraction(0) <= report.exact <= 1
    assert Decimal(0) <= report.availability <= Decimal(1)
    assert report.availability <= Decimal(report.exact.numerator) / report.exact.denominator
    assert report.exact == _reference(*period, outages, planned)
    assert availability(*period, []) == Decimal("1.000000")
