"""Tests for libriciel_terms.downtime: availability against the commitment (Contract §2.5.1,
§2.6.3, §2.8), every reading with hand-computed cases quoted from the contract."""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from libriciel_terms.downtime import (
    AvailabilityCommitment,
    AvailabilityReport,
    availability,
    availability_report,
)
from libriciel_terms.errors import (
    EndBeforeStartError,
    FloatMoneyError,
    InvalidArgumentError,
    NaiveDatetimeError,
    OutOfRangeError,
    TermsError,
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
    assert record == {
        "start": OCTOBER[0],
        "end": OCTOBER[1],
        "psg_hours": Decimal(161),
        "planned_hours": Decimal(0),
        "downtime_hours": Decimal("2.5"),
        "availability": Decimal("0.984472"),
        "percent": Decimal("98.447"),
        "target_percent": Decimal(98),
        "allowed_downtime_hours": Decimal("3.22"),
        "margin_hours": Decimal("0.72"),
        "met": True,
        "planned_in_psg": 0,
    }


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


def test_texts_ignore_the_hostile_decimal_fixture(hostile_decimal: object) -> None:
    report = availability_report(*OCTOBER, [OUTAGE])
    assert report.to_records()[0]["target_percent"] == Decimal(98)
    assert "98,447\u202f%" in report.to_text()
    assert report.availability == Decimal("0.984472")


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


@settings(max_examples=min(40, settings.default.max_examples))
@given(period=_pairs, outages=st.lists(_pairs, max_size=3), planned=st.lists(_pairs, max_size=2))
def test_matches_minute_reference(period: tuple, outages: list, planned: list) -> None:  # type: ignore[type-arg]
    report = availability_report(*period, outages, planned=planned)
    assert Fraction(0) <= report.exact <= 1
    assert Decimal(0) <= report.availability <= Decimal(1)
    assert report.availability <= Decimal(report.exact.numerator) / report.exact.denominator
    assert report.exact == _reference(*period, outages, planned)
    assert availability(*period, []) == Decimal("1.000000")


# -- the commitment and its readings ----------------------------------------------------------------

COMMITMENT = AvailabilityCommitment.comelus()
NOVEMBER = (p(2024, 11, 1), p(2024, 12, 1))


def test_the_commitment_is_the_function() -> None:
    assert COMMITMENT.report(*OCTOBER, [OUTAGE]) == availability_report(*OCTOBER, [OUTAGE])
    assert COMMITMENT.target == Decimal("0.98")
    assert COMMITMENT.hours == BusinessHours.comelus()
    assert (
        COMMITMENT.measured_time,
        COMMITMENT.planned_work,
        COMMITMENT.holidays_in_psg,
        COMMITMENT.planned_in_psg,
        COMMITMENT.quantum,
        COMMITMENT.clause,
    ) == ("psg", "removed_from_both", "excluded", "excluded", Decimal("0.000001"), "§2.5.1, §2.8")


def test_measured_time_reading() -> None:
    """§2.8 "Notre engagement porte sur un SLA de 98 % sur la PSG" vs §2.5.1 "disponible 98 % du
    temps" with "Surveillance 24/7". October 2024 has 31 days and the autumn clock change: 745
    hours; the outage lasts 4 h 30 in all."""
    every_hour = COMMITMENT.report(*OCTOBER, [OUTAGE], measured_time="all_hours")
    assert every_hour.psg_time == dt.timedelta(hours=745)
    assert every_hour.downtime == dt.timedelta(hours=4, minutes=30)
    assert every_hour.exact == Fraction(1481, 1490)  # 1 − 4.5 / 745
    assert every_hour.percent == Decimal("99.395")
    assert every_hour.allowed_downtime == dt.timedelta(hours=14, minutes=54)
    assert COMMITMENT.report(*OCTOBER, [OUTAGE]).percent == Decimal("98.447")
    # a night-long outage: nothing under the PSG, 12 hours out of 745 on every hour
    night = [(p(2024, 10, 16, 19), p(2024, 10, 17, 7))]
    assert COMMITMENT.report(*OCTOBER, night).exact == 1
    assert COMMITMENT.report(*OCTOBER, night, measured_time="all_hours").exact == Fraction(733, 745)
    assert "psg_hours" in every_hour.to_records()[0]
    assert "ouvrées" not in every_hour.to_text()
    assert "745" in every_hour.to_text()


def test_planned_work_reading() -> None:
    """§2.5.1 "(hors montées de versions et opérations de maintenance planifiées)": planned work
    leaves the downtime; does it leave the measured time too? Planned 14:00–16:00 on the 16th."""
    planned = [(p(2024, 10, 16, 14, 0), p(2024, 10, 16, 16, 0))]
    both = COMMITMENT.report(*OCTOBER, [OUTAGE], planned=planned)
    only_downtime = COMMITMENT.report(
        *OCTOBER, [OUTAGE], planned=planned, planned_work="removed_from_downtime"
    )
    assert (both.psg_time, both.downtime, both.exact) == (
        dt.timedelta(hours=159),
        dt.timedelta(hours=1),
        Fraction(158, 159),
    )
    assert (only_downtime.psg_time, only_downtime.downtime, only_downtime.exact) == (
        dt.timedelta(hours=161),
        dt.timedelta(hours=1),
        Fraction(160, 161),
    )
    assert only_downtime.planned_time == dt.timedelta(hours=2)


def test_holidays_in_psg_reading() -> None:
    """§4.1 "exception faite des jours fériés légaux du titulaire" vs §2.8 "du lundi au vendredi
    inclus". November 2024: 21 weekdays, 1 and 11 November are holidays; an outage on Monday 11
    from 10:00 to 12:00."""
    outage = [(p(2024, 11, 11, 10), p(2024, 11, 11, 12))]
    excluded = COMMITMENT.report(*NOVEMBER, outage)
    included = COMMITMENT.report(*NOVEMBER, outage, holidays_in_psg="included")
    assert (excluded.psg_time, excluded.downtime, excluded.exact) == (
        dt.timedelta(hours=133),
        dt.timedelta(0),
        Fraction(1),
    )
    assert (included.psg_time, included.downtime, included.exact) == (
        dt.timedelta(hours=147),
        dt.timedelta(hours=2),
        Fraction(145, 147),
    )
    worked = AvailabilityCommitment.comelus(holidays_in_psg="included")
    assert worked.psg.name == "PSG ComElus (§4.1), jours fériés inclus"
    assert worked.report(*NOVEMBER, outage) == included


def test_planned_work_inside_the_psg_is_flagged() -> None:
    """§2.6.3 "Les opérations de mise à niveau sont réalisées en dehors des PSG": a planned
    window inside the PSG is flagged; ``planned_in_psg="counted"`` does not excuse it."""
    inside = (p(2024, 10, 16, 14, 0), p(2024, 10, 16, 16, 0))
    outside = (p(2024, 10, 19, 10, 0), p(2024, 10, 19, 12, 0))  # a Saturday
    report = COMMITMENT.report(*OCTOBER, [OUTAGE], planned=[inside, outside])
    assert report.planned_in_psg == (inside,)
    assert report.exact == Fraction(158, 159)
    notes = report.notes(lang="en")
    assert notes[1] == (
        "§2.6.3: upgrades are done outside the PSG; planned work during the PSG: Wed 2024-10-16 "
        "14:00 – Wed 2024-10-16 16:00 (removed as planned work)"
    )
    assert "§2.6.3\u00a0: les opérations de mise à niveau" in report.notes()[1]
    counted = COMMITMENT.report(
        *OCTOBER, [OUTAGE], planned=[inside, outside], planned_in_psg="counted"
    )
    assert counted.planned_in_psg == (inside,)
    assert (counted.psg_time, counted.downtime, counted.exact) == (
        dt.timedelta(hours=161),
        dt.timedelta(hours=2, minutes=30),
        Fraction(317, 322),
    )
    assert "(counted as downtime)" in counted.notes(lang="en")[1]
    assert COMMITMENT.report(*OCTOBER, [], planned=[outside]).planned_in_psg == ()


def test_an_outage_over_two_planned_windows() -> None:
    planned = [
        (p(2024, 10, 16, 9, 30), p(2024, 10, 16, 10)),
        (p(2024, 10, 16, 11), p(2024, 10, 16, 14, 30)),
    ]
    report = COMMITMENT.report(
        *OCTOBER, [(p(2024, 10, 16, 9), p(2024, 10, 16, 16))], planned=planned
    )
    assert report.counted == (
        (p(2024, 10, 16, 9), p(2024, 10, 16, 9, 30)),
        (p(2024, 10, 16, 10), p(2024, 10, 16, 11)),
        (p(2024, 10, 16, 14, 30), p(2024, 10, 16, 16)),
    )
    assert report.downtime == dt.timedelta(hours=3)
    assert report.planned_time == dt.timedelta(hours=2)


def test_the_october_fold() -> None:
    a = dt.datetime(2025, 10, 26, 2, 30, tzinfo=PARIS)
    b = dt.datetime(2025, 10, 26, 2, 15, tzinfo=PARIS, fold=1)
    assert availability(a, b, []) == Decimal("1.000000")
    all_hours = COMMITMENT.report(a, b, [(a, b)], measured_time="all_hours")
    assert all_hours.psg_time == dt.timedelta(minutes=45)
    assert all_hours.exact == 0
    with pytest.raises(EndBeforeStartError, match=r"end=.* is before start="):
        availability(b, a, [])


def test_results_are_in_the_schedule_zone() -> None:
    utc = (OCTOBER[0].astimezone(dt.UTC), OCTOBER[1].astimezone(dt.UTC))
    outage = (OUTAGE[0].astimezone(dt.UTC), OUTAGE[1].astimezone(dt.UTC))
    report = COMMITMENT.report(
        *utc, [outage], planned=[(outage[0], outage[0] + dt.timedelta(minutes=30))]
    )
    assert report.start.tzinfo is PARIS
    assert report.end.tzinfo is PARIS
    assert all(
        i.tzinfo is PARIS for pair in (*report.counted, *report.planned_in_psg) for i in pair
    )
    assert report.counted == ((p(2024, 10, 16, 11, 30), p(2024, 10, 16, 15, 30)),)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        (
            {"target": Decimal("1E-999999999")},
            OutOfRangeError,
            "at most 15 digits before the decimal point and 28 after",
        ),
        ({"target": Decimal("1E+999999999")}, OutOfRangeError, "is outside the range accepted"),
        ({"quantum": Decimal("1E-999999999")}, OutOfRangeError, "is outside the range accepted"),
        (
            {"quantum": Decimal("2")},
            OutOfRangeError,
            "quantum=Decimal\\('2'\\) must be in \\(0, 1\\]",
        ),
        ({"target": Decimal(0)}, OutOfRangeError, "target=Decimal\\('0'\\) must be in \\(0, 1\\]"),
        ({"target": Decimal("NaN")}, TermsError, "is not finite"),
        ({"target": "abc"}, WrongTypeError, "target='abc' is not a decimal number"),
        ({"quantum": 0.1}, FloatMoneyError, "quantum=0.1 is a float"),
    ],
)
def test_extreme_values_are_refused_at_once(
    kwargs: dict[str, object], error: type, match: str
) -> None:
    with pytest.raises(error, match=match):
        availability_report(*OCTOBER, [], **kwargs)  # type: ignore[arg-type]


@settings(deadline=dt.timedelta(seconds=1), max_examples=min(50, settings.default.max_examples))
@given(
    value=st.one_of(
        st.decimals(allow_nan=True, allow_infinity=True),
        st.builds(lambda e: Decimal(f"1E{e}"), st.integers(-999_999_999, 999_999_999)),
    )
)
def test_any_decimal_returns_or_is_refused_fast(value: Decimal) -> None:
    for field in ("target", "quantum"):
        try:
            report = availability_report(*OCTOBER, [OUTAGE], **{field: value})  # type: ignore[arg-type]
        except TermsError:
            continue
        assert Decimal(0) <= report.availability <= 1


@pytest.mark.parametrize(
    "start",
    [
        dt.datetime(1, 1, 1, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=14))),
        dt.datetime(9999, 12, 31, 23, 0, tzinfo=dt.timezone(dt.timedelta(hours=-14))),
    ],
)
def test_the_ends_of_the_calendar_are_refused(start: dt.datetime) -> None:
    with pytest.raises(OutOfRangeError):
        availability(start, start, [])


def test_commitment_constructor_refuses_junk() -> None:
    with pytest.raises(WrongTypeError, match="hours='comelus'"):
        AvailabilityCommitment(hours="comelus")  # type: ignore[arg-type]
    with pytest.raises(OutOfRangeError, match=r"target='1.5' is above 1; pass a fraction <= 1"):
        AvailabilityCommitment(hours=BusinessHours.comelus(), target="1.5")  # type: ignore[arg-type]
    with pytest.raises(FloatMoneyError, match=r"target=0.98 is a float"):
        AvailabilityCommitment(hours=BusinessHours.comelus(), target=0.98)  # type: ignore[arg-type]
    with pytest.raises(
        InvalidArgumentError, match="measured_time='24/7' is not one of 'psg', 'all_hours'"
    ):
        AvailabilityCommitment(hours=BusinessHours.comelus(), measured_time="24/7")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="planned_work='none' is not one of"):
        COMMITMENT.report(*OCTOBER, [], planned_work="none")  # type: ignore[arg-type]
    assert AvailabilityCommitment(hours=BusinessHours.comelus(), target="0.99").target == Decimal(
        "0.99"
    )  # type: ignore[arg-type]


def test_commitment_and_report_texts() -> None:
    assert COMMITMENT.headline() == "Engagement de disponibilité\u00a0: 98\u202f% (§2.5.1, §2.8)"
    assert COMMITMENT.headline(lang="en") == "Availability commitment: 98% (§2.5.1, §2.8)"
    assert COMMITMENT.to_records() == [
        {
            "target_percent": Decimal(98),
            "hours": "PSG ComElus (§4.1)",
            "measured_time": "psg",
            "planned_work": "removed_from_both",
            "holidays_in_psg": "excluded",
            "planned_in_psg": "excluded",
            "clause": "§2.5.1, §2.8",
        }
    ]
    assert "<table>" in COMMITMENT._repr_html_()
    report = COMMITMENT.report(*OCTOBER, [OUTAGE])
    assert report.headline() == (
        "Disponibilité du mar. 2024-10-01 00:00 au ven. 2024-11-01 00:00\u00a0: 98,447\u202f% (respecté)"
    )
    assert report.headline(lang="en") == (
        "Availability from Tue 2024-10-01 00:00 to Fri 2024-11-01 00:00: 98.447% (met)"
    )
    assert report.explain(lang="en") == (
        "availability = 1 − 2 h 30 min of business time / 161 business hours = 98.447% ≥ 98%: "
        "met (Contract §2.5.1, §2.8)"
    )
    missed = COMMITMENT.report(*OCTOBER, [(p(2024, 10, 16, 9), p(2024, 10, 16, 15))])
    assert missed.explain() == (
        "disponibilité = 1 − 4\u00a0h ouvrées / 161\u00a0h ouvrées = 97,515\u202f% < 98\u202f%\u00a0: "
        "non respecté (Contrat §2.5.1, §2.8)"
    )
    text = report.to_text()
    assert "161\u00a0h ouvrées" in text
    assert "2\u00a0h 30\u00a0min ouvrées" in text
    for word in ("business", "downtime", "met"):
        assert word not in text
    english = report.to_text(lang="en")
    for word in ("ouvrées", "indisponibilité", "respecté"):
        assert word not in english
    assert isinstance(report, AvailabilityReport)


def test_missed_headline_and_counted_notes() -> None:
    missed = COMMITMENT.report(*OCTOBER, [(p(2024, 10, 16, 9), p(2024, 10, 16, 15))])
    assert missed.headline() == (
        "Disponibilité du mar. 2024-10-01 00:00 au ven. 2024-11-01 00:00\u00a0: 97,515\u202f% "
        "(non respecté)"
    )
    assert missed.headline(lang="en") == (
        "Availability from Tue 2024-10-01 00:00 to Fri 2024-11-01 00:00: 97.515% (missed)"
    )
    assert missed.explain(lang="en").endswith("97.515% < 98%: missed (Contract §2.5.1, §2.8)")
    inside = (p(2024, 10, 16, 14, 0), p(2024, 10, 16, 16, 0))
    counted = COMMITMENT.report(*OCTOBER, [OUTAGE], planned=[inside], planned_in_psg="counted")
    assert counted.notes()[1] == (
        "§2.6.3\u00a0: les opérations de mise à niveau sont réalisées en dehors des PSG\u202f; "
        "travaux planifiés pendant la PSG\u00a0: mer. 2024-10-16 14:00 – mer. 2024-10-16 16:00 "
        "(comptés comme indisponibilité)"
    )
    excluded = COMMITMENT.report(*OCTOBER, [OUTAGE], planned=[inside])
    assert excluded.notes()[1].endswith("(retirés comme travaux planifiés)")
    assert len(COMMITMENT.report(*OCTOBER, [OUTAGE]).notes()) == 1
